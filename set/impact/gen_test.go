package impact_test

// Generators of the property tests: organizations of a handful of people
// holding system and custom sets (several of them the same custom set, so
// that an edit reaches more than one person), their memberships over a small
// pool of IDs, a few dozen records of every kind, and one valid change.

import (
	"fmt"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
	"github.com/clearance-go/clearance/set/impact"
	"pgregory.net/rapid"
)

// genOrg is the organization of the generated cases; not 1, the ID the
// favourable samples use, so that a report that mixed the two would show.
const genOrg scope.ID = 7

// genPool is the pool of project, deal, budget and workplace IDs.
var genPool = []scope.ID{1, 2, 3, 4}

var (
	genSystems = func() (out []set.Set) {
		for s := range set.Systems() {
			if s.Role() != role.Owner {
				out = append(out, s)
			}
		}
		return out
	}()
	genPerms = func() (out []permission.Permission) {
		for p := range permission.All() {
			out = append(out, p)
		}
		return out
	}()
	genActions = func() (out []permission.Action) {
		for a := range permission.Actions() {
			out = append(out, a)
		}
		return out
	}()
	genKinds = func() (out []permission.Kind) {
		for k := permission.KindOrganization; k.IsValid(); k++ {
			out = append(out, k)
		}
		return out
	}()
)

// genCase is one generated case: a state, a change of it, the state after,
// and the records.
type genCase struct {
	before, after impact.State
	change        impact.Change
	records       []permission.Resource
	people        []scope.ID
}

func (c genCase) String() string {
	return fmt.Sprintf("change %v, %d people, %d records", c.change, len(c.people), len(c.records))
}

// genCustom builds a custom set called name on base with random grants and
// revokes of permissions the base role may hold; it returns false when the
// builder refuses.
func genCustom(t *rapid.T, label, name string, base set.Set) (set.Set, bool) {
	var holdable []permission.Permission
	for _, p := range genPerms {
		if permission.HoldableBy(base.Role()).Has(p) {
			holdable = append(holdable, p)
		}
	}
	s, err := set.NewBuilder(name, base).
		Grant(rapid.SliceOfN(rapid.SampledFrom(holdable), 0, 6).Draw(t, label+" grant")...).
		Revoke(rapid.SliceOfN(rapid.SampledFrom(genPerms), 0, 4).Draw(t, label+" revoke")...).
		Build(set.Ultimate)
	return s, err == nil
}

func genMembers(t *rapid.T, label string) scope.Members {
	return scope.NewMembers(rapid.SliceOfN(rapid.SampledFrom(genPool), 0, 3).Draw(t, label)...)
}

// genCaseGen draws a case.
func genCaseGen() *rapid.Generator[genCase] {
	return rapid.Custom(func(t *rapid.T) genCase {
		plan := rapid.SampledFrom([]set.Plan{set.Essential, set.Professional, set.Ultimate, set.Ultimate, set.Enterprise, set.Enterprise}).Draw(t, "plan")
		var sets []set.Set // the sets people may hold besides the Owner's
		sets = append(sets, genSystems...)
		if plan.AtLeast(set.CustomSetsPlan) {
			for i := range rapid.IntRange(1, 3).Draw(t, "custom sets") {
				base := rapid.SampledFrom(genSystems).Draw(t, "custom base")
				if s, ok := genCustom(t, "custom", fmt.Sprintf("Custom %d", i), base); ok {
					// Weighted: custom sets are held by several people.
					sets = append(sets, s, s, s, s, s)
				}
			}
		}
		n := rapid.IntRange(2, 7).Draw(t, "people")
		rows := []set.Person{{ID: 1, Set: set.MustSystem(role.Owner, 0, 0)}}
		people := []scope.ID{1}
		memberships := map[scope.ID]impact.Memberships{}
		for i := range n {
			id := scope.ID(i + 2)
			rows = append(rows, set.Person{ID: id, Set: rapid.SampledFrom(sets).Draw(t, "set")})
			people = append(people, id)
		}
		for _, id := range people {
			memberships[id] = impact.Memberships{
				Projects:  genMembers(t, "projects"),
				Deals:     genMembers(t, "deals"),
				Budgets:   genMembers(t, "budgets"),
				Workplace: scope.ID(rapid.IntRange(0, 2).Draw(t, "workplace")),
			}
		}
		org, err := set.OrgFrom(genOrg, plan, rows)
		if err != nil {
			t.Fatalf("OrgFrom: %v", err)
		}
		before := impact.State{Org: org, Memberships: memberships}
		c := genCase{before: before, people: people}
		c.records = rapid.SliceOfN(genRecord(people), 10, 40).Draw(t, "records")
		c.change = genChange(t, before, people, sets)
		c.after, err = c.change.Apply(before)
		if err != nil {
			t.Fatalf("%v: %v", c.change, err)
		}
		return c
	})
}

