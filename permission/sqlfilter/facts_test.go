package sqlfilter_test

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/permission/sqlfilter"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
)

// everyFact describes every fact of a kind as a column of table t, each
// column named for its fact.
func everyFact() sqlfilter.Facts {
	c := func(name string) sqlfilter.Column { return sqlfilter.Column{Table: "t", Name: name} }
	return sqlfilter.Facts{
		Org: c("org_id"), ID: c("id"), Project: c("project_id"), Visibility: c("visibility"), Budget: c("budget_id"),
		ClientAccess: c("client_access"), Deal: c("deal_id"), Person: c("person_id"), Approver: c("approver_id"),
		PersonRank: c("person_rank"), PersonRole: c("person_role"), Workplace: c("workplace_id"),
		ApprovalRequired: c("approval_required"), Approved: c("approved"), Manager: c("manager_id"), ManagerApproves: c("manager_approves"),
	}
}

// factsSchema describes every kind with every fact, in dialect d, with the
// approvers in a shared table told apart by a type column.
func factsSchema(d sqlfilter.Dialect, public, on any) sqlfilter.Schema {
	s := sqlfilter.Schema{Dialect: d, Kinds: map[permission.Kind]sqlfilter.Facts{}, Public: public, ClientAccessOn: on,
		Approvers: sqlfilter.MemberTable{Table: "approvers", Org: "org_id", Person: "person_id", Target: "record_id", Type: "record_type", TypeValue: "time_off"}}
	for k := permission.KindOrganization; k.IsValid(); k++ {
		s.Kinds[k] = everyFact()
	}
	return s
}

// fataler is what the helpers need of a *testing.T or *rapid.T.
type fataler interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}

func mustFacts(t fataler, s sqlfilter.Schema, k permission.Kind) *sqlfilter.FactsQuery {
	t.Helper()
	r, err := sqlfilter.New(s)
	if err != nil {
		t.Fatal(err)
	}
	q, err := r.Facts(k)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// TestFactsStatement: the statement of an absence request in both
// dialects, its arguments in placeholder order, and the key taking the last
// two placeholders.
func TestFactsStatement(t *testing.T) {
	cols := `"t"."org_id", "t"."project_id", "t"."visibility", "t"."budget_id", "t"."client_access", "t"."deal_id", "t"."person_id", "t"."approver_id", "t"."person_rank", "t"."id", "t"."workplace_id", "t"."approval_required", "t"."approved", "t"."manager_id", "t"."manager_approves", "t"."person_role"`
	for _, tc := range []struct {
		d          sqlfilter.Dialect
		sel, where string
	}{
		{sqlfilter.PostgreSQL,
			cols + `, (SELECT CAST(count("sqlfilter_m"."person_id") AS TEXT) || ':' || string_agg(CAST("sqlfilter_m"."person_id" AS TEXT), ',') FROM "approvers" AS "sqlfilter_m" WHERE "sqlfilter_m"."record_id" = "t"."id" AND "sqlfilter_m"."record_type" = $1 AND "sqlfilter_m"."org_id" = $2)`,
			`("t"."org_id" = $3 AND "t"."id" = $4)`},
		{sqlfilter.SQLite,
			cols + `, (SELECT count("sqlfilter_m"."person_id") || ':' || group_concat("sqlfilter_m"."person_id", ',') FROM "approvers" AS "sqlfilter_m" WHERE "sqlfilter_m"."record_id" = "t"."id" AND "sqlfilter_m"."record_type" = ? AND "sqlfilter_m"."org_id" = ?)`,
			`("t"."org_id" = ? AND "t"."id" = ?)`},
	} {
		q := mustFacts(t, factsSchema(tc.d, nil, nil), permission.KindTimeOff)
		if diff := cmp.Diff(tc.sel, q.Select()); diff != "" {
			t.Errorf("%v: Select (-want +got):\n%s", tc.d, diff)
		}
		if diff := cmp.Diff(tc.where, q.Where()); diff != "" {
			t.Errorf("%v: Where (-want +got):\n%s", tc.d, diff)
		}
		if got, want := q.Statement(`"time_off" AS "t"`), "SELECT "+tc.sel+` FROM "time_off" AS "t" WHERE `+tc.where; got != want {
			t.Errorf("%v: Statement = %s, want %s", tc.d, got, want)
		}
		args, err := q.Args(7, 42)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]any{"time_off", int64(7), int64(7), int64(42)}, args); diff != "" {
			t.Errorf("%v: Args (-want +got):\n%s", tc.d, diff)
		}
		if q.Kind() != permission.KindTimeOff {
			t.Errorf("Kind = %v", q.Kind())
		}
	}
	// An invoice has no approvers: the key's placeholders are the only ones.
	q := mustFacts(t, factsSchema(sqlfilter.PostgreSQL, nil, nil), permission.KindInvoice)
	if strings.Contains(q.Select(), "SELECT") || q.Where() != `("t"."org_id" = $1 AND "t"."id" = $2)` {
		t.Errorf("invoice: Select %s, Where %s", q.Select(), q.Where())
	}
}

