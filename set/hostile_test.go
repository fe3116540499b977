package set_test

import (
	"encoding/json"
	"errors"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// stHostile is a document that must fail to decode: at path, wrapping want,
// with msg in the message.
type stHostile struct {
	name, in, path string
	want           error
	msg            string
}

// stNest returns `{"name":` and depth levels of arrays, closed.
func stNest(depth int) string {
	return `{"name":` + strings.Repeat("[", depth) + strings.Repeat("]", depth) + `}`
}

// stCheckHostile decodes tt.in and checks its error, that the message quotes
// no more than a bounded part of the input, and that UnmarshalJSON agrees.
func stCheckHostile(t *testing.T, tt stHostile) {
	t.Helper()
	s, err := set.Decode([]byte(tt.in), set.Ultimate)
	var pe *set.PathError
	if !errors.As(err, &pe) || pe.Path != tt.path || !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.msg) {
		t.Fatalf("Decode(%.80q) error = %v; want a *PathError at %s wrapping %v with %q in it", tt.in, err, tt.path, tt.want, tt.msg)
	}
	if s != (set.Set{}) {
		t.Errorf("Decode returned %q with its error", s.Name())
	}
	if n := len(err.Error()); n > 400 {
		t.Errorf("error message of %d bytes for %d bytes of input, want at most 400", n, len(tt.in))
	}
	for _, internal := range []string{"wire", "Go struct", "Go value"} {
		if strings.Contains(err.Error(), internal) {
			t.Errorf("error %q names the decoder's internals (%q)", err, internal)
		}
	}
	var u set.Set
	if uerr := u.UnmarshalJSON([]byte(tt.in)); uerr == nil || uerr.Error() != err.Error() {
		t.Errorf("UnmarshalJSON error = %v, want %v", uerr, err)
	}
}

