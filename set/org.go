package set

import (
	"errors"
	"fmt"
	"iter"
	"maps"
	"slices"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
)

// Org is one organization's assignment of permission sets to people. It is an
// immutable value: every change is a method that returns a new Org, or an
// error and the zero Org, and never touches the receiver. Old values stay
// valid, so an Org may be shared between goroutines and kept as history.
//
// An Org always has exactly one Owner, created with it. Its rules:
//
//   - a set's kind (employee, client, contractor) must match the person's;
//   - custom sets need the organization to be on the Ultimate plan or above;
//   - the Owner's set changes only by [Org.TransferOwnership], which only the
//     Owner may make, and after which the old Owner holds the Admin set;
//   - nobody changes their own set, and nobody changes the Owner's;
//   - nobody assigns a set, or changes the set of a person, with permissions
//     beyond their own, reach rights included (no escalation);
//   - adding a person needs users.create, changing a set needs
//     users.change_permission_set.
//
// The zero Org has no Owner and accepts no change; build one with [NewOrg].
type Org struct {
	id     scope.ID // the organization's own ID, which its subjects carry
	plan   Plan
	owner  scope.ID
	people map[scope.ID]Set // never written after the Org is returned
}

// Errors of [Org] methods, wrapped with the people and sets involved.
var (
	// ErrUnknownPerson: the actor or the person is not in the organization.
	ErrUnknownPerson = errors.New("person is not in the organization")
	// ErrPersonExists: Add of someone already in the organization.
	ErrPersonExists = errors.New("person is already in the organization")
	// ErrKind: a set for another kind of person (employee, client,
	// contractor), or ownership transferred to a non-employee.
	ErrKind = errors.New("set is for another kind of person")
	// ErrNotAllowed: the actor's set lacks users.create (Add) or
	// users.change_permission_set (Assign).
	ErrNotAllowed = errors.New("actor lacks the permission to do this")
	// ErrEscalation: the set, or the person's current set, holds a permission
	// or a scope the actor lacks, or is of a role that outranks the actor's.
	ErrEscalation = errors.New("set exceeds the actor's own access")
	// ErrSelf: the actor changes their own set, or transfers ownership to
	// themselves.
	ErrSelf = errors.New("nobody changes their own permission set")
	// ErrOwnerSet: the Owner's set assigned, or the Owner's set changed, other
	// than by TransferOwnership.
	ErrOwnerSet = errors.New("the Owner's set changes only by transferring ownership")
	// ErrNotOwner: someone other than the Owner transfers ownership.
	ErrNotOwner = errors.New("only the Owner transfers ownership")
	// ErrInvalidID: a person or organization ID of zero.
	ErrInvalidID = errors.New("ID must not be zero")
)

// NewOrg returns the organization id on the given plan, whose creator,
// owner, holds the Owner set.
func NewOrg(id scope.ID, plan Plan, owner scope.ID) (Org, error) {
	switch {
	case id == 0:
		return Org{}, fmt.Errorf("set: organization ID: %w", ErrInvalidID)
	case !plan.IsValid():
		return Org{}, fmt.Errorf("set: organization plan %v: %w", plan, ErrUnknownPlan)
	case owner == 0:
		return Org{}, fmt.Errorf("set: organization owner: %w", ErrInvalidID)
	}
	return Org{id: id, plan: plan, owner: owner, people: map[scope.ID]Set{owner: MustSystem(role.Owner, 0, 0)}}, nil
}

// ID returns the organization's ID: the Org of every subject it makes, and
// of every resource they may reach.
func (o Org) ID() scope.ID { return o.id }

// Plan returns the organization's plan.
func (o Org) Plan() Plan { return o.plan }

// Owner returns the ID of the organization's one Owner.
func (o Org) Owner() scope.ID { return o.owner }

// SetOf returns the set person holds, and whether they are in the
// organization.
func (o Org) SetOf(person scope.ID) (Set, bool) {
	s, ok := o.people[person]
	return s, ok
}

// Subject returns the subject for person, with the organization's ID and
// plan, and role and permissions from their set; the caller adds
// memberships and the workplace. ok is false for someone not in the
// organization, whose zero Subject is denied everything.
func (o Org) Subject(person scope.ID) (subject permission.Subject, ok bool) {
	s, ok := o.people[person]
	if !ok {
		return permission.Subject{}, false
	}
	subject = s.Subject(o.id, person)
	subject.Plan = o.plan
	return subject, true
}

// People iterates over the members and their sets in ascending ID order.
func (o Org) People() iter.Seq2[scope.ID, Set] {
	return func(yield func(scope.ID, Set) bool) {
		for _, id := range slices.Sorted(maps.Keys(o.people)) {
			if !yield(id, o.people[id]) {
				return
			}
		}
	}
}

// Seats counts the paid seats (employees and contractors) and free seats
// (clients) in use.
func (o Org) Seats() (paid, free int) {
	for _, s := range o.people {
		if s.Seat() == role.Free {
			free++
		} else {
			paid++
		}
	}
	return paid, free
}

// Add returns the organization with a new person holding set s, added by
// actor, who needs users.create and must not be exceeded by s: s may hold no
// permission the actor's set lacks, and its role may not outrank the actor's.
func (o Org) Add(actor, person scope.ID, s Set) (Org, error) {
	if person == 0 {
		return Org{}, fmt.Errorf("set: add: %w", ErrInvalidID)
	}
	if _, exists := o.people[person]; exists {
		return Org{}, fmt.Errorf("set: add %d: %w", person, ErrPersonExists)
	}
	if err := o.check(actor, permission.UsersCreate, s); err != nil {
		return Org{}, fmt.Errorf("set: add %d: %w", person, err)
	}
	return o.with(person, s), nil
}

