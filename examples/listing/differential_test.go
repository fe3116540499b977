package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/permission/sqlfilter"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

var (
	seedFlag   = flag.Uint64("seed", 0, "first world's seed for TestListingMatchesAuthorize (0: from the clock)")
	worldsFlag = flag.Int("worlds", 0, "number of worlds for TestListingMatchesAuthorize (0: 200, or 20 with -short)")
)

// The floors a full run must reach.
const (
	minWorlds = 200
	minPairs  = 20000
)

// allActions are the actions the differential test lists: every one but
// person.change_permission_set, whose filter compares the person's set with
// the subject's, which sqlfilter refuses to render (TestChangeSetRefused).
var allActions = slices.DeleteFunc(slices.Collect(permission.Actions()), func(a permission.Action) bool {
	return a == permission.ChangePermissionSet
})

// TestChangeSetRefused: the one action the listing leaves out renders as an
// error naming Authorize as the way, never as SQL that could over-return.
func TestChangeSetRefused(t *testing.T) {
	r, err := sqlfilter.New(plain.filterSchema(sqlfilter.PostgreSQL))
	if err != nil {
		t.Fatal(err)
	}
	admin := set.MustSystem(role.Admin, 0, 0).Subject(1, 2)
	if _, _, err := r.Render(permission.List(admin, permission.ChangePermissionSet), sqlfilter.Options{Form: sqlfilter.Exists}); !errors.Is(err, sqlfilter.ErrCondition) {
		t.Errorf("Render(person.change_permission_set) = %v, want ErrCondition", err)
	}
}

// layouts are the ways of naming the tables the differential test runs, a
// world each in turn (issue 22): plain names with an alias; names holding
// double quotes, in a schema (an attached database on SQLite) whose name
// holds one too, under an alias that holds one, after a placeholder of the
// host's own; schema-qualified tables with no alias, after two, and
// memberships in a table per kind whose target column is named as the
// listed table's (project_id: a subquery that let an outer column bind to
// its own table would compare it with itself); an alias that is the
// membership table's name in another case (one name on SQLite, whose
// subquery must alias it away), and one that is a per-kind membership
// table's; and an alias that Unicode, but not SQLite, folds to the
// renderer's ("ſ" is a long s), which New accepts.
var layouts = []layout{
	plain,
	{name: "quoted", schema: `au"th`, prefix: `q"`, alias: `we"ird`, host: 1, perKind: true},
	{name: "schema", schema: "auth", host: 2, perKind: true},
	{name: "membership-alias", alias: "MEMBERSHIPS", host: 1},
	{name: "member-view-alias", alias: "Project_Members", host: 3, perKind: true},
	{name: "near-prefix", alias: "ſqlfilter_m", perKind: true},
}

// TestListingMatchesAuthorize is the differential test: for generated worlds
// loaded into a real SQLite and a real PostgreSQL, and for every person of
// every organization and every action, the rows the rendered SQL returns are
// exactly the rows of that person's organization that permission.Authorize
// allows, in both membership forms.
func TestListingMatchesAuthorize(t *testing.T) {
	seed := *seedFlag
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	worlds := *worldsFlag
	if worlds == 0 {
		worlds = minWorlds
		if testing.Short() {
			worlds = 20
		}
	}
	t.Logf("worlds %d from seed %d, layouts in turn (rerun the first N with -seed %d -worlds N)", worlds, seed, seed)
	for _, db := range []struct {
		name    string
		dialect sqlfilter.Dialect
		open    func(testing.TB) *sql.DB
	}{
		{"sqlite", sqlfilter.SQLite, openSQLite},
		{"postgres", sqlfilter.PostgreSQL, openPostgres},
	} {
		t.Run(db.name, func(t *testing.T) {
			t.Parallel()
			conn := db.open(t)
			start := time.Now()
			st := differential(t, conn, db.dialect, seed, worlds)
			t.Logf("%s: %d records loaded by key, each equal to the Go-built resource", db.name, st.loaded)
			t.Logf("%s: %d worlds, %d organizations, %d records, %d memberships (largest organization %d); %d subjects, %d (subject, action) pairs, %d allowed rows; %d queries in %v; pairs per layout %v",
				db.name, st.worlds, st.orgs, st.records, st.members, st.maxMembers, st.subjects, st.pairs, st.allowed, st.queries, time.Since(start).Round(time.Millisecond), st.layoutPairs)
			if worlds >= minWorlds && st.pairs < minPairs {
				t.Errorf("%d (subject, action) pairs checked; a full run must check at least %d", st.pairs, minPairs)
			}
			for _, l := range layouts {
				if worlds >= minWorlds && st.layoutPairs[l.name] < minPairs/len(layouts)/2 {
					t.Errorf("layout %s: %d (subject, action) pairs checked; a full run must check at least %d", l.name, st.layoutPairs[l.name], minPairs/len(layouts)/2)
				}
			}
		})
	}
}

