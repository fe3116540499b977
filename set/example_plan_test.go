package set_test

import (
	"errors"
	"fmt"

	"github.com/clearance-go/clearance/set"
)

// "Custom permission sets are available on the Ultimate subscription plan."
func ExamplePlan() {
	for _, p := range []set.Plan{set.Essential, set.Professional, set.Ultimate, set.Enterprise} {
		fmt.Printf("%-12s custom sets: %v\n", p, p.AtLeast(set.CustomSetsPlan))
	}
	// Output:
	// essential    custom sets: false
	// professional custom sets: false
	// ultimate     custom sets: true
	// enterprise   custom sets: true
}

func ExampleParsePlan() {
	p, err := set.ParsePlan("enterprise")
	fmt.Println(p, err)

	_, err = set.ParsePlan("Ultimate")
	fmt.Println(errors.Is(err, set.ErrUnknownPlan), err)
	// Output:
	// enterprise <nil>
	// true permission: plan "Ultimate": unknown plan
}
