package set_test

import (
	"errors"
	"fmt"

	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// A host loads an organization's stored rows in one step; the row holding
// the Owner set is the Owner. A bad row is named by its index and person.
func ExampleOrgFrom() {
	rows := []set.Person{
		{ID: 1, Set: set.MustSystem(role.Owner, 0, 0)},
		{ID: 2, Set: set.MustSystem(role.Manager, scope.Restricted, 0), Kind: role.Employee},
		{ID: 3, Set: set.MustSystem(role.Client, 0, set.AddonBudgets), Kind: role.ClientKind},
	}
	org, err := set.OrgFrom(1, set.Professional, rows)
	fmt.Println(org.Owner(), err)
	for id, s := range org.People() {
		fmt.Println(id, s)
	}

	rows = append(rows, set.Person{ID: 2, Set: set.MustSystem(role.Staff, 0, 0)})
	_, err = set.OrgFrom(1, set.Professional, rows)
	var row *set.RowError
	fmt.Println(errors.Is(err, set.ErrPersonExists), errors.As(err, &row), row.Index, row.Person)
	fmt.Println(err)

	_, err = set.OrgFrom(1, set.Professional, rows[1:3])
	fmt.Println(err)
	// Output:
	// 1 <nil>
	// 1 Owner
	// 2 Manager with restricted access
	// 3 Client Manager
	// true true 3 2
	// set: row 3 (person 2): person is already in the organization (as row 1)
	// set: organization of 2 people: no person holds the Owner set
}

// An Org's people, made into rows, build the same Org again: what a host
// stores is what it loads.
func ExamplePerson() {
	org, _ := set.NewOrg(1, set.Ultimate, 10)
	org, _ = org.Add(10, 11, set.MustSystem(role.Staff, 0, set.AddonTime))

	var rows []set.Person
	for id, s := range org.People() {
		rows = append(rows, set.Person{ID: id, Set: s, Kind: s.Kind()})
	}
	again, err := set.OrgFrom(1, org.Plan(), rows)
	fmt.Println(again.Owner(), err)
	for id, s := range again.People() {
		fmt.Println(id, s, s.Kind())
	}
	// Output:
	// 10 <nil>
	// 10 Owner employee
	// 11 Staff with time access employee
}
