package scope

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"math/rand/v2"
	"slices"
	"strconv"
)

// ID identifies a person, project, deal, budget or other record. Hosts map
// their own keys (database integers, hashed UUIDs) onto it. The zero ID means
// "none": the permission package rejects a resource or subject whose needed ID
// is zero, so a membership on ID 0 can never grant anything.
type ID uint64

// Members is an immutable set of IDs: the projects, deals or budgets a person
// is a member of. It is built once per subject and looked up on every
// decision.
//
// The representation is an ordered open-addressing hash table (Amble and
// Knuth's: linear probing with each run kept in order) and nothing else.
// [Members.Has] mixes the ID's bits with a seed drawn for each set, then
// reads adjacent slots from the ID's home slot until it finds the ID or
// passes where it would be, so a miss stops as early as a hit. The table
// has at least twice as many home slots as members, so a lookup reads about
// as many slots for ten members as for a hundred thousand, hit or miss,
// never allocates, and compiles inline into its caller. (What does grow is
// the memory under it: 16 to 32 bytes a member for large sets, 2 MiB for
// 100,000, more than a CPU's nearest caches hold; a small set also has its
// overflow slots, 8k+16 of them for 2^k home slots, 704 bytes for ten
// members.) The zero Members is the empty set and is ready to use.
//
// Members values compare with == by identity: two sets built separately from
// the same IDs are not ==. Compare their [Members.All] sequences instead.
//
// A Members value may be copied and shared freely between goroutines: nothing
// changes it after [NewMembers] returns.
type Members struct {
	t *table // nil for the empty set; never changed once built
}

// table is the representation behind a non-empty Members. Keeping it behind
// one pointer makes a Members value a single word, cheap to copy inside a
// subject on every decision.
//
// The slots hold the complement of mix(id, seed) rather than the IDs: mix is
// a bijection, so equal values mean equal IDs, and unmix gives the IDs
// back. A member's home slot is the top bits of its mixed value, and the
// members sit at or after their home slots in ascending order of mixed
// value, that is in descending order of what the slots hold, with no empty
// slot between a member's home and where it sits. An empty slot holds 0,
// which every stored value exceeds, so a lookup from the home slot stops at
// the ID's value, at a smaller one (a member that belongs later) or at an
// empty slot. The one ID whose stored value would be 0 is never a member,
// since build draws another seed when it would be, and the last slot is
// always empty, so every lookup stops. So ID 0 needs no case of its own.
type table struct {
	slots []ID   // 2^k home slots, then overflow slots; the complemented mixed members, 0 for an empty slot
	seed  uint64 // mixed into every ID before hashing; drawn per table
	shift uint8  // 64 - k, for 2^k home slots: a value's home slot is value >> shift
	n     int    // the number of members
}

// ErrMembers is returned (wrapped, with the offending input) when a Members
// value cannot be decoded.
var ErrMembers = errors.New("invalid member list")

// mix returns the value stored for id in a table with the given seed; its
// high bits choose the ID's home slot. It keys the ID with the seed, then
// mixes all 64 bits with the finalizer of splitmix64, so sequential IDs,
// strided IDs and IDs that share low or high bits all spread evenly and
// probe runs stay short whatever the host's key scheme. The finalizer's last
// step (x ^= x >> 31) is left out: it changes none of the top 31 bits, which
// choose the slot in any table of up to 2^31 slots, and without it Has fits
// the inlining budget. The finalizer is a public bijection, so without the
// seed anyone could compute IDs that all land in one slot; with a seed drawn
// for each table, nobody who chooses IDs knows where they land.
//
// Every step is a bijection, so mix(a, s) == mix(b, s) only when a == b, and
// mix(id, s) == 0 only when id == s.
func mix(id ID, seed uint64) ID {
	x := uint64(id) ^ seed
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return ID(x)
}

// unmix returns the ID whose mixed value under seed is v: mix run backwards,
// each step's inverse in reverse order. A multiplication is undone by the
// constant's inverse modulo 2^64, and x ^= x >> s by x ^= x>>s ^ x>>2s ^ ...
func unmix(v ID, seed uint64) ID {
	x := uint64(v) * 0x319642b2d24d8ec3 // the inverse of 0x94d049bb133111eb
	x ^= x>>27 ^ x>>54
	x *= 0x96de1b173f119089 // the inverse of 0xbf58476d1ce4e5b9
	x ^= x>>30 ^ x>>60
	return ID(x ^ seed)
}

// NewMembers returns the set of the given IDs. Duplicates are ignored and the
// input slice is not kept, so the caller may reuse it.
//
// Building costs time linear in len(ids) and two allocations, the table
// and its slots. A list with repeats whose distinct IDs fit a smaller table
// is built again from those, which costs three or four more.
func NewMembers(ids ...ID) Members {
	if len(ids) == 0 {
		return Members{}
	}
	t := build(ids, rand.Uint64())
	return Members{t: &t}
}

