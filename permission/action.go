package permission

import (
	"errors"
	"fmt"
	"iter"

	"github.com/clearance-go/clearance/permission/clip"
	"github.com/clearance-go/clearance/role"
)

// Action is what a subject attempts: export an invoice, connect the
// accounting integration, see a budget's revenue, approve time off.
//
// Each action is one row of the action table: the kind of resource it
// applies to, the permissions it requires, the reach rule that decides which
// resources of that kind are within the subject's reach, and whether it
// shows what clients may never see. The zero Action is invalid. Numeric values
// are not stable; the dotted names are.
type Action uint8

// The actions, grouped by the kind of resource they apply to.
const (
	// On the organization.
	CreateProject           Action = iota + 1 // project.create
	CreateDeal                                // deal.create
	ViewReports                               // report.view
	ManageReports                             // report.manage
	ViewReportFinancials                      // report.view_financials
	ViewOrgProfit                             // report.view_org_profit
	ViewReportCostMargin                      // report.view_cost_margin
	ConnectAccounting                         // integration.connect_accounting
	ConfigureSSO                              // integration.configure_sso
	ConfigureHR                               // integration.configure_hr
	CreateUser                                // user.create
	ManageOrgSettings                         // settings.manage
	ManageAbsenceSettings                     // absence.manage_settings
	ManagePermissionSets                      // permission_set.manage
	ManageReminderTemplates                   // payment.manage_reminder_templates
	BuySeats                                  // billing.buy_seats
	ChangePlan                                // billing.change_plan
	ViewBilling                               // billing.view
	TransferOwnership                         // organization.transfer_ownership
	DeactivateOrganization                    // organization.deactivate

	// On a person.
	ManagePersonalIntegrations // integration.manage_personal
	ViewCostRate               // person.view_cost_rate
	ManageSalary               // person.manage_salary
	ChangePermissionSet        // person.change_permission_set

	// On a project.
	ViewProject        // project.view
	AddProjectMember   // project.add_member
	JoinProject        // project.join
	CreateTaskList     // task_list.create
	ConnectJiraProject // project.connect_jira

	// On a task or a doc.
	ViewTask         // task.view
	CommentOnTask    // task.comment
	AlterTask        // task.alter
	ViewTaskEstimate // task.view_estimate
	ViewTaskWorked   // task.view_worked_time
	UseJiraWidget    // task.use_jira_widget
	OpenDoc          // doc.open

	// On a time entry.
	TrackTime            // time_entry.track
	ViewTimeEntry        // time_entry.view
	ViewTimeEntryDetails // time_entry.view_details
	ViewBillableTime     // time_entry.view_billable
	ApproveTimeEntry     // time_entry.approve

	// On absence: a time off booking or request, an allocation.
	RequestTimeOff          // time_off.request
	ViewTimeOff             // time_off.view
	ViewTimeOffDetails      // time_off.view_details
	ApproveTimeOff          // time_off.approve
	ViewAbsenceAllocation   // absence_allocation.view
	ManageAbsenceAllocation // absence_allocation.manage

	// On a booking in the Resource Planner.
	ViewOwnSchedule     // schedule.view_own
	ViewScheduleBasics  // schedule.view_basics
	ViewSchedule        // schedule.view
	ViewScheduleDetails // schedule.view_details
	ManageBookings      // schedule.manage_bookings

	// On a budget.
	ViewBudget               // budget.view
	ViewBudgetEstimatedTime  // budget.view_estimated_time
	ViewBudgetWorkedTime     // budget.view_worked_time
	ViewBudgetRevenue        // budget.view_revenue
	ViewBudgetProfit         // budget.view_profit
	ViewBudgetCost           // budget.view_cost
	ViewVarianceAtCompletion // budget.view_variance_at_completion
	ViewTimeToComplete       // budget.view_time_to_complete

	// On a deal.
	ViewDeal           // deal.view
	ViewDealFinancials // deal.view_financials
	ViewDealProfit     // deal.view_profit

	// On an invoice and its payments.
	ViewInvoice          // invoice.view
	ManageInvoice        // invoice.manage
	ExportInvoice        // invoice.export
	EditDraftInvoice     // invoice.edit_draft
	FinalizeInvoice      // invoice.finalize
	EditFinalizedInvoice // invoice.edit_finalized
	ViewPayment          // payment.view
	ManagePayments       // payment.manage
	SendPaymentReminder  // payment.send_reminder

	// On an expense.
	ManageExpense // expense.manage
	ExportExpense // expense.export

	// On a contact (a person or company in Contacts) or a client company.
	ViewContact                  // contact.view
	ManageContact                // contact.manage
	ViewContactFinancials        // contact.view_financials
	ViewContactCustomFields      // contact.view_custom_fields
	EditContactCustomFields      // contact.edit_custom_fields
	ViewContactSensitiveFields   // contact.view_sensitive_fields
	ManageContactSensitiveFields // contact.manage_sensitive_fields
	ViewClient                   // client.view
	ManageClient                 // client.manage

	// On a purchase order, and on a service of a budget.
	ViewPurchaseOrder // purchase_order.view
	ViewService       // service.view

	endAction
)

