package permission_test

// This file holds a deliberately naive reference evaluator for Authorize and
// the differential property that checks the two agree.
//
// The reference is written from the seeds (the three help-center articles),
// the domain notes and the decisions of issue 11 (reach rights per object
// type) and issue 21 (relations beyond project membership: budget
// membership, approvers and approval policies, workplaces, the target's own
// set, the client plan, the invoice parts), as plainly as possible: one
// switch case per action with every permission it needs written out by hand,
// one hand-written dependency list, plain lists of who may hold what, and one
// small function per reach rule. It shares no table, bitset or helper with
// the production code: it reads only the exported vocabulary (Subject,
// Action, Resource, the Permission, Kind, Reason, Plan, role and scope
// constants) and decides by itself; what a set implies (pfHas) it works out
// from the rule, not from Mask.Implied. The subjects
// it is tried on come from its own table of the system sets
// (reference_sets_test.go), never from package set.

import (
	"fmt"
	"slices"
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
	pfAnywhere        pfReach = iota + 1 // any record of the kind
	pfAllBudgets                         // organization-wide figures: only with budgets.view_all
	pfOwn                                // the subject's own record
	pfOwnProject                         // the subject's own record, then project reach or budget membership
	pfProject                            // a project within the project reach rights
	pfJoin                               // employees: a public project, or one they are a member of, or any with projects.view_all
	pfDeal                               // every deal, or assigned ones
	pfBudget                             // every budget, or those they are a member of (clients: shared, Client access on)
	pfInvoice                            // every invoice, or those on budgets they are a member of
	pfExpense                            // every expense, or their own on budgets they are a member of
	pfTime                               // time entries: others' (project reach or budget membership), or their own (then the same)
	pfBooking                            // bookings: the same with the schedules rights
	pfBasics                             // a booking's basics: anyone's with the others right, else their own
	pfAbsence                            // time off: everyone's, their subsidiary's and their own, or their own
	pfAllocation                         // absence allocations: the same with the allocations rights
	pfCostRate                           // cost rates: everyone's, or their subsidiary's and their own
	pfPurchaseOrder                      // every purchase order, or those on budgets they are a member of
	pfManageable                         // someone else, not the Owner, not above the subject, holding nothing more
	pfApprover                           // someone else's time entry awaiting approval that the subject approves
	pfAbsenceApprover                    // someone else's absence request awaiting an approver that the subject is
)

// pfRule is what the reference knows about one action.
type pfRule struct {
	kind   permission.Kind
	need   []permission.Permission // every permission needed: the action's own, its kind's view permission, and all they depend on
	reach  pfReach
	hidden bool // worked time, billable time, cost, rates, profit, margin, invoicing or expenses: never for clients
}

// pfNeed lists permissions, written out in full.
func pfNeed(ps ...permission.Permission) []permission.Permission { return ps }

// Short local names, so that the action table below stays readable.
const (
	pfProjectsView       = permission.ProjectsView
	pfTasksView          = permission.TasksView
	pfBudgetsView        = permission.BudgetsView
	pfInvoicesView       = permission.InvoicesView
	pfPurchaseOrdersView = permission.PurchaseOrdersView
	pfTimeOffOwn         = permission.TimeOffRequestOwn
	pfTimeOffSubsidiary  = permission.TimeOffViewSubsidiary
	pfTimeOffOthers      = permission.TimeOffViewOthers
	pfContactsView       = permission.ContactsView
	pfTimeViewOthers     = permission.TimeViewOthers
	pfSchedulesViewOwn   = permission.SchedulesViewOwn
	pfSchedulesViewOther = permission.SchedulesViewOthers
)

// pfRuleOf is the reference's action table, written as one switch. Each row's
// need lists the action's own permissions, the view permission of its kind
// (projects.view for a project, tasks.view for a task, docs.access for a doc,
// budgets.view for a budget or a service, deals.view, invoices.view,
// purchase_orders.view, contacts.view, clients.view), and everything those
// depend on, all by hand. TestReferenceRowsClosed checks the
// hand-written lists against pfDeps.
func pfRuleOf(a permission.Action) (pfRule, bool) {
	org, person := permission.KindOrganization, permission.KindPerson
	var r pfRule
	switch a {
	// The organization; every action here reaches anywhere.
	case permission.CreateProject: // Manager: "access all and add new projects"
		r = pfRule{org, pfNeed(permission.ProjectsCreate, pfProjectsView), pfAnywhere, false}
	case permission.CreateDeal: // "a Manager with restricted access can add new deals and projects"
		r = pfRule{org, pfNeed(permission.DealsCreate, permission.DealsView), pfAnywhere, false}
	case permission.ViewReports: // Coordinator: "access Contacts and Reports"
		r = pfRule{org, pfNeed(permission.ReportsView), pfAnywhere, false}
	case permission.ManageReports:
		r = pfRule{org, pfNeed(permission.ReportsManage, permission.ReportsView), pfAnywhere, false}
	case permission.ViewReportFinancials: // organization-wide figures need reach over every budget
		r = pfRule{org, pfNeed(permission.ReportsViewFinancials, permission.ReportsView), pfAllBudgets, true}
	case permission.ViewOrgProfit: // PM: "access the profit of the whole organization"
		r = pfRule{org, pfNeed(permission.ReportsViewOrgProfit, permission.ReportsViewFinancials, permission.ReportsView), pfAnywhere, true}
	case permission.ViewReportCostMargin: // Manager may not see "Reports information about cost, profit, margin, and overheads"; report figures sum every budget
		r = pfRule{org, pfNeed(permission.ReportsViewCostMargin, permission.ReportsViewFinancials, permission.ReportsView), pfAllBudgets, true}
	case permission.ConnectAccounting, permission.ConfigureSSO, permission.ConfigureHR: // "set up SSO, accounting, and HR integrations"
		r = pfRule{org, pfNeed(permission.IntegrationsManageOrganizational), pfAnywhere, false}
	case permission.CreateUser: // Admin: "create user accounts"
		r = pfRule{org, pfNeed(permission.UsersCreate), pfAnywhere, false}
	case permission.ManageOrgSettings: // "general organization-level settings"
		r = pfRule{org, pfNeed(permission.SettingsManageOrganization), pfAnywhere, false}
	case permission.ManageAbsenceSettings:
		r = pfRule{org, pfNeed(permission.AbsenceSettingsManage), pfAnywhere, false}
	case permission.ManagePermissionSets:
		r = pfRule{org, pfNeed(permission.PermissionSetsManage), pfAnywhere, false}
	case permission.ManageReminderTemplates: // invoicing
		r = pfRule{org, pfNeed(permission.PaymentsManageReminderTemplates, permission.PaymentsSendReminders, permission.PaymentsView, pfInvoicesView), pfAnywhere, true}
	case permission.BuySeats: // Admin: "buy extra seats"
		r = pfRule{org, pfNeed(permission.BillingBuySeats), pfAnywhere, false}
	case permission.ChangePlan: // Admin: "change the billing plan"
		r = pfRule{org, pfNeed(permission.BillingChangePlan), pfAnywhere, false}
	case permission.ViewBilling: // Owner: "access all billings"
		r = pfRule{org, pfNeed(permission.BillingView), pfAnywhere, false}
	case permission.TransferOwnership: // Owner: "transfer the ownership to another person"
		r = pfRule{org, pfNeed(permission.OrganizationTransferOwnership), pfAnywhere, false}
	case permission.DeactivateOrganization: // Owner: "deactivate the whole organization"
		r = pfRule{org, pfNeed(permission.OrganizationDeactivate), pfAnywhere, false}

	// A person.
	case permission.ManagePersonalIntegrations: // "Google and Outlook calendar integrations, and personal Slack integration": one's own
		r = pfRule{person, pfNeed(permission.IntegrationsManagePersonal), pfOwn, false}
	case permission.ViewCostRate: // rates; "managers with subsidiary-scoped permissions can only see cost rates for people in their own subsidiary"
		r = pfRule{person, pfNeed(), pfCostRate, true}
	case permission.ManageSalary: // Admin: "manage salaries"
		r = pfRule{person, pfNeed(permission.PeopleManageSalaries, permission.PeopleViewCostRates, permission.PeopleViewCostRatesSubsidiary), pfAnywhere, true}
	case permission.ChangePermissionSet: // "Admin changes every set but the Owner's and their own"; nobody changes the set of someone who holds more
		r = pfRule{person, pfNeed(permission.UsersChangePermissionSet), pfManageable, false}

	// A project.
	case permission.ViewProject:
		r = pfRule{permission.KindProject, pfNeed(pfProjectsView), pfProject, false}
	case permission.AddProjectMember: // Coordinator: "add people to projects"
		r = pfRule{permission.KindProject, pfNeed(permission.ProjectsManageMembers, pfProjectsView), pfProject, false}
	case permission.JoinProject: // employees join public projects
		r = pfRule{permission.KindProject, pfNeed(pfProjectsView), pfJoin, false}
	case permission.CreateTaskList: // "manage tasks and task lists"
		r = pfRule{permission.KindProject, pfNeed(permission.TaskListsManage, pfTasksView, pfProjectsView), pfProject, false}
	case permission.ConnectJiraProject: // "connect projects to Jira"
		r = pfRule{permission.KindProject, pfNeed(permission.IntegrationsManageTaskManagement, permission.IntegrationsViewTaskManagement, pfProjectsView), pfProject, false}

	// A task or a doc.
	case permission.ViewTask:
		r = pfRule{permission.KindTask, pfNeed(pfTasksView, pfProjectsView), pfProject, false}
	case permission.CommentOnTask: // Client: "can communicate with your team on tasks"
		r = pfRule{permission.KindTask, pfNeed(permission.TasksComment, pfTasksView, pfProjectsView), pfProject, false}
	case permission.AlterTask: // "prevent clients from altering tasks"
		r = pfRule{permission.KindTask, pfNeed(permission.TasksManage, permission.TasksComment, pfTasksView, pfProjectsView), pfProject, false}
	case permission.ViewTaskEstimate: // clients with budgets "see your estimates on tasks"
		r = pfRule{permission.KindTask, pfNeed(permission.TasksViewEstimates, pfTasksView, pfProjectsView), pfProject, false}
	case permission.ViewTaskWorked: // "clients will never see your Worked time"
		r = pfRule{permission.KindTask, pfNeed(permission.TimeViewWorked, pfTasksView, pfProjectsView), pfProject, true}
	case permission.UseJiraWidget: // "utilize the Jira widget for time tracking and to see Jira links in tasks"
		r = pfRule{permission.KindTask, pfNeed(permission.IntegrationsViewTaskManagement, pfTasksView, pfProjectsView), pfProject, false}
	case permission.OpenDoc: // "accessing docs unless explicitly allowed"
		r = pfRule{permission.KindDoc, pfNeed(permission.DocsAccess, pfProjectsView), pfProject, false}

	// Time entries.
	case permission.TrackTime: // Contractor: "track time for projects they are members of"
		r = pfRule{permission.KindTimeEntry, pfNeed(permission.TimeTrackOwn), pfOwnProject, false}
	case permission.ViewTimeEntry: // Staff: time tracking "but only for themselves"; with time: "of other people"
		r = pfRule{permission.KindTimeEntry, pfNeed(), pfTime, false}
	case permission.ViewTimeEntryDetails: // Staff with time has "no permission to access details of time entries"
		r = pfRule{permission.KindTimeEntry, pfNeed(permission.TimeViewOthersDetails, pfTimeViewOthers), pfTime, false}
	case permission.ViewBillableTime: // Manager: "access billing and billable time"; clients "can see billable time entries but not worked time"
		r = pfRule{permission.KindTimeEntry, pfNeed(permission.TimeViewBillable, pfTimeViewOthers), pfTime, false}
	case permission.ApproveTimeEntry: // Coordinator has "no permission to approve time entries"
		r = pfRule{permission.KindTimeEntry, pfNeed(pfTimeViewOthers), pfApprover, false}

	// Time off and absence allocations.
	case permission.RequestTimeOff: // Staff: "requesting time off"
		r = pfRule{permission.KindTimeOff, pfNeed(pfTimeOffOwn), pfOwn, false}
	case permission.ViewTimeOff:
		r = pfRule{permission.KindTimeOff, pfNeed(), pfAbsence, false}
	case permission.ViewTimeOffDetails:
		r = pfRule{permission.KindTimeOff, pfNeed(permission.TimeOffViewDetails, pfTimeOffOthers, pfTimeOffSubsidiary, pfTimeOffOwn), pfAbsence, false}
	case permission.ApproveTimeOff: // Coordinator: "approve time off"
		r = pfRule{permission.KindTimeOff, pfNeed(permission.TimeOffApprove, pfTimeOffOthers, pfTimeOffSubsidiary, pfTimeOffOwn), pfAbsenceApprover, false}
	case permission.ViewAbsenceAllocation:
		r = pfRule{permission.KindAllocation, pfNeed(), pfAllocation, false}
	case permission.ManageAbsenceAllocation:
		r = pfRule{permission.KindAllocation, pfNeed(permission.AbsenceAllocationsManage, permission.AbsenceAllocationsViewAll,
			permission.AbsenceAllocationsViewSubsidiary, permission.AbsenceAllocationsViewOwn), pfAnywhere, false}

	// Bookings in the Resource Planner.
	case permission.ViewOwnSchedule: // Staff: Resourcing "only for themselves"
		r = pfRule{permission.KindBooking, pfNeed(pfSchedulesViewOwn), pfOwnProject, false}
	case permission.ViewScheduleBasics: // for budgets or deals they are not part of, "the allocated hours and the client company name"
		r = pfRule{permission.KindBooking, pfNeed(), pfBasics, false}
	case permission.ViewSchedule:
		r = pfRule{permission.KindBooking, pfNeed(), pfBooking, false}
	case permission.ViewScheduleDetails:
		r = pfRule{permission.KindBooking, pfNeed(permission.SchedulesViewDetails, pfSchedulesViewOther, pfSchedulesViewOwn), pfBooking, false}
	case permission.ManageBookings: // Coordinator: "manage projects and schedules"
		r = pfRule{permission.KindBooking, pfNeed(permission.SchedulesManageBookings, pfSchedulesViewOther, pfSchedulesViewOwn), pfBooking, false}

	// A budget.
	case permission.ViewBudget:
		r = pfRule{permission.KindBudget, pfNeed(pfBudgetsView), pfBudget, false}
	case permission.ViewBudgetEstimatedTime, permission.ViewVarianceAtCompletion, permission.ViewTimeToComplete:
		// "clients with access to time and budgets will be able to see your
		// estimates on tasks and other related data such as Variance at
		// Completion and Time to complete"
		r = pfRule{permission.KindBudget, pfNeed(permission.TasksViewEstimates, pfTasksView, pfProjectsView, pfBudgetsView), pfBudget, false}
	case permission.ViewBudgetWorkedTime: // worked time: "clients will never see your Worked time"
		r = pfRule{permission.KindBudget, pfNeed(permission.BudgetsViewTime, pfBudgetsView), pfBudget, true}
	case permission.ViewBudgetRevenue:
		r = pfRule{permission.KindBudget, pfNeed(permission.BudgetsViewFinancials, pfBudgetsView), pfBudget, true}
	case permission.ViewBudgetProfit:
		r = pfRule{permission.KindBudget, pfNeed(permission.BudgetsViewProfit, permission.BudgetsViewFinancials, pfBudgetsView), pfBudget, true}
	case permission.ViewBudgetCost:
		r = pfRule{permission.KindBudget, pfNeed(permission.BudgetsViewCost, permission.BudgetsViewFinancials, pfBudgetsView), pfBudget, true}

	// A deal.
	case permission.ViewDeal:
		r = pfRule{permission.KindDeal, pfNeed(permission.DealsView), pfDeal, false}
	case permission.ViewDealFinancials:
		r = pfRule{permission.KindDeal, pfNeed(permission.DealsViewFinancials, permission.DealsView), pfDeal, true}
	case permission.ViewDealProfit: // Manager: all deals "except cost and profit"
		r = pfRule{permission.KindDeal, pfNeed(permission.DealsViewProfit, permission.DealsViewFinancials, permission.DealsView), pfDeal, true}

	// Invoices and payments: all invoicing, never for clients.
	case permission.ViewInvoice:
		r = pfRule{permission.KindInvoice, pfNeed(pfInvoicesView), pfInvoice, true}
	case permission.ManageInvoice: // "Add, edit, and delete invoices and payments"
		r = pfRule{permission.KindInvoice, pfNeed(permission.InvoicesManage, permission.InvoicesManageFinalized, permission.InvoicesFinalize,
			permission.InvoicesManageDrafts, permission.PaymentsManage, permission.PaymentsView, pfInvoicesView), pfInvoice, true}
	case permission.ExportInvoice: // "Copy invoices to an accounting system", which invoices.manage implies (pfHas); no integration permission
		r = pfRule{permission.KindInvoice, pfNeed(permission.InvoicesCopyToAccounting, pfInvoicesView), pfInvoice, true}
	case permission.EditDraftInvoice:
		r = pfRule{permission.KindInvoice, pfNeed(permission.InvoicesManageDrafts, pfInvoicesView), pfInvoice, true}
	case permission.FinalizeInvoice:
		r = pfRule{permission.KindInvoice, pfNeed(permission.InvoicesFinalize, permission.InvoicesManageDrafts, pfInvoicesView), pfInvoice, true}
	case permission.EditFinalizedInvoice:
		r = pfRule{permission.KindInvoice, pfNeed(permission.InvoicesManageFinalized, permission.InvoicesFinalize, permission.InvoicesManageDrafts, pfInvoicesView), pfInvoice, true}
	case permission.ViewPayment:
		r = pfRule{permission.KindInvoice, pfNeed(permission.PaymentsView, pfInvoicesView), pfInvoice, true}
	case permission.ManagePayments:
		r = pfRule{permission.KindInvoice, pfNeed(permission.PaymentsManage, permission.PaymentsView, pfInvoicesView), pfInvoice, true}
	case permission.SendPaymentReminder:
		r = pfRule{permission.KindInvoice, pfNeed(permission.PaymentsSendReminders, permission.PaymentsView, pfInvoicesView), pfInvoice, true}

	// Expenses, never for clients.
	case permission.ManageExpense:
		r = pfRule{permission.KindExpense, pfNeed(permission.ExpensesManageOwn), pfExpense, true}
	case permission.ExportExpense: // export: "Add, edit, and delete all expenses"
		r = pfRule{permission.KindExpense, pfNeed(permission.ExpensesManageAll, permission.ExpensesManageOwn), pfExpense, true}

	// Contacts and client companies, anywhere.
	case permission.ViewContact: // "access Contacts (People, and Companies)"
		r = pfRule{permission.KindContact, pfNeed(pfContactsView), pfAnywhere, false}
	case permission.ManageContact: // "access and manage people and companies"
		r = pfRule{permission.KindContact, pfNeed(permission.ContactsManage, pfContactsView), pfAnywhere, false}
	case permission.ViewContactFinancials: // Coordinator may not see "the financial information of Contacts"
		r = pfRule{permission.KindContact, pfNeed(permission.ContactsViewFinancials, pfContactsView), pfAnywhere, true}
	case permission.ViewContactCustomFields:
		r = pfRule{permission.KindContact, pfNeed(permission.ContactsViewCustomFields, pfContactsView), pfAnywhere, false}
	case permission.EditContactCustomFields:
		r = pfRule{permission.KindContact, pfNeed(permission.ContactsEditCustomFields, permission.ContactsViewCustomFields, pfContactsView), pfAnywhere, false}
	case permission.ViewContactSensitiveFields:
		r = pfRule{permission.KindContact, pfNeed(permission.ContactsViewSensitiveFields, permission.ContactsViewCustomFields, pfContactsView), pfAnywhere, false}
	case permission.ManageContactSensitiveFields:
		r = pfRule{permission.KindContact, pfNeed(permission.ContactsManageSensitiveFields, permission.ContactsViewSensitiveFields,
			permission.ContactsEditCustomFields, permission.ContactsViewCustomFields, pfContactsView), pfAnywhere, false}
	case permission.ViewClient:
		r = pfRule{permission.KindClient, pfNeed(permission.ClientsView), pfAnywhere, false}
	case permission.ManageClient:
		r = pfRule{permission.KindClient, pfNeed(permission.ClientsManage, permission.ClientsView), pfAnywhere, false}

	// Purchase orders and services, which live on a budget.
	case permission.ViewPurchaseOrder: // "View purchase orders on budgets where user is a member"; never for clients
		r = pfRule{permission.KindPurchaseOrder, pfNeed(pfPurchaseOrdersView), pfPurchaseOrder, true}
	case permission.ViewService: // a service is part of its budget: seen as the budget is
		r = pfRule{permission.KindService, pfNeed(pfBudgetsView), pfBudget, false}

	default:
		return pfRule{}, false
	}
	return r, true
}

