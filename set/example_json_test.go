package set_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// The JSON form names the base, the scope, the add-ons and, for a custom set,
// the name and the difference from the base.
func ExampleSet_MarshalJSON() {
	base := set.MustSystem(role.Manager, scope.Restricted, 0)
	s, _ := set.NewBuilder("Accounting", base).Grant(permission.BudgetsViewProfit).Revoke(permission.DealsView).Build(set.Ultimate)
	out, _ := json.MarshalIndent(s, "", "  ")
	fmt.Println(string(out))
	// Output:
	// {
	//   "version": 3,
	//   "name": "Accounting",
	//   "base": "manager",
	//   "scope": "restricted",
	//   "grant": [
	//     "budgets.view_profit"
	//   ],
	//   "revoke": [
	//     "deals.view",
	//     "deals.create",
	//     "deals.view_financials"
	//   ]
	// }
}

// Every document has one reading: a field name in another case is an unknown
// field, not a second spelling of a documented one.
func ExampleDecode_oneReading() {
	_, err := set.Decode([]byte(`{"name":"Client portal","base":"client","Base":"admin"}`), set.Ultimate)
	fmt.Println(err)
	_, err = set.Decode([]byte(`{"name":"Client portal","base":["client"]}`), set.Ultimate)
	fmt.Println(err)
	_, err = set.Decode([]byte("{\"name\":\"\\u001b[31mClient portal\",\"base\":\"client\"}"), set.Ultimate)
	fmt.Println(errors.Is(err, set.ErrNameCharacter), err)
	// Output:
	// set: $.Base: unknown field "Base" (field names are case-sensitive: did you mean "base"?): malformed permission set
	// set: $.base: want a string, got array: malformed permission set
	// true set: $.name: name "\x1b[31mClient portal": character U+001B: set name holds a control or bidirectional formatting character
}
