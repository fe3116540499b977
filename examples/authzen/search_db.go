package main

// Searches of a database-backed point (-db): complete, and paged by key.
//
// A resource search of projects, deals or budgets renders the subject's
// permission.List filter with package sqlfilter (memberships as EXISTS
// subqueries over the memberships table) and reads the matching IDs from the
// database, ORDER BY id, a page at a time: WHERE id > the last key of the
// page before, LIMIT the page's limit. People (a resource search of persons,
// and every subject search) and the organization itself are decided over
// the snapshot's people, in ID order, the same way.
//
// Every page of one search is answered at one revision: the first page's
// (in the answer's context, and in the page token with the last key, bound
// by the pager's HMAC to the request). A database page is read in one
// REPEATABLE READ transaction whose revision is the snapshot's: when the
// database is ahead, the point catches up first. A later page whose
// revision is no longer the point's is refused with 409: the organization
// changed since the first page, and the search starts again. So the union
// of the pages of any limit is exactly the answer at that revision: nothing
// is truncated, nothing is counted twice, nothing changed mid-way.

import (
	"fmt"
	"net/http"

	"github.com/jackc/pgx/v5"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/permission/sqlfilter"
	"github.com/clearance-go/clearance/scope"
)

// dbKinds are the kinds a database-backed point lists from its tables, with
// the FROM clause of each: t is the listed table. A budget's project
// visibility comes from its project, joined on (org_id, id): on Citus, a
// join of co-located tables on the distribution column.
var dbKinds = map[permission.Kind]string{
	permission.KindProject: "projects AS t",
	permission.KindDeal:    "deals AS t",
	permission.KindBudget:  "budgets AS t LEFT JOIN projects AS p ON p.org_id = t.org_id AND p.id = t.project_id",
}

// dbSchema describes the tables of db/schema.sql to sqlfilter.
func dbSchema() sqlfilter.Schema {
	col := func(table, name string) sqlfilter.Column { return sqlfilter.Column{Table: table, Name: name} }
	members := func(kind string) sqlfilter.MemberTable {
		return sqlfilter.MemberTable{Table: "memberships", Org: "org_id", Person: "person_id", Target: "target_id", Type: "target_type", TypeValue: kind}
	}
	return sqlfilter.Schema{
		Dialect: sqlfilter.PostgreSQL,
		Kinds: map[permission.Kind]sqlfilter.Facts{
			permission.KindProject: {Org: col("t", "org_id"), ID: col("t", "id"), Project: col("t", "id"), Visibility: col("t", "visibility")},
			permission.KindDeal:    {Org: col("t", "org_id"), ID: col("t", "id"), Deal: col("t", "id")},
			permission.KindBudget: {Org: col("t", "org_id"), ID: col("t", "id"), Budget: col("t", "id"), Project: col("t", "project_id"),
				Visibility: col("p", "visibility"), ClientAccess: col("t", "client_access"), Approver: col("t", "approver_id"),
				ApprovalRequired: col("t", "approval_required")},
		},
		Projects: members("project"),
		Deals:    members("deal"),
		Budgets:  members("budget"),
	}
}

// searchQuery is the statement of one page of a resource search of kind k,
// up to the filter's fragment: $1 the organization, $2 the last key of the
// page before (0 for the first), $3 the page's limit plus one.
func searchQuery(k permission.Kind, fragment string) string {
	return "SELECT t.id FROM " + dbKinds[k] + " WHERE t.org_id = $1 AND t.id > $2 AND " + fragment + " ORDER BY t.id LIMIT $3"
}

// keyPage is the paging of a keyset search: the limit, and, for a page
// after the first, the last key and the revision of the token.
type keyPage struct {
	limit    int
	after    uint64
	rev      uint64
	hasToken bool
	bound    []byte
}