// pfKindView is the permission needed to see anything of kind k at all.
func pfKindView(k permission.Kind) permission.Permission {
	switch k {
	case permission.KindProject:
		return pfProjectsView
	case permission.KindTask:
		return pfTasksView
	case permission.KindDoc:
		return permission.DocsAccess
	case permission.KindBudget, permission.KindService:
		return pfBudgetsView
	case permission.KindPurchaseOrder:
		return pfPurchaseOrdersView
	case permission.KindDeal:
		return permission.DealsView
	case permission.KindInvoice:
		return pfInvoicesView
	case permission.KindContact:
		return pfContactsView
	case permission.KindClient:
		return permission.ClientsView
	}
	return 0
}

// pfDeps lists what holding p directly needs ("p needs q"), from the
// builder's dependent permissions as the project decided them.
func pfDeps(p permission.Permission) []permission.Permission {
	switch p {
	case permission.ProjectsViewPublic, permission.ProjectsCreate, permission.ProjectsManageMembers, permission.TasksView, permission.DocsAccess:
		return pfNeed(pfProjectsView)
	case permission.ProjectsViewAll:
		return pfNeed(permission.ProjectsViewPublic)
	case permission.TasksComment, permission.TaskListsManage, permission.TasksViewEstimates:
		return pfNeed(pfTasksView)
	case permission.TasksManage:
		return pfNeed(permission.TasksComment)
	case permission.TimeViewOthersDetails, permission.TimeViewBillable, permission.TimeApprove, permission.TimeApproveMemberBudgets:
		return pfNeed(pfTimeViewOthers)
	case permission.TimeApproveAll:
		return pfNeed(permission.TimeApprove, permission.TimeApproveMemberBudgets)
	// Absence and allocations: own <= subsidiary <= all ([ABS]: turning on
	// "View absence details for all users" turns on "View absence bookings
	// for users in their subsidiary").
	case pfTimeOffSubsidiary:
		return pfNeed(pfTimeOffOwn)
	case pfTimeOffOthers:
		return pfNeed(pfTimeOffSubsidiary)
	case permission.TimeOffViewDetails, permission.TimeOffApprove:
		return pfNeed(pfTimeOffOthers)
	case permission.TimeOffApproveAll: // on behalf of any approver: approving is what it widens
		return pfNeed(permission.TimeOffApprove)
	case permission.AbsenceAllocationsViewSubsidiary:
		return pfNeed(permission.AbsenceAllocationsViewOwn)
	case permission.AbsenceAllocationsViewAll:
		return pfNeed(permission.AbsenceAllocationsViewSubsidiary)
	case permission.AbsenceAllocationsManage:
		return pfNeed(permission.AbsenceAllocationsViewAll)
	case pfSchedulesViewOther:
		return pfNeed(pfSchedulesViewOwn)
	case permission.SchedulesViewDetails, permission.SchedulesManageBookings:
		return pfNeed(pfSchedulesViewOther)
	case permission.BudgetsViewAll, permission.BudgetsViewTime, permission.BudgetsViewFinancials:
		return pfNeed(pfBudgetsView)
	case permission.BudgetsViewProfit, permission.BudgetsViewCost:
		return pfNeed(permission.BudgetsViewFinancials)
	case permission.DealsViewAll, permission.DealsCreate, permission.DealsViewFinancials:
		return pfNeed(permission.DealsView)
	case permission.DealsViewProfit:
		return pfNeed(permission.DealsViewFinancials)
	case permission.InvoicesViewAll, permission.InvoicesManageDrafts, permission.PaymentsView, permission.InvoicesCopyToAccounting:
		return pfNeed(pfInvoicesView) // [INV] "Required for all other invoice permissions"
	case permission.InvoicesFinalize:
		return pfNeed(permission.InvoicesManageDrafts)
	case permission.InvoicesManageFinalized:
		return pfNeed(permission.InvoicesFinalize)
	case permission.PaymentsManage, permission.PaymentsSendReminders:
		return pfNeed(permission.PaymentsView)
	case permission.PaymentsManageReminderTemplates:
		return pfNeed(permission.PaymentsSendReminders)
	case permission.InvoicesManage:
		return pfNeed(permission.InvoicesManageFinalized, permission.PaymentsManage)
	case permission.PurchaseOrdersViewAll:
		return pfNeed(pfPurchaseOrdersView)
	case permission.ExpensesManageAll:
		return pfNeed(permission.ExpensesManageOwn)
	case permission.ContactsManage, permission.ContactsViewFinancials, permission.ContactsViewCustomFields:
		return pfNeed(pfContactsView)
	case permission.ContactsEditCustomFields, permission.ContactsViewSensitiveFields:
		return pfNeed(permission.ContactsViewCustomFields)
	case permission.ContactsManageSensitiveFields:
		return pfNeed(permission.ContactsViewSensitiveFields, permission.ContactsEditCustomFields)
	case permission.ClientsManage:
		return pfNeed(permission.ClientsView)
	case permission.ReportsManage, permission.ReportsViewFinancials:
		return pfNeed(permission.ReportsView)
	case permission.ReportsViewOrgProfit, permission.ReportsViewCostMargin:
		return pfNeed(permission.ReportsViewFinancials)
	case permission.IntegrationsManageTaskManagement:
		return pfNeed(permission.IntegrationsViewTaskManagement)
	case permission.PeopleManageSalaries:
		return pfNeed(permission.PeopleViewCostRates)
	case permission.PeopleViewCostRates:
		return pfNeed(permission.PeopleViewCostRatesSubsidiary)
	}
	return nil
}

// pfDependsOn reports whether holding p needs q, directly or through other
// permissions.
func pfDependsOn(p, q permission.Permission) bool {
	for _, d := range pfDeps(p) {
		if d == q || pfDependsOn(d, q) {
			return true
		}
	}
	return false
}

// pfClose returns ps with everything they depend on, without repeats.
func pfClose(ps []permission.Permission) []permission.Permission {
	var out []permission.Permission
	var add func(p permission.Permission)
	add = func(p permission.Permission) {
		if pfIn(p, out) {
			return
		}
		out = append(out, p)
		for _, d := range pfDeps(p) {
			add(d)
		}
	}
	for _, p := range ps {
		add(p)
	}
	return out
}

// The permissions only the Owner may hold (roles seed: the Owner may "access
// all billings", "transfer the ownership to another person", "deactivate the
// whole organization").
var pfOwnerOnlyList = []permission.Permission{
	permission.BillingView, permission.OrganizationTransferOwnership, permission.OrganizationDeactivate,
}

// What a free client seat may hold: collaborating on tasks and docs (client
// article: "prevent clients from altering tasks or accessing docs unless
// explicitly allowed"), and the budgets and timesheets add-on (budgets,
// estimates, time entries, and billable time: "Clients can see billable time
// entries but not worked time").
var pfClientList = []permission.Permission{
	pfProjectsView, pfTasksView, permission.TasksComment, permission.TasksManage, permission.DocsAccess,
	permission.TasksViewEstimates, pfBudgetsView, pfTimeViewOthers, permission.TimeViewBillable,
}

