package set_test

import (
	"errors"
	"fmt"

	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/set"
)

// "Staff can have access to contacts and/or access to time"; a Client can
// have access to budgets and timesheets.
func ExampleParseAddon() {
	a, err := set.ParseAddon("time")
	fmt.Println(a, err)

	s, err := set.System(role.Staff, 0, set.AddonContacts|a)
	fmt.Println(s, err)

	_, err = set.System(role.Client, 0, a)
	fmt.Println(errors.Is(err, set.ErrAddon), err)

	_, err = set.ParseAddon("budget")
	fmt.Println(err)
	// Output:
	// time <nil>
	// Staff with CRM and time access <nil>
	// true set: client with access to time: add-on does not apply
	// set: add-on "budget": unknown add-on
}