// The names of earlier releases, kept so that code written against them
// still compiles; go fix rewrites their uses.
const (
	// ViewTimeEntries is the former name of ViewTimeEntry: actions are
	// named by the one record they apply to.
	//
	// Deprecated: use ViewTimeEntry.
	//
	//go:fix inline
	ViewTimeEntries = ViewTimeEntry

	// ViewPayments is the former name of ViewPayment.
	//
	// Deprecated: use ViewPayment.
	//
	//go:fix inline
	ViewPayments = ViewPayment
)

// ActionCount is the number of actions in the table.
const ActionCount = int(endAction - 1)

// Rule is the reach rule of an action: which resources of its kind a subject
// who holds the required permissions may act on. Each rule asks the reach
// rights of its own object type (see the catalogue); none reads a set-wide
// scope. The zero Rule is invalid.
type Rule uint8

// The reach rules.
const (
	// Anywhere: any resource of the kind; no relation is needed.
	Anywhere Rule = iota + 1
	// AllBudgets: organization-wide figures, which cover every budget: only
	// for a subject who reaches every budget (budgets.view_all). A set that
	// reaches some budgets sees their figures on the budgets themselves.
	AllBudgets
	// OwnRecord: only records that belong to the subject.
	OwnRecord
	// OwnRecordInReach: the subject's own records on projects within their
	// project reach or on budgets they are a member of.
	OwnRecordInReach
	// ProjectReach: projects within the project reach rights: every project
	// (projects.view_all), public ones and the subject's
	// (projects.view_public), or the subject's (projects.view).
	ProjectReach
	// JoinablePublic: for employees, public projects and those in reach.
	JoinablePublic
	// DealReach: every deal (deals.view_all), or those assigned to the subject.
	DealReach
	// BudgetReach: every budget (budgets.view_all), or those the subject is a
	// member of, of the budget or its project. A client: budgets of projects
	// they are a member of, that they are a member of, with Client access on.
	BudgetReach
	// InvoiceReach: every invoice (invoices.view_all), or those on budgets the
	// subject is a member of, of the budget or its project.
	InvoiceReach
	// ExpenseReach: every expense (expenses.manage_all), or the subject's own
	// on budgets they are a member of (expenses.manage_own).
	ExpenseReach
	// TimeEntryReach: anyone's time entries on projects in reach or on
	// budgets the subject is a member of (time.view_others), or the
	// subject's own there (time.track_own). A client: time entries on
	// budgets they reach, and where the budget requires time approval, only
	// approved ones.
	TimeEntryReach
	// BookingReach: anyone's bookings on projects in reach or on budgets
	// the subject is a member of (schedules.view_others), or the subject's
	// own there (schedules.view_own).
	BookingReach
	// TimeOffReach: everyone's absence (time_off.view_others), that of
	// people of the subject's subsidiary and their own
	// (time_off.view_subsidiary), or the subject's own
	// (time_off.request_own).
	TimeOffReach
	// AllocationReach: everyone's absence allocations
	// (absence.view_all_allocations), those of people of the subject's
	// subsidiary and their own (absence.view_subsidiary_allocations), or
	// the subject's own (absence.view_own_allocations).
	AllocationReach
	// OthersRecord: records that belong to someone else (no self-approval).
	OthersRecord
	// ManageablePerson: someone else, who is not the Owner and whose role does
	// not outrank the subject's (nobody changes the Owner's permission set, or
	// their own).
	ManageablePerson
	// Approver: someone else's time entries, on budgets that require time
	// approval, that the subject may approve: where they are the budget's
	// approver (time.approve), on budgets they are a member of
	// (time.approve_member_budgets), or anyone's on projects in reach besides
	// (time.approve_all). The relation is reach enough: no project
	// membership is needed.
	Approver
	// BookingBasics: the basics of anyone's booking (allocated hours, client
	// company) in the organization, on budgets and deals the subject is not
	// part of (schedules.view_others), or the subject's own
	// (schedules.view_own).
	BookingBasics
	// CostRateReach: everyone's cost rate (people.view_cost_rates), or those
	// of people of the subject's subsidiary and their own
	// (people.view_cost_rates_subsidiary).
	CostRateReach
	// PurchaseOrderReach: every purchase order (purchase_orders.view_all),
	// or those on budgets the subject is a member of, of the budget or its
	// project.
	PurchaseOrderReach
	// AbsenceApprover: someone else's absence request that awaits an
	// approver, and that the subject may approve: as one of the approvers
	// its policy names, or as the requester's manager where the policy
	// names managers (time_off.approve); or any, on behalf of its approvers
	// (time_off.approve_all).
	AbsenceApprover

	endRule
)

