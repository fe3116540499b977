package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
	"github.com/clearance-go/clearance/set/impact"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/tryitout")

const (
	goldenDir = "../../testdata/tryitout"
	setsDir   = "../../testdata/sets"
)

// runResult is what one invocation of run produced.
type runResult struct {
	code           int
	stdout, stderr string
}

func invoke(args ...string) runResult {
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return runResult{code, stdout.String(), stderr.String()}
}

// checkGolden compares got with testdata/tryitout/name.golden, or rewrites
// the file under -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join(goldenDir, name+".golden")
	if *update {
		if err := os.MkdirAll(goldenDir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./examples/tryitout -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

// needSet returns the path of a sample set under testdata/sets, failing the
// test if it is missing.
func needSet(t *testing.T, name string) string {
	t.Helper()
	path := filepath.Join(setsDir, name)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("sample set: %v", err)
	}
	return path
}

// TestGolden runs the program with each flag combination the README shows and
// compares stdout with its golden file; stderr must be empty.
func TestGolden(t *testing.T) {
	accounting := filepath.Join(setsDir, "accounting.json")
	tests := []struct {
		name string
		args []string
	}{
		{"all-system-sets", nil},
		{"manager-restricted", []string{"-role", "manager", "-scope", "restricted"}},
		{"client-budgets", []string{"-role", "client", "-addons", "budgets"}},
		{"staff-contacts-time", []string{"-role", "staff", "-addons", "contacts,time"}},
		{"accounting", []string{"-set", accounting}},
		{"accounting-diff", []string{"-set", accounting, "-diff"}},
		{"accounting-diff-json", []string{"-json", "-set", accounting, "-diff"}},
		{"staff-json", []string{"-json", "-role", "staff"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if strings.Contains(strings.Join(tt.args, " "), "accounting.json") {
				needSet(t, "accounting.json")
			}
			got := invoke(tt.args...)
			if got.code != exitOK || got.stderr != "" {
				t.Fatalf("run(%q) = %d, stderr %q; want %d and no stderr", tt.args, got.code, got.stderr, exitOK)
			}
			checkGolden(t, tt.name, got.stdout)
		})
	}
}

// TestErrors checks that a bad -set file or bad flags print only the error,
// to stderr, and exit 1 (invalid input) or 2 (usage).
func TestErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	missing := filepath.Join(dir, "missing.json")
	var notExist string
	if _, err := os.Stat(missing); err != nil {
		var pe *fs.PathError
		if !errors.As(err, &pe) || !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("os.Stat(%q) = %v, want a not-exist *fs.PathError", missing, err)
		}
		notExist = pe.Err.Error() // the OS's wording, normalized below
	}
	tests := []struct {
		name     string
		args     []string
		code     int
		contains []string // must appear in stderr, besides the golden comparison
	}{
		{"missing-file", []string{"-set", missing}, exitInvalid, []string{"$TMP/missing.json"}},
		{"invalid-free-seat", []string{"-set", write("client-invoices.json",
			`{"name": "Client with invoices", "base": "client", "grant": ["invoices.view"]}`)},
			exitInvalid, []string{"client-invoices.json", "$.grant[0]", "invoices.view", set.ErrFreeSeat.Error()}},
		{"invalid-typo", []string{"-set", write("typo.json",
			`{"name": "Accounting", "base": "staff", "grant": ["invoices.view", "invoice.manage"]}`)},
			exitInvalid, []string{"typo.json", "$.grant[1]", `"invoice.manage"`, `did you mean "invoices.manage"`}},
		{"invalid-syntax", []string{"-set", write("syntax.json", `{"name": "Broken", "base": "staff",}`)},
			exitInvalid, []string{"syntax.json", "$"}},
		{"invalid-conflict", []string{"-set", write("conflict.json",
			`{"name": "Undecided", "base": "staff", "grant": ["deals.view"], "revoke": ["deals.view"]}`)},
			exitInvalid, []string{"conflict.json", "$.grant[0]", "deals.view", set.ErrConflict.Error()}},
		{"bad-role", []string{"-role", "boss"}, exitUsage, []string{`"boss"`}},
		{"bad-scope-for-role", []string{"-role", "staff", "-scope", "restricted"}, exitUsage, []string{"staff", "restricted"}},
		{"bad-addon-for-role", []string{"-role", "manager", "-addons", "budgets"}, exitUsage, []string{"manager", "budgets"}},
		{"diff-without-set", []string{"-diff"}, exitUsage, []string{"-diff needs -set"}},
		{"set-with-role", []string{"-role", "staff", "-set", "x.json"}, exitUsage, []string{"cannot be combined"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := invoke(tt.args...)
			stderr := strings.ReplaceAll(got.stderr, dir, "$TMP")
			stderr = strings.ReplaceAll(stderr, string(filepath.Separator), "/")
			if notExist != "" {
				stderr = strings.ReplaceAll(stderr, notExist, "file does not exist")
			}
			if got.code != tt.code {
				t.Errorf("run(%q) exit code = %d, want %d; stderr:\n%s", tt.args, got.code, tt.code, got.stderr)
			}
			if got.stdout != "" {
				t.Errorf("run(%q) wrote to stdout:\n%s", tt.args, got.stdout)
			}
			for _, s := range tt.contains {
				if !strings.Contains(stderr, s) {
					t.Errorf("run(%q) stderr does not contain %q:\n%s", tt.args, s, stderr)
				}
			}
			if tt.code == exitInvalid && strings.Count(stderr, "\n") != 1 {
				t.Errorf("run(%q) stderr is not the one line of the error:\n%s", tt.args, stderr)
			}
			checkGolden(t, tt.name, stderr)
		})
	}
}

