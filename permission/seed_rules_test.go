package permission_test

import (
	"errors"
	"testing"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
	"github.com/google/go-cmp/cmp"
)

// azSeedRow is one sentence of a seed article about what a role may or may
// not do, and one decision that sentence fixes.
type azSeedRow struct {
	sentence string // verbatim from the seed
	set      set.Set
	action   permission.Action
	res      permission.Resource
	want     azOutcome
}

func azAllow(sentence string, s set.Set, a permission.Action, r permission.Resource) azSeedRow {
	return azSeedRow{sentence, s, a, r, azWant(permission.Granted, 0)}
}

// azDeny is a deny for reason why; widen, when given, is the reach right the
// decision names as what would have reached the resource.
func azDeny(sentence string, s set.Set, a permission.Action, r permission.Resource, why permission.Reason, widen ...permission.Permission) azSeedRow {
	var p permission.Permission
	if len(widen) > 0 {
		p = widen[0]
	}
	return azSeedRow{sentence, s, a, r, azWant(why, p)}
}

func azLacks(sentence string, s set.Set, a permission.Action, r permission.Resource, p permission.Permission) azSeedRow {
	return azSeedRow{sentence, s, a, r, azWant(permission.MissingPermission, p)}
}

func azOwnerOnly(sentence string, s set.Set, a permission.Action, r permission.Resource, p permission.Permission) azSeedRow {
	return azSeedRow{sentence, s, a, r, azWant(permission.OwnerOnly, p)}
}

