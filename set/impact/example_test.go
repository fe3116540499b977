package impact_test

import (
	"fmt"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
	"github.com/clearance-go/clearance/set/impact"
)

// The organization of the examples: its Owner (1), two accountants holding
// the custom set "Accounting" (2 and 3), a Staff member (4), and two
// invoices: one on a project the accountant 2 is a member of, one not.
const exampleOrg scope.ID = 1

var (
	staff      = set.MustSystem(role.Staff, 0, 0)
	accounting = mustBuild(set.NewBuilder("Accounting", staff).Grant(permission.InvoicesView))
	invoices   = []permission.Resource{
		{Org: exampleOrg, Kind: permission.KindInvoice, ID: 501, Project: 10, Visibility: scope.Private, Budget: 20},
		{Org: exampleOrg, Kind: permission.KindInvoice, ID: 502, Project: 11, Visibility: scope.Public, Budget: 21},
	}
)

func mustBuild(b *set.Builder) set.Set {
	s, err := b.Build(set.Ultimate)
	if err != nil {
		panic(err)
	}
	return s
}

func exampleState() impact.State {
	org, err := set.OrgFrom(exampleOrg, set.Ultimate, []set.Person{
		{ID: 1, Set: set.MustSystem(role.Owner, 0, 0)},
		{ID: 2, Set: accounting},
		{ID: 3, Set: accounting},
		{ID: 4, Set: staff},
	})
	if err != nil {
		panic(err)
	}
	return impact.State{Org: org, Memberships: map[scope.ID]impact.Memberships{
		2: {Projects: scope.NewMembers(10)},
	}}
}

// Editing a custom set changes what everyone holding it may do. Granting
// "View all invoices" to Accounting lets both accountants see every invoice:
// accountant 2 saw the invoice of their own project already, and gains the
// other; accountant 3, a member of no project, gains both. The Staff member
// and the Owner are not in the report: nothing changes for them.
func ExampleOf() {
	viewAll := mustBuild(set.NewBuilder("Accounting", staff).Grant(permission.InvoicesView, permission.InvoicesViewAll))
	report, err := impact.Of(exampleState(), impact.Edit(accounting, viewAll), invoices)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(report)
	// Output:
	// person 2: Accounting (edited)
	//   record 1, invoice 502: +invoice.view
	// person 3: Accounting (edited)
	//   record 0, invoice 501: +invoice.view
	//   record 1, invoice 502: +invoice.view
}

// By kind, a report says what a person's set allows at best, on the most
// favourable record of each kind: replacing the Staff member's set by
// Accounting lets them view invoices (of budgets they are a member of), and
// no invoice of the list yet, as they are a member of neither project.
// Joining project 11 then gains them its invoice.
func ExampleOf_assignThenJoin() {
	before := exampleState()
	assign := impact.Assign(4, accounting)
	report, err := impact.Of(before, assign, invoices)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(report)

	after, _ := assign.Apply(before)
	report, _ = impact.Of(after, impact.Join(4, impact.Project, 11), invoices)
	fmt.Print(report)
	// Output:
	// person 4: Staff -> Accounting
	//   any invoice: +invoice.view
	// person 4: Accounting
	//   record 1, invoice 502: +invoice.view
}

// A report is data: walk it to notify people, or to ask for a second
// approval when a change takes something away.
func ExampleReport() {
	report, _ := impact.Of(exampleState(), impact.Leave(2, impact.Project, 10), invoices)
	for _, p := range report.People {
		for _, r := range p.Records {
			for a := range r.Lost.All() {
				fmt.Printf("person %d loses %v on invoice %d\n", p.ID, a, r.Record.ID)
			}
		}
	}
	// Output:
	// person 2 loses invoice.view on invoice 501
}

// Between compares any two states of one organization: here, one with a
// person more, who gains all they may do.
func ExampleBetween() {
	before := exampleState()
	var rows []set.Person
	for id, s := range before.Org.People() {
		rows = append(rows, set.Person{ID: id, Set: s})
	}
	rows = append(rows, set.Person{ID: 5, Set: accounting})
	org, _ := set.OrgFrom(exampleOrg, set.Ultimate, rows)
	after := impact.State{Org: org, Memberships: map[scope.ID]impact.Memberships{5: {Budgets: scope.NewMembers(21)}}}

	report, _ := impact.Between(before, after, invoices[1:])
	for _, p := range report.People {
		fmt.Printf("person %d: %q -> %q\n", p.ID, p.Before, p.After)
		for _, r := range p.Records {
			fmt.Printf("  invoice %d: %v\n", r.Record.ID, r.Delta)
		}
	}
	// Output:
	// person 5: "" -> "Accounting"
	//   invoice 502: +invoice.view
}
