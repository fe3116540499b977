package permission_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// mkAll is every permission, in catalogue order.
var mkAll = slices.Collect(permission.All())

// mkMasks generates sets of permissions: small hand-picked ones, random
// subsets of the whole catalogue, and the edge cases.
var mkMasks = rapid.OneOf(
	rapid.Map(rapid.SliceOf(rapid.SampledFrom(mkAll)), func(ps []permission.Permission) permission.Mask {
		return permission.MaskOf(ps...)
	}),
	rapid.Custom(func(t *rapid.T) permission.Mask {
		var m permission.Mask
		for _, p := range mkAll {
			if rapid.Bool().Draw(t, p.String()) {
				m = m.With(p)
			}
		}
		return m
	}),
	rapid.Just(permission.Mask{}),
	rapid.Just(permission.Universe()),
)

// mkMembers returns the permissions of m found by asking Has of every
// catalogue entry: a model of m that does not use Mask.All.
func mkMembers(m permission.Mask) []permission.Permission {
	var out []permission.Permission
	for _, p := range mkAll {
		if m.Has(p) {
			out = append(out, p)
		}
	}
	return out
}

// mkNames returns the names of ps, for readable diffs.
func mkNames(ps []permission.Permission) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}

func mkEq(t *rapid.T, what string, want, got permission.Mask) {
	t.Helper()
	if want != got {
		t.Fatalf("%s mismatch (-want +got):\n%s", what, cmp.Diff(mkNames(mkMembers(want)), mkNames(mkMembers(got))))
	}
}

// propMaskAlgebra checks the set-algebra laws, and each operation against a
// model built from Has over the catalogue.
func propMaskAlgebra(t *rapid.T) {
	a, b, c := mkMasks.Draw(t, "a"), mkMasks.Draw(t, "b"), mkMasks.Draw(t, "c")
	empty, u := permission.Mask{}, permission.Universe()

	mkEq(t, "a∪b = b∪a", a.Union(b), b.Union(a))
	mkEq(t, "a∩b = b∩a", a.Intersect(b), b.Intersect(a))
	mkEq(t, "(a∪b)∪c = a∪(b∪c)", a.Union(b).Union(c), a.Union(b.Union(c)))
	mkEq(t, "(a∩b)∩c = a∩(b∩c)", a.Intersect(b).Intersect(c), a.Intersect(b.Intersect(c)))
	mkEq(t, "a∩(b∪c) = (a∩b)∪(a∩c)", a.Intersect(b.Union(c)), a.Intersect(b).Union(a.Intersect(c)))
	mkEq(t, "a∪∅ = a", a, a.Union(empty))
	mkEq(t, "a∩U = a", a, a.Intersect(u))
	mkEq(t, "a∩∅ = ∅", empty, a.Intersect(empty))
	mkEq(t, "a∪U = U", u, a.Union(u))
	mkEq(t, "a∪a = a", a, a.Union(a))
	mkEq(t, "(a∪b)ᶜ = aᶜ∩bᶜ", a.Union(b).Complement(), a.Complement().Intersect(b.Complement()))
	mkEq(t, "(a∩b)ᶜ = aᶜ∪bᶜ", a.Intersect(b).Complement(), a.Complement().Union(b.Complement()))
	mkEq(t, "aᶜᶜ = a", a, a.Complement().Complement())
	mkEq(t, "a∪aᶜ = U", u, a.Union(a.Complement()))
	mkEq(t, "a∩aᶜ = ∅", empty, a.Intersect(a.Complement()))
	mkEq(t, "a−b = a∩bᶜ", a.Intersect(b.Complement()), a.Minus(b))
	mkEq(t, "U−a = aᶜ", a.Complement(), u.Minus(a))

	if got, want := a.SubsetOf(b), a.Intersect(b) == a; got != want {
		t.Fatalf("%v.SubsetOf(%v) = %v, want %v", a, b, got, want)
	}
	if !a.SubsetOf(a.Union(b)) || !a.Intersect(b).SubsetOf(a) || !empty.SubsetOf(a) || !a.SubsetOf(u) {
		t.Fatalf("SubsetOf is wrong for a=%v b=%v", a, b)
	}
	if a.IsEmpty() != (a == empty) {
		t.Fatalf("%v.IsEmpty() = %v", a, a.IsEmpty())
	}

	// Against the model: each operation is the pointwise boolean operation.
	for _, p := range mkAll {
		ha, hb := a.Has(p), b.Has(p)
		if a.Union(b).Has(p) != (ha || hb) || a.Intersect(b).Has(p) != (ha && hb) ||
			a.Minus(b).Has(p) != (ha && !hb) || a.Complement().Has(p) == ha {
			t.Fatalf("set operations on %v disagree with the model for a=%v b=%v", p, a, b)
		}
		if !a.With(p).Has(p) || a.Without(p).Has(p) {
			t.Fatalf("With/Without(%v) on %v", p, a)
		}
		mkEq(t, "With then Without", a.Without(p), a.With(p).Without(p))
		if a.With(p).Len() != a.Without(p).Len()+1 {
			t.Fatalf("With(%v) and Without(%v) on %v differ by more than one", p, p, a)
		}
	}
}

