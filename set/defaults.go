package set

import (
	"errors"
	"fmt"
	"iter"
	"strings"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/permission/clip"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
)

// Addons are the optional extensions of a system set: Staff can have access
// to contacts and access to time, in any combination; a Client can have
// access to budgets and timesheets. The zero Addons is none.
type Addons uint8

// The add-ons.
const (
	AddonContacts Addons = 1 << iota // Staff: access to contacts
	AddonTime                        // Staff: access to time
	AddonBudgets                     // Client: access to budgets and timesheets

	allAddons = AddonContacts | AddonTime | AddonBudgets
)

var addonNames = [...]struct {
	a          Addons
	name, long string
}{
	{AddonContacts, "contacts", "access to contacts"},
	{AddonTime, "time", "access to time"},
	{AddonBudgets, "budgets", "access to budgets and timesheets"},
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
	return 0, fmt.Errorf("set: add-on %s: %w", clip.Quote(s), ErrUnknownAddon)
}

// Errors of the system-set table.
var (
	// ErrAddon: an add-on that does not apply to the role.
	ErrAddon = errors.New("add-on does not apply")
	// ErrUnknownAddon: a name that is not an add-on.
	ErrUnknownAddon = errors.New("unknown add-on")
	// ErrScope: a scope the role cannot have.
	ErrScope = errors.New("scope does not fit the role")
	// ErrRole: a zero or unknown role. It is the same value as
	// role.ErrUnknown, so either matches.
	ErrRole = role.ErrUnknown
)