var ruleNames = [endRule]string{
	Anywhere: "anywhere", AllBudgets: "every budget", OwnRecord: "own record", OwnRecordInReach: "own record on a project in reach",
	ProjectReach: "project in reach", JoinablePublic: "public or in reach (employees)", DealReach: "deal in reach",
	BudgetReach: "budget in reach", InvoiceReach: "invoice in reach", ExpenseReach: "expense in reach",
	TimeEntryReach: "time entry in reach", BookingReach: "booking in reach", TimeOffReach: "absence in reach",
	AllocationReach: "allocation in reach", OthersRecord: "someone else's record",
	ManageablePerson: "someone else, not the Owner, not above them nor holding more", Approver: "time entry they may approve",
	BookingBasics: "booking basics in reach", CostRateReach: "cost rate in reach", PurchaseOrderReach: "purchase order in reach",
	AbsenceApprover: "absence request they may approve",
}

// ruleRights lists the reach rights each rule reads: the rights of its own
// object type, and for records on projects, the projects' rights.
// TestRuleRightsAreWhatReachOfReads checks that reachOf reads nothing else.
var ruleRights = func() (t [endRule]Mask) {
	projects := MaskOf(ProjectsView, ProjectsViewPublic, ProjectsViewAll)
	t[AllBudgets] = MaskOf(BudgetsViewAll)
	t[OwnRecordInReach] = projects
	t[ProjectReach] = projects
	t[JoinablePublic] = MaskOf(ProjectsViewAll)
	t[DealReach] = MaskOf(DealsViewAll)
	t[BudgetReach] = MaskOf(BudgetsView, BudgetsViewAll)
	t[InvoiceReach] = MaskOf(InvoicesViewAll)
	t[ExpenseReach] = MaskOf(ExpensesManageOwn, ExpensesManageAll)
	t[TimeEntryReach] = projects.Union(MaskOf(TimeTrackOwn, TimeViewOthers, BudgetsView))
	t[BookingReach] = projects.Union(MaskOf(SchedulesViewOwn, SchedulesViewOthers, BudgetsView))
	t[BookingBasics] = MaskOf(SchedulesViewOwn, SchedulesViewOthers)
	t[TimeOffReach] = MaskOf(TimeOffRequestOwn, TimeOffViewSubsidiary, TimeOffViewOthers)
	t[AllocationReach] = MaskOf(AbsenceAllocationsViewOwn, AbsenceAllocationsViewSubsidiary, AbsenceAllocationsViewAll)
	t[CostRateReach] = MaskOf(PeopleViewCostRatesSubsidiary, PeopleViewCostRates)
	t[PurchaseOrderReach] = MaskOf(PurchaseOrdersViewAll)
	t[Approver] = projects.Union(MaskOf(TimeApprove, TimeApproveMemberBudgets, TimeApproveAll))
	t[AbsenceApprover] = MaskOf(TimeOffApprove, TimeOffApproveAll)
	return t
}()

