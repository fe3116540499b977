package sqlfilter_test

import (
	"fmt"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/permission/sqlfilter"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// agency is the schema of a small agency tool: every listed table has an
// org_id column; invoices and time entries name their project and budget,
// whose visibility, Client access and approver the listing query joins in as
// p and b; one memberships table holds every membership, told apart by
// target_type.
func agency(d sqlfilter.Dialect) sqlfilter.Schema {
	onBudget := func(t string) sqlfilter.Facts {
		return sqlfilter.Facts{
			Org:          sqlfilter.Column{Table: t, Name: "org_id"},
			Project:      sqlfilter.Column{Table: t, Name: "project_id"},
			Visibility:   sqlfilter.Column{Table: "p", Name: "visibility"},
			Budget:       sqlfilter.Column{Table: t, Name: "budget_id"},
			ClientAccess: sqlfilter.Column{Table: "b", Name: "client_access"},
			Person:       sqlfilter.Column{Table: t, Name: "person_id"},
			Approver:     sqlfilter.Column{Table: "b", Name: "approver_id"},
		}
	}
	members := func(kind string) sqlfilter.MemberTable {
		return sqlfilter.MemberTable{
			Table: "memberships", Org: "org_id", Person: "person_id",
			Target: "target_id", Type: "target_type", TypeValue: kind,
		}
	}
	return sqlfilter.Schema{
		Dialect: d,
		Kinds: map[permission.Kind]sqlfilter.Facts{
			permission.KindProject: {
				Org:        sqlfilter.Column{Table: "p", Name: "org_id"},
				Project:    sqlfilter.Column{Table: "p", Name: "id"},
				Visibility: sqlfilter.Column{Table: "p", Name: "visibility"},
			},
			permission.KindInvoice:   onBudget("i"),
			permission.KindTimeEntry: onBudget("t"),
		},
		Projects: members("project"),
		Deals:    members("deal"),
		Budgets:  members("budget"),
	}
}

// A restricted Manager lists projects on PostgreSQL: public ones, and the
// private ones they are a member of, which the EXISTS form looks up in the
// memberships table. The host's query already uses $1, so the fragment
// starts at $2.
func ExampleRenderer_Render() {
	r, err := sqlfilter.New(agency(sqlfilter.PostgreSQL))
	if err != nil {
		panic(err)
	}
	manager := set.MustSystem(role.Manager, scope.Restricted, 0).Subject(7, 42)
	f := permission.List(manager, permission.ViewProject)

	where, args, err := r.Render(f, sqlfilter.Options{Form: sqlfilter.Exists, Offset: 1})
	if err != nil {
		panic(err)
	}
	fmt.Println("SELECT p.id FROM projects p WHERE p.archived = $1 AND " + where)
	fmt.Println(args)
	// Output:
	// SELECT p.id FROM projects p WHERE p.archived = $1 AND ("p"."org_id" = $2 AND ("p"."visibility" = $3 OR EXISTS (SELECT 1 FROM "memberships" AS "sqlfilter_m" WHERE "sqlfilter_m"."target_id" = "p"."id" AND "sqlfilter_m"."person_id" = $4 AND "sqlfilter_m"."target_type" = $5 AND "sqlfilter_m"."org_id" = $6)))
	// [7 public 42 project 7]
}

// The same kind of listing on SQLite with the Params form: a Staff member's
// time entries. Staff see time entries on projects and budgets they are a
// member of; the sets travel as JSON arrays.
func ExampleRenderer_Render_sqliteParams() {
	r, err := sqlfilter.New(agency(sqlfilter.SQLite))
	if err != nil {
		panic(err)
	}
	s := set.MustSystem(role.Staff, 0, 0).Subject(7, 42)
	s.Projects = scope.NewMembers(3, 5)
	s.Budgets = scope.NewMembers(11)
	f := permission.List(s, permission.TrackTime)

	where, args, err := r.Render(f, sqlfilter.Options{Form: sqlfilter.Params})
	if err != nil {
		panic(err)
	}
	fmt.Println(where)
	fmt.Println(args)
	// Output:
	// ("t"."org_id" = ? AND ("t"."person_id" = ?) AND ("t"."project_id" IN (SELECT value FROM json_each(?)) OR ("t"."budget_id" <> ? AND "t"."budget_id" IN (SELECT value FROM json_each(?)))))
	// [7 42 [3,5] 0 [11]]
}

// A filter that matches nothing renders as FALSE; one that matches
// everything still keeps the organization.
func ExampleRenderer_Render_noneAndEverything() {
	r, err := sqlfilter.New(agency(sqlfilter.PostgreSQL))
	if err != nil {
		panic(err)
	}
	client := set.MustSystem(role.Client, 0, 0).Subject(7, 45)
	admin := set.MustSystem(role.Admin, 0, 0).Subject(7, 46)
	o := sqlfilter.Options{Form: sqlfilter.Exists}
	for _, f := range []permission.Filter{
		{}, // the zero Filter
		permission.List(client, permission.ViewInvoice),
		permission.List(admin, permission.ViewInvoice),
	} {
		where, args, err := r.Render(f, o)
		fmt.Println(where, args, err)
	}
	// Output:
	// FALSE [] <nil>
	// FALSE [] <nil>
	// ("i"."org_id" = $1) [7] <nil>
}

// New rejects a schema that names no organization column for a kind, so no
// fragment can forget the tenant.
func ExampleNew() {
	_, err := sqlfilter.New(sqlfilter.Schema{
		Dialect: sqlfilter.PostgreSQL,
		Kinds: map[permission.Kind]sqlfilter.Facts{
			permission.KindProject: {Project: sqlfilter.Column{Table: "p", Name: "id"}},
		},
	})
	fmt.Println(err)
	// Output:
	// sqlfilter: Kinds[project].Org: no organization column: invalid identifier
}

func ExampleDialect_String() {
	fmt.Println(sqlfilter.PostgreSQL, sqlfilter.SQLite, sqlfilter.Dialect(0))
	// Output:
	// postgresql sqlite dialect(0)
}

func ExampleForm_String() {
	fmt.Println(sqlfilter.Params, sqlfilter.Exists, sqlfilter.Form(0))
	// Output:
	// params exists form(0)
}
