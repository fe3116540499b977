package permission_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
	"github.com/google/go-cmp/cmp"
)

// The fixture every Authorize test in this package's az files shares: one
// subject (azMe) and the records around them. Memberships are those
// azSubjectOf gives: the two projects, the deal and the budget marked "mine".
const (
	azMe    scope.ID = 1 // the subject
	azOther scope.ID = 2 // a colleague
	azThird scope.ID = 3 // somebody else again (an approver)

	azProjMine    scope.ID = 10 // private; the subject is a member
	azProjMinePub scope.ID = 11 // public; the subject is a member
	azProjPrivate scope.ID = 20 // private; not a member
	azProjPublic  scope.ID = 21 // public; not a member

	azDealMine  scope.ID = 30 // assigned to the subject
	azDealOther scope.ID = 31 // not assigned to the subject

	azBudgetMine     scope.ID = 40 // on azProjMine; the subject is a member of the budget
	azBudgetPrivate  scope.ID = 41 // on azProjPrivate
	azBudgetUnshared scope.ID = 42 // on azProjMine; the subject is not a member of the budget
	azBudgetPublic   scope.ID = 43 // on azProjPublic
	azBudgetAway     scope.ID = 44 // on azProjPrivate; the subject is a member of the budget, not of its project

	azWorkplace      scope.ID = 50 // the subject's subsidiary
	azWorkplaceOther scope.ID = 51 // another subsidiary
)

// azBudgetProject says which project each fixture budget belongs to.
var azBudgetProject = map[scope.ID]scope.ID{
	azBudgetMine:     azProjMine,
	azBudgetPrivate:  azProjPrivate,
	azBudgetUnshared: azProjMine,
	azBudgetPublic:   azProjPublic,
	azBudgetAway:     azProjPrivate,
}

// azVis is the visibility of a fixture project.
func azVis(p scope.ID) scope.Visibility {
	if p == azProjMinePub || p == azProjPublic {
		return scope.Public
	}
	return scope.Private
}

// azSubjectOf is the subject azMe who holds s, with the fixture memberships
// and workplace, in an organization on the Ultimate plan.
func azSubjectOf(s set.Set) permission.Subject {
	subj := s.Subject(testOrg, azMe)
	subj.Projects = scope.NewMembers(azProjMine, azProjMinePub)
	subj.Deals = scope.NewMembers(azDealMine)
	subj.Budgets = scope.NewMembers(azBudgetMine, azBudgetAway)
	subj.Workplace = azWorkplace
	subj.Plan = set.Ultimate
	return subj
}

// azSys is the system set of role r with scope sc (0: the default) and add-ons a.
func azSys(r role.Role, sc scope.Scope, a set.Addons) set.Set { return set.MustSystem(r, sc, a) }

// azBuild builds a custom set on the Ultimate plan and fails t if it cannot.
func azBuild(t testing.TB, b *set.Builder) set.Set {
	t.Helper()
	s, err := b.Build(set.Ultimate)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return s
}

func azOrg() permission.Resource {
	return permission.Resource{Org: testOrg, Kind: permission.KindOrganization}
}

// azExpense is an expense of person, logged on budget b.
func azExpense(person, b scope.ID) permission.Resource {
	r := azBudget(b, false)
	r.Kind, r.ID, r.Person = permission.KindExpense, 500+b, person
	return r
}

func azContact() permission.Resource {
	return permission.Resource{Org: testOrg, Kind: permission.KindContact, ID: 600}
}

func azProject(p scope.ID) permission.Resource {
	return permission.Resource{Org: testOrg, Kind: permission.KindProject, ID: p, Project: p, Visibility: azVis(p)}
}

func azTask(p scope.ID) permission.Resource {
	return permission.Resource{Org: testOrg, Kind: permission.KindTask, ID: 100 + p, Project: p, Visibility: azVis(p)}
}

func azDoc(p scope.ID) permission.Resource {
	return permission.Resource{Org: testOrg, Kind: permission.KindDoc, ID: 200 + p, Project: p, Visibility: azVis(p)}
}

// azBudget is fixture budget b with its Client access toggle as given.
func azBudget(b scope.ID, clientAccess bool) permission.Resource {
	p := azBudgetProject[b]
	return permission.Resource{Org: testOrg, Kind: permission.KindBudget, ID: b, Project: p, Visibility: azVis(p), Budget: b, ClientAccess: clientAccess}
}

