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
type Condition uint16

// The conditions.
const (
	ProjectIsPublic    Condition = 1 << iota // the resource's project is public
	ProjectIsShared                          // the subject is a member of the resource's project
	DealIsAssigned                           // the subject is a member of (assigned to) the deal
	BudgetIsShared                           // the subject is a member of the resource's budget
	BudgetClientAccess                       // the budget's Client access toggle is on
	OwnedBySubject                           // the record belongs to the subject
	OwnedByOther                             // the record belongs to someone else
	ApprovedBySubject                        // the subject is the budget's approver
	PersonManageable                         // the person is not the Owner and does not outrank the subject

	endCondition
)

var conditionNames = [...]string{
	"project_is_public", "project_is_shared", "deal_is_assigned", "budget_is_shared",
	"budget_client_access", "owned_by_subject", "owned_by_other", "approved_by_subject",
	"person_manageable",
}

// String returns the condition's snake_case name.
func (c Condition) String() string {
	if bits.OnesCount16(uint16(c)) != 1 || c >= endCondition {
		return fmt.Sprintf("condition(%#x)", uint16(c))
	}
	return conditionNames[bits.TrailingZeros16(uint16(c))]
}

// Clause is a disjunction: it holds when at least one of its conditions does.
// A clause with no conditions never holds. Each clause carries the reason a
// decision gives when the clause is what fails.
type Clause struct {
	any    Condition
	reason Reason
}

// Conditions iterates over the clause's conditions, any one of which
// satisfies it.
func (c Clause) Conditions() iter.Seq[Condition] {
	return func(yield func(Condition) bool) {
		for b := uint16(c.any); b != 0; b &= b - 1 {
			if !yield(Condition(b & -b)) {
				return
			}
		}
	}
}

// Reason returns the reason a decision gives when this clause fails.
func (c Clause) Reason() Reason { return c.reason }

// holds evaluates the clause for s on r.
func (c Clause) holds(s *Subject, r *Resource) bool {
	a := c.any
	return a&ProjectIsPublic != 0 && r.Visibility == scope.Public ||
		a&ProjectIsShared != 0 && s.Projects.Has(r.Project) ||
		a&DealIsAssigned != 0 && s.Deals.Has(r.Deal) ||
		a&BudgetIsShared != 0 && s.Budgets.Has(r.Budget) ||
		a&BudgetClientAccess != 0 && r.ClientAccess ||
		a&OwnedBySubject != 0 && r.Person == s.ID ||
		a&OwnedByOther != 0 && r.Person != s.ID ||
		a&ApprovedBySubject != 0 && r.Approver == s.ID ||
		a&PersonManageable != 0 && r.PersonRole != role.Owner && r.PersonRole.Rank() <= s.Role.Rank()
}

// reach is a conjunction of clauses: the resources of an action's kind that
// a subject reaches. No clauses means every resource of the kind.
type reach struct {
	clauses [maxClauses]Clause
	n       uint8
}

// maxClauses is the most clauses a rule adds: the Approver rule for a client
// (own record, three budget clauses, approver). reachOf cannot overflow it;
// TestReachFitsClauses walks every rule and kind of subject to check.
const maxClauses = 5

func (c *reach) and(any Condition, why Reason) { c.clauses[c.n] = Clause{any, why}; c.n++ }

// holds reports whether every clause holds, and if not, the first that fails.
func (c *reach) holds(s *Subject, r *Resource) (bool, Reason) {
	for _, cl := range c.clauses[:c.n] {
		if !cl.holds(s, r) {
			return false, cl.reason
		}
	}
	return true, Granted
}

// never returns the reason of the first clause no resource can meet (one
// with no conditions), or 0 when every clause can be met.
func (c *reach) never() Reason {
	for _, cl := range c.clauses[:c.n] {
		if cl.any == 0 {
			return cl.reason
		}
	}
	return 0
}

// reaches holds reachOf's answer for every input it reads: the rule, the
// kind of the subject's role, the subject's scope, and whether the subject
// holds the row's override permission. Authorize looks its clauses up here
// instead of building them per call: the table is computed once, by reachOf,
// so the rules are still written only there.
var reaches = func() (t [endRule][4][4][2]reach) {
	for rule := range t {
		for kind := range t[rule] {
			for sc := range t[rule][kind] {
				for ov := range t[rule][kind][sc] {
					s := Subject{Role: roleOfKind[kind], Scope: scope.Scope(sc)}
					w := row{rule: Rule(rule), override: ProjectsView}
					if ov == 1 {
						s.Permissions = MaskOf(w.override)
					}
					t[rule][kind][sc][ov] = reachOf(&s, &w)
				}
			}
		}
	}
	return t
}()

