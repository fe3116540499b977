package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"testing"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// fuzzSeeds are requests to start from: allowed ones, so that mutations
// explore the neighbourhood of an allow, and malformed ones.
var fuzzSeeds = []string{
	okRequest,
	`{"subject": {"type": "user", "id": "7"}, "action": {"name": "invoice.export"},
	  "resource": {"type": "invoice", "id": "1000", "properties": {"project": 12, "visibility": "private", "budget": 21}}}`,
	`{"subject": {"type": "user", "id": "5"}, "action": {"name": "budget.view"},
	  "resource": {"type": "budget", "id": "20", "properties": {"project": "10", "visibility": "private", "client_access": true, "organization": 1}}}`,
	`{"subject": {"type": "user", "id": "2"}, "action": {"name": "person.change_permission_set"},
	  "resource": {"type": "person", "id": "4", "properties": {"person_role": "staff"}}}`,
	`{"subject": {"type": "user", "id": "4"}, "action": {"name": "time_entry.track"},
	  "resource": {"type": "time_entry", "id": "500", "properties": {"person": 4, "project": 10, "visibility": "public", "budget": 20, "approver": 3}}}`,
	`{"subject": {"type": "user", "id": "3"}, "evaluations": [{"action": {"name": "deal.view"}, "resource": {"type": "deal", "id": "30"}}, {}],
	  "options": {"evaluations_semantic": "permit_on_first_permit"}}`,
	`{"subject": {"type": "user", "id": "42", "properties": {"role": "admin", "scope": "unlimited"}}, "action": {"name": "settings.manage"},
	  "resource": {"type": "organization", "id": "1"}}`,
	`{"subject": {"type": "user", "id": "3"}, "subject": null}`,
	// Repeated keys at every depth, and keys that differ only in case: each
	// is one reading or a 400, never two readings.
	`{"subject": {"type": "user", "id": "3"}, "subject": {"type": "user", "id": "1"}, "action": {"name": "project.view"}, "resource": {"type": "project", "id": "12", "properties": {"visibility": "private"}}}`,
	`{"subject": {"type": "user", "id": "3"}, "action": {"name": "project.view"}, "resource": {"type": "project", "id": "12", "properties": {"visibility": "private", "visibility": "public"}}}`,
	`{"subject": {"type": "user", "id": "3", "id": "1"}, "action": {"name": "project.view", "name": "project.view"}, "resource": {"type": "project", "id": "12", "properties": {"visibility": "public"}}}`,
	`{"subject": {"type": "user", "id": "3"}, "Subject": {"type": "user", "id": "1"}, "action": {"name": "project.view"}, "resource": {"type": "project", "id": "12", "properties": {"Visibility": "public", "visibility": "private"}}}`,
	`{"subject": {"type": "user", "id": "3", "properties": {"role": "owner", "ROLE": "owner", "memberships": {"projects": [12]}}}, "action": {"name": "project.view"}, "resource": {"type": "project", "id": "12", "properties": {"visibility": "private"}}}`,
	`{"subject": {"type": "user", "id": "42", "properties": {"role": "staff", "Role": "owner", "memberships": {"projects": [12], "Projects": [13]}}}, "action": {"name": "project.view"}, "resource": {"type": "project", "id": "12", "properties": {"visibility": "private"}}}`,
	`{"Subject": {}}`, `[]`, `null`, `{`, `"x"`, ``,
}

