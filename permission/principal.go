package permission

// Principal is a [Subject] prepared for many decisions: validated once,
// with everything about each action that does not depend on the resource
// worked out once, so that a decision does the least work a decision can:
// compare the resource's kind and organization, test its fields, and
// evaluate the reach clauses of the action's rule when it has any. Build
// one per person when their subject is built (at login, or when the host's
// cache of subjects fills), and share it: a Principal is immutable and safe
// for concurrent use. A [Directory] finds them by person ID.
//
// Its methods take the resource by pointer, and Authorize and Capabilities
// copy nothing (List copies the subject into the [Filter] it returns, as
// [List] does). They decide exactly as [Authorize], [Capabilities] and
// [List] do for the subject it was prepared from. The nil *Principal, the
// zero Principal and one prepared from an invalid subject deny everything
// with reason [InvalidSubject] (an invalid action still says
// [InvalidAction] first), and a nil resource is denied as
// [InvalidResource]. Only Prepare makes a Principal that allows anything.
type Principal struct {
	s       Subject // the subject, its permissions with what they imply: what every decision reads
	given   Subject // the subject as given to Prepare
	valid   bool
	steps   [endAction]step // by action
	granted ActionMask      // the actions granted whatever the resource (of their kind, in s's organization)
	pending ActionMask      // the actions granted where the reach under their rule holds
	reaches [endRule]*reach // the subject's reach under each rule, from reachTable
}

// step is what a Principal decides an action by. A resource first passes
// the checks every action makes: it is of the action's kind, has the fields
// that kind needs and is of the subject's organization. Then the decision
// is pass, unless a clause of the subject's reach under the action's rule
// fails: then that clause's reason decides. A reach of one clause (most of
// them) is copied into the step, its conditions as any and its failure as
// fail, so that the decision reads no reach; and both outcomes are whole
// Decisions, so that the decision returns one without building it. A step
// is 16 bytes: a decision reads one. The zero Principal's steps are zero,
// and never read: its organization is 0, and Authorize refuses a resource
// of organization 0 before the step.
type step struct {
	pass    Decision  // the decision when every clause holds
	fail    Decision  // the decision when the first clause fails; read only when it is the only one
	any     Condition // the first clause's conditions; read only when it is the only one
	clauses uint8     // the number of clauses the decision evaluates: none, one, or more
	kind    Kind      // the action's kind
	needs   field     // the fields of that kind, and of the action
}

// stepOf returns the step of action a that decides pass, with no clauses.
func stepOf(a Action, pass Decision) step {
	return step{pass: pass, kind: actions[a].kind, needs: actions[a].needs}
}

// Prepare returns s prepared for deciding. When s is invalid it returns the
// error [Subject.Validate] gives and a Principal that denies everything with
// [InvalidSubject], so that a host that ignores the error still fails
// closed. s's membership sets are shared, not copied: they are immutable.
func Prepare(s Subject) (*Principal, error) {
	p := &Principal{s: s, given: s}
	if err := s.Validate(); err != nil {
		for a := range Actions() {
			p.steps[a] = stepOf(a, decision(a, InvalidSubject, 0, noField))
		}
		return p, err
	}
	p.valid = true
	s.Permissions = s.Permissions.Implied()
	p.s = s
	for rule := range p.reaches {
		p.reaches[rule] = reachFor(Rule(rule), s.Role.Kind(), s.Permissions)
	}
	for a := range Actions() {
		w := &actions[a]
		st := stepOf(a, gate(&s, a, w))
		if c := p.reaches[w.rule]; st.pass.Reason() == Granted && c.n > 0 {
			// A rule no resource meets has one clause with no conditions
			// (reachOf); its reason is the decision whatever the resource.
			if never := c.impossible(); never != nil {
				st.pass = decision(a, never.reason, never.widen, noField)
			} else {
				one := &c.clauses[0]
				st.clauses, st.any = c.n, one.any
				st.fail = decision(a, one.reason, one.widen, noField)
			}
		}
		p.steps[a] = st
		switch {
		case st.clauses > 0:
			p.pending = p.pending.With(a)
		case st.pass.Reason() == Granted:
			p.granted = p.granted.With(a)
		}
	}
	return p, nil
}

