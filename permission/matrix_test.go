package permission_test

// The decision matrix: every system set against a fixed list of
// representative resources, for every action of each resource's kind, kept
// as a golden file; and the human "who can do what" table derived from it.
// Regenerate both with
//
//	go test ./permission -run TestDecisionMatrix -update

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
	"github.com/google/go-cmp/cmp"
)

// pfUpdate is the -update flag. Another test file of this package may
// declare the same flag; init runs after every package-level variable, so
// looking it up first avoids defining it twice. pfUpdating reads whichever
// definition won.
var pfUpdate *bool

func init() {
	if flag.Lookup("update") == nil {
		pfUpdate = flag.Bool("update", false, "rewrite golden files")
	}
}

func pfUpdating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

var (
	pfMatrixGolden = filepath.Join("..", "testdata", "matrix.golden")
	pfRolesGolden  = filepath.Join("..", "testdata", "roles.md")
)

// The person the matrix asks about, and what they are a member of.
const (
	pfMe    scope.ID = 1
	pfOther scope.ID = 2 // someone else
	pfThird scope.ID = 3 // a third person, approver of budgets that are not pfMe's

	pfPublicMember     scope.ID = 10
	pfPrivateMember    scope.ID = 11
	pfPublicNotMember  scope.ID = 12
	pfPrivateNotMember scope.ID = 13

	pfBudgetMember    scope.ID = 20
	pfBudgetNotMember scope.ID = 21

	pfDealAssigned    scope.ID = 30
	pfDealNotAssigned scope.ID = 31

	pfWorkplace      scope.ID = 40 // pfMe's subsidiary
	pfWorkplaceOther scope.ID = 41
)

// pfMatrixSubject is the holder of system set s: pfMe, a member of projects
// 10 and 11, budget 20, and assigned deal 30, of subsidiary 40, in an
// organization on the Ultimate plan.
func pfMatrixSubject(s set.Set) permission.Subject {
	subj := s.Subject(testOrg, pfMe)
	subj.Projects = scope.NewMembers(pfPublicMember, pfPrivateMember)
	subj.Budgets = scope.NewMembers(pfBudgetMember)
	subj.Deals = scope.NewMembers(pfDealAssigned)
	subj.Workplace = pfWorkplace
	subj.Plan = set.Ultimate
	return subj
}

// pfLabel describes r relative to pfMatrixSubject, naming only the fields
// r's kind uses.
func pfLabel(r permission.Resource) string {
	var parts []string
	project := func() {
		vis := r.Visibility.String()
		if r.Project == pfPublicMember || r.Project == pfPrivateMember {
			parts = append(parts, vis+" project (member)")
		} else {
			parts = append(parts, vis+" project (not member)")
		}
	}
	budget := func() {
		if r.Budget == pfBudgetMember {
			parts = append(parts, "budget (member)")
		} else {
			parts = append(parts, "budget (not member)")
		}
		if r.ClientAccess {
			parts = append(parts, "client access on")
		} else {
			parts = append(parts, "client access off")
		}
	}
	person := func() {
		if r.Person == pfMe {
			parts = append(parts, "own")
		} else {
			parts = append(parts, "someone else's")
		}
	}
	workplace := func() {
		switch r.Workplace {
		case pfWorkplace:
			parts = append(parts, "same subsidiary")
		case 0:
			parts = append(parts, "no subsidiary")
		default:
			parts = append(parts, "other subsidiary")
		}
	}
	switch r.Kind {
	case permission.KindPerson:
		person()
		if r.Person != pfMe { // one's own record carries one's own role
			parts = append(parts, r.PersonRole.String())
			if !r.PersonPermissions.SubsetOf(set.MustSystem(r.PersonRole, 0, 0).Permissions()) {
				parts = append(parts, "with more than the default set")
			}
		}
		workplace()
	case permission.KindAllocation:
		person()
		workplace()
	case permission.KindTimeOff:
		person()
		workplace()
		switch {
		case r.Approvers.Has(pfMe):
			parts = append(parts, "approver: self")
		case r.ManagerApproves && r.Manager == pfMe:
			parts = append(parts, "approver: self as manager")
		case r.Approvers.Len() > 0:
			parts = append(parts, "approver: someone else")
		default:
			parts = append(parts, "no approver")
		}
	case permission.KindBooking:
		person()
		project()
		if r.Budget != 0 {
			budget()
		}
	case permission.KindExpense:
		person()
		project()
		budget()
	case permission.KindProject, permission.KindTask, permission.KindDoc:
		project()
	case permission.KindBudget, permission.KindInvoice, permission.KindPurchaseOrder, permission.KindService:
		project()
		budget()
	case permission.KindTimeEntry:
		person()
		project()
		budget()
		if r.Approver == pfMe {
			parts = append(parts, "approver: self")
		} else {
			parts = append(parts, "approver: someone else")
		}
		switch {
		case !r.ApprovalRequired:
			parts = append(parts, "no approval")
		case r.Approved:
			parts = append(parts, "approved")
		default:
			parts = append(parts, "awaiting approval")
		}
	case permission.KindDeal:
		if r.Deal == pfDealAssigned {
			parts = append(parts, "assigned")
		} else {
			parts = append(parts, "not assigned")
		}
	}
	if len(parts) == 0 {
		return r.Kind.String()
	}
	return r.Kind.String() + ": " + strings.Join(parts, ", ")
}