// azInvoice is an invoice of fixture budget b.
func azInvoice(b scope.ID) permission.Resource {
	r := azBudget(b, false)
	r.Kind, r.ID = permission.KindInvoice, 300+b
	return r
}

// azEntry is a time entry of person on fixture budget b (Client access on),
// whose approver is approver.
func azEntry(person, b, approver scope.ID) permission.Resource {
	r := azBudget(b, true)
	r.Kind, r.ID, r.Person, r.Approver = permission.KindTimeEntry, 400+b, person, approver
	return r
}

// azTimeOff is an absence request of person, of the subject's workplace,
// whose policy names azThird as its approver.
func azTimeOff(person scope.ID) permission.Resource {
	return permission.Resource{Org: testOrg, Kind: permission.KindTimeOff, ID: 700, Person: person,
		Workplace: azWorkplace, Approvers: scope.NewMembers(azThird)}
}

// azTimeOffApprovedBy is an absence request of person whose policy names
// approver.
func azTimeOffApprovedBy(person, approver scope.ID) permission.Resource {
	r := azTimeOff(person)
	r.Approvers = scope.NewMembers(approver)
	return r
}

// azPending is time entry r on a budget that requires time approval, not
// approved yet.
func azPending(r permission.Resource) permission.Resource {
	r.ApprovalRequired = true
	return r
}

// azBooking is a booking of person on project p.
func azBooking(person, p scope.ID) permission.Resource {
	return permission.Resource{Org: testOrg, Kind: permission.KindBooking, ID: 800 + p, Person: person, Project: p, Visibility: azVis(p)}
}

// azPerson is the person record of person, a Staff member: the lowest
// employee role, whom every employee holding users.change_permission_set
// may manage.
func azPerson(person scope.ID) permission.Resource {
	return azPersonAs(person, role.Staff)
}

// azPersonAs is the person record of person, whose role is r and who holds
// r's default system set.
func azPersonAs(person scope.ID, r role.Role) permission.Resource {
	var held permission.Mask
	if s, err := set.System(r, 0, 0); err == nil {
		held = s.Permissions()
	}
	return permission.Resource{Org: testOrg, Kind: permission.KindPerson, ID: person, Person: person, PersonRole: r,
		PersonPermissions: held, Workplace: azWorkplace}
}

func azDeal(d scope.ID) permission.Resource {
	return permission.Resource{Org: testOrg, Kind: permission.KindDeal, ID: d, Deal: d}
}

// azOutcome is what a test compares of a Decision, by name, so diffs read.
type azOutcome struct {
	Allowed bool
	Reason  string
	Missing string
}

func azOutcomeOf(d permission.Decision) azOutcome {
	o := azOutcome{Allowed: d.Allowed(), Reason: d.Reason().String()}
	if d.Missing() != 0 {
		o.Missing = d.Missing().String()
	}
	return o
}

// azWant is the outcome of a decision with reason r and missing permission p
// (0 for none).
func azWant(r permission.Reason, p permission.Permission) azOutcome {
	o := azOutcome{Allowed: r == permission.Granted, Reason: r.String()}
	if p != 0 {
		o.Missing = p.String()
	}
	return o
}

