package set

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/permission/clip"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
)

// wire is a set document as it is read and written: the form documented on
// [Set.MarshalJSON].
type wire struct {
	Version int      `json:"version,omitempty"`
	Name    *string  `json:"name,omitempty"`
	Base    string   `json:"base"`
	Scope   *string  `json:"scope,omitempty"`
	Addons  []string `json:"addons,omitempty"`
	Grant   []string `json:"grant,omitempty"`
	Revoke  []string `json:"revoke,omitempty"`
}

// Limits of the JSON decoder. A document that passes them costs time and
// memory linear in its size; one that does not is refused before it is read.
const (
	// MaxDocumentSize is the largest set document, in bytes, that [Decode]
	// and [Set.UnmarshalJSON] read: 64 KiB. The largest meaningful document
	// (a name of MaxNameLength characters, every add-on, every permission of
	// the catalogue granted or revoked, indented) is under 8 KiB; the bound
	// leaves room for hand formatting and later fields, and caps the work
	// one hostile document can cause at well under a megabyte of memory.
	MaxDocumentSize = 64 << 10
	// MaxDepth is how deeply a set document may nest arrays and objects: 32.
	// The form itself nests two levels (the lists in the object); deeper
	// values are already wrong, and are only walked to check that the
	// document is well-formed JSON.
	MaxDepth = 32
)

// Errors of the JSON decoder, besides the build errors of [Builder.Build].
var (
	// ErrSyntax: the input is not one JSON object of the expected shape: it
	// is malformed or not UTF-8, has data after the object, a field that is
	// not exactly one of the documented names (field names are
	// case-sensitive), or a value of the wrong JSON type.
	ErrSyntax = errors.New("malformed permission set")
	// ErrDuplicate: a name or field listed twice. It is the same value as
	// permission.ErrDuplicate, so either matches.
	ErrDuplicate = permission.ErrDuplicate
	// ErrVersion: a version of the JSON form this release does not know.
	ErrVersion = errors.New("unknown version of the permission set form")
	// ErrSystemEdit: grants or revokes on a set without a name (a system set).
	ErrSystemEdit = errors.New("a system set takes no grants or revokes; name it to make a custom set")
	// ErrTooLarge: the document is longer than [MaxDocumentSize].
	ErrTooLarge = errors.New("permission set document too large")
	// ErrTooDeep: the document nests arrays and objects deeper than
	// [MaxDepth].
	ErrTooDeep = errors.New("permission set document nested too deeply")
)

// PathError is the error [Decode] returns: where in the JSON document the
// problem is, and what it is. It wraps the cause, so errors.Is works on the
// sentinels of this package and of package permission.
type PathError struct {
	Path string // a JSON path such as "$.grant[2]"
	Err  error
}

// Error implements error: `set: $.grant[2]: permission "invoice.manage": ...`.
func (e *PathError) Error() string {
	return "set: " + e.Path + ": " + strings.TrimPrefix(e.Err.Error(), "set: ")
}

// Unwrap returns the cause.
func (e *PathError) Unwrap() error { return e.Err }

func at(path string, err error) error { return &PathError{Path: path, Err: err} }