// pfMatrixResources is the fixed list of representative resources, for
// the holder of a set of role holder: their own person record carries their
// role.
func pfMatrixResources(holder role.Role) []permission.Resource {
	var out []permission.Resource
	add := func(r permission.Resource) { out = append(out, r) }
	projects := []struct {
		id  scope.ID
		vis scope.Visibility
	}{
		{pfPublicMember, scope.Public}, {pfPublicNotMember, scope.Public},
		{pfPrivateMember, scope.Private}, {pfPrivateNotMember, scope.Private},
	}

	add(permission.Resource{Org: testOrg, Kind: permission.KindOrganization})
	add(permission.Resource{Org: testOrg, Kind: permission.KindContact})
	add(permission.Resource{Org: testOrg, Kind: permission.KindClient})
	// People: one's own record, and someone else's: a Staff member (below
	// or at every employee), an Admin (above everyone but the Owner) and
	// the Owner, whose set nobody changes.
	// Each holds the default set of their role; one Staff member holds
	// more (cost rates), which a Manager lacks.
	setOf := func(r role.Role) permission.Mask { return set.MustSystem(r, 0, 0).Permissions() }
	add(permission.Resource{Org: testOrg, Kind: permission.KindPerson, Person: pfMe, PersonRole: holder, PersonPermissions: setOf(holder), Workplace: pfWorkplace})
	for _, r := range []role.Role{role.Staff, role.Admin, role.Owner} {
		add(permission.Resource{Org: testOrg, Kind: permission.KindPerson, Person: pfOther, PersonRole: r, PersonPermissions: setOf(r), Workplace: pfWorkplace})
	}
	add(permission.Resource{Org: testOrg, Kind: permission.KindPerson, Person: pfOther, PersonRole: role.Staff,
		PersonPermissions: setOf(role.Staff).With(permission.PeopleViewCostRates).Closure(), Workplace: pfWorkplaceOther})
	// Absence and allocations: own, or someone else's of the same
	// subsidiary or another; absence requests with each kind of approver.
	for _, w := range []scope.ID{pfWorkplace, pfWorkplaceOther} {
		add(permission.Resource{Org: testOrg, Kind: permission.KindAllocation, Person: pfOther, Workplace: w})
	}
	add(permission.Resource{Org: testOrg, Kind: permission.KindAllocation, Person: pfMe, Workplace: pfWorkplace})
	named := scope.NewMembers(pfMe)
	someone := scope.NewMembers(pfThird)
	add(permission.Resource{Org: testOrg, Kind: permission.KindTimeOff, Person: pfMe, Workplace: pfWorkplace, Approvers: someone})
	for _, w := range []scope.ID{pfWorkplace, pfWorkplaceOther} {
		add(permission.Resource{Org: testOrg, Kind: permission.KindTimeOff, Person: pfOther, Workplace: w, Approvers: named})
		add(permission.Resource{Org: testOrg, Kind: permission.KindTimeOff, Person: pfOther, Workplace: w, Approvers: someone})
	}
	add(permission.Resource{Org: testOrg, Kind: permission.KindTimeOff, Person: pfOther, Workplace: pfWorkplace, Manager: pfMe, ManagerApproves: true})
	add(permission.Resource{Org: testOrg, Kind: permission.KindTimeOff, Person: pfOther, Workplace: pfWorkplace})
	// Bookings: own or someone else's, on a project in reach or not, and on
	// a budget they are a member of of a project they are not.
	for _, person := range []scope.ID{pfMe, pfOther} {
		for _, p := range projects {
			add(permission.Resource{Org: testOrg, Kind: permission.KindBooking, Person: person, Project: p.id, Visibility: p.vis})
		}
		add(permission.Resource{Org: testOrg, Kind: permission.KindBooking, Person: person, Project: pfPrivateNotMember, Visibility: scope.Private, Budget: pfBudgetMember})
	}
	// Expenses: own or someone else's, on a budget they are a member of or
	// not, on a public project or a private one.
	for _, person := range []scope.ID{pfMe, pfOther} {
		add(permission.Resource{Org: testOrg, Kind: permission.KindExpense, Person: person, Project: pfPrivateMember, Visibility: scope.Private, Budget: pfBudgetMember})
		add(permission.Resource{Org: testOrg, Kind: permission.KindExpense, Person: person, Project: pfPublicNotMember, Visibility: scope.Public, Budget: pfBudgetNotMember})
		add(permission.Resource{Org: testOrg, Kind: permission.KindExpense, Person: person, Project: pfPrivateNotMember, Visibility: scope.Private, Budget: pfBudgetNotMember})
	}
	for _, k := range []permission.Kind{permission.KindProject, permission.KindTask, permission.KindDoc} {
		for _, p := range projects {
			add(permission.Resource{Org: testOrg, Kind: k, Project: p.id, Visibility: p.vis})
		}
	}
	// Budgets and invoices: each step of the client's chain (project member,
	// budget member, Client access on) failing alone, and the employees'
	// reach (member of the project or of the budget, public project).
	budgets := []struct {
		project      scope.ID
		vis          scope.Visibility
		budget       scope.ID
		clientAccess bool
	}{
		{pfPrivateMember, scope.Private, pfBudgetMember, true},
		{pfPrivateMember, scope.Private, pfBudgetMember, false},
		{pfPrivateMember, scope.Private, pfBudgetNotMember, true},
		{pfPrivateNotMember, scope.Private, pfBudgetMember, true},
		{pfPublicNotMember, scope.Public, pfBudgetNotMember, true},
		{pfPrivateNotMember, scope.Private, pfBudgetNotMember, true},
	}
	for _, k := range []permission.Kind{permission.KindBudget, permission.KindInvoice, permission.KindPurchaseOrder, permission.KindService} {
		for _, b := range budgets {
			add(permission.Resource{Org: testOrg, Kind: k, Project: b.project, Visibility: b.vis, Budget: b.budget, ClientAccess: b.clientAccess})
		}
	}
	// Time entries: own or someone else's, approver or not, in reach or
	// not (on a budget they are a member of, of a project they are not),
	// with time approval off, awaiting approval, or approved.
	entries := []struct {
		person, project scope.ID
		vis             scope.Visibility
		budget          scope.ID
		clientAccess    bool
		approver        scope.ID
		required        bool
		approved        bool
	}{
		{pfMe, pfPrivateMember, scope.Private, pfBudgetMember, true, pfThird, false, false},
		{pfMe, pfPrivateMember, scope.Private, pfBudgetMember, true, pfMe, true, false},
		{pfMe, pfPublicNotMember, scope.Public, pfBudgetNotMember, true, pfThird, false, false},
		{pfMe, pfPrivateNotMember, scope.Private, pfBudgetNotMember, true, pfThird, false, false},
		{pfMe, pfPrivateNotMember, scope.Private, pfBudgetMember, true, pfThird, false, false},
		{pfOther, pfPrivateMember, scope.Private, pfBudgetMember, true, pfMe, true, false},
		{pfOther, pfPrivateMember, scope.Private, pfBudgetMember, true, pfMe, false, false},
		{pfOther, pfPrivateMember, scope.Private, pfBudgetMember, true, pfThird, true, false},
		{pfOther, pfPrivateMember, scope.Private, pfBudgetMember, true, pfThird, true, true},
		{pfOther, pfPrivateMember, scope.Private, pfBudgetMember, false, pfMe, true, false},
		{pfOther, pfPrivateNotMember, scope.Private, pfBudgetMember, true, pfMe, true, false},
		{pfOther, pfPrivateNotMember, scope.Private, pfBudgetMember, true, pfThird, true, false},
		{pfOther, pfPublicNotMember, scope.Public, pfBudgetNotMember, true, pfMe, true, false},
		{pfOther, pfPublicNotMember, scope.Public, pfBudgetNotMember, true, pfThird, true, false},
		{pfOther, pfPrivateNotMember, scope.Private, pfBudgetNotMember, true, pfThird, true, false},
	}
	for _, e := range entries {
		add(permission.Resource{Org: testOrg, Kind: permission.KindTimeEntry, Person: e.person, Project: e.project, Visibility: e.vis,
			Budget: e.budget, ClientAccess: e.clientAccess, Approver: e.approver, ApprovalRequired: e.required, Approved: e.approved})
	}
	add(permission.Resource{Org: testOrg, Kind: permission.KindDeal, Deal: pfDealAssigned})
	add(permission.Resource{Org: testOrg, Kind: permission.KindDeal, Deal: pfDealNotAssigned})
	return out
}

