package permission_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/clearance-go/clearance/permission"
)

// TestParseSuggestionRadius: a catalogue name three edits away is suggested;
// four edits away, nothing is.
func TestParseSuggestionRadius(t *testing.T) {
	tests := []struct {
		in, suggest string
	}{
		{"Xrganization.deactivate", "organization.deactivate"},    // 1 edit
		{"XXXanization.deactivate", "organization.deactivate"},    // 3 edits
		{"XXXXnization.deactivate", ""},                           // 4 edits
		{"organization.deactivateXYZ", "organization.deactivate"}, // 3 insertions
		{"organization.deactivateWXYZ", ""},                       // 4 insertions
		{"organization.deact", ""},                                // 5 deletions
	}
	for _, tt := range tests {
		_, err := permission.Parse(tt.in)
		if !errors.Is(err, permission.ErrUnknown) {
			t.Fatalf("Parse(%q) error = %v, want ErrUnknown", tt.in, err)
		}
		got := ""
		if _, after, ok := strings.Cut(err.Error(), "did you mean "); ok {
			got = strings.TrimSuffix(strings.Trim(after, "?)"), `"`)
			got = strings.TrimPrefix(got, `"`)
		}
		if got != tt.suggest {
			t.Errorf("Parse(%q) suggests %q, want %q (error %q)", tt.in, got, tt.suggest, err)
		}
	}
}

// TestParseLongNameCost: names longer than 64 bytes are compared with no
// catalogue name, so Parse of an unknown name past that length allocates the
// same small amount whatever the length (the error and its bounded quote);
// up to 64 bytes, the comparison runs.
func TestParseLongNameCost(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under the race detector")
	}
	allocs := func(n int) float64 {
		s := strings.Repeat("x", n)
		return testing.AllocsPerRun(20, func() { _, mkSinkErr = permission.Parse(s) })
	}
	// From 100 bytes on, the length in the error message takes an
	// allocation of its own; below that it does not.
	long := allocs(100)
	if long > 8 {
		t.Errorf("Parse of a 100-byte unknown name allocates %v times, want at most 8", long)
	}
	for _, n := range []int{1000, 64 << 10, 1 << 20} {
		if got := allocs(n); got != long {
			t.Errorf("Parse of a %d-byte unknown name allocates %v times, want %v as for 100 bytes", n, got, long)
		}
	}
	past := allocs(65)
	if past > long {
		t.Errorf("Parse of a 65-byte unknown name allocates %v times, want at most %v", past, long)
	}
	if at := allocs(64); at <= past+float64(permission.Count) {
		t.Errorf("Parse of a 64-byte unknown name allocates %v times, want more than %v: names up to 64 bytes are compared with every catalogue name", at, past+float64(permission.Count))
	}
	_, err := permission.Parse(strings.Repeat("x", 1<<20))
	if len(err.Error()) > 200 {
		t.Errorf("Parse of a 1 MB name: error of %d bytes, want at most 200", len(err.Error()))
	}
}
