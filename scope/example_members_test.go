package scope_test

import (
	"fmt"

	"github.com/clearance-go/clearance/scope"
)

// Has is the lookup every decision makes: it costs the same for ten members
// or a hundred thousand, and never allocates.
func ExampleMembers_Has() {
	projects := scope.NewMembers(7, 42, 1001)
	fmt.Println(projects.Has(42), projects.Has(43))

	// The zero Members is the empty set, ready to use.
	var none scope.Members
	fmt.Println(none.Has(42), none.Len())
	// Output:
	// true false
	// false 0
}

// An Index finds what a host keeps per ID, such as its people, in one probe
// that never allocates. Build a new one to change it.
func ExampleNewIndex() {
	people, err := scope.NewIndex([]scope.ID{7, 42}, []string{"Ana", "Ivo"})
	if err != nil {
		fmt.Println(err)
		return
	}
	name, ok := people.Lookup(42)
	fmt.Println(name, ok)
	_, ok = people.Lookup(43)
	fmt.Println(ok)

	_, err = scope.NewIndex([]scope.ID{7, 7}, []string{"Ana", "Ivo"})
	fmt.Println(err)
	// Output:
	// Ivo true
	// false
	// scope: ID 7 appears twice: invalid index
}

// All lists an index in ascending order of ID.
func ExampleIndex_All() {
	people, _ := scope.NewIndex([]scope.ID{42, 7}, []string{"Ivo", "Ana"})
	for id, name := range people.All() {
		fmt.Println(id, name)
	}
	// Output:
	// 7 Ana
	// 42 Ivo
}

// Lookup answers as a map does, with the zero value for an ID the index
// does not hold; the zero Index holds nothing.
func ExampleIndex_Lookup() {
	rates, _ := scope.NewIndex([]scope.ID{7, 42}, []int{90, 120})
	fmt.Println(rates.Lookup(42))
	fmt.Println(rates.Lookup(8))

	var none scope.Index[int]
	fmt.Println(none.Lookup(42))
	fmt.Println(none.Len(), rates.Len())
	// Output:
	// 120 true
	// 0 false
	// 0 false
	// 0 2
}

// A project is shared with a person directly, with one of their teams, or
// with a dynamic group. The host folds every way in into one set when it
// builds the person's subject: the union costs time linear in the sizes of
// the sets, however many teams the person is in. (The "Employees" group is
// what a public project is: say so with the project's Visibility, not with
// a membership, so that the seeds' "projects that are a member of" still
// keeps Staff out.)
func ExampleUnion() {
	direct := scope.NewMembers(7)         // shared with the person
	design := scope.NewMembers(7, 11, 12) // shared with the Design team
	backend := scope.NewMembers(12, 30)   // shared with the Backend team
	projects := scope.Union(direct, design, backend)
	fmt.Println(projects, projects.Has(30), projects.Has(8))
	// Output: {7 11 12 30} true false
}