// azSeedRows is the seed table. Every subject is azMe holding the set, a
// member of azProjMine (private) and azProjMinePub (public), assigned
// azDealMine and a member of azBudgetMine (on azProjMine). Sentences come
// from roles-and-permissions (the role cards) unless marked otherwise.
func azSeedRows() []azSeedRow {
	const (
		U = scope.Unlimited
		R = scope.Restricted
	)
	var (
		staff         = azSys(role.Staff, 0, 0)
		staffContacts = azSys(role.Staff, 0, set.AddonContacts)
		staffTime     = azSys(role.Staff, 0, set.AddonTime)
		coordinator   = azSys(role.Coordinator, 0, 0) // the default: Unlimited
		coordinatorU  = azSys(role.Coordinator, U, 0)
		coordinatorR  = azSys(role.Coordinator, R, 0)
		manager       = azSys(role.Manager, 0, 0)
		managerU      = azSys(role.Manager, U, 0)
		managerR      = azSys(role.Manager, R, 0)
		pm            = azSys(role.ProfitabilityManager, 0, 0)
		pmU           = azSys(role.ProfitabilityManager, U, 0)
		pmR           = azSys(role.ProfitabilityManager, R, 0)
		admin         = azSys(role.Admin, 0, 0)
		owner         = azSys(role.Owner, 0, 0)
		client        = azSys(role.Client, 0, 0)
		clientBudgets = azSys(role.Client, 0, set.AddonBudgets)
		contractor    = azSys(role.Contractor, 0, 0)
	)
	const (
		me, other, third = azMe, azOther, azThird
		anyone           = azOther
	)
	return []azSeedRow{
		// STAFF: "This role has permission to:"
		azAllow("access projects that are a member of", staff, permission.ViewProject, azProject(azProjMine)),
		azAllow("access projects that are a member of", staff, permission.ViewProject, azProject(azProjMinePub)),
		azDeny("access projects that are a member of", staff, permission.ViewProject, azProject(azProjPublic), permission.NotInReach, permission.ProjectsViewAll),
		azDeny("access projects that are a member of", staff, permission.ViewProject, azProject(azProjPrivate), permission.NotInReach, permission.ProjectsViewAll),
		azAllow("manage tasks and task lists and collaborate on those projects", staff, permission.AlterTask, azTask(azProjMine)),
		azAllow("manage tasks and task lists and collaborate on those projects", staff, permission.CreateTaskList, azProject(azProjMine)),
		azAllow("manage tasks and task lists and collaborate on those projects", staff, permission.OpenDoc, azDoc(azProjMine)),
		azDeny("manage tasks and task lists and collaborate on those projects", staff, permission.AlterTask, azTask(azProjPublic), permission.NotInReach, permission.ProjectsViewAll),
		azDeny("manage tasks and task lists and collaborate on those projects", staff, permission.OpenDoc, azDoc(azProjPrivate), permission.NotInReach, permission.ProjectsViewAll),
		azAllow("access time tracking and Resourcing, but only for themselves", staff, permission.TrackTime, azEntry(me, azBudgetMine, third)),
		azDeny("access time tracking and Resourcing, but only for themselves", staff, permission.TrackTime, azEntry(other, azBudgetMine, third), permission.NotOwnRecord),
		azDeny("access time tracking and Resourcing, but only for themselves", staff, permission.TrackTime, azEntry(me, azBudgetPrivate, third), permission.NotInReach, permission.ProjectsViewAll),
		azAllow("access time tracking and Resourcing, but only for themselves", staff, permission.ViewOwnSchedule, azBooking(me, azProjMine)),
		azDeny("access time tracking and Resourcing, but only for themselves", staff, permission.ViewOwnSchedule, azBooking(other, azProjMine), permission.NotOwnRecord),
		azAllow("access time tracking and Resourcing, but only for themselves", staff, permission.ViewSchedule, azBooking(me, azProjMine)),
		azDeny("access time tracking and Resourcing, but only for themselves", staff, permission.ViewSchedule, azBooking(other, azProjMine), permission.NotOwnRecord, permission.SchedulesViewOthers),
		azAllow("access time tracking and Resourcing, but only for themselves", staff, permission.ViewTimeEntry, azEntry(me, azBudgetMine, third)),
		azDeny("access time tracking and Resourcing, but only for themselves", staff, permission.ViewTimeEntry, azEntry(other, azBudgetMine, third), permission.NotOwnRecord, permission.TimeViewOthers),
		azDeny("access time tracking and Resourcing, but only for themselves", staff, permission.ViewTimeEntry, azEntry(me, azBudgetPrivate, third), permission.NotInReach, permission.ProjectsViewAll),
		azAllow("Staff mainly uses Productive for time tracking, tasks, and requesting time off.", staff, permission.ViewTimeOff, azTimeOff(me)),
		azDeny("Staff mainly uses Productive for time tracking, tasks, and requesting time off.", staff, permission.ViewTimeOff, azTimeOff(other), permission.NotOwnRecord, permission.TimeOffViewOthers),
		azAllow("Staff mainly uses Productive for time tracking, tasks, and requesting time off.", staff, permission.RequestTimeOff, azTimeOff(me)),
		azDeny("Staff mainly uses Productive for time tracking, tasks, and requesting time off.", staff, permission.RequestTimeOff, azTimeOff(other), permission.NotOwnRecord),
		// STAFF: "This role has no permission to:"
		azLacks("access company settings", staff, permission.ManageOrgSettings, azOrg(), permission.SettingsManageOrganization),
		azLacks("access company settings", staff, permission.ManagePermissionSets, azOrg(), permission.PermissionSetsManage),
		azLacks("access any financial information", staff, permission.ViewBudgetRevenue, azBudget(azBudgetMine, false), permission.BudgetsViewFinancials),
		azLacks("access any financial information", staff, permission.ViewInvoice, azInvoice(azBudgetMine), permission.InvoicesView),
		azLacks("access any financial information", staff, permission.ViewDealFinancials, azDeal(azDealMine), permission.DealsViewFinancials),
		azLacks("access any financial information", staff, permission.ViewReportFinancials, azOrg(), permission.ReportsViewFinancials),
		azLacks("access any financial information", staff, permission.ViewCostRate, azPerson(other), permission.PeopleViewCostRatesSubsidiary),
		azLacks("access any financial information", staff, permission.ViewContactFinancials, azContact(), permission.ContactsViewFinancials),
		azLacks("These two permissions need to be added manually to a Staff member.", staff, permission.ViewContact, azContact(), permission.ContactsView),
		azLacks("These two permissions need to be added manually to a Staff member.", staff, permission.ViewTaskWorked, azTask(azProjMine), permission.TimeViewWorked),

		// STAFF WITH ACCESS TO CONTACTS
		azAllow("access Contacts (People, and Companies)", staffContacts, permission.ViewContact, azContact()),
		azAllow("Staff with access to contacts is an employee role that can access and manage people and companies.", staffContacts, permission.ManageContact, azContact()),
		azAllow("access worked time", staffContacts, permission.ViewTaskWorked, azTask(azProjMine)),
		azDeny("access worked time", staffContacts, permission.ViewTaskWorked, azTask(azProjPublic), permission.NotInReach, permission.ProjectsViewAll),
		azLacks("access financial information", staffContacts, permission.ViewContactFinancials, azContact(), permission.ContactsViewFinancials),
		azLacks("access financial information", staffContacts, permission.ViewBudgetRevenue, azBudget(azBudgetMine, false), permission.BudgetsViewFinancials),
		azLacks("access billable time", staffContacts, permission.ViewBillableTime, azEntry(other, azBudgetMine, third), permission.TimeViewBillable),

		// STAFF WITH ACCESS TO TIME
		azAllow("access the time entries, time off, and schedules of other people", staffTime, permission.ViewTimeEntry, azEntry(other, azBudgetMine, third)),
		azAllow("access the time entries, time off, and schedules of other people", staffTime, permission.ViewTimeOff, azTimeOff(other)),
		azAllow("access the time entries, time off, and schedules of other people", staffTime, permission.ViewSchedule, azBooking(other, azProjMine)),
		azAllow("access budgets and times of projects that is a member of, but only data about time (estimated and worked time)", staffTime, permission.ViewBudget, azBudget(azBudgetMine, false)),
		azAllow("access budgets and times of projects that is a member of, but only data about time (estimated and worked time)", staffTime, permission.ViewBudgetWorkedTime, azBudget(azBudgetMine, false)),
		azAllow("access budgets and times of projects that is a member of, but only data about time (estimated and worked time)", staffTime, permission.ViewBudgetWorkedTime, azBudget(azBudgetUnshared, false)),
		azAllow("access budgets and times of projects that is a member of, but only data about time (estimated and worked time)", staffTime, permission.ViewTimeToComplete, azBudget(azBudgetMine, false)),
		azAllow("access budgets and times of projects that is a member of, but only data about time (estimated and worked time)", staffTime, permission.ViewTaskWorked, azTask(azProjMine)),
		azDeny("access budgets and times of projects that is a member of, but only data about time (estimated and worked time)", staffTime, permission.ViewBudgetWorkedTime, azBudget(azBudgetPrivate, false), permission.NotInReach, permission.BudgetsViewAll),
		azDeny("access budgets and times of projects that is a member of, but only data about time (estimated and worked time)", staffTime, permission.ViewBudgetWorkedTime, azBudget(azBudgetPublic, false), permission.NotInReach, permission.BudgetsViewAll),
		azLacks("access budgets and times of projects that is a member of, but only data about time (estimated and worked time)", staffTime, permission.ViewBudgetRevenue, azBudget(azBudgetMine, false), permission.BudgetsViewFinancials),
		azLacks("access details of time entries, time off, and schedules of other people", staffTime, permission.ViewTimeEntryDetails, azEntry(other, azBudgetMine, third), permission.TimeViewOthersDetails),
		azLacks("access details of time entries, time off, and schedules of other people", staffTime, permission.ViewTimeOffDetails, azTimeOff(other), permission.TimeOffViewDetails),
		azLacks("access details of time entries, time off, and schedules of other people", staffTime, permission.ViewScheduleDetails, azBooking(other, azProjMine), permission.SchedulesViewDetails),
		azLacks("access the billable time of the projects that is a member of", staffTime, permission.ViewBillableTime, azEntry(other, azBudgetMine, third), permission.TimeViewBillable),

		// COORDINATOR
		azAllow("access everything project-wise and add people to projects", coordinator, permission.ViewProject, azProject(azProjPrivate)),
		azAllow("access everything project-wise and add people to projects", coordinator, permission.AddProjectMember, azProject(azProjPrivate)),
		azAllow("access everything project-wise and add people to projects", coordinator, permission.CreateProject, azOrg()),
		azAllow("access everything project-wise and add people to projects", coordinator, permission.CreateTaskList, azProject(azProjPrivate)),
		azAllow("access everything project-wise and add people to projects", coordinator, permission.AlterTask, azTask(azProjPublic)),
		azAllow("access the time component of the budget", coordinator, permission.ViewBudgetWorkedTime, azBudget(azBudgetPrivate, false)),
		azAllow("approve time off", coordinator, permission.ApproveTimeOff, azTimeOffApprovedBy(other, me)),
		azDeny("approve time off", coordinator, permission.ApproveTimeOff, azTimeOff(other), permission.NotApprover, permission.TimeOffApproveAll),
		azDeny("approve time off", coordinator, permission.ApproveTimeOff, azTimeOff(me), permission.OwnRecordRefused),
		azAllow("access Contacts and Reports", coordinator, permission.ViewContact, azContact()),
		azAllow("access Contacts and Reports", coordinator, permission.ViewReports, azOrg()),
		azAllow("This role has extended Staff with access to time entries with permissions to:", coordinator, permission.ViewTimeEntry, azEntry(other, azBudgetPrivate, third)),
		azAllow("A coordinator is an employee role that can manage projects and schedules without having access to any financial information.", coordinator, permission.ManageBookings, azBooking(other, azProjMine)),
		azLacks("access to financial information of the project", coordinator, permission.ViewBudgetRevenue, azBudget(azBudgetMine, false), permission.BudgetsViewFinancials),
		azLacks("access to financial information of the project", coordinator, permission.ViewInvoice, azInvoice(azBudgetMine), permission.InvoicesView),
		azLacks("access to financial information of the project", coordinator, permission.ViewBillableTime, azEntry(other, azBudgetMine, third), permission.TimeViewBillable),
		azLacks("approve time entries", coordinator, permission.ApproveTimeEntry, azEntry(other, azBudgetMine, me), permission.TimeApprove),
		azLacks("access the financial information of Contacts or Reports", coordinator, permission.ViewContactFinancials, azContact(), permission.ContactsViewFinancials),
		azLacks("access the financial information of Contacts or Reports", coordinator, permission.ViewReportFinancials, azOrg(), permission.ReportsViewFinancials),
		azAllow("With unlimited access, the Coordinator can access all projects.", coordinatorU, permission.ViewProject, azProject(azProjPrivate)),
		azAllow("With unlimited access, the Coordinator can access all projects.", coordinatorU, permission.ViewProject, azProject(azProjPublic)),
		azAllow("With Restricted access can access all public projects, but only private projects that are assigned.", coordinatorR, permission.ViewProject, azProject(azProjPublic)),
		azAllow("With Restricted access can access all public projects, but only private projects that are assigned.", coordinatorR, permission.ViewProject, azProject(azProjMine)),
		azDeny("With Restricted access can access all public projects, but only private projects that are assigned.", coordinatorR, permission.ViewProject, azProject(azProjPrivate), permission.PrivateNotMember, permission.ProjectsViewAll),
		azDeny("With Restricted access can access all public projects, but only private projects that are assigned.", coordinatorR, permission.AlterTask, azTask(azProjPrivate), permission.PrivateNotMember, permission.ProjectsViewAll),
		azDeny("With Restricted access can access all public projects, but only private projects that are assigned.", coordinatorR, permission.ViewBudgetWorkedTime, azBudget(azBudgetPrivate, false), permission.NotInReach, permission.BudgetsViewAll),
		azAllow("Coordinator by default has unlimited access but you can change that anytime.", coordinator, permission.ViewProject, azProject(azProjPrivate)),

		// MANAGER
		azAllow("access all and add new projects with financial information", manager, permission.CreateProject, azOrg()),
		azAllow("access all and add new projects with financial information", manager, permission.ViewProject, azProject(azProjPrivate)),
		azAllow("access all and add new projects with financial information", manager, permission.ViewBudgetRevenue, azBudget(azBudgetPrivate, false)),
		azAllow("access Reports", manager, permission.ViewReports, azOrg()),
		azAllow("access billing and billable time", manager, permission.ViewBillableTime, azEntry(other, azBudgetPrivate, third)),
		azAllow("access billing and billable time", manager, permission.ViewInvoice, azInvoice(azBudgetPrivate)),
		azAllow("access billing and billable time", manager, permission.ManageInvoice, azInvoice(azBudgetPrivate)),
		azAllow("That includes having access to all deals with relevant financial information except cost and profit.", manager, permission.ViewDeal, azDeal(azDealOther)),
		azAllow("That includes having access to all deals with relevant financial information except cost and profit.", manager, permission.ViewDealFinancials, azDeal(azDealOther)),
		azAllow("That includes having access to all deals with relevant financial information except cost and profit.", manager, permission.CreateDeal, azOrg()),
		azLacks("That includes having access to all deals with relevant financial information except cost and profit.", manager, permission.ViewDealProfit, azDeal(azDealOther), permission.DealsViewProfit),
		azLacks("A Manager does not have access to cost rates and general organization-level settings.", manager, permission.ViewCostRate, azPerson(other), permission.PeopleViewCostRatesSubsidiary),
		azLacks("A Manager does not have access to cost rates and general organization-level settings.", manager, permission.ManageOrgSettings, azOrg(), permission.SettingsManageOrganization),
		azLacks("access cost and profitability of the project", manager, permission.ViewBudgetCost, azBudget(azBudgetMine, false), permission.BudgetsViewCost),
		azLacks("access cost and profitability of the project", manager, permission.ViewBudgetProfit, azBudget(azBudgetMine, false), permission.BudgetsViewProfit),
		azLacks("access Reports information about cost, profit, margin, and overheads", manager, permission.ViewReportCostMargin, azOrg(), permission.ReportsViewCostMargin),
		azLacks("access Reports information about cost, profit, margin, and overheads", manager, permission.ViewOrgProfit, azOrg(), permission.ReportsViewOrgProfit),
		azAllow("With unlimited access, the Manager can access all deals and projects.", managerU, permission.ViewDeal, azDeal(azDealOther)),
		azAllow("With unlimited access, the Manager can access all deals and projects.", managerU, permission.ViewProject, azProject(azProjPrivate)),
		azAllow("With Restricted access can access all public projects, assigned deals, and private projects they are a member of.", managerR, permission.ViewProject, azProject(azProjPublic)),
		azAllow("With Restricted access can access all public projects, assigned deals, and private projects they are a member of.", managerR, permission.ViewProject, azProject(azProjMine)),
		azDeny("With Restricted access can access all public projects, assigned deals, and private projects they are a member of.", managerR, permission.ViewProject, azProject(azProjPrivate), permission.PrivateNotMember, permission.ProjectsViewAll),
		azAllow("With Restricted access can access all public projects, assigned deals, and private projects they are a member of.", managerR, permission.ViewDeal, azDeal(azDealMine)),
		azDeny("With Restricted access can access all public projects, assigned deals, and private projects they are a member of.", managerR, permission.ViewDeal, azDeal(azDealOther), permission.DealNotAssigned, permission.DealsViewAll),
		azDeny("With Restricted access can access all public projects, assigned deals, and private projects they are a member of.", managerR, permission.ViewDealFinancials, azDeal(azDealOther), permission.DealNotAssigned, permission.DealsViewAll),
		// DESIGN: financial permissions are object-scoped through reach
		// rights: a Restricted set reaches budgets it is a member of, of the
		// budget or its project, not those of public projects.
		azDeny("With Restricted access can access all public projects, assigned deals, and private projects they are a member of.", managerR, permission.ViewBudgetRevenue, azBudget(azBudgetPublic, false), permission.NotInReach, permission.BudgetsViewAll),
		azAllow("With Restricted access can access all public projects, assigned deals, and private projects they are a member of.", managerR, permission.ViewBudgetRevenue, azBudget(azBudgetMine, false)),
		azDeny("With Restricted access can access all public projects, assigned deals, and private projects they are a member of.", managerR, permission.ViewBudgetRevenue, azBudget(azBudgetPrivate, false), permission.NotInReach, permission.BudgetsViewAll),
		azDeny("With Restricted access can access all public projects, assigned deals, and private projects they are a member of.", managerR, permission.ExportInvoice, azInvoice(azBudgetPrivate), permission.NotInReach, permission.InvoicesViewAll),
		azLacks("With Restricted access can access all public projects, assigned deals, and private projects they are a member of.", managerR, permission.ViewReportFinancials, azOrg(), permission.BudgetsViewAll),
		azAllow("With Restricted access can access all public projects, assigned deals, and private projects they are a member of.", managerR, permission.ManageExpense, azExpense(me, azBudgetMine)),
		azDeny("With Restricted access can access all public projects, assigned deals, and private projects they are a member of.", managerR, permission.ManageExpense, azExpense(other, azBudgetMine), permission.NotOwnRecord, permission.ExpensesManageAll),
		azLacks("With Restricted access can access all public projects, assigned deals, and private projects they are a member of.", managerR, permission.ExportExpense, azExpense(other, azBudgetMine), permission.ExpensesManageAll),
		azDeny("With Restricted access can access all public projects, but only private projects that are assigned.", coordinatorR, permission.ViewScheduleDetails, azBooking(other, azProjPrivate), permission.PrivateNotMember, permission.ProjectsViewAll),
		azDeny("With Restricted access can access all public projects, but only private projects that are assigned.", coordinatorR, permission.ManageBookings, azBooking(other, azProjPrivate), permission.PrivateNotMember, permission.ProjectsViewAll),
		azAllow("With Restricted access can access all public projects, but only private projects that are assigned.", coordinatorR, permission.ManageBookings, azBooking(other, azProjPublic)),
		azAllow("Manager by default has unlimited access but you can change that anytime.", manager, permission.ViewDeal, azDeal(azDealOther)),
		// DESIGN (role): "the employee hierarchy (Staff < Coordinator < Manager
		// < ProfitabilityManager < Admin < Owner)". A Manager (whose set may
		// switch people's sets, an inference of set/defaults.go) manages the
		// sets of people at or below their rank, never above.
		azAllow("the employee hierarchy (Staff < Coordinator < Manager < ProfitabilityManager < Admin < Owner)", manager, permission.ChangePermissionSet, azPersonAs(other, role.Coordinator)),
		azAllow("the employee hierarchy (Staff < Coordinator < Manager < ProfitabilityManager < Admin < Owner)", manager, permission.ChangePermissionSet, azPersonAs(other, role.Manager)),
		azAllow("the employee hierarchy (Staff < Coordinator < Manager < ProfitabilityManager < Admin < Owner)", managerR, permission.ChangePermissionSet, azPersonAs(other, role.Staff)),
		azDeny("the employee hierarchy (Staff < Coordinator < Manager < ProfitabilityManager < Admin < Owner)", manager, permission.ChangePermissionSet, azPersonAs(other, role.Admin), permission.PersonProtected),
		azDeny("the employee hierarchy (Staff < Coordinator < Manager < ProfitabilityManager < Admin < Owner)", manager, permission.ChangePermissionSet, azPersonAs(other, role.ProfitabilityManager), permission.PersonProtected),
		azDeny("the employee hierarchy (Staff < Coordinator < Manager < ProfitabilityManager < Admin < Owner)", manager, permission.ChangePermissionSet, azPersonAs(me, role.Manager), permission.OwnRecordRefused),
		azLacks("the employee hierarchy (Staff < Coordinator < Manager < ProfitabilityManager < Admin < Owner)", coordinator, permission.ChangePermissionSet, azPersonAs(other, role.Staff), permission.UsersChangePermissionSet),

		// PROFITABILITY MANAGER
		azAllow("access the budget's profit and revenue information", pm, permission.ViewBudgetProfit, azBudget(azBudgetPrivate, false)),
		azAllow("access the budget's profit and revenue information", pm, permission.ViewBudgetRevenue, azBudget(azBudgetPrivate, false)),
		azAllow("access the profit of the whole organization", pm, permission.ViewOrgProfit, azOrg()),
		azAllow("That includes having access to all deals with relevant financial information.", pm, permission.ViewDealFinancials, azDeal(azDealOther)),
		azAllow("That includes having access to all deals with relevant financial information.", pm, permission.ViewDealProfit, azDeal(azDealOther)),
		azAllow("This role has extended Manager's role permission to:", pm, permission.ViewBillableTime, azEntry(other, azBudgetPrivate, third)),
		azLacks("A profitability manager doesn't have access to cost rates and general organization-level settings.", pm, permission.ViewCostRate, azPerson(other), permission.PeopleViewCostRatesSubsidiary),
		azLacks("A profitability manager doesn't have access to cost rates and general organization-level settings.", pm, permission.ManageOrgSettings, azOrg(), permission.SettingsManageOrganization),
		azAllow("With unlimited access, the Profitability manager can access all deals and projects.", pmU, permission.ViewDeal, azDeal(azDealOther)),
		azAllow("With unlimited access, the Profitability manager can access all deals and projects.", pmU, permission.ViewProject, azProject(azProjPrivate)),
		// Read as "... private projects they are a member of" (DESIGN Q1).
		azAllow("With Restricted access can access all public projects, assigned deals, and private projects.", pmR, permission.ViewProject, azProject(azProjPublic)),
		azAllow("With Restricted access can access all public projects, assigned deals, and private projects.", pmR, permission.ViewProject, azProject(azProjMine)),
		azDeny("With Restricted access can access all public projects, assigned deals, and private projects.", pmR, permission.ViewProject, azProject(azProjPrivate), permission.PrivateNotMember, permission.ProjectsViewAll),
		azAllow("With Restricted access can access all public projects, assigned deals, and private projects.", pmR, permission.ViewDeal, azDeal(azDealMine)),
		azDeny("With Restricted access can access all public projects, assigned deals, and private projects.", pmR, permission.ViewDealProfit, azDeal(azDealOther), permission.DealNotAssigned, permission.DealsViewAll),
		azAllow("With Restricted access can access all public projects, assigned deals, and private projects.", pmR, permission.ViewBudgetProfit, azBudget(azBudgetMine, false)),
		azDeny("With Restricted access can access all public projects, assigned deals, and private projects.", pmR, permission.ViewBudgetProfit, azBudget(azBudgetPublic, false), permission.NotInReach, permission.BudgetsViewAll),
		azDeny("With Restricted access can access all public projects, assigned deals, and private projects.", pmR, permission.ViewBudgetProfit, azBudget(azBudgetPrivate, false), permission.NotInReach, permission.BudgetsViewAll),
		// "the profit of the whole organization" is an organization-wide right of its own.
		azAllow("access the profit of the whole organization", pmR, permission.ViewOrgProfit, azOrg()),
		azAllow("By default, the profitability manager has unlimited access, but you can change that anytime.", pm, permission.ViewProject, azProject(azProjPrivate)),

		// ADMIN
		azAllow("see and manage everything", admin, permission.ViewProject, azProject(azProjPrivate)),
		azAllow("see and manage everything", admin, permission.ViewBudgetCost, azBudget(azBudgetPrivate, false)),
		azAllow("see and manage everything", admin, permission.ViewReportCostMargin, azOrg()),
		azAllow("see and manage everything", admin, permission.ViewCostRate, azPerson(other)),
		azAllow("see and manage everything", admin, permission.ViewDealProfit, azDeal(azDealOther)),
		azAllow("see and manage everything", admin, permission.ManagePermissionSets, azOrg()),
		azAllow("see and manage everything", admin, permission.ConnectAccounting, azOrg()),
		azAllow("see and manage everything", admin, permission.ApproveTimeEntry, azPending(azEntry(other, azBudgetPrivate, third))),
		azAllow("see and manage everything", admin, permission.ApproveTimeOff, azTimeOff(other)),
		azAllow("buy extra seats", admin, permission.BuySeats, azOrg()),
		azAllow("change the billing plan", admin, permission.ChangePlan, azOrg()),
		azAllow("An Administrator role can manage everything, create user accounts, manage salaries, and general organization-level settings.", admin, permission.CreateUser, azOrg()),
		azAllow("An Administrator role can manage everything, create user accounts, manage salaries, and general organization-level settings.", admin, permission.ManageSalary, azPerson(other)),
		azAllow("An Administrator role can manage everything, create user accounts, manage salaries, and general organization-level settings.", admin, permission.ManageOrgSettings, azOrg()),
		azAllow("An Administrator role can manage everything, create user accounts, manage salaries, and general organization-level settings.", admin, permission.ChangePermissionSet, azPersonAs(other, role.Admin)),
		azAllow("An Administrator role can manage everything, create user accounts, manage salaries, and general organization-level settings.", admin, permission.ChangePermissionSet, azPersonAs(other, role.Manager)),
		azAllow("An Administrator role can manage everything, create user accounts, manage salaries, and general organization-level settings.", admin, permission.ChangePermissionSet, azPersonAs(other, role.Client)),
		// DESIGN (No escalation): "nobody changes the Owner's set; an Admin
		// does not change their own set". The Owner's set changes only by a
		// transfer of ownership.
		azDeny("It can be only one person as the owner of the organization.", admin, permission.ChangePermissionSet, azPersonAs(other, role.Owner), permission.PersonProtected),
		azDeny("nobody changes the Owner's set; an Admin does not change their own set", admin, permission.ChangePermissionSet, azPersonAs(me, role.Admin), permission.OwnRecordRefused),
		azDeny("nobody changes the Owner's set; an Admin does not change their own set", owner, permission.ChangePermissionSet, azPersonAs(me, role.Owner), permission.OwnRecordRefused),
		azDeny("nobody changes the Owner's set; an Admin does not change their own set", pm, permission.ChangePermissionSet, azPersonAs(other, role.Owner), permission.PersonProtected),
		// Owner-only rights, asked by an Admin.
		azOwnerOnly("access all billings", admin, permission.ViewBilling, azOrg(), permission.BillingView),
		azOwnerOnly("transfer the ownership to another person", admin, permission.TransferOwnership, azOrg(), permission.OrganizationTransferOwnership),
		azOwnerOnly("deactivate the whole organization", admin, permission.DeactivateOrganization, azOrg(), permission.OrganizationDeactivate),
		azOwnerOnly("deactivate the whole organization", pm, permission.DeactivateOrganization, azOrg(), permission.OrganizationDeactivate),

		// OWNER
		azAllow("access all billings", owner, permission.ViewBilling, azOrg()),
		azAllow("make an upgrade", owner, permission.ChangePlan, azOrg()),
		azAllow("transfer the ownership to another person", owner, permission.TransferOwnership, azOrg()),
		azAllow("deactivate the whole organization", owner, permission.DeactivateOrganization, azOrg()),
		azAllow("This role has a full set of permissions, like:", owner, permission.ViewBudgetCost, azBudget(azBudgetPrivate, false)),
		azAllow("This role has a full set of permissions, like:", owner, permission.ManageSalary, azPerson(other)),
		azAllow("This role has a full set of permissions, like:", owner, permission.BuySeats, azOrg()),

		// CLIENT
		azAllow("The Client is a role for a person that can communicate with your team on tasks", client, permission.ViewTask, azTask(azProjMine)),
		azAllow("The Client is a role for a person that can communicate with your team on tasks", client, permission.AlterTask, azTask(azProjMine)),
		azDeny("The Client is a role for a person that can communicate with your team on tasks", client, permission.AlterTask, azTask(azProjPublic), permission.NotInReach),
		azAllow("The Client is a role for a person that can communicate with your team on tasks", client, permission.CommentOnTask, azTask(azProjMine)),
		azDeny("The Client is a role for a person that can communicate with your team on tasks", client, permission.JoinProject, azProject(azProjPublic), permission.EmployeesOnly),
		azAllow("and also depending on permissions - access time entries, and other info about deals.", clientBudgets, permission.ViewTimeEntry, azEntry(anyone, azBudgetMine, third)),
		azLacks("and also depending on permissions - access time entries, and other info about deals.", client, permission.ViewTimeEntry, azEntry(anyone, azBudgetMine, third), permission.TimeViewOthers),
		azAllow("However, clients with access to time and budgets will be able to see your estimates on tasks and other related data such as Variance at Completion and Time to complete.", clientBudgets, permission.ViewBudgetEstimatedTime, azBudget(azBudgetMine, true)),
		azDeny("However, clients with access to time and budgets will be able to see your estimates on tasks and other related data such as Variance at Completion and Time to complete.", clientBudgets, permission.ViewBudgetEstimatedTime, azBudget(azBudgetMine, false), permission.ClientAccessOff),
		azAllow("Clients can also get access to budgets and timesheets.", clientBudgets, permission.ViewBudget, azBudget(azBudgetMine, true)),
		azLacks("Clients can also get access to budgets and timesheets.", client, permission.ViewBudget, azBudget(azBudgetMine, true), permission.BudgetsView),
		azDeny("To give a Client access to a specific budget, you need to go into the Project, select the Budget and turn Client access on from the Financials tab.", clientBudgets, permission.ViewBudget, azBudget(azBudgetMine, false), permission.ClientAccessOff),
		azDeny("To give a Client access to a specific budget, you need to go into the Project, select the Budget and turn Client access on from the Financials tab.", clientBudgets, permission.ViewBudget, azBudget(azBudgetUnshared, true), permission.BudgetNotShared),
		azDeny("Note that clients will never see your Worked time in Productive.", clientBudgets, permission.ViewTaskWorked, azTask(azProjMine), permission.ClientNeverSees),
		azDeny("Note that clients will never see your Worked time in Productive.", clientBudgets, permission.ViewBudgetWorkedTime, azBudget(azBudgetMine, true), permission.ClientNeverSees),
		azDeny("Note that clients will never see your Worked time in Productive.", client, permission.ViewTaskWorked, azTask(azProjMine), permission.ClientNeverSees),
		azAllow("However, clients with access to time and budgets will be able to see your estimates on tasks and other related data such as Variance at Completion and Time to complete.", clientBudgets, permission.ViewTaskEstimate, azTask(azProjMine)),
		azAllow("However, clients with access to time and budgets will be able to see your estimates on tasks and other related data such as Variance at Completion and Time to complete.", clientBudgets, permission.ViewVarianceAtCompletion, azBudget(azBudgetMine, true)),
		azAllow("However, clients with access to time and budgets will be able to see your estimates on tasks and other related data such as Variance at Completion and Time to complete.", clientBudgets, permission.ViewTimeToComplete, azBudget(azBudgetMine, true)),
		azLacks("However, clients with access to time and budgets will be able to see your estimates on tasks and other related data such as Variance at Completion and Time to complete.", client, permission.ViewTaskEstimate, azTask(azProjMine), permission.TasksViewEstimates),
		azDeny("However, clients with access to time and budgets will be able to see your estimates on tasks and other related data such as Variance at Completion and Time to complete.", clientBudgets, permission.ViewTimeToComplete, azBudget(azBudgetMine, false), permission.ClientAccessOff),

		// CONTRACTOR
		azAllow("collaborate on projects", contractor, permission.ViewProject, azProject(azProjMine)),
		azAllow("collaborate on projects", contractor, permission.OpenDoc, azDoc(azProjMine)),
		azDeny("collaborate on projects", contractor, permission.ViewProject, azProject(azProjPublic), permission.NotInReach),
		azDeny("collaborate on projects", contractor, permission.JoinProject, azProject(azProjPublic), permission.EmployeesOnly),
		azAllow("manage tasks and task lists", contractor, permission.AlterTask, azTask(azProjMine)),
		azAllow("manage tasks and task lists", contractor, permission.CreateTaskList, azProject(azProjMine)),
		azDeny("manage tasks and task lists", contractor, permission.AlterTask, azTask(azProjPrivate), permission.NotInReach),
		azAllow("track time for projects they are members of", contractor, permission.TrackTime, azEntry(me, azBudgetMine, third)),
		azDeny("track time for projects they are members of", contractor, permission.TrackTime, azEntry(me, azBudgetPublic, third), permission.NotInReach),
		azAllow("track time for projects they are members of", contractor, permission.ViewTimeEntry, azEntry(me, azBudgetMine, third)),
		azDeny("track time for projects they are members of", contractor, permission.ViewTimeEntry, azEntry(other, azBudgetMine, third), permission.NotOwnRecord),
		azAllow("track time for projects they are members of", contractor, permission.ViewOwnSchedule, azBooking(me, azProjMine)),
		azAllow("track time for projects they are members of", contractor, permission.ViewSchedule, azBooking(me, azProjMine)),
		azDeny("track time for projects they are members of", contractor, permission.TrackTime, azEntry(other, azBudgetMine, third), permission.NotOwnRecord),

		// integration-settings: the four Integrations bullets, with the system sets.
		azAllow("Allows users to set up Google and Outlook calendar integrations, and personal Slack integration.", staff, permission.ManagePersonalIntegrations, azPerson(me)),
		azDeny("Allows users to set up Google and Outlook calendar integrations, and personal Slack integration.", admin, permission.ManagePersonalIntegrations, azPerson(other), permission.NotOwnRecord),
		azLacks("Allows users to set up Google and Outlook calendar integrations, and personal Slack integration.", client, permission.ManagePersonalIntegrations, azPerson(me), permission.IntegrationsManagePersonal),
		azAllow("Allows users to utilize the Jira widget for time tracking and to see Jira links in tasks in Productive.", staff, permission.UseJiraWidget, azTask(azProjMine)),
		azDeny("Allows users to utilize the Jira widget for time tracking and to see Jira links in tasks in Productive.", staff, permission.UseJiraWidget, azTask(azProjPrivate), permission.NotInReach, permission.ProjectsViewAll),
		azAllow("This permission enables users to connect projects to Jira, a task typically handled by managers or a custom role responsible for integration management.", manager, permission.ConnectJiraProject, azProject(azProjPrivate)),
		azLacks("This permission enables users to connect projects to Jira, a task typically handled by managers or a custom role responsible for integration management.", staff, permission.ConnectJiraProject, azProject(azProjMine), permission.IntegrationsManageTaskManagement),
		azAllow("Allows users to set up SSO, accounting, and HR integrations.", admin, permission.ConnectAccounting, azOrg()),
		azAllow("Allows users to set up SSO, accounting, and HR integrations.", admin, permission.ConfigureSSO, azOrg()),
		azAllow("Allows users to set up SSO, accounting, and HR integrations.", admin, permission.ConfigureHR, azOrg()),
		azLacks("Allows users to set up SSO, accounting, and HR integrations.", pm, permission.ConnectAccounting, azOrg(), permission.IntegrationsManageOrganizational),
		azAllow("This setup is typically managed by an admin or another user with access to the integration setup tool.", admin, permission.ConnectAccounting, azOrg()),
		azAllow("Users with the following permissions can export invoices and expenses without needing any integration permissions:", manager, permission.ExportInvoice, azInvoice(azBudgetPrivate)),
		azAllow("Users with the following permissions can export invoices and expenses without needing any integration permissions:", manager, permission.ExportExpense, azExpense(azOther, azBudgetPrivate)),
		azAllow("Add, edit, and delete invoices and payments", manager, permission.ManageInvoice, azInvoice(azBudgetMine)),
		azAllow("Add, edit, and delete all expenses", manager, permission.ManageExpense, azExpense(azOther, azBudgetPrivate)),
		azLacks("Add, edit, and delete invoices and payments", coordinator, permission.ExportInvoice, azInvoice(azBudgetMine), permission.InvoicesCopyToAccounting),
		azLacks("Add, edit, and delete all expenses", coordinator, permission.ExportExpense, azExpense(azOther, azBudgetPrivate), permission.ExpensesManageAll),
		azLacks("Integration permissions, specifically \"Manage organizational integrations,\" are only necessary for the initial connection and configuration of the integration.", manager, permission.ConnectAccounting, azOrg(), permission.IntegrationsManageOrganizational),
	}
}