// Assign returns the organization with person now holding set s, changed by
// actor, who needs users.change_permission_set and must reach at least as far
// as both the person's current set and s (hold every permission of each, at
// a role no lower than either's). The set's kind must match the person's.
func (o Org) Assign(actor, person scope.ID, s Set) (Org, error) {
	current, ok := o.people[person]
	switch {
	case !ok:
		return Org{}, fmt.Errorf("set: assign %d: %w", person, ErrUnknownPerson)
	case person == o.owner:
		return Org{}, fmt.Errorf("set: assign %d: %w", person, ErrOwnerSet)
	case person == actor:
		return Org{}, fmt.Errorf("set: assign %d: %w", person, ErrSelf)
	case s.Kind() != current.Kind():
		return Org{}, fmt.Errorf("set: assign %d: %v set %q to a %v: %w", person, s.Kind(), s.Name(), current.Kind(), ErrKind)
	}
	if err := o.check(actor, permission.UsersChangePermissionSet, s); err != nil {
		return Org{}, fmt.Errorf("set: assign %d: %w", person, err)
	}
	if err := o.covers(actor, current); err != nil {
		return Org{}, fmt.Errorf("set: assign %d: current set: %w", person, err)
	}
	return o.with(person, s), nil
}

// TransferOwnership returns the organization with to as its Owner and the old
// Owner holding the Admin set. Only the Owner may transfer, and only to an
// employee already in the organization.
func (o Org) TransferOwnership(actor, to scope.ID) (Org, error) {
	target, ok := o.people[to]
	switch {
	case o.owner == 0 || actor != o.owner:
		return Org{}, fmt.Errorf("set: transfer by %d: %w", actor, ErrNotOwner)
	case !ok:
		return Org{}, fmt.Errorf("set: transfer to %d: %w", to, ErrUnknownPerson)
	case to == actor:
		return Org{}, fmt.Errorf("set: transfer to %d: %w", to, ErrSelf)
	case target.Kind() != role.Employee:
		return Org{}, fmt.Errorf("set: transfer to %d, a %v: %w", to, target.Kind(), ErrKind)
	}
	next := o.with(to, MustSystem(role.Owner, 0, 0))
	next.people[actor] = MustSystem(role.Admin, 0, 0)
	next.owner = to
	return next, nil
}

// check applies the rules shared by Add and Assign to actor and the new set.
func (o Org) check(actor scope.ID, need permission.Permission, s Set) error {
	mine, ok := o.people[actor]
	switch {
	case !ok:
		return fmt.Errorf("actor %d: %w", actor, ErrUnknownPerson)
	case !s.IsValid():
		return fmt.Errorf("the zero Set: %w", ErrBase)
	case s.Role() == role.Owner:
		return ErrOwnerSet
	case s.Custom() && !o.plan.AtLeast(CustomSetsPlan):
		return fmt.Errorf("custom set %q on plan %v: %w", s.Name(), o.plan, ErrPlan)
	case !mine.Has(need):
		return fmt.Errorf("actor %d lacks %v: %w", actor, need, ErrNotAllowed)
	}
	return o.covers(actor, s)
}

// covers reports an error unless actor's own set holds every permission of
// s, with what the actor's permissions imply (permission.Mask.Implied, as
// Authorize reads them), and its role stands no higher than the actor's. Reach rights are
// permissions, so this also keeps anyone from handing out a reach wider than
// their own; the role counts too, as whose sets one may change depends on it
// (person.change_permission_set reaches people of one's own rank or below),
// so a Manager cannot make an Admin out of a set holding only a Manager's
// permissions.
func (o Org) covers(actor scope.ID, s Set) error {
	mine := o.people[actor]
	if extra := s.Permissions().Minus(mine.Permissions().Implied()); !extra.IsEmpty() {
		return fmt.Errorf("%q holds %v, which actor %d lacks: %w", s.Name(), extra.First(), actor, ErrEscalation)
	}
	if s.Role().Outranks(mine.Role()) {
		return fmt.Errorf("%q is a %v set, above actor %d's %v: %w", s.Name(), s.Role().Title(), actor, mine.Role().Title(), ErrEscalation)
	}
	return nil
}

// with returns a copy of o in which person holds s.
func (o Org) with(person scope.ID, s Set) Org {
	next := o
	next.people = maps.Clone(o.people)
	next.people[person] = s
	return next
}

// Directory prepares every person of the organization and returns the
// directory that finds them by ID: one call from an Org to what a host
// consults per request. Each subject is the one [Org.Subject] gives (the
// organization's ID and plan, the person's role and permissions); relate,
// when not nil, adds what the host stores about the person (memberships,
// workplace) before the subject is prepared; it may not change who the
// subject is (ID, organization). A subject relate leaves invalid, or makes
// another person, fails the call with an error naming the person (wrapping
// permission.ErrInvalidSubject); on any error no directory is returned.
func (o Org) Directory(relate func(s *permission.Subject)) (*permission.Directory, error) {
	ps := make([]*permission.Principal, 0, len(o.people))
	for id := range o.People() {
		s, _ := o.Subject(id)
		if relate != nil {
			relate(&s)
		}
		if s.ID != id || s.Org != o.id {
			return nil, fmt.Errorf("set: organization %d, person %d: relate made them person %d of organization %d: %w",
				o.id, id, s.ID, s.Org, permission.ErrInvalidSubject)
		}
		p, err := permission.Prepare(s)
		if err != nil {
			return nil, fmt.Errorf("set: organization %d, person %d: %w", o.id, id, err)
		}
		ps = append(ps, p)
	}
	return permission.NewDirectory(ps...)
}
