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
