package permission_test

import (
	"encoding/json"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/clearance-go/clearance/permission"
	"pgregory.net/rapid"
)

var mkDidYouMean = regexp.MustCompile(`\(did you mean "([^"]*)"\?\)$`)

func FuzzParse(f *testing.F) {
	for _, p := range mkAll {
		f.Add(p.String())
	}
	for _, s := range []string{"", "invoice.manage", "Invoices.Manage", "tasks.view ", "permission(0)", "\xff", strings.Repeat("a", 65)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := permission.Parse(s)
		if err != nil {
			if !errors.Is(err, permission.ErrUnknown) || p != 0 {
				t.Fatalf("Parse(%q) = %v, %v; want 0 and an error wrapping ErrUnknown", s, p, err)
			}
			// A suggestion is always a name that parses.
			if m := mkDidYouMean.FindStringSubmatch(err.Error()); m != nil {
				if _, err := permission.Parse(m[1]); err != nil {
					t.Fatalf("Parse(%q) suggests %q, which does not parse: %v", s, m[1], err)
				}
			}
			return
		}
		if !p.IsValid() || p.String() != s {
			t.Fatalf("Parse(%q) = %v (valid %v), want a permission named %q", s, p, p.IsValid(), s)
		}
		text, err := p.MarshalText()
		if err != nil || string(text) != s {
			t.Fatalf("MarshalText() = %q, %v; want %q", text, err, s)
		}
	})
}

func FuzzParseMask(f *testing.F) {
	for _, s := range []string{"", "tasks.view", "projects.view,tasks.view", "tasks.view,projects.view", "tasks.view,tasks.view",
		"tasks.view,", ",", "invoice.manage", permission.Universe().String()} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := permission.ParseMask(s)
		if err != nil {
			if !errors.Is(err, permission.ErrUnknown) && !errors.Is(err, permission.ErrDuplicate) {
				t.Fatalf("ParseMask(%q) error %v wraps neither ErrUnknown nor ErrDuplicate", s, err)
			}
			var le *permission.ListError
			if !errors.As(err, &le) || le.Index < 0 || le.Index > strings.Count(s, ",") {
				t.Fatalf("ParseMask(%q) error %#v, want a *ListError indexing one of its names", s, err)
			}
			if !m.IsEmpty() {
				t.Fatalf("ParseMask(%q) = %v with its error", s, m)
			}
			return
		}
		if s != "" && m.Len() != strings.Count(s, ",")+1 {
			t.Fatalf("ParseMask(%q) has %d permissions, want one per name", s, m.Len())
		}
		back, err := permission.ParseMask(m.String())
		if err != nil || back != m {
			t.Fatalf("ParseMask(%q) = %v, %v; want %v", m.String(), back, err, m)
		}
	})
}

func FuzzMaskJSON(f *testing.F) {
	for _, s := range []string{`[]`, `["tasks.view"]`, `["tasks.view","projects.view"]`, `["tasks.view","tasks.view"]`,
		`["invoice.manage"]`, `null`, `{}`, `[1]`, `["tasks.view"] []`, ` [ "docs.access" ] `} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		before := permission.MaskOf(permission.BillingView)
		m := before
		if err := m.UnmarshalJSON(data); err != nil {
			var le *permission.ListError
			if !errors.Is(err, permission.ErrNotList) && !errors.As(err, &le) {
				t.Fatalf("UnmarshalJSON(%q) error %v is neither ErrNotList nor a *ListError", data, err)
			}
			if m != before {
				t.Fatalf("UnmarshalJSON(%q) changed the destination to %v on error", data, m)
			}
			return
		}
		if !json.Valid(data) {
			t.Fatalf("UnmarshalJSON accepted invalid JSON %q as %v", data, m)
		}
		enc, err := json.Marshal(m)
		if err != nil {
			t.Fatalf("MarshalJSON() of %v error: %v", m, err)
		}
		var back permission.Mask
		if err := json.Unmarshal(enc, &back); err != nil || back != m {
			t.Fatalf("decoding %s (re-encoded from %q) = %v, %v; want %v", enc, data, back, err, m)
		}
	})
}

// FuzzMaskAlgebra and FuzzMaskClosure run the rapid properties of
// mask_test.go on fuzzer-chosen input.
func FuzzMaskAlgebra(f *testing.F) { f.Fuzz(rapid.MakeFuzz(propMaskAlgebra)) }

func FuzzMaskClosure(f *testing.F) { f.Fuzz(rapid.MakeFuzz(propMaskClosure)) }

func FuzzMaskEncoding(f *testing.F) { f.Fuzz(rapid.MakeFuzz(propMaskEncoding)) }
