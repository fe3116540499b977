package permission

import (
	"errors"
	"fmt"
	"iter"

	"github.com/clearance-go/clearance/permission/clip"
)

// Permission is one right in Productive's permission builder, such as
// [InvoicesManage] ("Add, edit, and delete invoices and payments") or
// [IntegrationsManageOrganizational].
//
// The zero Permission is invalid. The numeric values are not stable API and
// may change between releases; the dotted names from [Permission.String] are
// stable and are what encodings use.
type Permission uint8

// The catalogue, section by section. Each constant's comment is its stable
// name; [Permission.Description], [Permission.Section], [Permission.Needs],
// [Permission.FreeSeat] and [Permission.OwnerOnly] report the rest of its row
// in the catalogue table (the unexported variable catalogue in catalogue.go).
//
// Reach rights say how far a set reaches for one object type, from its
// narrowest right to its widest; each action's reach rule asks the reach
// rights of its own object type (see [Rule]):
//
//	projects      projects.view (member) < projects.view_public < projects.view_all
//	deals         deals.view (assigned) < deals.view_all
//	budgets       budgets.view (member of the budget or its project) < budgets.view_all
//	invoices      invoices.view (on budgets they are a member of) < invoices.view_all
//	expenses      expenses.manage_own < expenses.manage_all
//	time entries  time.track_own (own, on projects in reach) < time.view_others (on projects in reach)
//	bookings      schedules.view_own (own, on projects in reach) < schedules.view_others (on projects in reach)
//	absence       time_off.request_own (own) < time_off.view_subsidiary (their subsidiary's) < time_off.view_others (everyone's)
//	allocations   absence.view_own_allocations < absence.view_subsidiary_allocations < absence.view_all_allocations
//	cost rates    people.view_cost_rates_subsidiary (their subsidiary's) < people.view_cost_rates (everyone's)
//	purchase      purchase_orders.view (on budgets they are a member of) < purchase_orders.view_all
//	approvals     time.approve (where approver), time.approve_member_budgets, time.approve_all;
//	              time_off.approve (where an approver of the request) < time_off.approve_all
const (
	// Projects.
	ProjectsView          Permission = iota + 1 // projects.view: reach right, projects they are a member of
	ProjectsViewPublic                          // projects.view_public: reach right, every public project too
	ProjectsViewAll                             // projects.view_all: reach right, every project
	ProjectsCreate                              // projects.create
	ProjectsManageMembers                       // projects.manage_members

	// Tasks.
	TasksView          // tasks.view
	TasksComment       // tasks.comment
	TasksManage        // tasks.manage
	TaskListsManage    // task_lists.manage
	TasksViewEstimates // tasks.view_estimates

	// Docs.
	DocsAccess // docs.access

	// Time.
	TimeTrackOwn             // time.track_own: reach right, their own time entries
	TimeViewWorked           // time.view_worked
	TimeViewOthers           // time.view_others: reach right, other people's time entries
	TimeViewOthersDetails    // time.view_others_details
	TimeViewBillable         // time.view_billable
	TimeApprove              // time.approve: reach right, approve where the approver
	TimeApproveMemberBudgets // time.approve_member_budgets: reach right, approve on budgets they are a member of
	TimeApproveAll           // time.approve_all: reach right, approve on every budget in reach

	// Absence.
	TimeOffRequestOwn                // time_off.request_own: reach right, their own absence
	TimeOffViewSubsidiary            // time_off.view_subsidiary: reach right, the absence of people of their subsidiary
	TimeOffViewOthers                // time_off.view_others: reach right, everyone's absence
	TimeOffViewDetails               // time_off.view_details
	TimeOffApprove                   // time_off.approve: reach right, approve absence where they are an approver
	TimeOffApproveAll                // time_off.approve_all: reach right, approve anyone's absence on behalf of its approvers
	AbsenceAllocationsViewOwn        // absence.view_own_allocations: reach right, their own allocations
	AbsenceAllocationsViewSubsidiary // absence.view_subsidiary_allocations: reach right, the allocations of people of their subsidiary
	AbsenceAllocationsViewAll        // absence.view_all_allocations: reach right, everyone's allocations
	AbsenceAllocationsManage         // absence.manage_allocations
	AbsenceSettingsManage            // absence.manage_settings

	// Resourcing.
	SchedulesViewOwn        // schedules.view_own: reach right, their own bookings
	SchedulesViewOthers     // schedules.view_others: reach right, other people's bookings
	SchedulesViewDetails    // schedules.view_details
	SchedulesManageBookings // schedules.manage_bookings

	// Budgets.
	BudgetsView           // budgets.view: reach right, budgets they are a member of
	BudgetsViewAll        // budgets.view_all: reach right, every budget
	BudgetsViewTime       // budgets.view_time
	BudgetsViewFinancials // budgets.view_financials
	BudgetsViewProfit     // budgets.view_profit
	BudgetsViewCost       // budgets.view_cost

	// Deals.
	DealsView           // deals.view: reach right, deals they are a member of (assigned)
	DealsViewAll        // deals.view_all: reach right, every deal
	DealsCreate         // deals.create
	DealsViewFinancials // deals.view_financials
	DealsViewProfit     // deals.view_profit

	// Invoices.
	InvoicesView                    // invoices.view: reach right, invoices on budgets they are a member of
	InvoicesViewAll                 // invoices.view_all: reach right, every invoice
	InvoicesManageDrafts            // invoices.manage_drafts
	InvoicesFinalize                // invoices.finalize
	InvoicesManageFinalized         // invoices.manage_finalized
	PaymentsView                    // payments.view
	PaymentsManage                  // payments.manage
	PaymentsSendReminders           // payments.send_reminders
	PaymentsManageReminderTemplates // payments.manage_reminder_templates
	InvoicesManage                  // invoices.manage
	InvoicesCopyToAccounting        // invoices.copy_to_accounting

	// Purchase orders.
	PurchaseOrdersView    // purchase_orders.view: reach right, purchase orders on budgets they are a member of
	PurchaseOrdersViewAll // purchase_orders.view_all: reach right, every purchase order

	// Expenses.
	ExpensesManageOwn // expenses.manage_own: reach right, their own expenses
	ExpensesManageAll // expenses.manage_all: reach right, every expense

	// Contacts.
	ContactsView                  // contacts.view
	ContactsManage                // contacts.manage
	ContactsViewFinancials        // contacts.view_financials
	ContactsViewCustomFields      // contacts.view_custom_fields
	ContactsEditCustomFields      // contacts.edit_custom_fields
	ContactsViewSensitiveFields   // contacts.view_sensitive_fields
	ContactsManageSensitiveFields // contacts.manage_sensitive_fields
	ClientsView                   // clients.view
	ClientsManage                 // clients.manage

	// Reports.
	ReportsView           // reports.view
	ReportsManage         // reports.manage
	ReportsViewFinancials // reports.view_financials
	ReportsViewOrgProfit  // reports.view_org_profit
	ReportsViewCostMargin // reports.view_cost_margin

	// Integrations.
	IntegrationsManagePersonal       // integrations.manage_personal
	IntegrationsViewTaskManagement   // integrations.view_task_management
	IntegrationsManageTaskManagement // integrations.manage_task_management
	IntegrationsManageOrganizational // integrations.manage_organizational

	// People.
	UsersCreate                   // users.create
	UsersChangePermissionSet      // users.change_permission_set
	PeopleManageSalaries          // people.manage_salaries
	PeopleViewCostRatesSubsidiary // people.view_cost_rates_subsidiary: reach right, cost rates of people of their subsidiary
	PeopleViewCostRates           // people.view_cost_rates: reach right, everyone's cost rates

	// Settings.
	SettingsManageOrganization // settings.manage_organization
	PermissionSetsManage       // permission_sets.manage

	// Billing.
	BillingBuySeats   // billing.buy_seats
	BillingChangePlan // billing.change_plan
	BillingView       // billing.view

	// Organization.
	OrganizationTransferOwnership // organization.transfer_ownership
	OrganizationDeactivate        // organization.deactivate

	endPermission // one past the last permission; not exported
)

