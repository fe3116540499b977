package permission_test

import (
	"testing"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// azRelationRows are the rules of the relations beyond project membership,
// each with the sentence of the help-center article it comes from (the
// domain notes' sources, shared/domain/productive-permissions.md) or the
// builder's label. azMe is a member of azBudgetAway, on a private project
// they are not a member of; of subsidiary azWorkplace; on the Ultimate plan.
func azRelationRows(t *testing.T) []azSeedRow {
	const me, other, third = azMe, azOther, azThird
	staff := azSys(role.Staff, 0, 0)
	staffTime := azSys(role.Staff, 0, set.AddonTime)
	coordinator := azSys(role.Coordinator, 0, 0)
	managerR := azSys(role.Manager, scope.Restricted, 0)
	manager := azSys(role.Manager, 0, 0)
	admin := azSys(role.Admin, 0, 0)
	clientBudgets := azSys(role.Client, 0, set.AddonBudgets)
	memberApprover := azBuild(t, set.NewBuilder("Member approver", staffTime).Grant(permission.TimeApproveMemberBudgets))
	subsidiary := azBuild(t, set.NewBuilder("Subsidiary HR", staff).Grant(permission.TimeOffViewSubsidiary,
		permission.AbsenceAllocationsViewSubsidiary, permission.PeopleViewCostRatesSubsidiary))
	invoiceParts := azBuild(t, set.NewBuilder("Invoicer", staff).Grant(permission.InvoicesManageDrafts,
		permission.InvoicesManageFinalized, permission.PaymentsManage))
	copier := azBuild(t, set.NewBuilder("Accounting export", staff).Grant(permission.InvoicesCopyToAccounting))

	away := func(person scope.ID) permission.Resource { return azEntry(person, azBudgetAway, third) }
	awayBooking := azBooking(me, azProjPrivate)
	awayBooking.Budget = azBudgetAway
	timeOff := func(person scope.ID, approvers ...scope.ID) permission.Resource {
		r := azTimeOff(person)
		r.Approvers = scope.NewMembers(approvers...)
		return r
	}
	managed := timeOff(other)
	managed.Manager, managed.ManagerApproves = me, true
	managerNotNamed := managed
	managerNotNamed.ManagerApproves = false
	elsewhere := func(r permission.Resource) permission.Resource { r.Workplace = azWorkplaceOther; return r }
	approved := azEntry(other, azBudgetMine, third)
	approved.ApprovalRequired, approved.Approved = true, true
	holdsMore := azPerson(other)
	holdsMore.PersonPermissions = azSys(role.ProfitabilityManager, 0, 0).Permissions() // a Staff member holding what a Profitability Manager does
	order := func(b scope.ID) permission.Resource {
		r := azInvoice(b)
		r.Kind = permission.KindPurchaseOrder
		return r
	}

	return []azSeedRow{
		// Budget (deal) membership, granted without project membership.
		azAllow(`[SHB] being shared on a budget lets a user "track time, log expenses and be booked for services"`, staff, permission.TrackTime, away(me)),
		azAllow(`[SHB] "They can track time or log expenses only on budgets that have been shared with them."`, staff, permission.ViewTimeEntry, away(me)),
		azDeny(`[SHB] "They can track time or log expenses only on budgets that have been shared with them."`, staff, permission.TrackTime, azEntry(me, azBudgetPrivate, third), permission.NotInReach, permission.ProjectsViewAll),
		azAllow(`[S003] Staff with time: "access the time entries, time off, and schedules of other people"`, staffTime, permission.ViewTimeEntry, away(other)),
		azAllow(`[SHB] "be booked for services"`, staff, permission.ViewOwnSchedule, awayBooking),
		azAllow(`[SHB] "log expenses" on a budget shared with them`, staff, permission.ManageExpense, azExpense(me, azBudgetAway)),
		azAllow(`"View invoices where a user is a member on a budget"`, managerR, permission.ViewInvoice, azInvoice(azBudgetAway)),
		azAllow(`"View purchase orders on budgets where user is a member"`, managerR, permission.ViewPurchaseOrder, order(azBudgetAway)),
		azDeny(`"View purchase orders on budgets where user is a member"`, managerR, permission.ViewPurchaseOrder, order(azBudgetPrivate), permission.NotInReach, permission.PurchaseOrdersViewAll),
		azAllow(`"View all purchase orders"`, manager, permission.ViewPurchaseOrder, order(azBudgetPrivate)),
		azDeny(`[S003] Staff has "no permission to access any financial information"`, staff, permission.ViewPurchaseOrder, order(azBudgetMine), permission.MissingPermission, permission.PurchaseOrdersView),
		azAllow(`[CSB] clients "can only view three tabs within the budget: Services, Time entries, and Expenses"`, clientBudgets, permission.ViewService, func() permission.Resource {
			r := azBudget(azBudgetMine, true)
			r.Kind = permission.KindService
			return r
		}()),

		// Time approval: permission and relation, the relation is the reach.
		azAllow(`[TEA] "approve time entries within budgets where they are the designated approver"`, managerR, permission.ApproveTimeEntry, azPending(azEntry(other, azBudgetPrivate, me))),
		azDeny(`[TEA] "approve time entries within budgets where they are the designated approver"`, managerR, permission.ApproveTimeEntry, azPending(azEntry(other, azBudgetMine, third)), permission.NotApprover),
		azDeny(`[TEA] "approve time entries within budgets where they are the designated approver"`, manager, permission.ApproveTimeEntry, azPending(azEntry(other, azBudgetMine, third)), permission.NotApprover, permission.TimeApproveAll),
		azAllow(`"Approve time entries on budgets where user is a member"`, memberApprover, permission.ApproveTimeEntry, azPending(away(other))),
		azDeny(`"Approve time entries on budgets where user is a member"`, memberApprover, permission.ApproveTimeEntry, azPending(azEntry(other, azBudgetUnshared, third)), permission.NotApprover),
		azDeny(`[TAB] time approval is turned on per budget: without it there is nothing to approve`, admin, permission.ApproveTimeEntry, azEntry(other, azBudgetMine, me), permission.NothingToApprove),
		azDeny(`[S003] Coordinator has no permission to "approve time entries"`, coordinator, permission.ApproveTimeEntry, azPending(azEntry(other, azBudgetMine, me)), permission.MissingPermission, permission.TimeApprove),
		azDeny(`nobody approves their own time`, managerR, permission.ApproveTimeEntry, azPending(azEntry(me, azBudgetMine, me)), permission.OwnRecordRefused),

		// Absence approval policies.
		azAllow(`[AAP] a policy of several approvers, any one of whom approves`, coordinator, permission.ApproveTimeOff, timeOff(other, third, me)),
		azDeny(`[AAP] a policy of several approvers, any one of whom approves`, coordinator, permission.ApproveTimeOff, timeOff(other, third), permission.NotApprover, permission.TimeOffApproveAll),
		azAllow(`[AAP] the requester's manager as a dynamic approver`, coordinator, permission.ApproveTimeOff, managed),
		azDeny(`[AAP] the requester's manager approves only where the policy names managers`, coordinator, permission.ApproveTimeOff, func() permission.Resource {
			r := managerNotNamed
			r.Approvers = scope.NewMembers(third)
			return r
		}(), permission.NotApprover, permission.TimeOffApproveAll),
		azAllow(`[TOA] "all admins can approve requests on behalf of other approvers"`, admin, permission.ApproveTimeOff, timeOff(other, third)),
		azDeny(`[TOA] "If a time off category does not have an approver defined, all requests will be approved automatically"`, admin, permission.ApproveTimeOff, timeOff(other), permission.NothingToApprove),
		azDeny(`[AAP] "If no approval policy is assigned to a user, their absence requests will be automatically approved"`, coordinator, permission.ApproveTimeOff, managerNotNamed, permission.NothingToApprove),
		azLacks(`[S003] Staff uses Productive for "requesting time off", not approving it`, staff, permission.ApproveTimeOff, timeOff(other, me), permission.TimeOffApprove),

		// Changing someone's permission set looks at the set they hold.
		azAllow(`[WHO] Admin "Can change the permission set of all users except the organization owner and their own."`, admin, permission.ChangePermissionSet, azPersonAs(other, role.Manager)),
		azDeny(`[WHO] Admin "Can change the permission set of all users except the organization owner and their own."`, admin, permission.ChangePermissionSet, azPersonAs(me, role.Admin), permission.OwnRecordRefused),
		azDeny(`[WHO] Admin "Can change the permission set of all users except the organization owner and their own."`, admin, permission.ChangePermissionSet, azPersonAs(other, role.Owner), permission.PersonProtected),
		azAllow(`no one changes a set holding rights they lack`, manager, permission.ChangePermissionSet, azPerson(other)),
		azDeny(`no one changes a set holding rights they lack`, managerR, permission.ChangePermissionSet, azPersonAs(other, role.Manager), permission.PersonHoldsMore),
		azDeny(`no one changes a set holding rights they lack`, manager, permission.ChangePermissionSet, holdsMore, permission.PersonHoldsMore),
		{`a person resource without the set they hold is invalid, not allowed`, admin, permission.ChangePermissionSet,
			func() permission.Resource { r := azPerson(other); r.PersonPermissions = permission.Mask{}; return r }(), azWant(permission.InvalidResource, 0)},

		// Subsidiaries (workplaces): own ⇐ subsidiary ⇐ all.
		azAllow(`[ABS] "lets users see absence bookings for employees in their own subsidiary"`, subsidiary, permission.ViewTimeOff, timeOff(other)),
		azDeny(`[ABS] "lets users see absence bookings for employees in their own subsidiary"`, subsidiary, permission.ViewTimeOff, elsewhere(timeOff(other)), permission.OtherWorkplace, permission.TimeOffViewOthers),
		azAllow(`"View absence allowances for users in their subsidiary"`, subsidiary, permission.ViewAbsenceAllocation, permission.Resource{Org: testOrg, Kind: permission.KindAllocation, Person: other, Workplace: azWorkplace}),
		azDeny(`"View absence allowances for users in their subsidiary"`, subsidiary, permission.ViewAbsenceAllocation, permission.Resource{Org: testOrg, Kind: permission.KindAllocation, Person: other, Workplace: azWorkplaceOther}, permission.OtherWorkplace, permission.AbsenceAllocationsViewAll),
		azAllow(`[CTR] "managers with subsidiary-scoped permissions can only see cost rates for people in their own subsidiary"`, subsidiary, permission.ViewCostRate, azPerson(other)),
		azDeny(`[CTR] "managers with subsidiary-scoped permissions can only see cost rates for people in their own subsidiary"`, subsidiary, permission.ViewCostRate, elsewhere(azPerson(other)), permission.OtherWorkplace, permission.PeopleViewCostRates),
		azDeny(`[S003] Staff has "no permission to ... access any financial information"`, staff, permission.ViewCostRate, azPerson(other), permission.MissingPermission, permission.PeopleViewCostRatesSubsidiary),
		azAllow(`"View all users' absence allocations"`, admin, permission.ViewAbsenceAllocation, permission.Resource{Org: testOrg, Kind: permission.KindAllocation, Person: other, Workplace: azWorkplaceOther}),

		// Booking basics, apart from the details.
		azAllow(`[RPL] for budgets or deals they are not part of, "the allocated hours and the client company name"`, staffTime, permission.ViewScheduleBasics, azBooking(other, azProjPrivate)),
		azDeny(`[RPL] "details like time-off category, notes, and booking history remain hidden"`, staffTime, permission.ViewSchedule, azBooking(other, azProjPrivate), permission.NotInReach, permission.ProjectsViewAll),
		azDeny(`[RPL] "Users with Staff or Staff with CRM permissions ... can only see their own bookings"`, staff, permission.ViewScheduleBasics, azBooking(other, azProjMine), permission.NotOwnRecord, permission.SchedulesViewOthers),

		// Clients: billable time, approved entries, the plan.
		azAllow(`[CSB] "Clients can see billable time entries but not worked time."`, clientBudgets, permission.ViewBillableTime, azEntry(other, azBudgetMine, third)),
		azDeny(`[CSB] "Clients can see billable time entries but not worked time."`, clientBudgets, permission.ViewTaskWorked, azTask(azProjMine), permission.ClientNeverSees),
		azDeny(`[CBT] "The project manager must approve each time entry before it becomes visible to clients."`, clientBudgets, permission.ViewTimeEntry, azPending(azEntry(other, azBudgetMine, third)), permission.NotApproved),
		azAllow(`[CBT] "The project manager must approve each time entry before it becomes visible to clients."`, clientBudgets, permission.ViewTimeEntry, approved),
		azAllow(`[CBT] without approval, "All tracked time entries are immediately visible to clients."`, clientBudgets, permission.ViewBillableTime, azEntry(other, azBudgetMine, third)),
		azDeny(`[CSB] clients never see purchase orders or invoicing`, clientBudgets, permission.ViewPurchaseOrder, order(azBudgetMine), permission.ClientNeverSees),

		// Invoices as the builder has them today.
		azAllow(`[INV] holding every part of "Add, edit, and delete invoices and payments" is holding it`, invoiceParts, permission.ManageInvoice, azInvoice(azBudgetMine)),
		azAllow(`[S000] "Users with the following permissions can export invoices": the legacy right, in parts`, invoiceParts, permission.ExportInvoice, azInvoice(azBudgetMine)),
		azAllow(`[INV] "Copy invoices to an accounting system"`, copier, permission.ExportInvoice, azInvoice(azBudgetMine)),
		azLacks(`[INV] copying is not editing`, copier, permission.ManageInvoice, azInvoice(azBudgetMine), permission.InvoicesManage),
	}
}

func TestRelationRules(t *testing.T) { azCheckRows(t, azRelationRows(t)) }

// TestClientBudgetsPlan: "In the Professional and Ultimate pricing plans,
// Client Managers can be granted access to budgets, view time entries on
// budgets and time estimates on tasks"; "In the Standard pricing plan,
// clients can view projects and tasks, but they cannot see time-related
// data or budgets." Employees are not gated.
func TestClientBudgetsPlan(t *testing.T) {
	client := azSubjectOf(azSys(role.Client, 0, set.AddonBudgets))
	staffTime := azSubjectOf(azSys(role.Staff, 0, set.AddonTime))
	for _, plan := range []set.Plan{0, set.Essential, set.Professional, set.Ultimate, set.Enterprise} {
		client.Plan, staffTime.Plan = plan, plan
		budgets := plan >= set.Professional
		for _, c := range []struct {
			a permission.Action
			r permission.Resource
		}{
			{permission.ViewBudget, azBudget(azBudgetMine, true)},
			{permission.ViewTimeEntry, azEntry(azOther, azBudgetMine, azThird)},
			{permission.ViewTaskEstimate, azTask(azProjMine)},
		} {
			d := permission.Authorize(client, c.a, c.r)
			if d.Allowed() != budgets || !budgets && d.Reason() != permission.PlanTooLow {
				t.Errorf("client on plan %v: %v", plan, d)
			}
			if d := permission.Authorize(staffTime, c.a, c.r); !d.Allowed() {
				t.Errorf("employee on plan %v: %v, want the plan not to matter", plan, d)
			}
		}
		if d := permission.Authorize(client, permission.ViewTask, azTask(azProjMine)); !d.Allowed() {
			t.Errorf("client on plan %v views a task: %v; projects and tasks need no plan", plan, d)
		}
	}
}
