package impact

import (
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// Memberships are one person's relations, as the host stores them: the
// projects, deals and budgets they are a member of (folded over teams and
// groups with [scope.Union]) and their subsidiary. They are the fields of a
// [permission.Subject] that a permission set does not fill in.
type Memberships struct {
	Projects  scope.Members // projects the person is a member of
	Deals     scope.Members // deals assigned to the person
	Budgets   scope.Members // budgets (deals) the person is a member of
	Workplace scope.ID      // the person's subsidiary; 0 for none
}

// State is an organization as the decisions see it: who holds which
// permission set ([set.Org], which also gives the organization's ID and
// plan) and each person's memberships. A person the Org holds and the map
// does not has no memberships; entries for people the Org does not hold
// are ignored.
//
// The functions of this package read a State and never change it; the
// States [Change.Apply] returns share what did not change with the one it
// was given (a [scope.Members] is immutable), so keep the map unchanged
// while they are in use.
type State struct {
	Org         set.Org
	Memberships map[scope.ID]Memberships
}

// Subject returns the subject of person in s: role, permissions and plan
// from the Org, memberships and workplace from the map. ok is false for
// someone the Org does not hold, whose zero Subject is denied everything.
func (s State) Subject(person scope.ID) (subject permission.Subject, ok bool) {
	subject, ok = s.Org.Subject(person)
	if !ok {
		return permission.Subject{}, false
	}
	m := s.Memberships[person]
	subject.Projects, subject.Deals, subject.Budgets, subject.Workplace = m.Projects, m.Deals, m.Budgets, m.Workplace
	return subject, true
}

// Relation is a membership a [Change] adds or removes: of a project, a deal
// or a budget. The zero Relation is invalid.
type Relation uint8

// The relations.
const (
	Project Relation = iota + 1 // membership of a project (Subject.Projects)
	Deal                        // a deal assigned to the person (Subject.Deals)
	Budget                      // membership of a budget (Subject.Budgets)
)

// IsValid reports whether r is one of the relations.
func (r Relation) IsValid() bool { return r >= Project && r <= Budget }

// String returns the relation's lower-case name: "project", "deal" or
// "budget".
func (r Relation) String() string {
	switch r {
	case Project:
		return "project"
	case Deal:
		return "deal"
	case Budget:
		return "budget"
	}
	return fmt.Sprintf("relation(%d)", uint8(r))
}

// Errors of this package, wrapped with the offending value. A change that
// breaks a rule of package set (a person not in the organization, a set of
// another kind, the Owner's set, a custom set below its plan) wraps that
// package's sentinel instead: [set.ErrUnknownPerson], [set.ErrKind],
// [set.ErrOwnerSet], [set.ErrPlan], [set.ErrBase].
var (
	// ErrChange: the zero Change; an edit whose sets are not custom, or
	// differ in name or base; a membership of ID 0 or of an invalid
	// relation.
	ErrChange = errors.New("invalid change")
	// ErrState: a State whose Org is the zero Org, or two States of
	// different organizations.
	ErrState = errors.New("invalid state")
)

// op is what a Change does; the zero op is none.
type op uint8

const (
	opNone op = iota
	opEdit
	opAssign
	opJoin
	opLeave
	opWorkplace
)

// Change is one change to an organization: a custom set edited, a
// person's set replaced, a membership added or removed, a person moved to
// another subsidiary. Make one with [Edit], [Assign], [Join], [Leave] or
// [Move]; [Of] reports what it does to whom. A Change is a small
// comparable value. The zero Change is invalid: applying it fails with
// [ErrChange].
//
// A Change says what changes, not who changes it: whether an actor may
// make it is [set.Org.Assign]'s question (no escalation, nobody changes
// their own set), and [Change.Apply] checks only that the result is an
// organization that can exist.
type Change struct {
	op       op
	person   scope.ID
	old, set set.Set
	relation Relation
	id       scope.ID
}

// Edit is the change of custom set old into edited: the same set (same
// name, same base) with other grants and revokes, as Productive's
// permission-set editor saves it. Every person holding old holds edited
// after it; editing a set nobody holds changes nothing.
func Edit(old, edited set.Set) Change { return Change{op: opEdit, old: old, set: edited} }

// Assign is the change of person's set to s, which must be of the same
// kind (employee, client, contractor) as the set they hold; the Owner's
// set changes only by a transfer of ownership, which is not a Change.
func Assign(person scope.ID, s set.Set) Change { return Change{op: opAssign, person: person, set: s} }

// Join is the change that makes person a member of the project, deal or
// budget id. Joining what one is a member of already changes nothing.
func Join(person scope.ID, r Relation, id scope.ID) Change {
	return Change{op: opJoin, person: person, relation: r, id: id}
}

// Leave is the change that ends person's membership of the project, deal
// or budget id. Leaving what one is not a member of changes nothing.
func Leave(person scope.ID, r Relation, id scope.ID) Change {
	return Change{op: opLeave, person: person, relation: r, id: id}
}

// Move is the change of person's subsidiary (workplace) to workplace; 0
// is none.
func Move(person, workplace scope.ID) Change {
	return Change{op: opWorkplace, person: person, id: workplace}
}

// String describes the change: `edit "Accounting"`, `assign "Manager" to
// person 3`, `person 3 joins project 7`, `person 3 leaves budget 9`,
// `person 3 moves to workplace 5`.
func (c Change) String() string {
	switch c.op {
	case opEdit:
		return fmt.Sprintf("edit %q", c.old.Name())
	case opAssign:
		return fmt.Sprintf("assign %q to person %d", c.set.Name(), c.person)
	case opJoin:
		return fmt.Sprintf("person %d joins %v %d", c.person, c.relation, c.id)
	case opLeave:
		return fmt.Sprintf("person %d leaves %v %d", c.person, c.relation, c.id)
	case opWorkplace:
		return fmt.Sprintf("person %d moves to workplace %d", c.person, c.id)
	}
	return "no change"
}

// Apply returns the state s is in after c. s is not changed. It fails,
// returning the zero State and an error that names the offending value,
// when s's Org is the zero Org ([ErrState]), c is invalid ([ErrChange]),
// c names a person s's Org does not hold ([set.ErrUnknownPerson]), or the
// result is no organization that can exist: a set of another kind than the
// person's ([set.ErrKind]), the Owner's set assigned or changed
// ([set.ErrOwnerSet]), the zero Set ([set.ErrBase]), a custom set below the
// plan it needs ([set.ErrPlan]).
func (c Change) Apply(s State) (State, error) {
	if s.Org.ID() == 0 {
		return State{}, fmt.Errorf("impact: the zero Org: %w", ErrState)
	}
	switch c.op {
	case opNone:
		return State{}, fmt.Errorf("impact: the zero Change: %w", ErrChange)
	case opEdit:
		return c.applyEdit(s)
	case opAssign:
		return c.applyAssign(s)
	}
	if _, ok := s.Org.SetOf(c.person); !ok {
		return State{}, fmt.Errorf("impact: %v: person %d: %w", c, c.person, set.ErrUnknownPerson)
	}
	m := s.Memberships[c.person]
	if c.op == opWorkplace {
		m.Workplace = c.id
		return s.withMemberships(c.person, m), nil
	}
	if !c.relation.IsValid() || c.id == 0 {
		return State{}, fmt.Errorf("impact: %v: %w", c, ErrChange)
	}
	of := &m.Projects
	switch c.relation {
	case Deal:
		of = &m.Deals
	case Budget:
		of = &m.Budgets
	}
	if of.Has(c.id) == (c.op == opJoin) {
		return s, nil // a member already, or not a member: nothing changes
	}
	ids := slices.Collect(of.All())
	if c.op == opJoin {
		ids = append(ids, c.id)
	} else {
		ids = slices.DeleteFunc(ids, func(id scope.ID) bool { return id == c.id })
	}
	*of = scope.NewMembers(ids...)
	return s.withMemberships(c.person, m), nil
}

// withMemberships returns s with person's memberships m, the map copied.
func (s State) withMemberships(person scope.ID, m Memberships) State {
	next := s
	next.Memberships = maps.Clone(s.Memberships)
	if next.Memberships == nil {
		next.Memberships = map[scope.ID]Memberships{}
	}
	next.Memberships[person] = m
	return next
}

func (c Change) applyEdit(s State) (State, error) {
	switch {
	case !c.old.Custom() || !c.set.Custom():
		return State{}, fmt.Errorf("impact: edit %q into %q: not both custom sets: %w", c.old.Name(), c.set.Name(), ErrChange)
	case c.old.Name() != c.set.Name():
		return State{}, fmt.Errorf("impact: edit %q: renamed %q: %w", c.old.Name(), c.set.Name(), ErrChange)
	case set.BaseOf(c.old) != set.BaseOf(c.set):
		return State{}, fmt.Errorf("impact: edit %q: base %q becomes %q: %w", c.old.Name(), set.BaseOf(c.old).Name(), set.BaseOf(c.set).Name(), ErrChange)
	}
	for id, held := range s.Org.People() {
		if held.Custom() && held.Name() == c.old.Name() && held != c.old {
			return State{}, fmt.Errorf("impact: edit %q: person %d holds a set of that name other than the one edited (an old copy?): %w", c.old.Name(), id, ErrChange)
		}
	}
	return s.rebuild(c, func(_ scope.ID, held set.Set) set.Set {
		if held == c.old {
			return c.set
		}
		return held
	})
}

func (c Change) applyAssign(s State) (State, error) {
	current, ok := s.Org.SetOf(c.person)
	switch {
	case !ok:
		return State{}, fmt.Errorf("impact: %v: person %d: %w", c, c.person, set.ErrUnknownPerson)
	case !c.set.IsValid():
		return State{}, fmt.Errorf("impact: assign the zero Set to person %d: %w", c.person, set.ErrBase)
	case c.person == s.Org.Owner() || c.set.Role() == role.Owner:
		return State{}, fmt.Errorf("impact: %v: %w", c, set.ErrOwnerSet)
	case c.set.Kind() != current.Kind():
		return State{}, fmt.Errorf("impact: %v: %v set for a %v: %w", c, c.set.Kind(), current.Kind(), set.ErrKind)
	}
	return s.rebuild(c, func(id scope.ID, held set.Set) set.Set {
		if id == c.person {
			return c.set
		}
		return held
	})
}

// rebuild returns s with each person holding the set with gives them,
// validated as [set.OrgFrom] validates stored rows.
func (s State) rebuild(c Change, with func(scope.ID, set.Set) set.Set) (State, error) {
	var rows []set.Person
	for id, held := range s.Org.People() {
		rows = append(rows, set.Person{ID: id, Set: with(id, held)})
	}
	org, err := set.OrgFrom(s.Org.ID(), s.Org.Plan(), rows)
	if err != nil {
		return State{}, fmt.Errorf("impact: %v: %w", c, err)
	}
	return State{Org: org, Memberships: s.Memberships}, nil
}
