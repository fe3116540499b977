package main

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/clearance-go/clearance/scope"
)

// Search answers are lists of entities, paged. The page token is the offset
// of the next result, as a decimal string; it is only meaningful for the
// same request against the same organization file (a reload may shift it).
const (
	defaultPageLimit = 1000
	maxPageLimit     = 1000
)

// page is the request's paging: where to start and how many.
type page struct{ offset, limit int }

func parsePage(o object) (page, *protoError) {
	pg := page{limit: defaultPageLimit}
	p, ok, err := o.obj("page", "request")
	if err != nil || !ok {
		return pg, err
	}
	if tok, ok, err := p.str("token", "page"); err != nil {
		return pg, err
	} else if ok && tok != "" {
		n, cerr := strconv.Atoi(tok)
		if cerr != nil || n < 0 {
			return pg, badRequest("page.token: %.40q is not a token this decision point gave", tok)
		}
		pg.offset = n
	}
	if raw, ok := p.present("limit"); ok {
		n, cerr := strconv.Atoi(string(raw))
		if jsonType(raw) != "a number" || cerr != nil || n < 1 || n > maxPageLimit {
			return pg, badRequest("page.limit: want an integer from 1 to %d, got %.40s", maxPageLimit, raw)
		}
		pg.limit = n
	}
	return pg, nil
}

// parseSearch reads a search request: its evaluation, complete but for the
// part the search leaves out (see completeBut), and its paging.
func parseSearch(o object, leftOut string) (evaluation, page, *protoError) {
	ev, err := parseEvaluation(o, "")
	if err == nil {
		err = ev.completeBut("", leftOut)
	}
	if err != nil {
		return ev, page{}, err
	}
	pg, err := parsePage(o)
	return ev, pg, err
}

// pageOut is the response's paging: next_token "" means the end.
type pageOut struct {
	NextToken string `json:"next_token"`
	Count     int    `json:"count"`
	Total     int    `json:"total"`
}

// searchOut is a search response.
type searchOut struct {
	Results []any   `json:"results"`
	Page    pageOut `json:"page"`
}

// paged cuts one page out of all the results.
func paged(all []any, pg page) searchOut {
	start := min(pg.offset, len(all))
	end := min(start+pg.limit, len(all))
	next := ""
	if end < len(all) {
		next = strconv.Itoa(end)
	}
	results := all[start:end]
	if results == nil {
		results = []any{}
	}
	return searchOut{Results: results, Page: pageOut{NextToken: next, Count: len(results), Total: len(all)}}
}

type entityOut struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

type actionOut struct {
	Name string `json:"name"`
}

func idString(id scope.ID) string { return strconv.FormatUint(uint64(id), 10) }

// searchAction serves POST /access/v1/search/action: the actions the subject
// may take on the resource, clearance's Capabilities. An unknown subject or
// resource type may take none.
func (s *server) searchAction(r *http.Request, o object) (any, *protoError) {
	snap := s.store.snapshot()
	ev, pg, err := parseSearch(o, "action")
	if err != nil {
		return nil, err
	}
	subj, err := resolveSubject(snap, ev.subject, "subject", s.stateless)
	if err != nil {
		return nil, err
	}
	f, known, err := parseFacts(ev.resource, "resource", snap.org)
	if err != nil {
		return nil, err
	}
	var all []any
	if subj.p != nil && known {
		for _, name := range capabilities(subj.p, &f) {
			all = append(all, actionOut{name})
		}
	}
	s.log.Info("action search", "request_id", r.Header.Get("X-Request-ID"), "subject", ev.subject.typ+":"+ev.subject.id,
		"resource", ev.resource.typ+":"+ev.resource.id, "actions", len(all))
	return paged(all, pg), nil
}

// searchableKinds are the resource types a resource search can answer, and
// searchResourceNote says when; the metadata repeats both.
var searchableKinds = []string{"organization", "person", "project", "deal", "budget"}

const searchResourceNote = "Resource search answers only where the allowed resources are a finite set this decision point holds: " +
	"the organization itself; the people of the loaded organization; and projects, deals or budgets when the subject's " +
	"memberships are exactly the answer (no public projects, no 'all' reach, no Client access condition). " +
	"Anything else, and every other type, is refused with 400 and the condition the answer depends on: " +
	"list those in the host with clearance's permission.List, or ask /access/v1/evaluations per resource."

// searchResource serves POST /access/v1/search/resource; see
// searchResourceNote.
func (s *server) searchResource(r *http.Request, o object) (any, *protoError) {
	snap := s.store.snapshot()
	ev, pg, err := parseSearch(o, "resource.id")
	if err != nil {
		return nil, err
	}
	subj, err := resolveSubject(snap, ev.subject, "subject", s.stateless)
	if err != nil {
		return nil, err
	}
	res := *ev.resource
	res.id = "" // the specification: a resource search's resource ID is ignored
	f, known, err := parseFacts(&res, "resource", snap.org)
	if err != nil {
		return nil, err
	}
	a, knownAction := parseAction(*ev.action)
	var all []any
	add := func(id scope.ID) { all = append(all, entityOut{res.typ, idString(id)}) }
	switch {
	case subj.p == nil || !knownAction || !known || !sameOrganization(subj.p, &f):
		// Nothing is allowed: the answer is exactly empty.
	case isOrganizationKind(f.kind):
		if of := organizationFacts(snap.org); decide(subj.p, a, &of).allowed {
			add(snap.org)
		}
	case isPersonKind(f.kind):
		for _, id := range snap.ids {
			if pf := personFacts(id, snap.org, snap.people[id].role()); decide(subj.p, a, &pf).allowed {
				add(id)
			}
		}
	default:
		ids, lerr := listIDs(subj.p, a, f.kind)
		if errors.Is(lerr, errNotEnumerable) {
			return nil, badRequest("resource search: %v; list these in the host with clearance's permission.List, or ask /access/v1/evaluations per resource", lerr)
		}
		for _, id := range ids {
			add(id)
		}
	}
	s.log.Info("resource search", "request_id", r.Header.Get("X-Request-ID"), "subject", ev.subject.typ+":"+ev.subject.id,
		"action", *ev.action, "type", res.typ, "results", len(all))
	return paged(all, pg), nil
}

// searchSubject serves POST /access/v1/search/subject: the people of the
// loaded organization who may take the action on the resource, one
// decision each. Subjects described only in requests are not known here.
func (s *server) searchSubject(r *http.Request, o object) (any, *protoError) {
	snap := s.store.snapshot()
	ev, pg, err := parseSearch(o, "subject.id")
	if err != nil {
		return nil, err
	}
	f, known, err := parseFacts(ev.resource, "resource", snap.org)
	if err != nil {
		return nil, err
	}
	a, knownAction := parseAction(*ev.action)
	var all []any
	if ev.subject.typ == subjectType && known && knownAction {
		for _, id := range snap.ids {
			if decide(snap.people[id], a, &f).allowed {
				all = append(all, entityOut{subjectType, idString(id)})
			}
		}
	}
	s.log.Info("subject search", "request_id", r.Header.Get("X-Request-ID"), "action", *ev.action,
		"resource", ev.resource.typ+":"+ev.resource.id, "results", len(all))
	return paged(all, pg), nil
}