// pfVerdict prints a decision as the matrix shows it.
func pfVerdict(d permission.Decision) string {
	if d.Allowed() {
		return "allow " + d.Reason().String()
	}
	v := "deny " + d.Reason().String()
	if d.Missing() != 0 {
		v += " " + d.Missing().String()
	}
	return v
}

// pfMatrix returns the sorted lines of the decision matrix.
func pfMatrix(t *testing.T) []string {
	var lines []string
	for _, s := range pfSystems {
		subj := pfMatrixSubject(s)
		if err := subj.Validate(); err != nil {
			t.Fatalf("system set %q: %v", s.Name(), err)
		}
		resources := pfMatrixResources(s.Role())
		labels := map[string]bool{}
		for _, r := range resources {
			if err := r.Validate(); err != nil {
				t.Fatalf("matrix resource %+v: %v", r, err)
			}
			if l := pfLabel(r); labels[l] {
				t.Fatalf("two matrix resources are labelled %q", l)
			} else {
				labels[l] = true
			}
		}
		for _, r := range resources {
			for _, a := range pfActionsOf(r.Kind) {
				lines = append(lines, fmt.Sprintf("%s | %s | %v | %s", s.Name(), pfLabel(r), a, pfVerdict(permission.Authorize(subj, a, r))))
			}
		}
	}
	slices.Sort(lines)
	return lines
}

