package scope_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/clearance-go/clearance/scope"
	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// ids generates member lists the way hosts produce them: a few random IDs
// (with duplicates and 0 likely, since small values are drawn often), or a
// long run of sequential or strided database keys, up to a few thousand,
// mixed with random ones.
var ids = rapid.Custom(func(t *rapid.T) []scope.ID {
	id := rapid.Map(rapid.Uint64(), func(v uint64) scope.ID { return scope.ID(v) })
	out := rapid.SliceOfN(id, 0, 64).Draw(t, "random")
	if rapid.Bool().Draw(t, "bulk") {
		n := rapid.IntRange(0, 4000).Draw(t, "n")
		start := rapid.Uint64().Draw(t, "start")
		stride := rapid.Uint64Range(1, 1<<20).Draw(t, "stride")
		for i := range n {
			out = append(out, scope.ID(start+uint64(i)*stride)) // wraps around: fine, still IDs
		}
	}
	return rapid.Permutation(out).Draw(t, "order")
})

// probes returns IDs to look up: every member, its neighbours, and IDs that
// are probably not members.
func probes(t *rapid.T, in []scope.ID) []scope.ID {
	out := []scope.ID{0, 1, math.MaxUint64}
	for _, id := range in {
		out = append(out, id, id-1, id+1)
	}
	return append(out, rapid.SliceOf(rapid.Map(rapid.Uint64(), func(v uint64) scope.ID { return scope.ID(v) })).Draw(t, "probes")...)
}

func TestMembersModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := ids.Draw(t, "ids")
		model := map[scope.ID]bool{}
		for _, id := range in {
			model[id] = true
		}
		m := scope.NewMembers(in...)

		for _, id := range probes(t, in) {
			if got := m.Has(id); got != model[id] {
				t.Fatalf("Has(%d) = %v, want %v", id, got, model[id])
			}
		}
		if got := m.Len(); got != len(model) {
			t.Fatalf("Len() = %d, want %d distinct members", got, len(model))
		}
		want := slices.Sorted(maps.Keys(model))
		got := slices.Collect(m.All())
		if len(want) == 0 {
			want = nil
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("All() mismatch (-want +got):\n%s", diff)
		}
	})
}

func TestMembersAllStopsEarly(t *testing.T) {
	m := scope.NewMembers(5, 3, 9, 1)
	for stop := 1; stop <= 4; stop++ {
		var got []scope.ID
		for id := range m.All() {
			got = append(got, id)
			if len(got) == stop {
				break
			}
		}
		if diff := cmp.Diff([]scope.ID{1, 3, 5, 9}[:stop], got); diff != "" {
			t.Errorf("All() stopped after %d mismatch (-want +got):\n%s", stop, diff)
		}
	}
}

func TestNewMembersCopies(t *testing.T) {
	in := []scope.ID{3, 1, 2, 2}
	m := scope.NewMembers(in...)
	in[0], in[1], in[2], in[3] = 100, 200, 300, 400
	in = append(in[:0], 7, 8)
	_ = in
	if diff := cmp.Diff([]scope.ID{1, 2, 3}, slices.Collect(m.All())); diff != "" {
		t.Errorf("members after mutating the input mismatch (-want +got):\n%s", diff)
	}
	for _, id := range []scope.ID{100, 200, 300, 400, 7, 8} {
		if m.Has(id) {
			t.Errorf("Has(%d) = true after it was written into the input slice", id)
		}
	}
	if !m.Has(3) || m.Len() != 3 {
		t.Errorf("Has(3), Len() = %v, %d; want true, 3", m.Has(3), m.Len())
	}

	// What All hands out must not alias the input either.
	in2 := []scope.ID{1, 2, 3}
	m2 := scope.NewMembers(in2...)
	slices.Reverse(in2)
	if diff := cmp.Diff([]scope.ID{1, 2, 3}, slices.Collect(m2.All())); diff != "" {
		t.Errorf("members after reversing a sorted input mismatch (-want +got):\n%s", diff)
	}
}