// Count is the number of permissions in the catalogue.
const Count = int(endPermission - 1)

// Section is the group of the permission builder a permission appears in.
// The zero Section is invalid.
type Section uint8

// The sections, in the order Productive's "Try it out" preview shows them.
const (
	Projects Section = iota + 1
	Tasks
	Docs
	Time
	Absence
	Resourcing
	Budgets
	Deals
	Invoices
	PurchaseOrders
	Expenses
	Contacts
	Reports
	Integrations
	People
	Settings
	Billing
	Organization

	endSection
)

var sectionNames = [endSection]string{
	Projects: "Projects", Tasks: "Tasks", Docs: "Docs", Time: "Time", Absence: "Absence", Resourcing: "Resourcing",
	Budgets: "Budgets", Deals: "Deals", Invoices: "Invoices", PurchaseOrders: "Purchase orders", Expenses: "Expenses", Contacts: "Contacts",
	Reports: "Reports", Integrations: "Integrations", People: "People", Settings: "Settings",
	Billing: "Billing", Organization: "Organization",
}

// Sections iterates over the sections in display order.
func Sections() iter.Seq[Section] {
	return func(yield func(Section) bool) {
		for s := Projects; s < endSection; s++ {
			if !yield(s) {
				return
			}
		}
	}
}

