package set_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// stView is a Set seen through its exported methods, for cmp.Diff.
type stView struct {
	Name   string
	Base   role.Role
	Scope  scope.Scope
	Addons set.Addons
	Custom bool
	Perms  string
}

func stViewOf(s set.Set) stView {
	return stView{s.Name(), s.Role(), s.Scope(), s.Addons(), s.Custom(), s.Permissions().String()}
}

// stTB is what *testing.T and *rapid.T have in common that the helpers use.
type stTB interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
}

// stRoundTrip encodes s and decodes it with Decode and with UnmarshalJSON.
func stRoundTrip(tb stTB, s set.Set) {
	tb.Helper()
	data, err := json.Marshal(s)
	if err != nil {
		tb.Fatalf("Marshal(%q): %v", s.Name(), err)
	}
	got, err := set.Decode(data, set.Ultimate)
	if err != nil {
		tb.Fatalf("Decode(%s): %v", data, err)
	}
	if diff := cmp.Diff(stViewOf(s), stViewOf(got)); diff != "" || got != s {
		tb.Errorf("Decode(Marshal(%q)) mismatch (-want +got):\n%s", s.Name(), diff)
	}
	var u set.Set
	if err := json.Unmarshal(data, &u); err != nil {
		tb.Fatalf("Unmarshal(%s): %v", data, err)
	}
	if diff := cmp.Diff(stViewOf(s), stViewOf(u)); diff != "" || u != s {
		tb.Errorf("Unmarshal(Marshal(%q)) mismatch (-want +got):\n%s", s.Name(), diff)
	}
	again, err := json.Marshal(got)
	if err != nil || !bytes.Equal(again, data) {
		tb.Errorf("re-encoding %q: %s, %v; want %s", s.Name(), again, err, data)
	}
}

func TestJSONRoundTripSystems(t *testing.T) {
	for s := range set.Systems() {
		t.Run(s.Name(), func(t *testing.T) {
			stRoundTrip(t, s)
			// A system set needs no plan: it decodes on the smallest one.
			data, _ := json.Marshal(s)
			if got, err := set.Decode(data, set.Essential); err != nil || got != s {
				t.Errorf("Decode(%s, Essential) = %q, %v", data, got.Name(), err)
			}
		})
	}
}

func TestJSONRoundTripCustomProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		_, _, _, s := stDrawValidCustom(t)
		stRoundTrip(t, s)
	})
}

