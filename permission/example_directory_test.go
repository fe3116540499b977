package permission_test

import (
	"fmt"
	"sync/atomic"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// A host keeps its people prepared in a Directory behind an atomic pointer:
// every request looks the person up and decides, and a change of people or
// sets builds a new directory and swaps it in.
func ExampleNewDirectory() {
	ana, _ := permission.Prepare(set.MustSystem(role.Admin, 0, 0).Subject(1, 7))
	ivo := set.MustSystem(role.Staff, 0, 0).Subject(1, 42)
	ivo.Projects = scope.NewMembers(100)
	ivoP, _ := permission.Prepare(ivo)

	var people atomic.Pointer[permission.Directory]
	d, err := permission.NewDirectory(ana, ivoP)
	if err != nil {
		fmt.Println(err)
		return
	}
	people.Store(d)

	// Per request: who, what, on which record.
	project := permission.Resource{Org: 1, Kind: permission.KindProject, Project: 100, Visibility: scope.Private}
	fmt.Println(people.Load().Lookup(42).Authorize(permission.ViewProject, &project))
	fmt.Println(people.Load().Lookup(43).Authorize(permission.ViewProject, &project))

	// The same person twice is refused, and nothing is built.
	_, err = permission.NewDirectory(ana, ana)
	fmt.Println(err)
	// Output:
	// project.view is allowed
	// project.view is denied: the subject is invalid
	// permission: person 7 of organization 1 and person 7 of organization 1: scope: ID 7 appears twice: invalid index: invalid directory
}

// Lookup returns nil for a person the directory does not hold, and the nil
// Principal is denied everything, so a forgotten nil check fails closed.
func ExampleDirectory_Lookup() {
	owner, _ := permission.Prepare(set.MustSystem(role.Owner, 0, 0).Subject(1, 1))
	d, _ := permission.NewDirectory(owner)
	org := permission.Resource{Org: 1, Kind: permission.KindOrganization}

	fmt.Println(d.Lookup(1).Authorize(permission.TransferOwnership, &org))
	fmt.Println(d.Lookup(2) == nil, d.Lookup(2).Authorize(permission.TransferOwnership, &org).Allowed())
	// Output:
	// organization.transfer_ownership is allowed
	// true false
}

// All lists a directory's principals in ascending order of person ID, for
// a host that rebuilds it with one person changed.
func ExampleDirectory_All() {
	var ps []*permission.Principal
	for _, id := range []scope.ID{42, 7, 19} {
		p, _ := permission.Prepare(set.MustSystem(role.Staff, 0, 0).Subject(1, id))
		ps = append(ps, p)
	}
	d, _ := permission.NewDirectory(ps...)
	for p := range d.All() {
		fmt.Println(p.Subject().ID)
	}
	fmt.Println(d.Len())
	// Output:
	// 7
	// 19
	// 42
	// 3
}
