package set_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"pgregory.net/rapid"

	"github.com/clearance-go/clearance/set"
)

// stPair is one member of a set document: a key and its value's JSON text.
type stPair struct{ key, value string }

// stCanonical returns the documents mutated: the encoding of every system
// set, the sample sets, and a drawn valid custom set.
func stCanonical(t *rapid.T) []byte {
	if rapid.Bool().Draw(t, "drawn custom") {
		_, _, _, s := stDrawValidCustom(t)
		data, err := json.Marshal(s)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		return data
	}
	return rapid.SampledFrom(stCanonicalDocs).Draw(t, "document")
}

var stCanonicalDocs = func() [][]byte {
	var docs [][]byte
	for s := range set.Systems() {
		data, err := json.Marshal(s)
		if err != nil {
			panic(err)
		}
		docs = append(docs, data)
	}
	files, err := filepath.Glob(filepath.Join(stSampleDir, "*.json"))
	if err != nil || len(files) == 0 {
		panic(fmt.Sprintf("no sample sets in %s: %v", stSampleDir, err))
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			panic(err)
		}
		docs = append(docs, data)
	}
	return docs
}()

// stPairs splits a canonical document into its members, in order.
func stPairs(t *rapid.T, doc []byte) []stPair {
	dec := json.NewDecoder(strings.NewReader(string(doc)))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("%s: not an object", doc)
	}
	var pairs []stPair
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatalf("%s: %v", doc, err)
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			t.Fatalf("%s: %v", doc, err)
		}
		key, _ := json.Marshal(tok.(string))
		pairs = append(pairs, stPair{string(key), string(raw)})
	}
	return pairs
}

// stFoldKey returns key (a JSON string literal) spelled differently but equal
// to it under Unicode case folding, the way encoding/json matches field
// names.
func stFoldKey(t *rapid.T, key string) string {
	folds := []string{strings.ToUpper(key), `"` + strings.ToUpper(key[1:2]) + key[2:]}
	if strings.Contains(key, "s") {
		folds = append(folds, strings.Replace(key, "s", "ſ", 1)) // U+017F folds to s
	}
	if strings.Contains(key, "k") {
		folds = append(folds, strings.Replace(key, "k", "\u212a", 1)) // the Kelvin sign folds to k
	}
	return rapid.SampledFrom(folds).Draw(t, "fold")
}

// stEscape writes one character of a JSON string as a \u escape: the same
// string to every reader.
func stEscape(t *rapid.T, s string) string {
	// s is a JSON string literal with its quotes; escape a plain letter,
	// never one inside an escape sequence already there (the hex digits of
	// \u0061 are letters too).
	var at []int
	for i := 1; i < len(s)-1; i++ {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s) && s[i+1] == 'u':
			i += 5
		case c == '\\':
			i++
		case c < unicode.MaxASCII && unicode.IsLetter(rune(c)):
			at = append(at, i)
		}
	}
	if len(at) == 0 {
		return s
	}
	i := rapid.SampledFrom(at).Draw(t, "escaped")
	return s[:i] + fmt.Sprintf(`\u%04x`, s[i]) + s[i+1:]
}

