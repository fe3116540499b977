package set

import (
	"errors"
	"fmt"
	"strings"

	"github.com/clearance-go/clearance/permission/clip"
	"github.com/clearance-go/clearance/permission/strictjson"
)

// The documented keys of a set document, in the order of fieldNames. A key
// is one of these, spelled exactly, or it is an unknown field: encoding/json
// would also accept "Base", "GRANT" or "baſe" (with a Latin long s) for a
// field, and a document that some readers see as two different fields must
// not decode at all. A new field is one more constant, name and case in
// reader.field.
const (
	fieldVersion = iota
	fieldName
	fieldBase
	fieldScope
	fieldAddons
	fieldGrant
	fieldRevoke
	fieldCount
)

var fieldNames = [fieldCount]string{"version", "name", "base", "scope", "addons", "grant", "revoke"}

// read reads a set document into its wire form in one pass over its bytes,
// checking size, encoding, JSON syntax, depth, repeated keys, field names and
// JSON types on the way. Errors that make the document unreadable as JSON
// stop the pass at once; the first unknown field or wrong type is kept and
// reported once the whole document is known to be well-formed JSON.
//
// The scanning is package strictjson's, the one strict reading of JSON that
// clearance has (the AuthZEN example reads requests with it too). It
// accepts exactly the JSON that encoding/json accepts (RFC 8259) and
// unescapes strings as it does; FuzzReadDifferential holds it to that.
// Reading allocates only the strings the wire form keeps, the lists that
// hold them, and a map for each object outside the documented fields that
// has many keys.
func read(data []byte) (wire, error) {
	if len(data) > MaxDocumentSize {
		return wire{}, at("$", fmt.Errorf("%d bytes, more than %d: %w", len(data), MaxDocumentSize, ErrTooLarge))
	}
	sc, err := strictjson.NewScanner(data, MaxDepth)
	if err != nil {
		return wire{}, fromScanner(err)
	}
	r := reader{s: sc}
	var w wire
	if err := r.document(&w); err != nil {
		return wire{}, fromScanner(err)
	}
	if r.shape != nil {
		return wire{}, r.shape
	}
	return w, nil
}

// fromScanner gives an error of package strictjson this package's form: a
// [*PathError] at its path, wrapping this package's sentinel for its class.
// Other errors (this package's own) are returned as they are.
func fromScanner(err error) error {
	var e *strictjson.Error
	if !errors.As(err, &e) {
		return err
	}
	switch {
	case errors.Is(e.Err, strictjson.ErrDuplicate):
		return at(e.Path, fmt.Errorf("field %s: %w", e.Value, ErrDuplicate))
	case errors.Is(e.Err, strictjson.ErrTooDeep):
		return at(e.Path, fmt.Errorf("%s: %w", e.Msg, ErrTooDeep))
	}
	return at(e.Path, fmt.Errorf("%s: %w", e.Msg, ErrSyntax))
}

// reader reads one document with a strictjson.Scanner, and keeps the first
// shape error (an unknown field or a wrong type) to report at the end.
type reader struct {
	s     *strictjson.Scanner
	shape error
}

// fail keeps err, at the current path, as the document's shape error unless
// an earlier one is kept.
func (r *reader) fail(err error) {
	if r.shape == nil {
		r.shape = at(r.s.Path(), err)
	}
}

// document reads the top-level object into w, then checks that nothing
// follows it.
func (r *reader) document(w *wire) error {
	c, err := r.s.Begin()
	if err != nil {
		return err
	}
	if c != '{' {
		if c != '[' {
			if err := r.s.Scalar(c); err != nil {
				return err
			}
		}
		return at("$", fmt.Errorf("want a JSON object, got %s: %w", jsonType(c), ErrSyntax))
	}
	err = r.s.Open() // the first level of MaxDepth: it cannot fail
	if err == nil {
		err = r.members(w)
	}
	if err != nil {
		return err
	}
	return r.s.End("the set")
}

