package role_test

import (
	"errors"
	"testing"

	"github.com/clearance-go/clearance/role"
)

func FuzzParse(f *testing.F) {
	for r := range role.All() {
		f.Add(r.String())
	}
	for _, s := range []string{"", "Staff", "manager ", "owner\x00", "profitability manager", "role(0)", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := role.Parse(s)
		if err != nil {
			if !errors.Is(err, role.ErrUnknown) {
				t.Fatalf("Parse(%q) error %v does not wrap ErrUnknown", s, err)
			}
			if r != 0 {
				t.Fatalf("Parse(%q) = %v with an error, want the zero Role", s, r)
			}
			return
		}
		if !r.IsValid() {
			t.Fatalf("Parse(%q) = %v, an invalid role, without error", s, r)
		}
		if got := r.String(); got != s {
			t.Fatalf("Parse(%q).String() = %q, want the input back", s, got)
		}
		text, err := r.MarshalText()
		if err != nil || string(text) != s {
			t.Fatalf("Parse(%q).MarshalText() = %q, %v; want the input back", s, text, err)
		}
	})
}
