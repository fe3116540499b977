// Package strictjson reads JSON with one reading only. It is the reader
// behind clearance's set documents (package set) and the AuthZEN decision
// point under examples/authzen, so both refuse the same inputs for the same
// reasons.
//
// encoding/json resolves a repeated key in favour of the last one and
// matches struct fields case-insensitively (with Unicode folding, so "baſe"
// is "base"): two programs can read one document two ways. This package does
// neither. It reads the JSON of RFC 8259 that encoding/json accepts, in valid
// UTF-8 only, and refuses:
//
//   - a key repeated in any object, at any depth ([ErrDuplicate]);
//   - arrays and objects nested deeper than a limit ([ErrTooDeep]);
//   - more values than a limit, for [Parse] ([ErrTooMany]);
//   - anything malformed, invalid UTF-8 and data after the value
//     ([ErrSyntax]).
//
// It never matches keys for its caller: [Value.Get] and the callers of
// [Scanner.Key] compare keys byte for byte, so a key that differs from a
// known one only in case is another key. Strings are unescaped as
// encoding/json unescapes them.
//
// Two ways in: [Parse] builds a [Value] tree of a whole input, for a caller
// that looks keys up; a [Scanner] walks the bytes in one pass and allocates
// only what its caller keeps, for a caller that knows its schema (package
// set). Every error is an [*Error] naming the JSON path ("$.a[2].b") and
// wrapping one of the sentinels above; an error quotes at most 64 bytes of
// any key (package clip). Reading costs time linear in the input, and the
// path is built only when an error names it.
//
// The package uses the standard library only and never panics on any input.
package strictjson

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/clearance-go/clearance/permission/clip"
)

// Errors a reading wraps. Test for them with errors.Is.
var (
	// ErrSyntax: the input is not JSON: malformed, not valid UTF-8, or with
	// data after its value.
	ErrSyntax = errors.New("malformed JSON")
	// ErrDuplicate: an object lists one key twice.
	ErrDuplicate = errors.New("key listed twice")
	// ErrTooDeep: arrays and objects nest deeper than the limit.
	ErrTooDeep = errors.New("JSON nested too deeply")
	// ErrTooMany: the input holds more values than the limit of [Parse].
	ErrTooMany = errors.New("too many JSON values")
)

// Error is a reading that failed: where in the input, and why. Path is a
// JSON path such as "$.evaluations[3].subject"; Msg says what was found
// ("invalid character 'x' after object key (at byte 12)", `key "id"`); Err
// is one of the package's sentinels.
type Error struct {
	Path  string
	Msg   string
	Value string // the repeated key of an ErrDuplicate, quoted and clipped; "" otherwise
	Err   error
}

// Error implements error: `$.a.b: key "id": key listed twice`.
func (e *Error) Error() string { return e.Path + ": " + e.Msg + ": " + e.Err.Error() }

// Unwrap returns the sentinel.
func (e *Error) Unwrap() error { return e.Err }

// Scanner reads one JSON input byte by byte, in one pass, for a caller that
// walks it by its schema: [Scanner.Begin] peeks at the next value,
// [Scanner.Key] and [Scanner.Elements] walk objects and arrays,
// [Scanner.String], [Scanner.Number] and [Scanner.Scalar] read scalars,
// [Scanner.Skip] reads a value nobody wants (refusing repeated keys inside
// it) and [Scanner.End] checks that nothing follows. The caller checks the
// keys of the objects it walks itself (see [Scanner.Key]).
//
// The path of the value being read is kept as offsets and written out only
// when an error names it, so a Scanner allocates nothing but the maps that
// find repeated keys in objects it skips. The zero Scanner reads nothing;
// make one with [NewScanner].
type Scanner struct {
	data     []byte
	pos      int    // the next byte to read
	depth    int    // arrays and objects open around the next value
	maxDepth int    // the most depth may be
	text     []byte // scratch: the unescaped text of the last string with escapes
	steps    []step // the path
}

