package permission_test

import (
	"fmt"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// A Staff member works on the projects they are a member of, and sees no
// financial information and no company settings.
func ExampleAuthorize() {
	// The set fills in role, scope and permissions; the host adds the ID and
	// the memberships.
	staff := set.MustSystem(role.Staff, 0, 0).Subject(1, 42)
	staff.Projects = scope.NewMembers(7)

	mine := permission.Resource{Org: 1, Kind: permission.KindTask, ID: 1001, Project: 7, Visibility: scope.Private}
	other := permission.Resource{Org: 1, Kind: permission.KindTask, ID: 1002, Project: 8, Visibility: scope.Public}
	budget := permission.Resource{Org: 1, Kind: permission.KindBudget, ID: 70, Project: 7, Visibility: scope.Private, Budget: 70}
	org := permission.Resource{Org: 1, Kind: permission.KindOrganization}

	fmt.Println(permission.Authorize(staff, permission.AlterTask, mine))
	fmt.Println(permission.Authorize(staff, permission.AlterTask, other))
	fmt.Println(permission.Authorize(staff, permission.ViewBudgetRevenue, budget))
	fmt.Println(permission.Authorize(staff, permission.ManageOrgSettings, org))
	// Output:
	// task.alter is allowed
	// task.alter is denied: the record is not within reach: not a member (projects.view_all would reach it)
	// budget.view_revenue is denied: a required permission is missing (budgets.view_financials)
	// settings.manage is denied: a required permission is missing (settings.manage_organization)
}

// A Manager with restricted access reaches all public projects, the deals
// assigned to them and the private projects they are a member of, and sees
// financial information only there.
func ExampleAuthorize_restrictedManager() {
	m := set.MustSystem(role.Manager, scope.Restricted, 0).Subject(1, 42)
	m.Projects = scope.NewMembers(7) // a private project they were added to
	m.Deals = scope.NewMembers(30)   // a deal assigned to them

	project := func(id scope.ID, v scope.Visibility) permission.Resource {
		return permission.Resource{Org: 1, Kind: permission.KindProject, ID: id, Project: id, Visibility: v}
	}
	budgetOf := func(id scope.ID, v scope.Visibility) permission.Resource {
		return permission.Resource{Org: 1, Kind: permission.KindBudget, ID: 100 + id, Project: id, Visibility: v, Budget: 100 + id}
	}
	deal := func(id scope.ID) permission.Resource {
		return permission.Resource{Org: 1, Kind: permission.KindDeal, ID: id, Deal: id}
	}

	fmt.Println("public project: ", permission.Authorize(m, permission.ViewProject, project(5, scope.Public)).Reason())
	fmt.Println("private, member:", permission.Authorize(m, permission.ViewProject, project(7, scope.Private)).Reason())
	fmt.Println("private, other: ", permission.Authorize(m, permission.ViewProject, project(8, scope.Private)).Reason())
	fmt.Println("assigned deal:  ", permission.Authorize(m, permission.ViewDealFinancials, deal(30)).Reason())
	fmt.Println("other deal:     ", permission.Authorize(m, permission.ViewDealFinancials, deal(31)).Reason())
	// Budgets have reach rights of their own: a Restricted set reaches the
	// budgets it is a member of (of the budget or its project), public
	// project or not.
	fmt.Println("revenue, member:", permission.Authorize(m, permission.ViewBudgetRevenue, budgetOf(7, scope.Private)).Reason())
	fmt.Println("revenue, public:", permission.Authorize(m, permission.ViewBudgetRevenue, budgetOf(5, scope.Public)).Reason())
	fmt.Println("revenue, other: ", permission.Authorize(m, permission.ViewBudgetRevenue, budgetOf(8, scope.Private)).Reason())
	fmt.Println("profit, public: ", permission.Authorize(m, permission.ViewBudgetProfit, budgetOf(5, scope.Public)))
	// Output:
	// public project:  granted
	// private, member: granted
	// private, other:  private_not_member
	// assigned deal:   granted
	// other deal:      deal_not_assigned
	// revenue, member: granted
	// revenue, public: not_in_reach
	// revenue, other:  not_in_reach
	// profit, public:  budget.view_profit is denied: a required permission is missing (budgets.view_profit)
}

// A client sees a budget only with the budgets add-on, once invited to the
// project and to the budget, and once the budget's Client access is on. Even
// then, never the worked time.
func ExampleAuthorize_clientBudget() {
	client := set.MustSystem(role.Client, 0, set.AddonBudgets).Subject(1, 42)
	client.Plan = set.Professional // clients see budgets from the Professional plan
	budget := permission.Resource{Org: 1, Kind: permission.KindBudget, ID: 70, Project: 7, Visibility: scope.Private, Budget: 70}

	step := func(what string) {
		fmt.Printf("%-26s %v\n", what+":", permission.Authorize(client, permission.ViewBudget, budget).Reason())
	}
	step("not invited")
	client.Projects = scope.NewMembers(7)
	step("invited to the project")
	client.Budgets = scope.NewMembers(70)
	step("invited to the budget")
	budget.ClientAccess = true
	step("Client access on")

	fmt.Println(permission.Authorize(client, permission.ViewTimeToComplete, budget))
	fmt.Println(permission.Authorize(client, permission.ViewBudgetWorkedTime, budget))

	withoutAddon := set.MustSystem(role.Client, 0, 0).Subject(1, 42)
	withoutAddon.Projects, withoutAddon.Budgets, withoutAddon.Plan = client.Projects, client.Budgets, client.Plan
	fmt.Println(permission.Authorize(withoutAddon, permission.ViewBudget, budget))

	essential := client
	essential.Plan = set.Essential
	fmt.Println(permission.Authorize(essential, permission.ViewBudget, budget))
	// Output:
	// not invited:               not_in_reach
	// invited to the project:    budget_not_shared
	// invited to the budget:     client_access_off
	// Client access on:          granted
	// budget.view_time_to_complete is allowed
	// budget.view_worked_time is denied: clients never see worked time, cost, rates, profit, margin, invoicing or expenses
	// budget.view is denied: a required permission is missing (budgets.view)
	// budget.view is denied: the organization's plan does not include it
}

// Exporting invoices and expenses to the accounting tool needs only the
// invoice and expense permissions; connecting the tool needs "Manage
// organizational integrations". Often one admin connects and an accountant
// exports. The accountant's set is built on Staff, and reaches every invoice
// and expense through "View all invoices" and "Add, edit, and delete all
// expenses", not through projects.
func ExampleAuthorize_invoiceExport() {
	accounting, err := set.NewBuilder("Accounting", set.MustSystem(role.Staff, 0, 0)).
		Grant(permission.InvoicesViewAll, permission.InvoicesManage, permission.ExpensesManageAll).
		Build(set.Ultimate)
	if err != nil {
		fmt.Println(err)
		return
	}
	accountant := accounting.Subject(1, 42)
	admin := set.MustSystem(role.Admin, 0, 0).Subject(1, 1)

	invoice := permission.Resource{Org: 1, Kind: permission.KindInvoice, ID: 9001, Project: 7, Visibility: scope.Private, Budget: 70}
	expense := permission.Resource{Org: 1, Kind: permission.KindExpense, ID: 501, Person: 7, Project: 8, Visibility: scope.Public, Budget: 80}
	org := permission.Resource{Org: 1, Kind: permission.KindOrganization}

	fmt.Println("export invoice needs: ", permission.ExportInvoice.Requires())
	fmt.Println("export expense needs: ", permission.ExportExpense.Requires())
	fmt.Println("connect needs:        ", permission.ConnectAccounting.Requires())
	fmt.Println("accountant:", permission.Authorize(accountant, permission.ExportInvoice, invoice))
	fmt.Println("accountant:", permission.Authorize(accountant, permission.ExportExpense, expense))
	fmt.Println("accountant:", permission.Authorize(accountant, permission.ConnectAccounting, org))
	fmt.Println("admin:     ", permission.Authorize(admin, permission.ConnectAccounting, org))
	// Output:
	// export invoice needs:  invoices.view,invoices.copy_to_accounting
	// export expense needs:  expenses.manage_own,expenses.manage_all
	// connect needs:         integrations.manage_organizational
	// accountant: invoice.export is allowed
	// accountant: expense.export is allowed
	// accountant: integration.connect_accounting is denied: a required permission is missing (integrations.manage_organizational)
	// admin:      integration.connect_accounting is allowed
}

// Capabilities is Productive's "Try it out": everything a person may do with
// one record.
func ExampleCapabilities() {
	budget := permission.Resource{Org: 1, Kind: permission.KindBudget, ID: 70, Project: 7, Visibility: scope.Private, Budget: 70, ClientAccess: true}
	for _, s := range []set.Set{
		set.MustSystem(role.Staff, 0, set.AddonTime),
		set.MustSystem(role.Manager, 0, 0),
		set.MustSystem(role.Client, 0, set.AddonBudgets),
	} {
		subj := s.Subject(1, 42)
		subj.Projects = scope.NewMembers(7)
		subj.Budgets = scope.NewMembers(70)
		subj.Plan = set.Ultimate
		fmt.Printf("%s:\n", s.Name())
		for a := range permission.Capabilities(subj, budget).All() {
			fmt.Println("  ", a)
		}
	}
	// Output:
	// Staff with time access:
	//    budget.view
	//    budget.view_estimated_time
	//    budget.view_worked_time
	//    budget.view_variance_at_completion
	//    budget.view_time_to_complete
	// Manager:
	//    budget.view
	//    budget.view_estimated_time
	//    budget.view_worked_time
	//    budget.view_revenue
	//    budget.view_variance_at_completion
	//    budget.view_time_to_complete
	// Client Manager:
	//    budget.view
	//    budget.view_estimated_time
	//    budget.view_variance_at_completion
	//    budget.view_time_to_complete
}

// A host prepares each person's subject once (at login, or when its cache of
// subjects fills) and decides many times with it: the subject is validated
// once and its reach looked up once, and nothing is copied per decision.
func ExamplePrepare() {
	m := set.MustSystem(role.Manager, scope.Restricted, 0).Subject(1, 42)
	m.Projects = scope.NewMembers(7)
	p, err := permission.Prepare(m)
	if err != nil {
		fmt.Println(err)
		return
	}
	r := permission.Resource{Org: 1, Kind: permission.KindProject, Project: 7, Visibility: scope.Private}
	fmt.Println(p.Authorize(permission.ViewProject, &r))
	r.Project = 8
	fmt.Println(p.Authorize(permission.ViewProject, &r))
	fmt.Println(p.Capabilities(&r))

	_, err = permission.Prepare(permission.Subject{ID: 42, Role: role.Manager})
	fmt.Println(err)
	// Output:
	// project.view is allowed
	// project.view is denied: the project is private and they are not a member (projects.view_all would reach it)
	//
	// permission: subject 42 has no organization: invalid subject
}
