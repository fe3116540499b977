package set_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// testOrg is the organization of the subjects and organizations of these
// tests.
const testOrg scope.ID = 1

// The system sets under test, by the names the roles article gives them.
var (
	stStaff             = set.MustSystem(role.Staff, 0, 0)
	stStaffContacts     = set.MustSystem(role.Staff, 0, set.AddonContacts)
	stStaffTime         = set.MustSystem(role.Staff, 0, set.AddonTime)
	stStaffContactsTime = set.MustSystem(role.Staff, 0, set.AddonContacts|set.AddonTime)
	stCoordinator       = set.MustSystem(role.Coordinator, 0, 0)
	stCoordinatorR      = set.MustSystem(role.Coordinator, scope.Restricted, 0)
	stManager           = set.MustSystem(role.Manager, 0, 0)
	stManagerR          = set.MustSystem(role.Manager, scope.Restricted, 0)
	stPM                = set.MustSystem(role.ProfitabilityManager, 0, 0)
	stPMR               = set.MustSystem(role.ProfitabilityManager, scope.Restricted, 0)
	stAdmin             = set.MustSystem(role.Admin, 0, 0)
	stOwner             = set.MustSystem(role.Owner, 0, 0)
	stClient            = set.MustSystem(role.Client, 0, 0)
	stClientBudgets     = set.MustSystem(role.Client, 0, set.AddonBudgets)
	stContractor        = set.MustSystem(role.Contractor, 0, 0)
)

// stFinancial is "financial information" in the roles article's sense: every
// catalogue permission whose description is about money (prices, revenue,
// billable time, invoicing, expenses, cost, profit, salaries, billing).
var stFinancial = permission.MaskOf(
	permission.TimeViewBillable,
	permission.BudgetsViewFinancials, permission.BudgetsViewProfit, permission.BudgetsViewCost,
	permission.DealsViewFinancials, permission.DealsViewProfit,
	permission.InvoicesView, permission.InvoicesManage, permission.InvoicesCopyToAccounting, permission.ExpensesManageAll,
	permission.PurchaseOrdersView,
	permission.ContactsViewFinancials,
	permission.ReportsViewFinancials, permission.ReportsViewOrgProfit, permission.ReportsViewCostMargin,
	permission.PeopleManageSalaries, permission.PeopleViewCostRatesSubsidiary, permission.PeopleViewCostRates,
	permission.BillingBuySeats, permission.BillingChangePlan, permission.BillingView,
)

// stOwnerOnly are the permissions the Owner alone holds: "access all
// billings", "transfer the ownership", "deactivate the whole organization".
var stOwnerOnly = permission.MaskOf(permission.BillingView, permission.OrganizationTransferOwnership, permission.OrganizationDeactivate)

// stSeedRule is one sentence of the roles article applied to the system sets
// it speaks about: the sets must hold every permission of has and none of
// lacks, and the sets the sentence contrasts them with (not) none of has.
type stSeedRule struct {
	sentence string // quoted verbatim from roles-and-permissions.txt
	sets     []set.Set
	has      permission.Mask
	lacks    permission.Mask
	not      []set.Set
}

func stCheckSeedRules(t *testing.T, rules []stSeedRule) {
	t.Helper()
	for _, rule := range rules {
		t.Run(rule.sentence, func(t *testing.T) {
			if len(rule.sets) == 0 || rule.has.IsEmpty() && rule.lacks.IsEmpty() {
				t.Fatal("rule checks nothing")
			}
			for _, s := range rule.sets {
				if missing := rule.has.Minus(s.Permissions()); !missing.IsEmpty() {
					t.Errorf("%q lacks %v", s.Name(), missing)
				}
				if extra := rule.lacks.Intersect(s.Permissions()); !extra.IsEmpty() {
					t.Errorf("%q holds %v", s.Name(), extra)
				}
			}
			for _, s := range rule.not {
				if extra := rule.has.Intersect(s.Permissions()); !extra.IsEmpty() {
					t.Errorf("%q holds %v, which the sentence gives only to %q", s.Name(), extra, rule.sets[0].Name())
				}
			}
		})
	}
}

func stM(ps ...permission.Permission) permission.Mask { return permission.MaskOf(ps...) }

