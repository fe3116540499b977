package permission_test

// This file holds a deliberately naive reference evaluator for Authorize and
// the differential property that checks the two agree.
//
// The reference is written straight from the seeds (the three help-center
// articles) and the domain decisions of DESIGN.md, as plainly as possible: one
// switch case per action, plain lists of who may hold what, and one small
// function per reach rule. It shares no table, bitset or helper with the
// production code: it reads only the exported vocabulary (Subject, Action,
// Resource, the Permission, Kind, Reason, role and scope constants) and
// decides by itself.

import (
	"fmt"
	"testing"
	"time"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// pfReach is the reference's own name for a reach rule.
type pfReach int

const (
	pfAnywhere   pfReach = iota + 1 // any record of the kind
	pfOwn                           // the subject's own record
	pfOwnInReach                    // the subject's own record on a project in reach
	pfProject                       // a project in reach
	pfJoin                          // employees: a public project, or one in reach
	pfDeal                          // Unlimited: every deal; otherwise assigned deals
	pfBudget                        // a budget in reach (clients: shared, Client access on)
	pfOthers                        // someone else's record
	pfManageable                    // someone else, not the Owner, not above the subject
	pfApprover                      // someone else's record on a budget the subject approves
)

// pfRule is what the reference knows about one action.
type pfRule struct {
	kind   permission.Kind
	need   []permission.Permission // every permission needed, dependencies included
	reach  pfReach
	hidden bool // worked time, billable time, cost, rates, profit, margin, invoicing or expenses: never for clients
}

// pfNeed lists the permissions an action needs, written out in full.
func pfNeed(ps ...permission.Permission) []permission.Permission { return ps }

// pfRuleOf is the reference's action table, written as one switch. The
// required permissions include every dependency spelled out by hand (viewing
// tasks needs viewing the project, and so on).
func pfRuleOf(a permission.Action) (pfRule, bool) {
	var r pfRule
	switch a {
	// The organization.
	case permission.CreateProject:
		r = pfRule{permission.KindOrganization, pfNeed(permission.ProjectsCreate, permission.ProjectsView), pfAnywhere, false}
	case permission.CreateDeal:
		r = pfRule{permission.KindOrganization, pfNeed(permission.DealsCreate, permission.DealsView), pfAnywhere, false}
	case permission.ViewReports:
		r = pfRule{permission.KindOrganization, pfNeed(permission.ReportsView), pfAnywhere, false}
	case permission.ViewReportFinancials: // revenue and billing figures: invoicing
		r = pfRule{permission.KindOrganization, pfNeed(permission.ReportsViewFinancials, permission.ReportsView), pfAnywhere, true}
	case permission.ViewOrgProfit: // "the profit of the whole organization"
		r = pfRule{permission.KindOrganization, pfNeed(permission.ReportsViewOrgProfit, permission.ReportsViewFinancials, permission.ReportsView), pfAnywhere, true}
	case permission.ViewReportCostMargin: // "cost, profit, margin, and overheads"
		r = pfRule{permission.KindOrganization, pfNeed(permission.ReportsViewCostMargin, permission.ReportsViewFinancials, permission.ReportsView), pfAnywhere, true}
	case permission.ManagePersonalIntegrations: // "Google and Outlook calendar integrations, and personal Slack integration"
		r = pfRule{permission.KindOrganization, pfNeed(permission.IntegrationsManagePersonal), pfAnywhere, false}
	case permission.ConnectAccounting, permission.ConfigureSSO, permission.ConfigureHR: // "set up SSO, accounting, and HR integrations"
		r = pfRule{permission.KindOrganization, pfNeed(permission.IntegrationsManageOrganizational), pfAnywhere, false}
	case permission.CreateUser: // Admin: "create user accounts"
		r = pfRule{permission.KindOrganization, pfNeed(permission.UsersCreate), pfAnywhere, false}
	case permission.ManageOrgSettings: // "general organization-level settings"
		r = pfRule{permission.KindOrganization, pfNeed(permission.SettingsManageOrganization), pfAnywhere, false}
	case permission.ManagePermissionSets:
		r = pfRule{permission.KindOrganization, pfNeed(permission.PermissionSetsManage), pfAnywhere, false}
	case permission.BuySeats: // Admin: "buy extra seats"
		r = pfRule{permission.KindOrganization, pfNeed(permission.BillingBuySeats), pfAnywhere, false}
	case permission.ChangePlan: // Admin: "change the billing plan"
		r = pfRule{permission.KindOrganization, pfNeed(permission.BillingChangePlan), pfAnywhere, false}
	case permission.ViewBilling: // Owner: "access all billings"
		r = pfRule{permission.KindOrganization, pfNeed(permission.BillingView), pfAnywhere, false}
	case permission.TransferOwnership: // Owner: "transfer the ownership to another person"
		r = pfRule{permission.KindOrganization, pfNeed(permission.OrganizationTransferOwnership), pfAnywhere, false}
	case permission.DeactivateOrganization: // Owner: "deactivate the whole organization"
		r = pfRule{permission.KindOrganization, pfNeed(permission.OrganizationDeactivate), pfAnywhere, false}

	// A person.
	case permission.ViewCostRate: // rates
		r = pfRule{permission.KindPerson, pfNeed(permission.PeopleViewCostRates), pfAnywhere, true}
	case permission.ManageSalary: // Admin: "manage salaries"; salaries are cost
		r = pfRule{permission.KindPerson, pfNeed(permission.PeopleManageSalaries, permission.PeopleViewCostRates), pfAnywhere, true}
	case permission.ChangePermissionSet: // "nobody changes the Owner's set; an Admin does not change their own set"
		r = pfRule{permission.KindPerson, pfNeed(permission.UsersChangePermissionSet), pfManageable, false}

	// A project.
	case permission.ViewProject:
		r = pfRule{permission.KindProject, pfNeed(permission.ProjectsView), pfProject, false}
	case permission.AddProjectMember: // Coordinator: "add people to projects"
		r = pfRule{permission.KindProject, pfNeed(permission.ProjectsManageMembers, permission.ProjectsView), pfProject, false}
	case permission.JoinProject: // "An employee may join a public project"
		r = pfRule{permission.KindProject, pfNeed(permission.ProjectsView), pfJoin, false}
	case permission.CreateTaskList: // "manage tasks and task lists"
		r = pfRule{permission.KindProject, pfNeed(permission.TaskListsManage, permission.TasksView, permission.ProjectsView), pfProject, false}
	case permission.ConnectJiraProject: // "connect projects to Jira"
		r = pfRule{permission.KindProject, pfNeed(permission.IntegrationsManageTaskManagement, permission.IntegrationsViewTaskManagement, permission.ProjectsView), pfProject, false}

	// A task or a doc.
	case permission.ViewTask:
		r = pfRule{permission.KindTask, pfNeed(permission.TasksView, permission.ProjectsView), pfProject, false}
	case permission.AlterTask: // "prevent clients from altering tasks ... unless explicitly allowed"
		r = pfRule{permission.KindTask, pfNeed(permission.TasksManage, permission.TasksView, permission.ProjectsView), pfProject, false}
	case permission.ViewTaskEstimate: // clients with budgets "see your estimates on tasks"
		r = pfRule{permission.KindTask, pfNeed(permission.TasksViewEstimates, permission.TasksView, permission.ProjectsView), pfProject, false}
	case permission.ViewTaskWorked: // "clients will never see your Worked time"
		r = pfRule{permission.KindTask, pfNeed(permission.TimeViewWorked, permission.TasksView, permission.ProjectsView), pfProject, true}
	case permission.UseJiraWidget: // "utilize the Jira widget for time tracking and to see Jira links in tasks"
		r = pfRule{permission.KindTask, pfNeed(permission.IntegrationsViewTaskManagement, permission.TasksView, permission.ProjectsView), pfProject, false}
	case permission.OpenDoc: // "accessing docs unless explicitly allowed"
		r = pfRule{permission.KindDoc, pfNeed(permission.DocsAccess, permission.ProjectsView), pfProject, false}

	// Time entries, time off, schedules.
	case permission.TrackTime: // Contractor: "track time for projects they are members of"
		r = pfRule{permission.KindTimeEntry, pfNeed(permission.TimeTrackOwn), pfOwnInReach, false}
	case permission.ViewTimeEntries: // Staff with time: "the time entries ... of other people"
		r = pfRule{permission.KindTimeEntry, pfNeed(permission.TimeViewOthers), pfBudget, false}
	case permission.ViewTimeEntryDetails: // "no permission to access details of time entries"
		r = pfRule{permission.KindTimeEntry, pfNeed(permission.TimeViewOthersDetails, permission.TimeViewOthers), pfBudget, false}
	case permission.ViewBillableTime: // Manager: "access billing and billable time"; billable time is never shown to clients
		r = pfRule{permission.KindTimeEntry, pfNeed(permission.TimeViewBillable, permission.TimeViewOthers), pfBudget, true}
	case permission.ApproveTimeEntry: // an approval permission and, unless organization-wide, being the approver
		r = pfRule{permission.KindTimeEntry, pfNeed(permission.TimeApprove, permission.TimeViewOthers), pfApprover, false}
	case permission.RequestTimeOff: // Staff: "requesting time off"
		r = pfRule{permission.KindTimeOff, pfNeed(permission.TimeOffRequestOwn), pfOwn, false}
	case permission.ViewTimeOff:
		r = pfRule{permission.KindTimeOff, pfNeed(permission.TimeOffViewOthers), pfAnywhere, false}
	case permission.ViewTimeOffDetails:
		r = pfRule{permission.KindTimeOff, pfNeed(permission.TimeOffViewDetails, permission.TimeOffViewOthers), pfAnywhere, false}
	case permission.ApproveTimeOff: // Coordinator: "approve time off"
		r = pfRule{permission.KindTimeOff, pfNeed(permission.TimeOffApprove, permission.TimeOffViewOthers), pfOthers, false}
	case permission.ViewOwnSchedule: // Staff: Resourcing "only for themselves"
		r = pfRule{permission.KindBooking, pfNeed(permission.SchedulesViewOwn), pfOwn, false}
	case permission.ViewSchedule:
		r = pfRule{permission.KindBooking, pfNeed(permission.SchedulesViewOthers, permission.SchedulesViewOwn), pfAnywhere, false}
	case permission.ViewScheduleDetails:
		r = pfRule{permission.KindBooking, pfNeed(permission.SchedulesViewDetails, permission.SchedulesViewOthers, permission.SchedulesViewOwn), pfAnywhere, false}
	case permission.ManageBookings: // Coordinator: "manage projects and schedules"
		r = pfRule{permission.KindBooking, pfNeed(permission.SchedulesManageBookings, permission.SchedulesViewOthers, permission.SchedulesViewOwn), pfAnywhere, false}

	// A budget.
	case permission.ViewBudget:
		r = pfRule{permission.KindBudget, pfNeed(permission.BudgetsView), pfBudget, false}
	case permission.ViewBudgetTime: // "estimated and worked time": worked time
		r = pfRule{permission.KindBudget, pfNeed(permission.BudgetsViewTime, permission.BudgetsView), pfBudget, true}
	case permission.ViewBudgetRevenue: // price, billable amounts, invoicing, revenue
		r = pfRule{permission.KindBudget, pfNeed(permission.BudgetsViewFinancials, permission.BudgetsView), pfBudget, true}
	case permission.ViewBudgetProfit: // profit
		r = pfRule{permission.KindBudget, pfNeed(permission.BudgetsViewProfit, permission.BudgetsViewFinancials, permission.BudgetsView), pfBudget, true}
	case permission.ViewBudgetCost: // cost
		r = pfRule{permission.KindBudget, pfNeed(permission.BudgetsViewCost, permission.BudgetsViewFinancials, permission.BudgetsView), pfBudget, true}
	case permission.ViewVarianceAtCompletion, permission.ViewTimeToComplete: // clients "will be able to see ... Variance at Completion and Time to complete"
		r = pfRule{permission.KindBudget, pfNeed(permission.BudgetsView, permission.TasksViewEstimates, permission.TasksView, permission.ProjectsView), pfBudget, false}

	// A deal.
	case permission.ViewDeal:
		r = pfRule{permission.KindDeal, pfNeed(permission.DealsView), pfDeal, false}
	case permission.ViewDealFinancials: // the deal's value: the agency's financial information
		r = pfRule{permission.KindDeal, pfNeed(permission.DealsViewFinancials, permission.DealsView), pfDeal, true}
	case permission.ViewDealProfit: // "except cost and profit"
		r = pfRule{permission.KindDeal, pfNeed(permission.DealsViewProfit, permission.DealsViewFinancials, permission.DealsView), pfDeal, true}

	// Invoices and expenses: exporting needs the invoicing or expense
	// permission and never an integration permission.
	case permission.ViewInvoice:
		r = pfRule{permission.KindInvoice, pfNeed(permission.InvoicesView), pfBudget, true}
	case permission.ManageInvoice, permission.ExportInvoice: // "Add, edit, and delete invoices and payments"
		r = pfRule{permission.KindInvoice, pfNeed(permission.InvoicesManage, permission.InvoicesView), pfBudget, true}
	case permission.ManageExpense, permission.ExportExpense: // "Add, edit, and delete all expenses"; expenses are cost, never shown to clients
		r = pfRule{permission.KindExpense, pfNeed(permission.ExpensesManageAll), pfAnywhere, true}

	// A contact.
	case permission.ViewContact: // "access Contacts (People, and Companies)"
		r = pfRule{permission.KindContact, pfNeed(permission.ContactsView), pfAnywhere, false}
	case permission.ManageContact: // "access and manage people and companies"
		r = pfRule{permission.KindContact, pfNeed(permission.ContactsManage, permission.ContactsView), pfAnywhere, false}
	case permission.ViewContactFinancials: // "the financial information of Contacts"
		r = pfRule{permission.KindContact, pfNeed(permission.ContactsViewFinancials, permission.ContactsView), pfAnywhere, true}

	default:
		return pfRule{}, false
	}
	return r, true
}

// The permissions only the Owner may hold (roles seed: the Owner may "access
// all billings", "transfer the ownership", "deactivate the whole
// organization").
var pfOwnerOnlyList = []permission.Permission{
	permission.BillingView, permission.OrganizationTransferOwnership, permission.OrganizationDeactivate,
}

// What a free client seat may hold: collaborating on tasks and docs, and the
// budgets and timesheets add-on (budgets, estimates, time entries).
var pfClientList = []permission.Permission{
	permission.ProjectsView, permission.TasksView, permission.TasksManage, permission.TasksViewEstimates,
	permission.DocsAccess, permission.TimeViewOthers, permission.BudgetsView,
}

// What a Contractor holds, since the Contractor set cannot be customized:
// "collaborate on projects, manage tasks and task lists, track time".
var pfContractorList = []permission.Permission{
	permission.ProjectsView, permission.TasksView, permission.TasksManage, permission.TaskListsManage,
	permission.DocsAccess, permission.TimeTrackOwn,
}

func pfIn(p permission.Permission, list []permission.Permission) bool {
	for _, q := range list {
		if p == q {
			return true
		}
	}
	return false
}

// pfMayHold reports whether a person with role r may hold p at all.
func pfMayHold(r role.Role, p permission.Permission) bool {
	switch r {
	case role.Owner:
		return true
	case role.Staff, role.Coordinator, role.Manager, role.ProfitabilityManager, role.Admin:
		return !pfIn(p, pfOwnerOnlyList)
	case role.Client:
		return pfIn(p, pfClientList)
	case role.Contractor:
		return pfIn(p, pfContractorList)
	}
	return false
}

// pfScopeOK reports whether role r may have scope sc.
func pfScopeOK(r role.Role, sc scope.Scope) bool {
	switch r {
	case role.Staff, role.Client, role.Contractor:
		return sc == scope.Member
	case role.Admin, role.Owner:
		return sc == scope.Unlimited
	case role.Coordinator, role.Manager, role.ProfitabilityManager:
		return sc == scope.Restricted || sc == scope.Unlimited
	}
	return false
}

func pfSubjectOK(s permission.Subject) bool {
	if s.ID == 0 || !pfScopeOK(s.Role, s.Scope) {
		return false
	}
	for p := range permission.All() {
		if s.Permissions.Has(p) && !pfMayHold(s.Role, p) {
			return false
		}
	}
	return true
}

// pfResourceOK follows the table in Resource's doc comment.
func pfResourceOK(r permission.Resource) bool {
	project := r.Project != 0 && (r.Visibility == scope.Public || r.Visibility == scope.Private)
	switch r.Kind {
	case permission.KindOrganization, permission.KindExpense, permission.KindContact:
		return true
	case permission.KindPerson:
		return r.Person != 0 && pfIsRole(r.PersonRole)
	case permission.KindTimeOff, permission.KindBooking:
		return r.Person != 0
	case permission.KindProject, permission.KindTask, permission.KindDoc:
		return project
	case permission.KindBudget, permission.KindInvoice:
		return project && r.Budget != 0
	case permission.KindTimeEntry:
		return r.Person != 0 && project && r.Budget != 0
	case permission.KindDeal:
		return r.Deal != 0
	}
	return false
}

// pfIsRole reports whether r is one of the eight roles of the roles seed.
func pfIsRole(r role.Role) bool {
	switch r {
	case role.Staff, role.Coordinator, role.Manager, role.ProfitabilityManager, role.Admin, role.Owner,
		role.Client, role.Contractor:
		return true
	}
	return false
}

// pfRank is an employee role's place in the order the roles seed lists
// them, Staff lowest and Owner highest (DESIGN: "the employee hierarchy");
// clients and contractors stand outside it and rank below every employee.
func pfRank(r role.Role) int {
	for i, e := range []role.Role{role.Staff, role.Coordinator, role.Manager, role.ProfitabilityManager, role.Admin, role.Owner} {
		if r == e {
			return i + 1
		}
	}
	return 0
}

func pfIsEmployee(r role.Role) bool {
	switch r {
	case role.Staff, role.Coordinator, role.Manager, role.ProfitabilityManager, role.Admin, role.Owner:
		return true
	}
	return false
}

// pfProjectReach: Unlimited reaches every project; Restricted public ones
// and private ones as a member; Member only as a member.
func pfProjectReach(s permission.Subject, r permission.Resource) permission.Reason {
	member := s.Projects.Has(r.Project)
	switch s.Scope {
	case scope.Unlimited:
		return permission.Granted
	case scope.Restricted:
		if r.Visibility == scope.Public || member {
			return permission.Granted
		}
		return permission.PrivateNotMember
	case scope.Member:
		if member {
			return permission.Granted
		}
		return permission.NotInReach
	}
	return permission.NotInReach
}

func pfReachOf(s permission.Subject, r permission.Resource, how pfReach) permission.Reason {
	switch how {
	case pfAnywhere:
		return permission.Granted
	case pfOwn:
		if r.Person != s.ID {
			return permission.NotOwnRecord
		}
		return permission.Granted
	case pfOwnInReach:
		if r.Person != s.ID {
			return permission.NotOwnRecord
		}
		return pfProjectReach(s, r)
	case pfProject:
		return pfProjectReach(s, r)
	case pfJoin:
		if !pfIsEmployee(s.Role) {
			return permission.EmployeesOnly
		}
		if r.Visibility == scope.Public || pfProjectReach(s, r) == permission.Granted {
			return permission.Granted
		}
		return permission.PrivateNotMember
	case pfDeal:
		if s.Scope == scope.Unlimited || s.Deals.Has(r.Deal) {
			return permission.Granted
		}
		return permission.DealNotAssigned
	case pfBudget:
		return pfBudgetReach(s, r)
	case pfOthers:
		if r.Person == s.ID {
			return permission.OwnRecordRefused
		}
		return permission.Granted
	case pfManageable:
		// "nobody changes the Owner's set; an Admin does not change their
		// own set", nor anyone the set of a person above them.
		if r.Person == s.ID {
			return permission.OwnRecordRefused
		}
		if r.PersonRole == role.Owner || pfRank(r.PersonRole) > pfRank(s.Role) {
			return permission.PersonProtected
		}
		return permission.Granted
	case pfApprover:
		if r.Person == s.ID {
			return permission.OwnRecordRefused
		}
		// Nobody approves an entry on a budget they cannot reach.
		if why := pfBudgetReach(s, r); why != permission.Granted {
			return why
		}
		if s.Permissions.Has(permission.TimeApproveAll) || r.Approver == s.ID {
			return permission.Granted
		}
		return permission.NotApprover
	}
	panic("reference: unknown reach")
}

// pfBudgetReach: a client reaches a budget only as a member of its project
// and of the budget, with Client access on; anyone else reaches it through
// its project, or as a member of the budget.
func pfBudgetReach(s permission.Subject, r permission.Resource) permission.Reason {
	if s.Role == role.Client {
		switch {
		case !s.Projects.Has(r.Project):
			return permission.NotInReach
		case !s.Budgets.Has(r.Budget):
			return permission.BudgetNotShared
		case !r.ClientAccess:
			return permission.ClientAccessOff
		}
		return permission.Granted
	}
	if s.Budgets.Has(r.Budget) {
		return permission.Granted
	}
	return pfProjectReach(s, r)
}

// pfReference is the reference evaluator. It runs the checks in the order
// Authorize documents and returns the reason and, for a missing permission,
// which one.
func pfReference(s permission.Subject, a permission.Action, r permission.Resource) (permission.Reason, permission.Permission) {
	rule, ok := pfRuleOf(a)
	if !ok {
		return permission.InvalidAction, 0
	}
	if !pfSubjectOK(s) {
		return permission.InvalidSubject, 0
	}
	if r.Kind != rule.kind {
		return permission.KindMismatch, 0
	}
	if !pfResourceOK(r) {
		return permission.InvalidResource, 0
	}
	if rule.hidden && s.Role == role.Client {
		return permission.ClientNeverSees, 0
	}
	var missing []permission.Permission
	for _, p := range rule.need {
		if !s.Permissions.Has(p) {
			missing = append(missing, p)
		}
	}
	// Name the missing permission the action is about: one that no other
	// missing permission depends on, so that granting it (which grants its
	// dependencies) is the fix; among several, the first in catalogue order.
	for p := range permission.All() {
		if !pfIn(p, missing) {
			continue
		}
		top := true
		for _, q := range missing {
			if pfIn(p, pfDependencies(q)) {
				top = false
			}
		}
		if !top {
			continue
		}
		if pfIn(p, pfOwnerOnlyList) && s.Role != role.Owner {
			return permission.OwnerOnly, p
		}
		return permission.MissingPermission, p
	}
	return pfReachOf(s, r, rule.reach), 0
}

// pfDependencies lists everything holding p needs, directly or through
// another permission: viewing tasks needs viewing the project, managing
// invoices needs viewing them, and so on.
func pfDependencies(p permission.Permission) []permission.Permission {
	switch p {
	case permission.ProjectsCreate, permission.ProjectsManageMembers, permission.TasksView, permission.DocsAccess:
		return pfNeed(permission.ProjectsView)
	case permission.TasksManage, permission.TaskListsManage, permission.TasksViewEstimates:
		return pfNeed(permission.TasksView, permission.ProjectsView)
	case permission.TimeViewOthersDetails, permission.TimeViewBillable, permission.TimeApprove:
		return pfNeed(permission.TimeViewOthers)
	case permission.TimeApproveAll:
		return pfNeed(permission.TimeApprove, permission.TimeViewOthers)
	case permission.TimeOffViewDetails, permission.TimeOffApprove:
		return pfNeed(permission.TimeOffViewOthers)
	case permission.SchedulesViewOthers:
		return pfNeed(permission.SchedulesViewOwn)
	case permission.SchedulesViewDetails, permission.SchedulesManageBookings:
		return pfNeed(permission.SchedulesViewOthers, permission.SchedulesViewOwn)
	case permission.BudgetsViewTime, permission.BudgetsViewFinancials:
		return pfNeed(permission.BudgetsView)
	case permission.BudgetsViewProfit, permission.BudgetsViewCost:
		return pfNeed(permission.BudgetsViewFinancials, permission.BudgetsView)
	case permission.DealsCreate, permission.DealsViewFinancials:
		return pfNeed(permission.DealsView)
	case permission.DealsViewProfit:
		return pfNeed(permission.DealsViewFinancials, permission.DealsView)
	case permission.InvoicesManage:
		return pfNeed(permission.InvoicesView)
	case permission.ContactsManage, permission.ContactsViewFinancials:
		return pfNeed(permission.ContactsView)
	case permission.ReportsViewFinancials:
		return pfNeed(permission.ReportsView)
	case permission.ReportsViewOrgProfit, permission.ReportsViewCostMargin:
		return pfNeed(permission.ReportsViewFinancials, permission.ReportsView)
	case permission.IntegrationsManageTaskManagement:
		return pfNeed(permission.IntegrationsViewTaskManagement)
	case permission.PeopleManageSalaries:
		return pfNeed(permission.PeopleViewCostRates)
	}
	return nil
}

// pfOutcome is a decision as the test compares it.
type pfOutcome struct {
	Allowed bool
	Reason  string
	Missing string
}

func pfOutcomeOf(reason permission.Reason, missing permission.Permission) pfOutcome {
	o := pfOutcome{Allowed: reason == permission.Granted, Reason: reason.String()}
	if missing != 0 {
		o.Missing = missing.String()
	}
	return o
}

// pfGot is what Authorize decided, with the action the decision names.
func pfGot(d permission.Decision) (pfOutcome, permission.Action) {
	return pfOutcomeOf(d.Reason(), d.Missing()), d.Action()
}

func pfWant(s permission.Subject, a permission.Action, r permission.Resource) pfOutcome {
	return pfOutcomeOf(pfReference(s, a, r))
}

// ---- Generators, shared with theorems_test.go and matrix_test.go. ----

// pfSystems is every system set, in set.Systems order.
var pfSystems = func() []set.Set {
	var out []set.Set
	for s := range set.Systems() {
		out = append(out, s)
	}
	return out
}()

var pfAllPerms = func() []permission.Permission {
	var out []permission.Permission
	for p := range permission.All() {
		out = append(out, p)
	}
	return out
}()

var pfAllActions = func() []permission.Action {
	var out []permission.Action
	for a := range permission.Actions() {
		out = append(out, a)
	}
	return out
}()

// pfInvalidActions are actions outside the table.
var pfInvalidActions = []permission.Action{0, permission.Action(permission.ActionCount + 1), 255}

// pfPool is the small pool IDs are drawn from, so that memberships, owners
// and approvers often coincide with the subject and the resource.
var pfPool = []scope.ID{1, 2, 3, 4}

// pfIDGen draws an ID from the pool, and now and then the zero ID.
func pfIDGen() *rapid.Generator[scope.ID] {
	return rapid.Custom(func(t *rapid.T) scope.ID {
		if rapid.IntRange(0, 19).Draw(t, "zero") == 0 {
			return 0
		}
		return rapid.SampledFrom(pfPool).Draw(t, "id")
	})
}

// pfMembersGen draws a membership set over the pool.
func pfMembersGen() *rapid.Generator[scope.Members] {
	return rapid.Custom(func(t *rapid.T) scope.Members {
		return scope.NewMembers(rapid.SliceOfN(rapid.SampledFrom(pfPool), 0, 4).Draw(t, "members")...)
	})
}

// pfMaskGen draws any mask: either a few permissions (closed over their
// dependencies or not) or a random bit pattern over the catalogue.
func pfMaskGen() *rapid.Generator[permission.Mask] {
	return rapid.Custom(func(t *rapid.T) permission.Mask {
		if rapid.Bool().Draw(t, "bits") {
			bits := rapid.Uint64().Draw(t, "pattern")
			var m permission.Mask
			for i, p := range pfAllPerms {
				if bits>>(i%64)&1 == 1 {
					m = m.With(p)
				}
			}
			return m
		}
		m := permission.MaskOf(rapid.SliceOfN(rapid.SampledFrom(pfAllPerms), 0, 12).Draw(t, "perms")...)
		if rapid.Bool().Draw(t, "closed") {
			m = m.Closure()
		}
		return m
	})
}

// pfRoleGen draws a role, now and then an invalid one.
func pfRoleGen() *rapid.Generator[role.Role] {
	return rapid.Custom(func(t *rapid.T) role.Role {
		if rapid.IntRange(0, 9).Draw(t, "invalid role") == 0 {
			return rapid.SampledFrom([]role.Role{0, 9, 200}).Draw(t, "role")
		}
		return rapid.SampledFrom([]role.Role{role.Staff, role.Coordinator, role.Manager, role.ProfitabilityManager,
			role.Admin, role.Owner, role.Client, role.Contractor}).Draw(t, "role")
	})
}

// pfScopeGen draws any scope, the invalid ones included.
func pfScopeGen() *rapid.Generator[scope.Scope] {
	return rapid.SampledFrom([]scope.Scope{0, scope.Member, scope.Restricted, scope.Unlimited, 4})
}

// pfFittingScope draws a scope the role may have, when it has one.
func pfFittingScope(t *rapid.T, r role.Role) scope.Scope {
	var fits []scope.Scope
	for sc := range scope.All() {
		if permission.ScopeFits(r, sc) {
			fits = append(fits, sc)
		}
	}
	if len(fits) == 0 {
		return pfScopeGen().Draw(t, "scope")
	}
	return rapid.SampledFrom(fits).Draw(t, "scope")
}

// pfCustomSet builds a custom set from a system set with random grants and
// revokes; when the builder refuses, it returns the base.
func pfCustomSet(t *rapid.T) set.Set {
	base := rapid.SampledFrom(pfSystems).Draw(t, "base")
	holdable := pfAllPerms
	if rapid.IntRange(0, 3).Draw(t, "anything") != 0 {
		holdable = nil
		for _, p := range pfAllPerms {
			if permission.HoldableBy(base.Role()).Has(p) {
				holdable = append(holdable, p)
			}
		}
	}
	b := set.NewBuilder("custom", base).
		Grant(rapid.SliceOfN(rapid.SampledFrom(holdable), 0, 6).Draw(t, "grant")...).
		Revoke(rapid.SliceOfN(rapid.SampledFrom(pfAllPerms), 0, 3).Draw(t, "revoke")...)
	s, err := b.Build(set.Ultimate)
	if err != nil {
		return base
	}
	return s
}

// pfSubjectGen draws a subject: from a system set, from a custom set, or by
// hand (with permissions the role may hold, or with any role, scope and
// mask at all). IDs and memberships come from the small pool.
func pfSubjectGen() *rapid.Generator[permission.Subject] {
	return rapid.Custom(func(t *rapid.T) permission.Subject {
		var s permission.Subject
		switch how := rapid.IntRange(0, 19).Draw(t, "how"); {
		case how < 6:
			s = rapid.SampledFrom(pfSystems).Draw(t, "system").Subject(0)
		case how < 10:
			s = pfCustomSet(t).Subject(0)
		case how < 12: // clients with budgets, so the Client access chain is hit often
			s = set.MustSystem(role.Client, 0, set.AddonBudgets).Subject(0)
		case how < 17:
			s.Role = pfRoleGen().Draw(t, "role")
			s.Scope = pfFittingScope(t, s.Role)
			s.Permissions = pfMaskGen().Draw(t, "mask").Intersect(permission.HoldableBy(s.Role))
		default:
			s.Role = pfRoleGen().Draw(t, "role")
			s.Scope = pfScopeGen().Draw(t, "scope")
			s.Permissions = pfMaskGen().Draw(t, "mask")
		}
		s.ID = pfIDGen().Draw(t, "subject")
		s.Projects = pfMembersGen().Draw(t, "projects")
		s.Deals = pfMembersGen().Draw(t, "deals")
		s.Budgets = pfMembersGen().Draw(t, "budgets")
		return s
	})
}

// pfValidSubjectGen draws only valid subjects.
func pfValidSubjectGen() *rapid.Generator[permission.Subject] {
	return pfSubjectGen().Filter(func(s permission.Subject) bool { return s.Validate() == nil })
}

var pfKinds = []permission.Kind{
	permission.KindOrganization, permission.KindPerson, permission.KindProject, permission.KindTask,
	permission.KindDoc, permission.KindTimeEntry, permission.KindTimeOff, permission.KindBooking,
	permission.KindBudget, permission.KindDeal, permission.KindInvoice, permission.KindExpense,
	permission.KindContact,
}

// pfResourceGen draws any resource: mostly valid kinds, IDs from the pool
// with the zero ID now and then, any visibility.
func pfResourceGen() *rapid.Generator[permission.Resource] {
	return rapid.Custom(func(t *rapid.T) permission.Resource {
		var r permission.Resource
		if rapid.IntRange(0, 19).Draw(t, "invalid kind") == 0 {
			r.Kind = rapid.SampledFrom([]permission.Kind{0, permission.Kind(len(pfKinds) + 1), 255}).Draw(t, "kind")
		} else {
			r.Kind = rapid.SampledFrom(pfKinds).Draw(t, "kind")
		}
		return pfFillResource(t, r)
	})
}

// pfResourceOfKind draws a resource of kind k with random relation fields.
func pfResourceOfKind(k permission.Kind) *rapid.Generator[permission.Resource] {
	return rapid.Custom(func(t *rapid.T) permission.Resource {
		return pfFillResource(t, permission.Resource{Kind: k})
	})
}

func pfFillResource(t *rapid.T, r permission.Resource) permission.Resource {
	r.ID = scope.ID(rapid.Uint64Range(0, 1000).Draw(t, "resource id"))
	r.Project = pfIDGen().Draw(t, "project")
	if rapid.IntRange(0, 19).Draw(t, "invalid visibility") == 0 {
		r.Visibility = rapid.SampledFrom([]scope.Visibility{0, 3}).Draw(t, "visibility")
	} else {
		r.Visibility = rapid.SampledFrom([]scope.Visibility{scope.Public, scope.Private}).Draw(t, "visibility")
	}
	r.Deal = pfIDGen().Draw(t, "deal")
	r.Budget = pfIDGen().Draw(t, "budget")
	r.ClientAccess = rapid.Bool().Draw(t, "client access")
	r.Person = pfIDGen().Draw(t, "person")
	r.PersonRole = pfRoleGen().Draw(t, "person role") // the Owner and invalid roles included
	r.Approver = pfIDGen().Draw(t, "approver")
	return r
}

// pfDescribe prints a case for a failure message.
func pfDescribe(s permission.Subject, a permission.Action, r permission.Resource) string {
	return fmt.Sprintf("subject{ID:%d Role:%v Scope:%v Permissions:%q Projects:%v Deals:%v Budgets:%v}\naction %v\nresource %+v",
		s.ID, s.Role, s.Scope, s.Permissions.String(), s.Projects, s.Deals, s.Budgets, a, r)
}

// ---- The differential property. ----

const (
	pfBatchSubjects  = 10
	pfBatchResources = 40
	pfBatchExtra     = 3
)

// pfCases counts the cases TestReferenceAgrees evaluates; pfSameKind counts
// those whose action applies to the resource's kind.
var pfCases, pfSameKind int

// pfReferenceAgrees draws a batch of subjects, resources and a few extra
// actions (of any kind, invalid ones included), and checks every action of
// each resource's kind, and the extra actions, for every subject on every
// resource against the reference.
func pfReferenceAgrees(t *rapid.T) {
	subjects := rapid.SliceOfN(pfSubjectGen(), pfBatchSubjects, pfBatchSubjects).Draw(t, "subjects")
	resources := rapid.SliceOfN(pfResourceGen(), pfBatchResources, pfBatchResources).Draw(t, "resources")
	extra := rapid.SliceOfN(pfActionGen(), pfBatchExtra, pfBatchExtra).Draw(t, "extra actions")
	for _, s := range subjects {
		for _, r := range resources {
			for _, as := range [][]permission.Action{pfActionsOf(r.Kind), extra} {
				for _, a := range as {
					pfCases++
					if a.Kind() == r.Kind {
						pfSameKind++
					}
					want := pfWant(s, a, r)
					got, action := pfGot(permission.Authorize(s, a, r))
					if diff := cmp.Diff(want, got); diff != "" {
						t.Fatalf("Authorize disagrees with the reference on\n%s\nmismatch (-want +got):\n%s", pfDescribe(s, a, r), diff)
					}
					if action != a {
						t.Fatalf("Authorize(%v) returned a decision about %v", a, action)
					}
				}
			}
		}
	}
}

func TestReferenceAgrees(t *testing.T) {
	pfCases, pfSameKind = 0, 0
	start := time.Now()
	rapid.Check(t, pfReferenceAgrees)
	t.Logf("%d cases (%d with an action of the resource's kind) in %v", pfCases, pfSameKind, time.Since(start).Round(time.Millisecond))
	// -short (the quick pre-commit run) makes rapid draw fewer batches; the
	// full suite, as CI runs it, must cover at least 100,000 cases.
	if !t.Failed() && !testing.Short() && pfSameKind < 100_000 {
		t.Errorf("ran %d cases with an action of the resource's kind, want at least 100000 (run with the default -rapid.checks=100 or more)", pfSameKind)
	}
}

func FuzzReferenceAgrees(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8})
	f.Fuzz(rapid.MakeFuzz(pfReferenceAgrees))
}

