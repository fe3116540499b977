// Command authzen is a decision point that answers OpenID AuthZEN
// Authorization API 1.0 requests with clearance, for services that cannot
// import a Go library: a gateway, an API proxy, a Node or Python back end.
//
// It loads an organization (people, their permission sets, their
// memberships) from a JSON file (-org) or from PostgreSQL (-db, below),
// prepares every person's subject once, and serves:
//
//	POST /access/v1/evaluation           one decision
//	POST /access/v1/evaluations          a batch: execute_all, deny_on_first_deny, permit_on_first_permit
//	POST /access/v1/search/action        the actions a subject may take on a resource (Capabilities)
//	POST /access/v1/search/resource      the resources a subject may act on, where that is a set this point holds
//	POST /access/v1/search/subject       the people of the loaded organization who may act on a resource
//	GET  /.well-known/authzen-configuration
//
// Subjects are {"type": "user", "id": "<person ID>"}. Actions are clearance's
// dotted action names ("invoice.export"). A resource's type is clearance's
// kind ("project", "budget", "time_entry", ...), its id the record's ID (for a
// project, budget, deal, person or the organization, also the field the rules
// read), and its properties the facts the rules read: organization, project,
// visibility ("public" or "private"), budget, client_access (a boolean),
// deal, person (whose record it is), person_role, approver (the budget's
// approver of time), and the relations beyond membership: workplace and
// manager (of the person whose record it is), approvers (an absence
// request's, a list of IDs), approval_required, approved, manager_approves
// (booleans) and person_permissions (a list of permission names). IDs are
// positive integers, as JSON numbers or decimal strings. For a person the
// organization holds, the store is the authority: their record's role, set,
// subsidiary and manager come from the file, whatever the request says. A
// resource that names no organization is the loaded organization's; one of
// another organization than the subject's is denied (reason
// other_organization). People in the file may carry "workplace" and
// "manager"; subjects carry the file's plan.
//
// Trust model. The loaded organization is the authority on who a subject
// is. A subject {"type": "user", "id": "<person ID>"} naming a person of the
// organization is that person, with the set, role and memberships the file
// gives them: subject.properties are never read for a stored person, so a
// claimed "role": "owner", a claimed set or extra memberships change no
// decision (and extra properties such as "department" are no error:
// AuthZEN lets callers send more than a point reads). Any other subject is
// unknown and denied everything (reason unknown_subject).
//
// Stateless subjects, described in full in subject.properties ("role" with
// optional "scope" and "addons", or "set", a clearance set document decoded
// for the loaded organization's plan; "memberships" {"projects", "deals",
// "budgets"}), exist only when the point is started with -stateless, which
// requires -token-file, and only for a caller that presented a token; a
// description from anyone else is refused with 403. Such a description
// grants authority, so it is read strictly (an unknown key is a 400, never
// ignored), and it is always of the loaded organization: an "organization"
// other than the loaded one is a 400. No request reaches an organization
// the point does not hold; a resource of another organization is denied
// (reason other_organization).
//
// Callers. With -tls-cert and -tls-key the point serves HTTPS only, and its
// metadata announces https URLs. With -token-file every POST needs
// "Authorization: Bearer <token>", a token of the file (one a line, at least
// 16 bytes; blank lines and lines starting with # are skipped), compared in
// constant time; otherwise the answer is 401 with WWW-Authenticate. The
// metadata stays readable without a token. Off a loopback address the point
// refuses to start without both TLS and tokens, unless -insecure-listen is
// given; on loopback without them it says so when it starts.
//
// One reading per request. A body is read once, by package
// github.com/clearance-go/clearance/permission/strictjson (the strict
// reader behind set documents too): a key repeated at any depth is a 400
// naming it, and keys match exactly ("Subject" is not "subject").
//
// Limits, each a flag: -max-body bytes of a body (1 MiB; 413 beyond),
// -max-values JSON values in a body (100,000; 413 beyond), -max-batch items
// of a batch (1,000; 400 beyond, before any is evaluated), -max-inflight
// requests served at once (64; 503 with Retry-After beyond), -max-request-id
// bytes of an X-Request-ID (128; a longer one, or one with anything but
// printable ASCII, is replaced by a generated ID, and is neither echoed nor
// logged). Within them a request's CPU, memory, answer and log output are
// linear in its size: a subject or resource a batch gives at the top is
// resolved once per request, every value taken from the request is cut to
// 64 bytes in answers and logs, and an answer names at most four unknown
// properties. Search pages hold at most 1,000 results; page.limit is a
// maximum (0 or none is the default, more is 1,000), and page tokens are
// opaque, bound by an HMAC with a per-process key (or the key of -page-key
// FILE, shared by replicas) to the request that made them (subject, action,
// resource, context, limit) and to the organization's load (-org) or the
// revision of the first page (-db): a token used with anything else is a
// 400.
//
// Answers. Every decision is 200 with {"decision": ..., "context":
// {"reason", "sentence", "missing_permission", "missing_field", "message",
// "unknown_properties"}}: missing_permission is the permission that was
// missing or, for a reach reason, the reach right that would have reached
// the resource; missing_field is, for invalid_resource, the property the
// resource lacks ("properties.visibility"); message explains an unknown
// action or resource type and suggests the nearest; unknown_properties
// names resource properties the point does not read (at most four), each
// with the nearest known one ("did_you_mean"). A deny is a decision, not an
// error. Refused requests: 400 for a content type other than
// application/json (or none), an empty body, a body that is not one JSON
// object, a repeated key, or a missing or mistyped required field; 401, 403,
// 413 and 503 as above; each with {"error": {"status", "message"}}. Every
// decision is logged with log/slog, with the full reason. SIGHUP reloads
// the organization file and the token file; a file that fails to load
// leaves what was loaded from it before.
//
// The database (-db CONNSTRING -db-org ID). The point serves one
// organization of a PostgreSQL database whose tables are db/schema.sql
// (applied when the point starts; idempotent): organizations (plan,
// revision), people (a system set by role, scope and addons, or a custom
// set as its set document; workplace, manager), memberships (projects,
// deals, budgets), projects (visibility), deals and budgets (project,
// client_access, approver, approval_required), every one keyed by (org_id,
// id) and every statement filtered by org_id first. db/seed.sql holds the
// organization of testdata/org.json. Triggers, in the transaction of every
// change, bump the organization's revision, log the changed people and
// NOTIFY clearance_changes; the point listens (github.com/jackc/pgxlisten,
// which reconnects), rebuilds only the changed people's subjects and swaps
// them in atomically (requests in flight keep theirs). A catch-up also runs
// when the listening connection is back (-db-reconnect), every
// -db-reconcile (5s) and when a request asks for a revision the point has
// not applied, so a lost notification delays a change at most until then.
// SIGHUP reloads the whole organization. Searches are answered from the
// database, completely, with keyset pages (see search_db.go).
//
// Consistency. Every decision's context and every search answer's context
// carries "revision", the organization's revision it was decided at: every
// change committed at or before it is reflected. A request may send
// "context": {"consistency": {"at_least": N}}; it is answered only at
// revision N or later, waiting at most -consistency-wait (2s), else refused
// with 503 and Retry-After: never answered from an older revision. A host
// that revokes access reads the revision in the revoking transaction
// (SELECT revision FROM organizations WHERE org_id = $1) and asks for at
// least that revision. With -org the revision is the file's load number.
//
// Try it:
//
//	go run -C examples/authzen . -org testdata/org.json
//
//	# or from PostgreSQL, seeded with the same organization:
//	psql "$DATABASE_URL" -f examples/authzen/db/schema.sql -f examples/authzen/db/seed.sql
//	go run -C examples/authzen . -db "$DATABASE_URL" -db-org 1
//
//	curl -s http://127.0.0.1:8080/.well-known/authzen-configuration
//
//	# A restricted Manager (person 3) opens a private project they are not a member of: denied.
//	curl -s -H 'Content-Type: application/json' http://127.0.0.1:8080/access/v1/evaluation -d '{
//	  "subject": {"type": "user", "id": "3"},
//	  "action": {"name": "project.view"},
//	  "resource": {"type": "project", "id": "12", "properties": {"visibility": "private"}}}'
//
//	# The accounting user (person 7) exports an invoice: allowed.
//	curl -s -H 'Content-Type: application/json' http://127.0.0.1:8080/access/v1/evaluation -d '{
//	  "subject": {"type": "user", "id": "7"},
//	  "action": {"name": "invoice.export"},
//	  "resource": {"type": "invoice", "id": "1000",
//	               "properties": {"project": 12, "visibility": "private", "budget": 21}}}'
//
//	# A client (person 5) asks about three things of budget 20 at once.
//	curl -s -H 'Content-Type: application/json' http://127.0.0.1:8080/access/v1/evaluations -d '{
//	  "subject": {"type": "user", "id": "5"},
//	  "resource": {"type": "budget", "id": "20",
//	               "properties": {"project": 10, "visibility": "private", "client_access": true}},
//	  "evaluations": [
//	    {"action": {"name": "budget.view"}},
//	    {"action": {"name": "budget.view_worked_time"}},
//	    {"action": {"name": "budget.view_revenue"}}]}'
//
//	# What may the Staff member (person 4) do on their own time entry?
//	curl -s -H 'Content-Type: application/json' http://127.0.0.1:8080/access/v1/search/action -d '{
//	  "subject": {"type": "user", "id": "4"},
//	  "resource": {"type": "time_entry", "id": "500",
//	               "properties": {"person": 4, "project": 10, "visibility": "public", "budget": 20}}}'
//
//	# Which projects may the contractor (person 6) view?
//	curl -s -H 'Content-Type: application/json' http://127.0.0.1:8080/access/v1/search/resource -d '{
//	  "subject": {"type": "user", "id": "6"},
//	  "action": {"name": "project.view"},
//	  "resource": {"type": "project"}}'
//
//	# A subject described in the request (person 42 is not in the file): a
//	# restricted Coordinator, member of project 10. Only with -stateless and
//	# -token-file, from a caller that presents a token:
//	#   go run -C examples/authzen . -org testdata/org.json -stateless -token-file tokens.txt
//	curl -s -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' http://127.0.0.1:8080/access/v1/evaluation -d '{
//	  "subject": {"type": "user", "id": "42", "properties": {"role": "coordinator",
//	              "scope": "restricted", "memberships": {"projects": [10]}}},
//	  "action": {"name": "project.view"},
//	  "resource": {"type": "project", "id": "10", "properties": {"visibility": "private"}}}'
//
//	kill -HUP <pid>    # reload the organization file (and the token file)
//
// Serving beyond loopback:
//
//	go run -C examples/authzen . -org org.json -addr :8443 \
//	    -tls-cert cert.pem -tls-key key.pem -token-file tokens.txt
//	curl -s -H "Authorization: Bearer $(head -1 tokens.txt)" ...
package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/clearance-go/clearance/scope"
)

