package set

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/clearance-go/clearance/permission/clip"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
)

// Set is a permission set: a system set from [System], or a custom set made
// by a [Builder] or decoded from JSON. It is an immutable, comparable value;
// every Set that exists has passed validation. The zero Set is invalid: it
// has no role, and the subject it makes is denied everything.
type Set struct {
	name   string
	base   role.Role
	addons Addons
	scope  scope.Scope
	custom bool
	perms  permission.Mask
}

// Name returns the set's name: Productive's name for a system set ("Manager
// with restricted access"), the given name for a custom one.
func (s Set) Name() string { return s.name }

// Role returns the role the set is built on (its base role). A person
// holding the set has this role.
func (s Set) Role() role.Role { return s.base }

// Addons returns the add-ons of the system set this set is, or is built on.
func (s Set) Addons() Addons { return s.addons }

// Scope returns the scope of the system set this set is, or is built on:
// which preset of reach rights it started from. A custom set may have
// granted or revoked reach rights since; [Set.Permissions] says how far it
// reaches, object type by object type, and permission.ScopeOf names the
// preset its project reach now matches.
func (s Set) Scope() scope.Scope { return s.scope }

// Custom reports whether the set is a custom set rather than a system set.
func (s Set) Custom() bool { return s.custom }

// Seat returns the seat a person holding the set takes: free for client sets,
// paid for the rest.
func (s Set) Seat() role.Seat { return s.base.Seat() }

// Kind returns the kind of person the set is for.
func (s Set) Kind() role.Kind { return s.base.Kind() }

// Permissions returns the permissions the set holds.
func (s Set) Permissions() permission.Mask { return s.perms }

// Has reports whether the set holds p.
func (s Set) Has(p permission.Permission) bool { return s.perms.Has(p) }

// IsValid reports whether s is a set made by this package, not the zero Set.
func (s Set) IsValid() bool { return s.base.IsValid() }

// String returns the set's name.
func (s Set) String() string { return s.name }

// Subject returns the subject for the person with the given ID, of
// organization org, who holds s: role and permissions come from the set, so
// they cannot disagree. Add the person's memberships to the result:
//
//	subj := s.Subject(org, 42)
//	subj.Projects = scope.NewMembers(7, 9)
//
// [Org.Subject] fills in the organization for you.
func (s Set) Subject(org, id scope.ID) permission.Subject {
	return permission.Subject{Org: org, ID: id, Role: s.base, Permissions: s.perms}
}

// Errors returned (wrapped, with the offending value) when a custom set
// cannot be built or decoded. Test for them with errors.Is.
var (
	// ErrPlan: custom permission sets need the Ultimate plan or above.
	ErrPlan = errors.New("custom permission sets need the Ultimate plan")
	// ErrName: a custom set needs a non-empty name.
	ErrName = errors.New("custom set needs a name")
	// ErrNameLength: a custom set's name is longer than [MaxNameLength]
	// characters.
	ErrNameLength = errors.New("set name too long")
	// ErrNameEncoding: a custom set's name is not valid UTF-8, or holds
	// U+FFFD, the replacement character, which marks text lost on its way
	// in (a JSON escape of half a surrogate pair decodes to it).
	ErrNameEncoding = errors.New("set name is not valid UTF-8 text")
	// ErrNameCharacter: a custom set's name holds a control character (C0,
	// DEL or C1), a line or paragraph separator, or a bidirectional
	// formatting character (U+061C, U+200E, U+200F, U+202A to U+202E,
	// U+2066 to U+2069), or an invisible one (a zero-width space or joiner,
	// a soft hyphen, a variation selector: any default-ignorable code
	// point), any of which can make a name print as something it is not.
	ErrNameCharacter = errors.New("set name holds a control or bidirectional formatting character")
	// ErrBase: the base is not a system set, or is the zero Set.
	ErrBase = errors.New("base must be a system set")
	// ErrContractor: the Contractor set cannot be adjusted with custom
	// permissions.
	ErrContractor = errors.New("the Contractor set cannot be customized")
	// ErrOwnerBase: no custom set is built on the Owner's set.
	ErrOwnerBase = errors.New("no custom set is built on the Owner's set")
	// ErrOwnerOnly: a permission that belongs to the Owner alone.
	ErrOwnerOnly = errors.New("permission belongs to the Owner alone")
	// ErrFreeSeat: a client set holds a permission a free seat may not.
	ErrFreeSeat = errors.New("permission not available on a free (client) seat")
	// ErrUnknownPermission: a zero or out-of-catalogue permission, or an
	// unknown permission name. It is the same value as permission.ErrUnknown.
	ErrUnknownPermission = permission.ErrUnknown
	// ErrConflict: a permission is both granted and revoked, or granted while
	// one it depends on is revoked.
	ErrConflict = errors.New("permission both granted and revoked")
)

