package scope

import (
	"errors"
	"fmt"
	"iter"
	"math/rand/v2"
)

// Index is an immutable map from IDs to values, for what a host looks up by
// ID on every request: the person making it, say (package permission's
// Directory is an Index of prepared subjects). It is the hash table of
// [Members] with a value beside each slot, so [Index.Lookup] costs one short
// probe whatever the size and never allocates.
//
// The zero Index is empty and ready to use. An Index may be copied and
// shared freely between goroutines: nothing changes it after [NewIndex]
// returns. To change what it holds, build a new one and swap it in.
type Index[V any] struct {
	t *valued[V] // nil when empty; never changed once built
}

// valued is the representation behind a non-empty Index: the table of its
// IDs, and beside each slot the value of the ID in it. Keeping it behind one
// pointer makes an Index a single word, passed in one register.
type valued[V any] struct {
	table
	values []V // by slot of table
}

// ErrIndex is wrapped by the errors [NewIndex] returns.
var ErrIndex = errors.New("invalid index")

// NewIndex returns the index that maps ids[i] to values[i]. The slices must
// have the same length, and an ID may appear only once; otherwise the error
// wraps [ErrIndex] and names the first repeated ID, and no index is built.
// Neither slice is kept (the values are copied), so the caller may reuse
// them.
func NewIndex[V any](ids []ID, values []V) (Index[V], error) {
	if len(ids) != len(values) {
		return Index[V]{}, fmt.Errorf("scope: %d IDs for %d values: %w", len(ids), len(values), ErrIndex)
	}
	if len(ids) == 0 {
		return Index[V]{}, nil
	}
	x := &valued[V]{table: build(ids, rand.Uint64())}
	if x.n != len(ids) { // build drops repeats
		return Index[V]{}, fmt.Errorf("scope: ID %d appears twice: %w", firstRepeat(ids), ErrIndex)
	}
	x.values = make([]V, len(x.slots))
	for i, id := range ids {
		slot, _ := x.find(id)
		x.values[slot] = values[i]
	}
	return Index[V]{x}, nil
}

// firstRepeat returns the first ID of ids that an earlier one equals, or 0
// when they are distinct.
func firstRepeat(ids []ID) ID {
	seen := make(map[ID]bool, len(ids))
	for _, id := range ids {
		if seen[id] {
			return id
		}
		seen[id] = true
	}
	return 0
}

// Lookup returns the value of id, and whether id is in x; for an ID that is
// not, the zero V and false. It never allocates.
func (x Index[V]) Lookup(id ID) (V, bool) {
	if x.t != nil {
		if slot, ok := x.t.find(id); ok {
			return x.t.values[slot], true
		}
	}
	var zero V
	return zero, false
}

// Len returns the number of IDs in x.
func (x Index[V]) Len() int {
	if x.t == nil {
		return 0
	}
	return x.t.n
}

// All iterates over the IDs of x in ascending order, with their values. Like
// [Members.All], it first copies the IDs into a slice and sorts it.
func (x Index[V]) All() iter.Seq2[ID, V] {
	return func(yield func(ID, V) bool) {
		if x.t == nil {
			return
		}
		for _, id := range x.t.ids() {
			slot, _ := x.t.find(id)
			if !yield(id, x.t.values[slot]) {
				return
			}
		}
	}
}
