package permission_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
	"pgregory.net/rapid"
)

// TestDirectoryModel: a Directory built from valid principals of distinct
// people finds each by its subject's ID, and nobody else; one given an
// invalid principal, or two of one person, is refused with no directory.
func TestDirectoryModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		subjects := rapid.SliceOfN(pfSubjectGen(), 0, 12).Draw(t, "subjects")
		if rapid.Bool().Draw(t, "distinct people") { // else from the small pool, often the same person twice
			for i := range subjects {
				subjects[i].ID = scope.ID(100 + i)
			}
		}
		if rapid.Bool().Draw(t, "valid only") {
			subjects = slices.DeleteFunc(subjects, func(s permission.Subject) bool { return s.Validate() != nil })
		}
		var ps []*permission.Principal
		byID := map[scope.ID]*permission.Principal{}
		invalid, repeated := false, false
		for _, s := range subjects {
			p, err := permission.Prepare(s)
			invalid = invalid || err != nil
			_, seen := byID[s.ID]
			repeated = repeated || seen && err == nil
			if !seen {
				byID[s.ID] = p
			}
			ps = append(ps, p)
		}
		d, err := permission.NewDirectory(ps...)
		switch {
		case invalid || repeated:
			if err == nil || !errors.Is(err, permission.ErrDirectory) || d != nil {
				t.Fatalf("NewDirectory(invalid %v, repeated %v) = %v, %v; want nil and ErrDirectory", invalid, repeated, d, err)
			}
			if invalid && !repeated && !errors.Is(err, permission.ErrInvalidSubject) {
				t.Fatalf("an invalid principal: error %v does not wrap ErrInvalidSubject", err)
			}
			return
		case err != nil:
			t.Fatalf("NewDirectory: %v", err)
		}
		if d.Len() != len(ps) {
			t.Fatalf("Len() = %d, want %d", d.Len(), len(ps))
		}
		for _, id := range append(pfPool, 0, 99, 100, 105, 111, 112) {
			if got, want := d.Lookup(id), byID[id]; got != want {
				t.Fatalf("Lookup(%d) = %p, want %p", id, got, want)
			}
		}
		last := scope.ID(0)
		for p := range d.All() {
			if id := p.Subject().ID; id <= last && last != 0 || byID[id] != p {
				t.Fatalf("All() yields person %d after %d, or a principal not built", id, last)
			}
			last = p.Subject().ID
		}
	})
}

// TestDirectoryErrors: each refusal names the principal at fault.
func TestDirectoryErrors(t *testing.T) {
	admin, err := permission.Prepare(set.MustSystem(role.Admin, 0, 0).Subject(testOrg, 2))
	if err != nil {
		t.Fatal(err)
	}
	again, _ := permission.Prepare(set.MustSystem(role.Staff, 0, 0).Subject(testOrg+1, 2))
	bad, _ := permission.Prepare(permission.Subject{Org: testOrg, ID: 3})
	for _, c := range []struct {
		name string
		ps   []*permission.Principal
		want string
		is   error
	}{
		{"nil", []*permission.Principal{admin, nil}, "permission: principal 1 is nil: invalid directory", permission.ErrDirectory},
		{"invalid", []*permission.Principal{bad}, "permission: principal 0: permission: subject 3: role(0): invalid subject: invalid directory", permission.ErrInvalidSubject},
		{"same person", []*permission.Principal{admin, again}, "permission: person 2 of organization 1 and person 2 of organization 2: scope: ID 2 appears twice: invalid index: invalid directory", scope.ErrIndex},
	} {
		d, err := permission.NewDirectory(c.ps...)
		if d != nil || !errors.Is(err, permission.ErrDirectory) || !errors.Is(err, c.is) || err.Error() != c.want {
			t.Errorf("%s: NewDirectory = %v, %v; want nil and %q", c.name, d, err, c.want)
		}
	}
}

// TestDirectoryFailsClosed: a person the directory does not hold, and the
// nil directory, give the nil Principal, which is denied everything.
func TestDirectoryFailsClosed(t *testing.T) {
	owner, err := permission.Prepare(set.MustSystem(role.Owner, 0, 0).Subject(testOrg, 1))
	if err != nil {
		t.Fatal(err)
	}
	d, err := permission.NewDirectory(owner)
	if err != nil {
		t.Fatal(err)
	}
	var none *permission.Directory
	org := permission.Resource{Org: testOrg, Kind: permission.KindOrganization}
	for name, p := range map[string]*permission.Principal{"stranger": d.Lookup(2), "nil directory": none.Lookup(1)} {
		if dec := p.Authorize(permission.ManageOrgSettings, &org); dec.Allowed() || dec.Reason() != permission.InvalidSubject {
			t.Errorf("%s: %v, want invalid_subject", name, dec)
		}
	}
	if d.Lookup(1) != owner || !d.Lookup(1).Authorize(permission.ManageOrgSettings, &org).Allowed() {
		t.Error("the owner is not found, or not allowed their own settings")
	}
	if none.Len() != 0 {
		t.Error("the nil directory has principals")
	}
	for p := range none.All() {
		t.Errorf("the nil directory yields %v", p.Subject())
	}
	for range d.All() {
		break // All honours a break
	}
}

// TestDirectoryNoAllocs: the host path through a Directory, lookup and
// decision, never allocates.
func TestDirectoryNoAllocs(t *testing.T) {
	var ps []*permission.Principal
	for id := range scope.ID(1000) {
		p, err := permission.Prepare(set.MustSystem(role.Staff, 0, 0).Subject(testOrg, id+1))
		if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
	}
	d, err := permission.NewDirectory(ps...)
	if err != nil {
		t.Fatal(err)
	}
	r := permission.Resource{Org: testOrg, Kind: permission.KindProject, Project: 7, Visibility: scope.Public}
	var dec permission.Decision
	for name, id := range map[string]scope.ID{"known": 500, "stranger": 5000} {
		if n := testing.AllocsPerRun(100, func() { dec = d.Lookup(id).Authorize(permission.ViewProject, &r) }); n != 0 {
			t.Errorf("%s: %v allocations per lookup and decision", name, n)
		}
	}
	_ = dec
}
