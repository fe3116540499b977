package permission

import (
	"fmt"
	"iter"
	"math/bits"

	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
)

// Condition is one fact about a resource, relative to a subject, that a reach
// rule can ask for. Conditions are what a host translates into SQL when it
// filters a list (see [List]).
type Condition uint32

// The conditions.
const (
	ProjectIsPublic    Condition = 1 << iota // the resource's project is public
	ProjectIsShared                          // the subject is a member of the resource's project
	DealIsAssigned                           // the subject is a member of (assigned to) the deal
	BudgetIsShared                           // the subject is a member of the resource's budget
	BudgetClientAccess                       // the budget's Client access toggle is on
	OwnedBySubject                           // the record belongs to the subject
	OwnedByOther                             // the record belongs to someone else
	ApprovedBySubject                        // the subject is the designated approver of the budget's time
	PersonManageable                         // the person is not the Owner and does not outrank the subject
	PersonWithinRights                       // the person holds no permission the subject lacks
	SameWorkplace                            // the person whose record it is belongs to the subject's subsidiary (workplace)
	ApprovalOn                               // the time entry's budget requires time approval
	ApprovalOff                              // the time entry's budget does not require time approval
	EntryApproved                            // the time entry is approved
	NamedApprover                            // the subject is one of the approvers the absence request's policy names
	ManagerApprover                          // the subject is the requester's manager, and the policy names managers
	AwaitsApprover                           // the absence request's policy names someone to approve it (else it is approved automatically)

	endCondition
)

var conditionNames = [...]string{
	"project_is_public", "project_is_shared", "deal_is_assigned", "budget_is_shared",
	"budget_client_access", "owned_by_subject", "owned_by_other", "approved_by_subject",
	"person_manageable", "person_within_rights", "same_workplace", "approval_on", "approval_off",
	"entry_approved", "named_approver", "manager_approver", "awaits_approver",
}

// String returns the condition's snake_case name.
func (c Condition) String() string {
	if bits.OnesCount32(uint32(c)) != 1 || c >= endCondition {
		return fmt.Sprintf("condition(%#x)", uint32(c))
	}
	return conditionNames[bits.TrailingZeros32(uint32(c))]
}

// Clause is a disjunction: it holds when at least one of its conditions does.
// A clause with no conditions never holds. Each clause carries the reason a
// decision gives when the clause is what fails.
type Clause struct {
	any    Condition
	reason Reason
	widen  Permission
}

// Conditions iterates over the clause's conditions, any one of which
// satisfies it.
func (c Clause) Conditions() iter.Seq[Condition] {
	return func(yield func(Condition) bool) {
		for b := uint32(c.any); b != 0; b &= b - 1 {
			if !yield(Condition(b & -b)) {
				return
			}
		}
	}
}

// Reason returns the reason a decision gives when this clause fails.
func (c Clause) Reason() Reason { return c.reason }

// Widen returns the permission that would satisfy the clause whatever the
// resource: the wider reach right of the object type (budgets.view_all for a
// clause on budget membership), or for a clause no resource meets, the
// narrowest reach right the subject lacks. On a clause some resources meet,
// it is the zero Permission when the subject's kind may not hold that right
// (a client's budget membership, Client access, someone else's record). A
// clause no resource meets names its right whatever the kind, as a missing
// permission is named whatever the kind.
func (c Clause) Widen() Permission { return c.widen }

