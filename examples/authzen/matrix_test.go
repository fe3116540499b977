package main

// Decisions asked through HTTP must be clearance's decisions. Two checks:
//
//   - TestGoldenMatrixOverHTTP replays every line of testdata/matrix.golden
//     (system set | resource | action | verdict) through the batch endpoint,
//     the subject described in full in its properties, and wants the
//     golden verdict back.
//   - TestEveryDecisionOverHTTP loads an organization holding every system
//     set, and asks every action on a grid of resources of every kind,
//     comparing each answer with permission.Authorize, and each action search
//     with permission.Capabilities.
//
// These tests call clearance directly, on purpose: they are the reference
// the decision point is held to.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// holdingJSON describes system set s as subject properties or an org file
// person: role, scope, add-ons.
func holdingJSON(s set.Set) string {
	var addons []string
	for _, a := range []struct {
		a    set.Addons
		name string
	}{{set.AddonContacts, "contacts"}, {set.AddonTime, "time"}, {set.AddonBudgets, "budgets"}} {
		if s.Addons().Has(a.a) {
			addons = append(addons, `"`+a.name+`"`)
		}
	}
	return fmt.Sprintf(`"role": %q, "scope": %q, "addons": [%s], "memberships": {"projects": [10, 11], "budgets": [20], "deals": [30]}`,
		s.Role().String(), s.Scope().String(), strings.Join(addons, ", "))
}

// resourceJSON renders r as an AuthZEN resource: its kind, an ID (the
// field the kind's ID stands for, or a record number) and every non-zero
// fact as a property.
func resourceJSON(r permission.Resource) string {
	props := map[string]any{}
	id := scope.ID(500)
	for _, f := range []struct {
		key string
		v   scope.ID
	}{{"project", r.Project}, {"budget", r.Budget}, {"deal", r.Deal}, {"person", r.Person}, {"approver", r.Approver},
		{"workplace", r.Workplace}, {"manager", r.Manager}} {
		if f.v != 0 {
			props[f.key] = f.v
		}
	}
	switch r.Kind {
	case permission.KindProject:
		id = r.Project
	case permission.KindBudget:
		id = r.Budget
	case permission.KindDeal:
		id = r.Deal
	case permission.KindPerson:
		id = r.Person
	case permission.KindOrganization:
		id = 1
	}
	if r.Visibility.IsValid() {
		props["visibility"] = r.Visibility.String()
	}
	if r.PersonRole.IsValid() {
		props["person_role"] = r.PersonRole.String()
	}
	if r.ClientAccess {
		props["client_access"] = true
	}
	for key, on := range map[string]bool{"approval_required": r.ApprovalRequired, "approved": r.Approved, "manager_approves": r.ManagerApproves} {
		if on {
			props[key] = true
		}
	}
	if r.Approvers.Len() > 0 {
		props["approvers"] = slices.Collect(r.Approvers.All())
	}
	if !r.PersonPermissions.IsEmpty() {
		props["person_permissions"] = r.PersonPermissions.Names()
	}
	p, _ := json.Marshal(props) // a map of numbers, strings, booleans and lists encodes
	return fmt.Sprintf(`{"type": %q, "id": "%d", "properties": %s}`, r.Kind.String(), id, p)
}

// verdictOf prints an HTTP answer as matrix.golden prints a decision.
func verdictOf(d wireDecision) string {
	if d.Decision == nil {
		return "no decision"
	}
	if d.Context.Error != nil {
		return fmt.Sprintf("error %d %s", d.Context.Error.Status, d.Context.Error.Message)
	}
	v := "deny " + d.Context.Reason
	if *d.Decision {
		v = "allow " + d.Context.Reason
	}
	if d.Context.Missing != "" {
		v += " " + d.Context.Missing
	}
	return v
}

// verdictOfDecision prints clearance's decision the same way.
func verdictOfDecision(d permission.Decision) string {
	v := "deny " + d.Reason().String()
	if d.Allowed() {
		v = "allow " + d.Reason().String()
	}
	if d.Missing() != 0 {
		v += " " + d.Missing().String()
	}
	return v
}

