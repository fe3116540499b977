package main

// The request decoder. AuthZEN asks receivers to ignore unknown fields and to
// refuse a missing or mistyped required one, so the protocol objects are read
// key by key from a map of raw values: field names match exactly (as the
// specification spells them; encoding/json's struct decoding would also
// accept "Subject"), a missing or mistyped field is an error that names its
// JSON path, and anything else is ignored.
//
// The one exception is a subject described in full in subject.properties
// (the specification's stateless mode, see parseHolding): that description
// grants authority, so it is read as strictly as clearance's set.Decode.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// protoError is a request the decision point refuses as a whole (or, inside
// a batch, one evaluation it cannot evaluate): an HTTP status and a message.
type protoError struct {
	status int
	msg    string
}

func (e *protoError) Error() string { return e.msg }

func badRequest(format string, args ...any) *protoError {
	return &protoError{http.StatusBadRequest, fmt.Sprintf(format, args...)}
}

// object is a JSON object whose values are still raw.
type object map[string]json.RawMessage

// jsonType names the JSON type of a raw value, for messages.
func jsonType(raw json.RawMessage) string {
	raw = bytes.TrimLeft(raw, " \t\r\n")
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

func isNull(raw json.RawMessage) bool { return jsonType(raw) == "null" }

// parseObject reads raw as a JSON object.
func parseObject(raw json.RawMessage, path string) (object, *protoError) {
	if jsonType(raw) != "an object" {
		return nil, badRequest("%s: want an object, got %s", path, jsonType(raw))
	}
	var o object
	if err := json.Unmarshal(raw, &o); err != nil {
		return nil, badRequest("%s: %v", path, err)
	}
	return o, nil
}

// present returns the raw value of key, and whether it is there and not null.
// A null value counts as absent, as the specification's optional fields allow.
func (o object) present(key string) (json.RawMessage, bool) {
	raw, ok := o[key]
	if !ok || isNull(raw) {
		return nil, false
	}
	return raw, true
}

// str reads an optional string field.
func (o object) str(key, path string) (s string, ok bool, err *protoError) {
	raw, ok := o.present(key)
	if !ok {
		return "", false, nil
	}
	if jsonType(raw) != "a string" {
		return "", false, badRequest("%s.%s: want a string, got %s", path, key, jsonType(raw))
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", false, badRequest("%s.%s: %v", path, key, err)
	}
	return s, true, nil
}

// obj reads an optional object field.
func (o object) obj(key, path string) (object, bool, *protoError) {
	raw, ok := o.present(key)
	if !ok {
		return nil, false, nil
	}
	v, err := parseObject(raw, path+"."+key)
	return v, err == nil, err
}

// parseID reads an ID: a positive integer, as a JSON number or a decimal
// string (AuthZEN identifiers are strings; properties may carry numbers).
func parseID(raw json.RawMessage, path string) (scope.ID, *protoError) {
	text := string(raw)
	switch jsonType(raw) {
	case "a string":
		if err := json.Unmarshal(raw, &text); err != nil {
			return 0, badRequest("%s: %v", path, err)
		}
	case "a number":
	default:
		return 0, badRequest("%s: want a positive integer ID, got %s", path, jsonType(raw))
	}
	id, ok := idFromString(text)
	if !ok {
		return 0, badRequest("%s: want a positive integer ID, got %.40q", path, text)
	}
	return id, nil
}

// idFromString parses a decimal ID; zero and anything else are not IDs.
func idFromString(s string) (scope.ID, bool) {
	if s == "" || s[0] == '+' {
		return 0, false
	}
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil || v == 0 {
		return 0, false
	}
	return scope.ID(v), true
}

// entity is a subject or resource as sent: type, id and properties.
type entity struct {
	typ, id  string
	hasID    bool
	props    object          // nil when absent
	propsRaw json.RawMessage // the properties as sent, for a strict reading
}

// parseEntity reads a subject or resource, checking the types of the fields
// it has; which are required is decided after batch defaults are applied.
func parseEntity(raw json.RawMessage, path string) (*entity, *protoError) {
	o, err := parseObject(raw, path)
	if err != nil {
		return nil, err
	}
	var e entity
	var ok bool
	if e.typ, ok, err = o.str("type", path); err != nil {
		return nil, err
	} else if !ok {
		return nil, badRequest("%s.type: missing", path)
	}
	if e.id, e.hasID, err = o.str("id", path); err != nil {
		return nil, err
	}
	if e.props, _, err = o.obj("properties", path); err != nil {
		return nil, err
	}
	e.propsRaw, _ = o.present("properties")
	return &e, nil
}

// evaluation is one access evaluation request, before resolution: absent
// parts are nil.
type evaluation struct {
	subject  *entity
	action   *string
	resource *entity
	context  json.RawMessage // kept only to be inherited; no rule reads it
}

// parseEvaluation reads the 4-tuple fields that are present in o.
func parseEvaluation(o object, path string) (evaluation, *protoError) {
	var ev evaluation
	var err *protoError
	if raw, ok := o.present("subject"); ok {
		if ev.subject, err = parseEntity(raw, path+"subject"); err != nil {
			return ev, err
		}
	}
	if raw, ok := o.present("resource"); ok {
		if ev.resource, err = parseEntity(raw, path+"resource"); err != nil {
			return ev, err
		}
	}
	if raw, ok := o.present("action"); ok {
		a, err := parseObject(raw, path+"action")
		if err != nil {
			return ev, err
		}
		name, has, err := a.str("name", path+"action")
		if err != nil {
			return ev, err
		}
		if !has {
			return ev, badRequest("%saction.name: missing", path)
		}
		ev.action = &name
	}
	if raw, ok := o.present("context"); ok {
		if jsonType(raw) != "an object" {
			return ev, badRequest("%scontext: want an object, got %s", path, jsonType(raw))
		}
		ev.context = raw
	}
	return ev, nil
}

// withDefaults fills the parts ev lacks from the batch's top-level defaults.
func (ev evaluation) withDefaults(def evaluation) evaluation {
	if ev.subject == nil {
		ev.subject = def.subject
	}
	if ev.action == nil {
		ev.action = def.action
	}
	if ev.resource == nil {
		ev.resource = def.resource
	}
	if ev.context == nil {
		ev.context = def.context
	}
	return ev
}

// complete checks that the 4-tuple's required parts are there: subject,
// action and resource, with the IDs of both entities.
func (ev evaluation) complete(path string) *protoError { return ev.completeBut(path, "") }

// completeBut is complete for a search, which leaves one part out: the
// action ("action"), the resource's ID ("resource.id") or the subject's
// ("subject.id"). The first missing part, in the order below, is reported.
func (ev evaluation) completeBut(path, leftOut string) *protoError {
	parts := [...]struct {
		name    string
		present bool
	}{
		{"subject", ev.subject != nil},
		{"subject.id", ev.subject == nil || ev.subject.hasID},
		{"action", ev.action != nil},
		{"resource", ev.resource != nil},
		{"resource.id", ev.resource == nil || ev.resource.hasID},
	}
	for _, p := range parts {
		if !p.present && p.name != leftOut {
			return badRequest("%s%s: missing", path, p.name)
		}
	}
	return nil
}

// Keys of a stateless subject description (and of a person in the org file).
// Each one says something about the person's authority, except ip_address
// and device_id, the specification's common subject properties, which say
// where the request comes from and are ignored.
var holdingKeys = map[string]bool{
	"role": true, "scope": true, "addons": true, "set": true, "memberships": true, "organization": true,
}

// isStateless reports whether subject properties describe the subject in
// full: they do when they name a role or a set, the keys that grant
// authority.
func isStateless(props object) bool {
	_, role := props["role"]
	_, set := props["set"]
	return role || set
}

// strictFields reads a JSON object key by key, refusing a repeated key (which
// encoding/json would resolve silently in favour of the last).
func strictFields(raw json.RawMessage, path string) ([]string, object, *protoError) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, nil, badRequest("%s: want an object, got %s", path, jsonType(raw))
	}
	var keys []string
	o := object{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, nil, badRequest("%s: %v", path, err)
		}
		key := tok.(string) // inside an object, a token before a value is its key
		if _, dup := o[key]; dup {
			return nil, nil, badRequest("%s.%s: listed twice", path, key)
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, nil, badRequest("%s.%s: %v", path, key, err)
		}
		keys, o[key] = append(keys, key), v
	}
	if _, err := dec.Token(); err != nil {
		return nil, nil, badRequest("%s: %v", path, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, nil, badRequest("%s: data after the object", path)
	}
	return keys, o, nil
}

