// Package clearance_test holds the README's code: each fenced Go block of
// README.md is in the body of one Example here, so go test compiles and
// runs it, and readme_test.go checks the README's text against these
// bodies and their outputs.
package clearance_test

import (
	"database/sql"
	"fmt"
	"log"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/permission/sqlfilter"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
	"github.com/clearance-go/clearance/set/impact"
)

// The README's Quick start, the body of its main function.
func Example_quickStart() {
	const org = 1                                                // the organization: every subject and record carries it
	manager := set.MustSystem(role.Manager, scope.Restricted, 0) // "Manager with restricted access"
	subject := manager.Subject(org, 42)                          // role and permissions from the set
	subject.Projects = scope.NewMembers(7)                       // the projects person 42 is a member of

	budget := permission.Resource{Org: org, Kind: permission.KindBudget, Project: 9, Visibility: scope.Private, Budget: 90}
	d := permission.Authorize(subject, permission.ViewBudgetRevenue, budget)
	fmt.Println(d.Allowed(), d.Reason(), d.Missing()) // false not_in_reach budgets.view_all
	fmt.Println(d)                                    // budget.view_revenue is denied: the record is not within reach: not a member (budgets.view_all would reach it)

	// Output:
	// false not_in_reach budgets.view_all
	// budget.view_revenue is denied: the record is not within reach: not a member (budgets.view_all would reach it)
}

// The README's custom set: the integration article's accountant, who
// exports every invoice and expense but cannot connect the accounting tool.
func Example_customSet() {
	accounting, err := set.NewBuilder("Accounting", set.MustSystem(role.Staff, 0, 0)).
		Grant(permission.InvoicesViewAll, permission.InvoicesManage, permission.ExpensesManageAll).
		Build(set.Ultimate)

	if err != nil {
		fmt.Println(err)
		return
	}
	accountant := accounting.Subject(1, 5) // no memberships
	invoice := permission.Resource{Org: 1, Kind: permission.KindInvoice, Project: 3, Visibility: scope.Private, Budget: 30}
	fmt.Println(permission.Authorize(accountant, permission.ExportInvoice, invoice).Allowed())
	fmt.Println(permission.Authorize(accountant, permission.ConnectAccounting, permission.Resource{Org: 1, Kind: permission.KindOrganization}).Missing())
	// Output:
	// true
	// integrations.manage_organizational
}

// The README's Explain loop.
func Example_explain() {
	client := set.MustSystem(role.Client, 0, 0).Subject(1, 9)
	client.Plan = set.Professional
	budget := permission.Resource{Org: 1, Kind: permission.KindBudget, Project: 7, Visibility: scope.Private, Budget: 70}

	e := permission.Explain(client, permission.ViewBudget, budget)
	for f := range e.Failures() {
		switch {
		case f.Holdable:
			fmt.Printf("%-18v grant %v\n", f.Reason, f.Permissions)
		case !f.Members.IsEmpty():
			fmt.Printf("%-18v add a membership (%v)\n", f.Reason, f.Members)
		default:
			fmt.Printf("%-18v no grant or membership passes it\n", f.Reason)
		}
	}
	// Prints, for a client without the budgets add-on, not invited, on a budget whose Client access is off:
	// missing_permission grant budgets.view
	// not_in_reach       add a membership (project_is_shared)
	// budget_not_shared  add a membership (budget_is_shared)
	// client_access_off  no grant or membership passes it

	// Output:
	// missing_permission grant budgets.view
	// not_in_reach       add a membership (project_is_shared)
	// budget_not_shared  add a membership (budget_is_shared)
	// client_access_off  no grant or membership passes it
}

// database stands in for a *sql.DB: Query lists nothing, and QueryRow
// prints the statement it would run and answers with an invoice's row as a
// PostgreSQL driver gives it.
type database struct{}

func (database) Query(query string, args ...any) (*sql.Rows, error) { return nil, nil }

func (database) QueryRow(query string, args ...any) invoiceRow {
	fmt.Println(query)
	fmt.Println("-- args:", args)
	return invoiceRow{}
}

// invoiceRow is invoice 1001 of organization 7: project 3 (private), budget
// 30 (no Client access), no person, no approver.
type invoiceRow struct{}

func (invoiceRow) Scan(dest ...any) error {
	vals := []any{int64(7), int64(3), "private", int64(30), false, nil, nil, int64(1001)}
	if len(dest) != len(vals) {
		return fmt.Errorf("%d columns, want %d", len(dest), len(vals))
	}
	for i, v := range vals {
		*dest[i].(*any) = v
	}
	return nil
}