// TestDecodeHostileFromIssue: the documents of issue 10, each of which
// decoded, or cost memory quadratic in its size, before.
func TestDecodeHostileFromIssue(t *testing.T) {
	for _, tt := range []stHostile{
		// One reading of every key: encoding/json took these for "base" and
		// "grant" while the duplicate check compared keys exactly.
		{"case variant of base", `{"name":"Client portal","base":"client","Base":"admin"}`, "$.Base", set.ErrSyntax, `unknown field "Base" (field names are case-sensitive: did you mean "base"?)`},
		{"long s in base", `{"name":"Client portal","base":"client","baſe":"admin"}`, `$["baſe"]`, set.ErrSyntax, `did you mean "base"?`},
		{"upper-case grant", `{"name":"x","base":"staff","grant":["invoices.manage"],"GRANT":[]}`, "$.GRANT", set.ErrSyntax, `did you mean "grant"?`},
		{"Kelvin sign", "{\"name\":\"x\",\"base\":\"staff\",\"addons\":[],\"\u212Aey\":1}", "$[\"\u212Aey\"]", set.ErrSyntax, "unknown field"},
		{"case variant alone", `{"Name":"x","base":"staff"}`, "$.Name", set.ErrSyntax, `did you mean "name"?`},
		// Bounded cost: 20,000 levels (40 KB) allocated 624 MB; deeper
		// documents are also too large.
		{"20,000 levels", stNest(20000), "$.name" + strings.Repeat("[0]", set.MaxDepth-1), set.ErrTooDeep, "more than 32 levels"},
		{"40,000 levels", stNest(40000), "$", set.ErrTooLarge, "80009 bytes, more than 65536"},
		{"100,000 levels", stNest(100000), "$", set.ErrTooLarge, "more than 65536"},
		{"10 MB name", `{"name":"` + strings.Repeat("x", 10<<20) + `","base":"staff"}`, "$", set.ErrTooLarge, ""},
		{"10 MB grant name", `{"name":"A","base":"staff","grant":["` + strings.Repeat("x", 10<<20) + `"]}`, "$", set.ErrTooLarge, ""},
		{"60 KB grant name", `{"name":"A","base":"staff","grant":["` + strings.Repeat("x", 60<<10) + `"]}`, "$.grant[0]", permission.ErrUnknown, `"... (61440 bytes)`},
		// An error quotes at most 64 bytes of any value.
		{"60 KB base", `{"name":"A","base":"` + strings.Repeat("x", 60<<10) + `"}`, "$.base", role.ErrUnknown, `"... (61440 bytes)`},
		{"60 KB scope", `{"name":"A","base":"staff","scope":"` + strings.Repeat("x", 60<<10) + `"}`, "$.scope", scope.ErrUnknownScope, `"... (61440 bytes)`},
		{"60 KB add-on", `{"name":"A","base":"staff","addons":["` + strings.Repeat("x", 60<<10) + `"]}`, "$.addons[0]", set.ErrUnknownAddon, `"... (61440 bytes)`},
		{"60 KB version", `{"version":` + strings.Repeat("1", 60<<10) + `,"base":"staff"}`, "$.version", set.ErrVersion, `"... (61440 bytes)`},
		// Names that impersonate.
		{"zero-width space", `{"name":"Own\u200ber","base":"staff"}`, "$.name", set.ErrNameCharacter, "U+200B"},
		{"Cyrillic O", `{"name":"\u041ewner","base":"staff"}`, "$.name", set.ErrNameLookalike, "mixes Cyrillic and Latin letters"},
		{"the Owner's name on Staff", `{"name":"owner","base":"staff"}`, "$.name", set.ErrNameLookalike, `reads as the system set "Owner"`},
		// Clean names.
		{"escape sequence in the name", `{"name":"\u001b[31mA","base":"staff"}`, "$.name", set.ErrNameCharacter, "U+001B"},
		{"invalid UTF-8 in the name", "{\"name\":\"A\xff\",\"base\":\"staff\"}", "$", set.ErrSyntax, "invalid UTF-8 at byte 10"},
		{"half a surrogate pair", `{"name":"A\ud800","base":"staff"}`, "$.name", set.ErrNameEncoding, ""},
		{"right-to-left override", `{"name":"Client \u202eportal","base":"staff"}`, "$.name", set.ErrNameCharacter, "U+202E"},
		{"101 characters", `{"name":"` + strings.Repeat("é", 101) + `","base":"staff"}`, "$.name", set.ErrNameLength, "101 characters, more than 100"},
		// Type errors name the field and the JSON types.
		{"number for base", `{"base":3}`, "$.base", set.ErrSyntax, "$.base: want a string, got number"},
	} {
		t.Run(tt.name, func(t *testing.T) { stCheckHostile(t, tt) })
	}
}

// TestDecodeTypeErrors: a value of the wrong JSON type is reported at its
// path with the JSON type wanted and the one found.
func TestDecodeTypeErrors(t *testing.T) {
	for _, tt := range []stHostile{
		{"name null", `{"name":null,"base":"staff"}`, "$.name", set.ErrSyntax, "want a string, got null"},
		{"name array", `{"name":["A"],"base":"staff"}`, "$.name", set.ErrSyntax, "want a string, got array"},
		{"base object", `{"base":{}}`, "$.base", set.ErrSyntax, "want a string, got object"},
		{"scope boolean", `{"base":"staff","scope":true}`, "$.scope", set.ErrSyntax, "want a string, got boolean"},
		{"addons string", `{"base":"staff","addons":"time"}`, "$.addons", set.ErrSyntax, "want an array of strings, got string"},
		{"grant number element", `{"name":"A","base":"staff","grant":["deals.view",7]}`, "$.grant[1]", set.ErrSyntax, "want a string, got number"},
		{"revoke nested array", `{"name":"A","base":"staff","revoke":[["deals.view"]]}`, "$.revoke[0]", set.ErrSyntax, "want a string, got array"},
		{"version string", `{"version":"1","base":"staff"}`, "$.version", set.ErrSyntax, "want a number, got string"},
		{"version 4", `{"version":4,"base":"staff"}`, "$.version", set.ErrVersion, "want 1, 2 or 3"},
		{"version 1.0", `{"version":1.0,"base":"staff"}`, "$.version", set.ErrVersion, "want 1, 2 or 3"},
		{"version null", `{"version":null,"base":"staff"}`, "$.version", set.ErrSyntax, "want a number, got null"},
		// The first fault in document order is the one reported ...
		{"two type errors", `{"base":1,"scope":2}`, "$.base", set.ErrSyntax, "want a string"},
		{"unknown field before a type error", `{"colour":1,"base":2}`, "$.colour", set.ErrSyntax, "unknown field"},
		// ... but one that makes the document unreadable as JSON comes first.
		{"type error before a repeated key", `{"base":1,"scope":"member","scope":"member"}`, "$.scope", set.ErrDuplicate, `"scope"`},
		{"type error before malformed JSON", `{"base":1,"scope":}`, "$", set.ErrSyntax, "invalid character"},
		{"repeated key inside a wrong value", `{"name":{"a":{"b":1,"b":2}},"base":"staff"}`, "$.name.a.b", set.ErrDuplicate, ""},
		{"odd key in a path", `{"base":"staff","x":{"a b":{"c":1,"c":1}}}`, `$.x["a b"].c`, set.ErrDuplicate, ""},
		{"top-level number", `7`, "$", set.ErrSyntax, "want a JSON object, got number"},
		{"truncated inside a list", `{"base":"staff","addons":["time"`, "$", set.ErrSyntax, "unexpected EOF"},
		{"truncated inside a value", `{"base":"staff","x":[1,{"a":`, "$", set.ErrSyntax, "unexpected EOF"},
	} {
		t.Run(tt.name, func(t *testing.T) { stCheckHostile(t, tt) })
	}
}

