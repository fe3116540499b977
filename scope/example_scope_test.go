package scope_test

import (
	"errors"
	"fmt"

	"github.com/clearance-go/clearance/scope"
)

// A wider scope covers a narrower one. An Org uses this to stop anyone from
// assigning a set that reaches further than their own.
func ExampleScope_Covers() {
	for s := range scope.All() {
		fmt.Printf("%-10s covers", s)
		for o := range scope.All() {
			if s.Covers(o) {
				fmt.Print(" ", o)
			}
		}
		fmt.Println()
	}
	// An invalid scope covers nothing and is covered by nothing.
	fmt.Println(scope.Scope(0).Covers(scope.Member), scope.Unlimited.Covers(0))
	// Output:
	// member     covers member
	// restricted covers member restricted
	// unlimited  covers member restricted unlimited
	// false false
}

func ExampleParseScope() {
	sc, err := scope.ParseScope("restricted")
	fmt.Println(sc, err, sc.Covers(scope.Member))

	_, err = scope.ParseScope("Restricted")
	fmt.Println(errors.Is(err, scope.ErrUnknownScope), err)
	// Output:
	// restricted <nil> true
	// true scope: "Restricted": unknown scope (did you mean "restricted"?)
}

func ExampleParseVisibility() {
	v, err := scope.ParseVisibility("private")
	fmt.Println(v, err, v == scope.Private)

	_, err = scope.ParseVisibility("secret")
	fmt.Println(errors.Is(err, scope.ErrUnknownVisibility), err)
	// Output:
	// private <nil> true
	// true scope: visibility "secret": unknown visibility
}
