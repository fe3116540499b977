package permission_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// Package-level sinks keep every benchmarked result alive, so the compiler
// cannot drop the call it came from.
var (
	bmSinkDecision permission.Decision
	bmSinkCaps     permission.ActionMask
	bmSinkFilter   permission.Filter
	bmSinkBool     bool
)

// The people of the benchmark organization.
const (
	bmStaffID scope.ID = 101 + iota
	bmCoordinatorID
	bmManagerID
	bmProfitID
	bmAdminID
	bmOwnerID
	bmClientID
	bmContractorID
	bmLoneClientID      // a client without the budgets add-on
	bmSubsidiaryStaffID // a Staff member who sees the absence of their subsidiary
	bmEssentialClientID // a client of an organization on the Essential plan
)

// Its projects, budgets and deals.
const (
	bmPublicJoined  scope.ID = 201 // public; everybody with memberships is a member
	bmPublicOther   scope.ID = 202 // public; nobody is a member
	bmPrivateJoined scope.ID = 203 // private; the restricted Manager and Profitability Manager are members
	bmPrivateOther  scope.ID = 204 // private; nobody is a member

	bmBudgetShared scope.ID = 301 // on bmPublicJoined; the client is a member; Client access on
	bmBudgetOff    scope.ID = 302 // on bmPublicJoined; the client is a member; Client access off
	bmBudgetOther  scope.ID = 303 // on bmPublicJoined; the client is not a member; Client access on

	bmDealAssigned scope.ID = 401 // assigned to the restricted Manager
	bmDealOther    scope.ID = 402 // assigned to nobody
)

// bmSubject is the subject of a system set, with memberships.
func bmSubject(r role.Role, sc scope.Scope, addons set.Addons, id scope.ID, projects, deals, budgets []scope.ID) permission.Subject {
	s := set.MustSystem(r, sc, addons).Subject(testOrg, id)
	s.Projects = scope.NewMembers(projects...)
	s.Deals = scope.NewMembers(deals...)
	s.Budgets = scope.NewMembers(budgets...)
	s.Plan = set.Ultimate
	return s
}

var (
	bmStaff       = bmSubject(role.Staff, 0, 0, bmStaffID, []scope.ID{bmPublicJoined}, nil, nil)
	bmCoordinator = bmSubject(role.Coordinator, scope.Unlimited, 0, bmCoordinatorID, nil, nil, nil)
	bmManager     = bmSubject(role.Manager, scope.Restricted, 0, bmManagerID, []scope.ID{bmPublicJoined, bmPrivateJoined}, []scope.ID{bmDealAssigned}, nil)
	bmProfit      = bmSubject(role.ProfitabilityManager, scope.Restricted, 0, bmProfitID, []scope.ID{bmPublicJoined, bmPrivateJoined}, nil, nil)
	bmAdmin       = bmSubject(role.Admin, 0, 0, bmAdminID, nil, nil, nil)
	bmOwner       = bmSubject(role.Owner, 0, 0, bmOwnerID, nil, nil, nil)
	bmClient      = bmSubject(role.Client, 0, set.AddonBudgets, bmClientID, []scope.ID{bmPublicJoined}, nil, []scope.ID{bmBudgetShared, bmBudgetOff})
	bmLoneClient  = bmSubject(role.Client, 0, 0, bmLoneClientID, []scope.ID{bmPublicJoined}, nil, nil)
	bmContractor  = bmSubject(role.Contractor, 0, 0, bmContractorID, []scope.ID{bmPublicJoined}, nil, nil)

	// bmForgedClient is a hand-built client holding a Manager's permissions,
	// which a free seat may not hold.
	bmForgedClient = permission.Subject{Org: testOrg, ID: bmClientID, Role: role.Client, Permissions: set.MustSystem(role.Manager, 0, 0).Permissions()}

	// bmSubsidiaryStaff sees the absence of their own subsidiary: "View
	// absence bookings for users in their subsidiary".
	bmSubsidiaryStaff = func() permission.Subject {
		s := bmStaff
		s.Permissions = s.Permissions.With(permission.TimeOffViewSubsidiary)
		s.ID, s.Workplace = bmSubsidiaryStaffID, 1
		return s
	}()
	// bmEssentialClient is the client of an organization on the Essential plan.
	bmEssentialClient = func() permission.Subject {
		s := bmClient
		s.ID, s.Plan = bmEssentialClientID, set.Essential
		return s
	}()
)