func TestMembersEmpty(t *testing.T) {
	for name, m := range map[string]scope.Members{
		"zero":         {},
		"NewMembers()": scope.NewMembers(),
		"nil slice":    scope.NewMembers([]scope.ID(nil)...),
	} {
		t.Run(name, func(t *testing.T) {
			for _, id := range []scope.ID{0, 1, math.MaxUint64} {
				if m.Has(id) {
					t.Errorf("Has(%d) = true", id)
				}
			}
			if m.Len() != 0 {
				t.Errorf("Len() = %d", m.Len())
			}
			for id := range m.All() {
				t.Errorf("All() yielded %d", id)
			}
			if got := m.String(); got != "{}" {
				t.Errorf("String() = %q, want {}", got)
			}
			if text, err := m.MarshalText(); err != nil || len(text) != 0 {
				t.Errorf("MarshalText() = %q, %v; want empty", text, err)
			}
			if data, err := m.MarshalJSON(); err != nil || string(data) != "[]" {
				t.Errorf("MarshalJSON() = %s, %v; want []", data, err)
			}
		})
	}
}

func TestMembersZeroID(t *testing.T) {
	// ID 0 cannot live in the hash slots; it is tracked apart and must still
	// behave as a member, alone or with others.
	for _, in := range [][]scope.ID{{0}, {0, 0}, {0, 1}, {5, 0, 7}} {
		m := scope.NewMembers(in...)
		if !m.Has(0) {
			t.Errorf("NewMembers(%v).Has(0) = false", in)
		}
		if m.Has(2) || m.Has(math.MaxUint64) {
			t.Errorf("NewMembers(%v) has a non-member", in)
		}
	}
	if scope.NewMembers(1, 2).Has(0) {
		t.Errorf("NewMembers(1, 2).Has(0) = true")
	}
}

func TestMembersString(t *testing.T) {
	m := scope.NewMembers(30, 0, 2, 30, math.MaxUint64)
	if got, want := m.String(), "{0 2 30 18446744073709551615}"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	text, _ := m.MarshalText()
	if got, want := string(text), "0,2,30,18446744073709551615"; got != want {
		t.Errorf("MarshalText() = %q, want %q", got, want)
	}
	data, _ := json.Marshal(struct{ M scope.Members }{m})
	if got, want := string(data), `{"M":[0,2,30,18446744073709551615]}`; got != want {
		t.Errorf("json.Marshal = %s, want %s", got, want)
	}
}

var (
	sinkBool bool
	sinkID   scope.ID
)

func TestNoAllocs(t *testing.T) {
	in := make([]scope.ID, 100_000)
	for i := range in {
		in[i] = scope.ID(i*7 + 1) // members: 1, 8, 15, ...; i*7+2 is never one
	}
	m := scope.NewMembers(in...)
	hit, miss := scope.ID(7*50_000+1), scope.ID(7*50_000+2)
	if !m.Has(hit) || m.Has(miss) {
		t.Fatalf("Has(%d), Has(%d) = %v, %v; want true, false", hit, miss, m.Has(hit), m.Has(miss))
	}
	for name, f := range map[string]func(){
		"hit":     func() { sinkBool = m.Has(hit) },
		"miss":    func() { sinkBool = m.Has(miss) },
		"zero ID": func() { sinkBool = m.Has(0) },
		"empty":   func() { sinkBool = scope.Members{}.Has(hit) },
		"Len":     func() { sinkID = scope.ID(m.Len()) },
	} {
		if n := testing.AllocsPerRun(100, f); n != 0 {
			t.Errorf("%s: %v allocations per run, want 0", name, n)
		}
	}
}

func TestMembersTextRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := scope.NewMembers(ids.Draw(t, "ids")...)
		text, err := m.MarshalText()
		if err != nil {
			t.Fatalf("MarshalText() error: %v", err)
		}
		back := scope.NewMembers(99) // not empty, so a decoder that keeps old members is caught
		if err := back.UnmarshalText(text); err != nil {
			t.Fatalf("UnmarshalText(%q) error: %v", text, err)
		}
		if diff := cmp.Diff(slices.Collect(m.All()), slices.Collect(back.All())); diff != "" {
			t.Fatalf("text round trip of %q mismatch (-want +got):\n%s", text, diff)
		}
	})
}

func TestMembersJSONRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := scope.NewMembers(ids.Draw(t, "ids")...)
		data, err := json.Marshal(m)
		if err != nil {
			t.Fatalf("json.Marshal error: %v", err)
		}
		back := scope.NewMembers(99)
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatalf("json.Unmarshal(%s) error: %v", data, err)
		}
		if diff := cmp.Diff(slices.Collect(m.All()), slices.Collect(back.All())); diff != "" {
			t.Fatalf("JSON round trip of %s mismatch (-want +got):\n%s", data, diff)
		}
	})
}