// holdingMode says where a holding is read: the org file (which adds "id"
// and lets the file's organization stand) or a stateless subject (which may
// name its organization and carry the specification's common properties).
type holdingMode uint8

const (
	inOrgFile holdingMode = iota + 1
	inSubject
)

// parseHolding reads what a person holds: a system set ("role", with
// optional "scope" and "addons") or a custom set ("set", clearance's set
// document, decoded by set.Decode for the organization's plan), and
// "memberships" {"projects", "deals", "budgets"}.
//
// Every key is checked: an unknown or repeated key is an error, never
// ignored. The lenient rule for unknown fields does not apply here, because
// this object describes authority: a misspelled "scop": "restricted" ignored
// would leave a Manager with the default Unlimited scope, and a misspelled
// "memberships" would silently change what the person reaches. The AuthZEN
// specification's common subject properties (ip_address, device_id) describe
// the request, not the person, and are accepted and ignored.
func parseHolding(raw json.RawMessage, path string, plan set.Plan, mode holdingMode) (scope.ID, holding, *protoError) {
	keys, o, err := strictFields(raw, path)
	if err != nil {
		return 0, holding{}, err
	}
	var h holding
	var id scope.ID
	for _, k := range keys {
		switch {
		case holdingKeys[k] && (k != "organization" || mode == inSubject):
		case k == "id" && mode == inOrgFile:
		case (k == "ip_address" || k == "device_id") && mode == inSubject:
		default:
			return 0, holding{}, badRequest("%s.%s: unknown property of a person's description (known: role, scope, addons, set, memberships%s)", path, k, map[holdingMode]string{inOrgFile: ", id", inSubject: ", organization, ip_address, device_id"}[mode])
		}
	}
	if mode == inOrgFile {
		raw, ok := o["id"]
		if !ok {
			return 0, holding{}, badRequest("%s.id: missing", path)
		}
		if id, err = parseID(raw, path+".id"); err != nil {
			return 0, holding{}, err
		}
	}
	_, hasRole := o["role"]
	doc, hasSet := o["set"]
	switch {
	case hasRole && hasSet:
		return 0, holding{}, badRequest("%s: role and set both given: a person holds one set", path)
	case hasSet:
		for _, k := range []string{"scope", "addons"} {
			if _, ok := o[k]; ok {
				return 0, holding{}, badRequest("%s.%s: given with set: the set document says its own %s", path, k, k)
			}
		}
		s, derr := customSet(doc, plan)
		if derr != nil {
			return 0, holding{}, badRequest("%s.set: %v", path, derr)
		}
		h.set = s
	case hasRole:
		s, err := systemFrom(o, path)
		if err != nil {
			return 0, holding{}, err
		}
		h.set = s
	default:
		return 0, holding{}, badRequest("%s: neither role nor set: a person holds a system set (role, scope, addons) or a custom set (set)", path)
	}
	if raw, ok := o["memberships"]; ok {
		if err := parseMemberships(raw, path+".memberships", &h); err != nil {
			return 0, holding{}, err
		}
	}
	if raw, ok := o["organization"]; ok {
		if h.organization, err = parseID(raw, path+".organization"); err != nil {
			return 0, holding{}, err
		}
	}
	return id, h, nil
}