// What a Contractor may hold, since the Contractor set "cannot be adjusted
// with custom permissions": exactly its system set.
var pfContractorList = []permission.Permission{
	pfProjectsView, pfTasksView, permission.TasksComment, permission.TasksManage, permission.TaskListsManage,
	permission.DocsAccess, permission.TimeTrackOwn, pfSchedulesViewOwn,
}

func pfIn(p permission.Permission, list []permission.Permission) bool {
	for _, q := range list {
		if p == q {
			return true
		}
	}
	return false
}

var pfEmployees = []role.Role{role.Staff, role.Coordinator, role.Manager, role.ProfitabilityManager, role.Admin, role.Owner}

var pfRefRoles = append(append([]role.Role{}, pfEmployees...), role.Client, role.Contractor)

func pfIsRole(r role.Role) bool {
	for _, e := range pfRefRoles {
		if r == e {
			return true
		}
	}
	return false
}

func pfIsEmployee(r role.Role) bool {
	for _, e := range pfEmployees {
		if r == e {
			return true
		}
	}
	return false
}

// pfRank is an employee role's place in the order the roles seed lists them,
// Staff lowest and Owner highest; clients and contractors rank 0.
func pfRank(r role.Role) int {
	for i, e := range pfEmployees {
		if r == e {
			return i + 1
		}
	}
	return 0
}

// pfMayHold reports whether a person with role r may hold p at all.
func pfMayHold(r role.Role, p permission.Permission) bool {
	switch {
	case r == role.Owner:
		return true
	case pfIsEmployee(r):
		return !pfIn(p, pfOwnerOnlyList)
	case r == role.Client:
		return pfIn(p, pfClientList)
	case r == role.Contractor:
		return pfIn(p, pfContractorList)
	}
	return false
}

func pfSubjectOK(s permission.Subject) bool {
	if s.Org == 0 || s.ID == 0 || !pfIsRole(s.Role) {
		return false
	}
	for _, p := range pfRefAllPerms {
		if s.Permissions.Has(p) && !pfMayHold(s.Role, p) {
			return false
		}
	}
	return true
}

// pfLacking lists the fields r lacks for action a: those its kind needs
// (the table in Resource's doc), and those the action needs besides
// (changing a permission set looks at the set the person holds now). An
// empty list means r is well formed for a.
func pfLacking(a permission.Action, r permission.Resource) []string {
	var out []string
	lack := func(missing bool, field string) {
		if missing {
			out = append(out, field)
		}
	}
	lack(r.Org == 0, "Org") // "the zero organization is invalid"
	project := func() {
		lack(r.Project == 0, "Project")
		lack(r.Visibility != scope.Public && r.Visibility != scope.Private, "Visibility")
	}
	switch r.Kind {
	case permission.KindPerson:
		lack(r.Person == 0, "Person")
		lack(!pfIsRole(r.PersonRole), "PersonRole")
		lack(a == permission.ChangePermissionSet && r.PersonPermissions == (permission.Mask{}), "PersonPermissions")
	case permission.KindTimeOff, permission.KindAllocation:
		lack(r.Person == 0, "Person")
	case permission.KindProject, permission.KindTask, permission.KindDoc:
		project()
	case permission.KindBudget, permission.KindInvoice, permission.KindService, permission.KindPurchaseOrder:
		project()
		lack(r.Budget == 0, "Budget")
	case permission.KindBooking: // a booking's budget is optional: 0 is "not on a budget"
		project()
		lack(r.Person == 0, "Person")
	case permission.KindTimeEntry, permission.KindExpense:
		project()
		lack(r.Budget == 0, "Budget")
		lack(r.Person == 0, "Person")
	case permission.KindDeal:
		lack(r.Deal == 0, "Deal")
	}
	return out
}

// pfInvoiceParts are the parts Productive split the legacy "Add, edit, and
// delete invoices and payments" into ([INV], domain Q10).
var pfInvoiceParts = []permission.Permission{
	permission.InvoicesManageDrafts, permission.InvoicesFinalize, permission.InvoicesManageFinalized, permission.PaymentsManage,
}

// pfHas reports whether s holds p as the rules read holding: the bits of the
// subject's set, and two rights held by holding others (issue 21, rule 8).
// Holding every part of the legacy invoices.manage, with what the parts
// depend on, is holding invoices.manage (domain Q10: "Document
// invoices.manage as equivalent to the set {manage_drafts, finalize,
// manage_finalized, payments.manage}"); and invoices.manage exports
// invoices as "Copy invoices to an accounting system" does (integration
// article: "Users with the following permissions can export invoices ...:
// Add, edit, and delete invoices and payments").
func pfHas(s permission.Subject, p permission.Permission) bool {
	switch {
	case s.Permissions.Has(p):
		return true
	case p == permission.InvoicesManage:
		for _, part := range pfClose(pfInvoiceParts) {
			if !s.Permissions.Has(part) {
				return false
			}
		}
		return true
	case p == permission.InvoicesCopyToAccounting:
		return pfHas(s, permission.InvoicesManage)
	}
	return false
}

// pfRefVerdict is a reason with the permission it names (zero for none).
type pfRefVerdict struct {
	why     permission.Reason
	missing permission.Permission
}

var pfOK = pfRefVerdict{permission.Granted, 0}

// pfDeny is a reach denial naming widen, when the subject's role may hold it.
func pfDeny(s permission.Subject, why permission.Reason, widen permission.Permission) pfRefVerdict {
	if widen != 0 && !pfMayHold(s.Role, widen) {
		widen = 0
	}
	return pfRefVerdict{why, widen}
}

// pfMissing is the reach clause that fails for want of any reach right of
// the object type: like a missing required permission, it is always named,
// even when the role may not hold it (a Contractor holds no
// time_off.request_own).
func pfMissing(_ permission.Subject, p permission.Permission) pfRefVerdict {
	return pfRefVerdict{permission.MissingPermission, p}
}

// pfProjectReach: projects.view_all reaches every project; projects.view_public
// public ones and those the subject is a member of; projects.view only those.
func pfProjectReach(s permission.Subject, r permission.Resource) pfRefVerdict {
	has := func(p permission.Permission) bool { return pfHas(s, p) }
	shared := s.Projects.Has(r.Project)
	switch {
	case has(permission.ProjectsViewAll):
		return pfOK
	case has(permission.ProjectsViewPublic):
		if r.Visibility == scope.Public || shared {
			return pfOK
		}
		return pfDeny(s, permission.PrivateNotMember, permission.ProjectsViewAll)
	case has(pfProjectsView):
		if shared {
			return pfOK
		}
		return pfDeny(s, permission.NotInReach, permission.ProjectsViewAll)
	}
	return pfMissing(s, pfProjectsView)
}

// pfOnBudget: the subject is a member of the record's budget itself (a
// booking on no budget has none). Issue 21: "people are made members of a
// budget without being members of its project".
func pfOnBudget(s permission.Subject, r permission.Resource) bool {
	return r.Budget != 0 && s.Budgets.Has(r.Budget)
}

// pfOnMemberBudget: a member of the budget or of its project.
func pfOnMemberBudget(s permission.Subject, r permission.Resource) bool {
	return pfOnBudget(s, r) || s.Projects.Has(r.Project)
}

// pfProjectOrBudget is what a right of time entries or bookings that reaches
// "projects in reach" reaches since issue 21: projects in reach, or records
// on a budget the subject is a member of, whether or not they are a member
// of its project. Failing both, the project reach says why.
//
// Without any project right, budget membership still reaches: the record is
// then out of reach (not a member of its budget), and the right that would
// reach it whatever it is, projects.view_all, is named; granting
// projects.view alone would not reach it.
func pfProjectOrBudget(s permission.Subject, r permission.Resource) pfRefVerdict {
	switch {
	case pfOnBudget(s, r):
		return pfOK
	case !pfHas(s, pfProjectsView) && !pfHas(s, permission.ProjectsViewPublic) && !pfHas(s, permission.ProjectsViewAll):
		return pfDeny(s, permission.NotInReach, permission.ProjectsViewAll)
	}
	return pfProjectReach(s, r)
}

// pfBudgetReach: a client reaches a budget only on a project they are a
// member of, as a member of the budget, with Client access on; anyone else
// every budget with budgets.view_all, otherwise those they are a member of
// (of the budget or of its project).
func pfBudgetReach(s permission.Subject, r permission.Resource) pfRefVerdict {
	if !pfHas(s, pfBudgetsView) {
		return pfMissing(s, pfBudgetsView)
	}
	if s.Role == role.Client {
		switch {
		case !s.Projects.Has(r.Project):
			return pfRefVerdict{permission.NotInReach, 0}
		case !pfOnBudget(s, r):
			return pfRefVerdict{permission.BudgetNotShared, 0}
		case !r.ClientAccess:
			return pfRefVerdict{permission.ClientAccessOff, 0}
		}
		return pfOK
	}
	if pfHas(s, permission.BudgetsViewAll) || pfOnMemberBudget(s, r) {
		return pfOK
	}
	return pfDeny(s, permission.NotInReach, permission.BudgetsViewAll)
}

// pfOthersPart is what holding the "others" right of time entries or
// bookings reaches: a client through the budget, and of a time entry only an
// approved one where the budget requires approval ([CBT] "The project
// manager must approve each time entry before it becomes visible to
// clients"); anyone else projects in reach or budgets they are a member of.
func pfOthersPart(s permission.Subject, r permission.Resource) pfRefVerdict {
	if s.Role != role.Client {
		return pfProjectOrBudget(s, r)
	}
	v := pfBudgetReach(s, r)
	if v == pfOK && r.Kind == permission.KindTimeEntry && r.ApprovalRequired && !r.Approved {
		return pfRefVerdict{permission.NotApproved, 0}
	}
	return v
}

// pfOwnOrOthers is the rule of time entries and bookings: others' records in
// reach with the "others" right; with only the "own" right, the subject's own
// records, then in reach as the "others" right reaches.
func pfOwnOrOthers(s permission.Subject, r permission.Resource, others, own permission.Permission) pfRefVerdict {
	switch {
	case pfHas(s, others):
		return pfOthersPart(s, r)
	case pfHas(s, own):
		if r.Person != s.ID {
			return pfDeny(s, permission.NotOwnRecord, others)
		}
		return pfProjectOrBudget(s, r)
	case s.Role == role.Client: // clients keep no records of their own: they lack the others right
		return pfMissing(s, others)
	}
	return pfMissing(s, own)
}

// pfBookingBasics: the Resource Planner shows whoever sees others'
// schedules "the allocated hours and the client company name" of every
// booking, also on budgets or deals they are not part of ([RPL]); with only
// their own schedule, their own bookings.
func pfBookingBasics(s permission.Subject, r permission.Resource) pfRefVerdict {
	switch {
	case pfHas(s, pfSchedulesViewOther):
		return pfOK
	case pfHas(s, pfSchedulesViewOwn):
		if r.Person != s.ID {
			return pfDeny(s, permission.NotOwnRecord, pfSchedulesViewOther)
		}
		return pfOK
	case s.Role == role.Client:
		return pfMissing(s, pfSchedulesViewOther)
	}
	return pfMissing(s, pfSchedulesViewOwn)
}

// pfLadder is the rule of the workplace ladders ([ABS], [CTR], [WKP]):
// everyone's records with the wide right; with the subsidiary right, the
// subject's own and those of people of the same workplace (a person of no
// workplace shares it with nobody); with the own right, where the ladder has
// one, the subject's own. Holding none, the narrowest right is named.
func pfLadder(s permission.Subject, r permission.Resource, all, subsidiary, own permission.Permission) pfRefVerdict {
	mine := r.Person == s.ID
	sameWorkplace := s.Workplace != 0 && r.Workplace == s.Workplace
	switch {
	case pfHas(s, all):
		return pfOK
	case pfHas(s, subsidiary):
		if mine || sameWorkplace {
			return pfOK
		}
		return pfDeny(s, permission.OtherWorkplace, all)
	case own != 0 && pfHas(s, own):
		if mine {
			return pfOK
		}
		return pfDeny(s, permission.NotOwnRecord, all)
	case own == 0:
		return pfMissing(s, subsidiary)
	}
	return pfMissing(s, own)
}

// pfManageablePerson: "Admin ... Can change the permission set of all users
// except the organization owner and their own"; nobody changes the set of a
// higher role, nor of someone who holds a permission they lack (DESIGN: "nor
// changes the set of someone who holds one they lack").
func pfManageablePerson(s permission.Subject, r permission.Resource) pfRefVerdict {
	switch {
	case r.Person == s.ID:
		return pfRefVerdict{permission.OwnRecordRefused, 0}
	case r.PersonRole == role.Owner || pfRank(r.PersonRole) > pfRank(s.Role):
		return pfRefVerdict{permission.PersonProtected, 0}
	}
	for _, p := range pfRefAllPerms {
		if r.PersonPermissions.Has(p) && !pfHas(s, p) {
			return pfRefVerdict{permission.PersonHoldsMore, 0}
		}
	}
	return pfOK
}