func TestSystemStaffSeedRules(t *testing.T) {
	staffs := []set.Set{stStaff, stStaffContacts, stStaffTime, stStaffContactsTime}
	stCheckSeedRules(t, []stSeedRule{
		{
			sentence: "Staff mainly uses Productive for time tracking, tasks, and requesting time off.",
			sets:     staffs,
			has:      stM(permission.TimeTrackOwn, permission.TasksView, permission.TasksManage, permission.TimeOffRequestOwn),
		},
		{
			sentence: "access projects that are a member of,",
			sets:     staffs,
			has:      stM(permission.ProjectsView),
			lacks:    stM(permission.ProjectsCreate, permission.ProjectsManageMembers),
		},
		{
			sentence: "manage tasks and task lists and collaborate on those projects,",
			sets:     staffs,
			has:      stM(permission.TasksView, permission.TasksManage, permission.TaskListsManage, permission.DocsAccess),
		},
		{
			sentence: "access time tracking and Resourcing, but only for themselves.",
			sets:     []set.Set{stStaff, stStaffContacts},
			has:      stM(permission.TimeTrackOwn, permission.SchedulesViewOwn),
			lacks: stM(permission.TimeViewOthers, permission.TimeViewOthersDetails, permission.TimeOffViewOthers,
				permission.SchedulesViewOthers, permission.SchedulesManageBookings, permission.TimeOffApprove, permission.TimeApprove),
		},
		{
			sentence: "access company settings, or",
			sets:     staffs,
			lacks: stM(permission.SettingsManageOrganization, permission.PermissionSetsManage, permission.IntegrationsManageOrganizational,
				permission.UsersCreate, permission.UsersChangePermissionSet),
		},
		{
			sentence: "access any financial information.",
			sets:     staffs,
			lacks:    stFinancial,
		},
	})
}

func TestSystemStaffWithContactsSeedRules(t *testing.T) {
	withContacts := []set.Set{stStaffContacts, stStaffContactsTime}
	stCheckSeedRules(t, []stSeedRule{
		{
			sentence: "Staff with access to contacts is an employee role that can access and manage people and companies.",
			sets:     withContacts,
			has:      stM(permission.ContactsView, permission.ContactsManage),
			not:      []set.Set{stStaff, stStaffTime},
		},
		{
			sentence: "access Contacts (People, and Companies),",
			sets:     withContacts,
			has:      stM(permission.ContactsView),
		},
		{
			sentence: "access worked time.",
			sets:     withContacts,
			has:      stM(permission.TimeViewWorked),
		},
		{
			sentence: "access financial information,",
			sets:     withContacts,
			lacks:    stFinancial.Union(stM(permission.BudgetsViewFinancials, permission.ContactsViewFinancials)),
		},
		{
			sentence: "access billable time.",
			sets:     withContacts,
			lacks:    stM(permission.TimeViewBillable),
		},
	})
}

func TestSystemStaffWithTimeSeedRules(t *testing.T) {
	withTime := []set.Set{stStaffTime, stStaffContactsTime}
	stCheckSeedRules(t, []stSeedRule{
		{
			sentence: "Staff with access to time is an employee role that can access other people worked hours and estimates on projects.",
			sets:     withTime,
			has:      stM(permission.TimeViewOthers, permission.TasksViewEstimates),
		},
		{
			sentence: "access the time entries, time off, and schedules of other people,",
			sets:     withTime,
			has:      stM(permission.TimeViewOthers, permission.TimeOffViewOthers, permission.SchedulesViewOthers),
			not:      []set.Set{stStaff, stStaffContacts},
		},
		{
			sentence: "access budgets and times of projects that is a member of, but only data about time (estimated and worked time).",
			sets:     withTime,
			has:      stM(permission.BudgetsView, permission.BudgetsViewTime, permission.TimeViewWorked, permission.TasksViewEstimates),
			lacks:    stM(permission.BudgetsViewFinancials, permission.BudgetsViewProfit, permission.BudgetsViewCost),
		},
		{
			sentence: "access details of time entries, time off, and schedules of other people,",
			sets:     withTime,
			lacks:    stM(permission.TimeViewOthersDetails, permission.TimeOffViewDetails, permission.SchedulesViewDetails),
		},
		{
			sentence: "access the billable time of the projects that is a member of.",
			sets:     withTime,
			lacks:    stM(permission.TimeViewBillable),
		},
	})
}

