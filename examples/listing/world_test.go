package main

import (
	"math/rand/v2"
	"slices"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// A world is a few organizations in one database, generated from a seed.
// Every organization numbers its people, projects, budgets, deals and
// records from 1, so that the same IDs occur in every organization and a
// query that forgets the organization returns rows it must not.
type world struct {
	seed uint64
	orgs []*org
}

// systemSets are every system set but the Owner's (each organization has
// exactly one Owner, person 1).
var systemSets = func() (out []set.Set) {
	for s := range set.Systems() {
		if s.Role() != role.Owner {
			out = append(out, s)
		}
	}
	return out
}()

var allPermissions = slices.Collect(permission.All())

// recordsOf is the one description of how many records of each kind an
// organization has and which of a record's references is the record itself.
// Every record has all four references (project, budget, deal, person)
// filled in, whatever its kind needs today, so that a kind that starts
// needing another fact is already covered. Kinds not listed get a handful
// of records with random references.
var recordsOf = map[permission.Kind]struct {
	ids  func(o *org) []scope.ID
	self func(r *record)
}{
	permission.KindOrganization: {func(o *org) []scope.ID { return []scope.ID{o.id} }, nil},
	permission.KindPerson: {func(o *org) (ids []scope.ID) {
		for _, p := range o.people {
			ids = append(ids, p.id)
		}
		return ids
	}, func(r *record) { r.person = r.id }},
	permission.KindProject: {func(o *org) (ids []scope.ID) {
		for _, p := range o.projects {
			ids = append(ids, p.id)
		}
		return ids
	}, func(r *record) { r.project = r.id }},
	permission.KindBudget: {func(o *org) (ids []scope.ID) {
		for _, b := range o.budgets {
			ids = append(ids, b.id)
		}
		return ids
	}, func(r *record) { r.budget = r.id }},
	permission.KindDeal: {func(o *org) []scope.ID { return o.deals }, func(r *record) { r.deal = r.id }},
}

// genWorld generates the world of a seed: two or three organizations, one
// in ten worlds with a large first organization (several hundred projects
// and thousands of memberships).
func genWorld(seed uint64) world {
	rng := rand.New(rand.NewPCG(seed, 0x636c656172616e63))
	w := world{seed: seed}
	large := rng.IntN(10) == 0
	for i := range 2 + rng.IntN(2) {
		w.orgs = append(w.orgs, genOrg(rng, scope.ID(i+1), large && i == 0))
	}
	return w
}

func genOrg(rng *rand.Rand, id scope.ID, large bool) *org {
	o := &org{id: id, records: map[permission.Kind][]record{}}
	nPeople, nProjects, nDeals, maxBudgets := 2+rng.IntN(4), 2+rng.IntN(9), 1+rng.IntN(5), 3
	if large {
		nProjects, nDeals, maxBudgets = 300+rng.IntN(300), 100+rng.IntN(100), 2
	}

	// The plan: clients see budgets only from Professional up.
	o.plan = []set.Plan{set.Essential, set.Professional, set.Ultimate, set.Enterprise}[rng.IntN(4)]
	o.people = append(o.people, person{id: 1, set: set.MustSystem(role.Owner, 0, 0)})
	for i := 2; i <= nPeople; i++ {
		o.people = append(o.people, person{id: scope.ID(i), set: randomSet(rng)})
	}
	// Subsidiaries (two, and none) and managers.
	for i := range o.people {
		o.people[i].workplace = scope.ID(rng.IntN(3))
		if rng.IntN(3) > 0 {
			o.people[i].manager = o.people[rng.IntN(len(o.people))].id
		}
	}
	byProject := map[scope.ID][]scope.ID{}
	for i := 1; i <= nProjects; i++ {
		vis := scope.Private
		if rng.IntN(2) == 0 {
			vis = scope.Public
		}
		o.projects = append(o.projects, project{scope.ID(i), vis})
		for range 1 + rng.IntN(maxBudgets) {
			b := budget{id: scope.ID(len(o.budgets) + 1), project: scope.ID(i), clientAccess: rng.IntN(2) == 0, approvalRequired: rng.IntN(2) == 0}
			if rng.IntN(4) > 0 {
				b.approver = o.people[rng.IntN(len(o.people))].id
			}
			o.budgets = append(o.budgets, b)
			byProject[b.project] = append(byProject[b.project], b.id)
		}
	}
	for i := 1; i <= nDeals; i++ {
		o.deals = append(o.deals, scope.ID(i))
	}

	// Memberships: each person has a density, from none to nearly all.
	for _, p := range o.people {
		d := []float64{0, 0.1, 0.3, 0.6, 0.9}[rng.IntN(5)]
		for _, pr := range o.projects {
			if rng.Float64() < d {
				o.members = append(o.members, member{p.id, "project", pr.id})
			}
		}
		for _, b := range o.budgets {
			if rng.Float64() < d/2 {
				o.members = append(o.members, member{p.id, "budget", b.id})
			}
		}
		for _, dl := range o.deals {
			if rng.Float64() < d {
				o.members = append(o.members, member{p.id, "deal", dl})
			}
		}
	}

	for _, t := range tables {
		desc, entity := recordsOf[t.kind]
		var ids []scope.ID
		if entity {
			ids = desc.ids(o)
		} else {
			for i := range 3 + rng.IntN(10) {
				ids = append(ids, scope.ID(i+1))
			}
		}
		for _, rid := range ids {
			b := o.budgets[rng.IntN(len(o.budgets))]
			r := record{
				id: rid, label: t.kind.String(), budget: b.id, project: b.project,
				deal: o.deals[rng.IntN(len(o.deals))], person: o.people[rng.IntN(len(o.people))].id,
				approved: rng.IntN(2) == 0, managerApproves: rng.IntN(2) == 0,
			}
			for _, p := range o.people { // an absence policy's approvers: none, one or several
				if t.kind == permission.KindTimeOff && rng.IntN(3) == 0 {
					r.approvers = append(r.approvers, p.id)
				}
			}
			if entity && desc.self != nil {
				desc.self(&r)
			}
			// Keep the budget on the record's project (and the project the
			// budget's): a project's record names one of its budgets.
			if t.kind == permission.KindProject {
				bs := byProject[r.project]
				r.budget = bs[rng.IntN(len(bs))]
			} else {
				r.project = o.budget(r.budget).project
			}
			o.records[t.kind] = append(o.records[t.kind], r)
		}
	}
	return o
}

// randomSet is a system set, or one time in three a custom set built on one
// with a few random grants and revokes (falling back to the system set when
// the builder refuses the edit).
func randomSet(rng *rand.Rand) set.Set {
	base := systemSets[rng.IntN(len(systemSets))]
	if rng.IntN(3) > 0 || base.Role() == role.Contractor {
		return base
	}
	b := set.NewBuilder("custom", base)
	for range 1 + rng.IntN(4) {
		p := allPermissions[rng.IntN(len(allPermissions))]
		if rng.IntN(2) == 0 {
			b.Grant(p)
		} else {
			b.Revoke(p)
		}
	}
	s, err := b.Build(set.Ultimate)
	if err != nil {
		return base
	}
	return s
}
