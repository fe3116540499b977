package permission_test

// The reference's own table of Productive's fifteen system sets, written from
// the roles seed (quoted above each row), the domain notes and the project's
// decisions on what the seeds leave open, never from package set. The
// agreement property (reference_test.go) draws its subjects from this table,
// and TestSystemSetsPinned holds set.System to it.

import (
	"testing"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
	"github.com/google/go-cmp/cmp"
)

// pfSystemSet is one row of the reference's table of system sets.
type pfSystemSet struct {
	role   role.Role
	scope  scope.Scope
	addons set.Addons
	perms  []permission.Permission
}

// pfUnion joins lists without repeats.
func pfUnion(lists ...[]permission.Permission) []permission.Permission {
	var out []permission.Permission
	for _, l := range lists {
		for _, p := range l {
			if !pfIn(p, out) {
				out = append(out, p)
			}
		}
	}
	return out
}

// pfWithout drops the given permissions from a list.
func pfWithout(list []permission.Permission, drop ...permission.Permission) []permission.Permission {
	var out []permission.Permission
	for _, p := range list {
		if !pfIn(p, drop) {
			out = append(out, p)
		}
	}
	return out
}

// Staff: "Staff is an employee role with a basic set of permissions. Staff
// mainly uses Productive for time tracking, tasks, and requesting time off."
// "This role has permission to: access projects that are a member of, manage
// tasks and task lists and collaborate on those projects, access time tracking
// and Resourcing, but only for themselves." "This role has no permission to:
// access company settings, or access any financial information."
// Decided (I): every employee sees their own absence allocations and logs
// their own expenses (domain §2.12: Staff "can track time or log expenses only
// on budgets that have been shared with them"); manages personal integrations
// and uses the Jira widget (integration article: "useful for custom roles
// focused on time tracking"); sees estimates on tasks.
var pfStaff = []permission.Permission{
	permission.ProjectsView, permission.TasksView, permission.TasksComment, permission.TasksManage,
	permission.TaskListsManage, permission.TasksViewEstimates, permission.DocsAccess, permission.TimeTrackOwn,
	permission.TimeOffRequestOwn, permission.AbsenceAllocationsViewOwn, permission.SchedulesViewOwn,
	permission.ExpensesManageOwn, permission.IntegrationsManagePersonal, permission.IntegrationsViewTaskManagement,
}

// Staff with access to contacts: "an employee role that can access and manage
// people and companies." "This role has an extended Staff role with
// permission to: access Contacts (People, and Companies), access worked time."
// "This role has no permission to: access financial information, access
// billable time."
var pfContactsAddon = []permission.Permission{
	permission.ContactsView, permission.ContactsManage, permission.ContactsViewCustomFields,
	permission.ContactsEditCustomFields, permission.ClientsView, permission.ClientsManage, permission.TimeViewWorked,
}

// Staff with access to time: "an employee role that can access other people
// worked hours and estimates on projects." "permission to: access the time
// entries, time off, and schedules of other people, access budgets and times
// of projects that is a member of, but only data about time (estimated and
// worked time)." "no permission to: access details of time entries, time off,
// and schedules of other people, access the billable time of the projects
// that is a member of."
// Seeing everyone's time off holds the subsidiary rung below it (issue 21:
// "every set holding an 'all' right of a ladder holds its subsidiary rung").
var pfTimeAddon = []permission.Permission{
	permission.TimeViewOthers, permission.TimeOffViewOthers, permission.TimeOffViewSubsidiary, permission.SchedulesViewOthers,
	permission.BudgetsView, permission.BudgetsViewTime, permission.TimeViewWorked,
}

// Coordinator: "can manage projects and schedules without having access to
// any financial information." "This role has extended Staff with access to
// time entries with permissions to: access everything project-wise and add
// people to projects, access the time component of the budget, approve time
// off, access Contacts and Reports." "This role has no permission to: access
// to financial information of the project, approve time entries, access the
// financial information of Contacts or Reports." "With unlimited access, the
// Coordinator can access all projects."
// Decided: "access Contacts" is viewing contacts (and their non-sensitive
// custom fields) and client companies, not managing them; managing
// "schedules" is seeing booking details and managing bookings.
var pfCoordinatorUnlimited = pfUnion(pfStaff, pfTimeAddon, []permission.Permission{
	permission.ProjectsViewAll, permission.ProjectsViewPublic, permission.BudgetsViewAll,
	permission.ProjectsCreate, permission.ProjectsManageMembers, permission.TimeViewOthersDetails,
	permission.TimeOffViewDetails, permission.TimeOffApprove, permission.SchedulesViewDetails,
	permission.SchedulesManageBookings, permission.ContactsView, permission.ContactsViewCustomFields,
	permission.ClientsView, permission.ReportsView,
})

