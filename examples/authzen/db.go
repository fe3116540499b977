package main

// The organization from PostgreSQL (-db): loading it, and following its
// changes.
//
// The tables and their triggers are db/schema.sql, applied when the point
// starts. Every committed change of an organization's people, memberships,
// projects or budgets bumps organizations.revision in the transaction of the
// change (the row lock orders the organization's writers, so revisions
// commit in order), writes a row per changed person to the change log
// (changes), and NOTIFYs channel clearance_changes with the organization and
// the revision. The point never trusts a notification's content: it is only
// a wake-up. To catch up, the point reads, in one REPEATABLE READ
// transaction, the organization's revision R and the people the change log
// names above the revision it has applied, rebuilds exactly those
// principals from their rows, and swaps in a new snapshot at revision R.
// Requests in flight keep the snapshot they loaded.
//
// NOTIFY is at most once, and dropped while the listening connection is
// down. Nothing is lost for it: a notification only triggers a catch-up,
// and a catch-up also runs when the listening connection is (re)established
// (pgxlisten's backlog handler, after LISTEN, so a change committed between
// the two is read), every -db-reconcile interval, and whenever a request
// asks for a revision the point has not applied.

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgxlisten"

	"github.com/clearance-go/clearance/permission/clip"
	"github.com/clearance-go/clearance/permission/sqlfilter"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// schemaSQL is db/schema.sql: the tables, the change log and the triggers.
//
//go:embed db/schema.sql
var schemaSQL string

// changesChannel is the channel the triggers notify.
const changesChannel = "clearance_changes"

// listenAppName is the application_name of the listening connection, so an
// operator (and the tests) can find it in pg_stat_activity.
const listenAppName = "clearance-authzen-listen"

// The statements the point sends about an organization. Every one names
// org_id first in its WHERE clause ($1 is always the organization), so on
// Citus each is routed to the one shard group of that organization;
// TestStatementsNameOrg holds every statement sent to that rule.
const (
	qOrganization = `SELECT plan, revision FROM organizations WHERE org_id = $1`
	qPeople       = `SELECT id, role, scope, addons, set_doc, workplace_id, manager_id FROM people WHERE org_id = $1`
	qMembers      = `SELECT person_id, target_type, target_id FROM memberships WHERE org_id = $1`
	qPeopleOf     = `SELECT id, role, scope, addons, set_doc, workplace_id, manager_id FROM people WHERE org_id = $1 AND id = ANY($2)`
	qMembersOf    = `SELECT person_id, target_type, target_id FROM memberships WHERE org_id = $1 AND person_id = ANY($2)`
	qChanges      = `SELECT revision, kind, person_id FROM changes WHERE org_id = $1 AND revision > $2 AND revision <= $3`
)

// pgQueries lists them, for the test over the statements.
var pgQueries = []string{qOrganization, qPeople, qMembers, qPeopleOf, qMembersOf, qChanges}

// dbOptions tune a database-backed store.
type dbOptions struct {
	reconcile      time.Duration // how often to compare revisions without a notification
	reconnectDelay time.Duration // how long the listener waits before reconnecting
	listen         bool          // follow notifications (false only in tests of the reconcile)
}

// defaultDBOptions are the flags' defaults.
var defaultDBOptions = dbOptions{reconcile: 5 * time.Second, reconnectDelay: time.Second, listen: true}

// pgSource reads one organization from PostgreSQL.
type pgSource struct {
	pool *pgxpool.Pool
	org  scope.ID
	opts dbOptions
	conn string // the connection string, for the listening connection

	poke chan struct{} // a catch-up is wanted; buffered, one pending at most

	renderer *sqlfilter.Renderer // renders searches' filters over db/schema.sql

	statements func(string) // when set, told every statement sent (the test over the statements)
}

// errDB is wrapped by every failure to read the organization from the
// database.
var errDB = errors.New("reading the organization from the database")

// errNoOrganization is wrapped by a read of an organization the database
// does not hold (never created, or deleted).
var errNoOrganization = errors.New("not in table organizations")