func TestMarshalJSONForm(t *testing.T) {
	accounting, err := set.NewBuilder("Accounting", stStaff).Grant(permission.ExpensesManageAll, permission.InvoicesManage).Revoke(permission.DocsAccess).Build(set.Ultimate)
	if err != nil {
		t.Fatal(err)
	}
	copyOfPM, err := set.NewBuilder("Copy", stPMR).Build(set.Ultimate)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		s    set.Set
		want string
	}{
		{stStaff, `{"version":3,"base":"staff","scope":"member"}`},
		{stStaffContactsTime, `{"version":3,"base":"staff","scope":"member","addons":["contacts","time"]}`},
		{stManagerR, `{"version":3,"base":"manager","scope":"restricted"}`},
		{stPM, `{"version":3,"base":"profitability_manager","scope":"unlimited"}`},
		{stClientBudgets, `{"version":3,"base":"client","scope":"member","addons":["budgets"]}`},
		{stOwner, `{"version":3,"base":"owner","scope":"unlimited"}`},
		// Grants and revokes in catalogue order, dependencies included.
		{accounting, `{"version":3,"name":"Accounting","base":"staff","scope":"member","grant":["invoices.view","invoices.manage_drafts","invoices.finalize","invoices.manage_finalized","payments.view","payments.manage","invoices.manage","expenses.manage_all"],"revoke":["docs.access"]}`},
		{copyOfPM, `{"version":3,"name":"Copy","base":"profitability_manager","scope":"restricted"}`},
	}
	for _, tt := range tests {
		got, err := json.Marshal(tt.s)
		if err != nil || string(got) != tt.want {
			t.Errorf("Marshal(%q) = %s, %v; want %s", tt.s.Name(), got, err, tt.want)
		}
	}
	if _, err := json.Marshal(set.Set{}); !errors.Is(err, set.ErrBase) {
		t.Errorf("Marshal(zero Set) error = %v, want ErrBase", err)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		plan set.Plan // Ultimate when zero
		path string
		want error
		msg  string // the error message must contain this
	}{
		{name: "unknown field", in: `{"base":"staff","colour":"red"}`, path: "$.colour", want: set.ErrSyntax, msg: `"colour"`},
		{name: "repeated field", in: `{"base":"staff","base":"manager"}`, path: "$.base", want: set.ErrDuplicate, msg: `"base"`},
		{name: "repeated grant field", in: `{"name":"A","base":"staff","grant":["deals.view"],"grant":[]}`, path: "$.grant", want: set.ErrDuplicate},
		{name: "unknown role", in: `{"base":"boss"}`, path: "$.base", want: role.ErrUnknown, msg: `"boss"`},
		{name: "missing base", in: `{"name":"A"}`, path: "$.base", want: role.ErrUnknown},
		{name: "unknown scope", in: `{"base":"manager","scope":"everything"}`, path: "$.scope", want: scope.ErrUnknownScope, msg: `"everything"`},
		{name: "scope the role cannot have", in: `{"base":"staff","scope":"unlimited"}`, path: "$.scope", want: set.ErrScope},
		{name: "admin restricted", in: `{"base":"admin","scope":"restricted"}`, path: "$.scope", want: set.ErrScope},
		{name: "unknown add-on", in: `{"base":"staff","addons":["time","crm"]}`, path: "$.addons[1]", want: set.ErrUnknownAddon, msg: `"crm"`},
		{name: "repeated add-on", in: `{"base":"staff","addons":["time","time"]}`, path: "$.addons[1]", want: set.ErrDuplicate, msg: `"time"`},
		{name: "add-on of another role", in: `{"base":"client","addons":["contacts"]}`, path: "$.addons", want: set.ErrAddon},
		{name: "unknown permission", in: `{"name":"A","base":"staff","grant":["invoices.view","invoice.manage"]}`, path: "$.grant[1]", want: permission.ErrUnknown, msg: `did you mean "invoices.manage"`},
		{name: "unknown revoke", in: `{"name":"A","base":"staff","revoke":["doc.access"]}`, path: "$.revoke[0]", want: permission.ErrUnknown, msg: `did you mean "docs.access"`},
		{name: "duplicate grant", in: `{"name":"A","base":"staff","grant":["invoices.view","deals.view","invoices.view"]}`, path: "$.grant[2]", want: permission.ErrDuplicate, msg: `"invoices.view"`},
		{name: "duplicate revoke", in: `{"name":"A","base":"staff","revoke":["docs.access","docs.access"]}`, path: "$.revoke[1]", want: permission.ErrDuplicate},
		{name: "grant and revoke the same", in: `{"name":"A","base":"staff","grant":["deals.view"],"revoke":["deals.view"]}`, path: "$.grant[0]", want: set.ErrConflict, msg: "deals.view"},
		{name: "empty scope", in: `{"base":"manager","scope":""}`, path: "$.scope", want: scope.ErrUnknownScope},
		{name: "grants on a system set", in: `{"base":"staff","grant":["deals.view"]}`, path: "$", want: set.ErrSystemEdit},
		{name: "revokes on a system set", in: `{"base":"manager","scope":"restricted","revoke":["deals.view"]}`, path: "$", want: set.ErrSystemEdit},
		{name: "grant without its dependency", in: `{"version":2,"name":"A","base":"staff","grant":["deals.view","invoices.manage"]}`, path: "$.grant[1]", want: permission.ErrNotClosed, msg: "invoices.view"},
		{name: "revoke a dependency that stays needed", in: `{"version":2,"name":"A","base":"staff","revoke":["docs.access","projects.view"]}`, path: "$.revoke[1]", want: permission.ErrNotClosed, msg: "projects.view"},
		{name: "first grant without its dependency", in: `{"version":2,"name":"A","base":"staff","grant":["invoices.manage"]}`, path: "$.grant[0]", want: permission.ErrNotClosed, msg: "invoices.view"},
		{name: "first revoke a dependency that stays needed", in: `{"version":2,"name":"A","base":"staff","revoke":["projects.view"]}`, path: "$.revoke[0]", want: permission.ErrNotClosed, msg: "projects.view"},
		{name: "trailing object", in: `{"base":"staff"} {}`, path: "$", want: set.ErrSyntax},
		{name: "trailing garbage", in: `{"base":"staff"}x`, path: "$", want: set.ErrSyntax},
		{name: "empty input", in: ``, path: "$", want: set.ErrSyntax},
		{name: "array", in: `[]`, path: "$", want: set.ErrSyntax},
		{name: "string", in: `"staff"`, path: "$", want: set.ErrSyntax},
		{name: "wrong type", in: `{"base":3}`, path: "$.base", want: set.ErrSyntax, msg: "want a string, got number"},
		{name: "truncated", in: `{"base":"staff"`, path: "$", want: set.ErrSyntax},
		{name: "plan too small", in: `{"name":"A","base":"staff","grant":["deals.view"]}`, plan: set.Professional, path: "$", want: set.ErrPlan},
		{name: "plan too small, no edits", in: `{"name":"A","base":"staff"}`, plan: set.Essential, path: "$", want: set.ErrPlan},
		{name: "invalid plan", in: `{"base":"staff"}`, plan: set.Plan(9), path: "$", want: set.ErrPlan},
		{name: "client paid permission", in: `{"name":"A","base":"client","grant":["deals.view","invoices.view"]}`, path: "$.grant[0]", want: set.ErrFreeSeat, msg: "deals.view"},
		{name: "client worked time", in: `{"name":"A","base":"client","addons":["budgets"],"grant":["time.view_worked"]}`, path: "$.grant[0]", want: set.ErrFreeSeat},
		{name: "owner-only grant", in: `{"name":"A","base":"admin","grant":["billing.view"]}`, path: "$.grant[0]", want: set.ErrOwnerOnly, msg: "billing.view"},
		{name: "contractor custom", in: `{"name":"A","base":"contractor"}`, path: "$.base", want: set.ErrContractor},
		{name: "contractor custom with a revoke", in: `{"name":"A","base":"contractor","revoke":["docs.access"]}`, path: "$.base", want: set.ErrContractor},
		{name: "owner base", in: `{"name":"A","base":"owner","revoke":["billing.view"]}`, path: "$.base", want: set.ErrOwnerBase},
		{name: "blank name", in: `{"name":" ","base":"staff"}`, path: "$.name", want: set.ErrName},
		{name: "empty name", in: `{"name":"","base":"staff","grant":["deals.view"]}`, path: "$.name", want: set.ErrName},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := tt.plan
			if plan == 0 {
				plan = set.Ultimate
			}
			s, err := set.Decode([]byte(tt.in), plan)
			var pe *set.PathError
			if !errors.As(err, &pe) {
				t.Fatalf("Decode(%s) error = %v (%T), want a *PathError", tt.in, err, err)
			}
			if pe.Path != tt.path {
				t.Errorf("Decode(%s): path %q, want %q (%v)", tt.in, pe.Path, tt.path, err)
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("Decode(%s) error = %v, want %v", tt.in, err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.msg) || !strings.HasPrefix(err.Error(), "set: "+pe.Path+": ") {
				t.Errorf("Decode(%s) error %q: want prefix %q and %q in it", tt.in, err, "set: "+pe.Path+": ", tt.msg)
			}
			if s != (set.Set{}) {
				t.Errorf("Decode returned %q on error, want the zero Set", s.Name())
			}
			if plan != set.Ultimate {
				return
			}
			// UnmarshalJSON reports the same error and leaves its target
			// unchanged.
			before := stAccountingSet(t)
			target := before
			uerr := target.UnmarshalJSON([]byte(tt.in))
			if uerr == nil || uerr.Error() != err.Error() {
				t.Errorf("UnmarshalJSON error = %v, want %v", uerr, err)
			}
			if target != before {
				t.Errorf("failed UnmarshalJSON changed its target to %+v", stViewOf(target))
			}
		})
	}
}