// The system sets, written as the roles article describes them: each role's
// set is the set it "extends" plus what its own paragraph adds. The quotes
// are the article's; (I) marks an inference where the seeds are silent (see
// DESIGN.md), (D) a reading of the domain notes' catalogue.
//
// Reach rights come in presets. Staff, Clients and Contractors reach what
// they are a member of (projects.view and the member rights of the other
// object types); the Unlimited sets hold the "all" rights of their object
// types; a Restricted set is its Unlimited set with each "all" right
// replaced by the narrower one (unlimited, below).
var (
	// Staff: "access projects that are a member of", "manage tasks and task
	// lists and collaborate on those projects", "access time tracking and
	// Resourcing, but only for themselves", "requesting time off"; (I) their
	// own calendar integrations and the Jira widget "useful for custom roles
	// focused on time tracking"; (D) their own absence allocations and
	// expenses on budgets shared with them ("all employees can submit
	// expenses").
	staff = permission.MaskOf(
		permission.ProjectsView, permission.TasksView, permission.TasksComment, permission.TasksManage,
		permission.TaskListsManage, permission.TasksViewEstimates, permission.DocsAccess,
		permission.TimeTrackOwn, permission.TimeOffRequestOwn, permission.AbsenceAllocationsViewOwn,
		permission.SchedulesViewOwn, permission.ExpensesManageOwn,
		permission.IntegrationsManagePersonal, permission.IntegrationsViewTaskManagement,
	)
	// Staff with access to contacts: "access Contacts (People, and
	// Companies)", "access and manage people and companies", "access worked
	// time" (as written, though odd for a contacts add-on: DESIGN.md Q11);
	// (D) the Contacts & Clients rights that go with managing them, short of
	// sensitive fields and financials ("no permission to access financial
	// information").
	staffContacts = permission.MaskOf(
		permission.ContactsView, permission.ContactsManage, permission.ContactsViewCustomFields,
		permission.ContactsEditCustomFields, permission.ClientsView, permission.ClientsManage,
		permission.TimeViewWorked,
	)
	// Staff with access to time: "the time entries, time off, and schedules
	// of other people" as totals, and "budgets and times of projects that is
	// a member of, but only data about time (estimated and worked time)".
	staffTime = permission.MaskOf(
		permission.TimeViewOthers, permission.TimeOffViewOthers, permission.SchedulesViewOthers,
		permission.BudgetsView, permission.BudgetsViewTime, permission.TimeViewWorked,
	)
	// Coordinator, "extended Staff with access to time entries": "access
	// everything project-wise and add people to projects", "access the time
	// component of the budget", "approve time off", "manage projects and
	// schedules", "access Contacts and Reports"; (I) the details of others'
	// time, since it manages schedules; (D) clients and contact custom fields
	// to view. Unlimited: "can access all projects", and (I) all budgets, for
	// their time component.
	coordinator = staff.Union(staffTime).Union(permission.MaskOf(
		permission.ProjectsViewAll, permission.BudgetsViewAll,
		permission.ProjectsCreate, permission.ProjectsManageMembers,
		permission.TimeViewOthersDetails, permission.TimeOffViewDetails, permission.TimeOffApprove,
		permission.SchedulesViewDetails, permission.SchedulesManageBookings,
		permission.ContactsView, permission.ContactsViewCustomFields, permission.ClientsView, permission.ReportsView,
	)).Closure()
	// Manager, (I) all a Coordinator does, plus "access all and add new
	// projects with financial information", "access to all deals with
	// relevant financial information except cost and profit", "access billing
	// and billable time", "access Reports"; (I) invoicing ("Add, edit, and
	// delete invoices and payments") and payment reminders, approving time as
	// a budget's approver, all expenses, managing contacts and clients and
	// reports, connecting projects to Jira ("typically handled by managers")
	// and switching people's sets. Unlimited: "can access all deals and
	// projects", and (I) all budgets and invoices.
	manager = coordinator.Union(permission.MaskOf(
		permission.BudgetsViewFinancials, permission.DealsViewAll, permission.DealsCreate, permission.DealsViewFinancials,
		permission.InvoicesViewAll, permission.InvoicesManage, permission.PaymentsSendReminders,
		permission.TimeViewBillable, permission.ReportsManage, permission.ReportsViewFinancials,
		permission.TimeApprove, permission.ExpensesManageAll,
		permission.ContactsManage, permission.ContactsEditCustomFields, permission.ContactsViewFinancials, permission.ClientsManage,
		permission.IntegrationsManageTaskManagement, permission.UsersChangePermissionSet,
		permission.PurchaseOrdersViewAll,
	)).Closure()
	// Profitability Manager, "extended Manager's role": "the budget's profit
	// and revenue information", "the profit of the whole organization".
	profitabilityManager = manager.Union(permission.MaskOf(
		permission.BudgetsViewProfit, permission.DealsViewProfit, permission.ReportsViewOrgProfit,
	)).Closure()
	// Admin "can manage everything"; Owner has "a full set of permissions".
	admin = permission.HoldableBy(role.Admin)
	owner = permission.HoldableBy(role.Owner)

	// Client: "communicate with your team on tasks"; tasks and docs unless
	// revoked ("prevent clients from altering tasks or accessing docs").
	client = permission.MaskOf(
		permission.ProjectsView, permission.TasksView, permission.TasksComment, permission.TasksManage, permission.DocsAccess,
	)
	// Client with "access to budgets and timesheets": budgets shared with
	// them, their timesheets, and "your estimates on tasks"; (D) the
	// billable time entries on those budgets (Q6: "Clients can see billable
	// time entries but not worked time").
	clientBudgets = permission.MaskOf(permission.BudgetsView, permission.TasksViewEstimates, permission.TimeViewOthers,
		permission.TimeViewBillable)
	// Contractor: "collaborate on projects", "manage tasks and task lists",
	// "track time for projects they are members of", and (I) see their own
	// bookings on those projects. The set cannot be customized, so what a
	// contractor may hold is exactly this set.
	contractor = permission.HoldableBy(role.Contractor)

	// unlimited lists, for each object type, the "all" reach right an
	// Unlimited set holds and the narrower right its Restricted variant holds
	// instead: restricted access reaches "all public projects, assigned
	// deals, and private projects they are a member of".
	unlimited = [...]struct{ all, restricted permission.Permission }{
		{permission.ProjectsViewAll, permission.ProjectsViewPublic},
		{permission.DealsViewAll, permission.DealsView},
		{permission.BudgetsViewAll, permission.BudgetsView},
		{permission.InvoicesViewAll, permission.InvoicesView},
		{permission.ExpensesManageAll, permission.ExpensesManageOwn},
		{permission.PurchaseOrdersViewAll, permission.PurchaseOrdersView},
	}
)