// pfShort is the column header of a system set in roles.md.
func pfShort(s set.Set) string {
	var b strings.Builder
	switch s.Role() {
	case role.Staff:
		b.WriteString("St")
	case role.Coordinator:
		b.WriteString("Co")
	case role.Manager:
		b.WriteString("Mg")
	case role.ProfitabilityManager:
		b.WriteString("PM")
	case role.Admin:
		b.WriteString("Ad")
	case role.Owner:
		b.WriteString("Ow")
	case role.Client:
		b.WriteString("Cl")
	case role.Contractor:
		b.WriteString("Ctr")
	default:
		b.WriteString(s.Role().String())
	}
	var add string
	if s.Addons().Has(set.AddonContacts) {
		add += "C"
	}
	if s.Addons().Has(set.AddonTime) {
		add += "T"
	}
	if s.Addons().Has(set.AddonBudgets) {
		add += "B"
	}
	if add != "" {
		b.WriteString("+" + add)
	}
	if s.Role().HasScopeChoice() && s.Scope() == scope.Restricted {
		b.WriteString("-R")
	}
	return b.String()
}

// pfFavourable is the most favourable resource for action a: the holder is
// a member of the public project, the budget (with Client access on) and
// the deal, and approves the budget; the record is their own for
// own-record rules, and someone else's otherwise unless that is denied and
// their own is allowed (the subject's own time entries, bookings, absence
// and expenses), a Staff member's for a person (whom every employee outranks
// or equals) holding the Staff set, of the holder's subsidiary; a time entry
// awaits approval, and an absence request names the holder as its approver.
func pfFavourable(s permission.Subject, a permission.Action) permission.Resource {
	r := permission.Resource{Org: testOrg, Kind: a.Kind(), Project: pfPublicMember, Visibility: scope.Public,
		Budget: pfBudgetMember, ClientAccess: true, Deal: pfDealAssigned, Person: pfOther, PersonRole: role.Staff, Approver: pfMe,
		ApprovalRequired: a == permission.ApproveTimeEntry, Approvers: scope.NewMembers(pfMe), Workplace: pfWorkplace,
		PersonPermissions: set.MustSystem(role.Staff, 0, 0).Permissions()}
	if rule := a.Rule(); rule == permission.OwnRecord || rule == permission.OwnRecordInReach {
		r.Person = pfMe
	}
	if own := r; !permission.Authorize(s, a, r).Allowed() {
		own.Person = pfMe
		if permission.Authorize(s, a, own).Allowed() {
			return own
		}
	}
	return r
}

