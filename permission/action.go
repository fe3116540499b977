package permission

import (
	"errors"
	"fmt"
	"iter"
	"math/bits"
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
	CreateProject              Action = iota + 1 // project.create
	CreateDeal                                   // deal.create
	ViewReports                                  // report.view
	ViewReportFinancials                         // report.view_financials
	ViewOrgProfit                                // report.view_org_profit
	ViewReportCostMargin                         // report.view_cost_margin
	ManagePersonalIntegrations                   // integration.manage_personal
	ConnectAccounting                            // integration.connect_accounting
	ConfigureSSO                                 // integration.configure_sso
	ConfigureHR                                  // integration.configure_hr
	CreateUser                                   // user.create
	ManageOrgSettings                            // settings.manage
	ManagePermissionSets                         // permission_set.manage
	BuySeats                                     // billing.buy_seats
	ChangePlan                                   // billing.change_plan
	ViewBilling                                  // billing.view
	TransferOwnership                            // organization.transfer_ownership
	DeactivateOrganization                       // organization.deactivate

	// On a person.
	ViewCostRate        // person.view_cost_rate
	ManageSalary        // person.manage_salary
	ChangePermissionSet // person.change_permission_set

	// On a project.
	ViewProject        // project.view
	AddProjectMember   // project.add_member
	JoinProject        // project.join
	CreateTaskList     // task_list.create
	ConnectJiraProject // project.connect_jira

	// On a task or a doc.
	ViewTask         // task.view
	AlterTask        // task.alter
	ViewTaskEstimate // task.view_estimate
	ViewTaskWorked   // task.view_worked_time
	UseJiraWidget    // task.use_jira_widget
	OpenDoc          // doc.open

	// On time entries, time off and schedules.
	TrackTime            // time_entry.track
	ViewTimeEntries      // time_entry.view
	ViewTimeEntryDetails // time_entry.view_details
	ViewBillableTime     // time_entry.view_billable
	ApproveTimeEntry     // time_entry.approve
	RequestTimeOff       // time_off.request
	ViewTimeOff          // time_off.view
	ViewTimeOffDetails   // time_off.view_details
	ApproveTimeOff       // time_off.approve
	ViewOwnSchedule      // schedule.view_own
	ViewSchedule         // schedule.view
	ViewScheduleDetails  // schedule.view_details
	ManageBookings       // schedule.manage_bookings

	// On a budget.
	ViewBudget               // budget.view
	ViewBudgetTime           // budget.view_time
	ViewBudgetRevenue        // budget.view_revenue
	ViewBudgetProfit         // budget.view_profit
	ViewBudgetCost           // budget.view_cost
	ViewVarianceAtCompletion // budget.view_variance_at_completion
	ViewTimeToComplete       // budget.view_time_to_complete

	// On a deal.
	ViewDeal           // deal.view
	ViewDealFinancials // deal.view_financials
	ViewDealProfit     // deal.view_profit

	// On an invoice or an expense.
	ViewInvoice   // invoice.view
	ManageInvoice // invoice.manage
	ExportInvoice // invoice.export
	ManageExpense // expense.manage
	ExportExpense // expense.export

	// On a contact.
	ViewContact           // contact.view
	ManageContact         // contact.manage
	ViewContactFinancials // contact.view_financials

	endAction
)

// ActionCount is the number of actions in the table.
const ActionCount = int(endAction - 1)

// Rule is the reach rule of an action: which resources of its kind a subject
// who holds the required permissions may act on. The zero Rule is invalid.
type Rule uint8