// parseKeyPage reads a keyset search's page: the limit and a token this
// point gave for this very request, endpoint and limit.
func (s *server) parseKeyPage(o value, endpoint string) (keyPage, *protoError) {
	p, limit, err := parseLimit(o)
	if err != nil {
		return keyPage{}, err
	}
	pg := keyPage{limit: limit, bound: binding(endpoint, o, limit, uint64(s.store.snapshot().org))}
	tok, has, err := str(p, "token", "page")
	if err != nil {
		return pg, err
	}
	if has && tok != "" {
		var ok bool
		if pg.after, pg.rev, ok = s.pages.keyOf(tok, pg.bound); !ok {
			return pg, badRequest("page.token: not a token this decision point gave for this request: a token is bound to the request's subject, action, resource, context and page limit; start again without a token")
		}
		pg.hasToken = true
	}
	return pg, nil
}

// awaitToken brings c's snapshot up to the revision a key page token was
// given at, before anything of the request is resolved: a replica behind
// the one that answered the first page waits for that revision (at most
// -consistency-wait, else 503) rather than refusing, with a 409, a search
// whose organization has not moved.
func (s *server) awaitToken(c *call, o value, endpoint string) *protoError {
	pg, err := s.parseKeyPage(o, endpoint)
	if err != nil || !pg.hasToken || pg.rev <= c.snap.rev {
		return err
	}
	snap, werr := s.store.waitFor(c.r.Context(), pg.rev, s.consistencyWait)
	if werr != nil {
		return &protoError{http.StatusServiceUnavailable, "page.token: " + werr.Error() + "; retry later"}
	}
	c.snap = snap
	return nil
}

// moved is the refusal of a later page whose revision the point no longer
// answers at.
func moved(from, to uint64) *protoError {
	return &protoError{http.StatusConflict, fmt.Sprintf("page.token: the search's first page was answered at revision %d, and the organization is now at revision %d: pages of one search are answered at one revision; start again without a token", from, to)}
}

// keyed builds a page of a keyset search from up to limit+1 matching IDs.
func (s *server) keyed(typ string, ids []scope.ID, pg keyPage, rev uint64) searchOut {
	next := ""
	if len(ids) > pg.limit {
		ids = ids[:pg.limit]
		next = s.pages.keyToken(uint64(ids[len(ids)-1]), rev, pg.bound)
	}
	results := make([]any, 0, len(ids))
	for _, id := range ids {
		results = append(results, entityOut{typ, idString(id)})
	}
	return searchOut{Page: pageOut{NextToken: next, Count: len(results)}, Results: results, Context: &searchContext{Revision: rev}}
}

// keysetIDs answers a keyset search over ids (ascending), at the call's
// snapshot: the IDs after the token's key that keep holds, a page at a
// time. A nil keep matches nothing.
func (s *server) keysetIDs(c *call, o value, endpoint, typ string, ids []scope.ID, keep func(scope.ID) bool) (searchOut, *protoError) {
	pg, err := s.parseKeyPage(o, endpoint)
	if err != nil {
		return searchOut{}, err
	}
	if pg.hasToken && pg.rev != c.snap.rev {
		return searchOut{}, moved(pg.rev, c.snap.rev)
	}
	var out []scope.ID
	for _, id := range ids {
		if uint64(id) <= pg.after || keep == nil {
			continue
		}
		if keep(id) {
			out = append(out, id)
			if len(out) > pg.limit {
				break
			}
		}
	}
	s.log.Info("search", "request_id", requestIDOf(c.r), "endpoint", endpoint, "results", min(len(out), pg.limit), "revision", c.snap.rev)
	return s.keyed(typ, out, pg, c.snap.rev), nil
}

// maxSnapshotTries is how often a database page is read again because the
// database moved past the point's snapshot while it caught up.
const maxSnapshotTries = 5

