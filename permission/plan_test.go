package permission_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/set"
)

// plPlans are the four plans, smallest first, with their stable names.
var plPlans = []struct {
	p    set.Plan
	name string
}{
	{set.Essential, "essential"},
	{set.Professional, "professional"},
	{set.Ultimate, "ultimate"},
	{set.Enterprise, "enterprise"},
}

// TestPlanTextRoundTrip: String, ParsePlan, MarshalText and UnmarshalText
// agree on each plan's name, and encoding/json writes plans by name.
func TestPlanTextRoundTrip(t *testing.T) {
	for _, tt := range plPlans {
		if !tt.p.IsValid() || tt.p.String() != tt.name {
			t.Errorf("Plan(%d): IsValid %v, String %q; want valid %q", uint8(tt.p), tt.p.IsValid(), tt.p.String(), tt.name)
		}
		if got, err := set.ParsePlan(tt.name); err != nil || got != tt.p {
			t.Errorf("ParsePlan(%q) = %v, %v; want %v", tt.name, got, err, tt.p)
		}
		text, err := tt.p.MarshalText()
		if err != nil || string(text) != tt.name {
			t.Errorf("%v.MarshalText() = %q, %v; want %q", tt.p, text, err, tt.name)
		}
		back := set.Essential
		if tt.p == set.Essential {
			back = set.Enterprise
		}
		if err := back.UnmarshalText(text); err != nil || back != tt.p {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", text, back, err, tt.p)
		}
	}

	type org struct{ Plan set.Plan }
	data, err := json.Marshal(org{set.Ultimate})
	if err != nil || string(data) != `{"Plan":"ultimate"}` {
		t.Errorf(`json.Marshal = %s, %v; want {"Plan":"ultimate"}`, data, err)
	}
	var got org
	if err := json.Unmarshal([]byte(`{"Plan":"enterprise"}`), &got); err != nil || got.Plan != set.Enterprise {
		t.Errorf("json.Unmarshal = %v, %v; want enterprise", got.Plan, err)
	}
}

// TestPlanOrder: plans are ordered Essential < Professional < Ultimate <
// Enterprise, and "Custom permission sets are available on the Ultimate
// subscription plan": the plans from Ultimate up.
func TestPlanOrder(t *testing.T) {
	if set.CustomSetsPlan != set.Ultimate {
		t.Errorf("CustomSetsPlan = %v, want ultimate", set.CustomSetsPlan)
	}
	for i, a := range plPlans {
		for j, b := range plPlans {
			if got, want := a.p.AtLeast(b.p), i >= j; got != want {
				t.Errorf("%v.AtLeast(%v) = %v, want %v", a.p, b.p, got, want)
			}
		}
		_, err := set.NewBuilder("Custom", set.MustSystem(role.Staff, 0, 0)).Build(a.p)
		if allowed := a.p.AtLeast(set.CustomSetsPlan); (err == nil) != allowed || !allowed && !errors.Is(err, set.ErrPlan) {
			t.Errorf("building a custom set on %v: %v; want allowed = %v", a.p, err, allowed)
		}
	}
}

// TestPlanInvalid: a value that is not a plan is not valid, is no smaller or
// larger than any plan, allows no custom set, prints as plan(N) and cannot be
// written down.
func TestPlanInvalid(t *testing.T) {
	for _, p := range []set.Plan{0, set.Enterprise + 1, 255} {
		if p.IsValid() {
			t.Errorf("Plan(%d).IsValid() = true", uint8(p))
		}
		if got, want := p.String(), fmt.Sprintf("plan(%d)", uint8(p)); got != want {
			t.Errorf("Plan(%d).String() = %q, want %q", uint8(p), got, want)
		}
		for _, q := range plPlans {
			if p.AtLeast(q.p) || q.p.AtLeast(p) {
				t.Errorf("Plan(%d) compares with %v: AtLeast %v, %v", uint8(p), q.p, p.AtLeast(q.p), q.p.AtLeast(p))
			}
		}
		text, err := p.MarshalText()
		if !errors.Is(err, set.ErrUnknownPlan) || text != nil {
			t.Errorf("Plan(%d).MarshalText() = %q, %v; want an error wrapping ErrUnknownPlan", uint8(p), text, err)
		}
		if _, err := set.NewBuilder("Custom", set.MustSystem(role.Staff, 0, 0)).Build(p); !errors.Is(err, set.ErrPlan) {
			t.Errorf("building a custom set on Plan(%d): %v, want ErrPlan", uint8(p), err)
		}
	}
}

// TestParsePlanErrors: anything but an exact plan name wraps ErrUnknownPlan
// and quotes the input; UnmarshalText then leaves its destination alone.
func TestParsePlanErrors(t *testing.T) {
	for _, s := range []string{"", "Ultimate", "ultimate ", "plan(3)", "free", "pro", "\xff"} {
		p, err := set.ParsePlan(s)
		if !errors.Is(err, set.ErrUnknownPlan) || p != 0 {
			t.Errorf("ParsePlan(%q) = %v, %v; want 0 and an error wrapping ErrUnknownPlan", s, p, err)
			continue
		}
		if q := strconv.Quote(s); !strings.Contains(err.Error(), q) {
			t.Errorf("ParsePlan(%q) error %q does not quote the input as %s", s, err, q)
		}
		dst := set.Professional
		if err := dst.UnmarshalText([]byte(s)); !errors.Is(err, set.ErrUnknownPlan) || dst != set.Professional {
			t.Errorf("UnmarshalText(%q) = %v, left %v; want ErrUnknownPlan and professional unchanged", s, err, dst)
		}
	}
	var got struct{ Plan set.Plan }
	got.Plan = set.Ultimate
	err := json.Unmarshal([]byte(`{"Plan":"Ultimate"}`), &got)
	if diff := cmp.Diff(set.Ultimate, got.Plan); diff != "" || !errors.Is(err, set.ErrUnknownPlan) {
		t.Errorf("json.Unmarshal of a misspelt plan: %v; plan mismatch (-want +got):\n%s", err, diff)
	}
}