// facts returns which of the conditions in need hold for s on r, and may
// report others that hold too. Each condition is tested only when need
// names it, so a membership set is probed only then.
func facts(s *Subject, r *Resource, need Condition) Condition {
	var known Condition
	if need&^membershipConditions != 0 { // one test skips the five that compare fields
		if need&ProjectIsPublic != 0 && r.Visibility == scope.Public {
			known |= ProjectIsPublic
		}
		if need&BudgetClientAccess != 0 && r.ClientAccess {
			known |= BudgetClientAccess
		}
		switch {
		case need&(OwnedBySubject|OwnedByOther) == 0:
		case r.Person == s.ID:
			known |= OwnedBySubject
		default:
			known |= OwnedByOther
		}
		if need&ApprovedBySubject != 0 && r.Approver == s.ID {
			known |= ApprovedBySubject
		}
		if need&PersonManageable != 0 && r.PersonRole != role.Owner && ranks[r.PersonRole] <= ranks[s.Role] {
			known |= PersonManageable
		}
		if need&(ApprovalOn|ApprovalOff|EntryApproved) != 0 { // a time entry's approval state
			known |= approval(r)
		}
		if need&relationConditions != 0 {
			known |= relations(s, r, need)
		}
	}
	if need&ProjectIsShared != 0 && s.Projects.Has(r.Project) {
		known |= ProjectIsShared
	}
	if need&BudgetIsShared != 0 && r.Budget != 0 && s.Budgets.Has(r.Budget) { // a booking need not be on a budget
		known |= BudgetIsShared
	}
	if need&DealIsAssigned != 0 && s.Deals.Has(r.Deal) {
		known |= DealIsAssigned
	}
	return known
}

// approval returns the approval state of time entry r as conditions:
// ApprovalOn or ApprovalOff, and EntryApproved.
func approval(r *Resource) Condition {
	known := ApprovalOff
	if r.ApprovalRequired {
		known = ApprovalOn
	}
	if r.Approved {
		known |= EntryApproved
	}
	return known
}

// relationConditions are the conditions about approvals, subsidiaries and
// a person's rights: the rarer facts, which relations tests.
const relationConditions = PersonWithinRights | SameWorkplace | NamedApprover | ManagerApprover | AwaitsApprover

// relations returns which of the conditions in need about approvals,
// subsidiaries and a person's rights hold for s on r, testing only those
// need names: kept apart so that facts stays small for the common ones.
func relations(s *Subject, r *Resource, need Condition) Condition {
	var known Condition
	if need&PersonWithinRights != 0 && r.PersonPermissions.SubsetOf(s.Permissions) {
		known |= PersonWithinRights
	}
	if need&SameWorkplace != 0 && r.Workplace != 0 && r.Workplace == s.Workplace {
		known |= SameWorkplace
	}
	if need&(NamedApprover|ManagerApprover|AwaitsApprover) != 0 {
		manager := r.ManagerApproves && r.Manager != 0 // the policy names the requester's manager, and there is one
		if r.Approvers.Has(s.ID) {
			known |= NamedApprover
		}
		if manager && r.Manager == s.ID {
			known |= ManagerApprover
		}
		if manager || r.Approvers.Len() > 0 {
			known |= AwaitsApprover
		}
	}
	return known
}

// ranks is [role.Role.Rank] for every value a Role can take (0 for the
// roles outside the employee order and for invalid ones), so that facts
// reads a rank with neither a branch nor a bounds check.
var ranks = func() (t [256]uint8) {
	for r := range role.All() {
		t[r] = uint8(r.Rank())
	}
	return t
}()

// reach is a conjunction of clauses: the resources of an action's kind that
// a subject reaches. No clauses means every resource of the kind.
type reach struct {
	clauses [maxClauses]Clause
	n       uint8
	uses    Condition // every condition the clauses name
}

// maxClauses is the most clauses a rule adds: a client's time entries (the
// budget rule's project, budget and Client access, and approval), with one
// to spare.
// TestReachFitsClauses walks every rule, kind of subject and combination of
// reach rights to check that reachOf never overflows it.
const maxClauses = 4

// and adds a clause: one of the conditions in any must hold, else the
// decision is why, and granting widen (when not zero) would have reached the
// resource.
func (c *reach) and(any Condition, why Reason, widen Permission) {
	c.clauses[c.n] = Clause{any: any, reason: why, widen: widen}
	c.n++
	c.uses |= any
}

// never adds a clause no resource meets: the subject holds none of the reach
// rights of the object type, the narrowest of which is need.
func (c *reach) never(why Reason, need Permission) { c.and(0, why, need) }

// holds reports whether every clause holds, and if not, the first that fails.
func (c *reach) holds(s *Subject, r *Resource) (bool, *Clause) {
	if c.n == 0 {
		return true, nil
	}
	failed := c.unmet(facts(s, r, c.uses))
	return failed == nil, failed
}

