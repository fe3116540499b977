package scope_test

import (
	"fmt"

	"github.com/clearance-go/clearance/scope"
)

// Has is the lookup every decision makes: it costs the same for ten members
// or a hundred thousand, and never allocates.
func ExampleMembers_Has() {
	projects := scope.NewMembers(7, 42, 1001)
	fmt.Println(projects.Has(42), projects.Has(43))

	// The zero Members is the empty set, ready to use.
	var none scope.Members
	fmt.Println(none.Has(42), none.Len())
	// Output:
	// true false
	// false 0
}