// pfTimeApprover: approving a time entry needs a permission and a relation,
// and the relation is the reach ([TEA]: "approve time entries within
// budgets where they are the designated approver"; "Approve Time Entries on
// Budgets Where User Is a Member"). Nobody approves their own; an entry on a
// budget that does not require approval awaits none ([TAB]); the
// organization-wide right approves anyone's on projects in reach, and where
// the subject is the approver or a budget member.
//
// A subject who holds no approval right at all is told which to grant
// first, whatever the entry: as with every rule that reaches nothing
// without a reach right, the missing right is the one answer that holds for
// every record (Authorize's documented order).
func pfTimeApprover(s permission.Subject, r permission.Resource) pfRefVerdict {
	approver, member := r.Approver == s.ID, pfOnBudget(s, r)
	switch {
	case !pfHas(s, permission.TimeApproveAll) && !pfHas(s, permission.TimeApprove) && !pfHas(s, permission.TimeApproveMemberBudgets):
		return pfMissing(s, permission.TimeApprove)
	case r.Person == s.ID:
		return pfRefVerdict{permission.OwnRecordRefused, 0}
	case !r.ApprovalRequired:
		return pfRefVerdict{permission.NothingToApprove, 0}
	case pfHas(s, permission.TimeApproveAll):
		if approver || member {
			return pfOK
		}
		return pfProjectOrBudget(s, r) // the relations could have reached it: out of reach, as there
	case pfHas(s, permission.TimeApprove) && approver, pfHas(s, permission.TimeApproveMemberBudgets) && member:
		return pfOK
	case pfHas(s, permission.ProjectsViewAll): // the organization-wide right would approve it
		return pfDeny(s, permission.NotApprover, permission.TimeApproveAll)
	}
	return pfDeny(s, permission.NotApprover, 0) // it would still need the entry's project in reach
}

// pfAbsenceRequestApprover: [TOA] "If a time off category does not have an
// approver defined, all requests will be approved automatically", so a
// request whose policy names nobody awaits no approval, even an Admin's;
// [TOA] "all admins can approve requests on behalf of other approvers"
// (time_off.approve_all); anyone else approves as one of the approvers the
// policy names, or as the requester's manager where the policy names
// managers. Nobody approves their own.
func pfAbsenceRequestApprover(s permission.Subject, r permission.Resource) pfRefVerdict {
	switch {
	case r.Person == s.ID:
		return pfRefVerdict{permission.OwnRecordRefused, 0}
	case r.Approvers.Len() == 0 && !(r.ManagerApproves && r.Manager != 0):
		return pfRefVerdict{permission.NothingToApprove, 0}
	case pfHas(s, permission.TimeOffApproveAll):
		return pfOK
	case r.Approvers.Has(s.ID), r.ManagerApproves && r.Manager == s.ID:
		return pfOK
	}
	return pfDeny(s, permission.NotApprover, permission.TimeOffApproveAll)
}

func pfReachOf(s permission.Subject, r permission.Resource, how pfReach) pfRefVerdict {
	has := func(p permission.Permission) bool { return pfHas(s, p) }
	own := r.Person == s.ID
	switch how {
	case pfAnywhere:
		return pfOK
	case pfAllBudgets:
		if !has(permission.BudgetsViewAll) {
			return pfMissing(s, permission.BudgetsViewAll)
		}
		return pfOK
	case pfOwn:
		if !own {
			return pfRefVerdict{permission.NotOwnRecord, 0}
		}
		return pfOK
	case pfOwnProject:
		if !own {
			return pfRefVerdict{permission.NotOwnRecord, 0}
		}
		return pfProjectOrBudget(s, r)
	case pfProject:
		return pfProjectReach(s, r)
	case pfJoin:
		if !pfIsEmployee(s.Role) {
			return pfRefVerdict{permission.EmployeesOnly, 0}
		}
		if has(permission.ProjectsViewAll) || r.Visibility == scope.Public || s.Projects.Has(r.Project) {
			return pfOK
		}
		return pfDeny(s, permission.PrivateNotMember, permission.ProjectsViewAll)
	case pfDeal:
		if has(permission.DealsViewAll) || s.Deals.Has(r.Deal) {
			return pfOK
		}
		return pfDeny(s, permission.DealNotAssigned, permission.DealsViewAll)
	case pfBudget:
		return pfBudgetReach(s, r)
	case pfInvoice:
		if has(permission.InvoicesViewAll) || pfOnMemberBudget(s, r) {
			return pfOK
		}
		return pfDeny(s, permission.NotInReach, permission.InvoicesViewAll)
	case pfPurchaseOrder:
		if has(permission.PurchaseOrdersViewAll) || pfOnMemberBudget(s, r) {
			return pfOK
		}
		return pfDeny(s, permission.NotInReach, permission.PurchaseOrdersViewAll)
	case pfExpense:
		switch {
		case has(permission.ExpensesManageAll):
			return pfOK
		case has(permission.ExpensesManageOwn):
			if !own {
				return pfDeny(s, permission.NotOwnRecord, permission.ExpensesManageAll)
			}
			if !pfOnMemberBudget(s, r) {
				return pfDeny(s, permission.NotInReach, permission.ExpensesManageAll)
			}
			return pfOK
		}
		return pfMissing(s, permission.ExpensesManageOwn)
	case pfTime:
		return pfOwnOrOthers(s, r, pfTimeViewOthers, permission.TimeTrackOwn)
	case pfBooking:
		return pfOwnOrOthers(s, r, pfSchedulesViewOther, pfSchedulesViewOwn)
	case pfBasics:
		return pfBookingBasics(s, r)
	case pfAbsence:
		return pfLadder(s, r, pfTimeOffOthers, pfTimeOffSubsidiary, pfTimeOffOwn)
	case pfAllocation:
		return pfLadder(s, r, permission.AbsenceAllocationsViewAll, permission.AbsenceAllocationsViewSubsidiary, permission.AbsenceAllocationsViewOwn)
	case pfCostRate: // no rung of one's own: a cost rate is seen with a cost rates right
		return pfLadder(s, r, permission.PeopleViewCostRates, permission.PeopleViewCostRatesSubsidiary, 0)
	case pfManageable:
		return pfManageablePerson(s, r)
	case pfApprover:
		return pfTimeApprover(s, r)
	case pfAbsenceApprover:
		return pfAbsenceRequestApprover(s, r)
	}
	panic("reference: unknown reach")
}

// pfPlanAtLeastProfessional: "In the Professional and Ultimate pricing
// plans, Client Managers can be granted access to budgets, view time
// entries on budgets and time estimates on tasks" [CMP]; Enterprise is above
// them. A plan not stated (zero), or not a plan at all, is below.
func pfPlanAtLeastProfessional(p permission.Plan) bool {
	return p == permission.Professional || p == permission.Ultimate || p == permission.Enterprise
}

// pfPlanned reports whether a client needs the Professional plan for the
// action: every action on a budget, a service (part of a budget) or a time
// entry, and every action that shows estimates.
func pfPlanned(rule pfRule) bool {
	switch rule.kind {
	case permission.KindBudget, permission.KindService, permission.KindTimeEntry:
		return true
	}
	return pfIn(permission.TasksViewEstimates, rule.need)
}

