package permission

import (
	"fmt"
	"iter"
	"log/slog"
	"math/bits"
	"strings"

	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
)

// Authorize decides whether subject s may take action a on resource r.
//
// It is total and pure: it reads only its arguments and the package's
// constant tables, never panics, never allocates, and gives the same answer
// for the same input on any goroutine. Anything not explicitly allowed is
// denied. The checks run in this order, and the first that fails gives the
// decision's reason:
//
//  1. the action is valid ([InvalidAction]);
//  2. the subject is valid ([InvalidSubject]; see [Subject.Validate]);
//  3. the resource is of the action's kind ([KindMismatch]) and has the
//     fields that kind (and the action) needs, its organization included
//     ([InvalidResource]; [Decision.Field] names the field);
//  4. the resource belongs to the subject's organization
//     ([OtherOrganization]), whatever the subject's set;
//  5. a client never sees worked time, cost, rates, profit, margin,
//     invoicing or expenses ([ClientNeverSees]), and sees budgets, their
//     time entries and estimates only on the Professional plan or higher
//     ([PlanTooLow]);
//  6. every permission the action requires is held ([MissingPermission], or
//     [OwnerOnly] when the missing one belongs to the Owner alone, which
//     only the Owner can hold). A subject holds what its permissions imply
//     besides (see [Mask.Implied]): every part of the legacy
//     invoices.manage is that right, which exports as
//     invoices.copy_to_accounting does;
//  7. the resource is within the subject's reach under the action's rule,
//     which asks the reach rights of the action's object type
//     ([NotInReach], [PrivateNotMember], [DealNotAssigned],
//     [BudgetNotShared], [ClientAccessOff], [NotOwnRecord],
//     [OwnRecordRefused], [NotApprover], [NothingToApprove], [NotApproved],
//     [OtherWorkplace], [EmployeesOnly], [PersonProtected],
//     [PersonHoldsMore], or [MissingPermission] when the subject holds none
//     of the object type's reach rights). [Decision.Missing] then names the reach right
//     that would have reached the resource, when the subject's role may hold
//     one.
//
// Only then is the decision [Granted].
func Authorize(s Subject, a Action, r Resource) Decision {
	if !a.IsValid() {
		return decision(a, InvalidAction, 0, noField)
	}
	if !s.valid() {
		return decision(a, InvalidSubject, 0, noField)
	}
	w := &actions[a]
	if r.Kind != w.kind {
		return decision(a, KindMismatch, 0, noField)
	}
	if !r.has(w.needs) {
		return decision(a, InvalidResource, 0, r.missingOf(w.needs))
	}
	s.Permissions = s.Permissions.Implied()
	return decide(&s, a, w, &r, reachFor(w.rule, s.Role.Kind(), s.Permissions))
}

// decide runs steps 4 to 7 of Authorize for a valid subject and a
// well-formed resource of the action's kind; c is the subject's reach under
// the action's rule.
func decide(s *Subject, a Action, w *row, r *Resource, c *reach) Decision {
	if r.Org != s.Org {
		return decision(a, OtherOrganization, 0, noField)
	}
	if d := gate(s, a, w); d.Reason() != Granted {
		return d
	}
	if ok, failed := c.holds(s, r); !ok {
		return decision(a, failed.reason, failed.widen, noField)
	}
	return decision(a, Granted, 0, noField)
}

// lacking says why a subject of role ro that lacks the required permissions
// missing is denied, and names the permission to grant: the first of the
// missing permissions nothing else missing depends on (granting it grants
// the rest, as an action's requirements form one chain). The reason is
// OwnerOnly when that permission is the Owner's alone and ro is not Owner.
func lacking(missing Mask, ro role.Role) (Reason, Permission) {
	p := missing.tops().First()
	if p.OwnerOnly() && ro != role.Owner {
		return OwnerOnly, p
	}
	return MissingPermission, p
}

// gate runs the checks that do not depend on the resource: the client hard
// rules and the required permissions, which s's Permissions must hold with
// their implications. It returns a Granted decision when they pass.
func gate(s *Subject, a Action, w *row) Decision {
	if why := clientRule(s, w); why != Granted {
		return decision(a, why, 0, noField)
	}
	if missing := w.requires.Minus(s.Permissions); !missing.IsEmpty() {
		why, p := lacking(missing, s.Role)
		return decision(a, why, p, noField)
	}
	return decision(a, Granted, 0, noField)
}

// clientRule returns why a client may not take w whatever their
// permissions (ClientNeverSees, PlanTooLow), or Granted for anyone else and
// for an action the client rules allow.
func clientRule(s *Subject, w *row) Reason {
	switch {
	case s.Role.Kind() != role.ClientKind:
	case w.hidden:
		return ClientNeverSees
	case w.planned && !s.Plan.AtLeast(ClientBudgetsPlan):
		return PlanTooLow
	}
	return Granted
}

// ActionMask is a set of actions, as [Capabilities] returns it. It is a
// comparable value; the zero ActionMask is empty.
type ActionMask struct {
	lo, hi uint64 // actions 0 to 63, and 64 to 127; two fields, not an array, so that the compiler keeps them in registers
}

