package set_test

import (
	"errors"
	"fmt"

	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/set"
)

// Productive's API names a person's system set by its base_role_id. The
// Owner holds the Admin base (1) plus ownership.
func ExampleFromBaseRoleID() {
	for _, id := range []set.BaseRoleID{1, 4, 7, 13} {
		s, err := set.FromBaseRoleID(id, false)
		fmt.Println(id, "=", s, s.Role(), s.Scope(), err)
	}
	owner, err := set.FromBaseRoleID(1, true)
	fmt.Println(owner, err)

	_, err = set.FromBaseRoleID(15, false)
	fmt.Println(errors.Is(err, set.ErrBaseRoleID), err)
	_, err = set.FromBaseRoleID(3, true)
	fmt.Println(err)
	// Output:
	// 1 = Admin admin unlimited <nil>
	// 4 = Client Manager client member <nil>
	// 7 = Staff with CRM access staff member <nil>
	// 13 = Manager with restricted access manager restricted <nil>
	// Owner <nil>
	// true set: base_role_id 15: not one of Productive's base_role_ids 1 to 14
	// set: base_role_id 3 (Staff) with ownership: the Owner holds the Admin base (1): not one of Productive's base_role_ids 1 to 14
}

// BaseRoleID gives back the identifier to write to Productive: a custom set
// reports its base's, the Owner set reports 1 and says it is the Owner.
func ExampleSet_BaseRoleID() {
	accounting, _ := set.NewBuilder("Accounting", set.MustSystem(role.Manager, 0, 0)).Build(set.Ultimate)
	for _, s := range []set.Set{
		set.MustSystem(role.Staff, 0, set.AddonContacts|set.AddonTime),
		accounting,
		set.MustSystem(role.Owner, 0, 0),
	} {
		id, owner := s.BaseRoleID()
		fmt.Printf("%s: base_role_id %d (%v), owner %v\n", s, id, id, owner)
	}
	// Output:
	// Staff with CRM and time access: base_role_id 9 (9), owner false
	// Accounting: base_role_id 12 (12), owner false
	// Owner: base_role_id 1 (1), owner true
}

// A BaseRoleID prints as Productive's name for its set.
func ExampleBaseRoleID_String() {
	fmt.Println(set.BaseRoleID(10), set.BaseRoleID(10).IsValid(), set.BaseRoleID(10).Name())
	fmt.Println(set.BaseRoleID(0), set.BaseRoleID(0).IsValid())
	// Output:
	// 10 true Profitability Manager with restricted access
	// base_role_id(0) false
}

// SystemNamed finds a system set by Productive's name or by the help
// center's wording; a near miss gets a suggestion.
func ExampleSystemNamed() {
	for _, name := range []string{"Staff with CRM access", "Staff with access to contacts", "a Client with access to budgets and timesheets", "manager (restricted)"} {
		s, err := set.SystemNamed(name)
		fmt.Printf("%-48q %v %v\n", name, s, err)
	}
	_, err := set.SystemNamed("Coordinater")
	fmt.Println(errors.Is(err, set.ErrSystemName), err)
	// Output:
	// "Staff with CRM access"                          Staff with CRM access <nil>
	// "Staff with access to contacts"                  Staff with CRM access <nil>
	// "a Client with access to budgets and timesheets" Client Manager <nil>
	// "manager (restricted)"                           Manager with restricted access <nil>
	// true set: system set "Coordinater": no system set has this name (did you mean "Coordinator"?)
}

// A system set answers to the help center's wording as well as to its name.
func ExampleSet_Aliases() {
	s := set.MustSystem(role.Client, 0, 0)
	fmt.Println(s.Name(), s.Aliases())
	fmt.Println(set.MustSystem(role.Admin, 0, 0).Aliases() == nil)
	// Output:
	// Client Staff [Client]
	// true
}