// pfReference is the reference evaluator. It runs the checks in the order the
// spec gives and returns the reason and the permission it names.
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
	if len(pfLacking(a, r)) > 0 {
		return permission.InvalidResource, 0
	}
	if r.Org != s.Org { // no set reaches across organizations, the Owner's included
		return permission.OtherOrganization, 0
	}
	if rule.hidden && s.Role == role.Client {
		return permission.ClientNeverSees, 0
	}
	if s.Role == role.Client && pfPlanned(rule) && !pfPlanAtLeastProfessional(s.Plan) {
		return permission.PlanTooLow, 0
	}
	var missing []permission.Permission
	for _, p := range rule.need {
		if !pfHas(s, p) {
			missing = append(missing, p)
		}
	}
	// Name the missing permission the action is about: one that no other
	// missing permission depends on, so that granting it (which grants its
	// dependencies) is the fix; among several, the first in catalogue order.
	for _, p := range pfRefAllPerms {
		if !pfIn(p, missing) {
			continue
		}
		top := true
		for _, q := range missing {
			if pfDependsOn(q, p) {
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
	v := pfReachOf(s, r, rule.reach)
	return v.why, v.missing
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

// ---- The reference's own tables, checked by themselves. ----

// TestReferenceRowsClosed checks the hand-written rows against the
// hand-written dependencies: each row's list holds its kind's view
// permission, everything its permissions depend on, and no repeats.
func TestReferenceRowsClosed(t *testing.T) {
	for _, a := range pfRefAllActions {
		rule, ok := pfRuleOf(a)
		if !ok {
			t.Errorf("%v: not in the reference's table", a)
			continue
		}
		if v := pfKindView(rule.kind); v != 0 && !pfIn(v, rule.need) {
			t.Errorf("%v: lacks %v, the view permission of %v", a, v, rule.kind)
		}
		closed := pfClose(rule.need)
		if len(closed) != len(rule.need) {
			t.Errorf("%v: the list %v is not closed or repeats: closed it is %v", a, pfNames(rule.need), pfNames(closed))
		}
	}
}

// TestReferenceTableAgrees compares the reference's rows with the production
// action table and catalogue column by column, so that a disagreement shows
// as a readable diff of names before the random cases find it.
func TestReferenceTableAgrees(t *testing.T) {
	type row struct {
		Kind     string
		Requires []string
		Rule     string
		Hidden   bool
	}
	var want, got []row
	for _, a := range pfRefAllActions {
		rule, _ := pfRuleOf(a)
		want = append(want, row{rule.kind.String(), pfSorted(rule.need), pfRuleName(rule.reach), rule.hidden})
		got = append(got, row{a.Kind().String(), a.Requires().Names(), a.Rule().String(), a.HiddenFromClients()})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("action table (-reference +production):\n%s", diff)
	}
	deps := func(f func(permission.Permission) []string) map[string][]string {
		m := map[string][]string{}
		for _, p := range pfRefAllPerms {
			m[p.String()] = f(p)
		}
		return m
	}
	if diff := cmp.Diff(deps(func(p permission.Permission) []string { return pfSorted(pfDeps(p)) }),
		deps(func(p permission.Permission) []string { return p.Needs().Names() })); diff != "" {
		t.Errorf("direct dependencies (-reference +production):\n%s", diff)
	}
	for _, r := range append(append([]role.Role{}, pfRefRoles...), 0, 9) {
		var mine []permission.Permission
		for _, p := range pfRefAllPerms {
			if pfMayHold(r, p) {
				mine = append(mine, p)
			}
		}
		if diff := cmp.Diff(pfSorted(mine), permission.HoldableBy(r).Names()); diff != "" {
			t.Errorf("what %v may hold (-reference +production):\n%s", r, diff)
		}
	}
}

// pfRuleName maps the reference's reach to the production rule it should be,
// by the exported Rule constants alone.
func pfRuleName(how pfReach) string {
	rules := map[pfReach]permission.Rule{
		pfAnywhere: permission.Anywhere, pfAllBudgets: permission.AllBudgets, pfOwn: permission.OwnRecord, pfOwnProject: permission.OwnRecordInReach,
		pfProject: permission.ProjectReach, pfJoin: permission.JoinablePublic, pfDeal: permission.DealReach,
		pfBudget: permission.BudgetReach, pfInvoice: permission.InvoiceReach, pfExpense: permission.ExpenseReach,
		pfTime: permission.TimeEntryReach, pfBooking: permission.BookingReach, pfBasics: permission.BookingBasics,
		pfAbsence: permission.TimeOffReach, pfAllocation: permission.AllocationReach, pfCostRate: permission.CostRateReach,
		pfPurchaseOrder: permission.PurchaseOrderReach, pfManageable: permission.ManageablePerson,
		pfApprover: permission.Approver, pfAbsenceApprover: permission.AbsenceApprover,
	}
	return rules[how].String()
}

// pfNames gives the names of ps in the given order.
func pfNames(ps []permission.Permission) []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		out = append(out, p.String())
	}
	return out
}

// pfSorted gives the names of ps in catalogue order, without repeats.
func pfSorted(ps []permission.Permission) []string {
	out := []string{}
	for _, p := range pfRefAllPerms {
		if pfIn(p, ps) {
			out = append(out, p.String())
		}
	}
	return out
}

// ---- Generators. ----

var pfRefAllPerms = func() []permission.Permission {
	var out []permission.Permission
	for p := range permission.All() {
		out = append(out, p)
	}
	return out
}()

var pfRefAllActions = func() []permission.Action {
	var out []permission.Action
	for a := range permission.Actions() {
		out = append(out, a)
	}
	return out
}()

// pfRefInvalidActions are actions outside the table.
var pfRefInvalidActions = []permission.Action{0, permission.Action(permission.ActionCount + 1), 255}

var pfRefKinds = []permission.Kind{
	permission.KindOrganization, permission.KindPerson, permission.KindProject, permission.KindTask,
	permission.KindDoc, permission.KindTimeEntry, permission.KindTimeOff, permission.KindBooking,
	permission.KindBudget, permission.KindDeal, permission.KindInvoice, permission.KindExpense,
	permission.KindContact, permission.KindAllocation, permission.KindClient, permission.KindPurchaseOrder,
	permission.KindService,
}

// pfKindActions lists the actions of kind k, by the reference's table.
var pfKindActions = func() map[permission.Kind][]permission.Action {
	m := map[permission.Kind][]permission.Action{}
	for _, a := range pfRefAllActions {
		if rule, ok := pfRuleOf(a); ok {
			m[rule.kind] = append(m[rule.kind], a)
		}
	}
	return m
}()

// pfAnyActionGen draws any action, now and then an invalid one.
func pfAnyActionGen() *rapid.Generator[permission.Action] {
	return rapid.Custom(func(t *rapid.T) permission.Action {
		if rapid.IntRange(0, 9).Draw(t, "invalid action") == 0 {
			return rapid.SampledFrom(pfRefInvalidActions).Draw(t, "action")
		}
		return rapid.SampledFrom(pfRefAllActions).Draw(t, "action")
	})
}

// pfRefPool is the small pool IDs are drawn from, so that memberships, owners
// and approvers often coincide with the subject and the resource.
var pfRefPool = []scope.ID{1, 2, 3, 4}

// pfRefIDGen draws an ID from the pool, and now and then the zero ID.
func pfRefIDGen() *rapid.Generator[scope.ID] {
	return rapid.Custom(func(t *rapid.T) scope.ID {
		if rapid.IntRange(0, 19).Draw(t, "zero") == 0 {
			return 0
		}
		return rapid.SampledFrom(pfRefPool).Draw(t, "id")
	})
}

// pfRefMembersGen draws a membership set over the pool.
func pfRefMembersGen() *rapid.Generator[scope.Members] {
	return rapid.Custom(func(t *rapid.T) scope.Members {
		return scope.NewMembers(rapid.SliceOfN(rapid.SampledFrom(pfRefPool), 0, 4).Draw(t, "members")...)
	})
}

// pfRefMaskGen draws any mask: a few permissions (closed over the reference's
// dependencies or not), or a random bit pattern over the catalogue.
func pfRefMaskGen() *rapid.Generator[permission.Mask] {
	return rapid.Custom(func(t *rapid.T) permission.Mask {
		if rapid.Bool().Draw(t, "bits") {
			lo, hi := rapid.Uint64().Draw(t, "pattern lo"), rapid.Uint64().Draw(t, "pattern hi")
			var m permission.Mask
			for i, p := range pfRefAllPerms {
				if []uint64{lo, hi}[i/64%2]>>(i%64)&1 == 1 {
					m = m.With(p)
				}
			}
			return m
		}
		ps := rapid.SliceOfN(rapid.SampledFrom(pfRefAllPerms), 0, 12).Draw(t, "perms")
		if rapid.Bool().Draw(t, "closed") {
			ps = pfClose(ps)
		}
		return permission.MaskOf(ps...)
	})
}

// pfRefRoleGen draws a role, now and then an invalid one.
func pfRefRoleGen() *rapid.Generator[role.Role] {
	return rapid.Custom(func(t *rapid.T) role.Role {
		if rapid.IntRange(0, 9).Draw(t, "invalid role") == 0 {
			return rapid.SampledFrom([]role.Role{0, 9, 200}).Draw(t, "role")
		}
		return rapid.SampledFrom(pfRefRoles).Draw(t, "role")
	})
}

// pfHoldable keeps the permissions of m that role r may hold, by the
// reference's lists.
func pfHoldable(r role.Role, m permission.Mask) permission.Mask {
	var out permission.Mask
	for _, p := range pfRefAllPerms {
		if m.Has(p) && pfMayHold(r, p) {
			out = out.With(p)
		}
	}
	return out
}

// pfCustomMask draws a custom set's permissions from one of the reference's
// system sets: a few grants the role may hold (closed, as the builder closes
// them, or not) and a few revokes.
func pfCustomMask(t *rapid.T, base pfSystemSet) permission.Mask {
	var holdable []permission.Permission
	for _, p := range pfRefAllPerms {
		if pfMayHold(base.role, p) {
			holdable = append(holdable, p)
		}
	}
	grant := rapid.SliceOfN(rapid.SampledFrom(holdable), 0, 6).Draw(t, "grant")
	if rapid.Bool().Draw(t, "close grants") {
		grant = pfClose(grant)
	}
	m := permission.MaskOf(base.perms...).Union(permission.MaskOf(grant...))
	for _, p := range rapid.SliceOfN(rapid.SampledFrom(pfRefAllPerms), 0, 3).Draw(t, "revoke") {
		m = m.Without(p)
	}
	return m
}

// pfRefSubjectGen draws a subject: from the reference's table of system sets,
// a custom mask built on one of them, or by hand (with permissions the role
// may hold, or with any role and mask at all). IDs and memberships come from
// the small pool.
func pfRefSubjectGen() *rapid.Generator[permission.Subject] {
	return rapid.Custom(func(t *rapid.T) permission.Subject {
		var s permission.Subject
		var everywhere bool // a member of every project and budget of the pool
		s.Plan = pfRefPlanGen().Draw(t, "plan")
		switch how := rapid.IntRange(0, 19).Draw(t, "how"); {
		case how < 6:
			row := rapid.SampledFrom(pfSystemSets).Draw(t, "system")
			s.Role, s.Permissions = row.role, permission.MaskOf(row.perms...)
		case how < 10:
			row := rapid.SampledFrom(pfSystemSets).Draw(t, "base")
			s.Role, s.Permissions = row.role, pfCustomMask(t, row)
		case how < 13: // clients with budgets, mostly on a plan with client budgets, so the Client access chain is hit often
			row := pfSystemSetOf(role.Client, scope.Member, set.AddonBudgets)
			s.Role, s.Permissions = row.role, permission.MaskOf(row.perms...)
			s.Plan = rapid.SampledFrom([]permission.Plan{permission.Professional, permission.Ultimate, permission.Enterprise, 0}).Draw(t, "client's plan")
			if everywhere = rapid.Bool().Draw(t, "client everywhere"); everywhere {
				s.Plan = permission.Professional
			}
		case how < 17:
			s.Role = pfRefRoleGen().Draw(t, "role")
			s.Permissions = pfHoldable(s.Role, pfRefMaskGen().Draw(t, "mask"))
		default:
			s.Role = pfRefRoleGen().Draw(t, "role")
			s.Permissions = pfRefMaskGen().Draw(t, "mask")
		}
		s.Org = pfRefOrgGen().Draw(t, "organization")
		s.ID = pfRefIDGen().Draw(t, "subject")
		s.Projects = pfRefMembersGen().Draw(t, "projects")
		s.Deals = pfRefMembersGen().Draw(t, "deals")
		s.Budgets = pfRefMembersGen().Draw(t, "budgets")
		if everywhere { // valid, and a member of everything: only the budget's toggles and the entry's approval decide
			s.Org, s.Projects, s.Budgets = testOrg, scope.NewMembers(pfRefPool...), scope.NewMembers(pfRefPool...)
		}
		s.Workplace = pfRefWorkplaceGen().Draw(t, "workplace")
		return s
	})
}

// pfRefWorkplaceGen draws a workplace from a tiny range, so that the
// subject's and the person's often coincide, and none (zero) often.
func pfRefWorkplaceGen() *rapid.Generator[scope.ID] {
	return rapid.SampledFrom([]scope.ID{0, 1, 2})
}

// pfRefPlanGen draws one of the four plans or none (zero), and now and then a
// value that is no plan at all.
func pfRefPlanGen() *rapid.Generator[permission.Plan] {
	return rapid.Custom(func(t *rapid.T) permission.Plan {
		if rapid.IntRange(0, 19).Draw(t, "invalid plan") == 0 {
			return rapid.SampledFrom([]permission.Plan{5, 200}).Draw(t, "plan")
		}
		return rapid.SampledFrom([]permission.Plan{0, permission.Essential, permission.Professional,
			permission.Ultimate, permission.Enterprise}).Draw(t, "plan")
	})
}

// pfRefPersonPermissionsGen draws the permissions a person holds now: none
// (a resource that lacks them), a system set of the reference's table (so
// that one subject's set is often a subset or a superset of the person's),
// one with a few permissions more or less, or any mask.
func pfRefPersonPermissionsGen() *rapid.Generator[permission.Mask] {
	return rapid.Custom(func(t *rapid.T) permission.Mask {
		switch rapid.IntRange(0, 5).Draw(t, "person permissions") {
		case 0:
			return permission.Mask{}
		case 1, 2:
			return permission.MaskOf(rapid.SampledFrom(pfSystemSets).Draw(t, "person's set").perms...)
		case 3:
			m := permission.MaskOf(rapid.SampledFrom(pfSystemSets).Draw(t, "person's base").perms...)
			for _, p := range rapid.SliceOfN(rapid.SampledFrom(pfRefAllPerms), 0, 2).Draw(t, "person's grants") {
				m = m.With(p)
			}
			for _, p := range rapid.SliceOfN(rapid.SampledFrom(pfRefAllPerms), 0, 2).Draw(t, "person's revokes") {
				m = m.Without(p)
			}
			return m
		}
		return pfRefMaskGen().Draw(t, "person's mask")
	})
}

// pfRefResourceGen draws any resource: mostly valid kinds, IDs from the pool
// with the zero ID now and then, any visibility.
func pfRefResourceGen() *rapid.Generator[permission.Resource] {
	return rapid.Custom(func(t *rapid.T) permission.Resource {
		var r permission.Resource
		if rapid.IntRange(0, 19).Draw(t, "invalid kind") == 0 {
			r.Kind = rapid.SampledFrom([]permission.Kind{0, permission.Kind(len(pfRefKinds) + 1), 255}).Draw(t, "kind")
		} else {
			r.Kind = rapid.SampledFrom(pfRefKinds).Draw(t, "kind")
		}
		return pfRefFillResource(t, r)
	})
}

// pfRefResourceOfKind draws a resource of kind k with random relation fields.
func pfRefResourceOfKind(k permission.Kind) *rapid.Generator[permission.Resource] {
	return rapid.Custom(func(t *rapid.T) permission.Resource {
		return pfRefFillResource(t, permission.Resource{Org: testOrg, Kind: k})
	})
}

// pfRefOrgGen draws the organization of these tests most of the time,
// another one now and then, and the invalid zero organization rarely.
func pfRefOrgGen() *rapid.Generator[scope.ID] {
	return rapid.Custom(func(t *rapid.T) scope.ID {
		switch rapid.IntRange(0, 19).Draw(t, "which organization") {
		case 0:
			return 0
		case 1, 2:
			return testOrg + 1
		}
		return testOrg
	})
}

func pfRefFillResource(t *rapid.T, r permission.Resource) permission.Resource {
	r.Org = pfRefOrgGen().Draw(t, "resource organization")
	r.ID = scope.ID(rapid.Uint64Range(0, 1000).Draw(t, "resource id"))
	r.Project = pfRefIDGen().Draw(t, "project")
	if rapid.IntRange(0, 19).Draw(t, "invalid visibility") == 0 {
		r.Visibility = rapid.SampledFrom([]scope.Visibility{0, 3}).Draw(t, "visibility")
	} else {
		r.Visibility = rapid.SampledFrom([]scope.Visibility{scope.Public, scope.Private}).Draw(t, "visibility")
	}
	r.Deal = pfRefIDGen().Draw(t, "deal")
	r.Budget = pfRefIDGen().Draw(t, "budget")
	// rapid leans to the first of a sample and to false: Client access on
	// and approval required lean to true, so that a client passes the
	// Client access chain and then meets unapproved entries often enough.
	r.ClientAccess = rapid.SampledFrom([]bool{true, false}).Draw(t, "client access")
	r.Person = pfRefIDGen().Draw(t, "person")
	r.PersonRole = pfRefRoleGen().Draw(t, "person role") // the Owner and invalid roles included
	r.PersonPermissions = pfRefPersonPermissionsGen().Draw(t, "person permissions")
	r.Workplace = pfRefWorkplaceGen().Draw(t, "person's workplace")
	r.Approver = pfRefIDGen().Draw(t, "approver")
	r.ApprovalRequired = rapid.SampledFrom([]bool{true, false}).Draw(t, "approval required")
	r.Approved = rapid.SampledFrom([]bool{false, true}).Draw(t, "approved")
	if rapid.IntRange(0, 2).Draw(t, "approvers named") > 0 {
		r.Approvers = scope.NewMembers(rapid.SliceOfN(rapid.SampledFrom(pfRefPool), 1, 2).Draw(t, "approvers")...)
	}
	r.ManagerApproves = rapid.Bool().Draw(t, "manager approves")
	r.Manager = pfRefIDGen().Draw(t, "manager")
	return r
}

// pfRefDescribe prints a case for a failure message.
func pfRefDescribe(s permission.Subject, a permission.Action, r permission.Resource) string {
	return fmt.Sprintf("subject{Org:%d ID:%d Role:%v Permissions:%q Plan:%v Projects:%v Deals:%v Budgets:%v Workplace:%d}\naction %v\nresource %+v",
		s.Org, s.ID, s.Role, s.Permissions.String(), s.Plan, s.Projects, s.Deals, s.Budgets, s.Workplace, a, r)
}

// ---- The differential property. ----

const (
	pfBatchSubjects  = 10
	pfBatchResources = 40
	pfBatchExtra     = 3
)

// pfCases counts the cases TestReferenceAgrees evaluates; pfSameKind counts
// those whose action applies to the resource's kind. pfReasons counts the
// reasons decided and pfGranted the actions allowed, so that the test can
// tell when the generators stop reaching a rule.
var (
	pfCases, pfSameKind int
	pfReasons           map[permission.Reason]int
	pfGranted           map[permission.Action]int
)

// pfReferenceAgrees draws a batch of subjects, resources and a few extra
// actions (of any kind, invalid ones included), and checks every action of
// each resource's kind, and the extra actions, for every subject on every
// resource against the reference.
func pfReferenceAgrees(t *rapid.T) {
	subjects := rapid.SliceOfN(pfRefSubjectGen(), pfBatchSubjects, pfBatchSubjects).Draw(t, "subjects")
	resources := rapid.SliceOfN(pfRefResourceGen(), pfBatchResources, pfBatchResources).Draw(t, "resources")
	extra := rapid.SliceOfN(pfAnyActionGen(), pfBatchExtra, pfBatchExtra).Draw(t, "extra actions")
	for _, s := range subjects {
		for _, r := range resources {
			for _, as := range [][]permission.Action{pfKindActions[r.Kind], extra} {
				for _, a := range as {
					pfCases++
					if rule, ok := pfRuleOf(a); ok && rule.kind == r.Kind {
						pfSameKind++
					}
					why, _ := pfReference(s, a, r)
					pfReasons[why]++
					if why == permission.Granted {
						pfGranted[a]++
					}
					want := pfWant(s, a, r)
					d := permission.Authorize(s, a, r)
					got, action := pfGot(d)
					if diff := cmp.Diff(want, got); diff != "" {
						t.Fatalf("Authorize disagrees with the reference on\n%s\nmismatch (-want +got):\n%s", pfRefDescribe(s, a, r), diff)
					}
					if action != a {
						t.Fatalf("Authorize(%v) returned a decision about %v", a, action)
					}
					// An invalid resource names one of the fields it lacks
					// (which one first is the implementation's order); any
					// other decision names none.
					if lacking := pfLacking(a, r); why == permission.InvalidResource && !slices.Contains(lacking, d.Field()) ||
						why != permission.InvalidResource && d.Field() != "" {
						t.Fatalf("Authorize names the field %q, want one of %q, on\n%s", d.Field(), lacking, pfRefDescribe(s, a, r))
					}
				}
			}
		}
	}
}

// pfCovered reports whether the cases so far decided every reason and
// allowed every action.
func pfCovered() bool {
	for why := permission.Granted; why.IsValid(); why++ {
		if pfReasons[why] == 0 {
			return false
		}
	}
	for _, a := range pfRefAllActions {
		if pfGranted[a] == 0 {
			return false
		}
	}
	return true
}

func TestReferenceAgrees(t *testing.T) {
	pfCases, pfSameKind = 0, 0
	pfReasons, pfGranted = map[permission.Reason]int{}, map[permission.Action]int{}
	start := time.Now()
	rapid.Check(t, pfReferenceAgrees)
	// -short (the quick pre-commit run) makes rapid draw fewer batches; the
	// full suite, as CI runs it, must cover at least 100,000 cases, every
	// reason, and an allow of every action. The rarest reason (a client who
	// passes the whole Client access chain, on a budget that requires
	// approval, meeting an unapproved entry: not_approved) comes a few times
	// a run, and now and then not at all: then rapid draws up to three more
	// runs of batches before the test calls a reason unreached.
	for round := 1; round < 4 && !t.Failed() && !testing.Short() && !pfCovered(); round++ {
		rapid.Check(t, pfReferenceAgrees)
	}
	t.Logf("%d cases (%d with an action of the resource's kind) in %v", pfCases, pfSameKind, time.Since(start).Round(time.Millisecond))
	t.Logf("reasons: %v", pfReasons)
	if t.Failed() || testing.Short() {
		return
	}
	if pfSameKind < 100_000 {
		t.Errorf("ran %d cases with an action of the resource's kind, want at least 100000 (run with the default -rapid.checks=100 or more)", pfSameKind)
	}
	for why := permission.Granted; why.IsValid(); why++ {
		if pfReasons[why] == 0 {
			t.Errorf("no case was decided %v: the generators no longer reach that rule", why)
		}
	}
	for _, a := range pfRefAllActions {
		if pfGranted[a] == 0 {
			t.Errorf("no case allowed %v: the generators no longer reach it", a)
		}
	}
}

func FuzzReferenceAgrees(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8})
	f.Fuzz(rapid.MakeFuzz(pfReferenceAgrees))
}

