package main

// The database-backed point (-db) against a real PostgreSQL: .ci/run starts
// a throwaway cluster with .ci/postgres, which sets CLEARANCE_PG_DSN. Without
// it the tests skip, unless CI or CLEARANCE_REQUIRE_PG is set: then they fail.

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// pgDSNVar names the PostgreSQL connection string the database tests use.
const pgDSNVar = "CLEARANCE_PG_DSN"

// requirePG reports whether a missing PostgreSQL must fail the tests.
func requirePG() bool { return os.Getenv("CI") != "" || os.Getenv("CLEARANCE_REQUIRE_PG") != "" }

// testDB is a database of its own for one test.
type testDB struct {
	conn string        // its connection string
	pool *pgxpool.Pool // a pool for the test's own writes
}

var dbSeq struct {
	sync.Mutex
	n int
}

// openTestDB creates a database for this test, with the schema applied and
// db/seed.sql loaded, and drops it at cleanup. Without CLEARANCE_PG_DSN it
// skips, or fails when requirePG says so.
func openTestDB(tb testing.TB) *testDB {
	tb.Helper()
	dsn := os.Getenv(pgDSNVar)
	if dsn == "" {
		msg := pgDSNVar + " is not set: the database tests need a PostgreSQL server (from examples/authzen: bash ../../.ci/postgres go test ./...)"
		if requirePG() {
			tb.Fatal(msg)
		}
		tb.Skip(msg)
	}
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, dsn)
	if err != nil {
		tb.Fatalf("PostgreSQL at %s=%q: %v", pgDSNVar, dsn, err)
	}
	dbSeq.Lock()
	dbSeq.n++
	name := fmt.Sprintf("clearance_authzen_%d_%d", os.Getpid(), dbSeq.n)
	dbSeq.Unlock()
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close(ctx)
		tb.Fatalf("create database: %v", err)
	}
	conn := withDatabase(dsn, name)
	pool, err := pgxpool.New(ctx, conn)
	if err != nil {
		tb.Fatal(err)
	}
	db := &testDB{conn: conn, pool: pool}
	tb.Cleanup(func() {
		pool.Close()
		// Points of this test may still hold connections: end them first.
		_, _ = admin.Exec(ctx, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", name)
		if _, err := admin.Exec(ctx, "DROP DATABASE "+name); err != nil {
			tb.Errorf("drop database %s: %v", name, err)
		}
		admin.Close(ctx)
	})
	if _, err := pool.Exec(ctx, schemaSQL); err != nil {
		tb.Fatalf("db/schema.sql: %v", err)
	}
	seed, err := os.ReadFile(filepath.Join("db", "seed.sql"))
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := pool.Exec(ctx, string(seed)); err != nil {
		tb.Fatalf("db/seed.sql: %v", err)
	}
	return db
}

// withDatabase returns the key/value connection string dsn naming database
// name instead (a later key wins).
func withDatabase(dsn, name string) string {
	if strings.Contains(dsn, "://") {
		panic("tests expect a key/value CLEARANCE_PG_DSN, as .ci/postgres sets")
	}
	return dsn + " dbname=" + name
}

// exec runs one statement of the test's own, failing the test on error.
func (db *testDB) exec(tb testing.TB, sql string, args ...any) {
	tb.Helper()
	if _, err := db.pool.Exec(context.Background(), sql, args...); err != nil {
		tb.Fatalf("%s: %v", sql, err)
	}
}

// change runs sql in a transaction and returns the organization's revision
// read in that transaction after it: the revision a caller asks for to see
// the change.
func (db *testDB) change(tb testing.TB, sql string, args ...any) uint64 {
	tb.Helper()
	ctx := context.Background()
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck
	if _, err := tx.Exec(ctx, sql, args...); err != nil {
		tb.Fatalf("%s: %v", sql, err)
	}
	var rev int64
	if err := tx.QueryRow(ctx, "SELECT revision FROM organizations WHERE org_id = 1").Scan(&rev); err != nil {
		tb.Fatal(err)
	}
	if err := tx.Commit(ctx); err != nil {
		tb.Fatal(err)
	}
	return uint64(rev)
}

