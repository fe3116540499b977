// Command httpmiddleware is a small net/http service that authorizes every
// request with a prepared permission.Principal.
//
// The service prepares every person's subject once, when it loads its
// people, and keeps them in a permission.Directory. Each route names the
// action it takes and how to find the resource it takes it on; the
// [Authorizer.Authorize] middleware looks the person up, decides, and logs
// the decision with its full reason with log/slog. A deny answers 404 with the same body as a record that does not
// exist, so a caller learns nothing of what they may not see; set
// [Authorizer.Reveal] (the -reveal flag) to answer 403 with the reason
// instead, for an internal tool whose callers may know why:
//
//	POST /invoices/{id}/export              invoice.export
//	POST /integrations/accounting/connect   integration.connect_accounting
//	GET  /budgets/{id}                      budget.view
//	GET  /budgets/{id}/time                 budget.view_worked_time
//
// Run it and try it:
//
//	go run ./examples/httpmiddleware
//	curl -i -X POST -H 'X-Demo-User: 3' http://127.0.0.1:8080/invoices/1000/export
//	curl -i -X POST -H 'X-Demo-User: 5' http://127.0.0.1:8080/invoices/1000/export
//	curl -i -H 'X-Demo-User: 4' http://127.0.0.1:8080/budgets/101
//
// DEMO ONLY: who is asking comes from an X-Demo-User header holding a person's
// ID. That header is a stand-in for real authentication (a session cookie, an
// OAuth token, a verified JWT). Anyone can send any header: never trust one
// like it in a real service.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	reveal := flag.Bool("reveal", false, "answer a deny with 403 and its reason instead of 404")
	flag.Parse()
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))

	d, err := newDemo()
	if err != nil {
		logger.Error("building the demo data", "err", err)
		os.Exit(1)
	}
	for id, s := range d.org.People() {
		logger.Info("demo person", "header", fmt.Sprintf("%s: %d", demoUserHeader, id), "name", d.names[id], "set", s.Name())
	}
	srv := &http.Server{Addr: *addr, Handler: d.routes(logger, *reveal), ReadHeaderTimeout: 10 * time.Second}
	logger.Info("listening", "addr", *addr)
	if err := srv.ListenAndServe(); err != nil {
		logger.Error("serving", "err", err)
		os.Exit(1)
	}
}

// ResourceFunc finds the resource a request acts on, typically from a path
// value and the host's records, with the organization the record belongs to.
// An error wrapping [errNotFound] answers 404; any other error means the
// request is malformed and answers 400.
type ResourceFunc func(*http.Request) (permission.Resource, error)

// errNotFound is wrapped by a ResourceFunc's error for a resource that does
// not exist.
var errNotFound = errors.New("not found")

// Authorizer wires prepared decisions into net/http.
type Authorizer struct {
	// Principal returns who is making the request, prepared, or nil when
	// the request is not authenticated. In this demo it reads the
	// X-Demo-User header and looks the person up in a permission.Directory
	// (see [demo.principal]); a real service reads its verified session
	// here.
	Principal func(*http.Request) *permission.Principal
	// Logger receives one record per request: the decision with its full
	// reason, or why none was made.
	Logger *slog.Logger
	// Reveal makes a deny answer 403 with a [Denial] that says why. Leave it
	// off for callers outside the organization's trust: then a deny answers
	// 404 exactly as a record that does not exist does, so that nobody
	// learns whether a record they may not see exists, nor which permission
	// would open it.
	Reveal bool
}

// Denial is the JSON body of a 403 answer, when [Authorizer.Reveal] is set.
type Denial struct {
	Allowed bool   `json:"allowed"`
	Action  string `json:"action"`
	Reason  string `json:"reason"`            // the stable reason name, such as "client_access_off"
	Missing string `json:"missing,omitempty"` // the missing permission, when one is
	Message string `json:"message"`           // the decision as a sentence
}

// Problem is the JSON body of a 400, 401 or 404 answer.
type Problem struct {
	Error string `json:"error"`
}

