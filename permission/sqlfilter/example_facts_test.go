package sqlfilter_test

import (
	"fmt"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/permission/sqlfilter"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// driverRow stands in for the *sql.Row of db.QueryRowContext: the values a
// PostgreSQL driver gives for the statement's columns.
type driverRow []any

func (r driverRow) Scan(dest ...any) error {
	for i := range dest {
		*dest[i].(*any) = r[i]
	}
	return nil
}

// A host loads one invoice's facts by its key, with the joins of its
// listing query, and decides on it with Authorize: the statement, its
// arguments and the reading of the row all come from the schema that the
// listing filters use.
func ExampleRenderer_Facts() {
	s := agency(sqlfilter.PostgreSQL) // see the Renderer.Render example
	inv := s.Kinds[permission.KindInvoice]
	inv.ID = sqlfilter.Column{Table: "i", Name: "id"}
	s.Kinds[permission.KindInvoice] = inv
	r, err := sqlfilter.New(s)
	if err != nil {
		panic(err)
	}
	q, err := r.Facts(permission.KindInvoice)
	if err != nil {
		panic(err)
	}
	fmt.Println(q.Statement(`invoices i
	JOIN projects p ON p.org_id = i.org_id AND p.id = i.project_id
	JOIN budgets b ON b.org_id = i.org_id AND b.id = i.budget_id`))
	args, err := q.Args(7, 1001)
	if err != nil {
		panic(err)
	}
	fmt.Println(args)

	// row := db.QueryRowContext(ctx, statement, args...)
	row := driverRow{int64(7), int64(3), "private", int64(30), false, nil, nil, int64(1001)}
	invoice, err := q.Scan(row)
	if err != nil {
		panic(err) // sql.ErrNoRows, wrapped, for an invoice that does not exist
	}
	fmt.Println(invoice.Org, invoice.ID, invoice.Project, invoice.Visibility, invoice.Budget)
	manager := set.MustSystem(role.Manager, scope.Restricted, 0).Subject(7, 42) // no memberships
	fmt.Println(permission.Authorize(manager, permission.ViewInvoice, invoice))
	// Output:
	// SELECT "i"."org_id", "i"."project_id", "p"."visibility", "i"."budget_id", "b"."client_access", "i"."person_id", "b"."approver_id", "i"."id" FROM invoices i
	// 	JOIN projects p ON p.org_id = i.org_id AND p.id = i.project_id
	// 	JOIN budgets b ON b.org_id = i.org_id AND b.id = i.budget_id WHERE ("i"."org_id" = $1 AND "i"."id" = $2)
	// [7 1001]
	// 7 1001 3 private 30
	// invoice.view is denied: the record is not within reach: not a member (invoices.view_all would reach it)
}