// tableBits returns log2 of the number of home slots for n members: the
// smallest power of two, at least 2, that keeps the table at most half full.
func tableBits(n int) uint8 {
	bits := uint8(1)
	for 1<<bits < 2*n {
		bits++
	}
	return bits
}

// overflow is the number of slots after the home ones, for the members
// that runs push past the last home slot, and the last, empty one. In a
// well-mixed table at most half full the longest run grows with the
// logarithm of its size (see maxRun in the tests); a table whose last
// run would not fit is built again with another seed or more slots.
func overflow(bits uint8) int { return 8*int(bits) + 16 }

// build returns the table of ids (at least one), hashed with seed, or with
// another seed derived from it if seed leaves a member without a value or
// runs past the overflow slots. When the distinct IDs would fit a table of
// fewer bits than the input's length asks for, it builds that table from
// them, so that repeats cost no memory. It returns the table by value, for
// the caller to place: alone behind a Members, or inside an Index.
func build(ids []ID, seed uint64) table {
	bits := tableBits(len(ids))
	slots := make([]ID, 1<<bits+overflow(bits))
	for tries := 1; ; tries++ {
		t := table{slots: slots, seed: seed, shift: 64 - bits}
		if t.place(ids) {
			if t.n < len(ids) && tableBits(t.n) < tableBits(len(ids)) {
				// Many repeats: a table sized for the input would be
				// mostly empty. Start again from the distinct IDs.
				return build(t.ids(), seed)
			}
			return t
		}
		// A member whose stored value would be 0, or a run past the
		// overflow slots: with a random seed this almost never happens. Try
		// another seed; after a few, a table twice as large.
		seed = nextSeed(seed)
		if tries%4 == 0 {
			bits++
			slots = make([]ID, 1<<bits+overflow(bits))
		} else {
			clear(slots)
		}
	}
}

// nextSeed is the seed build tries after seed: a step of an LCG with odd
// constants, so the seeds tried are all distinct.
func nextSeed(seed uint64) uint64 { return seed*0x5851f42d4c957f2d + 0x14057b7ef767814f }

// place puts every ID of ids into t.slots, which are all empty, once,
// keeping each run in order, and counts them in t.n. It reports whether
// every member has a value and the last slot stays empty.
func (t *table) place(ids []ID) bool {
	slots, seed, shift := t.slots, t.seed, t.shift
	last := uint64(len(slots) - 1)
	for _, id := range ids {
		v := uint64(mix(id, seed))
		w := ID(^v)
		if w == 0 {
			return false
		}
		i := v >> shift
		for slots[i] > w { // past the members that sort before it
			i++
		}
		if slots[i] == w {
			continue // a repeat
		}
		for ; w != 0; i++ { // insert, moving the rest of the run one slot on
			if i == last {
				return false
			}
			slots[i], w = w, slots[i]
		}
		t.n++
	}
	return true
}

// radixMin is the length from which sortIDs radix sorts; shorter lists are
// sorted by comparison, which is faster than clearing eight histograms.
const radixMin = 256

// sortIDs sorts ids in ascending order. Long lists are sorted by a
// least-significant-digit radix sort on bytes: one pass counts all eight
// digits, then each digit on which the IDs differ costs one stable pass
// over them, through a scratch slice as long as ids.
func sortIDs(ids []ID) {
	if len(ids) < radixMin {
		slices.Sort(ids)
		return
	}
	var counts [8][256]uint32
	for _, id := range ids {
		counts[0][byte(id)]++
		counts[1][byte(id>>8)]++
		counts[2][byte(id>>16)]++
		counts[3][byte(id>>24)]++
		counts[4][byte(id>>32)]++
		counts[5][byte(id>>40)]++
		counts[6][byte(id>>48)]++
		counts[7][byte(id>>56)]++
	}
	src, dst := ids, make([]ID, len(ids))
	for d := range counts {
		c := &counts[d]
		shift := 8 * uint(d)
		if int(c[byte(src[0]>>shift)]) == len(ids) {
			continue // every ID has this digit: the pass would change nothing
		}
		var sum uint32
		for i, k := range c {
			c[i] = sum
			sum += k
		}
		for _, id := range src {
			b := byte(id >> shift)
			dst[c[b]] = id
			c[b]++
		}
		src, dst = dst, src
	}
	if &src[0] != &ids[0] {
		copy(ids, src)
	}
}

// Has reports whether id is a member. It never allocates, and it is small
// enough to compile inline into its caller.
func (m Members) Has(id ID) bool {
	if m.t == nil {
		return false
	}
	_, ok := m.t.find(id)
	return ok
}

