package permission

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"math/bits"
	"strings"

	"github.com/clearance-go/clearance/permission/clip"
	"github.com/clearance-go/clearance/role"
)

// Mask is a set of permissions: one bit per catalogue entry in two machine
// words (128 bits, bit 0 unused). It is a comparable value (use == and map
// keys freely) with no pointer, slice or map inside, the zero Mask is the
// empty set, and every operation is a few instructions of bit arithmetic on
// the two words that never allocate.
//
// A Mask can only hold catalogue permissions: [MaskOf] and [Mask.With]
// ignore invalid values, and the decoders reject unknown names.
type Mask struct {
	lo, hi uint64 // permissions 0-63 and 64-127
}

// The catalogue must fit a Mask, bit 0 unused; this fails to compile when it
// grows past 127 permissions.
var _ = [128 - endPermission]struct{}{}

// ErrNotClosed is returned (wrapped) by [Mask.CheckClosed] when a permission
// is held without one it depends on.
var ErrNotClosed = errors.New("permission held without a permission it depends on")

// MaskOf returns the set of the given permissions. Invalid permissions are
// ignored.
func MaskOf(ps ...Permission) Mask {
	var m Mask
	for _, p := range ps {
		m = m.With(p)
	}
	return m
}

// Universe returns the set of every permission in the catalogue.
func Universe() Mask { return universe }

var universe = func() (m Mask) {
	for p := range All() {
		m = m.With(p)
	}
	return m
}()

// single returns the Mask holding only p, or the empty Mask for an invalid p.
func single(p Permission) Mask {
	switch {
	case !p.IsValid():
		return Mask{}
	case p < 64:
		return Mask{lo: 1 << p}
	}
	return Mask{hi: 1 << (p - 64)}
}

// Has reports whether p is in m.
func (m Mask) Has(p Permission) bool {
	if p < 64 {
		return p != 0 && m.lo&(1<<p) != 0
	}
	return p < endPermission && m.hi&(1<<(p-64)) != 0
}

// With returns m with p added; an invalid p leaves m as it is.
func (m Mask) With(p Permission) Mask { return m.Union(single(p)) }

// Without returns m with p removed.
func (m Mask) Without(p Permission) Mask { return m.Minus(single(p)) }

// Union returns the permissions in m or o.
func (m Mask) Union(o Mask) Mask { return Mask{m.lo | o.lo, m.hi | o.hi} }

// Intersect returns the permissions in both m and o.
func (m Mask) Intersect(o Mask) Mask { return Mask{m.lo & o.lo, m.hi & o.hi} }

// Minus returns the permissions in m that are not in o.
func (m Mask) Minus(o Mask) Mask { return Mask{m.lo &^ o.lo, m.hi &^ o.hi} }

// Complement returns the catalogue permissions not in m.
func (m Mask) Complement() Mask { return universe.Minus(m) }

// SubsetOf reports whether every permission in m is also in o.
func (m Mask) SubsetOf(o Mask) bool { return m.lo&^o.lo|m.hi&^o.hi == 0 }

// IsEmpty reports whether m holds no permission.
func (m Mask) IsEmpty() bool { return m.lo|m.hi == 0 }

// Len returns the number of permissions in m.
func (m Mask) Len() int { return bits.OnesCount64(m.lo) + bits.OnesCount64(m.hi) }

// First returns the first permission of m in catalogue order, or the zero
// Permission if m is empty.
func (m Mask) First() Permission {
	switch {
	case m.lo != 0:
		return Permission(bits.TrailingZeros64(m.lo))
	case m.hi != 0:
		return Permission(64 + bits.TrailingZeros64(m.hi))
	}
	return 0
}

// Last returns the last permission of m in catalogue order, or the zero
// Permission if m is empty.
func (m Mask) Last() Permission {
	switch {
	case m.hi != 0:
		return Permission(64 + bits.Len64(m.hi) - 1)
	case m.lo != 0:
		return Permission(bits.Len64(m.lo) - 1)
	}
	return 0
}

// All iterates over the permissions of m in catalogue order.
func (m Mask) All() iter.Seq[Permission] {
	return func(yield func(Permission) bool) {
		for w, word := range [2]uint64{m.lo, m.hi} {
			for b := word; b != 0; b &= b - 1 {
				if !yield(Permission(w<<6 | bits.TrailingZeros64(b))) {
					return
				}
			}
		}
	}
}

