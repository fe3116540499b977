package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/permission/strictjson"
)

// limits are the caps every request is held to; each is a flag of the
// command (see main.go) and announced in the metadata. Within them, a
// request costs CPU, memory, answer bytes and log bytes linear in its size:
//
//   - the body is read once into a tree of at most maxValues values (about
//     100 bytes each kept, at most about 350 allocated), and refused beyond
//     with 413;
//   - a batch evaluates at most maxItems items (400 beyond, before any is
//     evaluated); a subject or resource the batch gives at the top is
//     resolved once per request, not once per item, so an item costs what
//     its own parts cost;
//   - an answer and a log line per decision hold a bounded number of bytes:
//     values taken from the request are cut to 64 bytes (package clip), and
//     at most four unknown properties are named;
//   - at most maxInflight requests are served at once; more are refused with
//     503 and Retry-After.
type limits struct {
	maxBody      int64 // bytes of a request body (413 beyond)
	maxValues    int   // JSON values in a request body (413 beyond)
	maxItems     int   // items of a batch (400 beyond)
	maxInflight  int   // requests served at once (503 beyond)
	maxRequestID int   // bytes of an X-Request-ID kept (a longer one is replaced)
}

// defaultLimits are the flags' defaults.
var defaultLimits = limits{
	maxBody:      1 << 20,
	maxValues:    100_000,
	maxItems:     1000,
	maxInflight:  64,
	maxRequestID: 128,
}

// The endpoints, each served at path and announced in the metadata under
// key. The metadata is built from this table and the routes are registered
// from it, so the metadata lists exactly what is served.
var endpoints = []struct {
	key, path string
	handle    func(*server, *call, value) (any, *protoError)
}{
	{"access_evaluation_endpoint", "/access/v1/evaluation", (*server).evaluation},
	{"access_evaluations_endpoint", "/access/v1/evaluations", (*server).evaluations},
	{"search_subject_endpoint", "/access/v1/search/subject", (*server).searchSubject},
	{"search_resource_endpoint", "/access/v1/search/resource", (*server).searchResource},
	{"search_action_endpoint", "/access/v1/search/action", (*server).searchAction},
}

const metadataPath = "/.well-known/authzen-configuration"

// server is the decision point.
type server struct {
	store     *store
	log       *slog.Logger
	stateless bool   // accept subjects described in subject.properties, from authenticated callers
	base      string // the policy_decision_point URL, without a trailing slash
	limits    limits
	tokens    *tokens // the callers' bearer tokens; nil: no authentication (loopback only)
	pages     pager   // signs page tokens
	inflight  chan struct{}
	work      workCount
	// consistencyWait is how long a request that asks for a revision
	// (context.consistency.at_least) waits for the store to apply it.
	consistencyWait time.Duration
}

// defaultConsistencyWait is -consistency-wait's default.
const defaultConsistencyWait = 2 * time.Second

// workCount counts the work requests cause, for the tests that hold a
// request's cost to a bound.
type workCount struct {
	subjects  atomic.Int64 // subjects resolved
	resources atomic.Int64 // resources read
	decisions atomic.Int64 // decisions made
}

// routes returns the HTTP handler.
func (s *server) routes() http.Handler {
	if s.inflight == nil {
		s.inflight = make(chan struct{}, max(s.limits.maxInflight, 1))
	}
	mux := http.NewServeMux()
	for _, e := range endpoints {
		mux.Handle("POST "+e.path, s.authenticate(s.jsonEndpoint(e.handle)))
	}
	mux.HandleFunc("GET "+metadataPath, s.metadata)
	return s.requestID(s.limitInflight(mux))
}

// requestIDKey is the context key of a request's ID.
type requestIDKey struct{}

// requestIDOf returns the request's ID, "" when it had none.
func requestIDOf(r *http.Request) string {
	id, _ := r.Context().Value(requestIDKey{}).(string)
	return id
}

// requestID echoes the request's X-Request-ID on every answer, errors
// included, and keeps it for the log. An ID longer than maxRequestID bytes
// or holding anything but printable ASCII (a control character, a byte
// above 0x7E) is replaced by a generated one: the one sent is neither
// echoed nor logged.
func (s *server) requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-ID")
		if id != "" && !validRequestID(id, s.limits.maxRequestID) {
			id = "generated-" + randomHex(8)
		}
		if id != "" {
			w.Header().Set("X-Request-ID", id)
			r = r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id))
		}
		next.ServeHTTP(w, r)
	})
}

// validRequestID reports whether id is at most limit bytes of printable
// ASCII (0x20 to 0x7E).
func validRequestID(id string, limit int) bool {
	if len(id) > limit {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] < 0x20 || id[i] > 0x7e {
			return false
		}
	}
	return true
}

