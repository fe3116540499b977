package scope_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/clearance-go/clearance/scope"
	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

func TestScopeRoundTrip(t *testing.T) {
	for _, tt := range []struct {
		s    scope.Scope
		name string
	}{
		{scope.Member, "member"},
		{scope.Restricted, "restricted"},
		{scope.Unlimited, "unlimited"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if !tt.s.IsValid() {
				t.Fatalf("IsValid() = false, want true")
			}
			if got := tt.s.String(); got != tt.name {
				t.Errorf("String() = %q, want %q", got, tt.name)
			}
			if got, err := scope.ParseScope(tt.name); err != nil || got != tt.s {
				t.Errorf("ParseScope(%q) = %v, %v; want %v, nil", tt.name, got, err, tt.s)
			}
			text, err := tt.s.MarshalText()
			if err != nil || string(text) != tt.name {
				t.Errorf("MarshalText() = %q, %v; want %q, nil", text, err, tt.name)
			}
			var back scope.Scope
			if err := back.UnmarshalText(text); err != nil || back != tt.s {
				t.Errorf("UnmarshalText(%q) = %v, %v; want %v, nil", text, back, err, tt.s)
			}
		})
	}
}

func TestVisibilityRoundTrip(t *testing.T) {
	for _, tt := range []struct {
		v    scope.Visibility
		name string
	}{
		{scope.Public, "public"},
		{scope.Private, "private"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if !tt.v.IsValid() {
				t.Fatalf("IsValid() = false, want true")
			}
			if got := tt.v.String(); got != tt.name {
				t.Errorf("String() = %q, want %q", got, tt.name)
			}
			if got, err := scope.ParseVisibility(tt.name); err != nil || got != tt.v {
				t.Errorf("ParseVisibility(%q) = %v, %v; want %v, nil", tt.name, got, err, tt.v)
			}
			text, err := tt.v.MarshalText()
			if err != nil || string(text) != tt.name {
				t.Errorf("MarshalText() = %q, %v; want %q, nil", text, err, tt.name)
			}
			var back scope.Visibility
			if err := back.UnmarshalText(text); err != nil || back != tt.v {
				t.Errorf("UnmarshalText(%q) = %v, %v; want %v, nil", text, back, err, tt.v)
			}
		})
	}
}

func TestScopes(t *testing.T) {
	want := []scope.Scope{scope.Member, scope.Restricted, scope.Unlimited}
	if diff := cmp.Diff(want, slices.Collect(scope.All())); diff != "" {
		t.Errorf("Scopes mismatch (-want +got):\n%s", diff)
	}
}

func TestInvalid(t *testing.T) {
	for _, s := range []scope.Scope{0, 4, 99, 255} {
		if s.IsValid() {
			t.Errorf("Scope(%d).IsValid() = true", uint8(s))
		}
		if got, want := s.String(), fmt.Sprintf("scope(%d)", uint8(s)); got != want {
			t.Errorf("Scope(%d).String() = %q, want %q", uint8(s), got, want)
		}
		if text, err := s.MarshalText(); !errors.Is(err, scope.ErrUnknownScope) {
			t.Errorf("Scope(%d).MarshalText() = %q, %v; want an error wrapping ErrUnknownScope", uint8(s), text, err)
		}
	}
	for _, v := range []scope.Visibility{0, 3, 99, 255} {
		if v.IsValid() {
			t.Errorf("Visibility(%d).IsValid() = true", uint8(v))
		}
		if got, want := v.String(), fmt.Sprintf("visibility(%d)", uint8(v)); got != want {
			t.Errorf("Visibility(%d).String() = %q, want %q", uint8(v), got, want)
		}
		if text, err := v.MarshalText(); !errors.Is(err, scope.ErrUnknownVisibility) {
			t.Errorf("Visibility(%d).MarshalText() = %q, %v; want an error wrapping ErrUnknownVisibility", uint8(v), text, err)
		}
	}
}

var badNames = []string{"", "Member", "UNLIMITED", "restricted ", " public", "private\x00", "none", "scope(1)", "1", "public,private"}

