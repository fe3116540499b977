package permission

import (
	"testing"

	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"pgregory.net/rapid"
)

// TestReachOfUnknownRuleFailsClosed: no row of the action table lacks a reach
// rule (TestActionTableWellFormed checks that through the API), so the
// default branch of reachOf is unreachable from Authorize, Capabilities and
// List. It is the guard for a rule added to the Rule type but forgotten in
// reachOf: such a row must reach nothing, for the most powerful subject on
// the most open resource, with reason InvalidAction, rather than fall
// through to "no clauses", which means every resource.
func TestReachOfUnknownRuleFailsClosed(t *testing.T) {
	owner := Subject{Org: testOrg, ID: 1, Role: role.Owner, Permissions: Universe(),
		Projects: scope.NewMembers(5), Deals: scope.NewMembers(6), Budgets: scope.NewMembers(8)}
	open := Resource{Org: testOrg, Kind: KindBudget, Project: 5, Visibility: scope.Public, Deal: 6, Budget: 8,
		ClientAccess: true, Person: 1, Approver: 1}

	for _, rule := range []Rule{0, endRule, 255} {
		w := &row{spec: spec{name: "test.unknown_rule", kind: KindBudget, rule: rule}, needs: kinds[KindBudget].needs}
		c := reachOf(rule, owner.Role.Kind(), owner.Permissions)
		if c.n == 0 {
			t.Errorf("reachOf(rule %v) has no clauses: it would reach every resource", rule)
			continue
		}
		if got := c.impossible(); got == nil || got.reason != InvalidAction {
			t.Errorf("reachOf(rule %v).impossible() = %v, want a clause with reason %v", rule, got, InvalidAction)
		}
		if ok, why := c.holds(&owner, &open); ok || why.reason != InvalidAction {
			t.Errorf("reachOf(rule %v).holds = %v, %v; want false, %v", rule, ok, why, InvalidAction)
		}
		if d := decide(&owner, ViewBudget, w, &open, reachFor(w.rule, owner.Role.Kind(), owner.Permissions)); d.Allowed() || d.Reason() != InvalidAction {
			t.Errorf("decide with rule %v = %v, want a deny with reason %v", rule, d, InvalidAction)
		}
	}
}

// testOrg is the organization of the subject and resource of these tests.
const testOrg scope.ID = 1

// kindsOfRole are the role kinds reachOf may see, the invalid zero kind and an
// out-of-range one included.
var kindsOfRole = []role.Kind{0, role.Employee, role.ClientKind, role.ContractorKind, 200}

// TestReachFitsClauses: reach holds at most maxClauses clauses, and reachOf
// adds them without a bounds check. For every rule and kind of subject, over
// random sets of permissions, reachOf must not overflow, and every clause it
// returns must give a real reason to deny. The worst case, a client's time
// entries (project, budget, Client access, approval), needs exactly
// maxClauses, so the walk exercises the bound.
func TestReachFitsClauses(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		perms := maskGen().Draw(t, "perms")
		for rule := Rule(0); rule <= endRule; rule++ {
			for _, k := range kindsOfRole {
				c, ok := upReachOf(rule, k, perms)
				if !ok {
					t.Fatalf("reachOf(rule %v, kind %v, %v) panics: it needs more than %d clauses", rule, k, perms, maxClauses)
				}
				for _, cl := range c.clauses[:c.n] {
					if !cl.reason.IsValid() || cl.reason == Granted || cl.reason == NoDecision {
						t.Errorf("reachOf(rule %v, kind %v, %v): a clause denies with %v", rule, k, perms, cl.reason)
					}
				}
			}
		}
	})
	client := MaskOf(TimeViewOthers, BudgetsView).Closure()
	if c, ok := upReachOf(TimeEntryReach, role.ClientKind, client); !ok || c.n != maxClauses {
		t.Errorf("reachOf(TimeEntryReach, client with timesheets) = %d clauses (no panic: %v), want maxClauses = %d", c.n, ok, maxClauses)
	}
}

// TestReachReadsOnlyReachRights: reachOf's answer depends on the reach rights
// a subject holds and on nothing else in its permissions, so that a rule asks
// only what the catalogue calls reach, and an answer may be cached per set of
// reach rights.
func TestReachReadsOnlyReachRights(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		perms := maskGen().Draw(t, "perms")
		for rule := Rule(0); rule <= endRule; rule++ {
			for _, k := range kindsOfRole {
				if got, want := reachOf(rule, k, perms), reachOf(rule, k, perms.Intersect(ReachRights())); got != want {
					t.Fatalf("reachOf(%v, kind %v) reads more than reach rights: %v gives %+v, its reach rights %+v", rule, k, perms, got, want)
				}
			}
		}
	})
}

