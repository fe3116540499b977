package permission_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/clearance-go/clearance/permission"
	"github.com/google/go-cmp/cmp"
)

// cvActionName is the shape of a stable action name: "kind.verb", in
// lower-case snake_case on both sides of one dot.
var cvActionName = regexp.MustCompile(`^[a-z]+(_[a-z]+)*\.[a-z]+(_[a-z]+)*$`)

// cvInvalidActions are values outside the action table: the zero Action, the
// first value past the table, and the largest value.
var cvInvalidActions = []permission.Action{0, permission.Action(permission.ActionCount + 1), 255}

// TestActionTextRoundTrip: every action has a distinct dotted name, and
// String, ParseAction, MarshalText and UnmarshalText (also through
// encoding/json, which uses the text methods) all agree on it.
func TestActionTextRoundTrip(t *testing.T) {
	seen := map[string]permission.Action{}
	n := 0
	for a := range permission.Actions() {
		n++
		name := a.String()
		if !cvActionName.MatchString(name) {
			t.Errorf("%d.String() = %q, want a dotted lower-case name", a, name)
		}
		if prev, dup := seen[name]; dup {
			t.Errorf("actions %d and %d share the name %q", prev, a, name)
		}
		seen[name] = a

		if got, err := permission.ParseAction(name); err != nil || got != a {
			t.Errorf("ParseAction(%q) = %v, %v; want %v", name, got, err, a)
		}
		text, err := a.MarshalText()
		if err != nil || string(text) != name {
			t.Errorf("%v.MarshalText() = %q, %v; want %q", a, text, err, name)
		}
		var back permission.Action
		if err := back.UnmarshalText(text); err != nil || back != a {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", text, back, err, a)
		}
	}
	if n != permission.ActionCount {
		t.Errorf("Actions() yields %d actions, ActionCount is %d", n, permission.ActionCount)
	}

	// As a JSON map key and value, an action is written by name.
	in := map[permission.Action]permission.Action{permission.ExportInvoice: permission.ConnectAccounting}
	data, err := json.Marshal(in)
	if err != nil {
		t.Fatalf("json.Marshal(%v): %v", in, err)
	}
	if want := `{"invoice.export":"integration.connect_accounting"}`; string(data) != want {
		t.Errorf("json.Marshal = %s, want %s", data, want)
	}
	var out map[permission.Action]permission.Action
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatalf("json.Unmarshal(%s): %v", data, err)
	}
	if diff := cmp.Diff(in, out); diff != "" {
		t.Errorf("JSON round trip mismatch (-want +got):\n%s", diff)
	}
}

// TestParseActionErrors: anything but an exact action name is an error that
// wraps ErrUnknownAction and quotes the input; UnmarshalText then leaves its
// destination as it was.
func TestParseActionErrors(t *testing.T) {
	for _, s := range []string{
		"",
		"Invoice.Export",  // names are lower-case
		"invoice.export ", // and exact,
		" invoice.export", // on both sides
		"invoices.manage", // a permission, not an action
		"invoice.exports", // a near miss gets no suggestion, only an error
		"invoice",         // a kind alone
		"action(0)",       // what String prints for an invalid action
		"integration.connect_accounting\x00",
		"\xff",
	} {
		a, err := permission.ParseAction(s)
		if !errors.Is(err, permission.ErrUnknownAction) || a != 0 {
			t.Errorf("ParseAction(%q) = %v, %v; want 0 and an error wrapping ErrUnknownAction", s, a, err)
			continue
		}
		if q := strconv.Quote(s); !strings.Contains(err.Error(), q) {
			t.Errorf("ParseAction(%q) error %q does not quote the input as %s", s, err, q)
		}
		dst := permission.ViewBudget
		if err := dst.UnmarshalText([]byte(s)); !errors.Is(err, permission.ErrUnknownAction) || dst != permission.ViewBudget {
			t.Errorf("UnmarshalText(%q) = %v, left %v; want ErrUnknownAction and budget.view unchanged", s, err, dst)
		}
	}

	var v struct{ A permission.Action }
	v.A = permission.TrackTime
	if err := json.Unmarshal([]byte(`{"A":"time_entry.trak"}`), &v); !errors.Is(err, permission.ErrUnknownAction) || v.A != permission.TrackTime {
		t.Errorf("json.Unmarshal of an unknown action = %v, left %v; want ErrUnknownAction and time_entry.track unchanged", err, v.A)
	}
}

