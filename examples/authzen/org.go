package main

// The organization file, and the snapshot of it that requests read.
//
//	{
//	  "organization": 1,              // the organization's ID; not zero
//	  "plan": "ultimate",             // essential, professional, ultimate or enterprise
//	  "people": [
//	    {"id": 1, "role": "owner"},
//	    {"id": 3, "role": "manager", "scope": "restricted",
//	     "memberships": {"projects": [10], "deals": [30], "budgets": [20]}},
//	    {"id": 4, "role": "staff", "addons": ["time"]},
//	    {"id": 7, "set": {"name": "Accounting", "base": "coordinator", "grant": ["invoices.manage"]}}
//	  ]
//	}
//
// A person holds a system set (role, with optional scope and addons) or a
// custom set ("set": clearance's set document, decoded by set.Decode for the
// file's plan). The file is read strictly: an unknown or repeated key is an
// error, and so is anything set.Org refuses (not exactly one Owner, a custom
// set below the Ultimate plan, a person listed twice).

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/clearance-go/clearance/permission/strictjson"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// snapshot is one load of the organization file. It is immutable: a reload
// builds a new one and swaps the pointer, so a request that loaded the old
// one keeps a consistent view until it ends.
type snapshot struct {
	org    scope.ID
	plan   set.Plan
	people map[scope.ID]*principal // subjects prepared once per load
	ids    []scope.ID              // the people, ascending
	gen    uint64                  // which load this is: page tokens are bound to it
	// rev is the revision the snapshot reflects, which answers carry: with
	// -db the organization's revision in the database (every change
	// committed at or before it is reflected), with -org the file's load
	// number.
	rev uint64
}

// loads counts the loads of organization files, to number snapshots.
var loads atomic.Uint64

// maxOrgValues caps the JSON values of an organization file: ten million,
// about a gigabyte of memory while it is read. The file is the operator's,
// not a caller's; the cap only stops a runaway file.
const maxOrgValues = 10_000_000

// parseOrg reads an organization file, with the one strict reading of
// requests (package strictjson): a key repeated anywhere is an error.
func parseOrg(data []byte) (*snapshot, error) {
	o, err := strictjson.Parse(data, strictjson.Limits{MaxDepth: maxDepth, MaxValues: maxOrgValues})
	if err != nil {
		return nil, err
	}
	if o.Kind != strictjson.Object {
		return nil, fmt.Errorf("$: want an object, got %v", o.Kind)
	}
	for _, m := range o.Members {
		if k := m.Key; k != "organization" && k != "plan" && k != "people" {
			return nil, fmt.Errorf("%s: unknown key (known: organization, plan, people)", keyPath("$", k))
		}
	}
	snap := &snapshot{people: map[scope.ID]*principal{}, gen: loads.Add(1)}
	snap.rev = snap.gen
	var perr *protoError
	v, ok := present(o, "organization")
	if !ok {
		return nil, errors.New("$.organization: missing")
	}
	if snap.org, perr = parseID(v, "$.organization"); perr != nil {
		return nil, perr
	}
	if v, ok = present(o, "plan"); !ok {
		return nil, errors.New("$.plan: missing")
	}
	name, perr := strictString(v, "$.plan")
	if perr != nil {
		return nil, perr
	}
	plan, err := set.ParsePlan(name)
	if err != nil {
		return nil, fmt.Errorf("$.plan: %w", err)
	}
	snap.plan = plan
	people := o.Get("people")
	if people.Kind != strictjson.Array {
		return nil, fmt.Errorf("$.people: want an array of people, got %v", people.Kind)
	}
	holdings := map[scope.ID]holding{}
	sets := map[scope.ID]set.Set{}
	for i, raw := range people.Elems {
		path := fmt.Sprintf("$.people[%d]", i)
		id, h, perr := parseHolding(raw, path, plan, inOrgFile)
		if perr != nil {
			return nil, perr
		}
		if _, dup := holdings[id]; dup {
			return nil, fmt.Errorf("%s.id: person %d listed twice", path, id)
		}
		holdings[id], sets[id] = h, h.set
	}
	if err := checkAssignment(snap.org, plan, sets); err != nil {
		return nil, fmt.Errorf("$.people: %w", err)
	}
	for id, h := range holdings {
		snap.people[id] = newPrincipal(id, snap.org, plan, h)
		snap.ids = append(snap.ids, id)
	}
	slices.Sort(snap.ids)
	return snap, nil
}

