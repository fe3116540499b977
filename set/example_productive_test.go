package set_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// prExport is what a host fetched from Productive's API (people, teams,
// deals, memberships), as JSON:API resource objects trimmed to the fields
// read here. The shapes follow /shared/domain/productive-api.md; the API
// reference was only partly available, so a host should check them against
// its own data.
type prExport struct {
	People []struct {
		ID         string `json:"id"`
		Attributes struct {
			FirstName    string         `json:"first_name"`
			RoleID       set.BaseRoleID `json:"role_id"`        // required: the system set; overflow is a decode error
			CustomRoleID *int           `json:"custom_role_id"` // the custom set, if one is assigned
		} `json:"attributes"`
	} `json:"people"`
	Teams []struct {
		ID            string `json:"id"`
		Relationships struct {
			People struct {
				Data []prRef `json:"data"`
			} `json:"people"`
		} `json:"relationships"`
	} `json:"teams"`
	Deals []struct {
		ID         string `json:"id"`
		Attributes struct {
			Budget       bool `json:"budget"`        // a budget is a deal with this flag
			ClientAccess bool `json:"client_access"` // the budget's Client access toggle
		} `json:"attributes"`
		Relationships struct {
			Project struct {
				Data *prRef `json:"data"`
			} `json:"project"`
		} `json:"relationships"`
	} `json:"deals"`
	Memberships []struct {
		Attributes struct {
			TargetType string `json:"target_type"` // project, deal, doc, dashboard, task_view, pulse
			TargetID   string `json:"target_id"`
		} `json:"attributes"`
		Relationships struct {
			Member struct {
				Data prRef `json:"data"` // people, teams or groups ("employees")
			} `json:"member"`
		} `json:"relationships"`
	} `json:"memberships"`
}

// prRef is a JSON:API resource identifier.
type prRef struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

// prPerson is one person as the host keeps them: name, set, subject.
type prPerson struct {
	Name    string
	Set     set.Set
	Subject permission.Subject
}

// prBudget is a deal with the budget flag, as a resource to authorize on.
type prBudget struct {
	Project      scope.ID
	ClientAccess bool
}

// prLoaded is an organization read from Productive's data.
type prLoaded struct {
	Org     set.Org
	People  map[scope.ID]prPerson
	Budgets map[scope.ID]prBudget
	Public  map[scope.ID]bool // projects shared with the employees group
}

func prID(s string) (scope.ID, error) {
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil || n == 0 {
		return 0, fmt.Errorf("id %q is not a positive integer", s)
	}
	return scope.ID(n), nil
}