// strictString reads a required string value of a strict description.
func strictString(raw json.RawMessage, path string) (string, *protoError) {
	if jsonType(raw) != "a string" {
		return "", badRequest("%s: want a string, got %s", path, jsonType(raw))
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", badRequest("%s: %v", path, err)
	}
	return s, nil
}

// systemFrom reads role, scope and addons into a system set.
func systemFrom(o object, path string) (set.Set, *protoError) {
	name, err := strictString(o["role"], path+".role")
	if err != nil {
		return set.Set{}, err
	}
	r, perr := role.Parse(name)
	if perr != nil {
		return set.Set{}, badRequest("%s.role: %v", path, perr)
	}
	var sc scope.Scope
	if raw, ok := o["scope"]; ok {
		name, err := strictString(raw, path+".scope")
		if err != nil {
			return set.Set{}, err
		}
		if sc, perr = scope.ParseScope(name); perr != nil {
			return set.Set{}, badRequest("%s.scope: %v", path, perr)
		}
	}
	var addons set.Addons
	if raw, ok := o["addons"]; ok {
		var list []json.RawMessage
		if jsonType(raw) != "an array" || json.Unmarshal(raw, &list) != nil {
			return set.Set{}, badRequest("%s.addons: want an array of add-on names, got %s", path, jsonType(raw))
		}
		for i, item := range list {
			name, err := strictString(item, fmt.Sprintf("%s.addons[%d]", path, i))
			if err != nil {
				return set.Set{}, err
			}
			a, perr := set.ParseAddon(name)
			if perr != nil {
				return set.Set{}, badRequest("%s.addons[%d]: %v", path, i, perr)
			}
			if addons.Has(a) {
				return set.Set{}, badRequest("%s.addons[%d]: %q listed twice", path, i, name)
			}
			addons |= a
		}
	}
	s, serr := systemSet(r, sc, addons)
	if serr != nil {
		return set.Set{}, badRequest("%s: %v", path, serr)
	}
	return s, nil
}

