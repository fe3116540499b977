package set

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// malformed reports whether err is read's error for a document that is not
// JSON at all: invalid UTF-8, a syntax error, or data after the object.
func malformed(err error) bool {
	var pe *PathError
	return errors.As(err, &pe) && pe.Path == "$" && errors.Is(err, ErrSyntax) &&
		(strings.Contains(err.Error(), "(at byte ") || strings.Contains(err.Error(), "invalid UTF-8"))
}

// readSentinels are the errors read may wrap; the differential test wants
// the scanner and the token reader to wrap the same ones.
var readSentinels = []error{ErrSyntax, ErrTooDeep, ErrDuplicate, ErrVersion, ErrTooLarge}

// checkReadDifferential holds read, the byte scanner, to the token reader it
// replaced (tokRead) and to json.Valid, on a document within the size limit:
//   - the scanner succeeds exactly when the token reader does, with the same
//     wire form, so Decode makes the same set;
//   - they fail at the same path, wrapping the same sentinels, and on
//     well-formed JSON with the same message;
//   - the scanner accepts what json.Valid accepts, in UTF-8: it never
//     succeeds on a document that is not JSON, and never calls one that is
//     malformed (it may still refuse it, for a repeated key, the depth, a
//     type or a field name). A document that is not JSON may be refused
//     for something else found first, such as an array where the object is
//     due, or a key repeated before the syntax error.
func checkReadDifferential(t *testing.T, data []byte) {
	if len(data) > MaxDocumentSize {
		return
	}
	got, gerr := read(data)
	want, werr := tokRead(data)
	// encoding/json takes invalid UTF-8 in a string for U+FFFD; a set
	// document must be UTF-8 throughout (issue 10), so such a document is
	// not valid here.
	valid := json.Valid(data) && utf8.Valid(data)
	switch {
	case (gerr == nil) != (werr == nil):
		t.Fatalf("read(%.200q) = %v; the token reader says %v", data, gerr, werr)
	case gerr == nil:
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("read(%.200q) mismatch (-token reader +scanner):\n%s", data, diff)
		}
		if !valid {
			t.Fatalf("read(%.200q) accepted a document json.Valid rejects", data)
		}
		return
	}
	var gpe, wpe *PathError
	if !errors.As(gerr, &gpe) || !errors.As(werr, &wpe) || gpe.Path != wpe.Path {
		t.Fatalf("read(%.200q) error %v; the token reader's is %v", data, gerr, werr)
	}
	for _, s := range readSentinels {
		if errors.Is(gerr, s) != errors.Is(werr, s) {
			t.Fatalf("read(%.200q) error %v; the token reader's is %v: they differ on %v", data, gerr, werr, s)
		}
	}
	if valid && gerr.Error() != werr.Error() {
		t.Fatalf("read(%.200q) error %q; the token reader's is %q", data, gerr, werr)
	}
	if valid && malformed(gerr) {
		t.Fatalf("read(%.200q) calls a document json.Valid accepts malformed: %v", data, gerr)
	}
}

// readSeeds are documents that exercise the scanner: every sample set,
// escapes of every kind, surrogates whole and halved, numbers of every
// shape, nesting, repeated and unknown keys, and broken documents.
func readSeeds(t testing.TB) [][]byte {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "sets", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no sample sets: %v", err)
	}
	var seeds [][]byte
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		seeds = append(seeds, data)
	}
	for _, s := range []string{
		``, ` `, `{}`, ` { } `, `[]`, `null`, `7`, `-0.5e+3`, `"x"`, `true`, `{"base":"staff"}`, `{"base":"staff"} `, `{"base":"staff"}x`,
		`{"version":2,"name":"Accounting","base":"manager","scope":"restricted","grant":["budgets.view_profit","integrations.manage_organizational"],"revoke":["deals.view","deals.create","deals.view_financials"]}`,
		`{"version":1,"base":"staff"}`, `{"version":1.0,"base":"staff"}`, `{"version":-0,"base":"staff"}`, `{"version":2e0}`, `{"version":01}`,
		`{"version":-}`, `{"version":1.}`, `{"version":1e}`, `{"version":1e+}`, `{"version":"2"}`, `{"version":null}`,
		`{"b\u0061se":"st\u0061ff","n\u0061me":"\u00e9\ud83d\ude00\ud800\udc00\ud800x\udc00\ud800\u0041"}`,
		`{"name":"\"\\\/\b\f\n\r\t","base":"staff"}`, `{"name":"\x","base":"staff"}`, `{"name":"\u12","base":"staff"}`, `{"name":"\u12G4"}`,
		"{\"name\":\"a\x01b\"}", `{"name":"é日😀","base":"staff"}`, "{\"name\":\"\xff\"}",
		`{"base":"staff","grant":null,"revoke":[],"addons":["time"]}`, `{"grant":[1,"a",[],{},null,true]}`, `{"grant":["a",]}`, `{"grant":[,"a"]}`,
		`{"grant":["a" "b"]}`, `{"base":"staff",}`, `{,"base":"staff"}`, `{"base" "staff"}`, `{"base":}`, `{"base"`, `{"base":"staff"`, `{"base":"sta`,
		`{"base":"staff","base":"staff"}`, `{"x":1,"x":2}`, `{"x":{"a":1,"a":2}}`, `{"x":{"a":{"b":[1,{"c":2,"c":3}]}}}`, `{"a b":{"c d":{"e":1,"e":1}}}`,
		`{"x":` + strings.Repeat(`[`, 31) + strings.Repeat(`]`, 31) + `}`, `{"x":` + strings.Repeat(`[`, 32) + strings.Repeat(`]`, 32) + `}`,
		`{"x":` + strings.Repeat(`{"k":`, 40) + `1` + strings.Repeat(`}`, 40) + `}`, `{"x":[[[[`, `{"x":tru}`, `{"x":nul}`, `{"x":fals}`, `{"x":truex}`,
		`{"Base":"staff"}`, `{"baſe":"staff"}`, `{"name":["A"],"base":3,"scope":true}`, `{"colour":1,"base":2}`, `{"base":1,"scope":}`,
	} {
		seeds = append(seeds, []byte(s))
	}
	return seeds
}

func TestReadDifferential(t *testing.T) {
	for _, data := range readSeeds(t) {
		checkReadDifferential(t, data)
	}
}

// FuzzReadDifferential is checkReadDifferential driven by the fuzzer.
func FuzzReadDifferential(f *testing.F) {
	for _, data := range readSeeds(f) {
		f.Add(data)
	}
	f.Fuzz(checkReadDifferential)
}
