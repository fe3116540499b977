package set_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/set"
)

// stBuildSentinels are the errors Builder.Build documents.
var stBuildSentinels = []error{
	set.ErrPlan, set.ErrName, set.ErrNameLength, set.ErrNameEncoding, set.ErrNameCharacter, set.ErrBase, set.ErrContractor, set.ErrOwnerBase,
	set.ErrUnknownPermission, set.ErrConflict, set.ErrOwnerOnly, set.ErrFreeSeat,
}

func TestBuilderErrors(t *testing.T) {
	custom, err := set.NewBuilder("Custom", stStaff).Grant(permission.ReportsView).Build(set.Ultimate)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		b     *set.Builder
		plan  set.Plan
		want  error
		also  error  // a second sentinel the error must wrap, if any
		names string // the error message must contain this
	}{
		// "Custom permission sets are available on the Ultimate subscription plan."
		{name: "Essential plan", b: set.NewBuilder("A", stStaff), plan: set.Essential, want: set.ErrPlan},
		{name: "Professional plan", b: set.NewBuilder("A", stStaff), plan: set.Professional, want: set.ErrPlan},
		{name: "zero plan", b: set.NewBuilder("A", stStaff), plan: 0, want: set.ErrPlan},
		{name: "unknown plan", b: set.NewBuilder("A", stStaff), plan: set.Plan(9), want: set.ErrPlan},
		// "Contractor permission set cannot be adjusted with custom permissions."
		{name: "Contractor base", b: set.NewBuilder("A", stContractor), plan: set.Ultimate, want: set.ErrContractor},
		{name: "Contractor base with a grant", b: set.NewBuilder("A", stContractor).Grant(permission.TimeViewWorked), plan: set.Ultimate, want: set.ErrContractor},
		{name: "Contractor base with a revoke", b: set.NewBuilder("A", stContractor).Revoke(permission.DocsAccess), plan: set.Ultimate, want: set.ErrContractor},
		{name: "Owner base", b: set.NewBuilder("A", stOwner), plan: set.Ultimate, want: set.ErrOwnerBase},
		{name: "Owner base with a revoke", b: set.NewBuilder("A", stOwner).Revoke(permission.BillingView), plan: set.Enterprise, want: set.ErrOwnerBase},
		// "there are fewer permissions available compared to a paid seat"
		{name: "client grants invoices", b: set.NewBuilder("A", stClient).Grant(permission.InvoicesView), plan: set.Ultimate, want: set.ErrFreeSeat, names: "invoices.view"},
		{name: "client grants task lists", b: set.NewBuilder("A", stClient).Grant(permission.TaskListsManage), plan: set.Ultimate, want: set.ErrFreeSeat, names: "task_lists.manage"},
		{name: "client grants worked time", b: set.NewBuilder("A", stClientBudgets).Grant(permission.TimeViewWorked), plan: set.Ultimate, want: set.ErrFreeSeat, names: "time.view_worked"},
		{name: "client grants budget financials", b: set.NewBuilder("A", stClientBudgets).Grant(permission.BudgetsViewFinancials), plan: set.Ultimate, want: set.ErrFreeSeat},
		// Owner-only permissions belong to the Owner alone.
		{name: "staff grants transfer ownership", b: set.NewBuilder("A", stStaff).Grant(permission.OrganizationTransferOwnership), plan: set.Ultimate, want: set.ErrOwnerOnly, names: "organization.transfer_ownership"},
		{name: "admin grants deactivate", b: set.NewBuilder("A", stAdmin).Grant(permission.OrganizationDeactivate), plan: set.Ultimate, want: set.ErrOwnerOnly, names: "organization.deactivate"},
		{name: "manager grants billing view", b: set.NewBuilder("A", stManagerR).Grant(permission.BillingView), plan: set.Ultimate, want: set.ErrOwnerOnly, names: "billing.view"},
		{name: "client grants deactivate", b: set.NewBuilder("A", stClient).Grant(permission.OrganizationDeactivate), plan: set.Ultimate, want: set.ErrOwnerOnly},
		// Names.
		{name: "empty name", b: set.NewBuilder("", stStaff), plan: set.Ultimate, want: set.ErrName},
		{name: "whitespace name", b: set.NewBuilder(" \t\n ", stStaff), plan: set.Ultimate, want: set.ErrName},
		// Permissions outside the catalogue.
		{name: "grant zero permission", b: set.NewBuilder("A", stStaff).Grant(0), plan: set.Ultimate, want: set.ErrUnknownPermission, also: permission.ErrUnknown},
		{name: "grant permission 200", b: set.NewBuilder("A", stStaff).Grant(permission.DealsView, 200), plan: set.Ultimate, want: set.ErrUnknownPermission, also: permission.ErrUnknown, names: "200"},
		{name: "revoke zero permission", b: set.NewBuilder("A", stStaff).Revoke(0), plan: set.Ultimate, want: set.ErrUnknownPermission, also: permission.ErrUnknown},
		{name: "revoke permission 200", b: set.NewBuilder("A", stStaff).Revoke(200), plan: set.Ultimate, want: set.ErrUnknownPermission, also: permission.ErrUnknown},
		// Bases.
		{name: "zero base", b: set.NewBuilder("A", set.Set{}), plan: set.Ultimate, want: set.ErrBase},
		{name: "custom base", b: set.NewBuilder("A", custom), plan: set.Ultimate, want: set.ErrBase},
		{name: "zero Builder", b: &set.Builder{}, plan: set.Ultimate, want: set.ErrName},
		// Conflicts.
		{name: "grant and revoke the same", b: set.NewBuilder("A", stStaff).Grant(permission.DealsView).Revoke(permission.DealsView), plan: set.Ultimate, want: set.ErrConflict, names: "deals.view"},
		{name: "revoke then grant the same", b: set.NewBuilder("A", stManager).Revoke(permission.ReportsView).Grant(permission.ReportsView), plan: set.Ultimate, want: set.ErrConflict, names: "reports.view"},
		{name: "grant while revoking its dependency", b: set.NewBuilder("A", stStaff).Grant(permission.InvoicesManage).Revoke(permission.InvoicesView), plan: set.Ultimate, want: set.ErrConflict, names: "invoices.manage"},
		{name: "grant while revoking a transitive dependency", b: set.NewBuilder("A", stStaff).Grant(permission.ReportsViewOrgProfit).Revoke(permission.ReportsView), plan: set.Ultimate, want: set.ErrConflict, names: "reports.view_org_profit"},
		{name: "keep a base permission whose dependency is revoked is fine, grant it is not", b: set.NewBuilder("A", stStaff).Grant(permission.TasksManage).Revoke(permission.ProjectsView), plan: set.Ultimate, want: set.ErrConflict, names: "tasks.manage"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := tt.b.Build(tt.plan)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Build error = %v, want %v", err, tt.want)
			}
			if tt.also != nil && !errors.Is(err, tt.also) {
				t.Errorf("Build error = %v, want it to wrap %v too", err, tt.also)
			}
			if !strings.Contains(err.Error(), tt.names) {
				t.Errorf("Build error %q does not name %q", err, tt.names)
			}
			if s != (set.Set{}) {
				t.Errorf("Build returned %q on error, want the zero Set", s.Name())
			}
		})
	}
}

