package scope_test

import (
	"fmt"

	"github.com/clearance-go/clearance/scope"
)

func ExampleNewMembers() {
	projects := []scope.ID{42, 7, 42, 1001}
	m := scope.NewMembers(projects...)
	projects[0] = 9 // the set keeps its own copy

	fmt.Println(m, m.Len(), m.Has(42), m.Has(9))

	text, _ := m.MarshalText()
	data, _ := m.MarshalJSON()
	fmt.Printf("%s %s\n", text, data)

	var back scope.Members
	err := back.UnmarshalJSON([]byte("[3,-1]"))
	fmt.Println(back, err)
	// Output:
	// {7 42 1001} 3 true false
	// 7,42,1001 [7,42,1001]
	// {} scope: members[1] -1: invalid member list
}
