package main

import (
	"fmt"
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
// a condition can ask about: the record's project and that project's
// visibility, its budget and the budget's Client access and approver, its
// deal, its person and that person's rank. The facts of a project, budget or
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
	{"id", "BIGINT NOT NULL", func(_ *org, r record) any { return int64(r.id) }, nil},
	{"label", "TEXT", func(_ *org, r record) any { return r.label }, nil},
	{"project_id", "BIGINT", func(_ *org, r record) any { return nullID(r.project) }, func(f *sqlfilter.Facts) *sqlfilter.Column { return &f.Project }},
	{"visibility", "TEXT", func(o *org, r record) any { return o.project(r.project).visibility.String() }, func(f *sqlfilter.Facts) *sqlfilter.Column { return &f.Visibility }},
	{"budget_id", "BIGINT", func(_ *org, r record) any { return nullID(r.budget) }, func(f *sqlfilter.Facts) *sqlfilter.Column { return &f.Budget }},
	{"client_access", "BOOLEAN", func(o *org, r record) any { return o.budget(r.budget).clientAccess }, func(f *sqlfilter.Facts) *sqlfilter.Column { return &f.ClientAccess }},
	{"approver_id", "BIGINT", func(o *org, r record) any { return nullID(o.budget(r.budget).approver) }, func(f *sqlfilter.Facts) *sqlfilter.Column { return &f.Approver }},
	{"deal_id", "BIGINT", func(_ *org, r record) any { return nullID(r.deal) }, func(f *sqlfilter.Facts) *sqlfilter.Column { return &f.Deal }},
	{"person_id", "BIGINT", func(_ *org, r record) any { return nullID(r.person) }, func(f *sqlfilter.Facts) *sqlfilter.Column { return &f.Person }},
	{"person_rank", "BIGINT", func(o *org, r record) any { return int64(o.person(r.person).set.Role().Rank()) }, func(f *sqlfilter.Facts) *sqlfilter.Column { return &f.PersonRank }},
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

// ddl returns the statements that create the example's tables.
func ddl() []string {
	var defs []string
	for _, c := range columns {
		defs = append(defs, c.name+" "+c.typ)
	}
	defs = append(defs, "PRIMARY KEY (org_id, id)")
	var out []string
	for _, t := range tables {
		out = append(out, fmt.Sprintf("CREATE TABLE %s (%s)", t.name, strings.Join(defs, ", ")))
	}
	return append(out,
		`CREATE TABLE memberships (
			org_id BIGINT NOT NULL,
			person_id BIGINT NOT NULL,
			target_type TEXT NOT NULL,
			target_id BIGINT NOT NULL,
			PRIMARY KEY (org_id, person_id, target_type, target_id))`,
	)
}

// listQuery returns the SELECT that lists rows of kind k as t, ending in
// WHERE, for the fragment to follow.
func listQuery(k permission.Kind, what string) string {
	return "SELECT " + what + " FROM " + tableOf(k) + " t WHERE "
}

// filterSchema describes the tables to sqlfilter: the same facts for every
// kind, from the columns table.
func filterSchema(d sqlfilter.Dialect) sqlfilter.Schema {
	var facts sqlfilter.Facts
	for _, c := range columns {
		if c.fact != nil {
			*c.fact(&facts) = sqlfilter.Column{Table: "t", Name: c.name}
		}
	}
	s := sqlfilter.Schema{Dialect: d, Kinds: map[permission.Kind]sqlfilter.Facts{}}
	for _, t := range tables {
		s.Kinds[t.kind] = facts
	}
	members := func(kind string) sqlfilter.MemberTable {
		return sqlfilter.MemberTable{
			Table: "memberships", Org: "org_id", Person: "person_id",
			Target: "target_id", Type: "target_type", TypeValue: kind,
		}
	}
	s.Projects, s.Deals, s.Budgets = members("project"), members("deal"), members("budget")
	return s
}
