package scope_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/clearance-go/clearance/scope"
)

// Package-level sinks keep benchmarked results alive.
var (
	bmSinkMembers scope.Members
	bmSinkBool    bool
)

// bmProbeCount is the number of precomputed probes BenchmarkMembersHas
// cycles through: enough to touch most of a 100,000-member table, so the
// figures include the cache misses a large table costs.
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

// BenchmarkNewMembers100k measures building the set of 100,000 memberships.
func BenchmarkNewMembers100k(b *testing.B) {
	ids := bmIDs(100000, 1)
	if got := scope.NewMembers(ids...).Len(); got != len(ids) {
		b.Fatalf("NewMembers of %d distinct IDs has Len %d", len(ids), got)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		bmSinkMembers = scope.NewMembers(ids...)
	}
}

// BenchmarkMembersHas measures one lookup at 10, 1,000 and 100,000 members,
// for members (hit) and non-members (miss), cycling through bmProbeCount
// different probes so that no single slot stays cached.
func BenchmarkMembersHas(b *testing.B) {
	for _, n := range []int{10, 1000, 100000} {
		ids := bmIDs(n, uint64(n))
		ms := scope.NewMembers(ids...)
		rng := rand.New(rand.NewPCG(uint64(n), 0x9b0b))
		hits := make([]scope.ID, bmProbeCount)
		misses := make([]scope.ID, bmProbeCount)
		for i := range hits {
			hits[i] = ids[rng.IntN(len(ids))]
			for misses[i] == 0 || ms.Has(misses[i]) {
				misses[i] = scope.ID(rng.Uint64())
			}
		}
		for _, tc := range []struct {
			name   string
			probes []scope.ID
			want   bool
		}{{"hit", hits, true}, {"miss", misses, false}} {
			b.Run(fmt.Sprintf("members=%d/%s", n, tc.name), func(b *testing.B) {
				for _, id := range tc.probes {
					if ms.Has(id) != tc.want {
						b.Fatalf("Has(%d) = %t, want %t", id, !tc.want, tc.want)
					}
				}
				b.ReportAllocs()
				b.ResetTimer()
				for i := range b.N {
					bmSinkBool = ms.Has(tc.probes[i&(bmProbeCount-1)])
				}
			})
		}
	}
}