func TestMembersDecodeErrors(t *testing.T) {
	text := []string{
		"1,x", "x", "18446744073709551616", "1,,2", ",", "1,", ",1", " 1", "1 ", "-1", "+1", "0x10", "1_000", "1.5", "[1]",
	}
	jsonIn := []string{
		`"1,x"`, `null`, `{}`, `[1,-2]`, `[1.5]`, `[1] [2]`, `"18446744073709551616"`, `[18446744073709551616]`,
		`[1e2]`, `[-0]`, `[true]`, `[[1]]`, `[1,null]`, `[1,`, ``, `1`, `"1"`, `[1] x`,
	}
	before := scope.NewMembers(4, 5)
	check := func(t *testing.T, in string, decode func(*scope.Members, []byte) error) {
		t.Helper()
		m := before
		err := decode(&m, []byte(in))
		if !errors.Is(err, scope.ErrMembers) {
			t.Errorf("decoding %q = %v, %v; want an error wrapping ErrMembers", in, m, err)
			return
		}
		if diff := cmp.Diff(slices.Collect(before.All()), slices.Collect(m.All())); diff != "" {
			t.Errorf("decoding %q changed the destination on error (-want +got):\n%s", in, diff)
		}
	}
	for _, in := range text {
		t.Run("text/"+in, func(t *testing.T) {
			check(t, in, (*scope.Members).UnmarshalText)
			if err := (&scope.Members{}).UnmarshalText([]byte(in)); err != nil && !strings.Contains(err.Error(), "scope:") {
				t.Errorf("error %q lacks the package prefix", err)
			}
		})
	}
	for _, in := range jsonIn {
		t.Run("json/"+in, func(t *testing.T) {
			check(t, in, (*scope.Members).UnmarshalJSON)
		})
	}

	// The element that fails is named by its position.
	var m scope.Members
	if err := m.UnmarshalText([]byte("1,2,x,4")); err == nil || !strings.Contains(err.Error(), `member 2 "x"`) {
		t.Errorf(`UnmarshalText("1,2,x,4") = %v, want it to name member 2 "x"`, err)
	}
	if err := m.UnmarshalJSON([]byte("[1,2,-3]")); err == nil || !strings.Contains(err.Error(), "members[2] -3") {
		t.Errorf(`UnmarshalJSON("[1,2,-3]") = %v, want it to name members[2] -3`, err)
	}
	// Through encoding/json, inside a struct, the error still wraps ErrMembers.
	var s struct{ M scope.Members }
	if err := json.Unmarshal([]byte(`{"M":[1,-2]}`), &s); !errors.Is(err, scope.ErrMembers) {
		t.Errorf("json.Unmarshal of a negative member = %v, want an error wrapping ErrMembers", err)
	}
}

// TestMembersJSONStrict holds the decoder to its contract ("a JSON array of
// non-negative integers"; trailing data is an error) for inputs that it
// currently accepts. See the report: UnmarshalJSON relies on Decoder.More,
// which is false before a stray ']' or '}', and json.Number accepts a JSON
// string holding a number.
func TestMembersJSONStrict(t *testing.T) {
	for _, in := range []string{`[1]]`, `[1]}`, `["1"]`, `[1,"2"]`} {
		var m scope.Members
		if err := m.UnmarshalJSON([]byte(in)); !errors.Is(err, scope.ErrMembers) {
			t.Errorf("UnmarshalJSON(%s) = %v, %v; want an error wrapping ErrMembers", in, m, err)
		}
	}
}

func TestMembersDecodeEmpty(t *testing.T) {
	m := scope.NewMembers(1)
	if err := m.UnmarshalText(nil); err != nil || m.Len() != 0 {
		t.Errorf("UnmarshalText(\"\") = %v, %v; want the empty set", m, err)
	}
	m = scope.NewMembers(1)
	if err := m.UnmarshalJSON([]byte(" [ ] ")); err != nil || m.Len() != 0 {
		t.Errorf("UnmarshalJSON(\"[ ]\") = %v, %v; want the empty set", m, err)
	}
	m = scope.NewMembers(1)
	if err := m.UnmarshalJSON([]byte("[3, 1, 3, 0]")); err != nil || fmt.Sprint(m) != "{0 1 3}" {
		t.Errorf("UnmarshalJSON(\"[3, 1, 3, 0]\") = %v, %v; want {0 1 3}", m, err)
	}
}