// unmet returns the first clause that names none of the conditions known
// to hold, or nil when every clause names one.
func (c *reach) unmet(known Condition) *Clause {
	for i := range c.clauses[:c.n] {
		if c.clauses[i].any&known == 0 {
			return &c.clauses[i]
		}
	}
	return nil
}

// impossible returns the first clause no resource can meet (one with no
// conditions), or nil when every clause can be met.
func (c *reach) impossible() *Clause {
	for i := range c.clauses[:c.n] {
		if c.clauses[i].any == 0 {
			return &c.clauses[i]
		}
	}
	return nil
}

// member is what makes a subject a member of a record on a budget: membership
// on the budget, or on the project the budget belongs to (the roles article:
// Staff with access to time reaches the "budgets and times of projects that
// is a member of").
const member = BudgetIsShared | ProjectIsShared

// reachOf turns rule into clauses for a subject of role kind k holding perms.
// It is the only place that decides reach: Authorize, Capabilities and List
// all go through it. Each rule asks only the reach rights of its own object
// type (see the catalogue); no rule reads a set-wide scope. A clause's widen
// names the reach right that would have reached the resource, and is kept
// only when the subject's kind may hold it; a clause no resource meets keeps
// the reach right it needs, as a missing permission is always named.
func reachOf(rule Rule, k role.Kind, perms Mask) (c reach) {
	switch rule {
	case Anywhere:
	case AllBudgets:
		if !perms.Has(BudgetsViewAll) {
			c.never(MissingPermission, BudgetsViewAll)
		}
	case OwnRecord:
		c.and(OwnedBySubject, NotOwnRecord, 0)
	case OwnRecordInReach:
		c.and(OwnedBySubject, NotOwnRecord, 0)
		c.projectsOr(perms, BudgetIsShared)
	case ProjectReach:
		c.projectsOr(perms, 0)
	case JoinablePublic:
		switch {
		case k != role.Employee:
			c.never(EmployeesOnly, 0) // only employees join projects
		case !perms.Has(ProjectsViewAll):
			c.and(ProjectIsPublic|ProjectIsShared, PrivateNotMember, ProjectsViewAll) // any employee may join a public project
		}
	case DealReach:
		if !perms.Has(DealsViewAll) {
			c.and(DealIsAssigned, DealNotAssigned, DealsViewAll)
		}
	case BudgetReach:
		c.budgets(k, perms)
	case InvoiceReach:
		if !perms.Has(InvoicesViewAll) {
			c.and(member, NotInReach, InvoicesViewAll)
		}
	case ExpenseReach:
		switch {
		case perms.Has(ExpensesManageAll):
		case perms.Has(ExpensesManageOwn):
			c.and(OwnedBySubject, NotOwnRecord, ExpensesManageAll)
			c.and(member, NotInReach, ExpensesManageAll)
		default:
			c.never(MissingPermission, ExpensesManageOwn)
		}
	case TimeEntryReach:
		c.onProjects(k, perms, TimeViewOthers, TimeTrackOwn)
		if k == role.ClientKind {
			// "The project manager must approve each time entry before it
			// becomes visible to clients."
			c.and(ApprovalOff|EntryApproved, NotApproved, 0)
		}
	case BookingReach:
		c.onProjects(k, perms, SchedulesViewOthers, SchedulesViewOwn)
	case BookingBasics:
		if k == role.ClientKind && !perms.Has(SchedulesViewOthers) {
			c.never(MissingPermission, SchedulesViewOthers) // clients have no bookings of their own: name what they could hold, as onProjects does
			break
		}
		c.ladder(perms, SchedulesViewOthers, 0, SchedulesViewOwn)
	case TimeOffReach:
		c.ladder(perms, TimeOffViewOthers, TimeOffViewSubsidiary, TimeOffRequestOwn)
	case AllocationReach:
		c.ladder(perms, AbsenceAllocationsViewAll, AbsenceAllocationsViewSubsidiary, AbsenceAllocationsViewOwn)
	case CostRateReach:
		c.ladder(perms, PeopleViewCostRates, PeopleViewCostRatesSubsidiary, 0)
	case PurchaseOrderReach:
		if !perms.Has(PurchaseOrdersViewAll) {
			c.and(member, NotInReach, PurchaseOrdersViewAll)
		}
	case OthersRecord:
		c.and(OwnedByOther, OwnRecordRefused, 0)
	case ManageablePerson:
		c.and(OwnedByOther, OwnRecordRefused, 0)
		c.and(PersonManageable, PersonProtected, 0)
		c.and(PersonWithinRights, PersonHoldsMore, 0)
	case Approver:
		// Approving is a permission and a relation, and the relation is
		// reach enough: the designated approver of a budget approves its
		// entries, and a member of a budget those on it, without being a
		// member of its project.
		c.and(OwnedByOther, OwnRecordRefused, 0)
		c.and(ApprovalOn, NothingToApprove, 0)
		var approves Condition
		if perms.Has(TimeApproveMemberBudgets) {
			approves |= BudgetIsShared
		}
		if perms.Has(TimeApprove) {
			approves |= ApprovedBySubject
		}
		switch {
		case perms.Has(TimeApproveAll):
			// Anyone's entries on projects in reach, and wherever a relation
			// says so (the rights time.approve_all includes).
			c.projectsOr(perms, ApprovedBySubject|BudgetIsShared)
		case approves == 0:
			c.never(MissingPermission, TimeApprove)
		case perms.Has(ProjectsViewAll):
			c.and(approves, NotApprover, TimeApproveAll) // which then approves every entry
		default:
			c.and(approves, NotApprover, 0) // time.approve_all would still need the entry's project in reach
		}
	case AbsenceApprover:
		// Someone else's request, awaiting an approver (none means it was
		// approved automatically), and the subject one of its approvers:
		// named by its policy, or the requester's manager where the policy
		// names managers. time_off.approve_all approves on behalf of them.
		c.and(OwnedByOther, OwnRecordRefused, 0)
		c.and(AwaitsApprover, NothingToApprove, 0)
		switch {
		case perms.Has(TimeOffApproveAll):
		case perms.Has(TimeOffApprove):
			c.and(NamedApprover|ManagerApprover, NotApprover, TimeOffApproveAll)
		default:
			c.never(MissingPermission, TimeOffApprove)
		}
	default:
		c.never(InvalidAction, 0) // a row without a rule reaches nothing
	}
	if never := c.impossible(); never != nil {
		c = reach{clauses: [maxClauses]Clause{*never}, n: 1, uses: 0} // nothing is reached: say why once, first
	}
	holdable := HoldableBy(roleOfKind[k&3])
	for i := range c.clauses[:c.n] {
		if c.clauses[i].any != 0 && !holdable.Has(c.clauses[i].widen) { // a clause no resource meets names what it needs, as a missing permission does
			c.clauses[i].widen = 0
		}
	}
	return c
}