func TestSeedRules(t *testing.T) { azCheckRows(t, azSeedRows()) }

// azCheckRows decides every row through Authorize, Capabilities, List and a
// prepared Principal, for azMe holding the row's set, and wants its outcome
// from each.
func azCheckRows(t *testing.T, rows []azSeedRow) {
	t.Helper()
	for _, row := range rows {
		name := row.set.Name() + ": " + row.sentence + " [" + row.action.String() + "]"
		t.Run(name, func(t *testing.T) {
			s := azSubjectOf(row.set)
			d := permission.Authorize(s, row.action, row.res)
			if diff := cmp.Diff(row.want, azOutcomeOf(d)); diff != "" {
				t.Errorf("Authorize(%s, %v, %+v) mismatch (-want +got):\n%s", row.set.Name(), row.action, row.res, diff)
			}
			// The preview and the list filter agree with the decision.
			if got := permission.Capabilities(s, row.res).Has(row.action); got != row.want.Allowed {
				t.Errorf("Capabilities(...).Has(%v) = %v, want %v", row.action, got, row.want.Allowed)
			}
			if got := permission.List(s, row.action).Matches(row.res); got != row.want.Allowed {
				t.Errorf("List(%v).Matches(...) = %v, want %v", row.action, got, row.want.Allowed)
			}
			if p, err := permission.Prepare(s); err != nil || p.Authorize(row.action, &row.res) != d {
				t.Errorf("Principal.Authorize = %v (%v), want %v", p.Authorize(row.action, &row.res), err, d)
			}
		})
	}
}

