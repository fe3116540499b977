package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/scope"
	"github.com/google/go-cmp/cmp"
)

const evalPath = "/access/v1/evaluation"

// A request person 3 (a restricted Manager, member of project 10) is
// allowed; the variations below break one thing at a time.
const okRequest = `{"subject": {"type": "user", "id": "3"}, "action": {"name": "project.view"},
	"resource": {"type": "project", "id": "10", "properties": {"visibility": "private"}}}`

func TestProtocolRules(t *testing.T) {
	h := overTLS(t, newTestServer(t, sampleOrg(t), true))
	big := `{"subject": {"type": "user", "id": "3"}, "pad": "` + strings.Repeat("x", int(defaultLimits.maxBody)) + `"}`
	tests := []struct {
		name        string
		method      string // POST when empty
		contentType string // application/json when empty; "-" for none
		body        string
		status      int
		allowed     bool   // for status 200
		reason      string // for status 200
		missing     string // for status 200: the permission named, when the case pins it
		message     string // for errors: a part of the message
	}{
		{name: "allowed", body: okRequest, status: 200, allowed: true, reason: "granted"},
		{name: "content type with charset", contentType: "application/json; charset=utf-8", body: okRequest, status: 200, allowed: true, reason: "granted"},
		{name: "a deny is a 200", body: `{"subject": {"type": "user", "id": "3"}, "action": {"name": "project.view"},
			"resource": {"type": "project", "id": "12", "properties": {"visibility": "private"}}}`, status: 200, reason: "private_not_member", missing: "projects.view_all"},
		{name: "missing permission named", body: `{"subject": {"type": "user", "id": "4"}, "action": {"name": "invoice.export"},
			"resource": {"type": "invoice", "id": "9", "properties": {"project": 10, "visibility": "private", "budget": 20}}}`, status: 200, reason: "missing_permission"},

		// Unknown fields are ignored, at every level.
		{name: "unknown top-level field", body: `{"x": 1, "subject": {"type": "user", "id": "3"}, "action": {"name": "project.view"},
			"resource": {"type": "project", "id": "10", "properties": {"visibility": "private"}}}`, status: 200, allowed: true, reason: "granted"},
		{name: "unknown entity fields", body: `{"subject": {"type": "user", "id": "3", "x": [1]}, "action": {"name": "project.view", "properties": {"method": "GET"}},
			"resource": {"type": "project", "id": "10", "x": {}, "properties": {"visibility": "private", "colour": "red"}}, "context": {"time": "now"}}`, status: 200, allowed: true, reason: "granted"},
		{name: "unknown subject property of a known person", body: `{"subject": {"type": "user", "id": "3", "properties": {"department": "Sales", "ip_address": "10.0.0.1"}},
			"action": {"name": "project.view"}, "resource": {"type": "project", "id": "10", "properties": {"visibility": "private"}}}`, status: 200, allowed: true, reason: "granted"},
		{name: "null optional fields", body: `{"subject": {"type": "user", "id": "3", "properties": null}, "action": {"name": "project.view"},
			"resource": {"type": "project", "id": "10", "properties": {"visibility": "private", "budget": null}}, "context": null}`, status: 200, allowed: true, reason: "granted"},

		// Well formed, but nothing this decision point can allow.
		{name: "unknown subject", body: strings.Replace(okRequest, `"id": "3"`, `"id": "99"`, 1), status: 200, reason: "unknown_subject"},
		{name: "subject id not a number", body: strings.Replace(okRequest, `"id": "3"`, `"id": "alice@example.com"`, 1), status: 200, reason: "unknown_subject"},
		{name: "unknown subject type", body: strings.Replace(okRequest, `"type": "user"`, `"type": "group"`, 1), status: 200, reason: "unknown_subject"},
		{name: "unknown action", body: strings.Replace(okRequest, `project.view`, `project.vew`, 1), status: 200, reason: "unknown_action"},
		{name: "unknown resource type", body: strings.Replace(okRequest, `"type": "project"`, `"type": "projects"`, 1), status: 200, reason: "unknown_resource_type"},
		{name: "action of another kind", body: strings.Replace(okRequest, `project.view`, `invoice.view`, 1), status: 200, reason: "kind_mismatch"},
		{name: "resource lacks a fact", body: strings.Replace(okRequest, `"visibility": "private"`, `"colour": "red"`, 1), status: 200, reason: "invalid_resource"},
		{name: "other organization", body: strings.Replace(okRequest, `"visibility": "private"`, `"visibility": "private", "organization": 2`, 1), status: 200, reason: "other_organization"},
		{name: "same organization", body: strings.Replace(okRequest, `"visibility": "private"`, `"visibility": "private", "organization": "1"`, 1), status: 200, allowed: true, reason: "granted"},
		{name: "organization resource of another organization", body: `{"subject": {"type": "user", "id": "1"}, "action": {"name": "settings.manage"},
			"resource": {"type": "organization", "id": "2"}}`, status: 200, reason: "other_organization"},

		// Refused requests.
		{name: "no content type", contentType: "-", body: okRequest, status: 400, message: "want application/json"},
		{name: "text content type", contentType: "text/plain", body: okRequest, status: 400, message: "want application/json"},
		{name: "form content type", contentType: "application/x-www-form-urlencoded", body: okRequest, status: 400},
		{name: "empty body", body: "", status: 400, message: "empty request body"},
		{name: "blank body", body: " \n\t", status: 400, message: "empty request body"},
		{name: "oversized body", body: big, status: 413, message: "larger than 1048576 bytes"},
		{name: "not JSON", body: `subject=3`, status: 400},
		{name: "truncated JSON", body: okRequest[:40], status: 400},
		{name: "trailing data", body: okRequest + `{}`, status: 400},
		{name: "array", body: `[` + okRequest + `]`, status: 400, message: "want an object, got an array"},
		{name: "missing subject", body: `{"action": {"name": "project.view"}, "resource": {"type": "project", "id": "10"}}`, status: 400, message: "subject: missing"},
		{name: "null subject", body: `{"subject": null, "action": {"name": "project.view"}, "resource": {"type": "project", "id": "10"}}`, status: 400, message: "subject: missing"},
		{name: "field names match exactly", body: strings.Replace(okRequest, `"subject"`, `"Subject"`, 1), status: 400, message: "subject: missing"},
		{name: "missing subject type", body: strings.Replace(okRequest, `"type": "user", `, ``, 1), status: 400, message: "subject.type: missing"},
		{name: "missing subject id", body: strings.Replace(okRequest, `, "id": "3"`, ``, 1), status: 400, message: "subject.id: missing"},
		{name: "missing action", body: `{"subject": {"type": "user", "id": "3"}, "resource": {"type": "project", "id": "10"}}`, status: 400, message: "action: missing"},
		{name: "missing action name", body: strings.Replace(okRequest, `"name": "project.view"`, `"verb": "project.view"`, 1), status: 400, message: "action.name: missing"},
		{name: "missing resource", body: `{"subject": {"type": "user", "id": "3"}, "action": {"name": "project.view"}}`, status: 400, message: "resource: missing"},
		{name: "missing resource id", body: strings.Replace(okRequest, `"id": "10", `, ``, 1), status: 400, message: "resource.id: missing"},
		{name: "missing resource type", body: strings.Replace(okRequest, `"type": "project", `, ``, 1), status: 400, message: "resource.type: missing"},
		{name: "subject id a number", body: strings.Replace(okRequest, `"id": "3"`, `"id": 3`, 1), status: 400, message: "subject.id: want a string, got a number"},
		{name: "subject a string", body: strings.Replace(okRequest, `{"type": "user", "id": "3"}`, `"3"`, 1), status: 400, message: "subject: want an object, got a string"},
		{name: "action name a number", body: strings.Replace(okRequest, `"project.view"`, `7`, 1), status: 400, message: "action.name: want a string"},
		{name: "action a string", body: strings.Replace(okRequest, `{"name": "project.view"}`, `"project.view"`, 1), status: 400, message: "action: want an object"},
		{name: "context an array", body: strings.Replace(okRequest, `"action"`, `"context": [], "action"`, 1), status: 400, message: "context: want an object"},
		{name: "properties an array", body: strings.Replace(okRequest, `{"visibility": "private"}`, `["private"]`, 1), status: 400, message: "resource.properties: want an object"},
		{name: "project a boolean", body: strings.Replace(okRequest, `"visibility": "private"`, `"visibility": "private", "project": true`, 1), status: 400, message: "resource.properties.project: want a positive integer ID"},
		{name: "project zero", body: strings.Replace(okRequest, `"visibility": "private"`, `"visibility": "private", "project": 0`, 1), status: 400, message: "resource.properties.project"},
		{name: "project negative", body: strings.Replace(okRequest, `"visibility": "private"`, `"visibility": "private", "project": -10`, 1), status: 400, message: "resource.properties.project"},
		{name: "project fractional", body: strings.Replace(okRequest, `"visibility": "private"`, `"visibility": "private", "project": 10.5`, 1), status: 400, message: "resource.properties.project"},
		{name: "id and property disagree", body: strings.Replace(okRequest, `"visibility": "private"`, `"visibility": "private", "project": 11`, 1), status: 400, message: "disagree"},
		{name: "unknown visibility", body: strings.Replace(okRequest, `"private"`, `"secret"`, 1), status: 400, message: "resource.properties.visibility"},
		{name: "client_access a string", body: strings.Replace(okRequest, `"visibility": "private"`, `"visibility": "private", "client_access": "yes"`, 1), status: 400, message: "client_access: want a boolean"},
		{name: "unknown person_role", body: `{"subject": {"type": "user", "id": "2"}, "action": {"name": "person.manage_salary"},
			"resource": {"type": "person", "id": "4", "properties": {"person_role": "boss"}}}`, status: 400, message: "person_role"},
		{name: "organization a boolean", body: strings.Replace(okRequest, `"visibility": "private"`, `"visibility": "private", "organization": false`, 1), status: 400, message: "organization"},
		{name: "GET is not served", method: http.MethodGet, body: "", status: 405},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method, ct := tt.method, tt.contentType
			if method == "" {
				method = http.MethodPost
			}
			switch ct {
			case "":
				ct = "application/json"
			case "-":
				ct = ""
			}
			rec := do(h, method, evalPath, ct, tt.body, "X-Request-ID", "req-"+tt.name)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d; body %s", rec.Code, tt.status, rec.Body.Bytes())
			}
			if got := rec.Header().Get("X-Request-ID"); got != "req-"+tt.name {
				t.Errorf("X-Request-ID %q, want it echoed", got)
			}
			if tt.status == http.StatusMethodNotAllowed {
				return
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type %q", ct)
			}
			if tt.status != http.StatusOK {
				var e wireError
				decodeBody(t, rec.Body, &e)
				if e.Error.Status != tt.status || !strings.Contains(e.Error.Message, tt.message) {
					t.Errorf("error %+v, want status %d and a message containing %q", e.Error, tt.status, tt.message)
				}
				return
			}
			var d wireDecision
			decodeBody(t, rec.Body, &d)
			if d.Decision == nil || *d.Decision != tt.allowed || d.Context.Reason != tt.reason || d.Context.Sentence == "" {
				t.Errorf("answer decision=%v reason=%q sentence=%q, want %v %q and a sentence", deref(d.Decision), d.Context.Reason, d.Context.Sentence, tt.allowed, tt.reason)
			}
			// A missing permission is always named; a reach reason may name
			// the reach right that would reach the resource.
			if d.Context.Reason == "missing_permission" && d.Context.Missing == "" || tt.missing != "" && d.Context.Missing != tt.missing {
				t.Errorf("missing_permission %q with reason %q, want %q", d.Context.Missing, d.Context.Reason, tt.missing)
			}
		})
	}
}

