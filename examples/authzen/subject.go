package main

// Who a subject is: the trust model.
//
// The loaded organization is the authority. A subject whose type is "user"
// and whose id is a person of the organization is that person, with the set,
// role and memberships the organization file gives them; whatever the
// request's subject.properties say is ignored (AuthZEN lets a caller send
// more than a decision point reads), so a claimed "role": "owner" or extra
// memberships change no decision of a stored person.
//
// A subject the organization does not hold is unknown (every action denied,
// reason unknown_subject), unless the point was started with -stateless and
// the caller presented a bearer token: then subject.properties may describe
// the subject in full (role or set, memberships), read strictly. Such a
// subject is always of the loaded organization: naming another one is a
// 400, so no request reaches an organization the point does not hold.

import (
	"net/http"

	"github.com/clearance-go/clearance/permission/clip"
	"github.com/clearance-go/clearance/permission/strictjson"
)

// subjectType is the one subject type this decision point knows.
const subjectType = "user"

// subjectRef is a resolved subject: a prepared principal, or the reason the
// subject is denied everything.
type subjectRef struct {
	p      *principal
	reason string // unknown_subject when p is nil
}

// resolveSubject finds who the subject is (see the file comment).
// stateless says whether this request may describe a subject in its
// properties: the point allows it and the caller is authenticated.
func resolveSubject(snap *snapshot, e *entity, path string, stateless bool) (subjectRef, *protoError) {
	if e.typ == subjectType {
		if id, ok := idFromString(e.id); ok {
			if p := snap.people[id]; p != nil {
				return subjectRef{p: p}, nil // a stored person: properties are never read
			}
		}
	}
	if e.props.Kind == strictjson.Absent {
		return subjectRef{reason: reasonUnknownSubject}, nil
	}
	if !isStateless(e.props) {
		if k := authorityKey(e.props); k != "" {
			return subjectRef{}, badRequest("%s: describes authority, but the properties name neither role nor set, and the subject is not a person of the organization", keyPath(path+".properties", k))
		}
		return subjectRef{reason: reasonUnknownSubject}, nil
	}
	if !stateless {
		return subjectRef{}, &protoError{http.StatusForbidden, path + ".properties: the subject is not a person of the organization, and this decision point does not accept subjects described in their properties (start it with -stateless and a -token-file, and present a token)"}
	}
	if e.typ != subjectType {
		return subjectRef{}, badRequest("%s.type: a described subject is a %q, not %s", path, subjectType, clip.Quote(e.typ))
	}
	id, ok := idFromString(e.id)
	if !ok {
		return subjectRef{}, badRequest("%s.id: a described subject needs a positive integer ID, got %s", path, clip.Quote(e.id))
	}
	_, h, err := parseHolding(e.props, path+".properties", snap.plan, inSubject)
	if err != nil {
		return subjectRef{}, err
	}
	switch h.organization {
	case 0, snap.org:
	default:
		return subjectRef{}, badRequest("%s.properties.organization: %d is not the organization this decision point holds", path, h.organization)
	}
	return subjectRef{p: newPrincipal(id, snap.org, snap.plan, h)}, nil
}
