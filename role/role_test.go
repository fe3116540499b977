package role_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/clearance-go/clearance/role"
	"github.com/google/go-cmp/cmp"
)

// names lists every role with the stable name the encodings use. It is
// written out by hand, not derived from the package, so that renaming a role
// (a breaking change for stored data) fails here.
var names = []struct {
	r    role.Role
	name string
}{
	{role.Staff, "staff"},
	{role.Coordinator, "coordinator"},
	{role.Manager, "manager"},
	{role.ProfitabilityManager, "profitability_manager"},
	{role.Admin, "admin"},
	{role.Owner, "owner"},
	{role.Client, "client"},
	{role.Contractor, "contractor"},
}

func TestRoundTrip(t *testing.T) {
	for _, tt := range names {
		t.Run(tt.name, func(t *testing.T) {
			if !tt.r.IsValid() {
				t.Fatalf("%d.IsValid() = false, want true", uint8(tt.r))
			}
			if got := tt.r.String(); got != tt.name {
				t.Errorf("String() = %q, want %q", got, tt.name)
			}
			got, err := role.Parse(tt.name)
			if err != nil || got != tt.r {
				t.Errorf("Parse(%q) = %v, %v; want %v, nil", tt.name, got, err, tt.r)
			}
			text, err := tt.r.MarshalText()
			if err != nil || string(text) != tt.name {
				t.Errorf("MarshalText() = %q, %v; want %q, nil", text, err, tt.name)
			}
			var back role.Role
			if err := back.UnmarshalText(text); err != nil || back != tt.r {
				t.Errorf("UnmarshalText(%q) = %v, %v; want %v, nil", text, back, err, tt.r)
			}
		})
	}
}

