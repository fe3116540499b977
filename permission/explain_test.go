package permission_test

import (
	"slices"
	"testing"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// exFix applies what an explanation names: every permission it names that
// the role may hold (with what it depends on), and for a failure that no
// permission passes, the first membership it names.
func exFix(s permission.Subject, r permission.Resource, e permission.Explanation) permission.Subject {
	for f := range e.Failures() {
		if f.Holdable {
			s.Permissions = s.Permissions.Union(f.Permissions.Closure())
			continue
		}
		switch {
		case f.Members.Has(permission.ProjectIsShared):
			s.Projects = pfWithMember(s.Projects, r.Project)
		case f.Members.Has(permission.BudgetIsShared):
			s.Budgets = pfWithMember(s.Budgets, r.Budget)
		case f.Members.Has(permission.DealIsAssigned):
			s.Deals = pfWithMember(s.Deals, r.Deal)
		}
	}
	return s
}

// exExplains: the explanation is of the decision Authorize gives; it is empty
// exactly when that decision is an allow; its first failure gives the
// decision's reason; and when every failure is fixable, applying the fixes
// it names turns the deny into an allow.
func exExplains(t *rapid.T) {
	s := pfSubjectGen().Draw(t, "subject")
	for _, r := range pfResources(t) {
		for _, a := range pfActionsOf(r.Kind) {
			d := permission.Authorize(s, a, r)
			e := permission.Explain(s, a, r)
			if e.Decision() != d {
				t.Fatalf("Explain's decision %v, Authorize %v\n%s", e.Decision(), d, pfDescribe(s, a, r))
			}
			if (e.Len() == 0) != d.Allowed() {
				t.Fatalf("%d failures for %v\n%s", e.Len(), d, pfDescribe(s, a, r))
			}
			if d.Allowed() {
				continue
			}
			failures := slices.Collect(e.Failures())
			if failures[0].Reason != d.Reason() {
				t.Fatalf("first failure %v, decision %v\n%s", failures[0].Reason, d, pfDescribe(s, a, r))
			}
			if !slices.ContainsFunc(failures, func(f permission.Failure) bool { return !f.Fixable() }) {
				exFixed++
				fixed := exFix(s, r, e)
				if got := permission.Authorize(fixed, a, r); !got.Allowed() {
					t.Fatalf("granting %v and the memberships named leaves %v\nfailures %+v\n%s", e.Grants(), got, failures, pfDescribe(s, a, r))
				}
			}
		}
	}
}

// exFixed counts the denies TestExplain turned into allows.
var exFixed int

func TestExplain(t *testing.T) {
	exFixed = 0
	rapid.Check(t, exExplains)
	t.Logf("%d denies fixed by what their explanation names", exFixed)
	floor := 100
	if testing.Short() { // a fifth of the checks
		floor = 20
	}
	if !t.Failed() && exFixed < floor {
		t.Errorf("only %d denies were fixable: the generators no longer reach the property", exFixed)
	}
}
func FuzzExplain(f *testing.F) { f.Fuzz(rapid.MakeFuzz(exExplains)) }

// TestExplainClientBudget: the example. A client with no add-on, no
// membership and Client access off is told one reason by Authorize, and
// every one by Explain: the budgets add-on's permission, the project and the
// budget to be added to, and the Client access toggle, which no grant turns
// on.
func TestExplainClientBudget(t *testing.T) {
	client := set.MustSystem(role.Client, 0, 0).Subject(testOrg, 9)
	client.Plan = set.Professional // clients see budgets from the Professional plan
	budget := permission.Resource{Org: testOrg, Kind: permission.KindBudget, Project: 7, Visibility: scope.Private, Budget: 70}
	e := permission.Explain(client, permission.ViewBudget, budget)
	type failure struct {
		Reason   string
		Grant    string
		Members  []string
		Fixable  bool
		Holdable bool
	}
	var got []failure
	for f := range e.Failures() {
		var members []string
		for _, c := range []permission.Condition{permission.ProjectIsShared, permission.BudgetIsShared, permission.DealIsAssigned} {
			if f.Members.Has(c) {
				members = append(members, c.String())
			}
		}
		got = append(got, failure{f.Reason.String(), f.Permissions.String(), members, f.Fixable(), f.Holdable})
	}
	want := []failure{
		{"missing_permission", "budgets.view", nil, true, true},
		{"not_in_reach", "", []string{"project_is_shared"}, true, false},
		{"budget_not_shared", "", []string{"budget_is_shared"}, true, false},
		{"client_access_off", "", nil, false, false},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Explain mismatch (-want +got):\n%s", diff)
	}
	if d := e.Decision(); d.Reason() != permission.MissingPermission || d.Missing() != permission.BudgetsView {
		t.Errorf("Decision = %v, want missing budgets.view", d)
	}
	if e.Grants() != permission.MaskOf(permission.BudgetsView) {
		t.Errorf("Grants = %v, want budgets.view", e.Grants())
	}
}

// TestExplainNoAllocs: Explain allocates nothing, on an allow and on a deny
// with every kind of failure.
func TestExplainNoAllocs(t *testing.T) {
	client := set.MustSystem(role.Client, 0, 0).Subject(testOrg, 9)
	budget := permission.Resource{Org: testOrg, Kind: permission.KindBudget, Project: 7, Visibility: scope.Private, Budget: 70}
	staff := set.MustSystem(role.Staff, 0, 0).Subject(testOrg, 9)
	entry := permission.Resource{Org: testOrg, Kind: permission.KindTimeEntry, Person: 10, Project: 7, Visibility: scope.Private, Budget: 70}
	admin := set.MustSystem(role.Admin, 0, 0).Subject(testOrg, 1)
	var sink permission.Explanation
	for _, c := range []struct {
		s permission.Subject
		a permission.Action
		r permission.Resource
	}{
		{client, permission.ViewBudget, budget},
		{staff, permission.ApproveTimeEntry, entry},
		{admin, permission.ViewBudget, budget},
		{admin, 0, budget},
	} {
		if n := testing.AllocsPerRun(100, func() { sink = permission.Explain(c.s, c.a, c.r) }); n != 0 {
			t.Errorf("Explain(%v) allocates %v times", c.a, n)
		}
	}
	_ = sink
}

// exNarrowest: a reach check's suggestion is the narrowest right that passes
// it (issue 24). Wherever every failure of a deny is fixable, fixing it as
// the explanation says allows; and replacing the one reach right a failure
// names by any right it depends on, everything else fixed the same way,
// denies again: the suggestion could not have been narrower.
func exNarrowest(t *rapid.T) {
	s := pfSubjectGen().Draw(t, "subject")
	for _, r := range pfResources(t) {
		for _, a := range pfActionsOf(r.Kind) {
			e := permission.Explain(s, a, r)
			failures := slices.Collect(e.Failures())
			if len(failures) == 0 || slices.ContainsFunc(failures, func(f permission.Failure) bool { return !f.Fixable() }) {
				continue
			}
			fixed := exFix(s, r, e)
			for i, f := range failures {
				if !f.Holdable || f.Permissions.Len() != 1 || !permission.ReachRights().Has(f.Permissions.First()) {
					continue
				}
				wide := f.Permissions.First()
				others := s.Permissions
				for j, g := range failures {
					if j != i && g.Holdable {
						others = others.Union(g.Permissions.Closure())
					}
				}
				for narrow := range f.Permissions.Closure().Without(wide).All() {
					try := fixed
					try.Permissions = others.Union(permission.MaskOf(narrow).Closure())
					if try.Permissions.Has(wide) {
						continue
					}
					exNarrowChecked++
					if d := permission.Authorize(try, a, r); d.Allowed() {
						t.Fatalf("Explain names %v, yet %v (which it needs) allows: %v\n%s", wide, narrow, d, pfDescribe(s, a, r))
					}
				}
			}
		}
	}
}

// exNarrowChecked counts the narrower rights TestExplainNarrowestProperty tried.
var exNarrowChecked int

func TestExplainNarrowestProperty(t *testing.T) {
	exNarrowChecked = 0
	rapid.Check(t, exNarrowest)
	t.Logf("%d narrower rights tried in place of a suggestion", exNarrowChecked)
	if !t.Failed() && exNarrowChecked == 0 {
		t.Errorf("no suggestion had a narrower right to try: the generators no longer reach the property")
	}
}
