package permission_test

import (
	"fmt"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// Authorize gives the first reason; Explain gives every failed check and
// what would pass it. A client without the budgets add-on, not invited to
// the project or the budget, on a budget whose Client access is off:
func ExampleExplain() {
	client := set.MustSystem(role.Client, 0, 0).Subject(1, 9)
	client.Plan = set.Professional
	budget := permission.Resource{Org: 1, Kind: permission.KindBudget, Project: 7, Visibility: scope.Private, Budget: 70}

	e := permission.Explain(client, permission.ViewBudget, budget)
	fmt.Println(e.Decision())
	for f := range e.Failures() {
		switch {
		case f.Holdable:
			fmt.Printf("%-18v grant %v\n", f.Reason, f.Permissions)
		case !f.Members.IsEmpty():
			fmt.Printf("%-18v add a membership (%v)\n", f.Reason, f.Members)
		default:
			fmt.Printf("%-18v no grant or membership passes it\n", f.Reason)
		}
	}
	// Output:
	// budget.view is denied: a required permission is missing (budgets.view)
	// missing_permission grant budgets.view
	// not_in_reach       add a membership (project_is_shared)
	// budget_not_shared  add a membership (budget_is_shared)
	// client_access_off  no grant or membership passes it
}

// A prepared subject explains its decisions too, as Explain does for the
// subject it was prepared from.
func ExamplePrincipal_Explain() {
	staff, _ := permission.Prepare(set.MustSystem(role.Staff, 0, 0).Subject(1, 9))
	project := permission.Resource{Org: 1, Kind: permission.KindProject, Project: 7, Visibility: scope.Public}
	e := staff.Explain(permission.ViewProject, &project)
	fmt.Println(e.Decision())
	for f := range e.Failures() {
		fmt.Printf("%v: grant %v, or add a membership (%v)\n", f.Reason, f.Permissions, f.Members)
	}
	// Output:
	// project.view is denied: the record is not within reach: not a member (projects.view_all would reach it)
	// not_in_reach: grant projects.view_public, or add a membership (project_is_shared)
}