// startStore opens a store of organization 1 on its own pool, following the
// database with opts until the test ends.
func startStore(tb testing.TB, db *testDB, opts dbOptions) *store {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	src, err := openDB(ctx, db.conn, 1, opts)
	if err != nil {
		tb.Fatal(err)
	}
	st, err := newDBStore(ctx, src, quiet)
	if err != nil {
		tb.Fatal(err)
	}
	done := make(chan struct{})
	go func() { st.follow(ctx); close(done) }()
	tb.Cleanup(func() { cancel(); <-done; src.close() })
	return st
}

// awaitRevision waits, without asking the store to catch up, until st has
// applied rev, and returns how long that took; it fails the test after
// limit.
func awaitRevision(tb testing.TB, st *store, rev uint64, limit time.Duration) time.Duration {
	tb.Helper()
	start := time.Now()
	deadline := time.NewTimer(limit)
	defer deadline.Stop()
	for {
		st.mu.Lock()
		if st.changed == nil {
			st.changed = make(chan struct{})
		}
		changed := st.changed
		st.mu.Unlock()
		if st.snapshot().rev >= rev {
			return time.Since(start)
		}
		select {
		case <-changed:
		case <-deadline.C:
			tb.Fatalf("revision %d not applied after %v (applied: %d)", rev, limit, st.snapshot().rev)
		}
	}
}

// hasProject reports whether person id of st's snapshot is a member of
// project p.
func hasProject(st *store, id, p scope.ID) bool {
	pr := st.snapshot().people[id]
	return pr != nil && pr.subject.Projects.Has(p)
}

// TestDBLoadMatchesFile: db/seed.sql is testdata/org.json; the store loaded
// from it holds the same people with the same subjects.
func TestDBLoadMatchesFile(t *testing.T) {
	db := openTestDB(t)
	st := startStore(t, db, dbOptions{reconcile: time.Hour, reconnectDelay: time.Second})
	file, err := loadOrg(filepath.Join("testdata", "org.json"))
	if err != nil {
		t.Fatal(err)
	}
	got := st.snapshot()
	if !slices.Equal(got.ids, file.ids) || got.org != file.org || got.plan != file.plan {
		t.Fatalf("database: org %d plan %v people %v; file: org %d plan %v people %v", got.org, got.plan, got.ids, file.org, file.plan, file.ids)
	}
	for _, id := range file.ids {
		if g, w := describe(got.people[id]), describe(file.people[id]); g != w {
			t.Errorf("person %d:\ndatabase %s\nfile     %s", id, g, w)
		}
	}
	if got.rev == 0 {
		t.Error("revision 0 after the seed: the triggers bumped nothing")
	}
}

// describe is a principal as a comparable string.
func describe(p *principal) string {
	s := p.subject
	return fmt.Sprintf("org=%d id=%d role=%v perms=%v projects=%v deals=%v budgets=%v workplace=%d plan=%v set=%q manager=%d",
		s.Org, s.ID, s.Role, s.Permissions, s.Projects, s.Deals, s.Budgets, s.Workplace, s.Plan, p.set, p.manager)
}

// TestDBRefusesInvalidRows: a row the strict readers refuse leaves that
// person out (denied everything), logged by name, and the rest of the
// organization served, at the first load as after it.
func TestDBRefusesInvalidRows(t *testing.T) {
	db := openTestDB(t)
	st := startStore(t, db, dbOptions{reconcile: time.Hour, reconnectDelay: time.Second, listen: true})
	rev := db.change(t, `UPDATE people SET set_doc = '{"version": 2, "name": "X", "base": "staff", "grant": ["invoices.manage", "invoices.manage"]}', role = NULL, scope = NULL, addons = '{}' WHERE org_id = 1 AND id = 4`)
	awaitRevision(t, st, rev, 5*time.Second)
	if st.snapshot().people[4] != nil {
		t.Error("person 4 with a set document listing a permission twice is still served")
	}
	rev = db.change(t, `UPDATE people SET set_doc = NULL, role = 'staff', addons = '{time}' WHERE org_id = 1 AND id = 4`)
	awaitRevision(t, st, rev, 5*time.Second)
	if st.snapshot().people[4] == nil {
		t.Fatal("person 4, repaired, is not served")
	}
	rev = db.change(t, `UPDATE people SET addons = '{time,time}' WHERE org_id = 1 AND id = 4`)
	awaitRevision(t, st, rev, 5*time.Second)
	if st.snapshot().people[4] != nil {
		t.Error("person 4 with an add-on listed twice is still served (one reading, as the file and requests have)")
	}
	if st.snapshot().people[3] == nil {
		t.Error("person 3 dropped with person 4's bad row")
	}
	var logged strings.Builder
	first, err := openDBStoreOnce(db, slog.New(slog.NewTextHandler(&logged, nil)))
	if err != nil {
		t.Fatalf("first load with person 4's bad row: %v, want person 4 left out", err)
	}
	if first.snapshot().people[4] != nil || first.snapshot().people[3] == nil {
		t.Error("the first load did not leave out exactly person 4")
	}
	if !strings.Contains(logged.String(), "person=4") {
		t.Errorf("the first load's log does not name person 4:\n%s", logged.String())
	}
}