// Builder makes a custom set from a system set by granting and revoking
// permissions, then validating the result once, in [Builder.Build].
//
// Granting a permission grants everything it depends on; revoking one revokes
// everything that depends on it. Grants and revokes are sets, so their order
// and repetitions do not matter; a permission that is both granted and revoked
// (directly, or a grant whose dependency is revoked) is an error.
//
// The zero Builder has no base and builds nothing. A Builder is not safe for
// concurrent use; the Sets it builds are.
type Builder struct {
	name          string
	base          Set
	grant, revoke permission.Mask
	invalid       []permission.Permission // invalid permissions passed, reported by Build
}

// NewBuilder starts a custom set called name from the system set base.
func NewBuilder(name string, base Set) *Builder {
	return &Builder{name: name, base: base}
}

// Grant adds permissions, and what they depend on, to the set being built.
func (b *Builder) Grant(ps ...permission.Permission) *Builder {
	b.grant = b.grant.Union(b.collect(ps))
	return b
}

// Revoke removes permissions, and what depends on them, from the set being
// built.
func (b *Builder) Revoke(ps ...permission.Permission) *Builder {
	b.revoke = b.revoke.Union(b.collect(ps))
	return b
}

func (b *Builder) collect(ps []permission.Permission) permission.Mask {
	for _, p := range ps {
		if !p.IsValid() {
			b.invalid = append(b.invalid, p)
		}
	}
	return permission.MaskOf(ps...)
}

// Build validates the set against the organization's plan and returns it. On
// any error it returns the zero Set and an error wrapping one of [ErrPlan],
// [ErrName], [ErrNameLength], [ErrNameEncoding], [ErrNameCharacter],
// [ErrNameLookalike], [ErrBase], [ErrContractor], [ErrOwnerBase],
// [ErrUnknownPermission], [ErrConflict], [ErrOwnerOnly] or [ErrFreeSeat]
// that names the offending value; a rule broken by one permission is a
// [*PermissionError]. The Builder may be changed and built again, but an
// invalid permission once passed to Grant or Revoke fails every Build.
func (b *Builder) Build(plan Plan) (Set, error) {
	if err := checkCustom(b.name, b.base, plan); err != nil {
		return Set{}, err
	}
	name := strings.TrimSpace(b.name)
	if len(b.invalid) > 0 {
		return Set{}, fmt.Errorf("set %q: %v: %w", name, b.invalid[0], ErrUnknownPermission)
	}
	perms, err := edit(b.base.perms, b.grant, b.revoke)
	if err != nil {
		return Set{}, fmt.Errorf("set %q: %w", name, err)
	}
	if err := holdable(b.base.base, perms); err != nil {
		return Set{}, fmt.Errorf("set %q: %w", name, err)
	}
	s := b.base
	s.name, s.custom, s.perms = name, true, perms
	return s, nil
}

// MaxNameLength is the longest name of a custom set, in characters (Unicode
// code points), not counting the spaces around it that [Builder.Build] trims:
// 100. A set name is a label in menus and on people's profiles; Productive's
// longest system set name ("Profitability manager with restricted access")
// has 44 characters. Counting characters rather than bytes treats every
// script alike, and still bounds a name at 400 bytes.
const MaxNameLength = 100

// checkName applies the rules on a custom set's name, trimmed of the spaces
// around it: not empty, valid UTF-8, at most MaxNameLength characters, no
// control or bidirectional formatting characters. Builder.Build and Decode
// both check names here.
func checkName(name string) error {
	switch {
	case name == "":
		return fmt.Errorf("set: name %q: %w", name, ErrName)
	case !utf8.ValidString(name) || strings.ContainsRune(name, utf8.RuneError):
		return fmt.Errorf("set: name %s: %w", clip.Quote(name), ErrNameEncoding)
	case utf8.RuneCountInString(name) > MaxNameLength:
		return fmt.Errorf("set: name %s: %d characters, more than %d: %w", clip.Quote(name), utf8.RuneCountInString(name), MaxNameLength, ErrNameLength)
	}
	for _, r := range name {
		if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == '\u2028' || r == '\u2029' {
			return fmt.Errorf("set: name %s: character %U: %w", clip.Quote(name), r, ErrNameCharacter)
		}
	}
	return nil
}

