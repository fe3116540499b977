package scope

import (
	"errors"
	"fmt"
	"iter"

	"github.com/clearance-go/clearance/permission/clip"
)

// Scope names a preset of reach rights: how far a system set reaches, as
// Productive's roles article describes it. Presets are ordered: Member <
// Restricted < Unlimited, and a wider preset reaches everything a narrower
// one does. No rule reads a Scope: package permission decides reach from the
// reach rights a set holds, and package set turns a preset into those
// rights.
//
// The zero Scope is invalid on purpose: a set whose preset was never chosen
// has none.
type Scope uint8

// The three presets.
const (
	// Member: only what the person is a member of. Staff, Contractors and
	// Clients have it.
	Member Scope = iota + 1
	// Restricted: every public project, the private projects the person is
	// a member of, the deals assigned to them, and the budgets and invoices
	// they are a member of.
	Restricted
	// Unlimited: every project, deal, budget and invoice. It is the default
	// for Coordinators, Managers and Profitability Managers, and always the
	// preset of Admins and Owners.
	Unlimited
)

// Visibility says who, beyond its members, may see a project. The zero
// Visibility is invalid: package permission denies a project-bound resource
// whose visibility was never set, for every subject, Admin and Owner
// included.
type Visibility uint8

// The two project visibilities.
const (
	// Public projects are shared with all employees: open to those whose
	// set holds projects.view_public or projects.view_all, and any employee
	// may join them.
	Public Visibility = iota + 1
	// Private projects are open to their members and to those whose set
	// holds projects.view_all.
	Private
)

// Errors returned (wrapped, with the offending input) by the parsers.
var (
	ErrUnknownScope      = errors.New("unknown scope")
	ErrUnknownVisibility = errors.New("unknown visibility")
)

var (
	scopeNames      = [...]string{Member: "member", Restricted: "restricted", Unlimited: "unlimited"}
	visibilityNames = [...]string{Public: "public", Private: "private"}
)

// scopes lists the valid scopes from narrowest to widest.
var scopes = [...]Scope{Member, Restricted, Unlimited}

// All iterates over the valid scopes from narrowest to widest.
func All() iter.Seq[Scope] {
	return func(yield func(Scope) bool) {
		for _, s := range scopes {
			if !yield(s) {
				return
			}
		}
	}
}

// IsValid reports whether s is Member, Restricted or Unlimited.
func (s Scope) IsValid() bool { return s >= Member && s <= Unlimited }

// Covers reports whether s reaches at least as far as o. Invalid scopes cover
// nothing and are covered by nothing.
func (s Scope) Covers(o Scope) bool { return s.IsValid() && o.IsValid() && s >= o }

// String returns "member", "restricted" or "unlimited"; an invalid scope
// prints as "scope(N)".
func (s Scope) String() string {
	if !s.IsValid() {
		return fmt.Sprintf("scope(%d)", uint8(s))
	}
	return scopeNames[s]
}

// ParseScope returns the scope named s, or an error wrapping
// [ErrUnknownScope] that quotes s.
func ParseScope(s string) (Scope, error) {
	for _, v := range scopes {
		if scopeNames[v] == s {
			return v, nil
		}
	}
	return 0, fmt.Errorf("scope: %s: %w%s", clip.Quote(s), ErrUnknownScope, clip.Hint(s, scopeNames[Member:]))
}

// MarshalText implements [encoding.TextMarshaler]; it fails for an invalid
// scope.
func (s Scope) MarshalText() ([]byte, error) {
	if !s.IsValid() {
		return nil, fmt.Errorf("scope: %d: %w", uint8(s), ErrUnknownScope)
	}
	return []byte(scopeNames[s]), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler]; on error s is left
// unchanged.
func (s *Scope) UnmarshalText(text []byte) error {
	v, err := ParseScope(string(text))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// IsValid reports whether v is Public or Private.
func (v Visibility) IsValid() bool { return v == Public || v == Private }

// String returns "public" or "private"; an invalid visibility prints as
// "visibility(N)".
func (v Visibility) String() string {
	if !v.IsValid() {
		return fmt.Sprintf("visibility(%d)", uint8(v))
	}
	return visibilityNames[v]
}

// ParseVisibility returns the visibility named s, or an error wrapping
// [ErrUnknownVisibility] that quotes s.
func ParseVisibility(s string) (Visibility, error) {
	for _, v := range [...]Visibility{Public, Private} {
		if visibilityNames[v] == s {
			return v, nil
		}
	}
	return 0, fmt.Errorf("scope: visibility %s: %w%s", clip.Quote(s), ErrUnknownVisibility, clip.Hint(s, visibilityNames[Public:]))
}

// MarshalText implements [encoding.TextMarshaler]; it fails for an invalid
// visibility.
func (v Visibility) MarshalText() ([]byte, error) {
	if !v.IsValid() {
		return nil, fmt.Errorf("scope: visibility %d: %w", uint8(v), ErrUnknownVisibility)
	}
	return []byte(visibilityNames[v]), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler]; on error v is left
// unchanged.
func (v *Visibility) UnmarshalText(text []byte) error {
	p, err := ParseVisibility(string(text))
	if err != nil {
		return err
	}
	*v = p
	return nil
}