func bmProject(id scope.ID, v scope.Visibility) permission.Resource {
	return permission.Resource{Org: testOrg, Kind: permission.KindProject, ID: id, Project: id, Visibility: v}
}

func bmBudget(id scope.ID, access bool) permission.Resource {
	return permission.Resource{Org: testOrg, Kind: permission.KindBudget, ID: id, Project: bmPublicJoined, Visibility: scope.Public, Budget: id, ClientAccess: access}
}

func bmTimeEntry(person, approver scope.ID) permission.Resource {
	return permission.Resource{Org: testOrg, Kind: permission.KindTimeEntry, ID: 501, Person: person, Project: bmPublicJoined, Visibility: scope.Public, Budget: bmBudgetShared, ClientAccess: true, Approver: approver, ApprovalRequired: true, Approved: true}
}

// bmUnapprovedBudget is time entry r on a budget that does not require
// time approval.
func bmUnapprovedBudget(r permission.Resource) permission.Resource {
	r.ApprovalRequired, r.Approved = false, false
	return r
}

// bmAwaiting is time entry r awaiting approval.
func bmAwaiting(r permission.Resource) permission.Resource {
	r.Approved = false
	return r
}

func bmTimeOff(person scope.ID) permission.Resource {
	return permission.Resource{Org: testOrg, Kind: permission.KindTimeOff, ID: 601, Person: person, Manager: bmCoordinatorID, ManagerApproves: true}
}

var (
	bmOrg     = permission.Resource{Org: testOrg, Kind: permission.KindOrganization, ID: 1}
	bmInvoice = permission.Resource{Org: testOrg, Kind: permission.KindInvoice, ID: 701, Project: bmPublicJoined, Visibility: scope.Public, Budget: bmBudgetShared, ClientAccess: true}
)

// bmCase is one decision of the benchmark mix and the reason it must get.
type bmCase struct {
	name string
	s    permission.Subject
	a    permission.Action
	r    permission.Resource
	want permission.Reason
}

// bmElsewhere is a budget of another organization.
var bmElsewhere = func() permission.Resource {
	r := bmBudget(bmBudgetShared, true)
	r.Org = testOrg + 1
	return r
}()

