package permission_test

import (
	"errors"
	"fmt"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

func ExampleParseAction() {
	a, err := permission.ParseAction("invoice.export")
	fmt.Println(a, a.Kind(), err)

	_, err = permission.ParseAction("invoices.export")
	fmt.Println(errors.Is(err, permission.ErrUnknownAction), err)

	// A permission's name where an action's was meant is called out.
	_, err = permission.ParseAction("budgets.view")
	fmt.Println(err)

	// A name an earlier release used still parses.
	a, err = permission.ParseAction("budget.view_time")
	fmt.Println(a, err)
	// Output:
	// invoice.export invoice <nil>
	// true permission: action "invoices.export": unknown action (did you mean "invoice.export"?)
	// permission: action "budgets.view": unknown action (that is a permission, not an action) (did you mean "budget.view"?)
	// budget.view_worked_time <nil>
}

// Each action is one row of the action table: the kind of resource it
// applies to, the permissions it requires (closed over their dependencies),
// its reach rule and the section it is shown under. Exporting needs the
// invoicing or expense permission only; connecting the accounting tool needs
// the organizational integrations permission only.
func ExampleAction() {
	for _, a := range []permission.Action{
		permission.ExportInvoice, permission.ExportExpense, permission.ConnectAccounting, permission.ApproveTimeOff,
	} {
		fmt.Println(a)
		fmt.Printf("  kind %v, section %v, reach %q, hidden from clients %v\n", a.Kind(), a.Section(), a.Rule(), a.HiddenFromClients())
		fmt.Printf("  requires %v\n", a.Requires())
	}
	// Output:
	// invoice.export
	//   kind invoice, section Invoices, reach "invoice in reach", hidden from clients true
	//   requires invoices.view,invoices.copy_to_accounting
	// expense.export
	//   kind expense, section Expenses, reach "expense in reach", hidden from clients true
	//   requires expenses.manage_own,expenses.manage_all
	// integration.connect_accounting
	//   kind organization, section Integrations, reach "anywhere", hidden from clients false
	//   requires integrations.manage_organizational
	// time_off.approve
	//   kind time_off, section Absence, reach "absence request they may approve", hidden from clients false
	//   requires time_off.request_own,time_off.view_subsidiary,time_off.view_others,time_off.approve
}

// An ActionMask is what Capabilities returns: here, what a Manager with
// restricted access may do on a public project and on a private one, neither
// of which they are a member of.
func ExampleActionMask() {
	m := set.MustSystem(role.Manager, scope.Restricted, 0).Subject(1, 42)

	public := permission.Capabilities(m, permission.Resource{Org: 1, Kind: permission.KindProject, Project: 7, Visibility: scope.Public})
	fmt.Println(public.Len(), public.Has(permission.AddProjectMember))
	for a := range public.All() {
		fmt.Println(" ", a)
	}

	private := permission.Capabilities(m, permission.Resource{Org: 1, Kind: permission.KindProject, Project: 8, Visibility: scope.Private})
	fmt.Printf("%v %q\n", private.IsEmpty(), private)

	fmt.Println(permission.ActionMaskOf(permission.JoinProject, permission.ViewProject, permission.JoinProject, 0))
	// Output:
	// 5 true
	//   project.view
	//   project.add_member
	//   project.join
	//   task_list.create
	//   project.connect_jira
	// true ""
	// project.view,project.join
}
