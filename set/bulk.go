package set

import (
	"errors"
	"fmt"

	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
)

// Person is one row of an organization as a host stores it: a person, the
// set they hold and, when the host's records say it, the kind of person
// they are. [OrgFrom] builds an [Org] from many of them at once.
type Person struct {
	ID   scope.ID  // the person; must not be zero
	Set  Set       // the set they hold: the Owner set for the organization's one Owner
	Kind role.Kind // the person's kind (employee, client, contractor); the zero Kind skips the check
}

// ErrNoOwner is returned (wrapped) by [OrgFrom] when no row holds the Owner
// set: an organization always has exactly one Owner.
var ErrNoOwner = errors.New("no person holds the Owner set")

// RowError is an error of [OrgFrom] caused by one row, which it names by
// its index and person ID. It wraps the rule's sentinel ([ErrInvalidID],
// [ErrPersonExists], [ErrBase], [ErrPlan], [ErrKind] or [ErrOwnerSet]).
type RowError struct {
	Index  int      // the row's index in the slice passed to OrgFrom
	Person scope.ID // the row's person ID (zero for a row without one)
	Err    error
}

// Error implements error: "set: row 3 (person 42): person is already in
// the organization (as row 1)".
func (e *RowError) Error() string {
	return fmt.Sprintf("set: row %d (person %d): %v", e.Index, e.Person, e.Err)
}

// Unwrap returns the rule's error, which wraps its sentinel.
func (e *RowError) Unwrap() error { return e.Err }

// OrgFrom returns the organization id on plan whose people are rows, validated
// in one step with the rules [NewOrg] and [Org.Add] apply, in time and
// memory linear in the number of rows:
//
//   - the plan is valid ([ErrUnknownPlan]);
//   - every person ID is non-zero ([ErrInvalidID]) and appears once
//     ([ErrPersonExists]);
//   - every set is valid, not the zero Set ([ErrBase]);
//   - a custom set needs a plan that allows custom sets ([ErrPlan]);
//   - a row that gives a Kind holds a set for that kind ([ErrKind]);
//   - exactly one row holds the Owner set: that person is the Owner
//     ([ErrOwnerSet] for a second, [ErrNoOwner] for none).
//
// The Owner is the row holding the Owner set, not a separate argument, so
// the rows say everything and cannot disagree with an owner given beside
// them; the pairs [Org.People] yields, made into rows, build the same Org
// again. A host reading Productive's API, where the Owner holds the Admin
// base, gives the Owner's row the set FromBaseRoleID(1, true).
//
// Rows come from stored data, so no actor is involved: the escalation and
// permission checks of Add, which judge an actor's change, do not apply.
// Building in bulk succeeds exactly when NewOrg with the Owner followed by
// the Owner's Add of every other row succeeds (given no Kind), and gives an
// equal Org.
//
// An error names the first offending row in a [*RowError]; on any error
// OrgFrom returns the zero Org. The rows are not retained.
func OrgFrom(id scope.ID, plan Plan, rows []Person) (Org, error) {
	if id == 0 {
		return Org{}, fmt.Errorf("set: organization ID: %w", ErrInvalidID)
	}
	if !plan.IsValid() {
		return Org{}, fmt.Errorf("set: organization plan %v: %w", plan, ErrUnknownPlan)
	}
	people := make(map[scope.ID]Set, len(rows))
	var owner scope.ID
	ownerRow := -1
	for i, row := range rows {
		if err := rowFault(plan, row); err != nil {
			return Org{}, &RowError{i, row.ID, err}
		}
		if _, dup := people[row.ID]; dup {
			return Org{}, &RowError{i, row.ID, fmt.Errorf("%w (as row %d)", ErrPersonExists, firstRow(rows, row.ID))}
		}
		if row.Set.Role() == role.Owner {
			if ownerRow >= 0 {
				return Org{}, &RowError{i, row.ID, fmt.Errorf("a second Owner set; row %d (person %d) is the Owner: %w", ownerRow, owner, ErrOwnerSet)}
			}
			owner, ownerRow = row.ID, i
		}
		people[row.ID] = row.Set
	}
	if ownerRow < 0 {
		return Org{}, fmt.Errorf("set: organization of %d people: %w", len(rows), ErrNoOwner)
	}
	return Org{id: id, plan: plan, owner: owner, people: people}, nil
}

// rowFault applies the rules on one row that do not depend on the others.
func rowFault(plan Plan, row Person) error {
	s := row.Set
	switch {
	case row.ID == 0:
		return ErrInvalidID
	case !s.IsValid():
		return fmt.Errorf("the zero Set: %w", ErrBase)
	case s.Custom() && !plan.AtLeast(CustomSetsPlan):
		return fmt.Errorf("custom set %q on plan %v: %w", s.Name(), plan, ErrPlan)
	case row.Kind != 0 && row.Kind != s.Kind():
		return fmt.Errorf("%v set %q for a %v: %w", s.Kind(), s.Name(), row.Kind, ErrKind)
	}
	return nil
}

// firstRow returns the index of the first row for person, who is in rows.
// It runs only on the error path, once.
func firstRow(rows []Person, person scope.ID) (i int) {
	for rows[i].ID != person {
		i++
	}
	return i
}