// bmCases is a fixed mix of realistic decisions: allows and denies, every
// reason Authorize can give, every role. bmCheckCases proves each case gets
// the reason it is listed under, so the mix covers what it claims to.
var bmCases = []bmCase{
	// Allows, one or more per role.
	{"staff views a project they joined", bmStaff, permission.ViewProject, bmProject(bmPublicJoined, scope.Public), permission.Granted},
	{"staff tracks own time", bmStaff, permission.TrackTime, bmTimeEntry(bmStaffID, 0), permission.Granted},
	{"coordinator approves staff time off", bmCoordinator, permission.ApproveTimeOff, bmTimeOff(bmStaffID), permission.Granted},
	{"restricted manager views a public project", bmManager, permission.ViewProject, bmProject(bmPublicOther, scope.Public), permission.Granted},
	{"restricted manager views a private project they joined", bmManager, permission.ViewProject, bmProject(bmPrivateJoined, scope.Private), permission.Granted},
	{"restricted manager views an assigned deal", bmManager, permission.ViewDeal, permission.Resource{Org: testOrg, Kind: permission.KindDeal, ID: bmDealAssigned, Deal: bmDealAssigned}, permission.Granted},
	{"restricted manager exports an invoice", bmManager, permission.ExportInvoice, bmInvoice, permission.Granted},
	{"restricted manager approves time as approver", bmManager, permission.ApproveTimeEntry, bmTimeEntry(bmStaffID, bmManagerID), permission.Granted},
	{"restricted profitability manager views budget profit", bmProfit, permission.ViewBudgetProfit, bmBudget(bmBudgetShared, true), permission.Granted},
	{"admin connects accounting", bmAdmin, permission.ConnectAccounting, bmOrg, permission.Granted},
	{"admin changes a manager's permission set", bmAdmin, permission.ChangePermissionSet, permission.Resource{Org: testOrg, Kind: permission.KindPerson, ID: bmManagerID, Person: bmManagerID, PersonRole: role.Manager, PersonPermissions: set.MustSystem(role.Manager, 0, 0).Permissions()}, permission.Granted},
	{"owner transfers ownership", bmOwner, permission.TransferOwnership, bmOrg, permission.Granted},
	{"client views a shared budget", bmClient, permission.ViewBudget, bmBudget(bmBudgetShared, true), permission.Granted},
	{"contractor views a task", bmContractor, permission.ViewTask, permission.Resource{Org: testOrg, Kind: permission.KindTask, ID: 801, Project: bmPublicJoined, Visibility: scope.Public}, permission.Granted},

	// Denies, at least one per reason.
	{"staff connects accounting", bmStaff, permission.ConnectAccounting, bmOrg, permission.MissingPermission},
	{"client without the add-on views a budget", bmLoneClient, permission.ViewBudget, bmBudget(bmBudgetShared, true), permission.MissingPermission},
	{"staff views a public project they did not join", bmStaff, permission.ViewProject, bmProject(bmPublicOther, scope.Public), permission.NotInReach},
	{"contractor opens a doc of a private project", bmContractor, permission.OpenDoc, permission.Resource{Org: testOrg, Kind: permission.KindDoc, ID: 802, Project: bmPrivateOther, Visibility: scope.Private}, permission.NotInReach},
	{"restricted manager views a private project", bmManager, permission.ViewProject, bmProject(bmPrivateOther, scope.Private), permission.PrivateNotMember},
	{"restricted profitability manager adds a member to a private project", bmProfit, permission.AddProjectMember, bmProject(bmPrivateOther, scope.Private), permission.PrivateNotMember},
	{"restricted manager views an unassigned deal", bmManager, permission.ViewDeal, permission.Resource{Org: testOrg, Kind: permission.KindDeal, ID: bmDealOther, Deal: bmDealOther}, permission.DealNotAssigned},
	{"client views a budget they are not on", bmClient, permission.ViewBudget, bmBudget(bmBudgetOther, true), permission.BudgetNotShared},
	{"client views a budget with client access off", bmClient, permission.ViewBudget, bmBudget(bmBudgetOff, false), permission.ClientAccessOff},
	{"client views budget time", bmClient, permission.ViewBudgetWorkedTime, bmBudget(bmBudgetShared, true), permission.ClientNeverSees},
	{"client views an invoice", bmClient, permission.ViewInvoice, bmInvoice, permission.ClientNeverSees},
	{"staff requests time off for someone else", bmStaff, permission.RequestTimeOff, bmTimeOff(bmCoordinatorID), permission.NotOwnRecord},
	{"coordinator approves own time off", bmCoordinator, permission.ApproveTimeOff, bmTimeOff(bmCoordinatorID), permission.OwnRecordRefused},
	{"admin changes own permission set", bmAdmin, permission.ChangePermissionSet, permission.Resource{Org: testOrg, Kind: permission.KindPerson, ID: bmAdminID, Person: bmAdminID, PersonRole: role.Admin, PersonPermissions: set.MustSystem(role.Admin, 0, 0).Permissions()}, permission.OwnRecordRefused},
	{"restricted manager approves time not theirs to approve", bmManager, permission.ApproveTimeEntry, bmTimeEntry(bmStaffID, bmProfitID), permission.NotApprover},
	{"admin transfers ownership", bmAdmin, permission.TransferOwnership, bmOrg, permission.OwnerOnly},
	{"manager approves time on a budget without time approval", bmManager, permission.ApproveTimeEntry, bmUnapprovedBudget(bmTimeEntry(bmStaffID, bmManagerID)), permission.NothingToApprove},
	{"client views a time entry awaiting approval", bmClient, permission.ViewTimeEntry, bmAwaiting(bmTimeEntry(bmStaffID, bmManagerID)), permission.NotApproved},
	{"staff views the absence of another subsidiary", bmSubsidiaryStaff, permission.ViewTimeOff, permission.Resource{Org: testOrg, Kind: permission.KindTimeOff, ID: 602, Person: bmCoordinatorID, Workplace: 2}, permission.OtherWorkplace},
	{"manager changes the set of staff holding cost rates", bmManager, permission.ChangePermissionSet, permission.Resource{Org: testOrg, Kind: permission.KindPerson, ID: bmStaffID, Person: bmStaffID, PersonRole: role.Staff, PersonPermissions: set.MustSystem(role.Staff, 0, 0).Permissions().With(permission.PeopleViewCostRates).Closure()}, permission.PersonHoldsMore},
	{"client on the essential plan views a budget", bmEssentialClient, permission.ViewBudget, bmBudget(bmBudgetShared, true), permission.PlanTooLow},
	{"admin deactivates the organization", bmAdmin, permission.DeactivateOrganization, bmOrg, permission.OwnerOnly},
	{"zero subject", permission.Subject{}, permission.ViewProject, bmProject(bmPublicJoined, scope.Public), permission.InvalidSubject},
	{"client holding manager permissions", bmForgedClient, permission.ViewProject, bmProject(bmPublicJoined, scope.Public), permission.InvalidSubject},
	{"zero action", bmAdmin, 0, bmOrg, permission.InvalidAction},
	{"unknown action", bmAdmin, 255, bmOrg, permission.InvalidAction},
	{"project without an ID", bmAdmin, permission.ViewProject, permission.Resource{Org: testOrg, Kind: permission.KindProject, Visibility: scope.Public}, permission.InvalidResource},
	{"time entry without a budget", bmManager, permission.ViewTimeEntry, permission.Resource{Org: testOrg, Kind: permission.KindTimeEntry, Person: bmStaffID, Project: bmPublicJoined, Visibility: scope.Public}, permission.InvalidResource},
	{"project action on the organization", bmAdmin, permission.ViewProject, bmOrg, permission.KindMismatch},
	{"contractor joins a public project", bmContractor, permission.JoinProject, bmProject(bmPublicOther, scope.Public), permission.EmployeesOnly},
	{"client joins a project they are on", bmClient, permission.JoinProject, bmProject(bmPublicJoined, scope.Public), permission.EmployeesOnly},
	{"admin changes the owner's permission set", bmAdmin, permission.ChangePermissionSet, permission.Resource{Org: testOrg, Kind: permission.KindPerson, ID: bmOwnerID, Person: bmOwnerID, PersonRole: role.Owner, PersonPermissions: set.MustSystem(role.Owner, 0, 0).Permissions()}, permission.PersonProtected},
	{"owner views a budget of another organization", bmOwner, permission.ViewBudget, bmElsewhere, permission.OtherOrganization},
	{"restricted manager changes an admin's permission set", bmManager, permission.ChangePermissionSet, permission.Resource{Org: testOrg, Kind: permission.KindPerson, ID: bmAdminID, Person: bmAdminID, PersonRole: role.Admin, PersonPermissions: set.MustSystem(role.Admin, 0, 0).Permissions()}, permission.PersonProtected},
}

