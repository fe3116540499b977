package scope

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
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
// The representation is an open-addressing hash table of 2^k slots kept at
// most half full, plus the sorted IDs for iteration and encoding. [Members.Has]
// mixes the ID's bits, then probes a short run of adjacent slots, so a lookup
// costs the same for ten members or a hundred thousand and never allocates.
// The zero Members is the empty set and is ready to use.
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
type table struct {
	slots   []ID // power-of-two length; 0 marks an empty slot
	shift   uint8
	hasZero bool // ID 0 cannot live in slots, since 0 marks a free slot
	sorted  []ID // distinct members in ascending order
}

// ErrMembers is returned (wrapped, with the offending input) when a Members
// value cannot be decoded.
var ErrMembers = errors.New("invalid member list")

// slot returns the home slot of id in a table of 2^(64-shift) slots. It
// mixes all 64 bits of the ID (the finalizer of splitmix64) before taking the
// top bits, so sequential IDs, strided IDs and IDs that share low or high bits
// all spread evenly, and probe runs stay short whatever the host's key
// scheme.
func slot(id ID, shift uint8) uint64 {
	x := uint64(id)
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x >> shift
}

// NewMembers returns the set of the given IDs. Duplicates are ignored and the
// input slice is copied, so the caller may reuse it.
func NewMembers(ids ...ID) Members {
	if len(ids) == 0 {
		return Members{}
	}
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	sorted = slices.Compact(sorted)
	sorted = slices.Clip(sorted)

	bits := uint8(1)
	for 1<<bits < 2*len(sorted) {
		bits++
	}
	m := &table{slots: make([]ID, 1<<bits), shift: 64 - bits, sorted: sorted}
	mask := uint64(len(m.slots) - 1)
	for _, id := range sorted {
		if id == 0 {
			m.hasZero = true
			continue
		}
		i := slot(id, m.shift)
		for m.slots[i] != 0 {
			i = (i + 1) & mask
		}
		m.slots[i] = id
	}
	return Members{t: m}
}

// Has reports whether id is a member. It never allocates.
func (m Members) Has(id ID) bool {
	t := m.t
	if t == nil {
		return false
	}
	if id == 0 {
		return t.hasZero
	}
	mask := uint64(len(t.slots) - 1)
	for i := slot(id, t.shift); ; i = (i + 1) & mask {
		switch t.slots[i] {
		case id:
			return true
		case 0:
			return false
		}
	}
}

// Len returns the number of distinct members.
func (m Members) Len() int { return len(m.ids()) }

// ids returns the sorted members; nil for the empty set.
func (m Members) ids() []ID {
	if m.t == nil {
		return nil
	}
	return m.t.sorted
}

// All iterates over the members in ascending order.
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
