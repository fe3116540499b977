package permission

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/clearance-go/clearance/scope"
)

// The JSON forms of the package's values, for hosts that answer over HTTP
// or log as JSON. Every name is the stable one the text forms use; the
// shapes below are stable too: fields are only ever added.
//
// A Decision and a Filter encode but do not decode: both are answers only
// this package makes, and a decision read back from JSON would be an allow
// nobody decided. Read one as data (its reason with [ParseReason], its
// action with [ParseAction]) where you must.

// decisionJSON is the JSON form of a Decision.
type decisionJSON struct {
	Allowed bool   `json:"allowed"`
	Action  string `json:"action"`
	Reason  string `json:"reason"`
	Missing string `json:"missing,omitempty"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

// MarshalJSON implements [json.Marshaler]:
//
//	{"allowed": false, "action": "budget.view", "reason": "not_in_reach",
//	 "missing": "budgets.view_all", "message": "budget.view is denied: ..."}
//
// missing is the permission [Decision.Missing] names and field the one
// [Decision.Field] names, each left out when there is none; message is
// [Decision.String].
func (d Decision) MarshalJSON() ([]byte, error) {
	j := decisionJSON{Allowed: d.Allowed(), Action: d.Action().String(), Reason: d.Reason().String(),
		Field: d.Field(), Message: d.String()}
	if d.Missing() != 0 {
		j.Missing = d.Missing().String()
	}
	return json.Marshal(j)
}

// MarshalJSON implements [json.Marshaler]: the actions' names in table
// order, as an array ([] for none).
func (m ActionMask) MarshalJSON() ([]byte, error) {
	names := []string{}
	for a := range m.All() {
		names = append(names, a.String())
	}
	return json.Marshal(names)
}

// UnmarshalJSON implements [json.Unmarshaler], reading the form
// MarshalJSON writes: an array of action names. An unknown or repeated
// name is an error naming it (wrapping [ErrUnknownAction]); on error m is
// left unchanged.
func (m *ActionMask) UnmarshalJSON(data []byte) error {
	var names []string
	if err := json.Unmarshal(data, &names); err != nil {
		return fmt.Errorf("permission: actions: %w", err)
	}
	var out ActionMask
	for i, name := range names {
		a, err := ParseAction(name)
		if err != nil {
			return fmt.Errorf("permission: actions[%d]: %w", i, err)
		}
		if out.Has(a) {
			return fmt.Errorf("permission: actions[%d]: %v listed twice: %w", i, a, ErrUnknownAction)
		}
		out = out.With(a)
	}
	*m = out
	return nil
}

// clauseJSON is the JSON form of a Clause.
type clauseJSON struct {
	Any    Conditions `json:"any"`
	Reason string     `json:"reason"`
	Widen  string     `json:"widen,omitempty"`
}

// MarshalJSON implements [json.Marshaler]:
//
//	{"any": "project_is_public|project_is_shared", "reason": "private_not_member", "widen": "projects.view_all"}
//
// any is the clause's conditions ([Conditions]), reason the reason a
// decision gives when the clause fails, and widen [Clause.Widen], left out
// when there is none.
func (c Clause) MarshalJSON() ([]byte, error) {
	j := clauseJSON{Any: Conditions(c.any), Reason: c.reason.String()}
	if c.widen != 0 {
		j.Widen = c.widen.String()
	}
	return json.Marshal(j)
}

// filterJSON is the JSON form of a Filter.
type filterJSON struct {
	Action           string       `json:"action"`
	Organization     scope.ID     `json:"organization"`
	Subject          scope.ID     `json:"subject"`
	Reason           string       `json:"reason"`
	Missing          string       `json:"missing,omitempty"`
	Everything       bool         `json:"everything"`
	Clauses          []Clause     `json:"clauses"`
	SubjectRank      int          `json:"subject_rank"`
	SubjectWorkplace scope.ID     `json:"subject_workplace"`
	Projects         []scope.ID   `json:"projects"`
	Deals            []scope.ID   `json:"deals"`
	Budgets          []scope.ID   `json:"budgets"`
	Permissions      []Permission `json:"subject_permissions"`
}

// MarshalJSON implements [json.Marshaler]: everything a host needs to
// evaluate the filter elsewhere, by the documented meaning of each
// condition:
//
//	{"action": "project.view", "organization": 1, "subject": 42,
//	 "reason": "granted", "everything": false,
//	 "clauses": [{"any": "project_is_public|project_is_shared", "reason": "private_not_member", "widen": "projects.view_all"}],
//	 "subject_rank": 3, "subject_workplace": 0,
//	 "projects": [7], "deals": [], "budgets": [],
//	 "subject_permissions": ["projects.view", ...]}
//
// A filter that matches nothing has no clauses, its reason says why and
// missing names what would change that; one that matches every record of
// the organization has everything true. The ID lists are in ascending
// order; subject_permissions are the subject's, with what they imply, which
// person_within_rights compares a person's against.
func (f Filter) MarshalJSON() ([]byte, error) {
	j := filterJSON{Action: f.action.String(), Organization: f.subject.Org, Subject: f.subject.ID,
		Reason: f.verdict.String(), Everything: f.Everything(), Clauses: slices.Collect(f.Clauses()),
		SubjectRank: f.SubjectRank(), SubjectWorkplace: f.subject.Workplace,
		Projects: ids(f.subject.Projects), Deals: ids(f.subject.Deals), Budgets: ids(f.subject.Budgets),
		Permissions: slices.Collect(f.subject.Permissions.All())}
	if f.missing != 0 {
		j.Missing = f.missing.String()
	}
	if j.Clauses == nil {
		j.Clauses = []Clause{}
	}
	if j.Permissions == nil {
		j.Permissions = []Permission{}
	}
	return json.Marshal(j)
}

// ids returns the members of m in ascending order, [] for none.
func ids(m scope.Members) []scope.ID {
	out := slices.Collect(m.All())
	if out == nil {
		out = []scope.ID{}
	}
	return out
}
