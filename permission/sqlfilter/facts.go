package sqlfilter

import (
	"database/sql/driver"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/permission/clip"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
)

// factSet is a set of facts, one bit per fact.
type factSet uint32

func factsOf(fs ...fact) factSet {
	var s factSet
	for _, f := range fs {
		s |= 1 << f
	}
	return s
}

func (s factSet) has(f fact) bool { return s&(1<<f) != 0 }

// need is what a permission.Resource of a kind needs for Authorize to decide
// every action of the kind as it would with every field filled in: the facts
// its rules read, and whether they read the approvers an absence request's
// policy names. PersonPermissions is not among them: no column holds a
// permission set, and the host fills it in (only changing a person's set
// reads it). TestKindNeedsSuffice checks, over generated subjects and
// resources, that a resource with only these facts (and its organization,
// kind and ID) gets every decision of its kind that the full one gets.
type need struct {
	facts     factSet
	approvers bool
}

var (
	onProject = factsOf(factProject, factVisibility)
	onBudget  = onProject | factsOf(factBudget)
)

// kindNeeds is the table of what each kind needs. A kind absent from it
// needs nothing beyond its organization and ID.
var kindNeeds = map[permission.Kind]need{
	permission.KindPerson:        {facts: factsOf(factPerson, factPersonRole, factWorkplace)},
	permission.KindProject:       {facts: onProject},
	permission.KindTask:          {facts: onProject},
	permission.KindDoc:           {facts: onProject},
	permission.KindTimeEntry:     {facts: onBudget | factsOf(factClientAccess, factPerson, factApprover, factApprovalRequired, factApproved)},
	permission.KindTimeOff:       {facts: factsOf(factPerson, factWorkplace, factManager, factManagerApproves), approvers: true},
	permission.KindBooking:       {facts: onBudget | factsOf(factPerson)},
	permission.KindBudget:        {facts: onBudget | factsOf(factClientAccess)},
	permission.KindDeal:          {facts: factsOf(factDeal)},
	permission.KindInvoice:       {facts: onBudget},
	permission.KindExpense:       {facts: onBudget | factsOf(factPerson)},
	permission.KindAllocation:    {facts: factsOf(factPerson, factWorkplace)},
	permission.KindPurchaseOrder: {facts: onBudget},
	permission.KindService:       {facts: onBudget | factsOf(factClientAccess)},
}

// Placeholders of a FactsQuery's arguments that Args fills in.
type (
	orgArg struct{}
	idArg  struct{}
)

// FactsQuery is the statement that loads the facts of one record of a kind
// by its key, the organization and the record's ID, and turns the row into
// a [permission.Resource]: what a host needs to call [permission.Authorize]
// on one record, written from the same [Facts] that [Renderer.Render]
// filters lists with. [Renderer.Facts] builds it once per kind; it is
// immutable and safe for concurrent use.
//
// The statement is
//
//	SELECT <Select> FROM <from> WHERE <Where>
//
// where from is the host's: the table of the kind's records, with the joins
// and aliases that make the columns its Facts name visible, as in its
// listing query. Its placeholders are numbered (PostgreSQL) or ordered
// (SQLite) as [FactsQuery.Args] returns their values.
type FactsQuery struct {
	kind      permission.Kind
	sel       string
	where     string
	facts     []fact // the facts of the select list, in order
	approvers bool   // the select list ends with the approvers: their count, a colon, their IDs comma-separated
	args      []any  // the arguments, orgArg and idArg standing for the key
	need      need
	public    any
	on        any
}

