package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/permission/sqlfilter"
)

// The tables of this example, described by data: one table per kind of
// record, every one with the same columns, so that a kind that starts
// needing another fact needs no new column and no new code.
//
// Every table has org_id and id (the primary key: IDs are unique only within
// an organization), a label for people to read, and a column for every fact
// a condition can ask about, or a permission.Resource needs: the record's
// project and that project's visibility, its budget and the budget's Client
// access and approver, its deal, its person and that person's rank and role. The facts of a project, budget or
// person are copied onto the records that refer to them, as a read model
// does; a host whose facts live on the referenced rows joins them in instead
// and names the joined columns in its sqlfilter.Facts (the sqlfilter package's
// examples do that).
//
// Memberships are one table for projects, deals and budgets, told apart by
// target_type; its primary key is the index the README recommends for the
// EXISTS form.

// tables lists a table for every kind of record.
var tables = []struct {
	kind permission.Kind
	name string
}{
	{permission.KindOrganization, "organizations"},
	{permission.KindPerson, "people"},
	{permission.KindProject, "projects"},
	{permission.KindTask, "tasks"},
	{permission.KindDoc, "docs"},
	{permission.KindTimeEntry, "time_entries"},
	{permission.KindTimeOff, "time_off"},
	{permission.KindBooking, "bookings"},
	{permission.KindBudget, "budgets"},
	{permission.KindDeal, "deals"},
	{permission.KindInvoice, "invoices"},
	{permission.KindExpense, "expenses"},
	{permission.KindContact, "contacts"},
	{permission.KindAllocation, "absence_allocations"},
	{permission.KindClient, "clients"},
	{permission.KindPurchaseOrder, "purchase_orders"},
	{permission.KindService, "services"},
}

// columns is the one description of a record's row: each column's name and
// type, the value a record of an organization gives it, and which fact of
// sqlfilter.Facts it holds, if any.
var columns = []struct {
	name, typ string
	value     func(o *org, r record) any
	fact      func(f *sqlfilter.Facts) *sqlfilter.Column
}{
	{"org_id", "BIGINT NOT NULL", func(o *org, _ record) any { return int64(o.id) }, func(f *sqlfilter.Facts) *sqlfilter.Column { return &f.Org }},
	{"id", "BIGINT NOT NULL", func(_ *org, r record) any { return int64(r.id) }, func(f *sqlfilter.Facts) *sqlfilter.Column { return &f.ID }},
	{"label", "TEXT", func(_ *org, r record) any { return r.label }, nil},
	{"project_id", "BIGINT", func(_ *org, r record) any { return nullID(r.project) }, func(f *sqlfilter.Facts) *sqlfilter.Column { return &f.Project }},
	{"visibility", "TEXT", func(o *org, r record) any { return nullVisibility(o.project(r.project).visibility) }, func(f *sqlfilter.Facts) *sqlfilter.Column { return &f.Visibility }},
	{"budget_id", "BIGINT", func(_ *org, r record) any { return nullID(r.budget) }, func(f *sqlfilter.Facts) *sqlfilter.Column { return &f.Budget }},
	{"client_access", "BOOLEAN", func(o *org, r record) any { return o.budget(r.budget).clientAccess }, func(f *sqlfilter.Facts) *sqlfilter.Column { return &f.ClientAccess }},
	{"approver_id", "BIGINT", func(o *org, r record) any { return nullID(o.budget(r.budget).approver) }, func(f *sqlfilter.Facts) *sqlfilter.Column { return &f.Approver }},
	{"deal_id", "BIGINT", func(_ *org, r record) any { return nullID(r.deal) }, func(f *sqlfilter.Facts) *sqlfilter.Column { return &f.Deal }},
	{"person_id", "BIGINT", func(_ *org, r record) any { return nullID(r.person) }, func(f *sqlfilter.Facts) *sqlfilter.Column { return &f.Person }},
	{"person_rank", "BIGINT", func(o *org, r record) any { return int64(o.person(r.person).set.Role().Rank()) }, func(f *sqlfilter.Facts) *sqlfilter.Column { return &f.PersonRank }},
	{"person_role", "TEXT", func(o *org, r record) any { return nullRole(o.person(r.person).set.Role()) }, func(f *sqlfilter.Facts) *sqlfilter.Column { return &f.PersonRole }},
	// The relations beyond membership.
	{"workplace_id", "BIGINT", func(o *org, r record) any { return nullID(o.person(r.person).workplace) }, func(f *sqlfilter.Facts) *sqlfilter.Column { return &f.Workplace }},
	{"approval_required", "BOOLEAN NOT NULL", func(o *org, r record) any { return o.budget(r.budget).approvalRequired }, func(f *sqlfilter.Facts) *sqlfilter.Column { return &f.ApprovalRequired }},
	{"approved", "BOOLEAN NOT NULL", func(_ *org, r record) any { return r.approved }, func(f *sqlfilter.Facts) *sqlfilter.Column { return &f.Approved }},
	{"manager_id", "BIGINT", func(o *org, r record) any { return nullID(o.person(r.person).manager) }, func(f *sqlfilter.Facts) *sqlfilter.Column { return &f.Manager }},
	{"manager_approves", "BOOLEAN NOT NULL", func(_ *org, r record) any { return r.managerApproves }, func(f *sqlfilter.Facts) *sqlfilter.Column { return &f.ManagerApproves }},
}