// FuzzRequestDecoder sends arbitrary bodies to the evaluation and batch
// endpoints. Whatever the body: no panic, a status from the protocol's list,
// a JSON answer, and no allow unless an independent reading of the body (the
// oracle below, written from the package documentation rather than from the
// decoder) finds a well-formed request that clearance allows.
func FuzzRequestDecoder(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	srv := newTestServer(f, sampleOrg(f), true)
	h := srv.routes()
	subjects := oracleSubjects(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, path := range []string{"/access/v1/evaluation", "/access/v1/evaluations"} {
			rec := postJSON(h, path, string(body))
			switch rec.Code {
			case http.StatusOK, http.StatusBadRequest, http.StatusForbidden, http.StatusRequestEntityTooLarge:
			default:
				t.Fatalf("%s: status %d", path, rec.Code)
			}
			if !json.Valid(rec.Body.Bytes()) {
				t.Fatalf("%s: the answer is not JSON: %q", path, rec.Body.Bytes())
			}
			if rec.Code != http.StatusOK {
				continue
			}
			var top map[string]any
			dec := json.NewDecoder(bytes.NewReader(body))
			dec.UseNumber()
			if err := dec.Decode(&top); err != nil || top == nil {
				t.Fatalf("%s: 200 for a body that is not a JSON object: %q", path, body)
			}
			var b wireBatch
			decodeBody(t, rec.Body, &b)
			check := func(req map[string]any, d wireDecision) {
				if d.Decision == nil {
					t.Fatalf("%s: an answer without a decision", path)
				}
				if !*d.Decision {
					return
				}
				if why := oracleAllows(subjects, req); why != "" {
					t.Fatalf("%s: allowed %q, but %s", path, body, why)
				}
			}
			items, _ := top["evaluations"].([]any)
			if path == "/access/v1/evaluation" || len(items) == 0 {
				check(top, b.wireDecision)
				for _, e := range b.Evaluations {
					check(top, e)
				}
				continue
			}
			if len(b.Evaluations) > len(items) {
				t.Fatalf("%d answers to %d evaluations", len(b.Evaluations), len(items))
			}
			for i, e := range b.Evaluations {
				item, ok := items[i].(map[string]any)
				if !ok {
					if *e.Decision {
						t.Fatalf("evaluation %d is not an object, and is allowed", i)
					}
					continue
				}
				merged := map[string]any{}
				for _, k := range []string{"subject", "action", "resource", "context"} {
					if v, ok := item[k]; ok && v != nil {
						merged[k] = v
					} else if v, ok := top[k]; ok {
						merged[k] = v
					}
				}
				check(merged, e)
			}
		}
	})
}

// oracleSubjects are the people of the sample organization, built here from
// the sets the sample file names.
func oracleSubjects(t testing.TB) map[string]permission.Subject {
	t.Helper()
	mk := func(id scope.ID, s set.Set, projects, deals, budgets []scope.ID) permission.Subject {
		subj := s.Subject(testOrg, id)
		subj.Projects, subj.Deals, subj.Budgets = scope.NewMembers(projects...), scope.NewMembers(deals...), scope.NewMembers(budgets...)
		subj.Plan = set.Ultimate // the sample file's plan
		return subj
	}
	accounting, err := set.NewBuilder("Accounting", set.MustSystem(role.Staff, 0, 0)).
		Grant(permission.InvoicesViewAll, permission.InvoicesManage, permission.ExpensesManageAll).Build(set.Ultimate)
	if err != nil {
		t.Fatal(err)
	}
	return map[string]permission.Subject{
		"1": mk(1, set.MustSystem(role.Owner, 0, 0), nil, nil, nil),
		"2": mk(2, set.MustSystem(role.Admin, 0, 0), nil, nil, nil),
		"3": mk(3, set.MustSystem(role.Manager, scope.Restricted, 0), []scope.ID{10}, []scope.ID{30}, []scope.ID{20}),
		"4": mk(4, set.MustSystem(role.Staff, 0, set.AddonTime), []scope.ID{10, 11}, nil, []scope.ID{20}),
		"5": mk(5, set.MustSystem(role.Client, 0, set.AddonBudgets), []scope.ID{10}, nil, []scope.ID{20}),
		"6": mk(6, set.MustSystem(role.Contractor, 0, 0), []scope.ID{11}, nil, nil),
		"7": mk(7, accounting, nil, nil, nil),
	}
}