// TestFactsErrors: a kind the schema lacks, every needed fact without a
// column (naming the fact), approvers without their table, and IDs that do
// not fit are errors; nothing is built.
func TestFactsErrors(t *testing.T) {
	s := factsSchema(sqlfilter.SQLite, nil, nil)
	delete(s.Kinds, permission.KindClient)
	r, err := sqlfilter.New(s)
	if err != nil {
		t.Fatal(err)
	}
	if q, err := r.Facts(permission.KindClient); !errors.Is(err, sqlfilter.ErrKind) || q != nil || !strings.Contains(err.Error(), "client") {
		t.Errorf("Facts(client) = %v, %v; want ErrKind naming client", q, err)
	}
	if _, err := r.Facts(0); !errors.Is(err, sqlfilter.ErrKind) {
		t.Errorf("Facts(0) = %v; want ErrKind", err)
	}

	// For every kind, each fact is needed exactly when leaving out its
	// column fails with ErrColumn naming it.
	needed := map[permission.Kind][]string{
		permission.KindOrganization: {"ID"},
		permission.KindPerson:       {"ID", "Person", "PersonRole", "Workplace"},
		permission.KindTimeEntry:    {"ID", "Project", "Visibility", "Budget", "ClientAccess", "Person", "Approver", "ApprovalRequired", "Approved"},
		permission.KindTimeOff:      {"ID", "Person", "Workplace", "Manager", "ManagerApproves"},
		permission.KindDeal:         {"ID", "Deal"},
		permission.KindInvoice:      {"ID", "Project", "Visibility", "Budget"},
		permission.KindBooking:      {"ID", "Project", "Visibility", "Budget", "Person"},
	}
	clear := map[string]func(*sqlfilter.Facts){
		"ID": func(f *sqlfilter.Facts) { f.ID = sqlfilter.Column{} }, "Project": func(f *sqlfilter.Facts) { f.Project = sqlfilter.Column{} },
		"Visibility": func(f *sqlfilter.Facts) { f.Visibility = sqlfilter.Column{} }, "Budget": func(f *sqlfilter.Facts) { f.Budget = sqlfilter.Column{} },
		"ClientAccess": func(f *sqlfilter.Facts) { f.ClientAccess = sqlfilter.Column{} }, "Deal": func(f *sqlfilter.Facts) { f.Deal = sqlfilter.Column{} },
		"Person": func(f *sqlfilter.Facts) { f.Person = sqlfilter.Column{} }, "Approver": func(f *sqlfilter.Facts) { f.Approver = sqlfilter.Column{} },
		"PersonRank": func(f *sqlfilter.Facts) { f.PersonRank = sqlfilter.Column{} }, "PersonRole": func(f *sqlfilter.Facts) { f.PersonRole = sqlfilter.Column{} },
		"Workplace": func(f *sqlfilter.Facts) { f.Workplace = sqlfilter.Column{} }, "ApprovalRequired": func(f *sqlfilter.Facts) { f.ApprovalRequired = sqlfilter.Column{} },
		"Approved": func(f *sqlfilter.Facts) { f.Approved = sqlfilter.Column{} }, "Manager": func(f *sqlfilter.Facts) { f.Manager = sqlfilter.Column{} },
		"ManagerApproves": func(f *sqlfilter.Facts) { f.ManagerApproves = sqlfilter.Column{} },
	}
	for k, want := range needed {
		for name, c := range clear {
			s := factsSchema(sqlfilter.PostgreSQL, nil, nil)
			f := s.Kinds[k]
			c(&f)
			s.Kinds[k] = f
			r, err := sqlfilter.New(s)
			if err != nil {
				t.Fatal(err)
			}
			_, err = r.Facts(k)
			if slices.Contains(want, name) {
				if !errors.Is(err, sqlfilter.ErrColumn) || !strings.Contains(err.Error(), "Kinds["+k.String()+"]."+name+":") {
					t.Errorf("%v without %s: %v; want ErrColumn naming it", k, name, err)
				}
			} else if err != nil {
				t.Errorf("%v without %s, which it does not need: %v", k, name, err)
			}
		}
	}

	s = factsSchema(sqlfilter.PostgreSQL, nil, nil)
	s.Approvers = sqlfilter.MemberTable{}
	r, err = sqlfilter.New(s)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Facts(permission.KindTimeOff); !errors.Is(err, sqlfilter.ErrMembers) || !strings.Contains(err.Error(), "Approvers") {
		t.Errorf("time off without Schema.Approvers: %v; want ErrMembers naming Approvers", err)
	}
	if _, err := r.Facts(permission.KindInvoice); err != nil {
		t.Errorf("an invoice needs no approvers: %v", err)
	}

	q := mustFacts(t, factsSchema(sqlfilter.PostgreSQL, nil, nil), permission.KindInvoice)
	for _, key := range [][2]scope.ID{{math.MaxInt64 + 1, 1}, {1, math.MaxUint64}} {
		if args, err := q.Args(key[0], key[1]); !errors.Is(err, sqlfilter.ErrValue) || args != nil || !strings.Contains(err.Error(), strconv.FormatUint(uint64(max(key[0], key[1])), 10)) {
			t.Errorf("Args(%d, %d) = %v, %v; want ErrValue naming the ID", key[0], key[1], args, err)
		}
	}
}

