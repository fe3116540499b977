package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
)

// maxBody is the largest request body accepted, in bytes: 1 MiB, about
// 8,000 batch items of a typical size. A larger body is refused with 413
// before it is decoded.
const maxBody = 1 << 20

// The endpoints, each served at path and announced in the metadata under
// key. The metadata is built from this table and the routes are registered
// from it, so the metadata lists exactly what is served.
var endpoints = []struct {
	key, path string
	handle    func(*server, *http.Request, object) (any, *protoError)
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
	stateless bool   // accept subjects described in subject.properties
	base      string // the policy_decision_point URL, without a trailing slash
}

// routes returns the HTTP handler.
func (s *server) routes() http.Handler {
	mux := http.NewServeMux()
	for _, e := range endpoints {
		mux.Handle("POST "+e.path, s.jsonEndpoint(e.handle))
	}
	mux.HandleFunc("GET "+metadataPath, s.metadata)
	return echoRequestID(mux)
}

// echoRequestID copies the request's X-Request-ID to the response, on every
// answer, errors included.
func echoRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if id := r.Header.Get("X-Request-ID"); id != "" {
			w.Header().Set("X-Request-ID", id)
		}
		next.ServeHTTP(w, r)
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

// jsonEndpoint applies the protocol rules every POST endpoint shares: a JSON
// content type (415 otherwise), a body of at most maxBody bytes (413), not
// empty (400), one JSON object (400). Then it calls handle and writes its
// answer with status 200, or its error.
func (s *server) jsonEndpoint(handle func(*server, *http.Request, object) (any, *protoError)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if err != nil || mt != "application/json" {
			writeError(w, &protoError{http.StatusUnsupportedMediaType, fmt.Sprintf("content type %q: want application/json", r.Header.Get("Content-Type"))})
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			writeError(w, &protoError{http.StatusRequestEntityTooLarge, fmt.Sprintf("request body larger than %d bytes", maxBody)})
			return
		case err != nil:
			writeError(w, badRequest("reading the request body: %v", err))
			return
		case len(bytes.TrimSpace(body)) == 0:
			writeError(w, badRequest("empty request body: want a JSON object"))
			return
		}
		o, perr := parseObject(body, "request")
		if perr != nil {
			writeError(w, perr)
			return
		}
		out, perr := handle(s, r, o)
		if perr != nil {
			writeError(w, perr)
			return
		}
		writeJSON(w, http.StatusOK, out)
	})
}

// decisionOut is one Access Evaluation response.
type decisionOut struct {
	Decision bool            `json:"decision"`
	Context  decisionContext `json:"context"`
}

// decisionContext explains a decision: the reason's stable name (clearance's
// Reason, or other_organization, unknown_subject, unknown_action,
// unknown_resource_type), a sentence fit to show the user, and the missing
// permission when that was the cause. A batch item that could not be
// evaluated carries error instead.
type decisionContext struct {
	Reason   string     `json:"reason,omitempty"`
	Sentence string     `json:"sentence,omitempty"`
	Missing  string     `json:"missing_permission,omitempty"`
	Error    *errorBody `json:"error,omitempty"`
}

func out(v verdict) decisionOut {
	return decisionOut{v.allowed, decisionContext{Reason: v.reason, Sentence: v.sentence(), Missing: v.missing}}
}

// evaluate decides one complete evaluation. A malformed part is an error; a
// well-formed request the decision point cannot grant (an unknown subject,
// action or resource type) is a deny.
func (s *server) evaluate(r *http.Request, snap *snapshot, ev evaluation, path string) (verdict, *protoError) {
	subj, err := resolveSubject(snap, ev.subject, path+"subject", s.stateless)
	if err != nil {
		return verdict{}, err
	}
	f, knownKind, err := parseFacts(ev.resource, path+"resource", snap.org)
	if err != nil {
		return verdict{}, err
	}
	a, knownAction := parseAction(*ev.action)
	var v verdict
	switch {
	case subj.p == nil:
		v = deny(subj.reason)
	case !knownAction:
		v = deny(reasonUnknownAction)
	case !knownKind:
		v = deny(reasonUnknownType)
	default:
		v = decide(subj.p, a, &f)
	}
	s.logDecision(r.Context(), r, ev, subj.p, v, nil)
	return v, nil
}

