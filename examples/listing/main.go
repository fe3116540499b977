// Command listing shows what clearance's SQL renderer (package
// permission/sqlfilter) does for a host: for a few people of a small agency,
// it lists the invoices and time entries each may see with one query per
// list, prints the SQL it ran, and checks the rows against
// permission.Authorize, deciding on each record with the facts that
// sqlfilter's facts query loads for it by key.
//
//	go run .                      # on an embedded, in-memory SQLite
//	go run . -dsn "$CLEARANCE_PG_DSN"   # on PostgreSQL
//	go run . -form params         # ID sets as parameters instead of EXISTS
//
// On PostgreSQL everything happens in one transaction that is rolled back:
// the tables are created in a schema of their own and leave nothing behind.
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/permission/sqlfilter"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

func main() {
	dsn := flag.String("dsn", "", "PostgreSQL connection string (default: an in-memory SQLite)")
	form := flag.String("form", "exists", "membership form: exists or params")
	flag.Parse()
	if err := mainErr(os.Stdout, *dsn, *form); err != nil {
		fmt.Fprintln(os.Stderr, "listing:", err)
		os.Exit(1)
	}
}

func mainErr(w io.Writer, dsn, formName string) error {
	var form sqlfilter.Form
	switch formName {
	case "exists":
		form = sqlfilter.Exists
	case "params":
		form = sqlfilter.Params
	default:
		return fmt.Errorf("-form %q: want exists or params", formName)
	}
	var db *sql.DB
	dialect := sqlfilter.SQLite
	if dsn == "" {
		var err error
		if db, err = sql.Open("sqlite", ":memory:"); err != nil {
			return err
		}
		db.SetMaxOpenConns(1) // one connection, one in-memory database
	} else {
		cfg, err := pgx.ParseConfig(dsn)
		if err != nil {
			return fmt.Errorf("-dsn: %w", err)
		}
		db, dialect = stdlib.OpenDB(*cfg), sqlfilter.PostgreSQL
	}
	defer db.Close()
	return run(context.Background(), w, db, dialect, form)
}

// agency is the example's data: Northwind, a small agency, and a second
// organization whose IDs are the same, which nobody at Northwind may see.
func agency() []*org {
	ada := person{id: 1, set: set.MustSystem(role.Owner, 0, 0)}
	ben := person{id: 2, set: set.MustSystem(role.Manager, scope.Restricted, 0)}
	cleo := person{id: 3, set: set.MustSystem(role.Staff, 0, 0)}
	dan := person{id: 4, set: set.MustSystem(role.Client, 0, set.AddonBudgets)}
	northwind := &org{
		id:       1,
		people:   []person{ada, ben, cleo, dan},
		projects: []project{{1, scope.Public}, {2, scope.Private}, {3, scope.Private}},
		budgets: []budget{
			{id: 1, project: 1, clientAccess: true, approver: ben.id},
			{id: 2, project: 2, approver: ada.id},
			{id: 3, project: 3},
		},
		deals: []scope.ID{1},
		members: []member{
			{ben.id, "project", 2},
			{cleo.id, "project", 1},
			{dan.id, "project", 1}, {dan.id, "budget", 1},
		},
	}
	northwind.records = map[permission.Kind][]record{
		permission.KindInvoice: {
			{id: 1, label: "INV-101 website build", project: 1, budget: 1},
			{id: 2, label: "INV-102 rebrand retainer", project: 2, budget: 2},
			{id: 3, label: "INV-103 internal tools", project: 3, budget: 3},
		},
		permission.KindTimeEntry: {
			{id: 1, label: "Cleo, 3h on the website", project: 1, budget: 1, person: cleo.id},
			{id: 2, label: "Ben, 2h on the rebrand", project: 2, budget: 2, person: ben.id},
			{id: 3, label: "Ada, 1h on internal tools", project: 3, budget: 3, person: ada.id},
			{id: 4, label: "Cleo, 5h on internal tools", project: 3, budget: 3, person: cleo.id},
		},
	}
	other := &org{
		id:       2,
		people:   []person{{id: 1, set: set.MustSystem(role.Owner, 0, 0)}},
		projects: []project{{1, scope.Public}},
		budgets:  []budget{{id: 1, project: 1, clientAccess: true}},
		deals:    []scope.ID{1},
		records: map[permission.Kind][]record{
			permission.KindInvoice:   {{id: 1, label: "OTHER ORGANIZATION'S INVOICE", project: 1, budget: 1, person: 1}},
			permission.KindTimeEntry: {{id: 1, label: "OTHER ORGANIZATION'S TIME", project: 1, budget: 1, person: 1}},
		},
	}
	return []*org{northwind, other}
}

var names = map[scope.ID]string{1: "Ada (Owner)", 2: "Ben (Manager, restricted)", 3: "Cleo (Staff)", 4: "Dan (Client with the Budgets add-on)"}

// run loads the agency into db, lists for every Northwind person what they
// may see, and fails if a list differs from what Authorize allows on the
// records' facts, each loaded from db by its key.
func run(ctx context.Context, w io.Writer, db *sql.DB, d sqlfilter.Dialect, form sqlfilter.Form) error {
	r, err := sqlfilter.New(plain.filterSchema(d))
	if err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() // the example leaves nothing behind
	if d == sqlfilter.PostgreSQL {
		for _, q := range []string{"CREATE SCHEMA clearance_listing_example", "SET LOCAL search_path TO clearance_listing_example"} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
	}
	for _, q := range plain.ddl(d) {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	orgs := agency()
	if err := load(ctx, tx, d, plain, orgs); err != nil {
		return err
	}
	northwind := orgs[0]
	fmt.Fprintf(w, "Northwind on %v, %v form\n", d, form)
	for _, p := range northwind.people {
		s := northwind.subject(p)
		fmt.Fprintf(w, "\n%s\n", names[p.id])
		for _, a := range []permission.Action{permission.ViewInvoice, permission.ViewTimeEntry, permission.TrackTime} {
			where, args, err := r.Render(permission.List(s, a), sqlfilter.Options{Form: form})
			if err != nil {
				return err
			}
			q, _ := plain.listQuery(d, a.Kind(), 1, "t.id", "t.label")
			q += where + " ORDER BY t.id"
			rows, err := tx.QueryContext(ctx, q, args...)
			if err != nil {
				return fmt.Errorf("%s: %w", q, err)
			}
			var ids []scope.ID
			var labels []string
			for rows.Next() {
				var id int64
				var label string
				if err := rows.Scan(&id, &label); err != nil {
					rows.Close()
					return err
				}
				ids, labels = append(ids, scope.ID(id)), append(labels, label)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			fmt.Fprintf(w, "  %v: %s\n    %s\n    args %v\n", a, seen(labels), q, args)
			// Each record's facts, loaded by key as a host loads the
			// one record a request names, decided by Authorize.
			facts, err := r.Facts(a.Kind())
			if err != nil {
				return err
			}
			var want []scope.ID
			for _, rec := range northwind.records[a.Kind()] {
				res, err := northwind.loadResource(ctx, tx, facts, plain, rec.id)
				if err != nil {
					return err
				}
				if permission.Authorize(s, a, res).Allowed() {
					want = append(want, rec.id)
				}
			}
			if !slices.Equal(ids, want) {
				return fmt.Errorf("%s, %v: the query listed %v, Authorize allows %v", names[p.id], a, ids, want)
			}
		}
	}
	return nil
}

func seen(labels []string) string {
	if len(labels) == 0 {
		return "nothing"
	}
	return strings.Join(labels, "; ")
}