// oracleAllows returns "" when req is a well-formed evaluation request
// that clearance allows, and otherwise what is wrong with it. It reads the
// request as the package documentation describes it. A subject described in
// its properties is allowed only when it has a role or set and the
// decision is then not checked further here (TestStatelessSubject and the
// golden matrix cover it); it must still be well formed around it.
func oracleAllows(subjects map[string]permission.Subject, req map[string]any) string {
	subj, _ := req["subject"].(map[string]any)
	act, _ := req["action"].(map[string]any)
	res, _ := req["resource"].(map[string]any)
	if subj == nil || act == nil || res == nil {
		return "subject, action or resource is missing or not an object"
	}
	if c, ok := req["context"]; ok && c != nil {
		if _, ok := c.(map[string]any); !ok {
			return "context is not an object"
		}
	}
	typ, _ := subj["type"].(string)
	id, _ := subj["id"].(string)
	name, _ := act["name"].(string)
	rtype, _ := res["type"].(string)
	rid, idOK := res["id"].(string)
	if typ != "user" || !idOK {
		return "subject type is not user, or resource id is not a string"
	}
	a, err := permission.ParseAction(name)
	if err != nil {
		return "unknown action " + strconv.Quote(name)
	}
	var kind permission.Kind
	for k := permission.Kind(1); k.IsValid(); k++ {
		if k.String() == rtype {
			kind = k
		}
	}
	if kind == 0 {
		return "unknown resource type"
	}
	r, org, why := oracleResource(kind, rid, res["properties"])
	if why != "" {
		return why
	}
	props, isObject := subj["properties"].(map[string]any)
	if p, ok := subj["properties"]; ok && p != nil && !isObject {
		return "subject properties are not an object"
	}
	s, stored := subjects[id]
	if !stored {
		// Not a person of the organization: only a subject described in
		// full (role or set), of the loaded organization, is decided.
		_, role := props["role"]
		_, set := props["set"]
		if !role && !set {
			return "subject " + strconv.Quote(id) + " is not in the organization"
		}
		if v, ok := props["organization"]; ok {
			if subjectOrg, ok := oracleID(v); !ok || subjectOrg != 1 {
				return "the described subject's organization is not the loaded one"
			}
		}
		if org != 1 {
			return "the resource is of another organization than the described subject"
		}
		return ""
	}
	// A stored person: the properties are never read. The store is the
	// authority on the people it holds, as resources too: a stored person's
	// record has their role and set, and any record of theirs their
	// subsidiary and manager (none in the sample).
	if org != 1 {
		return "the resource is of another organization"
	}
	if p, ok := subjects[strconv.FormatUint(uint64(r.Person), 10)]; ok && r.Person != 0 {
		if r.Kind == permission.KindPerson {
			r.PersonRole, r.PersonPermissions = p.Role, p.Permissions
		}
		r.Workplace, r.Manager = p.Workplace, 0
	}
	if d := permission.Authorize(s, a, r); !d.Allowed() {
		return "Authorize says " + d.String()
	}
	return ""
}

// oracleID reads an ID property: a positive integer as a number or a
// decimal string.
func oracleID(v any) (scope.ID, bool) {
	var s string
	switch x := v.(type) {
	case json.Number:
		s = x.String()
	case string:
		s = x
	default:
		return 0, false
	}
	n, err := strconv.ParseUint(s, 10, 64)
	return scope.ID(n), err == nil && n > 0
}

