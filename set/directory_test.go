package set_test

import (
	"errors"
	"testing"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// TestOrgDirectory: Org.Directory holds every person of the organization,
// prepared from the subject Org.Subject gives with what relate adds, and
// decides as Authorize does for that subject; relate may not make a
// subject invalid or another person.
func TestOrgDirectory(t *testing.T) {
	o, err := set.OrgFrom(testOrg, set.Ultimate, []set.Person{
		{ID: 1, Set: set.MustSystem(role.Owner, 0, 0)},
		{ID: 2, Set: set.MustSystem(role.Staff, 0, 0)},
		{ID: 3, Set: set.MustSystem(role.Client, 0, set.AddonBudgets)},
	})
	if err != nil {
		t.Fatal(err)
	}
	projects := map[scope.ID]scope.Members{2: scope.NewMembers(7), 3: scope.NewMembers(7)}
	d, err := o.Directory(func(s *permission.Subject) { s.Projects = projects[s.ID] })
	if err != nil || d.Len() != 3 {
		t.Fatalf("Directory = %v people, %v", d.Len(), err)
	}
	task := permission.Resource{Org: testOrg, Kind: permission.KindTask, Project: 7, Visibility: scope.Private}
	for id := range o.People() {
		s, _ := o.Subject(id)
		s.Projects = projects[id]
		if got, want := d.Lookup(id).Authorize(permission.ViewTask, &task), permission.Authorize(s, permission.ViewTask, task); got != want {
			t.Errorf("person %d: Directory %v, Authorize %v", id, got, want)
		}
	}
	if d, err := o.Directory(nil); err != nil || d.Len() != 3 {
		t.Errorf("Directory(nil) = %v, %v", d, err)
	}
	for name, relate := range map[string]func(*permission.Subject){
		"invalid":        func(s *permission.Subject) { s.Role = 0 },
		"another person": func(s *permission.Subject) { s.ID++ },
		"another org":    func(s *permission.Subject) { s.Org++ },
	} {
		if d, err := o.Directory(relate); d != nil || !errors.Is(err, permission.ErrInvalidSubject) {
			t.Errorf("%s: Directory = %v, %v; want nothing and ErrInvalidSubject", name, d, err)
		}
	}
}

// TestAssignReadsImpliedRights: Org.Assign and Authorize read an actor's
// permissions the same way, with what they imply: an actor holding every
// part of the legacy invoices.manage holds it, and the export it implies,
// so both let them change the set of someone who copies invoices to
// accounting.
func TestAssignReadsImpliedRights(t *testing.T) {
	parts, err := set.NewBuilder("Invoicer", set.MustSystem(role.Manager, 0, 0)).Revoke(permission.InvoicesManage).Build(set.Ultimate)
	if err != nil {
		t.Fatal(err)
	}
	copier, err := set.NewBuilder("Copier", set.MustSystem(role.Staff, 0, 0)).Grant(permission.InvoicesCopyToAccounting).Build(set.Ultimate)
	if err != nil {
		t.Fatal(err)
	}
	o, err := set.OrgFrom(testOrg, set.Ultimate, []set.Person{
		{ID: 1, Set: set.MustSystem(role.Owner, 0, 0)}, {ID: 2, Set: parts}, {ID: 3, Set: copier},
	})
	if err != nil {
		t.Fatal(err)
	}
	actor, _ := o.Subject(2)
	target := permission.Resource{Org: testOrg, Kind: permission.KindPerson, Person: 3, PersonRole: role.Staff, PersonPermissions: copier.Permissions()}
	d := permission.Authorize(actor, permission.ChangePermissionSet, target)
	_, aerr := o.Assign(2, 3, set.MustSystem(role.Staff, 0, 0))
	if !d.Allowed() || aerr != nil {
		t.Errorf("Authorize %v, Assign %v; want both to allow", d, aerr)
	}
}
