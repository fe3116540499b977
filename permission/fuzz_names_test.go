package permission_test

import (
	"errors"
	"testing"

	"github.com/clearance-go/clearance/permission"
)

// fnRenamedActions are the names earlier releases gave actions that were
// since split or renamed, which keep parsing as what they became (the
// README's Compatibility section promises it).
var fnRenamedActions = map[string]permission.Action{
	"budget.view_time": permission.ViewBudgetWorkedTime,
}

// FuzzParseAction: ParseAction never panics; it fails with ErrUnknownAction
// and the zero Action, or returns a valid action whose String and
// MarshalText give the input back, or, for a renamed action's old name, the
// action it became, whose String is its new name. UnmarshalText agrees with
// it and leaves its destination alone on error.
func FuzzParseAction(f *testing.F) {
	for a := range permission.Actions() {
		f.Add(a.String())
	}
	for old := range fnRenamedActions {
		f.Add(old)
	}
	for _, s := range []string{"", "Invoice.Export", "invoice.export ", "invoices.manage", "action(0)", "invoice.", ".", "\xff", "time_entry.track\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := permission.ParseAction(s)
		dst := permission.ViewDeal
		uerr := dst.UnmarshalText([]byte(s))
		if err != nil {
			if !errors.Is(err, permission.ErrUnknownAction) || a != 0 {
				t.Fatalf("ParseAction(%q) = %v, %v; want 0 and an error wrapping ErrUnknownAction", s, a, err)
			}
			if !errors.Is(uerr, permission.ErrUnknownAction) || dst != permission.ViewDeal {
				t.Fatalf("UnmarshalText(%q) = %v and set %v; want ErrUnknownAction and deal.view unchanged", s, uerr, dst)
			}
			return
		}
		name := s
		if now, renamed := fnRenamedActions[s]; renamed {
			if a != now {
				t.Fatalf("ParseAction(%q) = %v, want %v, what it was renamed to", s, a, now)
			}
			name = now.String()
		}
		if !a.IsValid() || a.String() != name {
			t.Fatalf("ParseAction(%q) = %v (valid %v), want an action named %q", s, a, a.IsValid(), name)
		}
		if text, err := a.MarshalText(); err != nil || string(text) != name {
			t.Fatalf("%v.MarshalText() = %q, %v; want %q", a, text, err, name)
		}
		if uerr != nil || dst != a {
			t.Fatalf("UnmarshalText(%q) = %v, %v; want %v", s, dst, uerr, a)
		}
	})
}

// FuzzParseReason: ParseReason never panics; it fails with ErrUnknownReason
// and the zero Reason, or returns a valid reason whose String and
// MarshalText give the input back. UnmarshalText agrees with it and leaves
// its destination alone on error.
func FuzzParseReason(f *testing.F) {
	for r := permission.NoDecision; r.IsValid(); r++ {
		f.Add(r.String())
	}
	for _, s := range []string{"", "Granted", "granted ", "missing permission", "reason(0)", "unknown reason", "\xff", "granted\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := permission.ParseReason(s)
		dst := permission.NotApprover
		uerr := dst.UnmarshalText([]byte(s))
		if err != nil {
			if !errors.Is(err, permission.ErrUnknownReason) || r != 0 {
				t.Fatalf("ParseReason(%q) = %v, %v; want 0 and an error wrapping ErrUnknownReason", s, r, err)
			}
			if !errors.Is(uerr, permission.ErrUnknownReason) || dst != permission.NotApprover {
				t.Fatalf("UnmarshalText(%q) = %v and set %v; want ErrUnknownReason and not_approver unchanged", s, uerr, dst)
			}
			return
		}
		if !r.IsValid() || r.String() != s {
			t.Fatalf("ParseReason(%q) = %v (valid %v), want a reason named %q", s, r, r.IsValid(), s)
		}
		if text, err := r.MarshalText(); err != nil || string(text) != s {
			t.Fatalf("%v.MarshalText() = %q, %v; want %q", r, text, err, s)
		}
		if uerr != nil || dst != r {
			t.Fatalf("UnmarshalText(%q) = %v, %v; want %v", s, dst, uerr, r)
		}
	})
}