// The README's listing with sqlfilter, for a restricted Manager: it prints
// the fragment and arguments the README shows after it.
func Example_sqlfilter() {
	subject := set.MustSystem(role.Manager, scope.Restricted, 0).Subject(7, 42)
	var db database

	onBudget := sqlfilter.Facts{
		Org:          sqlfilter.Column{Table: "i", Name: "org_id"},
		ID:           sqlfilter.Column{Table: "i", Name: "id"},
		Project:      sqlfilter.Column{Table: "i", Name: "project_id"},
		Visibility:   sqlfilter.Column{Table: "p", Name: "visibility"}, // joined in
		Budget:       sqlfilter.Column{Table: "i", Name: "budget_id"},
		ClientAccess: sqlfilter.Column{Table: "b", Name: "client_access"},
		Person:       sqlfilter.Column{Table: "i", Name: "person_id"},
		Approver:     sqlfilter.Column{Table: "b", Name: "approver_id"},
	}
	members := func(kind string) sqlfilter.MemberTable {
		return sqlfilter.MemberTable{Table: "memberships", Org: "org_id", Person: "person_id",
			Target: "target_id", Type: "target_type", TypeValue: kind}
	}
	r, err := sqlfilter.New(sqlfilter.Schema{
		Dialect:  sqlfilter.PostgreSQL,
		Kinds:    map[permission.Kind]sqlfilter.Facts{permission.KindInvoice: onBudget},
		Projects: members("project"), Deals: members("deal"), Budgets: members("budget"),
	})
	// per request:
	where, args, err := r.Render(permission.List(subject, permission.ViewInvoice),
		sqlfilter.Options{Form: sqlfilter.Exists}) // Offset: n if $1..$n are taken
	rows, err := db.Query(`SELECT i.id, i.number FROM invoices i
	JOIN projects p ON p.org_id = i.org_id AND p.id = i.project_id
	JOIN budgets b ON b.org_id = i.org_id AND b.id = i.budget_id
	WHERE `+where+` ORDER BY i.id LIMIT 50`, args...)

	if err != nil {
		fmt.Println(err)
		return
	}
	_ = rows
	fmt.Println(where)
	fmt.Println("-- args:", args)
	// Output:
	// ("i"."org_id" = $1 AND (EXISTS (SELECT 1 FROM "memberships" AS "sqlfilter_m" WHERE "sqlfilter_m"."target_id" = "i"."project_id" AND "sqlfilter_m"."person_id" = $2 AND "sqlfilter_m"."target_type" = $3 AND "sqlfilter_m"."org_id" = $4) OR ("i"."budget_id" <> $5 AND EXISTS (SELECT 1 FROM "memberships" AS "sqlfilter_m" WHERE "sqlfilter_m"."target_id" = "i"."budget_id" AND "sqlfilter_m"."person_id" = $6 AND "sqlfilter_m"."target_type" = $7 AND "sqlfilter_m"."org_id" = $8))))
	// -- args: [7 42 project 7 0 42 budget 7]
}

// The README's loading of one record's facts, after its listing schema: the
// statement the database runs, and a decision on what it returns.
func Example_sqlfilterFacts() {
	subject := set.MustSystem(role.Manager, scope.Restricted, 0).Subject(7, 42)
	invoiceID := scope.ID(1001)
	var db database

	onBudget := sqlfilter.Facts{
		Org:          sqlfilter.Column{Table: "i", Name: "org_id"},
		ID:           sqlfilter.Column{Table: "i", Name: "id"},
		Project:      sqlfilter.Column{Table: "i", Name: "project_id"},
		Visibility:   sqlfilter.Column{Table: "p", Name: "visibility"}, // joined in
		Budget:       sqlfilter.Column{Table: "i", Name: "budget_id"},
		ClientAccess: sqlfilter.Column{Table: "b", Name: "client_access"},
		Person:       sqlfilter.Column{Table: "i", Name: "person_id"},
		Approver:     sqlfilter.Column{Table: "b", Name: "approver_id"},
	}
	members := func(kind string) sqlfilter.MemberTable {
		return sqlfilter.MemberTable{Table: "memberships", Org: "org_id", Person: "person_id",
			Target: "target_id", Type: "target_type", TypeValue: kind}
	}
	r, err := sqlfilter.New(sqlfilter.Schema{
		Dialect:  sqlfilter.PostgreSQL,
		Kinds:    map[permission.Kind]sqlfilter.Facts{permission.KindInvoice: onBudget},
		Projects: members("project"), Deals: members("deal"), Budgets: members("budget"),
	})
	if err != nil {
		fmt.Println(err)
		return
	}

	facts, err := r.Facts(permission.KindInvoice) // once per kind
	key, err := facts.Args(subject.Org, invoiceID)
	invoice, err := facts.Scan(db.QueryRow(facts.Statement(`invoices i
	JOIN projects p ON p.org_id = i.org_id AND p.id = i.project_id
	JOIN budgets b ON b.org_id = i.org_id AND b.id = i.budget_id`), key...))
	d := permission.Authorize(subject, permission.ViewInvoice, invoice)

	if err != nil {
		fmt.Println(err)
		return
	}
	if d.Allowed() || d.Reason() != permission.NotInReach || invoice.Project != 3 || invoice.Visibility != scope.Private {
		fmt.Println("unexpected:", d, invoice)
	}
	// Output:
	// SELECT "i"."org_id", "i"."project_id", "p"."visibility", "i"."budget_id", "b"."client_access", "i"."person_id", "b"."approver_id", "i"."id" FROM invoices i
	// 	JOIN projects p ON p.org_id = i.org_id AND p.id = i.project_id
	// 	JOIN budgets b ON b.org_id = i.org_id AND b.id = i.budget_id WHERE ("i"."org_id" = $1 AND "i"."id" = $2)
	// -- args: [7 1001]
}