// Rights returns the reach rights rule r reads to decide which resources a
// subject reaches: the rights of the action's own object type (and, for
// records on projects, the projects' rights). It is empty for the rules that
// need no reach right (Anywhere and the rules about whose record it is).
// The organization's own figures (AllBudgets) read budgets.view_all.
func (r Rule) Rights() Mask {
	if r >= endRule {
		return Mask{}
	}
	return ruleRights[r]
}

// String describes the rule in a few words.
func (r Rule) String() string {
	if r < Anywhere || r >= endRule {
		return fmt.Sprintf("rule(%d)", uint8(r))
	}
	return ruleNames[r]
}

// spec is one line of the action table as written.
type spec struct {
	name     string
	kind     Kind
	requires Mask // as written; the table below closes it over dependencies
	rule     Rule
	hidden   bool // shows worked time, cost, rates, profit, margin, invoicing or expenses: never to clients
}

// row is one line of the action table with what follows from it.
type row struct {
	spec
	needs   field // the fields the resource must have: its kind's, and the action's own (extraNeeds)
	planned bool  // for a client, needs the ClientBudgetsPlan (clientPlanned)
}

// of is shorthand for the permissions of a row.
var of = MaskOf

// actions is the action table: the one place that says what each action
// needs. Authorize, Capabilities and List all walk it. Besides what a row
// lists, every action needs the view permission of its kind (kinds table):
// nobody acts on what they cannot see. The figures in reports (revenue, cost,
// margin) sum budgets, so they need every budget (AllBudgets); the
// organization's profit is one figure the seed gives the Profitability
// Manager whatever the scope (Anywhere).
var actions = func() (t [endAction]row) {
	specs := [endAction]spec{
		CreateProject:           {"project.create", KindOrganization, of(ProjectsCreate), Anywhere, false},
		CreateDeal:              {"deal.create", KindOrganization, of(DealsCreate), Anywhere, false},
		ViewReports:             {"report.view", KindOrganization, of(ReportsView), Anywhere, false},
		ManageReports:           {"report.manage", KindOrganization, of(ReportsManage), Anywhere, false},
		ViewReportFinancials:    {"report.view_financials", KindOrganization, of(ReportsViewFinancials), AllBudgets, true},
		ViewOrgProfit:           {"report.view_org_profit", KindOrganization, of(ReportsViewOrgProfit), Anywhere, true},
		ViewReportCostMargin:    {"report.view_cost_margin", KindOrganization, of(ReportsViewCostMargin), AllBudgets, true},
		ConnectAccounting:       {"integration.connect_accounting", KindOrganization, of(IntegrationsManageOrganizational), Anywhere, false},
		ConfigureSSO:            {"integration.configure_sso", KindOrganization, of(IntegrationsManageOrganizational), Anywhere, false},
		ConfigureHR:             {"integration.configure_hr", KindOrganization, of(IntegrationsManageOrganizational), Anywhere, false},
		CreateUser:              {"user.create", KindOrganization, of(UsersCreate), Anywhere, false},
		ManageOrgSettings:       {"settings.manage", KindOrganization, of(SettingsManageOrganization), Anywhere, false},
		ManageAbsenceSettings:   {"absence.manage_settings", KindOrganization, of(AbsenceSettingsManage), Anywhere, false},
		ManagePermissionSets:    {"permission_set.manage", KindOrganization, of(PermissionSetsManage), Anywhere, false},
		ManageReminderTemplates: {"payment.manage_reminder_templates", KindOrganization, of(PaymentsManageReminderTemplates), Anywhere, true},
		BuySeats:                {"billing.buy_seats", KindOrganization, of(BillingBuySeats), Anywhere, false},
		ChangePlan:              {"billing.change_plan", KindOrganization, of(BillingChangePlan), Anywhere, false},
		ViewBilling:             {"billing.view", KindOrganization, of(BillingView), Anywhere, false},
		TransferOwnership:       {"organization.transfer_ownership", KindOrganization, of(OrganizationTransferOwnership), Anywhere, false},
		DeactivateOrganization:  {"organization.deactivate", KindOrganization, of(OrganizationDeactivate), Anywhere, false},

		ManagePersonalIntegrations: {"integration.manage_personal", KindPerson, of(IntegrationsManagePersonal), OwnRecord, false},
		ViewCostRate:               {"person.view_cost_rate", KindPerson, Mask{}, CostRateReach, true},
		ManageSalary:               {"person.manage_salary", KindPerson, of(PeopleManageSalaries), Anywhere, true},
		ChangePermissionSet:        {"person.change_permission_set", KindPerson, of(UsersChangePermissionSet), ManageablePerson, false},

		ViewProject:        {"project.view", KindProject, of(ProjectsView), ProjectReach, false},
		AddProjectMember:   {"project.add_member", KindProject, of(ProjectsManageMembers), ProjectReach, false},
		JoinProject:        {"project.join", KindProject, of(ProjectsView), JoinablePublic, false},
		CreateTaskList:     {"task_list.create", KindProject, of(TaskListsManage), ProjectReach, false},
		ConnectJiraProject: {"project.connect_jira", KindProject, of(IntegrationsManageTaskManagement), ProjectReach, false},

		ViewTask:         {"task.view", KindTask, of(TasksView), ProjectReach, false},
		CommentOnTask:    {"task.comment", KindTask, of(TasksComment), ProjectReach, false},
		AlterTask:        {"task.alter", KindTask, of(TasksManage), ProjectReach, false},
		ViewTaskEstimate: {"task.view_estimate", KindTask, of(TasksViewEstimates), ProjectReach, false},
		ViewTaskWorked:   {"task.view_worked_time", KindTask, of(TimeViewWorked), ProjectReach, true},
		UseJiraWidget:    {"task.use_jira_widget", KindTask, of(IntegrationsViewTaskManagement), ProjectReach, false},
		OpenDoc:          {"doc.open", KindDoc, of(DocsAccess), ProjectReach, false},

		TrackTime:            {"time_entry.track", KindTimeEntry, of(TimeTrackOwn), OwnRecordInReach, false},
		ViewTimeEntry:        {"time_entry.view", KindTimeEntry, Mask{}, TimeEntryReach, false},
		ViewTimeEntryDetails: {"time_entry.view_details", KindTimeEntry, of(TimeViewOthersDetails), TimeEntryReach, false},
		// A client with access to budgets sees billable time entries on
		// budgets shared with them (what they pay for), never worked time.
		ViewBillableTime: {"time_entry.view_billable", KindTimeEntry, of(TimeViewBillable), TimeEntryReach, false},
		ApproveTimeEntry: {"time_entry.approve", KindTimeEntry, of(TimeViewOthers), Approver, false},

		RequestTimeOff:          {"time_off.request", KindTimeOff, of(TimeOffRequestOwn), OwnRecord, false},
		ViewTimeOff:             {"time_off.view", KindTimeOff, Mask{}, TimeOffReach, false},
		ViewTimeOffDetails:      {"time_off.view_details", KindTimeOff, of(TimeOffViewDetails), TimeOffReach, false},
		ApproveTimeOff:          {"time_off.approve", KindTimeOff, of(TimeOffApprove), AbsenceApprover, false},
		ViewAbsenceAllocation:   {"absence_allocation.view", KindAllocation, Mask{}, AllocationReach, false},
		ManageAbsenceAllocation: {"absence_allocation.manage", KindAllocation, of(AbsenceAllocationsManage), Anywhere, false},

		ViewOwnSchedule: {"schedule.view_own", KindBooking, of(SchedulesViewOwn), OwnRecordInReach, false},
		// The Resource Planner shows people who see others' schedules "the
		// allocated hours and the client company name" of bookings on
		// budgets and deals they are not part of, not the details.
		ViewScheduleBasics:  {"schedule.view_basics", KindBooking, Mask{}, BookingBasics, false},
		ViewSchedule:        {"schedule.view", KindBooking, Mask{}, BookingReach, false},
		ViewScheduleDetails: {"schedule.view_details", KindBooking, of(SchedulesViewDetails), BookingReach, false},
		ManageBookings:      {"schedule.manage_bookings", KindBooking, of(SchedulesManageBookings), BookingReach, false},

		ViewBudget: {"budget.view", KindBudget, of(BudgetsView), BudgetReach, false},
		// Estimates, Variance at Completion and Time to complete are what a
		// client "with access to time and budgets" sees; worked time never.
		ViewBudgetEstimatedTime:  {"budget.view_estimated_time", KindBudget, of(TasksViewEstimates), BudgetReach, false},
		ViewBudgetWorkedTime:     {"budget.view_worked_time", KindBudget, of(BudgetsViewTime), BudgetReach, true},
		ViewBudgetRevenue:        {"budget.view_revenue", KindBudget, of(BudgetsViewFinancials), BudgetReach, true},
		ViewBudgetProfit:         {"budget.view_profit", KindBudget, of(BudgetsViewProfit), BudgetReach, true},
		ViewBudgetCost:           {"budget.view_cost", KindBudget, of(BudgetsViewCost), BudgetReach, true},
		ViewVarianceAtCompletion: {"budget.view_variance_at_completion", KindBudget, of(TasksViewEstimates), BudgetReach, false},
		ViewTimeToComplete:       {"budget.view_time_to_complete", KindBudget, of(TasksViewEstimates), BudgetReach, false},

		ViewDeal:           {"deal.view", KindDeal, of(DealsView), DealReach, false},
		ViewDealFinancials: {"deal.view_financials", KindDeal, of(DealsViewFinancials), DealReach, true},
		ViewDealProfit:     {"deal.view_profit", KindDeal, of(DealsViewProfit), DealReach, true},

		ViewInvoice:   {"invoice.view", KindInvoice, of(InvoicesView), InvoiceReach, true},
		ManageInvoice: {"invoice.manage", KindInvoice, of(InvoicesManage), InvoiceReach, true},
		// The integration article: exporting needs only "Add, edit, and
		// delete invoices and payments", no integration permission; the
		// builder's "Copy invoices to an accounting system" is that export
		// on its own, and the legacy right implies it (implications).
		ExportInvoice:        {"invoice.export", KindInvoice, of(InvoicesCopyToAccounting), InvoiceReach, true},
		EditDraftInvoice:     {"invoice.edit_draft", KindInvoice, of(InvoicesManageDrafts), InvoiceReach, true},
		FinalizeInvoice:      {"invoice.finalize", KindInvoice, of(InvoicesFinalize), InvoiceReach, true},
		EditFinalizedInvoice: {"invoice.edit_finalized", KindInvoice, of(InvoicesManageFinalized), InvoiceReach, true},
		ViewPayment:          {"payment.view", KindInvoice, of(PaymentsView), InvoiceReach, true},
		ManagePayments:       {"payment.manage", KindInvoice, of(PaymentsManage), InvoiceReach, true},
		SendPaymentReminder:  {"payment.send_reminder", KindInvoice, of(PaymentsSendReminders), InvoiceReach, true},

		ManageExpense: {"expense.manage", KindExpense, of(ExpensesManageOwn), ExpenseReach, true},
		// The integration article: exporting expenses needs only "Add, edit,
		// and delete all expenses".
		ExportExpense: {"expense.export", KindExpense, of(ExpensesManageAll), ExpenseReach, true},

		ViewContact:                  {"contact.view", KindContact, of(ContactsView), Anywhere, false},
		ManageContact:                {"contact.manage", KindContact, of(ContactsManage), Anywhere, false},
		ViewContactFinancials:        {"contact.view_financials", KindContact, of(ContactsViewFinancials), Anywhere, true},
		ViewContactCustomFields:      {"contact.view_custom_fields", KindContact, of(ContactsViewCustomFields), Anywhere, false},
		EditContactCustomFields:      {"contact.edit_custom_fields", KindContact, of(ContactsEditCustomFields), Anywhere, false},
		ViewContactSensitiveFields:   {"contact.view_sensitive_fields", KindContact, of(ContactsViewSensitiveFields), Anywhere, false},
		ManageContactSensitiveFields: {"contact.manage_sensitive_fields", KindContact, of(ContactsManageSensitiveFields), Anywhere, false},
		ViewClient:                   {"client.view", KindClient, of(ClientsView), Anywhere, false},
		ManageClient:                 {"client.manage", KindClient, of(ClientsManage), Anywhere, false},

		ViewPurchaseOrder: {"purchase_order.view", KindPurchaseOrder, of(PurchaseOrdersView), PurchaseOrderReach, true},
		ViewService:       {"service.view", KindService, of(BudgetsView), BudgetReach, false},
	}
	for a := range t {
		w := &t[a]
		w.spec = specs[a]
		w.requires = w.requires.With(kinds[w.kind].view).Closure()
		w.needs = kinds[w.kind].needs | extraNeeds[a]
		w.planned = clientPlanned(w)
	}
	return t
}()