// The reach rules.
const (
	// Anywhere: any resource of the kind; no relation is needed.
	Anywhere Rule = iota + 1
	// OwnRecord: only records that belong to the subject.
	OwnRecord
	// OwnRecordInReach: the subject's own records on projects within reach.
	OwnRecordInReach
	// ProjectReach: projects within the subject's scope (see scope.Reaches).
	ProjectReach
	// JoinablePublic: public projects, for employees, plus any project in reach.
	JoinablePublic
	// DealReach: all deals with Unlimited scope, otherwise assigned deals.
	DealReach
	// BudgetReach: for employees, budgets whose project is within reach or
	// that they are a member of; for clients, budgets of projects they are a
	// member of, that they are a member of, with Client access turned on.
	BudgetReach
	// OthersRecord: records that belong to someone else (no self-approval).
	OthersRecord
	// ManageablePerson: someone else, who is not the Owner and whose role does
	// not outrank the subject's (nobody changes the Owner's permission set, or
	// their own).
	ManageablePerson
	// Approver: others' records on budgets within reach (as BudgetReach)
	// that the subject approves, unless the subject holds the action's
	// override permission, which stands in for being the approver.
	Approver

	endRule
)

var ruleNames = [endRule]string{
	Anywhere: "anywhere", OwnRecord: "own record", OwnRecordInReach: "own record on a project in reach",
	ProjectReach: "project in reach", JoinablePublic: "public or in reach (employees)", DealReach: "deal in reach",
	BudgetReach: "budget in reach", OthersRecord: "someone else's record",
	ManageablePerson: "someone else, not the Owner, not above them", Approver: "budget approver",
}

// String describes the rule in a few words.
func (r Rule) String() string {
	if r < Anywhere || r >= endRule {
		return fmt.Sprintf("rule(%d)", uint8(r))
	}
	return ruleNames[r]
}

// row is one line of the action table.
type row struct {
	name     string
	kind     Kind
	requires Mask // as written; the table below closes it over dependencies
	rule     Rule
	override Permission // for Approver: holding it stands in for the relation
	hidden   bool       // shows worked time, billable time, cost, rates, profit, margin, invoicing or expenses: never to clients
}

