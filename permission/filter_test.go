package permission_test

import (
	"fmt"
	"testing"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
	"github.com/google/go-cmp/cmp"
)

// cvClause is a Filter clause written out: the names of its conditions, any
// of which satisfies it, and the reason a decision gives when it fails.
type cvClause struct {
	Any  []string
	Else string
}

// cvFilter is a Filter written out, for comparison with cmp.
type cvFilter struct {
	None    bool
	All     bool
	Reason  string
	Clauses []cvClause
}

func cvFilterOf(f permission.Filter) cvFilter {
	out := cvFilter{None: f.None(), All: f.Everything(), Reason: f.Reason().String()}
	for cl := range f.Clauses() {
		c := cvClause{Any: []string{}, Else: cl.Reason().String()}
		for cond := range cl.Conditions() {
			c.Any = append(c.Any, cond.String())
		}
		out.Clauses = append(out.Clauses, c)
	}
	return out
}

// cvSubject is the subject for person 7 holding the given system set.
func cvSubject(r role.Role, sc scope.Scope, a set.Addons) permission.Subject {
	s := set.MustSystem(r, sc, a).Subject(testOrg, 7)
	s.Plan = set.Professional // clients see budgets from the Professional plan
	return s
}

// TestListClauses reads the filters that List gives for the seeds' reach
// rules, clause by clause, as a host would translate them into a query.
func TestListClauses(t *testing.T) {
	restrictedManager := cvSubject(role.Manager, scope.Restricted, 0)
	for _, tt := range []struct {
		name string
		s    permission.Subject
		a    permission.Action
		want cvFilter
	}{
		{
			// "With unlimited access, the Manager can access all deals and projects."
			"unlimited manager views projects", cvSubject(role.Manager, scope.Unlimited, 0), permission.ViewProject,
			cvFilter{All: true, Reason: "granted"},
		},
		{
			// "With Restricted access can access all public projects, assigned
			// deals, and private projects they are a member of."
			"restricted manager views projects", restrictedManager, permission.ViewProject,
			cvFilter{Reason: "granted", Clauses: []cvClause{{[]string{"project_is_public", "project_is_shared"}, "private_not_member"}}},
		},
		{
			"restricted manager views deals", restrictedManager, permission.ViewDeal,
			cvFilter{Reason: "granted", Clauses: []cvClause{{[]string{"deal_is_assigned"}, "deal_not_assigned"}}},
		},
		{
			// Approving needs a permission and a relation: someone else's
			// entry, a budget in reach, and being its approver.
			"restricted manager approves time entries", restrictedManager, permission.ApproveTimeEntry,
			cvFilter{Reason: "granted", Clauses: []cvClause{
				// "Approve time entries where user is approver": the relation
				// is the reach, with no project membership.
				{[]string{"owned_by_other"}, "own_record_refused"},
				{[]string{"approval_on"}, "nothing_to_approve"},
				{[]string{"approved_by_subject"}, "not_approver"},
			}},
		},
		{
			// The organization-wide approval permission stands in for being
			// the approver; nobody approves their own time.
			"admin approves time entries", cvSubject(role.Admin, 0, 0), permission.ApproveTimeEntry,
			cvFilter{Reason: "granted", Clauses: []cvClause{
				{[]string{"owned_by_other"}, "own_record_refused"},
				{[]string{"approval_on"}, "nothing_to_approve"},
			}},
		},
		{
			// Staff with access to time: "access budgets and times of projects
			// that is a member of".
			"staff with time views time entries", cvSubject(role.Staff, 0, set.AddonTime), permission.ViewTimeEntry,
			// Budget membership is its own relation: it reaches the time on the budget.
			cvFilter{Reason: "granted", Clauses: []cvClause{{[]string{"project_is_shared", "budget_is_shared"}, "not_in_reach"}}},
		},
		{
			// Contractor: "track time for projects they are members of".
			"contractor tracks time", cvSubject(role.Contractor, 0, 0), permission.TrackTime,
			cvFilter{Reason: "granted", Clauses: []cvClause{
				{[]string{"owned_by_subject"}, "not_own_record"},
				{[]string{"project_is_shared", "budget_is_shared"}, "not_in_reach"},
			}},
		},
		{
			// "Inviting them to specific projects and budgets is a necessary
			// step" and "toggle on the "Client access" option".
			"client with budgets views budgets", cvSubject(role.Client, 0, set.AddonBudgets), permission.ViewBudget,
			cvFilter{Reason: "granted", Clauses: []cvClause{
				{[]string{"project_is_shared"}, "not_in_reach"},
				{[]string{"budget_is_shared"}, "budget_not_shared"},
				{[]string{"budget_client_access"}, "client_access_off"},
			}},
		},
		{
			// DESIGN: "nobody changes the Owner's set; an Admin does not
			// change their own set"; nor anyone the set of someone above them.
			"admin changes permission sets", cvSubject(role.Admin, 0, 0), permission.ChangePermissionSet,
			cvFilter{Reason: "granted", Clauses: []cvClause{
				{[]string{"owned_by_other"}, "own_record_refused"},
				{[]string{"person_manageable"}, "person_protected"},
				{[]string{"person_within_rights"}, "person_holds_more"},
			}},
		},
		{
			"coordinator changes permission sets", cvSubject(role.Coordinator, 0, 0), permission.ChangePermissionSet,
			cvFilter{None: true, Reason: "missing_permission"},
		},
		{
			// Any employee may join a public project (DESIGN).
			"staff joins projects", cvSubject(role.Staff, 0, 0), permission.JoinProject,
			cvFilter{Reason: "granted", Clauses: []cvClause{{[]string{"project_is_public", "project_is_shared"}, "private_not_member"}}},
		},

		// Filters that match nothing have no clauses to translate.
		{
			"contractor joins projects", cvSubject(role.Contractor, 0, 0), permission.JoinProject,
			cvFilter{None: true, Reason: "employees_only"},
		},
		{
			// "Note that clients will never see your Worked time in Productive."
			"client with budgets views budget time", cvSubject(role.Client, 0, set.AddonBudgets), permission.ViewBudgetWorkedTime,
			cvFilter{None: true, Reason: "client_never_sees"},
		},
		{
			"staff connects the accounting tool", cvSubject(role.Staff, 0, 0), permission.ConnectAccounting,
			cvFilter{None: true, Reason: "missing_permission"},
		},
		{
			"admin transfers ownership", cvSubject(role.Admin, 0, 0), permission.TransferOwnership,
			cvFilter{None: true, Reason: "owner_only"},
		},
		{
			"zero subject", permission.Subject{}, permission.ViewProject,
			cvFilter{None: true, Reason: "invalid_subject"},
		},
		{
			"zero action", cvSubject(role.Owner, 0, 0), 0,
			cvFilter{None: true, Reason: "invalid_action"},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := permission.List(tt.s, tt.a)
			if diff := cmp.Diff(tt.want, cvFilterOf(f)); diff != "" {
				t.Errorf("List(%v) mismatch (-want +got):\n%s", tt.a, diff)
			}
		})
	}
}