// members reads the members of the document's object, whose '{' has been
// read, through its '}'.
func (r *reader) members(w *wire) error {
	var seen [fieldCount]bool
	var unknown map[string]struct{}
	for first := true; ; first = false {
		key, more, err := r.s.Key(first)
		if err != nil {
			return err
		}
		if !more {
			break
		}
		f := fieldOf(key)
		dup := false
		if f >= 0 {
			dup, seen[f] = seen[f], true
		} else {
			_, dup = unknown[string(key)]
			if unknown == nil {
				unknown = make(map[string]struct{})
			}
			unknown[string(key)] = struct{}{}
		}
		if dup {
			return r.s.Duplicate(key)
		}
		if f < 0 {
			r.fail(unknownField(string(key)))
		}
		c, err := r.s.Value()
		if err != nil {
			return err
		}
		if f >= 0 {
			err = r.field(f, c, w)
		} else {
			err = r.s.Skip(c)
		}
		if err != nil {
			return err
		}
		r.s.Pop()
	}
	r.s.Close()
	return nil
}

// fieldOf returns the index in fieldNames of key, or -1.
func fieldOf(key []byte) int {
	for i, name := range fieldNames {
		if string(key) == name {
			return i
		}
	}
	return -1
}

// field reads the value of the documented field f, starting with c, into
// w.
func (r *reader) field(f int, c byte, w *wire) error {
	switch f {
	case fieldVersion:
		if c != '-' && (c < '0' || c > '9') {
			return r.mismatch("a number", c)
		}
		start := r.s.Offset()
		if err := r.s.Number(); err != nil {
			return err
		}
		switch n := r.s.Bytes(start); string(n) {
		case "1", "2", "3":
			w.Version = int(n[0] - '0')
		default:
			r.fail(fmt.Errorf("version %s: want 1, 2 or 3: %w", clip.Bytes(n), ErrVersion))
		}
		return nil
	case fieldName, fieldBase, fieldScope:
		if c != '"' {
			return r.mismatch("a string", c)
		}
		b, err := r.s.String()
		if err != nil {
			return err
		}
		s := string(b)
		switch f {
		case fieldName:
			w.Name = &s
		case fieldBase:
			w.Base = s
		default:
			w.Scope = &s
		}
		return nil
	}
	var list *[]string
	switch f {
	case fieldAddons:
		list = &w.Addons
	case fieldGrant:
		list = &w.Grant
	default:
		list = &w.Revoke
	}
	var err error
	*list, err = r.list(c)
	return err
}

// mismatch records that the value starting with c is not of the wanted JSON
// type, and skips it.
func (r *reader) mismatch(want string, c byte) error {
	r.fail(fmt.Errorf("want %s, got %s: %w", want, jsonType(c), ErrSyntax))
	return r.s.Skip(c)
}

// listCap is the capacity a list gets at its first element: room for the
// edits of a typical custom set in one allocation.
const listCap = 8

// list reads an array of strings starting with c; null is the empty list.
func (r *reader) list(c byte) ([]string, error) {
	if c == 'n' {
		return nil, r.s.Scalar(c)
	}
	if c != '[' {
		return nil, r.mismatch("an array of strings", c)
	}
	list := []string{}
	err := r.s.Open() // lists are fields of the document: two levels, within MaxDepth
	if err == nil {
		err = r.s.Elements(func(c byte) error {
			if c != '"' {
				return r.mismatch("a string", c)
			}
			b, err := r.s.String()
			if err != nil {
				return err
			}
			if cap(list) == 0 {
				list = make([]string, 0, listCap)
			}
			list = append(list, string(b))
			return nil
		})
		r.s.Close()
	}
	return list, err
}

// unknownField is the error for a key that is not a documented field,
// pointing out a documented one it differs from only in case.
func unknownField(key string) error {
	for _, name := range fieldNames {
		if strings.EqualFold(key, name) {
			return fmt.Errorf("unknown field %s (field names are case-sensitive: did you mean %q?): %w", clip.Quote(key), name, ErrSyntax)
		}
	}
	return fmt.Errorf("unknown field %s: %w", clip.Quote(key), ErrSyntax)
}

// jsonType names the JSON type of the value that starts with c.
func jsonType(c byte) string {
	switch c {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}
