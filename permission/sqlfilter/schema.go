package sqlfilter

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/permission/clip"
)

// Dialect is the SQL dialect a [Renderer] writes. The zero Dialect is
// invalid.
type Dialect uint8

// The dialects.
const (
	// PostgreSQL numbers its placeholders $1, $2, ... (continuing from
	// [Options.Offset]) and passes an ID set as one bigint[] argument
	// compared with = ANY($n). The same text runs on PostgreSQL-compatible
	// databases such as CockroachDB and YugabyteDB.
	PostgreSQL Dialect = iota + 1
	// SQLite writes ? placeholders and passes an ID set as one JSON array
	// text argument read with json_each.
	SQLite
)

// String returns "postgresql" or "sqlite"; an invalid dialect prints as
// "dialect(N)".
func (d Dialect) String() string {
	switch d {
	case PostgreSQL:
		return "postgresql"
	case SQLite:
		return "sqlite"
	}
	return fmt.Sprintf("dialect(%d)", uint8(d))
}

// Column names a column as the host's query sees it: Table is the table's
// name or the alias the host's FROM clause gives it, Name the column's name,
// and Schema, optional, the schema (PostgreSQL) or attached database
// (SQLite) of a table the host's query names without an alias. The column
// renders as "table"."name", or "schema"."table"."name", each part quoted on
// its own.
//
// Table and Name are required for a column that is used: a column inside an
// EXISTS subquery must be qualified to refer to the outer row. Table must
// not begin with [ReservedPrefix] in any ASCII case, nor Table or Schema
// hold a dot ([New] fails with [ErrIdentifier]). The zero Column means "not
// in this schema".
type Column struct {
	Schema string
	Table  string
	Name   string
}

// Facts says where the facts about one kind of record live. Every column is
// as the host's listing query sees it, usually through joins: for an invoice,
// Visibility may be the visibility column of the joined projects table. Org
// is required; the others only when a filter for the kind asks for them
// (Render fails with [ErrColumn] otherwise, naming the kind and the fact),
// or when [Renderer.Facts] loads a record of the kind: then ID and every
// fact the kind's rules read.
//
// A NULL in a fact column makes every condition on it false, and a NULL
// organization excludes the row. The fragment agrees with Authorize on
// well-formed records: a record that lacks a fact its kind needs is denied
// by Authorize, but the fragment still matches it when the filter asks
// nothing about that fact (an Everything filter, say). Declare the columns
// of the facts a kind needs NOT NULL.
type Facts struct {
	Org          Column // the record's organization; compared with the filter's on every render
	Project      Column // the project the record belongs to (for a project, its ID)
	Visibility   Column // the project's visibility; Schema.Public spells "public"
	Budget       Column // the budget the record belongs to (for a budget, its ID)
	ClientAccess Column // the budget's Client access toggle; Schema.ClientAccessOn spells "on"
	Deal         Column // the deal (for a deal, its ID)
	Person       Column // whose record it is (for a person, their ID)
	Approver     Column // the budget's designated approver of time
	PersonRank   Column // for a person, role.Role.Rank of their role (0 for clients and contractors, role.Owner.Rank() for the Owner)

	// The relations beyond membership. Boolean columns compare with the
	// booleans true and false (stored as 1 and 0 by SQLite).
	ID               Column // the record's own ID, which Schema.Approvers names and Renderer.Facts loads a record by
	Workplace        Column // the subsidiary of the person whose record it is (0 or NULL for none)
	ApprovalRequired Column // for a time entry, whether its budget requires time approval
	Approved         Column // for a time entry, whether it is approved
	Manager          Column // the manager of the person whose record it is
	ManagerApproves  Column // whether the record's approval policy names the person's manager

	// PersonRole is, for a person, their role by its stable name
	// (role.Role.String: "staff", "client", ...). No filter reads it
	// (PersonRank serves them); [Renderer.Facts] loads it, as a
	// [permission.Resource] of a person needs the role itself: a client and
	// a contractor share rank 0.
	PersonRole Column
}