// extraNeeds are the fields an action needs beyond its kind's: changing a
// person's permission set looks at the set they hold.
var extraNeeds = [endAction]field{ChangePermissionSet: needsPersonRights}

// clientPlanned reports whether, for a client, the action needs the
// ClientBudgetsPlan: "In the Professional and Ultimate pricing plans, Client
// Managers can be granted access to budgets, view time entries on budgets
// and time estimates on tasks." Those are the actions on budgets, their
// services and time entries, and those that show estimates.
func clientPlanned(w *row) bool {
	switch w.kind {
	case KindBudget, KindService, KindTimeEntry:
		return true
	}
	return w.requires.Has(TasksViewEstimates)
}

// kindRules groups the actions of each kind by their rule, for Capabilities:
// each group's reach is evaluated once. Computed once.
var kindRules = func() (t [endKind][]ruleActions) {
	for a := range Actions() {
		w := &actions[a]
		groups := t[w.kind]
		i := 0
		for i < len(groups) && groups[i].rule != w.rule {
			i++
		}
		if i == len(groups) {
			groups = append(groups, ruleActions{rule: w.rule})
		}
		groups[i].actions = groups[i].actions.With(a)
		t[w.kind] = groups
	}
	return t
}()

// ruleActions is the set of a kind's actions that share one rule.
type ruleActions struct {
	rule    Rule
	actions ActionMask
}