// TestDBFullReloadNeverSticks: a change that makes the point read the whole
// organization again, and leaves it invalid in part, is applied all the
// same (review of issue 23: a failed full load kept serving the revision
// before it, revoked access included). A plan too low for a custom set
// leaves its holder out; a later revocation is applied; an organization
// whose Owner was deleted is served, and a new point starts on it.
func TestDBFullReloadNeverSticks(t *testing.T) {
	db := openTestDB(t)
	st := startStore(t, db, dbOptions{reconcile: time.Hour, reconnectDelay: time.Second, listen: true})
	if st.snapshot().people[7] == nil {
		t.Fatal("person 7 (the custom set Accounting) not served at the start")
	}
	rev := db.change(t, "UPDATE organizations SET plan = 'essential' WHERE org_id = 1")
	awaitRevision(t, st, rev, 5*time.Second)
	if st.snapshot().plan != set.Essential {
		t.Errorf("plan %v after the downgrade, want essential", st.snapshot().plan)
	}
	if st.snapshot().people[7] != nil {
		t.Error("person 7's custom set is still served on a plan that allows none")
	}
	rev = db.change(t, "DELETE FROM memberships WHERE org_id = 1 AND person_id = 4 AND target_type = 'project' AND target_id = 10")
	awaitRevision(t, st, rev, 5*time.Second)
	if hasProject(st, 4, 10) {
		t.Error("a revocation after the downgrade was not applied")
	}
	rev = db.change(t, "DELETE FROM people WHERE org_id = 1 AND id = 1")
	awaitRevision(t, st, rev, 5*time.Second)
	if err := st.reload(); err != nil {
		t.Errorf("a reload of the organization without its Owner: %v", err)
	}
	if _, err := openDBStoreOnce(db, quiet); err != nil {
		t.Errorf("a point starting on the organization without its Owner: %v", err)
	}
}

// openDBStoreOnce loads organization 1 once, without following it,
// logging to log.
func openDBStoreOnce(db *testDB, log *slog.Logger) (*store, error) {
	ctx := context.Background()
	src, err := openDB(ctx, db.conn, 1, dbOptions{reconcile: time.Hour, reconnectDelay: time.Second})
	if err != nil {
		return nil, err
	}
	defer src.close()
	return newDBStore(ctx, src, log)
}

// TestDBTwoStoresSeeChanges: two stores on their own connections see every
// membership added and removed in a transaction, by notification (the
// reconcile is an hour); the propagation time from commit to both having
// applied it is logged (p50, p99, max) over the changes.
func TestDBTwoStoresSeeChanges(t *testing.T) {
	db := openTestDB(t)
	opts := dbOptions{reconcile: time.Hour, reconnectDelay: time.Second, listen: true}
	a, b := startStore(t, db, opts), startStore(t, db, opts)
	n := 1000
	if testing.Short() {
		n = 100
	}
	var took []time.Duration
	for i := range n {
		p := scope.ID(1000 + i/2)
		var rev uint64
		start := time.Now()
		if i%2 == 0 {
			rev = db.change(t, "INSERT INTO memberships VALUES (1, 4, 'project', $1)", int64(p))
		} else {
			rev = db.change(t, "DELETE FROM memberships WHERE org_id = 1 AND person_id = 4 AND target_type = 'project' AND target_id = $1", int64(p))
		}
		committed := time.Since(start)
		for _, st := range []*store{a, b} {
			awaitRevision(t, st, rev, 5*time.Second)
			if got, want := hasProject(st, 4, p), i%2 == 0; got != want {
				t.Fatalf("change %d: at revision %d, person 4 member of project %d: %v, want %v", i, rev, p, got, want)
			}
		}
		took = append(took, time.Since(start)-committed)
	}
	slices.Sort(took)
	t.Logf("propagation, commit to both stores applied, over %d changes: p50 %v, p99 %v, max %v",
		n, took[n/2], took[n*99/100], took[n-1])
}