// config is what the command's flags say.
type config struct {
	orgFile, addr, pdp string
	db                 string        // the database's connection string (-db), instead of orgFile
	dbOrg              uint64        // the organization served from the database
	dbOpts             dbOptions     // how the database is followed
	consistencyWait    time.Duration // how long a request may wait for the revision it asks for
	pageKey            string        // the file of the page tokens' HMAC key; "" for a random one per process
	stateless          bool
	tlsCert, tlsKey    string
	tokenFile          string
	insecureListen     bool
	limits             limits
}

func main() {
	var c config
	flag.StringVar(&c.orgFile, "org", "", "the organization file (JSON; see examples/authzen/testdata/org.json)")
	flag.StringVar(&c.db, "db", "", "serve the organization -db-org from this PostgreSQL database (a pgx connection string or URL), instead of -org")
	flag.Uint64Var(&c.dbOrg, "db-org", 0, "with -db, the organization to serve (its org_id)")
	flag.DurationVar(&c.dbOpts.reconcile, "db-reconcile", defaultDBOptions.reconcile, "with -db, how often revisions are compared without a notification (repairs a missed NOTIFY)")
	flag.DurationVar(&c.dbOpts.reconnectDelay, "db-reconnect", defaultDBOptions.reconnectDelay, "with -db, how long to wait before reconnecting the listening connection")
	flag.DurationVar(&c.consistencyWait, "consistency-wait", defaultConsistencyWait, "how long a request asking for context.consistency.at_least waits for that revision before it is refused with 503")
	flag.StringVar(&c.pageKey, "page-key", "", "the file holding the page tokens' HMAC key (at least 32 bytes), shared by replicas so that a page token one gave is honoured by another (default: a random key per process)")
	flag.StringVar(&c.addr, "addr", "127.0.0.1:8080", "address to listen on")
	flag.StringVar(&c.pdp, "pdp", "", "the policy_decision_point URL the metadata announces (default https://ADDR with TLS, http://ADDR without)")
	flag.BoolVar(&c.stateless, "stateless", false, "accept subjects described in full in subject.properties from callers with a token (needs -token-file)")
	flag.StringVar(&c.tlsCert, "tls-cert", "", "serve HTTPS with this certificate file (PEM; with -tls-key)")
	flag.StringVar(&c.tlsKey, "tls-key", "", "the private key file of -tls-cert (PEM)")
	flag.StringVar(&c.tokenFile, "token-file", "", "the callers' bearer tokens, one a line; reloaded on SIGHUP")
	flag.BoolVar(&c.insecureListen, "insecure-listen", false, "allow listening beyond loopback without TLS and tokens (never in production)")
	flag.Int64Var(&c.limits.maxBody, "max-body", defaultLimits.maxBody, "the largest request body, in bytes")
	flag.IntVar(&c.limits.maxValues, "max-values", defaultLimits.maxValues, "the most JSON values in a request body")
	flag.IntVar(&c.limits.maxItems, "max-batch", defaultLimits.maxItems, "the most items of a batch")
	flag.IntVar(&c.limits.maxInflight, "max-inflight", defaultLimits.maxInflight, "the most requests served at once")
	flag.IntVar(&c.limits.maxRequestID, "max-request-id", defaultLimits.maxRequestID, "the longest X-Request-ID kept, in bytes")
	flag.Parse()
	logger := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	if err := run(c, logger); err != nil {
		logger.Error("authzen", "err", err)
		os.Exit(1)
	}
}