// checkCustom applies the rules on a custom set that do not depend on its
// permissions: the plan, the name, and the base.
func checkCustom(name string, base Set, plan Plan) error {
	trimmed := strings.TrimSpace(name)
	if !plan.AtLeast(CustomSetsPlan) {
		return fmt.Errorf("set %s: plan %v: %w", clip.Quote(name), plan, ErrPlan)
	}
	if err := checkName(trimmed); err != nil {
		return err
	}
	if err := checkLookalike(trimmed, base.base); err != nil {
		return err
	}
	switch {
	case !base.IsValid() || base.custom:
		return fmt.Errorf("set %q: base %q: %w", trimmed, base.name, ErrBase)
	case base.base == role.Contractor:
		return fmt.Errorf("set %q: %w", trimmed, ErrContractor)
	case base.base == role.Owner:
		return fmt.Errorf("set %q: %w", trimmed, ErrOwnerBase)
	}
	return nil
}

// edit applies grants (closed over dependencies) and revokes (closed over
// dependents) to base. It fails if a grant and a revoke collide.
func edit(base, grant, revoke permission.Mask) (permission.Mask, error) {
	if both := grant.Intersect(revoke); !both.IsEmpty() {
		return permission.Mask{}, &PermissionError{both.First(), ErrConflict}
	}
	out := base.Union(grant.Closure()).Minus(revoke).Prune()
	if lost := grant.Minus(out); !lost.IsEmpty() {
		p := lost.First()
		return permission.Mask{}, &PermissionError{p, fmt.Errorf("needs revoked %v: %w", p.Needs().Closure().Intersect(revoke).First(), ErrConflict)}
	}
	return out, nil
}

// holdable checks the limits of the base role: no owner-only permission, and
// for a client only free-seat permissions.
func holdable(base role.Role, perms permission.Mask) error {
	extra := perms.Minus(permission.HoldableBy(base))
	if extra.IsEmpty() {
		return nil
	}
	p := extra.First()
	if p.OwnerOnly() {
		return &PermissionError{p, ErrOwnerOnly}
	}
	return &PermissionError{p, ErrFreeSeat}
}

// PermissionError is a rule of [Builder.Build] broken by one permission,
// which it names. It wraps the rule's sentinel ([ErrConflict],
// [ErrOwnerOnly] or [ErrFreeSeat]).
type PermissionError struct {
	Permission permission.Permission
	Err        error
}

// Error implements error: "invoices.manage: permission not available on a
// free (client) seat".
func (e *PermissionError) Error() string { return e.Permission.String() + ": " + e.Err.Error() }

// Unwrap returns the rule's sentinel.
func (e *PermissionError) Unwrap() error { return e.Err }

// Delta is what one set grants and revokes relative to another.
type Delta struct {
	Grant  permission.Mask // held by the second set, not the first
	Revoke permission.Mask // held by the first set, not the second
}

// Diff returns what b grants and revokes relative to a; most often a is a
// custom set's base and b the custom set. Diff(a, b).Apply(a.Permissions())
// equals b.Permissions().
func Diff(a, b Set) Delta {
	return Delta{Grant: b.perms.Minus(a.perms), Revoke: a.perms.Minus(b.perms)}
}

// Apply returns m with d's grants added and its revokes removed.
func (d Delta) Apply(m permission.Mask) permission.Mask { return m.Union(d.Grant).Minus(d.Revoke) }

// IsEmpty reports whether d changes nothing.
func (d Delta) IsEmpty() bool { return d.Grant.IsEmpty() && d.Revoke.IsEmpty() }

// BaseOf returns the system set a set is built on: s itself for a system set.
func BaseOf(s Set) Set {
	if !s.custom {
		return s
	}
	base, err := System(s.base, s.scope, s.addons)
	if err != nil {
		return Set{} // unreachable: a custom set keeps the role, scope and add-ons of a system set that exists
	}
	return base
}
