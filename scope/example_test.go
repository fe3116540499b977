package scope_test

import (
	"fmt"

	"github.com/clearance-go/clearance/scope"
)

func ExampleReaches() {
	// A restricted manager who is a member of one private project.
	fmt.Println("public, not a member: ", scope.Reaches(scope.Restricted, scope.Public, false))
	fmt.Println("private, not a member:", scope.Reaches(scope.Restricted, scope.Private, false))
	fmt.Println("private, a member:    ", scope.Reaches(scope.Restricted, scope.Private, true))

	// Staff reach only what they are members of; Unlimited reaches everything.
	fmt.Println("staff on a public project:", scope.Reaches(scope.Member, scope.Public, false))
	fmt.Println("unlimited on a private one:", scope.Reaches(scope.Unlimited, scope.Private, false))

	// A visibility that was never set is reached by no one.
	fmt.Println("unknown visibility:", scope.Reaches(scope.Unlimited, 0, true))
	// Output:
	// public, not a member:  true
	// private, not a member: false
	// private, a member:     true
	// staff on a public project: false
	// unlimited on a private one: true
	// unknown visibility: false
}

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
