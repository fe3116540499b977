package permission_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/clearance-go/clearance/permission"
	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// cvActionValues draws any uint8 as an Action, so that invalid values (zero
// and past the table) are drawn as well as valid ones.
var cvActionValues = rapid.Custom(func(t *rapid.T) permission.Action {
	if rapid.Bool().Draw(t, "valid") {
		return permission.Action(rapid.IntRange(1, permission.ActionCount).Draw(t, "action"))
	}
	return permission.Action(rapid.Uint8().Draw(t, "any"))
})

// cvActionModel is the model of an ActionMask: the valid actions given, sorted
// (table order is numeric order) and without repeats.
func cvActionModel(as []permission.Action) []permission.Action {
	var out []permission.Action
	for _, a := range as {
		if a.IsValid() {
			out = append(out, a)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// cvActionMaskModel: ActionMaskOf keeps exactly the valid actions it is
// given, and Has, Len, IsEmpty, All and String all read that set.
func cvActionMaskModel(t *rapid.T) {
	as := rapid.SliceOf(cvActionValues).Draw(t, "actions")
	m := permission.ActionMaskOf(as...)
	want := cvActionModel(as)

	if got := slices.Collect(m.All()); !slices.Equal(got, want) {
		t.Fatalf("ActionMaskOf(%v).All() = %v, want %v", as, got, want)
	}
	if m.Len() != len(want) || m.IsEmpty() != (len(want) == 0) {
		t.Fatalf("ActionMaskOf(%v): Len %d, IsEmpty %v; want %d actions", as, m.Len(), m.IsEmpty(), len(want))
	}
	for v := 0; v < 256; v++ {
		a := permission.Action(v)
		if got := m.Has(a); got != slices.Contains(want, a) {
			t.Fatalf("ActionMaskOf(%v).Has(%d) = %v", as, v, got)
		}
	}
	names := make([]string, len(want))
	for i, a := range want {
		names[i] = a.String()
	}
	if got := m.String(); got != strings.Join(names, ",") {
		t.Fatalf("ActionMaskOf(%v).String() = %q, want %q", as, got, strings.Join(names, ","))
	}
}

func TestActionMaskModel(t *testing.T) { rapid.Check(t, cvActionMaskModel) }

// cvActionMaskWith: With adds one valid action and nothing else, is
// idempotent, and ignores an invalid one; the masks are comparable values, so
// building the same set in any order gives an equal mask.
func cvActionMaskWith(t *rapid.T) {
	as := rapid.SliceOf(cvActionValues).Draw(t, "actions")
	a := cvActionValues.Draw(t, "added")
	m := permission.ActionMaskOf(as...)
	got := m.With(a)
	if want := permission.ActionMaskOf(append(slices.Clone(as), a)...); got != want {
		t.Fatalf("ActionMaskOf(%v).With(%d) = {%v}, want {%v}", as, a, got, want)
	}
	if got.With(a) != got {
		t.Fatalf("With(%v) twice differs from once", a)
	}
	switch {
	case !a.IsValid() && got != m:
		t.Fatalf("With(invalid %d) changed {%v} to {%v}", a, m, got)
	case a.IsValid() && got.Len() != m.Len()+cvBoolToInt(!m.Has(a)):
		t.Fatalf("With(%v) on {%v}: Len %d", a, m, got.Len())
	}
	reversed := slices.Clone(as)
	slices.Reverse(reversed)
	if permission.ActionMaskOf(reversed...) != m {
		t.Fatalf("ActionMaskOf depends on the order of %v", as)
	}
}

func cvBoolToInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestActionMaskWith(t *testing.T) { rapid.Check(t, cvActionMaskWith) }

// TestActionMaskEdges: the zero mask is empty and prints as ""; the full
// mask holds the whole table; All honours a break at any point.
func TestActionMaskEdges(t *testing.T) {
	var zero permission.ActionMask
	if !zero.IsEmpty() || zero.Len() != 0 || zero.String() != "" || zero.Has(permission.ViewProject) {
		t.Errorf("zero ActionMask: IsEmpty %v, Len %d, String %q; want empty", zero.IsEmpty(), zero.Len(), zero.String())
	}
	if got := permission.ActionMaskOf(0, 255); got != zero {
		t.Errorf("ActionMaskOf(0, 255) = {%v}, want the empty mask", got)
	}

	all := permission.ActionMaskOf(slices.Collect(permission.Actions())...)
	if all.Len() != permission.ActionCount || all.IsEmpty() {
		t.Errorf("mask of every action: Len %d, IsEmpty %v; want %d", all.Len(), all.IsEmpty(), permission.ActionCount)
	}
	// Action values from 64 on live in the mask's second word; stop on both
	// sides of the boundary.
	for _, stop := range []int{1, 62, 63, permission.ActionCount} {
		var got []permission.Action
		for a := range all.All() {
			got = append(got, a)
			if len(got) == stop {
				break
			}
		}
		want := slices.Collect(permission.Actions())[:stop]
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("All() with a break after %d mismatch (-want +got):\n%s", stop, diff)
		}
	}
}
