package set_test

import (
	"errors"
	"fmt"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// Clients take free seats; employees and contractors take paid ones.
func ExampleOrg_Seats() {
	org, _ := set.NewOrg(1, set.Ultimate, 1)
	org, _ = org.Add(1, 2, set.MustSystem(role.Manager, 0, 0))
	org, _ = org.Add(1, 3, set.MustSystem(role.Contractor, 0, 0))
	org, _ = org.Add(1, 4, set.MustSystem(role.Client, 0, 0))
	org, _ = org.Add(1, 5, set.MustSystem(role.Client, 0, set.AddonBudgets))

	for id, s := range org.People() {
		fmt.Printf("%d %-45s %s\n", id, s, s.Seat())
	}
	paid, free := org.Seats()
	fmt.Println("paid:", paid, "free:", free)
	// Output:
	// 1 Owner                                         paid
	// 2 Manager                                       paid
	// 3 Contractor                                    paid
	// 4 Client Staff                                  free
	// 5 Client Manager                                free
	// paid: 3 free: 2
}

// Adding a person needs users.create, and nobody adds a set that reaches
// further than their own.
func ExampleOrg_Add() {
	const owner, recruiter, staff, manager scope.ID = 1, 2, 3, 4
	org, _ := set.NewOrg(1, set.Ultimate, owner)
	rec, _ := set.NewBuilder("Recruiter", set.MustSystem(role.Staff, 0, 0)).Grant(permission.UsersCreate).Build(org.Plan())

	org, err := org.Add(owner, recruiter, rec)
	fmt.Println(err)
	org, err = org.Add(recruiter, staff, set.MustSystem(role.Staff, 0, 0))
	fmt.Println(err)

	_, err = org.Add(recruiter, manager, set.MustSystem(role.Manager, 0, 0))
	fmt.Println(errors.Is(err, set.ErrEscalation), err)
	_, err = org.Add(staff, manager, set.MustSystem(role.Staff, 0, 0))
	fmt.Println(errors.Is(err, set.ErrNotAllowed), err)
	_, err = org.Add(owner, staff, set.MustSystem(role.Staff, 0, 0))
	fmt.Println(errors.Is(err, set.ErrPersonExists), err)
	// Output:
	// <nil>
	// <nil>
	// true set: add 4: "Manager" holds projects.view_public, which actor 2 lacks: set exceeds the actor's own access
	// true set: add 4: actor 3 lacks users.create: actor lacks the permission to do this
	// true set: add 3: person is already in the organization
}

// An organization starts with its Owner, who holds the Owner set. Custom sets
// are assigned only on the Ultimate plan or above.
func ExampleNewOrg() {
	org, err := set.NewOrg(1, set.Professional, 1)
	fmt.Println(org.Owner(), org.Plan(), err)
	s, _ := org.SetOf(1)
	fmt.Println(s)

	jira, _ := set.NewBuilder("Jira", set.MustSystem(role.Staff, 0, 0)).Grant(permission.IntegrationsManageTaskManagement).Build(set.Ultimate)
	_, err = org.Add(1, 2, jira)
	fmt.Println(errors.Is(err, set.ErrPlan), err)

	_, err = set.NewOrg(1, set.Ultimate, 0)
	fmt.Println(errors.Is(err, set.ErrInvalidID), err)
	// Output:
	// 1 professional <nil>
	// Owner
	// true set: add 2: custom set "Jira" on plan professional: custom permission sets need the Ultimate plan
	// true set: organization owner: ID must not be zero
}

// Subject makes the subject for a person from the set they hold; the host
// adds their memberships. A client sees a budget they are a member of only
// with its Client access on.
func ExampleOrg_Subject() {
	org, _ := set.NewOrg(1, set.Ultimate, 1)
	org, _ = org.Add(1, 2, set.MustSystem(role.Client, 0, set.AddonBudgets))

	subj, ok := org.Subject(2)
	subj.Projects = scope.NewMembers(7)
	subj.Budgets = scope.NewMembers(70)
	fmt.Println(ok, subj.Role, subj.Scope())

	budget := permission.Resource{Org: 1, Kind: permission.KindBudget, Project: 7, Visibility: scope.Private, Budget: 70}
	fmt.Println(permission.Authorize(subj, permission.ViewBudget, budget))
	budget.ClientAccess = true
	fmt.Println(permission.Authorize(subj, permission.ViewBudget, budget))

	_, ok = org.Subject(3)
	fmt.Println(ok)
	// Output:
	// true client member
	// budget.view is denied: the budget's Client access is off
	// budget.view is allowed
	// false
}

// One call turns an organization into the directory a service consults per
// request, with the memberships the host stores added to each person.
func ExampleOrg_Directory() {
	o, err := set.OrgFrom(1, set.Ultimate, []set.Person{
		{ID: 1, Set: set.MustSystem(role.Owner, 0, 0)},
		{ID: 2, Set: set.MustSystem(role.Staff, 0, 0)},
	})
	if err != nil {
		panic(err)
	}
	memberships := map[scope.ID][]scope.ID{2: {7}}
	d, err := o.Directory(func(s *permission.Subject) { s.Projects = scope.NewMembers(memberships[s.ID]...) })
	if err != nil {
		panic(err)
	}
	task := permission.Resource{Org: 1, Kind: permission.KindTask, Project: 7, Visibility: scope.Private}
	fmt.Println(d.Len(), d.Lookup(2).Authorize(permission.ViewTask, &task))
	fmt.Println(d.Lookup(3).Authorize(permission.ViewTask, &task)) // a stranger: nil, denied
	// Output:
	// 2 task.view is allowed
	// task.view is denied: the subject is invalid
}