// kindActions is the set of the actions of each kind: the union of its
// kindRules groups.
var kindActions = func() (t [endKind]ActionMask) {
	for k, groups := range kindRules {
		for _, g := range groups {
			t[k] = t[k].or(g.actions)
		}
	}
	return t
}()

// ErrUnknownAction is returned (wrapped, with the offending name) by
// [ParseAction] for a name that is not an action.
var ErrUnknownAction = errors.New("unknown action")

// Actions iterates over every action in table order.
func Actions() iter.Seq[Action] {
	return func(yield func(Action) bool) {
		for a := Action(1); a < endAction; a++ {
			if !yield(a) {
				return
			}
		}
	}
}

// IsValid reports whether a is in the action table.
func (a Action) IsValid() bool { return a >= 1 && a < endAction }

// String returns the action's stable dotted name, such as "invoice.export".
func (a Action) String() string {
	if !a.IsValid() {
		return fmt.Sprintf("action(%d)", uint8(a))
	}
	return actions[a].name
}

// Kind returns the kind of resource a applies to.
func (a Action) Kind() Kind {
	if !a.IsValid() {
		return 0
	}
	return actions[a].kind
}

// Requires returns every permission a needs, closed over dependencies.
func (a Action) Requires() Mask {
	if !a.IsValid() {
		return Mask{}
	}
	return actions[a].requires
}

