package scope

import (
	"fmt"
	"maps"
	"math/bits"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// longestRun returns the length of the longest run of occupied slots in t:
// no lookup, hit or miss, reads more slots than that plus one.
func longestRun(t *table) int {
	best, run := 0, 0
	for _, w := range t.slots {
		if w != 0 {
			run++
			best = max(best, run)
		} else {
			run = 0
		}
	}
	return best
}

// homeSlots returns the number of home slots of t, the slots before the
// overflow ones.
func homeSlots(t *table) int { return 1 << (64 - t.shift) }

// ordered reports whether t keeps its invariant: every member sits at or
// after its home slot with no empty slot in between, the stored values
// descend left to right, and the last slot is empty.
func ordered(t *table) error {
	if t.slots[len(t.slots)-1] != 0 {
		return fmt.Errorf("the last of %d slots is not empty", len(t.slots))
	}
	var prev ID
	for i, w := range t.slots {
		if w == 0 {
			continue
		}
		if prev != 0 && w >= prev {
			return fmt.Errorf("slot %d holds %#x after %#x: not descending", i, w, prev)
		}
		prev = w
		home := int(uint64(^w) >> t.shift)
		if home > i {
			return fmt.Errorf("slot %d holds a member whose home is %d", i, home)
		}
		for j := home; j < i; j++ {
			if t.slots[j] == 0 {
				return fmt.Errorf("slot %d is empty between home %d and slot %d", j, home, i)
			}
		}
	}
	return nil
}

// maxRun is the longest run of occupied slots allowed in a table of the
// given number of slots. For a well-mixed table at most half full the
// longest run grows with the logarithm of its size: drawing 300 tables of
// uniformly random IDs at exactly half load gave at most 50 at 2,048 and
// 8,192 slots, and a run past 120 is rarer than one table in a billion. A
// weak mix of the IDs below makes runs of thousands.
func maxRun(slots int) int { return 8*bits.Len(uint(slots)) + 16 }

// hostileIDs draws the member lists that defeat weak hashing: strided runs
// (multiples of 2^k, arithmetic progressions), IDs that agree on their low
// or high bits, and IDs built from the table's own seed, as an attacker who
// had learned it would choose them.
func hostileIDs(t *rapid.T, seed uint64) []ID {
	n := rapid.IntRange(1, 4000).Draw(t, "n")
	out := make([]ID, 0, n+1)
	switch kind := rapid.IntRange(0, 4).Draw(t, "kind"); kind {
	case 0: // multiples of 2^k from a start
		start := rapid.Uint64().Draw(t, "start")
		k := rapid.IntRange(0, 63).Draw(t, "k")
		for i := range n {
			out = append(out, ID(start+uint64(i)<<k))
		}
	case 1: // an arithmetic progression of any stride
		start, stride := rapid.Uint64().Draw(t, "start"), rapid.Uint64().Draw(t, "stride")
		for i := range n {
			out = append(out, ID(start+uint64(i)*stride))
		}
	case 2: // the same low k bits, anything above
		k := rapid.IntRange(1, 63).Draw(t, "k")
		low := rapid.Uint64().Draw(t, "low") & (1<<k - 1)
		for i := range n {
			hi := rapid.Uint64().Draw(t, fmt.Sprint("hi", i))
			out = append(out, ID(hi<<k|low))
		}
	case 3: // the same high k bits, counting up below them
		k := rapid.IntRange(1, 52).Draw(t, "k")
		high := rapid.Uint64().Draw(t, "high") &^ (1<<(64-k) - 1)
		step := rapid.Uint64Range(1, 1<<10).Draw(t, "step")
		for i := range n {
			out = append(out, ID(high|(uint64(i)*step)&(1<<(64-k)-1)))
		}
	case 4: // the seed's neighbours, in XOR and in sum
		for i := range n {
			if i%2 == 0 {
				out = append(out, ID(seed^uint64(i)))
			} else {
				out = append(out, ID(seed+uint64(i)))
			}
		}
	}
	if rapid.Bool().Draw(t, "with the seed") {
		out = append(out, ID(seed)) // its mixed value is 0, stored as the largest value
	}
	if rapid.Bool().Draw(t, "with the empty mark") {
		out = append(out, unmix(^ID(0), seed)) // stored as 0, the empty mark: build must step to another seed
	}
	return rapid.Permutation(out).Draw(t, "order")
}

// TestMembersHostileIDs: on strided and adversarial IDs, whatever the seed,
// Has agrees with a map, All lists the distinct IDs in order, and the longest
// run of occupied slots stays within maxRun.
func TestMembersHostileIDs(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		seed := rapid.OneOf(rapid.Just(uint64(0)), rapid.Uint64()).Draw(t, "seed")
		in := hostileIDs(t, seed)
		model := map[ID]bool{}
		for _, id := range in {
			model[id] = true
		}
		built := build(in, seed)
		tb := &built
		m := Members{t: tb}

		if tb.n != len(model) || homeSlots(tb) < 2*len(model) || len(tb.slots) != homeSlots(tb)+overflow(64-tb.shift) {
			t.Fatalf("%d members counted, %d home slots and %d in all for %d members: want them counted, at least twice as many home slots, and the overflow", tb.n, homeSlots(tb), len(tb.slots), len(model))
		}
		if err := ordered(tb); err != nil {
			t.Fatal(err)
		}
		for id := range model {
			if mix(id, tb.seed) == ^ID(0) {
				t.Fatalf("member %#x would be stored as 0, the empty mark", id)
			}
		}
		if run, limit := longestRun(tb), maxRun(homeSlots(tb)); run > limit {
			t.Fatalf("longest run of occupied slots is %d in %d slots for %d members, want at most %d", run, len(tb.slots), len(model), limit)
		}
		for _, id := range in {
			// The last two are the IDs stored as 0 (the empty mark) under the
			// seed asked for and the seed used: never members, though a
			// lookup of either stops at an empty slot, which holds 0 too.
			for _, p := range []ID{id, id - 1, id + 1, id ^ 1<<63, ID(seed), ID(tb.seed), 0, unmix(^ID(0), seed), unmix(^ID(0), tb.seed)} {
				if got := m.Has(p); got != model[p] {
					t.Fatalf("Has(%#x) = %v, want %v", p, got, model[p])
				}
			}
		}
		if diff := cmp.Diff(slices.Sorted(maps.Keys(model)), slices.Collect(m.All())); diff != "" {
			t.Fatalf("All() mismatch (-want +got):\n%s", diff)
		}
	})
}

