package set

import "github.com/clearance-go/clearance/permission"

// Plan is an organization's Productive subscription plan: the same type as
// [permission.Plan], which a [permission.Subject] carries for the rules that
// depend on it. Plans are ordered: Essential < Professional < Ultimate <
// Enterprise. The zero Plan is invalid, and an invalid plan allows no
// custom set.
type Plan = permission.Plan

// The plans, from smallest to largest.
const (
	Essential    = permission.Essential
	Professional = permission.Professional
	Ultimate     = permission.Ultimate
	Enterprise   = permission.Enterprise
)

// CustomSetsPlan is the smallest plan on which custom permission sets exist.
const CustomSetsPlan = permission.CustomSetsPlan

// ErrUnknownPlan is returned (wrapped, with the input) by [ParsePlan].
var ErrUnknownPlan = permission.ErrUnknownPlan

// ParsePlan returns the plan named s, or an error wrapping [ErrUnknownPlan].
func ParsePlan(s string) (Plan, error) { return permission.ParsePlan(s) }
