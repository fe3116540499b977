package set

import (
	"errors"
	"fmt"
	"iter"
	"strings"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
)

// Addons are the optional extensions of a system set: Staff can have access
// to contacts and access to time, in any combination; a Client can have
// access to budgets and timesheets. The zero Addons is none.
type Addons uint8

// The add-ons.
const (
	Contacts Addons = 1 << iota // Staff: access to contacts
	Time                        // Staff: access to time
	Budgets                     // Client: access to budgets and timesheets

	allAddons = Contacts | Time | Budgets
)

var addonNames = [...]struct {
	a          Addons
	name, long string
}{
	{Contacts, "contacts", "access to contacts"},
	{Time, "time", "access to time"},
	{Budgets, "budgets", "access to budgets and timesheets"},
}

// Has reports whether a includes every add-on in b.
func (a Addons) Has(b Addons) bool { return a&b == b }

// String returns the add-ons' names joined by "+", such as "contacts+time";
// none is "".
func (a Addons) String() string {
	var names []string
	for _, n := range addonNames {
		if a&n.a != 0 {
			names = append(names, n.name)
		}
	}
	if extra := a &^ allAddons; extra != 0 {
		names = append(names, fmt.Sprintf("addons(%#x)", uint8(extra)))
	}
	return strings.Join(names, "+")
}

// ParseAddon returns the add-on named s ("contacts", "time" or "budgets").
func ParseAddon(s string) (Addons, error) {
	for _, n := range addonNames {
		if n.name == s {
			return n.a, nil
		}
	}
	return 0, fmt.Errorf("set: add-on %q: %w", s, ErrAddon)
}

// Errors of the system-set table.
var (
	// ErrAddon: an add-on that does not exist or does not apply to the role.
	ErrAddon = errors.New("add-on does not apply")
	// ErrScope: a scope the role cannot have.
	ErrScope = errors.New("scope does not fit the role")
	// ErrRole: a zero or unknown role.
	ErrRole = errors.New("invalid role")
)

// The system sets, written as the roles article describes them: each role's
// set is the set it "extends" plus what its own paragraph adds. Rows marked
// (I) are inferences where the seeds are silent; see DESIGN.md.
var (
	staff = permission.MaskOf(
		permission.ProjectsView, permission.TasksView, permission.TasksManage, permission.TaskListsManage, // "access projects that are a member of", "manage tasks and task lists"
		permission.TasksViewEstimates, permission.DocsAccess, // "collaborate on those projects"
		permission.TimeTrackOwn, permission.TimeOffRequestOwn, permission.SchedulesViewOwn, // "time tracking, tasks, and requesting time off", Resourcing "only for themselves"
		permission.IntegrationsManagePersonal, permission.IntegrationsViewTaskManagement, // (I) personal calendars; the Jira widget for time tracking
	)
	staffContacts = permission.MaskOf(permission.ContactsView, permission.ContactsManage, permission.TimeViewWorked)                                                                                          // "access Contacts (People, and Companies)", "access worked time"
	staffTime     = permission.MaskOf(permission.TimeViewOthers, permission.TimeOffViewOthers, permission.SchedulesViewOthers, permission.BudgetsView, permission.BudgetsViewTime, permission.TimeViewWorked) // others' time as totals; budgets "only data about time"

	coordinator = staff.Union(staffTime).Union(permission.MaskOf( // "extended Staff with access to time entries"
		permission.ProjectsCreate, permission.ProjectsManageMembers, // "access everything project-wise and add people to projects"
		permission.TimeViewOthersDetails, permission.TimeOffViewDetails, permission.TimeOffApprove, // "approve time off"; (I) details, since it manages schedules
		permission.SchedulesViewDetails, permission.SchedulesManageBookings, // "manage projects and schedules"
		permission.ContactsView, permission.ReportsView, // "access Contacts and Reports"
	))
	manager = coordinator.Union(permission.MaskOf( // (I) a Manager does all a Coordinator does
		permission.BudgetsViewFinancials, permission.DealsView, permission.DealsCreate, permission.DealsViewFinancials, // "projects with financial information", "deals"
		permission.InvoicesView, permission.InvoicesManage, permission.TimeViewBillable, permission.ReportsViewFinancials, // "access billing and billable time"
		permission.TimeApprove, permission.ExpensesManageAll, permission.ContactsManage, permission.ContactsViewFinancials, // (I)
		permission.IntegrationsManageTaskManagement, permission.UsersChangePermissionSet, // Jira "typically handled by managers"; switching sets
	))
	profitabilityManager = manager.Union(permission.MaskOf( // "extended Manager's role"
		permission.BudgetsViewProfit, permission.DealsViewProfit, // "the budget's profit and revenue information"
		permission.ReportsViewOrgProfit, // "the profit of the whole organization"
	))
	admin = permission.HoldableBy(role.Admin) // "see and manage everything"
	owner = permission.HoldableBy(role.Owner) // "a full set of permissions"

	client        = permission.MaskOf(permission.ProjectsView, permission.TasksView, permission.TasksManage, permission.DocsAccess) // "communicate with your team on tasks"
	clientBudgets = permission.MaskOf(permission.BudgetsView, permission.TasksViewEstimates, permission.TimeViewOthers)             // "access to budgets and timesheets", "estimates on tasks"
	contractor    = permission.HoldableBy(role.Contractor)                                                                          // collaborate, tasks and task lists, track time
)

