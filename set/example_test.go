package set_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

func ExampleSystem() {
	m, err := set.System(role.Manager, scope.Restricted, 0)
	fmt.Println(m, err)
	fmt.Println(m.Scope(), m.Seat(), m.Has(permission.BudgetsViewFinancials), m.Has(permission.BudgetsViewProfit))

	s := set.MustSystem(role.Staff, 0, set.AddonContacts|set.AddonTime)
	fmt.Println(s, s.Scope())

	_, err = set.System(role.Staff, scope.Unlimited, 0)
	fmt.Println(errors.Is(err, set.ErrScope), err)
	// Output:
	// Manager with restricted access <nil>
	// restricted paid true false
	// Staff with CRM and time access member
	// true set: staff with scope unlimited: scope does not fit the role
}

func ExampleNewBuilder() {
	// A custom role responsible for integration management: Staff who may
	// also connect projects to Jira.
	s, err := set.NewBuilder("Jira manager", set.MustSystem(role.Staff, 0, 0)).
		Grant(permission.IntegrationsManageTaskManagement).
		Revoke(permission.DocsAccess).
		Build(set.Ultimate)
	fmt.Println(s, s.Custom(), err)
	fmt.Println(s.Has(permission.IntegrationsManageTaskManagement), s.Has(permission.DocsAccess))

	// Custom sets need the Ultimate plan.
	_, err = set.NewBuilder("Jira manager", set.MustSystem(role.Staff, 0, 0)).Build(set.Professional)
	fmt.Println(err)
	// Output:
	// Jira manager true <nil>
	// true false
	// set "Jira manager": plan professional: custom permission sets need the Ultimate plan
}

func ExampleDiff() {
	pm := set.MustSystem(role.ProfitabilityManager, 0, 0)
	s, _ := set.NewBuilder("Sales", pm).
		Grant(permission.ReportsViewCostMargin).
		Revoke(permission.ProjectsView).
		Build(set.Ultimate)
	d := set.Diff(pm, s)
	fmt.Println("grant: ", d.Grant)
	fmt.Println("revoke:", d.Revoke)
	fmt.Println(d.Apply(pm.Permissions()) == s.Permissions(), set.BaseOf(s) == pm)
	// Output:
	// grant:  reports.view_cost_margin
	// revoke: projects.view,projects.view_public,projects.view_all,projects.create,projects.manage_members,tasks.view,tasks.comment,tasks.manage,task_lists.manage,tasks.view_estimates,docs.access
	// true true
}

func ExampleDecode() {
	s, err := set.Decode([]byte(`{
		"name": "Accounting",
		"base": "staff",
		"grant": ["invoices.view", "invoices.manage", "expenses.manage_all"]
	}`), set.Ultimate)
	fmt.Println(s, err)
	out, _ := json.Marshal(s)
	fmt.Println(string(out))

	_, err = set.Decode([]byte(`{"name": "Accounting", "base": "staff", "grant": ["invoice.manage"]}`), set.Ultimate)
	var pe *set.PathError
	fmt.Println(errors.As(err, &pe), pe.Path, errors.Is(err, permission.ErrUnknown))
	fmt.Println(err)
	// Output:
	// Accounting <nil>
	// {"version":3,"name":"Accounting","base":"staff","scope":"member","grant":["invoices.view","invoices.manage_drafts","invoices.finalize","invoices.manage_finalized","payments.view","payments.manage","invoices.manage","expenses.manage_all"]}
	// true $.grant[0] true
	// set: $.grant[0]: permission: "invoice.manage": unknown permission (did you mean "invoices.manage"?)
}

func ExampleOrg_TransferOwnership() {
	const owner, admin, client scope.ID = 1, 2, 3
	org, _ := set.NewOrg(1, set.Ultimate, owner)
	org, _ = org.Add(owner, admin, set.MustSystem(role.Admin, 0, 0))
	org, _ = org.Add(owner, client, set.MustSystem(role.Client, 0, 0))

	_, err := org.TransferOwnership(admin, admin)
	fmt.Println(err)
	_, err = org.TransferOwnership(owner, client)
	fmt.Println(errors.Is(err, set.ErrKind))

	next, err := org.TransferOwnership(owner, admin)
	fmt.Println(next.Owner(), err)
	for id, s := range next.People() {
		fmt.Println(id, s)
	}
	paid, free := next.Seats()
	fmt.Println("paid", paid, "free", free)
	// Output:
	// set: transfer by 2: only the Owner transfers ownership
	// true
	// 2 <nil>
	// 1 Admin
	// 2 Owner
	// 3 Client Staff
	// paid 2 free 1
}

func ExampleOrg_Assign() {
	const owner, manager, staff scope.ID = 1, 2, 3
	org, _ := set.NewOrg(1, set.Ultimate, owner)
	org, _ = org.Add(owner, manager, set.MustSystem(role.Manager, scope.Restricted, 0))
	org, _ = org.Add(owner, staff, set.MustSystem(role.Staff, 0, 0))

	// A restricted Manager may hand out what they have...
	next, err := org.Assign(manager, staff, set.MustSystem(role.Coordinator, scope.Restricted, 0))
	s, _ := next.SetOf(staff)
	fmt.Println(s, err)

	// ...but not more: neither permissions nor reach.
	_, err = org.Assign(manager, staff, set.MustSystem(role.ProfitabilityManager, scope.Restricted, 0))
	fmt.Println(errors.Is(err, set.ErrEscalation), err)
	_, err = org.Assign(manager, staff, set.MustSystem(role.Manager, 0, 0))
	fmt.Println(errors.Is(err, set.ErrEscalation), err)
	// Output:
	// Coordinator with restricted access <nil>
	// true set: assign 3: "Profitability Manager with restricted access" holds budgets.view_profit, which actor 2 lacks: set exceeds the actor's own access
	// true set: assign 3: "Manager" holds projects.view_all, which actor 2 lacks: set exceeds the actor's own access
}