// The action table must fit an ActionMask; this fails to compile past 127.
var _ = [128 - endAction]struct{}{}

// ActionMaskOf returns the set of the given actions; invalid ones are ignored.
func ActionMaskOf(as ...Action) ActionMask {
	var m ActionMask
	for _, a := range as {
		m = m.With(a)
	}
	return m
}

// With returns m with a added; an invalid a leaves m as it is.
func (m ActionMask) With(a Action) ActionMask {
	switch {
	case !a.IsValid():
	case a < 64:
		m.lo |= 1 << a
	default:
		m.hi |= 1 << (a - 64)
	}
	return m
}

// Has reports whether a is in m.
func (m ActionMask) Has(a Action) bool {
	if a < 64 {
		return a != 0 && m.lo&(1<<a) != 0
	}
	return a < endAction && m.hi&(1<<(a-64)) != 0
}

// Len returns the number of actions in m.
func (m ActionMask) Len() int { return bits.OnesCount64(m.lo) + bits.OnesCount64(m.hi) }

// and returns the actions in both m and o.
func (m ActionMask) and(o ActionMask) ActionMask {
	return ActionMask{m.lo & o.lo, m.hi & o.hi}
}

// or returns the actions in m or o.
func (m ActionMask) or(o ActionMask) ActionMask {
	return ActionMask{m.lo | o.lo, m.hi | o.hi}
}

// IsEmpty reports whether m holds no action.
func (m ActionMask) IsEmpty() bool { return m.lo|m.hi == 0 }

// All iterates over the actions of m in table order.
func (m ActionMask) All() iter.Seq[Action] {
	return func(yield func(Action) bool) {
		for w, word := range [2]uint64{m.lo, m.hi} {
			for b := word; b != 0; b &= b - 1 {
				if !yield(Action(w<<6 | bits.TrailingZeros64(b))) {
					return
				}
			}
		}
	}
}

// String returns the names of m's actions in table order, separated by
// commas.
func (m ActionMask) String() string {
	var b []byte
	for a := range m.All() {
		if len(b) > 0 {
			b = append(b, ',')
		}
		b = append(b, a.String()...)
	}
	return string(b)
}

// Capabilities returns every action s may take on r: exactly the actions a of
// r's kind for which Authorize(s, a, r) is allowed. It passes once over the
// kind's actions, grouped by rule: the client rule and the permissions are a
// mask test per action, and each rule's reach is evaluated once, when some
// action of its group passes them. This is what Productive's "Try it out"
// preview shows. An invalid subject or resource, or one of another
// organization, has no capabilities. It never allocates.
func Capabilities(s Subject, r Resource) ActionMask {
	var m ActionMask
	if !s.valid() || !r.wellFormed() || r.Org != s.Org {
		return m
	}
	s.Permissions = s.Permissions.Implied()
	for _, g := range kindRules[r.Kind] {
		var passing ActionMask
		for a := range g.actions.All() {
			if w := &actions[a]; clientRule(&s, w) == Granted && w.requires.SubsetOf(s.Permissions) && r.has(w.needs) {
				passing = passing.With(a)
			}
		}
		if passing.IsEmpty() {
			continue
		}
		if ok, _ := reachFor(g.rule, s.Role.Kind(), s.Permissions).holds(&s, &r); ok {
			m = m.or(passing)
		}
	}
	return m
}

// Filter says which resources of an action's kind a subject may take the
// action on, so that a host can list them with one query instead of calling
// Authorize row by row. It is a conjunction of [Clause] values, each a
// disjunction of [Condition] values:
//
//   - [Filter.None]: nothing; [Filter.Reason] says why.
//   - [Filter.Everything]: every resource of the kind (no clauses).
//   - otherwise: the resources for which every clause holds. The ID sets the
//     membership conditions refer to are [Filter.Projects], [Filter.Deals]
//     and [Filter.Budgets]; the subject's own ID is [Filter.SubjectID], and
//     its rank in the employee order [Filter.SubjectRank].
//
// Every resource the filter admits belongs to the subject's organization,
// [Filter.Org]: a host's query must always constrain the organization
// (package sqlfilter's SQL does). For every well-formed resource r of the
// action's kind, Filter.Matches(r) == Authorize(s, a, r).Allowed().
//
// The zero Filter matches nothing: None is true and Reason is [NoDecision].
type Filter struct {
	action  Action
	verdict Reason     // Granted when the clauses decide; otherwise why nothing matches
	missing Permission // when nothing matches, the permission that would change that, if any
	reach   *reach     // the subject's reach under the action's rule (an entry of reachTable) when verdict is Granted; nil otherwise
	subject Subject
}

// List returns the filter for action a and subject s.
func List(s Subject, a Action) Filter {
	// Each branch builds its Filter in place: building one in a variable
	// and returning it costs a copy that is most of List's time.
	switch {
	case !a.IsValid():
		return Filter{action: a, verdict: InvalidAction, subject: s}
	case !s.valid():
		return Filter{action: a, verdict: InvalidSubject, subject: s}
	}
	s.Permissions = s.Permissions.Implied()
	verdict, missing, c := filtered(&s, a)
	return Filter{action: a, verdict: verdict, missing: missing, reach: c, subject: s}
}