// find returns the slot that holds id, and whether one does.
func (t *table) find(id ID) (uint64, bool) {
	// mix(id, t.seed), written out: a call, even an inlined one, would cost
	// find (and so Has) its place within the inlining budget.
	v := uint64(id) ^ t.seed
	v ^= v >> 30
	v *= 0xbf58476d1ce4e5b9
	v ^= v >> 27
	v *= 0x94d049bb133111eb
	// From the home slot, pass the members whose values are smaller: the
	// first slot that is not holds id, or id is not a member. An ID whose
	// stored value would be 0 is never one. (The shift is always below 64;
	// &63 tells the compiler so, which spares it the code for larger ones.)
	i, w := v>>(t.shift&63), ID(^v)
	for t.slots[i] > w {
		i++
	}
	return i, t.slots[i] == w && w != 0
}

// ids returns the members in ascending order, in a new slice.
func (t *table) ids() []ID {
	ids := make([]ID, 0, t.n)
	for _, w := range t.slots {
		if w != 0 {
			ids = append(ids, unmix(^w, t.seed))
		}
	}
	sortIDs(ids)
	return ids
}

// Len returns the number of distinct members.
func (m Members) Len() int {
	if m.t == nil {
		return 0
	}
	return m.t.n
}

// ids returns the members in ascending order, in a new slice; nil for the
// empty set.
func (m Members) ids() []ID {
	if m.t == nil {
		return nil
	}
	return m.t.ids()
}

// All iterates over the members in ascending order. The table keeps them in
// hash order, so All first copies them into a slice and sorts it: 8 bytes a
// member, and from 256 members a radix sort's scratch slice of the same
// size, in time linear in their number.
func (m Members) All() iter.Seq[ID] {
	return func(yield func(ID) bool) {
		for _, id := range m.ids() {
			if !yield(id) {
				return
			}
		}
	}
}

// String returns the members as "{1 2 3}".
func (m Members) String() string { return string(append(m.appendIDs([]byte{'{'}, ' '), '}')) }

// appendIDs appends the members in ascending order to b, separated by sep.
func (m Members) appendIDs(b []byte, sep byte) []byte {
	for i, id := range m.ids() {
		if i > 0 {
			b = append(b, sep)
		}
		b = strconv.AppendUint(b, uint64(id), 10)
	}
	return b
}

// MarshalText implements [encoding.TextMarshaler]: the members in ascending
// order, separated by commas ("1,2,3"); the empty set is the empty string.
func (m Members) MarshalText() ([]byte, error) { return m.appendIDs(nil, ','), nil }

// UnmarshalText implements [encoding.TextUnmarshaler], reading the form
// MarshalText writes. Every element must be a decimal integer that fits an
// ID; the first that does not is named in the error, and m is left unchanged.
func (m *Members) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*m = Members{}
		return nil
	}
	var ids []ID
	for i, field := range bytes.Split(text, []byte{','}) {
		v, err := strconv.ParseUint(string(field), 10, 64)
		if err != nil {
			return fmt.Errorf("scope: member %d %q: %w", i, field, ErrMembers)
		}
		ids = append(ids, ID(v))
	}
	*m = NewMembers(ids...)
	return nil
}

// MarshalJSON encodes the members as a JSON array of numbers in ascending
// order; the empty set is [].
func (m Members) MarshalJSON() ([]byte, error) {
	return append(m.appendIDs([]byte{'['}, ','), ']'), nil
}

// UnmarshalJSON decodes a JSON array of non-negative integers written as
// numbers. null, a non-array, trailing data, or an element that is not an
// integer fitting an ID (a string, a fraction, a negative number) is an
// error naming it, and m is left unchanged.
func (m *Members) UnmarshalJSON(data []byte) error {
	var raw []json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&raw); err != nil || raw == nil {
		return fmt.Errorf("scope: members %.40q: %w", data, ErrMembers)
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("scope: members %.40q: trailing data: %w", data, ErrMembers)
	}
	ids := make([]ID, len(raw))
	for i, n := range raw {
		v, err := strconv.ParseUint(string(n), 10, 64)
		if err != nil {
			return fmt.Errorf("scope: members[%d] %.40s: %w", i, n, ErrMembers)
		}
		ids[i] = ID(v)
	}
	*m = NewMembers(ids...)
	return nil
}

// Union returns the set of every ID in any of sets: how a host folds the
// ways a person shares in a project (directly, through each of their teams,
// through a dynamic group such as "Employees") into the one set a subject
// carries. Building it costs time linear in the total size of sets, with no
// sort and no step that grows with the number of sets squared: each set's
// IDs are read once from its table and inserted into the new one, repeats
// skipped. A union of one set returns it, shared; of none, the empty set.
func Union(sets ...Members) Members {
	n, last := 0, -1
	for i, m := range sets {
		if m.Len() > 0 {
			n += m.Len()
			last = i
		}
	}
	switch {
	case n == 0:
		return Members{}
	case n == sets[last].Len():
		return sets[last] // one non-empty set
	}
	ids := make([]ID, 0, n)
	for _, m := range sets {
		if m.t == nil {
			continue
		}
		for _, w := range m.t.slots {
			if w != 0 {
				ids = append(ids, unmix(^w, m.t.seed))
			}
		}
	}
	return NewMembers(ids...)
}