// systemTable is the one description of Productive's system sets: per role,
// its permissions, the add-ons it offers and what each grants, and its
// scopes (the first is the default).
var systemTable = map[role.Role]struct {
	perms  permission.Mask
	addons map[Addons]permission.Mask
	scopes []scope.Scope
}{
	role.Staff:                {staff, map[Addons]permission.Mask{Contacts: staffContacts, Time: staffTime}, []scope.Scope{scope.Member}},
	role.Coordinator:          {coordinator, nil, []scope.Scope{scope.Unlimited, scope.Restricted}},
	role.Manager:              {manager, nil, []scope.Scope{scope.Unlimited, scope.Restricted}},
	role.ProfitabilityManager: {profitabilityManager, nil, []scope.Scope{scope.Unlimited, scope.Restricted}},
	role.Admin:                {admin, nil, []scope.Scope{scope.Unlimited}},
	role.Owner:                {owner, nil, []scope.Scope{scope.Unlimited}},
	role.Client:               {client, map[Addons]permission.Mask{Budgets: clientBudgets}, []scope.Scope{scope.Member}},
	role.Contractor:           {contractor, nil, []scope.Scope{scope.Member}},
}

// DefaultScope returns the scope r's system set has unless told otherwise:
// Unlimited for Coordinator, Manager, Profitability Manager, Admin and Owner;
// Member for the rest; the zero Scope for an invalid role.
func DefaultScope(r role.Role) scope.Scope {
	if row, ok := systemTable[r]; ok {
		return row.scopes[0]
	}
	return 0
}

// System returns Productive's system set for role r with scope sc and the
// given add-ons. Pass the zero Scope for the role's default. It fails, with an
// error wrapping [ErrRole], [ErrScope] or [ErrAddon], for an invalid role, a
// scope the role cannot have, or an add-on the role does not offer.
func System(r role.Role, sc scope.Scope, addons Addons) (Set, error) {
	row, ok := systemTable[r]
	if !ok {
		return Set{}, fmt.Errorf("set: %v: %w", r, ErrRole)
	}
	if sc == 0 {
		sc = row.scopes[0]
	}
	if !permission.ScopeFits(r, sc) {
		return Set{}, fmt.Errorf("set: %v with scope %v: %w", r, sc, ErrScope)
	}
	perms := row.perms
	for _, n := range addonNames {
		if addons&n.a == 0 {
			continue
		}
		extra, ok := row.addons[n.a]
		if !ok {
			return Set{}, fmt.Errorf("set: %v with %s: %w", r, n.long, ErrAddon)
		}
		perms = perms.Union(extra)
	}
	if addons&^allAddons != 0 {
		return Set{}, fmt.Errorf("set: %v with %v: %w", r, addons, ErrAddon)
	}
	return Set{name: systemName(r, sc, addons), base: r, addons: addons, scope: sc, perms: perms}, nil
}

// MustSystem is like [System] but panics on error. It is for tests and
// package-level variables with hard-coded arguments.
func MustSystem(r role.Role, sc scope.Scope, addons Addons) Set {
	s, err := System(r, sc, addons)
	if err != nil {
		panic(err)
	}
	return s
}

// Systems iterates over every system set: each role with each add-on
// combination it offers and each scope it can have, defaults first.
func Systems() iter.Seq[Set] {
	return func(yield func(Set) bool) {
		for r := range role.All() {
			row := systemTable[r]
			for _, sc := range row.scopes {
				for a := Addons(0); a <= allAddons; a++ {
					if !addonsOffered(row.addons, a) {
						continue
					}
					if !yield(MustSystem(r, sc, a)) {
						return
					}
				}
			}
		}
	}
}

// addonsOffered reports whether every add-on in a is in offered.
func addonsOffered(offered map[Addons]permission.Mask, a Addons) bool {
	for _, n := range addonNames {
		if _, ok := offered[n.a]; a&n.a != 0 && !ok {
			return false
		}
	}
	return true
}

// systemName is the name Productive shows for a system set, such as
// "Manager with restricted access" or "Staff with access to contacts and time".
func systemName(r role.Role, sc scope.Scope, addons Addons) string {
	title := strings.ReplaceAll(r.String(), "_", " ")
	title = strings.ToUpper(title[:1]) + title[1:]
	if r == role.ProfitabilityManager {
		title = "Profitability Manager"
	}
	var with []string
	if r.HasScopeChoice() && sc == scope.Restricted {
		with = append(with, "restricted access")
	}
	var parts []string
	for _, n := range addonNames {
		if addons&n.a != 0 {
			parts = append(parts, strings.TrimPrefix(n.long, "access to "))
		}
	}
	if len(parts) > 0 {
		with = append(with, "access to "+strings.Join(parts, " and "))
	}
	if len(with) == 0 {
		return title
	}
	return title + " with " + strings.Join(with, " and ")
}