// pfRoles renders roles.md.
func pfRoles() string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("# Who can do what\n\n")
	w("Generated from the action table and the system permission sets by\n")
	w("`go test ./permission -run TestDecisionMatrix -update`; do not edit by hand.\n")
	w("The full decision matrix, resource by resource, is `testdata/matrix.golden`.\n\n")
	w("A cell is ✓ when a person holding the column's system set may take the row's action on\n")
	w("the most favourable resource of its kind, and — when even that is denied. The most\n")
	w("favourable resource is a public project the person is a member of, a budget they are a\n")
	w("member of with Client access on and of which they are the approver, a deal assigned to them,\n")
	w("their own record for the actions on one's own records (tracking time, requesting time off,\n")
	w("one's own schedule) and someone else's record for every other action on a person, time entry,\n")
	w("absence, booking or expense unless only their own is allowed; for a person, a Staff member's\n")
	w("holding the Staff set. Records of people are of the person's own subsidiary; a time entry to\n")
	w("approve awaits approval (for everything else its budget requires none), and\n")
	w("an absence request names the person as its approver. The organization is on the Ultimate plan.\n\n")

	w("## Columns\n\n| Column | System set | Preset |\n|---|---|---|\n")
	for _, s := range pfSystems {
		w("| %s | %s | %v |\n", pfShort(s), s.Name(), s.Scope())
	}

	w("\n## Reach rights\n\n")
	w("A ✓ above holds on the most favourable resource. On others, reach rights decide, object\n")
	w("type by object type: each cell names the reach right the set holds for that object type, the\n")
	w("widest first (`all`: every record; `public`: public projects and their own; `member`: what\n")
	w("they are a member of; `own`: their own records; `—`: none). The Unlimited sets hold the `all`\n")
	w("rights; a Restricted set holds the narrower right of each.\n\n")
	ladders := []struct {
		name  string
		rungs []permission.Permission // widest first
		words []string
	}{
		{"projects", []permission.Permission{permission.ProjectsViewAll, permission.ProjectsViewPublic, permission.ProjectsView}, []string{"all", "public", "member"}},
		{"deals", []permission.Permission{permission.DealsViewAll, permission.DealsView}, []string{"all", "member"}},
		{"budgets", []permission.Permission{permission.BudgetsViewAll, permission.BudgetsView}, []string{"all", "member"}},
		{"invoices", []permission.Permission{permission.InvoicesViewAll, permission.InvoicesView}, []string{"all", "member"}},
		{"expenses", []permission.Permission{permission.ExpensesManageAll, permission.ExpensesManageOwn}, []string{"all", "own"}},
		{"time entries", []permission.Permission{permission.TimeViewOthers, permission.TimeTrackOwn}, []string{"others", "own"}},
		{"bookings", []permission.Permission{permission.SchedulesViewOthers, permission.SchedulesViewOwn}, []string{"others", "own"}},
		{"absence", []permission.Permission{permission.TimeOffViewOthers, permission.TimeOffRequestOwn}, []string{"all", "own"}},
	}
	w("| Set |")
	for _, l := range ladders {
		w(" %s |", l.name)
	}
	w("\n|---|")
	for range ladders {
		w(":-:|")
	}
	w("\n")
	for _, s := range pfSystems {
		w("| %s |", pfShort(s))
		for _, l := range ladders {
			cell := "—"
			for i, p := range l.rungs {
				if s.Has(p) {
					cell = l.words[i]
					break
				}
			}
			w(" %s |", cell)
		}
		w("\n")
	}
	w("\n")
	w("- Records on projects (tasks, docs, time entries, bookings) follow the project reach rights;\n")
	w("  `others` for time entries and bookings means anyone's on the projects the set reaches.\n")
	w("- `member` for budgets and invoices means a member of the budget or of its project.\n")
	w("- A **client** reaches a budget (and its time entries) only as a member of its project and of\n")
	w("  the budget, with the budget's Client access on; and never sees worked time, billable time,\n")
	w("  cost, rates, profit, margin, invoicing or expenses, whatever the set holds.\n")
	w("- Any employee may **join** a public project; Contractors and Clients join nothing.\n")
	w("- The organization's financial report figures need `budgets.view_all`: a set that reaches some\n")
	w("  budgets sees their figures on the budgets themselves.\n")

	var header, rule strings.Builder
	header.WriteString("| Action | Requires |")
	rule.WriteString("|---|---|")
	for _, s := range pfSystems {
		header.WriteString(" " + pfShort(s) + " |")
		rule.WriteString(":-:|")
	}
	for sec := range permission.Sections() {
		var rows []string
		for _, a := range pfAllActions {
			if a.Section() != sec {
				continue
			}
			var req []string
			for p := range a.Requires().All() {
				req = append(req, p.String())
			}
			row := fmt.Sprintf("| `%v` | %s |", a, strings.Join(req, ", "))
			for _, s := range pfSystems {
				subj := pfMatrixSubject(s)
				row += " " + pfMark(permission.Authorize(subj, a, pfFavourable(subj, a)).Allowed()) + " |"
			}
			rows = append(rows, row)
		}
		if len(rows) == 0 {
			continue
		}
		w("\n## %v\n\n%s\n%s\n%s\n", sec, header.String(), rule.String(), strings.Join(rows, "\n"))
	}
	return b.String()
}

func pfMark(ok bool) string {
	if ok {
		return "✓"
	}
	return "—"
}

// pfGolden compares got with the golden file at path, or rewrites the file
// under -update.
func pfGolden(t *testing.T, path, got string) {
	t.Helper()
	if pfUpdating() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", path)
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./permission -run TestDecisionMatrix -update to create it)", err)
	}
	if diff := cmp.Diff(strings.Split(string(want), "\n"), strings.Split(got, "\n")); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s\nIf the change is intended, rerun with -update.", path, diff)
	}
}

func TestDecisionMatrix(t *testing.T) {
	if len(pfSystems) != 15 {
		t.Errorf("set.Systems() yields %d sets, want 15: Staff with each combination of its two add-ons (4), "+
			"Coordinator, Manager and Profitability Manager each Unlimited and Restricted (6), Admin, Owner, "+
			"Client with and without budgets (2), Contractor", len(pfSystems))
	}
	lines := pfMatrix(t)
	t.Logf("%d decisions in the matrix", len(lines))
	pfGolden(t, pfMatrixGolden, strings.Join(lines, "\n")+"\n")
	pfGolden(t, pfRolesGolden, pfRoles())
}