// dbSearchResource answers a resource search of a kind of dbKinds from the
// database (see the file comment). The subject is resolved again at the
// revision the page is read at.
func (s *server) dbSearchResource(c *call, o value, ev evaluation, a action, kind permission.Kind, endpoint string) (searchOut, *protoError) {
	pg, perr := s.parseKeyPage(o, endpoint)
	if perr != nil {
		return searchOut{}, perr
	}
	src := s.store.db
	ctx := c.r.Context()
	for try := 1; ; try++ {
		var ids []scope.ID
		var dbRev uint64
		var refused *protoError
		var notListed error
		var unlisted *principal // whose filter sqlfilter did not render
		err := src.readTx(ctx, func(tx pgx.Tx) error {
			var err error
			if _, dbRev, err = src.readOrganization(ctx, tx); err != nil {
				return err
			}
			switch {
			case pg.hasToken && dbRev != pg.rev:
				refused = moved(pg.rev, dbRev)
				return nil
			case c.snap.rev != dbRev:
				return nil // catch up below, then read again
			}
			subj, perr := s.subject(c, ev.subject, "subject")
			if perr != nil || subj.p == nil {
				refused = perr
				return nil // nil perr: nobody; the answer is empty
			}
			// A stored person's memberships are the memberships table's, read
			// by EXISTS at this revision; a subject described in the request
			// (-stateless) has only the memberships it describes, passed as
			// parameters: the table's rows under its ID are nobody's claim.
			form := sqlfilter.Exists
			if c.snap.people[subj.p.subject.ID] != subj.p {
				form = sqlfilter.Params
			}
			fragment, args, err := src.renderer.Render(listFilter(subj.p, a), sqlfilter.Options{Form: form, Offset: 3})
			if err != nil {
				notListed, unlisted = err, subj.p
				return nil
			}
			rows, err := src.query(ctx, tx, searchQuery(kind, fragment), append([]any{int64(pg.after), pg.limit + 1}, args...)...)
			if err != nil {
				return fmt.Errorf("%w: searching %vs of organization %d: %w", errDB, kind, src.org, err)
			}
			var id int64
			_, err = pgx.ForEachRow(rows, []any{&id}, func() error {
				ids = append(ids, scope.ID(id))
				return nil
			})
			if err != nil {
				return fmt.Errorf("%w: searching %vs of organization %d: %w", errDB, kind, src.org, err)
			}
			return nil
		})
		switch {
		case err != nil:
			s.log.Error("resource search", "request_id", requestIDOf(c.r), "err", err)
			return searchOut{}, &protoError{http.StatusServiceUnavailable, "the database did not answer the search; retry later"}
		case refused != nil:
			return searchOut{}, refused
		case notListed != nil:
			out := s.keyed(ev.resource.typ, nil, pg, dbRev)
			notEnumerable(&out, unlisted, a, fmt.Sprintf("%v: %v", a, notListed))
			return out, nil
		case c.snap.rev == dbRev:
			s.log.Info("resource search", "request_id", requestIDOf(c.r), "subject", ev.subject.label(),
				"action", clipString(*ev.action), "type", clipString(ev.resource.typ), "results", min(len(ids), pg.limit), "revision", dbRev)
			return s.keyed(ev.resource.typ, ids, pg, dbRev), nil
		case try == maxSnapshotTries:
			return searchOut{}, &protoError{http.StatusServiceUnavailable, fmt.Sprintf("the organization kept changing while the search was read (revision %d in the database, %d applied); retry later", dbRev, c.snap.rev)}
		}
		snap, werr := s.store.waitFor(ctx, dbRev, s.consistencyWait)
		if werr != nil {
			return searchOut{}, &protoError{http.StatusServiceUnavailable, "searching at revision " + fmt.Sprint(dbRev) + ": " + werr.Error()}
		}
		c.snap = snap
		clear(c.subjects) // resolved again at the new snapshot
	}
}

// newRenderer checks dbSchema once.
func newRenderer() (*sqlfilter.Renderer, error) {
	r, err := sqlfilter.New(dbSchema())
	if err != nil {
		return nil, fmt.Errorf("the database schema as sqlfilter sees it: %w", err)
	}
	return r, nil
}