func deref(b *bool) any {
	if b == nil {
		return nil
	}
	return *b
}

// Subjects described in full in subject.properties: read as strictly as
// set.Decode, because the description grants authority.
func TestStatelessSubject(t *testing.T) {
	h := overTLS(t, newTestServer(t, sampleOrg(t), true))
	ask := func(props string) string {
		return `{"subject": {"type": "user", "id": "42", "properties": ` + props + `}, "action": {"name": "project.view"},
			"resource": {"type": "project", "id": "10", "properties": {"visibility": "private"}}}`
	}
	tests := []struct {
		name    string
		props   string
		status  int
		allowed bool
		message string
	}{
		{"restricted coordinator, member", `{"role": "coordinator", "scope": "restricted", "memberships": {"projects": [10]}}`, 200, true, ""},
		{"restricted coordinator, not member", `{"role": "coordinator", "scope": "restricted", "memberships": {"projects": [11]}}`, 200, false, ""},
		{"IDs as strings", `{"role": "coordinator", "scope": "restricted", "memberships": {"projects": ["10"]}}`, 200, true, ""},
		{"default scope", `{"role": "coordinator"}`, 200, true, ""},
		{"staff with add-ons", `{"role": "staff", "addons": ["time", "contacts"], "memberships": {"projects": [10]}}`, 200, true, ""},
		{"custom set", `{"set": {"name": "Time tracking", "base": "staff", "revoke": ["tasks.manage", "task_lists.manage", "docs.access"]}, "memberships": {"projects": [10]}}`, 200, true, ""},
		{"common properties ignored", `{"role": "staff", "memberships": {"projects": [10]}, "ip_address": "10.0.0.1", "device_id": "d"}`, 200, true, ""},
		{"own organization", `{"role": "admin", "organization": 1}`, 200, true, ""},
		{"another organization", `{"role": "admin", "organization": 2}`, 400, false, "subject.properties.organization: 2 is not the organization this decision point holds"},

		{"misspelled scope", `{"role": "coordinator", "scop": "restricted"}`, 400, false, "subject.properties.scop: unknown property"},
		{"unknown property", `{"role": "staff", "department": "Sales"}`, 400, false, "subject.properties.department: unknown property"},
		{"repeated property", `{"role": "coordinator", "scope": "restricted", "scope": "unlimited"}`, 400, false, `$.subject.properties.scope: key "scope": key listed twice`},
		{"role and set", `{"role": "staff", "set": {"base": "staff"}}`, 400, false, "role and set both given"},
		{"scope with set", `{"set": {"base": "manager"}, "scope": "restricted"}`, 400, false, "subject.properties.scope: given with set"},
		{"authority without role or set", `{"memberships": {"projects": [10]}}`, 400, false, "subject.properties.memberships: describes authority"},
		{"unknown role", `{"role": "boss"}`, 400, false, "subject.properties.role"},
		{"role a number", `{"role": 3}`, 400, false, "subject.properties.role: want a string"},
		{"scope the role cannot have", `{"role": "staff", "scope": "unlimited"}`, 400, false, "subject.properties"},
		{"add-on the role lacks", `{"role": "manager", "addons": ["time"]}`, 400, false, "subject.properties"},
		{"repeated add-on", `{"role": "staff", "addons": ["time", "time"]}`, 400, false, "listed twice"},
		{"unknown membership", `{"role": "staff", "memberships": {"project": [10]}}`, 400, false, "memberships.project: unknown membership"},
		{"repeated membership ID", `{"role": "staff", "memberships": {"projects": [10, 10]}}`, 400, false, "memberships.projects[1]: 10 listed twice"},
		{"zero membership ID", `{"role": "staff", "memberships": {"projects": [0]}}`, 400, false, "memberships.projects[0]"},
		{"memberships an array", `{"role": "staff", "memberships": [10]}`, 400, false, "memberships: want an object"},
		{"set with unknown permission", `{"set": {"name": "X", "base": "staff", "grant": ["invoice.manage"]}}`, 400, false, "subject.properties.set: set: $.grant[0]"},
		{"set with unknown field", `{"set": {"base": "staff", "colour": "red"}}`, 400, false, "subject.properties.set"},
		{"custom set on the owner", `{"set": {"name": "X", "base": "owner"}}`, 400, false, "subject.properties.set"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := postJSON(h, evalPath, ask(tt.props))
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d; body %s", rec.Code, tt.status, rec.Body.Bytes())
			}
			if tt.status != 200 {
				var e wireError
				decodeBody(t, rec.Body, &e)
				if !strings.Contains(e.Error.Message, tt.message) {
					t.Errorf("message %q, want it to contain %q", e.Error.Message, tt.message)
				}
				return
			}
			var d wireDecision
			decodeBody(t, rec.Body, &d)
			if *d.Decision != tt.allowed {
				t.Errorf("decision %v (%s), want %v", *d.Decision, d.Context.Reason, tt.allowed)
			}
		})
	}

	t.Run("subject id must be a number", func(t *testing.T) {
		body := strings.Replace(ask(`{"role": "admin"}`), `"id": "42"`, `"id": "alice"`, 1)
		if rec := postJSON(h, evalPath, body); rec.Code != 400 {
			t.Errorf("status %d, want 400", rec.Code)
		}
	})
	t.Run("refused when disabled", func(t *testing.T) {
		h := overTLS(t, newTestServer(t, sampleOrg(t), false))
		rec := postJSON(h, evalPath, ask(`{"role": "admin"}`))
		if rec.Code != http.StatusForbidden {
			t.Errorf("status %d, want 403; body %s", rec.Code, rec.Body.Bytes())
		}
		// A known person with ordinary properties is still served.
		rec = postJSON(h, evalPath, strings.Replace(okRequest, `"id": "3"}`, `"id": "3", "properties": {"ip_address": "10.0.0.1"}}`, 1))
		if rec.Code != 200 {
			t.Errorf("status %d for a known person, want 200", rec.Code)
		}
	})
}

