package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/clearance-go/clearance/permission/strictjson"
	"github.com/google/go-cmp/cmp"
)

// TestOneReading: a request has one reading. A key repeated at any depth is
// a 400 naming it; a key that differs from a known one only in case is
// another key (ignored, as unknown fields are).
func TestOneReading(t *testing.T) {
	h := overTLS(t, newTestServer(t, sampleOrg(t), true))
	tests := []struct {
		name    string
		body    string
		status  int
		message string // for 400: a part of the message
		reason  string // for 200
	}{
		{"subject twice", `{"subject": {"type": "user", "id": "3"}, "subject": {"type": "user", "id": "1"}, "action": {"name": "project.view"},
			"resource": {"type": "project", "id": "12", "properties": {"visibility": "private"}}}`, 400, `$.subject: key "subject": key listed twice`, ""},
		{"visibility twice", strings.Replace(okRequest, `"visibility": "private"`, `"visibility": "private", "visibility": "public"`, 1), 400,
			`$.resource.properties.visibility: key "visibility"`, ""},
		{"action name twice", strings.Replace(okRequest, `"name": "project.view"`, `"name": "project.view", "name": "project.edit"`, 1), 400, `$.action.name`, ""},
		{"a key repeated in an ignored field", strings.Replace(okRequest, `"action"`, `"context": {"a": {"b": [{"c": 1, "c": 2}]}}, "action"`, 1), 400, `$.context.a.b[0].c`, ""},
		{"a key repeated through an escape", strings.Replace(okRequest, `"visibility": "private"`, `"visibility": "private", "visibilit\u0079": "public"`, 1), 400, `key "visibility"`, ""},
		{"a key repeated in a batch item", `{"subject": {"type": "user", "id": "3"}, "evaluations": [{"action": {"name": "deal.view"}, "action": {"name": "deal.view"}}]}`, 400, `$.evaluations[0].action`, ""},
		{"Subject is not subject", strings.Replace(okRequest, `"subject"`, `"Subject"`, 1), 400, "subject: missing", ""},
		{"Subject beside subject is ignored", strings.Replace(okRequest, `"action"`, `"Subject": {"type": "user", "id": "1"}, "action"`, 1), 200, "", "granted"},
		{"Visibility is not visibility", strings.Replace(okRequest, `"visibility": "private"`, `"Visibility": "public", "visibility": "private"`, 1), 200, "", "granted"},
		{"ID is not id", strings.Replace(okRequest, `"id": "3"`, `"ID": "1", "id": "3"`, 1), 200, "", "granted"},
		{"a long s is not an s", strings.Replace(okRequest, `"subject"`, `"ſubject"`, 1), 400, "subject: missing", ""},
		{"invalid UTF-8", strings.Replace(okRequest, `"private"`, "\"priv\xffate\"", 1), 400, "invalid UTF-8", ""},
		{"too deep", strings.Replace(okRequest, `"action"`, `"context": {"x": `+strings.Repeat("[", 40)+strings.Repeat("]", 40)+`}, "action"`, 1), 400, "more than 32 levels", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, path := range []string{evalPath, "/access/v1/evaluations"} {
				rec := postJSON(h, path, tt.body)
				var got struct {
					Error struct{ Message string } `json:"error"`
				}
				if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
					t.Fatal(err)
				}
				if rec.Code != tt.status || !strings.Contains(got.Error.Message, tt.message) || tt.reason != "" && !strings.Contains(rec.Body.String(), `"reason":"`+tt.reason+`"`) {
					t.Errorf("%s: status %d %s; want %d with %q%q", path, rec.Code, rec.Body.Bytes(), tt.status, tt.message, tt.reason)
				}
			}
		})
	}
}