// TestSeedDefaultScopes: "Coordinator by default has unlimited access", and
// likewise Manager and Profitability Manager; Admin and Owner always reach
// everything; Staff, Client and Contractor reach what they are members of.
func TestSeedDefaultScopes(t *testing.T) {
	want := map[role.Role]scope.Scope{
		role.Staff: scope.Member, role.Coordinator: scope.Unlimited, role.Manager: scope.Unlimited,
		role.ProfitabilityManager: scope.Unlimited, role.Admin: scope.Unlimited, role.Owner: scope.Unlimited,
		role.Client: scope.Member, role.Contractor: scope.Member,
	}
	got := map[role.Role]scope.Scope{}
	for r := range role.All() {
		got[r] = azSys(r, 0, 0).Scope()
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("default scopes mismatch (-want +got):\n%s", diff)
	}
}

// TestIntegrationArticleAccounting walks the "Use Case: Integration
// Permissions and Invoicing" of integration-settings end to end: "one admin
// sets up the integration, while another user, often a member of the
// accounting team, handles the exports."
func TestIntegrationArticleAccounting(t *testing.T) {
	// "Users with the following permissions can export invoices and expenses
	// without needing any integration permissions: Add, edit, and delete
	// invoices and payments; Add, edit, and delete all expenses". The
	// accounting set, on the Staff base, holds those two, the builder's
	// "View all invoices" so that its reach covers every invoice, and no
	// integration permission at all.
	accounting := azBuild(t, set.NewBuilder("Accounting", azSys(role.Staff, 0, 0)).
		Grant(permission.InvoicesViewAll, permission.InvoicesManage, permission.ExpensesManageAll).
		Revoke(permission.IntegrationsManagePersonal, permission.IntegrationsViewTaskManagement))
	for p := range accounting.Permissions().All() {
		if p.Section() == permission.Integrations {
			t.Fatalf("the accounting set holds %v; it should hold no integration permission", p)
		}
	}
	accountant := azSubjectOf(accounting)
	memberAccountant := azSubjectOf(azBuild(t, set.NewBuilder("Accounting (member budgets)", azSys(role.Staff, 0, 0)).
		Grant(permission.InvoicesManage, permission.ExpensesManageAll)))
	admin := azSubjectOf(azSys(role.Admin, 0, 0))
	admin.ID = azOther

	tests := []struct {
		name string
		s    permission.Subject
		a    permission.Action
		r    permission.Resource
		want azOutcome
	}{
		{"accountant exports an invoice", accountant, permission.ExportInvoice, azInvoice(azBudgetMine), azWant(permission.Granted, 0)},
		{"accountant edits an invoice", accountant, permission.ManageInvoice, azInvoice(azBudgetMine), azWant(permission.Granted, 0)},
		{"accountant exports an expense", accountant, permission.ExportExpense, azExpense(azOther, azBudgetPrivate), azWant(permission.Granted, 0)},
		{"accountant edits an expense", accountant, permission.ManageExpense, azExpense(azOther, azBudgetPrivate), azWant(permission.Granted, 0)},
		{"accountant connects accounting", accountant, permission.ConnectAccounting, azOrg(), azWant(permission.MissingPermission, permission.IntegrationsManageOrganizational)},
		{"accountant configures SSO", accountant, permission.ConfigureSSO, azOrg(), azWant(permission.MissingPermission, permission.IntegrationsManageOrganizational)},
		{"accountant configures HR", accountant, permission.ConfigureHR, azOrg(), azWant(permission.MissingPermission, permission.IntegrationsManageOrganizational)},
		// The accountant's reach comes from its invoice and expense rights,
		// not from the Staff base's project reach: every invoice, every
		// expense, public project or private.
		{"accountant exports an invoice of a private project", accountant, permission.ExportInvoice, azInvoice(azBudgetPrivate), azWant(permission.Granted, 0)},
		{"accountant exports an invoice of a public project", accountant, permission.ExportInvoice, azInvoice(azBudgetPublic), azWant(permission.Granted, 0)},
		{"accountant exports someone's expense on a public project", accountant, permission.ExportExpense, azExpense(azThird, azBudgetPublic), azWant(permission.Granted, 0)},
		{"accountant still sees no project out of reach", accountant, permission.ViewProject, azProject(azProjPrivate), azWant(permission.NotInReach, permission.ProjectsViewAll)},
		{"without View all invoices, only invoices of budgets they are a member of", memberAccountant, permission.ExportInvoice, azInvoice(azBudgetPrivate), azWant(permission.NotInReach, permission.InvoicesViewAll)},
		{"without View all invoices, on a budget they are a member of", memberAccountant, permission.ExportInvoice, azInvoice(azBudgetMine), azWant(permission.Granted, 0)},
		{"admin connects accounting", admin, permission.ConnectAccounting, azOrg(), azWant(permission.Granted, 0)},
		{"admin configures SSO", admin, permission.ConfigureSSO, azOrg(), azWant(permission.Granted, 0)},
		{"admin configures HR", admin, permission.ConfigureHR, azOrg(), azWant(permission.Granted, 0)},
		{"admin exports too", admin, permission.ExportInvoice, azInvoice(azBudgetPrivate), azWant(permission.Granted, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, azOutcomeOf(permission.Authorize(tt.s, tt.a, tt.r))); diff != "" {
				t.Errorf("Authorize(%v) mismatch (-want +got):\n%s", tt.a, diff)
			}
		})
	}

	// An integration manager who is not in accounting: connecting does not
	// make an exporter.
	integrator := azSubjectOf(azBuild(t, set.NewBuilder("Integrations", azSys(role.Staff, 0, 0)).
		Grant(permission.IntegrationsManageOrganizational)))
	for _, a := range []permission.Action{permission.ConnectAccounting, permission.ConfigureSSO, permission.ConfigureHR} {
		if d := permission.Authorize(integrator, a, azOrg()); !d.Allowed() {
			t.Errorf("integration manager: %v", d)
		}
	}
	if diff := cmp.Diff(azWant(permission.MissingPermission, permission.InvoicesCopyToAccounting),
		azOutcomeOf(permission.Authorize(integrator, permission.ExportInvoice, azInvoice(azBudgetMine)))); diff != "" {
		t.Errorf("integration manager exports an invoice: mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(azWant(permission.MissingPermission, permission.ExpensesManageAll),
		azOutcomeOf(permission.Authorize(integrator, permission.ExportExpense, azExpense(azOther, azBudgetPrivate)))); diff != "" {
		t.Errorf("integration manager exports an expense: mismatch (-want +got):\n%s", diff)
	}
}