// The README's Directory, in a request handler that returns an error.
func Example_directory() {
	admin, _ := permission.Prepare(set.MustSystem(role.Admin, 0, 0).Subject(1, 7))
	principals := []*permission.Principal{admin}
	personID := scope.ID(7)
	record := permission.Resource{Org: 1, Kind: permission.KindBudget, Project: 3, Visibility: scope.Private, Budget: 30}
	handle := func() error {
		people, err := permission.NewDirectory(principals...) // once, and on every change
		if err != nil {
			return err // names the principal at fault; nothing was built
		}
		// per request:
		d := people.Lookup(personID).Authorize(permission.ViewBudget, &record)

		fmt.Println(d)
		return nil
	}
	if err := handle(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// budget.view is allowed
}

// The README's public project: shared with the "Employees" group, which
// Staff reach only by joining.
func Example_publicProject() {
	public := permission.Resource{Org: 1, Kind: permission.KindProject, Project: 5, Visibility: scope.Public}
	staff := set.MustSystem(role.Staff, 0, 0).Subject(1, 9) // a member of no project
	coordinator := set.MustSystem(role.Coordinator, scope.Restricted, 0).Subject(1, 8)
	fmt.Println(permission.Authorize(staff, permission.ViewProject, public).Reason())       // not_in_reach
	fmt.Println(permission.Authorize(staff, permission.JoinProject, public).Reason())       // granted
	fmt.Println(permission.Authorize(coordinator, permission.ViewProject, public).Reason()) // granted

	// Output:
	// not_in_reach
	// granted
	// granted
}

// The README's "Change impact": an organization with its Owner (1), two
// people holding the custom set "Accounting" (2, a member of project 10,
// and 3), a Staff member (4), and two invoices, one on project 10.
func Example_changeImpact() {
	staff := set.MustSystem(role.Staff, 0, 0)
	accounting, err := set.NewBuilder("Accounting", staff).Grant(permission.InvoicesView).Build(set.Ultimate)
	if err != nil {
		log.Fatal(err)
	}
	org, err := set.OrgFrom(1, set.Ultimate, []set.Person{
		{ID: 1, Set: set.MustSystem(role.Owner, 0, 0)},
		{ID: 2, Set: accounting},
		{ID: 3, Set: accounting},
		{ID: 4, Set: staff},
	})
	if err != nil {
		log.Fatal(err)
	}
	state := impact.State{Org: org, Memberships: map[scope.ID]impact.Memberships{2: {Projects: scope.NewMembers(10)}}}
	invoices := []permission.Resource{
		{Org: 1, Kind: permission.KindInvoice, ID: 501, Project: 10, Visibility: scope.Private, Budget: 20},
		{Org: 1, Kind: permission.KindInvoice, ID: 502, Project: 11, Visibility: scope.Public, Budget: 21},
	}

	// Granting "View all invoices" to the custom set "Accounting", held by people 2 and 3.
	viewAll, err := set.NewBuilder("Accounting", staff).Grant(permission.InvoicesView, permission.InvoicesViewAll).Build(set.Ultimate)
	if err != nil {
		log.Fatal(err)
	}
	report, err := impact.Of(state, impact.Edit(accounting, viewAll), invoices)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(report)
	// Prints:
	// person 2: Accounting (edited)
	//   record 1, invoice 502: +invoice.view
	// person 3: Accounting (edited)
	//   record 0, invoice 501: +invoice.view
	//   record 1, invoice 502: +invoice.view

	// Output:
	// person 2: Accounting (edited)
	//   record 1, invoice 502: +invoice.view
	// person 3: Accounting (edited)
	//   record 0, invoice 501: +invoice.view
	//   record 1, invoice 502: +invoice.view
}
