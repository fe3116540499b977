package strictjson_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/clearance-go/clearance/permission/strictjson"
	"github.com/google/go-cmp/cmp"
)

var limits = strictjson.Limits{MaxDepth: 8, MaxValues: 100}

func TestParseRefuses(t *testing.T) {
	tests := []struct {
		in   string
		want error
		path string
		msg  string
	}{
		{`{"a":1,"a":2}`, strictjson.ErrDuplicate, "$.a", `key "a"`},
		{`{"a":{"b":[{"c":1,"c":1}]}}`, strictjson.ErrDuplicate, "$.a.b[0].c", `key "c"`},
		{`{"\u0061":1,"a":2}`, strictjson.ErrDuplicate, "$.a", `key "a"`},
		{`{"k1":1,"k2":1,"k3":1,"k4":1,"k5":1,"k6":1,"k7":1,"k8":1,"k9":1,"k10":1,"k3":1}`, strictjson.ErrDuplicate, "$.k3", `key "k3"`},
		{`{"k1":1,"k2":1,"k3":1,"k4":1,"k5":1,"k6":1,"k7":1,"k8":1,"k9":1,"k10":1,"k11":1,"k10":1}`, strictjson.ErrDuplicate, "$.k10", `key "k10"`},
		{`{"a b":{"x":1,"x":2}}`, strictjson.ErrDuplicate, `$["a b"].x`, `key "x"`},
		{strings.Repeat(`[`, 9) + strings.Repeat(`]`, 9), strictjson.ErrTooDeep, "$[0][0][0][0][0][0][0][0]", "more than 8 levels"},
		{`[` + strings.Repeat(`1,`, 100) + `1]`, strictjson.ErrTooMany, "$[99]", "limit"},
		{"{\"a\":\"\xff\"}", strictjson.ErrSyntax, "$", "invalid UTF-8 at byte 6"},
		{`{"a":1} x`, strictjson.ErrSyntax, "$", "data after the value (at byte 8)"},
		{`{"a" 1}`, strictjson.ErrSyntax, "$", "after object key"},
		{`{"a":1 "b":2}`, strictjson.ErrSyntax, "$", "after object key:value pair"},
		{`{1:2}`, strictjson.ErrSyntax, "$", "beginning of object key"},
		{`[1 2]`, strictjson.ErrSyntax, "$", "after array element"},
		{`[1,]`, strictjson.ErrSyntax, "$", "beginning of value"},
		{`{"a":tru}`, strictjson.ErrSyntax, "$", "in literal true"},
		{`{"a":-}`, strictjson.ErrSyntax, "$", "in numeric literal"},
		{`{"a":1.}`, strictjson.ErrSyntax, "$", "after decimal point"},
		{`{"a":1e+}`, strictjson.ErrSyntax, "$", "in exponent"},
		{`{"a":"\x"}`, strictjson.ErrSyntax, "$", "in string escape code"},
		{`{"a":"\u12G4"}`, strictjson.ErrSyntax, "$", `in \u hexadecimal`},
		{"{\"a\":\"\x01\"}", strictjson.ErrSyntax, "$", "in string literal"},
		{`{"a":"abc`, strictjson.ErrSyntax, "$", "unexpected EOF"},
		{`{"a":"\`, strictjson.ErrSyntax, "$", "unexpected EOF"},
		{``, strictjson.ErrSyntax, "$", "unexpected EOF"},
		{`{"a":1`, strictjson.ErrSyntax, "$", "unexpected EOF"},
		{`["a"`, strictjson.ErrSyntax, "$", "unexpected EOF"},
	}
	for _, tt := range tests {
		_, err := strictjson.Parse([]byte(tt.in), limits)
		var e *strictjson.Error
		if !errors.As(err, &e) || !errors.Is(err, tt.want) || e.Path != tt.path || !strings.Contains(e.Msg, tt.msg) {
			t.Errorf("Parse(%q) = %v; want %v at %s saying %q", tt.in, err, tt.want, tt.path, tt.msg)
		}
	}
}

// TestScannerAtTheEnd: a Scanner asked for a number or a string past the
// end of its input says so; it does not panic.
func TestScannerAtTheEnd(t *testing.T) {
	s, err := strictjson.NewScanner(nil, 8)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Number(); !errors.Is(err, strictjson.ErrSyntax) {
		t.Errorf("Number at the end: %v", err)
	}
	if _, err := s.String(); !errors.Is(err, strictjson.ErrSyntax) {
		t.Errorf("String at the end: %v", err)
	}
}

// TestParseReadsKeysExactly: keys that encoding/json would fold into one
// field ("Subject", "ſubject" with a long s) are other keys, and none of
// them is a repeat of another.
func TestParseReadsKeysExactly(t *testing.T) {
	v, err := strictjson.Parse([]byte(`{"subject":1,"Subject":2,"SUBJECT":3,"ſubject":4}`), limits)
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"subject": "1", "Subject": "2", "SUBJECT": "3", "ſubject": "4", "subjecT": ""} {
		if got := string(v.Get(key).Raw); got != want {
			t.Errorf("Get(%q) = %q, want %q", key, got, want)
		}
	}
}

func TestParseValues(t *testing.T) {
	v, err := strictjson.Parse([]byte(` {"s":"a\"\u00e9\ud83d\ude00","n":-1.5e3,"t":true,"f":false,"z":null,"a":[{}, []]} `), limits)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]strictjson.Kind{"s": strictjson.String, "n": strictjson.Number, "t": strictjson.Bool, "f": strictjson.Bool,
		"z": strictjson.Null, "a": strictjson.Array, "x": strictjson.Absent}
	for key, want := range kinds {
		if got := v.Get(key).Kind; got != want {
			t.Errorf("%s: kind %v, want %v", key, got, want)
		}
	}
	if got := v.Get("s").Text; got != "a\"é😀" {
		t.Errorf("text %q", got)
	}
	if got := string(v.Get("n").Raw); got != "-1.5e3" {
		t.Errorf("number %q", got)
	}
	if !v.Get("t").IsTrue() || v.Get("f").IsTrue() || v.Get("z").IsTrue() {
		t.Error("IsTrue")
	}
	a := v.Get("a")
	if len(a.Elems) != 2 || a.Elems[0].Kind != strictjson.Object || string(a.Raw) != "[{}, []]" {
		t.Errorf("array %+v", a)
	}
	if a.Get("x").Kind != strictjson.Absent {
		t.Error("Get on an array")
	}
	for k, want := range map[strictjson.Kind]string{strictjson.Object: "an object", strictjson.Absent: "nothing", 99: "Kind(99)"} {
		if k.String() != want {
			t.Errorf("Kind(%d).String() = %q", k, k.String())
		}
	}
}

// toAny turns a Value into what encoding/json decodes (numbers as
// json.Number).
func toAny(v strictjson.Value) any {
	switch v.Kind {
	case strictjson.Object:
		m := map[string]any{}
		for _, e := range v.Members {
			m[e.Key] = toAny(e.Value)
		}
		return m
	case strictjson.Array:
		a := []any{}
		for _, e := range v.Elems {
			a = append(a, toAny(e))
		}
		return a
	case strictjson.String:
		return v.Text
	case strictjson.Number:
		return json.Number(v.Raw)
	case strictjson.Bool:
		return v.IsTrue()
	}
	return nil
}

// checkAgainstEncodingJSON: Parse accepts valid UTF-8 JSON that
// encoding/json accepts, unless a key repeats or a limit is passed, and
// reads it as encoding/json does; it never accepts what encoding/json
// refuses.
func checkAgainstEncodingJSON(t *testing.T, data []byte) {
	v, err := strictjson.Parse(data, strictjson.Limits{MaxDepth: 64, MaxValues: 1 << 20})
	valid := json.Valid(data) && utf8.Valid(data)
	if err != nil {
		// Skip refuses what Parse refuses, at the same path, for the same
		// reason: the two ways in read alike.
		serr := skipAll(data)
		var pe, se *strictjson.Error
		if !errors.As(err, &pe) || !errors.As(serr, &se) || pe.Path != se.Path || !errors.Is(serr, pe.Err) {
			t.Fatalf("Parse(%q) = %v, but Skip says %v", data, err, serr)
		}
		if valid && !errors.Is(err, strictjson.ErrDuplicate) && !errors.Is(err, strictjson.ErrTooDeep) {
			t.Fatalf("Parse(%q) refused valid JSON: %v", data, err)
		}
		if !valid && !errors.Is(err, strictjson.ErrSyntax) && !errors.Is(err, strictjson.ErrDuplicate) && !errors.Is(err, strictjson.ErrTooDeep) {
			t.Fatalf("Parse(%q) = %v, not a syntax error", data, err)
		}
		return
	}
	if !valid {
		t.Fatalf("Parse(%q) accepted what encoding/json refuses", data)
	}
	if err := skipAll(data); err != nil {
		t.Fatalf("Parse(%q) accepted what Skip refuses: %v", data, err)
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.UseNumber()
	var want any
	if err := dec.Decode(&want); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, toAny(v)); diff != "" {
		t.Fatalf("Parse(%q) mismatch (-encoding/json +Parse):\n%s", data, diff)
	}
}

// skipAll reads data with a Scanner's Skip, as Parse would read it.
func skipAll(data []byte) error {
	s, err := strictjson.NewScanner(data, 64)
	if err != nil {
		return err
	}
	c, err := s.Begin()
	if err == nil {
		err = s.Skip(c)
	}
	if err == nil {
		err = s.End("the value")
	}
	return err
}

var seeds = []string{`{"\b\f\n\r\t\/\\\"\u00C9\u00e9":[0,-0.5E-3,1e5,2E+1,true,false,null]}`, `{"a b":{"2x":{"k":[{"z":1,"z":2}]}}}`,
	`{"k1":1,"k2":1,"k3":1,"k4":1,"k5":1,"k6":1,"k7":1,"k8":1,"k9":1,"k10":1,"k11":1,"k10":1}`, `[01]`, `[1.]`, `{"a":fals}`, `{"a":nul}`, `[-]`,
	`{"` + strings.Repeat("k", 70) + `":{"x":1,"x":2}}`, `{"a":1,}`, `{"a":1 "b":2}`, `{"a"}`, `["\q"]`,
	`{"abc`, `{"x":{"a" 1}}`, `{"x":{"a":[1 2]}}`, strings.Repeat(`{"a":`, 70) + `1` + strings.Repeat(`}`, 70),
	`{}`, `[]`, `"x"`, `1`, `null`, `{"a":1,"a":2}`, `{"a":1,"A":2}`, `{"subject":{"id":"3"},"Subject":{"id":"1"}}`,
	`{"a":[1,{"b":"\u00e9"}]}`, `{"a":"\ud800"}`, `{"a":"\ud800\u0041"}`, `[1,2`, `{"a" 1}`, "\"\xff\"", `{"k":{"k":{"k":{}}}}`, `{"\u0061":1,"a":1}`}

func TestAgainstEncodingJSON(t *testing.T) {
	for _, s := range seeds {
		checkAgainstEncodingJSON(t, []byte(s))
	}
}

// FuzzParse is TestAgainstEncodingJSON driven by the fuzzer; its seeds
// include repeated keys and keys that differ only in case.
func FuzzParse(f *testing.F) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(checkAgainstEncodingJSON)
}