// TestActionInvalid: an action outside the table has no facts: no kind, no
// requirements, no rule, no section, and it cannot be written down.
func TestActionInvalid(t *testing.T) {
	for _, a := range cvInvalidActions {
		if a.IsValid() {
			t.Errorf("Action(%d).IsValid() = true", a)
		}
		if got, want := a.String(), fmt.Sprintf("action(%d)", uint8(a)); got != want {
			t.Errorf("Action(%d).String() = %q, want %q", uint8(a), got, want)
		}
		if a.Kind() != 0 || !a.Requires().IsEmpty() || a.Rule() != 0 || a.Section() != 0 || a.HiddenFromClients() {
			t.Errorf("Action(%d): Kind %v, Requires %q, Rule %v, Section %v, HiddenFromClients %v; want all zero",
				uint8(a), a.Kind(), a.Requires(), a.Rule(), a.Section(), a.HiddenFromClients())
		}
		text, err := a.MarshalText()
		if !errors.Is(err, permission.ErrUnknownAction) || text != nil {
			t.Errorf("Action(%d).MarshalText() = %q, %v; want an error wrapping ErrUnknownAction", uint8(a), text, err)
		}
		if _, err := json.Marshal(a); !errors.Is(err, permission.ErrUnknownAction) {
			t.Errorf("json.Marshal(Action(%d)) error = %v, want one wrapping ErrUnknownAction", uint8(a), err)
		}
	}
}

// TestActionsStopsEarly: Actions honours a break, and yields the table in
// order.
func TestActionsStopsEarly(t *testing.T) {
	var got []permission.Action
	for a := range permission.Actions() {
		got = append(got, a)
		if len(got) == 3 {
			break
		}
	}
	want := []permission.Action{permission.CreateProject, permission.CreateDeal, permission.ViewReports}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("first three actions mismatch (-want +got):\n%s", diff)
	}
}

// TestActionTableWellFormed: every row of the action table is complete, so
// that no action falls through to a default: a valid kind, a valid reach
// rule, a requirement closed over its dependencies (nobody can hold a
// permission without what it needs, so an action needing an unclosed set
// could never be allowed) that is empty only when its rule asks reach rights
// instead, and a section that one of those permissions belongs to.
func TestActionTableWellFormed(t *testing.T) {
	for a := range permission.Actions() {
		if !a.Kind().IsValid() {
			t.Errorf("%v.Kind() = %v, not a valid kind", a, a.Kind())
		}
		if s := a.Rule().String(); strings.HasPrefix(s, "rule(") {
			t.Errorf("%v.Rule() = %s, not a valid rule", a, s)
		}
		req := a.Requires()
		if req.IsEmpty() {
			if a.Rule().Rights().IsEmpty() {
				t.Errorf("%v.Requires() is empty and its rule asks no reach right: the action would be open to every valid subject", a)
			}
			req = a.Rule().Rights()
		}
		if err := req.CheckClosed(); err != nil {
			t.Errorf("%v.Requires() = %v is not closed: %v", a, req, err)
		}
		sec := a.Section()
		if !slices.ContainsFunc(slices.Collect(req.All()), func(p permission.Permission) bool { return p.Section() == sec }) {
			t.Errorf("%v.Section() = %v, which none of %v belongs to", a, sec, req)
		}
	}
}

