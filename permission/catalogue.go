package permission

import (
	"errors"
	"fmt"
	"iter"

	"github.com/clearance-go/clearance/internal/clip"
)

// Permission is one right in Productive's permission builder, such as
// [InvoicesManage] ("Add, edit, and delete invoices and payments") or
// [IntegrationsManageOrganizational].
//
// The zero Permission is invalid. The numeric values are not stable API and
// may change between releases; the dotted names from [Permission.String] are
// stable and are what encodings use.
type Permission uint8

// The catalogue. Each constant's doc line is its name; its meaning, section,
// dependencies and who may hold it are in the catalogue table below and are
// reported by the methods of Permission.
const (
	ProjectsView                     Permission = iota + 1 // projects.view
	ProjectsCreate                                         // projects.create
	ProjectsManageMembers                                  // projects.manage_members
	TasksView                                              // tasks.view
	TasksManage                                            // tasks.manage
	TaskListsManage                                        // task_lists.manage
	TasksViewEstimates                                     // tasks.view_estimates
	DocsAccess                                             // docs.access
	TimeTrackOwn                                           // time.track_own
	TimeViewWorked                                         // time.view_worked
	TimeViewOthers                                         // time.view_others
	TimeViewOthersDetails                                  // time.view_others_details
	TimeViewBillable                                       // time.view_billable
	TimeApprove                                            // time.approve
	TimeApproveAll                                         // time.approve_all
	TimeOffRequestOwn                                      // time_off.request_own
	TimeOffViewOthers                                      // time_off.view_others
	TimeOffViewDetails                                     // time_off.view_details
	TimeOffApprove                                         // time_off.approve
	SchedulesViewOwn                                       // schedules.view_own
	SchedulesViewOthers                                    // schedules.view_others
	SchedulesViewDetails                                   // schedules.view_details
	SchedulesManageBookings                                // schedules.manage_bookings
	BudgetsView                                            // budgets.view
	BudgetsViewTime                                        // budgets.view_time
	BudgetsViewFinancials                                  // budgets.view_financials
	BudgetsViewProfit                                      // budgets.view_profit
	BudgetsViewCost                                        // budgets.view_cost
	DealsView                                              // deals.view
	DealsCreate                                            // deals.create
	DealsViewFinancials                                    // deals.view_financials
	DealsViewProfit                                        // deals.view_profit
	InvoicesView                                           // invoices.view
	InvoicesManage                                         // invoices.manage
	ExpensesManageAll                                      // expenses.manage_all
	ContactsView                                           // contacts.view
	ContactsManage                                         // contacts.manage
	ContactsViewFinancials                                 // contacts.view_financials
	ReportsView                                            // reports.view
	ReportsViewFinancials                                  // reports.view_financials
	ReportsViewOrgProfit                                   // reports.view_org_profit
	ReportsViewCostMargin                                  // reports.view_cost_margin
	IntegrationsManagePersonal                             // integrations.manage_personal
	IntegrationsViewTaskManagement                         // integrations.view_task_management
	IntegrationsManageTaskManagement                       // integrations.manage_task_management
	IntegrationsManageOrganizational                       // integrations.manage_organizational
	UsersCreate                                            // users.create
	UsersChangePermissionSet                               // users.change_permission_set
	PeopleManageSalaries                                   // people.manage_salaries
	PeopleViewCostRates                                    // people.view_cost_rates
	SettingsManageOrganization                             // settings.manage_organization
	PermissionSetsManage                                   // permission_sets.manage
	BillingBuySeats                                        // billing.buy_seats
	BillingChangePlan                                      // billing.change_plan
	BillingView                                            // billing.view
	OrganizationTransferOwnership                          // organization.transfer_ownership
	OrganizationDeactivate                                 // organization.deactivate

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
	Budgets
	Deals
	Invoices
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
	Projects: "Projects", Tasks: "Tasks", Docs: "Docs", Time: "Time", Budgets: "Budgets",
	Deals: "Deals", Invoices: "Invoices", Expenses: "Expenses", Contacts: "Contacts",
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
)

// entry is one row of the catalogue.
type entry struct {
	name    string
	section Section
	about   string // what the permission allows, in one line
	holders holder
	needs   []Permission // permissions it depends on (direct)
}