func TestMaskAlgebra(t *testing.T) { rapid.Check(t, propMaskAlgebra) }

func TestMaskIteration(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := mkMasks.Draw(t, "m")
		want := mkMembers(m)
		got := slices.Collect(m.All())
		if diff := cmp.Diff(mkNames(want), mkNames(got)); diff != "" {
			t.Fatalf("All() mismatch (-want +got):\n%s", diff)
		}
		if m.Len() != len(want) {
			t.Fatalf("Len() = %d, want %d", m.Len(), len(want))
		}
		wantFirst := permission.Permission(0)
		if len(want) > 0 {
			wantFirst = want[0]
		}
		if got := m.First(); got != wantFirst {
			t.Fatalf("First() = %v, want %v", got, wantFirst)
		}
		if permission.MaskOf(got...) != m {
			t.Fatalf("MaskOf(All()) != %v", m)
		}
		// Stopping early yields a prefix.
		if len(want) > 0 {
			stop := rapid.IntRange(1, len(want)).Draw(t, "stop")
			var prefix []permission.Permission
			for p := range m.All() {
				prefix = append(prefix, p)
				if len(prefix) == stop {
					break
				}
			}
			if diff := cmp.Diff(mkNames(want[:stop]), mkNames(prefix)); diff != "" {
				t.Fatalf("All() stopped after %d mismatch (-want +got):\n%s", stop, diff)
			}
		}
	})
}

// propMaskEncoding checks that the text and JSON forms round trip.
func propMaskEncoding(t *rapid.T) {
	m := mkMasks.Draw(t, "m")

	s := m.String()
	back, err := permission.ParseMask(s)
	if err != nil {
		t.Fatalf("ParseMask(%q) error: %v", s, err)
	}
	mkEq(t, "ParseMask(String())", m, back)
	if want := strings.Join(mkNames(mkMembers(m)), ","); s != want {
		t.Fatalf("String() = %q, want %q", s, want)
	}

	text, err := m.MarshalText()
	if err != nil || string(text) != s {
		t.Fatalf("MarshalText() = %q, %v; want %q", text, err, s)
	}
	tm := permission.MaskOf(permission.BillingView) // not empty: a decoder that merges is caught
	if err := tm.UnmarshalText(text); err != nil {
		t.Fatalf("UnmarshalText(%q) error: %v", text, err)
	}
	mkEq(t, "UnmarshalText(MarshalText())", m, tm)

	data, err := json.Marshal(m)
	if err != nil {
		t.Fatalf("json.Marshal error: %v", err)
	}
	var list []string
	if err := json.Unmarshal(data, &list); err != nil || list == nil {
		t.Fatalf("MarshalJSON() = %s, not a JSON array of strings: %v", data, err)
	}
	if diff := cmp.Diff(mkNames(mkMembers(m)), list); diff != "" {
		t.Fatalf("MarshalJSON() names mismatch (-want +got):\n%s", diff)
	}
	jm := permission.MaskOf(permission.BillingView)
	if err := json.Unmarshal(data, &jm); err != nil {
		t.Fatalf("json.Unmarshal(%s) error: %v", data, err)
	}
	mkEq(t, "UnmarshalJSON(MarshalJSON())", m, jm)

	// Any order of the names decodes to the same set.
	shuffled := rapid.Permutation(list).Draw(t, "shuffled")
	fm, err := permission.MaskFromNames(shuffled)
	if err != nil {
		t.Fatalf("MaskFromNames(%q) error: %v", shuffled, err)
	}
	mkEq(t, "MaskFromNames(shuffled names)", m, fm)
}