// Closure returns m together with every permission the members of m depend
// on, directly or indirectly: the smallest closed set that contains m. This
// is what granting does.
func (m Mask) Closure() Mask {
	out := m
	for p := range m.All() {
		out = out.Union(needsClosure[p])
	}
	return out
}

// Prune returns m without every permission whose dependencies are not all in
// m, directly or indirectly: the largest closed set inside m. This is what
// revoking does: revoking a permission revokes everything that depends on it.
func (m Mask) Prune() Mask {
	out := m
	for p := range m.All() {
		if !needsClosure[p].SubsetOf(m) {
			out = out.Without(p)
		}
	}
	return out
}

// CheckClosed returns nil if every permission in m has its dependencies in m.
// Otherwise it returns a [*NotClosedError] (which wraps [ErrNotClosed]) for
// the first permission, in catalogue order, that lacks one.
func (m Mask) CheckClosed() error {
	for p := range m.All() {
		if missing := needsClosure[p].Minus(m); !missing.IsEmpty() {
			return &NotClosedError{Permission: p, Needs: missing.First()}
		}
	}
	return nil
}

// NotClosedError reports a permission held without one it depends on.
type NotClosedError struct {
	Permission Permission // the permission that is held
	Needs      Permission // a permission it depends on that is not held
}

// Error implements error.
func (e *NotClosedError) Error() string {
	return fmt.Sprintf("permission: %v needs %v: %v", e.Permission, e.Needs, ErrNotClosed)
}

// Unwrap returns [ErrNotClosed].
func (e *NotClosedError) Unwrap() error { return ErrNotClosed }

// tops returns the members of m that no other member of m depends on: what
// m is about, as opposed to what it needs along the way.
func (m Mask) tops() Mask {
	out := m
	for p := range m.All() {
		out = out.Minus(needsClosure[p])
	}
	return out
}

// needsClosure[p] is the transitive closure of p's dependencies, computed
// once from the catalogue.
var needsClosure = func() (c [endPermission]Mask) {
	for p := range All() {
		todo := p.Needs()
		for !todo.IsEmpty() {
			q := todo.First()
			todo = todo.Without(q)
			if !c[p].Has(q) {
				c[p] = c[p].With(q)
				todo = todo.Union(q.Needs())
			}
		}
	}
	return c
}()

// HoldableBy returns every permission a subject with role r may hold:
// everything for the Owner; everything but the owner-only permissions for the
// other employee roles; the free-seat permissions for a Client; the Contractor
// system set for a Contractor, since it cannot be customized. It returns the
// empty set for an invalid role.
func HoldableBy(r role.Role) Mask {
	switch {
	case r == role.Owner:
		return universe
	case r.Kind() == role.Employee:
		return holdableBy[employees]
	case r == role.Client:
		return holdableBy[clients]
	case r == role.Contractor:
		return holdableBy[contractor]
	}
	return Mask{}
}

// holdableBy[who] is every permission whose catalogue row names who as a
// holder, computed once.
var holdableBy = func() (m [ownerOnly]Mask) {
	for p := range All() {
		for _, who := range []holder{employees, clients, contractor} {
			if catalogue[p].holders&who != 0 {
				m[who] = m[who].With(p)
			}
		}
	}
	return m
}()

// String returns the names of m's permissions in catalogue order, separated
// by commas: "projects.view,tasks.view". The empty set is "".
func (m Mask) String() string { return strings.Join(m.Names(), ",") }

// ParseMask reads the form [Mask.String] writes. It fails on the first
// unknown or repeated name with a [*ListError] naming it; spaces around names
// are not allowed.
func ParseMask(s string) (Mask, error) {
	if s == "" {
		return Mask{}, nil
	}
	return MaskFromNames(strings.Split(s, ","))
}

// ErrNotList is returned (wrapped) by [Mask.UnmarshalJSON] for input that is
// not exactly one JSON array of strings.
var ErrNotList = errors.New("want a JSON array of permission names")

