package role_test

import (
	"fmt"

	"github.com/clearance-go/clearance/role"
)

func Example() {
	for r := range role.All() {
		fmt.Printf("%-22s %-10s %-4s rank %d, scope choice %v\n", r, r.Kind(), r.Seat(), r.Rank(), r.HasScopeChoice())
	}
	// Output:
	// staff                  employee   paid rank 1, scope choice false
	// coordinator            employee   paid rank 2, scope choice true
	// manager                employee   paid rank 3, scope choice true
	// profitability_manager  employee   paid rank 4, scope choice true
	// admin                  employee   paid rank 5, scope choice false
	// owner                  employee   paid rank 6, scope choice false
	// client                 client     free rank 0, scope choice false
	// contractor             contractor paid rank 0, scope choice false
}

func ExampleParse() {
	r, err := role.Parse("profitability_manager")
	fmt.Println(r, err, r.Outranks(role.Manager))

	_, err = role.Parse("Profitability Manager")
	fmt.Println(err)
	// Output:
	// profitability_manager <nil> true
	// role: "Profitability Manager": unknown role (did you mean "profitability_manager"?)
}

func ExampleRole_Kind() {
	for _, r := range []role.Role{role.Manager, role.Client, role.Contractor, 0} {
		fmt.Printf("%s is %s\n", r, r.Kind())
	}
	// Output:
	// manager is employee
	// client is client
	// contractor is contractor
	// role(0) is kind(0)
}