func TestMaskEncoding(t *testing.T) { rapid.Check(t, propMaskEncoding) }

// mkClosureModel is a naive fixpoint over Permission.Needs: add direct
// dependencies until nothing changes.
func mkClosureModel(m permission.Mask) permission.Mask {
	for {
		next := m
		for _, p := range mkMembers(m) {
			next = next.Union(p.Needs())
		}
		if next == m {
			return m
		}
		m = next
	}
}

// mkPruneModel is a naive fixpoint: drop every permission one of whose direct
// dependencies is missing until nothing changes.
func mkPruneModel(m permission.Mask) permission.Mask {
	for {
		next := m
		for _, p := range mkMembers(m) {
			if !p.Needs().SubsetOf(m) {
				next = next.Without(p)
			}
		}
		if next == m {
			return m
		}
		m = next
	}
}

// propMaskClosure checks Closure, Prune and CheckClosed.
func propMaskClosure(t *rapid.T) {
	x := mkMasks.Draw(t, "x")

	c := x.Closure()
	if err := c.CheckClosed(); err != nil {
		t.Fatalf("Closure(%v) is not closed: %v", x, err)
	}
	if !x.SubsetOf(c) {
		t.Fatalf("Closure(%v) = %v does not contain its input", x, c)
	}
	mkEq(t, "Closure idempotent", c, c.Closure())
	mkEq(t, "Closure against the fixpoint model", mkClosureModel(x), c)

	p := x.Prune()
	if err := p.CheckClosed(); err != nil {
		t.Fatalf("Prune(%v) is not closed: %v", x, err)
	}
	if !p.SubsetOf(x) {
		t.Fatalf("Prune(%v) = %v is not inside its input", x, p)
	}
	mkEq(t, "Prune idempotent", p, p.Prune())
	mkEq(t, "Prune against the fixpoint model", mkPruneModel(x), p)

	closed := x.CheckClosed() == nil
	if closed != (c == x) || closed != (p == x) {
		t.Fatalf("%v: CheckClosed()==nil is %v, Closure()==x is %v, Prune()==x is %v", x, closed, c == x, p == x)
	}
	if !closed {
		err := x.CheckClosed()
		if !errors.Is(err, permission.ErrNotClosed) {
			t.Fatalf("CheckClosed() of %v = %v, want an error wrapping ErrNotClosed", x, err)
		}
		// The error names the first permission, in catalogue order, lacking a
		// dependency, and the first dependency it lacks.
		var first permission.Permission
		for _, q := range mkMembers(x) {
			if !mkClosureModel(q.Needs()).SubsetOf(x) {
				first = q
				break
			}
		}
		needs := mkClosureModel(first.Needs()).Minus(x).First()
		var ne *permission.NotClosedError
		if !errors.As(err, &ne) || ne.Permission != first || ne.Needs != needs {
			t.Fatalf("CheckClosed() of %v = %#v, want a *NotClosedError for %v needing %v", x, err, first, needs)
		}
		if want := fmt.Sprintf("permission: %v needs %v: %v", first, needs, permission.ErrNotClosed); err.Error() != want {
			t.Fatalf("CheckClosed() of %v = %q, want %q", x, err, want)
		}
	}

	// Closure and Prune are monotone.
	y := x.Union(mkMasks.Draw(t, "extra"))
	if !c.SubsetOf(y.Closure()) || !p.SubsetOf(y.Prune()) {
		t.Fatalf("Closure or Prune is not monotone: x=%v y=%v", x, y)
	}
}

