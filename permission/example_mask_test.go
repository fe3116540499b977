package permission_test

import (
	"fmt"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
)

func ExampleParse() {
	p, err := permission.Parse("invoices.manage")
	fmt.Println(p, p.Section(), err)

	_, err = permission.Parse("invoice.manage")
	fmt.Println(err)
	// Output:
	// invoices.manage Invoices <nil>
	// permission: "invoice.manage": unknown permission (did you mean "invoices.manage"?)
}

func ExampleMask() {
	tasks := permission.MaskOf(permission.TasksView, permission.TasksManage)
	docs := permission.MaskOf(permission.ProjectsView, permission.DocsAccess)
	m := tasks.Union(docs)

	fmt.Println(m.Len(), m.Has(permission.DocsAccess), m.SubsetOf(permission.HoldableBy(role.Client)))
	for p := range m.All() {
		fmt.Printf("%-14s %s\n", p, p.Section())
	}
	fmt.Println(m.Minus(tasks))
	// Output:
	// 4 true true
	// projects.view  Projects
	// tasks.view     Tasks
	// tasks.manage   Tasks
	// docs.access    Docs
	// projects.view,docs.access
}

func ExampleMask_Closure() {
	// Granting approval of everyone's time brings in what it depends on.
	granted := permission.MaskOf(permission.TimeApproveAll).Closure()
	fmt.Println(granted)
	fmt.Println(granted.CheckClosed())

	// Revoking a dependency revokes what needs it.
	revoked := granted.Without(permission.TimeViewOthers)
	fmt.Println(revoked.CheckClosed())
	fmt.Printf("%q\n", revoked.Prune())
	// Output:
	// time.view_others,time.approve,time.approve_member_budgets,time.approve_all
	// <nil>
	// permission: time.approve needs time.view_others: permission held without a permission it depends on
	// ""
}

// Productive split the legacy "Add, edit, and delete invoices and payments"
// into parts; a set holding every part holds the legacy right, which
// exports invoices as "Copy invoices to an accounting system" does.
func ExampleMask_Implied() {
	parts := permission.MaskOf(permission.InvoicesManageFinalized, permission.PaymentsManage).Closure()
	fmt.Println(parts.Has(permission.InvoicesManage), parts.Implied().Has(permission.InvoicesManage))
	fmt.Println(parts.Implied().Has(permission.InvoicesCopyToAccounting))
	fmt.Println(permission.MaskOf(permission.InvoicesManageDrafts).Closure().Implied().Has(permission.InvoicesManage))
	// Output:
	// false true
	// true
	// false
}

// A client sees budgets, their time entries and estimates only on the
// Professional plan or higher; the plans are ordered.
func ExamplePlan_AtLeast() {
	for _, p := range []permission.Plan{0, permission.Essential, permission.Professional, permission.Enterprise} {
		fmt.Println(p, p.AtLeast(permission.ClientBudgetsPlan))
	}
	// Output:
	// plan(0) false
	// essential false
	// professional true
	// enterprise true
}