// TestDecodeLimits: the size, depth and name bounds hold at their edges.
func TestDecodeLimits(t *testing.T) {
	doc := `{"base":"staff"}`
	pad := func(n int) []byte { return []byte(doc + strings.Repeat(" ", n-len(doc))) }
	if _, err := set.Decode(pad(set.MaxDocumentSize), set.Ultimate); err != nil {
		t.Errorf("Decode of a document of MaxDocumentSize bytes: %v", err)
	}
	if _, err := set.Decode(pad(set.MaxDocumentSize+1), set.Ultimate); !errors.Is(err, set.ErrTooLarge) {
		t.Errorf("Decode of a document of MaxDocumentSize+1 bytes: %v, want ErrTooLarge", err)
	}
	// stNest(d) nests d+1 levels: the object and d arrays.
	if _, err := set.Decode([]byte(stNest(set.MaxDepth-1)), set.Ultimate); !errors.Is(err, set.ErrSyntax) || errors.Is(err, set.ErrTooDeep) {
		t.Errorf("Decode of %d levels: %v, want a type error, not ErrTooDeep", set.MaxDepth, err)
	}
	if _, err := set.Decode([]byte(stNest(set.MaxDepth)), set.Ultimate); !errors.Is(err, set.ErrTooDeep) {
		t.Errorf("Decode of %d levels: %v, want ErrTooDeep", set.MaxDepth+1, err)
	}
	obj := `{"base":"staff","x":` + strings.Repeat(`{"a":`, set.MaxDepth) + "1" + strings.Repeat("}", set.MaxDepth) + "}"
	if _, err := set.Decode([]byte(obj), set.Ultimate); !errors.Is(err, set.ErrTooDeep) {
		t.Errorf("Decode of %d levels of objects: %v, want ErrTooDeep", set.MaxDepth+1, err)
	}
	for _, c := range []string{"x", "é", "日", "😀"} {
		name := strings.Repeat(c, set.MaxNameLength)
		in, _ := json.Marshal(map[string]any{"name": name, "base": "staff"})
		if s, err := set.Decode(in, set.Ultimate); err != nil || s.Name() != name {
			t.Errorf("Decode of a name of %d %q: %q, %v", set.MaxNameLength, c, s.Name(), err)
		}
		in, _ = json.Marshal(map[string]any{"name": " " + name + c + " ", "base": "staff"})
		if _, err := set.Decode(in, set.Ultimate); !errors.Is(err, set.ErrNameLength) {
			t.Errorf("Decode of a name of %d %q: %v, want ErrNameLength", set.MaxNameLength+1, c, err)
		}
	}
}

