package main

import (
	"fmt"
	"strings"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/permission/sqlfilter"
)

// The tables of this example, described by data: one table per kind of
// record, every one of the same shape, so that a kind that starts needing
// another fact needs no new column.
//
// Every table has org_id and id (the primary key, IDs unique only within an
// organization), a label for people to read, and the four references a record can have: project_id,
// budget_id, deal_id, person_id. The facts about those references live once,
// on the referenced rows: a project's visibility on projects, a budget's
// Client access and approver on budgets, a person's rank on people. The
// listing query joins them in as p, b and pe (see listQuery), and the
// sqlfilter schema names the joined columns (see filterSchema).
//
// Memberships are one table for projects, deals and budgets, told apart by
// target_type; its primary key is the index the README recommends for the
// EXISTS form.

// kindTable is one kind's table: its name, the extra columns that hold
// facts other tables refer to, and how a record fills them in.
type kindTable struct {
	kind   permission.Kind
	name   string
	extra  []string                    // column definitions beyond the common ones
	values func(o *org, r record) []any // the extra columns' values, in order
}

// kindTables lists a table for every kind of record.
var kindTables = []kindTable{
	{permission.KindOrganization, "organizations", nil, nil},
	{permission.KindPerson, "people", []string{"role TEXT NOT NULL", "rank BIGINT NOT NULL"}, func(o *org, r record) []any {
		ro := o.person(r.person).set.Role()
		return []any{ro.String(), int64(ro.Rank())}
	}},
	{permission.KindProject, "projects", []string{"visibility TEXT NOT NULL"}, func(o *org, r record) []any {
		return []any{o.project(r.project).visibility.String()}
	}},
	{permission.KindTask, "tasks", nil, nil},
	{permission.KindDoc, "docs", nil, nil},
	{permission.KindTimeEntry, "time_entries", nil, nil},
	{permission.KindTimeOff, "time_off", nil, nil},
	{permission.KindBooking, "bookings", nil, nil},
	{permission.KindBudget, "budgets", []string{"client_access BOOLEAN NOT NULL", "approver_id BIGINT"}, func(o *org, r record) []any {
		b := o.budget(r.budget)
		return []any{b.clientAccess, nullID(b.approver)}
	}},
	{permission.KindDeal, "deals", nil, nil},
	{permission.KindInvoice, "invoices", nil, nil},
	{permission.KindExpense, "expenses", nil, nil},
	{permission.KindContact, "contacts", nil, nil},
}

// tableOf returns the table of kind k.
func tableOf(k permission.Kind) kindTable {
	for _, t := range kindTables {
		if t.kind == k {
			return t
		}
	}
	panic(fmt.Sprintf("listing: no table for %v", k))
}

// commonColumns are the columns every kind's table has, in insert order.
var commonColumns = []string{"org_id", "id", "label", "project_id", "budget_id", "deal_id", "person_id"}

// ddl returns the statements that create the example's tables.
func ddl() []string {
	var out []string
	for _, t := range kindTables {
		cols := []string{
			"org_id BIGINT NOT NULL", "id BIGINT NOT NULL", "label TEXT",
			"project_id BIGINT", "budget_id BIGINT", "deal_id BIGINT", "person_id BIGINT",
		}
		cols = append(cols, t.extra...)
		cols = append(cols, "PRIMARY KEY (org_id, id)")
		out = append(out, fmt.Sprintf("CREATE TABLE %s (%s)", t.name, strings.Join(cols, ", ")))
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

// listQuery returns the SELECT that lists rows of kind k, with the joins the
// facts need, ending in WHERE, for the fragment to follow.
func listQuery(k permission.Kind, what string) string {
	return "SELECT " + what + " FROM " + tableOf(k).name + " t" +
		" LEFT JOIN projects p ON p.org_id = t.org_id AND p.id = t.project_id" +
		" LEFT JOIN budgets b ON b.org_id = t.org_id AND b.id = t.budget_id" +
		" LEFT JOIN people pe ON pe.org_id = t.org_id AND pe.id = t.person_id" +
		" WHERE "
}

// filterSchema describes the tables to sqlfilter: the same facts for every
// kind, since every table has the same shape and joins.
func filterSchema(d sqlfilter.Dialect) sqlfilter.Schema {
	facts := sqlfilter.Facts{
		Org:          sqlfilter.Column{Table: "t", Name: "org_id"},
		Project:      sqlfilter.Column{Table: "t", Name: "project_id"},
		Visibility:   sqlfilter.Column{Table: "p", Name: "visibility"},
		Budget:       sqlfilter.Column{Table: "t", Name: "budget_id"},
		ClientAccess: sqlfilter.Column{Table: "b", Name: "client_access"},
		Deal:         sqlfilter.Column{Table: "t", Name: "deal_id"},
		Person:       sqlfilter.Column{Table: "t", Name: "person_id"},
		Approver:     sqlfilter.Column{Table: "b", Name: "approver_id"},
		PersonRank:   sqlfilter.Column{Table: "pe", Name: "rank"},
	}
	s := sqlfilter.Schema{Dialect: d, Kinds: map[permission.Kind]sqlfilter.Facts{}}
	for _, t := range kindTables {
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
