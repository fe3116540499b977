package main

import (
	"context"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// TestDBLoadLarge loads an organization of 100,000 people and 1,000,000
// memberships (CLEARANCE_LARGE=1; a minute or so, so not in .ci/run's
// default run) and logs the time and memory the load took, then the
// propagation of changes in an organization that size:
//
//	cd examples/authzen && CLEARANCE_LARGE=1 bash ../../.ci/postgres go test -run TestDBLoadLarge -v .
func TestDBLoadLarge(t *testing.T) {
	if os.Getenv("CLEARANCE_LARGE") == "" {
		t.Skip("CLEARANCE_LARGE is not set: the 100,000-person load runs on demand")
	}
	const people, perPerson = 100_000, 10
	db := openTestDB(t)
	ctx := context.Background()
	db.exec(t, "DELETE FROM memberships WHERE org_id = 1")
	db.exec(t, "DELETE FROM people WHERE org_id = 1")
	start := time.Now()
	doc := `{"version": 2, "name": "Accounting", "base": "staff", "scope": "member", "grant": ["invoices.view", "invoices.view_all", "invoices.manage_drafts", "invoices.finalize", "invoices.manage_finalized", "payments.view", "payments.manage", "invoices.manage", "expenses.manage_all"]}`
	roles := []string{"staff", "staff", "staff", "coordinator", "manager", "client", "contractor", "admin"}
	_, err := db.pool.CopyFrom(ctx, pgx.Identifier{"people"}, []string{"org_id", "id", "role", "scope", "addons", "set_doc", "workplace_id", "manager_id"},
		pgx.CopyFromSlice(people, func(i int) ([]any, error) {
			id := int64(i + 1)
			var role, scope, setDoc *string
			addons := []string{}
			switch {
			case id == 1:
				r := "owner"
				role = &r
			case i%50 == 0:
				setDoc = &doc
			default:
				r := roles[i%len(roles)]
				role = &r
				if r == "manager" && i%2 == 0 {
					s := "restricted"
					scope = &s
				}
				if r == "staff" && i%3 == 0 {
					addons = []string{"time"}
				}
			}
			return []any{int64(1), id, role, scope, addons, setDoc, int64(1 + i%20), int64(1 + i/100)}, nil
		}))
	if err != nil {
		t.Fatal(err)
	}
	kinds := []string{"project", "project", "project", "project", "project", "project", "deal", "budget", "budget", "budget"}
	_, err = db.pool.CopyFrom(ctx, pgx.Identifier{"memberships"}, []string{"org_id", "person_id", "target_type", "target_id"},
		pgx.CopyFromSlice(people*perPerson, func(i int) ([]any, error) {
			p, k := i/perPerson, i%perPerson
			return []any{int64(1), int64(p + 1), kinds[k], int64(1 + (p*7+k*131)%5000 + k*5000)}, nil
		}))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("seeded %d people and %d memberships in %v", people, people*perPerson, time.Since(start))

	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	rssBefore := rss(t)
	var took []time.Duration
	var st *store
	for range 3 {
		start = time.Now()
		s, err := openDBStoreOnce(db, quiet)
		if err != nil {
			t.Fatal(err)
		}
		took = append(took, time.Since(start))
		st = s
	}
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	snap := st.snapshot()
	if len(snap.ids) != people {
		t.Fatalf("loaded %d people, want %d", len(snap.ids), people)
	}
	n := 0
	for _, p := range snap.people {
		n += p.subject.Projects.Len() + p.subject.Deals.Len() + p.subject.Budgets.Len()
	}
	if n != people*perPerson {
		t.Fatalf("loaded %d memberships, want %d", n, people*perPerson)
	}
	slices.Sort(took)
	t.Logf("load of %d people, %d memberships: %v, %v, %v (3 runs); heap in use after GC %.0f MB more than before (%.0f MB in all); process RSS %.0f MB -> %.0f MB",
		people, n, took[0], took[1], took[2], float64(after.HeapInuse-before.HeapInuse)/1e6, float64(after.HeapInuse)/1e6, rssBefore, rss(t))
	runtime.KeepAlive(snap)

	live := startStore(t, db, dbOptions{reconcile: time.Hour, reconnectDelay: time.Second, listen: true})
	var prop []time.Duration
	for i := range 100 {
		start := time.Now()
		rev := db.change(t, "INSERT INTO memberships VALUES (1, $1, 'project', 999999)", int64(2+i))
		awaitRevision(t, live, rev, 10*time.Second)
		prop = append(prop, time.Since(start))
	}
	slices.Sort(prop)
	t.Logf("propagation in an organization of %d people, commit to applied, over 100 changes: p50 %v, p99 %v", people, prop[50], prop[99])
}

// rss returns the process's resident set, in MB (VmRSS).
func rss(t testing.TB) float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Log(err)
		return 0
	}
	for line := range strings.Lines(string(data)) {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}