// TestNameRules: Build and Decode refuse the same names for the same
// reasons; spaces around a name are trimmed before the rules apply.
func TestNameRules(t *testing.T) {
	tests := []struct {
		name string
		want error // nil: accepted
	}{
		{"Accounting", nil},
		{"  Client portal\t\n", nil},
		{"Équipe comptable", nil},
		{"会计", nil},
		{strings.Repeat("n", set.MaxNameLength), nil},
		{"", set.ErrName},
		{" \t ", set.ErrName},
		{strings.Repeat("n", set.MaxNameLength+1), set.ErrNameLength},
		{strings.Repeat("n", 10<<20), set.ErrNameLength},
		{"A\xffB", set.ErrNameEncoding},
		{"A\uFFFDB", set.ErrNameEncoding},
		{"A\x00B", set.ErrNameCharacter},
		{"A\tB", set.ErrNameCharacter},
		{"\x1b[31mRed", set.ErrNameCharacter},
		{"A\x7fB", set.ErrNameCharacter},
		{"A\u0085B", set.ErrNameCharacter},
		{"A\u009bB", set.ErrNameCharacter},
		{"A\u2028B", set.ErrNameCharacter},
		{"A\u2029B", set.ErrNameCharacter},
		{"A\u061cB", set.ErrNameCharacter},
		{"A\u200eB", set.ErrNameCharacter},
		{"A\u200fB", set.ErrNameCharacter},
		{"A\u202aB", set.ErrNameCharacter},
		{"A\u202eB", set.ErrNameCharacter},
		{"A\u2066B", set.ErrNameCharacter},
		{"A\u2069B", set.ErrNameCharacter},
		{"A\u200dB", set.ErrNameCharacter},      // a zero-width joiner between letters hides a difference
		{"Dev \U0001F469\u200d\U0001F4BB", nil}, // in an emoji sequence it joins
		{"Heart \u2764\ufe0f", nil},
		{"A\ufe0fB", set.ErrNameCharacter},
		{"Own\u200ber", set.ErrNameCharacter},
		{"Own\u00ader", set.ErrNameCharacter},
		{"\ufeffAccounting", set.ErrNameCharacter},
		{"Acc\u2060ounting", set.ErrNameCharacter},
		{"Own\u3164er", set.ErrNameCharacter},
		{"\u041ewner", set.ErrNameLookalike},                                   // a Cyrillic О, then Latin letters
		{"Adm\u0456n team", set.ErrNameLookalike},                              // a Cyrillic і among Latin letters
		{"\u039f\u03bd\u03b5\u03c1", nil},                                      // Greek only ("Ονερ"): one script
		{"Owner", set.ErrNameLookalike},                                        // a system set's name on another base
		{"  oWNER ", set.ErrNameLookalike},                                     // whatever its case and spacing
		{"0wner", set.ErrNameLookalike},                                        // or look-alike digits
		{"Client with access to budgets and timesheets", set.ErrNameLookalike}, // an alias
		{"Staff", nil}, // the base's own name
		{"Staff with CRM access", nil},
		{"Ownership reports", nil},
	}
	for _, tt := range tests {
		s, err := set.NewBuilder(tt.name, stStaff).Build(set.Ultimate)
		if tt.want == nil {
			if err != nil || s.Name() != strings.TrimSpace(tt.name) {
				t.Errorf("Build(%.80q) = %q, %v; want it accepted", tt.name, s.Name(), err)
			}
		} else if !errors.Is(err, tt.want) || len(err.Error()) > 300 {
			t.Errorf("Build(%.80q) error = %.300v; want %v in at most 300 bytes", tt.name, err, tt.want)
		}
		if !utf8.ValidString(tt.name) || len(tt.name) > set.MaxDocumentSize-100 {
			continue // not a string a JSON document can hold, or too large a document
		}
		in, err := json.Marshal(map[string]any{"name": tt.name, "base": "staff"})
		if err != nil {
			t.Fatal(err)
		}
		ds, derr := set.Decode(in, set.Ultimate)
		var pe *set.PathError
		switch {
		case tt.want == nil && (derr != nil || ds != s):
			t.Errorf("Decode(%s) = %q, %v; want %q as Build made it", in, ds.Name(), derr, s.Name())
		case tt.want != nil && (!errors.Is(derr, tt.want) || !errors.As(derr, &pe) || pe.Path != "$.name"):
			t.Errorf("Decode(%s) error = %v; want %v at $.name", in, derr, tt.want)
		}
	}
}

