package main

import (
	"fmt"
	"strings"
	"testing"
)

// TestPropertiesNeverAddAuthority: for every person of the sample
// organization, every action on a grid of resources is decided the same
// with and without subject properties that claim the Owner's role, a custom
// set, every membership and another organization. A stored person is who
// the organization says, whatever the request claims; the stateless flag
// and the caller's token change nothing.
func TestPropertiesNeverAddAuthority(t *testing.T) {
	claims := []string{
		`{"role": "owner"}`,
		`{"role": "owner", "scope": "unlimited", "memberships": {"projects": [10, 11, 12, 13], "deals": [30, 31], "budgets": [20, 21]}}`,
		`{"set": {"name": "Everything", "base": "admin", "grant": ["billing.view"]}, "memberships": {"projects": [12]}}`,
		`{"memberships": {"projects": [10, 11, 12, 13]}, "organization": 2, "department": "Sales"}`,
	}
	var items []string
	for _, a := range []string{"project.view", "project.edit", "budget.view", "budget.view_revenue", "deal.view", "invoice.export",
		"settings.manage", "billing.view", "organization.transfer_ownership", "person.change_permission_set"} {
		items = append(items, fmt.Sprintf(`{"action": {"name": %q}}`, a))
	}
	resources := []string{
		`{"type": "project", "id": "12", "properties": {"visibility": "private"}}`,
		`{"type": "project", "id": "13", "properties": {"visibility": "public"}}`,
		`{"type": "budget", "id": "21", "properties": {"project": 12, "visibility": "private", "client_access": true}}`,
		`{"type": "deal", "id": "31"}`,
		`{"type": "invoice", "id": "9", "properties": {"project": 12, "visibility": "private", "budget": 21}}`,
		`{"type": "organization", "id": "1"}`,
		`{"type": "person", "id": "2", "properties": {"person_role": "admin"}}`,
	}
	for _, stateless := range []bool{false, true} {
		h := overTLS(t, newTestServer(t, sampleOrg(t), stateless))
		allowedSome := false
		for person := 1; person <= 7; person++ {
			for _, res := range resources {
				ask := func(props string) string {
					subject := fmt.Sprintf(`{"type": "user", "id": "%d"%s}`, person, props)
					rec := postJSON(h, "/access/v1/evaluations", `{"subject": `+subject+`, "resource": `+res+`, "evaluations": [`+strings.Join(items, ",")+`]}`)
					if rec.Code != 200 {
						t.Fatalf("person %d, %s, properties %s: status %d: %s", person, res, props, rec.Code, rec.Body.Bytes())
					}
					return rec.Body.String()
				}
				want := ask("")
				allowedSome = allowedSome || strings.Contains(want, `"decision":true`)
				for _, c := range claims {
					if got := ask(`, "properties": ` + c); got != want {
						t.Errorf("stateless=%v: person %d on %s claiming %s:\n got %s\nwant %s", stateless, person, res, c, got, want)
					}
				}
			}
		}
		if !allowedSome {
			t.Fatal("nothing allowed at all: the comparison proves nothing")
		}
	}
}

// TestStatelessOnlyWhenAllowed: a subject the organization does not hold,
// described in its properties, is decided only with -stateless and a
// caller that presented a token, and only in the loaded organization.
func TestStatelessOnlyWhenAllowed(t *testing.T) {
	const ask = `{"subject": {"type": "user", "id": "42", "properties": {"role": "owner"%s}}, "action": {"name": "project.view"},
		"resource": {"type": "project", "id": "12", "properties": {"visibility": "private"}}}`
	on := newTestServer(t, sampleOrg(t), true)
	off := newTestServer(t, sampleOrg(t), false)
	noTokens := newTestServer(t, sampleOrg(t), true)
	noTokens.tokens = nil // a point without tokens never accepts a described subject
	tests := []struct {
		name   string
		srv    *server
		extra  string
		status int
		reason string
	}{
		{"stateless on, token presented", on, "", 200, "granted"},
		{"stateless on, the loaded organization named", on, `, "organization": "1"`, 200, "granted"},
		{"stateless on, another organization", on, `, "organization": 2`, 400, ""},
		{"stateless off (the default)", off, "", 403, ""},
		{"stateless on, but no caller authenticated", noTokens, "", 403, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := postJSON(overTLS(t, tt.srv), evalPath, fmt.Sprintf(ask, tt.extra))
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body.Bytes())
			}
			if tt.reason != "" && !strings.Contains(rec.Body.String(), `"reason":"`+tt.reason+`"`) {
				t.Errorf("answer %s, want reason %s", rec.Body.Bytes(), tt.reason)
			}
		})
	}
	// Without -stateless an unknown subject with plain properties is
	// simply unknown.
	rec := postJSON(overTLS(t, off), evalPath, strings.Replace(fmt.Sprintf(ask, ""), `"role": "owner"`, `"department": "Sales"`, 1))
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "unknown_subject") {
		t.Errorf("status %d %s, want unknown_subject", rec.Code, rec.Body.Bytes())
	}
}