func TestAuthorizeInvalidInput(t *testing.T) {
	staff := azSubjectOf(azSys(role.Staff, 0, 0))
	manager := azSubjectOf(azSys(role.Manager, 0, 0))

	clientAllProjects := azSubjectOf(azSys(role.Client, 0, 0))
	clientAllProjects.Permissions = clientAllProjects.Permissions.Union(permission.MaskOf(permission.ProjectsViewAll).Closure())

	clientWithInvoices := azSubjectOf(azSys(role.Client, 0, set.AddonBudgets))
	clientWithInvoices.Permissions = clientWithInvoices.Permissions.Union(permission.MaskOf(permission.InvoicesView, permission.InvoicesManage))

	noID := staff
	noID.ID = 0

	role0 := staff
	role0.Role = 0
	role9 := staff
	role9.Role = 9
	ownerBits := manager
	ownerBits.Permissions = ownerBits.Permissions.With(permission.OrganizationTransferOwnership)

	budgetNoBudgetID := azBudget(azBudgetMine, true)
	budgetNoBudgetID.Budget = 0
	taskNoVisibility := azTask(azProjMine)
	taskNoVisibility.Visibility = 0
	taskBadVisibility := azTask(azProjMine)
	taskBadVisibility.Visibility = 7
	taskNoProject := azTask(azProjMine)
	taskNoProject.Project = 0
	dealNoID := azDeal(azDealMine)
	dealNoID.Deal = 0
	entryNoPerson := azEntry(azMe, azBudgetMine, 0)
	entryNoPerson.Person = 0
	timeOffNoPerson := azTimeOff(0)
	personNoRole := azPersonAs(azOther, 0)
	personRole9 := azPersonAs(azOther, 9)
	admin := azSubjectOf(azSys(role.Admin, 0, 0))

	tests := []struct {
		name string
		s    permission.Subject
		a    permission.Action
		r    permission.Resource
		want permission.Reason
	}{
		{"zero subject", permission.Subject{}, permission.ViewProject, azProject(azProjMine), permission.InvalidSubject},
		{"zero action", staff, 0, azProject(azProjMine), permission.InvalidAction},
		{"zero resource", staff, permission.ViewProject, permission.Resource{}, permission.KindMismatch},
		{"all zero", permission.Subject{}, 0, permission.Resource{}, permission.InvalidAction},
		{"action 200", staff, 200, azProject(azProjMine), permission.InvalidAction},
		{"action one past the table", staff, permission.Action(permission.ActionCount + 1), azProject(azProjMine), permission.InvalidAction},
		{"subject without ID", noID, permission.ViewProject, azProject(azProjMine), permission.InvalidSubject},
		{"role 0", role0, permission.ViewProject, azProject(azProjMine), permission.InvalidSubject},
		{"role 9", role9, permission.ViewProject, azProject(azProjMine), permission.InvalidSubject},
		{"client with a paid seat's reach right", clientAllProjects, permission.ViewProject, azProject(azProjMine), permission.InvalidSubject},
		{"client hand-built with invoices.manage", clientWithInvoices, permission.ViewTask, azTask(azProjMine), permission.InvalidSubject},
		{"manager hand-built with an owner-only bit", ownerBits, permission.ViewProject, azProject(azProjMine), permission.InvalidSubject},
		{"task action on a budget", staff, permission.AlterTask, azBudget(azBudgetMine, true), permission.KindMismatch},
		{"organization action on a project", manager, permission.CreateProject, azProject(azProjMine), permission.KindMismatch},
		{"kind 0", staff, permission.ViewProject, permission.Resource{Org: testOrg, Project: azProjMine, Visibility: scope.Private}, permission.KindMismatch},
		{"kind 200", staff, permission.ViewProject, permission.Resource{Org: testOrg, Kind: 200, Project: azProjMine, Visibility: scope.Private}, permission.KindMismatch},
		{"budget without Budget ID", manager, permission.ViewBudget, budgetNoBudgetID, permission.InvalidResource},
		{"task without visibility", staff, permission.ViewTask, taskNoVisibility, permission.InvalidResource},
		{"task with visibility 7", staff, permission.ViewTask, taskBadVisibility, permission.InvalidResource},
		{"task without project", staff, permission.ViewTask, taskNoProject, permission.InvalidResource},
		{"deal without Deal ID", manager, permission.ViewDeal, dealNoID, permission.InvalidResource},
		{"time entry without person", manager, permission.ViewTimeEntry, entryNoPerson, permission.InvalidResource},
		{"time off without person", manager, permission.ApproveTimeOff, timeOffNoPerson, permission.InvalidResource},
		// Resource: a person needs "Person and PersonRole"; without a valid
		// role nobody can tell whether the Owner's set is at stake.
		{"person without PersonRole", admin, permission.ChangePermissionSet, personNoRole, permission.InvalidResource},
		{"person with PersonRole 9", admin, permission.ChangePermissionSet, personRole9, permission.InvalidResource},
		{"person without PersonRole, viewing the rate", admin, permission.ViewCostRate, personNoRole, permission.InvalidResource},
		{"person without Person", admin, permission.ManageSalary, azPersonAs(0, role.Staff), permission.InvalidResource},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := permission.Authorize(tt.s, tt.a, tt.r)
			if diff := cmp.Diff(azWant(tt.want, 0), azOutcomeOf(d)); diff != "" {
				t.Errorf("Authorize(%v) mismatch (-want +got):\n%s", tt.a, diff)
			}
			if d.Action() != tt.a {
				t.Errorf("Decision.Action() = %v, want %v", d.Action(), tt.a)
			}
			if c := permission.Capabilities(tt.s, tt.r); c.Has(tt.a) {
				t.Errorf("Capabilities has %v for invalid input", tt.a)
			}
			if permission.List(tt.s, tt.a).Matches(tt.r) {
				t.Errorf("List(%v).Matches the resource for invalid input", tt.a)
			}
		})
	}
}

