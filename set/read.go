package set

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/clearance-go/clearance/permission/clip"
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
// The scanner accepts exactly the JSON that encoding/json accepts (RFC 8259)
// and unescapes strings as it does; FuzzReadDifferential holds it to that.
// Reading allocates only the strings the wire form keeps, the lists that hold
// them, and a map for each object outside the documented fields that has
// keys.
func read(data []byte) (wire, error) {
	if len(data) > MaxDocumentSize {
		return wire{}, at("$", fmt.Errorf("%d bytes, more than %d: %w", len(data), MaxDocumentSize, ErrTooLarge))
	}
	if !utf8.Valid(data) {
		return wire{}, at("$", fmt.Errorf("invalid UTF-8 at byte %d: %w", invalidUTF8(data), ErrSyntax))
	}
	r := reader{data: data}
	var w wire
	if err := r.document(&w); err != nil {
		return wire{}, err
	}
	if r.shape != nil {
		return wire{}, r.shape
	}
	return w, nil
}

// invalidUTF8 returns the offset of the first byte of data that is not part
// of valid UTF-8.
func invalidUTF8(data []byte) int {
	i := 0
	for {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 { // n == 0: the end, for valid data
			return i
		}
		i += n
	}
}

// reader scans one document, which is valid UTF-8, byte by byte. The path
// of the value being read is kept as steps and written out only when an
// error names it, so reading costs no string building however deep or long
// the document is.
type reader struct {
	data  []byte
	pos   int    // the next byte to read
	depth int    // arrays and objects open around the next value
	shape error  // the first unknown field or wrong type, reported at the end
	text  []byte // scratch: the unescaped text of the last string with escapes

	// steps[:nsteps] is the path. Each open array or object adds one step
	// and depth stays within MaxDepth, so the path never outgrows steps;
	// a fixed array keeps the reader off the heap.
	steps  [MaxDepth + 1]step
	nsteps int
}

// step is one level of a JSON path: an object key, as the offsets of its
// string literal in the document, or an array index.
type step struct {
	start, end int // the key's literal, quotes included
	index      int // -1 for a key
}

// path returns the JSON path of the value being read, such as "$.grant[2]".
// Keys that are not plain identifiers are quoted, and cut to a bounded
// length: $["a key"].
func (r *reader) path() string {
	var b strings.Builder
	b.WriteByte('$')
	for _, s := range r.steps[:min(r.nsteps, len(r.steps))] {
		if s.index >= 0 {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(s.index))
			b.WriteByte(']')
			continue
		}
		key := string(unquote(r.data[s.start:s.end], nil))
		if isIdentifier(key) {
			b.WriteByte('.')
			b.WriteString(key)
		} else {
			b.WriteByte('[')
			b.WriteString(clip.Quote(key))
			b.WriteByte(']')
		}
	}
	return b.String()
}