// TestBuildConflictNamesIndirectDependency: granting budgets.view_profit
// brings in budgets.view_financials and budgets.view; revoking
// budgets.view conflicts, and the error names it.
func TestBuildConflictNamesIndirectDependency(t *testing.T) {
	_, err := set.NewBuilder("A", stStaff).Grant(permission.BudgetsViewProfit).Revoke(permission.BudgetsView).Build(set.Ultimate)
	var pe *set.PermissionError
	if !errors.Is(err, set.ErrConflict) || !errors.As(err, &pe) || pe.Permission != permission.BudgetsViewProfit {
		t.Fatalf("Build error = %v; want a *PermissionError for budgets.view_profit wrapping ErrConflict", err)
	}
	const want = `set "A": budgets.view_profit: needs revoked budgets.view: permission both granted and revoked`
	if err.Error() != want {
		t.Errorf("Build error = %q, want %q", err, want)
	}
}

// stMemoryBound is the most a single Decode may allocate, in bytes, for any
// input, as Decode documents: documents over MaxDocumentSize are refused
// before they are read, and reading one of at most MaxDocumentSize costs at
// most 128 bytes per byte of input.
const stMemoryBound = 8 << 20

// stAllocated returns the bytes and allocations one call of f costs, on
// average over n calls.
func stAllocated(n int, f func()) (bytes uint64, allocs float64) {
	f() // warm up
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range n {
		f()
	}
	runtime.ReadMemStats(&after)
	return (after.TotalAlloc - before.TotalAlloc) / uint64(n), testing.AllocsPerRun(n, f)
}

// TestDecodeMemoryBound: decoding a hostile document of 1 MB, or of
// MaxDocumentSize, of any shape stays under stMemoryBound.
func TestDecodeMemoryBound(t *testing.T) {
	for _, size := range []int{1 << 20, set.MaxDocumentSize} {
		for _, tc := range bmHostile(size) {
			bytes, allocs := stAllocated(10, func() { bmSinkSet, bmSinkErr = set.Decode(tc.doc, set.Ultimate) })
			if bmSinkErr == nil {
				t.Errorf("%s/%d: decoded", tc.name, len(tc.doc))
			}
			t.Logf("%s/%d bytes: %d B/op, %.0f allocs/op: %v", tc.name, len(tc.doc), bytes, allocs, clipErr(bmSinkErr))
			if bytes > stMemoryBound {
				t.Errorf("Decode of %d bytes (%s) allocates %d bytes, want at most %d", len(tc.doc), tc.name, bytes, stMemoryBound)
			}
			if size > set.MaxDocumentSize && (bytes > 1024 || allocs > 8) {
				t.Errorf("Decode of %d bytes (%s) allocates %d bytes in %v allocations, want it refused before reading", len(tc.doc), tc.name, bytes, allocs)
			}
		}
	}
}

func clipErr(err error) string {
	s := err.Error()
	if len(s) > 120 {
		s = s[:120] + "..."
	}
	return s
}

// TestReadEdges walks the scanner's rarer paths: malformed scalars at the
// top, malformed keys and colons inside skipped values, strings cut short
// in a list or in an escape, and upper-case hex escapes.
func TestReadEdges(t *testing.T) {
	for _, in := range []string{
		`"unterminated`,
		`{"name":"A","base":"staff","x":{1:2}}`,
		`{"name":"A","base":"staff","x":{"a" 1}}`,
		`{"name":"A","base":"staff","grant":["projects.view`,
		`{"name":"A","base":"staff\`,
	} {
		if _, err := set.Decode([]byte(in), set.Ultimate); !errors.Is(err, set.ErrSyntax) {
			t.Errorf("Decode(%q) = %v, want ErrSyntax", in, err)
		}
	}
	s, err := set.Decode([]byte(`{"version":2,"name":"\u00C9quipe \u00e9t\u00C9","base":"staff"}`), set.Ultimate)
	if err != nil || s.Name() != "Équipe étÉ" {
		t.Errorf("upper- and lower-case hex escapes: %q, %v", s.Name(), err)
	}
}