// row is a row as a driver gives it, by column name.
type row struct {
	names []string // the select list's columns; "approvers" for the subquery
	vals  map[string]any
	err   error
}

var columnName = regexp.MustCompile(`^"t"\."(\w+)"$`)

// selectNames returns the select list's columns by name.
func selectNames(t fataler, q *sqlfilter.FactsQuery) []string {
	sel := q.Select()
	var out []string
	i := strings.Index(sel, ", (SELECT ")
	if i >= 0 {
		sel = sel[:i]
	}
	for _, c := range strings.Split(sel, ", ") {
		m := columnName.FindStringSubmatch(c)
		if m == nil {
			t.Fatalf("select list %s: column %s", q.Select(), c)
		}
		out = append(out, m[1])
	}
	if i >= 0 {
		out = append(out, "approvers")
	}
	return out
}

func (r row) Scan(dest ...any) error {
	if r.err != nil {
		return r.err
	}
	if len(dest) != len(r.names) {
		return fmt.Errorf("%d destinations for %d columns", len(dest), len(r.names))
	}
	for i, n := range r.names {
		*dest[i].(*any) = r.vals[n]
	}
	return nil
}

func scan(t *testing.T, k permission.Kind, public, on any, vals map[string]any) (permission.Resource, error) {
	t.Helper()
	q := mustFacts(t, factsSchema(sqlfilter.SQLite, public, on), k)
	return q.Scan(row{names: selectNames(t, q), vals: vals})
}