func TestSystemCoordinatorSeedRules(t *testing.T) {
	coordinators := []set.Set{stCoordinator, stCoordinatorR}
	stCheckSeedRules(t, []stSeedRule{
		{
			sentence: "A coordinator is an employee role that can manage projects and schedules without having access to any financial information.",
			sets:     coordinators,
			has:      stM(permission.ProjectsView, permission.ProjectsManageMembers, permission.SchedulesViewOthers, permission.SchedulesManageBookings),
			lacks:    stFinancial,
		},
		{
			sentence: "access everything project-wise and add people to projects,",
			sets:     coordinators,
			has: stM(permission.ProjectsView, permission.ProjectsManageMembers, permission.TasksView, permission.TasksManage,
				permission.TaskListsManage, permission.TasksViewEstimates, permission.DocsAccess),
		},
		{
			sentence: "access the time component of the budget,",
			sets:     coordinators,
			has:      stM(permission.BudgetsView, permission.BudgetsViewTime),
			lacks:    stM(permission.BudgetsViewFinancials),
		},
		{
			sentence: "approve time off,",
			sets:     coordinators,
			has:      stM(permission.TimeOffApprove),
		},
		{
			sentence: "access Contacts and Reports.",
			sets:     coordinators,
			has:      stM(permission.ContactsView, permission.ReportsView),
		},
		{
			sentence: "access to financial information of the project,",
			sets:     coordinators,
			lacks:    stM(permission.BudgetsViewFinancials, permission.BudgetsViewProfit, permission.BudgetsViewCost, permission.TimeViewBillable),
		},
		{
			sentence: "approve time entries,",
			sets:     coordinators,
			lacks:    stM(permission.TimeApprove, permission.TimeApproveAll),
		},
		{
			sentence: "access the financial information of Contacts or Reports.",
			sets:     coordinators,
			lacks:    stM(permission.ContactsViewFinancials, permission.ReportsViewFinancials, permission.ReportsViewOrgProfit, permission.ReportsViewCostMargin),
		},
	})
}

func TestSystemManagerSeedRules(t *testing.T) {
	managers := []set.Set{stManager, stManagerR}
	stCheckSeedRules(t, []stSeedRule{
		{
			sentence: "A Manager is an employee role who can manage projects and deals.",
			sets:     managers,
			has:      stM(permission.ProjectsView, permission.ProjectsCreate, permission.DealsView, permission.DealsCreate),
		},
		{
			sentence: "That includes having access to all deals with relevant financial information except cost and profit.",
			sets:     managers,
			has:      stM(permission.DealsView, permission.DealsViewFinancials),
			lacks:    stM(permission.DealsViewProfit),
		},
		{
			sentence: "A Manager does not have access to cost rates and general organization-level settings.",
			sets:     managers,
			lacks:    stM(permission.PeopleViewCostRates, permission.PeopleManageSalaries, permission.SettingsManageOrganization),
		},
		{
			sentence: "access all and add new projects with financial information,",
			sets:     managers,
			has:      stM(permission.ProjectsView, permission.ProjectsCreate, permission.BudgetsView, permission.BudgetsViewFinancials),
		},
		{
			sentence: "access Reports,",
			sets:     managers,
			has:      stM(permission.ReportsView),
		},
		{
			sentence: "access billing and billable time.",
			sets:     managers,
			has:      stM(permission.InvoicesView, permission.InvoicesManage, permission.TimeViewBillable),
		},
		{
			sentence: "access cost and profitability of the project,",
			sets:     managers,
			lacks:    stM(permission.BudgetsViewProfit, permission.BudgetsViewCost),
		},
		{
			sentence: "access Reports information about cost, profit, margin, and overheads.",
			sets:     managers,
			lacks:    stM(permission.ReportsViewCostMargin, permission.ReportsViewOrgProfit),
		},
	})
}

func TestSystemProfitabilityManagerSeedRules(t *testing.T) {
	pms := []set.Set{stPM, stPMR}
	stCheckSeedRules(t, []stSeedRule{
		{
			sentence: "That includes having access to all deals with relevant financial information.",
			sets:     pms,
			has:      stM(permission.DealsView, permission.DealsViewFinancials, permission.DealsViewProfit),
		},
		{
			sentence: "A profitability manager doesn't have access to cost rates and general organization-level settings.",
			sets:     pms,
			lacks:    stM(permission.PeopleViewCostRates, permission.PeopleManageSalaries, permission.SettingsManageOrganization),
		},
		{
			sentence: "access the budget's profit and revenue information,",
			sets:     pms,
			has:      stM(permission.BudgetsViewFinancials, permission.BudgetsViewProfit),
		},
		{
			sentence: "access the profit of the whole organization.",
			sets:     pms,
			has:      stM(permission.ReportsViewOrgProfit),
		},
	})
}