// tableOf returns the name of kind k's table.
func tableOf(k permission.Kind) string {
	for _, t := range tables {
		if t.kind == k {
			return t.name
		}
	}
	panic(fmt.Sprintf("listing: no table for %v", k))
}

// A layout is where the example's tables live and how a listing query names
// them: the same tables and the same data, in the default schema or in a
// schema of their own (an attached database on SQLite), under their plain
// names or with a prefix, the listed table aliased or named by its
// schema-qualified name, and the host's query binding placeholders of its
// own before the fragment or not. The differential test runs every layout of
// its list; the example itself uses plain.
type layout struct {
	name   string // for messages
	schema string // the tables' schema, or attached database on SQLite; "" for the default
	prefix string // before every table's name
	alias  string // the listing query's alias for the listed table; "" to name it by its qualified name
	host   int    // placeholders the listing query binds before the fragment
	// perKind describes memberships to sqlfilter as a table per kind, the
	// views project_members, deal_members and budget_members, whose target
	// columns are named as the records' columns are (project_id, ...); else
	// as the one memberships table with its target_type.
	perKind bool
}

// memberViews are the per-kind views of the memberships table: name, the
// target_type they select, and the name they give target_id.
var memberViews = []struct{ name, typ, target string }{
	{"project_members", "project", "project_id"},
	{"deal_members", "deal", "deal_id"},
	{"budget_members", "budget", "budget_id"},
}

// plain is the example's layout: the default schema, plain names, the
// listed table as t, and no placeholders but the fragment's.
var plain = layout{name: "plain", alias: "t"}