// TestHelp checks that -h prints the usage and succeeds.
func TestHelp(t *testing.T) {
	got := invoke("-h")
	if got.code != exitOK || got.stdout != "" || !strings.Contains(got.stderr, "usage: tryitout") {
		t.Errorf("run(-h) = %+v, want exit 0, usage on stderr", got)
	}
}

// previewJSON runs the program with -json and args and returns, per set
// name, the decisions by action name.
func previewJSON(t *testing.T, args ...string) (map[string]jsonSet, map[string]map[string]jsonDecision) {
	t.Helper()
	got := invoke(append([]string{"-json"}, args...)...)
	if got.code != exitOK || got.stderr != "" {
		t.Fatalf("run(-json %q) = %d, stderr %q", args, got.code, got.stderr)
	}
	var out jsonOutput
	dec := json.NewDecoder(strings.NewReader(got.stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&out); err != nil {
		t.Fatalf("decoding -json output: %v", err)
	}
	sets := map[string]jsonSet{}
	decisions := map[string]map[string]jsonDecision{}
	for _, s := range out.Sets {
		sets[s.Name] = s
		decisions[s.Name] = map[string]jsonDecision{}
		allowed, total := 0, 0
		for _, sec := range s.Sections {
			for _, d := range sec.Actions {
				if d.Action.Section().String() != sec.Section {
					t.Errorf("%s: %v listed under %s, its section is %v", s.Name, d.Action, sec.Section, d.Action.Section())
				}
				decisions[s.Name][d.Action.String()] = d
				total++
				if d.Allowed {
					allowed++
				}
			}
		}
		if s.Diff == nil && (total != permission.ActionCount || s.Total != total || s.Allowed != allowed) {
			t.Errorf("%s: %d actions listed, %d allowed; header says %d of %d; want all %d actions",
				s.Name, total, allowed, s.Allowed, s.Total, permission.ActionCount)
		}
	}
	return sets, decisions
}

// checkDecisions compares selected decisions with what the seeds say.
func checkDecisions(t *testing.T, setName string, got map[string]jsonDecision, want []jsonDecision) {
	t.Helper()
	for _, w := range want {
		if !w.Allowed {
			r := reasonNamed(t, w.Reason)
			w.Sentence = r.Sentence()
		}
		if diff := cmp.Diff(w, got[w.Action.String()]); diff != "" {
			t.Errorf("%s: %v mismatch (-want +got):\n%s", setName, w.Action, diff)
		}
	}
}

func allow(a permission.Action) jsonDecision {
	return jsonDecision{Action: a, Allowed: true, Reason: permission.Granted.String()}
}

func deny(a permission.Action, r permission.Reason, missing string) jsonDecision {
	return jsonDecision{Action: a, Reason: r.String(), Missing: missing}
}

// reasonNamed returns the reason whose name is s (Reason has no parser).
func reasonNamed(t *testing.T, s string) permission.Reason {
	t.Helper()
	for r := permission.Reason(0); r.IsValid(); r++ {
		if r.String() == s {
			return r
		}
	}
	t.Fatalf("no reason is named %q", s)
	return 0
}

// TestPreviewFollowsSeeds spot-checks the preview against sentences of the
// seeds, through the -json output.
func TestPreviewFollowsSeeds(t *testing.T) {
	t.Run("staff", func(t *testing.T) {
		// "Staff mainly uses Productive for time tracking, tasks, and requesting
		// time off ... no permission to access company settings, or access any
		// financial information."
		_, d := previewJSON(t, "-role", "staff")
		checkDecisions(t, "Staff", d["Staff"], []jsonDecision{
			allow(permission.AlterTask),
			allow(permission.TrackTime),
			allow(permission.RequestTimeOff),
			deny(permission.ViewBudgetRevenue, permission.MissingPermission, "budgets.view_financials"),
			deny(permission.ManageOrgSettings, permission.MissingPermission, "settings.manage_organization"),
			deny(permission.ViewInvoice, permission.MissingPermission, "invoices.view"),
		})
	})
	t.Run("client with budgets", func(t *testing.T) {
		// "Note that clients will never see your Worked time in Productive.
		// However, clients with access to time and budgets will be able to see
		// your estimates on tasks and other related data such as Variance at
		// Completion and Time to complete."
		_, d := previewJSON(t, "-role", "client", "-addons", "budgets")
		name := set.MustSystem(role.Client, 0, set.AddonBudgets).Name()
		checkDecisions(t, name, d[name], []jsonDecision{
			allow(permission.ViewBudget),
			allow(permission.ViewTaskEstimate),
			allow(permission.ViewVarianceAtCompletion),
			allow(permission.ViewTimeToComplete),
			deny(permission.ViewTaskWorked, permission.ClientNeverSees, ""),
			deny(permission.ViewBudgetWorkedTime, permission.ClientNeverSees, ""),
			deny(permission.ViewInvoice, permission.ClientNeverSees, ""),
		})
	})
	t.Run("restricted manager", func(t *testing.T) {
		// "This role has no permission to: access cost and profitability of the
		// project". Integration settings: connecting the accounting tool needs
		// "Manage organizational integrations"; exporting needs only invoices.
		_, d := previewJSON(t, "-role", "manager", "-scope", "restricted")
		name := set.MustSystem(role.Manager, scope.Restricted, 0).Name()
		checkDecisions(t, name, d[name], []jsonDecision{
			allow(permission.ViewDeal),
			allow(permission.ViewBudgetRevenue),
			allow(permission.ExportInvoice),
			deny(permission.ViewBudgetProfit, permission.MissingPermission, "budgets.view_profit"),
			deny(permission.ViewBudgetCost, permission.MissingPermission, "budgets.view_cost"),
			deny(permission.ConnectAccounting, permission.MissingPermission, "integrations.manage_organizational"),
			deny(permission.TransferOwnership, permission.OwnerOnly, "organization.transfer_ownership"),
		})
	})
	t.Run("accounting", func(t *testing.T) {
		// "Users with the following permissions can export invoices and
		// expenses without needing any integration permissions: Add, edit, and
		// delete invoices and payments; Add, edit, and delete all expenses."
		path := needSet(t, "accounting.json")
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		s, err := set.Decode(data, set.Ultimate)
		if err != nil {
			t.Fatal(err)
		}
		if !s.Has(permission.InvoicesManage) || !s.Has(permission.ExpensesManageAll) || s.Has(permission.IntegrationsManageOrganizational) {
			t.Skipf("%s no longer describes an accounting set without organizational integrations: %v", path, s.Permissions())
		}
		sets, d := previewJSON(t, "-set", path)
		checkDecisions(t, s.Name(), d[s.Name()], []jsonDecision{
			allow(permission.ExportInvoice),
			allow(permission.ExportExpense),
			deny(permission.ConnectAccounting, permission.MissingPermission, "integrations.manage_organizational"),
		})
		if got := sets[s.Name()]; !got.Custom || got.Base != set.BaseOf(s).Name() {
			t.Errorf("%s: custom %v, base %q; want custom, base %q", s.Name(), got.Custom, got.Base, set.BaseOf(s).Name())
		}
	})
}

// TestEverySystemSetPreviewed checks that the default run previews every
// system set once, and that its JSON form agrees with its text form.
func TestEverySystemSetPreviewed(t *testing.T) {
	text := invoke()
	sets, decisions := previewJSON(t)
	n := 0
	for s := range set.Systems() {
		n++
		if !strings.Contains(text.stdout, "\n"+s.Name()+"\n  "+describe(s)+"\n") {
			t.Errorf("text output has no section for %q", s.Name())
		}
		if _, ok := sets[s.Name()]; !ok {
			t.Errorf("JSON output has no set %q", s.Name())
		}
	}
	if len(sets) != n {
		t.Errorf("JSON output has %d sets, want the %d system sets", len(sets), n)
	}
	denied := 0
	for _, ds := range decisions {
		for _, d := range ds {
			if !d.Allowed {
				denied++
			}
		}
	}
	if got := strings.Count(text.stdout, "  denied  "); got != denied {
		t.Errorf("text output has %d denied lines, JSON %d", got, denied)
	}
}

// TestSampleIsMostFavourable checks the premise of the preview: for every
// system set and action, no other combination of memberships, visibility,
// Client access, ownership and approver allows what the preview denies.
func TestSampleIsMostFavourable(t *testing.T) {
	others := func(k permission.Kind) []permission.Resource {
		var rs []permission.Resource
		for _, vis := range []scope.Visibility{scope.Public, scope.Private} {
			for _, access := range []bool{false, true} {
				for _, person := range []scope.ID{previewPerson, otherPerson} {
					for _, approver := range []scope.ID{previewPerson, otherPerson} {
						for _, member := range []bool{false, true} {
							r := sample(k, true)
							r.Visibility, r.ClientAccess, r.Person, r.Approver = vis, access, person, approver
							if !member {
								r.Project, r.Budget, r.Deal = 99, 98, 97
							}
							rs = append(rs, r)
						}
					}
				}
			}
		}
		return rs
	}
	for s := range set.Systems() {
		p, err := previewOf(s)
		if err != nil {
			t.Fatal(err)
		}
		subj := subjectFor(s)
		for _, sec := range p.sections {
			for _, d := range sec.decisions {
				if d.Allowed() {
					continue
				}
				for _, r := range others(d.Action().Kind()) {
					if permission.Authorize(subj, d.Action(), r).Allowed() {
						t.Errorf("%s: preview denies %v (%v), but it is allowed on %+v", s.Name(), d.Action(), d.Reason(), r)
						break
					}
				}
			}
		}
	}
}

// TestSampleSetsDiff previews every sample set under testdata/sets with
// -diff -json and checks the grants and revokes against set.Diff and the
// changed actions against Authorize on the base and the custom set.
func TestSampleSetsDiff(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(setsDir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no sample sets under %s", setsDir)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			s, err := set.Decode(data, set.Ultimate)
			if err != nil {
				t.Fatalf("set.Decode: %v", err)
			}
			base := set.BaseOf(s)
			sets, _ := previewJSON(t, "-set", file, "-diff")
			got, ok := sets[s.Name()]
			if !ok || got.Diff == nil {
				t.Fatalf("no diff for %q in the output", s.Name())
			}
			delta := set.Diff(base, s)
			want := jsonDiff{Base: base.Name(), Grant: delta.Grant.Names(), Revoke: delta.Revoke.Names(), Changes: []jsonChange{}}
			baseSubj, subj := subjectFor(base), subjectFor(s)
			// An action on people's records is decided on someone else's
			// record, and where only one's own is allowed, on one's own.
			decide := func(subj permission.Subject, a permission.Action) jsonDecision {
				d := permission.Authorize(subj, a, sample(a.Kind(), ownRecord(a)))
				if d.Reason() == permission.NotOwnRecord {
					if own := permission.Authorize(subj, a, sample(a.Kind(), true)); own.Allowed() {
						j := decisionJSON(own)
						j.OwnOnly = true
						return j
					}
				}
				return decisionJSON(d)
			}
			for a := range permission.Actions() {
				was, now := decide(baseSubj, a), decide(subj, a)
				if was.Allowed != now.Allowed || was.OwnOnly != now.OwnOnly {
					want.Changes = append(want.Changes, jsonChange{a.Section().String(), was, now})
				}
			}
			// The output lists changes section by section; sort want the same way.
			order := map[string]int{}
			for sec := range permission.Sections() {
				order[sec.String()] = int(sec)
			}
			slices.SortStableFunc(want.Changes, func(a, b jsonChange) int { return order[a.Section] - order[b.Section] })
			if diff := cmp.Diff(want, *got.Diff); diff != "" {
				t.Errorf("diff mismatch (-want +got):\n%s", diff)
			}
			if delta.IsEmpty() {
				t.Errorf("sample set %s changes nothing against %s", s.Name(), base.Name())
			}
		})
	}
}

