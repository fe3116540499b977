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
	for b.Loop() {
		bmSinkMembers = scope.NewMembers(ids...)
	}
}

// BenchmarkNewMembers measures building sets of the shapes hosts produce:
// hashed keys in any order, database keys already in order, database keys
// in any order, and a list that repeats a few IDs.
func BenchmarkNewMembers(b *testing.B) {
	sequential := func(n int) []scope.ID {
		out := make([]scope.ID, n)
		for i := range out {
			out[i] = scope.ID(1000 + 3*i)
		}
		return out
	}
	shuffled := func(ids []scope.ID) []scope.ID {
		rng := rand.New(rand.NewPCG(7, 7))
		rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
		return ids
	}
	repeats := make([]scope.ID, 100000)
	for i := range repeats {
		repeats[i] = scope.ID(i%100 + 1)
	}
	for _, tc := range []struct {
		name string
		ids  []scope.ID
	}{
		{"random/10", bmIDs(10, 1)},
		{"random/1000", bmIDs(1000, 1)},
		{"random/100000", bmIDs(100000, 1)},
		{"sorted/100000", sequential(100000)},
		{"shuffled/100000", shuffled(sequential(100000))},
		{"repeats/100000", repeats},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				bmSinkMembers = scope.NewMembers(tc.ids...)
			}
		})
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
				i := 0
				for b.Loop() {
					bmSinkBool = ms.Has(tc.probes[i&(bmProbeCount-1)])
					i++
				}
			})
		}
	}
}

// BenchmarkUnion folds a person's memberships through teams into one set:
// 1, 10 and 100 teams of 200 projects each, overlapping by half.
func BenchmarkUnion(b *testing.B) {
	for _, teams := range []int{1, 10, 100} {
		sets := make([]scope.Members, teams)
		for i := range sets {
			ids := make([]scope.ID, 200)
			for j := range ids {
				ids[j] = scope.ID(1000 + i*100 + j)
			}
			sets[i] = scope.NewMembers(ids...)
		}
		b.Run(fmt.Sprintf("teams=%d", teams), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				bmSinkMembers = scope.Union(sets...)
			}
		})
	}
}
