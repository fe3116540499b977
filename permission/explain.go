package permission

import (
	"iter"
	"math/bits"
)

// Failure is one check a decision failed, and what would pass it.
//
// Reason is what [Authorize] would say if this were the first failure.
// Permissions are the permissions that would pass the check, when
// permissions can: the missing ones the action is about (granting them
// grants what they depend on), or, for a reach check, the narrowest reach
// right that alone passes it on this resource (projects.view_public for a
// public project, projects.view_all only for a private one). Members are
// the membership conditions any one of which would pass a reach check
// instead ([ProjectIsShared], [BudgetIsShared], [DealIsAssigned]): adding
// the subject to the resource's project, budget or deal. Fixable reports whether either would do: a check
// such as "clients never see worked time", "nobody approves their own
// time", "Client access is off" or an invalid input is fixed by no grant and
// no membership.
type Failure struct {
	Reason      Reason
	Permissions Mask
	Members     Conditions
	Holdable    bool // the subject's role may hold Permissions (false when it may not, or there are none)
}

// Fixable reports whether granting f.Permissions (which the subject's role
// may hold) or adding one of f.Members would pass the check.
func (f Failure) Fixable() bool { return f.Holdable || !f.Members.IsEmpty() }

// membershipConditions are the conditions a host satisfies by adding a
// membership to the subject.
const membershipConditions = ProjectIsShared | BudgetIsShared | DealIsAssigned

// maxFailures is the most failures an explanation holds: one invalid input,
// or the client rule, the missing permissions, the reach rights a rule needs
// to reach anything (at most two rounds: time entries need their own right,
// then the projects'), and every reach clause.
const maxFailures = 4 + maxClauses

// Explanation is every check a decision failed, as [Explain] finds them. It
// is a fixed-size value: building one never allocates. The zero Explanation
// has no failures and explains nothing: it is not an allow.
type Explanation struct {
	decision Decision
	failures [maxFailures]Failure
	n        uint8
}

// Decision returns the decision explained: what Authorize returns for the
// same arguments.
func (e Explanation) Decision() Decision { return e.decision }

// Failures iterates over the failed checks in the order Authorize runs them.
// There are none exactly when the decision is an allow.
func (e Explanation) Failures() iter.Seq[Failure] {
	return func(yield func(Failure) bool) {
		for _, f := range e.failures[:e.n] {
			if !yield(f) {
				return
			}
		}
	}
}

// Len returns the number of failed checks.
func (e Explanation) Len() int { return int(e.n) }

// Grants returns every permission that would pass a failed check: granting
// them all (when the role may hold them) leaves only the checks no permission
// passes, which membership, the resource's own facts or nothing can.
func (e Explanation) Grants() Mask {
	var m Mask
	for _, f := range e.failures[:e.n] {
		m = m.Union(f.Permissions)
	}
	return m
}

func (e *Explanation) add(f Failure) { e.failures[e.n] = f; e.n++ }

// failingReasons returns the reasons of the clauses of c that fail, given
// the conditions known to hold, as a set of bits.
func failingReasons(c *reach, known Condition) uint64 {
	var out uint64
	for i := range c.clauses[:c.n] {
		if cl := &c.clauses[i]; cl.any&known == 0 {
			out |= 1 << (cl.reason & 63)
		}
	}
	return out
}

// narrowest returns the narrowest reach right of rule, not in perms yet
// holdable by s's role, that alone passes the check that fails with reason
// why on r, while failing is every reason that fails now: granted (with
// what it depends on), the subject's reach under the rule fails no check of
// that reason and no check that passed before. It tries the rights by the
// size of what granting them grants, narrowest first, so that Explain
// names projects.view_public for a public project, not projects.view_all.
// It returns 0 when no one right does.
func narrowest(s *Subject, r *Resource, rule Rule, perms Mask, failing uint64, why Reason) Permission {
	holdable := HoldableBy(s.Role)
	var best Permission
	bestSize := 0
	for p := range rule.Rights().Minus(perms).Intersect(holdable).All() {
		grant := perms.Union(MaskOf(p).Closure())
		if size := grant.Len(); best != 0 && size >= bestSize {
			continue
		}
		c := reachFor(rule, s.Role.Kind(), grant) // a wider grant never reaches less: c has no impossible clause
		after := failingReasons(c, facts(s, r, c.uses))
		if after&(1<<(why&63)) == 0 && after&^failing == 0 {
			best, bestSize = p, grant.Len()
		}
	}
	return best
}