// TestIntegrationArticleRequires reads the action table: "To export invoices
// (and, where applicable, expenses) to connected accounting tools, only the
// relevant invoice and expense permissions are required." and "Integration
// permissions, specifically "Manage organizational integrations," are only
// necessary for the initial connection and configuration of the
// integration."
func TestIntegrationArticleRequires(t *testing.T) {
	// The builder's "Copy invoices to an accounting system" is the export;
	// the legacy "Add, edit, and delete invoices and payments" implies it.
	if got := permission.ExportInvoice.Requires(); !got.Has(permission.InvoicesCopyToAccounting) || got.Has(permission.InvoicesManage) {
		t.Errorf("ExportInvoice.Requires() = %v, want invoices.copy_to_accounting and not the legacy right", got)
	}
	if got := permission.MaskOf(permission.InvoicesManage).Closure().Implied(); !permission.ExportInvoice.Requires().SubsetOf(got) {
		t.Errorf("invoices.manage implies %v, which does not export", got)
	}
	if got := permission.ExportExpense.Requires(); !got.Has(permission.ExpensesManageAll) {
		t.Errorf("ExportExpense.Requires() = %v, want it to include expenses.manage_all", got)
	}
	// Nothing on an invoice or an expense needs an integration permission.
	for a := range permission.Actions() {
		if k := a.Kind(); k != permission.KindInvoice && k != permission.KindExpense {
			continue
		}
		for p := range a.Requires().All() {
			if p.Section() == permission.Integrations {
				t.Errorf("%v requires %v, an integration permission", a, p)
			}
		}
	}
	want := permission.MaskOf(permission.IntegrationsManageOrganizational)
	for _, a := range []permission.Action{permission.ConnectAccounting, permission.ConfigureSSO, permission.ConfigureHR} {
		if got := a.Requires(); got != want {
			t.Errorf("%v.Requires() = %v, want %v", a, got, want)
		}
	}
	// And nothing else needs it: it is only for connecting and configuring.
	for a := range permission.Actions() {
		switch a {
		case permission.ConnectAccounting, permission.ConfigureSSO, permission.ConfigureHR:
			continue
		}
		if a.Requires().Has(permission.IntegrationsManageOrganizational) {
			t.Errorf("%v requires integrations.manage_organizational", a)
		}
	}
	jira := map[permission.Action]permission.Permission{
		permission.UseJiraWidget:              permission.IntegrationsViewTaskManagement,
		permission.ConnectJiraProject:         permission.IntegrationsManageTaskManagement,
		permission.ManagePersonalIntegrations: permission.IntegrationsManagePersonal,
	}
	for a, p := range jira {
		if !a.Requires().Has(p) {
			t.Errorf("%v.Requires() = %v, want it to include %v", a, a.Requires(), p)
		}
	}
}

