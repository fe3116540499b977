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
// Its methods take the resource by pointer and never copy the subject. They
// decide exactly as [Authorize], [Capabilities] and [List] do for the
// subject it was prepared from; the nil *Principal, and a Principal prepared
// from an invalid subject, deny everything with reason [InvalidSubject], and
// a nil resource is denied as [InvalidResource].
type Principal struct {
	steps   [endAction]step // by action
	reaches [endRule]*reach // the subject's reach under each rule, from reachTable
	s       Subject
	valid   bool
}

// step is what a Principal decides an action by, once a resource has passed
// the checks every action makes: it is of the action's kind, has the fields
// that kind needs and is of the subject's organization. Then the decision
// is verdict, with missing, unless verdict is Granted and the action's rule
// has clauses: then the reach under rule decides.
type step struct {
	kind    Kind
	needs   field // the fields kind needs; unheld for an action p cannot decide
	verdict Reason
	missing Permission
	rule    Rule
	clauses bool // the subject's reach under rule has clauses to evaluate
}

// unheld is a field no resource has: the needs of every step of an invalid
// action, and of every step of a Principal prepared from an invalid
// subject, so that no request passes their first check and refuse says why.
const unheld field = 1 << 7

// Prepare returns s prepared for deciding. When s is invalid it returns the
// error [Subject.Validate] gives and a Principal that denies everything with
// [InvalidSubject], so that a host that ignores the error still fails
// closed. s's membership sets are shared, not copied: they are immutable.
func Prepare(s Subject) (*Principal, error) {
	p := &Principal{s: s}
	for a := range p.steps {
		p.steps[a].needs = unheld
	}
	if err := s.Validate(); err != nil {
		return p, err
	}
	p.valid = true
	for rule := range p.reaches {
		p.reaches[rule] = reachFor(Rule(rule), s.Role.Kind(), s.Permissions)
	}
	for a := range Actions() {
		w := &actions[a]
		st := step{kind: w.kind, needs: kinds[w.kind].needs, rule: w.rule}
		d := gate(&s, a, w)
		st.verdict, st.missing = d.reason, d.missing
		if c := p.reaches[w.rule]; d.reason == Granted && c.n > 0 {
			// A rule no resource meets has one clause with no conditions
			// (reachOf); its reason is the decision whatever the resource.
			if never := c.impossible(); never != nil {
				st.verdict, st.missing = never.reason, never.widen
			} else {
				st.clauses = true
			}
		}
		p.steps[a] = st
	}
	return p, nil
}

// Subject returns the subject p was prepared from.
func (p *Principal) Subject() Subject {
	if p == nil {
		return Subject{}
	}
	return p.s
}

// Authorize decides whether p may take action a on *r, exactly as
// [Authorize] does for p's subject. It never allocates and never panics.
//
// A request whose resource is of the action's kind, in p's organization
// and with the fields the kind needs takes one branch past those checks,
// and then its action's step decides. Any other request (an invalid action
// or Principal among them, whose steps no resource passes) is denied, and
// refuse runs the checks in Authorize's order to say why.
func (p *Principal) Authorize(a Action, r *Resource) Decision {
	if p == nil || r == nil || a >= endAction {
		return p.refuse(a, r)
	}
	st := &p.steps[a]
	if r.Kind != st.kind || r.Org != p.s.Org || r.present()&st.needs != st.needs {
		return p.refuse(a, r)
	}
	if st.clauses {
		c := p.reaches[st.rule]
		if failed := c.unmet(facts(&p.s, r, c.uses)); failed != nil {
			return Decision{action: a, reason: failed.reason, missing: failed.widen}
		}
	}
	return Decision{action: a, reason: st.verdict, missing: st.missing}
}

// refuse decides a request that did not pass Authorize's first checks,
// running the checks in [Authorize]'s order so that the first that fails
// gives the reason.
func (p *Principal) refuse(a Action, r *Resource) Decision {
	switch {
	case !a.IsValid():
		return Decision{action: a, reason: InvalidAction}
	case p == nil || !p.valid:
		return Decision{action: a, reason: InvalidSubject}
	case r == nil:
		return Decision{action: a, reason: InvalidResource, field: fieldKind}
	}
	w := &actions[a]
	switch {
	case r.Kind != w.kind:
		return Decision{action: a, reason: KindMismatch}
	case !r.wellFormed():
		return Decision{action: a, reason: InvalidResource, field: r.missing()}
	}
	return decide(&p.s, a, w, r, p.reaches[w.rule])
}

// Capabilities returns every action p may take on *r, exactly as
// [Capabilities] does for p's subject, in one pass over r's kind.
func (p *Principal) Capabilities(r *Resource) ActionMask {
	if p == nil || !p.valid || r == nil || !r.wellFormed() {
		return ActionMask{}
	}
	reaches := p.reaches
	return capabilities(&p.s, r, &reaches)
}

// List returns the filter of the resources p may take action a on, exactly
// as [List] does for p's subject.
func (p *Principal) List(a Action) Filter {
	switch {
	case p == nil:
		return List(Subject{}, a)
	case !a.IsValid() || !p.valid:
		return List(p.s, a)
	}
	f := Filter{action: a, subject: p.s}
	f.fill(p.reaches[actions[a].rule])
	return f
}
