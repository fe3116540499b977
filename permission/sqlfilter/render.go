package sqlfilter

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
)

// Form is how a rendered fragment tests the subject's memberships. The zero
// Form is invalid.
type Form uint8

// The membership forms.
const (
	// Params passes the subject's ID sets (permission.Filter.Projects,
	// Deals, Budgets) as arguments: one bigint[] compared with = ANY($n) on
	// PostgreSQL, one JSON array read with json_each(?) on SQLite. The text
	// does not grow with the set, but the set travels with every query: for
	// sets of up to a few thousand IDs.
	Params Form = iota + 1
	// Exists asks the host's membership tables with a correlated
	// EXISTS (SELECT 1 FROM ... ) subquery per membership condition: the
	// arguments are the subject's ID and the organization only, whatever the
	// number of memberships. It needs the Schema's MemberTable values.
	Exists
)

// String returns "params" or "exists"; an invalid form prints as "form(N)".
func (f Form) String() string {
	switch f {
	case Params:
		return "params"
	case Exists:
		return "exists"
	}
	return fmt.Sprintf("form(%d)", uint8(f))
}

// Options are the per-query inputs of [Renderer.Render]. The organization
// is not among them: it comes from the filter ([permission.Filter.Org]).
type Options struct {
	// Form is the membership form; required.
	Form Form
	// Offset is the number of placeholders the host's query already uses
	// before the fragment: with Offset 2 the first PostgreSQL placeholder is
	// $3. SQLite's ? placeholders are positional and do not show it.
	//
	// Offset plus the number of the fragment's arguments may not exceed
	// [MaxPlaceholder], in either dialect (so that a host whose tests run on
	// SQLite learns what PostgreSQL would refuse): Render fails with
	// [ErrOffset] otherwise, naming the offset. A negative Offset fails
	// the same way.
	Offset int
}

// MaxPlaceholder is the highest placeholder number PostgreSQL accepts: its
// wire protocol counts a statement's parameters in 16 bits, so $65535 is
// the last a query can bind. Render never numbers a placeholder past it.
const MaxPlaceholder = 65535

// op is how a condition compares its fact column.
type op uint8

const (
	equals      op = iota + 1 // column = value
	differs                   // column <> value
	member                    // column is one of the subject's IDs of a kind
	rankAtMost                // column <= subject's rank, and column is not the Owner's rank
	sameNonZero               // column = value, where a zero value matches no row
	approverOf                // the subject is among the record's approvers (Schema.Approvers)
	managerIs                 // the record's policy names the person's manager, who is the subject
	awaits                    // the record's policy names anyone: an approver, or a manager
	refused                   // no SQL means it: Render fails with ErrCondition, naming why
)

// rule is one row of the condition table.
type rule struct {
	fact    fact
	op      op
	value   func(r *Renderer, f *permission.Filter) (any, error) // for equals, differs and sameNonZero
	members int                                                  // for member: index into Renderer.members
	ids     func(permission.Filter) scope.Members                // for member: the subject's IDs
	nonZero bool                                                 // for member: a zero ID is no relation (a booking on no budget)
	why     string                                               // for refused: what to do instead
}

// rules is the condition table: what each condition means in SQL. A new
// condition is one row here. A condition without a row fails to render
// (ErrCondition), so a filter never silently loses a clause.
var rules = map[permission.Condition]rule{
	permission.ProjectIsPublic:    {fact: factVisibility, op: equals, value: publicValue},
	permission.ProjectIsShared:    {fact: factProject, op: member, members: projectMembers, ids: permission.Filter.Projects},
	permission.DealIsAssigned:     {fact: factDeal, op: member, members: dealMembers, ids: permission.Filter.Deals},
	permission.BudgetIsShared:     {fact: factBudget, op: member, members: budgetMembers, ids: permission.Filter.Budgets, nonZero: true},
	permission.BudgetClientAccess: {fact: factClientAccess, op: equals, value: clientAccessValue},
	permission.OwnedBySubject:     {fact: factPerson, op: equals, value: subjectValue},
	permission.OwnedByOther:       {fact: factPerson, op: differs, value: subjectValue},
	permission.ApprovedBySubject:  {fact: factApprover, op: equals, value: subjectValue},
	permission.PersonManageable:   {fact: factPersonRank, op: rankAtMost},
	permission.SameWorkplace:      {fact: factWorkplace, op: sameNonZero, value: workplaceValue},
	permission.ApprovalOn:         {fact: factApprovalRequired, op: equals, value: trueValue},
	permission.ApprovalOff:        {fact: factApprovalRequired, op: equals, value: falseValue},
	permission.EntryApproved:      {fact: factApproved, op: equals, value: trueValue},
	permission.NamedApprover:      {fact: factID, op: approverOf},
	permission.ManagerApprover:    {fact: factManager, op: managerIs},
	permission.AwaitsApprover:     {fact: factID, op: awaits},
	permission.PersonWithinRights: {op: refused, why: "it compares the person's permission set with the subject's, which no column holds: decide person.change_permission_set per person with Authorize"},
}

