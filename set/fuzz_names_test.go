package set_test

import (
	"errors"
	"math/bits"
	"testing"

	"github.com/clearance-go/clearance/set"
)

// FuzzParsePlan: ParsePlan never panics; it fails with ErrUnknownPlan and
// the zero Plan, or returns a valid plan whose String and MarshalText give
// the input back. UnmarshalText agrees with it and leaves its destination
// alone on error.
func FuzzParsePlan(f *testing.F) {
	for _, s := range []string{"essential", "professional", "ultimate", "enterprise", "", "Ultimate", "ultimate ", "plan(0)", "\xff", "enterprise\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := set.ParsePlan(s)
		dst := set.Professional
		uerr := dst.UnmarshalText([]byte(s))
		if err != nil {
			if !errors.Is(err, set.ErrUnknownPlan) || p != 0 {
				t.Fatalf("ParsePlan(%q) = %v, %v; want 0 and an error wrapping ErrUnknownPlan", s, p, err)
			}
			if !errors.Is(uerr, set.ErrUnknownPlan) || dst != set.Professional {
				t.Fatalf("UnmarshalText(%q) = %v and set %v; want ErrUnknownPlan and professional unchanged", s, uerr, dst)
			}
			return
		}
		if !p.IsValid() || p.String() != s {
			t.Fatalf("ParsePlan(%q) = %v (valid %v), want a plan named %q", s, p, p.IsValid(), s)
		}
		if text, err := p.MarshalText(); err != nil || string(text) != s {
			t.Fatalf("%v.MarshalText() = %q, %v; want %q", p, text, err, s)
		}
		if uerr != nil || dst != p {
			t.Fatalf("UnmarshalText(%q) = %v, %v; want %v", s, dst, uerr, p)
		}
	})
}

// FuzzParseAddon: ParseAddon never panics; it fails with ErrAddon and no
// add-on, or returns exactly one add-on whose String gives the input back and
// which some system set offers.
func FuzzParseAddon(f *testing.F) {
	for _, s := range []string{"contacts", "time", "budgets", "", "Contacts", "time ", "contacts+time", "addons(0x8)", "\xff"} {
		f.Add(s)
	}
	offered := set.Addons(0)
	for s := range set.Systems() {
		offered |= s.Addons()
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := set.ParseAddon(s)
		if err != nil {
			if !errors.Is(err, set.ErrUnknownAddon) || a != 0 {
				t.Fatalf("ParseAddon(%q) = %v, %v; want 0 and an error wrapping ErrUnknownAddon", s, a, err)
			}
			return
		}
		if bits.OnesCount8(uint8(a)) != 1 || a.String() != s {
			t.Fatalf("ParseAddon(%q) = %#x (%q), want the one add-on named %q", s, uint8(a), a, s)
		}
		if !offered.Has(a) {
			t.Fatalf("ParseAddon(%q) = %v, which no system set offers", s, a)
		}
	})
}