// String returns the section's display name, such as "Integrations".
func (s Section) String() string {
	if s < Projects || s >= endSection {
		return fmt.Sprintf("section(%d)", uint8(s))
	}
	return sectionNames[s]
}

// holder says which kinds of user may hold a permission at all.
type holder uint8

const (
	employees  holder = 1 << iota // paid employee seats (every employee set)
	clients                       // free client seats
	contractor                    // the Contractor system set
	ownerOnly                     // the Owner alone: no other set may hold it

	everyone = employees | clients | contractor
)

// entry is one row of the catalogue.
type entry struct {
	name    string
	section Section
	about   string // what the permission allows, in one line
	holders holder
	needs   []Permission // permissions it depends on (direct)
}

// needs is shorthand for a row's dependency list.
func needs(ps ...Permission) []Permission { return ps }

// catalogue is the single description of every permission. Everything else in
// the package (names, sections, dependency closure, what a client, contractor
// or non-owner may hold) is derived from it.
//
// Dependencies follow the permission builder: turning a right on turns on
// what it needs, turning one off turns off what needs it. Each wider reach
// right needs the narrower one of its object type ("View all projects" needs
// the public one, which needs the member one), as the builder's
// "view all" rights need their "where a member" rights.
//
// Clients may hold time.view_others because the roles article says a client
// can, "depending on permissions - access time entries" and "get access to
// budgets and timesheets"; what they never see is worked time as such, which
// the actions marked hidden in the action table show.
//
// Sources: integration-settings (the four integration rights and the two
// export rights), client-permissions (tasks and docs for clients, free seats),
// roles-and-permissions (every "has permission to" line), and the domain
// catalogue (§2) for the builder's own rights and labels: View all projects,
// View all budgets / where the user is a member, View all deals / only deals
// where a user is a member, View all invoices / where a user is a member on a
// budget, the invoice and payment split, time approval where the user is
// approver / on budgets where the user is a member, absence allocations,
// Contacts & Clients, and View Created and Shared Reports / Add, Edit, and
// Delete Reports.
var catalogue = [endPermission]entry{
	ProjectsView:          {"projects.view", Projects, "Open the projects you are a member of and collaborate on them", everyone, nil},
	ProjectsViewPublic:    {"projects.view_public", Projects, "Open every public project (shared with all employees), not only your own", employees, needs(ProjectsView)},
	ProjectsViewAll:       {"projects.view_all", Projects, "View all projects", employees, needs(ProjectsViewPublic)},
	ProjectsCreate:        {"projects.create", Projects, "Add new projects", employees, needs(ProjectsView)},
	ProjectsManageMembers: {"projects.manage_members", Projects, "Add people to projects and remove them", employees, needs(ProjectsView)},

	TasksView:          {"tasks.view", Tasks, "See the tasks of projects within your reach", everyone, needs(ProjectsView)},
	TasksComment:       {"tasks.comment", Tasks, "Comment on tasks and talk with the team on them", everyone, needs(TasksView)},
	TasksManage:        {"tasks.manage", Tasks, "Create, edit, assign, open and close tasks", everyone, needs(TasksComment)},
	TaskListsManage:    {"task_lists.manage", Tasks, "Create and arrange task lists and folders", employees | contractor, needs(TasksView)},
	TasksViewEstimates: {"tasks.view_estimates", Tasks, "See the estimates and time to complete on tasks", employees | clients, needs(TasksView)},

	DocsAccess: {"docs.access", Docs, "Open and collaborate on the docs of projects within your reach", everyone, needs(ProjectsView)},

	TimeTrackOwn:             {"time.track_own", Time, "Track your own time on projects within your reach, and see your own time entries", employees | contractor, nil},
	TimeViewWorked:           {"time.view_worked", Time, "See worked (tracked) time on tasks and projects", employees, nil},
	TimeViewOthers:           {"time.view_others", Time, "See other people's time entries on projects within your reach (a client: the timesheets of budgets shared with them)", employees | clients, nil},
	TimeViewOthersDetails:    {"time.view_others_details", Time, "See the notes, categories and history of other people's time entries", employees, needs(TimeViewOthers)},
	TimeViewBillable:         {"time.view_billable", Time, "See billable time (a client with access to budgets: billable time entries on budgets shared with them, never worked time)", employees | clients, needs(TimeViewOthers)},
	TimeApprove:              {"time.approve", Time, "Approve time entries where user is approver", employees, needs(TimeViewOthers)},
	TimeApproveMemberBudgets: {"time.approve_member_budgets", Time, "Approve time entries on budgets where user is a member", employees, needs(TimeViewOthers)},
	TimeApproveAll:           {"time.approve_all", Time, "Approve anyone's time entries on projects within your reach, approver or not", employees, needs(TimeApprove, TimeApproveMemberBudgets)},

	TimeOffRequestOwn:                {"time_off.request_own", Absence, "Request absence (time off, remote work) and see your own", employees, nil},
	TimeOffViewSubsidiary:            {"time_off.view_subsidiary", Absence, "View absence bookings for users in their subsidiary", employees, needs(TimeOffRequestOwn)},
	TimeOffViewOthers:                {"time_off.view_others", Absence, "See when any user is absent, without details", employees, needs(TimeOffViewSubsidiary)},
	TimeOffViewDetails:               {"time_off.view_details", Absence, "View absence details for all users: category, notes and history", employees, needs(TimeOffViewOthers)},
	TimeOffApprove:                   {"time_off.approve", Absence, "Approve absence requests where you are one of the approvers (a named approver, or the requester's manager when the policy names managers)", employees, needs(TimeOffViewOthers)},
	TimeOffApproveAll:                {"time_off.approve_all", Absence, "Approve any absence request on behalf of its approvers", employees, needs(TimeOffApprove)},
	AbsenceAllocationsViewOwn:        {"absence.view_own_allocations", Absence, "View your own absence allowances", employees, nil},
	AbsenceAllocationsViewSubsidiary: {"absence.view_subsidiary_allocations", Absence, "View absence allowances for users in their subsidiary", employees, needs(AbsenceAllocationsViewOwn)},
	AbsenceAllocationsViewAll:        {"absence.view_all_allocations", Absence, "View all users' absence allowances", employees, needs(AbsenceAllocationsViewSubsidiary)},
	AbsenceAllocationsManage:         {"absence.manage_allocations", Absence, "Add, edit, and delete absence allocations, manage approvers and subscribers for absence allocation", employees, needs(AbsenceAllocationsViewAll)},
	AbsenceSettingsManage:            {"absence.manage_settings", Absence, "Manage time off categories and approval settings", employees, nil},

	SchedulesViewOwn:        {"schedules.view_own", Resourcing, "See your own bookings in the Resource Planner", employees | contractor, nil},
	SchedulesViewOthers:     {"schedules.view_others", Resourcing, "See other people's bookings on projects within your reach, as booked hours", employees, needs(SchedulesViewOwn)},
	SchedulesViewDetails:    {"schedules.view_details", Resourcing, "See the details and history of other people's bookings", employees, needs(SchedulesViewOthers)},
	SchedulesManageBookings: {"schedules.manage_bookings", Resourcing, "Book people on projects and change their bookings", employees, needs(SchedulesViewOthers)},

	BudgetsView:           {"budgets.view", Budgets, "View budgets where the user is a member, of the budget or of its project (a client: only budgets shared with them, with Client access on)", employees | clients, nil},
	BudgetsViewAll:        {"budgets.view_all", Budgets, "View all budgets", employees, needs(BudgetsView)},
	BudgetsViewTime:       {"budgets.view_time", Budgets, "See a budget's estimated and worked time", employees, needs(BudgetsView)},
	BudgetsViewFinancials: {"budgets.view_financials", Budgets, "See a budget's price, billable amounts, invoicing and revenue", employees, needs(BudgetsView)},
	BudgetsViewProfit:     {"budgets.view_profit", Budgets, "See a budget's profit and margin", employees, needs(BudgetsViewFinancials)},
	BudgetsViewCost:       {"budgets.view_cost", Budgets, "See a budget's cost", employees, needs(BudgetsViewFinancials)},

	DealsView:           {"deals.view", Deals, "View only deals where a user is a member", employees, nil},
	DealsViewAll:        {"deals.view_all", Deals, "View all deals", employees, needs(DealsView)},
	DealsCreate:         {"deals.create", Deals, "Add new deals", employees, needs(DealsView)},
	DealsViewFinancials: {"deals.view_financials", Deals, "See a deal's value and other financial information", employees, needs(DealsView)},
	DealsViewProfit:     {"deals.view_profit", Deals, "See a deal's cost and profit", employees, needs(DealsViewFinancials)},

	InvoicesView:                    {"invoices.view", Invoices, "View invoices where a user is a member on a budget", employees, nil},
	InvoicesViewAll:                 {"invoices.view_all", Invoices, "View all invoices", employees, needs(InvoicesView)},
	InvoicesManageDrafts:            {"invoices.manage_drafts", Invoices, "Add, edit, and delete draft invoices", employees, needs(InvoicesView)},
	InvoicesFinalize:                {"invoices.finalize", Invoices, "Finalize and send invoices", employees, needs(InvoicesManageDrafts)},
	InvoicesManageFinalized:         {"invoices.manage_finalized", Invoices, "Edit and delete finalized invoices", employees, needs(InvoicesFinalize)},
	PaymentsView:                    {"payments.view", Invoices, "View payments", employees, needs(InvoicesView)},
	PaymentsManage:                  {"payments.manage", Invoices, "Add, edit, and delete payments", employees, needs(PaymentsView)},
	PaymentsSendReminders:           {"payments.send_reminders", Invoices, "View and send payment reminders", employees, needs(PaymentsView)},
	PaymentsManageReminderTemplates: {"payments.manage_reminder_templates", Invoices, "Add, edit and delete the organization's payment reminder templates", employees, needs(PaymentsSendReminders)},
	InvoicesManage:                  {"invoices.manage", Invoices, "Add, edit, and delete invoices and payments (the legacy right: holding every part of it is holding it)", employees, needs(InvoicesManageFinalized, PaymentsManage)},
	InvoicesCopyToAccounting:        {"invoices.copy_to_accounting", Invoices, "Copy invoices to an accounting system", employees, needs(InvoicesView)},

	PurchaseOrdersView:    {"purchase_orders.view", PurchaseOrders, "View purchase orders on budgets where user is a member", employees, nil},
	PurchaseOrdersViewAll: {"purchase_orders.view_all", PurchaseOrders, "View all purchase orders", employees, needs(PurchaseOrdersView)},

	ExpensesManageOwn: {"expenses.manage_own", Expenses, "Log, edit and delete your own expenses on budgets you are a member of", employees, nil},
	ExpensesManageAll: {"expenses.manage_all", Expenses, "Add, edit, and delete all expenses (and export them to the accounting tool)", employees, needs(ExpensesManageOwn)},

	ContactsView:                  {"contacts.view", Contacts, "View Contacts", employees, nil},
	ContactsManage:                {"contacts.manage", Contacts, "Add, Edit, and Delete Contacts", employees, needs(ContactsView)},
	ContactsViewFinancials:        {"contacts.view_financials", Contacts, "See the financial information of companies", employees, needs(ContactsView)},
	ContactsViewCustomFields:      {"contacts.view_custom_fields", Contacts, "View Contact Custom Fields", employees, needs(ContactsView)},
	ContactsEditCustomFields:      {"contacts.edit_custom_fields", Contacts, "Edit Contact Custom Fields", employees, needs(ContactsViewCustomFields)},
	ContactsViewSensitiveFields:   {"contacts.view_sensitive_fields", Contacts, "View Sensitive Contact Custom Fields", employees, needs(ContactsViewCustomFields)},
	ContactsManageSensitiveFields: {"contacts.manage_sensitive_fields", Contacts, "Add, Edit, and Delete Sensitive Contact Custom Fields", employees, needs(ContactsViewSensitiveFields, ContactsEditCustomFields)},
	ClientsView:                   {"clients.view", Contacts, "View Clients", employees, nil},
	ClientsManage:                 {"clients.manage", Contacts, "Add, Edit, and Delete Clients", employees, needs(ClientsView)},

	ReportsView:           {"reports.view", Reports, "View Created and Shared Reports", employees, nil},
	ReportsManage:         {"reports.manage", Reports, "Add, Edit, and Delete Reports", employees, needs(ReportsView)},
	ReportsViewFinancials: {"reports.view_financials", Reports, "See revenue and billing figures in reports", employees, needs(ReportsView)},
	ReportsViewOrgProfit:  {"reports.view_org_profit", Reports, "See the profit of the whole organization", employees, needs(ReportsViewFinancials)},
	ReportsViewCostMargin: {"reports.view_cost_margin", Reports, "See cost, profit, margin and overheads in reports", employees, needs(ReportsViewFinancials)},

	IntegrationsManagePersonal:       {"integrations.manage_personal", Integrations, "Manage personal integrations: Google and Outlook calendars, personal Slack", employees, nil},
	IntegrationsViewTaskManagement:   {"integrations.view_task_management", Integrations, "View task management integrations: the Jira widget for time tracking and Jira links on tasks", employees, nil},
	IntegrationsManageTaskManagement: {"integrations.manage_task_management", Integrations, "Manage task management integrations: connect projects to Jira", employees, needs(IntegrationsViewTaskManagement)},
	IntegrationsManageOrganizational: {"integrations.manage_organizational", Integrations, "Manage organizational integrations: SSO, accounting and HR", employees, nil},

	UsersCreate:                   {"users.create", People, "Create user accounts", employees, nil},
	UsersChangePermissionSet:      {"users.change_permission_set", People, "Change other people's permission sets", employees, nil},
	PeopleManageSalaries:          {"people.manage_salaries", People, "Manage salaries", employees, needs(PeopleViewCostRates)},
	PeopleViewCostRatesSubsidiary: {"people.view_cost_rates_subsidiary", People, "See the cost rates of people in their subsidiary", employees, nil},
	PeopleViewCostRates:           {"people.view_cost_rates", People, "See everyone's cost rates", employees, needs(PeopleViewCostRatesSubsidiary)},

	SettingsManageOrganization: {"settings.manage_organization", Settings, "Change the organization's general settings", employees, nil},
	PermissionSetsManage:       {"permission_sets.manage", Settings, "Create and edit custom permission sets", employees, nil},

	BillingBuySeats:   {"billing.buy_seats", Billing, "Buy extra seats", employees, nil},
	BillingChangePlan: {"billing.change_plan", Billing, "Change or upgrade the subscription plan", employees, nil},
	BillingView:       {"billing.view", Billing, "See all billing: subscription invoices and billing details", ownerOnly, nil},

	OrganizationTransferOwnership: {"organization.transfer_ownership", Organization, "Hand the ownership of the organization to another person", ownerOnly, nil},
	OrganizationDeactivate:        {"organization.deactivate", Organization, "Deactivate the whole organization", ownerOnly, nil},
}