// step is one level of a JSON path: an object key, as the offsets of its
// string literal in the input, or an array index.
type step struct {
	start, end int // the key's literal, quotes included
	index      int // -1 for a key
}

// NewScanner returns a Scanner of data, which may nest arrays and objects
// maxDepth levels deep. It checks that data is valid UTF-8; the input is
// read as it is walked, so other faults are found then.
func NewScanner(data []byte, maxDepth int) (*Scanner, error) {
	if !utf8.Valid(data) {
		return nil, &Error{Path: "$", Msg: fmt.Sprintf("invalid UTF-8 at byte %d", invalidUTF8(data)), Err: ErrSyntax}
	}
	return &Scanner{data: data, maxDepth: maxDepth, steps: make([]step, 0, 8)}, nil
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

// Offset returns the offset of the next byte to read.
func (s *Scanner) Offset() int { return s.pos }

// Path returns the JSON path of the value being read, such as
// "$.grant[2]". Keys that are not plain identifiers are quoted, and cut to
// a bounded length: $["a key"].
func (s *Scanner) Path() string {
	var b strings.Builder
	b.WriteByte('$')
	for _, st := range s.steps {
		if st.index >= 0 {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(st.index))
			b.WriteByte(']')
			continue
		}
		key := string(unquote(s.data[st.start:st.end], nil))
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

// Pop ends the value of the key [Scanner.Key] returned last, taking the key
// off the path.
func (s *Scanner) Pop() { s.steps = s.steps[:len(s.steps)-1] }

// fail returns the error for a fault at the current path.
func (s *Scanner) fail(err error, format string, args ...any) error {
	return &Error{Path: s.Path(), Msg: fmt.Sprintf(format, args...), Err: err}
}

// syntax is the error for malformed JSON at the current byte: what was
// found there (or the end of the input) and what was being read.
func (s *Scanner) syntax(context string) error {
	if s.pos >= len(s.data) {
		return &Error{Path: "$", Msg: fmt.Sprintf("unexpected EOF (at byte %d)", s.pos), Err: ErrSyntax}
	}
	c, _ := utf8.DecodeRune(s.data[s.pos:])
	return &Error{Path: "$", Msg: fmt.Sprintf("invalid character %s %s (at byte %d)", strconv.QuoteRune(c), context, s.pos), Err: ErrSyntax}
}

// space skips white space.
func (s *Scanner) space() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

// Begin skips white space to the first byte of a value and returns it,
// without consuming it: '{', '[', '"', 't', 'f', 'n', '-' or a digit.
func (s *Scanner) Begin() (byte, error) {
	s.space()
	if s.pos < len(s.data) {
		switch c := s.data[s.pos]; c {
		case '{', '[', '"', 't', 'f', 'n', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
			return c, nil
		}
	}
	return 0, s.syntax("looking for beginning of value")
}

// End checks that only white space follows the value read; what names
// the value in the error ("the set").
func (s *Scanner) End(what string) error {
	if s.space(); s.pos < len(s.data) {
		return &Error{Path: "$", Msg: fmt.Sprintf("data after %s (at byte %d)", what, s.pos), Err: ErrSyntax}
	}
	return nil
}

// Open enters the array or object whose first byte [Scanner.Begin]
// returned, failing beyond the depth limit.
func (s *Scanner) Open() error {
	if s.depth >= s.maxDepth {
		return s.fail(ErrTooDeep, "more than %d levels of arrays and objects", s.maxDepth)
	}
	s.depth++
	s.pos++
	return nil
}

// Close leaves the array or object entered last; [Scanner.Key] and
// [Scanner.Elements] have read its closing byte.
func (s *Scanner) Close() { s.depth-- }

// Key reads up to the next key of the object being read, whose '{' has
// been read with [Scanner.Open], and returns it unescaped (valid until the
// next string is read), leaving the scanner after the key's literal:
// [Scanner.Value] reads on to its value. The key is
// added to the path until [Scanner.Pop]. At the object's '}' it returns
// more == false, past the '}'. first tells whether no member has been read
// yet, so no ',' is due before the key. Key does not look for repeated keys:
// the caller does, or uses [Scanner.Skip] or [Parse], which do.
func (s *Scanner) Key(first bool) (key []byte, more bool, err error) {
	s.space()
	if s.pos < len(s.data) && s.data[s.pos] == '}' {
		s.pos++
		return nil, false, nil
	}
	if !first {
		if s.pos >= len(s.data) || s.data[s.pos] != ',' {
			return nil, false, s.syntax("after object key:value pair")
		}
		s.pos++
		s.space()
	}
	if s.pos >= len(s.data) || s.data[s.pos] != '"' {
		return nil, false, s.syntax("looking for beginning of object key string")
	}
	start := s.pos
	if key, err = s.String(); err != nil {
		return nil, false, err
	}
	s.steps = append(s.steps, step{start: start, end: s.pos, index: -1})
	return key, true, nil
}

// Value reads the ':' after the key [Scanner.Key] returned and the white
// space after it, and returns the first byte of the key's value, as
// [Scanner.Begin] does.
func (s *Scanner) Value() (byte, error) {
	s.space()
	if s.pos >= len(s.data) || s.data[s.pos] != ':' {
		return 0, s.syntax("after object key")
	}
	s.pos++
	return s.Begin()
}

// Duplicate returns the error for key, repeated in the object being read.
func (s *Scanner) Duplicate(key []byte) error {
	q := clip.Bytes(key)
	return &Error{Path: s.Path(), Msg: "key " + q, Value: q, Err: ErrDuplicate}
}

// keySet finds repeated keys of one object: a list while it is short, a map
// beyond (a linear search over many keys would cost time quadratic in the
// input).
type keySet struct {
	list []string
	m    map[string]struct{}
}

// add adds key and reports whether it was there already.
func (k *keySet) add(key string) bool {
	if k.m != nil {
		if _, ok := k.m[key]; ok {
			return true
		}
		k.m[key] = struct{}{}
		return false
	}
	for _, have := range k.list {
		if have == key {
			return true
		}
	}
	if len(k.list) < 8 {
		k.list = append(k.list, key)
		return false
	}
	k.m = make(map[string]struct{}, 2*len(k.list))
	for _, have := range k.list {
		k.m[have] = struct{}{}
	}
	k.m[key] = struct{}{}
	return false
}

// Skip reads the value starting with c, which [Scanner.Begin] returned,
// for the checks every part of an input gets: well-formed, not too deep, no
// repeated key.
func (s *Scanner) Skip(c byte) error {
	switch c {
	case '{':
		if err := s.Open(); err != nil {
			return err
		}
		var seen keySet
		for first := true; ; first = false {
			key, more, err := s.Key(first)
			if err != nil {
				return err
			}
			if !more {
				break
			}
			if seen.add(string(key)) {
				return s.Duplicate(key)
			}
			c, err := s.Value()
			if err == nil {
				err = s.Skip(c)
			}
			if err != nil {
				return err
			}
			s.Pop()
		}
		s.Close()
		return nil
	case '[':
		if err := s.Open(); err != nil {
			return err
		}
		err := s.Elements(s.Skip)
		s.Close()
		return err
	}
	return s.Scalar(c)
}

// Elements reads the elements of the array entered with [Scanner.Open]
// through its ']', calling value with the first byte of each element, whose
// index is on the path meanwhile; value must read the element.
func (s *Scanner) Elements(value func(c byte) error) error {
	s.space()
	if s.pos < len(s.data) && s.data[s.pos] == ']' {
		s.pos++
		return nil
	}
	for i := 0; ; i++ {
		s.steps = append(s.steps, step{index: i})
		c, err := s.Begin()
		if err == nil {
			err = value(c)
		}
		if err != nil {
			return err
		}
		s.Pop()
		s.space()
		if s.pos < len(s.data) {
			switch s.data[s.pos] {
			case ',':
				s.pos++
				continue
			case ']':
				s.pos++
				return nil
			}
		}
		return s.syntax("after array element")
	}
}

// Scalar reads the string, number, true, false or null starting with c,
// which [Scanner.Begin] returned.
func (s *Scanner) Scalar(c byte) error {
	switch c {
	case '"':
		_, err := s.String()
		return err
	case 't':
		return s.literal("true")
	case 'f':
		return s.literal("false")
	case 'n':
		return s.literal("null")
	}
	return s.Number()
}

// literal reads the literal lit at the current byte.
func (s *Scanner) literal(lit string) error {
	s.pos++ // Begin has seen lit[0]
	for i := 1; i < len(lit); i++ {
		if s.pos >= len(s.data) || s.data[s.pos] != lit[i] {
			return s.syntax("in literal " + lit + " (expecting " + strconv.QuoteRune(rune(lit[i])) + ")")
		}
		s.pos++
	}
	return nil
}

// Number reads the JSON number at the current byte, which [Scanner.Begin]
// returned as '-' or a digit: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
// Its text is the input from the offset before the call to
// [Scanner.Offset] after it.
func (s *Scanner) Number() error {
	if s.pos >= len(s.data) {
		return s.syntax("in numeric literal")
	}
	if s.data[s.pos] == '-' {
		s.pos++
	}
	switch {
	case s.pos < len(s.data) && s.data[s.pos] == '0':
		s.pos++
	case s.digits() == 0:
		return s.syntax("in numeric literal")
	}
	if s.pos < len(s.data) && s.data[s.pos] == '.' {
		s.pos++
		if s.digits() == 0 {
			return s.syntax("after decimal point in numeric literal")
		}
	}
	if s.pos < len(s.data) && (s.data[s.pos] == 'e' || s.data[s.pos] == 'E') {
		s.pos++
		if s.pos < len(s.data) && (s.data[s.pos] == '+' || s.data[s.pos] == '-') {
			s.pos++
		}
		if s.digits() == 0 {
			return s.syntax("in exponent of numeric literal")
		}
	}
	return nil
}

// digits consumes decimal digits and returns how many.
func (s *Scanner) digits() int {
	start := s.pos
	for s.pos < len(s.data) && s.data[s.pos] >= '0' && s.data[s.pos] <= '9' {
		s.pos++
	}
	return s.pos - start
}

// String reads the string literal at the current byte, which
// [Scanner.Begin] returned as '"', and returns its text, unescaped as
// encoding/json unescapes it. Without escapes the text is part of the
// input; with them it is scratch space of the Scanner, valid until the next
// string is read. Copy it to keep it.
func (s *Scanner) String() ([]byte, error) {
	s.pos++ // the opening quote
	start, escaped := s.pos, false
	for {
		if s.pos >= len(s.data) {
			return nil, s.syntax("in string literal")
		}
		switch c := s.data[s.pos]; {
		case c == '"':
			lit := s.data[start-1 : s.pos+1]
			s.pos++
			if !escaped {
				return lit[1 : len(lit)-1], nil
			}
			s.text = unquote(lit, s.text[:0])
			return s.text, nil
		case c == '\\':
			escaped = true
			s.pos++
			if s.pos >= len(s.data) {
				return nil, s.syntax("in string escape code")
			}
			switch s.data[s.pos] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				s.pos++
			case 'u':
				s.pos++
				for range 4 {
					if s.pos >= len(s.data) || hexValue(s.data[s.pos]) < 0 {
						return nil, s.syntax(`in \u hexadecimal character escape`)
					}
					s.pos++
				}
			default:
				return nil, s.syntax("in string escape code")
			}
		case c < ' ':
			return nil, s.syntax("in string literal")
		default:
			s.pos++
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

// Bytes returns the input from offset start to the next byte to read: the
// literal of the number [Scanner.Number] read from start, for one.
func (s *Scanner) Bytes(start int) []byte { return s.data[start:s.pos] }