// reachTable holds reachOf's answer for every rule, every kind of subject and
// every combination of the reach rights the rule reads (Rule.Rights), so
// that a decision looks its clauses up instead of building them: reachOf,
// run once per entry when the package loads, stays the one place the rules
// are written.
var reachTable = func() (t [endRule]ruleReaches) {
	for rule := range t {
		e := &t[rule]
		for p := range Rule(rule).Rights().All() {
			e.rights[e.n] = p
			e.n++
		}
		e.byKey = make([]reach, 4<<e.n)
		for key := range 1 << e.n {
			var perms Mask
			for i, p := range e.rights[:e.n] {
				if key&(1<<i) != 0 {
					perms = perms.With(p)
				}
			}
			for k := range 4 {
				e.byKey[key<<2|k] = reachOf(Rule(rule), role.Kind(k), perms)
			}
		}
	}
	return t
}()

// ruleReaches is reachTable's entry for one rule: the reach rights it reads,
// and its clauses indexed by which of them are held and the kind of subject.
type ruleReaches struct {
	rights [maxRights]Permission
	n      uint8
	byKey  []reach // index: held-rights bits << 2 | role kind
}

// maxRights is the most reach rights a rule reads (the Approver rule's and
// the time entries' and bookings').
const maxRights = 6

// reachFor returns the clauses of rule for a subject of kind k holding perms,
// from reachTable. A rule or kind outside the table selects the entry of
// rule 0, which reaches nothing.
func reachFor(rule Rule, k role.Kind, perms Mask) *reach {
	if rule >= endRule {
		rule = 0
	}
	e := &reachTable[rule]
	key := 0
	for i, p := range e.rights[:e.n] {
		if perms.Has(p) {
			key |= 1 << i
		}
	}
	if k > 3 {
		k = 0
	}
	return &e.byKey[key<<2|int(k)]
}

