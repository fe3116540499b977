package permission_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// allConditions are the conditions, one bit each, in table order.
func allConditions() []permission.Condition {
	var out []permission.Condition
	for i := range 32 {
		if c := permission.Condition(1) << i; !strings.HasPrefix(c.String(), "condition(") {
			out = append(out, c)
		}
	}
	return out
}

// TestConditionsRoundTrip: any set of conditions prints as its names
// joined by "|" in table order, parses back to itself, and iterates its
// members in that order.
func TestConditionsRoundTrip(t *testing.T) {
	all := allConditions()
	rapid.Check(t, func(t *rapid.T) {
		picked := rapid.SliceOfDistinct(rapid.SampledFrom(all), rapid.ID).Draw(t, "conditions")
		m := permission.ConditionsOf(picked...)
		slices.Sort(picked)
		if got := slices.Collect(m.All()); !slices.Equal(got, picked) && len(picked) > 0 {
			t.Fatalf("All() = %v, want %v", got, picked)
		}
		var names []string
		for _, c := range picked {
			names = append(names, c.String())
			if !m.Has(c) {
				t.Fatalf("Has(%v) = false", c)
			}
		}
		if got, want := m.String(), strings.Join(names, "|"); got != want {
			t.Fatalf("String() = %q, want %q", got, want)
		}
		if m.Len() != len(picked) || m.IsEmpty() != (len(picked) == 0) {
			t.Fatalf("Len %d, IsEmpty %v for %v", m.Len(), m.IsEmpty(), picked)
		}
		text, _ := m.MarshalText()
		var back permission.Conditions
		if err := back.UnmarshalText(text); err != nil || back != m {
			t.Fatalf("UnmarshalText(%q) = %v, %v; want %v", text, back, err, m)
		}
	})
}

// TestConditionsErrors: an unknown or repeated name is an error that names
// it (with the nearest name when one is close) and changes nothing; a value
// that is not one condition is in no set.
func TestConditionsErrors(t *testing.T) {
	for _, in := range []string{"project_is_sharde", "project_is_shared|project_is_shared", "|", "project_is_public|"} {
		m := permission.ConditionsOf(permission.OwnedBySubject)
		err := m.UnmarshalText([]byte(in))
		if !errors.Is(err, permission.ErrUnknownCondition) || m != permission.ConditionsOf(permission.OwnedBySubject) {
			t.Errorf("UnmarshalText(%q) = %v, left %v", in, err, m)
		}
	}
	if _, err := permission.ParseConditions("project_is_sharde"); err == nil || !strings.Contains(err.Error(), `"project_is_shared"`) {
		t.Errorf("a near miss suggests nothing: %v", err)
	}
	m := permission.ConditionsOf(permission.ProjectIsShared|permission.BudgetIsShared, 1<<31)
	if m.String() != "project_is_shared|budget_is_shared" || m.Has(permission.ProjectIsShared|permission.BudgetIsShared) || m.Has(0) {
		t.Errorf("ConditionsOf of a two-condition value and a bit past the table = %v", m)
	}
	var n int
	for range m.All() {
		n++
		break
	}
	if n != 1 {
		t.Errorf("All() did not stop")
	}
}

// TestExplainNarrowest: Explain names the narrowest right that passes a
// reach check on the resource at hand (issue 24: "for Staff on a public
// project it suggests projects.view_all, though projects.view_public is
// enough"), and the widest only where nothing narrower does.
func TestExplainNarrowest(t *testing.T) {
	staff := set.MustSystem(role.Staff, 0, 0).Subject(testOrg, 9)
	public := permission.Resource{Org: testOrg, Kind: permission.KindProject, Project: 7, Visibility: scope.Public}
	private := public
	private.Visibility = scope.Private
	for _, c := range []struct {
		r    permission.Resource
		want permission.Permission
	}{{public, permission.ProjectsViewPublic}, {private, permission.ProjectsViewAll}} {
		type failure struct {
			Reason, Grant, Members string
			Holdable               bool
		}
		var got []failure
		for f := range permission.Explain(staff, permission.ViewProject, c.r).Failures() {
			got = append(got, failure{f.Reason.String(), f.Permissions.String(), f.Members.String(), f.Holdable})
		}
		want := []failure{{"not_in_reach", c.want.String(), "project_is_shared", true}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Explain on a %v project (-want +got):\n%s", c.r.Visibility, diff)
		}
	}
}