type stats struct {
	worlds, orgs, records, members, maxMembers int
	loaded                                     int // records loaded by key and compared
	subjects, pairs, allowed, queries          int
	layoutPairs                                map[string]int
}

// differential runs the check on db for worlds seeds from seed on, world
// seed+i in layout i modulo the number of layouts.
func differential(t *testing.T, db *sql.DB, d sqlfilter.Dialect, seed uint64, worlds int) stats {
	renderers := make([]*sqlfilter.Renderer, len(layouts))
	for i, l := range layouts {
		r, err := sqlfilter.New(l.filterSchema(d))
		if err != nil {
			t.Fatalf("layout %s: %v", l.name, err)
		}
		renderers[i] = r
	}
	ctx := context.Background()
	st := stats{layoutPairs: map[string]int{}}
	for i := range worlds {
		w := genWorld(seed + uint64(i))
		l, r := layouts[i%len(layouts)], renderers[i%len(layouts)]
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := load(ctx, tx, d, l, w.orgs); err != nil {
			tx.Rollback()
			t.Fatalf("world %d, layout %s: %v", w.seed, l.name, err)
		}
		before := st.pairs
		ok := checkResources(t, ctx, tx, r, l, w, &st) && checkWorld(t, ctx, tx, r, d, l, w, &st)
		st.layoutPairs[l.name] += st.pairs - before
		if err := tx.Rollback(); err != nil { // the world goes away with its transaction
			t.Fatal(err)
		}
		if !ok {
			t.Fatalf("world %d (layout %s) disagrees with Authorize; rerun it with -seed %d -worlds %d", w.seed, l.name, seed, i+1)
		}
		st.worlds++
	}
	return st
}

// checkResources loads every record of every organization of w by its key
// with the facts query sqlfilter renders for its kind (loadResource, as the
// example decides on one record), and checks that it is the resource the
// example builds in Go from the same data: every fact, the approvers of an
// absence request included. It reports false after the first mismatch.
func checkResources(t *testing.T, ctx context.Context, tx *sql.Tx, r *sqlfilter.Renderer, l layout, w world, st *stats) bool {
	for _, tb := range tables {
		q, err := r.Facts(tb.kind)
		if err != nil {
			t.Errorf("layout %s: Facts(%v): %v", l.name, tb.kind, err)
			return false
		}
		for _, o := range w.orgs {
			for _, rec := range o.records[tb.kind] {
				got, err := o.loadResource(ctx, tx, q, l, rec.id)
				if err != nil {
					t.Errorf("world %d, layout %s: %v\n%s", w.seed, l.name, err, q.Statement(l.from(tb.kind)))
					return false
				}
				want := o.resource(tb.kind, rec)
				if !sameResource(got, want) {
					t.Errorf("world %d, layout %s, organization %d, %v %d: loaded\n  %+v (approvers %v)\nbuilt in Go\n  %+v (approvers %v)",
						w.seed, l.name, o.id, tb.kind, rec.id, got, got.Approvers, want, want.Approvers)
					return false
				}
				st.loaded++
			}
		}
	}
	return true
}

// sameResource reports whether a and b are the same resource: equal fields,
// and the same approvers (Members compare by identity with ==).
func sameResource(a, b permission.Resource) bool {
	if !slices.Equal(slices.Sorted(a.Approvers.All()), slices.Sorted(b.Approvers.All())) {
		return false
	}
	a.Approvers, b.Approvers = scope.Members{}, scope.Members{}
	return a == b
}

// checkWorld checks every subject of w; it reports false after the first
// subject with a mismatch.
func checkWorld(t *testing.T, ctx context.Context, tx *sql.Tx, r *sqlfilter.Renderer, d sqlfilter.Dialect, l layout, w world, st *stats) bool {
	for _, o := range w.orgs {
		st.orgs++
		st.members += len(o.members)
		st.maxMembers = max(st.maxMembers, len(o.members))
		for _, recs := range o.records {
			st.records += len(recs)
		}
		for _, p := range o.people {
			s := o.subject(p)
			want := expected(w, o, s)
			st.subjects++
			st.pairs += len(allActions)
			for _, ids := range want {
				st.allowed += len(ids)
			}
			for _, form := range []sqlfilter.Form{sqlfilter.Params, sqlfilter.Exists} {
				q, args, err := unionQuery(r, l, d, s, form)
				if err != nil {
					t.Errorf("world %d, layout %s, org %d, person %d (%v): render: %v", w.seed, l.name, o.id, p.id, p.set, err)
					return false
				}
				got, err := runUnion(ctx, tx, q, args)
				st.queries++
				if err != nil {
					t.Errorf("world %d, layout %s, org %d, person %d (%v), %v form on %v: %v\n%s", w.seed, l.name, o.id, p.id, p.set, form, d, err, q)
					return false
				}
				if !compare(t, w, l, o, p, s, form, d, r, want, got) {
					return false
				}
			}
		}
	}
	return true
}