// parseMemberships reads {"projects": [...], "deals": [...], "budgets":
// [...]}, strictly: unknown or repeated keys, zero and repeated IDs are
// errors.
func parseMemberships(raw json.RawMessage, path string, h *holding) *protoError {
	keys, o, err := strictFields(raw, path)
	if err != nil {
		return err
	}
	for _, k := range keys {
		var dst *[]scope.ID
		switch k {
		case "projects":
			dst = &h.projects
		case "deals":
			dst = &h.deals
		case "budgets":
			dst = &h.budgets
		default:
			return badRequest("%s.%s: unknown membership (known: projects, deals, budgets)", path, k)
		}
		var list []json.RawMessage
		if jsonType(o[k]) != "an array" || json.Unmarshal(o[k], &list) != nil {
			return badRequest("%s.%s: want an array of IDs, got %s", path, k, jsonType(o[k]))
		}
		seen := make(map[scope.ID]bool, len(list))
		for i, item := range list {
			id, err := parseID(item, fmt.Sprintf("%s.%s[%d]", path, k, i))
			if err != nil {
				return err
			}
			if seen[id] {
				return badRequest("%s.%s[%d]: %d listed twice", path, k, i, id)
			}
			seen[id] = true
			*dst = append(*dst, id)
		}
	}
	return nil
}