// openDB connects to the database at conn, applies the schema and returns a
// source of organization org.
func openDB(ctx context.Context, conn string, org scope.ID, opts dbOptions) (*pgSource, error) {
	if org == 0 {
		return nil, fmt.Errorf("-db-org: the organization to serve is required with -db: %w", errConfig)
	}
	pool, err := pgxpool.New(ctx, conn)
	if err != nil {
		return nil, fmt.Errorf("-db: %w", err)
	}
	src := &pgSource{pool: pool, org: org, opts: opts, conn: conn, poke: make(chan struct{}, 1)}
	if src.renderer, err = newRenderer(); err != nil {
		pool.Close()
		return nil, err
	}
	if err := src.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return src, nil
}

// migrate applies db/schema.sql in one transaction, under an advisory lock,
// so that points starting together do not race.
func (src *pgSource) migrate(ctx context.Context) error {
	tx, err := src.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("applying db/schema.sql: %w", err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // after Commit, a no-op
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(7275623)`); err != nil {
		return fmt.Errorf("applying db/schema.sql: %w", err)
	}
	if _, err := tx.Exec(ctx, schemaSQL); err != nil {
		return fmt.Errorf("applying db/schema.sql: %w", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("applying db/schema.sql: %w", err)
	}
	return nil
}

// close releases the pool.
func (src *pgSource) close() { src.pool.Close() }

// query sends one statement of the organization, telling statements first.
func (src *pgSource) query(ctx context.Context, tx pgx.Tx, q string, args ...any) (pgx.Rows, error) {
	if src.statements != nil {
		src.statements(q)
	}
	return tx.Query(ctx, q, append([]any{int64(src.org)}, args...)...)
}

// personRow is a row of people.
type personRow struct {
	id                  int64
	role, scope, setDoc *string
	addons              []string
	workplace, manager  *int64
}

// readOrganization reads the organization's plan and revision. An
// organization the database does not hold is an error.
func (src *pgSource) readOrganization(ctx context.Context, tx pgx.Tx) (set.Plan, uint64, error) {
	rows, err := src.query(ctx, tx, qOrganization)
	if err != nil {
		return 0, 0, fmt.Errorf("%w: organization %d: %w", errDB, src.org, err)
	}
	var planName string
	var rev int64
	n := 0
	for rows.Next() {
		if err := rows.Scan(&planName, &rev); err != nil {
			return 0, 0, fmt.Errorf("%w: organization %d: %w", errDB, src.org, err)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return 0, 0, fmt.Errorf("%w: organization %d: %w", errDB, src.org, err)
	}
	if n == 0 {
		return 0, 0, fmt.Errorf("%w: organization %d: %w", errDB, src.org, errNoOrganization)
	}
	plan, err := set.ParsePlan(planName)
	if err != nil {
		return 0, 0, fmt.Errorf("%w: organization %d: plan: %w", errDB, src.org, err)
	}
	return plan, uint64(rev), nil
}

// readPeople reads the rows of the people named (all of them when ids is
// nil) and their memberships into holdings. A row that does not describe a
// valid holding is reported in bad, by person, and left out.
func (src *pgSource) readPeople(ctx context.Context, tx pgx.Tx, plan set.Plan, ids []int64) (map[scope.ID]holding, map[scope.ID]error, error) {
	qp, qm, args := qPeople, qMembers, []any(nil)
	if ids != nil {
		qp, qm, args = qPeopleOf, qMembersOf, []any{ids}
	}
	rows, err := src.query(ctx, tx, qp, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: people of organization %d: %w", errDB, src.org, err)
	}
	holdings := map[scope.ID]holding{}
	bad := map[scope.ID]error{}
	var r personRow
	_, err = pgx.ForEachRow(rows, []any{&r.id, &r.role, &r.scope, &r.addons, &r.setDoc, &r.workplace, &r.manager}, func() error {
		h, err := r.holding(plan)
		if err != nil {
			bad[scope.ID(r.id)] = err
			return nil
		}
		holdings[scope.ID(r.id)] = h
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("%w: people of organization %d: %w", errDB, src.org, err)
	}
	rows, err = src.query(ctx, tx, qm, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: memberships of organization %d: %w", errDB, src.org, err)
	}
	var person, target int64
	var typ string
	_, err = pgx.ForEachRow(rows, []any{&person, &typ, &target}, func() error {
		h, ok := holdings[scope.ID(person)]
		if !ok {
			return nil // a membership of nobody, or of a row refused above: no principal to hold it
		}
		switch typ {
		case "project":
			h.projects = append(h.projects, scope.ID(target))
		case "deal":
			h.deals = append(h.deals, scope.ID(target))
		case "budget":
			h.budgets = append(h.budgets, scope.ID(target))
		default:
			bad[scope.ID(person)] = fmt.Errorf("membership of unknown type %q", typ)
			delete(holdings, scope.ID(person))
			return nil
		}
		holdings[scope.ID(person)] = h
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("%w: memberships of organization %d: %w", errDB, src.org, err)
	}
	for id := range bad {
		delete(holdings, id)
	}
	return holdings, bad, nil
}

// holding reads what a people row says a person holds: a system set (role,
// scope, addons) or a custom set (set_doc, decoded strictly for plan).
func (r *personRow) holding(plan set.Plan) (holding, error) {
	var h holding
	switch {
	case r.id <= 0:
		return h, fmt.Errorf("id %d: not a positive ID", r.id)
	case r.setDoc != nil && (r.role != nil || r.scope != nil || len(r.addons) > 0):
		return h, errors.New("set_doc given with role, scope or addons: a person holds one set")
	case r.setDoc != nil:
		s, err := customSet([]byte(*r.setDoc), plan)
		if err != nil {
			return h, fmt.Errorf("set_doc: %w", err)
		}
		h.set = s
	case r.role != nil:
		rl, err := role.Parse(*r.role)
		if err != nil {
			return h, fmt.Errorf("role: %w", err)
		}
		var sc scope.Scope
		if r.scope != nil {
			if sc, err = scope.ParseScope(*r.scope); err != nil {
				return h, fmt.Errorf("scope: %w", err)
			}
		}
		var addons set.Addons
		for _, name := range r.addons {
			a, err := set.ParseAddon(name)
			if err != nil {
				return h, fmt.Errorf("addons: %w", err)
			}
			if addons&a != 0 {
				return h, fmt.Errorf("addons: %s listed twice", clip.Quote(name)) // one reading, as the file and requests have
			}
			addons |= a
		}
		if h.set, err = systemSet(rl, sc, addons); err != nil {
			return h, err
		}
	default:
		return h, errors.New("neither role nor set_doc")
	}
	for _, rel := range []struct {
		v   *int64
		dst *scope.ID
	}{{r.workplace, &h.workplace}, {r.manager, &h.manager}} {
		if rel.v != nil {
			if *rel.v <= 0 {
				return h, fmt.Errorf("workplace_id or manager_id %d: not a positive ID", *rel.v)
			}
			*rel.dst = scope.ID(*rel.v)
		}
	}
	return h, nil
}

// readTx runs read in one read-only REPEATABLE READ transaction: every
// statement of it sees the same committed state.
func (src *pgSource) readTx(ctx context.Context, read func(pgx.Tx) error) error {
	tx, err := src.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return fmt.Errorf("%w: organization %d: %w", errDB, src.org, err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // read only; after Commit, a no-op
	if err := read(tx); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// refusals are what a load or a catch-up read and did not serve: people
// whose rows are not valid (left out, so denied everything) and a fault of
// the organization as a whole that set.Org refuses (no Owner). Both are
// logged, never fatal: failing the load would keep serving an older
// revision's grants, revoked ones included, so every load serves what is
// valid, as a catch-up does.
type refusals struct {
	people map[scope.ID]error
	org    error
}

// log logs each refusal of organization org.
func (r refusals) log(log *slog.Logger, org scope.ID) {
	if r.org != nil {
		log.Error("the organization is not valid as a whole; it is served as it stands", "organization", uint64(org), "err", r.org)
	}
	for _, id := range slices.Sorted(maps.Keys(r.people)) {
		log.Error("a person's row is refused; they are denied everything until it is repaired", "organization", uint64(org), "person", uint64(id), "err", r.people[id])
	}
}

// load reads the whole organization. People whose rows are not valid are
// left out and an organization set.Org refuses is served: both are in the
// refusals, for the caller to log. It fails only when the organization
// cannot be read.
func (src *pgSource) load(ctx context.Context) (*snapshot, refusals, error) {
	var snap *snapshot
	var refused refusals
	err := src.readTx(ctx, func(tx pgx.Tx) error {
		plan, rev, err := src.readOrganization(ctx, tx)
		if err != nil {
			return err
		}
		holdings, bad, err := src.readPeople(ctx, tx, plan, nil)
		if err != nil {
			return err
		}
		sets := make(map[scope.ID]set.Set, len(holdings))
		for id, h := range holdings {
			sets[id] = h.set
		}
		refused = refusals{people: bad, org: checkAssignment(src.org, plan, sets)}
		snap = &snapshot{org: src.org, plan: plan, people: make(map[scope.ID]*principal, len(holdings)), gen: loads.Add(1), rev: rev}
		for id, h := range holdings {
			snap.people[id] = newPrincipal(id, src.org, plan, h)
			snap.ids = append(snap.ids, id)
		}
		slices.Sort(snap.ids)
		return nil
	})
	if err != nil {
		return nil, refusals{}, err
	}
	return snap, refused, nil
}

// catchUp brings cur up to the database's revision: nil when nothing moved,
// a full load when the plan changed (every principal moves), the
// database's revision went back or the change log misses a revision, else
// a snapshot with only the changed principals rebuilt. gap reports a full
// load for a change log that misses a revision. refused lists what was
// read and not served (see refusals).
func (src *pgSource) catchUp(ctx context.Context, cur *snapshot) (next *snapshot, refused refusals, gap bool, err error) {
	full := false
	err = src.readTx(ctx, func(tx pgx.Tx) error {
		plan, rev, err := src.readOrganization(ctx, tx)
		if err != nil {
			return err
		}
		switch {
		case len(cur.people) == 0:
			full = true // nobody yet, or the organization was deleted and is back: read it whole (cheap)
			return nil
		case rev == cur.rev && plan == cur.plan:
			return nil
		case rev < cur.rev || plan != cur.plan:
			full = true
			return nil
		}
		rows, err := src.query(ctx, tx, qChanges, int64(cur.rev), int64(rev))
		if err != nil {
			return fmt.Errorf("%w: changes of organization %d: %w", errDB, src.org, err)
		}
		var kind string
		var person *int64
		var ids []int64
		var at int64
		revisions := map[int64]bool{}
		_, err = pgx.ForEachRow(rows, []any{&at, &kind, &person}, func() error {
			revisions[at] = true
			switch {
			case kind == "organization":
				full = true
			case person != nil:
				ids = append(ids, *person)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("%w: changes of organization %d: %w", errDB, src.org, err)
		}
		// Every revision the triggers bump logs at least one row; a revision
		// without one was pruned from the log (or bumped by hand): what
		// changed then is unknown, so everything is read again.
		if uint64(len(revisions)) != rev-cur.rev {
			gap = true
			full = true
		}
		if full {
			return nil
		}
		slices.Sort(ids)
		ids = slices.Compact(ids)
		next = &snapshot{org: cur.org, plan: plan, people: cur.people, ids: cur.ids, gen: cur.gen, rev: rev}
		if len(ids) == 0 {
			return nil // a change that moves no principal: the revision only
		}
		holdings, bad, err := src.readPeople(ctx, tx, plan, ids)
		if err != nil {
			return err
		}
		refused.people = bad
		next.people = maps.Clone(cur.people)
		next.gen = loads.Add(1) // people changed: page tokens of the old snapshot no longer hold
		membersMoved := false
		for _, id := range ids {
			pid := scope.ID(id)
			_, had := next.people[pid]
			if h, ok := holdings[pid]; ok {
				next.people[pid] = newPrincipal(pid, cur.org, plan, h)
				membersMoved = membersMoved || !had
			} else {
				delete(next.people, pid)
				membersMoved = membersMoved || had
			}
		}
		if membersMoved {
			next.ids = slices.Sorted(maps.Keys(next.people))
		}
		return nil
	})
	if err != nil {
		return nil, refusals{}, false, err
	}
	if full {
		next, refused, err = src.load(ctx)
		return next, refused, gap, err
	}
	return next, refused, false, nil
}

// wake asks for a catch-up; it never blocks.
func (src *pgSource) wake() {
	select {
	case src.poke <- struct{}{}:
	default:
	}
}

// notified is the listener's handler: a notification of this organization
// wakes the catch-up; one of another organization is not ours. After every
// (re)connection, once LISTEN is in force, HandleBacklog wakes it too, which
// repairs whatever was committed while the connection was down.
type notified struct{ src *pgSource }

// HandleNotification wakes a catch-up when the payload ("ORG REVISION
// [PERSON ...]") names this organization.
func (n notified) HandleNotification(_ context.Context, note *pgconn.Notification, _ *pgx.Conn) error {
	org, _, _ := strings.Cut(note.Payload, " ")
	if id, err := strconv.ParseUint(org, 10, 64); err != nil || scope.ID(id) == n.src.org {
		n.src.wake() // ours, or unreadable: catching up costs little and never misses
	}
	return nil
}

// HandleBacklog wakes a catch-up after LISTEN is in force.
func (n notified) HandleBacklog(context.Context, string, *pgx.Conn) error {
	n.src.wake()
	return nil
}

// follow keeps s up to date with the database until ctx ends: it listens
// for notifications (with pgxlisten, which reconnects), and catches up when
// woken and every reconcile interval.
func (s *store) follow(ctx context.Context) {
	src := s.db
	var wg sync.WaitGroup
	if src.opts.listen {
		l := &pgxlisten.Listener{
			Connect: func(ctx context.Context) (*pgx.Conn, error) {
				cfg, err := pgx.ParseConfig(src.conn)
				if err != nil {
					return nil, err
				}
				cfg.RuntimeParams["application_name"] = listenAppName
				return pgx.ConnectConfig(ctx, cfg)
			},
			LogError: func(_ context.Context, err error) {
				if ctx.Err() == nil {
					s.log.Warn("listening for changes", "organization", uint64(src.org), "err", err)
				}
			},
			ReconnectDelay: src.opts.reconnectDelay,
		}
		l.Handle(changesChannel, notified{src})
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = l.Listen(ctx) // returns when ctx ends
		}()
	}
	tick := time.NewTicker(src.opts.reconcile)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			wg.Wait()
			return
		case <-src.poke:
		case <-tick.C:
		}
		if err := s.catchUp(ctx); err != nil && ctx.Err() == nil {
			s.log.Error("catching up with the database; the point keeps the revision it has and retries", "organization", uint64(src.org), "revision", s.snapshot().rev, "err", err)
		}
	}
}

// catchUp applies what moved in the database since the current snapshot.
func (s *store) catchUp(ctx context.Context) error {
	s.applyMu.Lock()
	defer s.applyMu.Unlock()
	cur := s.snapshot()
	next, refused, gap, err := s.db.catchUp(ctx, cur)
	if errors.Is(err, errNoOrganization) {
		// Deleted while served: nobody of it is anyone any more, so every
		// subject is unknown and denied, until it is created again (a
		// revision below the one applied: read whole).
		if len(cur.people) > 0 {
			s.log.Error("the organization was deleted from the database; every subject is denied until it is created again", "organization", uint64(cur.org))
			s.publish(&snapshot{org: cur.org, plan: cur.plan, people: map[scope.ID]*principal{}, gen: loads.Add(1), rev: cur.rev})
		}
		return err
	}
	if err != nil {
		return err
	}
	if gap {
		s.log.Warn("the change log misses revisions (pruned, or bumped by hand); the whole organization was read again", "organization", uint64(cur.org), "from", cur.rev, "to", next.rev)
	}
	refused.log(s.log, cur.org)
	if next != nil {
		s.publish(next)
	}
	return nil
}