func TestSubjectValidate(t *testing.T) {
	staff := azSubjectOf(azSys(role.Staff, 0, 0))
	clientAllProjects := azSubjectOf(azSys(role.Client, 0, 0))
	clientAllProjects.Permissions = clientAllProjects.Permissions.Union(permission.MaskOf(permission.ProjectsViewAll).Closure())
	client := azSubjectOf(azSys(role.Client, 0, 0))
	client.Permissions = client.Permissions.Union(permission.MaskOf(permission.InvoicesView, permission.InvoicesManage))
	role9 := staff
	role9.Role = 9

	tests := []struct {
		name  string
		s     permission.Subject
		names []string // substrings the error must contain
	}{
		{"zero", permission.Subject{}, []string{"no organization"}},
		{"no ID", permission.Subject{Org: testOrg}, []string{"no ID"}},
		{"role 9", role9, []string{"role(9)"}},
		{"client with a paid seat's reach right", clientAllProjects, []string{"client", "projects.view"}},
		{"client with invoices.manage", client, []string{"client", "invoices."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.s.Validate()
			if !errors.Is(err, permission.ErrInvalidSubject) {
				t.Fatalf("Validate() = %v, want an error wrapping ErrInvalidSubject", err)
			}
			for _, n := range tt.names {
				if !strings.Contains(err.Error(), n) {
					t.Errorf("Validate() = %q, want it to name %q", err, n)
				}
			}
		})
	}

	// The client's only extra bits are invoices.view and invoices.manage;
	// Validate names the first of them, and with only invoices.manage added,
	// names that one.
	onlyManage := azSubjectOf(azSys(role.Client, 0, 0))
	onlyManage.Permissions = onlyManage.Permissions.With(permission.InvoicesManage)
	if err := onlyManage.Validate(); err == nil || !strings.Contains(err.Error(), "invoices.manage") {
		t.Errorf("Validate() = %v, want it to name invoices.manage", err)
	}

	for s := range set.Systems() {
		if err := azSubjectOf(s).Validate(); err != nil {
			t.Errorf("the subject of system set %q: Validate() = %v, want nil", s, err)
		}
	}
}

func TestResourceValidate(t *testing.T) {
	budget := azBudget(azBudgetMine, true)
	noBudget := budget
	noBudget.Budget = 0
	noProject := budget
	noProject.Project = 0
	noVisibility := budget
	noVisibility.Visibility = 0
	dealNoID := azDeal(azDealMine)
	dealNoID.Deal = 0

	tests := []struct {
		name  string
		r     permission.Resource
		field string
	}{
		{"zero", permission.Resource{}, "kind(0)"},
		{"budget without Budget", noBudget, "Budget"},
		{"budget without Org", permission.Resource{Kind: permission.KindBudget, Project: 1, Visibility: scope.Public, Budget: 2}, "Org"},
		{"budget without Project", noProject, "Project"},
		{"budget without Visibility", noVisibility, "Visibility"},
		{"deal without Deal", dealNoID, "Deal"},
		{"time off without Person", azTimeOff(0), "Person"},
		{"booking without Person", azBooking(0, azProjMine), "Person"},
		{"person without Person", azPerson(0), "Person"},
		{"person without PersonRole", azPersonAs(azOther, 0), "PersonRole"},
		{"person with PersonRole 9", azPersonAs(azOther, 9), "PersonRole"},
		{"person without Person or PersonRole", azPersonAs(0, 0), "no Person:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.r.Validate()
			if !errors.Is(err, permission.ErrInvalidResource) {
				t.Fatalf("Validate() = %v, want an error wrapping ErrInvalidResource", err)
			}
			if !strings.Contains(err.Error(), tt.field) {
				t.Errorf("Validate() = %q, want it to name %q", err, tt.field)
			}
		})
	}

	for _, r := range []permission.Resource{
		azOrg(), azExpense(azOther, azBudgetPrivate), azContact(), azProject(azProjMine), azTask(azProjPublic), azDoc(azProjMine),
		azBudget(azBudgetMine, false), azInvoice(azBudgetMine), azEntry(azMe, azBudgetMine, 0),
		azTimeOff(azMe), azBooking(azOther, azProjMine), azPerson(azOther), azDeal(azDealOther),
		azPersonAs(azOther, role.Owner), azPersonAs(azOther, role.Client), azPersonAs(azOther, role.Contractor),
	} {
		if err := r.Validate(); err != nil {
			t.Errorf("Validate(%v resource) = %v, want nil", r.Kind, err)
		}
	}
}