func FuzzMembersJSON(f *testing.F) {
	for _, s := range []string{`[]`, `[0]`, `[1,2,3]`, `[3,1,3]`, `[18446744073709551615]`, `null`, `{}`, `[1,-2]`, `[1.5]`, `[1] [2]`, `"1,x"`, ` [ 1 , 2 ] `} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var m scope.Members
		if err := m.UnmarshalJSON(data); err != nil {
			if !errors.Is(err, scope.ErrMembers) {
				t.Fatalf("UnmarshalJSON(%q) error %v does not wrap ErrMembers", data, err)
			}
			if m.Len() != 0 {
				t.Fatalf("UnmarshalJSON(%q) changed the destination on error: %v", data, m)
			}
			return
		}
		if !json.Valid(data) {
			t.Fatalf("UnmarshalJSON accepted invalid JSON %q as %v", data, m)
		}
		enc, err := m.MarshalJSON()
		if err != nil {
			t.Fatalf("MarshalJSON() of %v error: %v", m, err)
		}
		var back scope.Members
		if err := back.UnmarshalJSON(enc); err != nil {
			t.Fatalf("UnmarshalJSON(%s) of its own encoding error: %v", enc, err)
		}
		if diff := cmp.Diff(slices.Collect(m.All()), slices.Collect(back.All())); diff != "" {
			t.Fatalf("re-encoding %q as %s mismatch (-want +got):\n%s", data, enc, diff)
		}
		if again, _ := back.MarshalJSON(); string(again) != string(enc) {
			t.Fatalf("encoding is not stable: %s then %s", enc, again)
		}
	})
}

func FuzzMembersText(f *testing.F) {
	for _, s := range []string{"", "0", "1,2,3", "3,1,3", "18446744073709551615", "18446744073709551616", "1,x", "1,,2", ","} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var m scope.Members
		if err := m.UnmarshalText([]byte(s)); err != nil {
			if !errors.Is(err, scope.ErrMembers) {
				t.Fatalf("UnmarshalText(%q) error %v does not wrap ErrMembers", s, err)
			}
			return
		}
		text, err := m.MarshalText()
		if err != nil {
			t.Fatalf("MarshalText() of %v error: %v", m, err)
		}
		var back scope.Members
		if err := back.UnmarshalText(text); err != nil {
			t.Fatalf("UnmarshalText(%q) of its own encoding error: %v", text, err)
		}
		if diff := cmp.Diff(slices.Collect(m.All()), slices.Collect(back.All())); diff != "" {
			t.Fatalf("re-encoding %q as %q mismatch (-want +got):\n%s", s, text, diff)
		}
		if s == "" {
			if m.Len() != 0 {
				t.Fatalf(`UnmarshalText("") = %v, want the empty set`, m)
			}
			return
		}
		// Every listed element is a member and nothing else is counted.
		n := 0
		for field := range strings.SplitSeq(s, ",") {
			v, err := strconv.ParseUint(field, 10, 64)
			if err != nil {
				t.Fatalf("UnmarshalText(%q) accepted element %q: %v", s, field, err)
			}
			if !m.Has(scope.ID(v)) {
				t.Fatalf("UnmarshalText(%q) lost element %q", s, field)
			}
			n++
		}
		if m.Len() > n {
			t.Fatalf("UnmarshalText(%q) has %d members from %d elements", s, m.Len(), n)
		}
	})
}

// TestUnionModel: the union of any sets holds exactly the IDs some set
// holds, whatever their number, sizes and overlaps; one non-empty set among
// empty ones comes back as it is.
func TestUnionModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 6).Draw(t, "sets")
		var sets []scope.Members
		model := map[scope.ID]bool{}
		var all []scope.ID
		for i := range n {
			in := ids.Draw(t, fmt.Sprintf("ids%d", i))
			if len(all) > 0 && rapid.Bool().Draw(t, fmt.Sprintf("overlap%d", i)) {
				in = append(in, rapid.SliceOf(rapid.SampledFrom(all)).Draw(t, fmt.Sprintf("shared%d", i))...)
			}
			sets = append(sets, scope.NewMembers(in...))
			for _, id := range in {
				model[id] = true
			}
			all = append(all, in...)
		}
		u := scope.Union(sets...)
		for _, id := range probes(t, all) {
			if got := u.Has(id); got != model[id] {
				t.Fatalf("Union(...).Has(%d) = %v, want %v", id, got, model[id])
			}
		}
		if u.Len() != len(model) {
			t.Fatalf("Union(...).Len() = %d, want %d", u.Len(), len(model))
		}
		nonEmpty := slices.DeleteFunc(slices.Clone(sets), func(m scope.Members) bool { return m.Len() == 0 })
		if len(nonEmpty) == 1 && u != nonEmpty[0] {
			t.Fatalf("the union of one non-empty set is not that set")
		}
	})
}