// goldenResource reads a resource label of matrix.golden. The matrix asks
// about person 1, member of projects 10 (public) and 11 (private), of
// budget 20 and assigned deal 30; 12 and 13 are the public and private
// projects they are not a member of, 21 a budget and 31 a deal of someone
// else, 2 someone else and 3 a third person.
func goldenResource(label string, holder role.Role) (permission.Resource, error) {
	kindName, rest, _ := strings.Cut(label, ": ")
	kind, _, ok := parseKind(kindName)
	if !ok {
		return permission.Resource{}, fmt.Errorf("kind %q", kindName)
	}
	r := permission.Resource{Org: testOrg, Kind: kind}
	if rest == "" {
		return r, nil
	}
	staffSet := set.MustSystem(role.Staff, 0, 0).Permissions()
	for _, part := range strings.Split(rest, ", ") {
		switch part {
		case "same subsidiary":
			r.Workplace = 40
		case "other subsidiary":
			r.Workplace = 41
		case "no subsidiary":
		case "no approval":
		case "awaiting approval":
			r.ApprovalRequired = true
		case "approved":
			r.ApprovalRequired, r.Approved = true, true
		case "no approver":
		case "approver: self as manager":
			r.Manager, r.ManagerApproves = 1, true
		case "with more than the default set":
			r.PersonPermissions = staffSet.With(permission.PeopleViewCostRates).Closure()
			continue
		case "public project (member)":
			r.Project, r.Visibility = 10, scope.Public
		case "private project (member)":
			r.Project, r.Visibility = 11, scope.Private
		case "public project (not member)":
			r.Project, r.Visibility = 12, scope.Public
		case "private project (not member)":
			r.Project, r.Visibility = 13, scope.Private
		case "budget (member)":
			r.Budget = 20
		case "budget (not member)":
			r.Budget = 21
		case "client access on":
			r.ClientAccess = true
		case "client access off":
		case "own":
			r.Person = 1
			if kind == permission.KindPerson {
				r.PersonRole = holder // one's own record carries one's own role
			}
		case "someone else's":
			r.Person = 2
		case "approver: self":
			if kind == permission.KindTimeOff {
				r.Approvers = scope.NewMembers(1)
			} else {
				r.Approver = 1
			}
		case "approver: someone else":
			if kind == permission.KindTimeOff {
				r.Approvers = scope.NewMembers(3)
			} else {
				r.Approver = 3
			}
		case "assigned":
			r.Deal = 30
		case "not assigned":
			r.Deal = 31
		default:
			pr, err := role.Parse(part)
			if err != nil {
				return permission.Resource{}, fmt.Errorf("part %q", part)
			}
			r.PersonRole = pr
		}
	}
	// A person record holds their role's default set unless the label says
	// more; one's own holds the holder's.
	if kind == permission.KindPerson && r.PersonPermissions.IsEmpty() {
		if s, err := set.System(r.PersonRole, 0, 0); err == nil {
			r.PersonPermissions = s.Permissions()
		}
	}
	return r, nil
}

