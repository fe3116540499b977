package main

// The request decoder. Every body is read once, by package strictjson, the
// strict JSON reading clearance's set documents use too: a key repeated in
// any object at any depth is a 400 naming it, keys are compared exactly (a
// "Subject" is not "subject": encoding/json's case-insensitive matching is
// never used on a request), and the depth and number of values are capped.
// Then the protocol objects are read key by key from that one tree: a missing
// or mistyped required field is an error that names its JSON path, and a
// field the specification does not define is ignored, as AuthZEN asks.
//
// The one exception is a subject described in full in subject.properties
// (the specification's stateless mode, see parseHolding): that description
// grants authority, so an unknown key in it is an error, never ignored.

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/clearance-go/clearance/permission/clip"
	"github.com/clearance-go/clearance/permission/strictjson"
	"github.com/clearance-go/clearance/scope"
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

// value is one JSON value of a request, as strictjson read it.
type value = strictjson.Value

// maxDepth is how deeply a request may nest arrays and objects: 32, as a
// set document. The deepest meaningful request (the list of a set document
// in a batch item's subject's properties) nests seven levels.
const maxDepth = 32

// parseBody reads a request body: one JSON object, read strictly (see the
// file comment), of at most maxValues values.
func parseBody(body []byte, maxValues int) (value, *protoError) {
	v, err := strictjson.Parse(body, strictjson.Limits{MaxDepth: maxDepth, MaxValues: maxValues})
	var se *strictjson.Error
	switch {
	case errors.As(err, &se) && errors.Is(err, strictjson.ErrTooMany):
		return value{}, &protoError{http.StatusRequestEntityTooLarge, fmt.Sprintf("request: more than %d JSON values (the -max-values limit)", maxValues)}
	case err != nil:
		return value{}, badRequest("request: %v", err)
	case v.Kind != strictjson.Object:
		return value{}, badRequest("request: want an object, got %v", v.Kind)
	}
	return v, nil
}

// present returns the value of key in o, and whether it is there and not
// null. A null value counts as absent, as the specification's optional
// fields allow.
func present(o value, key string) (value, bool) {
	v := o.Get(key)
	return v, v.Kind != strictjson.Absent && v.Kind != strictjson.Null
}

// str reads an optional string field.
func str(o value, key, path string) (s string, ok bool, err *protoError) {
	v, ok := present(o, key)
	if !ok {
		return "", false, nil
	}
	if v.Kind != strictjson.String {
		return "", false, badRequest("%s.%s: want a string, got %v", path, key, v.Kind)
	}
	return v.Text, true, nil
}

// obj reads an optional object field.
func obj(o value, key, path string) (value, bool, *protoError) {
	v, ok := present(o, key)
	if !ok {
		return value{}, false, nil
	}
	if v.Kind != strictjson.Object {
		return value{}, false, badRequest("%s.%s: want an object, got %v", path, key, v.Kind)
	}
	return v, true, nil
}

// parseID reads an ID: a positive integer, as a JSON number or a decimal
// string (AuthZEN identifiers are strings; properties may carry numbers).
func parseID(v value, path string) (scope.ID, *protoError) {
	var text string
	switch v.Kind {
	case strictjson.String:
		text = v.Text
	case strictjson.Number:
		text = string(v.Raw)
	default:
		return 0, badRequest("%s: want a positive integer ID, got %v", path, v.Kind)
	}
	id, ok := idFromString(text)
	if !ok {
		return 0, badRequest("%s: want a positive integer ID, got %s", path, clip.Quote(text))
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
	typ, id string
	hasID   bool
	props   value // Kind Absent when absent or null
}

// parseEntity reads a subject or resource, checking the types of the fields
// it has; which are required is decided after batch defaults are applied.
func parseEntity(o value, path string) (*entity, *protoError) {
	if o.Kind != strictjson.Object {
		return nil, badRequest("%s: want an object, got %v", path, o.Kind)
	}
	var e entity
	var ok bool
	var err *protoError
	if e.typ, ok, err = str(o, "type", path); err != nil {
		return nil, err
	} else if !ok {
		return nil, badRequest("%s.type: missing", path)
	}
	if e.id, e.hasID, err = str(o, "id", path); err != nil {
		return nil, err
	}
	if e.props, _, err = obj(o, "properties", path); err != nil {
		return nil, err
	}
	return &e, nil
}

// label is the entity as a log line shows it: type and ID, each cut to
// clip.Max bytes, so a log line costs a bounded number of bytes whatever
// the request.
func (e *entity) label() string { return clip.Quote(e.typ) + ":" + clip.Quote(e.id) }

// evaluation is one access evaluation request, before resolution: absent
// parts are nil.
type evaluation struct {
	subject  *entity
	action   *string
	resource *entity
	context  *value // kept only to be inherited; no rule reads it
}

// parseEvaluation reads the 4-tuple fields that are present in o.
func parseEvaluation(o value, path string) (evaluation, *protoError) {
	var ev evaluation
	var err *protoError
	if v, ok := present(o, "subject"); ok {
		if ev.subject, err = parseEntity(v, path+"subject"); err != nil {
			return ev, err
		}
	}
	if v, ok := present(o, "resource"); ok {
		if ev.resource, err = parseEntity(v, path+"resource"); err != nil {
			return ev, err
		}
	}
	if a, ok := present(o, "action"); ok {
		if a.Kind != strictjson.Object {
			return ev, badRequest("%saction: want an object, got %v", path, a.Kind)
		}
		name, has, err := str(a, "name", path+"action")
		if err != nil {
			return ev, err
		}
		if !has {
			return ev, badRequest("%saction.name: missing", path)
		}
		ev.action = &name
	}
	if v, ok := present(o, "context"); ok {
		if v.Kind != strictjson.Object {
			return ev, badRequest("%scontext: want an object, got %v", path, v.Kind)
		}
		if _, asks := present(v, "consistency"); asks && path != "" {
			// A batch is answered at one revision: a demand for freshness
			// inside one item would be ignored, so it is refused.
			return ev, badRequest("%scontext.consistency: a batch asks for a revision once, in the request's top-level context.consistency", path)
		}
		ev.context = &v
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

// keyPath is the path of key in the object at path, as strictjson writes
// paths: path.key for a short plain key, else path["key"], cut to
// clip.Max bytes.
func keyPath(path, key string) string {
	plain := key != "" && len(key) <= clip.Max && (key[0] < '0' || key[0] > '9')
	for i := 0; i < len(key) && plain; i++ {
		c := key[i]
		plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
	}
	if plain {
		return path + "." + key
	}
	return path + "[" + clip.Quote(key) + "]"
}

// clipString is s quoted and cut to clip.Max bytes, for a log line.
func clipString(s string) string { return clip.Quote(s) }
