package permission_test

// The host path: what a service does per request around a decision. It finds
// the person making the request by ID, finds the record the request names
// and builds what the decision reads from it, and decides. The baseline is
// what a team writes by hand instead of using clearance: a switch over the
// action with uint64 permission bits and Go maps of memberships. Both answer
// the same requests, the decisions of bmCases, and a test checks that they
// agree with Authorize on every one, so the baseline is a real
// implementation of the same rules, not a straw man.

import (
	"testing"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
)

// hsRecord is a record as the host keeps it in memory: the facts a rule may
// read, in the shape clearance reads them (a host that caches its records
// keeps them so, and hands clearance a pointer). Both paths read the same
// records: the switch its fields, clearance the whole.
type hsRecord struct {
	permission.Resource
}

// hsRequest is one request: who, what, on which record.
type hsRequest struct {
	user, record scope.ID
	action       permission.Action
}

// hsWorld is the host's store, for both paths, and the requests of the mix.
type hsWorld struct {
	records   map[scope.ID]*hsRecord
	requests  []hsRequest
	want      []bool
	subjects  map[scope.ID]permission.Subject
	clearance map[scope.ID]*permission.Principal
	directory *permission.Directory
	switched  map[scope.ID]*swUser
}

// hsNewWorld turns bmCases into a store: each case's subject becomes a
// person (the zero subject, and a forged subject sharing a person's ID, get
// IDs of their own), each case's resource a record.
func hsNewWorld(tb testing.TB) *hsWorld {
	w := &hsWorld{records: map[scope.ID]*hsRecord{}, subjects: map[scope.ID]permission.Subject{},
		clearance: map[scope.ID]*permission.Principal{}, switched: map[scope.ID]*swUser{}}
	for i, c := range bmCases {
		user := c.s.ID
		if prev, taken := w.subjects[user]; user == 0 || taken && prev != c.s {
			user = scope.ID(900 + i) // the zero subject, or a forged one sharing a real person's ID
		}
		w.subjects[user] = c.s
		p, _ := permission.Prepare(c.s) // an invalid subject is prepared to deny
		w.clearance[user] = p
		w.switched[user] = swUserOf(c.s)
		id := scope.ID(10_000 + i)
		w.records[id] = &hsRecord{c.r}
		w.requests = append(w.requests, hsRequest{user, id, c.a})
		w.want = append(w.want, permission.Authorize(c.s, c.a, c.r).Allowed())
	}
	var valid []*permission.Principal // a directory holds only valid principals: the others are people it does not know
	for _, p := range w.clearance {
		if p.Subject().Validate() == nil {
			valid = append(valid, p)
		}
	}
	var err error
	if w.directory, err = permission.NewDirectory(valid...); err != nil {
		tb.Fatal(err)
	}
	return w
}

// viaDirectory is the host path with clearance: look the person's prepared
// subject up in a Directory and the record in the host's map, decide on the
// record in place. A person the directory does not hold is nil, which is
// denied.
func (w *hsWorld) viaDirectory(q *hsRequest) bool {
	rec := w.records[q.record]
	if rec == nil {
		return false
	}
	return w.directory.Lookup(q.user).Authorize(q.action, &rec.Resource).Allowed()
}

// viaPrincipal is viaDirectory with the prepared subjects in a Go map, as a
// host that keeps its own does.
func (w *hsWorld) viaPrincipal(q *hsRequest) bool {
	rec := w.records[q.record]
	if rec == nil {
		return false
	}
	return w.clearance[q.user].Authorize(q.action, &rec.Resource).Allowed()
}

// viaSubject is the host path with the plain Authorize: the subject is
// looked up as a value and copied into the call.
func (w *hsWorld) viaSubject(q *hsRequest) bool {
	rec := w.records[q.record]
	if rec == nil {
		return false
	}
	return permission.Authorize(w.subjects[q.user], q.action, rec.Resource).Allowed()
}

// viaSwitch is the host path with the hand-written switch.
func (w *hsWorld) viaSwitch(q *hsRequest) bool {
	u, rec := w.switched[q.user], w.records[q.record]
	if u == nil || rec == nil || rec.Org != u.org {
		return false
	}
	return swDecide(u, q.action, rec)
}

