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

// TestReachFitsClauses: reach holds at most maxClauses clauses, and reachOf
// adds them without a bounds check. Walk every rule, for every role (the
// invalid zero role, clients and contractors included), every scope (and the
// invalid zero scope), with and without the Approver rule's override
// permission, and check that reachOf never needs more than maxClauses: it
// does not panic, and every clause it returns gives a real reason to deny.
// The worst case, the Approver rule for a client without the override, must
// need exactly maxClauses, as reach.go says, so that the walk exercises the
// bound.
func TestReachFitsClauses(t *testing.T) {
	roles := []role.Role{0}
	for r := range role.All() {
		roles = append(roles, r)
	}
	scopes := []scope.Scope{0}
	for sc := range scope.All() {
		scopes = append(scopes, sc)
	}
	most := 0
	for rule := Anywhere; rule < endRule; rule++ { // Anywhere .. ManageablePerson, Approver
		for _, r := range roles {
			for _, sc := range scopes {
				for _, perms := range []Mask{{}, MaskOf(TimeApproveAll).Closure(), Universe()} {
					s := Subject{ID: 1, Role: r, Scope: sc, Permissions: perms}
					w := &row{name: "test.every_rule", kind: KindTimeEntry, rule: rule, override: TimeApproveAll}
					c, ok := upReachOf(&s, w)
					if !ok {
						t.Errorf("reachOf(rule %v, role %v, scope %v, %v) panics: it needs more than %d clauses", rule, r, sc, perms, maxClauses)
						continue
					}
					if c.n > maxClauses {
						t.Errorf("reachOf(rule %v, role %v, scope %v, %v) has %d clauses, more than %d", rule, r, sc, perms, c.n, maxClauses)
						continue
					}
					most = max(most, int(c.n))
					for _, cl := range c.clauses[:c.n] {
						if !cl.reason.IsValid() || cl.reason == Granted || cl.reason == NoDecision {
							t.Errorf("reachOf(rule %v, role %v, scope %v, %v): a clause denies with %v", rule, r, sc, perms, cl.reason)
						}
					}
				}
			}
		}
	}
	client := Subject{ID: 1, Role: role.Client, Scope: scope.Member, Permissions: MaskOf(TimeApprove).Closure()}
	w := &row{name: "test.approver", kind: KindTimeEntry, rule: Approver, override: TimeApproveAll}
	if c, ok := upReachOf(&client, w); !ok || c.n != maxClauses {
		t.Errorf("reachOf(Approver, client without the override) = %d clauses (no panic: %v), want maxClauses = %d", c.n, ok, maxClauses)
	}
	if most != maxClauses {
		t.Errorf("the most clauses any rule needs is %d, want maxClauses = %d", most, maxClauses)
	}
}

// upReachOf calls reachOf, reporting a panic (an overflowing clause array)
// as ok == false.
func upReachOf(s *Subject, w *row) (c reach, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return reachOf(s, w), true
}

// TestReachTableMatchesReachOf: the precomputed reaches table gives, for
// every row of the action table and every kind of subject, exactly the
// clauses reachOf builds. If reachOf ever reads a part of the subject the
// table is not keyed by, this fails.
func TestReachTableMatchesReachOf(t *testing.T) {
	roles := []role.Role{0, 200}
	for r := range role.All() {
		roles = append(roles, r)
	}
	scopes := []scope.Scope{0, 9}
	for sc := range scope.All() {
		scopes = append(scopes, sc)
	}
	for a := range Actions() {
		w := &actions[a]
		for _, r := range roles {
			for _, sc := range scopes {
				for _, perms := range []Mask{{}, MaskOf(w.override), Universe()} {
					s := Subject{ID: 1, Role: r, Scope: sc, Permissions: perms}
					if got, want := *reachFor(&s, w), reachOf(&s, w); got != want {
						t.Errorf("%v for role %v, scope %v, %v: table %+v, reachOf %+v", a, r, sc, perms, got, want)
					}
				}
			}
		}
	}
}
