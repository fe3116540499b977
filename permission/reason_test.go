package permission_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/clearance-go/clearance/permission"
	"github.com/google/go-cmp/cmp"
)

// cvReasons lists every valid reason, from NoDecision up.
func cvReasons() []permission.Reason {
	var rs []permission.Reason
	for r := permission.NoDecision; r.IsValid(); r++ {
		rs = append(rs, r)
	}
	return rs
}

// TestReasonTextRoundTrip: UnmarshalText reads what MarshalText writes for
// every reason, and a reason travels through JSON (as a value and as a map
// key) by its stable name.
func TestReasonTextRoundTrip(t *testing.T) {
	counts := map[permission.Reason]int{}
	for _, r := range cvReasons() {
		text, err := r.MarshalText()
		if err != nil {
			t.Fatalf("%v.MarshalText(): %v", r, err)
		}
		back := permission.Granted
		if r == permission.Granted {
			back = permission.NoDecision
		}
		if err := back.UnmarshalText(text); err != nil || back != r {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", text, back, err, r)
		}
		counts[r] = int(r) + 1
	}

	data, err := json.Marshal(counts)
	if err != nil {
		t.Fatalf("json.Marshal: %v", err)
	}
	if !strings.Contains(string(data), `"private_not_member":5`) {
		t.Errorf("json.Marshal = %s, want reasons written by name", data)
	}
	var out map[permission.Reason]int
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatalf("json.Unmarshal(%s): %v", data, err)
	}
	if diff := cmp.Diff(counts, out); diff != "" {
		t.Errorf("JSON round trip mismatch (-want +got):\n%s", diff)
	}
}

// TestReasonNamesStable pins the names of the reasons, which are stable API:
// hosts store and match them. New reasons may only be added after these.
func TestReasonNamesStable(t *testing.T) {
	want := []string{
		"no_decision", "granted", "missing_permission", "not_in_reach", "private_not_member",
		"deal_not_assigned", "budget_not_shared", "client_access_off", "client_never_sees",
		"not_own_record", "own_record_refused", "not_approver", "owner_only", "invalid_subject",
		"invalid_action", "invalid_resource", "kind_mismatch", "employees_only", "person_protected",
	}
	var got []string
	for _, r := range cvReasons() {
		got = append(got, r.String())
	}
	if len(got) < len(want) {
		t.Fatalf("%d reasons, want at least the %d stable ones: %v", len(got), len(want), got)
	}
	if diff := cmp.Diff(want, got[:len(want)]); diff != "" {
		t.Errorf("reason names mismatch (-want +got):\n%s", diff)
	}
}

// TestReasonInvalid: a value past the known reasons is not valid, prints as
// reason(N), explains itself as unknown and cannot be written down.
func TestReasonInvalid(t *testing.T) {
	first := permission.Reason(len(cvReasons()))
	for _, r := range []permission.Reason{first, first + 1, 255} {
		if r.IsValid() {
			t.Errorf("Reason(%d).IsValid() = true", uint8(r))
		}
		if got, want := r.String(), fmt.Sprintf("reason(%d)", uint8(r)); got != want {
			t.Errorf("Reason(%d).String() = %q, want %q", uint8(r), got, want)
		}
		if got := r.Sentence(); got != "unknown reason" {
			t.Errorf("Reason(%d).Sentence() = %q, want %q", uint8(r), got, "unknown reason")
		}
		text, err := r.MarshalText()
		if err == nil || text != nil {
			t.Errorf("Reason(%d).MarshalText() = %q, %v; want an error", uint8(r), text, err)
		} else if !strings.Contains(err.Error(), strconv.Itoa(int(r))) {
			t.Errorf("Reason(%d).MarshalText() error %q does not name the value", uint8(r), err)
		}
		if _, err := json.Marshal(r); err == nil {
			t.Errorf("json.Marshal(Reason(%d)) succeeded, want an error", uint8(r))
		}
	}
}

// TestParseReasonErrors: only exact names parse; anything else wraps
// ErrUnknownReason, quotes the input, and leaves an UnmarshalText
// destination unchanged.
func TestParseReasonErrors(t *testing.T) {
	for _, s := range []string{
		"",
		"Granted",            // names are lower-case
		"granted ",           // and exact
		"missing permission", // words are joined by underscores
		"reason(0)",          // what String prints for an invalid reason
		"unknown reason",     // what Sentence says for one
		"allowed",            // not a reason: the decision says Allowed
		"\xff",
	} {
		r, err := permission.ParseReason(s)
		if !errors.Is(err, permission.ErrUnknownReason) || r != 0 {
			t.Errorf("ParseReason(%q) = %v, %v; want 0 and an error wrapping ErrUnknownReason", s, r, err)
			continue
		}
		if q := strconv.Quote(s); !strings.Contains(err.Error(), q) {
			t.Errorf("ParseReason(%q) error %q does not quote the input as %s", s, err, q)
		}
		dst := permission.OwnerOnly
		if err := dst.UnmarshalText([]byte(s)); !errors.Is(err, permission.ErrUnknownReason) || dst != permission.OwnerOnly {
			t.Errorf("UnmarshalText(%q) = %v, left %v; want ErrUnknownReason and owner_only unchanged", s, err, dst)
		}
	}
}