// Rule returns a's reach rule.
func (a Action) Rule() Rule {
	if !a.IsValid() {
		return 0
	}
	return actions[a].rule
}

// HiddenFromClients reports whether a shows worked time, billable time,
// cost, rates, profit, margin, invoicing or expenses, which clients never see
// whatever their permissions.
func (a Action) HiddenFromClients() bool { return a.IsValid() && actions[a].hidden }

// Section returns the section a is shown under: that of the last permission,
// in catalogue order, that a requires for its own sake rather than as a
// dependency of another; for an action that requires nothing of its own
// (seeing a time entry, a booking, an absence), that of the narrowest reach
// right its rule needs.
func (a Action) Section() Section {
	if !a.IsValid() {
		return 0
	}
	if own := a.Requires().tops(); !own.IsEmpty() {
		return own.Last().Section()
	}
	// Every rule of an action that requires nothing of its own reaches
	// nothing without a reach right, which the impossible clause names.
	c := reachOf(actions[a].rule, role.Employee, Mask{})
	var need Permission
	if never := c.impossible(); never != nil {
		need = never.widen
	}
	return need.Section()
}

// renamedActions maps the names of actions that were split or renamed to
// what they are now, so that a host's stored action names keep parsing.
var renamedActions = map[string]Action{
	"budget.view_time": ViewBudgetWorkedTime, // split into estimated and worked time; the old action showed both
}