// genChange draws a valid change of s.
func genChange(t *rapid.T, s impact.State, people []scope.ID, sets []set.Set) impact.Change {
	person := rapid.SampledFrom(people).Draw(t, "person")
	switch rapid.IntRange(0, 6).Draw(t, "change") {
	case 0, 1: // edit a custom set someone holds, when there is one
		var held []set.Set
		for _, s := range s.Org.People() {
			if s.Custom() {
				held = append(held, s)
			}
		}
		if len(held) > 0 {
			old := rapid.SampledFrom(held).Draw(t, "edited set")
			if edited, ok := genCustom(t, "edit", old.Name(), set.BaseOf(old)); ok {
				return impact.Edit(old, edited)
			}
		}
		fallthrough
	case 2: // replace a person's set by another of their kind
		if person == s.Org.Owner() {
			person = people[1]
		}
		current, _ := s.Org.SetOf(person)
		var fit []set.Set
		for _, s := range sets {
			if s.Kind() == current.Kind() {
				fit = append(fit, s)
			}
		}
		return impact.Assign(person, rapid.SampledFrom(fit).Draw(t, "assigned set"))
	case 3, 4: // join or leave, mostly what the person is not, or is, a member of
		// Mostly someone whose set does not reach everything, so that
		// memberships matter.
		var narrow []scope.ID
		for id, held := range s.Org.People() {
			if !held.Has(permission.ProjectsViewAll) || !held.Has(permission.BudgetsViewAll) {
				narrow = append(narrow, id)
			}
		}
		if len(narrow) > 0 && rapid.IntRange(0, 3).Draw(t, "narrow") != 0 {
			person = rapid.SampledFrom(narrow).Draw(t, "narrow person")
		}
		r := impact.Relation(rapid.IntRange(1, 3).Draw(t, "relation"))
		m := s.Memberships[person]
		of := map[impact.Relation]scope.Members{impact.Project: m.Projects, impact.Deal: m.Deals, impact.Budget: m.Budgets}[r]
		var in, out []scope.ID
		for _, id := range genPool {
			if of.Has(id) {
				in = append(in, id)
			} else {
				out = append(out, id)
			}
		}
		join := rapid.Bool().Draw(t, "join")
		pick := out
		if !join {
			pick = in
		}
		id := rapid.SampledFrom(genPool).Draw(t, "any id") // now and then a change that changes nothing
		if len(pick) > 0 && rapid.IntRange(0, 4).Draw(t, "effective") != 0 {
			id = rapid.SampledFrom(pick).Draw(t, "id")
		}
		if join {
			return impact.Join(person, r, id)
		}
		return impact.Leave(person, r, id)
	default:
		return impact.Move(person, scope.ID(rapid.IntRange(0, 2).Draw(t, "workplace")))
	}
}

// genRecord draws a record of any kind, of the organization most of the
// time; its people are the organization's people (and a stranger, 99).
func genRecord(people []scope.ID) *rapid.Generator[permission.Resource] {
	who := append([]scope.ID{99}, people...)
	return rapid.Custom(func(t *rapid.T) permission.Resource {
		r := permission.Resource{
			Org:              genOrg,
			Kind:             rapid.SampledFrom(genKinds).Draw(t, "kind"),
			ID:               scope.ID(rapid.IntRange(1, 1000).Draw(t, "record id")),
			Project:          rapid.SampledFrom(genPool).Draw(t, "project"),
			Visibility:       rapid.SampledFrom([]scope.Visibility{scope.Public, scope.Private}).Draw(t, "visibility"),
			Deal:             rapid.SampledFrom(genPool).Draw(t, "deal"),
			Budget:           rapid.SampledFrom(genPool).Draw(t, "budget"),
			ClientAccess:     rapid.Bool().Draw(t, "client access"),
			Person:           rapid.SampledFrom(who).Draw(t, "person"),
			PersonRole:       rapid.SampledFrom([]role.Role{role.Staff, role.Manager, role.Admin, role.Client, role.Contractor}).Draw(t, "person role"),
			Approver:         rapid.SampledFrom(who).Draw(t, "approver"),
			Approvers:        scope.NewMembers(rapid.SliceOfN(rapid.SampledFrom(who), 0, 2).Draw(t, "approvers")...),
			Manager:          rapid.SampledFrom(who).Draw(t, "manager"),
			ManagerApproves:  rapid.Bool().Draw(t, "manager approves"),
			Workplace:        scope.ID(rapid.IntRange(0, 2).Draw(t, "record workplace")),
			ApprovalRequired: rapid.Bool().Draw(t, "approval required"),
			Approved:         rapid.Bool().Draw(t, "approved"),
		}
		if rapid.IntRange(0, 9).Draw(t, "other organization") == 0 {
			r.Org = genOrg + 1
		}
		if rapid.IntRange(0, 4).Draw(t, "person permissions") != 0 {
			r.PersonPermissions = rapid.SampledFrom(genSystems).Draw(t, "person set").Permissions()
		}
		return r
	})
}