// TestSampleSetsImpact checks -diff's impact section for every sample set
// under testdata/sets: people 2 and 3 appear (each sample set changes
// something against its base), the Owner and the holder of the set do not,
// and every gain and loss on a record is a difference of Authorize between
// the base and the set, and every such difference is reported.
func TestSampleSetsImpact(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(setsDir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no sample sets under %s: %v", setsDir, err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			s, msg := readSet(file)
			if msg != "" {
				t.Fatal(msg)
			}
			im, err := impactOf(s)
			if err != nil {
				t.Fatal(err)
			}
			var ids []scope.ID
			for _, p := range im.report.People {
				ids = append(ids, p.ID)
			}
			if diff := cmp.Diff([]scope.ID{exampleMember, exampleOutsider}, ids); diff != "" {
				t.Errorf("people in the report (-want +got):\n%s", diff)
			}
			memberships := map[scope.ID]func(*permission.Subject){
				exampleMember: func(s *permission.Subject) {
					s.Projects, s.Budgets, s.Deals = scope.NewMembers(previewProject), scope.NewMembers(previewBudget), scope.NewMembers(previewDeal)
				},
				exampleOutsider: func(*permission.Subject) {},
			}
			for _, p := range im.report.People {
				was, now := im.base.Subject(previewOrg, p.ID), s.Subject(previewOrg, p.ID)
				for _, subj := range []*permission.Subject{&was, &now} {
					subj.Plan, subj.Workplace = set.Ultimate, previewWorkplace
					memberships[p.ID](subj)
				}
				got := map[int]string{}
				for _, r := range p.Records {
					got[r.Index] = r.Delta.String()
				}
				for i, r := range im.records {
					var gained, lost permission.ActionMask
					for a := range permission.Actions() {
						before, after := permission.Authorize(was, a, r.r).Allowed(), permission.Authorize(now, a, r.r).Allowed()
						switch {
						case after && !before:
							gained = gained.With(a)
						case before && !after:
							lost = lost.With(a)
						}
					}
					if want := (impact.Delta{Gained: gained, Lost: lost}).String(); got[i] != want {
						t.Errorf("person %d, record %d (%s): report %q, Authorize %q", p.ID, i, r.what, got[i], want)
					}
				}
			}
		})
	}
}