// TestReferenceFixedCases pins the reference itself on cases whose answer
// the seeds state outright, so that a reference bug cannot hide behind an
// agreeing implementation.
func TestReferenceFixedCases(t *testing.T) {
	// Hand-built subjects, so that these cases pin the reference alone and
	// not the contents of the system sets.
	manager := permission.Subject{ID: 1, Role: role.Manager, Scope: scope.Restricted,
		Permissions: permission.MaskOf(permission.ProjectsView, permission.InvoicesView, permission.InvoicesManage),
		Projects:    scope.NewMembers(3)}
	admin := permission.Subject{ID: 1, Role: role.Admin, Scope: scope.Unlimited,
		Permissions: permission.MaskOf(permission.IntegrationsManageOrganizational)}
	client := permission.Subject{ID: 1, Role: role.Client, Scope: scope.Member,
		Permissions: permission.MaskOf(permission.ProjectsView, permission.TasksView, permission.TasksViewEstimates, permission.BudgetsView),
		Projects:    scope.NewMembers(3), Budgets: scope.NewMembers(4)}
	contractor := permission.Subject{ID: 1, Role: role.Contractor, Scope: scope.Member, Permissions: permission.MaskOf(permission.ProjectsView)}
	sets := permission.MaskOf(permission.UsersChangePermissionSet)
	adminSets := permission.Subject{ID: 1, Role: role.Admin, Scope: scope.Unlimited, Permissions: sets}
	managerSets := permission.Subject{ID: 1, Role: role.Manager, Scope: scope.Restricted, Permissions: sets}
	person := func(id scope.ID, r role.Role) permission.Resource {
		return permission.Resource{Kind: permission.KindPerson, ID: id, Person: id, PersonRole: r}
	}
	org := permission.Resource{Kind: permission.KindOrganization}
	invoice := permission.Resource{Kind: permission.KindInvoice, Project: 3, Visibility: scope.Private, Budget: 4}
	budget := func(access bool) permission.Resource {
		return permission.Resource{Kind: permission.KindBudget, Project: 3, Visibility: scope.Private, Budget: 4, ClientAccess: access}
	}
	project := func(id scope.ID, v scope.Visibility) permission.Resource {
		return permission.Resource{Kind: permission.KindProject, Project: id, Visibility: v}
	}
	for _, tt := range []struct {
		name string
		s    permission.Subject
		a    permission.Action
		r    permission.Resource
		want pfOutcome
	}{
		{"manager exports invoices without integration permissions", manager, permission.ExportInvoice, invoice, pfOutcome{true, "granted", ""}},
		{"manager cannot connect the accounting tool", manager, permission.ConnectAccounting, org, pfOutcome{false, "missing_permission", "integrations.manage_organizational"}},
		{"admin without invoicing is told invoices.manage, not invoices.view", admin, permission.ExportInvoice, invoice, pfOutcome{false, "missing_permission", "invoices.manage"}},
		{"contractor cannot join a public project", contractor, permission.JoinProject, project(9, scope.Public), pfOutcome{false, "employees_only", ""}},
		{"admin connects the accounting tool", admin, permission.ConnectAccounting, org, pfOutcome{true, "granted", ""}},
		{"admin cannot deactivate the organization", admin, permission.DeactivateOrganization, org, pfOutcome{false, "owner_only", "organization.deactivate"}},
		{"restricted manager: public project", manager, permission.ViewProject, project(9, scope.Public), pfOutcome{true, "granted", ""}},
		{"restricted manager: private project, not a member", manager, permission.ViewProject, project(9, scope.Private), pfOutcome{false, "private_not_member", ""}},
		{"contractor: public project, not a member", contractor, permission.ViewProject, project(9, scope.Public), pfOutcome{false, "not_in_reach", ""}},
		{"client never sees a budget's time", client, permission.ViewBudgetTime, budget(true), pfOutcome{false, "client_never_sees", ""}},
		{"client sees a shared budget with Client access", client, permission.ViewBudget, budget(true), pfOutcome{true, "granted", ""}},
		{"client: Client access off", client, permission.ViewBudget, budget(false), pfOutcome{false, "client_access_off", ""}},
		{"client sees Variance at Completion", client, permission.ViewVarianceAtCompletion, budget(true), pfOutcome{true, "granted", ""}},
		{"admin changes another Admin's set", adminSets, permission.ChangePermissionSet, person(2, role.Admin), pfOutcome{true, "granted", ""}},
		{"admin changes a Manager's set", adminSets, permission.ChangePermissionSet, person(2, role.Manager), pfOutcome{true, "granted", ""}},
		{"nobody changes the Owner's set", adminSets, permission.ChangePermissionSet, person(2, role.Owner), pfOutcome{false, "person_protected", ""}},
		{"an Admin does not change their own set", adminSets, permission.ChangePermissionSet, person(1, role.Admin), pfOutcome{false, "own_record_refused", ""}},
		{"manager cannot change an Admin's set", managerSets, permission.ChangePermissionSet, person(2, role.Admin), pfOutcome{false, "person_protected", ""}},
		{"manager cannot change a Profitability Manager's set", managerSets, permission.ChangePermissionSet, person(2, role.ProfitabilityManager), pfOutcome{false, "person_protected", ""}},
		{"manager changes a Coordinator's set", managerSets, permission.ChangePermissionSet, person(2, role.Coordinator), pfOutcome{true, "granted", ""}},
		{"manager changes a client's set", managerSets, permission.ChangePermissionSet, person(2, role.Client), pfOutcome{true, "granted", ""}},
		{"a person without a role is malformed", adminSets, permission.ChangePermissionSet, person(2, 0), pfOutcome{false, "invalid_resource", ""}},
		{"a person without a role is malformed for any action", adminSets, permission.ViewCostRate, person(2, 0), pfOutcome{false, "invalid_resource", ""}},
		{"manager without the permission", manager, permission.ChangePermissionSet, person(2, role.Staff), pfOutcome{false, "missing_permission", "users.change_permission_set"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, pfWant(tt.s, tt.a, tt.r)); diff != "" {
				t.Errorf("reference mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