func TestDecodeZeroPlan(t *testing.T) {
	_, err := set.Decode([]byte(`{"base":"staff"}`), 0)
	var pe *set.PathError
	if !errors.As(err, &pe) || pe.Path != "$" || !errors.Is(err, set.ErrPlan) {
		t.Errorf("Decode(system set, plan 0) error = %v, want ErrPlan at $", err)
	}
}

func TestDecodeDefaults(t *testing.T) {
	tests := []struct {
		in   string
		want set.Set
	}{
		{`{"base":"coordinator"}`, stCoordinator},
		{`{"base":"coordinator","scope":"restricted"}`, stCoordinatorR},
		{`{"base":"staff","addons":["time","contacts"]}`, stStaffContactsTime},
		{`{"base":"client","addons":null}`, stClient},
		{` { "scope" : "member" , "base" : "client" , "addons" : [ "budgets" ] } `, stClientBudgets},
	}
	for _, tt := range tests {
		got, err := set.Decode([]byte(tt.in), set.Ultimate)
		if err != nil || got != tt.want {
			t.Errorf("Decode(%s) = %q, %v; want %q", tt.in, got.Name(), err, tt.want.Name())
		}
	}
}

// TestUnmarshalJSONLeavesTargetOnError: inside a larger document, a failed
// Set leaves the destination as it was.
func TestUnmarshalJSONLeavesTargetOnError(t *testing.T) {
	before := stAccountingSet(t)
	doc := struct{ Set set.Set }{before}
	err := json.Unmarshal([]byte(`{"Set":{"name":"B","base":"client","grant":["invoices.view"]}}`), &doc)
	if !errors.Is(err, set.ErrFreeSeat) {
		t.Errorf("Unmarshal error = %v, want ErrFreeSeat", err)
	}
	if doc.Set != before {
		t.Errorf("failed Unmarshal changed the set to %+v", stViewOf(doc.Set))
	}
	// The plan is not UnmarshalJSON's business.
	var s set.Set
	if err := json.Unmarshal([]byte(`{"name":"A","base":"staff","grant":["deals.view"]}`), &s); err != nil || !s.Custom() {
		t.Errorf("Unmarshal(custom set) = %+v, %v", stViewOf(s), err)
	}
}