// TestIntegrationArticleJira: the three other bullets of the Integrations
// section, with custom sets built on Staff.
func TestIntegrationArticleJira(t *testing.T) {
	staffSet := azSys(role.Staff, 0, 0)
	// "It's useful for custom roles focused on time tracking."
	timeTracker := azSubjectOf(azBuild(t, set.NewBuilder("Time tracker", staffSet).
		Revoke(permission.TasksManage, permission.TaskListsManage, permission.DocsAccess)))
	noJira := azSubjectOf(azBuild(t, set.NewBuilder("No Jira", staffSet).
		Revoke(permission.IntegrationsViewTaskManagement)))
	// "a custom role responsible for integration management"
	jiraAdmin := azSubjectOf(azBuild(t, set.NewBuilder("Jira admin", staffSet).
		Grant(permission.IntegrationsManageTaskManagement)))
	noPersonal := azSubjectOf(azBuild(t, set.NewBuilder("No calendars", staffSet).
		Revoke(permission.IntegrationsManagePersonal)))

	tests := []struct {
		name string
		s    permission.Subject
		a    permission.Action
		r    permission.Resource
		want azOutcome
	}{
		{"time tracker uses the Jira widget", timeTracker, permission.UseJiraWidget, azTask(azProjMine), azWant(permission.Granted, 0)},
		{"time tracker tracks time", timeTracker, permission.TrackTime, azEntry(azMe, azBudgetMine, azThird), azWant(permission.Granted, 0)},
		{"time tracker cannot alter tasks", timeTracker, permission.AlterTask, azTask(azProjMine), azWant(permission.MissingPermission, permission.TasksManage)},
		{"time tracker cannot connect Jira", timeTracker, permission.ConnectJiraProject, azProject(azProjMine), azWant(permission.MissingPermission, permission.IntegrationsManageTaskManagement)},
		{"without view task management no widget", noJira, permission.UseJiraWidget, azTask(azProjMine), azWant(permission.MissingPermission, permission.IntegrationsViewTaskManagement)},
		{"without view task management still tracks time", noJira, permission.TrackTime, azEntry(azMe, azBudgetMine, azThird), azWant(permission.Granted, 0)},
		{"Jira admin connects a project", jiraAdmin, permission.ConnectJiraProject, azProject(azProjMine), azWant(permission.Granted, 0)},
		{"Jira admin uses the widget", jiraAdmin, permission.UseJiraWidget, azTask(azProjMine), azWant(permission.Granted, 0)},
		{"Jira admin connects only projects in reach", jiraAdmin, permission.ConnectJiraProject, azProject(azProjPrivate), azWant(permission.NotInReach, permission.ProjectsViewAll)},
		{"Jira admin does not connect accounting", jiraAdmin, permission.ConnectAccounting, azOrg(), azWant(permission.MissingPermission, permission.IntegrationsManageOrganizational)},
		{"without personal integrations no calendars", noPersonal, permission.ManagePersonalIntegrations, azPerson(azMe), azWant(permission.MissingPermission, permission.IntegrationsManagePersonal)},
		{"without personal integrations still the widget", noPersonal, permission.UseJiraWidget, azTask(azProjMine), azWant(permission.Granted, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, azOutcomeOf(permission.Authorize(tt.s, tt.a, tt.r))); diff != "" {
				t.Errorf("Authorize(%v) mismatch (-want +got):\n%s", tt.a, diff)
			}
		})
	}
}

