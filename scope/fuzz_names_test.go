package scope_test

import (
	"errors"
	"testing"

	"github.com/clearance-go/clearance/scope"
)

// FuzzParseScope: ParseScope never panics; it fails with ErrUnknownScope and
// the zero Scope, or returns a valid scope whose String and MarshalText give
// the input back. UnmarshalText agrees with it and leaves its destination
// alone on error.
func FuzzParseScope(f *testing.F) {
	for sc := range scope.All() {
		f.Add(sc.String())
	}
	for _, s := range []string{"", "Member", "restricted ", "scope(0)", "public", "\xff", "unlimited\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sc, err := scope.ParseScope(s)
		dst := scope.Restricted
		uerr := dst.UnmarshalText([]byte(s))
		if err != nil {
			if !errors.Is(err, scope.ErrUnknownScope) || sc != 0 {
				t.Fatalf("ParseScope(%q) = %v, %v; want 0 and an error wrapping ErrUnknownScope", s, sc, err)
			}
			if !errors.Is(uerr, scope.ErrUnknownScope) || dst != scope.Restricted {
				t.Fatalf("UnmarshalText(%q) = %v and set %v; want ErrUnknownScope and restricted unchanged", s, uerr, dst)
			}
			return
		}
		if !sc.IsValid() || sc.String() != s {
			t.Fatalf("ParseScope(%q) = %v (valid %v), want a scope named %q", s, sc, sc.IsValid(), s)
		}
		if text, err := sc.MarshalText(); err != nil || string(text) != s {
			t.Fatalf("%v.MarshalText() = %q, %v; want %q", sc, text, err, s)
		}
		if uerr != nil || dst != sc {
			t.Fatalf("UnmarshalText(%q) = %v, %v; want %v", s, dst, uerr, sc)
		}
	})
}

// FuzzParseVisibility: ParseVisibility never panics; it fails with
// ErrUnknownVisibility and the zero Visibility, or returns a valid
// visibility whose String and MarshalText give the input back.
// UnmarshalText agrees with it and leaves its destination alone on error.
func FuzzParseVisibility(f *testing.F) {
	for _, s := range []string{"public", "private", "", "Public", "private ", "visibility(0)", "member", "\xff", "public\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := scope.ParseVisibility(s)
		dst := scope.Private
		uerr := dst.UnmarshalText([]byte(s))
		if err != nil {
			if !errors.Is(err, scope.ErrUnknownVisibility) || v != 0 {
				t.Fatalf("ParseVisibility(%q) = %v, %v; want 0 and an error wrapping ErrUnknownVisibility", s, v, err)
			}
			if !errors.Is(uerr, scope.ErrUnknownVisibility) || dst != scope.Private {
				t.Fatalf("UnmarshalText(%q) = %v and set %v; want ErrUnknownVisibility and private unchanged", s, uerr, dst)
			}
			return
		}
		if !v.IsValid() || v.String() != s {
			t.Fatalf("ParseVisibility(%q) = %v (valid %v), want a visibility named %q", s, v, v.IsValid(), s)
		}
		if text, err := v.MarshalText(); err != nil || string(text) != s {
			t.Fatalf("%v.MarshalText() = %q, %v; want %q", v, text, err, s)
		}
		if uerr != nil || dst != v {
			t.Fatalf("UnmarshalText(%q) = %v, %v; want %v", s, dst, uerr, v)
		}
	})
}
