package set_test

import (
	"strings"
	"testing"

	"github.com/clearance-go/clearance/set"
)

// bmHostile returns documents of about n bytes in each hostile shape: deep
// nesting, one huge string, one huge array, and a huge unknown grant name.
func bmHostile(n int) []struct {
	name string
	doc  []byte
} {
	depth := (n - 10) / 2
	return []struct {
		name string
		doc  []byte
	}{
		{"deep", []byte(`{"name":` + strings.Repeat("[", depth) + strings.Repeat("]", depth) + `}`)},
		{"string", []byte(`{"name":"` + strings.Repeat("x", n-30) + `","base":"staff"}`)},
		{"array", []byte(`{"name":"A","base":"staff","grant":[` + strings.Repeat(`"x",`, (n-40)/4) + `"x"]}`)},
		{"grant", []byte(`{"name":"A","base":"staff","grant":["` + strings.Repeat("x", n-40) + `"]}`)},
	}
}

// BenchmarkDecodeHostile measures Decode on hostile documents of 1 MB and of
// 40 KB.
func BenchmarkDecodeHostile(b *testing.B) {
	for _, size := range []int{40 << 10, 1 << 20} {
		for _, tc := range bmHostile(size) {
			b.Run(tc.name+"/"+sizeName(size), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					bmSinkSet, bmSinkErr = set.Decode(tc.doc, set.Ultimate)
				}
			})
		}
	}
}

func sizeName(n int) string {
	if n >= 1<<20 {
		return "1MB"
	}
	return "40KB"
}