func stAccountingSet(tb testing.TB) set.Set {
	tb.Helper()
	s, err := set.NewBuilder("Accounting", stStaff).
		Grant(permission.InvoicesViewAll, permission.InvoicesManage, permission.ExpensesManageAll).
		Revoke(permission.IntegrationsManagePersonal, permission.IntegrationsViewTaskManagement).
		Build(set.Ultimate)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// stSampleDir holds the sample sets, at the module root.
const stSampleDir = "../testdata/sets"

func stReadSample(tb testing.TB, name string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(stSampleDir, name+".json"))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

func stDecodeSample(tb testing.TB, name string) set.Set {
	tb.Helper()
	s, err := set.Decode(stReadSample(tb, name), set.Ultimate)
	if err != nil {
		tb.Fatalf("Decode(%s.json): %v", name, err)
	}
	return s
}

func TestSampleSets(t *testing.T) {
	member := scope.NewMembers(7)
	project := permission.Resource{Org: testOrg, Kind: permission.KindProject, Project: 7, Visibility: scope.Private}
	task := permission.Resource{Org: testOrg, Kind: permission.KindTask, Project: 7, Visibility: scope.Private}
	doc := permission.Resource{Org: testOrg, Kind: permission.KindDoc, Project: 7, Visibility: scope.Private}
	invoice := permission.Resource{Org: testOrg, Kind: permission.KindInvoice, Project: 7, Visibility: scope.Private, Budget: 70}
	expense := permission.Resource{Org: testOrg, Kind: permission.KindExpense, Person: 43, Project: 8, Visibility: scope.Private, Budget: 80}
	otherInvoice := permission.Resource{Org: testOrg, Kind: permission.KindInvoice, Project: 8, Visibility: scope.Private, Budget: 80}
	org := permission.Resource{Org: testOrg, Kind: permission.KindOrganization}
	ownTime := permission.Resource{Org: testOrg, Kind: permission.KindTimeEntry, Project: 7, Visibility: scope.Private, Budget: 70, Person: 42}
	budget := permission.Resource{Org: testOrg, Kind: permission.KindBudget, Project: 7, Visibility: scope.Private, Budget: 70, ClientAccess: true}

	type decision struct {
		a     permission.Action
		r     permission.Resource
		allow bool
	}
	tests := []struct {
		file      string
		name      string
		base      set.Set
		has       permission.Mask
		lacks     permission.Mask
		decisions []decision
	}{
		{
			// integration-settings.txt, "Use Case: Integration Permissions
			// and Invoicing": the accounting team exports, an admin connects.
			// Built on Staff, it reaches every invoice and expense through
			// "View all invoices" and "Add, edit, and delete all expenses".
			file: "accounting", name: "Accounting", base: stStaff,
			has:   stM(permission.InvoicesViewAll, permission.InvoicesManage, permission.ExpensesManageAll),
			lacks: stM(permission.IntegrationsManageOrganizational, permission.IntegrationsManageTaskManagement, permission.IntegrationsManagePersonal),
			decisions: []decision{
				{permission.ExportInvoice, invoice, true},
				{permission.ExportInvoice, otherInvoice, true},
				{permission.ExportExpense, expense, true},
				{permission.ConnectAccounting, org, false},
				{permission.ViewProject, project, true},
			},
		},
		{
			// client-permissions.txt: "you can prevent clients from altering
			// tasks or accessing docs unless explicitly allowed."
			file: "client-no-tasks-docs", name: "Client without tasks and docs", base: stClient,
			has:   stM(permission.ProjectsView, permission.TasksView, permission.TasksComment),
			lacks: stM(permission.TasksManage, permission.DocsAccess),
			decisions: []decision{
				{permission.ViewTask, task, true},
				{permission.CommentOnTask, task, true},
				{permission.AlterTask, task, false},
				{permission.OpenDoc, doc, false},
			},
		},
		{
			// integration-settings.txt: "This permission enables users to
			// connect projects to Jira, a task typically handled by managers
			// or a custom role responsible for integration management."
			file: "jira-manager", name: "Jira manager", base: stStaff,
			has:   stM(permission.IntegrationsManageTaskManagement, permission.IntegrationsViewTaskManagement),
			lacks: stFinancial.Union(stM(permission.IntegrationsManageOrganizational)),
			decisions: []decision{
				{permission.ConnectJiraProject, project, true},
				{permission.ConnectAccounting, org, false},
			},
		},
		{
			// integration-settings.txt: "View task management integrations
			// ... It's useful for custom roles focused on time tracking."
			file: "time-tracking", name: "Time tracking", base: stStaff,
			has:   stM(permission.TimeTrackOwn, permission.IntegrationsViewTaskManagement, permission.TasksView),
			lacks: stFinancial.Union(stM(permission.TasksManage, permission.TaskListsManage, permission.DocsAccess, permission.IntegrationsManageTaskManagement)),
			decisions: []decision{
				{permission.TrackTime, ownTime, true},
				{permission.UseJiraWidget, task, true},
				{permission.AlterTask, task, false},
				{permission.ViewBudget, budget, false},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			s := stDecodeSample(t, tt.file)
			if s.Name() != tt.name || !s.Custom() || set.BaseOf(s) != tt.base {
				t.Errorf("%s.json = %q custom %v base %q; want custom %q on %q", tt.file, s.Name(), s.Custom(), set.BaseOf(s).Name(), tt.name, tt.base.Name())
			}
			if missing := tt.has.Minus(s.Permissions()); !missing.IsEmpty() {
				t.Errorf("lacks %v", missing)
			}
			if extra := tt.lacks.Intersect(s.Permissions()); !extra.IsEmpty() {
				t.Errorf("holds %v", extra)
			}
			subj := s.Subject(testOrg, 42)
			subj.Projects, subj.Budgets = member, scope.NewMembers(70)
			for _, d := range tt.decisions {
				if got := permission.Authorize(subj, d.a, d.r); got.Allowed() != d.allow {
					t.Errorf("Authorize(%v) = %v, want allowed %v", d.a, got, d.allow)
				}
			}
			// Custom sets need the Ultimate plan.
			if _, err := set.Decode(stReadSample(t, tt.file), set.Professional); !errors.Is(err, set.ErrPlan) {
				t.Errorf("Decode(%s.json, Professional) error = %v, want ErrPlan", tt.file, err)
			}
		})
	}
}

// stUpdateFlag asks the tests to rewrite their files (-update).
var stUpdateFlag = flag.Bool("update", false, "rewrite the sample sets in the form MarshalJSON writes")

// stUpdate reports whether -update was given.
func stUpdate() bool { return *stUpdateFlag }

// TestSampleSetsCanonical keeps the sample files in the form MarshalJSON
// writes, indented by two spaces with a trailing newline; -update rewrites
// them so. Each file of an earlier version is kept as it was under
// testdata/sets/v1 and v2.
func TestSampleSetsCanonical(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(stSampleDir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 4 {
		t.Fatalf("found %d sample sets in %s, want at least 4", len(files), stSampleDir)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			s, err := set.Decode(data, set.Ultimate)
			if err != nil {
				t.Fatal(err)
			}
			again, err := json.MarshalIndent(s, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			again = append(again, '\n')
			if stUpdate() {
				if err := os.WriteFile(file, again, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if diff := cmp.Diff(string(data), string(again)); diff != "" {
				t.Errorf("%s is not canonical (-file +encoded; -update rewrites it):\n%s", file, diff)
			}
		})
	}
}

// TestSampleMatchesBuilder: a sample file and the builder describe the same
// set.
func TestSampleMatchesBuilder(t *testing.T) {
	built := stAccountingSet(t)
	if got := stDecodeSample(t, "accounting"); got != built {
		t.Errorf("accounting.json mismatch (-built +decoded):\n%s", cmp.Diff(stViewOf(built), stViewOf(got)))
	}
}

// TestDecodeErrorsFromReview pins errors a review found reported wrongly: the
// rule a document breaks must be the one named, at the path where it is.
func TestDecodeErrorsFromReview(t *testing.T) {
	for _, tc := range []struct {
		name, in, path string
		want           error
	}{
		{"a customised Contractor is refused as such", `{"name":"A","base":"contractor","grant":["time.view_worked"]}`, "$.base", set.ErrContractor},
		{"null is not an object", `null`, "$", set.ErrSyntax},
		{"an array is not an object", `[]`, "$", set.ErrSyntax},
		{"a permission granted twice", `{"name":"A","base":"staff","grant":["budgets.view","budgets.view"]}`, "$.grant[1]", set.ErrDuplicate},
		{"an unknown permission name", `{"name":"A","base":"staff","grant":["budget.view"]}`, "$.grant[0]", set.ErrUnknownPermission},
		{"a repeated key in a nested object", `{"name":"A","base":"staff","grant":[{"x":1,"x":2}]}`, "$.grant[0].x", set.ErrDuplicate},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := set.Decode([]byte(tc.in), set.Ultimate)
			var pe *set.PathError
			if !errors.As(err, &pe) || !errors.Is(err, tc.want) || pe.Path != tc.path {
				t.Fatalf("Decode(%s) = %v; want a *PathError at %s wrapping %v", tc.in, err, tc.path, tc.want)
			}
			if got != (set.Set{}) {
				t.Errorf("Decode(%s) returned %v with its error; want the zero Set", tc.in, got)
			}
		})
	}
}

// TestDecodeToleratesRedundantEdits: a stored custom set whose grant the
// default set has since taken in (or whose revoke it has since dropped) keeps
// decoding, to the same set, and re-encodes without the stale edit.
func TestDecodeToleratesRedundantEdits(t *testing.T) {
	got, err := set.Decode([]byte(`{"name":"A","base":"staff","grant":["deals.view","tasks.view"],"revoke":["invoices.view"]}`), set.Ultimate)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	want, err := set.NewBuilder("A", stStaff).Grant(permission.DealsView).Build(set.Ultimate)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("Decode = %v, want %v", got.Permissions(), want.Permissions())
	}
	out, _ := json.Marshal(got)
	if wantJSON := `{"version":3,"name":"A","base":"staff","scope":"member","grant":["deals.view"]}`; string(out) != wantJSON {
		t.Errorf("re-encoded as %s, want %s", out, wantJSON)
	}
}