func TestParseScopeErrors(t *testing.T) {
	for _, in := range badNames {
		t.Run(fmt.Sprintf("%q", in), func(t *testing.T) {
			got, err := scope.ParseScope(in)
			if !errors.Is(err, scope.ErrUnknownScope) {
				t.Fatalf("ParseScope(%q) = %v, %v; want an error wrapping ErrUnknownScope", in, got, err)
			}
			if got != 0 {
				t.Errorf("ParseScope(%q) returned %v with its error, want the zero Scope", in, got)
			}
			if q := fmt.Sprintf("%q", in); !strings.Contains(err.Error(), q) {
				t.Errorf("error %q does not quote the input as %s", err, q)
			}
			s := scope.Restricted
			if err := s.UnmarshalText([]byte(in)); !errors.Is(err, scope.ErrUnknownScope) || s != scope.Restricted {
				t.Errorf("UnmarshalText(%q) = %v and left %v; want an ErrUnknownScope error and restricted unchanged", in, err, s)
			}
		})
	}
}

func TestParseVisibilityErrors(t *testing.T) {
	for _, in := range append(badNames, "member", "Public") {
		t.Run(fmt.Sprintf("%q", in), func(t *testing.T) {
			got, err := scope.ParseVisibility(in)
			if !errors.Is(err, scope.ErrUnknownVisibility) {
				t.Fatalf("ParseVisibility(%q) = %v, %v; want an error wrapping ErrUnknownVisibility", in, got, err)
			}
			if got != 0 {
				t.Errorf("ParseVisibility(%q) returned %v with its error, want the zero Visibility", in, got)
			}
			if q := fmt.Sprintf("%q", in); !strings.Contains(err.Error(), q) {
				t.Errorf("error %q does not quote the input as %s", err, q)
			}
			v := scope.Private
			if err := v.UnmarshalText([]byte(in)); !errors.Is(err, scope.ErrUnknownVisibility) || v != scope.Private {
				t.Errorf("UnmarshalText(%q) = %v and left %v; want an ErrUnknownVisibility error and private unchanged", in, err, v)
			}
		})
	}
	// A scope name is not a visibility and the reverse.
	if _, err := scope.ParseScope("public"); !errors.Is(err, scope.ErrUnknownScope) {
		t.Errorf(`ParseScope("public") = %v, want an error wrapping ErrUnknownScope`, err)
	}
}

