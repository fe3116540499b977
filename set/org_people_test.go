package set_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// TestOrgPeopleOrder: People yields everyone once, in ascending ID order
// whatever the order they were added in, each with the set SetOf reports.
func TestOrgPeopleOrder(t *testing.T) {
	o, err := set.NewOrg(testOrg, set.Ultimate, 500)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []scope.ID{900, 3, 42, 7} {
		if o, err = o.Add(500, id, set.MustSystem(role.Staff, 0, 0)); err != nil {
			t.Fatalf("Add(%d): %v", id, err)
		}
	}
	var ids []scope.ID
	for id, s := range o.People() {
		ids = append(ids, id)
		if got, ok := o.SetOf(id); !ok || got != s {
			t.Errorf("People yields %d holding %q; SetOf = %q, %v", id, s.Name(), got.Name(), ok)
		}
	}
	if diff := cmp.Diff([]scope.ID{3, 7, 42, 500, 900}, ids); diff != "" {
		t.Errorf("People() IDs mismatch (-want +got):\n%s", diff)
	}

	var zero set.Org
	for id, s := range zero.People() {
		t.Errorf("the zero Org yields %d holding %q, want nobody", id, s.Name())
	}
}

// TestOrgPeopleStopsEarly: People honours a break.
func TestOrgPeopleStopsEarly(t *testing.T) {
	o := stOrg(t, set.Ultimate)
	var got []scope.ID
	for id := range o.People() {
		got = append(got, id)
		if len(got) == 2 {
			break
		}
	}
	if diff := cmp.Diff([]scope.ID{stOwnerID, stAdminID}, got); diff != "" {
		t.Errorf("People() with a break after two mismatch (-want +got):\n%s", diff)
	}
}