func TestSystemAdminSeedRules(t *testing.T) {
	stCheckSeedRules(t, []stSeedRule{
		{
			sentence: "An Administrator role can manage everything, create user accounts, manage salaries, and general organization-level settings.",
			sets:     []set.Set{stAdmin},
			has:      stM(permission.UsersCreate, permission.PeopleManageSalaries, permission.SettingsManageOrganization),
		},
		{
			sentence: "see and manage everything,",
			sets:     []set.Set{stAdmin},
			has:      permission.Universe().Minus(stOwnerOnly),
		},
		{
			sentence: "buy extra seats,",
			sets:     []set.Set{stAdmin},
			has:      stM(permission.BillingBuySeats),
		},
		{
			sentence: "change the billing plan.",
			sets:     []set.Set{stAdmin},
			has:      stM(permission.BillingChangePlan),
		},
		{
			sentence: "It can be only one person as the owner of the organization.",
			sets:     []set.Set{stAdmin},
			lacks:    stOwnerOnly,
		},
	})
}

func TestSystemOwnerSeedRules(t *testing.T) {
	stCheckSeedRules(t, []stSeedRule{
		{
			sentence: "This role has a full set of permissions, like:",
			sets:     []set.Set{stOwner},
			has:      permission.Universe(),
		},
		{
			sentence: "access all billings,",
			sets:     []set.Set{stOwner},
			has:      stM(permission.BillingView, permission.BillingBuySeats, permission.BillingChangePlan),
		},
		{
			sentence: "make an upgrade,",
			sets:     []set.Set{stOwner},
			has:      stM(permission.BillingChangePlan),
		},
		{
			sentence: "transfer the ownership to another person,",
			sets:     []set.Set{stOwner},
			has:      stM(permission.OrganizationTransferOwnership),
		},
		{
			sentence: "deactivate the whole organization.",
			sets:     []set.Set{stOwner},
			has:      stM(permission.OrganizationDeactivate),
		},
	})
}

func TestSystemClientSeedRules(t *testing.T) {
	clients := []set.Set{stClient, stClientBudgets}
	stCheckSeedRules(t, []stSeedRule{
		{
			sentence: "The Client is a role for a person that can communicate with your team on tasks, and also depending on permissions - access time entries, and other info about deals.",
			sets:     clients,
			has:      stM(permission.ProjectsView, permission.TasksView, permission.TasksManage),
		},
		{
			// client-permissions.txt: the default Client set lets clients
			// alter tasks and open docs; a custom set can take that away.
			sentence: "For instance, you can prevent clients from altering tasks or accessing docs unless explicitly allowed.",
			sets:     clients,
			has:      stM(permission.TasksManage, permission.DocsAccess),
		},
		{
			sentence: "Clients can also get access to budgets and timesheets.",
			sets:     []set.Set{stClientBudgets},
			has:      stM(permission.BudgetsView),
			not:      []set.Set{stClient},
		},
		{
			sentence: "Note that clients will never see your Worked time in Productive.",
			sets:     clients,
			lacks:    stM(permission.TimeViewWorked, permission.BudgetsViewTime),
		},
		{
			sentence: "However, clients with access to time and budgets will be able to see your estimates on tasks and other related data such as Variance at Completion and Time to complete.",
			sets:     []set.Set{stClientBudgets},
			has:      stM(permission.BudgetsView, permission.TasksViewEstimates),
			not:      []set.Set{stClient},
		},
		{
			// client-permissions.txt: a client seat is a free seat.
			sentence: "Also, note that there are fewer permissions available compared to a paid seat, which is meant for users needing more features.",
			// Billable time is the exception: "Clients can see billable
			// time entries but not worked time" (domain Q6), on budgets
			// shared with them.
			sets:  clients,
			lacks: stFinancial.Without(permission.TimeViewBillable).Union(stM(permission.TaskListsManage, permission.TimeTrackOwn, permission.ContactsView, permission.ReportsView, permission.DealsView)),
		},
		{
			sentence: "Clients can see billable time entries but not worked time.",
			sets:     []set.Set{stClientBudgets},
			has:      stM(permission.TimeViewBillable),
			lacks:    stM(permission.TimeViewWorked),
			not:      []set.Set{stClient},
		},
	})
	for _, s := range clients {
		if s.Seat() != role.Free {
			t.Errorf("%q: seat %v, want free", s.Name(), s.Seat())
		}
		for p := range s.Permissions().All() {
			if !p.FreeSeat() {
				t.Errorf("%q holds %v, which a free seat may not", s.Name(), p)
			}
		}
	}
}