// The baseline's permission bits: one per right the mix's actions read.
const (
	swProjectsView uint64 = 1 << iota
	swProjectsPublic
	swProjectsAll
	swProjectMembers
	swTasksView
	swDocs
	swTrackOwn
	swTimeViewOthers
	swTimeWorked
	swApprove
	swApproveMember
	swApproveAll
	swTimeOffOwn
	swTimeOffApprove
	swTimeOffApproveAll
	swInvoicesCopy
	swBudgetsView
	swBudgetsAll
	swBudgetsTime
	swBudgetsFinancials
	swBudgetsProfit
	swDealsView
	swDealsAll
	swInvoicesView
	swInvoicesAll
	swInvoicesManage
	swIntegrationsOrg
	swChangeSet
	swTransfer
	swDeactivate
)

// swBits maps clearance's permissions onto the baseline's bits, for building
// the baseline's users from the same sets; no request reads it.
var swBits = map[permission.Permission]uint64{
	permission.ProjectsView: swProjectsView, permission.ProjectsViewPublic: swProjectsPublic, permission.ProjectsViewAll: swProjectsAll,
	permission.ProjectsManageMembers: swProjectMembers, permission.TasksView: swTasksView, permission.DocsAccess: swDocs,
	permission.TimeTrackOwn: swTrackOwn, permission.TimeViewOthers: swTimeViewOthers, permission.TimeViewWorked: swTimeWorked,
	permission.TimeApprove: swApprove, permission.TimeApproveMemberBudgets: swApproveMember, permission.TimeApproveAll: swApproveAll,
	permission.TimeOffRequestOwn: swTimeOffOwn, permission.TimeOffApprove: swTimeOffApprove, permission.TimeOffApproveAll: swTimeOffApproveAll,
	permission.InvoicesCopyToAccounting: swInvoicesCopy,
	permission.BudgetsView:              swBudgetsView, permission.BudgetsViewAll: swBudgetsAll, permission.BudgetsViewTime: swBudgetsTime,
	permission.BudgetsViewFinancials: swBudgetsFinancials, permission.BudgetsViewProfit: swBudgetsProfit,
	permission.DealsView: swDealsView, permission.DealsViewAll: swDealsAll,
	permission.InvoicesView: swInvoicesView, permission.InvoicesViewAll: swInvoicesAll, permission.InvoicesManage: swInvoicesManage,
	permission.IntegrationsManageOrganizational: swIntegrationsOrg, permission.UsersChangePermissionSet: swChangeSet,
	permission.OrganizationTransferOwnership: swTransfer, permission.OrganizationDeactivate: swDeactivate,
}

// swUser is a person as the baseline keeps them.
type swUser struct {
	org, id                  scope.ID
	role                     role.Role
	plan                     permission.Plan
	bits                     uint64
	perms                    permission.Mask // for comparing with the set of a person whose set they change
	projects, deals, budgets map[scope.ID]struct{}
}

func swSet(ms scope.Members) map[scope.ID]struct{} {
	m := map[scope.ID]struct{}{}
	for id := range ms.All() {
		m[id] = struct{}{}
	}
	return m
}

// swUserOf builds the baseline's user from a subject. A subject clearance
// refuses as invalid becomes a user with no organization, whom the baseline
// denies like any stranger.
func swUserOf(s permission.Subject) *swUser {
	u := &swUser{org: s.Org, id: s.ID, role: s.Role, plan: s.Plan, perms: s.Permissions,
		projects: swSet(s.Projects), deals: swSet(s.Deals), budgets: swSet(s.Budgets)}
	if s.Validate() != nil {
		u.org = 0
		return u
	}
	for p := range s.Permissions.All() {
		u.bits |= swBits[p]
	}
	return u
}

func (u *swUser) has(bits uint64) bool { return u.bits&bits == bits }

// projectReach: all projects, public ones and their own, or their own.
func (u *swUser) projectReach(rec *hsRecord) bool {
	_, member := u.projects[rec.Project]
	return u.has(swProjectsAll) || u.has(swProjectsPublic) && rec.Visibility == scope.Public || member
}

// budgetMember: a member of the budget or of its project.
func (u *swUser) budgetMember(rec *hsRecord) bool {
	_, onBudget := u.budgets[rec.Budget]
	_, onProject := u.projects[rec.Project]
	return onBudget || onProject
}