// maskGen draws any set of catalogue permissions, closed or not.
func maskGen() *rapid.Generator[Mask] {
	return rapid.Custom(func(t *rapid.T) Mask {
		var m Mask
		for p := range All() {
			if rapid.Bool().Draw(t, p.String()) {
				m = m.With(p)
			}
		}
		return m
	})
}

// upReachOf calls reachOf, reporting a panic (an overflowing clause array)
// as ok == false.
func upReachOf(rule Rule, k role.Kind, perms Mask) (c reach, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return reachOf(rule, k, perms), true
}

// TestRuleRightsAreWhatReachOfReads: Rule.Rights lists exactly what reachOf
// reads of a subject's permissions: the answer does not change when any
// permission outside the list is added or removed.
func TestRuleRightsAreWhatReachOfReads(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		perms := maskGen().Draw(t, "perms")
		for rule := Rule(0); rule <= endRule; rule++ {
			for _, k := range kindsOfRole {
				if got, want := reachOf(rule, k, perms), reachOf(rule, k, perms.Intersect(rule.Rights())); got != want {
					t.Fatalf("reachOf(%v, kind %v) reads beyond %v: %v gives %+v, within the rights %+v", rule, k, rule.Rights(), perms, got, want)
				}
			}
		}
	})
}

// TestReachTableMatchesReachOf: the precomputed reachTable gives, for every
// rule, every kind of subject and any permissions, exactly the clauses
// reachOf builds; a kind or rule outside the table reaches nothing.
func TestReachTableMatchesReachOf(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		perms := maskGen().Draw(t, "perms")
		for rule := Anywhere; rule < endRule; rule++ {
			for k := role.Kind(0); k < 4; k++ {
				if got, want := *reachFor(rule, k, perms), reachOf(rule, k, perms); got != want {
					t.Fatalf("%v for kind %v, %v: table %+v, reachOf %+v", rule, k, perms, got, want)
				}
			}
		}
	})
	for _, c := range []struct {
		rule Rule
		k    role.Kind
	}{{0, role.Employee}, {endRule, role.Employee}, {255, role.Employee}} {
		if got := reachFor(c.rule, c.k, Universe()); got.impossible() == nil {
			t.Errorf("reachFor(%v, %v) reaches something: %+v", c.rule, c.k, got)
		}
	}
	if got, want := *reachFor(ProjectReach, 200, Universe()), reachOf(ProjectReach, 0, Universe()); got != want {
		t.Errorf("reachFor(kind 200) = %+v, want the invalid kind's %+v", got, want)
	}
	most := 0
	for rule := Rule(0); rule < endRule; rule++ {
		most = max(most, rule.Rights().Len())
	}
	if most != maxRights {
		t.Errorf("the most reach rights a rule reads is %d, want maxRights = %d", most, maxRights)
	}
}

// TestWellFormedIsMissingNothing: the branch-free wellFormed and missing,
// which names the field, agree on every resource.
func TestWellFormedIsMissingNothing(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		id := rapid.SampledFrom([]scope.ID{0, 1, 7})
		r := Resource{
			Org:          id.Draw(t, "org"),
			Kind:         Kind(rapid.IntRange(0, int(endKind)+1).Draw(t, "kind")),
			Visibility:   scope.Visibility(rapid.IntRange(0, 3).Draw(t, "visibility")),
			PersonRole:   role.Role(rapid.IntRange(0, 9).Draw(t, "person role")),
			Project:      id.Draw(t, "project"),
			Deal:         id.Draw(t, "deal"),
			Budget:       id.Draw(t, "budget"),
			Person:       id.Draw(t, "person"),
			ClientAccess: rapid.Bool().Draw(t, "client access"),
		}
		if got, want := r.wellFormed(), r.missing() == noField; got != want {
			t.Fatalf("wellFormed() = %v, missing() = %v for %+v", got, r.missing(), r)
		}
	})
}