// TestBuildShrinksForRepeats: a list that is mostly repeats gets a table
// sized for its distinct IDs.
func TestBuildShrinksForRepeats(t *testing.T) {
	in := make([]ID, 1000)
	for i := range in {
		in[i] = ID(i % 3)
	}
	built := build(in, 42)
	tb := &built
	if homeSlots(tb) != 8 || tb.n != 3 {
		t.Errorf("1000 IDs, 3 distinct: %d home slots, %d members; want 8, 3", homeSlots(tb), tb.n)
	}
}

// TestSortIDs: the radix sort orders lists of every length around its
// threshold, with IDs that differ in any subset of their bytes.
func TestSortIDs(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 3*radixMin).Draw(t, "n")
		keep := rapid.Uint64().Draw(t, "varying bits") // bytes where this is 0 are shared
		base := rapid.Uint64().Draw(t, "base")
		ids := make([]ID, n)
		for i := range ids {
			ids[i] = ID(base ^ rapid.Uint64().Draw(t, "id")&keep)
		}
		want := slices.Clone(ids)
		slices.Sort(want)
		sortIDs(ids)
		if diff := cmp.Diff(want, ids); diff != "" {
			t.Fatalf("sortIDs mismatch (-want +got):\n%s", diff)
		}
	})
}

// TestHasInlines: Members.Has compiles inline into its callers, as the
// decision path relies on. It runs the compiler, so -short skips it.
func TestHasInlines(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the compiler")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	out, err := exec.Command(goTool, "build", "-gcflags=-m", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build -gcflags=-m: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "can inline Members.Has") {
		t.Errorf("go build -gcflags=-m does not report that Members.Has can inline:\n%s", out)
	}
}

// TestUnmix: unmix undoes mix, so All lists the members themselves and the
// IDs the retry tests build are the ones they mean.
func TestUnmix(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		id, seed := ID(rapid.Uint64().Draw(t, "id")), rapid.Uint64().Draw(t, "seed")
		if got := unmix(mix(id, seed), seed); got != id {
			t.Fatalf("unmix(mix(%#x)) = %#x", id, got)
		}
	})
}

// TestBuildRetries: build steps to the next seed when a member would be
// stored as 0 (the empty mark) or when a run would pass the overflow
// slots, and to a table twice as large after four failed seeds; each time
// the table it returns holds exactly the members, in order.
func TestBuildRetries(t *testing.T) {
	const seed = 0x5eed
	check := func(name string, ids []ID, wantSeed uint64, wantBits uint8) {
		t.Helper()
		built := build(ids, seed)
		tb := &built
		if tb.seed != wantSeed || 64-tb.shift != wantBits {
			t.Errorf("%s: seed %#x and %d bits, want %#x and %d", name, tb.seed, 64-tb.shift, wantSeed, wantBits)
		}
		if err := ordered(tb); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		m := Members{t: tb}
		for _, id := range ids {
			if !m.Has(id) || m.Has(id+1) && !slices.Contains(ids, id+1) {
				t.Errorf("%s: Has(%#x) = %v, Has(%#x) = %v", name, id, m.Has(id), id+1, m.Has(id+1))
			}
		}
	}

	// The ID stored as 0 under the first seed: one retry.
	check("empty mark", []ID{1, unmix(^ID(0), seed), 2}, nextSeed(seed), tableBits(3))

	// The IDs stored as 0 under each of the first four seeds: a table twice
	// as large, with the fifth seed.
	var ids []ID
	s := uint64(seed)
	for range 4 {
		ids = append(ids, unmix(^ID(0), s))
		s = nextSeed(s)
	}
	check("four seeds", ids, s, tableBits(4)+1)

	// IDs whose values all have the last home slot of a table of 2^8 (for
	// 65 to 128 members): their run starts at the last home slot, and the
	// overflow slots after it hold all but one of them, the last slot
	// staying empty. One more, and the next seed spreads them.
	bits := tableBits(100)
	fits := overflow(bits) // the last home slot and every overflow slot but the last
	ids = ids[:0]
	for j := range fits + 1 {
		ids = append(ids, unmix(^ID(0)-ID(j+1), seed))
	}
	if tableBits(fits) != bits || tableBits(fits+1) != bits {
		t.Fatalf("%d and %d IDs do not both get %d bits", fits, fits+1, bits)
	}
	check("a run that just fits", ids[:fits], seed, bits)
	check("a run one too long", ids, nextSeed(seed), bits)
}

// TestFirstRepeat: firstRepeat names the first ID an earlier one equals, and
// 0 for distinct IDs.
func TestFirstRepeat(t *testing.T) {
	for _, c := range []struct {
		ids  []ID
		want ID
	}{{nil, 0}, {[]ID{1, 2, 3}, 0}, {[]ID{3, 1, 2, 1, 3}, 1}, {[]ID{0, 0}, 0}} {
		if got := firstRepeat(c.ids); got != c.want {
			t.Errorf("firstRepeat(%v) = %d, want %d", c.ids, got, c.want)
		}
	}
}