// prLoad reads Productive's data into an Org and one Subject per person.
// owner is the ID of the organization's Owner: the host knows it from its
// own records (the API data gathered here does not say how Productive marks
// its Owner); the Owner's role_id must be 1, the Admin base. customSets are
// the organization's custom sets by custom_role_id, decoded by set.Decode.
func prLoad(data []byte, plan set.Plan, owner scope.ID, customSets map[int]set.Set) (prLoaded, error) {
	var x prExport
	if err := json.Unmarshal(data, &x); err != nil {
		return prLoaded{}, err
	}

	// People and their sets, validated together by OrgFrom.
	rows := make([]set.Person, 0, len(x.People))
	names := map[scope.ID]string{}
	for _, p := range x.People {
		id, err := prID(p.ID)
		if err != nil {
			return prLoaded{}, fmt.Errorf("person: %w", err)
		}
		s, err := set.FromBaseRoleID(p.Attributes.RoleID, id == owner)
		if err != nil {
			return prLoaded{}, fmt.Errorf("person %d: %w", id, err)
		}
		if c := p.Attributes.CustomRoleID; c != nil {
			custom, ok := customSets[*c]
			if !ok {
				return prLoaded{}, fmt.Errorf("person %d: custom_role_id %d is not a known custom set", id, *c)
			}
			if base, _ := custom.BaseRoleID(); base != p.Attributes.RoleID {
				return prLoaded{}, fmt.Errorf("person %d: custom set %q is built on base_role_id %d, but role_id is %d", id, custom, base, p.Attributes.RoleID)
			}
			s = custom
		}
		rows = append(rows, set.Person{ID: id, Set: s})
		names[id] = p.Attributes.FirstName
	}
	org, err := set.OrgFrom(1, plan, rows)
	if err != nil {
		return prLoaded{}, err
	}

	teams := map[scope.ID][]scope.ID{}
	for _, t := range x.Teams {
		id, err := prID(t.ID)
		if err != nil {
			return prLoaded{}, fmt.Errorf("team: %w", err)
		}
		for _, ref := range t.Relationships.People.Data {
			p, err := prID(ref.ID)
			if err != nil {
				return prLoaded{}, fmt.Errorf("team %d: %w", id, err)
			}
			teams[id] = append(teams[id], p)
		}
	}
	budgets := map[scope.ID]prBudget{}
	deals := map[scope.ID]bool{}
	for _, d := range x.Deals {
		id, err := prID(d.ID)
		if err != nil {
			return prLoaded{}, fmt.Errorf("deal: %w", err)
		}
		deals[id] = true
		if !d.Attributes.Budget {
			continue
		}
		if d.Relationships.Project.Data == nil {
			return prLoaded{}, fmt.Errorf("budget %d has no project", id)
		}
		project, err := prID(d.Relationships.Project.Data.ID)
		if err != nil {
			return prLoaded{}, fmt.Errorf("budget %d: project: %w", id, err)
		}
		budgets[id] = prBudget{Project: project, ClientAccess: d.Attributes.ClientAccess}
	}

	// Flatten memberships into each person's own sets of IDs: a team's
	// membership is each of its people's, the employees group's is every
	// employee's. A membership of a doc, dashboard, task view or pulse gives
	// nothing clearance decides on, and is skipped.
	projects, dealsOf, budgetsOf := map[scope.ID][]scope.ID{}, map[scope.ID][]scope.ID{}, map[scope.ID][]scope.ID{}
	public := map[scope.ID]bool{}
	for i, m := range x.Memberships {
		var into map[scope.ID][]scope.ID
		target, err := prID(m.Attributes.TargetID)
		if err != nil {
			return prLoaded{}, fmt.Errorf("membership %d: target: %w", i, err)
		}
		switch t := m.Attributes.TargetType; {
		case t == "project":
			into = projects
		case t == "deal" && !deals[target]:
			return prLoaded{}, fmt.Errorf("membership %d: unknown deal %d", i, target)
		case t == "deal" && budgets[target] != (prBudget{}):
			into = budgetsOf
		case t == "deal":
			into = dealsOf
		case t == "doc" || t == "dashboard" || t == "task_view" || t == "pulse":
			continue
		default:
			return prLoaded{}, fmt.Errorf("membership %d: unknown target type %q", i, t)
		}
		var members []scope.ID
		switch ref := m.Relationships.Member.Data; ref.Type {
		case "people":
			p, err := prID(ref.ID)
			if err != nil {
				return prLoaded{}, fmt.Errorf("membership %d: %w", i, err)
			}
			members = []scope.ID{p}
		case "teams":
			t, err := prID(ref.ID)
			if err != nil {
				return prLoaded{}, fmt.Errorf("membership %d: %w", i, err)
			}
			members = teams[t]
		case "groups":
			if ref.ID != "employees" {
				return prLoaded{}, fmt.Errorf("membership %d: group %q is not flattened by this host", i, ref.ID)
			}
			for id, s := range org.People() {
				if s.Kind() == role.Employee {
					members = append(members, id)
				}
			}
			if m.Attributes.TargetType == "project" {
				public[target] = true // "shared with the employees group" is a public project
			}
		default:
			return prLoaded{}, fmt.Errorf("membership %d: unknown member type %q", i, ref.Type)
		}
		for _, p := range members {
			if _, ok := org.SetOf(p); !ok {
				return prLoaded{}, fmt.Errorf("membership %d: person %d is not in the organization", i, p)
			}
			into[p] = append(into[p], target)
		}
	}

	out := prLoaded{Org: org, People: map[scope.ID]prPerson{}, Budgets: budgets, Public: public}
	for id, s := range org.People() {
		subj, _ := org.Subject(id) // the organization's ID and plan, the person's set
		subj.Projects = scope.NewMembers(projects[id]...)
		subj.Deals = scope.NewMembers(dealsOf[id]...)
		subj.Budgets = scope.NewMembers(budgetsOf[id]...)
		out.People[id] = prPerson{Name: names[id], Set: s, Subject: subj}
	}
	return out, nil
}

// budget returns the resource for budget id, for Authorize.
func (l prLoaded) budget(id scope.ID) permission.Resource {
	b := l.Budgets[id]
	v := scope.Private
	if l.Public[b.Project] {
		v = scope.Public
	}
	return permission.Resource{Org: 1, Kind: permission.KindBudget, ID: id, Budget: id, Project: b.Project, Visibility: v, ClientAccess: b.ClientAccess}
}

