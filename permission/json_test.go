package permission_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// TestActionMaskJSONRoundTrip: any set of actions encodes as its names in
// table order and decodes back to itself.
func TestActionMaskJSONRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var m permission.ActionMask
		var want []string
		for a := range permission.Actions() {
			if rapid.Bool().Draw(t, a.String()) {
				m = m.With(a)
				want = append(want, a.String())
			}
		}
		data, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		if err := json.Unmarshal(data, &got); err != nil || strings.Join(got, ",") != strings.Join(want, ",") {
			t.Fatalf("Marshal = %s, want the names %v", data, want)
		}
		var back permission.ActionMask
		if err := json.Unmarshal(data, &back); err != nil || back != m {
			t.Fatalf("Unmarshal(%s) = %v, %v", data, back, err)
		}
	})
}

// TestActionMaskJSONErrors: a document that is not an array of action
// names, names an unknown action or repeats one is an error that names it,
// and leaves the mask as it was.
func TestActionMaskJSONErrors(t *testing.T) {
	for _, in := range []string{`{}`, `[1]`, `["project.view","project.view"]`, `["project.veiw"]`, `null x`} {
		m := permission.ActionMaskOf(permission.ViewBudget)
		err := json.Unmarshal([]byte(in), &m)
		if err == nil || m != permission.ActionMaskOf(permission.ViewBudget) {
			t.Errorf("Unmarshal(%s) = %v, left %v", in, err, m)
		}
	}
	var m permission.ActionMask
	if err := m.UnmarshalJSON([]byte(`["project.veiw"]`)); !errors.Is(err, permission.ErrUnknownAction) || !strings.Contains(err.Error(), `"project.view"`) {
		t.Errorf("an unknown action = %v, want ErrUnknownAction suggesting project.view", err)
	}
}

// TestDecisionJSON: the JSON of a decision says what its accessors say,
// for every reason a decision can give.
func TestDecisionJSON(t *testing.T) {
	for reason, c := range azReasonCases() {
		d := permission.Authorize(c.S, c.A, c.R)
		data, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		var got map[string]any
		if err := json.Unmarshal(data, &got); err != nil {
			t.Fatal(err)
		}
		want := map[string]any{"allowed": d.Allowed(), "action": d.Action().String(), "reason": reason.String(), "message": d.String()}
		if d.Missing() != 0 {
			want["missing"] = d.Missing().String()
		}
		if d.Field() != "" {
			want["field"] = d.Field()
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%v: JSON mismatch (-want +got):\n%s", reason, diff)
		}
	}
}

// TestKindText: every kind's name parses back to it; an unknown name is an
// error that names it and suggests the nearest, and an invalid kind does
// not encode.
func TestKindText(t *testing.T) {
	for k := permission.Kind(1); k.IsValid(); k++ {
		text, err := k.MarshalText()
		var back permission.Kind
		if err != nil || back.UnmarshalText(text) != nil || back != k {
			t.Errorf("%v: MarshalText %q, %v; back %v", k, text, err, back)
		}
	}
	k := permission.KindBudget
	err := k.UnmarshalText([]byte("time_entri"))
	if !errors.Is(err, permission.ErrUnknownKind) || !strings.Contains(err.Error(), `"time_entry"`) || k != permission.KindBudget {
		t.Errorf("UnmarshalText(time_entri) = %v, left %v", err, k)
	}
	if _, err := permission.ParseKind(strings.Repeat("x", 200)); !errors.Is(err, permission.ErrUnknownKind) || len(err.Error()) > 200 {
		t.Errorf("a long unknown kind = %v", err)
	}
	if _, err := permission.Kind(0).MarshalText(); !errors.Is(err, permission.ErrUnknownKind) {
		t.Errorf("MarshalText of the zero Kind = %v", err)
	}
}

// TestFilterJSON: a filter's JSON carries its clauses, memberships and the
// subject's facts; one that matches nothing says why.
func TestFilterJSON(t *testing.T) {
	s := azSubjectOf(azSys(role.Manager, scope.Restricted, 0))
	data, err := json.Marshal(permission.List(s, permission.ViewProject))
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	clauses, _ := got["clauses"].([]any)
	if got["reason"] != "granted" || got["everything"] != false || len(clauses) != 1 ||
		clauses[0].(map[string]any)["any"] != "project_is_public|project_is_shared" || got["subject"] != float64(azMe) {
		t.Errorf("filter JSON = %s", data)
	}
	invalid, _ := json.Marshal(permission.List(permission.Subject{}, permission.ViewProject))
	if !strings.Contains(string(invalid), `"reason":"invalid_subject"`) || !strings.Contains(string(invalid), `"subject_permissions":[]`) {
		t.Errorf("the zero subject's filter = %s", invalid)
	}
	none, _ := json.Marshal(permission.List(azSubjectOf(azSys(role.Staff, 0, 0)), permission.ViewBudget))
	if !strings.Contains(string(none), `"reason":"missing_permission","missing":"budgets.view"`) || !strings.Contains(string(none), `"clauses":[]`) {
		t.Errorf("a filter matching nothing = %s", none)
	}
}
