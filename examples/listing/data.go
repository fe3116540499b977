package main

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/permission/sqlfilter"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// An org is one organization's data: the people with their permission sets,
// the projects, budgets and deals, a table of records per kind, and the
// memberships. IDs are unique within the organization only.
type org struct {
	id       scope.ID
	plan     set.Plan // zero means Ultimate
	people   []person
	projects []project
	budgets  []budget
	deals    []scope.ID
	records  map[permission.Kind][]record
	members  []member
}

type person struct {
	id        scope.ID
	set       set.Set
	workplace scope.ID // the person's subsidiary; 0 for none
	manager   scope.ID // the person's manager; 0 for none
}

type project struct {
	id         scope.ID
	visibility scope.Visibility
}

type budget struct {
	id, project      scope.ID
	clientAccess     bool
	approver         scope.ID // 0: no approver
	approvalRequired bool     // the budget requires time approval
}

// record is a row of a kind's table: its own ID and its four references,
// and the state approvals read: whether the record is approved, whether its
// approval policy names the person's manager, and the approvers it names.
type record struct {
	id                            scope.ID
	label                         string
	project, budget, deal, person scope.ID
	approved, managerApproves     bool
	approvers                     []scope.ID
}

// member is a row of the memberships table.
type member struct {
	person scope.ID
	typ    string // "project", "deal" or "budget"
	target scope.ID
}

func (o *org) person(id scope.ID) person {
	for _, p := range o.people {
		if p.id == id {
			return p
		}
	}
	return person{}
}

func (o *org) project(id scope.ID) project {
	if i := int(id) - 1; i >= 0 && i < len(o.projects) && o.projects[i].id == id {
		return o.projects[i]
	}
	for _, p := range o.projects {
		if p.id == id {
			return p
		}
	}
	return project{}
}

func (o *org) budget(id scope.ID) budget {
	if i := int(id) - 1; i >= 0 && i < len(o.budgets) && o.budgets[i].id == id {
		return o.budgets[i]
	}
	for _, b := range o.budgets {
		if b.id == id {
			return b
		}
	}
	return budget{}
}

// The functions below are the only ones that build clearance values from
// the example's data: subject from the Go values, as a host builds its
// people once; loadResource from the database, with the statement sqlfilter
// renders from the same description as the listing filters (a host decides
// on one record that way); and resource from the Go values, the reference
// that the tests hold loadResource to, record by record.

// subject returns person p of o as a permission.Subject, with the
// memberships of the memberships table.
func (o *org) subject(p person) permission.Subject {
	s := p.set.Subject(o.id, p.id)
	var projects, deals, budgets []scope.ID
	for _, m := range o.members {
		if m.person != p.id {
			continue
		}
		switch m.typ {
		case "project":
			projects = append(projects, m.target)
		case "deal":
			deals = append(deals, m.target)
		case "budget":
			budgets = append(budgets, m.target)
		}
	}
	s.Projects, s.Deals, s.Budgets = scope.NewMembers(projects...), scope.NewMembers(deals...), scope.NewMembers(budgets...)
	s.Workplace = p.workplace
	s.Plan = o.planOrDefault()
	return s
}

// planOrDefault is the organization's plan, Ultimate when not given.
func (o *org) planOrDefault() set.Plan {
	if o.plan == 0 {
		return set.Ultimate
	}
	return o.plan
}

// resource returns record r of kind k as a permission.Resource, with every
// fact filled in from the rows it refers to, whatever the kind needs, built
// in Go. The differential test (checkResources) holds loadResource to it.
func (o *org) resource(k permission.Kind, r record) permission.Resource {
	b := o.budget(r.budget)
	return permission.Resource{
		Org:          o.id,
		Kind:         k,
		ID:           r.id,
		Project:      r.project,
		Visibility:   o.project(r.project).visibility,
		Budget:       r.budget,
		ClientAccess: b.clientAccess,
		Deal:         r.deal,
		Person:       r.person,
		PersonRole:   o.person(r.person).set.Role(),
		Approver:     b.approver,

		ApprovalRequired:  b.approvalRequired,
		Approved:          r.approved,
		ManagerApproves:   r.managerApproves,
		Workplace:         o.person(r.person).workplace,
		Manager:           o.person(r.person).manager,
		Approvers:         scope.NewMembers(r.approvers...),
		PersonPermissions: o.person(r.person).set.Permissions(),
	}
}

