package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/permission/sqlfilter"
)

// captureAliases are host aliases that SQLite takes for the renderer's own
// subquery alias, sqlfilter_m: it folds the ASCII letters of identifiers,
// quoted or not.
var captureAliases = []string{"SQLFILTER_M", "Sqlfilter_M", "sqlfilter_m"}

// TestCapturingAliasesRefused: New refuses a listing whose alias is the
// renderer's alias in any case, in both dialects, naming the alias.
func TestCapturingAliasesRefused(t *testing.T) {
	for _, alias := range captureAliases {
		for _, d := range []sqlfilter.Dialect{sqlfilter.SQLite, sqlfilter.PostgreSQL} {
			_, err := sqlfilter.New(layout{alias: alias}.filterSchema(d))
			if !errors.Is(err, sqlfilter.ErrIdentifier) || !strings.Contains(err.Error(), `"`+alias+`"`) {
				t.Errorf("%v, alias %q: New = %v; want ErrIdentifier naming the alias", d, alias, err)
			}
		}
	}
}

// TestCaptureIsReal shows why: a fragment for tables aliased t, with
// memberships in a table per kind whose target column is named as the
// listed table's (project_id), with its alias renamed to SQLFILTER_M by
// hand (as an older New let a host do), lists on SQLite rows that Authorize
// denies, because inside the EXISTS subquery "SQLFILTER_M"."project_id" is
// the membership row's own column, and compares equal to itself; on
// PostgreSQL, which compares quoted names exactly, it lists what Authorize
// allows. If SQLite stopped folding, this test would say so, and the
// refusal would be merely cautious.
func TestCaptureIsReal(t *testing.T) {
	for _, db := range []struct {
		name    string
		dialect sqlfilter.Dialect
		open    func(testing.TB) *sql.DB
		capture bool
	}{
		{"sqlite", sqlfilter.SQLite, openSQLite, true},
		{"postgres", sqlfilter.PostgreSQL, openPostgres, false},
	} {
		t.Run(db.name, func(t *testing.T) {
			conn := db.open(t)
			d := db.dialect
			standIn := layout{alias: "t", perKind: true}
			r, err := sqlfilter.New(standIn.filterSchema(d))
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			tx, err := conn.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			w := genWorld(1)
			if err := load(ctx, tx, d, standIn, w.orgs); err != nil {
				t.Fatal(err)
			}
			captured := layout{alias: "SQLFILTER_M", perKind: true}
			wrong, pairs := 0, 0
			for _, o := range w.orgs {
				for _, p := range o.people {
					s := o.subject(p)
					want := expected(w, o, s)
					for i, a := range allActions {
						where, args, err := r.Render(permission.List(s, a), sqlfilter.Options{Form: sqlfilter.Exists})
						if err != nil {
							t.Fatal(err)
						}
						where = strings.ReplaceAll(where, `"t".`, `"SQLFILTER_M".`)
						k := a.Kind()
						head, _ := captured.listQuery(d, k, 1, fmt.Sprintf("%d AS a", i), captured.column(k, "org_id"), captured.column(k, "id"))
						got, err := runUnion(ctx, tx, head+where, args)
						if err != nil {
							t.Fatalf("%s%s: %v", head, where, err)
						}
						pairs++
						if !slices.Equal(got[i], want[i]) {
							wrong++
						}
					}
				}
			}
			t.Logf("%d of %d (subject, action) pairs listed rows other than Authorize's", wrong, pairs)
			if (wrong > 0) != db.capture {
				t.Errorf("%d of %d pairs wrong; want some only where identifiers fold (SQLite)", wrong, pairs)
			}
		})
	}
}