func TestBatchSemantics(t *testing.T) {
	h := overTLS(t, newTestServer(t, sampleOrg(t), true))
	// Person 3, a restricted Manager, member of project 10 only: projects
	// 10 (allowed), 12 (denied), 11 (denied), 13 public (allowed).
	items := `[
		{"resource": {"type": "project", "id": "10", "properties": {"visibility": "private"}}},
		{"resource": {"type": "project", "id": "12", "properties": {"visibility": "private"}}},
		{"resource": {"type": "project", "id": "11", "properties": {"visibility": "private"}}},
		{"resource": {"type": "project", "id": "13", "properties": {"visibility": "public"}}}]`
	batch := func(options string) string {
		return `{"subject": {"type": "user", "id": "3"}, "action": {"name": "project.view"}, ` + options + `"evaluations": ` + items + `}`
	}
	tests := []struct {
		name    string
		options string
		want    []bool
	}{
		{"default is execute_all", ``, []bool{true, false, false, true}},
		{"execute_all", `"options": {"evaluations_semantic": "execute_all"}, `, []bool{true, false, false, true}},
		{"deny_on_first_deny stops at the first deny, included", `"options": {"evaluations_semantic": "deny_on_first_deny"}, `, []bool{true, false}},
		{"permit_on_first_permit stops at the first permit, included", `"options": {"evaluations_semantic": "permit_on_first_permit"}, `, []bool{true}},
		{"other options ignored", `"options": {"another_option": 1}, `, []bool{true, false, false, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := postJSON(h, "/access/v1/evaluations", batch(tt.options))
			if rec.Code != 200 {
				t.Fatalf("status %d; body %s", rec.Code, rec.Body.Bytes())
			}
			var b wireBatch
			decodeBody(t, rec.Body, &b)
			var got []bool
			for _, e := range b.Evaluations {
				got = append(got, *e.Decision)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("decisions mismatch (-want +got):\n%s", diff)
			}
			if b.Decision != nil {
				t.Errorf("a batch answer has a top-level decision")
			}
		})
	}

	t.Run("permit_on_first_permit after denies", func(t *testing.T) {
		body := strings.Replace(batch(`"options": {"evaluations_semantic": "permit_on_first_permit"}, `), `"id": "10"`, `"id": "14"`, 1)
		var b wireBatch
		rec := postJSON(h, "/access/v1/evaluations", body)
		decodeBody(t, rec.Body, &b)
		if len(b.Evaluations) != 4 || !*b.Evaluations[3].Decision {
			t.Errorf("got %d results, want 4 ending in a permit: %s", len(b.Evaluations), rec.Body.Bytes())
		}
	})

	t.Run("items override defaults, and fail alone", func(t *testing.T) {
		body := `{"subject": {"type": "user", "id": "3"}, "action": {"name": "project.view"},
			"resource": {"type": "project", "id": "10", "properties": {"visibility": "private"}},
			"evaluations": [
				{},
				{"subject": {"type": "user", "id": "6"}},
				{"action": {"name": 5}},
				"not an object",
				{"resource": {"type": "project", "properties": {"visibility": "private"}}},
				{"action": {"name": "project.join"}},
				{"subject": {"type": "user", "id": "42", "properties": {"role": "staff", "scop": "x"}}}
			]}`
		rec := postJSON(h, "/access/v1/evaluations", body)
		if rec.Code != 200 {
			t.Fatalf("status %d; body %s", rec.Code, rec.Body.Bytes())
		}
		var b wireBatch
		decodeBody(t, rec.Body, &b)
		type result struct {
			Decision bool
			Reason   string
			Status   int
			Message  string
		}
		var got []result
		for _, e := range b.Evaluations {
			r := result{Decision: *e.Decision, Reason: e.Context.Reason}
			if e.Context.Error != nil {
				r.Status = e.Context.Error.Status
				r.Message = e.Context.Error.Message
			}
			got = append(got, r)
		}
		// The wanted messages are prefixes of the messages.
		want := []result{
			{Decision: true, Reason: "granted"},
			{Decision: false, Reason: "not_in_reach"}, // the contractor is not a member of project 10
			{Status: 400, Message: "evaluations[2].action.name: want a string, got a number"},
			{Status: 400, Message: "evaluations[3]: want an object, got a string"},
			{Status: 400, Message: "evaluations[4].resource.id: missing"},
			{Decision: true, Reason: "granted"}, // joining a project one is a member of
			{Status: 400, Message: "evaluations[6].subject.properties.scop: unknown property"},
		}
		for i := range min(len(want), len(got)) {
			if want[i].Message != "" && strings.HasPrefix(got[i].Message, want[i].Message) {
				got[i].Message = want[i].Message
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("results mismatch (-want +got):\n%s", diff)
		}
	})

	t.Run("an error is a deny for deny_on_first_deny", func(t *testing.T) {
		body := `{"subject": {"type": "user", "id": "3"}, "action": {"name": "project.view"},
			"options": {"evaluations_semantic": "deny_on_first_deny"},
			"evaluations": [{"resource": {"type": "project", "id": "10", "properties": {"visibility": "private"}}}, {}, {}]}`
		var b wireBatch
		decodeBody(t, postJSON(h, "/access/v1/evaluations", body).Body, &b)
		if len(b.Evaluations) != 2 || b.Evaluations[1].Context.Error == nil || b.Evaluations[1].Context.Error.Status != 400 {
			t.Errorf("want two results, the second an error: %+v", b.Evaluations)
		}
	})

	for _, tt := range []struct{ name, evaluations string }{
		{"missing evaluations is one evaluation", ``},
		{"empty evaluations is one evaluation", `, "evaluations": []`},
		{"null evaluations is one evaluation", `, "evaluations": null`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			body := strings.TrimSuffix(okRequest, "}") + tt.evaluations + "}"
			rec := postJSON(h, "/access/v1/evaluations", body)
			if rec.Code != 200 {
				t.Fatalf("status %d; body %s", rec.Code, rec.Body.Bytes())
			}
			var b wireBatch
			decodeBody(t, rec.Body, &b)
			if b.Decision == nil || !*b.Decision || b.Context.Reason != "granted" || len(b.Evaluations) != 1 || !*b.Evaluations[0].Decision {
				t.Errorf("answer %s, want the single decision, also as the one evaluation", rec.Body.Bytes())
			}
		})
	}

	for _, tt := range []struct{ name, body, message string }{
		{"unknown semantic", `{"options": {"evaluations_semantic": "first"}, "evaluations": [{}]}`, "options.evaluations_semantic"},
		{"semantic a number", `{"options": {"evaluations_semantic": 1}, "evaluations": [{}]}`, "options.evaluations_semantic: want a string"},
		{"options a string", `{"options": "execute_all", "evaluations": [{}]}`, "request.options: want an object"},
		{"evaluations an object", `{"evaluations": {}}`, "evaluations: want an array"},
		{"malformed default", `{"subject": "3", "evaluations": [{}]}`, "subject: want an object"},
		{"no evaluations and incomplete", `{"subject": {"type": "user", "id": "3"}}`, "action: missing"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec := postJSON(h, "/access/v1/evaluations", tt.body)
			var e wireError
			decodeBody(t, rec.Body, &e)
			if rec.Code != 400 || !strings.Contains(e.Error.Message, tt.message) {
				t.Errorf("status %d message %q, want 400 and %q", rec.Code, e.Error.Message, tt.message)
			}
		})
	}
}