// TestFactsScan: how each value reads, NULLs and the schema's spellings
// among them, and every value that is refused.
func TestFactsScan(t *testing.T) {
	base := func() map[string]any {
		return map[string]any{"org_id": int64(7), "id": []byte("12"), "project_id": "3", "visibility": "public", "budget_id": int64(4),
			"client_access": int64(1), "deal_id": nil, "person_id": int64(5), "approver_id": int64(6), "person_rank": int64(3),
			"person_role": []byte("manager"), "workplace_id": nil, "approval_required": true, "approved": int64(0), "manager_id": int64(9),
			"manager_approves": false, "approvers": "2:2,8"}
	}
	got, err := scan(t, permission.KindTimeEntry, nil, nil, base())
	if err != nil {
		t.Fatal(err)
	}
	want := permission.Resource{Org: 7, Kind: permission.KindTimeEntry, ID: 12, Project: 3, Visibility: scope.Public, Budget: 4, ClientAccess: true,
		Person: 5, Approver: 6, PersonRole: role.Manager, ApprovalRequired: true, Manager: 9}
	if got != want {
		t.Errorf("time entry:\n got %+v\nwant %+v", got, want)
	}
	// Time off reads its approvers.
	got, err = scan(t, permission.KindTimeOff, nil, nil, base())
	if err != nil {
		t.Fatal(err)
	}
	if ids := slices.Sorted(got.Approvers.All()); !slices.Equal(ids, []scope.ID{2, 8}) {
		t.Errorf("approvers %v, want [2 8]", ids)
	}
	noApprovers := base()
	noApprovers["approvers"] = nil
	if got, err := scan(t, permission.KindTimeOff, nil, nil, noApprovers); err != nil || got.Approvers.Len() != 0 {
		t.Errorf("NULL approvers: %v, %v; want none", got.Approvers, err)
	}

	// The schema's spellings, and what is not them.
	for _, tc := range []struct {
		public, on, vis, access any
		wantVis                 scope.Visibility
		wantAccess              bool
	}{
		{nil, nil, "public", true, scope.Public, true},
		{nil, nil, "private", false, scope.Private, false},
		{nil, nil, "Public", int64(2), scope.Private, false}, // SQL's = is exact; 2 is not true
		{nil, nil, nil, nil, 0, false},                       // NULL: no visibility, no access
		{int64(1), "on", int64(1), []byte("on"), scope.Public, true},
		{1, "on", float64(1), "off", scope.Public, false},
		{1, "on", int64(0), "ON", scope.Private, false},
		{[]int{1}, []int{1}, "x", "y", scope.Private, false}, // spellings Go cannot compare match nothing
	} {
		v := base()
		v["visibility"], v["client_access"] = tc.vis, tc.access
		got, err := scan(t, permission.KindBudget, tc.public, tc.on, v)
		if err != nil || got.Visibility != tc.wantVis || got.ClientAccess != tc.wantAccess {
			t.Errorf("Public %v, ClientAccessOn %v, row %v, %v: %v, %v, %v; want %v, %v", tc.public, tc.on, tc.vis, tc.access, got.Visibility, got.ClientAccess, err, tc.wantVis, tc.wantAccess)
		}
	}

	// NULL ApprovalRequired: an error for a time entry, whose rules read
	// it both ways; false for a kind that does not read it.
	v := base()
	v["approval_required"] = nil
	if _, err := scan(t, permission.KindTimeEntry, nil, nil, v); !errors.Is(err, sqlfilter.ErrValue) || !strings.Contains(err.Error(), "ApprovalRequired") {
		t.Errorf("NULL ApprovalRequired of a time entry: %v; want ErrValue naming it", err)
	}
	if got, err := scan(t, permission.KindInvoice, nil, nil, v); err != nil || got.ApprovalRequired {
		t.Errorf("NULL ApprovalRequired of an invoice: %v, %v; want false", got.ApprovalRequired, err)
	}

	// Refused values name the fact and the value.
	for _, tc := range []struct {
		column string
		value  any
		quoted string
	}{
		{"org_id", int64(-1), "-1"},
		{"project_id", "3x", `"3x"`},
		{"budget_id", float64(4), `"4" (float64)`},
		{"person_id", []byte("-5"), `"-5"`},
		{"approved", int64(2), `"2" (int64)`},
		{"manager_approves", "true", `"true"`},
		{"person_role", "mgr", `"mgr"`},
		{"person_role", int64(3), `"3" (int64)`},
		{"person_rank", int64(2), "PersonRank 2"},
		{"person_rank", "x", `"x"`},
		{"person_rank", nil, "PersonRank is NULL beside PersonRole"},
		{"approvers", "3:2,,8", `""`},
		{"approvers", "2,8", `"2,8"`},
		{"approvers", "1:2,8", "2 IDs for a count of 1"},
		{"approvers", "2: 2,+8", `" 2"`},
		{"approvers", "1:02", `"02"`},
		{"person_id", "+5", `"+5"`},
		{"person_id", "007", `"007"`},
		{"approvers", int64(2), `"2" (int64)`},
	} {
		v := base()
		v[tc.column] = tc.value
		_, err := scan(t, permission.KindTimeOff, nil, nil, v)
		if tc.column == "person_rank" || tc.column == "person_role" {
			_, err = scan(t, permission.KindPerson, nil, nil, v)
		}
		if !errors.Is(err, sqlfilter.ErrValue) || !strings.Contains(err.Error(), tc.quoted) {
			t.Errorf("%s = %#v: %v; want ErrValue quoting %s", tc.column, tc.value, err, tc.quoted)
		}
	}

	// The row's own error passes through, wrapped.
	q := mustFacts(t, factsSchema(sqlfilter.SQLite, nil, nil), permission.KindInvoice)
	errNoRows := errors.New("no rows")
	if _, err := q.Scan(row{err: errNoRows}); !errors.Is(err, errNoRows) || !strings.Contains(err.Error(), "invoice") {
		t.Errorf("Scan of a failing row: %v", err)
	}
}

