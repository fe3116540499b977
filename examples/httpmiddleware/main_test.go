package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/scope"
)

// logDecision is the decision group of a JSON log record, as Decision.LogValue
// writes it.
type logDecision struct {
	Allowed bool   `json:"allowed"`
	Action  string `json:"action"`
	Reason  string `json:"reason"`
	Missing string `json:"missing,omitempty"`
}

// logRecord is one JSON log record of the middleware.
type logRecord struct {
	Level    string       `json:"level"`
	Msg      string       `json:"msg"`
	User     uint64       `json:"user"`
	Resource uint64       `json:"resource"`
	Decision *logDecision `json:"decision"`
	Request  struct {
		Method string `json:"method"`
		Path   string `json:"path"`
	} `json:"request"`
}

// exchange is one request and what came back.
type exchange struct {
	status int
	header http.Header
	body   []byte
	logs   []logRecord
}

// send serves one request through the demo service, with a JSON slog handler
// writing to a buffer, and returns the answer and the records logged. reveal
// is the service's Authorizer.Reveal.
func send(t *testing.T, reveal bool, method, path, user string) exchange {
	t.Helper()
	d, err := newDemo()
	if err != nil {
		t.Fatalf("newDemo: %v", err)
	}
	var logs bytes.Buffer
	h := d.routes(slog.New(slog.NewJSONHandler(&logs, nil)), reveal)
	req := httptest.NewRequest(method, path, nil)
	if user != "" {
		req.Header.Set(demoUserHeader, user)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	ex := exchange{status: rec.Code, header: rec.Header(), body: rec.Body.Bytes()}
	dec := json.NewDecoder(&logs)
	for dec.More() {
		var r logRecord
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("decoding log output: %v", err)
		}
		ex.logs = append(ex.logs, r)
	}
	return ex
}

