package impact_test

import (
	"testing"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
	"github.com/clearance-go/clearance/set/impact"
)

// benchWorld is an organization of 300 people (a third of them holding the
// custom set "Accounting", the rest Staff, Managers, Coordinators and
// clients), each a member of a few of 100 projects and budgets, and 3,000
// records of every kind over them.
type benchWorld struct {
	state      impact.State
	records    []permission.Resource
	accounting set.Set
	edited     set.Set
}

func newBenchWorld(b *testing.B) benchWorld {
	b.Helper()
	staff := set.MustSystem(role.Staff, 0, 0)
	accounting, err := set.NewBuilder("Accounting", staff).Grant(permission.InvoicesView).Build(set.Ultimate)
	if err != nil {
		b.Fatal(err)
	}
	edited, err := set.NewBuilder("Accounting", staff).Grant(permission.InvoicesViewAll, permission.ExpensesManageAll).Build(set.Ultimate)
	if err != nil {
		b.Fatal(err)
	}
	pool := []set.Set{accounting, staff, set.MustSystem(role.Manager, 0, 0), set.MustSystem(role.Coordinator, 0, 0),
		accounting, set.MustSystem(role.Client, 0, set.AddonBudgets)}
	rows := []set.Person{{ID: 1, Set: set.MustSystem(role.Owner, 0, 0)}}
	memberships := map[scope.ID]impact.Memberships{}
	for i := 2; i <= 300; i++ {
		id := scope.ID(i)
		rows = append(rows, set.Person{ID: id, Set: pool[i%len(pool)]})
		memberships[id] = impact.Memberships{
			Projects: scope.NewMembers(scope.ID(i%100+1), scope.ID(i*7%100+1)),
			Budgets:  scope.NewMembers(scope.ID(i%100+1), scope.ID(i*3%100+1)),
			Deals:    scope.NewMembers(scope.ID(i%50 + 1)),
		}
	}
	org, err := set.OrgFrom(3, set.Ultimate, rows)
	if err != nil {
		b.Fatal(err)
	}
	var kinds []permission.Kind
	for k := permission.KindOrganization; k.IsValid(); k++ {
		kinds = append(kinds, k)
	}
	records := make([]permission.Resource, 3000)
	for i := range records {
		person := scope.ID(i%300 + 1)
		held, _ := org.SetOf(person)
		records[i] = permission.Resource{
			Org: 3, Kind: kinds[i%len(kinds)], ID: scope.ID(i + 1),
			Project: scope.ID(i%100 + 1), Visibility: scope.Visibility(i%2 + 1), Budget: scope.ID(i%100 + 1), Deal: scope.ID(i%50 + 1),
			ClientAccess: i%3 == 0, Person: person, PersonRole: held.Role(), PersonPermissions: held.Permissions(),
			Approver: scope.ID(i%300 + 2), ApprovalRequired: i%2 == 0,
		}
	}
	return benchWorld{impact.State{Org: org, Memberships: memberships}, records, accounting, edited}
}

// BenchmarkOf measures a report over 300 people and 3,000 records for a
// change of each form: an edit reaching the 100 holders of a custom set,
// one person's set replaced (which changes what others may do to them), a
// membership added. "Authorize per triple" is the reference's way, every
// (person, action, record) decided twice, for the edit.
func BenchmarkOf(b *testing.B) {
	w := newBenchWorld(b)
	changes := []impact.Change{
		impact.Edit(w.accounting, w.edited),
		impact.Assign(3, set.MustSystem(role.Manager, 0, 0)),
		impact.Join(7, impact.Project, 42),
	}
	for _, c := range changes {
		b.Run(c.String(), func(b *testing.B) {
			b.ReportAllocs()
			var people int
			for range b.N {
				r, err := impact.Of(w.state, c, w.records)
				if err != nil {
					b.Fatal(err)
				}
				people = len(r.People)
			}
			b.ReportMetric(float64(people), "people/report")
		})
	}
	b.Run("Authorize per triple", func(b *testing.B) {
		after, err := changes[0].Apply(w.state)
		if err != nil {
			b.Fatal(err)
		}
		var actions []permission.Action
		for a := range permission.Actions() {
			actions = append(actions, a)
		}
		for range b.N {
			n := 0
			for id := range w.state.Org.People() {
				sb, _ := w.state.Subject(id)
				sa, _ := after.Subject(id)
				for i := range w.records {
					for _, a := range actions {
						if permission.Authorize(sb, a, w.records[i]).Allowed() != permission.Authorize(sa, a, w.records[i]).Allowed() {
							n++
						}
					}
				}
			}
			if n == 0 {
				b.Fatal("no difference")
			}
		}
	})
}