func TestMetadata(t *testing.T) {
	h := overTLS(t, newTestServer(t, sampleOrg(t), true))
	rec := do(h, http.MethodGet, metadataPath, "", "", "X-Request-ID", "m1")
	if rec.Code != 200 || rec.Header().Get("X-Request-ID") != "m1" {
		t.Fatalf("status %d, X-Request-ID %q", rec.Code, rec.Header().Get("X-Request-ID"))
	}
	var m map[string]any
	decodeBody(t, rec.Body, &m)
	if m["policy_decision_point"] != "https://pdp.test" {
		t.Errorf("policy_decision_point %v", m["policy_decision_point"])
	}
	// Every *_endpoint key names a served path, and every path under
	// /access/ that is served is named.
	var announced []string
	for k, v := range m {
		if !strings.HasSuffix(k, "_endpoint") {
			continue
		}
		path := strings.TrimPrefix(v.(string), "https://pdp.test")
		announced = append(announced, path)
		if rec := postJSON(h, path, okRequest); rec.Code == http.StatusNotFound || rec.Code == http.StatusMethodNotAllowed {
			t.Errorf("%s = %s is announced but answers %d", k, path, rec.Code)
		}
	}
	slices.Sort(announced)
	want := []string{"/access/v1/evaluation", "/access/v1/evaluations", "/access/v1/search/action", "/access/v1/search/resource", "/access/v1/search/subject"}
	if diff := cmp.Diff(want, announced); diff != "" {
		t.Errorf("announced endpoints mismatch (-want +got):\n%s", diff)
	}
	for _, path := range []string{"/access/v1/search", "/access/v1/partial", "/access/v2/evaluation"} {
		if rec := postJSON(h, path, okRequest); rec.Code != http.StatusNotFound {
			t.Errorf("%s answers %d, want 404: it is not announced", path, rec.Code)
		}
	}
	if rec := postJSON(h, metadataPath, "{}"); rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST metadata answers %d", rec.Code)
	}
}