// TestDecodeBlamesTheGrants: a client set granting invoices.manage breaks the
// free-seat rule first on invoices.view, which the grant brought in; the path
// points at the grants, since the document never names invoices.view.
func TestDecodeBlamesTheGrants(t *testing.T) {
	_, err := set.Decode([]byte(`{"name":"A","base":"client","grant":["invoices.manage"]}`), set.Ultimate)
	var pe *set.PathError
	if !errors.As(err, &pe) || pe.Path != "$.grant" || !errors.Is(err, set.ErrFreeSeat) {
		t.Fatalf("Decode = %v; want ErrFreeSeat at $.grant", err)
	}
}

// TestVersion1SetsKeepTheirMeaning decodes the sample sets as the releases
// before reach rights wrote them (testdata/sets/v1, kept as they were) and
// checks that each means what it meant: its grants closed over the
// dependencies the catalogue has gained, and on an Unlimited base, a granted
// reach right with the "all" right of its object type, which the one
// Unlimited scope gave it then.
func TestVersion1SetsKeepTheirMeaning(t *testing.T) {
	coordinator := stCoordinator
	tests := []struct {
		file string
		want *set.Builder
	}{
		// Coordinator (Unlimited) + invoices.view, invoices.manage,
		// expenses.manage_all: under version 1 the Unlimited scope reached
		// every invoice, so invoices.view brings invoices.view_all.
		{"accounting", set.NewBuilder("Accounting", coordinator).Grant(permission.InvoicesViewAll, permission.InvoicesManage, permission.ExpensesManageAll)},
		{"client-no-tasks-docs", set.NewBuilder("Client without tasks and docs", stClient).Revoke(permission.TasksManage, permission.DocsAccess)},
		{"jira-manager", set.NewBuilder("Jira manager", stStaff).Grant(permission.IntegrationsManageTaskManagement)},
		{"time-tracking", set.NewBuilder("Time tracking", stStaff).Revoke(permission.TasksManage, permission.TaskListsManage, permission.DocsAccess)},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(stSampleDir, "v1", tt.file+".json"))
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(data), `"version"`) {
				t.Fatalf("%s.json is not a version 1 document", tt.file)
			}
			got, err := set.Decode(data, set.Ultimate)
			if err != nil {
				t.Fatalf("Decode(v1/%s.json): %v", tt.file, err)
			}
			want, err := tt.want.Build(set.Ultimate)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("v1/%s.json mismatch (-want +got):\n%s", tt.file, cmp.Diff(stViewOf(want), stViewOf(got)))
			}
			// Written again, it is a version 2 document that decodes to the
			// same set.
			again, err := json.Marshal(got)
			if err != nil {
				t.Fatal(err)
			}
			if back, err := set.Decode(again, set.Ultimate); err != nil || back != got {
				t.Errorf("re-encoded as %s: decodes to %v, %v", again, back, err)
			}
		})
	}
	// The accountant of version 1 still exports every invoice: its reach
	// came from the Unlimited scope then, from invoices.view_all now.
	s := stDecodeV1(t, "accounting").Subject(testOrg, 42)
	invoice := permission.Resource{Org: testOrg, Kind: permission.KindInvoice, Project: 8, Visibility: scope.Private, Budget: 80}
	if d := permission.Authorize(s, permission.ExportInvoice, invoice); !d.Allowed() {
		t.Errorf("v1 accounting: %v, want allowed as before", d)
	}
}