// budgetReach: clients by the three switches; others all budgets, or
// those they are a member of.
func (u *swUser) budgetReach(rec *hsRecord) bool {
	if u.role == role.Client {
		_, onProject := u.projects[rec.Project]
		_, onBudget := u.budgets[rec.Budget]
		return onProject && onBudget && rec.ClientAccess
	}
	return u.has(swBudgetsAll) || u.budgetMember(rec)
}

// swDecide is the hand-written rule set for the mix's actions.
func swDecide(u *swUser, a permission.Action, rec *hsRecord) bool {
	client := u.role == role.Client
	switch a {
	case permission.ViewProject:
		return rec.Kind == permission.KindProject && rec.Project != 0 && u.has(swProjectsView) && u.projectReach(rec)
	case permission.AddProjectMember:
		return rec.Kind == permission.KindProject && rec.Project != 0 && u.has(swProjectsView|swProjectMembers) && u.projectReach(rec)
	case permission.JoinProject:
		_, member := u.projects[rec.Project]
		return rec.Kind == permission.KindProject && u.role.Kind() == role.Employee && u.has(swProjectsView) &&
			(u.has(swProjectsAll) || rec.Visibility == scope.Public || member)
	case permission.ViewTask:
		return rec.Kind == permission.KindTask && u.has(swProjectsView|swTasksView) && u.projectReach(rec)
	case permission.OpenDoc:
		return rec.Kind == permission.KindDoc && u.has(swProjectsView|swDocs) && u.projectReach(rec)
	case permission.TrackTime:
		_, onBudget := u.budgets[rec.Budget]
		return rec.Kind == permission.KindTimeEntry && rec.Budget != 0 && u.has(swTrackOwn) && rec.Person == u.id && (u.projectReach(rec) || onBudget)
	case permission.ApproveTimeEntry:
		if rec.Kind != permission.KindTimeEntry || rec.Budget == 0 || !u.has(swTimeViewOthers) || rec.Person == u.id || !rec.ApprovalRequired {
			return false
		}
		_, onBudget := u.budgets[rec.Budget]
		return u.has(swApproveAll) && u.projectReach(rec) || u.has(swApproveMember) && onBudget || u.has(swApprove) && rec.Approver == u.id
	case permission.RequestTimeOff:
		return rec.Kind == permission.KindTimeOff && u.has(swTimeOffOwn) && rec.Person == u.id
	case permission.ApproveTimeOff:
		if rec.Kind != permission.KindTimeOff || rec.Person == 0 || !u.has(swTimeOffApprove) || rec.Person == u.id {
			return false
		}
		manager := rec.ManagerApproves && rec.Manager != 0
		return (manager || rec.Approvers.Len() > 0) &&
			(u.has(swTimeOffApproveAll) || rec.Approvers.Has(u.id) || manager && rec.Manager == u.id)
	case permission.ViewDeal:
		_, assigned := u.deals[rec.Deal]
		return rec.Kind == permission.KindDeal && u.has(swDealsView) && (u.has(swDealsAll) || assigned)
	case permission.ViewBudget:
		return rec.Kind == permission.KindBudget && rec.Budget != 0 && u.has(swBudgetsView) && (!client || u.plan >= permission.Professional) && u.budgetReach(rec)
	case permission.ViewBudgetWorkedTime:
		return rec.Kind == permission.KindBudget && !client && u.has(swBudgetsView|swBudgetsTime) && u.budgetReach(rec)
	case permission.ViewBudgetProfit:
		return rec.Kind == permission.KindBudget && !client && u.has(swBudgetsView|swBudgetsFinancials|swBudgetsProfit) && u.budgetReach(rec)
	case permission.ViewInvoice:
		return rec.Kind == permission.KindInvoice && !client && u.has(swInvoicesView) && (u.has(swInvoicesAll) || u.budgetMember(rec))
	case permission.ExportInvoice:
		return rec.Kind == permission.KindInvoice && !client && u.has(swInvoicesView) && (u.has(swInvoicesCopy) || u.has(swInvoicesManage)) && (u.has(swInvoicesAll) || u.budgetMember(rec))
	case permission.ConnectAccounting:
		return rec.Kind == permission.KindOrganization && u.has(swIntegrationsOrg)
	case permission.ChangePermissionSet:
		return rec.Kind == permission.KindPerson && u.has(swChangeSet) && rec.Person != u.id &&
			rec.PersonRole != role.Owner && rec.PersonRole.Rank() <= u.role.Rank() &&
			!rec.PersonPermissions.IsEmpty() && rec.PersonPermissions.SubsetOf(u.perms)
	case permission.TransferOwnership:
		return rec.Kind == permission.KindOrganization && u.has(swTransfer)
	case permission.DeactivateOrganization:
		return rec.Kind == permission.KindOrganization && u.has(swDeactivate)
	}
	return false
}

