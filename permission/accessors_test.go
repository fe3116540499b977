package permission_test

import (
	"strings"
	"testing"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// TestFilterAccessors: a filter reports the organization it is confined
// to, what is missing when nothing matches, and prints every case.
func TestFilterAccessors(t *testing.T) {
	staff := set.MustSystem(role.Staff, 0, 0).Subject(testOrg, 3)
	f := permission.List(staff, permission.ViewBudget)
	if !f.None() || f.Missing() != permission.BudgetsView || f.Org() != testOrg {
		t.Errorf("staff budgets: None %v Missing %v Org %v; want none, budgets.view, %v", f.None(), f.Missing(), f.Org(), testOrg)
	}
	if got := permission.List(staff, 0).String(); got != "action(0): nothing (invalid_action)" {
		t.Errorf("invalid action filter prints %q", got)
	}
	if f := permission.List(staff, permission.ViewProject); f.Missing() != 0 || f.None() || !strings.Contains(f.String(), "(project_is_shared)") {
		t.Errorf("staff projects: %v (missing %v)", f, f.Missing())
	}
	budgets := permission.List(set.MustSystem(role.Manager, scope.Restricted, 0).Subject(testOrg, 4), permission.TrackTime)
	if got := budgets.String(); !strings.Contains(got, ") AND (") || !strings.Contains(got, " OR ") {
		t.Errorf("a filter of several clauses prints %q", got)
	}
}

// TestClauseWiden: a clause names the reach right that would satisfy it,
// and none when only membership or a relation would (or no one right would
// whatever the record).
func TestClauseWiden(t *testing.T) {
	m := set.MustSystem(role.Manager, scope.Restricted, 0).Subject(testOrg, 4)
	var widens []permission.Permission
	for c := range permission.List(m, permission.ApproveTimeEntry).Clauses() {
		widens = append(widens, c.Widen())
	}
	// Someone else's, awaiting approval, and the relation: no right passes
	// the last whatever the entry, as time.approve_all would still need its
	// project in reach, which a restricted Manager's may not be.
	want := []permission.Permission{0, 0, 0}
	if len(widens) != len(want) {
		t.Fatalf("clauses widen to %v, want %v", widens, want)
	}
	for i := range want {
		if widens[i] != want[i] {
			t.Errorf("clause %d widens to %v, want %v", i, widens[i], want[i])
		}
	}
}

// TestSubjectScope: the preset a subject's project reach matches, and none
// without a project reach right.
func TestSubjectScope(t *testing.T) {
	for _, c := range []struct {
		s    permission.Subject
		want scope.Scope
	}{
		{set.MustSystem(role.Admin, 0, 0).Subject(testOrg, 1), scope.Unlimited},
		{set.MustSystem(role.Coordinator, scope.Restricted, 0).Subject(testOrg, 1), scope.Restricted},
		{set.MustSystem(role.Contractor, 0, 0).Subject(testOrg, 1), scope.Member},
		{permission.Subject{Org: testOrg, ID: 1, Role: role.Staff}, 0},
	} {
		if got := c.s.Scope(); got != c.want {
			t.Errorf("%v with %v: Scope() = %v, want %v", c.s.Role, c.s.Permissions, got, c.want)
		}
	}
}

// TestMaskLast: the last permission in catalogue order, in either word.
func TestMaskLast(t *testing.T) {
	if got := (permission.Mask{}).Last(); got != 0 {
		t.Errorf("empty Last() = %v", got)
	}
	if got := permission.MaskOf(permission.ProjectsView, permission.TasksView).Last(); got != permission.TasksView {
		t.Errorf("Last() = %v, want tasks.view", got)
	}
	if got := permission.Universe().Last(); got != permission.OrganizationDeactivate {
		t.Errorf("Universe().Last() = %v, want organization.deactivate", got)
	}
}

// TestIterationsStop: every iterator stops when its loop does.
func TestIterationsStop(t *testing.T) {
	n := 0
	for range permission.All() {
		if n++; n == 2 {
			break
		}
	}
	client := set.MustSystem(role.Client, 0, 0).Subject(testOrg, 9)
	budget := permission.Resource{Org: testOrg, Kind: permission.KindBudget, Project: 7, Visibility: scope.Private, Budget: 70}
	e := permission.Explain(client, permission.ViewBudget, budget)
	n = 0
	for range e.Failures() {
		if n++; n == 1 {
			break
		}
	}
	if n != 1 || e.Len() < 2 {
		t.Errorf("stopped after %d of %d failures", n, e.Len())
	}
}