// catalogue is the single description of every permission. Everything else in
// the package (names, sections, dependency closure, what a client, contractor
// or non-owner may hold) is derived from it.
//
// Clients may hold time.view_others because the roles article says a client
// can, "depending on permissions - access time entries" and "get access to
// budgets and timesheets"; what they never see is worked time as such, which
// the actions marked hidden in the action table show.
//
// Sources: integration-settings (the four integration rights and the two
// export rights), client-permissions (tasks and docs for clients, free seats),
// roles-and-permissions (every "has permission to" line), and the domain
// catalogue for the names of rights those lines imply.
var catalogue = [endPermission]entry{
	ProjectsView:          {"projects.view", Projects, "Open the projects within your reach and collaborate on them", employees | clients | contractor, nil},
	ProjectsCreate:        {"projects.create", Projects, "Add new projects", employees, []Permission{ProjectsView}},
	ProjectsManageMembers: {"projects.manage_members", Projects, "Add people to projects and remove them", employees, []Permission{ProjectsView}},

	TasksView:          {"tasks.view", Tasks, "See the tasks of projects within your reach", employees | clients | contractor, []Permission{ProjectsView}},
	TasksManage:        {"tasks.manage", Tasks, "Create, edit, close and comment on tasks", employees | clients | contractor, []Permission{TasksView}},
	TaskListsManage:    {"task_lists.manage", Tasks, "Create and arrange task lists and folders", employees | contractor, []Permission{TasksView}},
	TasksViewEstimates: {"tasks.view_estimates", Tasks, "See the estimates and time to complete on tasks", employees | clients, []Permission{TasksView}},

	DocsAccess: {"docs.access", Docs, "Open and collaborate on the docs of projects within your reach", employees | clients | contractor, []Permission{ProjectsView}},

	TimeTrackOwn:            {"time.track_own", Time, "Track your own time on projects within your reach", employees | contractor, nil},
	TimeViewWorked:          {"time.view_worked", Time, "See worked (tracked) time on tasks and projects", employees, nil},
	TimeViewOthers:          {"time.view_others", Time, "See other people's time entries (a client: the timesheets of budgets shared with them)", employees | clients, nil},
	TimeViewOthersDetails:   {"time.view_others_details", Time, "See the notes, categories and history of other people's time entries", employees, []Permission{TimeViewOthers}},
	TimeViewBillable:        {"time.view_billable", Time, "See billable time", employees, []Permission{TimeViewOthers}},
	TimeApprove:             {"time.approve", Time, "Approve time entries on budgets where you are the approver", employees, []Permission{TimeViewOthers}},
	TimeApproveAll:          {"time.approve_all", Time, "Approve anyone's time entries on budgets within your reach, approver or not", employees, []Permission{TimeApprove}},
	TimeOffRequestOwn:       {"time_off.request_own", Time, "Request time off and see your own", employees, nil},
	TimeOffViewOthers:       {"time_off.view_others", Time, "See when other people are off, without details", employees, nil},
	TimeOffViewDetails:      {"time_off.view_details", Time, "See the category and notes of other people's time off", employees, []Permission{TimeOffViewOthers}},
	TimeOffApprove:          {"time_off.approve", Time, "Approve other people's time off requests", employees, []Permission{TimeOffViewOthers}},
	SchedulesViewOwn:        {"schedules.view_own", Time, "See your own schedule in Resourcing", employees, nil},
	SchedulesViewOthers:     {"schedules.view_others", Time, "See other people's schedules as booked hours", employees, []Permission{SchedulesViewOwn}},
	SchedulesViewDetails:    {"schedules.view_details", Time, "See the details and history of other people's bookings", employees, []Permission{SchedulesViewOthers}},
	SchedulesManageBookings: {"schedules.manage_bookings", Time, "Book people on projects and change their bookings", employees, []Permission{SchedulesViewOthers}},

	BudgetsView:           {"budgets.view", Budgets, "Open the budgets within your reach (a client: only budgets shared with them)", employees | clients, nil},
	BudgetsViewTime:       {"budgets.view_time", Budgets, "See a budget's estimated and worked time", employees, []Permission{BudgetsView}},
	BudgetsViewFinancials: {"budgets.view_financials", Budgets, "See a budget's price, billable amounts, invoicing and revenue", employees, []Permission{BudgetsView}},
	BudgetsViewProfit:     {"budgets.view_profit", Budgets, "See a budget's profit and margin", employees, []Permission{BudgetsViewFinancials}},
	BudgetsViewCost:       {"budgets.view_cost", Budgets, "See a budget's cost", employees, []Permission{BudgetsViewFinancials}},

	DealsView:           {"deals.view", Deals, "Open the deals within your reach", employees, nil},
	DealsCreate:         {"deals.create", Deals, "Add new deals", employees, []Permission{DealsView}},
	DealsViewFinancials: {"deals.view_financials", Deals, "See a deal's value and other financial information", employees, []Permission{DealsView}},
	DealsViewProfit:     {"deals.view_profit", Deals, "See a deal's cost and profit", employees, []Permission{DealsViewFinancials}},

	InvoicesView:   {"invoices.view", Invoices, "See invoices and payments", employees, nil},
	InvoicesManage: {"invoices.manage", Invoices, "Add, edit and delete invoices and payments, and export invoices to the accounting tool", employees, []Permission{InvoicesView}},

	ExpensesManageAll: {"expenses.manage_all", Expenses, "Add, edit and delete everyone's expenses, and export them to the accounting tool", employees, nil},

	ContactsView:           {"contacts.view", Contacts, "See people and companies in Contacts", employees, nil},
	ContactsManage:         {"contacts.manage", Contacts, "Add, edit and delete people and companies", employees, []Permission{ContactsView}},
	ContactsViewFinancials: {"contacts.view_financials", Contacts, "See the financial information of companies", employees, []Permission{ContactsView}},

	ReportsView:           {"reports.view", Reports, "Open reports", employees, nil},
	ReportsViewFinancials: {"reports.view_financials", Reports, "See revenue and billing figures in reports", employees, []Permission{ReportsView}},
	ReportsViewOrgProfit:  {"reports.view_org_profit", Reports, "See the profit of the whole organization", employees, []Permission{ReportsViewFinancials}},
	ReportsViewCostMargin: {"reports.view_cost_margin", Reports, "See cost, profit, margin and overheads in reports", employees, []Permission{ReportsViewFinancials}},

	IntegrationsManagePersonal:       {"integrations.manage_personal", Integrations, "Connect your own calendar (Google, Outlook) and Slack", employees, nil},
	IntegrationsViewTaskManagement:   {"integrations.view_task_management", Integrations, "Use the Jira widget to track time and see Jira links on tasks", employees, nil},
	IntegrationsManageTaskManagement: {"integrations.manage_task_management", Integrations, "Connect projects to Jira", employees, []Permission{IntegrationsViewTaskManagement}},
	IntegrationsManageOrganizational: {"integrations.manage_organizational", Integrations, "Connect and configure the SSO, accounting and HR integrations", employees, nil},

	UsersCreate:              {"users.create", People, "Create user accounts", employees, nil},
	UsersChangePermissionSet: {"users.change_permission_set", People, "Change other people's permission sets", employees, nil},
	PeopleManageSalaries:     {"people.manage_salaries", People, "Manage salaries", employees, []Permission{PeopleViewCostRates}},
	PeopleViewCostRates:      {"people.view_cost_rates", People, "See people's cost rates", employees, nil},

	SettingsManageOrganization: {"settings.manage_organization", Settings, "Change the organization's general settings", employees, nil},
	PermissionSetsManage:       {"permission_sets.manage", Settings, "Create and edit custom permission sets", employees, nil},

	BillingBuySeats:   {"billing.buy_seats", Billing, "Buy extra seats", employees, nil},
	BillingChangePlan: {"billing.change_plan", Billing, "Change or upgrade the subscription plan", employees, nil},
	BillingView:       {"billing.view", Billing, "See all billing: subscription invoices and billing details", ownerOnly, nil},

	OrganizationTransferOwnership: {"organization.transfer_ownership", Organization, "Hand the ownership of the organization to another person", ownerOnly, nil},
	OrganizationDeactivate:        {"organization.deactivate", Organization, "Deactivate the whole organization", ownerOnly, nil},
}

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
	if near := closest(s); near != "" {
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

// closest returns the catalogue name nearest to s when it is at most a few
// edits away, or "".
func closest(s string) string {
	best, bestDist := "", 4
	for p := range All() {
		if d := distance(s, catalogue[p].name); d < bestDist {
			best, bestDist = catalogue[p].name, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b, in bytes.
func distance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 1 << 30 // far from every name; avoids quadratic work on long input
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