func TestSearch(t *testing.T) {
	srv := newTestServer(t, sampleOrg(t), true)
	h := overTLS(t, srv)
	ids := func(t *testing.T, path, body string) []string {
		t.Helper()
		rec := postJSON(h, path, body)
		if rec.Code != 200 {
			t.Fatalf("status %d; body %s", rec.Code, rec.Body.Bytes())
		}
		var s wireSearch
		decodeBody(t, rec.Body, &s)
		out := []string{}
		for _, r := range s.Results {
			out = append(out, r.Type+":"+r.ID+r.Name)
		}
		if s.Page.NextToken == nil || *s.Page.NextToken != "" || s.Page.Count != len(out) {
			t.Errorf("page %+v for %d results", s.Page, len(out))
		}
		return out
	}
	resourceSearch := func(subject, action, typ string) string {
		return `{"subject": {"type": "user", "id": "` + subject + `"}, "action": {"name": "` + action + `"}, "resource": {"type": "` + typ + `"}}`
	}
	tests := []struct {
		name, path, body string
		want             []string
	}{
		{"a contractor's projects are their memberships", "/access/v1/search/resource", resourceSearch("6", "project.view", "project"), []string{"project:11"}},
		{"a staff member's projects", "/access/v1/search/resource", resourceSearch("4", "project.view", "project"), []string{"project:10", "project:11"}},
		{"a restricted manager's deals are the assigned ones", "/access/v1/search/resource", resourceSearch("3", "deal.view", "deal"), []string{"deal:30"}},
		{"a contractor sees no deals", "/access/v1/search/resource", resourceSearch("6", "deal.view", "deal"), []string{}},
		{"unknown subject: nothing", "/access/v1/search/resource", resourceSearch("99", "project.view", "project"), []string{}},
		{"unknown action: nothing", "/access/v1/search/resource", resourceSearch("4", "project.vew", "project"), []string{}},
		{"action of another kind: nothing", "/access/v1/search/resource", resourceSearch("4", "deal.view", "project"), []string{}},
		{"another organization: nothing", "/access/v1/search/resource",
			`{"subject": {"type": "user", "id": "6"}, "action": {"name": "project.view"}, "resource": {"type": "project", "properties": {"organization": 2}}}`, []string{}},
		{"the organization", "/access/v1/search/resource", resourceSearch("1", "settings.manage", "organization"), []string{"organization:1"}},
		{"not the organization", "/access/v1/search/resource", resourceSearch("4", "settings.manage", "organization"), []string{}},
		{"people whose salary the admin manages", "/access/v1/search/resource", resourceSearch("2", "person.change_permission_set", "person"),
			[]string{"person:3", "person:4", "person:5", "person:6", "person:7"}},
		{"people a staff member manages", "/access/v1/search/resource", resourceSearch("4", "person.change_permission_set", "person"), []string{}},
		{"actions on a time entry of one's own", "/access/v1/search/action",
			`{"subject": {"type": "user", "id": "4"}, "resource": {"type": "time_entry", "id": "500", "properties": {"person": 4, "project": 10, "visibility": "public", "budget": 20}}}`,
			[]string{":time_entry.track", ":time_entry.view"}},
		{"actions of an unknown subject", "/access/v1/search/action",
			`{"subject": {"type": "user", "id": "99"}, "resource": {"type": "project", "id": "10", "properties": {"visibility": "public"}}}`, []string{}},
		{"actions on another organization's project", "/access/v1/search/action",
			`{"subject": {"type": "user", "id": "1"}, "resource": {"type": "project", "id": "10", "properties": {"visibility": "public", "organization": 2}}}`, []string{}},
		{"who may export invoice 1000", "/access/v1/search/subject",
			`{"subject": {"type": "user"}, "action": {"name": "invoice.export"}, "resource": {"type": "invoice", "id": "1000", "properties": {"project": 12, "visibility": "private", "budget": 21}}}`,
			[]string{"user:1", "user:2", "user:7"}},
		{"no groups here", "/access/v1/search/subject",
			`{"subject": {"type": "group"}, "action": {"name": "project.view"}, "resource": {"type": "project", "id": "10", "properties": {"visibility": "public"}}}`, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, ids(t, tt.path, tt.body)); diff != "" {
				t.Errorf("results mismatch (-want +got):\n%s", diff)
			}
		})
	}

	// Where the answer is a filter rather than a set the point holds: an
	// empty page, with the reason, what the answer depends on, and the
	// filter itself in clearance's JSON form, for the host to list with.
	for _, tt := range []struct {
		name    string
		person  scope.ID
		action  permission.Action
		kind    string
		message string
	}{
		{"public projects are not listed here", 3, permission.ViewProject, "project", "project_is_public"},
		{"every project is not listed here", 1, permission.ViewProject, "project", "every project"},
		{"a client's budgets depend on their projects", 5, permission.ViewBudget, "budget", "project_is_shared"},
		{"tasks are records of the host", 4, permission.ViewTask, "task", "records"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec := postJSON(h, "/access/v1/search/resource", resourceSearch(idString(tt.person), tt.action.String(), tt.kind))
			var s struct {
				wireSearch
				Context struct {
					Reason, Message string
					Filter          json.RawMessage
				} `json:"context"`
			}
			decodeBody(t, rec.Body, &s)
			if rec.Code != 200 || len(s.Results) != 0 || s.Results == nil || s.Page.NextToken == nil || *s.Page.NextToken != "" ||
				s.Context.Reason != "not_enumerable" || !strings.Contains(s.Context.Message, tt.message) {
				t.Errorf("status %d, answer %+v, want 200, an empty page and reason not_enumerable with %q", rec.Code, s, tt.message)
			}
			want, err := json.Marshal(permission.List(srv.store.snapshot().people[tt.person].subject, tt.action))
			if err != nil {
				t.Fatal(err)
			}
			if string(s.Context.Filter) != string(want) {
				t.Errorf("context.filter\n%s\nwant clearance's filter\n%s", s.Context.Filter, want)
			}
		})
	}
	for _, tt := range []struct{ name, body, message string }{
		{"no action", `{"subject": {"type": "user", "id": "4"}, "resource": {"type": "project"}}`, "action: missing"},
		{"no subject id", `{"subject": {"type": "user"}, "action": {"name": "project.view"}, "resource": {"type": "project"}}`, "subject.id: missing"},
		{"bad page token", `{"subject": {"type": "user", "id": "4"}, "action": {"name": "project.view"}, "resource": {"type": "project"}, "page": {"token": "x"}}`, "page.token"},
		{"page limit not an integer", `{"subject": {"type": "user", "id": "4"}, "action": {"name": "project.view"}, "resource": {"type": "project"}, "page": {"limit": 1.5}}`, "page.limit"},
		{"page limit a string", `{"subject": {"type": "user", "id": "4"}, "action": {"name": "project.view"}, "resource": {"type": "project"}, "page": {"limit": "2"}}`, "page.limit"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec := postJSON(h, "/access/v1/search/resource", tt.body)
			var e wireError
			decodeBody(t, rec.Body, &e)
			if rec.Code != 400 || !strings.Contains(e.Error.Message, tt.message) {
				t.Errorf("status %d message %q, want 400 and %q", rec.Code, e.Error.Message, tt.message)
			}
		})
	}

	t.Run("paging", func(t *testing.T) {
		var got []string
		token := ""
		for range 10 {
			body := `{"subject": {"type": "user", "id": "2"}, "action": {"name": "person.change_permission_set"}, "resource": {"type": "person"},
				"page": {"limit": 2, "token": "` + token + `"}}`
			rec := postJSON(h, "/access/v1/search/resource", body)
			var s wireSearch
			decodeBody(t, bytes.NewReader(rec.Body.Bytes()), &s)
			if s.Page.Total != 5 || s.Page.Count != len(s.Results) || len(s.Results) > 2 {
				t.Fatalf("page %+v with %d results", s.Page, len(s.Results))
			}
			for _, r := range s.Results {
				got = append(got, r.ID)
			}
			if token = *s.Page.NextToken; token == "" {
				break
			}
		}
		if diff := cmp.Diff([]string{"3", "4", "5", "6", "7"}, got); diff != "" {
			t.Errorf("paged results mismatch (-want +got):\n%s", diff)
		}
	})
}