// reachRights are the permissions that say how far a set reaches for one
// object type (the ladders in the comment above the catalogue's constants).
var reachRights = MaskOf(
	ProjectsView, ProjectsViewPublic, ProjectsViewAll,
	DealsView, DealsViewAll,
	BudgetsView, BudgetsViewAll,
	InvoicesView, InvoicesViewAll,
	ExpensesManageOwn, ExpensesManageAll,
	TimeTrackOwn, TimeViewOthers, TimeApprove, TimeApproveMemberBudgets, TimeApproveAll,
	TimeOffRequestOwn, TimeOffViewSubsidiary, TimeOffViewOthers, TimeOffApprove, TimeOffApproveAll,
	AbsenceAllocationsViewOwn, AbsenceAllocationsViewSubsidiary, AbsenceAllocationsViewAll,
	SchedulesViewOwn, SchedulesViewOthers,
	PurchaseOrdersView, PurchaseOrdersViewAll,
	PeopleViewCostRatesSubsidiary, PeopleViewCostRates,
)

// ReachRights returns every reach right: the permissions that say how far a
// set reaches for one object type, such as projects.view_all or
// invoices.view. Reach rules read only these (and the kind of the subject's
// role); every other permission is a plain right.
func ReachRights() Mask { return reachRights }

// IsReachRight reports whether p is a reach right (see [ReachRights]).
func (p Permission) IsReachRight() bool { return reachRights.Has(p) }

