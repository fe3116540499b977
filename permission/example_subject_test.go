package permission_test

import (
	"errors"
	"fmt"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

func ExampleHoldableBy() {
	// A client takes a free seat, which holds fewer permissions.
	client := permission.HoldableBy(role.Client)
	fmt.Println(client)
	fmt.Println(client.Has(permission.InvoicesView), permission.InvoicesView.FreeSeat())

	// Only the Owner holds the owner-only permissions.
	fmt.Println(permission.HoldableBy(role.Owner).Minus(permission.HoldableBy(role.Admin)))

	// An invalid role may hold nothing.
	fmt.Println(permission.HoldableBy(0).IsEmpty())
	// Output:
	// projects.view,tasks.view,tasks.comment,tasks.manage,tasks.view_estimates,docs.access,time.view_others,time.view_billable,budgets.view
	// false false
	// billing.view,organization.transfer_ownership,organization.deactivate
	// true
}

// A subject's scope is not a field: it names the preset its project reach
// rights match, and no rule reads it.
func ExampleScopeOf() {
	manager := set.MustSystem(role.Manager, scope.Restricted, 0).Permissions()
	fmt.Println(permission.ScopeOf(manager))
	fmt.Println(permission.ScopeOf(manager.With(permission.ProjectsViewAll)))
	fmt.Println(permission.ScopeOf(set.MustSystem(role.Staff, 0, 0).Permissions()))
	// Output:
	// restricted
	// unlimited
	// member
}

// Validate tells a host why Authorize denies a subject with reason
// invalid_subject.
func ExampleSubject_Validate() {
	s := set.MustSystem(role.Staff, 0, 0).Subject(1, 42)
	fmt.Println(s.Validate())

	s.Role = role.Client // a Staff member's permissions on a free seat
	fmt.Println(s.Validate())

	// A hand-built client with a permission no free seat may hold.
	c := set.MustSystem(role.Client, 0, 0).Subject(1, 43)
	c.Projects = scope.NewMembers(7)
	c.Permissions = c.Permissions.With(permission.InvoicesView)
	err := c.Validate()
	fmt.Println(errors.Is(err, permission.ErrInvalidSubject), err)
	project := permission.Resource{Org: 1, Kind: permission.KindProject, Project: 7, Visibility: scope.Private}
	fmt.Println(permission.Authorize(c, permission.ViewProject, project).Reason())

	fmt.Println(permission.Subject{}.Validate())
	// Output:
	// <nil>
	// permission: subject 42: role client may not hold task_lists.manage: invalid subject
	// true permission: subject 43: role client may not hold invoices.view: invalid subject
	// invalid_subject
	// permission: subject 0 has no organization: invalid subject
}

// Validate names the first field a resource's kind needs that is missing.
func ExampleResource_Validate() {
	budget := permission.Resource{Org: 1, Kind: permission.KindBudget, Project: 7, Visibility: scope.Private}
	err := budget.Validate()
	fmt.Println(errors.Is(err, permission.ErrInvalidResource), err)
	admin := set.MustSystem(role.Admin, 0, 0).Subject(1, 1)
	fmt.Println(permission.Authorize(admin, permission.ViewBudget, budget).Reason())

	budget.Budget = 70
	fmt.Println(budget.Validate(), permission.Authorize(admin, permission.ViewBudget, budget).Reason())

	fmt.Println(permission.Resource{Org: 1, Kind: permission.KindDeal}.Validate())
	fmt.Println(permission.Resource{}.Validate())
	// Output:
	// true permission: budget resource has no Budget: invalid resource
	// invalid_resource
	// <nil> granted
	// permission: deal resource has no Deal: invalid resource
	// permission: resource kind(0): invalid resource
}