// MarshalJSON implements [json.Marshaler]. The JSON form of a set names
// everything; no bit pattern is ever written:
//
//	{
//	  "version": 2,                       // the form's version; absent means 1
//	  "name":   "Accounting",             // present for custom sets only
//	  "base":   "manager",                // the role of the system set it builds on
//	  "scope":  "restricted",             // optional; the role's default when absent
//	  "addons": ["time"],                 // optional; the base's add-ons
//	  "grant":  ["expenses.manage_all"],  // custom sets only: added to the base
//	  "revoke": ["deals.view"]            // custom sets only: removed from the base
//	}
//
// The field names are exactly these, in lower case. "name", "base", "scope"
// and "version" are never null; a null list is the empty list. Grants and
// revokes are relative to the base system set, so a later change to
// Productive's default sets flows through to the custom sets built on them.
// The encoder writes version 2 and exactly the difference from the base, in
// catalogue order, so decoding what it wrote gives back an equal Set. The
// zero Set cannot be encoded.
//
// Version 1 is the form of releases before reach rights: there, one scope
// decided how far a set reached for every object type. A version 1 document
// (one without "version") keeps its meaning: its grants are closed over the
// dependencies the catalogue has gained since (invoices.manage now needs the
// invoice and payment rights it was split into), and on a base with
// Unlimited scope a reach right the grants add to the base comes with its
// object type's "all" right (invoices.view on an Unlimited base reached every
// invoice). A grant the base already holds widens nothing, and the narrow
// rights version 1 did not have (projects.view_public, expenses.manage_own)
// keep their version 2 meaning. Closure is not demanded of a version 1
// document, since it was closed under the catalogue it was written with.
func (s Set) MarshalJSON() ([]byte, error) {
	if !s.IsValid() {
		return nil, fmt.Errorf("set: the zero Set cannot be encoded: %w", ErrBase)
	}
	sc := s.scope.String()
	w := wire{Version: currentVersion, Base: s.base.String(), Scope: &sc, Grant: []string{}, Revoke: []string{}}
	for _, n := range addonNames {
		if s.addons&n.a != 0 {
			w.Addons = append(w.Addons, n.name)
		}
	}
	if s.custom {
		w.Name = &s.name
		d := Diff(BaseOf(s), s)
		w.Grant, w.Revoke = d.Grant.Names(), d.Revoke.Names()
	}
	return json.Marshal(w)
}

