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
	"sync/atomic"

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
// Stores a new one. Nothing waits on anything: a request never sees half a
// reload, and a reload never waits for requests.
type store struct {
	cur    atomic.Pointer[snapshot]
	path   string
	log    *slog.Logger
	tokens *tokens // reloaded with the organization; nil when the point has none
}

// newStore loads the file at path; it fails when the first load does.
func newStore(path string, log *slog.Logger) (*store, error) {
	s := &store{path: path, log: log}
	snap, err := loadOrg(path)
	if err != nil {
		return nil, err
	}
	s.cur.Store(snap)
	log.Info("organization loaded", "file", path, "organization", uint64(snap.org), "plan", snap.plan.String(), "people", len(snap.ids))
	return s, nil
}

// snapshot returns the current snapshot.
func (s *store) snapshot() *snapshot { return s.cur.Load() }

// reload reads the organization file again, and the token file when there
// is one. A file that fails to load leaves what was loaded from it before;
// the error is logged, and the first one returned.
func (s *store) reload() error {
	snap, err := loadOrg(s.path)
	if err != nil {
		s.log.Error("reload failed; keeping the organization loaded before", "file", s.path, "err", err)
	} else {
		s.cur.Store(snap)
		s.log.Info("organization reloaded", "file", s.path, "organization", uint64(snap.org), "plan", snap.plan.String(), "people", len(snap.ids))
	}
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