// queryer is what loadResource needs of a *sql.DB, *sql.Conn or *sql.Tx.
type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// loadResource loads record id of organization o, of the kind q loads, from
// layout l's tables in db: the statement and the reading of its row are
// sqlfilter's (Renderer.Facts), from the schema description the listing
// filters use. What no column holds it fills in from o: the permissions of
// the person whose record it is, which changing their set reads.
func (o *org) loadResource(ctx context.Context, db queryer, q *sqlfilter.FactsQuery, l layout, id scope.ID) (permission.Resource, error) {
	args, err := q.Args(o.id, id)
	if err != nil {
		return permission.Resource{}, err
	}
	res, err := q.Scan(db.QueryRowContext(ctx, q.Statement(l.from(q.Kind())), args...))
	if err != nil {
		return permission.Resource{}, fmt.Errorf("organization %d, %v %d: %w", o.id, q.Kind(), id, err)
	}
	res.PersonPermissions = o.person(res.Person).set.Permissions()
	return res, nil
}

// nullVisibility is v's name as a column value, NULL for no visibility.
func nullVisibility(v scope.Visibility) any {
	if !v.IsValid() {
		return nil
	}
	return v.String()
}

// nullRole is r's name as a column value, NULL for no role.
func nullRole(r role.Role) any {
	if !r.IsValid() {
		return nil
	}
	return r.String()
}

// nullID is id as a column value, NULL for 0.
func nullID(id scope.ID) any {
	if id == 0 {
		return nil
	}
	return int64(id)
}

// placeholders returns the VALUES tuples for rows of n columns: ($1, $2),
// ($3, $4) on PostgreSQL, (?, ?), (?, ?) on SQLite.
func placeholders(d sqlfilter.Dialect, rows, n int) string {
	var b strings.Builder
	k := 0
	for i := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for j := range n {
			if j > 0 {
				b.WriteString(", ")
			}
			k++
			if d == sqlfilter.PostgreSQL {
				b.WriteString("$" + strconv.Itoa(k))
			} else {
				b.WriteByte('?')
			}
		}
		b.WriteByte(')')
	}
	return b.String()
}

// execer is what load needs of a *sql.DB, *sql.Conn or *sql.Tx.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// insert writes rows into table in batches of multi-row INSERTs.
func insert(ctx context.Context, db execer, d sqlfilter.Dialect, table string, columns []string, rows [][]any) error {
	const batch = 1000
	for len(rows) > 0 {
		n := min(batch, len(rows))
		args := make([]any, 0, n*len(columns))
		for _, r := range rows[:n] {
			args = append(args, r...)
		}
		q := "INSERT INTO " + table + " (" + strings.Join(columns, ", ") + ") VALUES " + placeholders(d, n, len(columns))
		if _, err := db.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("insert into %s: %w", table, err)
		}
		rows = rows[n:]
	}
	return nil
}

// load inserts the organizations' data into the layout's tables.
func load(ctx context.Context, db execer, d sqlfilter.Dialect, l layout, orgs []*org) error {
	var names []string
	for _, c := range columns {
		names = append(names, c.name)
	}
	for _, t := range tables {
		var rows [][]any
		for _, o := range orgs {
			for _, r := range o.records[t.kind] {
				row := make([]any, len(columns))
				for i, c := range columns {
					row[i] = c.value(o, r)
				}
				rows = append(rows, row)
			}
		}
		if err := insert(ctx, db, d, l.table(t.name), names, rows); err != nil {
			return err
		}
	}
	var rows [][]any
	for _, o := range orgs {
		for _, m := range o.members {
			rows = append(rows, []any{int64(o.id), int64(m.person), m.typ, int64(m.target)})
		}
	}
	if err := insert(ctx, db, d, l.table("memberships"), []string{"org_id", "person_id", "target_type", "target_id"}, rows); err != nil {
		return err
	}
	rows = nil
	for _, o := range orgs {
		for _, r := range o.records[permission.KindTimeOff] {
			for _, a := range r.approvers {
				rows = append(rows, []any{int64(o.id), int64(r.id), int64(a)})
			}
		}
	}
	return insert(ctx, db, d, l.table("time_off_approvers"), []string{"org_id", "time_off_id", "person_id"}, rows)
}