const prExample = `{
  "people": [
    {"id": "1", "type": "people", "attributes": {"first_name": "Olivia", "role_id": 1}},
    {"id": "2", "type": "people", "attributes": {"first_name": "Sam", "role_id": 7}},
    {"id": "3", "type": "people", "attributes": {"first_name": "Alice", "role_id": 13, "custom_role_id": 901}},
    {"id": "4", "type": "people", "attributes": {"first_name": "Carl", "role_id": 4}},
    {"id": "5", "type": "people", "attributes": {"first_name": "Cora", "role_id": 6}}
  ],
  "teams": [
    {"id": "50", "type": "teams", "relationships": {"people": {"data": [{"type": "people", "id": "2"}, {"type": "people", "id": "5"}]}}}
  ],
  "deals": [
    {"id": "80", "type": "deals", "attributes": {"budget": true, "client_access": true},
     "relationships": {"project": {"data": {"type": "projects", "id": "70"}}}},
    {"id": "81", "type": "deals", "attributes": {"budget": true, "client_access": false},
     "relationships": {"project": {"data": {"type": "projects", "id": "70"}}}},
    {"id": "90", "type": "deals", "attributes": {"budget": false}}
  ],
  "memberships": [
    {"type": "memberships", "attributes": {"target_type": "project", "target_id": "70"},
     "relationships": {"member": {"data": {"type": "teams", "id": "50"}}}},
    {"type": "memberships", "attributes": {"target_type": "project", "target_id": "70"},
     "relationships": {"member": {"data": {"type": "people", "id": "4"}}}},
    {"type": "memberships", "attributes": {"target_type": "project", "target_id": "71"},
     "relationships": {"member": {"data": {"type": "groups", "id": "employees"}}}},
    {"type": "memberships", "attributes": {"target_type": "deal", "target_id": "80"},
     "relationships": {"member": {"data": {"type": "people", "id": "4"}}}},
    {"type": "memberships", "attributes": {"target_type": "deal", "target_id": "81"},
     "relationships": {"member": {"data": {"type": "people", "id": "4"}}}},
    {"type": "memberships", "attributes": {"target_type": "deal", "target_id": "90"},
     "relationships": {"member": {"data": {"type": "people", "id": "3"}}}},
    {"type": "memberships", "attributes": {"target_type": "doc", "target_id": "600"},
     "relationships": {"member": {"data": {"type": "people", "id": "2"}}}}
  ]
}`

// prCustomSets are the organization's custom sets by custom_role_id, as
// the host stored them in this library's JSON form.
func prCustomSets(plan set.Plan) (map[int]set.Set, error) {
	jira, err := set.Decode([]byte(`{"name": "Jira manager", "base": "manager", "scope": "restricted",
		"revoke": ["invoices.manage"]}`), plan)
	return map[int]set.Set{901: jira}, err
}

// Reading people as Productive's API returns them: role_id is a
// base_role_id, custom_role_id picks a custom set, the Owner is the Admin
// base plus ownership, and memberships of people, teams and the employees
// group are flattened into each person's own IDs. A budget is a deal with
// the budget flag, and its client_access is the Client access toggle.
func Example_productive() {
	custom, err := prCustomSets(set.Ultimate)
	if err != nil {
		fmt.Println(err)
		return
	}
	org, err := prLoad([]byte(prExample), set.Ultimate, 1, custom)
	if err != nil {
		fmt.Println(err)
		return
	}
	for id := range org.Org.People() {
		p := org.People[id]
		base, owner := p.Set.BaseRoleID()
		fmt.Printf("%-6s %-22s base_role_id %-2d owner %-5v projects %v deals %v budgets %v\n",
			p.Name, p.Set, base, owner, p.Subject.Projects, p.Subject.Deals, p.Subject.Budgets)
	}

	carl := org.People[4].Subject
	fmt.Println(permission.Authorize(carl, permission.ViewBudget, org.budget(80)))
	fmt.Println(permission.Authorize(carl, permission.ViewBudget, org.budget(81)))
	// Output:
	// Olivia Owner                  base_role_id 1  owner true  projects {71} deals {} budgets {}
	// Sam    Staff with CRM access  base_role_id 7  owner false projects {70 71} deals {} budgets {}
	// Alice  Jira manager           base_role_id 13 owner false projects {71} deals {90} budgets {}
	// Carl   Client Manager         base_role_id 4  owner false projects {70} deals {} budgets {80 81}
	// Cora   Contractor             base_role_id 6  owner false projects {70} deals {} budgets {}
	// budget.view is allowed
	// budget.view is denied: the budget's Client access is off
}

// prErrIs reports whether err is non-nil and, when want is non-nil, wraps
// it.
func prErrIs(err, want error) bool { return err != nil && (want == nil || errors.Is(err, want)) }
