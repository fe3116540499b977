package set

// This file keeps the decoder of set documents as it was before the byte
// scanner of read.go replaced it (commit b52ffa5), for the differential
// fuzz target in read_test.go: on every document within the limits the
// scanner must read what this reader reads and fail where it fails.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/clearance-go/clearance/permission/clip"
)

// tokStep is one level of a JSON path, as the token reader keeps it.
type tokStep struct {
	key   string
	index int // -1 for a key
}

// tokFields is the table of the documented keys of a set document and how each
// value is read. A key is one of these, spelled exactly, or it is an unknown
// field: encoding/json would also accept "Base", "GRANT" or "baſe" (with a
// Latin long s) for a field, and a document that some readers see as two
// different tokFields must not decode at all. A new field is one more row.
var tokFields = [...]struct {
	name string
	read func(r *tokReader, tok json.Token, w *wire) error
}{
	{"version", func(r *tokReader, tok json.Token, w *wire) error {
		n, ok := tok.(json.Number)
		if !ok {
			return r.mismatch("a number", tok)
		}
		if n != "1" && n != "2" && n != "3" {
			r.fail(fmt.Errorf("version %s: want 1, 2 or 3: %w", clip.Quote(string(n)), ErrVersion))
			return nil
		}
		w.Version = int(n[0] - '0')
		return nil
	}},
	{"name", func(r *tokReader, tok json.Token, w *wire) (err error) { w.Name, err = r.str(tok); return err }},
	{"base", func(r *tokReader, tok json.Token, w *wire) error {
		s, err := r.str(tok)
		if s != nil {
			w.Base = *s
		}
		return err
	}},
	{"scope", func(r *tokReader, tok json.Token, w *wire) (err error) { w.Scope, err = r.str(tok); return err }},
	{"addons", func(r *tokReader, tok json.Token, w *wire) (err error) { w.Addons, err = r.list(tok); return err }},
	{"grant", func(r *tokReader, tok json.Token, w *wire) (err error) { w.Grant, err = r.list(tok); return err }},
	{"revoke", func(r *tokReader, tok json.Token, w *wire) (err error) { w.Revoke, err = r.list(tok); return err }},
}

// read reads a set document into its wire form in one pass over its tokens,
// checking size, encoding, depth, repeated keys, field names and JSON types
// on the way. Errors that make the document unreadable as JSON stop the
// pass at once; the first unknown field or wrong type is kept and reported
// once the whole document is known to be well-formed JSON.
func tokRead(data []byte) (wire, error) {
	if len(data) > MaxDocumentSize {
		return wire{}, at("$", fmt.Errorf("%d bytes, more than %d: %w", len(data), MaxDocumentSize, ErrTooLarge))
	}
	if !utf8.Valid(data) {
		return wire{}, at("$", fmt.Errorf("invalid UTF-8 at byte %d: %w", invalidUTF8(data), ErrSyntax))
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	r := &tokReader{dec: dec}
	var w wire
	if err := r.document(&w); err != nil {
		return wire{}, err
	}
	if r.shape != nil {
		return wire{}, r.shape
	}
	return w, nil
}

// tokReader walks the tokens of one document. The path of the value being read
// is kept as steps and written out only when an error names it, so reading
// costs no string building however deep or long the document is.
type tokReader struct {
	dec   *json.Decoder
	steps []tokStep
	depth int   // arrays and objects open around the next token
	shape error // the first unknown field or wrong type, reported at the end
}

// path returns the JSON path of the value being read, such as "$.grant[2]".
// Keys that are not plain identifiers are quoted, and cut to a bounded
// length: $["a key"].
func (r *tokReader) path() string {
	var b strings.Builder
	b.WriteByte('$')
	for _, s := range r.steps {
		switch {
		case s.index >= 0:
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(s.index))
			b.WriteByte(']')
		case isIdentifier(s.key):
			b.WriteByte('.')
			b.WriteString(s.key)
		default:
			b.WriteByte('[')
			b.WriteString(clip.Quote(s.key))
			b.WriteByte(']')
		}
	}
	return b.String()
}

func (r *tokReader) push(s tokStep) { r.steps = append(r.steps, s) }
func (r *tokReader) pop()           { r.steps = r.steps[:len(r.steps)-1] }

// fail keeps err, at the current path, as the document's shape error unless
// an earlier one is kept.
func (r *tokReader) fail(err error) {
	if r.shape == nil {
		r.shape = at(r.path(), err)
	}
}

// token returns the next token. Malformed JSON, and the end of the input
// where a token is due, are errors at "$" giving the byte offset.
func (r *tokReader) token() (json.Token, error) {
	tok, err := r.dec.Token()
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	if err != nil {
		return nil, at("$", fmt.Errorf("%v (at byte %d): %w", err, r.dec.InputOffset(), ErrSyntax))
	}
	return tok, nil
}