// terminateListener ends the listening connections of the test's database.
func terminateListener(tb testing.TB, db *testDB) int {
	tb.Helper()
	var n int
	err := db.pool.QueryRow(context.Background(), `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE datname = current_database() AND application_name = $1`, listenAppName).Scan(&n)
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

// TestDBDroppedListenerLosesNothing: the listening connection is killed
// (pg_terminate_backend) while a change is being made and committed; its
// NOTIFY is lost, and the reconnect path (a catch-up once LISTEN is back)
// applies it. The reconcile is an hour, so nothing else could.
func TestDBDroppedListenerLosesNothing(t *testing.T) {
	db := openTestDB(t)
	st := startStore(t, db, dbOptions{reconcile: time.Hour, reconnectDelay: 300 * time.Millisecond, listen: true})
	for i := range 5 {
		ctx := context.Background()
		tx, err := db.pool.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		p := int64(2000 + i)
		if _, err := tx.Exec(ctx, "INSERT INTO memberships VALUES (1, 6, 'project', $1)", p); err != nil {
			t.Fatal(err)
		}
		// Wait for the listener to be connected, then drop it mid-change.
		deadline := time.Now().Add(5 * time.Second)
		for terminateListener(t, db) == 0 {
			if time.Now().After(deadline) {
				t.Fatal("no listening connection to drop")
			}
			time.Sleep(10 * time.Millisecond)
		}
		var rev int64
		if err := tx.QueryRow(ctx, "SELECT revision FROM organizations WHERE org_id = 1").Scan(&rev); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(ctx); err != nil {
			t.Fatal(err)
		}
		awaitRevision(t, st, uint64(rev), 5*time.Second)
		if !hasProject(st, 6, scope.ID(p)) {
			t.Fatalf("round %d: person 6 not a member of project %d at revision %d", i, p, rev)
		}
	}
}

// TestDBReconcileRepairsMissedChanges: a store that does not listen at all
// applies a change by its periodic reconcile; with the reconcile an hour
// away, the change is not applied: the first half is the reconcile's doing.
func TestDBReconcileRepairsMissedChanges(t *testing.T) {
	db := openTestDB(t)
	fast := startStore(t, db, dbOptions{reconcile: 100 * time.Millisecond, reconnectDelay: time.Second})
	slow := startStore(t, db, dbOptions{reconcile: time.Hour, reconnectDelay: time.Second})
	rev := db.change(t, "DELETE FROM memberships WHERE org_id = 1 AND person_id = 4 AND target_type = 'project' AND target_id = 10")
	awaitRevision(t, fast, rev, 5*time.Second)
	if hasProject(fast, 4, 10) {
		t.Error("reconciled store: person 4 still a member of project 10")
	}
	time.Sleep(300 * time.Millisecond)
	if slow.snapshot().rev >= rev || !hasProject(slow, 4, 10) {
		t.Error("a store that neither listens nor reconciles applied the change: the test does not prove the reconcile")
	}
}

// TestStatementsNameOrg: every statement the point sends about an
// organization names org_id first in its WHERE clause, as a comparison with
// the organization's parameter ($1), so that on Citus (org_id the
// distribution column of every table) each is routed to one shard group.
// The statements are recorded while a store loads, catches up with people
// changed and removed, and reloads after a change of plan; the declared
// list is checked too, and every declared statement must have been sent.
func TestStatementsNameOrg(t *testing.T) {
	db := openTestDB(t)
	var mu sync.Mutex
	sent := map[string]bool{}
	ctx := context.Background()
	src, err := openDB(ctx, db.conn, 1, dbOptions{reconcile: time.Hour, reconnectDelay: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer src.close()
	src.statements = func(q string) { mu.Lock(); sent[q] = true; mu.Unlock() }
	st, err := newDBStore(ctx, src, quiet)
	if err != nil {
		t.Fatal(err)
	}
	db.change(t, "INSERT INTO memberships VALUES (1, 3, 'project', 11)")
	db.change(t, "DELETE FROM people WHERE org_id = 1 AND id = 6")
	if err := st.catchUp(ctx); err != nil {
		t.Fatal(err)
	}
	db.change(t, "UPDATE organizations SET plan = 'enterprise' WHERE org_id = 1")
	if err := st.catchUp(ctx); err != nil {
		t.Fatal(err)
	}
	if st.snapshot().people[6] != nil || !hasProject(st, 3, 11) {
		t.Error("catch-up did not apply the changes")
	}
	// A resource search of each kind the database lists, through the
	// handler: its statement is built from the subject's filter.
	h := dbServer(t, st, 2*time.Second)
	for _, body := range []string{
		`{"subject": {"type": "user", "id": "3"}, "action": {"name": "project.view"}, "resource": {"type": "project"}}`,
		`{"subject": {"type": "user", "id": "5"}, "action": {"name": "budget.view"}, "resource": {"type": "budget"}}`,
		`{"subject": {"type": "user", "id": "3"}, "action": {"name": "deal.view"}, "resource": {"type": "deal"}}`,
		`{"subject": {"type": "user", "id": "2"}, "action": {"name": "project.view"}, "resource": {"type": "project"}}`,
	} {
		if rec := do(h, "POST", "/access/v1/search/resource", "application/json", body); rec.Code != http.StatusOK {
			t.Fatalf("%s: %d %s", body, rec.Code, rec.Body)
		}
	}
	searches := 0
	for q := range sent {
		if strings.HasPrefix(q, "SELECT t.id FROM") {
			searches++
		}
	}
	if searches < 4 {
		t.Errorf("%d distinct search statements recorded, want 4", searches)
	}
	orgFirst := regexp.MustCompile(`(?i)^SELECT\b[^;]*?\bWHERE\s+(t\.)?org_id\s*=\s*\$1\b`)
	where := regexp.MustCompile(`(?i)\bWHERE\b`)
	orgNamed := regexp.MustCompile(`(?i)\borg_id"?\s*=\s*\$\d+`)
	for _, q := range slices.Concat(slices.Sorted(maps.Keys(sent)), pgQueries) {
		if !orgFirst.MatchString(q) {
			t.Errorf("statement does not compare org_id with $1 first in its WHERE clause: %s", q)
		}
		// Every WHERE clause, the subqueries' too, names org_id.
		at := where.FindAllStringIndex(q, -1)
		for i, loc := range at {
			end := len(q)
			if i+1 < len(at) {
				end = at[i+1][0]
			}
			if !orgNamed.MatchString(q[loc[1]:end]) {
				t.Errorf("a WHERE clause does not name org_id: %s\n(in %s)", q[loc[0]:end], q)
			}
		}
	}
	for _, q := range pgQueries {
		if !sent[q] {
			t.Errorf("declared statement never sent by the flows this test runs: %s", q)
		}
	}
}

// dbServer serves st as the point does, with testToken as its one caller
// token and wait as -consistency-wait.
func dbServer(t testing.TB, st *store, wait time.Duration) http.Handler {
	t.Helper()
	s := serverOn(t, st)
	s.consistencyWait = wait
	return s.routes()
}

// viewProject asks whether person 4 may view private project 10, with
// at_least when it is not zero, and returns the status, the decision and
// the answer's revision.
func viewProject(t testing.TB, h http.Handler, atLeast uint64) (int, bool, uint64) {
	t.Helper()
	ctx := ""
	if atLeast != 0 {
		ctx = fmt.Sprintf(`, "context": {"consistency": {"at_least": %d}}`, atLeast)
	}
	rec := do(h, "POST", "/access/v1/evaluation", "application/json", `{"subject": {"type": "user", "id": "4"},
		"action": {"name": "project.view"},
		"resource": {"type": "project", "id": "10", "properties": {"visibility": "private"}}`+ctx+`}`)
	if rec.Code != http.StatusOK {
		return rec.Code, false, 0
	}
	var got struct {
		Decision bool `json:"decision"`
		Context  struct {
			Revision uint64 `json:"revision"`
		} `json:"context"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatalf("%v: %s", err, rec.Body)
	}
	return rec.Code, got.Decision, got.Context.Revision
}

// TestDBRevokedNeverAllowed: once a membership is revoked at revision R, no
// request asking for at least R is allowed by it, whether the point learns
// of the change by notification or only because the request asked (a store
// that neither listens nor reconciles); a request for a revision the
// database has not reached is refused with 503 after the wait, never
// answered from an older snapshot.
func TestDBRevokedNeverAllowed(t *testing.T) {
	db := openTestDB(t)
	stale := startStore(t, db, dbOptions{reconcile: time.Hour, reconnectDelay: time.Second})
	live := startStore(t, db, dbOptions{reconcile: time.Hour, reconnectDelay: time.Second, listen: true})
	hs := map[string]http.Handler{"stale": dbServer(t, stale, 2*time.Second), "listening": dbServer(t, live, 2*time.Second)}
	if _, ok, _ := viewProject(t, hs["stale"], 0); !ok {
		t.Fatal("person 4 may not view project 10 before the revocation: the test proves nothing")
	}
	sawStale := false
	for i := range 50 {
		grant := db.change(t, "INSERT INTO memberships VALUES (1, 4, 'project', 10) ON CONFLICT DO NOTHING")
		for name, h := range hs {
			if code, ok, rev := viewProject(t, h, grant); code != http.StatusOK || !ok || rev < grant {
				t.Fatalf("round %d, %s: after the grant at %d: status %d, allowed %v at revision %d", i, name, grant, code, ok, rev)
			}
		}
		revoked := db.change(t, "DELETE FROM memberships WHERE org_id = 1 AND person_id = 4 AND target_type = 'project' AND target_id = 10")
		if _, ok, _ := viewProject(t, hs["stale"], 0); ok {
			sawStale = true // without at_least, an older revision may answer
		}
		for name, h := range hs {
			code, ok, rev := viewProject(t, h, revoked)
			if code != http.StatusOK || ok || rev < revoked {
				t.Fatalf("round %d, %s: asking for at least %d after the revocation: status %d, allowed %v at revision %d", i, name, revoked, code, ok, rev)
			}
		}
	}
	if !sawStale {
		t.Error("the store that neither listens nor reconciles never answered from an older revision: the test does not show at_least at work")
	}
	short := dbServer(t, live, 100*time.Millisecond)
	cur := live.snapshot().rev
	start := time.Now()
	if code, _, _ := viewProject(t, short, cur+1000); code != http.StatusServiceUnavailable {
		t.Errorf("asking for revision %d the database has not reached: status %d, want 503", cur+1000, code)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("the refusal took %v: the wait is not bounded", took)
	}
}

// TestConsistencyRequest: context.consistency is read strictly.
func TestConsistencyRequest(t *testing.T) {
	h := newTestServer(t, sampleOrg(t), false).routes()
	for _, c := range []struct {
		ctx  string
		want int
	}{
		{`{"consistency": {"at_least": 1}}`, http.StatusOK},
		{`{"consistency": {"at_least": "1"}}`, http.StatusOK},
		{`{"consistency": {"at_least": 0}}`, http.StatusOK},
		{`{"consistency": {}}`, http.StatusOK},
		{`{"consistency": {"at_leats": 1}}`, http.StatusBadRequest},
		{`{"consistency": {"at_least": -1}}`, http.StatusBadRequest},
		{`{"consistency": {"at_least": 1.5}}`, http.StatusBadRequest},
		{`{"consistency": {"at_least": true}}`, http.StatusBadRequest},
		{`{"consistency": 1}`, http.StatusBadRequest},
		{`{"consistency": {"at_least": 18446744073709551615}}`, http.StatusServiceUnavailable},
	} {
		rec := do(h, "POST", "/access/v1/evaluation", "application/json", `{"subject": {"type": "user", "id": "4"},
			"action": {"name": "project.view"}, "resource": {"type": "project", "id": "10", "properties": {"visibility": "private"}},
			"context": `+c.ctx+`}`)
		if rec.Code != c.want {
			t.Errorf("context %s: status %d, want %d: %s", c.ctx, rec.Code, c.want, rec.Body)
		}
	}

	// A batch is answered at one revision, asked for at its top level: a
	// demand inside an item would be ignored, so the item is refused.
	rec := do(h, "POST", "/access/v1/evaluations", "application/json", `{"subject": {"type": "user", "id": "4"},
		"resource": {"type": "project", "id": "11", "properties": {"visibility": "public"}},
		"evaluations": [{"action": {"name": "project.view"}, "context": {"consistency": {"at_least": 18446744073709551615}}},
		                {"action": {"name": "project.view"}}]}`)
	var batch struct {
		Evaluations []struct {
			Decision bool
			Context  struct{ Error *struct{ Message string } }
		}
	}
	decodeBody(t, rec.Body, &batch)
	if rec.Code != http.StatusOK || len(batch.Evaluations) != 2 || batch.Evaluations[0].Decision || batch.Evaluations[0].Context.Error == nil ||
		!strings.Contains(batch.Evaluations[0].Context.Error.Message, "context.consistency") || !batch.Evaluations[1].Decision {
		t.Errorf("an item asking for a revision: status %d, %s; want the item refused naming context.consistency, the other allowed", rec.Code, rec.Body)
	}
}

// TestDBTruncateSeen: a TRUNCATE names no rows, so its trigger moves every
// organization as a whole, and a point reads it all again (review of issue
// 23: a truncated memberships table left every membership served).
func TestDBTruncateSeen(t *testing.T) {
	db := openTestDB(t)
	st := startStore(t, db, dbOptions{reconcile: time.Hour, reconnectDelay: time.Second, listen: true})
	if !hasProject(st, 4, 10) {
		t.Fatal("person 4 not a member of project 10 at the start")
	}
	rev := db.change(t, "TRUNCATE memberships")
	awaitRevision(t, st, rev, 5*time.Second)
	if hasProject(st, 4, 10) {
		t.Error("person 4 is still a member of project 10 after TRUNCATE memberships")
	}
}

// TestDBOrganizationDeleted: an organization deleted while served denies
// every subject (review of issue 23: the point kept serving the last
// snapshot's grants), and created again is read whole.
func TestDBOrganizationDeleted(t *testing.T) {
	db := openTestDB(t)
	st := startStore(t, db, dbOptions{reconcile: time.Hour, reconnectDelay: time.Second, listen: true})
	db.exec(t, "DELETE FROM organizations WHERE org_id = 1")
	deadline := time.Now().Add(5 * time.Second)
	for len(st.snapshot().people) > 0 {
		if time.Now().After(deadline) {
			t.Fatal("the deleted organization's people are still served after 5s")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if hasProject(st, 4, 10) {
		t.Error("person 4 still a member of project 10 in a deleted organization")
	}
	db.exec(t, "INSERT INTO organizations (org_id, plan) VALUES (1, 'ultimate')")
	if err := st.catchUp(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !hasProject(st, 4, 10) {
		t.Error("the organization created again is not read whole")
	}
}

// TestDBChangeLogGap: a store behind a revision whose change log rows were
// pruned reads the whole organization again rather than miss the change;
// without the check it would keep the person as they were.
func TestDBChangeLogGap(t *testing.T) {
	db := openTestDB(t)
	st := startStore(t, db, dbOptions{reconcile: time.Hour, reconnectDelay: time.Second})
	first := db.change(t, "DELETE FROM memberships WHERE org_id = 1 AND person_id = 4 AND target_type = 'project' AND target_id = 10")
	db.exec(t, "DELETE FROM changes WHERE org_id = 1 AND revision = $1", int64(first))
	second := db.change(t, "INSERT INTO memberships VALUES (1, 6, 'project', 12)")
	if err := st.catchUp(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := st.snapshot().rev; got != second {
		t.Fatalf("caught up to revision %d, want %d", got, second)
	}
	if hasProject(st, 4, 10) {
		t.Error("the change at a pruned revision was missed: person 4 still a member of project 10")
	}
	if !hasProject(st, 6, 12) {
		t.Error("the change after the gap was missed")
	}
}
