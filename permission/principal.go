package permission

// Principal is a [Subject] prepared for many decisions: validated once, with
// its reach under every rule looked up once, so that a decision does the
// least work a decision can: compare the action's kind and the resource's
// organization, test the resource's fields, one mask test for the
// permissions, and the reach clauses of the action's rule. Build one per
// person when their subject is built (at login, or when the host's cache of
// subjects fills), and share it: a Principal is immutable and safe for
// concurrent use.
//
// Its methods take the resource by pointer and never copy the subject. They
// decide exactly as [Authorize], [Capabilities] and [List] do for the
// subject it was prepared from; the nil *Principal, and a Principal prepared
// from an invalid subject, deny everything with reason [InvalidSubject], and
// a nil resource is denied as [InvalidResource].
type Principal struct {
	s       Subject
	valid   bool
	passes  ActionMask      // the actions whose client rule and permissions s passes
	reaches [endRule]*reach // the subject's reach under each rule, from reachTable
}

// Prepare returns s prepared for deciding. When s is invalid it returns the
// error [Subject.Validate] gives and a Principal that denies everything with
// [InvalidSubject], so that a host that ignores the error still fails
// closed. s's membership sets are shared, not copied: they are immutable.
func Prepare(s Subject) (*Principal, error) {
	p := &Principal{s: s}
	if err := s.Validate(); err != nil {
		return p, err
	}
	p.valid = true
	for rule := range p.reaches {
		p.reaches[rule] = reachFor(Rule(rule), s.Role.Kind(), s.Permissions)
	}
	for a := range Actions() {
		if gate(&s, a, &actions[a]).reason == Granted {
			p.passes = p.passes.With(a)
		}
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
func (p *Principal) Authorize(a Action, r *Resource) Decision {
	switch {
	case !a.IsValid():
		return Decision{action: a, reason: InvalidAction}
	case p == nil || !p.valid:
		return Decision{action: a, reason: InvalidSubject}
	case r == nil:
		return Decision{action: a, reason: InvalidResource, field: fieldKind}
	}
	f := &brief[a]
	if r.Kind != f.kind {
		return Decision{action: a, reason: KindMismatch}
	}
	if !r.has(f.needs) {
		return Decision{action: a, reason: InvalidResource, field: r.missing()}
	}
	if r.Org != p.s.Org {
		return Decision{action: a, reason: OtherOrganization}
	}
	if p.passes.bits[a>>6]&(1<<(a&63)) == 0 { // the client rule or a permission: say which
		return gate(&p.s, a, &actions[a])
	}
	if ok, failed := p.reaches[f.rule].holds(&p.s, r); !ok {
		return Decision{action: a, reason: failed.reason, missing: failed.widen}
	}
	return Decision{action: a, reason: Granted}
}

// brief is what a prepared decision reads of each action, packed: its kind,
// the fields that kind needs and its rule, from the action and kind tables.
var brief = func() (t [endAction]struct {
	kind  Kind
	needs field
	rule  Rule
}) {
	for a := range Actions() {
		w := &actions[a]
		t[a].kind, t[a].needs, t[a].rule = w.kind, kinds[w.kind].needs, w.rule
	}
	return t
}()

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
