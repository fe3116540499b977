package set_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/clearance-go/clearance/set"
)

// bmHostile returns documents of about n bytes in each hostile shape: deep
// nesting, one huge string, one huge array, a huge unknown grant name, and
// an unknown field holding many numbers or many keys.
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
		{"array", []byte(`{"name":"A","base":"staff","grant":[` + strings.Repeat(`"x",`, (n-42)/4) + `"x"]}`)},
		{"grant", []byte(`{"name":"A","base":"staff","grant":["` + strings.Repeat("x", n-40) + `"]}`)},
		{"numbers", []byte(`{"base":"staff","x":[` + strings.Repeat(`1,`, (n-24)/2) + `1]}`)},
		{"keys", keys(n)},
	}
}

// BenchmarkDecodeHostile measures Decode on hostile documents of 1 MB and of
// 40 KB, and of MaxDocumentSize.
func BenchmarkDecodeHostile(b *testing.B) {
	for _, size := range []int{40 << 10, set.MaxDocumentSize, 1 << 20} {
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

// keys returns a document of about n bytes whose unknown field holds an
// object of distinct keys.
func keys(n int) []byte {
	b := []byte(`{"base":"staff","x":{"":0`)
	for i := 0; len(b) < n-20; i++ {
		b = strconv.AppendQuote(append(b, ','), strconv.Itoa(i))
		b = append(b, ":0"...)
	}
	return append(b, "}}"...)
}

func sizeName(n int) string {
	switch {
	case n >= 1<<20:
		return "1MB"
	case n == set.MaxDocumentSize:
		return "64KiB"
	}
	return "40KB"
}
