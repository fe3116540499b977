package permission_test

import (
	"encoding/json"
	"fmt"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// A decision encodes as JSON with its stable names, for an HTTP answer or
// a log line; it does not decode: only Authorize makes one.
func ExampleDecision_MarshalJSON() {
	m := set.MustSystem(role.Manager, scope.Restricted, 0).Subject(1, 42)
	budget := permission.Resource{Org: 1, Kind: permission.KindBudget, Project: 9, Visibility: scope.Private, Budget: 90}
	data, _ := json.Marshal(permission.Authorize(m, permission.ViewBudgetRevenue, budget))
	fmt.Println(string(data))
	// Output:
	// {"allowed":false,"action":"budget.view_revenue","reason":"not_in_reach","missing":"budgets.view_all","message":"budget.view_revenue is denied: the record is not within reach: not a member (budgets.view_all would reach it)"}
}

// What a person may do with a record, as a JSON array of action names, and
// back.
func ExampleActionMask_MarshalJSON() {
	client := set.MustSystem(role.Client, 0, set.AddonBudgets).Subject(1, 42)
	client.Plan = set.Professional
	client.Projects, client.Budgets = scope.NewMembers(7), scope.NewMembers(70)
	budget := permission.Resource{Org: 1, Kind: permission.KindBudget, Project: 7, Visibility: scope.Private, Budget: 70, ClientAccess: true}
	data, _ := json.Marshal(permission.Capabilities(client, budget))
	fmt.Println(string(data))

	var back permission.ActionMask
	fmt.Println(json.Unmarshal(data, &back), back == permission.Capabilities(client, budget))
	// Output:
	// ["budget.view","budget.view_estimated_time","budget.view_variance_at_completion","budget.view_time_to_complete"]
	// <nil> true
}

// A filter encodes with everything a host needs to evaluate it elsewhere.
func ExampleFilter_MarshalJSON() {
	staff := set.MustSystem(role.Staff, 0, 0).Subject(1, 42)
	staff.Projects = scope.NewMembers(7)
	data, _ := json.Marshal(permission.List(staff, permission.ViewProject))
	var f struct {
		Reason   string
		Clauses  []map[string]string
		Projects []int
	}
	_ = json.Unmarshal(data, &f)
	fmt.Println(f.Reason, f.Clauses, f.Projects)
	// Output:
	// granted [map[any:project_is_shared reason:not_in_reach widen:projects.view_all]] [7]
}

// Kinds read and write their names.
func ExampleParseKind() {
	k, err := permission.ParseKind("time_entry")
	fmt.Println(k, err)
	_, err = permission.ParseKind("time_entri")
	fmt.Println(err)
	// Output:
	// time_entry <nil>
	// permission: kind "time_entri": unknown kind (did you mean "time_entry"?)
}

// A set of conditions prints its names and iterates them.
func ExampleConditions() {
	m := permission.ConditionsOf(permission.ProjectIsShared, permission.BudgetIsShared)
	fmt.Println(m)
	for c := range m.All() {
		fmt.Println(c)
	}
	// Output:
	// project_is_shared|budget_is_shared
	// project_is_shared
	// budget_is_shared
}