// Manager: "an employee role who can manage projects and deals. That includes
// having access to all deals with relevant financial information except cost
// and profit. A Manager does not have access to cost rates and general
// organization-level settings." "This role has permission to: access all and
// add new projects with financial information, access Reports, access
// billing and billable time." "This role has no permission to: access cost
// and profitability of the project, access Reports information about cost,
// profit, margin, and overheads." "With unlimited access, the Manager can
// access all deals and projects."
// Decided: "billing" is client invoicing (invoices.manage and all it needs,
// payment reminders); Managers approve time entries where they are the
// approver, manage every expense, manage contacts and client companies, connect
// projects to Jira ("typically handled by managers") and switch permission
// sets of people not above them. Issue 21: they see every purchase order
// ("View all purchase orders"; restricted: "View purchase orders on budgets
// where user is a member").
var pfManagerUnlimited = pfUnion(pfCoordinatorUnlimited, []permission.Permission{
	permission.BudgetsViewFinancials, permission.DealsViewAll, permission.DealsView, permission.DealsCreate,
	permission.DealsViewFinancials, permission.InvoicesViewAll, permission.InvoicesView, permission.InvoicesManage,
	permission.InvoicesManageFinalized, permission.InvoicesFinalize, permission.InvoicesManageDrafts,
	permission.PaymentsManage, permission.PaymentsView, permission.PaymentsSendReminders, permission.TimeViewBillable,
	permission.ReportsManage, permission.ReportsViewFinancials, permission.TimeApprove, permission.ExpensesManageAll,
	permission.ExpensesManageOwn, permission.ContactsManage, permission.ContactsEditCustomFields,
	permission.ContactsViewFinancials, permission.ClientsManage, permission.IntegrationsManageTaskManagement,
	permission.UsersChangePermissionSet, permission.PurchaseOrdersViewAll, permission.PurchaseOrdersView,
})

// Profitability Manager: "This role has extended Manager's role permission
// to: access the budget's profit and revenue information, access the profit
// of the whole organization." "With unlimited access, the Profitability
// manager can access all deals and projects."
var pfProfitabilityUnlimited = pfUnion(pfManagerUnlimited, []permission.Permission{
	permission.BudgetsViewProfit, permission.DealsViewProfit, permission.ReportsViewOrgProfit,
})

// pfRestricted is the Restricted variant of an Unlimited set: Coordinator
// "With Restricted access can access all public projects, but only private
// projects that are assigned"; Manager "With Restricted access can access all
// public projects, assigned deals, and private projects they are a member
// of"; Profitability Manager "With Restricted access can access all public
// projects, assigned deals, and private projects" (read as "they are a member
// of", domain Q1). Every "all" reach right gives way to its narrower one,
// which the Unlimited set already holds as a dependency.
func pfRestricted(unlimited []permission.Permission) []permission.Permission {
	return pfWithout(unlimited, permission.ProjectsViewAll, permission.DealsViewAll, permission.BudgetsViewAll,
		permission.InvoicesViewAll, permission.ExpensesManageAll, permission.PurchaseOrdersViewAll)
}

// Client: "The Client is a role for a person that can communicate with your
// team on tasks"; client article: "you can prevent clients from altering tasks
// or accessing docs unless explicitly allowed", so the system set alters
// tasks and opens docs.
var pfClient = []permission.Permission{
	permission.ProjectsView, permission.TasksView, permission.TasksComment, permission.TasksManage, permission.DocsAccess,
}

// Client with access to budgets and timesheets: "Clients can also get access
// to budgets and timesheets." "clients with access to time and budgets will be
// able to see your estimates on tasks and other related data such as Variance
// at Completion and Time to complete." ("Note that clients will never see your
// Worked time in Productive": no budgets.view_time, no time.view_worked.)
// Issue 21, after [CSB]: "Clients can see billable time entries but not
// worked time": the Client Manager set holds time.view_billable.
var pfClientBudgets = pfUnion(pfClient, []permission.Permission{
	permission.BudgetsView, permission.TasksViewEstimates, permission.TimeViewOthers, permission.TimeViewBillable,
})