// fittest returns, for a rule that reaches nothing with perms, the reach
// right of rule, not in perms yet holdable by s's role, that once granted
// (with what it depends on) reaches something and fails the fewest checks
// on r, the narrowest of those first; 0 when no one right makes the rule
// reach anything. Where several rights would each let a rule reach (an
// approver by designation, time.approve, or by budget membership,
// time.approve_member_budgets), it names the one that fits the record, so
// that Explain does not name a right a narrower path makes unneeded.
func fittest(s *Subject, r *Resource, rule Rule, perms Mask) Permission {
	var best Permission
	bestFailing, bestSize := 0, 0
	for p := range rule.Rights().Minus(perms).Intersect(HoldableBy(s.Role)).All() {
		grant := perms.Union(MaskOf(p).Closure())
		c := reachFor(rule, s.Role.Kind(), grant)
		if c.impossible() != nil {
			continue
		}
		failing := bits.OnesCount64(failingReasons(c, facts(s, r, c.uses)))
		if size := grant.Len(); best == 0 || failing < bestFailing || failing == bestFailing && size < bestSize {
			best, bestFailing, bestSize = p, failing, size
		}
	}
	return best
}

// Explain returns every check that Authorize(s, a, r) fails, not only the
// first, with what would pass each: "what would it take?". It runs the
// checks of Authorize in the same order; where an input is invalid (the
// subject, the action, the resource or its kind, or the resource is of
// another organization) that is the only failure, since nothing else can be
// judged. Otherwise it lists the client rule, the missing permissions (the
// ones the action is about), and every reach clause the resource fails,
// judged as if the missing permissions were granted, so that the list is
// what stands between the subject and an allow.
//
// The explanation is empty exactly when Authorize allows. When every failure
// is [Failure.Fixable], granting every permission it names and adding the
// subject to the resource's project, budget or deal as it names turns the
// deny into an allow. Explain is pure and total like Authorize and never
// allocates; it does more work than Authorize, so call it on a deny, to
// explain it.
func Explain(s Subject, a Action, r Resource) Explanation {
	e := Explanation{decision: Authorize(s, a, r)}
	switch e.decision.Reason() {
	case Granted:
		return e
	case InvalidAction, InvalidSubject, KindMismatch, InvalidResource, OtherOrganization:
		e.add(Failure{Reason: e.decision.Reason()})
		return e
	}
	w := &actions[a]
	holdable := HoldableBy(s.Role)
	if why := clientRule(&s, w); why != Granted {
		e.add(Failure{Reason: why})
	}
	s.Permissions = s.Permissions.Implied()
	perms := s.Permissions
	if missing := w.requires.Minus(perms); !missing.IsEmpty() {
		why, _ := lacking(missing, s.Role)
		e.add(Failure{Reason: why, Permissions: missing.tops(), Holdable: missing.SubsetOf(holdable)})
		perms = perms.Union(missing) // judge reach as if granted
	}
	// A rule that reaches nothing without a reach right names it; granted,
	// the rule may then ask more (their own records, then the project), so
	// ask again. Each round grants one more reach right: this ends.
	c := reachFor(w.rule, s.Role.Kind(), perms)
	for never := c.impossible(); never != nil; never = c.impossible() {
		f := Failure{Reason: never.reason}
		widen := never.widen
		if widen != 0 {
			if p := fittest(&s, &r, w.rule, perms); p != 0 {
				widen = p
			}
			f.Permissions = MaskOf(widen)
			f.Holdable = holdable.Has(widen)
		}
		e.add(f)
		if widen == 0 || perms.Has(widen) || e.n == maxFailures {
			return e // nothing grantable reaches anything (employees only)
		}
		perms = perms.Union(MaskOf(widen).Closure())
		c = reachFor(w.rule, s.Role.Kind(), perms)
	}
	known := facts(&s, &r, c.uses)
	failing := failingReasons(c, known)
	for i := range c.clauses[:c.n] {
		cl := &c.clauses[i]
		if cl.any&known != 0 {
			continue
		}
		f := Failure{Reason: cl.reason, Members: Conditions(cl.any & membershipConditions)}
		// The widest right a clause names (Clause.Widen) passes it whatever
		// the record, so narrowest finds a right whenever the clause names
		// one, and often a narrower one.
		if p := narrowest(&s, &r, w.rule, perms, failing, cl.reason); p != 0 {
			f.Permissions, f.Holdable = MaskOf(p), true
		}
		e.add(f)
	}
	return e
}

// Explain returns every check p's decision of action a on *r fails, as
// [Explain] does for p's subject: its decision is p.Authorize(a, r). A nil
// resource is one failure, the decision's; like Explain, it never
// allocates.
func (p *Principal) Explain(a Action, r *Resource) Explanation {
	if r == nil {
		e := Explanation{decision: p.Authorize(a, r)}
		e.add(Failure{Reason: e.decision.Reason()})
		return e
	}
	return Explain(p.Subject(), a, *r)
}
