package role_test

import (
	"fmt"
	"strings"

	"github.com/clearance-go/clearance/role"
)

func ExampleAll() {
	var employees, others []string
	for r := range role.All() {
		if r.Kind() == role.Employee {
			employees = append(employees, r.String())
		} else {
			others = append(others, r.String())
		}
	}
	fmt.Println(strings.Join(employees, " < "))
	fmt.Println(strings.Join(others, ", "))
	// Output:
	// staff < coordinator < manager < profitability_manager < admin < owner
	// client, contractor
}

// Rank places the employee roles in order; clients, contractors and invalid
// roles are outside it, so nobody outranks them.
func ExampleRole_Rank() {
	for _, r := range []role.Role{role.Staff, role.Manager, role.Owner, role.Client, 0} {
		fmt.Println(r, r.Rank())
	}
	fmt.Println(role.Admin.Outranks(role.Manager), role.Owner.Outranks(role.Client))
	// Output:
	// staff 1
	// manager 3
	// owner 6
	// client 0
	// role(0) 0
	// true false
}