// ---- The reference by itself: more never allows less. ----

// pfMonotoneAllows counts the allows the monotonicity properties checked, so
// that they cannot pass by allowing nothing.
var pfMonotoneAllows int

// pfReferenceMonotone checks the reference alone: granting a subject any one
// more permission its role may hold, or any one more project or budget
// membership, never turns an allow into a deny. Issue 21 widens reach by
// relations (a budget membership, the approver of a budget,
// time.approve_all) and never narrows it; a rule that read an extra right or
// membership as a condition would break this, whatever Authorize says.
func pfReferenceMonotone(t *rapid.T) {
	s := pfRefSubjectGen().Draw(t, "subject")
	if !pfSubjectOK(s) {
		return
	}
	var wider []permission.Subject
	for _, p := range pfRefAllPerms {
		if pfMayHold(s.Role, p) && !s.Permissions.Has(p) {
			more := s
			more.Permissions = s.Permissions.With(p)
			wider = append(wider, more)
		}
	}
	for _, id := range pfRefPool {
		projects, budgets := s, s
		projects.Projects = scope.NewMembers(append(slices.Collect(s.Projects.All()), id)...)
		budgets.Budgets = scope.NewMembers(append(slices.Collect(s.Budgets.All()), id)...)
		wider = append(wider, projects, budgets)
	}
	for _, r := range rapid.SliceOfN(pfRefResourceGen(), 60, 60).Draw(t, "resources") {
		for _, a := range pfKindActions[r.Kind] {
			if why, _ := pfReference(s, a, r); why != permission.Granted {
				continue
			}
			pfMonotoneAllows++
			for _, w := range wider {
				if why, missing := pfReference(w, a, r); why != permission.Granted {
					t.Fatalf("the reference allows\n%s\nbut denies it (%v, %v) to\n%s", pfRefDescribe(s, a, r), why, missing, pfRefDescribe(w, a, r))
				}
			}
		}
	}
}

func TestReferenceMonotone(t *testing.T) {
	pfMonotoneAllows = 0
	rapid.Check(t, pfReferenceMonotone)
	if !t.Failed() && pfMonotoneAllows == 0 {
		t.Error("no action was allowed: the property checked nothing")
	}
	t.Logf("%d allows checked", pfMonotoneAllows)
}

// ---- Restricted sets stay within their reach. ----

// pfRestrictedKinds are the kinds whose records live on projects, deals or
// budgets; pfBudgetScoped are those that also live on a budget, and so are
// reached by membership on it (a booking when it is on one).
var (
	pfRestrictedKinds = []permission.Kind{
		permission.KindProject, permission.KindTask, permission.KindDoc, permission.KindTimeEntry, permission.KindBooking,
		permission.KindBudget, permission.KindDeal, permission.KindInvoice, permission.KindExpense,
		permission.KindPurchaseOrder, permission.KindService,
	}
	pfBudgetScoped = []permission.Kind{
		permission.KindBudget, permission.KindInvoice, permission.KindExpense, permission.KindTimeEntry,
		permission.KindBooking, permission.KindPurchaseOrder, permission.KindService,
	}
)

// pfRestrictedAllows counts the allows TestRestrictedStaysInReach checked, so
// that the property cannot pass by allowing nothing.
var pfRestrictedAllows int

// pfRestrictedStaysInReach: for a restricted system set of package set
// (Coordinator, Manager, Profitability Manager), every action allowed on a
// record of a project, deal or budget lies within "all public projects,
// assigned deals, and private projects they are a member of" (or a budget
// they are a member of). Two relations reach beyond by design, and are
// admitted by name: the designated approver of a budget approves its time
// entries without membership ([TEA] "approve time entries within budgets
// where they are the designated approver"), and whoever sees others'
// schedules sees the basics of any booking ([RPL] for budgets or deals they
// are not part of, "the allocated hours and the client company name").
func pfRestrictedStaysInReach(t *rapid.T) {
	r := rapid.SampledFrom([]role.Role{role.Coordinator, role.Manager, role.ProfitabilityManager}).Draw(t, "role")
	s := set.MustSystem(r, scope.Restricted, 0).Subject(testOrg, rapid.SampledFrom(pfRefPool).Draw(t, "subject"))
	s.Projects = pfRefMembersGen().Draw(t, "projects")
	s.Deals = pfRefMembersGen().Draw(t, "deals")
	s.Budgets = pfRefMembersGen().Draw(t, "budgets")
	for range 20 {
		k := rapid.SampledFrom(pfRestrictedKinds).Draw(t, "kind")
		res := pfRefResourceOfKind(k).Draw(t, "resource")
		for a := range permission.Actions() {
			if a.Kind() != k || !permission.Authorize(s, a, res).Allowed() {
				continue
			}
			pfRestrictedAllows++
			var inReach bool
			switch {
			case a == permission.ApproveTimeEntry && res.Approver == s.ID, a == permission.ViewScheduleBasics:
				inReach = true
			case k == permission.KindDeal:
				inReach = s.Deals.Has(res.Deal)
			case res.Visibility == scope.Public || s.Projects.Has(res.Project):
				inReach = true
			default:
				for _, b := range pfBudgetScoped {
					if k == b && s.Budgets.Has(res.Budget) {
						inReach = true
					}
				}
			}
			if !inReach {
				t.Fatalf("restricted %v is allowed %v outside its reach:\n%s", r, a, pfRefDescribe(s, a, res))
			}
		}
	}
}

func TestRestrictedStaysInReach(t *testing.T) {
	pfRestrictedAllows = 0
	rapid.Check(t, pfRestrictedStaysInReach)
	if !t.Failed() && pfRestrictedAllows == 0 {
		t.Error("no action was allowed: the property checked nothing")
	}
	t.Logf("%d allows checked", pfRestrictedAllows)
}

// ---- Fixed cases. ----