// TestActionFacts reads single rows of the action table against the seeds.
func TestActionFacts(t *testing.T) {
	type facts struct {
		Kind     permission.Kind
		Requires string
		Rule     permission.Rule
		Section  permission.Section
		Hidden   bool
	}
	for _, tt := range []struct {
		a    permission.Action
		want facts
		why  string
	}{
		{permission.ExportInvoice, facts{permission.KindInvoice, "invoices.view,invoices.copy_to_accounting", permission.InvoiceReach, permission.Invoices, true},
			`"only the relevant invoice and expense permissions are required": "Copy invoices to an accounting system", which "Add, edit, and delete invoices and payments" implies`},
		{permission.ExportExpense, facts{permission.KindExpense, "expenses.manage_own,expenses.manage_all", permission.ExpenseReach, permission.Expenses, true},
			`"Add, edit, and delete all expenses"`},
		{permission.ConnectAccounting, facts{permission.KindOrganization, "integrations.manage_organizational", permission.Anywhere, permission.Integrations, false},
			`"Manage organizational integrations": "set up SSO, accounting, and HR integrations"`},
		{permission.ConnectJiraProject, facts{permission.KindProject, "projects.view,integrations.view_task_management,integrations.manage_task_management", permission.ProjectReach, permission.Integrations, false},
			`"Manage task management integrations": "connect projects to Jira"`},
		{permission.UseJiraWidget, facts{permission.KindTask, "projects.view,tasks.view,integrations.view_task_management", permission.ProjectReach, permission.Integrations, false},
			`"View task management integrations": "utilize the Jira widget ... see Jira links in tasks"`},
		{permission.ApproveTimeOff, facts{permission.KindTimeOff, "time_off.request_own,time_off.view_subsidiary,time_off.view_others,time_off.approve", permission.AbsenceApprover, permission.Absence, false},
			`Coordinator: "approve time off", as one of the request's approvers; nobody approves their own`},
		{permission.ApproveTimeEntry, facts{permission.KindTimeEntry, "time.view_others", permission.Approver, permission.Time, false},
			`Coordinator has no permission to "approve time entries": approving needs a permission and a relation`},
		{permission.ViewTaskWorked, facts{permission.KindTask, "projects.view,tasks.view,time.view_worked", permission.ProjectReach, permission.Time, true},
			`"clients will never see your Worked time"`},
		{permission.ViewVarianceAtCompletion, facts{permission.KindBudget, "projects.view,tasks.view,tasks.view_estimates,budgets.view", permission.BudgetReach, permission.Budgets, false},
			`clients with budgets "will be able to see your estimates on tasks and ... Variance at Completion"`},
		{permission.ViewTimeEntry, facts{permission.KindTimeEntry, "", permission.TimeEntryReach, permission.Time, false},
			`Staff: "access time tracking ... but only for themselves"; Staff with access to time: "the time entries ... of other people"`},
		{permission.ViewBudgetEstimatedTime, facts{permission.KindBudget, "projects.view,tasks.view,tasks.view_estimates,budgets.view", permission.BudgetReach, permission.Budgets, false},
			`"clients with access to time and budgets will be able to see your estimates on tasks"`},
		{permission.ViewBudgetWorkedTime, facts{permission.KindBudget, "budgets.view,budgets.view_time", permission.BudgetReach, permission.Budgets, true},
			`"clients will never see your Worked time"`},
		{permission.CommentOnTask, facts{permission.KindTask, "projects.view,tasks.view,tasks.comment", permission.ProjectReach, permission.Tasks, false},
			`Client: "a person that can communicate with your team on tasks"`},
		{permission.ManagePersonalIntegrations, facts{permission.KindPerson, "integrations.manage_personal", permission.OwnRecord, permission.Integrations, false},
			`"Manage personal integrations": "set up Google and Outlook calendar integrations, and personal Slack integration" (their own)`},
		{permission.ViewDeal, facts{permission.KindDeal, "deals.view", permission.DealReach, permission.Deals, false},
			`restricted Manager: "assigned deals"`},
		{permission.JoinProject, facts{permission.KindProject, "projects.view", permission.JoinablePublic, permission.Projects, false},
			`any employee may join a public project (DESIGN)`},
		{permission.TrackTime, facts{permission.KindTimeEntry, "time.track_own", permission.OwnRecordInReach, permission.Time, false},
			`Contractor: "track time for projects they are members of"`},
		{permission.ChangePermissionSet, facts{permission.KindPerson, "users.change_permission_set", permission.ManageablePerson, permission.People, false},
			`DESIGN: "nobody changes the Owner's set; an Admin does not change their own set"`},
		{permission.TransferOwnership, facts{permission.KindOrganization, "organization.transfer_ownership", permission.Anywhere, permission.Organization, false},
			`Owner: "transfer the ownership to another person"`},
	} {
		a := tt.a
		got := facts{a.Kind(), a.Requires().String(), a.Rule(), a.Section(), a.HiddenFromClients()}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%v (%s) mismatch (-want +got):\n%s", a, tt.why, diff)
		}
	}
}

// TestRuleString: each reach rule has a distinct description; a value outside
// the rules prints as rule(N).
func TestRuleString(t *testing.T) {
	rules := []permission.Rule{
		permission.Anywhere, permission.AllBudgets, permission.OwnRecord, permission.OwnRecordInReach, permission.ProjectReach,
		permission.JoinablePublic, permission.DealReach, permission.BudgetReach, permission.InvoiceReach,
		permission.ExpenseReach, permission.TimeEntryReach, permission.BookingReach, permission.TimeOffReach,
		permission.AllocationReach, permission.OthersRecord, permission.ManageablePerson, permission.Approver,
		permission.BookingBasics, permission.CostRateReach, permission.PurchaseOrderReach, permission.AbsenceApprover,
	}
	seen := map[string]permission.Rule{}
	for _, r := range rules {
		s := r.String()
		if s == "" || strings.HasPrefix(s, "rule(") {
			t.Errorf("Rule(%d).String() = %q, want a description", uint8(r), s)
		}
		if prev, dup := seen[s]; dup {
			t.Errorf("rules %d and %d share the description %q", prev, r, s)
		}
		seen[s] = r
	}
	// Every rule the table uses is one of these.
	for a := range permission.Actions() {
		if !slices.Contains(rules, a.Rule()) {
			t.Errorf("%v.Rule() = %v, not one of the documented rules", a, a.Rule())
		}
	}
	for _, r := range []permission.Rule{0, permission.AbsenceApprover + 1, 255} {
		if got, want := r.String(), fmt.Sprintf("rule(%d)", uint8(r)); got != want {
			t.Errorf("Rule(%d).String() = %q, want %q", uint8(r), got, want)
		}
	}
}

// TestParseActionLongName: an unknown action name of any length is quoted in
// the error only up to a bounded prefix.
func TestParseActionLongName(t *testing.T) {
	long := strings.Repeat("budget.view", 100_000)
	_, err := permission.ParseAction(long)
	if !errors.Is(err, permission.ErrUnknownAction) || len(err.Error()) > 300 {
		t.Errorf("ParseAction(1 MB name) error of %d bytes, want ErrUnknownAction in at most 300", len(err.Error()))
	}
}

// TestFormerNames: the names of earlier releases are the same actions.
func TestFormerNames(t *testing.T) {
	if permission.ViewTimeEntries != permission.ViewTimeEntry || permission.ViewPayments != permission.ViewPayment {
		t.Error("a former name is another action")
	}
}