// ErrUnknown is returned (wrapped, with the offending name) by [Parse] and the
// decoders for a name that is not in the catalogue.
var ErrUnknown = errors.New("unknown permission")

// All iterates over every permission in catalogue order.
func All() iter.Seq[Permission] {
	return func(yield func(Permission) bool) {
		for p := Permission(1); p < endPermission; p++ {
			if !yield(p) {
				return
			}
		}
	}
}

// IsValid reports whether p is in the catalogue.
func (p Permission) IsValid() bool { return p >= 1 && p < endPermission }

// String returns the permission's stable dotted name, such as
// "invoices.manage". An invalid permission prints as "permission(N)".
func (p Permission) String() string {
	if !p.IsValid() {
		return fmt.Sprintf("permission(%d)", uint8(p))
	}
	return catalogue[p].name
}

// Section returns the builder section p belongs to, or the zero Section for an
// invalid permission.
func (p Permission) Section() Section {
	if !p.IsValid() {
		return 0
	}
	return catalogue[p].section
}

// Description returns a one-line description of what p allows.
func (p Permission) Description() string {
	if !p.IsValid() {
		return ""
	}
	return catalogue[p].about
}

// FreeSeat reports whether a client (free-seat) permission set may hold p.
func (p Permission) FreeSeat() bool { return p.IsValid() && catalogue[p].holders&clients != 0 }