// restrict returns the Restricted variant of an Unlimited set's permissions:
// each "all" reach right it holds replaced by the narrower right.
func restrict(m permission.Mask) permission.Mask {
	for _, u := range unlimited {
		if m.Has(u.all) {
			m = m.Without(u.all).With(u.restricted)
		}
	}
	return m
}

// systemTable is the one description of Productive's system sets: per role,
// its permissions (the Unlimited preset for roles with a scope choice), and
// the add-ons it offers with what each grants. The scopes a set can have come
// from ScopeFits.
var systemTable = map[role.Role]struct {
	perms  permission.Mask
	addons map[Addons]permission.Mask
}{
	role.Staff:                {staff, map[Addons]permission.Mask{AddonContacts: staffContacts, AddonTime: staffTime}},
	role.Coordinator:          {coordinator, nil},
	role.Manager:              {manager, nil},
	role.ProfitabilityManager: {profitabilityManager, nil},
	role.Admin:                {admin, nil},
	role.Owner:                {owner, nil},
	role.Client:               {client, map[Addons]permission.Mask{AddonBudgets: clientBudgets}},
	role.Contractor:           {contractor, nil},
}

// ScopeFits reports whether role r's system set comes with scope s:
// Coordinators, Managers and Profitability Managers with Restricted or
// Unlimited; Admins and Owners always Unlimited; Staff, Clients and
// Contractors only Member. The scope picks the preset of reach rights the
// system set holds; no rule reads it.
func ScopeFits(r role.Role, s scope.Scope) bool {
	switch {
	case !r.IsValid() || !s.IsValid():
		return false
	case r.HasScopeChoice():
		return s == scope.Restricted || s == scope.Unlimited
	case r == role.Admin || r == role.Owner:
		return s == scope.Unlimited
	}
	return s == scope.Member
}

// DefaultScope returns the scope r's system set has unless told otherwise:
// the widest scope r can have. That is Unlimited for Coordinator, Manager and
// Profitability Manager ("by default has unlimited access but you can change
// that anytime") and for Admin and Owner, Member for the rest, and the zero
// Scope for an invalid role.
func DefaultScope(r role.Role) scope.Scope {
	if scopes := scopesOf(r); len(scopes) > 0 {
		return scopes[0]
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
		sc = DefaultScope(r)
	}
	if !ScopeFits(r, sc) {
		return Set{}, fmt.Errorf("set: %v with scope %v: %w", r, sc, ErrScope)
	}
	perms := row.perms
	if sc == scope.Restricted {
		perms = restrict(perms)
	}
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
	return Set{name: productiveName(r, sc, addons), base: r, addons: addons, scope: sc, perms: perms.Closure()}, nil
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
			for _, sc := range scopesOf(r) {
				for a := Addons(0); a <= allAddons; a++ {
					s, err := System(r, sc, a)
					if err != nil {
						continue // an add-on r does not offer: System is the one judge
					}
					if !yield(s) {
						return
					}
				}
			}
		}
	}
}

// scopesOf lists the scopes r can have, the default (widest) first.
func scopesOf(r role.Role) []scope.Scope {
	var out []scope.Scope
	for sc := range scope.All() {
		if ScopeFits(r, sc) {
			out = append([]scope.Scope{sc}, out...)
		}
	}
	return out
}