// TestIntegrationArticleSets: "Custom permission sets are available on the
// Ultimate subscription plan." and "Note: Contractor permission set cannot
// be adjusted with custom permissions."
func TestIntegrationArticleSets(t *testing.T) {
	b := set.NewBuilder("Accounting", azSys(role.Staff, 0, 0)).Grant(permission.InvoicesManage)
	for _, plan := range []set.Plan{set.Essential, set.Professional} {
		if _, err := b.Build(plan); !errors.Is(err, set.ErrPlan) {
			t.Errorf("Build(%v) error = %v, want ErrPlan", plan, err)
		}
	}
	for _, plan := range []set.Plan{set.Ultimate, set.Enterprise} {
		if _, err := b.Build(plan); err != nil {
			t.Errorf("Build(%v) error = %v, want nil", plan, err)
		}
	}
	_, err := set.NewBuilder("Contractor+", azSys(role.Contractor, 0, 0)).Grant(permission.IntegrationsManagePersonal).Build(set.Ultimate)
	if !errors.Is(err, set.ErrContractor) {
		t.Errorf("customizing the Contractor set: error = %v, want ErrContractor", err)
	}
}

// TestClientArticleCustomSet walks client-permissions: "For instance, you can
// prevent clients from altering tasks or accessing docs unless explicitly
// allowed."
func TestClientArticleCustomSet(t *testing.T) {
	clientSet := azSys(role.Client, 0, 0)
	custom := azBuild(t, set.NewBuilder("Read-only client", clientSet).Revoke(permission.TasksManage, permission.DocsAccess))
	// "After saving, you'll see the client seat labeled with a "Free seat" badge."
	if custom.Seat() != role.Free || custom.Role() != role.Client || !custom.Custom() {
		t.Errorf("custom client set: seat %v, base %v, custom %v; want a free client custom set", custom.Seat(), custom.Role(), custom.Custom())
	}
	s := azSubjectOf(custom)
	tests := []struct {
		name string
		a    permission.Action
		r    permission.Resource
		want azOutcome
	}{
		{"cannot alter a task", permission.AlterTask, azTask(azProjMine), azWant(permission.MissingPermission, permission.TasksManage)},
		{"cannot open a doc", permission.OpenDoc, azDoc(azProjMine), azWant(permission.MissingPermission, permission.DocsAccess)},
		{"still views tasks", permission.ViewTask, azTask(azProjMine), azWant(permission.Granted, 0)},
		{"still views the project", permission.ViewProject, azProject(azProjMine), azWant(permission.Granted, 0)},
		{"views no task out of reach", permission.ViewTask, azTask(azProjPublic), azWant(permission.NotInReach, 0)},
		// "can communicate with your team on tasks": altering is one right,
		// talking on them another.
		{"still comments on tasks", permission.CommentOnTask, azTask(azProjMine), azWant(permission.Granted, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, azOutcomeOf(permission.Authorize(s, tt.a, tt.r))); diff != "" {
				t.Errorf("Authorize(%v) mismatch (-want +got):\n%s", tt.a, diff)
			}
		})
	}
	if got, want := permission.Capabilities(s, azTask(azProjMine)), permission.ActionMaskOf(permission.ViewTask, permission.CommentOnTask); got != want {
		t.Errorf("Capabilities(read-only client, task) = %v, want %v", got, want)
	}
}