// TestReferenceFixedCases pins the reference itself on cases whose answer the
// seeds or the project's decisions state outright, so that a reference bug
// cannot hide behind an agreeing implementation. The subjects are built by
// hand, so that these cases pin the reference alone and not the table of
// system sets.
func TestReferenceFixedCases(t *testing.T) {
	mask := func(ps ...permission.Permission) permission.Mask { return permission.MaskOf(pfClose(ps)...) }
	// Every subject is person 1 of workplace 1, on the Professional plan
	// (clients see budgets from Professional up), a member of project 3,
	// deal 5 and budget 4 (of no project it is a member of).
	subject := func(r role.Role, m permission.Mask) permission.Subject {
		return permission.Subject{Org: testOrg, ID: 1, Role: r, Permissions: m, Plan: permission.Professional,
			Projects: scope.NewMembers(3), Deals: scope.NewMembers(5), Budgets: scope.NewMembers(4), Workplace: 1}
	}
	onPlan := func(s permission.Subject, p permission.Plan) permission.Subject { s.Plan = p; return s }
	staffBase := []permission.Permission{permission.TasksManage, permission.TaskListsManage, permission.DocsAccess,
		permission.TimeTrackOwn, permission.TimeOffRequestOwn, permission.AbsenceAllocationsViewOwn, permission.SchedulesViewOwn,
		permission.ExpensesManageOwn, permission.IntegrationsManagePersonal}
	// Integration article: "Users with the following permissions can export
	// invoices and expenses without needing any integration permissions: Add,
	// edit, and delete invoices and payments; Add, edit, and delete all
	// expenses." Issue 11: on a Staff base, with "View all invoices".
	accountant := subject(role.Staff, mask(append(staffBase, permission.InvoicesViewAll, permission.InvoicesManage, permission.ExpensesManageAll)...))
	// The builder's split of that right ([INV]): "Copy invoices to an
	// accounting system" alone, and every part of the legacy right.
	copier := subject(role.Staff, mask(append(staffBase, permission.InvoicesViewAll, permission.InvoicesCopyToAccounting)...))
	invoicer := subject(role.Staff, mask(append(staffBase, append([]permission.Permission{permission.InvoicesViewAll}, pfInvoiceParts...)...)...))
	almostInvoicer := subject(role.Staff, mask(append(staffBase, permission.InvoicesViewAll, permission.InvoicesManageFinalized, permission.PaymentsView)...))
	staff := subject(role.Staff, mask(staffBase...))
	staffTime := subject(role.Staff, mask(append(staffBase, permission.TimeViewOthers, permission.SchedulesViewOthers, permission.TimeOffViewOthers)...))
	admin := subject(role.Admin, mask(permission.IntegrationsManageOrganizational, permission.UsersChangePermissionSet, permission.BillingBuySeats,
		permission.TimeOffApproveAll))
	restrictedManager := subject(role.Manager, mask(permission.ProjectsViewPublic, permission.DealsView, permission.BudgetsView,
		permission.InvoicesManage, permission.ExpensesManageOwn, permission.ReportsViewFinancials, permission.TimeApprove,
		permission.UsersChangePermissionSet, permission.PurchaseOrdersView))
	memberApprover := subject(role.Manager, mask(permission.ProjectsViewPublic, permission.TimeApproveMemberBudgets))
	approveAll := subject(role.Manager, mask(permission.ProjectsViewPublic, permission.TimeApproveAll))
	// Issue 11: "A custom set on the Manager base with 'View all projects'
	// but only member budgets".
	allProjects := subject(role.Manager, mask(permission.ProjectsViewAll, permission.BudgetsView, permission.PurchaseOrdersViewAll))
	coordinator := subject(role.Coordinator, mask(permission.ProjectsViewAll, permission.TimeViewOthers, permission.TimeOffApprove))
	// A custom set with the subsidiary rungs of the three ladders.
	subsidiary := subject(role.Manager, mask(permission.TimeOffViewSubsidiary, permission.AbsenceAllocationsViewSubsidiary,
		permission.PeopleViewCostRatesSubsidiary))
	contractor := subject(role.Contractor, mask(permission.TasksManage, permission.TimeTrackOwn, permission.SchedulesViewOwn))
	client := subject(role.Client, mask(permission.TasksManage, permission.DocsAccess, permission.BudgetsView,
		permission.TasksViewEstimates, permission.TimeViewOthers, permission.TimeViewBillable))
	commentingClient := subject(role.Client, mask(permission.TasksComment))

	org := permission.Resource{Org: testOrg, Kind: permission.KindOrganization}
	// person is person id of role r, holding ps now, of workplace 1.
	person := func(id scope.ID, r role.Role, ps ...permission.Permission) permission.Resource {
		return permission.Resource{Org: testOrg, Kind: permission.KindPerson, ID: id, Person: id, PersonRole: r, PersonPermissions: mask(ps...), Workplace: 1}
	}
	inWorkplace := func(r permission.Resource, w scope.ID) permission.Resource { r.Workplace = w; return r }
	project := func(k permission.Kind, id scope.ID, v scope.Visibility) permission.Resource {
		return permission.Resource{Org: testOrg, Kind: k, Project: id, Visibility: v}
	}
	// onBudget is a record of kind k of person on budget b of private project p.
	onBudget := func(k permission.Kind, p, b, person scope.ID) permission.Resource {
		return permission.Resource{Org: testOrg, Kind: k, Project: p, Visibility: scope.Private, Budget: b, Person: person, ClientAccess: true}
	}
	withApprover := func(r permission.Resource, id scope.ID) permission.Resource { r.Approver = id; return r }
	// awaiting is a time entry of person 2 on budget b of private project
	// p, on a budget that requires approval, not approved yet.
	awaiting := func(p, b scope.ID) permission.Resource {
		r := onBudget(permission.KindTimeEntry, p, b, 2)
		r.ApprovalRequired = true
		return r
	}
	approved := func(r permission.Resource) permission.Resource { r.Approved = true; return r }
	noAccess := func(r permission.Resource) permission.Resource { r.ClientAccess = false; return r }
	booking := func(p, b, person scope.ID) permission.Resource {
		return permission.Resource{Org: testOrg, Kind: permission.KindBooking, Project: p, Visibility: scope.Private, Budget: b, Person: person}
	}
	timeOff := func(id scope.ID) permission.Resource {
		return permission.Resource{Org: testOrg, Kind: permission.KindTimeOff, Person: id, Workplace: 1}
	}
	// request is person 2's absence request whose policy names approvers.
	request := func(approvers ...scope.ID) permission.Resource {
		r := timeOff(2)
		r.Approvers = scope.NewMembers(approvers...)
		return r
	}
	managedBy := func(r permission.Resource, manager scope.ID, approves bool) permission.Resource {
		r.Manager, r.ManagerApproves = manager, approves
		return r
	}
	allocation := func(id, workplace scope.ID) permission.Resource {
		return permission.Resource{Org: testOrg, Kind: permission.KindAllocation, Person: id, Workplace: workplace}
	}
	deal := func(id scope.ID) permission.Resource {
		return permission.Resource{Org: testOrg, Kind: permission.KindDeal, Deal: id}
	}

	allow := pfOutcome{true, "granted", ""}
	deny := func(reason, missing string) pfOutcome { return pfOutcome{false, reason, missing} }
	for _, tt := range []struct {
		name string
		s    permission.Subject
		a    permission.Action
		r    permission.Resource
		want pfOutcome
	}{
		{"accountant exports an invoice on a project they are not on", accountant, permission.ExportInvoice, onBudget(permission.KindInvoice, 9, 9, 2), allow},
		{"accountant exports someone else's expense anywhere", accountant, permission.ExportExpense, onBudget(permission.KindExpense, 9, 9, 2), allow},
		{"accountant cannot connect the accounting tool", accountant, permission.ConnectAccounting, org, deny("missing_permission", "integrations.manage_organizational")},
		{"accountant cannot configure SSO", accountant, permission.ConfigureSSO, org, deny("missing_permission", "integrations.manage_organizational")},
		{"admin connects the accounting tool", admin, permission.ConnectAccounting, org, allow},
		{"admin cannot deactivate the organization", admin, permission.DeactivateOrganization, org, deny("owner_only", "organization.deactivate")},
		{"admin buys seats", admin, permission.BuySeats, org, allow},

		// Issue 21, rule 8: "Copy invoices to an accounting system" exports;
		// the legacy right implies it; every part of the legacy right is it.
		{"export needs Copy invoices to an accounting system", admin, permission.ExportInvoice, onBudget(permission.KindInvoice, 3, 4, 2), deny("missing_permission", "invoices.copy_to_accounting")},
		{"Copy invoices to an accounting system exports without the legacy right", copier, permission.ExportInvoice, onBudget(permission.KindInvoice, 9, 9, 2), allow},
		{"Copy invoices to an accounting system does not edit invoices", copier, permission.ManageInvoice, onBudget(permission.KindInvoice, 9, 9, 2), deny("missing_permission", "invoices.manage")},
		{"every part of the legacy right is the legacy right", invoicer, permission.ManageInvoice, onBudget(permission.KindInvoice, 9, 9, 2), allow},
		{"every part of the legacy right exports", invoicer, permission.ExportInvoice, onBudget(permission.KindInvoice, 9, 9, 2), allow},
		{"some parts of the legacy right are not it", almostInvoicer, permission.ManageInvoice, onBudget(permission.KindInvoice, 9, 9, 2), deny("missing_permission", "invoices.manage")},
		{"some parts of the legacy right do not export", almostInvoicer, permission.ExportInvoice, onBudget(permission.KindInvoice, 9, 9, 2), deny("missing_permission", "invoices.copy_to_accounting")},

		{"restricted manager: public project", restrictedManager, permission.ViewProject, project(permission.KindProject, 9, scope.Public), allow},
		{"restricted manager: private project, not a member", restrictedManager, permission.ViewProject, project(permission.KindProject, 9, scope.Private), deny("private_not_member", "projects.view_all")},
		{"restricted manager: private project, a member", restrictedManager, permission.ViewProject, project(permission.KindProject, 3, scope.Private), allow},
		{"restricted manager: assigned deal", restrictedManager, permission.ViewDeal, deal(5), allow},
		{"restricted manager: deal not assigned", restrictedManager, permission.ViewDeal, deal(9), deny("deal_not_assigned", "deals.view_all")},
		{"restricted manager: invoice on a member budget", restrictedManager, permission.ExportInvoice, onBudget(permission.KindInvoice, 9, 4, 2), allow},
		{"restricted manager: invoice elsewhere", restrictedManager, permission.ViewInvoice, onBudget(permission.KindInvoice, 9, 9, 2), deny("not_in_reach", "invoices.view_all")},
		{"restricted manager: own expense on a member budget", restrictedManager, permission.ManageExpense, onBudget(permission.KindExpense, 3, 9, 1), allow},
		{"restricted manager: someone else's expense", restrictedManager, permission.ManageExpense, onBudget(permission.KindExpense, 3, 4, 2), deny("not_own_record", "expenses.manage_all")},
		{"restricted manager: own expense off their budgets", restrictedManager, permission.ManageExpense, onBudget(permission.KindExpense, 9, 9, 1), deny("not_in_reach", "expenses.manage_all")},
		{"restricted manager: no org-wide financial report", restrictedManager, permission.ViewReportFinancials, org, deny("missing_permission", "budgets.view_all")},
		{"restricted set with report cost figures: not without every budget", subject(role.Manager, mask(permission.ProjectsViewPublic, permission.BudgetsView, permission.ReportsViewCostMargin)), permission.ViewReportCostMargin, org, deny("missing_permission", "budgets.view_all")},
		{"report cost figures with every budget", subject(role.Manager, mask(permission.ProjectsViewPublic, permission.BudgetsViewAll, permission.ReportsViewCostMargin)), permission.ViewReportCostMargin, org, allow},
		{"restricted profitability manager: the organization's profit", subject(role.ProfitabilityManager, mask(permission.ProjectsViewPublic, permission.BudgetsView, permission.ReportsViewOrgProfit)), permission.ViewOrgProfit, org, allow},

		// Issue 21, rule 1: budget membership reaches what lives on the
		// budget. DESIGN: "people are made members of a budget without being
		// members of its project. What lives on a budget (time entries,
		// bookings, expenses, invoices and payments, purchase orders) is
		// reached by membership on that budget as far as the object type's
		// 'where a member' right says." [SHB] Staff "can track time or log
		// expenses only on budgets that have been shared with them".
		{"staff tracks time on a budget shared with them, not on its project", staff, permission.TrackTime, onBudget(permission.KindTimeEntry, 9, 4, 1), allow},
		{"staff tracks time neither on their projects nor their budgets", staff, permission.TrackTime, onBudget(permission.KindTimeEntry, 9, 9, 1), deny("not_in_reach", "projects.view_all")},
		{"staff sees their own booking on a member budget", staff, permission.ViewOwnSchedule, booking(9, 4, 1), allow},
		{"staff's own booking on no budget, off their projects", staff, permission.ViewOwnSchedule, booking(9, 0, 1), deny("not_in_reach", "projects.view_all")},
		{"staff with time sees others' entries on a member budget", staffTime, permission.ViewTimeEntry, onBudget(permission.KindTimeEntry, 9, 4, 2), allow},
		{"staff with time: others' entries elsewhere", staffTime, permission.ViewTimeEntry, onBudget(permission.KindTimeEntry, 9, 9, 2), deny("not_in_reach", "projects.view_all")},
		{"staff with time sees others' bookings on a member budget", staffTime, permission.ViewSchedule, booking(9, 4, 2), allow},
		{"purchase orders on a member budget: 'View purchase orders on budgets where user is a member'", restrictedManager, permission.ViewPurchaseOrder, onBudget(permission.KindPurchaseOrder, 9, 4, 0), allow},
		{"purchase orders on a budget of a member project", restrictedManager, permission.ViewPurchaseOrder, onBudget(permission.KindPurchaseOrder, 3, 9, 0), allow},
		{"purchase orders elsewhere", restrictedManager, permission.ViewPurchaseOrder, onBudget(permission.KindPurchaseOrder, 9, 9, 0), deny("not_in_reach", "purchase_orders.view_all")},
		{"'View all purchase orders'", allProjects, permission.ViewPurchaseOrder, onBudget(permission.KindPurchaseOrder, 9, 9, 0), allow},
		{"purchase orders need their right", staff, permission.ViewPurchaseOrder, onBudget(permission.KindPurchaseOrder, 3, 4, 0), deny("missing_permission", "purchase_orders.view")},
		{"a service is seen as its budget: on a member budget", restrictedManager, permission.ViewService, onBudget(permission.KindService, 9, 4, 0), allow},
		{"a service is seen as its budget: elsewhere", restrictedManager, permission.ViewService, onBudget(permission.KindService, 9, 9, 0), deny("not_in_reach", "budgets.view_all")},

		// Issue 21, rule 2: time entry approval is a permission and a
		// relation, and the relation is the reach. [TEA]: "approve time
		// entries within budgets where they are the designated approver";
		// "Approve Time Entries on Budgets Where User Is a Member".
		{"the designated approver approves", restrictedManager, permission.ApproveTimeEntry, withApprover(awaiting(3, 9), 1), allow},
		{"the designated approver approves without project membership", restrictedManager, permission.ApproveTimeEntry, withApprover(awaiting(9, 9), 1), allow},
		{"not the designated approver", restrictedManager, permission.ApproveTimeEntry, withApprover(awaiting(3, 4), 3), deny("not_approver", "")},
		{"nobody approves their own time", restrictedManager, permission.ApproveTimeEntry, withApprover(onBudget(permission.KindTimeEntry, 3, 9, 1), 1), deny("own_record_refused", "")},
		{"a budget without time approval awaits none", restrictedManager, permission.ApproveTimeEntry, withApprover(onBudget(permission.KindTimeEntry, 3, 9, 2), 1), deny("nothing_to_approve", "")},
		{"a budget member approves on the budget, not on its project", memberApprover, permission.ApproveTimeEntry, awaiting(9, 4), allow},
		{"project membership is not budget membership", memberApprover, permission.ApproveTimeEntry, awaiting(3, 9), deny("not_approver", "")},
		{"approve all: anyone's on projects in reach", approveAll, permission.ApproveTimeEntry, awaiting(3, 9), allow},
		{"approve all: on budgets they are a member of", approveAll, permission.ApproveTimeEntry, awaiting(9, 4), allow},
		{"approve all: not beyond reach", approveAll, permission.ApproveTimeEntry, awaiting(9, 9), deny("private_not_member", "projects.view_all")},
		{"Coordinator has 'no permission to approve time entries'", coordinator, permission.ApproveTimeEntry, withApprover(awaiting(3, 4), 1), deny("missing_permission", "time.approve")},

		// Issue 21, rule 3: absence approval. [TOA] "If a time off category
		// does not have an approver defined, all requests will be approved
		// automatically"; "all admins can approve requests on behalf of
		// other approvers".
		{"Coordinator 'approve time off' as a named approver", coordinator, permission.ApproveTimeOff, request(3, 1), allow},
		{"Coordinator approves as the manager the policy names", coordinator, permission.ApproveTimeOff, managedBy(request(), 1, true), allow},
		{"the manager, where the policy does not name managers", coordinator, permission.ApproveTimeOff, managedBy(request(3), 1, false), deny("not_approver", "time_off.approve_all")},
		{"not among the approvers", coordinator, permission.ApproveTimeOff, request(3), deny("not_approver", "time_off.approve_all")},
		{"no approver: approved automatically", coordinator, permission.ApproveTimeOff, managedBy(request(), 1, false), deny("nothing_to_approve", "")},
		{"the policy names managers, but there is none", coordinator, permission.ApproveTimeOff, managedBy(request(), 0, true), deny("nothing_to_approve", "")},
		{"admins approve on behalf of other approvers", admin, permission.ApproveTimeOff, request(3), allow},
		{"no approver: nothing for an Admin either", admin, permission.ApproveTimeOff, request(), deny("nothing_to_approve", "")},
		{"nobody approves their own time off", coordinator, permission.ApproveTimeOff, managedBy(timeOff(1), 1, true), deny("own_record_refused", "")},

		// Issue 21, rule 5: workplaces. [ABS] "lets users see absence
		// bookings for employees in their own subsidiary"; [PGB] "Restricts
		// visibility to absence allocations for users in the same
		// subsidiary/workplace"; [CTR] "managers with subsidiary-scoped
		// permissions can only see cost rates for people in their own
		// subsidiary".
		{"subsidiary: absence of their workplace", subsidiary, permission.ViewTimeOff, timeOff(2), allow},
		{"subsidiary: absence of another workplace", subsidiary, permission.ViewTimeOff, inWorkplace(timeOff(2), 2), deny("other_workplace", "time_off.view_others")},
		{"subsidiary: of no workplace", subsidiary, permission.ViewTimeOff, inWorkplace(timeOff(2), 0), deny("other_workplace", "time_off.view_others")},
		{"subsidiary: two people of no workplace share none", onWorkplace(subsidiary, 0), permission.ViewTimeOff, inWorkplace(timeOff(2), 0), deny("other_workplace", "time_off.view_others")},
		{"subsidiary: their own, of no workplace", onWorkplace(subsidiary, 0), permission.ViewTimeOff, inWorkplace(timeOff(1), 0), allow},
		{"everyone's absence", staffTime, permission.ViewTimeOff, inWorkplace(timeOff(2), 2), allow},
		{"staff sees their own time off", staff, permission.ViewTimeOff, timeOff(1), allow},
		{"staff does not see others' time off, even of their workplace", staff, permission.ViewTimeOff, timeOff(2), deny("not_own_record", "time_off.view_others")},
		{"subsidiary allocations: their workplace", subsidiary, permission.ViewAbsenceAllocation, allocation(2, 1), allow},
		{"subsidiary allocations: another workplace", subsidiary, permission.ViewAbsenceAllocation, allocation(2, 2), deny("other_workplace", "absence.view_all_allocations")},
		{"staff sees their own allocation", staff, permission.ViewAbsenceAllocation, allocation(1, 1), allow},
		{"staff: someone else's allocation", staff, permission.ViewAbsenceAllocation, allocation(2, 1), deny("not_own_record", "absence.view_all_allocations")},
		{"contractor has no absence at all", contractor, permission.ViewTimeOff, timeOff(1), deny("missing_permission", "time_off.request_own")},
		{"staff without allocations is told the narrowest right", subject(role.Staff, mask(permission.ProjectsView)), permission.ViewAbsenceAllocation, allocation(1, 1), deny("missing_permission", "absence.view_own_allocations")},
		{"subsidiary cost rates: their workplace", subsidiary, permission.ViewCostRate, person(2, role.Staff, permission.ProjectsView), allow},
		{"subsidiary cost rates: another workplace", subsidiary, permission.ViewCostRate, inWorkplace(person(2, role.Staff, permission.ProjectsView), 2), deny("other_workplace", "people.view_cost_rates")},
		{"cost rates: everyone's", subject(role.Admin, mask(permission.PeopleViewCostRates)), permission.ViewCostRate, inWorkplace(person(2, role.Staff, permission.ProjectsView), 2), allow},
		{"cost rates: not even one's own without a cost rates right", staff, permission.ViewCostRate, person(1, role.Staff, permission.ProjectsView), deny("missing_permission", "people.view_cost_rates_subsidiary")},
		{"clients never see rates", subject(role.Client, mask(permission.ProjectsView)), permission.ViewCostRate, person(1, role.Client, permission.ProjectsView), deny("client_never_sees", "")},

		// Issue 21, rule 6: [RPL] for budgets or deals they are not part of,
		// "basic booking details ... the allocated hours and the client
		// company name"; "Users with Staff or Staff with CRM permissions ...
		// can only see their own bookings".
		{"booking basics: anyone's, off their projects and budgets", staffTime, permission.ViewScheduleBasics, booking(9, 9, 2), allow},
		{"booking basics: but not the booking itself there", staffTime, permission.ViewSchedule, booking(9, 9, 2), deny("not_in_reach", "projects.view_all")},
		{"booking basics: staff, their own", staff, permission.ViewScheduleBasics, booking(9, 9, 1), allow},
		{"booking basics: staff, someone else's", staff, permission.ViewScheduleBasics, booking(3, 4, 2), deny("not_own_record", "schedules.view_others")},
		{"booking basics: no schedule at all", subject(role.Staff, mask(permission.ProjectsView)), permission.ViewScheduleBasics, booking(3, 4, 1), deny("missing_permission", "schedules.view_own")},

		{"all projects: any private project", allProjects, permission.ViewProject, project(permission.KindProject, 9, scope.Private), allow},
		{"all projects: a budget they are not a member of", allProjects, permission.ViewBudget, onBudget(permission.KindBudget, 9, 9, 2), deny("not_in_reach", "budgets.view_all")},
		{"all projects: a budget of a project they are on", allProjects, permission.ViewBudget, onBudget(permission.KindBudget, 3, 9, 2), allow},

		{"staff sees their own time entry", staff, permission.ViewTimeEntry, onBudget(permission.KindTimeEntry, 3, 4, 1), allow},
		{"staff does not see others' time entries", staff, permission.ViewTimeEntry, onBudget(permission.KindTimeEntry, 3, 4, 2), deny("not_own_record", "time.view_others")},
		{"staff manages their own calendar integration", staff, permission.ManagePersonalIntegrations, person(1, role.Staff, permission.ProjectsView), allow},
		{"staff does not manage someone else's", staff, permission.ManagePersonalIntegrations, person(2, role.Staff, permission.ProjectsView), deny("not_own_record", "")},

		{"contractor sees their own schedule", contractor, permission.ViewSchedule, booking(3, 0, 1), allow},
		{"contractor tracks time on their project", contractor, permission.TrackTime, onBudget(permission.KindTimeEntry, 3, 9, 1), allow},
		{"contractor: public project, not a member", contractor, permission.ViewProject, project(permission.KindProject, 9, scope.Public), deny("not_in_reach", "")},
		{"contractor cannot join a public project", contractor, permission.JoinProject, project(permission.KindProject, 9, scope.Public), deny("employees_only", "")},
		{"contractor: someone else's booking", contractor, permission.ViewSchedule, booking(3, 0, 2), deny("not_own_record", "")},

		{"client sees a budget's estimated time", client, permission.ViewBudgetEstimatedTime, onBudget(permission.KindBudget, 3, 4, 0), allow},
		{"client sees Variance at Completion", client, permission.ViewVarianceAtCompletion, onBudget(permission.KindBudget, 3, 4, 0), allow},
		{"client sees Time to complete", client, permission.ViewTimeToComplete, onBudget(permission.KindBudget, 3, 4, 0), allow},
		{"client never sees a budget's worked time", client, permission.ViewBudgetWorkedTime, onBudget(permission.KindBudget, 3, 4, 0), deny("client_never_sees", "")},
		{"client never sees worked time on a task", client, permission.ViewTaskWorked, project(permission.KindTask, 3, scope.Private), deny("client_never_sees", "")},
		{"client: Client access off", client, permission.ViewBudget, noAccess(onBudget(permission.KindBudget, 3, 4, 0)), deny("client_access_off", "")},
		{"client: budget not shared", client, permission.ViewBudget, onBudget(permission.KindBudget, 3, 9, 0), deny("budget_not_shared", "")},
		{"client: project not shared", client, permission.ViewBudget, onBudget(permission.KindBudget, 9, 4, 0), deny("not_in_reach", "")},
		{"client sees time entries on a shared budget", client, permission.ViewTimeEntry, onBudget(permission.KindTimeEntry, 3, 4, 2), allow},
		{"client sees a service of a shared budget", client, permission.ViewService, onBudget(permission.KindService, 3, 4, 0), allow},
		{"client never sees invoices", client, permission.ViewInvoice, onBudget(permission.KindInvoice, 3, 4, 0), deny("client_never_sees", "")},
		{"client never sees purchase orders", subject(role.Client, mask(permission.ProjectsView)), permission.ViewPurchaseOrder, onBudget(permission.KindPurchaseOrder, 3, 4, 0), deny("client_never_sees", "")},
		{"client comments without altering", commentingClient, permission.CommentOnTask, project(permission.KindTask, 3, scope.Private), allow},
		{"client may not alter tasks", commentingClient, permission.AlterTask, project(permission.KindTask, 3, scope.Private), deny("missing_permission", "tasks.manage")},

		// Issue 21, rule 7. [CSB] "Clients can see billable time entries but
		// not worked time"; [CBT] "The project manager must approve each
		// time entry before it becomes visible to clients"; [CMP] "In the
		// Professional and Ultimate pricing plans, Client Managers can be
		// granted access to budgets, view time entries on budgets and time
		// estimates on tasks."
		{"client sees billable time on a shared budget", client, permission.ViewBillableTime, onBudget(permission.KindTimeEntry, 3, 4, 2), allow},
		{"client: billable time on a budget not shared", client, permission.ViewBillableTime, onBudget(permission.KindTimeEntry, 3, 9, 2), deny("budget_not_shared", "")},
		{"client: an entry awaiting approval", client, permission.ViewTimeEntry, awaiting(3, 4), deny("not_approved", "")},
		{"client: billable time awaiting approval", client, permission.ViewBillableTime, awaiting(3, 4), deny("not_approved", "")},
		{"client: an approved entry", client, permission.ViewTimeEntry, approved(awaiting(3, 4)), allow},
		{"employees see entries awaiting approval", staffTime, permission.ViewTimeEntry, awaiting(3, 4), allow},
		{"client on Essential: no budgets", onPlan(client, permission.Essential), permission.ViewBudget, onBudget(permission.KindBudget, 3, 4, 0), deny("plan_too_low", "")},
		{"client on no stated plan: no budgets", onPlan(client, 0), permission.ViewBudget, onBudget(permission.KindBudget, 3, 4, 0), deny("plan_too_low", "")},
		{"client on Essential: no time entries", onPlan(client, permission.Essential), permission.ViewTimeEntry, onBudget(permission.KindTimeEntry, 3, 4, 2), deny("plan_too_low", "")},
		{"client on Essential: no services", onPlan(client, permission.Essential), permission.ViewService, onBudget(permission.KindService, 3, 4, 0), deny("plan_too_low", "")},
		{"client on Essential: no estimates on tasks", onPlan(client, permission.Essential), permission.ViewTaskEstimate, project(permission.KindTask, 3, scope.Private), deny("plan_too_low", "")},
		{"client on Essential: tasks as ever", onPlan(client, permission.Essential), permission.AlterTask, project(permission.KindTask, 3, scope.Private), allow},
		{"client on Ultimate: budgets", onPlan(client, permission.Ultimate), permission.ViewBudget, onBudget(permission.KindBudget, 3, 4, 0), allow},
		{"client on Enterprise: budgets", onPlan(client, permission.Enterprise), permission.ViewBudget, onBudget(permission.KindBudget, 3, 4, 0), allow},
		{"the plan comes after what clients never see", onPlan(client, permission.Essential), permission.ViewBudgetWorkedTime, onBudget(permission.KindBudget, 3, 4, 0), deny("client_never_sees", "")},
		{"the plan comes before the permissions", onPlan(commentingClient, permission.Essential), permission.ViewBudget, onBudget(permission.KindBudget, 3, 4, 0), deny("plan_too_low", "")},
		{"employees ignore the plan", onPlan(allProjects, 0), permission.ViewBudget, onBudget(permission.KindBudget, 3, 9, 2), allow},

		{"coordinator sees others' time, not approve it", coordinator, permission.ViewTimeEntry, onBudget(permission.KindTimeEntry, 9, 9, 2), allow},

		// Issue 21, rule 4. [WHO] Admin "Can change the permission set of
		// all users except the organization owner and their own"; DESIGN:
		// nobody "changes the set of someone who holds one they lack".
		{"admin changes another Admin's set", admin, permission.ChangePermissionSet, person(2, role.Admin, permission.UsersChangePermissionSet), allow},
		{"not the set of someone who holds more", admin, permission.ChangePermissionSet, person(2, role.Admin, permission.UsersChangePermissionSet, permission.UsersCreate), deny("person_holds_more", "")},
		{"nobody changes the Owner's set", admin, permission.ChangePermissionSet, person(2, role.Owner, permission.UsersChangePermissionSet), deny("person_protected", "")},
		{"an Admin does not change their own set", admin, permission.ChangePermissionSet, person(1, role.Admin, permission.UsersChangePermissionSet), deny("own_record_refused", "")},
		{"manager cannot change an Admin's set", restrictedManager, permission.ChangePermissionSet, person(2, role.Admin, permission.ProjectsView), deny("person_protected", "")},
		{"manager changes a client's set", restrictedManager, permission.ChangePermissionSet, person(2, role.Client, permission.ProjectsView), allow},
		{"the parts of the legacy invoicing right hold it", subject(role.Manager, mask(append([]permission.Permission{permission.UsersChangePermissionSet}, pfInvoiceParts...)...)),
			permission.ChangePermissionSet, person(2, role.Manager, permission.InvoicesManage, permission.InvoicesCopyToAccounting), allow},
		{"a person's current set is needed", admin, permission.ChangePermissionSet, person(2, role.Staff), deny("invalid_resource", "")},
		{"a person without a role is malformed", admin, permission.ChangePermissionSet, person(2, 0, permission.ProjectsView), deny("invalid_resource", "")},

		{"a time entry without a budget is malformed", staff, permission.ViewTimeEntry, onBudget(permission.KindTimeEntry, 3, 0, 1), deny("invalid_resource", "")},
		{"a purchase order without a budget is malformed", allProjects, permission.ViewPurchaseOrder, onBudget(permission.KindPurchaseOrder, 3, 0, 1), deny("invalid_resource", "")},
		{"an expense without a person is malformed", accountant, permission.ExportExpense, onBudget(permission.KindExpense, 3, 4, 0), deny("invalid_resource", "")},
		{"a subject without an ID is malformed", permission.Subject{Org: testOrg, Role: role.Admin}, permission.ViewReports, org, deny("invalid_subject", "")},
		{"a client holding a paid-seat permission is malformed", subject(role.Client, mask(permission.ReportsView)), permission.ViewReports, org, deny("invalid_subject", "")},
		{"an action of another kind", admin, permission.ViewProject, org, deny("kind_mismatch", "")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, pfWant(tt.s, tt.a, tt.r)); diff != "" {
				t.Errorf("reference mismatch (-want +got):\n%s", diff)
			}
		})
	}
	// Rule 4: "the resource must carry PersonPermissions"; it is the one
	// field such a person lacks.
	if diff := cmp.Diff([]string{"PersonPermissions"}, pfLacking(permission.ChangePermissionSet, person(2, role.Staff))); diff != "" {
		t.Errorf("what a person without their set lacks (-want +got):\n%s", diff)
	}
	if lacking := pfLacking(permission.ViewCostRate, person(2, role.Staff)); len(lacking) != 0 {
		t.Errorf("viewing a cost rate needs no PersonPermissions, but the reference says it lacks %q", lacking)
	}
}

// onWorkplace returns s of workplace w.
func onWorkplace(s permission.Subject, w scope.ID) permission.Subject { s.Workplace = w; return s }