// MemberTable says where memberships of one kind (projects, deals or
// budgets) live, for the [Exists] form: a table with a row per (person,
// target) pair. One table can hold every kind, told apart by a Type column
// whose value for this kind is TypeValue; or each kind can have a table of
// its own, with Type left empty. Org, when given, is constrained to the
// organization too: it is needed when IDs are unique only within an
// organization.
//
// The table renders as "table", or as "schema"."table" when Schema is given
// (a schema on PostgreSQL, an attached database on SQLite); the subquery
// always gives it an alias of its own that begins with [ReservedPrefix], so
// its name never hides the host's tables. A common table expression of the
// host's query (WITH) named like an unqualified membership table does hide
// it, as SQL scoping says: give Schema ("public", "main") to rule that out.
//
// The zero MemberTable means "not in this schema": the [Params] form still
// works, and the [Exists] form fails with [ErrMembers] when it is needed.
type MemberTable struct {
	Schema    string // optional: the table's schema or attached database
	Table     string // required
	Org       string // optional: the organization column
	Person    string // required: the member
	Target    string // required: the project, deal or budget ID
	Type      string // optional: the column telling the kinds apart
	TypeValue any    // the value of Type for this kind; required when Type is given
}

// Schema describes the host's tables for a [Renderer].
type Schema struct {
	// Dialect is the SQL dialect to write; required.
	Dialect Dialect
	// Kinds says, for each kind of record the host lists, where its facts
	// live. A kind that is absent cannot be rendered ([ErrKind]).
	Kinds map[permission.Kind]Facts
	// Public is the value of a Visibility column that means public. Nil
	// means the text "public" (scope.Public's name).
	Public any
	// ClientAccessOn is the value of a ClientAccess column that means on.
	// Nil means the boolean true (stored as 1 by SQLite).
	ClientAccessOn any
	// Projects, Deals and Budgets say where memberships live, for the
	// Exists form.
	Projects, Deals, Budgets MemberTable
	// Approvers says where the approvers an absence request's policy names
	// live: a row per (person, record), Target being the record's ID
	// (Facts.ID). Both forms read it, as the approvers belong to the record,
	// not to the subject.
	Approvers MemberTable
}

// Errors returned by [New] and [Renderer.Render], wrapped with the offending
// value. Test for them with errors.Is.
var (
	// ErrIdentifier: a table or column name is empty where one is needed,
	// holds a NUL byte or invalid UTF-8, is longer than PostgreSQL's 63-byte
	// limit; a table or schema name holds a dot; or a column's table begins
	// with [ReservedPrefix].
	ErrIdentifier = errors.New("invalid identifier")
	// ErrDialect: the dialect is not PostgreSQL or SQLite.
	ErrDialect = errors.New("unknown dialect")
	// ErrForm: the membership form is not Params or Exists.
	ErrForm = errors.New("unknown membership form")
	// ErrOffset: a placeholder offset that is negative, or that would
	// number a placeholder of the fragment past [MaxPlaceholder].
	ErrOffset = errors.New("placeholder offset out of range")
	// ErrKind: the filter's kind of record is not in the schema.
	ErrKind = errors.New("kind not in schema")
	// ErrColumn: a fact a condition needs has no column for the kind.
	ErrColumn = errors.New("fact has no column")
	// ErrMembers: the Exists form needs a membership table that is not
	// described.
	ErrMembers = errors.New("membership table not in schema")
	// ErrValue: an ID that does not fit a signed 64-bit column, or a
	// membership Type without a TypeValue.
	ErrValue = errors.New("value cannot be passed")
	// ErrCondition: a condition the renderer has no row for. It fails
	// closed: nothing is rendered.
	ErrCondition = errors.New("unknown condition")
)

// ReservedPrefix begins every alias the renderer gives a table of its own
// (today "sqlfilter_m", the membership table inside an EXISTS subquery).
// Inside the subquery that alias hides any outer table of the same name, so
// an outer column qualified with it would silently read the membership row
// instead. [New] therefore refuses, with [ErrIdentifier], a [Column] whose
// Table begins with ReservedPrefix in any ASCII case: SQLite folds the ASCII
// letters of identifiers, quoted or not ("SQLFILTER_M" is sqlfilter_m),
// while PostgreSQL compares quoted identifiers exactly; the rule covers
// both, and every alias a later version adds.
const ReservedPrefix = "sqlfilter_"

// alias is the name the renderer gives the membership table inside its
// EXISTS subqueries. It begins with ReservedPrefix.
const alias = ReservedPrefix + "m"