// TestVersion2SetsKeepTheirMeaning decodes the sample sets as version 2
// wrote them (testdata/sets/v2, kept as they were): each means the set it
// meant then. Version 3 gave system sets rights they did not hold
// (purchase orders, copying invoices to accounting, approving absence on
// behalf of its approvers, a client's billable time): a version 2 document
// holds none of them, and written again says so with revokes.
func TestVersion2SetsKeepTheirMeaning(t *testing.T) {
	tests := []struct {
		file string
		want *set.Builder
	}{
		{"accounting", set.NewBuilder("Accounting", stStaff).
			Grant(permission.InvoicesViewAll, permission.InvoicesManage, permission.ExpensesManageAll).
			Revoke(permission.IntegrationsManagePersonal, permission.IntegrationsViewTaskManagement)},
		{"all-projects-member-budgets", set.NewBuilder("All projects, member budgets", stManager).
			Revoke(permission.BudgetsViewAll, permission.InvoicesViewAll, permission.PurchaseOrdersView)},
		{"client-no-tasks-docs", set.NewBuilder("Client without tasks and docs", stClient).Revoke(permission.TasksManage, permission.DocsAccess)},
		{"jira-manager", set.NewBuilder("Jira manager", stStaff).Grant(permission.IntegrationsManageTaskManagement)},
		{"time-tracking", set.NewBuilder("Time tracking", stStaff).Revoke(permission.TasksManage, permission.TaskListsManage, permission.DocsAccess)},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(stSampleDir, "v2", tt.file+".json"))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(data), `"version": 2`) {
				t.Fatalf("%s.json is not a version 2 document", tt.file)
			}
			got, err := set.Decode(data, set.Ultimate)
			if err != nil {
				t.Fatalf("Decode(v2/%s.json): %v", tt.file, err)
			}
			want, err := tt.want.Build(set.Ultimate)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("v2/%s.json mismatch (-want +got):\n%s", tt.file, cmp.Diff(stViewOf(want), stViewOf(got)))
			}
			again, err := json.Marshal(got)
			if err != nil {
				t.Fatal(err)
			}
			if back, err := set.Decode(again, set.Ultimate); err != nil || back != got {
				t.Errorf("re-encoded as %s: decodes to %v, %v", again, back, err)
			}
		})
	}
	// The same custom document on the bases version 3 widened, in either
	// version: only a version 3 document gains what the base gained.
	for _, c := range []struct {
		doc    string
		gained permission.Permission
	}{
		{`"name":"CM","base":"client","addons":["budgets"]`, permission.TimeViewBillable},
		{`"name":"A","base":"admin"`, permission.TimeOffApproveAll},
		{`"name":"A","base":"admin"`, permission.InvoicesCopyToAccounting},
		{`"name":"M","base":"manager","scope":"restricted"`, permission.PurchaseOrdersView},
	} {
		for v, want := range map[int]bool{1: false, 2: false, 3: true} {
			doc := fmt.Sprintf(`{"version":%d,%s}`, v, c.doc)
			s, err := set.Decode([]byte(doc), set.Ultimate)
			if err != nil {
				t.Fatalf("Decode(%s): %v", doc, err)
			}
			if s.Has(c.gained) != want {
				t.Errorf("Decode(%s).Has(%v) = %v, want %v", doc, c.gained, !want, want)
			}
		}
	}
	// A version 1 or 2 document that revoked a wider right never held the
	// subsidiary rung version 3 put under it, whatever its base holds now.
	for _, base := range []string{"staff", "coordinator", "manager", "profitability_manager", "admin"} {
		for _, rung := range []struct {
			wider, rung permission.Permission
			revoke      string // the wider right and what needed it in version 2
		}{
			{permission.TimeOffViewOthers, permission.TimeOffViewSubsidiary, `"time_off.view_others","time_off.view_details","time_off.approve"`},
			{permission.AbsenceAllocationsViewAll, permission.AbsenceAllocationsViewSubsidiary, `"absence.view_all_allocations","absence.manage_allocations"`},
			{permission.PeopleViewCostRates, permission.PeopleViewCostRatesSubsidiary, `"people.view_cost_rates","people.manage_salaries"`},
		} {
			for _, v := range []string{`"version":1,`, `"version":2,`, ``} {
				doc := fmt.Sprintf(`{%s"name":"R","base":%q,"revoke":[%s]}`, v, base, rung.revoke)
				s, err := set.Decode([]byte(doc), set.Ultimate)
				if err != nil {
					t.Fatalf("Decode(%s): %v", doc, err)
				}
				if s.Has(rung.rung) || s.Has(rung.wider) {
					t.Errorf("Decode(%s) holds %v: the document never held it", doc, rung.rung)
				}
			}
		}
	}

	// A version 2 document holding a right version 3 put a subsidiary rung
	// under is read as holding the rung, which the wider right implies.
	doc := `{"version":2,"name":"Absence","base":"staff","grant":["time_off.view_others"]}`
	if s, err := set.Decode([]byte(doc), set.Ultimate); err != nil || !s.Has(permission.TimeOffViewSubsidiary) {
		t.Errorf("Decode(%s) = %v, %v; want a set holding time_off.view_subsidiary", doc, s.Permissions(), err)
	}
	if _, err := set.Decode([]byte(strings.Replace(doc, `"version":2`, `"version":3`, 1)), set.Ultimate); !errors.Is(err, permission.ErrNotClosed) {
		t.Errorf("the same document as version 3 = %v, want ErrNotClosed: version 3 lists every dependency", err)
	}
}

