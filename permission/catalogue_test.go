package permission_test

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/google/go-cmp/cmp"
)

var mkDotted = regexp.MustCompile(`^[a-z]+(_[a-z]+)*\.[a-z]+(_[a-z]+)*$`)

func TestCatalogueEntries(t *testing.T) {
	if len(mkAll) != permission.Count {
		t.Fatalf("All() yields %d permissions, Count is %d", len(mkAll), permission.Count)
	}
	sections := slices.Collect(permission.Sections())
	seen := map[string]permission.Permission{}
	used := map[permission.Section]bool{}
	for _, p := range mkAll {
		name := p.String()
		t.Run(name, func(t *testing.T) {
			if !p.IsValid() {
				t.Fatalf("All() yielded the invalid permission %d", uint8(p))
			}
			if !mkDotted.MatchString(name) {
				t.Errorf("name %q is not a mkDotted lower-case name", name)
			}
			if q, dup := seen[name]; dup {
				t.Errorf("name %q is used by %d and %d", name, uint8(q), uint8(p))
			}
			seen[name] = p
			if s := p.Section(); !slices.Contains(sections, s) {
				t.Errorf("Section() = %v, not one of Sections()", s)
			}
			used[p.Section()] = true
			if d := p.Description(); strings.TrimSpace(d) == "" || strings.Contains(d, "\n") {
				t.Errorf("Description() = %q, want one non-empty line", d)
			}
			if p.FreeSeat() && p.OwnerOnly() {
				t.Errorf("both FreeSeat and OwnerOnly")
			}

			if got, err := permission.Parse(name); err != nil || got != p {
				t.Errorf("Parse(%q) = %v, %v; want %v", name, got, err, p)
			}
			text, err := p.MarshalText()
			if err != nil || string(text) != name {
				t.Errorf("MarshalText() = %q, %v; want %q", text, err, name)
			}
			back := permission.BillingView
			if err := back.UnmarshalText(text); err != nil || back != p {
				t.Errorf("UnmarshalText(%q) = %v, %v; want %v", text, back, err, p)
			}
		})
	}
	for _, s := range sections {
		if !used[s] {
			t.Errorf("section %v holds no permission", s)
		}
	}
}

func TestPermissionInvalid(t *testing.T) {
	for _, p := range []permission.Permission{0, permission.Permission(permission.Count + 1), 127, 128, 200, 255} {
		t.Run(fmt.Sprint(uint8(p)), func(t *testing.T) {
			if p.IsValid() {
				t.Fatalf("IsValid() = true")
			}
			if got, want := p.String(), fmt.Sprintf("permission(%d)", uint8(p)); got != want {
				t.Errorf("String() = %q, want %q", got, want)
			}
			if text, err := p.MarshalText(); !errors.Is(err, permission.ErrUnknown) {
				t.Errorf("MarshalText() = %q, %v; want an error wrapping ErrUnknown", text, err)
			}
			if p.Section() != 0 || p.Description() != "" || p.FreeSeat() || p.OwnerOnly() || !p.Needs().IsEmpty() {
				t.Errorf("Section, Description, FreeSeat, OwnerOnly, Needs = %v, %q, %v, %v, %v; want zero values",
					p.Section(), p.Description(), p.FreeSeat(), p.OwnerOnly(), p.Needs())
			}
			// Its printed form is not a name.
			if _, err := permission.Parse(p.String()); !errors.Is(err, permission.ErrUnknown) {
				t.Errorf("Parse(%q) = %v, want an error wrapping ErrUnknown", p.String(), err)
			}
		})
	}
}

func TestPermissionUnmarshalTextError(t *testing.T) {
	for _, in := range []string{"", "invoice.manage", "Invoices.Manage", " tasks.view", "tasks.view ", "permission(1)", "tasks.view,docs.access"} {
		p := permission.DocsAccess
		err := p.UnmarshalText([]byte(in))
		if !errors.Is(err, permission.ErrUnknown) {
			t.Errorf("UnmarshalText(%q) = %v, want an error wrapping ErrUnknown", in, err)
		}
		if p != permission.DocsAccess {
			t.Errorf("UnmarshalText(%q) changed the permission to %v on error", in, p)
		}
		if q := fmt.Sprintf("%q", in); err != nil && !strings.Contains(err.Error(), q) {
			t.Errorf("error %q does not quote the input as %s", err, q)
		}
	}
}