func TestBuilderPlans(t *testing.T) {
	for _, plan := range []set.Plan{set.Ultimate, set.Enterprise} {
		if _, err := set.NewBuilder("A", stStaff).Build(plan); err != nil {
			t.Errorf("Build(%v): %v", plan, err)
		}
	}
}

func TestBuilderEdits(t *testing.T) {
	tests := []struct {
		name   string
		b      *set.Builder
		want   permission.Mask
		custom string // the built set's name
	}{
		{
			name: "nothing changed",
			b:    set.NewBuilder("Copy", stManager),
			want: stManager.Permissions(), custom: "Copy",
		},
		{
			name: "the name is trimmed",
			b:    set.NewBuilder("  Accounting\t", stStaff).Grant(permission.InvoicesManage, permission.ExpensesManageAll),
			want: stStaff.Permissions().Union(stM(permission.InvoicesManage, permission.ExpensesManageAll).Closure()), custom: "Accounting",
		},
		{
			name: "granting closes over dependencies",
			b:    set.NewBuilder("Finance", stStaff).Grant(permission.ReportsViewOrgProfit, permission.PeopleManageSalaries),
			want: stStaff.Permissions().Union(stM(permission.ReportsView, permission.ReportsViewFinancials, permission.ReportsViewOrgProfit,
				permission.PeopleViewCostRatesSubsidiary, permission.PeopleViewCostRates, permission.PeopleManageSalaries)),
			custom: "Finance",
		},
		{
			name: "revoking projects.view removes tasks and docs",
			b:    set.NewBuilder("No projects", stStaff).Revoke(permission.ProjectsView),
			want: stM(permission.TimeTrackOwn, permission.TimeOffRequestOwn, permission.AbsenceAllocationsViewOwn, permission.SchedulesViewOwn,
				permission.ExpensesManageOwn, permission.IntegrationsManagePersonal, permission.IntegrationsViewTaskManagement),
			custom: "No projects",
		},
		{
			name:   "revoking removes transitive dependents",
			b:      set.NewBuilder("No reports", stPM).Revoke(permission.ReportsView),
			want:   stPM.Permissions().Minus(stM(permission.ReportsView, permission.ReportsManage, permission.ReportsViewFinancials, permission.ReportsViewOrgProfit)),
			custom: "No reports",
		},
		{
			name: "client without tasks and docs",
			b:    set.NewBuilder("Client without tasks and docs", stClient).Revoke(permission.TasksManage, permission.DocsAccess),
			// "prevent clients from altering tasks": they still talk with the
			// team on them.
			want: stM(permission.ProjectsView, permission.TasksView, permission.TasksComment), custom: "Client without tasks and docs",
		},
		{
			name: "client with a free-seat grant",
			b:    set.NewBuilder("Client with estimates", stClient).Grant(permission.TasksViewEstimates),
			want: stClient.Permissions().With(permission.TasksViewEstimates), custom: "Client with estimates",
		},
		{
			name: "revoking what the base lacks and granting what it holds change nothing",
			b:    set.NewBuilder("Same", stStaff).Grant(permission.TasksView).Revoke(permission.DealsView),
			want: stStaff.Permissions(), custom: "Same",
		},
		{
			name: "repeated calls accumulate",
			b:    set.NewBuilder("Jira", stStaff).Grant(permission.IntegrationsManageTaskManagement).Grant(permission.ProjectsManageMembers).Revoke(permission.DocsAccess).Revoke(permission.TaskListsManage),
			want: stStaff.Permissions().Union(stM(permission.IntegrationsManageTaskManagement, permission.ProjectsManageMembers)).
				Minus(stM(permission.DocsAccess, permission.TaskListsManage)),
			custom: "Jira",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := tt.b.Build(set.Ultimate)
			if err != nil {
				t.Fatalf("Build: %v", err)
			}
			if s.Permissions() != tt.want {
				t.Errorf("permissions:\n got %v\nwant %v", s.Permissions(), tt.want)
			}
			if s.Name() != tt.custom || !s.Custom() || !s.IsValid() {
				t.Errorf("Build = name %q custom %v valid %v, want a valid custom set %q", s.Name(), s.Custom(), s.IsValid(), tt.custom)
			}
		})
	}
}