func stDecodeV1(tb testing.TB, name string) set.Set {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(stSampleDir, "v1", name+".json"))
	if err != nil {
		tb.Fatal(err)
	}
	s, err := set.Decode(data, set.Ultimate)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// TestDecodeVersion: the version is 1 or 2; anything else is refused at
// $.version, and the same edits mean different things in each.
func TestDecodeVersion(t *testing.T) {
	for _, in := range []string{`{"version":0,"base":"staff"}`, `{"version":4,"name":"A","base":"staff"}`, `{"version":-1,"base":"staff"}`} {
		var pe *set.PathError
		if _, err := set.Decode([]byte(in), set.Ultimate); !errors.As(err, &pe) || pe.Path != "$.version" || !errors.Is(err, set.ErrVersion) {
			t.Errorf("Decode(%s) = %v, want a *PathError at $.version wrapping ErrVersion", in, err)
		}
	}
	v1, err1 := set.Decode([]byte(`{"name":"A","base":"coordinator","grant":["deals.view"]}`), set.Ultimate)
	v2, err2 := set.Decode([]byte(`{"version":2,"name":"A","base":"coordinator","grant":["deals.view"]}`), set.Ultimate)
	if err1 != nil || err2 != nil {
		t.Fatalf("Decode: %v, %v", err1, err2)
	}
	if !v1.Has(permission.DealsViewAll) || v2.Has(permission.DealsViewAll) {
		t.Errorf("deals.view on an Unlimited base: version 1 %v, version 2 %v; want deals.view_all only in version 1", v1.Permissions(), v2.Permissions())
	}
	// An explicit "version": 1 is version 1, as an absent version is: its
	// grants widen and need no closure.
	explicit, err := set.Decode([]byte(`{"version":1,"name":"A","base":"coordinator","grant":["deals.view"]}`), set.Ultimate)
	if err != nil || explicit != v1 {
		t.Errorf(`"version": 1 decodes to %v, %v; want the version 1 set %v`, explicit.Permissions(), err, v1.Permissions())
	}
}