// TestLacksRanges: lacks tests Visibility and PersonRole by range, to stay
// inlinable; on every value the ranges agree with IsValid, and each ID field
// is lacking exactly when it is zero and needed.
func TestLacksRanges(t *testing.T) {
	for v := range 256 {
		r := Resource{Project: 1, Visibility: scope.Visibility(v), PersonRole: role.Role(v)}
		if r.lacks(needsProject) == r.Visibility.IsValid() {
			t.Errorf("Visibility %d: lacks says %v, IsValid %v", v, r.lacks(needsProject), r.Visibility.IsValid())
		}
		if r.lacks(needsPersonRole) == r.PersonRole.IsValid() {
			t.Errorf("PersonRole %d: lacks says %v, IsValid %v", v, r.lacks(needsPersonRole), r.PersonRole.IsValid())
		}
	}
	all := needsProject | needsBudget | needsDeal | needsPerson | needsPersonRole
	full := Resource{Project: ^scope.ID(0), Visibility: scope.Public, Budget: 2, Deal: 3, Person: 4, PersonRole: role.Owner}
	for _, c := range []struct {
		r    Resource
		need field
		want bool
	}{
		{Resource{}, 0, false},
		{Resource{}, needsBudget, true},
		{Resource{Visibility: scope.Public}, needsProject, true}, // a visibility without a project is no project
		{Resource{Project: 1, Visibility: scope.Private}, needsProject, false},
		{Resource{Project: 1, Visibility: scope.Private}, needsProject | needsBudget, true},
		{Resource{Budget: 1}, needsBudget, false},
		{Resource{Deal: 1}, needsDeal, false},
		{Resource{Deal: 1}, needsPerson, true},
		{Resource{Person: 1}, needsPerson, false},
		{full, all, false},
	} {
		if got := c.r.lacks(c.need); got != c.want {
			t.Errorf("%+v: lacks(%05b) = %v, want %v", c.r, c.need, got, c.want)
		}
	}
	for _, f := range []field{needsProject, needsBudget, needsDeal, needsPerson} {
		r := full
		switch f {
		case needsProject:
			r.Project = 0
		case needsBudget:
			r.Budget = 0
		case needsDeal:
			r.Deal = 0
		case needsPerson:
			r.Person = 0
		}
		if !r.lacks(all) || !r.lacks(f) || r.lacks(all&^f) {
			t.Errorf("field %05b zeroed: lacks(all) %v, lacks(it) %v, lacks(the others) %v", f, r.lacks(all), r.lacks(f), r.lacks(all&^f))
		}
	}
}

// TestDecisionNamesEveryField: for every field a resource can lack, the
// plain and the prepared decision refuse it as InvalidResource and name
// the field Resource.missing names, so that the field survives its packing
// into the Decision, PersonRole, the largest, included.
func TestDecisionNamesEveryField(t *testing.T) {
	s := Subject{Org: testOrg, ID: 1, Role: role.Owner, Permissions: Universe()}
	p, err := Prepare(s)
	if err != nil {
		t.Fatal(err)
	}
	full := Resource{Org: testOrg, Project: 5, Visibility: scope.Public, Deal: 6, Budget: 8, Person: 2, PersonRole: role.Staff}
	lose := map[resourceField]func(*Resource){
		fieldOrg:        func(r *Resource) { r.Org = 0 },
		fieldProject:    func(r *Resource) { r.Project = 0 },
		fieldVisibility: func(r *Resource) { r.Visibility = 0 },
		fieldBudget:     func(r *Resource) { r.Budget = 0 },
		fieldDeal:       func(r *Resource) { r.Deal = 0 },
		fieldPerson:     func(r *Resource) { r.Person = 0 },
		fieldPersonRole: func(r *Resource) { r.PersonRole = 0 },
	}
	named := map[resourceField]bool{}
	for a := range Actions() {
		for f, drop := range lose {
			r := full
			r.Kind = a.Kind()
			drop(&r)
			want := r.missing()
			if want == noField {
				continue // the kind does not need the field
			}
			named[want] = true
			for _, d := range []Decision{Authorize(s, a, r), p.Authorize(a, &r)} {
				if d.Reason() != InvalidResource || d.Field() != want.String() || d.Action() != a {
					t.Errorf("%v without %v: %v, field %q; want invalid_resource naming %q", a, f, d, d.Field(), want)
				}
			}
		}
	}
	for f := fieldOrg; f <= fieldPersonRole; f++ {
		if !named[f] {
			t.Errorf("no action's kind needs %v: the test no longer reaches it", f)
		}
	}
}