// actions is the action table: the one place that says what each action
// needs. Authorize, Capabilities and List all walk it.
var actions = func() [endAction]row {
	t := [endAction]row{
		CreateProject:              {"project.create", KindOrganization, MaskOf(ProjectsCreate), Anywhere, 0, false},
		CreateDeal:                 {"deal.create", KindOrganization, MaskOf(DealsCreate), Anywhere, 0, false},
		ViewReports:                {"report.view", KindOrganization, MaskOf(ReportsView), Anywhere, 0, false},
		ViewReportFinancials:       {"report.view_financials", KindOrganization, MaskOf(ReportsViewFinancials), Anywhere, 0, true},
		ViewOrgProfit:              {"report.view_org_profit", KindOrganization, MaskOf(ReportsViewOrgProfit), Anywhere, 0, true},
		ViewReportCostMargin:       {"report.view_cost_margin", KindOrganization, MaskOf(ReportsViewCostMargin), Anywhere, 0, true},
		ManagePersonalIntegrations: {"integration.manage_personal", KindOrganization, MaskOf(IntegrationsManagePersonal), Anywhere, 0, false},
		ConnectAccounting:          {"integration.connect_accounting", KindOrganization, MaskOf(IntegrationsManageOrganizational), Anywhere, 0, false},
		ConfigureSSO:               {"integration.configure_sso", KindOrganization, MaskOf(IntegrationsManageOrganizational), Anywhere, 0, false},
		ConfigureHR:                {"integration.configure_hr", KindOrganization, MaskOf(IntegrationsManageOrganizational), Anywhere, 0, false},
		CreateUser:                 {"user.create", KindOrganization, MaskOf(UsersCreate), Anywhere, 0, false},
		ManageOrgSettings:          {"settings.manage", KindOrganization, MaskOf(SettingsManageOrganization), Anywhere, 0, false},
		ManagePermissionSets:       {"permission_set.manage", KindOrganization, MaskOf(PermissionSetsManage), Anywhere, 0, false},
		BuySeats:                   {"billing.buy_seats", KindOrganization, MaskOf(BillingBuySeats), Anywhere, 0, false},
		ChangePlan:                 {"billing.change_plan", KindOrganization, MaskOf(BillingChangePlan), Anywhere, 0, false},
		ViewBilling:                {"billing.view", KindOrganization, MaskOf(BillingView), Anywhere, 0, false},
		TransferOwnership:          {"organization.transfer_ownership", KindOrganization, MaskOf(OrganizationTransferOwnership), Anywhere, 0, false},
		DeactivateOrganization:     {"organization.deactivate", KindOrganization, MaskOf(OrganizationDeactivate), Anywhere, 0, false},

		ViewCostRate:        {"person.view_cost_rate", KindPerson, MaskOf(PeopleViewCostRates), Anywhere, 0, true},
		ManageSalary:        {"person.manage_salary", KindPerson, MaskOf(PeopleManageSalaries), Anywhere, 0, true},
		ChangePermissionSet: {"person.change_permission_set", KindPerson, MaskOf(UsersChangePermissionSet), ManageablePerson, 0, false},

		ViewProject:        {"project.view", KindProject, MaskOf(ProjectsView), ProjectReach, 0, false},
		AddProjectMember:   {"project.add_member", KindProject, MaskOf(ProjectsManageMembers), ProjectReach, 0, false},
		JoinProject:        {"project.join", KindProject, MaskOf(ProjectsView), JoinablePublic, 0, false},
		CreateTaskList:     {"task_list.create", KindProject, MaskOf(TaskListsManage), ProjectReach, 0, false},
		ConnectJiraProject: {"project.connect_jira", KindProject, MaskOf(IntegrationsManageTaskManagement), ProjectReach, 0, false},

		ViewTask:         {"task.view", KindTask, MaskOf(TasksView), ProjectReach, 0, false},
		AlterTask:        {"task.alter", KindTask, MaskOf(TasksManage), ProjectReach, 0, false},
		ViewTaskEstimate: {"task.view_estimate", KindTask, MaskOf(TasksViewEstimates), ProjectReach, 0, false},
		ViewTaskWorked:   {"task.view_worked_time", KindTask, MaskOf(TimeViewWorked), ProjectReach, 0, true},
		UseJiraWidget:    {"task.use_jira_widget", KindTask, MaskOf(IntegrationsViewTaskManagement), ProjectReach, 0, false},
		OpenDoc:          {"doc.open", KindDoc, MaskOf(DocsAccess), ProjectReach, 0, false},

		TrackTime:            {"time_entry.track", KindTimeEntry, MaskOf(TimeTrackOwn), OwnRecordInReach, 0, false},
		ViewTimeEntries:      {"time_entry.view", KindTimeEntry, MaskOf(TimeViewOthers), BudgetReach, 0, false},
		ViewTimeEntryDetails: {"time_entry.view_details", KindTimeEntry, MaskOf(TimeViewOthersDetails), BudgetReach, 0, false},
		ViewBillableTime:     {"time_entry.view_billable", KindTimeEntry, MaskOf(TimeViewBillable), BudgetReach, 0, true},
		ApproveTimeEntry:     {"time_entry.approve", KindTimeEntry, MaskOf(TimeApprove), Approver, TimeApproveAll, false},
		RequestTimeOff:       {"time_off.request", KindTimeOff, MaskOf(TimeOffRequestOwn), OwnRecord, 0, false},
		ViewTimeOff:          {"time_off.view", KindTimeOff, MaskOf(TimeOffViewOthers), Anywhere, 0, false},
		ViewTimeOffDetails:   {"time_off.view_details", KindTimeOff, MaskOf(TimeOffViewDetails), Anywhere, 0, false},
		ApproveTimeOff:       {"time_off.approve", KindTimeOff, MaskOf(TimeOffApprove), OthersRecord, 0, false},
		ViewOwnSchedule:      {"schedule.view_own", KindBooking, MaskOf(SchedulesViewOwn), OwnRecord, 0, false},
		ViewSchedule:         {"schedule.view", KindBooking, MaskOf(SchedulesViewOthers), Anywhere, 0, false},
		ViewScheduleDetails:  {"schedule.view_details", KindBooking, MaskOf(SchedulesViewDetails), Anywhere, 0, false},
		ManageBookings:       {"schedule.manage_bookings", KindBooking, MaskOf(SchedulesManageBookings), Anywhere, 0, false},

		ViewBudget:               {"budget.view", KindBudget, MaskOf(BudgetsView), BudgetReach, 0, false},
		ViewBudgetTime:           {"budget.view_time", KindBudget, MaskOf(BudgetsViewTime), BudgetReach, 0, true},
		ViewBudgetRevenue:        {"budget.view_revenue", KindBudget, MaskOf(BudgetsViewFinancials), BudgetReach, 0, true},
		ViewBudgetProfit:         {"budget.view_profit", KindBudget, MaskOf(BudgetsViewProfit), BudgetReach, 0, true},
		ViewBudgetCost:           {"budget.view_cost", KindBudget, MaskOf(BudgetsViewCost), BudgetReach, 0, true},
		ViewVarianceAtCompletion: {"budget.view_variance_at_completion", KindBudget, MaskOf(BudgetsView, TasksViewEstimates), BudgetReach, 0, false},
		ViewTimeToComplete:       {"budget.view_time_to_complete", KindBudget, MaskOf(BudgetsView, TasksViewEstimates), BudgetReach, 0, false},

		ViewDeal:           {"deal.view", KindDeal, MaskOf(DealsView), DealReach, 0, false},
		ViewDealFinancials: {"deal.view_financials", KindDeal, MaskOf(DealsViewFinancials), DealReach, 0, true},
		ViewDealProfit:     {"deal.view_profit", KindDeal, MaskOf(DealsViewProfit), DealReach, 0, true},

		ViewInvoice:   {"invoice.view", KindInvoice, MaskOf(InvoicesView), BudgetReach, 0, true},
		ManageInvoice: {"invoice.manage", KindInvoice, MaskOf(InvoicesManage), BudgetReach, 0, true},
		ExportInvoice: {"invoice.export", KindInvoice, MaskOf(InvoicesManage), BudgetReach, 0, true},
		ManageExpense: {"expense.manage", KindExpense, MaskOf(ExpensesManageAll), Anywhere, 0, true},
		ExportExpense: {"expense.export", KindExpense, MaskOf(ExpensesManageAll), Anywhere, 0, true},

		ViewContact:           {"contact.view", KindContact, MaskOf(ContactsView), Anywhere, 0, false},
		ManageContact:         {"contact.manage", KindContact, MaskOf(ContactsManage), Anywhere, 0, false},
		ViewContactFinancials: {"contact.view_financials", KindContact, MaskOf(ContactsViewFinancials), Anywhere, 0, true},
	}
	for a := range t {
		t[a].requires = t[a].requires.With(kinds[t[a].kind].view).Closure()
	}
	return t
}()

// byKind lists the actions of each resource kind in table order, for
// Capabilities; computed once.
var byKind = func() (k [endKind][]Action) {
	for a := range Actions() {
		k[actions[a].kind] = append(k[actions[a].kind], a)
	}
	return k
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
// dependency of another.
func (a Action) Section() Section {
	own := a.Requires().tops()
	if own.IsEmpty() {
		return 0
	}
	return Permission(bits.Len64(own.bits) - 1).Section()
}

// ParseAction returns the action named s, or an error wrapping
// [ErrUnknownAction] that quotes s.
func ParseAction(s string) (Action, error) {
	for a := range Actions() {
		if actions[a].name == s {
			return a, nil
		}
	}
	return 0, fmt.Errorf("permission: action %q: %w", s, ErrUnknownAction)
}

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