// Facts returns the query that loads one record of kind k by its key (see
// [FactsQuery]). It selects every fact column the schema describes for k
// (the organization and the ID first), and, for an absence request, its
// approvers from [Schema.Approvers], as their count, a colon and their IDs
// comma-separated ("2:4,9").
//
// It fails with [ErrKind] when k is not in the schema, with [ErrColumn]
// naming the kind and the fact when a fact a [permission.Resource] of the
// kind needs has no column (the ID always: it is the key; a person's
// PersonRole; a time entry's ApprovalRequired, Approved, ClientAccess,
// Approver, ...), and with [ErrMembers] when an absence request's approvers
// are needed and Schema.Approvers is not described. Nothing is left out
// silently: a Resource without a fact its rules read could be allowed what
// the full one is not.
func (r *Renderer) Facts(k permission.Kind) (*FactsQuery, error) {
	cols, ok := r.kinds[k]
	if !ok {
		return nil, fmt.Errorf("sqlfilter: loading a %v: %w", k, ErrKind)
	}
	nd := kindNeeds[k]
	for f := range endFact {
		if (f == factID || nd.facts.has(f)) && cols[f] == "" {
			return nil, fmt.Errorf("sqlfilter: loading a %v needs Kinds[%v].%s: %w", k, k, factNames[f], ErrColumn)
		}
	}
	q := &FactsQuery{kind: k, need: nd, public: r.public, on: r.clientAccessOn}
	w := &writer{dialect: r.dialect}
	for f := range endFact {
		if cols[f] == "" {
			continue
		}
		if len(q.facts) > 0 {
			w.str(", ")
		}
		w.str(cols[f])
		q.facts = append(q.facts, f)
	}
	if nd.approvers {
		m := &r.members[approverMembers]
		if !m.described {
			return nil, fmt.Errorf("sqlfilter: loading a %v needs Schema.%s: %w", k, m.name, ErrMembers)
		}
		// "COUNT:ID,ID,...": the count tells one approver whose ID is the
		// text "2,3" (in a text column) from two approvers, 2 and 3.
		agg := "CAST(count(" + m.person + ") AS TEXT) || ':' || string_agg(CAST(" + m.person + " AS TEXT), ',')"
		if r.dialect == SQLite {
			agg = "count(" + m.person + ") || ':' || group_concat(" + m.person + ", ',')"
		}
		w.str(", (SELECT ", agg, " FROM ", m.from, " WHERE ", m.target, " = ", cols[factID])
		if m.typ != "" {
			w.str(" AND ", m.typ, " = ")
			w.param(m.typeValue)
		}
		if m.org != "" {
			w.str(" AND ", m.org, " = ")
			w.param(orgArg{})
		}
		w.str(")")
		q.approvers = true
	}
	split := w.b.Len()
	w.str("(", cols[factOrg], " = ")
	w.param(orgArg{})
	w.str(" AND ", cols[factID], " = ")
	w.param(idArg{})
	w.str(")")
	text := w.b.String()
	q.sel, q.where, q.args = text[:split], text[split:], w.args
	return q, nil
}

// Kind returns the kind of record q loads.
func (q *FactsQuery) Kind() permission.Kind { return q.kind }

// Select returns the select list: the kind's fact columns, quoted as
// [Renderer.Render] quotes them, then the approvers' subquery if any.
func (q *FactsQuery) Select() string { return q.sel }

// Where returns the key condition: the kind's Org and ID columns equal to
// the organization and the record's ID, as placeholders, parenthesized.
func (q *FactsQuery) Where() string { return q.where }

// Statement returns "SELECT <Select> FROM <from> WHERE <Where>". from is the
// host's FROM clause (tables, aliases, joins) and must bind no placeholders
// of its own: the arguments are [FactsQuery.Args]'s, in order.
func (q *FactsQuery) Statement(from string) string {
	return "SELECT " + q.sel + " FROM " + from + " WHERE " + q.where
}

// Args returns the statement's arguments for the record of ID record in
// organization org, in the order of its placeholders. It fails with [ErrValue] for an ID
// that does not fit a signed 64-bit column.
func (q *FactsQuery) Args(org, record scope.ID) ([]any, error) {
	o, err := id(org, "organization")
	if err != nil {
		return nil, err
	}
	i, err := id(record, "record")
	if err != nil {
		return nil, err
	}
	out := make([]any, len(q.args))
	for n, a := range q.args {
		switch a.(type) {
		case orgArg:
			out[n] = o
		case idArg:
			out[n] = i
		default:
			out[n] = a
		}
	}
	return out, nil
}

// Row is what [FactsQuery.Scan] reads: a *sql.Row or *sql.Rows, or any
// row of a driver that scans into *any.
type Row interface {
	Scan(dest ...any) error
}