// TestConfig: the flags that go together, the loopback rule and the
// policy_decision_point URL.
func TestConfig(t *testing.T) {
	base := config{orgFile: "org.json", addr: "127.0.0.1:8080", limits: defaultLimits}
	with := func(f func(*config)) config { c := base; f(&c); return c }
	tls := func(c *config) { c.tlsCert, c.tlsKey = "cert.pem", "key.pem" }
	tests := []struct {
		name string
		c    config
		pdp  string // "" when refused
	}{
		{"defaults: loopback, plain HTTP", base, "http://127.0.0.1:8080"},
		{"no org file", with(func(c *config) { c.orgFile = "" }), ""},
		{"localhost is loopback", with(func(c *config) { c.addr = "localhost:9" }), "http://localhost:9"},
		{"IPv6 loopback", with(func(c *config) { c.addr = "[::1]:9" }), "http://[::1]:9"},
		{"every interface without TLS", with(func(c *config) { c.addr = ":8080" }), ""},
		{"a public address without TLS", with(func(c *config) { c.addr = "192.0.2.1:8080" }), ""},
		{"a public address with TLS but no tokens", with(func(c *config) { c.addr = "192.0.2.1:8080"; tls(c) }), ""},
		{"a public address with TLS and tokens", with(func(c *config) { c.addr = "192.0.2.1:8443"; tls(c); c.tokenFile = "t" }), "https://192.0.2.1:8443"},
		{"a public address, explicitly insecure", with(func(c *config) { c.addr = ":8080"; c.insecureListen = true }), "http://:8080"},
		{"a bad address", with(func(c *config) { c.addr = "nonsense" }), ""},
		{"certificate without key", with(func(c *config) { c.tlsCert = "cert.pem" }), ""},
		{"key without certificate", with(func(c *config) { c.tlsKey = "key.pem" }), ""},
		{"stateless without tokens", with(func(c *config) { c.stateless = true }), ""},
		{"stateless with tokens", with(func(c *config) { c.stateless = true; c.tokenFile = "t" }), "http://127.0.0.1:8080"},
		{"TLS: https by default", with(tls), "https://127.0.0.1:8080"},
		{"trailing slashes do not double", with(func(c *config) { tls(c); c.pdp = "https://pdp.example.com//" }), "https://pdp.example.com"},
		{"an http URL with TLS", with(func(c *config) { tls(c); c.pdp = "http://pdp.example.com" }), ""},
		{"a zero limit", with(func(c *config) { c.limits.maxItems = 0 }), ""},
		{"the database", with(func(c *config) { c.orgFile = ""; c.db = "host=/tmp"; c.dbOrg = 1; c.dbOpts = defaultDBOptions }), "http://127.0.0.1:8080"},
		{"the database without an organization", with(func(c *config) { c.orgFile = ""; c.db = "host=/tmp"; c.dbOpts = defaultDBOptions }), ""},
		{"the database and a file", with(func(c *config) { c.db = "host=/tmp"; c.dbOrg = 1; c.dbOpts = defaultDBOptions }), ""},
		{"the database, no reconcile", with(func(c *config) { c.orgFile = ""; c.db = "host=/tmp"; c.dbOrg = 1 }), ""},
		{"a negative consistency wait", with(func(c *config) { c.consistencyWait = -1 }), ""},
	}
	for _, tt := range tests {
		pdp, err := tt.c.check()
		if pdp != tt.pdp || (err == nil) != (tt.pdp != "") {
			t.Errorf("%s: %q, %v; want %q", tt.name, pdp, err, tt.pdp)
		}
	}
}

// TestStoreVouchesForPeople: the store is the authority on people as
// resources too. A person it holds is decided with their stored role and
// set, whatever the request says; one it does not hold has no role or set
// the request can describe into an allow (review finding: a restricted
// Manager changing the set of "person 999, a Staff member with
// projects.view" was allowed).
func TestStoreVouchesForPeople(t *testing.T) {
	h := newTestServer(t, sampleOrg(t), false).routes()
	ask := func(person, props string) wireDecision {
		t.Helper()
		rec := postJSON(h, "/access/v1/evaluation", `{"subject": {"type": "user", "id": "3"}, "action": {"name": "person.change_permission_set"},
			"resource": {"type": "person", "id": "`+person+`", "properties": {`+props+`}}}`)
		var d wireDecision
		decodeBody(t, rec.Body, &d)
		if rec.Code != 200 || d.Decision == nil {
			t.Fatalf("status %d", rec.Code)
		}
		return d
	}
	if d := ask("999", `"person_role": "staff", "person_permissions": ["projects.view"]`); *d.Decision || d.Context.Reason != "invalid_resource" {
		t.Errorf("a person the store does not hold: %+v, want invalid_resource", d)
	}
	// Person 2 is the Admin: claiming they are a Staff member with little
	// changes nothing.
	if d := ask("2", `"person_role": "staff", "person_permissions": ["projects.view"]`); *d.Decision || d.Context.Reason != "person_protected" {
		t.Errorf("the stored Admin described as Staff: %+v, want person_protected", d)
	}
}
