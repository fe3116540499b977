package set

import (
	"errors"
	"fmt"
	"github.com/clearance-go/clearance/permission/clip"
	"strconv"
	"strings"

	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
)

// BaseRoleID is Productive's own identifier of a system set: the
// base_role_id of a permission set and the role_id of a person in
// Productive's API. The fourteen values 1 to 14 each name one system set;
// the zero BaseRoleID and every value above 14 are invalid.
//
// The Owner is not a base role in Productive: the Owner holds the Admin base
// (1) plus ownership. [Set.BaseRoleID] reports the Owner set as 1 with its
// owner result true, and [FromBaseRoleID] takes the same pair back, so
// FromBaseRoleID(s.BaseRoleID()) returns s for every system set s.
type BaseRoleID uint8

// Errors of Productive's identifiers and names.
var (
	// ErrBaseRoleID: a base_role_id outside 1 to 14, or ownership asked of
	// a base other than Admin (1).
	ErrBaseRoleID = errors.New("not one of Productive's base_role_ids 1 to 14")
	// ErrSystemName: a name that is neither Productive's name for a system
	// set nor one of its aliases.
	ErrSystemName = errors.New("no system set has this name")
)

// systemEntry describes one system set in Productive's words.
type systemEntry struct {
	role    role.Role
	scope   scope.Scope
	addons  Addons
	name    string   // the name Productive shows today
	aliases []string // the help center's wording ("the seeds"), which still parses
}

// baseRoles is the one table of Productive's identifiers and names, indexed
// by BaseRoleID; index 0 is the Owner, which has no base_role_id of its own.
// A name printed by this library before it used Productive's names is
// either Productive's name or an alias here, so stored names keep parsing.
var baseRoles = [...]systemEntry{
	0:  {role.Owner, scope.Unlimited, 0, "Owner", nil},
	1:  {role.Admin, scope.Unlimited, 0, "Admin", nil},
	2:  {role.ProfitabilityManager, scope.Unlimited, 0, "Profitability Manager", []string{"Profitability Manager (Unlimited)"}},
	3:  {role.Staff, scope.Member, 0, "Staff", nil},
	4:  {role.Client, scope.Member, AddonBudgets, "Client Manager", []string{"Client with access to budgets and timesheets"}},
	5:  {role.Client, scope.Member, 0, "Client Staff", []string{"Client"}},
	6:  {role.Contractor, scope.Member, 0, "Contractor", nil},
	7:  {role.Staff, scope.Member, AddonContacts, "Staff with CRM access", []string{"Staff with access to contacts"}},
	8:  {role.Staff, scope.Member, AddonTime, "Staff with time access", []string{"Staff with access to time"}},
	9:  {role.Staff, scope.Member, AddonContacts | AddonTime, "Staff with CRM and time access", []string{"Staff with access to contacts and time"}},
	10: {role.ProfitabilityManager, scope.Restricted, 0, "Profitability Manager with restricted access", []string{"Profitability Manager (Restricted)"}},
	11: {role.Coordinator, scope.Unlimited, 0, "Coordinator", []string{"Coordinator (Unlimited)"}},
	12: {role.Manager, scope.Unlimited, 0, "Manager", []string{"Manager (Unlimited)"}},
	13: {role.Manager, scope.Restricted, 0, "Manager with restricted access", []string{"Manager (Restricted)"}},
	14: {role.Coordinator, scope.Restricted, 0, "Coordinator with restricted access", []string{"Coordinator (Restricted)"}},
}

// system returns the set e describes. System is the one judge of which
// sets exist; a test walks the whole table through it.
func (e systemEntry) system() (Set, error) { return System(e.role, e.scope, e.addons) }

// maxBaseRoleID is the largest valid BaseRoleID.
const maxBaseRoleID = BaseRoleID(len(baseRoles) - 1)

// entryOf returns the index in baseRoles of the system set with role r,
// scope sc and the given add-ons, or -1. The scope is compared only for the
// roles that offer a choice, so that the table need not restate which scope
// the others have.
func entryOf(r role.Role, sc scope.Scope, addons Addons) int {
	for i, e := range baseRoles {
		if e.role == r && e.addons == addons && (!r.HasScopeChoice() || e.scope == sc) {
			return i
		}
	}
	return -1
}

// productiveName is the name Productive shows for the system set with role
// r, scope sc and the given add-ons, such as "Staff with CRM access" or
// "Manager with restricted access". [System] names its sets with it.
func productiveName(r role.Role, sc scope.Scope, addons Addons) string {
	if i := entryOf(r, sc, addons); i >= 0 {
		return baseRoles[i].name
	}
	// Unreachable while baseRoles lists every set System makes (a test
	// checks it); a new set still gets a readable name.
	return fmt.Sprintf("%s (%v, %v)", r.Title(), sc, addons)
}