func TestSystemContractorSeedRules(t *testing.T) {
	contractors := []set.Set{stContractor}
	stCheckSeedRules(t, []stSeedRule{
		{
			sentence: "A Contractor is a role for a person that sometimes works with your team but is not part of your company.",
			sets:     contractors,
			lacks: stFinancial.Union(stM(permission.SettingsManageOrganization, permission.UsersCreate, permission.UsersChangePermissionSet,
				permission.ContactsView, permission.ReportsView, permission.DealsView)),
		},
		{
			sentence: "collaborate on projects,",
			sets:     contractors,
			has:      stM(permission.ProjectsView, permission.TasksView, permission.DocsAccess),
			lacks:    stM(permission.ProjectsCreate, permission.ProjectsManageMembers),
		},
		{
			sentence: "manage tasks and task lists",
			sets:     contractors,
			has:      stM(permission.TasksManage, permission.TaskListsManage),
		},
		{
			sentence: "track time for projects they are members of",
			sets:     contractors,
			has:      stM(permission.TimeTrackOwn),
			lacks:    stM(permission.TimeViewOthers, permission.TimeViewWorked),
		},
	})
	if stContractor.Seat() != role.Paid {
		t.Errorf("Contractor seat %v, want paid", stContractor.Seat())
	}
}