// bmCheckCases fails tb unless every case gets its listed reason and the mix
// covers every reason Authorize gives and every role.
func bmCheckCases(tb testing.TB) {
	tb.Helper()
	reasons := map[permission.Reason]bool{}
	roles := map[role.Role]bool{}
	for _, c := range bmCases {
		if got := permission.Authorize(c.s, c.a, c.r).Reason(); got != c.want {
			tb.Fatalf("%s: Authorize reason = %v, want %v", c.name, got, c.want)
		}
		reasons[c.want] = true
		roles[c.s.Role] = true
	}
	for r := permission.Granted; r.IsValid(); r++ {
		if !reasons[r] {
			tb.Fatalf("the mix has no case with reason %v", r)
		}
	}
	for r := range role.All() {
		if !roles[r] {
			tb.Fatalf("the mix has no case for role %v", r)
		}
	}
}

// bmCasesWith returns the cases whose reason is r.
func bmCasesWith(r permission.Reason) []bmCase {
	var out []bmCase
	for _, c := range bmCases {
		if c.want == r {
			out = append(out, c)
		}
	}
	return out
}

// bmAuthorizeLoop decides cases round-robin, for as long as b.Loop says. The index
// wraps by comparison rather than i%len, so no division is timed.
func bmAuthorizeLoop(b *testing.B, cases []bmCase) {
	b.ReportAllocs()
	j := 0
	for b.Loop() {
		c := &cases[j]
		bmSinkDecision = permission.Authorize(c.s, c.a, c.r)
		if j++; j == len(cases) {
			j = 0
		}
	}
}