func TestCovers(t *testing.T) {
	all := []scope.Scope{0, scope.Member, scope.Restricted, scope.Unlimited, 4, 99}
	// want[i][j]: all[i].Covers(all[j]). Invalid scopes cover nothing and are covered by nothing.
	want := [][]bool{
		{false, false, false, false, false, false},
		{false, true, false, false, false, false},
		{false, true, true, false, false, false},
		{false, true, true, true, false, false},
		{false, false, false, false, false, false},
		{false, false, false, false, false, false},
	}
	got := make([][]bool, len(all))
	for i, s := range all {
		got[i] = make([]bool, len(all))
		for j, o := range all {
			got[i][j] = s.Covers(o)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Covers matrix over %v mismatch (-want +got):\n%s", all, diff)
	}
}

// Seed sentences the reach rule comes from (roles-and-permissions.txt), and the
// readings DESIGN.md decides.
const (
	seedUnlimited  = `"With unlimited access, the Coordinator can access all projects."`
	seedRestricted = `"With Restricted access can access all public projects, but only private projects that are assigned."`
	seedStaff      = `Staff "has permission to: access projects that are a member of"`
	seedInvalid    = `DESIGN.md: the zero value is invalid "so a forgotten field denies"`
)

func TestReaches(t *testing.T) {
	const (
		in  = true  // member
		out = false // not a member
	)
	tests := []struct {
		s      scope.Scope
		v      scope.Visibility
		member bool
		want   bool
		source string
	}{
		{scope.Unlimited, scope.Public, out, true, seedUnlimited},
		{scope.Unlimited, scope.Public, in, true, seedUnlimited},
		{scope.Unlimited, scope.Private, out, true, seedUnlimited},
		{scope.Unlimited, scope.Private, in, true, seedUnlimited},
		{scope.Unlimited, 0, out, false, seedInvalid + ": a project of unknown visibility is reached by no one"},
		{scope.Unlimited, 0, in, false, seedInvalid + ": even a member does not reach a project of unknown visibility"},

		{scope.Restricted, scope.Public, out, true, seedRestricted + " (all public projects)"},
		{scope.Restricted, scope.Public, in, true, seedRestricted + " (all public projects)"},
		{scope.Restricted, scope.Private, out, false, seedRestricted + " (but only private projects that are assigned)"},
		{scope.Restricted, scope.Private, in, true, seedRestricted + `; Manager: "private projects they are a member of"`},
		{scope.Restricted, 0, out, false, seedInvalid},
		{scope.Restricted, 0, in, false, seedInvalid},

		{scope.Member, scope.Public, out, false, seedStaff + `; DESIGN.md: public projects "are not reached by Staff, Contractors or Clients without membership"`},
		{scope.Member, scope.Public, in, true, seedStaff},
		{scope.Member, scope.Private, out, false, seedStaff},
		{scope.Member, scope.Private, in, true, seedStaff},
		{scope.Member, 0, out, false, seedInvalid},
		{scope.Member, 0, in, false, seedInvalid},

		{0, scope.Public, out, false, seedInvalid + ": a subject with no scope reaches nothing"},
		{0, scope.Public, in, false, seedInvalid + ": not even as a member"},
		{0, scope.Private, out, false, seedInvalid},
		{0, scope.Private, in, false, seedInvalid},
		{0, 0, out, false, seedInvalid},
		{0, 0, in, false, seedInvalid},

		{99, scope.Public, out, false, seedInvalid + ": an unknown scope is not a wide one"},
		{99, scope.Public, in, false, seedInvalid},
		{99, scope.Private, out, false, seedInvalid},
		{99, scope.Private, in, false, seedInvalid},
		{99, 0, out, false, seedInvalid},
		{99, 0, in, false, seedInvalid},
	}

	type key struct {
		s      scope.Scope
		v      scope.Visibility
		member bool
	}
	seen := map[key]bool{}
	for _, tt := range tests {
		k := key{tt.s, tt.v, tt.member}
		if seen[k] {
			t.Errorf("row %v listed twice", k)
		}
		seen[k] = true
	}
	for _, s := range []scope.Scope{0, scope.Member, scope.Restricted, scope.Unlimited, 99} {
		for _, v := range []scope.Visibility{0, scope.Public, scope.Private} {
			for _, m := range []bool{false, true} {
				if !seen[key{s, v, m}] {
					t.Errorf("the table has no row for %v, %v, member=%v", s, v, m)
				}
			}
		}
	}

	for _, tt := range tests {
		name := fmt.Sprintf("%v/%v/member=%v", tt.s, tt.v, tt.member)
		t.Run(name, func(t *testing.T) {
			if got := scope.Reaches(tt.s, tt.v, tt.member); got != tt.want {
				t.Errorf("Reaches(%v, %v, %v) = %v, want %v\nsource: %s", tt.s, tt.v, tt.member, got, tt.want, tt.source)
			}
		})
	}
}

// TestReachesMonotone checks that a wider scope, or membership, never takes
// reach away: Member ⊆ Restricted ⊆ Unlimited, and not-a-member ⊆ member.
func TestReachesMonotone(t *testing.T) {
	scopes := []scope.Scope{0, scope.Member, scope.Restricted, scope.Unlimited, 4, 99, 255}
	vis := []scope.Visibility{0, scope.Public, scope.Private, 3, 255}
	rapid.Check(t, func(t *rapid.T) {
		a := rapid.SampledFrom(scopes).Draw(t, "a")
		b := rapid.SampledFrom(scopes).Draw(t, "b")
		v := rapid.SampledFrom(vis).Draw(t, "v")
		member := rapid.Bool().Draw(t, "member")

		if b.Covers(a) && scope.Reaches(a, v, member) && !scope.Reaches(b, v, member) {
			t.Fatalf("%v reaches (%v, member=%v) but the wider %v does not", a, v, member, b)
		}
		if scope.Reaches(a, v, false) && !scope.Reaches(a, v, true) {
			t.Fatalf("%v reaches %v as a non-member but not as a member", a, v)
		}
		if scope.Reaches(a, v, member) && (!a.IsValid() || !v.IsValid()) {
			t.Fatalf("invalid input (%v, %v) reaches", a, v)
		}
	})
}

func TestAllStopsEarly(t *testing.T) {
	var seen []scope.Scope
	for s := range scope.All() {
		seen = append(seen, s)
		if s == scope.Restricted {
			break
		}
	}
	if diff := cmp.Diff([]scope.Scope{scope.Member, scope.Restricted}, seen); diff != "" {
		t.Errorf("All() with break mismatch (-want +got):\n%s", diff)
	}
}