func TestSections(t *testing.T) {
	want := []string{"Projects", "Tasks", "Docs", "Time", "Absence", "Resourcing", "Budgets", "Deals", "Invoices", "Purchase orders", "Expenses", "Contacts",
		"Reports", "Integrations", "People", "Settings", "Billing", "Organization"}
	var got []string
	for s := range permission.Sections() {
		got = append(got, s.String())
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Sections() mismatch (-want +got):\n%s", diff)
	}
	for _, s := range []permission.Section{0, permission.Section(len(want) + 1), 255} {
		if got, want := s.String(), fmt.Sprintf("section(%d)", uint8(s)); got != want {
			t.Errorf("Section(%d).String() = %q, want %q", uint8(s), got, want)
		}
	}
	n := 0
	for range permission.Sections() {
		n++
		if n == 2 {
			break
		}
	}
	if n != 2 {
		t.Errorf("Sections() yielded %d before the break, want 2", n)
	}
}

func TestPermissionOwnerOnly(t *testing.T) {
	// roles-and-permissions.txt, Owner: "access all billings", "transfer the ownership to another person",
	// "deactivate the whole organization"; DESIGN.md: no set but Owner's holds owner-only bits.
	want := []string{"billing.view", "organization.transfer_ownership", "organization.deactivate"}
	var got []string
	for _, p := range mkAll {
		if p.OwnerOnly() {
			got = append(got, p.String())
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("owner-only permissions mismatch (-want +got):\n%s", diff)
	}
}

func TestPermissionFreeSeat(t *testing.T) {
	// client-permissions.txt: "there are fewer permissions available compared to a paid seat";
	// "prevent clients from altering tasks or accessing docs"; roles-and-permissions.txt, Client: "communicate with
	// your team on tasks", "access time entries", "access to budgets and timesheets", "see your estimates on tasks".
	// Domain Q6: "Clients can see billable time entries but not worked time".
	want := []string{"projects.view", "tasks.view", "tasks.comment", "tasks.manage", "tasks.view_estimates", "docs.access", "time.view_others", "time.view_billable", "budgets.view"}
	var got []string
	for _, p := range mkAll {
		if p.FreeSeat() {
			got = append(got, p.String())
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("free-seat permissions mismatch (-want +got):\n%s", diff)
	}
}

func TestPermissionNeeds(t *testing.T) {
	// Every dependency is a valid permission other than itself, and the graph has no cycle.
	const (
		unvisited = iota
		visiting
		done
	)
	state := map[permission.Permission]int{}
	var visit func(p permission.Permission, path []permission.Permission)
	visit = func(p permission.Permission, path []permission.Permission) {
		switch state[p] {
		case visiting:
			t.Errorf("dependency cycle: %v", append(path, p))
			return
		case done:
			return
		}
		state[p] = visiting
		for q := range p.Needs().All() {
			if !q.IsValid() || q == p {
				t.Errorf("%v needs %v", p, q)
				continue
			}
			visit(q, append(path, p))
		}
		state[p] = done
	}
	for _, p := range mkAll {
		visit(p, nil)
	}

	for _, p := range mkAll {
		needs := p.Needs()
		// What a free seat or a non-owner may hold, it may hold with its dependencies.
		if p.FreeSeat() {
			for q := range needs.All() {
				if !q.FreeSeat() {
					t.Errorf("free-seat %v needs %v, which a free seat may not hold", p, q)
				}
			}
		}
		if !p.OwnerOnly() {
			for q := range needs.All() {
				if q.OwnerOnly() {
					t.Errorf("%v needs the owner-only %v", p, q)
				}
			}
		}
		// A dependency never leaves a set's closure smaller than the permission's own.
		if !needs.SubsetOf(permission.MaskOf(p).Closure()) {
			t.Errorf("Closure of %v misses its direct dependencies %v", p, needs)
		}
	}
}

func TestPermissionNeedsExamples(t *testing.T) {
	// The dependencies the seeds and DESIGN.md name outright.
	tests := []struct {
		p    permission.Permission
		need permission.Permission
		why  string
	}{
		{permission.TasksView, permission.ProjectsView, `DESIGN.md: "viewing tasks requires viewing the project"`},
		{permission.TimeApproveAll, permission.TimeApprove, "approving anyone's time includes approving as the budget's approver"},
		{permission.InvoicesManage, permission.InvoicesView, "managing invoices includes seeing them"},
		{permission.BudgetsViewProfit, permission.BudgetsViewFinancials, `Profitability Manager "has extended Manager's role"`},
		{permission.PeopleManageSalaries, permission.PeopleViewCostRates, "managing salaries includes seeing cost rates"},
		{permission.IntegrationsManageTaskManagement, permission.IntegrationsViewTaskManagement, "managing Jira includes using it"},
	}
	for _, tt := range tests {
		if !permission.MaskOf(tt.p).Closure().Has(tt.need) {
			t.Errorf("%v does not depend on %v (%s)", tt.p, tt.need, tt.why)
		}
	}
}

func TestPermissionHoldableBy(t *testing.T) {
	u := permission.Universe()
	var ownerOnly, free permission.Mask
	for _, p := range mkAll {
		if p.OwnerOnly() {
			ownerOnly = ownerOnly.With(p)
		}
		if p.FreeSeat() {
			free = free.With(p)
		}
	}
	// roles-and-permissions.txt, Contractor: "collaborate on projects", "manage tasks and task lists", "track time
	// for projects they are members of"; docs and comments are part of collaborating on a project; the bookings
	// of their own work on those projects are theirs to see.
	contractor := permission.MaskOf(permission.ProjectsView, permission.TasksView, permission.TasksComment, permission.TasksManage,
		permission.TaskListsManage, permission.DocsAccess, permission.TimeTrackOwn, permission.SchedulesViewOwn)
	tests := []struct {
		r    role.Role
		want permission.Mask
	}{
		{role.Owner, u},
		{role.Admin, u.Minus(ownerOnly)},
		{role.ProfitabilityManager, u.Minus(ownerOnly)},
		{role.Manager, u.Minus(ownerOnly)},
		{role.Coordinator, u.Minus(ownerOnly)},
		{role.Staff, u.Minus(ownerOnly)},
		{role.Client, free},
		{role.Contractor, contractor},
		{0, permission.Mask{}},
		{9, permission.Mask{}},
		{255, permission.Mask{}},
	}
	for _, tt := range tests {
		t.Run(tt.r.String(), func(t *testing.T) {
			got := permission.HoldableBy(tt.r)
			if got != tt.want {
				t.Errorf("HoldableBy(%v) mismatch (-want +got):\n%s", tt.r, cmp.Diff(mkNames(mkMembers(tt.want)), mkNames(mkMembers(got))))
			}
			// A role's holdable permissions form a closed set, so every set built from them can be valid.
			if err := got.CheckClosed(); err != nil {
				t.Errorf("HoldableBy(%v) is not closed: %v", tt.r, err)
			}
		})
	}
	if ownerOnly.Len() != 3 || free.Len() != 9 {
		t.Errorf("owner-only and free-seat counts = %d, %d; want 3, 9", ownerOnly.Len(), free.Len())
	}
}

// Seed files, for the rows below.
const (
	seedRoles       = "roles-and-permissions.txt"
	seedClients     = "client-permissions.txt"
	seedIntegration = "integration-settings.txt"
	// domainBuilder is the project's research notes (shared/domain,
	// productive-permissions.md, §2): the permission builder's own labels,
	// from Productive's help center, for rights the seeds imply but do not
	// name.
	domainBuilder = "productive-permissions.md"
	// builderToday is issue 21's list of the builder's labels today, for
	// the rights the domain notes predate.
	builderToday = "issue 21"
)

// mkSeedRights maps every right the seeds name to the permissions that carry
// it. Each quote is copied verbatim from the seed article <file> (the project's shared/seeds). hold says
// what the seed implies about who may hold them: "free" (a client set may),
// "paid" (a client set may not), "owner" (only the Owner), or "" (no claim).
var mkSeedRights = []struct {
	file  string
	quote string
	names []string
	hold  string
}{
	// integration-settings.txt: the Integrations section and the export use case.
	{seedIntegration, "Manage personal integrations", []string{"integrations.manage_personal"}, "paid"},
	{seedIntegration, "View task management integrations", []string{"integrations.view_task_management"}, "paid"},
	{seedIntegration, "Manage task management integrations", []string{"integrations.manage_task_management"}, "paid"},
	{seedIntegration, "Manage organizational integrations", []string{"integrations.manage_organizational"}, "paid"},
	{seedIntegration, "Add, edit, and delete invoices and payments", []string{"invoices.manage"}, "paid"},
	{seedIntegration, "Add, edit, and delete all expenses", []string{"expenses.manage_all"}, "paid"},

	// client-permissions.txt.
	{seedClients, "allows you to create both custom employee and custom client permissions", []string{"permission_sets.manage"}, "paid"},
	{seedClients, `choose "Edit Permissions", and assign the new permission set`, []string{"users.change_permission_set"}, "paid"},
	{seedClients, "prevent clients from altering tasks", []string{"tasks.manage"}, "free"},
	{seedClients, "accessing docs", []string{"docs.access"}, "free"},
	{seedClients, `toggle on the "Client access" option for the client to see budget details`, []string{"budgets.view"}, "free"},

	// roles-and-permissions.txt, Staff.
	{seedRoles, "Staff mainly uses Productive for time tracking, tasks, and requesting time off.", []string{"time.track_own", "tasks.manage", "time_off.request_own"}, ""},
	{seedRoles, "access projects that are a member of", []string{"projects.view"}, ""},
	{seedRoles, "manage tasks and task lists and collaborate on those projects", []string{"tasks.view", "tasks.manage", "task_lists.manage"}, ""},
	{seedRoles, "access time tracking and Resourcing, but only for themselves", []string{"time.track_own", "schedules.view_own"}, "paid"},
	{seedRoles, "access company settings", []string{"settings.manage_organization"}, "paid"},
	{seedRoles, "access any financial information", []string{"budgets.view_financials", "deals.view_financials", "invoices.view", "reports.view_financials"}, "paid"},

	// Staff with access to contacts.
	{seedRoles, "can access and manage people and companies", []string{"contacts.manage"}, "paid"},
	{seedRoles, "access Contacts (People, and Companies)", []string{"contacts.view"}, "paid"},
	{seedRoles, "access worked time", []string{"time.view_worked"}, "paid"},
	{seedRoles, "access financial information", []string{"contacts.view_financials", "budgets.view_financials"}, "paid"},
	{seedRoles, "access billable time", []string{"time.view_billable"}, ""},

	// Staff with access to time.
	{seedRoles, "access the time entries, time off, and schedules of other people", []string{"time.view_others", "time_off.view_others", "schedules.view_others"}, ""},
	{seedRoles, "access budgets and times of projects that is a member of, but only data about time (estimated and worked time)", []string{"budgets.view", "budgets.view_time"}, ""},
	{seedRoles, "access details of time entries, time off, and schedules of other people", []string{"time.view_others_details", "time_off.view_details", "schedules.view_details"}, "paid"},
	{seedRoles, "access the billable time of the projects that is a member of", []string{"time.view_billable"}, ""},

	// Coordinator.
	{seedRoles, "can manage projects and schedules without having access to any financial information", []string{"schedules.manage_bookings"}, "paid"},
	{seedRoles, "access everything project-wise and add people to projects", []string{"projects.view", "projects.manage_members"}, ""},
	{seedRoles, "access the time component of the budget", []string{"budgets.view_time"}, "paid"},
	{seedRoles, "approve time off", []string{"time_off.approve"}, "paid"},
	{seedRoles, "access Contacts and Reports", []string{"contacts.view", "reports.view"}, "paid"},
	{seedRoles, "access to financial information of the project", []string{"budgets.view_financials"}, "paid"},
	{seedRoles, "approve time entries", []string{"time.approve"}, "paid"},
	{seedRoles, "access the financial information of Contacts or Reports", []string{"contacts.view_financials", "reports.view_financials"}, "paid"},

	// Manager.
	{seedRoles, "A Manager is an employee role who can manage projects and deals.", []string{"deals.view", "deals.create"}, "paid"},
	{seedRoles, "access to all deals with relevant financial information except cost and profit", []string{"deals.view_financials"}, "paid"},
	{seedRoles, "A Manager does not have access to cost rates and general organization-level settings.", []string{"people.view_cost_rates", "settings.manage_organization"}, "paid"},
	{seedRoles, "access all and add new projects with financial information", []string{"projects.create", "budgets.view_financials"}, "paid"},
	{seedRoles, "access Reports", []string{"reports.view"}, "paid"},
	{seedRoles, "access billing and billable time", []string{"invoices.view"}, "paid"},
	{seedRoles, "access billing and billable time", []string{"time.view_billable"}, ""}, // a client sees billable time entries on shared budgets (domain Q6)
	{seedRoles, "access cost and profitability of the project", []string{"budgets.view_cost", "budgets.view_profit"}, "paid"},
	{seedRoles, "access Reports information about cost, profit, margin, and overheads", []string{"reports.view_cost_margin"}, "paid"},

	// Profitability Manager.
	{seedRoles, "That includes having access to all deals with relevant financial information.", []string{"deals.view_financials", "deals.view_profit"}, "paid"},
	{seedRoles, "access the budget's profit and revenue information", []string{"budgets.view_profit", "budgets.view_financials"}, "paid"},
	{seedRoles, "access the profit of the whole organization", []string{"reports.view_org_profit"}, "paid"},

	// Admin. "see and manage everything": every non-owner permission; the rows name the ones no other line does.
	{seedRoles, "create user accounts", []string{"users.create"}, "paid"},
	{seedRoles, "manage salaries", []string{"people.manage_salaries"}, "paid"},
	{seedRoles, "access to cost rates", []string{"people.view_cost_rates"}, "paid"},
	{seedRoles, "general organization-level settings", []string{"settings.manage_organization"}, "paid"},
	{seedRoles, "see and manage everything", []string{"time.approve_all", "permission_sets.manage", "users.change_permission_set"}, "paid"},
	{seedRoles, "buy extra seats", []string{"billing.buy_seats"}, "paid"},
	{seedRoles, "change the billing plan", []string{"billing.change_plan"}, "paid"},

	// Owner.
	{seedRoles, "access all billings", []string{"billing.view"}, "owner"},
	{seedRoles, "make an upgrade", []string{"billing.change_plan"}, "paid"},
	{seedRoles, "transfer the ownership to another person", []string{"organization.transfer_ownership"}, "owner"},
	{seedRoles, "deactivate the whole organization", []string{"organization.deactivate"}, "owner"},

	// Client.
	{seedRoles, "can communicate with your team on tasks", []string{"tasks.view", "tasks.manage"}, "free"},
	{seedRoles, "access time entries, and other info about deals", []string{"time.view_others", "budgets.view"}, "free"},
	{seedRoles, "Clients can also get access to budgets and timesheets.", []string{"budgets.view", "time.view_others"}, "free"},
	{seedRoles, "clients will never see your Worked time", []string{"time.view_worked"}, "paid"},
	{seedRoles, "will be able to see your estimates on tasks", []string{"tasks.view_estimates"}, "free"},

	// Contractor.
	{seedRoles, "collaborate on projects", []string{"projects.view", "docs.access"}, ""},
	{seedRoles, "manage tasks and task lists", []string{"tasks.manage", "task_lists.manage"}, ""},
	{seedRoles, "track time for projects they are members of", []string{"time.track_own"}, "paid"},
	{seedRoles, "can communicate with your team on tasks", []string{"tasks.comment"}, "free"},

	// Restricted and Unlimited access, as the builder's reach rights.
	{seedRoles, "With unlimited access, the Coordinator can access all projects.", []string{"projects.view_all"}, "paid"},
	{seedRoles, "With Restricted access can access all public projects, assigned deals, and private projects they are a member of.", []string{"projects.view_public", "deals.view"}, "paid"},
	{seedRoles, "With unlimited access, the Manager can access all deals and projects.", []string{"deals.view_all", "projects.view_all"}, "paid"},

	// The builder's documented labels (the domain notes, §2), for rights the
	// seeds imply: the reach rights of budgets, invoices and expenses, the
	// invoice and payment split, time approval, absence, Contacts & Clients,
	// and reports.
	{domainBuilder, "View all budgets", []string{"budgets.view_all"}, "paid"},
	{domainBuilder, "View all invoices (and payments)", []string{"invoices.view_all"}, "paid"},
	{domainBuilder, "Add, edit, and delete draft invoices", []string{"invoices.manage_drafts"}, "paid"},
	{domainBuilder, "Finalize and send invoices", []string{"invoices.finalize"}, "paid"},
	{domainBuilder, "Edit and delete finalized invoices", []string{"invoices.manage_finalized"}, "paid"},
	{domainBuilder, "View payments", []string{"payments.view"}, "paid"},
	{domainBuilder, "Add, edit, and delete payments", []string{"payments.manage"}, "paid"},
	{domainBuilder, "View and send payment reminders", []string{"payments.send_reminders"}, "paid"},
	{domainBuilder, "Add, edit, and delete Payment Reminder Templates", []string{"payments.manage_reminder_templates"}, "paid"},
	{domainBuilder, "all employees can submit expenses for approval", []string{"expenses.manage_own"}, "paid"},
	{domainBuilder, "Approve Time Entries on Budgets Where User Is a Member", []string{"time.approve_member_budgets"}, "paid"},
	{domainBuilder, "View your own absence allocations", []string{"absence.view_own_allocations"}, "paid"},
	{domainBuilder, "View all users' absence allocations", []string{"absence.view_all_allocations"}, "paid"},
	{domainBuilder, "Add, edit, and delete absence allocations, manage approvers and subscribers for absence allocation", []string{"absence.manage_allocations"}, "paid"},
	{domainBuilder, "Manage time off categories and approval settings", []string{"absence.manage_settings"}, "paid"},
	{domainBuilder, "View Contact Custom Fields", []string{"contacts.view_custom_fields"}, "paid"},
	{domainBuilder, "Edit Contact Custom Fields", []string{"contacts.edit_custom_fields"}, "paid"},
	{domainBuilder, "View Sensitive Contact Custom Fields", []string{"contacts.view_sensitive_fields"}, "paid"},
	{domainBuilder, "Add, Edit, and Delete Sensitive Contact Custom Fields", []string{"contacts.manage_sensitive_fields"}, "paid"},
	{domainBuilder, "View Clients", []string{"clients.view"}, "paid"},
	{domainBuilder, "Add, Edit, and Delete Clients", []string{"clients.manage"}, "paid"},
	{domainBuilder, "Add, Edit, and Delete Reports", []string{"reports.manage"}, "paid"},
	{domainBuilder, "View absence bookings for users in their subsidiary", []string{"time_off.view_subsidiary"}, "paid"},
	{domainBuilder, "View absence allowances for users in their subsidiary", []string{"absence.view_subsidiary_allocations"}, "paid"},
	{domainBuilder, "managers with subsidiary-scoped permissions can only see cost rates for people in their own subsidiary", []string{"people.view_cost_rates_subsidiary"}, "paid"},
	{domainBuilder, "all admins can approve requests on behalf of other approvers", []string{"time_off.approve_all"}, "paid"},
	{domainBuilder, "Copy invoices to an accounting system", []string{"invoices.copy_to_accounting"}, "paid"},
	{builderToday, "View purchase orders on budgets where user is a member", []string{"purchase_orders.view"}, "paid"},
	{builderToday, "View all purchase orders", []string{"purchase_orders.view_all"}, "paid"},
}

// TestCatalogueCoversSeeds shows every right the seeds name next to the
// permission that carries it.
func TestCatalogueCoversSeeds(t *testing.T) {
	for _, tt := range mkSeedRights {
		t.Run(tt.quote, func(t *testing.T) {
			if len(tt.names) == 0 {
				t.Fatalf("%s: %q maps to no permission", tt.file, tt.quote)
			}
			for _, name := range tt.names {
				p, err := permission.Parse(name)
				if err != nil {
					t.Errorf("%s: %q: %v", tt.file, tt.quote, err)
					continue
				}
				switch tt.hold {
				case "free":
					if !p.FreeSeat() {
						t.Errorf("%s: %q: %v is not a free-seat permission", tt.file, tt.quote, p)
					}
				case "paid":
					if p.FreeSeat() || p.OwnerOnly() {
						t.Errorf("%s: %q: %v should need a paid, non-owner seat (FreeSeat %v, OwnerOnly %v)",
							tt.file, tt.quote, p, p.FreeSeat(), p.OwnerOnly())
					}
				case "owner":
					if !p.OwnerOnly() {
						t.Errorf("%s: %q: %v is not owner-only", tt.file, tt.quote, p)
					}
				}
			}
		})
	}
}

// TestSeedsCoverCatalogue is the converse: no permission is in the catalogue
// without a seed line, or a builder label from the domain notes, that names
// it.
func TestSeedsCoverCatalogue(t *testing.T) {
	named := map[string]bool{}
	for _, row := range mkSeedRights {
		for _, n := range row.names {
			named[n] = true
		}
	}
	for _, p := range mkAll {
		if !named[p.String()] {
			t.Errorf("%v (%s) is named by no seed line or builder label in mkSeedRights", p, p.Description())
		}
	}
}