// Authorize returns middleware that lets a request through to the next
// handler only if its subject may take action on the resource the request
// names. It answers 401 when there is no subject, 400 when the request does
// not name a resource, and 404 with [notFound] both when the resource does
// not exist and when the decision denies (or, with Reveal, 403 with a
// [Denial]). Every decision is logged with its full reason.
func (z *Authorizer) Authorize(action permission.Action, resource ResourceFunc) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx := r.Context()
			request := slog.Group("request", slog.String("method", r.Method), slog.String("path", r.URL.Path))
			p := z.Principal(r)
			if p == nil {
				z.Logger.LogAttrs(ctx, slog.LevelWarn, "unauthenticated", request, slog.String("action", action.String()))
				w.Header().Set("WWW-Authenticate", `Demo realm="clearance", header="`+demoUserHeader+`"`)
				writeJSON(w, http.StatusUnauthorized, Problem{"unknown or missing user"})
				return
			}
			user := slog.Uint64("user", uint64(p.Subject().ID))
			res, err := resource(r)
			if err != nil {
				z.Logger.LogAttrs(ctx, slog.LevelWarn, "no resource", request, user, slog.String("action", action.String()), slog.String("err", err.Error()))
				if errors.Is(err, errNotFound) {
					writeJSON(w, http.StatusNotFound, notFound)
				} else {
					writeJSON(w, http.StatusBadRequest, Problem{err.Error()})
				}
				return
			}
			d := p.Authorize(action, &res)
			level := slog.LevelInfo
			if !d.Allowed() {
				level = slog.LevelWarn
			}
			z.Logger.LogAttrs(ctx, level, "authorization", request, user, slog.Uint64("resource", uint64(res.ID)), slog.Any("decision", d))
			switch {
			case d.Allowed():
			case z.Reveal:
				body := Denial{Action: d.Action().String(), Reason: d.Reason().String(), Message: d.String()}
				if m := d.Missing(); m.IsValid() {
					body.Missing = m.String()
				}
				writeJSON(w, http.StatusForbidden, body)
				return
			default:
				writeJSON(w, http.StatusNotFound, notFound)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// notFound is the body of every 404: for a record that does not exist and
// for one the caller may not see alike.
var notFound = Problem{"not found"}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// demoOrg is the ID of the demo's organization. A real service serves many,
// and takes each record's organization from its row.
const demoOrg scope.ID = 1

// The demo's people. IDs are what the X-Demo-User header carries.
const (
	ownerID      scope.ID = 1 // Olivia created the organization: its Owner
	adminID      scope.ID = 2 // Adam, an Admin: connects the accounting tool
	accountantID scope.ID = 3 // Alice, custom "Accounting" set: exports invoices
	clientID     scope.ID = 4 // Carl, a Client with access to budgets
	staffID      scope.ID = 5 // Sam, Staff
)

// demoUserHeader carries the ID of the person making the request. DEMO ONLY:
// it stands in for real authentication.
const demoUserHeader = "X-Demo-User"

type project struct {
	ID         scope.ID
	Name       string
	Visibility scope.Visibility
}

type budget struct {
	ID             scope.ID `json:"id"`
	Project        scope.ID `json:"project"`
	Name           string   `json:"name"`
	ClientAccess   bool     `json:"client_access"`
	Approver       scope.ID `json:"-"`
	EstimatedHours float64  `json:"-"`
	WorkedHours    float64  `json:"-"`
}

type invoice struct {
	ID     scope.ID
	Budget scope.ID
	Number string
}

// membership is what a person is a member of.
type membership struct {
	projects, budgets, deals scope.Members
}

// demo is the service's in-memory data: an organization with its people and
// their sets, their memberships, and a few projects, budgets and invoices.
// A real service keeps these in its database. Nothing changes it after
// newDemo returns, so it is safe for concurrent requests.
type demo struct {
	org      set.Org
	people   *permission.Directory // every person's subject, with memberships, prepared
	names    map[scope.ID]string
	members  map[scope.ID]membership
	projects map[scope.ID]project
	budgets  map[scope.ID]budget
	invoices map[scope.ID]invoice
}

// newDemo builds the demo organization. The Owner adds the Admin; the Admin
// adds the rest, each with a set no wider than the Admin's own.
func newDemo() (*demo, error) {
	// An accountant needs only the invoice and expense permissions to export
	// to the accounting tool; connecting the tool is an Admin's job
	// ("Managing Access to Account Integration Settings").
	accounting, err := set.NewBuilder("Accounting", set.MustSystem(role.Staff, 0, 0)).
		Grant(permission.InvoicesManage, permission.ExpensesManageAll).
		Build(set.Ultimate)
	if err != nil {
		return nil, err
	}
	org, err := set.NewOrg(demoOrg, set.Ultimate, ownerID)
	if err != nil {
		return nil, err
	}
	steps := []struct {
		actor, person scope.ID
		set           set.Set
	}{
		{ownerID, adminID, set.MustSystem(role.Admin, 0, 0)},
		{adminID, accountantID, accounting},
		{adminID, clientID, set.MustSystem(role.Client, 0, set.AddonBudgets)},
		{adminID, staffID, set.MustSystem(role.Staff, 0, 0)},
	}
	for _, s := range steps {
		if org, err = org.Add(s.actor, s.person, s.set); err != nil {
			return nil, err
		}
	}
	d := &demo{
		org: org,
		names: map[scope.ID]string{
			ownerID: "Olivia", adminID: "Adam", accountantID: "Alice", clientID: "Carl (Acme)", staffID: "Sam",
		},
		members: map[scope.ID]membership{
			// Alice is on the budgets she invoices; Staff-based sets reach
			// only what their holder is a member of.
			accountantID: {budgets: scope.NewMembers(100, 102)},
			// Carl is on the Acme app project and both of its budgets, but
			// Client access is on for only one of them.
			clientID: {projects: scope.NewMembers(10), budgets: scope.NewMembers(100, 101)},
			staffID:  {projects: scope.NewMembers(10)},
		},
		projects: map[scope.ID]project{
			10: {10, "Acme mobile app", scope.Public},
			11: {11, "Internal tools", scope.Private},
		},
		budgets: map[scope.ID]budget{
			100: {100, 10, "App: design and build", true, adminID, 400, 310.5},
			101: {101, 10, "App: support retainer", false, adminID, 120, 64},
			102: {102, 11, "Internal tools 2025", false, adminID, 200, 150},
		},
		invoices: map[scope.ID]invoice{
			1000: {1000, 100, "INV-1000"},
			1001: {1001, 102, "INV-1001"},
			1002: {1002, 101, "INV-1002"},
		},
	}
	// Prepare everyone once: the set gives role and permissions (so they
	// cannot disagree), the service adds memberships. A service rebuilds the
	// directory when people, sets or memberships change, and swaps it in.
	var ps []*permission.Principal
	for id := range org.People() {
		subj, _ := org.Subject(id)
		m := d.members[id]
		subj.Projects, subj.Budgets, subj.Deals = m.projects, m.budgets, m.deals
		p, err := permission.Prepare(subj)
		if err != nil {
			return nil, err
		}
		ps = append(ps, p)
	}
	if d.people, err = permission.NewDirectory(ps...); err != nil {
		return nil, err
	}
	return d, nil
}

// principal is the demo's authentication: it trusts the X-Demo-User header.
// DEMO ONLY: a stand-in for verifying a session or token. It returns the
// person's prepared subject, or nil for a header that names nobody.
func (d *demo) principal(r *http.Request) *permission.Principal {
	id, err := strconv.ParseUint(r.Header.Get(demoUserHeader), 10, 64)
	if err != nil {
		return nil
	}
	return d.people.Lookup(scope.ID(id))
}

// pathID reads the {id} path value.
func pathID(r *http.Request) (scope.ID, error) {
	v := r.PathValue("id")
	id, err := strconv.ParseUint(v, 10, 64)
	if err != nil || id == 0 {
		return 0, fmt.Errorf("id %q is not a positive integer", v)
	}
	return scope.ID(id), nil
}

// budgetResource describes budget b as a resource of kind k: its project's
// visibility, its Client access toggle, its approver.
func (d *demo) budgetResource(k permission.Kind, id scope.ID, b budget) permission.Resource {
	return permission.Resource{
		Org: d.org.ID(), Kind: k, ID: id, Project: b.Project, Visibility: d.projects[b.Project].Visibility,
		Budget: b.ID, ClientAccess: b.ClientAccess, Approver: b.Approver,
	}
}

func (d *demo) budgetOf(r *http.Request) (budget, error) {
	id, err := pathID(r)
	if err != nil {
		return budget{}, err
	}
	b, ok := d.budgets[id]
	if !ok {
		return budget{}, fmt.Errorf("budget %d: %w", id, errNotFound)
	}
	return b, nil
}

// budgetFromPath is the ResourceFunc of the budget routes.
func (d *demo) budgetFromPath(r *http.Request) (permission.Resource, error) {
	b, err := d.budgetOf(r)
	if err != nil {
		return permission.Resource{}, err
	}
	return d.budgetResource(permission.KindBudget, b.ID, b), nil
}

// invoiceFromPath is the ResourceFunc of the invoice routes: an invoice
// carries its budget's relations.
func (d *demo) invoiceFromPath(r *http.Request) (permission.Resource, error) {
	id, err := pathID(r)
	if err != nil {
		return permission.Resource{}, err
	}
	inv, ok := d.invoices[id]
	if !ok {
		return permission.Resource{}, fmt.Errorf("invoice %d: %w", id, errNotFound)
	}
	return d.budgetResource(permission.KindInvoice, inv.ID, d.budgets[inv.Budget]), nil
}

// organization is the ResourceFunc of organization-wide routes.
func (d *demo) organization(*http.Request) (permission.Resource, error) {
	return permission.Resource{Org: d.org.ID(), Kind: permission.KindOrganization}, nil
}

// routes returns the service: each route is guarded by the action it takes.
func (d *demo) routes(logger *slog.Logger, reveal bool) http.Handler {
	z := &Authorizer{Principal: d.principal, Logger: logger, Reveal: reveal}
	mux := http.NewServeMux()
	mux.Handle("POST /invoices/{id}/export", z.Authorize(permission.ExportInvoice, d.invoiceFromPath)(http.HandlerFunc(d.exportInvoice)))
	mux.Handle("POST /integrations/accounting/connect", z.Authorize(permission.ConnectAccounting, d.organization)(http.HandlerFunc(connectAccounting)))
	mux.Handle("GET /budgets/{id}", z.Authorize(permission.ViewBudget, d.budgetFromPath)(http.HandlerFunc(d.viewBudget)))
	mux.Handle("GET /budgets/{id}/time", z.Authorize(permission.ViewBudgetWorkedTime, d.budgetFromPath)(http.HandlerFunc(d.viewBudgetTime)))
	return mux
}

// The handlers run only after the middleware has allowed the request.

func (d *demo) exportInvoice(w http.ResponseWriter, r *http.Request) {
	id, _ := pathID(r) // checked by the middleware
	writeJSON(w, http.StatusOK, map[string]any{"invoice": d.invoices[id].Number, "exported_to": "accounting"})
}

func connectAccounting(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"integration": "accounting", "connected": true})
}

func (d *demo) viewBudget(w http.ResponseWriter, r *http.Request) {
	b, _ := d.budgetOf(r) // checked by the middleware
	writeJSON(w, http.StatusOK, b)
}

func (d *demo) viewBudgetTime(w http.ResponseWriter, r *http.Request) {
	b, _ := d.budgetOf(r) // checked by the middleware
	writeJSON(w, http.StatusOK, map[string]any{"budget": b.ID, "estimated_hours": b.EstimatedHours, "worked_hours": b.WorkedHours})
}