// document reads the top-level object into w, then checks that nothing
// follows it.
func (r *tokReader) document(w *wire) error {
	tok, err := r.token()
	if err != nil {
		return err
	}
	if tok != json.Delim('{') {
		return at("$", fmt.Errorf("want a JSON object, got %s: %w", tokJSONType(tok), ErrSyntax))
	}
	r.depth = 1
	err = r.members(func(key string, tok json.Token) error {
		for _, f := range tokFields {
			if f.name == key {
				return f.read(r, tok, w)
			}
		}
		r.fail(tokUnknownField(key))
		return r.skip(tok)
	})
	if err != nil {
		return err
	}
	if _, err := r.dec.Token(); err != io.EOF {
		return at("$", fmt.Errorf("data after the set (at byte %d): %w", r.dec.InputOffset(), ErrSyntax))
	}
	return nil
}

// tokUnknownField is the error for a key that is not a documented field,
// pointing out a documented one it differs from only in case.
func tokUnknownField(key string) error {
	for _, f := range tokFields {
		if strings.EqualFold(key, f.name) {
			return fmt.Errorf("unknown field %s (field names are case-sensitive: did you mean %q?): %w", clip.Quote(key), f.name, ErrSyntax)
		}
	}
	return fmt.Errorf("unknown field %s: %w", clip.Quote(key), ErrSyntax)
}

// members reads the members of an object whose '{' has been read, through
// its '}', calling value with each key and the first token of its value;
// value must read the rest of the value. A repeated key stops the reading.
func (r *tokReader) members(value func(key string, tok json.Token) error) error {
	var seen map[string]struct{}
	for {
		tok, err := r.token()
		if err != nil {
			return err
		}
		if tok == json.Delim('}') {
			return nil
		}
		key := tok.(string) // the decoder returns keys as strings, and only keys where a key is due
		r.push(tokStep{key: key, index: -1})
		if _, dup := seen[key]; dup {
			return at(r.path(), fmt.Errorf("field %s: %w", clip.Quote(key), ErrDuplicate))
		}
		if seen == nil {
			seen = make(map[string]struct{})
		}
		seen[key] = struct{}{}
		if tok, err = r.token(); err != nil {
			return err
		}
		if err := value(key, tok); err != nil {
			return err
		}
		r.pop()
	}
}

// elements reads the elements of an array whose '[' has been read, through
// its ']', calling value with each index and the first token of the
// element; value must read the rest of the element.
func (r *tokReader) elements(value func(tok json.Token) error) error {
	for i := 0; ; i++ {
		tok, err := r.token()
		if err != nil {
			return err
		}
		if tok == json.Delim(']') {
			return nil
		}
		r.push(tokStep{index: i})
		if err := value(tok); err != nil {
			return err
		}
		r.pop()
	}
}

// open enters the array or object tok starts, failing beyond MaxDepth.
func (r *tokReader) open() error {
	if r.depth >= MaxDepth {
		return at(r.path(), fmt.Errorf("more than %d levels of arrays and objects: %w", MaxDepth, ErrTooDeep))
	}
	r.depth++
	return nil
}

// skip reads the rest of a value nobody wants, for the checks every part of
// a document gets: well-formed, not too deep, no repeated key.
func (r *tokReader) skip(tok json.Token) error {
	d, ok := tok.(json.Delim)
	if !ok {
		return nil // a scalar is one token
	}
	if err := r.open(); err != nil {
		return err
	}
	defer func() { r.depth-- }()
	if d == '{' {
		return r.members(func(_ string, tok json.Token) error { return r.skip(tok) })
	}
	return r.elements(r.skip)
}

// mismatch records that the value starting with tok is not of the wanted
// JSON type, and skips it.
func (r *tokReader) mismatch(want string, tok json.Token) error {
	r.fail(fmt.Errorf("want %s, got %s: %w", want, tokJSONType(tok), ErrSyntax))
	return r.skip(tok)
}

// str reads a string value; anything else, null included, is a wrong type.
func (r *tokReader) str(tok json.Token) (*string, error) {
	s, ok := tok.(string)
	if !ok {
		return nil, r.mismatch("a string", tok)
	}
	return &s, nil
}

// list reads an array of strings; null is the empty list.
func (r *tokReader) list(tok json.Token) ([]string, error) {
	if tok == nil {
		return nil, nil
	}
	if tok != json.Delim('[') {
		return nil, r.mismatch("an array of strings", tok)
	}
	r.depth++ // lists are tokFields of the document: two levels, within MaxDepth
	defer func() { r.depth-- }()
	list := []string{}
	err := r.elements(func(tok json.Token) error {
		s, ok := tok.(string)
		if !ok {
			return r.mismatch("a string", tok)
		}
		list = append(list, s)
		return nil
	})
	return list, err
}

// tokJSONType names the JSON type of the value tok starts.
func tokJSONType(tok json.Token) string {
	switch tok.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case json.Number:
		return "number"
	case string:
		return "string"
	}
	if tok == json.Delim('[') {
		return "array"
	}
	return "object" // the only other token that can start a value
}

// invalidUTF8 returns the offset of the first byte of data that is not part
// of valid UTF-8 (the reference's own copy: the scanner's is in package
// strictjson).
func invalidUTF8(data []byte) int {
	i := 0
	for {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
}

// isIdentifier reports whether key can follow a dot in a path: ASCII
// letters, digits and underscores, at most clip.Max of them, not starting
// with a digit.
func isIdentifier(key string) bool {
	if key == "" || len(key) > clip.Max || key[0] >= '0' && key[0] <= '9' {
		return false
	}
	for _, c := range []byte(key) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}