// filtered decides a filter for a valid subject and a valid action: why
// nothing matches and what would change that, or Granted and the subject's
// reach under the action's rule.
func filtered(s *Subject, a Action) (Reason, Permission, *reach) {
	w := &actions[a]
	if d := gate(s, a, w); d.Reason() != Granted {
		return d.Reason(), d.Missing(), nil
	}
	c := reachFor(w.rule, s.Role.Kind(), s.Permissions)
	if never := c.impossible(); never != nil {
		return never.reason, never.widen, nil // a None filter keeps no clauses
	}
	return Granted, 0, c
}

// None reports whether the subject may take the action on no resource.
func (f Filter) None() bool { return f.verdict != Granted }

// Reason returns why nothing matches when [Filter.None] is true, and
// [Granted] otherwise.
func (f Filter) Reason() Reason { return f.verdict }

// Missing returns, when [Filter.None] is true because a permission is
// lacking, the permission that would let the subject take the action on some
// resource; the zero Permission otherwise.
func (f Filter) Missing() Permission { return f.missing }

// Everything reports whether every resource of the kind matches.
func (f Filter) Everything() bool { return f.verdict == Granted && f.reach.n == 0 }

// Action returns the action the filter was made for.
func (f Filter) Action() Action { return f.action }

// Clauses iterates over the clauses, all of which a resource must meet.
func (f Filter) Clauses() iter.Seq[Clause] {
	return func(yield func(Clause) bool) {
		if f.verdict != Granted {
			return
		}
		for _, c := range f.reach.clauses[:f.reach.n] {
			if !yield(c) {
				return
			}
		}
	}
}

// Org returns the organization every matching resource belongs to: the
// subject's.
func (f Filter) Org() scope.ID { return f.subject.Org }

// SubjectID returns the subject's ID, which [OwnedBySubject], [OwnedByOther]
// and [ApprovedBySubject] compare against.
func (f Filter) SubjectID() scope.ID { return f.subject.ID }

// SubjectRank returns the subject's rank in the employee order, which
// [PersonManageable] compares the person's role against.
func (f Filter) SubjectRank() int { return f.subject.Role.Rank() }

// SubjectWorkplace returns the subject's subsidiary (workplace), which
// [SameWorkplace] compares against; 0 for none, which no record matches.
func (f Filter) SubjectWorkplace() scope.ID { return f.subject.Workplace }

// SubjectPermissions returns the subject's permissions with what they
// imply ([Mask.Implied]): [PersonWithinRights] holds for a person whose
// permissions are all among them.
func (f Filter) SubjectPermissions() Mask { return f.subject.Permissions }

// Projects returns the project IDs that [ProjectIsShared] refers to.
func (f Filter) Projects() scope.Members { return f.subject.Projects }

// Deals returns the deal IDs that [DealIsAssigned] refers to.
func (f Filter) Deals() scope.Members { return f.subject.Deals }

// Budgets returns the budget IDs that [BudgetIsShared] refers to.
func (f Filter) Budgets() scope.Members { return f.subject.Budgets }

// String describes the filter in one line, for logs and tests:
//
//	project.view: nothing (missing_permission projects.view)
//	project.view: every record of organization 1
//	project.view: (project_is_public OR project_is_shared) for subject 42 of organization 1
func (f Filter) String() string {
	b := []byte(f.action.String() + ": ")
	switch {
	case f.None():
		b = append(b, "nothing ("+f.verdict.String()...)
		if f.missing != 0 {
			b = append(b, " "+f.missing.String()...)
		}
		return string(append(b, ')'))
	case f.Everything():
		return string(fmt.Appendf(b, "every record of organization %d", f.subject.Org))
	}
	for i, c := range f.reach.clauses[:f.reach.n] {
		if i > 0 {
			b = append(b, " AND "...)
		}
		b = append(b, '(')
		for j := 0; c.any != 0; j++ {
			cond := c.any & -c.any
			c.any &^= cond
			if j > 0 {
				b = append(b, " OR "...)
			}
			b = append(b, cond.String()...)
		}
		b = append(b, ')')
	}
	return string(fmt.Appendf(b, " for subject %d of organization %d", f.subject.ID, f.subject.Org))
}

// LogValue implements [slog.LogValuer]: a filter logs as a group of its
// action, organization, subject and, in words, what it admits.
func (f Filter) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("action", f.action.String()),
		slog.Uint64("org", uint64(f.subject.Org)),
		slog.Uint64("subject", uint64(f.subject.ID)),
		slog.String("reason", f.verdict.String()),
		slog.String("admits", strings.TrimPrefix(f.String(), f.action.String()+": ")),
	)
}

// Matches reports whether r is one of the resources the filter admits. A
// resource of another kind, or one missing fields its kind needs, never
// matches.
func (f Filter) Matches(r Resource) bool {
	if f.verdict != Granted || r.Kind != actions[f.action].kind || !r.has(actions[f.action].needs) || r.Org != f.subject.Org {
		return false
	}
	ok, _ := f.reach.holds(&f.subject, &r)
	return ok
}
