package main

// Consistency tokens: every decision and search answer carries, in its
// context, the revision it was decided at ("revision"); a request may ask
// to be decided at or after a revision:
//
//	"context": {"consistency": {"at_least": 42}}
//
// at the top of any POST request (a batch's items share the request's).
// The point answers it only from a snapshot at that revision or later,
// waiting for it at most -consistency-wait (2s by default; with -db it asks
// the database at once rather than wait for a notification). If the
// revision is still not applied, the request is refused as a whole with
// 503 and Retry-After, saying both revisions: it is never answered from an
// older snapshot.
//
// The rule for revoked access: a change committed at or before revision R
// is reflected in every answer at revision R or later. A host that revokes
// a membership reads the organization's revision in the revoking
// transaction (SELECT revision FROM organizations WHERE org_id = $1, after
// the change) and asks with at_least that revision: no such request is
// allowed by the revoked membership. With -org the revision is the file's
// load number.

import (
	"github.com/clearance-go/clearance/permission/strictjson"
)

// consistencyNote is the metadata's description of the rule above.
const consistencyNote = "Every answer's context carries revision, the organization's revision it was decided at; a change committed at or before it is reflected. " +
	"A request may send context.consistency.at_least (a revision, a number or a decimal string): it is answered at that revision or later, " +
	"or refused with 503 after the -consistency-wait bound, never from an older revision."

// consistency reads context.consistency.at_least of a request: 0 when it
// asks for no revision. Unknown keys of consistency are an error: a
// misspelled demand for freshness must not be ignored.
func consistency(o value) (uint64, *protoError) {
	ctx, ok, err := obj(o, "context", "request")
	if err != nil || !ok {
		return 0, err
	}
	c, ok, err := obj(ctx, "consistency", "context")
	if err != nil || !ok {
		return 0, err
	}
	for _, m := range c.Members {
		if m.Key != "at_least" {
			return 0, badRequest("%s: unknown key of context.consistency (known: at_least)", keyPath("context.consistency", m.Key))
		}
	}
	v, ok := present(c, "at_least")
	if !ok {
		return 0, nil
	}
	var text string
	switch v.Kind {
	case strictjson.Number:
		text = string(v.Raw)
	case strictjson.String:
		text = v.Text
	default:
		return 0, badRequest("context.consistency.at_least: want a revision (a non-negative integer), got %v", v.Kind)
	}
	if text == "0" {
		return 0, nil
	}
	id, idOK := idFromString(text)
	if !idOK {
		return 0, badRequest("context.consistency.at_least: want a revision (a non-negative integer), got %.64q", text)
	}
	return uint64(id), nil
}