// errConfig is wrapped by every refusal to start.
var errConfig = errors.New("refusing to start")

// isLoopback reports whether addr's host is a loopback address or
// "localhost". An empty host (":8080") is every interface: not loopback.
func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsLoopback()
}

// check applies the rules on flags that go together, and returns the
// policy_decision_point URL: -pdp without trailing slashes, or the
// default for the scheme.
func (c config) check() (pdp string, err error) {
	tlsOn := c.tlsCert != "" || c.tlsKey != ""
	switch {
	case c.orgFile == "" && c.db == "":
		return "", fmt.Errorf("-org FILE or -db CONNSTRING is required: %w", errConfig)
	case c.orgFile != "" && c.db != "":
		return "", fmt.Errorf("-org and -db both given: the point serves one organization, from a file or from the database: %w", errConfig)
	case c.db != "" && c.dbOrg == 0:
		return "", fmt.Errorf("-db needs -db-org, the organization to serve (a positive org_id): %w", errConfig)
	case c.db != "" && (c.dbOpts.reconcile <= 0 || c.dbOpts.reconnectDelay <= 0):
		return "", fmt.Errorf("-db-reconcile and -db-reconnect must be positive: %w", errConfig)
	case c.consistencyWait < 0:
		return "", fmt.Errorf("-consistency-wait must not be negative: %w", errConfig)
	case (c.tlsCert == "") != (c.tlsKey == ""):
		return "", fmt.Errorf("-tls-cert and -tls-key go together: %w", errConfig)
	case c.stateless && c.tokenFile == "":
		return "", fmt.Errorf("-stateless needs -token-file: subjects described in requests are accepted only from authenticated callers: %w", errConfig)
	case !isLoopback(c.addr) && (!tlsOn || c.tokenFile == "") && !c.insecureListen:
		return "", fmt.Errorf("-addr %s is not a loopback address: serving beyond loopback needs -tls-cert, -tls-key and -token-file (or -insecure-listen, never in production): %w", c.addr, errConfig)
	case c.limits.maxBody < 1 || c.limits.maxValues < 1 || c.limits.maxItems < 1 || c.limits.maxInflight < 1 || c.limits.maxRequestID < 1:
		return "", fmt.Errorf("every -max-* limit must be at least 1: %w", errConfig)
	}
	pdp = strings.TrimRight(c.pdp, "/")
	if pdp == "" {
		scheme := "http://"
		if tlsOn {
			scheme = "https://"
		}
		pdp = scheme + c.addr
	}
	if tlsOn && !strings.HasPrefix(pdp, "https://") {
		return "", fmt.Errorf("-pdp %s: with TLS the metadata announces https URLs: %w", pdp, errConfig)
	}
	return pdp, nil
}

