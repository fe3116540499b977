package permission

import (
	"errors"
	"fmt"
	"iter"

	"github.com/clearance-go/clearance/scope"
)

// Directory finds prepared principals by person ID: the step a host takes
// on every request before it decides, made as cheap as the decision. It is
// a [scope.Index] of [Principal] values keyed by their subjects' IDs, so the
// key and the subject cannot disagree.
//
// Lookup returns nil for a person the directory does not hold, and a nil
// *Principal denies everything with [InvalidSubject], so a host that does
// not check for nil still fails closed.
//
// A Directory is immutable and safe for concurrent use. When people or
// their sets change, build a new one and swap it in (an
// [sync/atomic.Pointer] holds it well); requests in flight keep the one they
// started with. It may hold the people of many organizations, as
// Productive's person IDs are unique across them; each principal still acts
// only within its own organization.
type Directory struct {
	byID scope.Index[*Principal]
}

// ErrDirectory is wrapped by the errors [NewDirectory] returns.
var ErrDirectory = errors.New("invalid directory")

// NewDirectory returns the directory of the given principals. Each must be
// non-nil and prepared from a valid subject (an invalid one is refused with
// the error that also wraps [ErrInvalidSubject]), and no two may have the
// same person ID (that error also wraps [scope.ErrIndex], and names the
// organizations of both: where IDs repeat across organizations, build a
// directory per organization). On any error no directory is returned.
func NewDirectory(ps ...*Principal) (*Directory, error) {
	ids := make([]scope.ID, len(ps))
	for i, p := range ps {
		switch {
		case p == nil:
			return nil, fmt.Errorf("permission: principal %d is nil: %w", i, ErrDirectory)
		case !p.valid:
			return nil, fmt.Errorf("permission: principal %d: %w: %w", i, p.s.Validate(), ErrDirectory)
		}
		ids[i] = p.s.ID
	}
	byID, err := scope.NewIndex(ids, ps)
	if err != nil {
		first := map[scope.ID]*Principal{}
		for _, p := range ps {
			if q, dup := first[p.s.ID]; dup {
				return nil, fmt.Errorf("permission: person %d of organization %d and person %d of organization %d: %w: %w",
					q.s.ID, q.s.Org, p.s.ID, p.s.Org, err, ErrDirectory)
			}
			first[p.s.ID] = p
		}
		return nil, fmt.Errorf("permission: %w: %w", err, ErrDirectory) // unreachable: NewIndex fails only on a repeated ID
	}
	return &Directory{byID: byID}, nil
}

// Lookup returns the principal of person id, or nil when d does not hold
// one (or d is nil). It never allocates.
func (d *Directory) Lookup(id scope.ID) *Principal {
	if d == nil {
		return nil
	}
	p, _ := d.byID.Lookup(id)
	return p
}

// Len returns the number of principals in d.
func (d *Directory) Len() int {
	if d == nil {
		return 0
	}
	return d.byID.Len()
}

// All iterates over the principals of d in ascending order of person ID.
func (d *Directory) All() iter.Seq[*Principal] {
	return func(yield func(*Principal) bool) {
		if d == nil {
			return
		}
		for _, p := range d.byID.All() {
			if !yield(p) {
				return
			}
		}
	}
}