func TestBuilderKeepsBase(t *testing.T) {
	for base := range set.Systems() {
		if base.Role() == role.Contractor || base.Role() == role.Owner {
			continue
		}
		s, err := set.NewBuilder("Custom "+base.Name(), base).Build(set.Ultimate)
		if err != nil {
			t.Errorf("%q: %v", base.Name(), err)
			continue
		}
		if s.Role() != base.Role() || s.Scope() != base.Scope() || s.Addons() != base.Addons() ||
			s.Kind() != base.Kind() || s.Seat() != base.Seat() || s.Permissions() != base.Permissions() {
			t.Errorf("custom set from %q: base %v scope %v addons %v kind %v seat %v", base.Name(), s.Role(), s.Scope(), s.Addons(), s.Kind(), s.Seat())
		}
		if set.BaseOf(s) != base {
			t.Errorf("BaseOf(custom from %q) = %q", base.Name(), set.BaseOf(s).Name())
		}
		if !set.Diff(base, s).IsEmpty() {
			t.Errorf("Diff(%q, unchanged copy) = %+v, want empty", base.Name(), set.Diff(base, s))
		}
		if s == base {
			t.Errorf("a custom copy of %q equals the system set", base.Name())
		}
	}
}

func TestBuilderRebuild(t *testing.T) {
	b := set.NewBuilder("Evolving", stStaff).Grant(permission.InvoicesView).Revoke(permission.InvoicesView)
	if _, err := b.Build(set.Ultimate); !errors.Is(err, set.ErrConflict) {
		t.Fatalf("first Build error = %v, want ErrConflict", err)
	}
	// A builder is a description: building twice gives equal sets, and a
	// failed build does not spoil a later one on a good plan.
	b2 := set.NewBuilder("Evolving", stStaff).Grant(permission.DealsView)
	if _, err := b2.Build(set.Professional); !errors.Is(err, set.ErrPlan) {
		t.Fatalf("Build(Professional) error = %v, want ErrPlan", err)
	}
	s1, err1 := b2.Build(set.Ultimate)
	s2, err2 := b2.Grant(permission.DealsView).Build(set.Ultimate)
	if err1 != nil || err2 != nil || s1 != s2 || !s1.Has(permission.DealsView) {
		t.Errorf("rebuild: %v %v, %v %v", s1, err1, s2, err2)
	}
	s3, err := b2.Grant(permission.ReportsView).Build(set.Ultimate)
	if err != nil || !s3.Has(permission.ReportsView) || s1.Has(permission.ReportsView) {
		t.Errorf("changed builder: %v %v; earlier set now %v", s3, err, s1)
	}
}