// loadOrg reads and parses the organization file at path.
func loadOrg(path string) (*snapshot, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	snap, err := parseOrg(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return snap, nil
}

// store holds the current snapshot. Requests Load it once each; a reload
// or a catch-up with the database Stores a new one. A request never sees
// half a change, and a change never waits for requests; only a request
// that asks for a revision the store has not applied waits (waitFor).
type store struct {
	cur    atomic.Pointer[snapshot]
	path   string    // the organization file; "" with -db
	db     *pgSource // the database; nil with -org
	log    *slog.Logger
	tokens *tokens // reloaded with the organization; nil when the point has none

	applyMu sync.Mutex // serializes the builders of snapshots (catch-ups, reloads)
	mu      sync.Mutex
	changed chan struct{} // closed when a new snapshot is published, then replaced
}

// newStore loads the file at path; it fails when the first load does.
func newStore(path string, log *slog.Logger) (*store, error) {
	s := &store{path: path, log: log, changed: make(chan struct{})}
	snap, err := loadOrg(path)
	if err != nil {
		return nil, err
	}
	s.cur.Store(snap)
	log.Info("organization loaded", "file", path, "organization", uint64(snap.org), "plan", snap.plan.String(), "people", len(snap.ids))
	return s, nil
}

// newDBStore loads organization src.org from the database; it fails when
// the first load does. Call follow to keep it up to date.
func newDBStore(ctx context.Context, src *pgSource, log *slog.Logger) (*store, error) {
	s := &store{db: src, log: log, changed: make(chan struct{})}
	start := time.Now()
	snap, refused, err := src.load(ctx)
	if err != nil {
		return nil, err
	}
	refused.log(log, snap.org)
	s.cur.Store(snap)
	log.Info("organization loaded", "database", true, "organization", uint64(snap.org), "plan", snap.plan.String(),
		"people", len(snap.ids), "revision", snap.rev, "took", time.Since(start).String())
	return s, nil
}

// snapshot returns the current snapshot.
func (s *store) snapshot() *snapshot { return s.cur.Load() }

// publish makes next the current snapshot and wakes the requests waiting
// for a revision.
func (s *store) publish(next *snapshot) {
	s.cur.Store(next)
	s.mu.Lock()
	if s.changed != nil {
		close(s.changed)
	}
	s.changed = make(chan struct{})
	s.mu.Unlock()
}

// errNotYet is wrapped by waitFor when the revision asked for was not
// applied in time.
var errNotYet = errors.New("revision not applied yet")

// waitFor returns a snapshot at revision at least rev, waiting at most
// wait for the store to apply it (with -db, a catch-up is asked for at
// once). After wait, or when ctx ends, it returns an error wrapping
// errNotYet that names both revisions: the caller refuses the request,
// never answers it from an older snapshot.
func (s *store) waitFor(ctx context.Context, rev uint64, wait time.Duration) (*snapshot, error) {
	if snap := s.snapshot(); snap.rev >= rev {
		return snap, nil
	}
	if s.db != nil {
		s.db.wake()
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	for {
		s.mu.Lock()
		if s.changed == nil {
			s.changed = make(chan struct{})
		}
		changed := s.changed
		s.mu.Unlock()
		snap := s.snapshot()
		if snap.rev >= rev {
			return snap, nil
		}
		select {
		case <-changed:
		case <-timer.C:
			return nil, fmt.Errorf("revision %d asked for, %d applied after waiting %v: %w", rev, s.snapshot().rev, wait, errNotYet)
		case <-ctx.Done():
			return nil, fmt.Errorf("revision %d asked for, %d applied when the request ended: %w", rev, s.snapshot().rev, errNotYet)
		}
	}
}

// reload reads the organization again (the file, or the whole organization
// from the database), and the token file when there is one. An organization
// that fails to load leaves what was loaded before; the error is logged,
// and the first one returned.
func (s *store) reload() error {
	var snap *snapshot
	var err error
	s.applyMu.Lock()
	if s.db != nil {
		var refused refusals
		snap, refused, err = s.db.load(context.Background())
		if err == nil {
			refused.log(s.log, snap.org)
		}
	} else {
		snap, err = loadOrg(s.path)
	}
	if err != nil {
		s.log.Error("reload failed; keeping the organization loaded before", "file", s.path, "database", s.db != nil, "err", err)
	} else {
		s.publish(snap)
		s.log.Info("organization reloaded", "file", s.path, "database", s.db != nil, "organization", uint64(snap.org), "plan", snap.plan.String(), "people", len(snap.ids), "revision", snap.rev)
	}
	s.applyMu.Unlock()
	if s.tokens == nil {
		return err
	}
	if terr := s.tokens.reload(); terr != nil {
		s.log.Error("token reload failed; keeping the tokens loaded before", "file", s.tokens.path, "err", terr)
		return cmp.Or(err, terr)
	}
	s.log.Info("tokens reloaded", "file", s.tokens.path, "tokens", len(*s.tokens.hashes.Load()))
	return err
}

// reloadOn reloads on every value received from signals until ctx ends. The
// caller wires signals to SIGHUP.
func (s *store) reloadOn(ctx context.Context, signals <-chan os.Signal) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-signals:
			_ = s.reload() // logged by reload; the old snapshot stays
		}
	}
}