func TestGoldenMatrixOverHTTP(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "testdata", "matrix.golden"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	systems := map[string]set.Set{}
	for s := range set.Systems() {
		systems[s.Name()] = s
	}
	type line struct {
		n                 int
		resource, verdict string
		action            string
	}
	bySet := map[string][]line{}
	var order []string
	sc := bufio.NewScanner(f)
	n, total := 0, 0
	for sc.Scan() {
		n++
		if sc.Text() == "" {
			continue
		}
		fields := strings.Split(sc.Text(), " | ")
		if len(fields) != 4 {
			t.Fatalf("matrix.golden:%d: %d fields", n, len(fields))
		}
		s, ok := systems[fields[0]]
		if !ok {
			t.Fatalf("matrix.golden:%d: no system set is called %q", n, fields[0])
		}
		r, err := goldenResource(fields[1], s.Role())
		if err != nil {
			t.Fatalf("matrix.golden:%d: resource %q: %v", n, fields[1], err)
		}
		if _, ok := bySet[fields[0]]; !ok {
			order = append(order, fields[0])
		}
		bySet[fields[0]] = append(bySet[fields[0]], line{n, resourceJSON(r), fields[3], fields[2]})
		total++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if total < 3000 || len(order) != 15 {
		t.Fatalf("read %d decisions of %d sets from matrix.golden; want the whole matrix", total, len(order))
	}

	// The golden file's subject is person 1, described in the request
	// (stateless): the organization loaded here does not hold a person 1,
	// since a stored person's properties are never read.
	h := newTestServer(t, []byte(`{"organization": 1, "plan": "ultimate", "people": [{"id": 999, "role": "owner"}]}`), true).routes()
	asked := 0
	for _, name := range order {
		lines := bySet[name]
		items := make([]string, len(lines))
		for i, l := range lines {
			items[i] = fmt.Sprintf(`{"action": {"name": %q}, "resource": %s}`, l.action, l.resource)
		}
		body := `{"subject": {"type": "user", "id": "1", "properties": {` + holdingJSON(systems[name]) + `}}, "evaluations": [` + strings.Join(items, ",\n") + `]}`
		rec := postJSON(h, "/access/v1/evaluations", body)
		if rec.Code != 200 {
			t.Fatalf("%s: status %d: %s", name, rec.Code, rec.Body.Bytes())
		}
		var b wireBatch
		decodeBody(t, rec.Body, &b)
		if len(b.Evaluations) != len(lines) {
			t.Fatalf("%s: %d answers to %d questions", name, len(b.Evaluations), len(lines))
		}
		for i, l := range lines {
			if got := verdictOf(b.Evaluations[i]); got != l.verdict {
				t.Errorf("matrix.golden:%d: %s | %s | %s: HTTP says %q, the golden file %q", l.n, name, l.resource, l.action, got, l.verdict)
			}
			asked++
		}
	}
	t.Logf("%d decisions of matrix.golden asked over HTTP", asked)
}

// gridResources is a grid of resources of every kind for subject me: each
// fact its kind reads takes a value that is and one that is not within the
// reach of a member of projects 10 and 11, budget 20 and deal 30.
func gridResources(me scope.ID) []permission.Resource {
	other := scope.ID(1000)
	projects := []struct {
		id  scope.ID
		vis scope.Visibility
	}{{10, scope.Public}, {11, scope.Private}, {12, scope.Public}, {13, scope.Private}}
	var out []permission.Resource
	for k := permission.Kind(1); k.IsValid(); k++ {
		switch k {
		case permission.KindPerson:
			for _, p := range []scope.ID{me, other} {
				for r := range role.All() {
					out = append(out, permission.Resource{Org: testOrg, Kind: k, Person: p, PersonRole: r})
				}
			}
		case permission.KindTimeOff, permission.KindBooking, permission.KindAllocation:
			for _, p := range []scope.ID{me, other} {
				out = append(out, permission.Resource{Org: testOrg, Kind: k, Person: p})
				if k == permission.KindTimeOff { // named as its approver, or as the requester's manager
					out = append(out, permission.Resource{Org: testOrg, Kind: k, Person: p, Approvers: scope.NewMembers(me)},
						permission.Resource{Org: testOrg, Kind: k, Person: p, Manager: me, ManagerApproves: true})
				}
			}
		case permission.KindProject, permission.KindTask, permission.KindDoc:
			for _, p := range projects {
				out = append(out, permission.Resource{Org: testOrg, Kind: k, Project: p.id, Visibility: p.vis})
			}
		case permission.KindBudget, permission.KindInvoice, permission.KindTimeEntry, permission.KindPurchaseOrder, permission.KindService:
			for _, p := range projects {
				for _, b := range []scope.ID{20, 21} {
					for _, ca := range []bool{false, true} {
						r := permission.Resource{Org: testOrg, Kind: k, Project: p.id, Visibility: p.vis, Budget: b, ClientAccess: ca}
						if k != permission.KindTimeEntry {
							out = append(out, r)
							continue
						}
						for _, person := range []scope.ID{me, other} {
							for _, approver := range []scope.ID{me, other} {
								r.Person, r.Approver = person, approver
								r.ApprovalRequired = approver == me // awaiting the approver's approval, or none required
								out = append(out, r)
							}
						}
					}
				}
			}
		case permission.KindDeal:
			out = append(out, permission.Resource{Org: testOrg, Kind: k, Deal: 30}, permission.Resource{Org: testOrg, Kind: k, Deal: 31})
		default:
			out = append(out, permission.Resource{Org: testOrg, Kind: k})
		}
	}
	return out
}

func TestEveryDecisionOverHTTP(t *testing.T) {
	// One person per system set, IDs from 101; the Owner set is in
	// set.Systems once, so the organization has one Owner.
	var people []string
	subjects := map[scope.ID]permission.Subject{}
	var ids []scope.ID
	id := scope.ID(100)
	for s := range set.Systems() {
		id++
		people = append(people, fmt.Sprintf(`{"id": %d, %s}`, id, holdingJSON(s)))
		subj := s.Subject(testOrg, id)
		subj.Projects, subj.Budgets, subj.Deals = scope.NewMembers(10, 11), scope.NewMembers(20), scope.NewMembers(30)
		subj.Plan = set.Ultimate
		subjects[id] = subj
		ids = append(ids, id)
	}
	org := `{"organization": 1, "plan": "ultimate", "people": [` + strings.Join(people, ",\n") + `]}`
	h := newTestServer(t, []byte(org), false).routes()

	var actions []permission.Action
	var items []string
	for a := range permission.Actions() {
		actions = append(actions, a)
		items = append(items, fmt.Sprintf(`{"action": {"name": %q}}`, a.String()))
	}
	allItems := "[" + strings.Join(items, ",") + "]"

	decisions, searches := 0, 0
	for _, me := range ids {
		subj := subjects[me]
		subject := `{"type": "user", "id": "` + strconv.FormatUint(uint64(me), 10) + `"}`
		for i, r := range gridResources(me) {
			if testing.Short() && i%5 != 0 {
				continue
			}
			res := resourceJSON(r)
			rec := postJSON(h, "/access/v1/evaluations", `{"subject": `+subject+`, "resource": `+res+`, "evaluations": `+allItems+`}`)
			var b wireBatch
			decodeBody(t, rec.Body, &b)
			if rec.Code != 200 || len(b.Evaluations) != len(actions) {
				t.Fatalf("subject %d, %s: status %d, %d answers", me, res, rec.Code, len(b.Evaluations))
			}
			// The store is the authority on a person it holds: their role
			// and set, whatever the request says.
			stored := r
			if p, ok := subjects[r.Person]; ok && r.Kind == permission.KindPerson {
				stored.PersonRole, stored.PersonPermissions = p.Role, p.Permissions
			} else if r.Kind == permission.KindPerson { // someone the store does not hold: no role or set to vouch for
				stored.PersonRole, stored.PersonPermissions = 0, permission.Mask{}
			}
			for j, a := range actions {
				want := verdictOfDecision(permission.Authorize(subj, a, stored))
				if got := verdictOf(b.Evaluations[j]); got != want {
					t.Errorf("subject %d (%s), %v on %s: HTTP %q, Authorize %q", me, subj.Role, a, res, got, want)
				}
				decisions++
			}

			rec = postJSON(h, "/access/v1/search/action", `{"subject": `+subject+`, "resource": `+res+`}`)
			var s wireSearch
			decodeBody(t, rec.Body, &s)
			var got, want []string
			for _, x := range s.Results {
				got = append(got, x.Name)
			}
			for a := range permission.Capabilities(subj, stored).All() {
				want = append(want, a.String())
			}
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("subject %d, actions on %s: HTTP %v, Capabilities %v", me, res, got, want)
			}
			searches++
		}
	}
	t.Logf("%d decisions and %d action searches compared with Authorize and Capabilities", decisions, searches)
}
