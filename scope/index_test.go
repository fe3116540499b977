package scope_test

import (
	"errors"
	"maps"
	"slices"
	"testing"

	"github.com/clearance-go/clearance/scope"
	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// TestIndexModel: an Index built from distinct IDs answers every lookup as a
// Go map does, iterates in ascending order of ID with the right values, and
// counts its IDs; one built from IDs with a repeat is refused, naming a
// repeated ID, with no index.
func TestIndexModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := ids.Draw(t, "ids")
		values := make([]int, len(in))
		model := map[scope.ID]int{}
		repeated := false
		for i, id := range in {
			values[i] = i
			if _, ok := model[id]; ok {
				repeated = true
				continue // the model keeps the first
			}
			model[id] = i
		}
		x, err := scope.NewIndex(in, values)
		if repeated {
			if !errors.Is(err, scope.ErrIndex) {
				t.Fatalf("NewIndex with a repeated ID: error %v, want ErrIndex", err)
			}
			if x.Len() != 0 {
				t.Fatalf("NewIndex failed but returned an index of %d IDs", x.Len())
			}
			return
		}
		if err != nil {
			t.Fatalf("NewIndex of distinct IDs: %v", err)
		}
		for _, id := range probes(t, in) {
			want, wantOK := model[id]
			if got, ok := x.Lookup(id); got != want || ok != wantOK {
				t.Fatalf("Lookup(%d) = %d, %v; want %d, %v", id, got, ok, want, wantOK)
			}
		}
		if x.Len() != len(model) {
			t.Fatalf("Len() = %d, want %d", x.Len(), len(model))
		}
		got := maps.Collect(x.All())
		if diff := cmp.Diff(model, got); diff != "" {
			t.Fatalf("All() (-want +got):\n%s", diff)
		}
		var order []scope.ID
		for id := range x.All() {
			order = append(order, id)
		}
		if !slices.IsSorted(order) {
			t.Fatalf("All() is not in ascending order: %v", order)
		}
	})
}

// TestIndexErrors: each refusal names what is wrong and wraps ErrIndex, and
// the caller's slices are copied, not kept.
func TestIndexErrors(t *testing.T) {
	for _, c := range []struct {
		name   string
		ids    []scope.ID
		values []string
		want   string
	}{
		{"more IDs", []scope.ID{1, 2}, []string{"a"}, "scope: 2 IDs for 1 values: invalid index"},
		{"more values", nil, []string{"a"}, "scope: 0 IDs for 1 values: invalid index"},
		{"repeat", []scope.ID{5, 9, 5, 9}, []string{"a", "b", "c", "d"}, "scope: ID 5 appears twice: invalid index"},
	} {
		_, err := scope.NewIndex(c.ids, c.values)
		if !errors.Is(err, scope.ErrIndex) || err.Error() != c.want {
			t.Errorf("%s: error %v, want %q wrapping ErrIndex", c.name, err, c.want)
		}
	}

	ids, values := []scope.ID{1, 2}, []string{"a", "b"}
	x, err := scope.NewIndex(ids, values)
	if err != nil {
		t.Fatal(err)
	}
	ids[0], values[0] = 3, "changed"
	if v, ok := x.Lookup(1); v != "a" || !ok {
		t.Errorf("after the caller reused its slices, Lookup(1) = %q, %v; want \"a\", true", v, ok)
	}
	if _, ok := x.Lookup(3); ok {
		t.Error("after the caller reused its slices, Lookup(3) found an ID never added")
	}
}

// TestIndexEmpty: the zero Index and one built from nothing hold nothing.
func TestIndexEmpty(t *testing.T) {
	built, err := scope.NewIndex[*int](nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, x := range map[string]scope.Index[*int]{"zero": {}, "built": built} {
		if v, ok := x.Lookup(0); v != nil || ok {
			t.Errorf("%s: Lookup(0) = %v, %v", name, v, ok)
		}
		if x.Len() != 0 {
			t.Errorf("%s: Len() = %d", name, x.Len())
		}
		for id := range x.All() {
			t.Errorf("%s: All() yields %d", name, id)
		}
	}
}

// TestIndexAllStopsEarly: All honours a break.
func TestIndexAllStopsEarly(t *testing.T) {
	x, err := scope.NewIndex([]scope.ID{3, 1, 2}, []int{30, 10, 20})
	if err != nil {
		t.Fatal(err)
	}
	var seen []scope.ID
	for id, v := range x.All() {
		if int(id)*10 != v {
			t.Errorf("All() pairs %d with %d", id, v)
		}
		seen = append(seen, id)
		if len(seen) == 2 {
			break
		}
	}
	if diff := cmp.Diff([]scope.ID{1, 2}, seen); diff != "" {
		t.Errorf("All() with a break after two (-want +got):\n%s", diff)
	}
}

// TestIndexNoAllocs: a lookup never allocates, hit or miss, at 100,000 IDs.
func TestIndexNoAllocs(t *testing.T) {
	in := make([]scope.ID, 100_000)
	values := make([]*int, len(in))
	for i := range in {
		in[i] = scope.ID(i*7 + 1)
		values[i] = new(int)
	}
	x, err := scope.NewIndex(in, values)
	if err != nil {
		t.Fatal(err)
	}
	for name, id := range map[string]scope.ID{"hit": 7*50_000 + 1, "miss": 7*50_000 + 2} {
		if n := testing.AllocsPerRun(100, func() { sinkBool = x.Len() > 0; _, sinkBool = x.Lookup(id) }); n != 0 {
			t.Errorf("%s: %v allocations per Lookup, want 0", name, n)
		}
	}
}