// TestFactsRoundTrip: a resource written as a driver gives its row, in any
// of the spellings the schema and the dialects allow, scans back to itself
// (PersonPermissions aside, which no column holds).
func TestFactsRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		k := permission.Kind(rapid.IntRange(1, 17).Draw(t, "kind"))
		spelling := rapid.IntRange(0, 2).Draw(t, "spelling")
		public, on := []any{nil, int64(1), "P"}[spelling], []any{nil, "on", int64(7)}[spelling]
		id := func(label string) scope.ID { return scope.ID(rapid.Uint64Range(0, math.MaxInt64).Draw(t, label)) }
		want := permission.Resource{Org: 1 + id("org")/2, Kind: k, ID: id("id"), Project: id("project"), Budget: id("budget"), Deal: id("deal"),
			Person: id("person"), Approver: id("approver"), Workplace: id("workplace"), Manager: id("manager"),
			Visibility: scope.Visibility(rapid.IntRange(0, 2).Draw(t, "visibility")), PersonRole: role.Role(rapid.IntRange(0, 8).Draw(t, "role")),
			ClientAccess: rapid.Bool().Draw(t, "access"), ApprovalRequired: rapid.Bool().Draw(t, "approval"),
			Approved: rapid.Bool().Draw(t, "approved"), ManagerApproves: rapid.Bool().Draw(t, "managerApproves")}
		approvers := rapid.SliceOfN(rapid.Uint64Range(1, math.MaxInt64), 0, 5).Draw(t, "approvers")
		asText := rapid.Bool().Draw(t, "asText")
		idv := func(x scope.ID) any {
			switch {
			case x == 0 && rapid.Bool().Draw(t, "null"):
				return nil
			case asText:
				return []byte(strconv.FormatUint(uint64(x), 10))
			}
			return int64(x)
		}
		boolv := func(b bool) any {
			if asText { // SQLite's 1 and 0
				if b {
					return int64(1)
				}
				return int64(0)
			}
			return b
		}
		vals := map[string]any{"org_id": idv(want.Org), "id": idv(want.ID), "project_id": idv(want.Project), "budget_id": idv(want.Budget),
			"deal_id": idv(want.Deal), "person_id": idv(want.Person), "approver_id": idv(want.Approver), "workplace_id": idv(want.Workplace),
			"manager_id": idv(want.Manager), "approval_required": boolv(want.ApprovalRequired), "approved": boolv(want.Approved),
			"manager_approves": boolv(want.ManagerApproves), "person_rank": int64(want.PersonRole.Rank())}
		switch want.Visibility {
		case scope.Public:
			vals["visibility"] = []any{"public", int64(1), "P"}[spelling]
		case scope.Private:
			vals["visibility"] = "private"
		}
		if want.ClientAccess {
			vals["client_access"] = []any{true, "on", int64(7)}[spelling]
		} else {
			vals["client_access"] = []any{false, "off", nil}[spelling]
		}
		if want.PersonRole.IsValid() {
			vals["person_role"] = want.PersonRole.String()
		}
		var texts []string
		for _, a := range approvers {
			texts = append(texts, strconv.FormatUint(a, 10))
		}
		if len(texts) > 0 {
			vals["approvers"] = strconv.Itoa(len(texts)) + ":" + strings.Join(texts, ",")
		}
		q := mustFacts(t, factsSchema(sqlfilter.PostgreSQL, public, on), k)
		got, err := q.Scan(row{names: selectNames(t, q), vals: vals})
		if err != nil {
			t.Fatal(err)
		}
		if k == permission.KindTimeOff {
			var ids []scope.ID
			for _, a := range approvers {
				ids = append(ids, scope.ID(a))
			}
			slices.Sort(ids)
			if gotIDs := slices.Sorted(got.Approvers.All()); !slices.Equal(slices.Compact(ids), gotIDs) {
				t.Fatalf("approvers %v, want %v", gotIDs, ids)
			}
		} else if got.Approvers.Len() != 0 {
			t.Fatalf("a %v got approvers %v", k, got.Approvers)
		}
		got.Approvers = scope.Members{}
		if got != want {
			t.Fatalf("\n got %+v\nwant %+v", got, want)
		}
	})
}