func TestDiff(t *testing.T) {
	s, err := set.NewBuilder("Accounting", stStaff).Grant(permission.InvoicesManage).Revoke(permission.DocsAccess).Build(set.Ultimate)
	if err != nil {
		t.Fatal(err)
	}
	d := set.Diff(stStaff, s)
	want := set.Delta{Grant: stM(permission.InvoicesManage).Closure(), Revoke: stM(permission.DocsAccess)}
	if d != want {
		t.Errorf("Diff = %+v, want %+v", d, want)
	}
	if got := d.Apply(stStaff.Permissions()); got != s.Permissions() {
		t.Errorf("Apply = %v, want %v", got, s.Permissions())
	}
	back := set.Diff(s, stStaff)
	if back.Grant != d.Revoke || back.Revoke != d.Grant {
		t.Errorf("Diff(custom, base) = %+v, want the inverse of %+v", back, d)
	}
	if got, want := set.Diff(stManager, stManagerR), (set.Delta{Revoke: stM(permission.ProjectsViewAll, permission.DealsViewAll,
		permission.BudgetsViewAll, permission.InvoicesViewAll, permission.ExpensesManageAll, permission.PurchaseOrdersViewAll)}); got != want {
		t.Errorf("Diff(Manager, restricted Manager) = %+v, want %+v: restricted changes the reach rights only", got, want)
	}
	if (set.Delta{}).Apply(stPM.Permissions()) != stPM.Permissions() || !(set.Delta{}).IsEmpty() {
		t.Error("the zero Delta changes something")
	}
	if set.BaseOf(set.Set{}) != (set.Set{}) {
		t.Error("BaseOf(zero Set) is not the zero Set")
	}
}

// stCustomizable are the system sets a custom set may be built on.
func stCustomizable() []set.Set {
	var out []set.Set
	for s := range set.Systems() {
		if s.Role() != role.Contractor && s.Role() != role.Owner {
			out = append(out, s)
		}
	}
	return out
}

var (
	stAllSystems = slices.Collect(set.Systems())
	stAllPerms   = slices.Collect(permission.All())
)

// stBuildInput is what the builder properties draw: a base, a name, a plan,
// and grants and revokes that may include values outside the catalogue.
type stBuildInput struct {
	name          string
	base          set.Set
	plan          set.Plan
	grant, revoke []permission.Permission
}

func stDrawPermission(t *rapid.T, label string, invalid bool) permission.Permission {
	if invalid && rapid.IntRange(0, 19).Draw(t, label+"Invalid") == 0 {
		return permission.Permission(rapid.SampledFrom([]uint8{0, uint8(permission.Count + 1), 200, 255}).Draw(t, label+"Bad"))
	}
	if rapid.IntRange(0, 3).Draw(t, label+"Edge") == 0 {
		return rapid.SampledFrom(stEdgePerms).Draw(t, label+"EdgePick")
	}
	return rapid.SampledFrom(stAllPerms).Draw(t, label)
}