func TestMaskClosure(t *testing.T) { rapid.Check(t, propMaskClosure) }

func TestMaskClosureExamples(t *testing.T) {
	tests := []struct {
		in          permission.Mask
		closure     string
		prune       string
		checkClosed string // the error's text before ": " + ErrNotClosed; "" for nil
		holder      permission.Permission
		needs       permission.Permission
	}{
		{permission.Mask{}, "", "", "", 0, 0},
		{permission.MaskOf(permission.TasksManage), "projects.view,tasks.view,tasks.comment,tasks.manage", "", "permission: tasks.manage needs projects.view",
			permission.TasksManage, permission.ProjectsView},
		{permission.MaskOf(permission.ProjectsView, permission.TasksView, permission.TasksComment, permission.TasksManage),
			"projects.view,tasks.view,tasks.comment,tasks.manage", "projects.view,tasks.view,tasks.comment,tasks.manage", "", 0, 0},
		{permission.MaskOf(permission.ProjectsView, permission.TasksView, permission.TasksManage),
			"projects.view,tasks.view,tasks.comment,tasks.manage", "projects.view,tasks.view", "permission: tasks.manage needs tasks.comment",
			permission.TasksManage, permission.TasksComment},
		{permission.MaskOf(permission.TasksView, permission.TasksManage, permission.DocsAccess),
			"projects.view,tasks.view,tasks.comment,tasks.manage,docs.access", "", "permission: tasks.view needs projects.view",
			permission.TasksView, permission.ProjectsView},
		{permission.MaskOf(permission.TimeApproveAll, permission.TimeViewOthers),
			"time.view_others,time.approve,time.approve_member_budgets,time.approve_all", "time.view_others", "permission: time.approve_all needs time.approve",
			permission.TimeApproveAll, permission.TimeApprove},
		{permission.MaskOf(permission.PeopleManageSalaries),
			"people.manage_salaries,people.view_cost_rates_subsidiary,people.view_cost_rates", "", "permission: people.manage_salaries needs people.view_cost_rates_subsidiary",
			permission.PeopleManageSalaries, permission.PeopleViewCostRatesSubsidiary},
		{permission.Universe().Without(permission.BudgetsView), permission.Universe().String(),
			permission.Universe().Without(permission.BudgetsView).Minus(permission.MaskOf(permission.BudgetsViewAll,
				permission.BudgetsViewTime, permission.BudgetsViewFinancials, permission.BudgetsViewProfit, permission.BudgetsViewCost)).String(),
			"permission: budgets.view_all needs budgets.view", permission.BudgetsViewAll, permission.BudgetsView},
	}
	for _, tt := range tests {
		t.Run(tt.in.String(), func(t *testing.T) {
			if got := tt.in.Closure().String(); got != tt.closure {
				t.Errorf("Closure() = %q, want %q", got, tt.closure)
			}
			if got := tt.in.Prune().String(); got != tt.prune {
				t.Errorf("Prune() = %q, want %q", got, tt.prune)
			}
			err := tt.in.CheckClosed()
			switch {
			case tt.checkClosed == "" && err != nil:
				t.Errorf("CheckClosed() = %v, want nil", err)
			case tt.checkClosed != "" && (err == nil || err.Error() != tt.checkClosed+": "+permission.ErrNotClosed.Error() || !errors.Is(err, permission.ErrNotClosed)):
				t.Errorf("CheckClosed() = %v, want %q wrapping ErrNotClosed", err, tt.checkClosed)
			}
			var ne *permission.NotClosedError
			if tt.checkClosed != "" && (!errors.As(err, &ne) || ne.Permission != tt.holder || ne.Needs != tt.needs) {
				t.Errorf("CheckClosed() = %#v, want a *NotClosedError{%v, %v}", err, tt.holder, tt.needs)
			}
		})
	}
}

