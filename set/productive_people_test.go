package set_test

import (
	"fmt"
	"testing"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// prPersonJSON is an organization of two in Productive's API shape: the
// Owner (person 1, role_id 1) and person 2 with the given attributes.
func prPersonJSON(attributes string) []byte {
	return fmt.Appendf(nil, `{"people": [
		{"id": "1", "type": "people", "attributes": {"first_name": "Olivia", "role_id": 1}},
		{"id": "2", "type": "people", "attributes": %s}
	], "memberships": [
		{"type": "memberships", "attributes": {"target_type": "project", "target_id": "70"},
		 "relationships": {"member": {"data": {"type": "people", "id": "2"}}}}
	]}`, attributes)
}

// A person of each of the fourteen base_role_ids, read as Productive's API
// returns them, holds the system set the table names.
func TestProductivePeople(t *testing.T) {
	for _, tt := range prBaseRoles {
		t.Run(tt.name, func(t *testing.T) {
			data := prPersonJSON(fmt.Sprintf(`{"first_name": "Pat", "role_id": %d, "custom_role_id": null}`, tt.id))
			org, err := prLoad(data, set.Essential, 1, nil)
			if err != nil {
				t.Fatal(err)
			}
			p := org.People[2]
			want := set.MustSystem(tt.role, tt.scope, tt.addons)
			if p.Set != want || p.Set.Name() != tt.name {
				t.Errorf("role_id %d gives %q, want %q", tt.id, p.Set, tt.name)
			}
			if id, owner := p.Set.BaseRoleID(); id != tt.id || owner {
				t.Errorf("role_id %d: BaseRoleID() = %d, %v", tt.id, id, owner)
			}
			subj, wantSubj := p.Subject, want.Subject(testOrg, 2)
			if subj.ID != 2 || subj.Role != wantSubj.Role || subj.Permissions != wantSubj.Permissions ||
				subj.Projects.String() != "{70}" || subj.Deals.Len() != 0 || subj.Budgets.Len() != 0 {
				t.Errorf("role_id %d: subject %+v, want %+v with project 70", tt.id, subj, wantSubj)
			}
			if err := subj.Validate(); err != nil {
				t.Errorf("role_id %d: %v", tt.id, err)
			}
			if s, _ := org.Org.SetOf(1); org.Org.Owner() != 1 || s.Name() != "Owner" {
				t.Errorf("Owner %d holds %q, want person 1 holding the Owner set", org.Org.Owner(), s)
			}
		})
	}
}

// A person with a custom_role_id holds that custom set.
func TestProductiveCustomRole(t *testing.T) {
	custom, err := prCustomSets(set.Ultimate)
	if err != nil {
		t.Fatal(err)
	}
	org, err := prLoad(prPersonJSON(`{"role_id": 13, "custom_role_id": 901}`), set.Ultimate, 1, custom)
	if err != nil {
		t.Fatal(err)
	}
	if got := org.People[2].Set; got != custom[901] {
		t.Errorf("custom_role_id 901 gives %q, want %q", got, custom[901])
	}
	if org.People[2].Subject.Permissions.Has(permission.InvoicesManage) {
		t.Error("the custom set's revoke of invoices.manage is lost")
	}
}

func TestProductiveErrors(t *testing.T) {
	custom, err := prCustomSets(set.Ultimate)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		data  []byte
		plan  set.Plan
		owner scope.ID
		want  error // nil: any error
	}{
		{"role_id 0", prPersonJSON(`{"role_id": 0}`), set.Ultimate, 1, set.ErrBaseRoleID},
		{"role_id missing", prPersonJSON(`{"first_name": "Pat"}`), set.Ultimate, 1, set.ErrBaseRoleID},
		{"role_id 15", prPersonJSON(`{"role_id": 15}`), set.Ultimate, 1, set.ErrBaseRoleID},
		{"role_id 257", prPersonJSON(`{"role_id": 257}`), set.Ultimate, 1, nil},
		{"role_id -1", prPersonJSON(`{"role_id": -1}`), set.Ultimate, 1, nil},
		{"owner not admin", prPersonJSON(`{"role_id": 3}`), set.Ultimate, 2, set.ErrBaseRoleID},
		{"owner not in the data", prPersonJSON(`{"role_id": 3}`), set.Ultimate, 9, set.ErrNoOwner},
		{"unknown custom role", prPersonJSON(`{"role_id": 13, "custom_role_id": 5}`), set.Ultimate, 1, nil},
		{"custom role on another base", prPersonJSON(`{"role_id": 12, "custom_role_id": 901}`), set.Ultimate, 1, nil},
		{"custom role on a small plan", prPersonJSON(`{"role_id": 13, "custom_role_id": 901}`), set.Professional, 1, set.ErrPlan},
		{"unknown group", []byte(`{"people": [{"id": "1", "attributes": {"role_id": 1}}], "memberships": [
			{"attributes": {"target_type": "project", "target_id": "70"},
			 "relationships": {"member": {"data": {"type": "groups", "id": "project_members"}}}}]}`), set.Ultimate, 1, nil},
		{"member not in the organization", []byte(`{"people": [{"id": "1", "attributes": {"role_id": 1}}], "memberships": [
			{"attributes": {"target_type": "project", "target_id": "70"},
			 "relationships": {"member": {"data": {"type": "people", "id": "3"}}}}]}`), set.Ultimate, 1, nil},
		{"unknown deal", []byte(`{"people": [{"id": "1", "attributes": {"role_id": 1}}], "memberships": [
			{"attributes": {"target_type": "deal", "target_id": "70"},
			 "relationships": {"member": {"data": {"type": "people", "id": "1"}}}}]}`), set.Ultimate, 1, nil},
		{"budget without project", []byte(`{"people": [{"id": "1", "attributes": {"role_id": 1}}],
			"deals": [{"id": "80", "attributes": {"budget": true}}]}`), set.Ultimate, 1, nil},
		{"person id not a number", []byte(`{"people": [{"id": "x1", "attributes": {"role_id": 1}}]}`), set.Ultimate, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := prLoad(tt.data, tt.plan, tt.owner, custom)
			if !prErrIs(err, tt.want) {
				t.Errorf("prLoad = %v, want an error wrapping %v", err, tt.want)
			}
		})
	}
}