// TestHostPathsAgree: on every request of the mix, the hand-written switch,
// the host path through a Principal and the one through Authorize all give
// Authorize's answer.
func TestHostPathsAgree(t *testing.T) {
	w := hsNewWorld(t)
	allowed := 0
	for i := range w.requests {
		q := &w.requests[i]
		sw, di, pr, su := w.viaSwitch(q), w.viaDirectory(q), w.viaPrincipal(q), w.viaSubject(q)
		if sw != w.want[i] || di != w.want[i] || pr != w.want[i] || su != w.want[i] {
			t.Errorf("%s: switch %v, directory %v, principal %v, subject %v; Authorize %v", bmCases[i].name, sw, di, pr, su, w.want[i])
		}
		if w.want[i] {
			allowed++
		}
	}
	if allowed == 0 || allowed == len(w.requests) {
		t.Errorf("the mix has %d allows of %d: it should have both", allowed, len(w.requests))
	}
}

// BenchmarkHostPath is the whole per-request cost, round-robin over the mix:
// the hand-written switch (the baseline); clearance through a Directory and
// a Principal (what the README recommends); the same with the principals in
// the host's own Go map; and clearance through the plain Authorize. The
// sub-benchmarks are named path=..., so that `benchstat -col /path` prints
// them side by side with their ratios to the switch.
func BenchmarkHostPath(b *testing.B) {
	w := hsNewWorld(b)
	for _, path := range []struct {
		name   string
		decide func(*hsRequest) bool
	}{
		{"path=switch", w.viaSwitch}, {"path=directory", w.viaDirectory},
		{"path=principal", w.viaPrincipal}, {"path=authorize", w.viaSubject},
	} {
		b.Run(path.name, func(b *testing.B) {
			b.ReportAllocs()
			j := 0
			for b.Loop() {
				bmSinkBool = path.decide(&w.requests[j])
				if j++; j == len(w.requests) {
					j = 0
				}
			}
		})
	}
}

// BenchmarkDecide is the decision alone, on arguments already at hand,
// round-robin over the mix: the switch on a stored user and record,
// Principal.Authorize on a prepared subject and a built resource, and
// Authorize on a subject and a resource.
func BenchmarkDecide(b *testing.B) {
	w := hsNewWorld(b)
	type prepared struct {
		u   *swUser
		rec *hsRecord
		p   *permission.Principal
		s   permission.Subject
		r   permission.Resource
		a   permission.Action
	}
	args := make([]prepared, len(w.requests))
	for i, q := range w.requests {
		rec := w.records[q.record]
		args[i] = prepared{w.switched[q.user], rec, w.clearance[q.user], w.subjects[q.user], rec.Resource, q.action}
	}
	b.Run("path=switch", func(b *testing.B) {
		b.ReportAllocs()
		j := 0
		for b.Loop() {
			x := &args[j]
			bmSinkBool = x.rec.Org == x.u.org && swDecide(x.u, x.a, x.rec)
			if j++; j == len(args) {
				j = 0
			}
		}
	})
	b.Run("path=principal", func(b *testing.B) {
		b.ReportAllocs()
		j := 0
		for b.Loop() {
			x := &args[j]
			bmSinkDecision = x.p.Authorize(x.a, &x.r)
			if j++; j == len(args) {
				j = 0
			}
		}
	})
	b.Run("path=authorize", func(b *testing.B) {
		b.ReportAllocs()
		j := 0
		for b.Loop() {
			x := &args[j]
			bmSinkDecision = permission.Authorize(x.s, x.a, x.r)
			if j++; j == len(args) {
				j = 0
			}
		}
	})
}