// IsValid reports whether id is one of Productive's base_role_ids, 1 to 14.
func (id BaseRoleID) IsValid() bool { return id >= 1 && id <= maxBaseRoleID }

// String returns the number, as Productive's API writes it ("7"); an
// invalid one prints as "base_role_id(N)". [BaseRoleID.Name] is the set's
// name.
func (id BaseRoleID) String() string {
	if !id.IsValid() {
		return fmt.Sprintf("base_role_id(%d)", uint8(id))
	}
	return strconv.Itoa(int(id))
}

// Name returns the name Productive gives the system set id stands for
// ("Staff with CRM access"), or "" for an invalid one.
func (id BaseRoleID) Name() string {
	if !id.IsValid() {
		return ""
	}
	return baseRoles[id].name
}

// FromBaseRoleID returns the system set Productive calls id; with owner
// true, the Owner set, which Productive gives the Admin base (1) plus
// ownership. It is strict: an id outside 1 to 14, or ownership with a base
// other than 1, is an error wrapping [ErrBaseRoleID] that names the value.
// It is the inverse of [Set.BaseRoleID].
func FromBaseRoleID(id BaseRoleID, owner bool) (Set, error) {
	switch {
	case !id.IsValid():
		return Set{}, fmt.Errorf("set: base_role_id %d: %w", uint8(id), ErrBaseRoleID)
	case owner && baseRoles[id].role != role.Admin:
		return Set{}, fmt.Errorf("set: base_role_id %d (%s) with ownership: the Owner holds the Admin base (1): %w", uint8(id), id.Name(), ErrBaseRoleID)
	case owner:
		id = 0 // the Owner's row of the table
	}
	return baseRoles[id].system()
}

// BaseRoleID returns Productive's base_role_id of the system set s is or is
// built on, and whether s is the Owner set, whose base_role_id is 1 (Admin)
// because Productive's Owner is the Admin base plus ownership. A custom set
// reports its base's id (never owner: no custom set is built on the Owner's
// set). The zero Set reports 0, false.
func (s Set) BaseRoleID() (id BaseRoleID, owner bool) {
	i := entryOf(s.base, s.scope, s.addons)
	switch {
	case i < 0:
		return 0, false
	case i == 0:
		return 1, true
	}
	return BaseRoleID(i), false
}

// Aliases returns the other names a system set answers to in
// [SystemNamed]: the help center's wording, such as "Staff with access to
// contacts" for "Staff with CRM access". It is nil for a custom set, for
// the zero Set, and for system sets whose help-center name is their name.
func (s Set) Aliases() []string {
	if s.custom {
		return nil
	}
	i := entryOf(s.base, s.scope, s.addons)
	if i < 0 || len(baseRoles[i].aliases) == 0 {
		return nil
	}
	return append([]string(nil), baseRoles[i].aliases...)
}

// SystemNamed returns the system set called name, by the name Productive
// shows ("Staff with CRM access", "Client Manager", "Owner") or by an alias
// from the help center ("Staff with access to contacts", "a Client with
// access to budgets and timesheets", "Manager (Restricted)"). Matching
// ignores case, surrounding and repeated spaces, and a leading "a" or "an".
// Any other name is an error wrapping [ErrSystemName] that quotes it and,
// when one is close, suggests the nearest name:
//
//	set: system set "Staf with CRM access": no system set has this name (did you mean "Staff with CRM access"?)
func SystemNamed(name string) (Set, error) {
	key := nameKey(name)
	best, bestDist := -1, 0
	for i, e := range baseRoles {
		for _, n := range append([]string{e.name}, e.aliases...) {
			k := nameKey(n)
			if k == key {
				return e.system()
			}
			if d := clip.Distance(key, k); d <= max(2, len(k)/5) && (best < 0 || d < bestDist) {
				best, bestDist = i, d
			}
		}
	}
	if best >= 0 {
		return Set{}, fmt.Errorf("set: system set %q: %w (did you mean %q?)", name, ErrSystemName, baseRoles[best].name)
	}
	return Set{}, fmt.Errorf("set: system set %q: %w", name, ErrSystemName)
}

// nameKey is the form of a set's name SystemNamed compares: lower case,
// single spaces, no leading article.
func nameKey(name string) string {
	key := strings.ToLower(strings.Join(strings.Fields(name), " "))
	for _, article := range []string{"a ", "an "} {
		key = strings.TrimPrefix(key, article)
	}
	return key
}