// ErrDuplicate is returned (wrapped) by the decoders when a name is listed
// twice.
var ErrDuplicate = errors.New("listed twice")

// MarshalText implements [encoding.TextMarshaler] with the form of
// [Mask.String].
func (m Mask) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseMask]; on
// error m is left unchanged.
func (m *Mask) UnmarshalText(text []byte) error {
	v, err := ParseMask(string(text))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// MarshalJSON encodes m as a JSON array of permission names in catalogue
// order; the empty set is [].
func (m Mask) MarshalJSON() ([]byte, error) { return json.Marshal(m.Names()) }

// Names returns the names of m's permissions in catalogue order; the empty
// set gives an empty, non-nil slice.
func (m Mask) Names() []string {
	names := make([]string, 0, m.Len())
	for p := range m.All() {
		names = append(names, p.String())
	}
	return names
}

// UnmarshalJSON decodes a JSON array of permission names. Unknown and
// repeated names are errors that give the element's index; null and any
// non-array are errors. It reads the array one element at a time and stops
// at the first fault, so a long hostile input costs no more than the part of
// it before the fault, and an error quotes at most 64 bytes of the input. On
// error m is left unchanged.
func (m *Mask) UnmarshalJSON(data []byte) error {
	notList := func(what string) error {
		return fmt.Errorf("permission: %s: %s%w", clip.Bytes(data), what, ErrNotList)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return notList("")
	}
	var v Mask
	for i := 0; ; i++ {
		tok, err := dec.Token()
		if err != nil {
			return notList("")
		}
		if tok == json.Delim(']') {
			break
		}
		name, ok := tok.(string)
		if !ok && tok != nil { // null reads as "", an unknown name
			return notList(fmt.Sprintf("element %d is not a string: ", i))
		}
		p, err := Parse(name)
		if err != nil {
			return &ListError{Index: i, Err: err}
		}
		if v.Has(p) {
			return &ListError{Index: i, Err: fmt.Errorf("permission: %q: %w", name, ErrDuplicate)}
		}
		v = v.With(p)
	}
	if _, err := dec.Token(); err != io.EOF {
		return notList("trailing data: ")
	}
	*m = v
	return nil
}

// MaskFromNames returns the set of the named permissions. The first unknown or
// repeated name is a [*ListError] giving its index.
func MaskFromNames(names []string) (Mask, error) {
	var m Mask
	for i, name := range names {
		p, err := Parse(name)
		if err != nil {
			return Mask{}, &ListError{Index: i, Err: err}
		}
		if m.Has(p) {
			return Mask{}, &ListError{Index: i, Err: fmt.Errorf("permission: %q: %w", name, ErrDuplicate)}
		}
		m = m.With(p)
	}
	return m, nil
}

// ListError reports the element of a list of names that could not be read.
type ListError struct {
	Index int   // the element's position, from 0
	Err   error // why; wraps ErrUnknown or ErrDuplicate
}

// Error implements error: `[2]: permission: "invoice.manage": unknown permission ...`.
func (e *ListError) Error() string { return fmt.Sprintf("[%d]: %v", e.Index, e.Err) }

// Unwrap returns the cause.
func (e *ListError) Unwrap() error { return e.Err }

// implications are the rights a set holds by holding others, where no
// dependency says so. Productive split the legacy "Add, edit, and delete
// invoices and payments" into parts (drafts, finalizing, finalized invoices,
// payments): a set that holds every part holds the legacy right, and the
// legacy right exports invoices to the accounting tool ("Users with the
// following permissions can export invoices"), as "Copy invoices to an
// accounting system" does. Each row may use what an earlier row implied.
var implications = [...]struct {
	when Mask
	then Permission
}{
	{needsClosure[InvoicesManage], InvoicesManage},
	{MaskOf(InvoicesManage), InvoicesCopyToAccounting},
}

// Implied returns m with every right it implies: holding every part of the
// legacy invoices.manage is holding invoices.manage, and invoices.manage
// exports as invoices.copy_to_accounting does. [Authorize] and the rest of
// the package decide with a subject's implied permissions; a set keeps
// what it was given.
func (m Mask) Implied() Mask {
	for _, i := range implications {
		if i.when.SubsetOf(m) {
			m = m.With(i.then)
		}
	}
	return m
}
