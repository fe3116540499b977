package permission_test

import (
	"errors"
	"fmt"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// A reason is logged and stored by its stable name, and read back with
// ParseReason.
func ExampleParseReason() {
	client := set.MustSystem(role.Client, 0, set.AddonBudgets).Subject(1, 42)
	budget := permission.Resource{Org: 1, Kind: permission.KindBudget, Project: 7, Visibility: scope.Private, Budget: 70, ClientAccess: true}
	d := permission.Authorize(client, permission.ViewBudgetWorkedTime, budget)

	text, _ := d.Reason().MarshalText()
	fmt.Println(string(text))
	r, err := permission.ParseReason(string(text))
	fmt.Println(r == d.Reason(), err)
	fmt.Println(r.Sentence())

	_, err = permission.ParseReason("never")
	fmt.Println(errors.Is(err, permission.ErrUnknownReason), err)
	// Output:
	// client_never_sees
	// true <nil>
	// clients never see worked time, cost, rates, profit, margin, invoicing or expenses
	// true permission: reason "never": unknown reason
}