func TestInvalid(t *testing.T) {
	for _, r := range []role.Role{0, 9, 42, 255} {
		t.Run(fmt.Sprint(uint8(r)), func(t *testing.T) {
			if r.IsValid() {
				t.Errorf("IsValid() = true, want false")
			}
			if got, want := r.String(), fmt.Sprintf("role(%d)", uint8(r)); got != want {
				t.Errorf("String() = %q, want %q", got, want)
			}
			text, err := r.MarshalText()
			if !errors.Is(err, role.ErrUnknown) {
				t.Errorf("MarshalText() = %q, %v; want an error wrapping ErrUnknown", text, err)
			}
			if r.Kind() != 0 || r.Seat() != 0 || r.HasScopeChoice() || r.Rank() != 0 {
				t.Errorf("Kind, Seat, HasScopeChoice, Rank = %v, %v, %v, %d; want the zero values",
					r.Kind(), r.Seat(), r.HasScopeChoice(), r.Rank())
			}
			for o := range role.All() {
				if r.Outranks(o) || o.Outranks(r) {
					t.Errorf("an invalid role is ordered against %v", o)
				}
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	for _, in := range []string{"", "Staff", "manager ", " manager", "owner\x00", "profitability manager", "ProfitabilityManager", "role(1)", "1"} {
		t.Run(fmt.Sprintf("%q", in), func(t *testing.T) {
			got, err := role.Parse(in)
			if !errors.Is(err, role.ErrUnknown) {
				t.Fatalf("Parse(%q) = %v, %v; want an error wrapping ErrUnknown", in, got, err)
			}
			if got != 0 {
				t.Errorf("Parse(%q) returned %v with its error, want the zero Role", in, got)
			}
			if quoted := fmt.Sprintf("%q", in); !strings.Contains(err.Error(), quoted) {
				t.Errorf("error %q does not quote the input as %s", err, quoted)
			}
			for _, start := range []role.Role{0, role.Manager} {
				r := start
				if err := r.UnmarshalText([]byte(in)); !errors.Is(err, role.ErrUnknown) {
					t.Errorf("UnmarshalText(%q) = %v, want an error wrapping ErrUnknown", in, err)
				}
				if r != start {
					t.Errorf("UnmarshalText(%q) changed the role from %v to %v on error", in, start, r)
				}
			}
		})
	}
}

// TestFacts checks what each role is against the seeds. Each row cites the
// sentence that decides it.
func TestFacts(t *testing.T) {
	tests := []struct {
		r           role.Role
		kind        role.Kind
		seat        role.Seat
		scopeChoice bool
		rank        int
		source      string
	}{
		// roles-and-permissions.txt: "An employee can be assigned to one of these five roles" and "Staff is an
		// employee role with a basic set of permissions."; an employee "has a defined monthly/hourly cost".
		{role.Staff, role.Employee, role.Paid, false, 1,
			`"Staff is an employee role with a basic set of permissions."`},
		// roles-and-permissions.txt: "The Coordinator role can have Unlimited access or Restricted access."
		{role.Coordinator, role.Employee, role.Paid, true, 2,
			`"A coordinator is an employee role"; "The Coordinator role can have Unlimited access or Restricted access."`},
		// roles-and-permissions.txt: "The manager role can have Unlimited access or Restricted access."
		{role.Manager, role.Employee, role.Paid, true, 3,
			`"A Manager is an employee role"; "The manager role can have Unlimited access or Restricted access."`},
		// roles-and-permissions.txt: "This role has extended Manager's role permission to" (so it ranks above
		// Manager) and "The Profitability Manager role can have Unlimited access or Restricted access."
		{role.ProfitabilityManager, role.Employee, role.Paid, true, 4,
			`"This role has extended Manager's role permission to"; "The Profitability Manager role can have Unlimited access or Restricted access."`},
		// roles-and-permissions.txt: "An Administrator role can manage everything"; no scope choice is offered.
		{role.Admin, role.Employee, role.Paid, false, 5,
			`"An Administrator role can manage everything"`},
		// roles-and-permissions.txt: "The owner is the role that created the organization." and "This role has a
		// full set of permissions": above Admin.
		{role.Owner, role.Employee, role.Paid, false, 6,
			`"The owner is the role that created the organization."; "This role has a full set of permissions"`},
		// client-permissions.txt: "you'll see the client seat labeled with a "Free seat" badge".
		{role.Client, role.ClientKind, role.Free, false, 0,
			`"you'll see the client seat labeled with a "Free seat" badge"`},
		// roles-and-permissions.txt: "A Contractor is a role for a person that sometimes works with your team but is
		// not part of your company." The seeds do not name its seat: client-permissions.txt contrasts the free
		// client seat with "a paid seat", and the domain notes ([ECC]) count contractors as paid seats.
		{role.Contractor, role.ContractorKind, role.Paid, false, 0,
			`"A Contractor is a role for a person that sometimes works with your team but is not part of your company."`},
	}
	if len(tests) != len(names) {
		t.Fatalf("the table has %d rows for %d roles", len(tests), len(names))
	}
	for _, tt := range tests {
		t.Run(tt.r.String(), func(t *testing.T) {
			if got := tt.r.Kind(); got != tt.kind {
				t.Errorf("Kind() = %v, want %v (seed: %s)", got, tt.kind, tt.source)
			}
			if got := tt.r.Seat(); got != tt.seat {
				t.Errorf("Seat() = %v, want %v (seed: %s)", got, tt.seat, tt.source)
			}
			if got := tt.r.HasScopeChoice(); got != tt.scopeChoice {
				t.Errorf("HasScopeChoice() = %v, want %v (seed: %s)", got, tt.scopeChoice, tt.source)
			}
			if got := tt.r.Rank(); got != tt.rank {
				t.Errorf("Rank() = %d, want %d (seed: %s)", got, tt.rank, tt.source)
			}
		})
	}
}

func TestKindAndSeatStrings(t *testing.T) {
	got := []string{
		role.Employee.String(), role.ClientKind.String(), role.ContractorKind.String(), role.Kind(0).String(), role.Kind(7).String(),
		role.Paid.String(), role.Free.String(), role.Seat(0).String(), role.Seat(3).String(),
	}
	want := []string{"employee", "client", "contractor", "kind(0)", "kind(7)", "paid", "free", "seat(0)", "seat(3)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Kind and Seat names mismatch (-want +got):\n%s", diff)
	}
}

func TestOutranks(t *testing.T) {
	employees := []role.Role{role.Staff, role.Coordinator, role.Manager, role.ProfitabilityManager, role.Admin, role.Owner}
	others := []role.Role{role.Client, role.Contractor, 0, 9}
	for i, a := range employees {
		for j, b := range employees {
			if got, want := a.Outranks(b), i > j; got != want {
				t.Errorf("%v.Outranks(%v) = %v, want %v", a, b, got, want)
			}
		}
		for _, o := range others {
			if a.Outranks(o) || o.Outranks(a) {
				t.Errorf("%v and %v are ordered; want neither to outrank the other", a, o)
			}
		}
	}
	for _, a := range others {
		for _, b := range others {
			if a.Outranks(b) {
				t.Errorf("%v.Outranks(%v) = true, want false", a, b)
			}
		}
	}
	// A strict order: irreflexive, asymmetric, transitive over every pair of roles.
	all := append(slices.Clone(employees), others...)
	for _, a := range all {
		if a.Outranks(a) {
			t.Errorf("%v outranks itself", a)
		}
		for _, b := range all {
			if a.Outranks(b) && b.Outranks(a) {
				t.Errorf("%v and %v outrank each other", a, b)
			}
			for _, c := range all {
				if a.Outranks(b) && b.Outranks(c) && !a.Outranks(c) {
					t.Errorf("%v > %v > %v but not %v > %v", a, b, c, a, c)
				}
			}
		}
	}
}

func TestAll(t *testing.T) {
	want := make([]role.Role, 0, len(names))
	for _, tt := range names {
		want = append(want, tt.r)
	}
	if diff := cmp.Diff(want, slices.Collect(role.All())); diff != "" {
		t.Errorf("All() mismatch (-want +got):\n%s", diff)
	}

	for stop := 1; stop <= len(want); stop++ {
		var got []role.Role
		for r := range role.All() {
			got = append(got, r)
			if len(got) == stop {
				break // a range-over-func loop panics if All keeps yielding after this
			}
		}
		if diff := cmp.Diff(want[:stop], got); diff != "" {
			t.Errorf("All() stopped after %d mismatch (-want +got):\n%s", stop, diff)
		}
	}

	calls := 0
	role.All()(func(role.Role) bool { calls++; return false })
	if calls != 1 {
		t.Errorf("All() called yield %d times after it returned false, want 1", calls)
	}
}

func TestTitle(t *testing.T) {
	want := map[role.Role]string{
		role.Staff: "Staff", role.Coordinator: "Coordinator", role.Manager: "Manager",
		role.ProfitabilityManager: "Profitability Manager", role.Admin: "Admin", role.Owner: "Owner",
		role.Client: "Client", role.Contractor: "Contractor", 0: "role(0)", 42: "role(42)",
	}
	for r, title := range want {
		if got := r.Title(); got != title {
			t.Errorf("%v.Title() = %q, want %q", r, got, title)
		}
	}
}
