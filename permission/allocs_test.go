package permission_test

import (
	"testing"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// TestBenchPathsDoNotAllocate guards, in every test run, the zero-allocation
// claims the benchmarks measure: List and Filter.Matches over the benchmark
// mix, and membership lookups (scope.Members.Has, and Authorize and
// List/Matches deciding by membership) at 100,000 members.
func TestBenchPathsDoNotAllocate(t *testing.T) {
	bmCheckCases(t)
	for _, c := range bmCases {
		t.Run("List+Matches/"+c.name, func(t *testing.T) {
			if n := testing.AllocsPerRun(100, func() {
				bmSinkFilter = permission.List(c.s, c.a)
				bmSinkBool = bmSinkFilter.Matches(c.r)
			}); n != 0 {
				t.Errorf("List(%v).Matches allocates %v times per call", c.a, n)
			}
		})
	}

	t.Run("members=100000", func(t *testing.T) {
		const n = 100000
		ids := bmIDs(n, n)
		s := set.MustSystem(role.Manager, scope.Restricted, 0).Subject(testOrg, bmManagerID)
		s.Projects = scope.NewMembers(ids...)
		s.Deals = s.Projects
		if got := s.Projects.Len(); got != n {
			t.Fatalf("NewMembers of %d distinct IDs has Len %d", n, got)
		}
		const probes = 64
		for _, tc := range []struct {
			name   string
			probes []scope.ID
			member bool
			reason permission.Reason
		}{
			{"hit", bmProbes(ids, s.Projects, true, 7)[:probes], true, permission.Granted},
			{"miss", bmProbes(ids, s.Projects, false, 7)[:probes], false, permission.PrivateNotMember},
		} {
			t.Run(tc.name, func(t *testing.T) {
				for _, id := range tc.probes {
					r := permission.Resource{Org: testOrg, Kind: permission.KindProject, Project: id, Visibility: scope.Private}
					if got := s.Projects.Has(id); got != tc.member {
						t.Fatalf("Has(%d) = %t, want %t", id, got, tc.member)
					}
					if got := permission.Authorize(s, permission.ViewProject, r).Reason(); got != tc.reason {
						t.Fatalf("Authorize(restricted manager, view private project %d) reason = %v, want %v", id, got, tc.reason)
					}
					if got := permission.List(s, permission.ViewProject).Matches(r); got != tc.member {
						t.Fatalf("List(restricted manager, view project).Matches(private %d) = %t, want %t", id, got, tc.member)
					}
					deal := permission.Resource{Org: testOrg, Kind: permission.KindDeal, Deal: id}
					if got := permission.List(s, permission.ViewDeal).Matches(deal); got != tc.member {
						t.Fatalf("List(restricted manager, view deal).Matches(deal %d) = %t, want %t", id, got, tc.member)
					}
				}
				i := 0
				next := func() permission.Resource {
					i = (i + 1) % probes
					return permission.Resource{Org: testOrg, Kind: permission.KindProject, Project: tc.probes[i], Visibility: scope.Private}
				}
				if a := testing.AllocsPerRun(probes, func() { bmSinkBool = s.Projects.Has(next().Project) }); a != 0 {
					t.Errorf("Members.Has allocates %v times per call", a)
				}
				if a := testing.AllocsPerRun(probes, func() { bmSinkDecision = permission.Authorize(s, permission.ViewProject, next()) }); a != 0 {
					t.Errorf("Authorize allocates %v times per call", a)
				}
				if a := testing.AllocsPerRun(probes, func() {
					bmSinkFilter = permission.List(s, permission.ViewProject)
					bmSinkBool = bmSinkFilter.Matches(next())
				}); a != 0 {
					t.Errorf("List(...).Matches allocates %v times per call", a)
				}
			})
		}
	})
}