// TestClientArticleFreeSeat: "note that there are fewer permissions available
// compared to a paid seat". Granting a client set any paid-seat permission
// fails with ErrFreeSeat; every free-seat permission may be granted.
func TestClientArticleFreeSeat(t *testing.T) {
	clientSet := azSys(role.Client, 0, 0)
	for p := range permission.All() {
		_, err := set.NewBuilder("Client+", clientSet).Grant(p).Build(set.Ultimate)
		switch {
		case p.FreeSeat() && err != nil:
			t.Errorf("granting free-seat %v to a client set: %v", p, err)
		case !p.FreeSeat() && !p.OwnerOnly() && !errors.Is(err, set.ErrFreeSeat):
			t.Errorf("granting paid-seat %v to a client set: error = %v, want ErrFreeSeat", p, err)
		case p.OwnerOnly() && err == nil:
			t.Errorf("granting owner-only %v to a client set succeeded", p)
		}
	}
	for _, p := range []permission.Permission{permission.InvoicesManage, permission.TimeViewWorked, permission.BudgetsViewFinancials, permission.TaskListsManage} {
		if p.FreeSeat() {
			t.Errorf("%v is a free-seat permission; a client never holds it", p)
		}
	}
}

// TestClientArticleBudget: "Inviting them to specific projects and budgets is
// a necessary step (each action is separate)." and "Note that for budgets,
// there's an extra step: enabling Client access." A client reaches a budget
// only with all four of: the budgets add-on, membership on the project,
// membership on the budget, and Client access on. Each missing piece has its
// own reason.
func TestClientArticleBudget(t *testing.T) {
	withAddon := azSys(role.Client, 0, set.AddonBudgets)
	without := azSys(role.Client, 0, 0)
	member := func(s set.Set, projects, budgets []scope.ID) permission.Subject {
		subj := s.Subject(testOrg, azMe)
		subj.Projects = scope.NewMembers(projects...)
		subj.Budgets = scope.NewMembers(budgets...)
		subj.Plan = set.Professional
		return subj
	}
	both := []scope.ID{azProjMine}
	budget := []scope.ID{azBudgetMine}
	tests := []struct {
		name string
		s    permission.Subject
		r    permission.Resource
		want azOutcome
	}{
		{"all four", member(withAddon, both, budget), azBudget(azBudgetMine, true), azWant(permission.Granted, 0)},
		{"no budgets add-on", member(without, both, budget), azBudget(azBudgetMine, true), azWant(permission.MissingPermission, permission.BudgetsView)},
		{"not on the project", member(withAddon, nil, budget), azBudget(azBudgetMine, true), azWant(permission.NotInReach, 0)},
		{"not on the budget", member(withAddon, both, nil), azBudget(azBudgetMine, true), azWant(permission.BudgetNotShared, 0)},
		{"Client access off", member(withAddon, both, budget), azBudget(azBudgetMine, false), azWant(permission.ClientAccessOff, 0)},
		{"nothing", member(without, nil, nil), azBudget(azBudgetMine, false), azWant(permission.MissingPermission, permission.BudgetsView)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, a := range []permission.Action{permission.ViewBudget, permission.ViewVarianceAtCompletion, permission.ViewTimeToComplete} {
				want := tt.want
				if a != permission.ViewBudget && want.Reason == permission.MissingPermission.String() {
					// The client set lacks the estimates too, which come
					// first in catalogue order.
					want.Missing = permission.TasksViewEstimates.String()
				}
				if diff := cmp.Diff(want, azOutcomeOf(permission.Authorize(tt.s, a, tt.r))); diff != "" {
					t.Errorf("Authorize(%v) mismatch (-want +got):\n%s", a, diff)
				}
			}
			// The timesheet of that budget follows the same four conditions.
			entry := azEntry(azOther, azBudgetMine, azThird)
			entry.ClientAccess = tt.r.ClientAccess
			want := tt.want
			if want.Reason == permission.MissingPermission.String() {
				want.Missing = permission.TimeViewOthers.String()
			}
			if diff := cmp.Diff(want, azOutcomeOf(permission.Authorize(tt.s, permission.ViewTimeEntry, entry))); diff != "" {
				t.Errorf("Authorize(%v) mismatch (-want +got):\n%s", permission.ViewTimeEntry, diff)
			}
		})
	}
}

// TestClientArticleNeverWorkedTime: "Note that clients will never see your
// Worked time in Productive." holds for every client subject, with the
// add-on and with the largest set a client may hold, on a budget shared in
// every way.
func TestClientArticleNeverWorkedTime(t *testing.T) {
	full := azSubjectOf(azSys(role.Client, 0, set.AddonBudgets))
	largest := full
	largest.Permissions = permission.HoldableBy(role.Client)
	for _, s := range []permission.Subject{azSubjectOf(azSys(role.Client, 0, 0)), full, largest} {
		for _, tc := range []struct {
			a permission.Action
			r permission.Resource
		}{
			{permission.ViewTaskWorked, azTask(azProjMine)},
			{permission.ViewBudgetWorkedTime, azBudget(azBudgetMine, true)},
		} {
			if diff := cmp.Diff(azWant(permission.ClientNeverSees, 0), azOutcomeOf(permission.Authorize(s, tc.a, tc.r))); diff != "" {
				t.Errorf("client %v: Authorize(%v) mismatch (-want +got):\n%s", s.Permissions, tc.a, diff)
			}
		}
		// Nor anything else that shows worked time, cost, rates, profit,
		// margin or invoicing, on a record fully in reach.
		for a := range permission.Actions() {
			if !a.HiddenFromClients() {
				continue
			}
			r := azInReach(a)
			if d := permission.Authorize(s, a, r); d.Reason() != permission.ClientNeverSees {
				t.Errorf("client: Authorize(%v) = %v, want reason client_never_sees", a, d)
			}
		}
	}
	// What a fully shared client sees on the budget: the budget and its
	// estimates (estimated time, Variance at Completion, Time to complete),
	// nothing of worked time, money or profit.
	want := permission.ActionMaskOf(permission.ViewBudget, permission.ViewBudgetEstimatedTime, permission.ViewVarianceAtCompletion, permission.ViewTimeToComplete)
	if got := permission.Capabilities(full, azBudget(azBudgetMine, true)); got != want {
		t.Errorf("Capabilities(client with budgets, shared budget) = %v, want %v", got, want)
	}
}

// azInReach is a resource of a's kind that azSubjectOf's subject reaches in
// every way: on the private project and budget they are members of, Client
// access on, the deal assigned, someone else's record (a Staff member's,
// for a person) whose approver they are, except for actions on one's own
// records.
func azInReach(a permission.Action) permission.Resource {
	r := permission.Resource{Org: testOrg,
		Kind: a.Kind(), ID: 999, Project: azProjMine, Visibility: scope.Private, Deal: azDealMine,
		Budget: azBudgetMine, ClientAccess: true, Person: azOther, PersonRole: role.Staff, Approver: azMe,
	}
	switch a.Rule() {
	case permission.OwnRecord, permission.OwnRecordInReach:
		r.Person = azMe
	}
	return r
}