// UnmarshalJSON implements [json.Unmarshaler] with the checks of [Decode],
// except the plan, which a lone set does not know: an [Org] checks it when
// the set is assigned. On error s is left unchanged.
func (s *Set) UnmarshalJSON(data []byte) error {
	v, err := decode(data, 0)
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Decode reads one set from its JSON form and validates it for an
// organization on the given plan. Decoding is strict: unknown or repeated
// fields, unknown or repeated names, an empty scope, a set that is not closed
// over its dependencies (no closure is added for you: the document must say
// everything it grants), and every rule of [Builder.Build] are errors.
//
// A grant of something the base already holds, or a revoke of something it
// lacks, is accepted and dropped: that is what a stored custom set looks like
// after Productive's default set changes under it, and such a set must keep
// working. A default change that leaves a stored set unclosed makes it fail
// to decode, loudly, rather than change its meaning.
//
// Every document has one reading: field names must match the documented ones
// exactly (a "Base" or "GRANT" is an unknown field, not a second spelling),
// and no object anywhere in it may repeat a key. The document must be valid
// UTF-8, at most [MaxDocumentSize] bytes and [MaxDepth] levels deep; a
// custom set's name follows the rules of [Builder.Build]. Decoding costs time
// and memory linear in the input: a longer document is refused before it is
// read, and one call allocates at most 8 MiB whatever the input (about 20
// bytes per byte in the worst case measured, a 64 KiB list of one-letter
// grants). An error quotes at most 64 bytes of any value.
//
// Each error is a [*PathError] naming the JSON path and the offending value.
// When a document has several faults, one that makes it unreadable as JSON
// (malformed, not UTF-8, too large or deep, a repeated key) is reported
// first, then the first unknown field or wrong type, then the first
// unknown or refused value. On error Decode returns the zero Set.
func Decode(data []byte, plan Plan) (Set, error) {
	if !plan.IsValid() {
		return Set{}, at("$", fmt.Errorf("plan %v: %w", plan, ErrPlan))
	}
	return decode(data, plan)
}

// decode is Decode with the plan check skipped when plan is zero.
func decode(data []byte, plan Plan) (Set, error) {
	w, err := read(data)
	if err != nil {
		return Set{}, err
	}

	r, err := role.Parse(w.Base)
	if err != nil {
		return Set{}, at("$.base", clipped(err, "role", w.Base, role.ErrUnknown))
	}
	var sc scope.Scope
	if w.Scope != nil {
		if sc, err = scope.ParseScope(*w.Scope); err != nil {
			return Set{}, at("$.scope", clipped(err, "scope", *w.Scope, scope.ErrUnknownScope))
		}
	}
	var addons Addons
	for i, name := range w.Addons {
		a, err := ParseAddon(name)
		if err == nil && addons.Has(a) {
			err = fmt.Errorf("add-on %q: %w", name, ErrDuplicate)
		}
		if err != nil {
			return Set{}, at(fmt.Sprintf("$.addons[%d]", i), err)
		}
		addons |= a
	}
	base, err := System(r, sc, addons)
	switch {
	case errors.Is(err, ErrScope):
		return Set{}, at("$.scope", err)
	case err != nil:
		return Set{}, at("$.addons", err)
	case w.Name == nil && (len(w.Grant) > 0 || len(w.Revoke) > 0):
		return Set{}, at("$", ErrSystemEdit)
	case w.Name == nil:
		return base, nil
	}

	grant, err := editList("$.grant", w.Grant)
	if err != nil {
		return Set{}, err
	}
	legacy := w.Version < 2 // absent (0) or 1
	if legacy {
		grant = upgrade(grant, base)
	}
	revoke, err := editList("$.revoke", w.Revoke)
	if err != nil {
		return Set{}, err
	}
	if w.Version < 3 {
		// The rights the system sets gained in version 3 were not theirs
		// when the document was written: it keeps the set it meant (what
		// it grants by name, it holds). A subsidiary rung version 3 put
		// under a wider right is held only with that right: a document that
		// revoked the wider right never held the rung either.
		revoke = revoke.Union(base.perms.Intersect(sinceVersion3(r)).Minus(grant.Closure()))
		held := base.perms.Union(grant.Closure()).Minus(revoke)
		for _, rung := range subsidiaryRungs {
			if !held.Has(rung.wider) && !grant.Has(rung.rung) {
				revoke = revoke.With(rung.rung)
			}
		}
	}
	if plan == 0 {
		plan = CustomSetsPlan // the plan is checked on assignment, see UnmarshalJSON
	}
	s, err := NewBuilder(*w.Name, base).Grant(slices.Collect(grant.All())...).Revoke(slices.Collect(revoke.All())...).Build(plan)
	if err != nil {
		return Set{}, at(buildErrorPath(w, err), err)
	}
	// Build closed the grants over their dependencies and the revokes over
	// their dependents. The document must have said so itself: when what it
	// literally lists is closed, it is exactly what Build made.
	var nc *permission.NotClosedError
	if !legacy && errors.As(closedAsOf(w.Version, base.perms.Union(grant).Minus(revoke)).CheckClosed(), &nc) {
		return Set{}, at(notClosedPath(w, nc), nc)
	}
	return s, nil
}

// clipped keeps an error's promise to quote at most clip.Max bytes of a
// value: err when value is that short, and otherwise the same failure
// (sentinel, of the package named what) quoting value cut by clip.Quote.
// The role and scope parsers quote what they are given whole.
func clipped(err error, what, value string, sentinel error) error {
	if len(value) <= clip.Max {
		return err
	}
	return fmt.Errorf("%s: %s: %w", what, clip.Quote(value), sentinel)
}

// currentVersion is the version of the JSON form MarshalJSON writes.
const currentVersion = 3

// sinceVersion3 are the rights role r's system sets gained in version 3,
// which a document of an earlier version does not mean: purchase orders,
// copying invoices to accounting, approving absence on behalf of its
// approvers (Admin and Owner), and a client's billable time (Client
// Manager). Its subsidiary rights are not among them: a version 2 set held
// the wider rights they are rungs of (closedAsOf).
func sinceVersion3(r role.Role) permission.Mask {
	if r == role.Client {
		return permission.MaskOf(permission.TimeViewBillable)
	}
	return permission.MaskOf(permission.PurchaseOrdersView, permission.PurchaseOrdersViewAll,
		permission.InvoicesCopyToAccounting, permission.TimeOffApproveAll)
}

// closedAsOf returns m with the dependencies a document of version v did
// not have to list: version 3 put a subsidiary rung under three wider
// rights (time_off.view_others, absence.view_all_allocations,
// people.view_cost_rates), and an earlier document that holds the wider
// right holds the rung by implication. A version 3 document must list
// every dependency itself.
func closedAsOf(v int, m permission.Mask) permission.Mask {
	if v >= 3 {
		return m
	}
	for _, rung := range subsidiaryRungs {
		if m.Has(rung.wider) {
			m = m.With(rung.rung)
		}
	}
	return m
}

// subsidiaryRungs are the subsidiary rights version 3 put under wider ones.
var subsidiaryRungs = [...]struct{ wider, rung permission.Permission }{
	{permission.TimeOffViewOthers, permission.TimeOffViewSubsidiary},
	{permission.AbsenceAllocationsViewAll, permission.AbsenceAllocationsViewSubsidiary},
	{permission.PeopleViewCostRates, permission.PeopleViewCostRatesSubsidiary},
}

// upgrade gives a version 1 document's grants their version 2 meaning: closed
// over today's dependencies, and on an Unlimited base, each reach right the
// grants add to the base with its object type's "all" right, as the one scope
// of version 1 reached every record of every type. Only reach rights version
// 1 had are widened: a name version 1 did not know (sinceVersion2) was not
// written by it and keeps its version 2 meaning, and a grant the base already
// holds adds nothing, in either version.
func upgrade(grant permission.Mask, base Set) permission.Mask {
	grant = grant.Closure()
	if base.scope != scope.Unlimited {
		return grant
	}
	added := grant.Minus(base.perms).Minus(sinceVersion2)
	for _, u := range unlimited {
		if added.Has(u.restricted) {
			grant = grant.With(u.all)
		}
	}
	return grant.Closure()
}

// sinceVersion2 are the narrow reach rights version 2 introduced. Neither
// name existed in version 1, so no version 1 document was written with them.
var sinceVersion2 = permission.MaskOf(permission.ProjectsViewPublic, permission.ExpensesManageOwn)

// editList parses a grant or revoke list, naming the element that fails.
func editList(path string, list []string) (permission.Mask, error) {
	m, err := permission.MaskFromNames(list)
	if le := (*permission.ListError)(nil); errors.As(err, &le) {
		return permission.Mask{}, at(fmt.Sprintf("%s[%d]", path, le.Index), le.Err)
	}
	return m, nil
}

// notClosedPath points at the list entry to blame for a set that is not
// closed: the revoke of the missing dependency, or else the grant of the
// permission that needs it.
func notClosedPath(w wire, nc *permission.NotClosedError) string {
	if i := indexOf(w.Revoke, nc.Needs); i >= 0 {
		return fmt.Sprintf("$.revoke[%d]", i)
	}
	if i := indexOf(w.Grant, nc.Permission); i >= 0 {
		return fmt.Sprintf("$.grant[%d]", i)
	}
	return "$" // unreachable: system sets are closed, so a missing dependency was revoked or is needed by a grant
}

// buildErrorPath points at what broke a rule of Build: the grant the error
// names (or the grants, for a dependency one of them brought in), the name,
// or the base.
func buildErrorPath(w wire, err error) string {
	var pe *PermissionError
	switch {
	case errors.As(err, &pe) && indexOf(w.Grant, pe.Permission) >= 0:
		return fmt.Sprintf("$.grant[%d]", indexOf(w.Grant, pe.Permission))
	case errors.As(err, &pe):
		return "$.grant" // a dependency a grant brought in: system sets break no rule
	case errors.Is(err, ErrName), errors.Is(err, ErrNameLength), errors.Is(err, ErrNameEncoding), errors.Is(err, ErrNameCharacter), errors.Is(err, ErrNameLookalike):
		return "$.name"
	case errors.Is(err, ErrContractor), errors.Is(err, ErrOwnerBase):
		return "$.base"
	}
	return "$"
}

func indexOf(list []string, p permission.Permission) int {
	for i, name := range list {
		if name == p.String() {
			return i
		}
	}
	return -1
}