// pfSystemSets is every system set, as the reference knows them.
var pfSystemSets = []pfSystemSet{
	// Staff: see pfStaff.
	{role.Staff, scope.Member, 0, pfStaff},
	// "Staff can have access to contacts and/or access to time. These two
	// permissions need to be added manually to a Staff member."
	{role.Staff, scope.Member, set.AddonContacts, pfUnion(pfStaff, pfContactsAddon)},
	{role.Staff, scope.Member, set.AddonTime, pfUnion(pfStaff, pfTimeAddon)},
	{role.Staff, scope.Member, set.AddonContacts | set.AddonTime, pfUnion(pfStaff, pfContactsAddon, pfTimeAddon)},

	// Coordinator: "Coordinator by default has unlimited access but you can
	// change that anytime."
	{role.Coordinator, scope.Unlimited, 0, pfCoordinatorUnlimited},
	{role.Coordinator, scope.Restricted, 0, pfRestricted(pfCoordinatorUnlimited)},

	// Manager: "Manager by default has unlimited access but you can change
	// that anytime."
	{role.Manager, scope.Unlimited, 0, pfManagerUnlimited},
	{role.Manager, scope.Restricted, 0, pfRestricted(pfManagerUnlimited)},

	// Profitability Manager: "By default, the profitability manager has
	// unlimited access, but you can change that anytime."
	{role.ProfitabilityManager, scope.Unlimited, 0, pfProfitabilityUnlimited},
	{role.ProfitabilityManager, scope.Restricted, 0, pfRestricted(pfProfitabilityUnlimited)},

	// Admin: "An Administrator role can manage everything, create user
	// accounts, manage salaries, and general organization-level settings."
	// "This role has permission to: see and manage everything, buy extra
	// seats, change the billing plan." Everything but what belongs to the
	// Owner alone.
	{role.Admin, scope.Unlimited, 0, pfWithout(pfRefAllPerms, pfOwnerOnlyList...)},

	// Owner: "This role has a full set of permissions, like: access all
	// billings, make an upgrade, transfer the ownership to another person,
	// deactivate the whole organization."
	{role.Owner, scope.Unlimited, 0, pfRefAllPerms},

	// Client: see pfClient and pfClientBudgets.
	{role.Client, scope.Member, 0, pfClient},
	{role.Client, scope.Member, set.AddonBudgets, pfClientBudgets},

	// Contractor: "This role has permission to: collaborate on projects,
	// manage tasks and task lists, track time for projects they are members
	// of." Decided (issue 11): a Contractor sees their own schedule.
	{role.Contractor, scope.Member, 0, []permission.Permission{
		permission.ProjectsView, permission.TasksView, permission.TasksComment, permission.TasksManage,
		permission.TaskListsManage, permission.DocsAccess, permission.TimeTrackOwn, permission.SchedulesViewOwn,
	}},
}

// pfSystemSetOf returns the reference's row for a system set; it panics for
// one the table lacks, which is a bug in the test.
func pfSystemSetOf(r role.Role, sc scope.Scope, addons set.Addons) pfSystemSet {
	for _, row := range pfSystemSets {
		if row.role == r && row.scope == sc && row.addons == addons {
			return row
		}
	}
	panic("reference: no system set " + r.String() + "/" + sc.String())
}

// pfRowName names a row for failure messages.
func pfRowName(row pfSystemSet) string {
	return row.role.String() + "/" + row.scope.String() + "/" + row.addons.String()
}

// TestReferenceSystemSetsWellFormed checks the reference's table by itself:
// every row is closed over the reference's dependencies, holds only what its
// role may hold, and appears once.
func TestReferenceSystemSetsWellFormed(t *testing.T) {
	seen := map[string]bool{}
	for _, row := range pfSystemSets {
		name := pfRowName(row)
		if seen[name] {
			t.Errorf("%s: listed twice", name)
		}
		seen[name] = true
		if closed := pfClose(row.perms); len(closed) != len(row.perms) {
			t.Errorf("%s: not closed over its dependencies; it lacks %v", name, pfSorted(pfWithout(closed, row.perms...)))
		}
		for _, p := range row.perms {
			if !pfMayHold(row.role, p) {
				t.Errorf("%s: holds %v, which a %v may not hold", name, p, row.role)
			}
		}
	}
}

// TestSystemSetsPinned holds every system set of package set to the
// reference's table, as a diff of permission names.
func TestSystemSetsPinned(t *testing.T) {
	const want = 15 // Staff ×4 (add-ons), Coordinator, Manager, Profitability Manager ×2 (scopes), Admin, Owner, Client ×2, Contractor
	if len(pfSystemSets) != want {
		t.Errorf("the reference lists %d system sets, want %d", len(pfSystemSets), want)
	}
	var n int
	listed := map[string]bool{}
	for s := range set.Systems() {
		n++
		row := pfSystemSet{role: s.Role(), scope: s.Scope(), addons: s.Addons()}
		name := pfRowName(row)
		listed[name] = true
		found := false
		for _, r := range pfSystemSets {
			if pfRowName(r) == name {
				row, found = r, true
			}
		}
		if !found {
			t.Errorf("set.Systems yields %q (%s), which the reference does not know", s.Name(), name)
			continue
		}
		sys, err := set.System(row.role, row.scope, row.addons)
		if err != nil {
			t.Errorf("set.System(%s): %v", name, err)
			continue
		}
		if sys != s {
			t.Errorf("set.System(%s) = %q, but set.Systems yields %q", name, sys.Name(), s.Name())
		}
		if diff := cmp.Diff(pfSorted(row.perms), sys.Permissions().Names()); diff != "" {
			t.Errorf("system set %q (%s) (-reference +set.System):\n%s", sys.Name(), name, diff)
		}
	}
	if n != want {
		t.Errorf("set.Systems yields %d sets, want %d", n, want)
	}
	for _, row := range pfSystemSets {
		if !listed[pfRowName(row)] {
			t.Errorf("set.Systems does not yield %s", pfRowName(row))
		}
	}
}