// BenchmarkAuthorize measures one decision: over the whole mix, and for the
// cases of each reason.
func BenchmarkAuthorize(b *testing.B) {
	bmCheckCases(b)
	b.Run("mix", func(b *testing.B) { bmAuthorizeLoop(b, bmCases) })
	for r := permission.Granted; r.IsValid(); r++ {
		cases := bmCasesWith(r)
		b.Run(r.String(), func(b *testing.B) { bmAuthorizeLoop(b, cases) })
	}
}

// bmProbeCount is the number of precomputed probes the membership
// benchmarks cycle through: enough to touch most of a 100,000-member table,
// so the figures include the cache misses a large table costs.
const bmProbeCount = 1 << 14

// bmIDs returns n distinct non-zero pseudo-random IDs, deterministic for a
// seed, spread over the whole ID range as hashed keys are.
func bmIDs(n int, seed uint64) []scope.ID {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	seen := make(map[scope.ID]bool, n)
	out := make([]scope.ID, 0, n)
	for len(out) < n {
		id := scope.ID(rng.Uint64())
		if id == 0 || seen[id] {
			continue
		}
		seen[id] = true
		out = append(out, id)
	}
	return out
}

// bmProbes returns bmProbeCount IDs: members drawn at random from ids for
// hits, IDs that are not members for misses.
func bmProbes(ids []scope.ID, ms scope.Members, hit bool, seed uint64) []scope.ID {
	rng := rand.New(rand.NewPCG(seed, 0x9b0b))
	out := make([]scope.ID, bmProbeCount)
	for i := range out {
		if hit {
			out[i] = ids[rng.IntN(len(ids))]
			continue
		}
		for {
			id := scope.ID(rng.Uint64())
			if id != 0 && !ms.Has(id) {
				out[i] = id
				break
			}
		}
	}
	return out
}

// bmMemberSizes are the membership counts the membership benchmarks use.
var bmMemberSizes = []int{10, 1000, 100000}

// BenchmarkAuthorizeMemberships measures a restricted Manager opening a
// private project, where the membership lookup decides, as the number of
// projects the Manager is a member of grows. Hits are Granted, misses
// PrivateNotMember.
func BenchmarkAuthorizeMemberships(b *testing.B) {
	for _, n := range bmMemberSizes {
		ids := bmIDs(n, uint64(n))
		s := set.MustSystem(role.Manager, scope.Restricted, 0).Subject(testOrg, bmManagerID)
		s.Projects = scope.NewMembers(ids...)
		for _, hit := range []bool{true, false} {
			probes := bmProbes(ids, s.Projects, hit, uint64(n)+1)
			want, label := permission.Granted, "hit"
			if !hit {
				want, label = permission.PrivateNotMember, "miss"
			}
			b.Run(fmt.Sprintf("members=%d/%s", n, label), func(b *testing.B) {
				r := permission.Resource{Org: testOrg, Kind: permission.KindProject, Visibility: scope.Private}
				for _, p := range probes {
					r.Project = p
					if got := permission.Authorize(s, permission.ViewProject, r).Reason(); got != want {
						b.Fatalf("project %d: reason %v, want %v", p, got, want)
					}
				}
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					i++
					// A literal, as a host writes it: built in place for the call.
					bmSinkDecision = permission.Authorize(s, permission.ViewProject,
						permission.Resource{Org: testOrg, Kind: permission.KindProject, Project: probes[i&(bmProbeCount-1)], Visibility: scope.Private})
				}
			})
		}
	}
}