// logDecision logs one decision, with the full reason, or one evaluation
// refused with err.
func (s *server) logDecision(ctx context.Context, r *http.Request, ev evaluation, p *principal, v verdict, err *protoError) {
	if !s.log.Enabled(ctx, slog.LevelInfo) {
		return
	}
	attrs := []slog.Attr{slog.String("request_id", r.Header.Get("X-Request-ID"))}
	if ev.subject != nil {
		attrs = append(attrs, slog.String("subject", ev.subject.typ+":"+ev.subject.id))
	}
	if p != nil {
		attrs = append(attrs, slog.String("set", p.set))
	}
	if ev.action != nil {
		attrs = append(attrs, slog.String("action", *ev.action))
	}
	if ev.resource != nil {
		attrs = append(attrs, slog.String("resource", ev.resource.typ+":"+ev.resource.id))
	}
	if err != nil {
		attrs = append(attrs, slog.Bool("allowed", false), slog.Int("error_status", err.status), slog.String("error", err.msg))
	} else {
		attrs = append(attrs, slog.Bool("allowed", v.allowed), slog.String("reason", v.reason), slog.String("explanation", v.full()))
		if v.missing != "" {
			attrs = append(attrs, slog.String("missing", v.missing))
		}
	}
	s.log.LogAttrs(ctx, slog.LevelInfo, "decision", attrs...)
}

// evaluation serves POST /access/v1/evaluation.
func (s *server) evaluation(r *http.Request, o object) (any, *protoError) {
	snap := s.store.snapshot()
	ev, err := parseEvaluation(o, "")
	if err == nil {
		err = ev.complete("")
	}
	if err != nil {
		return nil, err
	}
	v, err := s.evaluate(r, snap, ev, "")
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
func (s *server) evaluations(r *http.Request, o object) (any, *protoError) {
	snap := s.store.snapshot()
	def, err := parseEvaluation(o, "")
	if err != nil {
		return nil, err
	}
	semantic := executeAll
	if opts, ok, err := o.obj("options", "request"); err != nil {
		return nil, err
	} else if ok {
		name, has, err := opts.str("evaluations_semantic", "options")
		if err != nil {
			return nil, err
		}
		if has {
			switch name {
			case executeAll, denyOnFirstDeny, permitOnFirstPermit:
				semantic = name
			default:
				return nil, badRequest("options.evaluations_semantic: %q: want %s, %s or %s", name, executeAll, denyOnFirstDeny, permitOnFirstPermit)
			}
		}
	}
	var items []json.RawMessage
	if raw, ok := o.present("evaluations"); ok {
		if jsonType(raw) != "an array" || json.Unmarshal(raw, &items) != nil {
			return nil, badRequest("evaluations: want an array, got %s", jsonType(raw))
		}
	}
	if len(items) == 0 {
		if err := def.complete(""); err != nil {
			return nil, err
		}
		v, err := s.evaluate(r, snap, def, "")
		if err != nil {
			return nil, err
		}
		d := out(v)
		return evaluationsOut{Decision: &d.Decision, Context: &d.Context, Evaluations: []decisionOut{d}}, nil
	}
	results := make([]decisionOut, 0, len(items))
	for i, raw := range items {
		d := s.item(r, snap, def, raw, i)
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
func (s *server) item(r *http.Request, snap *snapshot, def evaluation, raw json.RawMessage, i int) decisionOut {
	path := fmt.Sprintf("evaluations[%d].", i)
	var ev evaluation
	o, err := parseObject(raw, path[:len(path)-1])
	if err == nil {
		ev, err = parseEvaluation(o, path)
	}
	if err == nil {
		ev = ev.withDefaults(def)
		err = ev.complete(path)
	}
	var v verdict
	if err == nil {
		v, err = s.evaluate(r, snap, ev, path)
	}
	if err != nil {
		s.logDecision(r.Context(), r, ev, nil, verdict{}, err)
		return decisionOut{Decision: false, Context: decisionContext{Error: &errorBody{err.status, err.msg}}}
	}
	return out(v)
}

// metadata serves GET /.well-known/authzen-configuration.
func (s *server) metadata(w http.ResponseWriter, r *http.Request) {
	m := map[string]any{"policy_decision_point": s.base}
	for _, e := range endpoints {
		m[e.key] = s.base + e.path
	}
	// Extensions: AuthZEN lets a decision point add metadata, and asks
	// readers to ignore what they do not understand.
	m["clearance_search_resource_types"] = searchableKinds
	m["clearance_search_resource_note"] = searchResourceNote
	m["clearance_max_request_bytes"] = maxBody
	writeJSON(w, http.StatusOK, m)
}