// TestFilterIteratorsStopEarly: Clauses and Conditions honour a break.
func TestFilterIteratorsStopEarly(t *testing.T) {
	f := permission.List(cvSubject(role.Manager, scope.Restricted, 0), permission.TrackTime)
	all := cvFilterOf(f).Clauses
	if len(all) < 2 {
		t.Fatalf("want a filter of several clauses, got %v", all)
	}
	var first []cvClause
	for cl := range f.Clauses() {
		c := cvClause{Any: []string{}, Else: cl.Reason().String()}
		for cond := range cl.Conditions() {
			c.Any = append(c.Any, cond.String())
			break
		}
		first = append(first, c)
		break
	}
	want := []cvClause{{Any: all[0].Any[:1], Else: all[0].Else}}
	if diff := cmp.Diff(want, first); diff != "" {
		t.Errorf("first condition of the first clause mismatch (-want +got):\n%s", diff)
	}

	// Stop in the middle of a clause of several conditions.
	var got []permission.Condition
	for cl := range f.Clauses() {
		n := 0
		for cond := range cl.Conditions() {
			got = append(got, cond)
			if n++; n == 2 {
				break
			}
		}
	}
	if want := []permission.Condition{permission.OwnedBySubject, permission.ProjectIsPublic, permission.ProjectIsShared}; !cmp.Equal(want, got) {
		t.Errorf("conditions, stopping after two in a clause = %v, want %v", got, want)
	}
}