// The org file is read strictly.
func TestOrgFile(t *testing.T) {
	if _, err := parseOrg(sampleOrg(t)); err != nil {
		t.Fatalf("the sample: %v", err)
	}
	var sample map[string]any
	if err := json.Unmarshal(sampleOrg(t), &sample); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, doc, message string }{
		{"unknown key", `{"organization": 1, "plan": "ultimate", "people": [{"id": 1, "role": "owner"}], "x": 1}`, "$.x: unknown key"},
		{"no organization", `{"plan": "ultimate", "people": [{"id": 1, "role": "owner"}]}`, "$.organization: missing"},
		{"zero organization", `{"organization": 0, "plan": "ultimate", "people": [{"id": 1, "role": "owner"}]}`, "$.organization"},
		{"no plan", `{"organization": 1, "people": [{"id": 1, "role": "owner"}]}`, "$.plan: missing"},
		{"unknown plan", `{"organization": 1, "plan": "gold", "people": [{"id": 1, "role": "owner"}]}`, "$.plan"},
		{"no people", `{"organization": 1, "plan": "ultimate"}`, "$.people"},
		{"no owner", `{"organization": 1, "plan": "ultimate", "people": [{"id": 2, "role": "admin"}]}`, "no person holds the Owner set"},
		{"two owners", `{"organization": 1, "plan": "ultimate", "people": [{"id": 1, "role": "owner"}, {"id": 2, "role": "owner"}]}`, "a second Owner set"},
		{"person twice", `{"organization": 1, "plan": "ultimate", "people": [{"id": 1, "role": "owner"}, {"id": 1, "role": "staff"}]}`, "$.people[1].id: person 1 listed twice"},
		{"person without id", `{"organization": 1, "plan": "ultimate", "people": [{"role": "owner"}]}`, "$.people[0].id: missing"},
		{"person with an unknown key", `{"organization": 1, "plan": "ultimate", "people": [{"id": 1, "role": "owner", "name": "Ada"}]}`, "$.people[0].name: unknown property"},
		{"organization per person", `{"organization": 1, "plan": "ultimate", "people": [{"id": 1, "role": "owner", "organization": 1}]}`, "$.people[0].organization: unknown property"},
		{"custom set below Ultimate", `{"organization": 1, "plan": "professional", "people": [{"id": 1, "role": "owner"}, {"id": 2, "set": {"name": "X", "base": "staff"}}]}`, "$.people[1].set"},
		{"repeated key", `{"organization": 1, "organization": 2, "plan": "ultimate", "people": [{"id": 1, "role": "owner"}]}`, `$.organization: key "organization": key listed twice`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseOrg([]byte(tt.doc))
			if err == nil || !strings.Contains(err.Error(), tt.message) {
				t.Errorf("error %v, want one containing %q", err, tt.message)
			}
		})
	}
}

