package permission

import (
	"testing"

	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
)

// TestReachOfUnknownRuleFailsClosed: no row of the action table lacks a reach
// rule (TestActionTableWellFormed checks that through the API), so the
// default branch of reachOf is unreachable from Authorize, Capabilities and
// List. It is the guard for a rule added to the Rule type but forgotten in
// reachOf: such a row must reach nothing, for the most powerful subject on
// the most open resource, with reason InvalidAction, rather than fall
// through to "no clauses", which means every resource.
func TestReachOfUnknownRuleFailsClosed(t *testing.T) {
	owner := Subject{ID: 1, Role: role.Owner, Scope: scope.Unlimited, Permissions: Universe(),
		Projects: scope.NewMembers(5), Deals: scope.NewMembers(6), Budgets: scope.NewMembers(8)}
	open := Resource{Kind: KindBudget, Project: 5, Visibility: scope.Public, Deal: 6, Budget: 8,
		ClientAccess: true, Person: 1, Approver: 1}

	for _, rule := range []Rule{0, endRule, 255} {
		w := &row{name: "test.unknown_rule", kind: KindBudget, rule: rule}
		c := reachOf(&owner, w)
		if c.n == 0 {
			t.Errorf("reachOf(rule %v) has no clauses: it would reach every resource", rule)
			continue
		}
		if got := c.never(); got != InvalidAction {
			t.Errorf("reachOf(rule %v).never() = %v, want %v", rule, got, InvalidAction)
		}
		if ok, why := c.holds(&owner, &open); ok || why != InvalidAction {
			t.Errorf("reachOf(rule %v).holds = %v, %v; want false, %v", rule, ok, why, InvalidAction)
		}
		if d := decide(&owner, ViewBudget, w, &open); d.Allowed() || d.Reason() != InvalidAction {
			t.Errorf("decide with rule %v = %v, want a deny with reason %v", rule, d, InvalidAction)
		}
	}
}