// OwnerOnly reports whether only the organization's Owner may hold p.
func (p Permission) OwnerOnly() bool { return p.IsValid() && catalogue[p].holders&ownerOnly != 0 }

// Needs returns the permissions p directly depends on: a set that holds p
// must hold them too. Use [Mask.Closure] for the transitive closure.
func (p Permission) Needs() Mask {
	var m Mask
	if p.IsValid() {
		for _, q := range catalogue[p].needs {
			m = m.With(q)
		}
	}
	return m
}

// MarshalText implements [encoding.TextMarshaler]; it fails for an invalid
// permission.
func (p Permission) MarshalText() ([]byte, error) {
	if !p.IsValid() {
		return nil, fmt.Errorf("permission: %d: %w", uint8(p), ErrUnknown)
	}
	return []byte(catalogue[p].name), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler]; on error p is left
// unchanged.
func (p *Permission) UnmarshalText(text []byte) error {
	v, err := Parse(string(text))
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// Parse returns the permission named s. An unknown name is an error wrapping
// [ErrUnknown] that quotes s (at most its first 64 bytes) and, when a
// catalogue name is within three edits (insertions, deletions or
// substitutions of a byte), suggests the nearest:
//
//	permission: "invoice.manage": unknown permission (did you mean "invoices.manage"?)
//
// Only names of up to 64 bytes get a suggestion (no catalogue name is within
// three edits of a longer one), so an unknown name of any length costs one
// map lookup and one bounded error message past that.
func Parse(s string) (Permission, error) {
	if p, ok := byName[s]; ok {
		return p, nil
	}
	if near := nearest(s, permissionNames); near != "" {
		return 0, fmt.Errorf("permission: %s: %w (did you mean %q?)", clip.Quote(s), ErrUnknown, near)
	}
	return 0, fmt.Errorf("permission: %s: %w", clip.Quote(s), ErrUnknown)
}

// byName is built once from the catalogue and never changed.
var byName = func() map[string]Permission {
	m := make(map[string]Permission, Count)
	for p := range All() {
		m[catalogue[p].name] = p
	}
	return m
}()

// permissionNames is every catalogue name, in catalogue order, for nearest.
var permissionNames = func() (names []string) {
	for p := range All() {
		names = append(names, catalogue[p].name)
	}
	return names
}()

// nearest returns the name among names nearest to s when it is at most a few
// edits away, or "" ([clip.Nearest]).
func nearest(s string, names []string) string { return clip.Nearest(s, names) }