// TestConditionString: each condition has its snake_case name; a value that
// is not exactly one condition prints as condition(0x..).
func TestConditionString(t *testing.T) {
	want := map[permission.Condition]string{
		permission.ProjectIsPublic:    "project_is_public",
		permission.ProjectIsShared:    "project_is_shared",
		permission.DealIsAssigned:     "deal_is_assigned",
		permission.BudgetIsShared:     "budget_is_shared",
		permission.BudgetClientAccess: "budget_client_access",
		permission.OwnedBySubject:     "owned_by_subject",
		permission.OwnedByOther:       "owned_by_other",
		permission.ApprovedBySubject:  "approved_by_subject",
		permission.PersonManageable:   "person_manageable",
		permission.PersonWithinRights: "person_within_rights",
		permission.SameWorkplace:      "same_workplace",
		permission.ApprovalOn:         "approval_on",
		permission.ApprovalOff:        "approval_off",
		permission.EntryApproved:      "entry_approved",
		permission.NamedApprover:      "named_approver",
		permission.ManagerApprover:    "manager_approver",
		permission.AwaitsApprover:     "awaits_approver",
	}
	for c, name := range want {
		if got := c.String(); got != name {
			t.Errorf("Condition(%#x).String() = %q, want %q", uint32(c), got, name)
		}
	}
	for _, c := range []permission.Condition{
		0, // no condition
		permission.ProjectIsPublic | permission.ProjectIsShared, // two conditions
		permission.AwaitsApprover << 1,                          // past the last
		0xffffffff,
	} {
		if got, want := c.String(), fmt.Sprintf("condition(%#x)", uint32(c)); got != want {
			t.Errorf("Condition(%#x).String() = %q, want %q", uint32(c), got, want)
		}
	}
}

// TestZeroFilterMatchesNothing: a Filter nobody built must not read as
// "everything"; a host that checks None, then All, lists nothing.
func TestZeroFilterMatchesNothing(t *testing.T) {
	var f permission.Filter
	if !f.None() || f.Everything() || f.Reason() != permission.NoDecision {
		t.Errorf("zero Filter: None=%v All=%v Reason=%v; want None, not All, no_decision", f.None(), f.Everything(), f.Reason())
	}
	if f.Matches(permission.Resource{Org: testOrg, Kind: permission.KindOrganization}) {
		t.Error("zero Filter matches an organization")
	}
}

// TestFilterSubjectRank: SubjectRank is the subject's place in the employee
// order Staff (1) < Coordinator < Manager < Profitability Manager < Admin <
// Owner (6), what PersonManageable compares a person's rank against; a
// client or contractor is outside the order (0), and so is the zero Filter.
func TestFilterSubjectRank(t *testing.T) {
	want := map[role.Role]int{
		role.Staff: 1, role.Coordinator: 2, role.Manager: 3, role.ProfitabilityManager: 4,
		role.Admin: 5, role.Owner: 6, role.Client: 0, role.Contractor: 0,
	}
	got := map[role.Role]int{}
	for r := range role.All() {
		f := permission.List(cvSubject(r, 0, 0), permission.ChangePermissionSet)
		got[r] = f.SubjectRank()
		if f.SubjectID() != 7 {
			t.Errorf("List(%v).SubjectID() = %d, want 7", r, f.SubjectID())
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("SubjectRank mismatch (-want +got):\n%s", diff)
	}
	var zero permission.Filter
	if zero.SubjectRank() != 0 || zero.SubjectID() != 0 {
		t.Errorf("zero Filter: SubjectRank() = %d, SubjectID() = %d; want 0, 0", zero.SubjectRank(), zero.SubjectID())
	}
}