func TestMaskInvalidPermissions(t *testing.T) {
	m := permission.MaskOf(permission.TasksView)
	for _, p := range []permission.Permission{0, permission.Permission(permission.Count + 1), 127, 128, 200, 255} {
		if m.With(p) != m {
			t.Errorf("With(%v) changed the set to %v", p, m.With(p))
		}
		if m.Without(p) != m {
			t.Errorf("Without(%v) changed the set to %v", p, m.Without(p))
		}
		if permission.Universe().Has(p) || m.With(p).Has(p) {
			t.Errorf("an invalid permission %v is a member", p)
		}
		if permission.MaskOf(p, permission.TasksView) != m {
			t.Errorf("MaskOf(%v, tasks.view) = %v, want tasks.view", p, permission.MaskOf(p, permission.TasksView))
		}
	}
	if got := permission.Universe().Len(); got != permission.Count {
		t.Errorf("Universe().Len() = %d, want Count = %d", got, permission.Count)
	}
	if diff := cmp.Diff(mkNames(mkAll), mkNames(slices.Collect(permission.Universe().All()))); diff != "" {
		t.Errorf("Universe().All() mismatch (-want +got):\n%s", diff)
	}
	if got := (permission.Mask{}).First(); got != 0 {
		t.Errorf("empty First() = %v, want 0", got)
	}
	if (permission.Mask{}).Complement() != permission.Universe() || permission.Universe().Complement() != (permission.Mask{}) {
		t.Errorf("Complement does not swap the empty set and the Universe")
	}
}

func TestParseMaskErrors(t *testing.T) {
	tests := []struct {
		in    string
		want  error
		index int // of the offending name, counted from 0
		msg   string
	}{
		{"nope", permission.ErrUnknown, 0, `[0]: permission: "nope"`},
		{"tasks.view,invoice.manage", permission.ErrUnknown, 1, `[1]: permission: "invoice.manage": unknown permission (did you mean "invoices.manage"?)`},
		{"tasks.view,tasks.view", permission.ErrDuplicate, 1, `[1]: permission: "tasks.view": ` + permission.ErrDuplicate.Error()},
		{"tasks.view,projects.view,tasks.view", permission.ErrDuplicate, 2, `[2]: permission: "tasks.view": ` + permission.ErrDuplicate.Error()},
		{"tasks.view, projects.view", permission.ErrUnknown, 1, `" projects.view"`},
		{"tasks.view,", permission.ErrUnknown, 1, `""`},
		{",tasks.view", permission.ErrUnknown, 0, `""`},
		{",", permission.ErrUnknown, 0, `""`},
		{"TASKS.VIEW", permission.ErrUnknown, 0, `"TASKS.VIEW"`},
		{`["tasks.view"]`, permission.ErrUnknown, 0, `"[\"tasks.view\"]"`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := permission.ParseMask(tt.in)
			if !errors.Is(err, tt.want) {
				t.Fatalf("ParseMask(%q) = %v, %v; want an error wrapping %v", tt.in, got, err, tt.want)
			}
			var le *permission.ListError
			if !errors.As(err, &le) || le.Index != tt.index {
				t.Errorf("ParseMask(%q) error %#v, want a *ListError with Index %d", tt.in, err, tt.index)
			}
			if got != (permission.Mask{}) {
				t.Errorf("ParseMask(%q) returned %v with its error", tt.in, got)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("ParseMask(%q) error %q does not contain %s", tt.in, err, tt.msg)
			}
			m := permission.MaskOf(permission.DocsAccess)
			if err := m.UnmarshalText([]byte(tt.in)); !errors.Is(err, tt.want) || m != permission.MaskOf(permission.DocsAccess) {
				t.Errorf("UnmarshalText(%q) = %v and left %v; want an error and docs.access unchanged", tt.in, err, m)
			}
		})
	}
	if m, err := permission.ParseMask(""); err != nil || !m.IsEmpty() {
		t.Errorf(`ParseMask("") = %v, %v; want the empty set`, m, err)
	}
}

