package set_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/set"
)

// stFuzzSeeds are the sample sets and a few broken documents.
func stFuzzSeeds(f *testing.F) {
	files, err := filepath.Glob(filepath.Join(stSampleDir, "*.json"))
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		``, `null`, `{}`, `[]`, `{"base":"staff"}`, `{"base":"manager","scope":"restricted"}`,
		`{"base":"staff","addons":["contacts","time"]}`, `{"base":"client","addons":["budgets"]}`,
		`{"base":"staff","base":"staff"}`, `{"base":"staff"} {}`, `{"base":"staff"`,
		`{"name":"A","base":"staff","grant":["invoice.manage"]}`,
		`{"name":"A","base":"staff","grant":["invoices.manage"]}`,
		`{"name":"A","base":"staff","grant":["invoices.view","invoices.view"]}`,
		`{"name":"A","base":"staff","revoke":["projects.view"]}`,
		`{"name":"A","base":"client","grant":["invoices.view"]}`,
		`{"name":"A","base":"contractor"}`, `{"name":"A","base":"owner"}`,
		`{"name":" ","base":"staff"}`, `{"base":"staff","grant":["deals.view"]}`,
		`{"name":"A","base":"staff","x":{"a":1,"a":2}}`, `{"name":"\u00e9\ud800","base":"admin","revoke":["billing.buy_seats"]}`,
		// Issue 10: keys in another case or fold, deep nesting, control
		// characters, wrong types.
		`{"name":"Client portal","base":"client","Base":"admin"}`, `{"name":"Client portal","base":"client","baſe":"admin"}`,
		`{"name":"x","base":"staff","grant":["invoices.manage"],"GRANT":[]}`, `{"name":` + strings.Repeat("[", 40) + strings.Repeat("]", 40) + `}`,
		`{"name":"\u001b[31mA","base":"staff"}`, `{"name":"A\u202e","base":"staff"}`, `{"base":3}`, `{"version":2,"base":"staff"}`,
	} {
		f.Add([]byte(s))
	}
}

// FuzzDecode: Decode never panics; on error it returns the zero Set and a
// *PathError; on success the set re-encodes to a document that decodes to
// an equal Set, and UnmarshalJSON agrees with Decode on an Ultimate plan.
func FuzzDecode(f *testing.F) {
	stFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := set.Decode(data, set.Ultimate)
		var u set.Set
		uerr := u.UnmarshalJSON(data)
		if (err == nil) != (uerr == nil) || err == nil && s != u {
			t.Fatalf("Decode = %+v, %v; UnmarshalJSON = %+v, %v", stViewOf(s), err, stViewOf(u), uerr)
		}
		if err != nil {
			var pe *set.PathError
			if s != (set.Set{}) || !errors.As(err, &pe) {
				t.Fatalf("Decode error %v (%T) with %+v, want a *PathError and the zero Set", err, err, stViewOf(s))
			}
			return
		}
		if !s.IsValid() {
			t.Fatal("Decode succeeded with an invalid Set")
		}
		if err := s.Permissions().CheckClosed(); err != nil {
			t.Fatalf("decoded a set that is not closed: %v", err)
		}
		enc, err := json.Marshal(s)
		if err != nil {
			t.Fatalf("Marshal(%+v): %v", stViewOf(s), err)
		}
		again, err := set.Decode(enc, set.Ultimate)
		if err != nil || again != s {
			t.Fatalf("Decode(%s) = %+v, %v; want %+v", enc, stViewOf(again), err, stViewOf(s))
		}
	})
}

// FuzzUnmarshalJSON: a failed UnmarshalJSON leaves its target unchanged; a
// successful one gives a Set that round-trips.
func FuzzUnmarshalJSON(f *testing.F) {
	stFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		before := stJiraSet
		s := before
		if err := s.UnmarshalJSON(data); err != nil {
			if s != before {
				t.Fatalf("failed UnmarshalJSON (%v) changed its target to %+v", err, stViewOf(s))
			}
			return
		}
		enc, err := json.Marshal(s)
		if err != nil {
			t.Fatalf("Marshal(%+v): %v", stViewOf(s), err)
		}
		var again set.Set
		if err := json.Unmarshal(enc, &again); err != nil || again != s {
			t.Fatalf("Unmarshal(%s) = %+v, %v; want %+v", enc, stViewOf(again), err, stViewOf(s))
		}
	})
}

// stJiraSet is a non-zero custom set for FuzzUnmarshalJSON's target.
var stJiraSet = func() set.Set {
	s, err := set.NewBuilder("Jira manager", stStaff).Grant(permission.IntegrationsManageTaskManagement).Build(set.Ultimate)
	if err != nil {
		panic(err)
	}
	return s
}()

// FuzzBuilder is stBuilderProperty driven by the fuzzer.
func FuzzBuilder(f *testing.F) {
	f.Fuzz(rapid.MakeFuzz(stBuilderProperty))
}