// reserved reports whether name begins with ReservedPrefix, ignoring the
// case of ASCII letters as SQLite does (and no other folding: SQLite folds
// no other letter, and PostgreSQL none in a quoted identifier).
func reserved(name string) bool {
	if len(name) < len(ReservedPrefix) {
		return false
	}
	for i := range len(ReservedPrefix) {
		c := name[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != ReservedPrefix[i] {
			return false
		}
	}
	return true
}

// maxIdentifier is PostgreSQL's limit on the length of a name in bytes
// (NAMEDATALEN - 1); longer names are silently truncated there, so they are
// rejected for every dialect.
const maxIdentifier = 63

// quote returns name as a double-quoted identifier, or an error wrapping
// ErrIdentifier. Both dialects quote the same way: a double quote inside
// the name is doubled.
func quote(name, what string) (string, error) {
	switch {
	case name == "":
		return "", fmt.Errorf("sqlfilter: %s: empty name: %w", what, ErrIdentifier)
	case strings.IndexByte(name, 0) >= 0:
		return "", fmt.Errorf("sqlfilter: %s %s: NUL byte: %w", what, clip.Quote(name), ErrIdentifier)
	case !utf8.ValidString(name):
		return "", fmt.Errorf("sqlfilter: %s %s: invalid UTF-8: %w", what, clip.Quote(name), ErrIdentifier)
	case len(name) > maxIdentifier:
		return "", fmt.Errorf("sqlfilter: %s %s: longer than %d bytes: %w", what, clip.Quote(name), maxIdentifier, ErrIdentifier)
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`, nil
}

// quoteTable returns table, schema-qualified when schema is not empty, as
// "table" or "schema"."table", or an error wrapping ErrIdentifier. Neither
// part may hold a dot: a host that writes "auth.members" as the table means
// schema auth, and is told to say so in the Schema field rather than have
// the whole quoted as one name that the database does not know.
func quoteTable(schema, table, what string) (string, error) {
	for _, p := range [2]struct{ name, field string }{{schema, "Schema"}, {table, "Table"}} {
		if strings.IndexByte(p.name, '.') >= 0 {
			return "", fmt.Errorf("sqlfilter: %s.%s %s: holds a dot (a schema goes in Schema, the table's name in Table): %w",
				what, p.field, clip.Quote(p.name), ErrIdentifier)
		}
	}
	t, err := quote(table, what+".Table")
	if err != nil || schema == "" {
		return t, err
	}
	q, err := quote(schema, what+".Schema")
	if err != nil {
		return "", err
	}
	return q + "." + t, nil
}

// fact names one of the Facts fields.
type fact uint8

const (
	factOrg fact = iota
	factProject
	factVisibility
	factBudget
	factClientAccess
	factDeal
	factPerson
	factApprover
	factPersonRank
	factID
	factWorkplace
	factApprovalRequired
	factApproved
	factManager
	factManagerApproves
	factPersonRole

	endFact
)

var factNames = [endFact]string{"Org", "Project", "Visibility", "Budget", "ClientAccess", "Deal", "Person", "Approver", "PersonRank",
	"ID", "Workplace", "ApprovalRequired", "Approved", "Manager", "ManagerApproves", "PersonRole"}

// columns returns the Facts as an array indexed by fact.
func (f *Facts) columns() [endFact]Column {
	return [endFact]Column{f.Org, f.Project, f.Visibility, f.Budget, f.ClientAccess, f.Deal, f.Person, f.Approver, f.PersonRank,
		f.ID, f.Workplace, f.ApprovalRequired, f.Approved, f.Manager, f.ManagerApproves, f.PersonRole}
}

// quoteColumn returns c as "table"."name" or "schema"."table"."name", ""
// for the zero Column, or an error for a half-filled or invalid one, or one
// whose table an alias of the renderer could hide.
func quoteColumn(c Column, what string) (string, error) {
	if c == (Column{}) {
		return "", nil
	}
	if reserved(c.Table) {
		return "", fmt.Errorf("sqlfilter: %s.Table %s: begins with %q, reserved for the renderer's own aliases (in any ASCII case): %w",
			what, clip.Quote(c.Table), ReservedPrefix, ErrIdentifier)
	}
	t, err := quoteTable(c.Schema, c.Table, what)
	if err != nil {
		return "", err
	}
	n, err := quote(c.Name, what+".Name")
	if err != nil {
		return "", err
	}
	return t + "." + n, nil
}

// memberSQL is a MemberTable with its identifiers quoted and qualified with
// the subquery alias; the zero memberSQL means "not described".
type memberSQL struct {
	from      string // "table" AS "sqlfilter_m", or "schema"."table" AS ...
	org       string // "sqlfilter_m"."org", or ""
	person    string
	target    string
	typ       string
	typeValue any
	described bool
	name      string // "Projects", "Deals" or "Budgets", for errors
}

func compileMembers(m MemberTable, what string) (memberSQL, error) {
	out := memberSQL{name: what}
	if m == (MemberTable{}) {
		return out, nil
	}
	q := func(name, field string) (string, error) {
		s, err := quote(name, what+"."+field)
		if err != nil {
			return "", err
		}
		return `"` + alias + `".` + s, nil
	}
	table, err := quoteTable(m.Schema, m.Table, what)
	if err != nil {
		return out, err
	}
	out.from = table + ` AS "` + alias + `"`
	if out.person, err = q(m.Person, "Person"); err != nil {
		return out, err
	}
	if out.target, err = q(m.Target, "Target"); err != nil {
		return out, err
	}
	if m.Org != "" {
		if out.org, err = q(m.Org, "Org"); err != nil {
			return out, err
		}
	}
	switch {
	case m.Type != "" && m.TypeValue == nil:
		return out, fmt.Errorf("sqlfilter: %s.Type %s has no TypeValue: %w", what, clip.Quote(m.Type), ErrValue)
	case m.Type != "":
		if out.typ, err = q(m.Type, "Type"); err != nil {
			return out, err
		}
		out.typeValue = m.TypeValue
	}
	out.described = true
	return out, nil
}

// Renderer renders filters for one [Schema]. It is immutable and safe for
// concurrent use.
type Renderer struct {
	dialect        Dialect
	kinds          map[permission.Kind]*[endFact]string
	public         any
	clientAccessOn any
	members        [4]memberSQL // projects, deals, budgets, approvers
}

// Membership table indexes into Renderer.members.
const (
	projectMembers = iota
	dealMembers
	budgetMembers
	approverMembers
)

// New checks s and returns its [Renderer]. It fails with [ErrDialect] for an
// unknown dialect, and with [ErrIdentifier] (naming the kind and field) for
// an invalid or half-filled name or a Facts value without an Org column.
func New(s Schema) (*Renderer, error) {
	if s.Dialect != PostgreSQL && s.Dialect != SQLite {
		return nil, fmt.Errorf("sqlfilter: %v: %w", s.Dialect, ErrDialect)
	}
	r := &Renderer{
		dialect:        s.Dialect,
		kinds:          make(map[permission.Kind]*[endFact]string, len(s.Kinds)),
		public:         s.Public,
		clientAccessOn: s.ClientAccessOn,
	}
	if r.public == nil {
		r.public = "public"
	}
	if r.clientAccessOn == nil {
		r.clientAccessOn = true
	}
	for k, f := range s.Kinds {
		if !k.IsValid() {
			return nil, fmt.Errorf("sqlfilter: Kinds: %v: %w", k, ErrKind)
		}
		if f.Org == (Column{}) {
			return nil, fmt.Errorf("sqlfilter: Kinds[%v].Org: no organization column: %w", k, ErrIdentifier)
		}
		var cols [endFact]string
		for i, c := range f.columns() {
			q, err := quoteColumn(c, fmt.Sprintf("Kinds[%v].%s", k, factNames[i]))
			if err != nil {
				return nil, err
			}
			cols[i] = q
		}
		r.kinds[k] = &cols
	}
	var err error
	if r.members[projectMembers], err = compileMembers(s.Projects, "Projects"); err != nil {
		return nil, err
	}
	if r.members[dealMembers], err = compileMembers(s.Deals, "Deals"); err != nil {
		return nil, err
	}
	if r.members[budgetMembers], err = compileMembers(s.Budgets, "Budgets"); err != nil {
		return nil, err
	}
	if r.members[approverMembers], err = compileMembers(s.Approvers, "Approvers"); err != nil {
		return nil, err
	}
	return r, nil
}