// TestSystemScopes: Member for Staff, Client and Contractor; Unlimited for
// Admin and Owner; "by default has unlimited access but you can change that
// anytime" for Coordinator, Manager and Profitability Manager.
func TestSystemScopes(t *testing.T) {
	tests := []struct {
		role       role.Role
		def        scope.Scope
		restricted bool // has a "with restricted access" variant
	}{
		{role.Staff, scope.Member, false},
		{role.Coordinator, scope.Unlimited, true},
		{role.Manager, scope.Unlimited, true},
		{role.ProfitabilityManager, scope.Unlimited, true},
		{role.Admin, scope.Unlimited, false},
		{role.Owner, scope.Unlimited, false},
		{role.Client, scope.Member, false},
		{role.Contractor, scope.Member, false},
	}
	for _, tt := range tests {
		t.Run(tt.role.String(), func(t *testing.T) {
			if got := set.DefaultScope(tt.role); got != tt.def {
				t.Errorf("DefaultScope = %v, want %v", got, tt.def)
			}
			def, err := set.System(tt.role, 0, 0)
			if err != nil {
				t.Fatalf("System(%v, 0, 0): %v", tt.role, err)
			}
			if def.Scope() != tt.def {
				t.Errorf("System(%v, 0, 0).Scope() = %v, want %v", tt.role, def.Scope(), tt.def)
			}
			explicit, err := set.System(tt.role, tt.def, 0)
			if err != nil || explicit != def {
				t.Errorf("System(%v, %v, 0) = %v, %v; want the default set %v", tt.role, tt.def, explicit, err, def)
			}
			r, err := set.System(tt.role, scope.Restricted, 0)
			if !tt.restricted {
				if !errors.Is(err, set.ErrScope) {
					t.Errorf("System(%v, restricted) error = %v, want ErrScope", tt.role, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("System(%v, restricted): %v", tt.role, err)
			}
			// Restricted changes the reach rights only: each "all" right of
			// the Unlimited set ("can access all projects", "all deals")
			// becomes the narrower one ("all public projects, assigned
			// deals, and private projects they are a member of").
			widest := permission.MaskOf(permission.ProjectsViewAll, permission.DealsViewAll, permission.BudgetsViewAll,
				permission.InvoicesViewAll, permission.ExpensesManageAll, permission.PurchaseOrdersViewAll)
			if r.Scope() != scope.Restricted || r.Permissions() != def.Permissions().Minus(widest) || r.Role() != tt.role {
				t.Errorf("restricted %v = %v %v %v, want restricted with the permissions of %q but its \"all\" reach rights", tt.role, r.Role(), r.Scope(), r.Permissions(), def.Name())
			}
			if !r.Has(permission.ProjectsViewPublic) || r.Has(permission.ProjectsViewAll) {
				t.Errorf("restricted %v reaches projects as %v, want public ones and their own", tt.role, permission.ScopeOf(r.Permissions()))
			}
			if r.Name() == def.Name() {
				t.Errorf("restricted and unlimited %v share the name %q", tt.role, r.Name())
			}
		})
	}
}

func TestSystemNames(t *testing.T) {
	var got []string
	for s := range set.Systems() {
		got = append(got, s.Name())
	}
	want := []string{
		"Staff",
		"Staff with CRM access",
		"Staff with time access",
		"Staff with CRM and time access",
		"Coordinator",
		"Coordinator with restricted access",
		"Manager",
		"Manager with restricted access",
		"Profitability Manager",
		"Profitability Manager with restricted access",
		"Admin",
		"Owner",
		"Client Staff",
		"Client Manager",
		"Contractor",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Systems() names mismatch (-want +got):\n%s", diff)
	}
}

// TestSystems: every system set is valid, not custom, closed, within what its
// base role may hold, has a scope its role may have, and is what System
// returns for its own role, scope and add-ons.
func TestSystems(t *testing.T) {
	const want = 15
	names := map[string]bool{}
	n := 0
	for s := range set.Systems() {
		n++
		if names[s.Name()] {
			t.Errorf("name %q appears twice", s.Name())
		}
		names[s.Name()] = true
		if !s.IsValid() || s.Custom() || s.Name() == "" || s.String() != s.Name() {
			t.Errorf("%q: valid %v, custom %v, String %q", s.Name(), s.IsValid(), s.Custom(), s.String())
		}
		if err := s.Permissions().CheckClosed(); err != nil {
			t.Errorf("%q: %v", s.Name(), err)
		}
		if extra := s.Permissions().Minus(permission.HoldableBy(s.Role())); !extra.IsEmpty() {
			t.Errorf("%q holds %v, beyond HoldableBy(%v)", s.Name(), extra, s.Role())
		}
		if s.Role() != role.Owner && !s.Permissions().Intersect(stOwnerOnly).IsEmpty() {
			t.Errorf("%q holds owner-only %v", s.Name(), s.Permissions().Intersect(stOwnerOnly))
		}
		if !set.ScopeFits(s.Role(), s.Scope()) {
			t.Errorf("%q: role %v cannot have scope %v", s.Name(), s.Role(), s.Scope())
		}
		if s.Kind() != s.Role().Kind() || s.Seat() != s.Role().Seat() {
			t.Errorf("%q: kind %v seat %v, want those of %v", s.Name(), s.Kind(), s.Seat(), s.Role())
		}
		if again, err := set.System(s.Role(), s.Scope(), s.Addons()); err != nil || again != s {
			t.Errorf("System(%v, %v, %v) = %q, %v; want %q", s.Role(), s.Scope(), s.Addons(), again.Name(), err, s.Name())
		}
		if set.BaseOf(s) != s {
			t.Errorf("BaseOf(%q) = %q, want itself", s.Name(), set.BaseOf(s).Name())
		}
		if got := s.Subject(testOrg, 7); got.ID != 7 || got.Role != s.Role() || got.Scope() != s.Scope() || got.Permissions != s.Permissions() || got.Validate() != nil {
			t.Errorf("%q.Subject(testOrg, 7) = %+v (%v)", s.Name(), got, got.Validate())
		}
	}
	if n != want {
		t.Errorf("Systems() yielded %d sets, want %d", n, want)
	}
	// Stopping early stops the iteration.
	n = 0
	for range set.Systems() {
		n++
		if n == 3 {
			break
		}
	}
	if n != 3 {
		t.Errorf("break after 3: counted %d", n)
	}
}

// TestSystemExtendedChain: where the article says one role "extends" another,
// the set is a strict superset.
func TestSystemExtendedChain(t *testing.T) {
	chains := []struct {
		why   string
		sub   set.Set
		super set.Set
	}{
		{"Staff with access to contacts: This role has an extended Staff role", stStaff, stStaffContacts},
		{"Staff with access to time: This role has an extended Staff role", stStaff, stStaffTime},
		{"Staff can have access to contacts and/or access to time.", stStaffContacts, stStaffContactsTime},
		{"Staff can have access to contacts and/or access to time.", stStaffTime, stStaffContactsTime},
		{"Coordinator: This role has extended Staff with access to time entries", stStaffTime, stCoordinator},
		{"Profitability Manager: This role has extended Manager's role", stManager, stPM},
		{"Profitability Manager with restricted access: This role has extended Manager's role", stManagerR, stPMR},
		{"Admin: see and manage everything", stPM, stAdmin},
		{"Owner: This role has a full set of permissions", stAdmin, stOwner},
	}
	for _, c := range chains {
		if !c.sub.Permissions().SubsetOf(c.super.Permissions()) || c.sub.Permissions() == c.super.Permissions() {
			t.Errorf("%s: %q is not a strict superset of %q (missing %v)", c.why, c.super.Name(), c.sub.Name(),
				c.sub.Permissions().Minus(c.super.Permissions()))
		}
	}
}

// TestSystemSupersets pins the whole "is a superset of" relation between the
// system sets' permissions. The seed-backed pairs are in
// TestSystemExtendedChain; this table also pins the pairs that are NOT
// supersets, notably:
//   - Staff with access to contacts is not within Coordinator: the
//     Coordinator may only "access Contacts", not manage them;
//   - no client set is within Contractor once it can see budgets, and the
//     Contractor is within no client set (task lists, time tracking);
//   - nothing but Owner holds Admin (owner-only permissions aside, Admin is
//     everything).
func TestSystemSupersets(t *testing.T) {
	// want[a] lists the sets whose permissions include all of a's, other
	// than a itself, in Systems() order.
	want := map[string][]string{
		"Staff": {"Staff with CRM access", "Staff with time access", "Staff with CRM and time access",
			"Coordinator", "Coordinator with restricted access", "Manager", "Manager with restricted access",
			"Profitability Manager", "Profitability Manager with restricted access", "Admin", "Owner"},
		"Staff with CRM access": {"Staff with CRM and time access",
			"Manager", "Manager with restricted access", "Profitability Manager", "Profitability Manager with restricted access", "Admin", "Owner"},
		"Staff with time access": {"Staff with CRM and time access",
			"Coordinator", "Coordinator with restricted access", "Manager", "Manager with restricted access",
			"Profitability Manager", "Profitability Manager with restricted access", "Admin", "Owner"},
		"Staff with CRM and time access": {
			"Manager", "Manager with restricted access", "Profitability Manager", "Profitability Manager with restricted access", "Admin", "Owner"},
		"Coordinator": {"Manager", "Profitability Manager", "Admin", "Owner"},
		"Coordinator with restricted access": {"Coordinator", "Manager", "Manager with restricted access",
			"Profitability Manager", "Profitability Manager with restricted access", "Admin", "Owner"},
		"Manager":                                      {"Profitability Manager", "Admin", "Owner"},
		"Manager with restricted access":               {"Manager", "Profitability Manager", "Profitability Manager with restricted access", "Admin", "Owner"},
		"Profitability Manager":                        {"Admin", "Owner"},
		"Profitability Manager with restricted access": {"Profitability Manager", "Admin", "Owner"},
		"Admin": {"Owner"},
		"Owner": nil,
		"Client Staff": {"Staff", "Staff with CRM access", "Staff with time access", "Staff with CRM and time access",
			"Coordinator", "Coordinator with restricted access", "Manager", "Manager with restricted access",
			"Profitability Manager", "Profitability Manager with restricted access", "Admin", "Owner",
			"Client Manager", "Contractor"},
		// Not Staff with time access nor Coordinator: a client sees billable
		// time entries on budgets shared with them, which those lack.
		"Client Manager": {"Manager", "Manager with restricted access",
			"Profitability Manager", "Profitability Manager with restricted access", "Admin", "Owner"},
		"Contractor": {"Staff", "Staff with CRM access", "Staff with time access", "Staff with CRM and time access",
			"Coordinator", "Coordinator with restricted access", "Manager", "Manager with restricted access",
			"Profitability Manager", "Profitability Manager with restricted access", "Admin", "Owner"},
	}
	all := slices.Collect(set.Systems())
	got := map[string][]string{}
	for _, a := range all {
		got[a.Name()] = nil
		for _, b := range all {
			if a != b && a.Permissions().SubsetOf(b.Permissions()) {
				got[a.Name()] = append(got[a.Name()], b.Name())
			}
		}
	}
	// Put want in Systems() order, so the table above may be read freely.
	order := map[string]int{}
	for i, s := range all {
		order[s.Name()] = i
	}
	for k, v := range want {
		v = slices.Clone(v)
		slices.SortFunc(v, func(x, y string) int { return order[x] - order[y] })
		want[k] = v
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("superset relation mismatch (-want +got):\n%s", diff)
	}
}

func TestSystemRejects(t *testing.T) {
	tests := []struct {
		name   string
		role   role.Role
		scope  scope.Scope
		addons set.Addons
		want   error
	}{
		{"zero role", 0, 0, 0, set.ErrRole},
		{"unknown role", role.Role(200), 0, 0, set.ErrRole},
		{"Staff restricted", role.Staff, scope.Restricted, 0, set.ErrScope},
		{"Staff unlimited", role.Staff, scope.Unlimited, 0, set.ErrScope},
		{"Admin restricted", role.Admin, scope.Restricted, 0, set.ErrScope},
		{"Owner member", role.Owner, scope.Member, 0, set.ErrScope},
		{"Manager member", role.Manager, scope.Member, 0, set.ErrScope},
		{"Client unlimited", role.Client, scope.Unlimited, 0, set.ErrScope},
		{"Contractor restricted", role.Contractor, scope.Restricted, 0, set.ErrScope},
		{"invalid scope", role.Manager, scope.Scope(9), 0, set.ErrScope},
		{"Client with Contacts add-on", role.Client, 0, set.AddonContacts, set.ErrAddon},
		{"Client with Time add-on", role.Client, 0, set.AddonTime, set.ErrAddon},
		{"Staff with Budgets add-on", role.Staff, 0, set.AddonBudgets, set.ErrAddon},
		{"Coordinator with Time add-on", role.Coordinator, 0, set.AddonTime, set.ErrAddon},
		{"Contractor with Budgets add-on", role.Contractor, 0, set.AddonBudgets, set.ErrAddon},
		{"Staff with an unknown add-on", role.Staff, 0, set.Addons(1 << 6), set.ErrAddon},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := set.System(tt.role, tt.scope, tt.addons)
			if !errors.Is(err, tt.want) {
				t.Errorf("System(%v, %v, %v) error = %v, want %v", tt.role, tt.scope, tt.addons, err, tt.want)
			}
			if s != (set.Set{}) {
				t.Errorf("System(%v, %v, %v) = %q on error, want the zero Set", tt.role, tt.scope, tt.addons, s.Name())
			}
			defer func() {
				if recover() == nil {
					t.Errorf("MustSystem(%v, %v, %v) did not panic", tt.role, tt.scope, tt.addons)
				}
			}()
			set.MustSystem(tt.role, tt.scope, tt.addons)
		})
	}
}