// Scan reads one row of the statement into a [permission.Resource] of q's
// kind. An error of row.Scan (sql.ErrNoRows for a record that does not
// exist) is returned wrapped, so errors.Is finds it.
//
// Each column is read as the rendered filters compare it:
//   - an ID (Org, ID, Project, Budget, Deal, Person, Approver, Workplace,
//     Manager) is an integer, or its decimal text; NULL is 0, none;
//   - Visibility is [scope.Public] when it equals Schema.Public, NULL the
//     zero (invalid) visibility, which Authorize denies as it lacks a
//     field, and any other value [scope.Private];
//   - ClientAccess is true exactly when it equals Schema.ClientAccessOn
//     (NULL never does);
//   - ApprovalRequired, Approved and ManagerApproves are booleans (true or
//     false, or 1 or 0 as SQLite stores them); NULL reads as false, but a
//     NULL ApprovalRequired of a time entry is an error: the filters match
//     it neither as requiring approval nor as not requiring it, and either
//     reading would allow something (approving it, or a client seeing it);
//   - PersonRole is a role's stable name ([role.Parse]), NULL the zero
//     (invalid) role; where PersonRank is selected too, it must be the
//     role's rank, so that the filters and Authorize read the same person;
//   - the approvers are the IDs the statement aggregates, "COUNT:ID,ID,...",
//     each in canonical decimal and as many as the count says.
//
// Any other value fails with an error wrapping [ErrValue] that names the
// kind, the fact and the value, and nothing is returned. PersonPermissions
// is never filled in: no column holds a permission set, and the host sets
// it from the person's set where it changes someone's set.
func (q *FactsQuery) Scan(row Row) (permission.Resource, error) {
	n := len(q.facts)
	if q.approvers {
		n++
	}
	vals := make([]any, n)
	ptrs := make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := row.Scan(ptrs...); err != nil {
		return permission.Resource{}, fmt.Errorf("sqlfilter: loading a %v: %w", q.kind, err)
	}
	res := permission.Resource{Kind: q.kind}
	rank, hasRank, rankRead := int64(0), false, false
	for i, f := range q.facts {
		v := vals[i]
		var err error
		switch f {
		case factOrg, factID, factProject, factBudget, factDeal, factPerson, factApprover, factWorkplace, factManager:
			var x scope.ID
			x, err = idValue(v)
			*idField(&res, f) = x
		case factVisibility:
			switch {
			case v == nil:
			case same(v, q.public):
				res.Visibility = scope.Public
			default:
				res.Visibility = scope.Private
			}
		case factClientAccess:
			res.ClientAccess = same(v, q.on)
		case factApprovalRequired, factApproved, factManagerApproves:
			var b, null bool
			b, null, err = boolValue(v)
			if err == nil && null && f == factApprovalRequired && q.need.facts.has(f) {
				err = fmt.Errorf("NULL, which is neither true nor false")
			}
			*boolField(&res, f) = b
		case factPersonRank:
			rankRead = true
			if v != nil {
				var x scope.ID
				x, err = idValue(v)
				rank, hasRank = int64(x), true
			}
		case factPersonRole:
			if v != nil {
				s, ok := text(v)
				if !ok {
					err = fmt.Errorf("%s: not text", describe(v))
					break
				}
				res.PersonRole, err = role.Parse(s)
			}
		}
		if err != nil {
			return permission.Resource{}, fmt.Errorf("sqlfilter: loading a %v: Kinds[%v].%s: %w: %w", q.kind, q.kind, factNames[f], err, ErrValue)
		}
	}
	if rankRead && !hasRank && res.PersonRole.IsValid() {
		// The filters compare the rank, and never list a NULL one: reading
		// the role alone would let Authorize decide a person they skip.
		return permission.Resource{}, fmt.Errorf("sqlfilter: loading a %v: Kinds[%v].PersonRank is NULL beside PersonRole %q: %w",
			q.kind, q.kind, res.PersonRole, ErrValue)
	}
	if hasRank && res.PersonRole.IsValid() && rank != int64(res.PersonRole.Rank()) {
		return permission.Resource{}, fmt.Errorf("sqlfilter: loading a %v: Kinds[%v].PersonRank %d disagrees with PersonRole %q, of rank %d: %w",
			q.kind, q.kind, rank, res.PersonRole, res.PersonRole.Rank(), ErrValue)
	}
	if q.approvers {
		ids, err := approverIDs(vals[n-1])
		if err != nil {
			return permission.Resource{}, fmt.Errorf("sqlfilter: loading a %v: approvers: %w: %w", q.kind, err, ErrValue)
		}
		res.Approvers = scope.NewMembers(ids...)
	}
	return res, nil
}

// idField returns the Resource field of an ID fact.
func idField(r *permission.Resource, f fact) *scope.ID {
	switch f {
	case factOrg:
		return &r.Org
	case factID:
		return &r.ID
	case factProject:
		return &r.Project
	case factBudget:
		return &r.Budget
	case factDeal:
		return &r.Deal
	case factPerson:
		return &r.Person
	case factApprover:
		return &r.Approver
	case factWorkplace:
		return &r.Workplace
	}
	return &r.Manager
}

// boolField returns the Resource field of a boolean fact.
func boolField(r *permission.Resource, f fact) *bool {
	switch f {
	case factApprovalRequired:
		return &r.ApprovalRequired
	case factApproved:
		return &r.Approved
	}
	return &r.ManagerApproves
}

// describe names a scanned value in an error, cut to a bounded length.
func describe(v any) string {
	if s, ok := text(v); ok {
		return clip.Quote(s)
	}
	return clip.Quote(fmt.Sprintf("%v", v)) + " (" + fmt.Sprintf("%T", v) + ")"
}