// TestAnswersNameTheCause: an answer a caller in any language can act on.
func TestAnswersNameTheCause(t *testing.T) {
	h := overTLS(t, newTestServer(t, sampleOrg(t), false))
	type unknownProp struct {
		Name    string `json:"name"`
		Nearest string `json:"did_you_mean"`
	}
	type answer struct {
		Decision bool `json:"decision"`
		Context  struct {
			Reason  string        `json:"reason"`
			Field   string        `json:"missing_field"`
			Message string        `json:"message"`
			Unknown []unknownProp `json:"unknown_properties"`
		} `json:"context"`
	}
	long := strings.Repeat("z", 5000)
	tests := []struct {
		name     string
		body     string
		reason   string
		field    string
		message  string
		unknown  []unknownProp
		decision bool
	}{
		{"a project without visibility", strings.Replace(okRequest, `"visibility": "private"`, `"colour": "red"`, 1), "invalid_resource", "properties.visibility", "",
			[]unknownProp{{"colour", ""}}, false},
		{"a misspelled property", strings.Replace(okRequest, `"visibility": "private"`, `"visibilty": "private"`, 1), "invalid_resource", "properties.visibility", "",
			[]unknownProp{{"visibilty", "visibility"}}, false},
		{"a budget without its project", `{"subject": {"type": "user", "id": "1"}, "action": {"name": "budget.view"}, "resource": {"type": "budget", "id": "20", "properties": {"projekt": 10}}}`,
			"invalid_resource", "properties.project", "", []unknownProp{{"projekt", "project"}}, false},
		{"extra properties are named, not refused", strings.Replace(okRequest, `"visibility": "private"`, `"visibility": "private", "Budget": 20, "owner": 1, "a": 1, "b": 2, "c": 3`, 1), "granted", "", "",
			[]unknownProp{{"Budget", "budget"}, {"owner", ""}, {"a", ""}, {"b", ""}}, true},
		{"a long unknown property is cut", strings.Replace(okRequest, `"visibility": "private"`, `"visibility": "private", "`+long+`": 1`, 1), "granted", "", "",
			[]unknownProp{{`"` + strings.Repeat("z", 64) + `"... (5000 bytes)`, ""}}, true},
		{"an unknown action", strings.Replace(okRequest, "project.view", "project.veiw", 1), "unknown_action", "", `did you mean "project.view"?`, nil, false},
		{"a permission for an action", strings.Replace(okRequest, "project.view", "projects.view_all", 1), "unknown_action", "", "that is a permission, not an action", nil, false},
		{"an unknown resource type", strings.Replace(okRequest, `"type": "project"`, `"type": "projects"`, 1), "unknown_resource_type", "", `did you mean "project"?`, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := postJSON(h, evalPath, tt.body)
			var a answer
			decodeBody(t, rec.Body, &a)
			if rec.Code != 200 || a.Decision != tt.decision || a.Context.Reason != tt.reason || a.Context.Field != tt.field || !strings.Contains(a.Context.Message, tt.message) {
				t.Errorf("status %d, answer %+v; want decision %v, reason %s, field %q, message with %q", rec.Code, a, tt.decision, tt.reason, tt.field, tt.message)
			}
			if diff := cmp.Diff(tt.unknown, a.Context.Unknown); diff != "" {
				t.Errorf("unknown properties mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSearchConformance: page first, limits clamped, tokens opaque and
// bound to the request that made them.
func TestSearchConformance(t *testing.T) {
	srv := newTestServer(t, sampleOrg(t), false)
	h := overTLS(t, srv)
	const people = `{"subject": {"type": "user", "id": "2"}, "action": {"name": "person.change_permission_set"}, "resource": {"type": "person"}, "page": {"limit": 2%s}}`
	search := func(body string) (*wireSearch, int, string) {
		rec := postJSON(h, "/access/v1/search/resource", body)
		raw := rec.Body.String()
		var s wireSearch
		if rec.Code == 200 {
			decodeBody(t, bytes.NewReader(rec.Body.Bytes()), &s)
		}
		return &s, rec.Code, raw
	}
	first, code, raw := search(strings.Replace(people, "%s", "", 1))
	if code != 200 || !strings.HasPrefix(raw, `{"page":`) {
		t.Fatalf("status %d, answer %s; want 200 with page first", code, raw)
	}
	token := *first.Page.NextToken
	if token == "" || strings.Contains(token, "2") && len(token) < 8 {
		t.Fatalf("next_token %q, want an opaque token", token)
	}
	with := func(body string) string { return strings.Replace(body, "%s", `, "token": "`+token+`"`, 1) }
	if s, code, _ := search(with(people)); code != 200 || len(s.Results) != 2 || s.Results[0].ID != "5" {
		t.Fatalf("the token with its own request: status %d, %+v", code, s)
	}
	// The same request written otherwise: keys in another order, white
	// space, escapes.
	same := `{ "page" : {"token": "` + token + `", "limit": 2}, "resource": {"type": "person"}, "action": {"name": "person.change_permission_\u0073et"}, "subject": {"id": "2", "type": "user"} }`
	if s, code, raw := search(same); code != 200 || len(s.Results) != 2 || s.Results[0].ID != "5" {
		t.Fatalf("the token with its request written otherwise: status %d, %s", code, raw)
	}
	for name, body := range map[string]string{
		"another subject":  strings.Replace(with(people), `"id": "2"`, `"id": "1"`, 1),
		"another action":   strings.Replace(with(people), "person.change_permission_set", "person.view", 1),
		"another resource": strings.Replace(with(people), `"type": "person"}`, `"type": "person", "properties": {"person_role": "staff"}}`, 1),
		"another limit":    strings.Replace(with(people), `"limit": 2`, `"limit": 3`, 1),
		"another context":  strings.Replace(with(people), `"page"`, `"context": {"x": 1}, "page"`, 1),
		"a forged offset":  strings.Replace(with(people), token, "AAAAAAAAAAIA"+token[12:], 1),
		"a bare offset":    strings.Replace(people, "%s", `, "token": "2"`, 1),
	} {
		if _, code, raw := search(body); code != 400 || !strings.Contains(raw, "page.token") {
			t.Errorf("%s: status %d %s, want 400 naming page.token", name, code, raw)
		}
	}
	// Another endpoint with the same parts.
	if rec := postJSON(h, "/access/v1/search/subject", with(people)); rec.Code != 400 {
		t.Errorf("the token on another endpoint: status %d, want 400", rec.Code)
	}
	// After a reload the results may shift: the token is refused.
	snap, err := parseOrg(sampleOrg(t))
	if err != nil {
		t.Fatal(err)
	}
	srv.store.cur.Store(snap)
	if _, code, _ := search(with(people)); code != 400 {
		t.Errorf("a token from before a reload: status %d, want 400", code)
	}

	// page.limit is a maximum: none, zero or a negative limit is the
	// default, and one above the maximum is the maximum.
	for _, limit := range []string{"0", "-3", "1000000", "99999999999999999999"} {
		s, code, raw := search(strings.Replace(strings.Replace(people, "%s", "", 1), `"limit": 2`, `"limit": `+limit, 1))
		if code != 200 || len(s.Results) != 5 || *s.Page.NextToken != "" {
			t.Errorf("page.limit %s: status %d, %s; want all five people", limit, code, raw)
		}
	}
}

// TestMetadataConformance: https URLs when TLS is on, Cache-Control, the
// limits announced.
func TestMetadataConformance(t *testing.T) {
	srv := newTestServer(t, sampleOrg(t), false)
	rec := do(overTLS(t, srv), http.MethodGet, metadataPath, "", "", "Authorization", "")
	if rec.Code != 200 || !strings.Contains(rec.Header().Get("Cache-Control"), "max-age=") {
		t.Fatalf("status %d, Cache-Control %q", rec.Code, rec.Header().Get("Cache-Control"))
	}
	var m map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	for k, v := range m {
		if (k == "policy_decision_point" || strings.HasSuffix(k, "_endpoint")) && !strings.HasPrefix(v.(string), "https://pdp.test") {
			t.Errorf("%s = %v, want an https URL", k, v)
		}
	}
	for k, want := range map[string]float64{"clearance_max_request_bytes": 1 << 20, "clearance_max_batch_items": 1000, "clearance_max_request_values": 100_000, "clearance_max_page_limit": 1000} {
		if m[k] != want {
			t.Errorf("%s = %v, want %v", k, m[k], want)
		}
	}
}

// TestEveryPropertyIsRead: every row of resourceProps is read (a value of
// the wrong JSON type is a 400 naming it), and is not named as unknown.
func TestEveryPropertyIsRead(t *testing.T) {
	h := newTestServer(t, sampleOrg(t), false).routes()
	for _, p := range resourceProps {
		body := strings.Replace(okRequest, `"visibility": "private"`, `"visibility": "private", "`+p.name+`": {}`, 1)
		if p.name == "visibility" {
			body = strings.Replace(okRequest, `"visibility": "private"`, `"visibility": {}`, 1)
		}
		rec := postJSON(h, evalPath, body)
		if rec.Code != 400 || !strings.Contains(rec.Body.String(), "resource.properties."+p.name+": want") {
			t.Errorf("%s as an object: status %d %s, want 400 naming it", p.name, rec.Code, rec.Body.Bytes())
		}
		if got := unknownProperties(strictjson.Value{Kind: strictjson.Object, Members: []strictjson.Member{{Key: p.name}}}); len(got) != 0 {
			t.Errorf("%s named unknown: %v", p.name, got)
		}
		if propertyOfField(p.field) != "properties."+p.name {
			t.Errorf("field %s maps to %s", p.field, propertyOfField(p.field))
		}
	}
}