// ident returns name as a quoted SQL identifier.
func ident(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// table returns the quoted, schema-qualified name of the table called name.
func (l layout) table(name string) string {
	if l.schema == "" {
		return ident(l.prefix + name)
	}
	return ident(l.schema) + "." + ident(l.prefix+name)
}

// qualifier returns what qualifies a column of kind k's table in a listing
// query: its alias, or its qualified name.
func (l layout) qualifier(k permission.Kind) string {
	if l.alias != "" {
		return ident(l.alias)
	}
	return l.table(tableOf(k))
}

// column returns column name of kind k's table as a listing query names it.
func (l layout) column(k permission.Kind, name string) string {
	return l.qualifier(k) + "." + ident(name)
}

// ddl returns the statements that create the layout's tables (and its
// schema or attached database) for dialect d. SQLite attaches outside a
// transaction only.
func (l layout) ddl(d sqlfilter.Dialect) []string {
	var out []string
	switch {
	case l.schema != "" && d == sqlfilter.PostgreSQL:
		out = append(out, "CREATE SCHEMA "+ident(l.schema))
	case l.schema != "":
		out = append(out, "ATTACH DATABASE ':memory:' AS "+ident(l.schema))
	}
	var defs []string
	for _, c := range columns {
		defs = append(defs, c.name+" "+c.typ)
	}
	defs = append(defs, "PRIMARY KEY (org_id, id)")
	for _, t := range tables {
		out = append(out, fmt.Sprintf("CREATE TABLE %s (%s)", l.table(t.name), strings.Join(defs, ", ")))
	}
	out = append(out,
		`CREATE TABLE `+l.table("memberships")+` (
			org_id BIGINT NOT NULL,
			person_id BIGINT NOT NULL,
			target_type TEXT NOT NULL,
			target_id BIGINT NOT NULL,
			PRIMARY KEY (org_id, person_id, target_type, target_id))`,
		`CREATE TABLE `+l.table("time_off_approvers")+` (
			org_id BIGINT NOT NULL,
			time_off_id BIGINT NOT NULL,
			person_id BIGINT NOT NULL,
			PRIMARY KEY (org_id, time_off_id, person_id))`,
	)
	// SQLite resolves the names in a view's body in the view's own
	// database, and refuses them qualified.
	from := l.table("memberships")
	if d == sqlfilter.SQLite {
		from = ident(l.prefix + "memberships")
	}
	for _, v := range memberViews {
		out = append(out, fmt.Sprintf("CREATE VIEW %s AS SELECT org_id, person_id, target_id AS %s FROM %s WHERE target_type = '%s'",
			l.table(v.name), v.target, from, v.typ))
	}
	return out
}

// from returns the FROM clause of a query of kind k's table: its qualified
// name, under the layout's alias if it has one.
func (l layout) from(k permission.Kind) string {
	if l.alias == "" {
		return l.table(tableOf(k))
	}
	return l.table(tableOf(k)) + " AS " + ident(l.alias)
}

// listQuery returns the SELECT of the given columns that lists rows of kind
// k, up to the fragment: "SELECT ... FROM ... WHERE " and the host's own
// conditions, if the layout has any, each with a placeholder numbered from
// first on, ANDed before the fragment. It returns their arguments too; the
// fragment's offset is first-1 plus their number.
func (l layout) listQuery(d sqlfilter.Dialect, k permission.Kind, first int, what ...string) (string, []any) {
	var b strings.Builder
	b.WriteString("SELECT " + strings.Join(what, ", ") + " FROM " + l.from(k) + " WHERE ")
	var args []any
	for i := range l.host {
		// IDs are positive: the host's conditions never exclude a row.
		b.WriteString(l.column(k, "id") + " <> ")
		if d == sqlfilter.PostgreSQL {
			b.WriteString("$" + strconv.Itoa(first+i))
		} else {
			b.WriteByte('?')
		}
		b.WriteString(" AND ")
		args = append(args, int64(-1-i))
	}
	return b.String(), args
}

// filterSchema describes the layout's tables to sqlfilter: the same facts
// for every kind, from the columns table.
func (l layout) filterSchema(d sqlfilter.Dialect) sqlfilter.Schema {
	s := sqlfilter.Schema{Dialect: d, Kinds: map[permission.Kind]sqlfilter.Facts{}}
	for _, t := range tables {
		var facts sqlfilter.Facts
		for _, c := range columns {
			if c.fact == nil {
				continue
			}
			col := sqlfilter.Column{Table: l.alias, Name: c.name}
			if l.alias == "" {
				col.Schema, col.Table = l.schema, l.prefix+t.name
			}
			*c.fact(&facts) = col
		}
		s.Kinds[t.kind] = facts
	}
	members := func(kind string) sqlfilter.MemberTable {
		return sqlfilter.MemberTable{
			Schema: l.schema, Table: l.prefix + "memberships", Org: "org_id", Person: "person_id",
			Target: "target_id", Type: "target_type", TypeValue: kind,
		}
	}
	s.Projects, s.Deals, s.Budgets = members("project"), members("deal"), members("budget")
	// The approvers an absence request's policy names: only absence
	// requests' rules read them.
	s.Approvers = sqlfilter.MemberTable{Schema: l.schema, Table: l.prefix + "time_off_approvers", Org: "org_id", Person: "person_id", Target: "time_off_id"}
	if l.perKind {
		for i, m := range []*sqlfilter.MemberTable{&s.Projects, &s.Deals, &s.Budgets} {
			v := memberViews[i]
			*m = sqlfilter.MemberTable{Schema: l.schema, Table: l.prefix + v.name, Org: "org_id", Person: "person_id", Target: v.target}
		}
	}
	return s
}