// limitInflight serves at most maxInflight requests at once, and refuses
// more with 503 and Retry-After.
func (s *server) limitInflight(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case s.inflight <- struct{}{}:
			defer func() { <-s.inflight }()
			next.ServeHTTP(w, r)
		default:
			w.Header().Set("Retry-After", "1")
			writeError(w, &protoError{http.StatusServiceUnavailable, fmt.Sprintf("more than %d requests in flight (the -max-inflight limit); retry later", s.limits.maxInflight)})
		}
	})
}

// errorBody is the body of a refused request, and the shape of a per-item
// error in a batch: {"status": 400, "message": "subject.id: missing"}.
type errorBody struct {
	Status  int    `json:"status"`
	Message string `json:"message"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v) // a failed write means the client left
}

func writeError(w http.ResponseWriter, e *protoError) {
	writeJSON(w, e.status, struct {
		Error errorBody `json:"error"`
	}{errorBody{e.status, e.msg}})
}

// call is one request being served: its snapshot of the organization, and
// the subjects and resources it has resolved, so that a part the request
// gives once is resolved once however many items inherit it.
type call struct {
	r         *http.Request
	snap      *snapshot
	stateless bool // this request may describe subjects in their properties
	subjects  map[*entity]resolvedSubject
	resources map[*entity]resolvedResource
}

type resolvedSubject struct {
	ref subjectRef
	err *protoError
}

type resolvedResource struct {
	facts   facts
	known   bool
	unknown []unknownProperty
	err     *protoError
}

// subject resolves e once per request; path names it in errors.
func (s *server) subject(c *call, e *entity, path string) (subjectRef, *protoError) {
	if got, ok := c.subjects[e]; ok {
		return got.ref, got.err
	}
	s.work.subjects.Add(1)
	ref, err := resolveSubject(c.snap, e, path, c.stateless)
	c.subjects[e] = resolvedSubject{ref, err}
	return ref, err
}

// resource reads e once per request; path names it in errors.
func (s *server) resource(c *call, e *entity, path string) resolvedResource {
	if got, ok := c.resources[e]; ok {
		return got
	}
	s.work.resources.Add(1)
	f, known, err := parseFacts(e, path, c.snap.org)
	f.fromStore(c.snap, c.stateless)
	got := resolvedResource{facts: f, known: known, err: err}
	if err == nil {
		got.unknown = unknownProperties(e.props)
	}
	c.resources[e] = got
	return got
}

// jsonEndpoint applies the protocol rules every POST endpoint shares: a JSON
// content type (400 otherwise, as AuthZEN's conformance scenarios expect),
// a body of at most maxBody bytes (413), not empty (400), one JSON object
// read strictly (400; 413 beyond maxValues). Then it calls handle and writes
// its answer with status 200, or its error.
func (s *server) jsonEndpoint(handle func(*server, *call, value) (any, *protoError)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if err != nil || mt != "application/json" {
			writeError(w, badRequest("content type %.64q: want application/json", r.Header.Get("Content-Type")))
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.limits.maxBody))
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			writeError(w, &protoError{http.StatusRequestEntityTooLarge, fmt.Sprintf("request body larger than %d bytes (the -max-body limit)", s.limits.maxBody)})
			return
		case err != nil:
			writeError(w, badRequest("reading the request body: %v", err))
			return
		case len(body) == 0 || isBlank(body):
			writeError(w, badRequest("empty request body: want a JSON object"))
			return
		}
		o, perr := parseBody(body, s.limits.maxValues)
		if perr != nil {
			writeError(w, perr)
			return
		}
		atLeast, perr := consistency(o)
		if perr != nil {
			writeError(w, perr)
			return
		}
		snap, err := s.store.waitFor(r.Context(), atLeast, s.consistencyWait)
		if err != nil {
			w.Header().Set("Retry-After", "1")
			writeError(w, &protoError{http.StatusServiceUnavailable, "context.consistency.at_least: " + err.Error() + "; nothing was decided: retry later, or ask without at_least"})
			return
		}
		c := &call{
			r:         r,
			snap:      snap,
			stateless: s.stateless && authenticated(r),
			subjects:  map[*entity]resolvedSubject{},
			resources: map[*entity]resolvedResource{},
		}
		out, perr := handle(s, c, o)
		if perr != nil {
			writeError(w, perr)
			return
		}
		writeJSON(w, http.StatusOK, out)
	})
}

// isBlank reports whether b is only JSON white space.
func isBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	return true
}

// decisionOut is one Access Evaluation response.
type decisionOut struct {
	Decision bool            `json:"decision"`
	Context  decisionContext `json:"context"`
}

// decisionContext explains a decision: the reason's stable name (clearance's
// Reason, or other_organization, unknown_subject, unknown_action,
// unknown_resource_type), a sentence fit to show the user, the missing
// permission when that was the cause (clearance's Permission, in its text
// form), the resource field the request lacks
// (for invalid_resource: "properties.visibility", or "type"), a message with
// a suggestion for an unknown action or resource type, and the resource
// properties the point ignored, with the nearest known name. A batch item
// that could not be evaluated carries error instead.
type decisionContext struct {
	Reason   string                `json:"reason,omitempty"`
	Sentence string                `json:"sentence,omitempty"`
	Missing  permission.Permission `json:"missing_permission,omitempty"` // its text form, the permission's stable name
	Field    string                `json:"missing_field,omitempty"`
	Message  string                `json:"message,omitempty"`
	Unknown  []unknownProperty     `json:"unknown_properties,omitempty"`
	Error    *errorBody            `json:"error,omitempty"`
	// Revision is the organization's revision the decision was made at:
	// every change committed at or before it is reflected. A caller may
	// ask a later request for at least this revision
	// (context.consistency.at_least).
	Revision uint64 `json:"revision"`
}

func out(v verdict) decisionOut {
	return decisionOut{v.allowed, decisionContext{Reason: v.reason, Sentence: v.sentence(), Missing: v.missing, Field: v.field, Message: v.message, Unknown: v.unknown, Revision: v.rev}}
}

// evaluate decides one complete evaluation. A malformed part is an error; a
// well-formed request the decision point cannot grant (an unknown subject,
// action or resource type) is a deny. subjectPath and resourcePath name the
// parts in errors.
func (s *server) evaluate(c *call, ev evaluation, subjectPath, resourcePath string) (verdict, *protoError) {
	subj, err := s.subject(c, ev.subject, subjectPath)
	if err != nil {
		return verdict{}, err
	}
	res := s.resource(c, ev.resource, resourcePath)
	if res.err != nil {
		return verdict{}, res.err
	}
	a, actionErr := parseAction(*ev.action)
	var v verdict
	switch {
	case subj.p == nil:
		v = deny(subj.reason)
	case actionErr != nil:
		v = deny(reasonUnknownAction)
		v.message = actionErr.Error()
	case !res.known:
		v = deny(reasonUnknownType)
		v.message = unknownKindMessage(ev.resource.typ)
	default:
		s.work.decisions.Add(1)
		v = decide(subj.p, a, &res.facts)
	}
	v.unknown = res.unknown
	v.rev = c.snap.rev
	s.logDecision(c, ev, subj.p, v, nil)
	return v, nil
}

// logDecision logs one decision, with the full reason, or one evaluation
// refused with err. Values from the request are cut to clip.Max bytes, so a
// line costs a bounded number of bytes.
func (s *server) logDecision(c *call, ev evaluation, p *principal, v verdict, err *protoError) {
	ctx := c.r.Context()
	if !s.log.Enabled(ctx, slog.LevelInfo) {
		return
	}
	attrs := []slog.Attr{slog.String("request_id", requestIDOf(c.r))}
	if ev.subject != nil {
		attrs = append(attrs, slog.String("subject", ev.subject.label()))
	}
	if p != nil {
		attrs = append(attrs, slog.String("set", p.set))
	}
	if ev.action != nil {
		attrs = append(attrs, slog.String("action", clipString(*ev.action)))
	}
	if ev.resource != nil {
		attrs = append(attrs, slog.String("resource", ev.resource.label()))
	}
	if err != nil {
		attrs = append(attrs, slog.Bool("allowed", false), slog.Int("error_status", err.status), slog.String("error", err.msg))
	} else {
		attrs = append(attrs, slog.Bool("allowed", v.allowed), slog.String("reason", v.reason), slog.String("explanation", v.full()))
		if v.missing != 0 {
			attrs = append(attrs, slog.String("missing", v.missing.String()))
		}
	}
	s.log.LogAttrs(ctx, slog.LevelInfo, "decision", attrs...)
}

// evaluation serves POST /access/v1/evaluation.
func (s *server) evaluation(c *call, o value) (any, *protoError) {
	ev, err := parseEvaluation(o, "")
	if err == nil {
		err = ev.complete("")
	}
	if err != nil {
		return nil, err
	}
	v, err := s.evaluate(c, ev, "subject", "resource")
	if err != nil {
		return nil, err
	}
	return out(v), nil
}

// The batch semantics of options.evaluations_semantic.
const (
	executeAll          = "execute_all"
	denyOnFirstDeny     = "deny_on_first_deny"
	permitOnFirstPermit = "permit_on_first_permit"
)

// evaluationsOut is the Access Evaluations response. When the request had
// no evaluations array, it is answered as one evaluation: decision and
// context are set as the single endpoint sets them, and evaluations holds
// that one result too.
type evaluationsOut struct {
	Decision    *bool            `json:"decision,omitempty"`
	Context     *decisionContext `json:"context,omitempty"`
	Evaluations []decisionOut    `json:"evaluations"`
}

// evaluations serves POST /access/v1/evaluations.
func (s *server) evaluations(c *call, o value) (any, *protoError) {
	def, err := parseEvaluation(o, "")
	if err != nil {
		return nil, err
	}
	semantic := executeAll
	if opts, ok, err := obj(o, "options", "request"); err != nil {
		return nil, err
	} else if ok {
		name, has, err := str(opts, "evaluations_semantic", "options")
		if err != nil {
			return nil, err
		}
		if has {
			switch name {
			case executeAll, denyOnFirstDeny, permitOnFirstPermit:
				semantic = name
			default:
				return nil, badRequest("options.evaluations_semantic: %.64q: want %s, %s or %s", name, executeAll, denyOnFirstDeny, permitOnFirstPermit)
			}
		}
	}
	var items []value
	if v, ok := present(o, "evaluations"); ok {
		if v.Kind != strictjson.Array {
			return nil, badRequest("evaluations: want an array, got %v", v.Kind)
		}
		items = v.Elems
	}
	if len(items) > s.limits.maxItems {
		return nil, badRequest("evaluations: %d items, more than %d (the -max-batch limit): split the batch", len(items), s.limits.maxItems)
	}
	if len(items) == 0 {
		if err := def.complete(""); err != nil {
			return nil, err
		}
		v, err := s.evaluate(c, def, "subject", "resource")
		if err != nil {
			return nil, err
		}
		d := out(v)
		return evaluationsOut{Decision: &d.Decision, Context: &d.Context, Evaluations: []decisionOut{d}}, nil
	}
	results := make([]decisionOut, 0, len(items))
	for i, raw := range items {
		d := s.item(c, def, raw, i)
		results = append(results, d)
		if (semantic == denyOnFirstDeny && !d.Decision) || (semantic == permitOnFirstPermit && d.Decision) {
			break
		}
	}
	return evaluationsOut{Evaluations: results}, nil
}

// item evaluates evaluations[i] with the batch's defaults. An item that
// cannot be evaluated is a deny carrying the error, as the specification
// says, and the batch goes on.
func (s *server) item(c *call, def evaluation, o value, i int) decisionOut {
	path := "evaluations[" + strconv.Itoa(i) + "]."
	var ev evaluation
	var err *protoError
	if o.Kind != strictjson.Object {
		err = badRequest("%s: want an object, got %v", path[:len(path)-1], o.Kind)
	}
	if err == nil {
		ev, err = parseEvaluation(o, path)
	}
	if err == nil {
		ev = ev.withDefaults(def)
		err = ev.complete(path)
	}
	var v verdict
	if err == nil {
		v, err = s.evaluate(c, ev, partPath(ev.subject, def.subject, path, "subject"), partPath(ev.resource, def.resource, path, "resource"))
	}
	if err != nil {
		s.logDecision(c, ev, nil, verdict{}, err)
		return decisionOut{Decision: false, Context: decisionContext{Error: &errorBody{err.status, err.msg}, Revision: c.snap.rev}}
	}
	return out(v)
}

// partPath names a part of a batch item in errors: the top-level part when
// the item inherits it, else the item's own.
func partPath(part, def *entity, path, name string) string {
	if part == def {
		return name
	}
	return path + name
}

// metadata serves GET /.well-known/authzen-configuration. It is readable
// without a token, and cacheable for five minutes.
func (s *server) metadata(w http.ResponseWriter, r *http.Request) {
	m := map[string]any{"policy_decision_point": s.base}
	for _, e := range endpoints {
		m[e.key] = s.base + e.path
	}
	// Extensions: AuthZEN lets a decision point add metadata, and asks
	// readers to ignore what they do not understand.
	m["clearance_search_resource_types"] = searchableKinds
	m["clearance_search_resource_note"] = searchResourceNote
	if s.store.db != nil {
		m["clearance_search_resource_types"] = []string{"organization", "person", "project", "deal", "budget"}
		m["clearance_search_resource_note"] = searchResourceNoteDB
	}
	m["clearance_max_request_bytes"] = s.limits.maxBody
	m["clearance_max_request_values"] = s.limits.maxValues
	m["clearance_max_batch_items"] = s.limits.maxItems
	m["clearance_max_page_limit"] = maxPageLimit
	m["clearance_stateless_subjects"] = s.stateless
	m["clearance_consistency"] = consistencyNote
	w.Header().Set("Cache-Control", "public, max-age=300")
	writeJSON(w, http.StatusOK, m)
}