// TestDecodeVersion1WidensOnlyWhatItAdds: on an Unlimited base, a version 1
// document widens a reach right to its "all" right only when its grants add
// that right to the base, and only for the rights version 1 had. Granting what
// the base holds changes nothing, and the reach rights version 2 introduced
// (projects.view_public, expenses.manage_own) mean in a version 1 document
// what they mean in a version 2 one: no version 1 document names them.
func TestDecodeVersion1WidensOnlyWhatItAdds(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		base := rapid.SampledFrom(stCustomizable()).Draw(t, "base")
		// Only names version 1 had: version 3 added rights to some bases
		// (TestVersion2SetsKeepTheirMeaning), which no earlier document names.
		pool := base.Permissions().Minus(permission.MaskOf(permission.PurchaseOrdersView, permission.PurchaseOrdersViewAll,
			permission.InvoicesCopyToAccounting, permission.TimeOffApproveAll, permission.TimeOffViewSubsidiary,
			permission.AbsenceAllocationsViewSubsidiary, permission.PeopleViewCostRatesSubsidiary))
		if base.Role() == role.Client {
			pool = pool.Without(permission.TimeViewBillable)
		}
		// reach rights, where widening happens, half of the time
		if reach := pool.Intersect(permission.ReachRights()); !reach.IsEmpty() && rapid.Bool().Draw(t, "reach rights only") {
			pool = reach
		}
		held := rapid.SliceOfNDistinct(rapid.SampledFrom(slices.Collect(pool.All())), 0, 6, rapid.ID).Draw(t, "held")
		newer := rapid.SliceOfNDistinct(rapid.SampledFrom([]permission.Permission{permission.ProjectsViewPublic, permission.ExpensesManageOwn}), 0, 2, rapid.ID).Draw(t, "newer")
		decode := func(version int, grant []permission.Permission) (set.Set, error) {
			data, err := json.Marshal(base)
			if err != nil {
				t.Fatalf("Marshal(%v): %v", base, err)
			}
			var doc map[string]any
			if err := json.Unmarshal(data, &doc); err != nil {
				t.Fatal(err)
			}
			delete(doc, "version")
			if version > 0 {
				doc["version"] = version
			}
			doc["name"] = "Edited"
			var names []string
			for _, p := range grant {
				names = append(names, p.String())
			}
			doc["grant"] = names
			if data, err = json.Marshal(doc); err != nil {
				t.Fatal(err)
			}
			return set.Decode(data, set.Ultimate)
		}

		same, err := decode(0, held)
		if err != nil {
			t.Fatalf("version 1 granting what %v holds: %v", base, err)
		}
		// What the base held when version 2 was written: version 3 added
		// rights no earlier document means (see TestVersion2SetsKeepTheirMeaning).
		was, err := decode(2, nil)
		if err != nil {
			t.Fatalf("version 2 of %v: %v", base, err)
		}
		if same.Permissions() != was.Permissions() {
			t.Fatalf("version 1 granting %v, which %v holds, gave %v more", held, base, same.Permissions().Minus(was.Permissions()))
		}

		grant := slices.Clone(held)
		for _, p := range newer {
			if !slices.Contains(grant, p) {
				grant = append(grant, p)
			}
		}
		v1, err1 := decode(0, grant)
		v2, err2 := decode(2, grant)
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("granting %v on %v: version 1 %v, version 2 %v", grant, base, err1, err2)
		}
		if err1 == nil && v1.Permissions() != v2.Permissions() {
			t.Fatalf("granting %v on %v: version 1 holds %v, version 2 %v", grant, base, v1.Permissions(), v2.Permissions())
		}
	})
}