func TestMaskFromNamesErrors(t *testing.T) {
	tests := []struct {
		in    []string
		want  error
		index int
		msg   string
	}{
		{[]string{"tasks.view", "projects.view", "invoice.manage"}, permission.ErrUnknown, 2,
			`[2]: permission: "invoice.manage": unknown permission (did you mean "invoices.manage"?)`},
		{[]string{"bogus"}, permission.ErrUnknown, 0, `[0]: permission: "bogus": unknown permission`},
		{[]string{"tasks.view", ""}, permission.ErrUnknown, 1, `[1]: permission: "": unknown permission`},
		{[]string{"tasks.view", "docs.access", "tasks.view"}, permission.ErrDuplicate, 2,
			`[2]: permission: "tasks.view": ` + permission.ErrDuplicate.Error()},
		{[]string{"docs.access", "docs.access", "bogus"}, permission.ErrDuplicate, 1,
			`[1]: permission: "docs.access": ` + permission.ErrDuplicate.Error()},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.in, ","), func(t *testing.T) {
			got, err := permission.MaskFromNames(tt.in)
			if !errors.Is(err, tt.want) {
				t.Fatalf("MaskFromNames(%q) = %v, %v; want an error wrapping %v", tt.in, got, err, tt.want)
			}
			if err.Error() != tt.msg {
				t.Errorf("MaskFromNames(%q) error = %q, want %q", tt.in, err, tt.msg)
			}
			var le *permission.ListError
			if !errors.As(err, &le) || le.Index != tt.index {
				t.Errorf("MaskFromNames(%q) error %#v, want a *ListError with Index %d", tt.in, err, tt.index)
			}
			if got != (permission.Mask{}) {
				t.Errorf("MaskFromNames(%q) returned %v with its error", tt.in, got)
			}
		})
	}
	for _, in := range [][]string{nil, {}} {
		if m, err := permission.MaskFromNames(in); err != nil || !m.IsEmpty() {
			t.Errorf("MaskFromNames(%#v) = %v, %v; want the empty set", in, m, err)
		}
	}
}

func TestMaskJSONErrors(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		// Not exactly one JSON array of strings.
		{`null`, permission.ErrNotList},
		{`{}`, permission.ErrNotList},
		{`"tasks.view"`, permission.ErrNotList},
		{`[1]`, permission.ErrNotList},
		{`["tasks.view"] ["docs.access"]`, permission.ErrNotList},
		{`["tasks.view"`, permission.ErrNotList},
		{``, permission.ErrNotList},
		// A list, with a bad name in it.
		{`["tasks.view","invoice.manage"]`, permission.ErrUnknown},
		{`["tasks.view","tasks.view"]`, permission.ErrDuplicate},
		{`["tasks.view",null]`, permission.ErrUnknown},
	}
	before := permission.MaskOf(permission.DocsAccess, permission.ProjectsView)
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			m := before
			err := m.UnmarshalJSON([]byte(tt.in))
			if !errors.Is(err, tt.want) {
				t.Fatalf("UnmarshalJSON(%s) = %v, %v; want an error wrapping %v", tt.in, m, err, tt.want)
			}
			var le *permission.ListError
			if isList := errors.As(err, &le); isList == (tt.want == permission.ErrNotList) {
				t.Errorf("UnmarshalJSON(%s) error %#v: a *ListError = %v, want %v", tt.in, err, isList, tt.want != permission.ErrNotList)
			}
			if m != before {
				t.Errorf("UnmarshalJSON(%s) changed the destination to %v on error", tt.in, m)
			}
			if !strings.Contains(err.Error(), "permission") {
				t.Errorf("error %q does not say what failed", err)
			}
		})
	}
	var s struct{ P permission.Mask }
	if err := json.Unmarshal([]byte(`{"P":["tasks.view","invoice.manage"]}`), &s); !errors.Is(err, permission.ErrUnknown) ||
		!strings.Contains(err.Error(), `[1]: permission: "invoice.manage"`) {
		t.Errorf("json.Unmarshal of an unknown name in a struct = %v, want an ErrUnknown naming [1]", err)
	}
}