// oracleResource reads a resource's ID and properties, and its
// organization: the sample's (1) unless it names another.
func oracleResource(kind permission.Kind, rid string, props any) (permission.Resource, scope.ID, string) {
	r := permission.Resource{Org: testOrg, Kind: kind}
	p, ok := props.(map[string]any)
	if !ok && props != nil {
		return r, 0, "resource properties are not an object"
	}
	org := scope.ID(1)
	fields := map[string]*scope.ID{"organization": &org, "project": &r.Project, "budget": &r.Budget, "deal": &r.Deal, "person": &r.Person, "approver": &r.Approver,
		"workplace": &r.Workplace, "manager": &r.Manager}
	given := map[string]bool{}
	for k, dst := range fields {
		v, ok := p[k]
		if !ok || v == nil {
			continue
		}
		id, ok := oracleID(v)
		if !ok {
			return r, 0, "property " + k + " is not an ID"
		}
		*dst, given[k] = id, true
	}
	if v, ok := p["visibility"]; ok && v != nil {
		s, _ := v.(string)
		vis, err := scope.ParseVisibility(s)
		if err != nil {
			return r, 0, "bad visibility"
		}
		r.Visibility = vis
	}
	if v, ok := p["person_role"]; ok && v != nil {
		s, _ := v.(string)
		pr, err := role.Parse(s)
		if err != nil {
			return r, 0, "bad person_role"
		}
		r.PersonRole = pr
	}
	for k, dst := range map[string]*bool{"client_access": &r.ClientAccess, "approval_required": &r.ApprovalRequired,
		"approved": &r.Approved, "manager_approves": &r.ManagerApproves} {
		if v, ok := p[k]; ok && v != nil {
			b, isBool := v.(bool)
			if !isBool {
				return r, 0, k + " is not a boolean"
			}
			*dst = b
		}
	}
	if v, ok := p["approvers"]; ok && v != nil {
		list, isList := v.([]any)
		if !isList {
			return r, 0, "approvers is not a list"
		}
		var ids []scope.ID
		for _, x := range list {
			id, ok := oracleID(x)
			if !ok {
				return r, 0, "an approver is not an ID"
			}
			ids = append(ids, id)
		}
		r.Approvers = scope.NewMembers(ids...)
	}
	if v, ok := p["person_permissions"]; ok && v != nil {
		list, isList := v.([]any)
		if !isList {
			return r, 0, "person_permissions is not a list"
		}
		var names []string
		for _, x := range list {
			name, isString := x.(string)
			if !isString {
				return r, 0, "a permission is not a string"
			}
			names = append(names, name)
		}
		m, err := permission.MaskFromNames(names)
		if err != nil {
			return r, 0, "bad person_permissions"
		}
		r.PersonPermissions = m
	}
	if n, err := strconv.ParseUint(rid, 10, 64); err == nil && n > 0 {
		own := map[permission.Kind]string{permission.KindProject: "project", permission.KindBudget: "budget",
			permission.KindDeal: "deal", permission.KindPerson: "person", permission.KindOrganization: "organization"}[kind]
		if own != "" {
			switch {
			case !given[own]:
				*fields[own] = scope.ID(n)
			case *fields[own] != scope.ID(n):
				return r, 0, "id and property " + own + " disagree"
			}
		}
		r.ID = scope.ID(n)
	}
	return r, org, ""
}

// FuzzHolding feeds arbitrary subject descriptions to the strict reader:
// no panic, and a description it accepts names a valid set.
func FuzzHolding(f *testing.F) {
	for _, s := range []string{
		`{"role": "manager", "scope": "restricted", "addons": [], "memberships": {"projects": [10], "deals": ["30"]}}`,
		`{"set": {"name": "Time tracking", "base": "staff", "revoke": ["tasks.manage", "task_lists.manage", "docs.access"]}}`,
		`{"role": "staff", "role": "admin"}`, `{"role": "client", "addons": ["budgets"], "organization": 2, "ip_address": "x"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, perr := parseBody(data, defaultLimits.maxValues)
		if perr != nil {
			return
		}
		_, h, err := parseHolding(v, "$", set.Ultimate, inSubject)
		if err == nil && !h.set.IsValid() {
			t.Fatalf("accepted %q with an invalid set", data)
		}
		if err == nil && !json.Valid(data) {
			t.Fatalf("accepted %q, which is not JSON", data)
		}
	})
}
