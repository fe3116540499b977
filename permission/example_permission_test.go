package permission_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/clearance-go/clearance/permission"
)

// Each permission carries its section, a description in Productive's words,
// the permissions it depends on, and who may hold it.
func ExamplePermission() {
	for _, p := range []permission.Permission{
		permission.InvoicesManage, permission.IntegrationsManageOrganizational, permission.TasksView, permission.OrganizationDeactivate,
	} {
		fmt.Printf("%s (%s)\n  %s\n  needs %q, free seat %v, owner only %v\n", p, p.Section(), p.Description(), p.Needs(), p.FreeSeat(), p.OwnerOnly())
	}
	// Output:
	// invoices.manage (Invoices)
	//   Add, edit, and delete invoices and payments (the legacy right: holding every part of it is holding it)
	//   needs "invoices.manage_finalized,payments.manage", free seat false, owner only false
	// integrations.manage_organizational (Integrations)
	//   Manage organizational integrations: SSO, accounting and HR
	//   needs "", free seat false, owner only false
	// tasks.view (Tasks)
	//   See the tasks of projects within your reach
	//   needs "projects.view", free seat true, owner only false
	// organization.deactivate (Organization)
	//   Deactivate the whole organization
	//   needs "", free seat false, owner only true
}

func ExampleSections() {
	var names []string
	for s := range permission.Sections() {
		names = append(names, s.String())
	}
	fmt.Println(strings.Join(names, ", "))
	// Output:
	// Projects, Tasks, Docs, Time, Absence, Resourcing, Budgets, Deals, Invoices, Purchase orders, Expenses, Contacts, Reports, Integrations, People, Settings, Billing, Organization
}

func ExampleMaskFromNames() {
	m, err := permission.MaskFromNames([]string{"invoices.view", "invoices.manage"})
	fmt.Println(m, err)

	_, err = permission.MaskFromNames([]string{"invoices.view", "invoice.manage"})
	var le *permission.ListError
	fmt.Println(errors.As(err, &le), le.Index, errors.Is(err, permission.ErrUnknown))
	fmt.Println(err)

	_, err = permission.MaskFromNames([]string{"tasks.view", "tasks.view"})
	fmt.Println(errors.Is(err, permission.ErrDuplicate), err)
	// Output:
	// invoices.view,invoices.manage <nil>
	// true 1 true
	// [1]: permission: "invoice.manage": unknown permission (did you mean "invoices.manage"?)
	// true [1]: permission: "tasks.view": listed twice
}

func ExampleParseMask() {
	m, err := permission.ParseMask("tasks.view,projects.view")
	fmt.Println(m, m.Len(), err)
	fmt.Println(m.CheckClosed())

	_, err = permission.ParseMask("tasks.view, projects.view")
	var le *permission.ListError
	fmt.Println(errors.Is(err, permission.ErrUnknown), errors.As(err, &le) && le.Index == 1)
	fmt.Println(err)
	// Output:
	// projects.view,tasks.view 2 <nil>
	// <nil>
	// true true
	// [1]: permission: " projects.view": unknown permission (did you mean "projects.view"?)
}