// stMutationProperty: a mutated set document decodes to the same set as the
// canonical one, or fails; never to a different set. Mutations that every
// JSON reader reads as the same document (key order, whitespace, \u escapes)
// must decode to the same set; the hostile ones (a key in another case or
// Unicode fold, a repeated key, an unknown key, a value nested in arrays, a
// huge string, invalid UTF-8) must fail.
func stMutationProperty(t *rapid.T) {
	doc := stCanonical(t)
	want, err := set.Decode(doc, set.Ultimate)
	if err != nil {
		t.Fatalf("canonical %s: %v", doc, err)
	}
	pairs := stPairs(t, doc)
	hostile := false
	n := rapid.IntRange(1, 4).Draw(t, "mutations")
	for range n {
		i := rapid.IntRange(0, len(pairs)-1).Draw(t, "member")
		switch rapid.IntRange(0, 9).Draw(t, "mutation") {
		case 0: // reorder
			j := rapid.IntRange(0, len(pairs)-1).Draw(t, "with")
			pairs[i], pairs[j] = pairs[j], pairs[i]
		case 1: // escape a letter of a key
			pairs[i].key = stEscape(t, pairs[i].key)
		case 2: // escape a letter of a string value
			if strings.HasPrefix(pairs[i].value, `"`) {
				pairs[i].value = stEscape(t, pairs[i].value)
			}
		case 3: // a key in another case or Unicode fold
			if !strings.Contains(pairs[i].key, `\u`) {
				pairs[i].key = stFoldKey(t, pairs[i].key)
				hostile = true
			}
		case 4: // a repeated key, with the same or another member's value
			pairs = append(pairs, stPair{pairs[i].key, rapid.SampledFrom(pairs).Draw(t, "value").value})
			hostile = true
		case 5: // a fold of a key added beside it, encoding/json's "last one wins"
			if !strings.Contains(pairs[i].key, `\u`) {
				pairs = append(pairs, stPair{stFoldKey(t, pairs[i].key), pairs[i].value})
				hostile = true
			}
		case 6: // a value nested in arrays
			d := rapid.IntRange(1, 2*set.MaxDepth).Draw(t, "depth")
			pairs[i].value = strings.Repeat("[", d) + pairs[i].value + strings.Repeat("]", d)
			hostile = true
		case 7: // a huge string
			size := rapid.SampledFrom([]int{set.MaxNameLength + 1, 4 << 10, set.MaxDocumentSize}).Draw(t, "size")
			huge := `"` + strings.Repeat(rapid.SampledFrom([]string{"x", "é", `\u0000`}).Draw(t, "fill"), size) + `"`
			if strings.HasPrefix(pairs[i].value, "[") && pairs[i].value != "[]" {
				pairs[i].value = "[" + huge + "," + pairs[i].value[1:]
			} else {
				pairs[i].value = huge
			}
			hostile = true
		case 8: // invalid UTF-8 inside a string
			if v := pairs[i].value; strings.Contains(v, `"`) {
				k := strings.Index(v, `"`) + 1
				pairs[i].value = v[:k] + rapid.SampledFrom([]string{"\xff", "\xc3", "\xed\xa0\x80"}).Draw(t, "invalid") + v[k:]
				hostile = true
			}
		case 9: // an unknown key
			pairs = append(pairs, stPair{`"` + rapid.SampledFrom([]string{"colour", "nAme", "", "base "}).Draw(t, "unknown") + `"`, `1`})
			hostile = true
		}
	}
	space := rapid.SampledFrom([]string{"", " ", "\n\t", "  "}).Draw(t, "space")
	var b strings.Builder
	b.WriteString("{" + space)
	for i, p := range pairs {
		if i > 0 {
			b.WriteString("," + space)
		}
		b.WriteString(p.key + space + ":" + space + p.value)
	}
	b.WriteString(space + "}")
	mutated := []byte(b.String())

	got, err := set.Decode(mutated, set.Ultimate)
	switch {
	case err == nil && got != want:
		t.Fatalf("Decode(%.300q) = %+v; the canonical document %s is %+v", mutated, stViewOf(got), doc, stViewOf(want))
	case hostile && err == nil:
		t.Fatalf("Decode(%.300q) succeeded; want an error for a hostile mutation", mutated)
	case !hostile && err != nil:
		t.Fatalf("Decode(%.300q): %v; want %+v as for %s", mutated, err, stViewOf(want), doc)
	}
}

func TestMutatedDocuments(t *testing.T) {
	rapid.Check(t, stMutationProperty)
}

// FuzzMutatedDocuments is stMutationProperty driven by the fuzzer.
func FuzzMutatedDocuments(f *testing.F) {
	f.Fuzz(rapid.MakeFuzz(stMutationProperty))
}
