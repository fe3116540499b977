package set_test

import (
	"fmt"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// The integration-settings article's use case: one admin sets up the
// accounting integration, while a member of the accounting team, who holds
// "Add, edit, and delete invoices and payments" and "Add, edit, and delete
// all expenses" but no integration permission, handles the exports. Built on
// Staff, the set reaches every invoice through the builder's "View all
// invoices", and every expense through "all expenses", whatever projects the
// clerk is a member of.
func Example_accounting() {
	accounting, err := set.NewBuilder("Accounting", set.MustSystem(role.Staff, 0, 0)).
		Grant(permission.InvoicesViewAll, permission.InvoicesManage, permission.ExpensesManageAll).
		Build(set.Ultimate)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(accounting, "grants", set.Diff(set.BaseOf(accounting), accounting).Grant)

	clerk := accounting.Subject(1, 42)
	invoice := permission.Resource{Org: 1, Kind: permission.KindInvoice, Project: 7, Visibility: scope.Private, Budget: 70}
	expense := permission.Resource{Org: 1, Kind: permission.KindExpense, Person: 43, Project: 8, Visibility: scope.Public, Budget: 80}
	org := permission.Resource{Org: 1, Kind: permission.KindOrganization}

	fmt.Println(permission.Authorize(clerk, permission.ExportInvoice, invoice))
	fmt.Println(permission.Authorize(clerk, permission.ExportExpense, expense))
	fmt.Println(permission.Authorize(clerk, permission.ConnectAccounting, org))

	admin := set.MustSystem(role.Admin, 0, 0).Subject(1, 1)
	fmt.Println(permission.Authorize(admin, permission.ConnectAccounting, org))
	// Output:
	// Accounting grants invoices.view,invoices.view_all,invoices.manage_drafts,invoices.finalize,invoices.manage_finalized,payments.view,payments.manage,invoices.manage,expenses.manage_all
	// invoice.export is allowed
	// expense.export is allowed
	// integration.connect_accounting is denied: a required permission is missing (integrations.manage_organizational)
	// integration.connect_accounting is allowed
}