// Subject returns the subject p was prepared from.
func (p *Principal) Subject() Subject {
	if p == nil {
		return Subject{}
	}
	return p.given
}

// Authorize decides whether p may take action a on *r, exactly as
// [Authorize] does for p's subject. It never allocates and never panics.
//
// A request whose resource is of the action's kind, in p's organization
// and with the fields the kind needs takes one branch past those checks,
// and then its action's step decides (for a Principal prepared from an
// invalid subject, every step says InvalidSubject). Any other request is
// denied, and refuse runs the checks in Authorize's order to say why.
func (p *Principal) Authorize(a Action, r *Resource) Decision {
	if p == nil || r == nil || !a.IsValid() {
		return p.refuse(a, r)
	}
	st := &p.steps[a]
	if r.Kind != st.kind || r.Org != p.s.Org || r.Org == 0 || r.lacks(st.needs) || r.lacksRights(st.needs) {
		return p.refuse(a, r) // r.Org == 0: no resource matches the zero Principal's organization
	}
	switch {
	case st.clauses == 0:
	case st.clauses == 1:
		if facts(&p.s, r, st.any)&st.any == 0 {
			return st.fail
		}
	default:
		c := p.reaches[actions[a].rule]
		if failed := c.unmet(facts(&p.s, r, c.uses)); failed != nil {
			return decision(a, failed.reason, failed.widen, noField)
		}
	}
	return st.pass
}

// refuse decides a request that did not pass Authorize's first checks,
// running the checks in [Authorize]'s order so that the first that fails
// gives the reason.
func (p *Principal) refuse(a Action, r *Resource) Decision {
	switch {
	case !a.IsValid():
		return decision(a, InvalidAction, 0, noField)
	case p == nil || !p.valid:
		return decision(a, InvalidSubject, 0, noField)
	case r == nil:
		return decision(a, InvalidResource, 0, fieldKind)
	}
	w := &actions[a]
	switch {
	case r.Kind != w.kind:
		return decision(a, KindMismatch, 0, noField)
	case !r.has(w.needs):
		return decision(a, InvalidResource, 0, r.missingOf(w.needs))
	}
	return decide(&p.s, a, w, r, p.reaches[w.rule])
}

// Capabilities returns every action p may take on *r, exactly as
// [Capabilities] does for p's subject. The actions granted whatever the
// resource are one mask; for the rest of r's kind, the conditions their
// rules' clauses name are tested once, and each rule's clauses once.
func (p *Principal) Capabilities(r *Resource) ActionMask {
	if p == nil || !p.valid || r == nil || !r.wellFormed() || r.Org != p.s.Org {
		return ActionMask{}
	}
	groups := kindRules[r.Kind]
	actionsOn := kindActions[r.Kind]
	if r.lacksRights(needsPersonRights) {
		actionsOn = actionsOn.and(withoutPersonRights)
	}
	m := actionsOn.and(p.granted)
	pending := actionsOn.and(p.pending)
	if pending.IsEmpty() {
		return m
	}
	var need Condition
	for _, g := range groups {
		if !g.actions.and(pending).IsEmpty() {
			need |= p.reaches[g.rule].uses
		}
	}
	known := facts(&p.s, r, need)
	for _, g := range groups {
		if these := g.actions.and(pending); !these.IsEmpty() && p.reaches[g.rule].unmet(known) == nil {
			m = m.or(these)
		}
	}
	return m
}

// withoutPersonRights is every action but those that need a person's
// permissions (extraNeeds): a resource that lacks them has none of those.
var withoutPersonRights = func() (m ActionMask) {
	for a := range Actions() {
		if actions[a].needs&needsPersonRights == 0 {
			m = m.With(a)
		}
	}
	return m
}()

// List returns the filter of the resources p may take action a on, exactly
// as [List] does for p's subject.
func (p *Principal) List(a Action) Filter {
	if p == nil || !p.valid || !a.IsValid() {
		return List(p.Subject(), a)
	}
	st := &p.steps[a]
	var c *reach
	if st.pass.Reason() == Granted {
		c = p.reaches[actions[a].rule]
	}
	return Filter{action: a, verdict: st.pass.Reason(), missing: st.pass.Missing(), reach: c, subject: p.s}
}