// roleOfKind is a role of each kind, for asking what a kind may hold:
// every role of a kind may hold the same reach rights.
var roleOfKind = [4]role.Role{0, role.Staff, role.Client, role.Contractor}

// projectsOr adds the clause of the projects' reach rights: every project
// with projects.view_all; public ones and those they are a member of with
// projects.view_public; only those they are a member of with
// projects.view. Any of the conditions in also passes the clause: for a
// record on a budget, membership on the budget (a budget is a deal, and
// budget membership is granted without project membership).
func (c *reach) projectsOr(perms Mask, also Condition) {
	switch {
	case perms.Has(ProjectsViewAll):
	case perms.Has(ProjectsViewPublic):
		c.and(ProjectIsPublic|ProjectIsShared|also, PrivateNotMember, ProjectsViewAll)
	case perms.Has(ProjectsView):
		c.and(ProjectIsShared|also, NotInReach, ProjectsViewAll)
	case also != 0:
		// No project right: the relations alone reach (a member of the
		// budget, without the project).
		c.and(also, NotInReach, ProjectsViewAll)
	default:
		c.never(MissingPermission, ProjectsView)
	}
}

// budgets adds the clauses of the budgets' reach rights. An employee with
// budgets.view_all reaches every budget, and with budgets.view those they are
// a member of (of the budget or its project). A client reaches a budget only
// with budgets.view, as a member of both the project and the budget, and with
// the budget's Client access on; no reach right can widen that.
func (c *reach) budgets(k role.Kind, perms Mask) {
	switch {
	case !perms.Has(BudgetsView):
		c.never(MissingPermission, BudgetsView)
	case k == role.ClientKind:
		c.and(ProjectIsShared, NotInReach, 0)
		c.and(BudgetIsShared, BudgetNotShared, 0)
		c.and(BudgetClientAccess, ClientAccessOff, 0)
	case !perms.Has(BudgetsViewAll):
		c.and(member, NotInReach, BudgetsViewAll)
	}
}

// onProjects adds the clauses for someone's records on a project's budget
// (time entries, bookings): holding others, anyone's records on projects
// within reach or on budgets they are a member of; holding only own, the
// subject's own records there; holding neither, nothing. A client sees
// other people's records only on budgets shared with them (the budget
// clauses), and never has records of their own.
func (c *reach) onProjects(k role.Kind, perms Mask, others, own Permission) {
	switch {
	case perms.Has(others) && k == role.ClientKind:
		c.budgets(k, perms)
	case perms.Has(others):
		c.projectsOr(perms, BudgetIsShared)
	case perms.Has(own) && k != role.ClientKind: // clients have no records of their own
		c.and(OwnedBySubject, NotOwnRecord, others)
		c.projectsOr(perms, BudgetIsShared)
	case k != role.ClientKind: // name what they could hold
		c.never(MissingPermission, own)
	default:
		c.never(MissingPermission, others)
	}
}

// ladder adds the clause of a reach right on records of people, of up to
// three rungs: everyone's with all; with subsidiary, the records of people
// of the subject's subsidiary (workplace) and their own; with own, their
// own; nothing with none. A rung that is 0 is not part of the ladder. A
// clause names all as the right that would reach the record whatever it
// is.
func (c *reach) ladder(perms Mask, all, subsidiary, own Permission) {
	switch {
	case perms.Has(all):
	case perms.Has(subsidiary):
		c.and(OwnedBySubject|SameWorkplace, OtherWorkplace, all)
	case perms.Has(own):
		c.and(OwnedBySubject, NotOwnRecord, all)
	case own != 0:
		c.never(MissingPermission, own)
	default:
		c.never(MissingPermission, subsidiary)
	}
}
