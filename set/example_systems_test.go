package set_test

import (
	"errors"
	"fmt"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// Systems lists Productive's system sets: each role with each add-on
// combination it offers and each scope it can have, defaults first.
func ExampleSystems() {
	for s := range set.Systems() {
		fmt.Printf("%-45s %-10s %s\n", s, s.Scope(), s.Seat())
	}
	// Output:
	// Staff                                         member     paid
	// Staff with CRM access                         member     paid
	// Staff with time access                        member     paid
	// Staff with CRM and time access                member     paid
	// Coordinator                                   unlimited  paid
	// Coordinator with restricted access            restricted paid
	// Manager                                       unlimited  paid
	// Manager with restricted access                restricted paid
	// Profitability Manager                         unlimited  paid
	// Profitability Manager with restricted access  restricted paid
	// Admin                                         unlimited  paid
	// Owner                                         unlimited  paid
	// Client Staff                                  member     free
	// Client Manager                                member     free
	// Contractor                                    member     paid
}

// MustSystem is for package-level variables and tests with hard-coded
// arguments; it panics where System would return an error.
func ExampleMustSystem() {
	restrictedManager := set.MustSystem(role.Manager, scope.Restricted, 0)
	fmt.Println(restrictedManager, restrictedManager.Scope())

	defer func() {
		err, _ := recover().(error)
		fmt.Println(errors.Is(err, set.ErrAddon), err)
	}()
	set.MustSystem(role.Client, 0, set.AddonTime) // access to time is a Staff add-on
	// Output:
	// Manager with restricted access restricted
	// true set: client with access to time: add-on does not apply
}

func ExampleDefaultScope() {
	for r := range role.All() {
		fmt.Printf("%-22s %s\n", r, set.DefaultScope(r))
	}
	// Output:
	// staff                  member
	// coordinator            unlimited
	// manager                unlimited
	// profitability_manager  unlimited
	// admin                  unlimited
	// owner                  unlimited
	// client                 member
	// contractor             member
}

func ExampleBaseOf() {
	base := set.MustSystem(role.Client, 0, set.AddonBudgets)
	custom, err := set.NewBuilder("Client without docs", base).Revoke(permission.DocsAccess).Build(set.Ultimate)
	fmt.Println(custom, err)

	fmt.Println(set.BaseOf(custom))
	fmt.Println(set.BaseOf(base) == base)
	fmt.Println(set.Diff(set.BaseOf(custom), custom).Revoke)
	// Output:
	// Client without docs <nil>
	// Client Manager
	// true
	// docs.access
}

// Subject fills in role, scope and permissions from the set, so they cannot
// disagree; the caller adds the person's memberships.
func ExampleSet_Subject() {
	subj := set.MustSystem(role.Manager, scope.Restricted, 0).Subject(1, 42)
	subj.Projects = scope.NewMembers(7)
	fmt.Println(subj.Role, subj.Scope(), subj.Validate())

	mine := permission.Resource{Org: 1, Kind: permission.KindProject, Project: 7, Visibility: scope.Private}
	other := permission.Resource{Org: 1, Kind: permission.KindProject, Project: 8, Visibility: scope.Private}
	fmt.Println(permission.Authorize(subj, permission.ViewProject, mine))
	fmt.Println(permission.Authorize(subj, permission.ViewProject, other))
	// Output:
	// manager restricted <nil>
	// project.view is allowed
	// project.view is denied: the project is private and they are not a member (projects.view_all would reach it)
}