func workplaceValue(_ *Renderer, f *permission.Filter) (any, error) {
	return id(f.SubjectWorkplace(), "workplace")
}
func trueValue(*Renderer, *permission.Filter) (any, error)  { return true, nil }
func falseValue(*Renderer, *permission.Filter) (any, error) { return false, nil }

func publicValue(r *Renderer, _ *permission.Filter) (any, error)       { return r.public, nil }
func clientAccessValue(r *Renderer, _ *permission.Filter) (any, error) { return r.clientAccessOn, nil }
func subjectValue(_ *Renderer, f *permission.Filter) (any, error) {
	return id(f.SubjectID(), "subject")
}

// id returns x as the int64 a BIGINT column holds, or an error wrapping
// ErrValue when it does not fit.
func id(x scope.ID, what string) (int64, error) {
	if x > math.MaxInt64 {
		return 0, fmt.Errorf("sqlfilter: %s ID %d does not fit a signed 64-bit column: %w", what, uint64(x), ErrValue)
	}
	return int64(x), nil
}

// writer accumulates a fragment and its arguments.
type writer struct {
	b       strings.Builder
	args    []any
	dialect Dialect
	offset  int
}

func (w *writer) str(s ...string) {
	for _, x := range s {
		w.b.WriteString(x)
	}
}

// param writes the next placeholder and records its argument.
func (w *writer) param(v any) {
	w.args = append(w.args, v)
	if w.dialect == PostgreSQL {
		w.b.WriteByte('$')
		w.b.WriteString(strconv.Itoa(w.offset + len(w.args)))
		return
	}
	w.b.WriteByte('?')
}

// Render returns the WHERE fragment for f and its arguments, in the order of
// the placeholders. The fragment is parenthesized, so the host can AND it
// with its own conditions:
//
//	SELECT ... FROM invoices i JOIN ... WHERE i.archived = false AND <fragment>
//
// A [permission.Filter.None] filter (the zero Filter included) renders as
// FALSE with no arguments. Otherwise the fragment constrains the kind's Org
// column (and a MemberTable's Org column) to the filter's organization,
// [permission.Filter.Org], then holds every clause of the filter, each an OR
// of its conditions rendered through the condition table.
//
// Render fails, and renders nothing, when the options are invalid
// ([ErrForm]; [ErrOffset], also when Offset leaves too few placeholder
// numbers for the fragment, see [Options.Offset]), the filter's kind is not
// in the schema ([ErrKind]), a condition needs a column the kind lacks
// ([ErrColumn]) or a membership table the schema lacks ([ErrMembers]), an ID
// does not fit ([ErrValue]), or a condition is unknown ([ErrCondition]).
func (r *Renderer) Render(f permission.Filter, o Options) (string, []any, error) {
	if o.Form != Params && o.Form != Exists {
		return "", nil, fmt.Errorf("sqlfilter: %v: %w", o.Form, ErrForm)
	}
	if o.Offset < 0 || o.Offset > MaxPlaceholder {
		return "", nil, fmt.Errorf("sqlfilter: offset %d: not within 0 to %d: %w", o.Offset, MaxPlaceholder, ErrOffset)
	}
	if f.None() {
		return "FALSE", nil, nil
	}
	org, err := id(f.Org(), "organization") // never zero: List gives a valid subject's filter only
	if err != nil {
		return "", nil, err
	}
	kind := f.Action().Kind()
	cols, ok := r.kinds[kind]
	if !ok {
		return "", nil, fmt.Errorf("sqlfilter: %v (for %v): %w", kind, f.Action(), ErrKind)
	}
	w := &writer{dialect: r.dialect, offset: o.Offset}
	w.str("(", cols[factOrg], " = ")
	w.param(org)
	for cl := range f.Clauses() {
		w.str(" AND (")
		n := 0
		for c := range cl.Conditions() {
			if n > 0 {
				w.str(" OR ")
			}
			if err := r.condition(w, cols, &f, c, o.Form, org, kind); err != nil {
				return "", nil, err
			}
			n++
		}
		if n == 0 { // a clause with no conditions never holds
			w.str("FALSE")
		}
		w.str(")")
	}
	w.str(")")
	if last := o.Offset + len(w.args); last > MaxPlaceholder {
		return "", nil, fmt.Errorf("sqlfilter: offset %d: the fragment's %d placeholders would end at $%d, past $%d: %w",
			o.Offset, len(w.args), last, MaxPlaceholder, ErrOffset)
	}
	return w.b.String(), w.args, nil
}