// isIdentifier reports whether key can follow a dot in a path: ASCII letters,
// digits and underscores, at most clip.Max of them, not starting with a
// digit.
func isIdentifier(key string) bool {
	if key == "" || len(key) > clip.Max || key[0] >= '0' && key[0] <= '9' {
		return false
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

func (r *reader) pushKey(start, end int) { r.push(step{start: start, end: end, index: -1}) }
func (r *reader) pushIndex(i int)        { r.push(step{index: i}) }
func (r *reader) pop()                   { r.nsteps-- }

// push adds s to the path. A step past the end of r.steps, which the depth
// limit rules out, would be counted and left out of the path.
func (r *reader) push(s step) {
	if r.nsteps < len(r.steps) {
		r.steps[r.nsteps] = s
	}
	r.nsteps++
}

// fail keeps err, at the current path, as the document's shape error unless
// an earlier one is kept.
func (r *reader) fail(err error) {
	if r.shape == nil {
		r.shape = at(r.path(), err)
	}
}

// syntax is the error for malformed JSON at the current byte: what was
// found there (or the end of the input) and what was being read.
func (r *reader) syntax(context string) error {
	if r.pos >= len(r.data) {
		return at("$", fmt.Errorf("unexpected EOF (at byte %d): %w", r.pos, ErrSyntax))
	}
	c, _ := utf8.DecodeRune(r.data[r.pos:])
	return at("$", fmt.Errorf("invalid character %s %s (at byte %d): %w", strconv.QuoteRune(c), context, r.pos, ErrSyntax))
}

// space skips white space.
func (r *reader) space() {
	for r.pos < len(r.data) {
		switch r.data[r.pos] {
		case ' ', '\t', '\n', '\r':
			r.pos++
		default:
			return
		}
	}
}

// begin skips white space to the first byte of a value and returns it,
// without consuming it.
func (r *reader) begin() (byte, error) {
	r.space()
	if r.pos < len(r.data) {
		switch c := r.data[r.pos]; c {
		case '{', '[', '"', 't', 'f', 'n', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
			return c, nil
		}
	}
	return 0, r.syntax("looking for beginning of value")
}

// expect skips white space and consumes c, or fails.
func (r *reader) expect(c byte, context string) error {
	r.space()
	if r.pos < len(r.data) && r.data[r.pos] == c {
		r.pos++
		return nil
	}
	return r.syntax(context)
}

// document reads the top-level object into w, then checks that nothing
// follows it.
func (r *reader) document(w *wire) error {
	c, err := r.begin()
	if err != nil {
		return err
	}
	if c != '{' {
		if c != '[' {
			if err := r.scalar(c); err != nil {
				return err
			}
		}
		return at("$", fmt.Errorf("want a JSON object, got %s: %w", jsonType(c), ErrSyntax))
	}
	r.pos++
	r.depth = 1
	var seen [fieldCount]bool
	var unknown map[string]struct{}
	for first := true; ; first = false {
		key, start, more, err := r.key(first)
		if err != nil {
			return err
		}
		if !more {
			break
		}
		r.pushKey(start, r.pos)
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
			return at(r.path(), fmt.Errorf("field %s: %w", clip.Quote(string(key)), ErrDuplicate))
		}
		if f < 0 {
			r.fail(unknownField(string(key)))
		}
		if err := r.expect(':', "after object key"); err != nil {
			return err
		}
		if f >= 0 {
			err = r.field(f, w)
		} else if c, err = r.begin(); err == nil {
			err = r.skip(c)
		}
		if err != nil {
			return err
		}
		r.pop()
	}
	if r.space(); r.pos < len(r.data) {
		return at("$", fmt.Errorf("data after the set (at byte %d): %w", r.pos, ErrSyntax))
	}
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

// field reads the value of the documented field f into w.
func (r *reader) field(f int, w *wire) error {
	c, err := r.begin()
	if err != nil {
		return err
	}
	switch f {
	case fieldVersion:
		if c != '-' && (c < '0' || c > '9') {
			return r.mismatch("a number", c)
		}
		start := r.pos
		if err := r.number(); err != nil {
			return err
		}
		switch n := r.data[start:r.pos]; string(n) {
		case "1", "2", "3":
			w.Version = int(n[0] - '0')
		default:
			r.fail(fmt.Errorf("version %s: want 1, 2 or 3: %w", clip.Quote(string(n)), ErrVersion))
		}
		return nil
	case fieldName, fieldBase, fieldScope:
		if c != '"' {
			return r.mismatch("a string", c)
		}
		b, err := r.string()
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
	*list, err = r.list(c)
	return err
}

// key reads up to the next key of the object being read, whose '{' has been
// read, and returns it unescaped (valid until the next string is read) with
// the offset of its literal, leaving the reader after the literal. At the
// object's '}' it returns more == false, past the '}'. first tells whether
// a member has been read already, so a ',' is due before the key.
func (r *reader) key(first bool) (key []byte, start int, more bool, err error) {
	r.space()
	if r.pos < len(r.data) && r.data[r.pos] == '}' {
		r.pos++
		return nil, 0, false, nil
	}
	if !first {
		if r.pos >= len(r.data) || r.data[r.pos] != ',' {
			return nil, 0, false, r.syntax("after object key:value pair")
		}
		r.pos++
		r.space()
	}
	if r.pos >= len(r.data) || r.data[r.pos] != '"' {
		return nil, 0, false, r.syntax("looking for beginning of object key string")
	}
	start = r.pos
	key, err = r.string()
	return key, start, err == nil, err
}

// open enters the array or object at the current byte, failing beyond
// MaxDepth.
func (r *reader) open() error {
	if r.depth >= MaxDepth {
		return at(r.path(), fmt.Errorf("more than %d levels of arrays and objects: %w", MaxDepth, ErrTooDeep))
	}
	r.depth++
	r.pos++
	return nil
}

// skip reads a value nobody wants, starting with c, for the checks every
// part of a document gets: well-formed, not too deep, no repeated key.
func (r *reader) skip(c byte) error {
	switch c {
	case '{':
		if err := r.open(); err != nil {
			return err
		}
		var seen map[string]struct{}
		for first := true; ; first = false {
			key, start, more, err := r.key(first)
			if err != nil {
				return err
			}
			if !more {
				break
			}
			r.pushKey(start, r.pos)
			if _, dup := seen[string(key)]; dup {
				return at(r.path(), fmt.Errorf("field %s: %w", clip.Quote(string(key)), ErrDuplicate))
			}
			if seen == nil {
				seen = make(map[string]struct{})
			}
			seen[string(key)] = struct{}{}
			if err := r.expect(':', "after object key"); err != nil {
				return err
			}
			c, err := r.begin()
			if err == nil {
				err = r.skip(c)
			}
			if err != nil {
				return err
			}
			r.pop()
		}
		r.depth--
		return nil
	case '[':
		if err := r.open(); err != nil {
			return err
		}
		err := r.elements(r.skip)
		r.depth--
		return err
	}
	return r.scalar(c)
}

// elements reads the elements of the array at the current byte, whose
// depth has been counted, through its ']', calling value with the first
// byte of each element; value must read the element.
func (r *reader) elements(value func(c byte) error) error {
	r.space()
	if r.pos < len(r.data) && r.data[r.pos] == ']' {
		r.pos++
		return nil
	}
	for i := 0; ; i++ {
		r.pushIndex(i)
		c, err := r.begin()
		if err == nil {
			err = value(c)
		}
		if err != nil {
			return err
		}
		r.pop()
		r.space()
		if r.pos < len(r.data) {
			switch r.data[r.pos] {
			case ',':
				r.pos++
				continue
			case ']':
				r.pos++
				return nil
			}
		}
		return r.syntax("after array element")
	}
}

// mismatch records that the value starting with c is not of the wanted JSON
// type, and skips it.
func (r *reader) mismatch(want string, c byte) error {
	r.fail(fmt.Errorf("want %s, got %s: %w", want, jsonType(c), ErrSyntax))
	return r.skip(c)
}

// listCap is the capacity a list gets at its first element: room for the
// edits of a typical custom set in one allocation.
const listCap = 8

// list reads an array of strings starting with c; null is the empty list.
func (r *reader) list(c byte) ([]string, error) {
	if c == 'n' {
		return nil, r.scalar(c)
	}
	if c != '[' {
		return nil, r.mismatch("an array of strings", c)
	}
	r.pos++
	r.depth++ // lists are fields of the document: two levels, within MaxDepth
	list := []string{}
	err := r.elements(func(c byte) error {
		if c != '"' {
			return r.mismatch("a string", c)
		}
		b, err := r.string()
		if err != nil {
			return err
		}
		if cap(list) == 0 {
			list = make([]string, 0, listCap)
		}
		list = append(list, string(b))
		return nil
	})
	r.depth--
	return list, err
}

// scalar reads the string, number, true, false or null starting with c.
func (r *reader) scalar(c byte) error {
	switch c {
	case '"':
		_, err := r.string()
		return err
	case 't':
		return r.literal("true")
	case 'f':
		return r.literal("false")
	case 'n':
		return r.literal("null")
	}
	return r.number()
}

// literal reads the literal lit at the current byte.
func (r *reader) literal(lit string) error {
	r.pos++ // begin has seen lit[0]
	for i := 1; i < len(lit); i++ {
		if r.pos >= len(r.data) || r.data[r.pos] != lit[i] {
			return r.syntax("in literal " + lit + " (expecting " + strconv.QuoteRune(rune(lit[i])) + ")")
		}
		r.pos++
	}
	return nil
}

// number reads a JSON number at the current byte:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (r *reader) number() error {
	if r.data[r.pos] == '-' {
		r.pos++
	}
	switch {
	case r.pos < len(r.data) && r.data[r.pos] == '0':
		r.pos++
	case r.digits() == 0:
		return r.syntax("in numeric literal")
	}
	if r.pos < len(r.data) && r.data[r.pos] == '.' {
		r.pos++
		if r.digits() == 0 {
			return r.syntax("after decimal point in numeric literal")
		}
	}
	if r.pos < len(r.data) && (r.data[r.pos] == 'e' || r.data[r.pos] == 'E') {
		r.pos++
		if r.pos < len(r.data) && (r.data[r.pos] == '+' || r.data[r.pos] == '-') {
			r.pos++
		}
		if r.digits() == 0 {
			return r.syntax("in exponent of numeric literal")
		}
	}
	return nil
}

// digits consumes decimal digits and returns how many.
func (r *reader) digits() int {
	start := r.pos
	for r.pos < len(r.data) && r.data[r.pos] >= '0' && r.data[r.pos] <= '9' {
		r.pos++
	}
	return r.pos - start
}

// string reads the string literal at the current byte and returns its
// text, unescaped as encoding/json unescapes it. Without escapes the text
// is part of the document; with them it is in r.text, valid until the next
// string is read.
func (r *reader) string() ([]byte, error) {
	r.pos++ // the opening quote
	start, escaped := r.pos, false
	for {
		if r.pos >= len(r.data) {
			return nil, r.syntax("in string literal")
		}
		switch c := r.data[r.pos]; {
		case c == '"':
			lit := r.data[start-1 : r.pos+1]
			r.pos++
			if !escaped {
				return lit[1 : len(lit)-1], nil
			}
			r.text = unquote(lit, r.text[:0])
			return r.text, nil
		case c == '\\':
			escaped = true
			r.pos++
			if r.pos >= len(r.data) {
				return nil, r.syntax("in string escape code")
			}
			switch r.data[r.pos] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				r.pos++
			case 'u':
				r.pos++
				for range 4 {
					if r.pos >= len(r.data) || hexValue(r.data[r.pos]) < 0 {
						return nil, r.syntax(`in \u hexadecimal character escape`)
					}
					r.pos++
				}
			default:
				return nil, r.syntax("in string escape code")
			}
		case c < ' ':
			return nil, r.syntax("in string literal")
		default:
			r.pos++
		}
	}
}

// hexValue returns the value of the hexadecimal digit c, or -1.
func hexValue(c byte) rune {
	switch {
	case c >= '0' && c <= '9':
		return rune(c - '0')
	case c >= 'a' && c <= 'f':
		return rune(c - 'a' + 10)
	case c >= 'A' && c <= 'F':
		return rune(c - 'A' + 10)
	}
	return -1
}

// unquote appends to buf the text of lit, a well-formed JSON string literal
// with its quotes, unescaped as encoding/json does: a \u escape of half a
// surrogate pair that is not followed by the escape of the other half
// becomes U+FFFD, and the escape after it is read on its own.
func unquote(lit, buf []byte) []byte {
	s := lit[1 : len(lit)-1]
	for i := 0; i < len(s); {
		c := s[i]
		if c != '\\' {
			j := i + 1
			for j < len(s) && s[j] != '\\' {
				j++
			}
			buf = append(buf, s[i:j]...)
			i = j
			continue
		}
		switch e := s[i+1]; e {
		case 'u':
			rr := u4(s[i+2:])
			i += 6
			if utf16.IsSurrogate(rr) {
				if i+6 <= len(s) && s[i] == '\\' && s[i+1] == 'u' {
					if dec := utf16.DecodeRune(rr, u4(s[i+2:])); dec != utf8.RuneError {
						buf = utf8.AppendRune(buf, dec)
						i += 6
						continue
					}
				}
				rr = utf8.RuneError
			}
			buf = utf8.AppendRune(buf, rr)
			continue
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		default: // '"', '\\', '/'
			buf = append(buf, e)
		}
		i += 2
	}
	return buf
}

// u4 returns the value of the four hexadecimal digits that start s.
func u4(s []byte) rune {
	return hexValue(s[0])<<12 | hexValue(s[1])<<8 | hexValue(s[2])<<4 | hexValue(s[3])
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