func decodeBody[T any](t *testing.T, ex exchange) T {
	t.Helper()
	var v T
	dec := json.NewDecoder(bytes.NewReader(ex.body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("decoding body %q: %v", ex.body, err)
	}
	if dec.More() {
		t.Errorf("body %q holds more than one JSON value", ex.body)
	}
	if ct := ex.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	return v
}

// TestRoutes drives allowed and denied requests through every route, with
// Reveal set, and checks the status, the JSON body and the logged decision.
func TestRoutes(t *testing.T) {
	id := func(n uint64) string { return fmt.Sprint(n) }
	tests := []struct {
		name         string
		method, path string
		user         string
		status       int
		denial       *Denial        // the 403 body
		ok           map[string]any // the 200 body
		decision     *logDecision   // the logged decision; nil when none is made
	}{
		// Integration settings: "Users with the following permissions can
		// export invoices and expenses without needing any integration
		// permissions: Add, edit, and delete invoices and payments".
		{
			name: "accountant exports an invoice", method: "POST", path: "/invoices/1000/export", user: id(uint64(accountantID)),
			status: http.StatusOK, ok: map[string]any{"invoice": "INV-1000", "exported_to": "accounting"},
			decision: &logDecision{Allowed: true, Action: "invoice.export", Reason: "granted"},
		},
		{
			// Staff have "no permission to access any financial information".
			// Missing names the permission export is about, "Copy invoices
			// to an accounting system" (which the legacy invoices.manage
			// implies), not its dependency invoices.view, which Staff lack too.
			name: "staff may not export an invoice", method: "POST", path: "/invoices/1000/export", user: id(uint64(staffID)),
			status: http.StatusForbidden,
			denial: &Denial{Action: "invoice.export", Reason: "missing_permission", Missing: "invoices.copy_to_accounting",
				Message: "invoice.export is denied: a required permission is missing (invoices.copy_to_accounting)"},
			decision: &logDecision{Action: "invoice.export", Reason: "missing_permission", Missing: "invoices.copy_to_accounting"},
		},
		{
			// The accountant's Staff-based set holds no "View all invoices": it
			// reaches the invoices of budgets she is a member of; invoice 1002
			// is on budget 101.
			name: "accountant may not export an invoice out of reach", method: "POST", path: "/invoices/1002/export", user: id(uint64(accountantID)),
			status: http.StatusForbidden,
			denial: &Denial{Action: "invoice.export", Reason: "not_in_reach", Missing: "invoices.view_all",
				Message: "invoice.export is denied: the record is not within reach: not a member (invoices.view_all would reach it)"},
			decision: &logDecision{Action: "invoice.export", Reason: "not_in_reach", Missing: "invoices.view_all"},
		},
		{
			// "Integration permissions, specifically "Manage organizational
			// integrations," are only necessary for the initial connection".
			name: "accountant may not connect the accounting tool", method: "POST", path: "/integrations/accounting/connect", user: id(uint64(accountantID)),
			status: http.StatusForbidden,
			denial: &Denial{Action: "integration.connect_accounting", Reason: "missing_permission", Missing: "integrations.manage_organizational",
				Message: "integration.connect_accounting is denied: a required permission is missing (integrations.manage_organizational)"},
			decision: &logDecision{Action: "integration.connect_accounting", Reason: "missing_permission", Missing: "integrations.manage_organizational"},
		},
		{
			// "one admin sets up the integration".
			name: "admin connects the accounting tool", method: "POST", path: "/integrations/accounting/connect", user: id(uint64(adminID)),
			status: http.StatusOK, ok: map[string]any{"integration": "accounting", "connected": true},
			decision: &logDecision{Allowed: true, Action: "integration.connect_accounting", Reason: "granted"},
		},
		{
			// "To give a Client access to a specific budget, you need to go
			// into the Project, select the Budget and turn Client access on".
			name: "client views a shared budget with Client access on", method: "GET", path: "/budgets/100", user: id(uint64(clientID)),
			status: http.StatusOK, ok: map[string]any{"id": 100.0, "project": 10.0, "name": "App: design and build", "client_access": true},
			decision: &logDecision{Allowed: true, Action: "budget.view", Reason: "granted"},
		},
		{
			name: "client may not view a budget with Client access off", method: "GET", path: "/budgets/101", user: id(uint64(clientID)),
			status: http.StatusForbidden,
			denial: &Denial{Action: "budget.view", Reason: "client_access_off",
				Message: "budget.view is denied: the budget's Client access is off"},
			decision: &logDecision{Action: "budget.view", Reason: "client_access_off"},
		},
		{
			// "Note that clients will never see your Worked time in Productive."
			name: "client never sees a budget's time", method: "GET", path: "/budgets/100/time", user: id(uint64(clientID)),
			status: http.StatusForbidden,
			denial: &Denial{Action: "budget.view_worked_time", Reason: "client_never_sees",
				Message: "budget.view_worked_time is denied: clients never see worked time, cost, rates, profit, margin, invoicing or expenses"},
			decision: &logDecision{Action: "budget.view_worked_time", Reason: "client_never_sees"},
		},
		{
			name: "admin views a budget's time", method: "GET", path: "/budgets/100/time", user: id(uint64(adminID)),
			status: http.StatusOK, ok: map[string]any{"budget": 100.0, "estimated_hours": 400.0, "worked_hours": 310.5},
			decision: &logDecision{Allowed: true, Action: "budget.view_worked_time", Reason: "granted"},
		},
		{
			name: "staff may not view a budget", method: "GET", path: "/budgets/100", user: id(uint64(staffID)),
			status: http.StatusForbidden,
			denial: &Denial{Action: "budget.view", Reason: "missing_permission", Missing: "budgets.view",
				Message: "budget.view is denied: a required permission is missing (budgets.view)"},
			decision: &logDecision{Action: "budget.view", Reason: "missing_permission", Missing: "budgets.view"},
		},
		{name: "unknown user", method: "POST", path: "/invoices/1000/export", user: "99", status: http.StatusUnauthorized},
		{name: "no user header", method: "GET", path: "/budgets/100", user: "", status: http.StatusUnauthorized},
		{name: "malformed user header", method: "GET", path: "/budgets/100", user: "alice", status: http.StatusUnauthorized},
		{name: "malformed budget id", method: "GET", path: "/budgets/abc", user: id(uint64(adminID)), status: http.StatusBadRequest},
		{name: "zero invoice id", method: "POST", path: "/invoices/0/export", user: id(uint64(adminID)), status: http.StatusBadRequest},
		{name: "unknown budget", method: "GET", path: "/budgets/999", user: id(uint64(adminID)), status: http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := send(t, true, tt.method, tt.path, tt.user)
			if ex.status != tt.status {
				t.Fatalf("%s %s as %q: status %d, want %d; body %s", tt.method, tt.path, tt.user, ex.status, tt.status, ex.body)
			}
			switch {
			case tt.denial != nil:
				if diff := cmp.Diff(*tt.denial, decodeBody[Denial](t, ex)); diff != "" {
					t.Errorf("403 body mismatch (-want +got):\n%s", diff)
				}
			case tt.ok != nil:
				if diff := cmp.Diff(tt.ok, decodeBody[map[string]any](t, ex)); diff != "" {
					t.Errorf("200 body mismatch (-want +got):\n%s", diff)
				}
			default:
				if p := decodeBody[Problem](t, ex); p.Error == "" {
					t.Errorf("%d body has no error message: %s", ex.status, ex.body)
				}
			}
			if tt.status == http.StatusUnauthorized && ex.header.Get("WWW-Authenticate") == "" {
				t.Errorf("401 without a WWW-Authenticate header")
			}
			if len(ex.logs) != 1 {
				t.Fatalf("logged %d records, want 1: %+v", len(ex.logs), ex.logs)
			}
			rec := ex.logs[0]
			if rec.Request.Method != tt.method || rec.Request.Path != tt.path {
				t.Errorf("logged request %+v, want %s %s", rec.Request, tt.method, tt.path)
			}
			if diff := cmp.Diff(tt.decision, rec.Decision); diff != "" {
				t.Errorf("logged decision mismatch (-want +got):\n%s", diff)
			}
			if tt.decision != nil {
				wantLevel := "INFO"
				if !tt.decision.Allowed {
					wantLevel = "WARN"
				}
				if rec.Level != wantLevel || fmt.Sprint(rec.User) != tt.user {
					t.Errorf("logged level %s, user %d; want %s, user %s", rec.Level, rec.User, wantLevel, tt.user)
				}
			}
		})
	}
}

