package main

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/permission/sqlfilter"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// Scale of BenchmarkListingPostgres.
const (
	benchProjects    = 150_000 // all private
	benchMemberships = 100_000 // the subject is a member of projects 1..100,000
	benchOthers      = 50_000  // other people's memberships
	benchEntries     = 200_000 // time entries on random projects
)

// BenchmarkListingPostgres lists time entries for a restricted Manager who
// is a member of 100,000 projects, and for one who is a member of 1,000, in
// organization 1 of two, on PostgreSQL (150,000 memberships in all): a page
// of 50 sorted by ID, and a count of every visible entry, through the EXISTS
// form (the memberships table and its primary key) and the Params form (the
// IDs as one bigint[] argument). With -v it logs the EXPLAIN ANALYZE plans
// of the EXISTS queries.
//
//	../../.ci/postgres go test -run '^$' -bench Listing -benchmem -v
func BenchmarkListingPostgres(b *testing.B) {
	db := openPostgres(b)
	ctx := context.Background()
	for _, q := range []string{
		fmt.Sprintf(`INSERT INTO projects (org_id, id, visibility) SELECT o, g, 'private' FROM generate_series(1, 2) o, generate_series(1, %d) g`, benchProjects),
		fmt.Sprintf(`INSERT INTO memberships (org_id, person_id, target_type, target_id) SELECT 1, 1, 'project', g FROM generate_series(1, %d) g`, benchMemberships),
		fmt.Sprintf(`INSERT INTO memberships (org_id, person_id, target_type, target_id) SELECT 1, 2 + g %% 50, 'project', g FROM generate_series(1, %d) g`, benchOthers),
		// In organization 2, person 1 (another person, same ID) is a member
		// of the projects organization 1's person 1 is not.
		fmt.Sprintf(`INSERT INTO memberships (org_id, person_id, target_type, target_id) SELECT 2, 1, 'project', g FROM generate_series(%d, %d) g`, benchMemberships+1, benchProjects),
		fmt.Sprintf(`INSERT INTO time_entries (org_id, id, label, project_id, visibility, budget_id, client_access, deal_id, person_id, person_rank)
		 SELECT o, g, 'entry', p, 'private', p, false, 1, 1 + g %% 40, 1
		 FROM generate_series(1, 2) o, generate_series(1, %d) g, LATERAL (SELECT 1 + (g * 7919 + o) %% %d AS p) x`, benchEntries, benchProjects),
		`ANALYZE`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			b.Fatalf("%s: %v", q, err)
		}
	}
	// One connection, without JIT compilation: on queries like these PostgreSQL
	// 15's JIT spends more time compiling than the query takes (see the
	// README), so a listing service turns it off.
	conn, err := db.Conn(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SET jit = off"); err != nil {
		b.Fatal(err)
	}
	// Two subjects: person 1, a member of 100,000 projects, and person 2,
	// one of the others, a member of 1,000 (every 50th project).
	var many, few []scope.ID
	for i := 1; i <= benchMemberships; i++ {
		many = append(many, scope.ID(i))
	}
	for i := 50; i <= benchOthers; i += 50 {
		few = append(few, scope.ID(i))
	}
	r, err := sqlfilter.New(plain.filterSchema(sqlfilter.PostgreSQL))
	timeEntries := func(what ...string) string {
		q, _ := plain.listQuery(sqlfilter.PostgreSQL, permission.KindTimeEntry, 1, what...)
		return q
	}
	if err != nil {
		b.Fatal(err)
	}
	for _, subj := range []struct {
		name     string
		id       scope.ID
		projects []scope.ID
	}{{"members=100000", 1, many}, {"members=1000", 2, few}} {
		s := set.MustSystem(role.Manager, scope.Restricted, 0).Subject(1, subj.id)
		s.Projects = scope.NewMembers(subj.projects...)
		f := permission.List(s, permission.ViewTimeEntry)
		for _, form := range []sqlfilter.Form{sqlfilter.Exists, sqlfilter.Params} {
			where, args, err := r.Render(f, sqlfilter.Options{Form: form})
			if err != nil {
				b.Fatal(err)
			}
			for _, q := range []struct{ name, sql string }{
				{"page", timeEntries("t.id", "t.label") + where + " ORDER BY t.id LIMIT 50"},
				{"count", timeEntries("count(*)") + where},
			} {
				if form == sqlfilter.Exists {
					b.Logf("%s: EXPLAIN (ANALYZE, BUFFERS) %s\n%s", subj.name, q.sql, explain(b, conn, q.sql, args))
				}
				b.Run(subj.name+"/"+form.String()+"/"+q.name, func(b *testing.B) {
					n := 0
					for b.Loop() {
						n = countRows(b, conn, q.sql, args)
					}
					b.ReportMetric(float64(n), "rows")
				})
			}
		}
	}
}

func explain(tb testing.TB, db *sql.Conn, q string, args []any) string {
	rows, err := db.QueryContext(context.Background(), "EXPLAIN (ANALYZE, BUFFERS) "+q, args...)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			tb.Fatal(err)
		}
		lines = append(lines, l)
	}
	return strings.Join(lines, "\n")
}

// countRows runs q and returns the number of rows it returned (for the
// count query, the count).
func countRows(tb testing.TB, db *sql.Conn, q string, args []any) int {
	rows, err := db.QueryContext(context.Background(), q, args...)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		if strings.Contains(q, "count(*)") {
			if err := rows.Scan(&n); err != nil {
				tb.Fatal(err)
			}
			continue
		}
		n++
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return n
}
