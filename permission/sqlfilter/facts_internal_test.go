package sqlfilter

import (
	"math/rand/v2"
	"testing"

	"pgregory.net/rapid"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
)

// resourceFacts are the Resource's fields a rule may read, each with a way
// to draw another value for it and to clear it, and the need it stands for
// in the table: a fact, or the approvers.
var resourceFacts = []struct {
	name      string
	fact      fact // endFact: the approvers
	redraw    func(r *permission.Resource, rng *rand.Rand)
	clear     func(r *permission.Resource)
	approvers bool
}{
	{"Project", factProject, func(r *permission.Resource, g *rand.Rand) { r.Project = smallID(g) }, func(r *permission.Resource) { r.Project = 0 }, false},
	{"Visibility", factVisibility, func(r *permission.Resource, g *rand.Rand) { r.Visibility = scope.Visibility(g.IntN(3)) }, func(r *permission.Resource) { r.Visibility = 0 }, false},
	{"Budget", factBudget, func(r *permission.Resource, g *rand.Rand) { r.Budget = smallID(g) }, func(r *permission.Resource) { r.Budget = 0 }, false},
	{"ClientAccess", factClientAccess, func(r *permission.Resource, _ *rand.Rand) { r.ClientAccess = !r.ClientAccess }, func(r *permission.Resource) { r.ClientAccess = false }, false},
	{"Deal", factDeal, func(r *permission.Resource, g *rand.Rand) { r.Deal = smallID(g) }, func(r *permission.Resource) { r.Deal = 0 }, false},
	{"Person", factPerson, func(r *permission.Resource, g *rand.Rand) { r.Person = smallID(g) }, func(r *permission.Resource) { r.Person = 0 }, false},
	{"PersonRole", factPersonRole, func(r *permission.Resource, g *rand.Rand) { r.PersonRole = role.Role(g.IntN(9)) }, func(r *permission.Resource) { r.PersonRole = 0 }, false},
	{"Approver", factApprover, func(r *permission.Resource, g *rand.Rand) { r.Approver = smallID(g) }, func(r *permission.Resource) { r.Approver = 0 }, false},
	{"Workplace", factWorkplace, func(r *permission.Resource, g *rand.Rand) { r.Workplace = smallID(g) }, func(r *permission.Resource) { r.Workplace = 0 }, false},
	{"ApprovalRequired", factApprovalRequired, func(r *permission.Resource, _ *rand.Rand) { r.ApprovalRequired = !r.ApprovalRequired }, func(r *permission.Resource) { r.ApprovalRequired = false }, false},
	{"Approved", factApproved, func(r *permission.Resource, _ *rand.Rand) { r.Approved = !r.Approved }, func(r *permission.Resource) { r.Approved = false }, false},
	{"Manager", factManager, func(r *permission.Resource, g *rand.Rand) { r.Manager = smallID(g) }, func(r *permission.Resource) { r.Manager = 0 }, false},
	{"ManagerApproves", factManagerApproves, func(r *permission.Resource, _ *rand.Rand) { r.ManagerApproves = !r.ManagerApproves }, func(r *permission.Resource) { r.ManagerApproves = false }, false},
	{"Approvers", endFact, func(r *permission.Resource, g *rand.Rand) { r.Approvers = smallSet(g) }, func(r *permission.Resource) { r.Approvers = scope.Members{} }, true},
}

func smallID(g *rand.Rand) scope.ID { return scope.ID(g.IntN(4)) }
func smallSet(g *rand.Rand) scope.Members {
	return scope.NewMembers(scope.ID(1+g.IntN(3)), scope.ID(1+g.IntN(3)))
}

// needs reports whether kind k needs the i-th resource fact.
func needs(k permission.Kind, i int) bool {
	f := resourceFacts[i]
	if f.approvers {
		return kindNeeds[k].approvers
	}
	return kindNeeds[k].facts.has(f.fact)
}

// world draws a subject and a resource of kind k from g: small IDs, so that
// memberships, approvers and owners often meet, and any permissions the
// role may hold.
func world(g *rand.Rand, k permission.Kind) (permission.Subject, permission.Resource) {
	rl := role.Role(1 + g.IntN(8))
	var m permission.Mask
	for p := range permission.HoldableBy(rl).All() {
		if g.IntN(2) == 0 {
			m = m.With(p)
		}
	}
	m = m.Closure()
	s := permission.Subject{Org: 1, ID: scope.ID(1 + g.IntN(3)), Role: rl, Permissions: m, Plan: permission.Plan(1 + g.IntN(4)),
		Projects: smallSet(g), Deals: smallSet(g), Budgets: smallSet(g), Workplace: smallID(g)}
	r := permission.Resource{Org: 1, Kind: k, ID: 1 + smallID(g), PersonPermissions: m}
	if g.IntN(3) == 0 {
		r.PersonPermissions = permission.Mask{}
	}
	for _, f := range resourceFacts {
		f.redraw(&r, g)
	}
	return s, r
}

// decisions returns every decision of the actions of r's kind.
func decisions(s permission.Subject, r permission.Resource) []permission.Decision {
	var out []permission.Decision
	for a := range permission.Actions() {
		if a.Kind() == r.Kind {
			out = append(out, permission.Authorize(s, a, r))
		}
	}
	return out
}

// TestKindNeedsSuffice: a resource that keeps only the facts its kind needs
// (with its organization, kind, ID and PersonPermissions, which the host
// fills in) gets every decision of every action of its kind that the full
// resource gets, for generated subjects and resources. A fact missing from
// the table fails it: the loaded resource would be decided without it.
func TestKindNeedsSuffice(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := rand.New(rand.NewPCG(rapid.Uint64().Draw(t, "seed"), 1))
		for k := permission.KindOrganization; k.IsValid(); k++ {
			for range 50 {
				s, full := world(g, k)
				kept := full
				for i, f := range resourceFacts {
					if !needs(k, i) {
						f.clear(&kept)
					}
				}
				want, got := decisions(s, full), decisions(s, kept)
				for i := range want {
					if want[i] != got[i] {
						t.Fatalf("%v: the full resource %+v gets %v, the one with the needed facts only %+v gets %v", k, full, want[i], kept, got[i])
					}
				}
			}
		}
	})
}

// TestKindNeedsAreNeeded: every fact the table says a kind needs changes a
// decision of the kind for some subject and resource, so the table asks the
// host for no column it could do without.
func TestKindNeedsAreNeeded(t *testing.T) {
	g := rand.New(rand.NewPCG(24, 4))
	for k := permission.KindOrganization; k.IsValid(); k++ {
		for i, f := range resourceFacts {
			if !needs(k, i) {
				continue
			}
			found := false
			for range 200000 {
				s, r := world(g, k)
				r2 := r
				f.redraw(&r2, g)
				want, got := decisions(s, r), decisions(s, r2)
				for j := range want {
					found = found || want[j] != got[j]
				}
				if found {
					break
				}
			}
			if !found {
				t.Errorf("%v needs %s, yet no generated case changes a decision with it", k, f.name)
			}
		}
	}
}