// TestAuthorizeStopsDeniedRequests checks the middleware on its own: the next
// handler runs exactly when the decision is an allow, and every decision is
// logged through Decision.LogValue.
func TestAuthorizeStopsDeniedRequests(t *testing.T) {
	d, err := newDemo()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		user   string
		called bool
	}{
		{fmt.Sprint(uint64(adminID)), true},
		{fmt.Sprint(uint64(accountantID)), false},
		{fmt.Sprint(uint64(ownerID)), true},
		{"", false},
	} {
		var logs bytes.Buffer
		z := &Authorizer{Principal: d.principal, Logger: slog.New(slog.NewTextHandler(&logs, nil))}
		called := false
		h := z.Authorize(permission.ConfigureSSO, d.organization)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			called = true
			w.WriteHeader(http.StatusNoContent)
		}))
		req := httptest.NewRequest("PUT", "/sso", nil)
		if tt.user != "" {
			req.Header.Set(demoUserHeader, tt.user)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if called != tt.called {
			t.Errorf("user %q: next handler called = %v, want %v (status %d)", tt.user, called, tt.called, rec.Code)
		}
		if tt.user == "" {
			continue
		}
		wantAllowed := fmt.Sprintf("decision.allowed=%v decision.action=integration.configure_sso", tt.called)
		if !strings.Contains(logs.String(), wantAllowed) {
			t.Errorf("user %q: log %q does not contain %q", tt.user, logs.String(), wantAllowed)
		}
	}
}

// TestDemoSubjects checks that the demo people hold the sets the README
// describes, that the middleware finds each one prepared from their set and
// memberships, and nobody else.
func TestDemoSubjects(t *testing.T) {
	d, err := newDemo()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for id, s := range d.org.People() {
		got[d.names[id]] = s.Name()
		req := httptest.NewRequest("GET", "/", nil)
		req.Header.Set(demoUserHeader, fmt.Sprint(uint64(id)))
		p := d.principal(req)
		if p == nil {
			t.Errorf("%s (%d): no principal", d.names[id], id)
			continue
		}
		if subj := p.Subject(); subj.ID != id || subj.Permissions != s.Permissions() || subj.Projects != d.members[id].projects {
			t.Errorf("%s (%d): principal of %+v, want the person's set and memberships", d.names[id], id, subj)
		}
	}
	for _, header := range []string{"", "x", "99"} {
		req := httptest.NewRequest("GET", "/", nil)
		req.Header.Set(demoUserHeader, header)
		if p := d.principal(req); p != nil {
			t.Errorf("header %q: principal %v, want nobody", header, p.Subject())
		}
	}
	want := map[string]string{
		"Olivia": "Owner", "Adam": "Admin", "Alice": "Accounting",
		"Carl (Acme)": "Client Manager", "Sam": "Staff",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("demo people mismatch (-want +got):\n%s", diff)
	}
	if d.org.Owner() != ownerID {
		t.Errorf("Owner = %d, want %d", d.org.Owner(), ownerID)
	}
	s, _ := d.org.SetOf(accountantID)
	if !s.Has(permission.InvoicesManage) || !s.Has(permission.ExpensesManageAll) || s.Has(permission.IntegrationsManageOrganizational) {
		t.Errorf("Accounting set = %v; want invoices.manage and expenses.manage_all without integrations.manage_organizational", s.Permissions())
	}
}

// TestDenyLooksLikeNotFound: without Reveal, a deny answers exactly what a
// record that does not exist answers (same status, same body), so a caller
// cannot tell the two apart, while the log keeps the full reason.
func TestDenyLooksLikeNotFound(t *testing.T) {
	missing := send(t, false, "GET", "/budgets/999", fmt.Sprint(uint64(staffID)))
	if missing.status != http.StatusNotFound {
		t.Fatalf("unknown budget: status %d, want 404", missing.status)
	}
	for _, tt := range []struct {
		method, path string
		user         scope.ID
		reason       string
	}{
		{"GET", "/budgets/100", staffID, "missing_permission"},
		{"GET", "/budgets/101", clientID, "client_access_off"},
		{"GET", "/budgets/100/time", clientID, "client_never_sees"},
		{"POST", "/invoices/1002/export", accountantID, "not_in_reach"},
		{"POST", "/integrations/accounting/connect", accountantID, "missing_permission"},
	} {
		ex := send(t, false, tt.method, tt.path, fmt.Sprint(uint64(tt.user)))
		if ex.status != missing.status || !bytes.Equal(ex.body, missing.body) {
			t.Errorf("%s %s as %d: %d %s; want what an unknown record gets, %d %s", tt.method, tt.path, tt.user, ex.status, ex.body, missing.status, missing.body)
		}
		if len(ex.logs) != 1 || ex.logs[0].Decision == nil || ex.logs[0].Decision.Reason != tt.reason {
			t.Errorf("%s %s as %d: logged %+v, want the decision with reason %s", tt.method, tt.path, tt.user, ex.logs, tt.reason)
		}
	}
}