// text returns v as a string when it is text.
func text(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case []byte:
		return string(x), true
	}
	return "", false
}

// integer returns v as an int64 when it is an integer of a Go type a driver
// or a host's Row may give.
func integer(v any) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case int:
		return int64(x), true
	case int32:
		return int64(x), true
	case int16:
		return int64(x), true
	case int8:
		return int64(x), true
	case uint32:
		return int64(x), true
	case uint16:
		return int64(x), true
	case uint8:
		return int64(x), true
	case uint64:
		if x <= math.MaxInt64 {
			return int64(x), true
		}
	case uint:
		if uint64(x) <= math.MaxInt64 {
			return int64(x), true
		}
	}
	return 0, false
}

// idValue reads an ID column: NULL is 0; an integer or its decimal text
// must be from 0 to the largest signed 64-bit integer.
func idValue(v any) (scope.ID, error) {
	if v == nil {
		return 0, nil
	}
	if x, ok := integer(v); ok {
		if x < 0 {
			return 0, fmt.Errorf("%d: negative", x)
		}
		return scope.ID(x), nil
	}
	if s, ok := text(v); ok {
		// Canonical decimal only: SQL compares a text ID as text, so " 2",
		// "+2" or "02" is not the record of person 2 to the filters.
		x, err := strconv.ParseInt(s, 10, 64)
		if err != nil || x < 0 || strconv.FormatInt(x, 10) != s {
			return 0, fmt.Errorf("%s: not an ID", clip.Quote(s))
		}
		return scope.ID(x), nil
	}
	return 0, fmt.Errorf("%s: not an ID", describe(v))
}

// boolValue reads a boolean column: true or false, or 1 or 0 as SQLite
// stores booleans; null reports NULL.
func boolValue(v any) (b, null bool, err error) {
	if v == nil {
		return false, true, nil
	}
	if x, ok := v.(bool); ok {
		return x, false, nil
	}
	if x, ok := integer(v); ok && (x == 0 || x == 1) {
		return x == 1, false, nil
	}
	return false, false, fmt.Errorf("%s: not a boolean", describe(v))
}

// normal returns v as SQL compares it: booleans as 1 and 0 (SQLite's
// reading, and PostgreSQL never compares a boolean with anything else),
// integers as int64, text as string.
func normal(v any) any {
	if b, ok := v.(bool); ok {
		if b {
			return int64(1)
		}
		return int64(0)
	}
	if x, ok := integer(v); ok {
		return x
	}
	if s, ok := text(v); ok {
		return s
	}
	if f, ok := v.(float32); ok {
		return float64(f)
	}
	return v
}

// same reports whether the scanned value v equals the schema's spelling
// want (Schema.Public, Schema.ClientAccessOn) as the rendered "column =
// value" does. NULL equals nothing; values that Go cannot compare with ==
// are never equal.
func same(v, want any) bool {
	// The spelling goes to the database as database/sql converts an
	// argument: a named type (type visibility string) by its kind.
	if c, err := driver.DefaultParameterConverter.ConvertValue(want); err == nil {
		want = c
	}
	a, b := normal(v), normal(want)
	if a == nil || b == nil {
		return false
	}
	switch x := a.(type) {
	case int64:
		if y, ok := b.(float64); ok {
			return float64(x) == y
		}
	case float64:
		if y, ok := b.(int64); ok {
			return x == float64(y)
		}
	}
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	if va.Type() != vb.Type() || !va.Comparable() || !vb.Comparable() {
		return false
	}
	return va.Equal(vb)
}

// approverIDs reads the approvers' column: NULL for none, else their
// count, a colon and their IDs joined by commas ("2:4,9"), as many as the
// count says.
func approverIDs(v any) ([]scope.ID, error) {
	if v == nil {
		return nil, nil
	}
	s, ok := text(v)
	if !ok {
		return nil, fmt.Errorf("%s: not text", describe(v))
	}
	count, list, ok := strings.Cut(s, ":")
	n, err := strconv.Atoi(count)
	if !ok || err != nil || strconv.Itoa(n) != count {
		return nil, fmt.Errorf("%s: not of the form COUNT:ID,ID", clip.Quote(s))
	}
	var ids []scope.ID
	for part := range strings.SplitSeq(list, ",") {
		x, err := idValue(part)
		if err != nil {
			return nil, err
		}
		ids = append(ids, x)
	}
	if len(ids) != n {
		return nil, fmt.Errorf("%s: %d IDs for a count of %d: an ID holding a comma", clip.Quote(s), len(ids), n)
	}
	return ids, nil
}