// stEdgePerms are permissions at the limits the builder enforces: owner-only
// ones, paid ones next to the free-seat ones, and ones with deep dependencies.
var stEdgePerms = []permission.Permission{
	permission.BillingView, permission.OrganizationTransferOwnership, permission.OrganizationDeactivate,
	permission.InvoicesView, permission.TaskListsManage, permission.TimeViewWorked, permission.TimeTrackOwn,
	permission.ProjectsView, permission.TasksView, permission.ReportsViewOrgProfit, permission.TimeApproveAll,
}

func stDrawBuildInput(t *rapid.T, invalid bool) stBuildInput {
	in := stBuildInput{
		name: rapid.SampledFrom([]string{"Custom", "  Accounting ", "Jira manager", "Time tracking", "", " ", "Red\x1b[31m", "Client \u202eportal", "A\xff", strings.Repeat("n", set.MaxNameLength+1)}).Draw(t, "name"),
		base: rapid.SampledFrom(stAllSystems).Draw(t, "base"),
		plan: rapid.SampledFrom([]set.Plan{set.Ultimate, set.Enterprise, set.Ultimate, set.Ultimate, set.Professional, set.Essential, 0}).Draw(t, "plan"),
	}
	n := rapid.IntRange(0, 6).Draw(t, "grants")
	for i := 0; i < n; i++ {
		in.grant = append(in.grant, stDrawPermission(t, "grant", invalid))
	}
	n = rapid.IntRange(0, 4).Draw(t, "revokes")
	for i := 0; i < n; i++ {
		in.revoke = append(in.revoke, stDrawPermission(t, "revoke", invalid))
	}
	return in
}

func (in stBuildInput) build() (set.Set, error) {
	return set.NewBuilder(in.name, in.base).Grant(in.grant...).Revoke(in.revoke...).Build(in.plan)
}

// stBuilderProperty: building from any system base with any grants and
// revokes either fails with a documented sentinel and the zero Set, or gives
// a valid custom set that is closed, within HoldableBy(base), holds no
// owner-only permission, stays on a free seat for a client, holds every grant
// and no revoke, changes the base only by the grants, the revokes and what
// depends on them, and has the base as its BaseOf.
func stBuilderProperty(t *rapid.T) {
	in := stDrawBuildInput(t, true)
	s, err := in.build()
	if err != nil {
		if s != (set.Set{}) {
			t.Fatalf("Build returned %q with error %v, want the zero Set", s.Name(), err)
		}
		for _, sentinel := range stBuildSentinels {
			if errors.Is(err, sentinel) {
				return
			}
		}
		t.Fatalf("Build error %v wraps none of the documented sentinels", err)
	}
	perms := s.Permissions()
	switch {
	case !s.IsValid() || !s.Custom():
		t.Fatalf("Build = %+v, want a valid custom set", s)
	case s.Name() != strings.TrimSpace(in.name) || s.Name() == "":
		t.Fatalf("name %q from %q", s.Name(), in.name)
	case !in.plan.AtLeast(set.Ultimate):
		t.Fatalf("built on plan %v", in.plan)
	case in.base.Role() == role.Contractor || in.base.Role() == role.Owner:
		t.Fatalf("built on %q", in.base.Name())
	case s.Role() != in.base.Role() || s.Scope() != in.base.Scope() || s.Addons() != in.base.Addons():
		t.Fatalf("built set %v/%v/%v from %q", s.Role(), s.Scope(), s.Addons(), in.base.Name())
	}
	if err := perms.CheckClosed(); err != nil {
		t.Fatalf("not closed: %v", err)
	}
	if extra := perms.Minus(permission.HoldableBy(in.base.Role())); !extra.IsEmpty() {
		t.Fatalf("holds %v, beyond HoldableBy(%v)", extra, in.base.Role())
	}
	if own := perms.Intersect(stOwnerOnly); !own.IsEmpty() {
		t.Fatalf("holds owner-only %v", own)
	}
	if s.Kind() == role.ClientKind {
		for p := range perms.All() {
			if !p.FreeSeat() {
				t.Fatalf("client set holds %v", p)
			}
		}
	}
	grant, revoke := permission.MaskOf(in.grant...), permission.MaskOf(in.revoke...)
	if !grant.SubsetOf(perms) {
		t.Fatalf("granted %v missing", grant.Minus(perms))
	}
	if !revoke.Intersect(perms).IsEmpty() {
		t.Fatalf("revoked %v still held", revoke.Intersect(perms))
	}
	// Added: only grants and what they depend on.
	if added := perms.Minus(in.base.Permissions()); !added.SubsetOf(grant.Closure()) {
		t.Fatalf("added %v, beyond the closure of the grants", added.Minus(grant.Closure()))
	}
	// Removed: only revokes and what depends on them.
	for p := range in.base.Permissions().Minus(perms).All() {
		if permission.MaskOf(p).Closure().Intersect(revoke).IsEmpty() {
			t.Fatalf("removed %v, which depends on no revoked permission", p)
		}
	}
	if set.BaseOf(s) != in.base {
		t.Fatalf("BaseOf = %q, want %q", set.BaseOf(s).Name(), in.base.Name())
	}
	if got := set.Diff(in.base, s).Apply(in.base.Permissions()); got != perms {
		t.Fatalf("Diff(base, custom).Apply(base) = %v, want %v", got, perms)
	}
}

