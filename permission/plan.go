package permission

import (
	"errors"
	"fmt"
)

// Plan is an organization's Productive subscription plan. Plans are ordered:
// Essential < Professional < Ultimate < Enterprise. The zero Plan is invalid,
// and an invalid plan allows no custom set.
type Plan uint8

// The plans, from smallest to largest.
const (
	Essential Plan = iota + 1
	Professional
	Ultimate
	Enterprise
)

// CustomSetsPlan is the smallest plan on which custom permission sets exist.
const CustomSetsPlan = Ultimate

// ClientBudgetsPlan is the smallest plan on which clients see budgets:
// "In the Professional and Ultimate pricing plans, Client Managers can be
// granted access to budgets, view time entries on budgets and time
// estimates on tasks"; on a smaller plan (or a [Subject] whose Plan is not
// filled in) a client is denied every action on a budget, a service or a
// time entry, and every action that shows estimates ([PlanTooLow]).
const ClientBudgetsPlan = Professional

var planNames = [...]string{Essential: "essential", Professional: "professional", Ultimate: "ultimate", Enterprise: "enterprise"}

// ErrUnknownPlan is returned (wrapped, with the input) by [ParsePlan].
var ErrUnknownPlan = errors.New("unknown plan")

// IsValid reports whether p is one of the four plans.
func (p Plan) IsValid() bool { return p >= Essential && p <= Enterprise }

// AtLeast reports whether p is a valid plan no smaller than q.
func (p Plan) AtLeast(q Plan) bool { return p.IsValid() && q.IsValid() && p >= q }

// String returns the plan's lower-case name; an invalid plan prints as
// "plan(N)".
func (p Plan) String() string {
	if !p.IsValid() {
		return fmt.Sprintf("plan(%d)", uint8(p))
	}
	return planNames[p]
}

// ParsePlan returns the plan named s, or an error wrapping [ErrUnknownPlan].
func ParsePlan(s string) (Plan, error) {
	for p := Essential; p <= Enterprise; p++ {
		if planNames[p] == s {
			return p, nil
		}
	}
	return 0, fmt.Errorf("permission: plan %q: %w", s, ErrUnknownPlan)
}

// MarshalText implements [encoding.TextMarshaler]; it fails for an invalid plan.
func (p Plan) MarshalText() ([]byte, error) {
	if !p.IsValid() {
		return nil, fmt.Errorf("permission: plan %d: %w", uint8(p), ErrUnknownPlan)
	}
	return []byte(planNames[p]), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler]; on error p is unchanged.
func (p *Plan) UnmarshalText(text []byte) error {
	v, err := ParsePlan(string(text))
	if err != nil {
		return err
	}
	*p = v
	return nil
}
