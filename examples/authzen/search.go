package main

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/permission/strictjson"
	"github.com/clearance-go/clearance/scope"
)

// Search answers are lists of entities, paged. page.limit is a maximum: a
// limit of zero or less, or none, is the default, and one above
// maxPageLimit is maxPageLimit. The page token is opaque and bound to the
// request that made it (see pager).
const (
	defaultPageLimit = 1000
	maxPageLimit     = 1000
)

// page is the request's paging: where to start and how many.
type page struct{ offset, limit int }

// parsePage reads the request's page: a limit (clamped, see above) and a
// token, which must be one this point gave for this very request, endpoint
// and limit.
func (s *server) parsePage(c *call, o value, endpoint string) (page, []byte, *protoError) {
	var pg page
	p, limit, err := parseLimit(o)
	if err != nil {
		return pg, nil, err
	}
	pg.limit = limit
	bound := binding(endpoint, o, pg.limit, c.snap.gen)
	tok, has, err := str(p, "token", "page")
	if err != nil {
		return pg, nil, err
	}
	if has && tok != "" {
		n, valid := s.pages.offset(tok, bound)
		if !valid {
			return pg, nil, badRequest("page.token: not a token this decision point gave for this request: a token is bound to the request's subject, action, resource, context and page limit, and to the organization's load; start again without a token")
		}
		pg.offset = n
	}
	return pg, bound, nil
}

// parseLimit reads the request's page object and its limit, clamped (see
// above).
func parseLimit(o value) (value, int, *protoError) {
	limit := defaultPageLimit
	p, ok, err := obj(o, "page", "request")
	if err != nil {
		return p, limit, err
	}
	if v, has := present(p, "limit"); ok && has {
		n, cerr := strconv.ParseInt(string(v.Raw), 10, 64)
		if v.Kind != strictjson.Number || cerr != nil && !errors.Is(cerr, strconv.ErrRange) {
			return p, limit, badRequest("page.limit: want an integer, got %v %.40s", v.Kind, v.Raw)
		}
		if n > 0 {
			limit = int(min(n, maxPageLimit))
		}
	}
	return p, limit, nil
}

// parseSearch reads a search request: its evaluation, complete but for the
// part the search leaves out (see completeBut), and its paging.
func (s *server) parseSearch(c *call, o value, leftOut, endpoint string) (evaluation, page, []byte, *protoError) {
	ev, err := parseEvaluation(o, "")
	if err == nil {
		err = ev.completeBut("", leftOut)
	}
	if err != nil {
		return ev, page{}, nil, err
	}
	pg, bound, err := s.parsePage(c, o, endpoint)
	return ev, pg, bound, err
}

// pageOut is the response's paging: next_token "" means the end.
type pageOut struct {
	NextToken string `json:"next_token"`
	Count     int    `json:"count"`
	// Total is every result of the search, where the point holds the
	// answer in memory (-org); a database-backed point pages by key and
	// does not count (nil).
	Total *int `json:"total,omitempty"`
}

// searchOut is a search response: page first, as AuthZEN's examples put it,
// then the results, and a context when the answer needs one (a resource
// search the point cannot answer from what it holds).
type searchOut struct {
	Page    pageOut        `json:"page"`
	Results []any          `json:"results"`
	Context *searchContext `json:"context,omitempty"`
}

// searchContext carries the revision the answer was computed at and, when
// a search answered nothing because the point cannot enumerate the answer,
// reason "not_enumerable" and what the answer depends on.
type searchContext struct {
	Reason  string `json:"reason,omitempty"`
	Message string `json:"message,omitempty"`
	// Filter is, with reason not_enumerable, clearance's filter for the
	// subject and action (permission.List) in its documented JSON form: the
	// conditions a record must meet, the subject's memberships they compare
	// against, and the subject's permissions. A host evaluates it over its
	// own records, or renders it to SQL with sqlfilter.
	Filter   *permission.Filter `json:"filter,omitempty"`
	Revision uint64             `json:"revision"`
}

