package scope_test

import (
	"strings"
	"testing"

	"github.com/clearance-go/clearance/scope"
)

// bmHostileMembers are 1 MB inputs to Members.UnmarshalJSON: a long valid
// array, a long array with a bad last element, one huge number, and deep
// nesting.
var bmHostileMembers = []struct {
	name string
	doc  []byte
}{
	{"valid", []byte(`[` + strings.Repeat(`1234567,`, 1<<17) + `1]`)},
	{"badlast", []byte(`[` + strings.Repeat(`1234567,`, 1<<17) + `-1]`)},
	{"number", []byte(`[` + strings.Repeat("9", 1<<20) + `]`)},
	{"deep", []byte(strings.Repeat("[", 1<<19) + strings.Repeat("]", 1<<19))},
}

var bmSinkMembersErr error

// BenchmarkMembersUnmarshalJSONHostile measures Members.UnmarshalJSON on
// 1 MB inputs.
func BenchmarkMembersUnmarshalJSONHostile(b *testing.B) {
	for _, tc := range bmHostileMembers {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			var m scope.Members
			for b.Loop() {
				bmSinkMembersErr = m.UnmarshalJSON(tc.doc)
			}
		})
	}
}
