package permission_test

import (
	"strings"
	"testing"

	"github.com/clearance-go/clearance/permission"
)

// bmHostileMasks are 1 MB inputs to Mask.UnmarshalJSON: a long array of one
// name, a long array of unknown names, one huge name, and deep nesting.
var bmHostileMasks = []struct {
	name string
	doc  []byte
}{
	{"repeated", []byte(`[` + strings.Repeat(`"tasks.view",`, 1<<20/13) + `"tasks.view"]`)},
	{"unknown", []byte(`[` + strings.Repeat(`"x",`, 1<<18) + `"x"]`)},
	{"string", []byte(`["` + strings.Repeat("x", 1<<20) + `"]`)},
	{"deep", []byte(strings.Repeat("[", 1<<19) + strings.Repeat("]", 1<<19))},
}

var bmSinkMaskErr error

// BenchmarkMaskUnmarshalJSONHostile measures Mask.UnmarshalJSON on 1 MB
// hostile inputs; each fails.
func BenchmarkMaskUnmarshalJSONHostile(b *testing.B) {
	for _, tc := range bmHostileMasks {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			var m permission.Mask
			for b.Loop() {
				bmSinkMaskErr = m.UnmarshalJSON(tc.doc)
			}
		})
	}
}