func TestBuilderProperty(t *testing.T) {
	rapid.Check(t, stBuilderProperty)
}

// TestBuilderOrderProperty: grants and revokes are sets; their order, their
// repetition and how they are split over calls do not change the result.
func TestBuilderOrderProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := stDrawBuildInput(t, false)
		s1, err1 := in.build()

		shuffled := in
		shuffled.grant = rapid.Permutation(append(slices.Clone(in.grant), in.grant...)).Draw(t, "grant2")
		shuffled.revoke = rapid.Permutation(append(slices.Clone(in.revoke), in.revoke...)).Draw(t, "revoke2")
		b := set.NewBuilder(in.name, in.base)
		for i, p := range shuffled.grant {
			b.Grant(p)
			if i < len(shuffled.revoke) {
				b.Revoke(shuffled.revoke[i])
			}
		}
		if len(shuffled.revoke) > len(shuffled.grant) {
			b.Revoke(shuffled.revoke[len(shuffled.grant):]...)
		}
		s2, err2 := b.Build(in.plan)
		if s1 != s2 {
			t.Fatalf("order changed the set:\n%v\n%v", s1.Permissions(), s2.Permissions())
		}
		if (err1 == nil) != (err2 == nil) || err1 != nil && err1.Error() != err2.Error() {
			t.Fatalf("order changed the error: %v / %v", err1, err2)
		}
	})
}

// stDrawValidCustom draws a custom set that must build: a customizable base,
// grants the base's role may hold, and revokes of base permissions that no
// grant depends on.
func stDrawValidCustom(t *rapid.T) (base set.Set, grant, revoke []permission.Permission, s set.Set) {
	base = rapid.SampledFrom(stCustomizable()).Draw(t, "base")
	holdable := slices.Collect(permission.HoldableBy(base.Role()).All())
	grant = rapid.SliceOfN(rapid.SampledFrom(holdable), 0, 5).Draw(t, "grant")
	kept := permission.MaskOf(grant...).Closure()
	if candidates := slices.Collect(base.Permissions().Minus(kept).All()); len(candidates) > 0 {
		revoke = rapid.SliceOfN(rapid.SampledFrom(candidates), 0, 4).Draw(t, "revoke")
	}
	name := rapid.SampledFrom([]string{"Custom", "Accounting", "Jira manager", "Client without docs", "Zoë's set"}).Draw(t, "name")
	s, err := set.NewBuilder(name, base).Grant(grant...).Revoke(revoke...).Build(set.Ultimate)
	if err != nil {
		t.Fatalf("Build(%q from %q, grant %v, revoke %v): %v", name, base.Name(), grant, revoke, err)
	}
	return base, grant, revoke, s
}

// TestBuilderDiffProperty: for any built custom set, Diff from its base
// applied to the base gives it back, and BaseOf finds the base.
func TestBuilderDiffProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		base, _, _, s := stDrawValidCustom(t)
		d := set.Diff(base, s)
		if got := d.Apply(base.Permissions()); got != s.Permissions() {
			t.Fatalf("Diff(base, custom).Apply(base) = %v, want %v", got, s.Permissions())
		}
		if !d.Grant.Intersect(d.Revoke).IsEmpty() || !d.Grant.Intersect(base.Permissions()).IsEmpty() || !d.Revoke.SubsetOf(base.Permissions()) {
			t.Fatalf("Diff = %+v is not a difference from the base", d)
		}
		if set.BaseOf(s) != base {
			t.Fatalf("BaseOf = %q, want %q", set.BaseOf(s).Name(), base.Name())
		}
	})
}
