package main

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/clearance-go/clearance/permission/sqlfilter"
)

// TestExample runs the example on both databases in both forms: every list
// agrees with Authorize (run fails otherwise), the other organization's
// records never show, and a few lists read as the agency expects.
func TestExample(t *testing.T) {
	for _, db := range []struct {
		name    string
		dialect sqlfilter.Dialect
		open    func(testing.TB) *sql.DB
	}{
		{"sqlite", sqlfilter.SQLite, openExampleSQLite},
		{"postgres", sqlfilter.PostgreSQL, openPostgres},
	} {
		for _, form := range []sqlfilter.Form{sqlfilter.Exists, sqlfilter.Params} {
			t.Run(db.name+"/"+form.String(), func(t *testing.T) {
				conn := db.open(t)
				var out strings.Builder
				if err := run(context.Background(), &out, conn, db.dialect, form); err != nil {
					t.Fatal(err)
				}
				text := out.String()
				if strings.Contains(text, "OTHER ORGANIZATION") {
					t.Errorf("another organization's records were listed:\n%s", text)
				}
				for _, want := range []string{
					"Ada (Owner)\n  invoice.view: INV-101 website build; INV-102 rebrand retainer; INV-103 internal tools\n",
					// Restricted: invoices of budgets Ben is a member of (of
					// the budget or its project), not of every public project.
					"Ben (Manager, restricted)\n  invoice.view: INV-102 rebrand retainer\n",
					"Cleo (Staff)\n  invoice.view: nothing\n",
					"  time_entry.track: Cleo, 3h on the website\n",
					"Dan (Client with the Budgets add-on)\n  invoice.view: nothing\n",
				} {
					if !strings.Contains(text, want) {
						t.Errorf("output lacks %q:\n%s", want, text)
					}
				}
			})
		}
	}
}

// openExampleSQLite is an empty in-memory SQLite: run creates its tables.
func openExampleSQLite(tb testing.TB) *sql.DB {
	db := openSQLite(tb)
	for _, v := range memberViews {
		if _, err := db.Exec("DROP VIEW " + v.name); err != nil {
			tb.Fatal(err)
		}
	}
	for _, t := range tables {
		if _, err := db.Exec("DROP TABLE " + t.name); err != nil {
			tb.Fatal(err)
		}
	}
	for _, table := range []string{"memberships", "time_off_approvers"} {
		if _, err := db.Exec("DROP TABLE " + table); err != nil {
			tb.Fatal(err)
		}
	}
	return db
}

func TestMainErrRejectsForm(t *testing.T) {
	if err := mainErr(&strings.Builder{}, "", "sometimes"); err == nil {
		t.Error("mainErr accepted -form sometimes")
	}
}
