// Command authzen is a decision point that answers OpenID AuthZEN
// Authorization API 1.0 requests with clearance, for services that cannot
// import a Go library: a gateway, an API proxy, a Node or Python back end.
//
// It loads an organization (people, their permission sets, their
// memberships) from a JSON file, prepares every person's subject once, and
// serves:
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
// deal, person (whose record it is), person_role, approver. IDs are positive
// integers, as JSON numbers or decimal strings. A resource that names no
// organization is the loaded organization's; one of another organization than
// the subject's is denied (reason other_organization).
//
// A subject may instead be described in full in subject.properties (AuthZEN's
// stateless mode): "role" with optional "scope" and "addons", or "set" (a
// clearance set document, decoded for the loaded organization's plan), plus
// "memberships" {"projects", "deals", "budgets"} and "organization". Such a
// description grants authority, so it is read strictly: an unknown or
// repeated key is a 400, never ignored. Start with -stateless=false to refuse
// such subjects (403).
//
// Every answer is 200 with {"decision": ..., "context": {"reason",
// "sentence", "missing_permission"}}, where missing_permission is the
// permission that was missing or, for a reach reason, the reach right that
// would have reached the resource; a deny is a decision, not an error. A
// well-formed request naming a person, action or resource type this point
// does not know is denied with reason unknown_subject, unknown_action or
// unknown_resource_type.
// Refused requests: 415 for a content type other than application/json, 413
// for a body over 1 MiB, 400 for an empty body, a body that is not one JSON
// object, or a missing or mistyped required field, with
// {"error": {"status", "message"}}. X-Request-ID is echoed. Every decision is
// logged with log/slog, with the full reason. SIGHUP reloads the file; a
// failed reload keeps the organization loaded before.
//
// Try it:
//
//	go run ./examples/authzen -org examples/authzen/testdata/org.json
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
//	# A subject described in the request: a restricted Coordinator, member of project 10.
//	curl -s -H 'Content-Type: application/json' http://127.0.0.1:8080/access/v1/evaluation -d '{
//	  "subject": {"type": "user", "id": "42", "properties": {"role": "coordinator",
//	              "scope": "restricted", "memberships": {"projects": [10]}}},
//	  "action": {"name": "project.view"},
//	  "resource": {"type": "project", "id": "10", "properties": {"visibility": "private"}}}'
//
//	kill -HUP <pid>    # reload the organization file
//
// DEMO SCOPE: the decision point trusts its caller, as AuthZEN's model does
// (the enforcement point authenticates the user and names them). Put it
// behind authentication of the enforcement point (mutual TLS, a bearer token
// checked by a proxy) before exposing it beyond localhost.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	orgFile := flag.String("org", "", "the organization file (JSON; see examples/authzen/testdata/org.json)")
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	pdp := flag.String("pdp", "", "the policy_decision_point URL the metadata announces (default http://ADDR)")
	stateless := flag.Bool("stateless", true, "accept subjects described in full in subject.properties")
	flag.Parse()
	logger := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	if err := run(*orgFile, *addr, *pdp, *stateless, logger); err != nil {
		logger.Error("authzen", "err", err)
		os.Exit(1)
	}
}

func run(orgFile, addr, pdp string, stateless bool, logger *slog.Logger) error {
	if orgFile == "" {
		return errors.New("-org FILE is required")
	}
	st, err := newStore(orgFile, logger)
	if err != nil {
		return err
	}
	if pdp == "" {
		pdp = "http://" + addr
	}
	srv := &http.Server{
		Addr:              addr,
		Handler:           (&server{store: st, log: logger, stateless: stateless, base: pdp}).routes(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       60 * time.Second,
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go st.reloadOn(ctx, hup)

	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	logger.Info("listening", "addr", addr, "pdp", pdp, "pid", os.Getpid())
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
