package scope_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/clearance-go/clearance/scope"
	"github.com/google/go-cmp/cmp"
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