// ParseAction returns the action named s. A name an earlier release used for
// an action that was renamed parses as that action. An unknown name is an
// error wrapping [ErrUnknownAction] that quotes s and, when an action name is
// within a few edits, suggests it; a permission name (budgets.view where
// budget.view was meant) is called out as one.
func ParseAction(s string) (Action, error) {
	if a, ok := actionsByName[s]; ok {
		return a, nil
	}
	if a, ok := renamedActions[s]; ok {
		return a, nil
	}
	hint := ""
	if _, err := Parse(s); err == nil {
		hint = " (that is a permission, not an action)"
	}
	if near := nearest(s, actionNames); near != "" {
		hint += fmt.Sprintf(" (did you mean %q?)", near)
	}
	return 0, fmt.Errorf("permission: action %s: %w%s", clip.Quote(s), ErrUnknownAction, hint)
}

// actionsByName and actionNames are built once from the action table and
// never changed.
var (
	actionsByName = func() map[string]Action {
		m := make(map[string]Action, ActionCount)
		for a := range Actions() {
			m[actions[a].name] = a
		}
		return m
	}()
	actionNames = func() (names []string) {
		for a := range Actions() {
			names = append(names, actions[a].name)
		}
		return names
	}()
)

// MarshalText implements [encoding.TextMarshaler]; it fails for an invalid
// action.
func (a Action) MarshalText() ([]byte, error) {
	if !a.IsValid() {
		return nil, fmt.Errorf("permission: action %d: %w", uint8(a), ErrUnknownAction)
	}
	return []byte(actions[a].name), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler]; on error a is left
// unchanged.
func (a *Action) UnmarshalText(text []byte) error {
	v, err := ParseAction(string(text))
	if err != nil {
		return err
	}
	*a = v
	return nil
}