// FuzzFactsScan: whatever values a row holds, Scan never panics, and it
// either fails with ErrValue or returns a resource of its kind whose
// visibility and role are valid or zero.
func FuzzFactsScan(f *testing.F) {
	f.Add(uint8(6), []byte("\x01\x02public\x00\x03"))
	f.Add(uint8(7), []byte("\x04\x01,2,3"))
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		k := permission.Kind(kind%17 + 1)
		q := mustFacts(t, factsSchema(sqlfilter.SQLite, nil, nil), k)
		cols := selectNames(t, q)
		vals := map[string]any{}
		for _, c := range cols {
			if len(data) == 0 {
				break
			}
			tag := data[0]
			data = data[1:]
			n := min(len(data), int(tag>>3))
			chunk := data[:n]
			data = data[n:]
			switch tag % 6 {
			case 0:
				vals[c] = nil
			case 1:
				x, _ := strconv.ParseInt(string(chunk), 10, 64)
				vals[c] = x - int64(tag)
			case 2:
				vals[c] = string(chunk)
			case 3:
				vals[c] = chunk
			case 4:
				vals[c] = tag&8 != 0
			case 5:
				vals[c] = float64(tag)
			}
		}
		res, err := q.Scan(row{names: cols, vals: vals})
		if err != nil {
			if !errors.Is(err, sqlfilter.ErrValue) {
				t.Fatalf("Scan: %v, not ErrValue", err)
			}
			return
		}
		if res.Kind != k || (res.Visibility != 0 && !res.Visibility.IsValid()) || (res.PersonRole != 0 && !res.PersonRole.IsValid()) {
			t.Fatalf("Scan: %+v", res)
		}
	})
}

// TestFactsScanGoTypes: a host's own Row may give IDs as any Go integer
// type, and spellings compare across integer and floating-point types as
// SQL's = does; an unsigned value past the signed 64-bit range is refused.
// namedText and namedInt are a host's own types for its spellings.
type (
	namedText string
	namedInt  int16
)

func TestFactsScanGoTypes(t *testing.T) {
	base := map[string]any{"org_id": int64(1), "id": int64(2), "visibility": "private"}
	for _, v := range []any{int(5), int32(5), int16(5), int8(5), uint32(5), uint16(5), uint8(5), uint64(5), uint(5)} {
		vals := maps.Clone(base)
		vals["project_id"] = v
		if got, err := scan(t, permission.KindProject, nil, nil, vals); err != nil || got.Project != 5 {
			t.Errorf("project_id %T(5): %v, %v", v, got.Project, err)
		}
	}
	for _, v := range []any{uint64(math.MaxInt64 + 1), uint(math.MaxUint)} {
		vals := maps.Clone(base)
		vals["project_id"] = v
		if _, err := scan(t, permission.KindProject, nil, nil, vals); !errors.Is(err, sqlfilter.ErrValue) {
			t.Errorf("project_id %T(%v): %v, want ErrValue", v, v, err)
		}
	}
	for _, tc := range []struct {
		public, vis any
		want        scope.Visibility
	}{
		{int64(1), float32(1), scope.Public},
		{float64(1), int64(1), scope.Public},
		{float64(1), float64(1), scope.Public},
		{float64(1.5), int64(1), scope.Private},
		{true, int64(1), scope.Public},
		{false, int64(0), scope.Public},
		{namedText("public"), "public", scope.Public}, // database/sql sends a named type by its kind
		{namedInt(1), int64(1), scope.Public},
	} {
		vals := maps.Clone(base)
		vals["visibility"] = tc.vis
		if got, err := scan(t, permission.KindProject, tc.public, nil, vals); err != nil || got.Visibility != tc.want {
			t.Errorf("Public %T(%v), visibility %T(%v): %v, %v; want %v", tc.public, tc.public, tc.vis, tc.vis, got.Visibility, err, tc.want)
		}
	}
}