// TestSearchRequiredParts: each search needs the whole 4-tuple but the one
// part it searches for, and names the first part that is missing.
func TestSearchRequiredParts(t *testing.T) {
	h := overTLS(t, newTestServer(t, sampleOrg(t), false))
	subject := `"subject": {"type": "user", "id": "4"}`
	action := `"action": {"name": "project.view"}`
	resource := `"resource": {"type": "project", "id": "10", "properties": {"visibility": "public"}}`
	without := map[string]string{ // each part, and the request body without it
		"subject":     `{` + action + `, ` + resource + `}`,
		"subject.id":  `{"subject": {"type": "user"}, ` + action + `, ` + resource + `}`,
		"action":      `{` + subject + `, ` + resource + `}`,
		"resource":    `{` + subject + `, ` + action + `}`,
		"resource.id": `{` + subject + `, ` + action + `, "resource": {"type": "project", "properties": {"visibility": "public"}}}`,
	}
	leftOut := map[string]string{
		"/access/v1/search/action":   "action",
		"/access/v1/search/resource": "resource.id",
		"/access/v1/search/subject":  "subject.id",
	}
	for path, optional := range leftOut {
		for part, body := range without {
			t.Run(path+" without "+part, func(t *testing.T) {
				rec := postJSON(h, path, body)
				var e wireError
				decodeBody(t, bytes.NewReader(rec.Body.Bytes()), &e)
				missing := rec.Code == 400 && e.Error.Message == part+": missing"
				if want := part != optional; missing != want {
					t.Errorf("status %d message %q; want %q missing: %v", rec.Code, e.Error.Message, part, want)
				}
			})
		}
	}
}