// BenchmarkCapabilities measures the "Try it out" preview of a budget: every
// budget action, for an Admin (all allowed) and for a client with the
// budgets add-on (most denied by the client hard rule).
func BenchmarkCapabilities(b *testing.B) {
	r := bmBudget(bmBudgetShared, true)
	for _, tc := range []struct {
		name string
		s    permission.Subject
	}{{"admin", bmAdmin}, {"client", bmClient}} {
		p, err := permission.Prepare(tc.s)
		if err != nil {
			b.Fatal(err)
		}
		caps := permission.Capabilities(tc.s, r)
		if caps.IsEmpty() || p.Capabilities(&r) != caps {
			b.Fatalf("%s: Capabilities %v, prepared %v: want the same, not empty", tc.name, caps, p.Capabilities(&r))
		}
		for a := range permission.Actions() {
			if a.Kind() == permission.KindBudget && caps.Has(a) != permission.Authorize(tc.s, a, r).Allowed() {
				b.Fatalf("%s: Capabilities has %v = %t, Authorize disagrees", tc.name, a, caps.Has(a))
			}
		}
		b.Run(tc.name+"/path=free", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				bmSinkCaps = permission.Capabilities(tc.s, r)
			}
		})
		b.Run(tc.name+"/path=principal", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				bmSinkCaps = p.Capabilities(&r)
			}
		})
	}
}

// BenchmarkList measures building a filter, round-robin over the mix: from
// a subject, and from a Principal.
func BenchmarkList(b *testing.B) {
	ps := bmListCheck(b)
	b.Run("path=free", func(b *testing.B) {
		b.ReportAllocs()
		j := 0
		for b.Loop() {
			c := &bmCases[j]
			bmSinkFilter = permission.List(c.s, c.a)
			if j++; j == len(bmCases) {
				j = 0
			}
		}
	})
	b.Run("path=principal", func(b *testing.B) {
		b.ReportAllocs()
		j := 0
		for b.Loop() {
			bmSinkFilter = ps[j].List(bmCases[j].a)
			if j++; j == len(bmCases) {
				j = 0
			}
		}
	})
}

// BenchmarkFilterMatches measures matching one resource with a filter built
// beforehand, round-robin over the mix: what a host pays per row when it
// filters rows in memory rather than in SQL.
func BenchmarkFilterMatches(b *testing.B) {
	bmListCheck(b)
	filters := make([]permission.Filter, len(bmCases))
	for i, c := range bmCases {
		filters[i] = permission.List(c.s, c.a)
	}
	b.ReportAllocs()
	j := 0
	for b.Loop() {
		bmSinkBool = filters[j].Matches(bmCases[j].r)
		if j++; j == len(bmCases) {
			j = 0
		}
	}
}

// bmListCheck fails b unless a filter matches a resource exactly when
// Authorize allows, for every case where Matches is specified, and a
// Principal's filter is the subject's; it returns the cases' Principals.
func bmListCheck(b *testing.B) []*permission.Principal {
	bmCheckCases(b)
	ps := make([]*permission.Principal, len(bmCases))
	for i, c := range bmCases {
		ps[i], _ = permission.Prepare(c.s) // an invalid subject is prepared to deny
		if ps[i].List(c.a) != permission.List(c.s, c.a) {
			b.Fatalf("%s: a Principal's filter differs from the subject's", c.name)
		}
		if !c.a.IsValid() || c.r.Kind != c.a.Kind() || c.r.Validate() != nil {
			continue // Matches is specified for well-formed resources of the action's kind
		}
		if got, want := permission.List(c.s, c.a).Matches(c.r), permission.Authorize(c.s, c.a, c.r).Allowed(); got != want {
			b.Fatalf("%s: Matches = %t, Authorize allowed = %t", c.name, got, want)
		}
	}
	return ps
}