// TestMaskJSONStrict holds UnmarshalJSON to its contract for input it
// currently accepts: a stray ']' or '}' after the array is not reported by
// Decoder.More. See the report.
func TestMaskJSONStrict(t *testing.T) {
	for _, in := range []string{`["tasks.view"]]`, `["tasks.view"]}`, `[]]`} {
		var m permission.Mask
		if err := m.UnmarshalJSON([]byte(in)); !errors.Is(err, permission.ErrNotList) {
			t.Errorf("UnmarshalJSON(%s) = %v, %v; want an error wrapping ErrNotList", in, m, err)
		}
	}
}

func TestParseSuggestion(t *testing.T) {
	tests := []struct {
		in, suggest string // suggest "": no suggestion
	}{
		{"invoice.manage", "invoices.manage"},
		{"invoices.manag", "invoices.manage"},
		{"Invoices.Manage", "invoices.manage"},
		{"tasks.veiw", "tasks.view"},
		{"integrations.manage_organisational", "integrations.manage_organizational"},
		{"", ""},
		{"nothing.like.it", ""},
		{"invoices", ""},
		{strings.Repeat("x", 100), ""},
		{strings.Repeat("tasks.view", 7), ""}, // too long to compare
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := permission.Parse(tt.in)
			if !errors.Is(err, permission.ErrUnknown) || got != 0 {
				t.Fatalf("Parse(%q) = %v, %v; want 0 and an error wrapping ErrUnknown", tt.in, got, err)
			}
			// Parse quotes at most the first 64 bytes of the name.
			quoted := fmt.Sprintf("%q", tt.in)
			if len(tt.in) > 64 {
				quoted = fmt.Sprintf("%q... (%d bytes)", tt.in[:64], len(tt.in))
			}
			want := fmt.Sprintf("permission: %s: unknown permission", quoted)
			if tt.suggest != "" {
				want += fmt.Sprintf(" (did you mean %q?)", tt.suggest)
			}
			if err.Error() != want {
				t.Errorf("Parse(%q) error = %q, want %q", tt.in, err, want)
			}
		})
	}
}

var (
	mkSinkMask permission.Mask
	mkSinkBool bool
	mkSinkErr  error
	mkSinkPerm permission.Permission
)

func TestMaskNoAllocs(t *testing.T) {
	a := permission.MaskOf(permission.TasksManage, permission.BudgetsViewProfit, permission.ReportsViewOrgProfit)
	b := permission.HoldableBy(role.Client)
	closed := a.Closure()
	for name, f := range map[string]func(){
		"Has":                  func() { mkSinkBool = a.Has(permission.TasksView) },
		"With":                 func() { mkSinkMask = a.With(permission.DocsAccess) },
		"Union":                func() { mkSinkMask = a.Union(b) },
		"Intersect":            func() { mkSinkMask = a.Intersect(b) },
		"Minus":                func() { mkSinkMask = a.Minus(b) },
		"Complement":           func() { mkSinkMask = a.Complement() },
		"SubsetOf":             func() { mkSinkBool = a.SubsetOf(b) },
		"First":                func() { mkSinkPerm = a.First() },
		"Closure":              func() { mkSinkMask = a.Closure() },
		"Prune":                func() { mkSinkMask = a.Prune() },
		"CheckClosed (closed)": func() { mkSinkErr = closed.CheckClosed() },
		"HoldableBy":           func() { mkSinkMask = permission.HoldableBy(role.Manager) },
		"Needs":                func() { mkSinkMask = permission.TimeApproveAll.Needs() },
		"All": func() {
			for p := range closed.All() {
				mkSinkPerm = p
			}
		},
	} {
		if n := testing.AllocsPerRun(100, f); n != 0 {
			t.Errorf("%s: %v allocations per run, want 0", name, n)
		}
	}
}

func TestNames(t *testing.T) {
	if got := (permission.Mask{}).Names(); got == nil || len(got) != 0 {
		t.Errorf("empty Mask Names() = %#v, want an empty non-nil slice", got)
	}
	m := permission.MaskOf(permission.InvoicesManage, permission.ProjectsView)
	if diff := cmp.Diff([]string{"projects.view", "invoices.manage"}, m.Names()); diff != "" {
		t.Errorf("Names() mismatch (-want +got):\n%s", diff)
	}
}