// notEnumerable marks out as an answer the point cannot enumerate: reason
// not_enumerable, the message saying why, and the filter the host lists
// the records with.
func notEnumerable(out *searchOut, p *principal, a action, why string) {
	f := listFilter(p, a)
	out.Context.Reason = reasonNotEnumerable
	out.Context.Message = why + "; list these in the host with the filter (clearance's permission.List), or ask /access/v1/evaluations per resource"
	out.Context.Filter = &f
}

// paged cuts one page out of all the results, computed at revision rev.
func (s *server) paged(all []any, pg page, bound []byte, rev uint64) searchOut {
	start := min(pg.offset, len(all))
	end := min(start+pg.limit, len(all))
	next := ""
	if end < len(all) {
		next = s.pages.token(end, bound)
	}
	total := len(all)
	results := all[start:end]
	if results == nil {
		results = []any{}
	}
	return searchOut{Page: pageOut{NextToken: next, Count: len(results), Total: &total}, Results: results, Context: &searchContext{Revision: rev}}
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
func (s *server) searchAction(c *call, o value) (any, *protoError) {
	ev, pg, bound, err := s.parseSearch(c, o, "action", "/access/v1/search/action")
	if err != nil {
		return nil, err
	}
	subj, err := s.subject(c, ev.subject, "subject")
	if err != nil {
		return nil, err
	}
	res := s.resource(c, ev.resource, "resource")
	if res.err != nil {
		return nil, res.err
	}
	var all []any
	if subj.p != nil && res.known {
		for _, name := range capabilities(subj.p, &res.facts) {
			all = append(all, actionOut{name})
		}
	}
	s.log.Info("action search", "request_id", requestIDOf(c.r), "subject", ev.subject.label(),
		"resource", ev.resource.label(), "actions", len(all))
	return s.paged(all, pg, bound, c.snap.rev), nil
}

// searchableKinds are the resource types a resource search can answer, and
// searchResourceNote says when; the metadata repeats both.
var searchableKinds = []string{"organization", "person", "project", "deal", "budget"}

const searchResourceNote = "Resource search answers only where the allowed resources are a finite set this decision point holds: " +
	"the organization itself; the people of the loaded organization; and projects, deals or budgets when the subject's " +
	"memberships are exactly the answer (no public projects, no 'all' reach, no Client access condition). " +
	"Anything else, and every other type, is answered with an empty page and context.reason not_enumerable, saying " +
	"what the answer depends on: list those in the host with clearance's permission.List, or ask " +
	"/access/v1/evaluations per resource. (A point with a database would answer them from it.)"

// searchResourceNoteDB is searchResourceNote for a database-backed point.
const searchResourceNoteDB = "Resource search of projects, deals and budgets is answered from the database, complete, with keyset pages " +
	"(every page of a search at the revision of the first; a later page after the organization changed is a 409: start again); " +
	"people and the organization from the loaded organization. Every other type is answered with an empty page and context.reason not_enumerable."

// reasonNotEnumerable is the context reason of a resource search the point
// cannot answer from what it holds.
const reasonNotEnumerable = "not_enumerable"

// searchResource serves POST /access/v1/search/resource; see
// searchResourceNote.
func (s *server) searchResource(c *call, o value) (any, *protoError) {
	ev, err := parseEvaluation(o, "")
	if err == nil {
		err = ev.completeBut("", "resource.id")
	}
	if err == nil && s.store.db != nil {
		err = s.awaitToken(c, o, "/access/v1/search/resource")
	}
	if err != nil {
		return nil, err
	}
	var pg page
	var bound []byte
	if s.store.db == nil {
		if pg, bound, err = s.parsePage(c, o, "/access/v1/search/resource"); err != nil {
			return nil, err
		}
	}
	subj, err := s.subject(c, ev.subject, "subject")
	if err != nil {
		return nil, err
	}
	res := *ev.resource
	res.id = "" // the specification: a resource search's resource ID is ignored
	got := s.resource(c, &res, "resource")
	if got.err != nil {
		return nil, got.err
	}
	f := got.facts
	a, actionErr := parseAction(*ev.action)
	if s.store.db != nil && subj.p != nil && actionErr == nil && got.known && sameOrganization(subj.p, &f) && dbKinds[f.kind] != "" {
		return s.dbSearchResource(c, o, ev, a, f.kind, "/access/v1/search/resource")
	}
	snap := c.snap
	var all []any
	add := func(id scope.ID) { all = append(all, entityOut{res.typ, idString(id)}) }
	switch {
	case subj.p == nil || actionErr != nil || !got.known || !sameOrganization(subj.p, &f):
		// Nothing is allowed: the answer is exactly empty.
		if s.store.db != nil {
			return s.keysetIDs(c, o, "/access/v1/search/resource", res.typ, nil, nil)
		}
	case isOrganizationKind(f.kind) && s.store.db != nil:
		return s.keysetIDs(c, o, "/access/v1/search/resource", res.typ, []scope.ID{snap.org}, func(id scope.ID) bool {
			of := organizationFacts(id)
			return decide(subj.p, a, &of).allowed
		})
	case isOrganizationKind(f.kind):
		if of := organizationFacts(snap.org); decide(subj.p, a, &of).allowed {
			add(snap.org)
		}
	case isPersonKind(f.kind) && s.store.db != nil:
		return s.keysetIDs(c, o, "/access/v1/search/resource", res.typ, snap.ids, func(id scope.ID) bool {
			pf := personFacts(snap, id)
			return decide(subj.p, a, &pf).allowed
		})
	case isPersonKind(f.kind):
		for _, id := range snap.ids {
			if pf := personFacts(snap, id); decide(subj.p, a, &pf).allowed {
				add(id)
			}
		}
	case s.store.db != nil:
		// Every other kind: a database-backed point holds no table of it.
		out, perr := s.keysetIDs(c, o, "/access/v1/search/resource", res.typ, nil, nil)
		if perr == nil {
			notEnumerable(&out, subj.p, a, fmt.Sprintf("%v: the database this point reads holds no table of %v records", a, f.kind))
		}
		return out, perr
	default:
		ids, lerr := listIDs(subj.p, a, f.kind)
		if errors.Is(lerr, errNotEnumerable) {
			out := s.paged(nil, pg, bound, c.snap.rev)
			notEnumerable(&out, subj.p, a, lerr.Error())
			s.log.Info("resource search", "request_id", requestIDOf(c.r), "subject", ev.subject.label(),
				"action", clipString(*ev.action), "type", clipString(res.typ), "reason", reasonNotEnumerable)
			return out, nil
		}
		for _, id := range ids {
			add(id)
		}
	}
	s.log.Info("resource search", "request_id", requestIDOf(c.r), "subject", ev.subject.label(),
		"action", clipString(*ev.action), "type", clipString(res.typ), "results", len(all))
	return s.paged(all, pg, bound, c.snap.rev), nil
}

// searchSubject serves POST /access/v1/search/subject: the people of the
// loaded organization who may take the action on the resource, one
// decision each. Subjects described only in requests are not known here.
func (s *server) searchSubject(c *call, o value) (any, *protoError) {
	const endpoint = "/access/v1/search/subject"
	ev, err := parseEvaluation(o, "")
	if err == nil {
		err = ev.completeBut("", "subject.id")
	}
	var pg page
	var bound []byte
	switch {
	case err != nil:
	case s.store.db != nil:
		err = s.awaitToken(c, o, endpoint)
	default:
		pg, bound, err = s.parsePage(c, o, endpoint)
	}
	if err != nil {
		return nil, err
	}
	res := s.resource(c, ev.resource, "resource")
	if res.err != nil {
		return nil, res.err
	}
	a, actionErr := parseAction(*ev.action)
	ok := ev.subject.typ == subjectType && res.known && actionErr == nil
	allowed := func(id scope.ID) bool { return ok && decide(c.snap.people[id], a, &res.facts).allowed }
	if s.store.db != nil {
		return s.keysetIDs(c, o, endpoint, subjectType, c.snap.ids, allowed)
	}
	var all []any
	for _, id := range c.snap.ids {
		if allowed(id) {
			all = append(all, entityOut{subjectType, idString(id)})
		}
	}
	s.log.Info("subject search", "request_id", requestIDOf(c.r), "action", clipString(*ev.action),
		"resource", ev.resource.label(), "results", len(all))
	return s.paged(all, pg, bound, c.snap.rev), nil
}