// key identifies a record across organizations (IDs repeat in each).
func key(org, id int64) int64 { return org<<32 | id }

// expected returns, for every action, the keys of the records of the
// action's kind that Authorize allows subject s of organization o, sorted:
// Authorize is asked about every record of every organization of the world,
// and denies those of other organizations itself.
func expected(w world, o *org, s permission.Subject) [][]int64 {
	want := make([][]int64, len(allActions))
	for i, a := range allActions {
		k := a.Kind()
		for _, o2 := range w.orgs {
			for _, rec := range o2.records[k] {
				if permission.Authorize(s, a, o2.resource(k, rec)).Allowed() {
					want[i] = append(want[i], key(int64(o2.id), int64(rec.id)))
				}
			}
		}
		slices.Sort(want[i])
	}
	return want
}

// unionQuery renders the filter of every action for s and joins the
// listings of layout l into one query of (action index, organization,
// record ID) rows, the placeholders of each part (the host's own, then the
// fragment's) continuing from the last.
func unionQuery(r *sqlfilter.Renderer, l layout, d sqlfilter.Dialect, s permission.Subject, form sqlfilter.Form) (string, []any, error) {
	var b strings.Builder
	var args []any
	for i, a := range allActions {
		k := a.Kind()
		head, host := l.listQuery(d, k, len(args)+1, fmt.Sprintf("%d AS a", i), l.column(k, "org_id"), l.column(k, "id"))
		args = append(args, host...)
		where, more, err := r.Render(permission.List(s, a), sqlfilter.Options{Form: form, Offset: len(args)})
		if err != nil {
			return "", nil, fmt.Errorf("%v: %w", a, err)
		}
		if i > 0 {
			b.WriteString(" UNION ALL ")
		}
		b.WriteString(head)
		b.WriteString(where)
		args = append(args, more...)
	}
	return b.String(), args, nil
}

// runUnion runs a union query and returns the keys of the records it lists per
// action, sorted.
func runUnion(ctx context.Context, tx *sql.Tx, q string, args []any) ([][]int64, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	got := make([][]int64, len(allActions))
	for rows.Next() {
		var a int
		var org, id int64
		if err := rows.Scan(&a, &org, &id); err != nil {
			return nil, err
		}
		if a < 0 || a >= len(got) {
			return nil, fmt.Errorf("action index %d out of range", a)
		}
		got[a] = append(got[a], key(org, id))
	}
	for _, ids := range got {
		slices.Sort(ids)
	}
	return got, rows.Err()
}

// compare reports every action on which got differs from want, with what it
// takes to see why.
func compare(t *testing.T, w world, l layout, o *org, p person, s permission.Subject, form sqlfilter.Form, d sqlfilter.Dialect, r *sqlfilter.Renderer, want, got [][]int64) bool {
	ok := true
	for i, a := range allActions {
		if slices.Equal(want[i], got[i]) {
			continue
		}
		ok = false
		f := permission.List(s, a)
		where, args, _ := r.Render(f, sqlfilter.Options{Form: form})
		t.Errorf("world %d, layout %s, org %d, person %d (%v; projects %v, deals %v, budgets %v), %v, %v form on %v:\n  filter %s\n  SQL %s\n  args %s\n  Authorize allows %v\n  SQL returned     %v",
			w.seed, l.name, o.id, p.id, p.set, short(s.Projects.String()), short(s.Deals.String()), short(s.Budgets.String()),
			a, form, d, describe(f), where, short(fmt.Sprint(args)), want[i], got[i])
	}
	return ok
}

// describe writes a filter's clauses as text.
func describe(f permission.Filter) string {
	switch {
	case f.None():
		return "none: " + f.Reason().String()
	case f.Everything():
		return "everything"
	}
	var and []string
	for cl := range f.Clauses() {
		var or []string
		for c := range cl.Conditions() {
			or = append(or, c.String())
		}
		and = append(and, "("+strings.Join(or, " OR ")+")")
	}
	return strings.Join(and, " AND ")
}

func short(s string) string {
	if len(s) > 200 {
		return s[:200] + "..."
	}
	return s
}