// condition renders one condition through the rules table.
func (r *Renderer) condition(w *writer, cols *[endFact]string, f *permission.Filter, c permission.Condition, form Form, org int64, kind permission.Kind) error {
	ru, ok := rules[c]
	switch {
	case !ok:
		return fmt.Errorf("sqlfilter: %v: %w", c, ErrCondition)
	case ru.op == refused:
		return fmt.Errorf("sqlfilter: %v: %w: %s", c, ErrCondition, ru.why)
	}
	col := cols[ru.fact]
	if col == "" {
		return fmt.Errorf("sqlfilter: %v needs Kinds[%v].%s: %w", c, kind, factNames[ru.fact], ErrColumn)
	}
	switch ru.op {
	case equals, differs:
		v, err := ru.value(r, f)
		if err != nil {
			return err
		}
		cmp := " = "
		if ru.op == differs {
			cmp = " <> "
		}
		w.str(col, cmp)
		w.param(v)
	case rankAtMost:
		w.str("(", col, " <= ")
		w.param(int64(f.SubjectRank()))
		w.str(" AND ", col, " <> ")
		w.param(int64(role.Owner.Rank()))
		w.str(")")
	case sameNonZero:
		v, err := ru.value(r, f)
		if err != nil {
			return err
		}
		if v == int64(0) {
			w.str("FALSE") // nobody is of no subsidiary
			return nil
		}
		w.str(col, " = ")
		w.param(v)
	case member:
		if ru.nonZero {
			w.str("(", col, " <> ")
			w.param(int64(0)) // values, constants too, travel only as arguments
			w.str(" AND ")
			defer w.str(")")
		}
		if form == Exists {
			return r.exists(w, col, &r.members[ru.members], f, org)
		}
		return r.inSet(w, col, ru.ids(*f))
	case approverOf:
		me, err := id(f.SubjectID(), "subject")
		if err != nil {
			return err
		}
		return r.approvers(w, col, &me, org)
	case managerIs, awaits:
		manager, approves := cols[factManager], cols[factManagerApproves]
		for _, need := range []fact{factManager, factManagerApproves} {
			if cols[need] == "" {
				return fmt.Errorf("sqlfilter: %v needs Kinds[%v].%s: %w", c, kind, factNames[need], ErrColumn)
			}
		}
		if ru.op == managerIs {
			me, err := id(f.SubjectID(), "subject")
			if err != nil {
				return err
			}
			w.str("(", approves, " = ")
			w.param(true)
			w.str(" AND ", manager, " = ")
			w.param(me)
			w.str(")")
			return nil
		}
		w.str("(")
		if err := r.approvers(w, col, nil, org); err != nil {
			return err
		}
		w.str(" OR (", approves, " = ")
		w.param(true)
		w.str(" AND ", manager, " <> ") // a NULL manager is none: the comparison is not true
		w.param(int64(0))
		w.str("))")
	}
	return nil
}

// approvers renders whether the record whose ID is col has an approver in
// Schema.Approvers: the subject when me is given, anyone otherwise.
func (r *Renderer) approvers(w *writer, col string, me *int64, org int64) error {
	m := &r.members[approverMembers]
	if !m.described {
		return fmt.Errorf("sqlfilter: approvers need Schema.%s: %w", m.name, ErrMembers)
	}
	subquery(w, m, col, me, org)
	return nil
}

// subquery writes EXISTS (SELECT 1 FROM m WHERE target = col [AND person =
// me] [AND type = its value] [AND org = org]).
func subquery(w *writer, m *memberSQL, col string, me *int64, org int64) {
	w.str("EXISTS (SELECT 1 FROM ", m.from, " WHERE ", m.target, " = ", col)
	if me != nil {
		w.str(" AND ", m.person, " = ")
		w.param(*me)
	}
	if m.typ != "" {
		w.str(" AND ", m.typ, " = ")
		w.param(m.typeValue)
	}
	if m.org != "" {
		w.str(" AND ", m.org, " = ")
		w.param(org)
	}
	w.str(")")
}

// inSet renders the Params form of a membership condition.
func (r *Renderer) inSet(w *writer, col string, ids scope.Members) error {
	if r.dialect == PostgreSQL {
		arr := make([]int64, 0, ids.Len())
		for x := range ids.All() {
			v, err := id(x, "member")
			if err != nil {
				return err
			}
			arr = append(arr, v)
		}
		w.str(col, " = ANY(")
		w.param(arr)
		w.str(")")
		return nil
	}
	js := make([]byte, 0, 2+ids.Len()*8)
	js = append(js, '[')
	for x := range ids.All() {
		v, err := id(x, "member")
		if err != nil {
			return err
		}
		if len(js) > 1 {
			js = append(js, ',')
		}
		js = strconv.AppendInt(js, v, 10)
	}
	js = append(js, ']')
	w.str(col, " IN (SELECT value FROM json_each(")
	w.param(string(js))
	w.str("))")
	return nil
}

// exists renders the Exists form of a membership condition.
func (r *Renderer) exists(w *writer, col string, m *memberSQL, f *permission.Filter, org int64) error {
	if !m.described {
		return fmt.Errorf("sqlfilter: the exists form needs Schema.%s: %w", m.name, ErrMembers)
	}
	me, err := id(f.SubjectID(), "subject")
	if err != nil {
		return err
	}
	subquery(w, m, col, &me, org)
	return nil
}
