package clip

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestQuote(t *testing.T) {
	long := strings.Repeat("x", Max)
	tests := []struct{ in, want string }{
		{"", `""`},
		{"invoice.manage", `"invoice.manage"`},
		{"\x1b[31m", `"\x1b[31m"`},
		{"a\u202eb", `"a\u202eb"`},
		{long, `"` + long + `"`},
		{long + "y", `"` + long + `"... (65 bytes)`},
		// A character that straddles the cut is left out whole.
		{strings.Repeat("x", Max-1) + "é" + "tail", `"` + strings.Repeat("x", Max-1) + `"... (69 bytes)`},
		{strings.Repeat("x", 1<<20), `"` + long + `"... (1048576 bytes)`},
	}
	for _, tt := range tests {
		if got := Quote(tt.in); got != tt.want {
			t.Errorf("Quote(%.80q) = %s, want %s", tt.in, got, tt.want)
		}
		if got := Bytes([]byte(tt.in)); got != tt.want {
			t.Errorf("Bytes(%.80q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestQuoteBounded: whatever the input, the quoted prefix holds at most Max
// bytes of it and ends on a character boundary.
func TestQuoteBounded(t *testing.T) {
	for n := 0; n < 3*Max; n++ {
		s := strings.Repeat("é", n/2) + strings.Repeat("x", n%2)
		q := Quote(s)
		if len(s) <= Max {
			continue
		}
		prefix, _, ok := strings.Cut(q[1:], `"`)
		if !ok || len(prefix) > Max || len(prefix) < Max-utf8.UTFMax || !strings.HasPrefix(s, prefix) {
			t.Errorf("Quote of %d bytes = %s: want a prefix of %d to %d bytes of the input", len(s), q, Max-utf8.UTFMax, Max)
		}
	}
}

func BenchmarkQuote(b *testing.B) {
	s := strings.Repeat("x", 1<<20)
	b.ReportAllocs()
	for b.Loop() {
		_ = Quote(s)
	}
}

func TestDistance(t *testing.T) {
	long := strings.Repeat("x", Max+1)
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"invoice.manage", "invoices.manage", 1},
		{"budget.view", "budgets.views", 2},
		{"kitten", "sitting", 3},
		{long, "x", 1 << 30},
		{"x", long, 1 << 30},
	} {
		if got := Distance(c.a, c.b); got != c.want {
			t.Errorf("Distance(%.20q, %.20q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

// TestNearest: the nearest name within three edits, the first of equals,
// and none past that or for a long input.
func TestNearest(t *testing.T) {
	names := []string{"member", "restricted", "unlimited"}
	for in, want := range map[string]string{"membr": "member", "Restricted": "restricted", "manager": "", strings.Repeat("m", 100): ""} {
		if got := Nearest(in, names); got != want {
			t.Errorf("Nearest(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Hint("membr", names); got != ` (did you mean "member"?)` {
		t.Errorf("Hint = %q", got)
	}
	if got := Hint("manager", names); got != "" {
		t.Errorf("Hint of a far name = %q", got)
	}
}