func TestZeroSet(t *testing.T) {
	var z set.Set
	if z.IsValid() || z.Custom() || z.Role().IsValid() || !z.Permissions().IsEmpty() {
		t.Errorf("zero Set: valid %v custom %v base %v perms %v", z.IsValid(), z.Custom(), z.Role(), z.Permissions())
	}
	if err := z.Subject(testOrg, 1).Validate(); err == nil {
		t.Error("zero Set's subject is valid, want invalid")
	}
	if d := permission.Authorize(z.Subject(testOrg, 1), permission.ViewReports, permission.Resource{Org: testOrg, Kind: permission.KindOrganization}); d.Allowed() {
		t.Errorf("zero Set's subject allowed %v", d)
	}
}

func TestAddons(t *testing.T) {
	tests := []struct {
		a    set.Addons
		want string
	}{
		{0, ""},
		{set.AddonContacts, "contacts"},
		{set.AddonTime, "time"},
		{set.AddonBudgets, "budgets"},
		{set.AddonContacts | set.AddonTime, "contacts+time"},
	}
	for _, tt := range tests {
		if got := tt.a.String(); got != tt.want {
			t.Errorf("Addons(%d).String() = %q, want %q", tt.a, got, tt.want)
		}
		if tt.a == 0 || tt.a == set.AddonContacts|set.AddonTime {
			continue
		}
		if got, err := set.ParseAddon(tt.want); err != nil || got != tt.a {
			t.Errorf("ParseAddon(%q) = %v, %v; want %v", tt.want, got, err, tt.a)
		}
	}
	if !(set.AddonContacts | set.AddonTime).Has(set.AddonTime) || set.AddonContacts.Has(set.AddonContacts|set.AddonTime) {
		t.Error("Addons.Has is wrong")
	}
	for _, bad := range []string{"", "Contacts", "crm", "contacts+time"} {
		if _, err := set.ParseAddon(bad); !errors.Is(err, set.ErrUnknownAddon) {
			t.Errorf("ParseAddon(%q) error = %v, want ErrUnknownAddon", bad, err)
		}
	}
}