// parseFacts reads a resource: its type (clearance's kind), its ID and the
// properties the rules read. An unknown type is not an error: it is denied
// (ok false). Unknown properties are ignored; a known one of the wrong type is
// an error.
//
// A resource that names no organization is the loaded organization's (org).
func parseFacts(e *entity, path string, org scope.ID) (f facts, ok bool, err *protoError) {
	kind, field, known := parseKind(e.typ)
	f.kind = kind
	p := e.props
	ids := []struct {
		key string
		dst *scope.ID
		fld kindField
	}{
		{"organization", &f.organization, organizationField},
		{"project", &f.project, projectField},
		{"budget", &f.budget, budgetField},
		{"deal", &f.deal, dealField},
		{"person", &f.person, personField},
		{"approver", &f.approver, noField},
	}
	for _, x := range ids {
		if raw, ok := p.present(x.key); ok {
			if *x.dst, err = parseID(raw, path+".properties."+x.key); err != nil {
				return f, false, err
			}
		}
	}
	if s, ok, err := p.str("visibility", path+".properties"); err != nil {
		return f, false, err
	} else if ok {
		if f.visibility, err = parseVisibility(s, path); err != nil {
			return f, false, err
		}
	}
	if s, ok, err := p.str("person_role", path+".properties"); err != nil {
		return f, false, err
	} else if ok {
		r, perr := role.Parse(s)
		if perr != nil {
			return f, false, badRequest("%s.properties.person_role: %v", path, perr)
		}
		f.personRole = r
	}
	if raw, ok := p.present("client_access"); ok {
		if jsonType(raw) != "a boolean" {
			return f, false, badRequest("%s.properties.client_access: want a boolean, got %s", path, jsonType(raw))
		}
		f.clientAccess = string(bytes.TrimSpace(raw)) == "true"
	}
	// The resource's ID is the record's number; for a project, budget,
	// deal, person or the organization it is also the field the rules read.
	// An ID that is not a decimal number is only a label.
	if id, isNum := idFromString(e.id); isNum {
		f.id = id
		for _, x := range ids {
			if x.fld != field || field == noField {
				continue
			}
			switch *x.dst {
			case 0:
				*x.dst = id
			case id:
			default:
				return f, false, badRequest("%s: id %q and properties.%s %d disagree", path, e.id, x.key, *x.dst)
			}
		}
	}
	if f.organization == 0 {
		f.organization = org
	}
	return f, known, nil
}

func parseVisibility(s, path string) (scope.Visibility, *protoError) {
	v, err := scope.ParseVisibility(s)
	if err != nil {
		return 0, badRequest("%s.properties.visibility: %v", path, err)
	}
	return v, nil
}

// subjectRef is a resolved subject: a prepared principal, or the reason the
// subject is denied everything.
type subjectRef struct {
	p      *principal
	reason string // unknown_subject when p is nil
}

// resolveSubject finds who the subject is: described in full in its
// properties (stateless), or a person of the loaded organization.
func resolveSubject(snap *snapshot, e *entity, path string, stateless bool) (subjectRef, *protoError) {
	if e.props != nil && isStateless(e.props) {
		if !stateless {
			return subjectRef{}, &protoError{http.StatusForbidden, path + ".properties: this decision point does not accept subjects described in their properties (started with -stateless=false)"}
		}
		if e.typ != subjectType {
			return subjectRef{}, badRequest("%s.type: a described subject is a %q, not %q", path, subjectType, e.typ)
		}
		id, ok := idFromString(e.id)
		if !ok {
			return subjectRef{}, badRequest("%s.id: a described subject needs a positive integer ID, got %.40q", path, e.id)
		}
		_, h, err := parseHolding(e.propsRaw, path+".properties", snap.plan, inSubject)
		if err != nil {
			return subjectRef{}, err
		}
		org := h.organization
		if org == 0 {
			org = snap.org
		}
		return subjectRef{p: newPrincipal(id, org, h)}, nil
	}
	if e.props != nil {
		for k := range holdingKeys {
			if _, ok := e.props[k]; ok {
				return subjectRef{}, badRequest("%s.properties.%s: describes authority, but the properties name neither role nor set: describe the subject in full, or not at all", path, k)
			}
		}
	}
	if e.typ != subjectType {
		return subjectRef{reason: reasonUnknownSubject}, nil
	}
	id, ok := idFromString(e.id)
	if !ok {
		return subjectRef{reason: reasonUnknownSubject}, nil
	}
	p := snap.people[id]
	if p == nil {
		return subjectRef{reason: reasonUnknownSubject}, nil
	}
	return subjectRef{p: p}, nil
}

// subjectType is the one subject type this decision point knows.
const subjectType = "user"