func run(c config, logger *slog.Logger) error {
	pdp, err := c.check()
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var st *store
	if c.db != "" {
		c.dbOpts.listen = true
		src, err := openDB(ctx, c.db, scope.ID(c.dbOrg), c.dbOpts)
		if err != nil {
			return err
		}
		defer src.close()
		if st, err = newDBStore(ctx, src, logger); err != nil {
			return err
		}
		go st.follow(ctx)
	} else if st, err = newStore(c.orgFile, logger); err != nil {
		return err
	}
	pages := newPager()
	if c.pageKey != "" {
		if pages, err = pagerFromFile(c.pageKey); err != nil {
			return err
		}
	}
	s := &server{store: st, log: logger, stateless: c.stateless, base: pdp, limits: c.limits, pages: pages, consistencyWait: c.consistencyWait}
	if c.tokenFile != "" {
		if s.tokens, err = loadTokens(c.tokenFile); err != nil {
			return err
		}
		st.tokens = s.tokens
	}
	srv := &http.Server{
		Addr:              c.addr,
		Handler:           s.routes(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    64 << 10,
		TLSConfig:         &tls.Config{MinVersion: tls.VersionTLS12},
	}

	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go st.reloadOn(ctx, hup)

	tlsOn := c.tlsCert != ""
	errc := make(chan error, 1)
	go func() {
		if tlsOn {
			errc <- srv.ListenAndServeTLS(c.tlsCert, c.tlsKey)
		} else {
			errc <- srv.ListenAndServe()
		}
	}()
	logger.Info("listening", "addr", c.addr, "pdp", pdp, "tls", tlsOn, "tokens", s.tokens != nil, "stateless", c.stateless, "pid", os.Getpid())
	if !tlsOn || s.tokens == nil {
		logger.Warn("serving without TLS or without caller tokens: anyone who reaches this address may ask", "addr", c.addr, "loopback", isLoopback(c.addr))
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	return nil
}