func TestDecisionZero(t *testing.T) {
	var d permission.Decision
	if diff := cmp.Diff(azWant(permission.NoDecision, 0), azOutcomeOf(d)); diff != "" {
		t.Errorf("zero Decision mismatch (-want +got):\n%s", diff)
	}
	if err := d.Err(); !errors.Is(err, permission.ErrDenied) {
		t.Errorf("zero Decision: Err() = %v, want an error wrapping ErrDenied", err)
	}
	if got, want := d.String(), "action(0) is denied: nothing was decided, so it is denied"; got != want {
		t.Errorf("zero Decision: String() = %q, want %q", got, want)
	}
}

func TestDecisionErrAndString(t *testing.T) {
	manager := azSubjectOf(azSys(role.Manager, 0, 0))
	staff := azSubjectOf(azSys(role.Staff, 0, 0))
	admin := azSubjectOf(azSys(role.Admin, 0, 0))
	tests := []struct {
		name string
		d    permission.Decision
		want string // String()
	}{
		{"allow", permission.Authorize(manager, permission.ExportInvoice, azInvoice(azBudgetPrivate)),
			"invoice.export is allowed"},
		{"missing", permission.Authorize(manager, permission.ConnectAccounting, azOrg()),
			"integration.connect_accounting is denied: a required permission is missing (integrations.manage_organizational)"},
		{"owner only", permission.Authorize(admin, permission.TransferOwnership, azOrg()),
			"organization.transfer_ownership is denied: only the organization's Owner may do this (organization.transfer_ownership)"},
		{"reach", permission.Authorize(staff, permission.ViewProject, azProject(azProjPublic)),
			"project.view is denied: the record is not within reach: not a member (projects.view_all would reach it)"},
		{"invalid action", permission.Authorize(staff, 200, azOrg()),
			"action(200) is denied: the action is invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.d.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
			err := tt.d.Err()
			if tt.d.Allowed() {
				if err != nil {
					t.Errorf("Err() = %v for an allow, want nil", err)
				}
				return
			}
			if !errors.Is(err, permission.ErrDenied) {
				t.Fatalf("Err() = %v, want an error wrapping ErrDenied", err)
			}
			var de *permission.DeniedError
			if !errors.As(err, &de) || de.Decision != tt.d {
				t.Errorf("Err() = %#v, want a *DeniedError carrying the decision", err)
			}
			if got, want := err.Error(), "permission: "+tt.want; got != want {
				t.Errorf("Err().Error() = %q, want %q", got, want)
			}
		})
	}
}

// TestReasonsNamed checks that every reason Authorize can give has a stable
// name and a sentence of its own.
func TestReasonsNamed(t *testing.T) {
	names := map[string]permission.Reason{}
	sentences := map[string]permission.Reason{}
	for r := permission.NoDecision; r.IsValid(); r++ {
		if prev, dup := names[r.String()]; dup {
			t.Errorf("reasons %d and %d share the name %q", prev, r, r.String())
		}
		if prev, dup := sentences[r.Sentence()]; dup {
			t.Errorf("reasons %v and %v share the sentence %q", prev, r, r.Sentence())
		}
		names[r.String()], sentences[r.Sentence()] = r, r
		if text, err := r.MarshalText(); err != nil || string(text) != r.String() {
			t.Errorf("%v.MarshalText() = %q, %v", r, text, err)
		}
		if back, err := permission.ParseReason(r.String()); err != nil || back != r {
			t.Errorf("ParseReason(%q) = %v, %v; want %v", r.String(), back, err, r)
		}
	}
}