// roleOfKind is a role of each kind, for building reaches: reachOf reads
// only the kind of a role.
var roleOfKind = [4]role.Role{0, role.Staff, role.Client, role.Contractor}

// reachFor returns the clauses of w's reach rule for s, from the reaches
// table. Any index out of the table's range selects a failing entry: rule 0
// (no rule) or scope 0 (no scope), both of which reach nothing.
func reachFor(s *Subject, w *row) *reach {
	rule, sc, ov := w.rule, s.Scope, 0
	if rule >= endRule {
		rule = 0
	}
	if sc > scope.Unlimited {
		sc = 0
	}
	if s.Permissions.Has(w.override) {
		ov = 1
	}
	return &reaches[rule][s.Role.Kind()&3][sc][ov]
}

// reachOf turns an action's reach rule into clauses for subject s. This is the
// only place that reads kind and rule to decide reach; Authorize, Capabilities
// and List all go through it (by way of the reaches table), and
// scope.Reaches alone says what a scope reaches.
func reachOf(s *Subject, w *row) (c reach) {
	switch w.rule {
	case Anywhere:
	case OwnRecord:
		c.and(OwnedBySubject, NotOwnRecord)
	case OwnRecordInReach:
		c.and(OwnedBySubject, NotOwnRecord)
		c.within(s.Scope, ProjectIsShared)
	case ProjectReach:
		c.within(s.Scope, ProjectIsShared)
	case JoinablePublic:
		if s.Role.Kind() != role.Employee {
			c.and(0, EmployeesOnly) // only employees join projects
			break
		}
		if any, limited := scoped(s.Scope, ProjectIsShared); limited {
			c.and(any|ProjectIsPublic, PrivateNotMember) // any employee may join a public project
		}
	case DealReach:
		if _, limited := scoped(s.Scope, DealIsAssigned); limited {
			c.and(DealIsAssigned, DealNotAssigned) // deals are never public
		}
	case BudgetReach:
		c.budget(s)
	case OthersRecord:
		c.and(OwnedByOther, OwnRecordRefused)
	case ManageablePerson:
		c.and(OwnedByOther, OwnRecordRefused)
		c.and(PersonManageable, PersonProtected)
	case Approver:
		c.and(OwnedByOther, OwnRecordRefused)
		c.budget(s)
		if !s.Permissions.Has(w.override) {
			c.and(ApprovedBySubject, NotApprover)
		}
	default:
		c.and(0, InvalidAction) // a row without a rule reaches nothing
	}
	return c
}

// budget adds the clauses that put a budget, or a record on one, within
// reach of s: for a client, membership on the project and the budget and
// Client access on; for anyone else, the project in reach or membership on
// the budget.
func (c *reach) budget(s *Subject) {
	if s.Role.Kind() == role.ClientKind {
		c.and(ProjectIsShared, NotInReach)
		c.and(BudgetIsShared, BudgetNotShared)
		c.and(BudgetClientAccess, ClientAccessOff)
		return
	}
	c.within(s.Scope, ProjectIsShared|BudgetIsShared)
}

// within adds the clause that puts a project-owned record within reach of
// scope sc, where membership is any of the conditions in member.
func (c *reach) within(sc scope.Scope, member Condition) {
	any, limited := scoped(sc, member)
	switch {
	case !limited:
	case any&ProjectIsPublic != 0:
		c.and(any, PrivateNotMember)
	default:
		c.and(any, NotInReach)
	}
}

// scoped asks scope.Reaches, the one statement of the reach rule, which
// conditions put a project within reach of scope sc: limited is false when sc
// reaches every project; otherwise any lists the conditions (public, or the
// membership conditions in member) that suffice.
func scoped(sc scope.Scope, member Condition) (any Condition, limited bool) {
	if scope.Reaches(sc, scope.Private, false) {
		return 0, false
	}
	if scope.Reaches(sc, scope.Public, false) {
		any |= ProjectIsPublic
	}
	if scope.Reaches(sc, scope.Private, true) {
		any |= member
	}
	return any, true
}
