package sqlfilter_test

import (
	"errors"
	"fmt"
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
	"github.com/clearance-go/clearance/set"
)

func col(t, n string) sqlfilter.Column { return sqlfilter.Column{Table: t, Name: n} }

// full is a schema with every fact and membership table, one table "r".
func full(d sqlfilter.Dialect) sqlfilter.Schema {
	facts := sqlfilter.Facts{
		Org: col("r", "org"), Project: col("r", "project"), Visibility: col("r", "vis"),
		Budget: col("r", "budget"), ClientAccess: col("r", "ca"), Deal: col("r", "deal"),
		Person: col("r", "person"), Approver: col("r", "approver"), PersonRank: col("r", "rank"),
		ID: col("r", "id"), Workplace: col("r", "wp"), ApprovalRequired: col("r", "req"), Approved: col("r", "ok"),
		Manager: col("r", "mgr"), ManagerApproves: col("r", "mgra"),
	}
	s := sqlfilter.Schema{Dialect: d, Kinds: map[permission.Kind]sqlfilter.Facts{}}
	for a := range permission.Actions() {
		s.Kinds[a.Kind()] = facts
	}
	s.Projects = sqlfilter.MemberTable{Table: "pm", Person: "who", Target: "what"}
	s.Deals = sqlfilter.MemberTable{Table: "dm", Person: "who", Target: "what"}
	s.Budgets = sqlfilter.MemberTable{Table: "bm", Person: "who", Target: "what", Org: "org", Type: "t", TypeValue: 3}
	s.Approvers = sqlfilter.MemberTable{Table: "ap", Person: "who", Target: "what"}
	return s
}

func TestNewRejects(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(*sqlfilter.Schema)
		want error
	}{
		{"no dialect", func(s *sqlfilter.Schema) { s.Dialect = 0 }, sqlfilter.ErrDialect},
		{"invalid kind", func(s *sqlfilter.Schema) { s.Kinds[0] = s.Kinds[permission.KindProject] }, sqlfilter.ErrKind},
		{"no org column", func(s *sqlfilter.Schema) {
			f := s.Kinds[permission.KindProject]
			f.Org = sqlfilter.Column{}
			s.Kinds[permission.KindProject] = f
		}, sqlfilter.ErrIdentifier},
		{"half a column", func(s *sqlfilter.Schema) {
			f := s.Kinds[permission.KindProject]
			f.Deal = sqlfilter.Column{Name: "deal"}
			s.Kinds[permission.KindProject] = f
		}, sqlfilter.ErrIdentifier},
		{"NUL", func(s *sqlfilter.Schema) {
			f := s.Kinds[permission.KindProject]
			f.Deal = col("r", "de\x00al")
			s.Kinds[permission.KindProject] = f
		}, sqlfilter.ErrIdentifier},
		{"bad UTF-8", func(s *sqlfilter.Schema) {
			f := s.Kinds[permission.KindProject]
			f.Deal = col("r\xff", "deal")
			s.Kinds[permission.KindProject] = f
		}, sqlfilter.ErrIdentifier},
		{"too long", func(s *sqlfilter.Schema) {
			f := s.Kinds[permission.KindProject]
			f.Deal = col("r", strings.Repeat("d", 64))
			s.Kinds[permission.KindProject] = f
		}, sqlfilter.ErrIdentifier},
		{"reserved alias", func(s *sqlfilter.Schema) {
			f := s.Kinds[permission.KindProject]
			f.Deal = col("sqlfilter_m", "deal")
			s.Kinds[permission.KindProject] = f
		}, sqlfilter.ErrIdentifier},
		{"members without table", func(s *sqlfilter.Schema) { s.Deals.Table = "" }, sqlfilter.ErrIdentifier},
		{"members without person", func(s *sqlfilter.Schema) { s.Deals.Person = "" }, sqlfilter.ErrIdentifier},
		{"members without target", func(s *sqlfilter.Schema) { s.Deals.Target = "" }, sqlfilter.ErrIdentifier},
		{"members bad org", func(s *sqlfilter.Schema) { s.Deals.Org = "\x00" }, sqlfilter.ErrIdentifier},
		{"members bad type", func(s *sqlfilter.Schema) { s.Budgets.Type = "\x00" }, sqlfilter.ErrIdentifier},
		{"type without value", func(s *sqlfilter.Schema) { s.Projects.Type = "kind" }, sqlfilter.ErrValue},
		{"projects bad", func(s *sqlfilter.Schema) { s.Projects.Table = "\x00" }, sqlfilter.ErrIdentifier},
		{"budgets bad", func(s *sqlfilter.Schema) { s.Budgets.Table = "\x00" }, sqlfilter.ErrIdentifier},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := full(sqlfilter.PostgreSQL)
			c.edit(&s)
			r, err := sqlfilter.New(s)
			if !errors.Is(err, c.want) || r != nil {
				t.Errorf("New = %v, %v; want nil, an error wrapping %v", r, err, c.want)
			}
		})
	}
}

func TestRenderRejects(t *testing.T) {
	staff := set.MustSystem(role.Staff, 0, 0).Subject(1, 42)
	staff.Projects = scope.NewMembers(1)
	track := permission.List(staff, permission.TrackTime) // own record, project shared
	deals := permission.List(set.MustSystem(role.Manager, scope.Restricted, 0).Subject(1, 42), permission.ViewDeal)
	huge := set.MustSystem(role.Staff, 0, 0).Subject(1, math.MaxInt64+1)
	hugeOrg := set.MustSystem(role.Staff, 0, 0).Subject(math.MaxUint64, 42)
	hugeOrg.Projects = scope.NewMembers(1)
	hugeMember := staff
	hugeMember.Projects = scope.NewMembers(math.MaxUint64)
	ok := sqlfilter.Options{Form: sqlfilter.Exists}
	for _, c := range []struct {
		name   string
		schema func(*sqlfilter.Schema)
		f      permission.Filter
		o      sqlfilter.Options
		want   error
	}{
		{"no form", nil, track, sqlfilter.Options{}, sqlfilter.ErrForm},
		{"negative offset", nil, track, sqlfilter.Options{Form: sqlfilter.Params, Offset: -1}, sqlfilter.ErrOffset},
		{"org too large", nil, permission.List(hugeOrg, permission.TrackTime), sqlfilter.Options{Form: sqlfilter.Params}, sqlfilter.ErrValue},
		{"kind missing", func(s *sqlfilter.Schema) { delete(s.Kinds, permission.KindTimeEntry) }, track, ok, sqlfilter.ErrKind},
		{"column missing", func(s *sqlfilter.Schema) {
			f := s.Kinds[permission.KindTimeEntry]
			f.Person = sqlfilter.Column{}
			s.Kinds[permission.KindTimeEntry] = f
		}, track, ok, sqlfilter.ErrColumn},
		{"members missing", func(s *sqlfilter.Schema) { s.Deals = sqlfilter.MemberTable{} }, deals, ok, sqlfilter.ErrMembers},
		{"subject too large", nil, permission.List(huge, permission.TrackTime), ok, sqlfilter.ErrValue},
		{"subject too large in exists", nil, permission.List(huge, permission.ViewProject), ok, sqlfilter.ErrValue},
		{"member too large, params", nil, permission.List(hugeMember, permission.ViewProject), sqlfilter.Options{Form: sqlfilter.Params}, sqlfilter.ErrValue},
	} {
		for _, d := range []sqlfilter.Dialect{sqlfilter.PostgreSQL, sqlfilter.SQLite} {
			t.Run(c.name+"/"+d.String(), func(t *testing.T) {
				s := full(d)
				if c.schema != nil {
					c.schema(&s)
				}
				r, err := sqlfilter.New(s)
				if err != nil {
					t.Fatal(err)
				}
				sql, args, err := r.Render(c.f, c.o)
				if !errors.Is(err, c.want) || sql != "" || args != nil {
					t.Errorf("Render = %q, %v, %v; want nothing and an error wrapping %v", sql, args, err, c.want)
				}
			})
		}
	}
}

// Every condition of every reach rule renders: an approver of time and of
// absence, a subsidiary, a client's budget clauses, a shared budget; and a
// manageable person is refused, naming why.
func TestRenderEveryCondition(t *testing.T) {
	r, err := sqlfilter.New(full(sqlfilter.PostgreSQL))
	if err != nil {
		t.Fatal(err)
	}
	render := func(s permission.Subject, a permission.Action, form sqlfilter.Form) (string, []any) {
		t.Helper()
		where, args, err := r.Render(permission.List(s, a), sqlfilter.Options{Form: form})
		if err != nil {
			t.Fatal(err)
		}
		return where, args
	}
	admin := set.MustSystem(role.Admin, 0, 0).Subject(9, 42)
	if _, _, err := r.Render(permission.List(admin, permission.ChangePermissionSet), sqlfilter.Options{Form: sqlfilter.Params}); !errors.Is(err, sqlfilter.ErrCondition) ||
		!strings.Contains(err.Error(), "Authorize") {
		t.Errorf("person.change_permission_set renders with error %v, want ErrCondition saying to use Authorize", err)
	}

	// "Approve time entries where user is approver", awaiting approval.
	manager := set.MustSystem(role.Manager, scope.Restricted, 0).Subject(9, 42)
	where, args := render(manager, permission.ApproveTimeEntry, sqlfilter.Params)
	want := `("r"."org" = $1 AND ("r"."person" <> $2) AND ("r"."req" = $3) AND ("r"."approver" = $4))`
	if diff := cmp.Diff(want, where); diff != "" {
		t.Errorf("time approver (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]any{int64(9), int64(42), true, int64(42)}, args); diff != "" {
		t.Errorf("args (-want +got):\n%s", diff)
	}

	// An absence request's approvers, named or the requester's manager.
	coordinator := set.MustSystem(role.Coordinator, 0, 0).Subject(9, 42)
	where, args = render(coordinator, permission.ApproveTimeOff, sqlfilter.Params)
	want = `("r"."org" = $1 AND ("r"."person" <> $2) AND ((EXISTS (SELECT 1 FROM "ap" AS "sqlfilter_m" WHERE "sqlfilter_m"."what" = "r"."id") OR ("r"."mgra" = $3 AND "r"."mgr" <> $4))) AND (EXISTS (SELECT 1 FROM "ap" AS "sqlfilter_m" WHERE "sqlfilter_m"."what" = "r"."id" AND "sqlfilter_m"."who" = $5) OR ("r"."mgra" = $6 AND "r"."mgr" = $7)))`
	if diff := cmp.Diff(want, where); diff != "" {
		t.Errorf("absence approver (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]any{int64(9), int64(42), true, int64(0), int64(42), true, int64(42)}, args); diff != "" {
		t.Errorf("args (-want +got):\n%s", diff)
	}

	// "View absence bookings for users in their subsidiary"; of no
	// subsidiary, only their own.
	subsidiary := set.MustSystem(role.Staff, 0, 0).Subject(9, 42)
	subsidiary.Permissions = subsidiary.Permissions.With(permission.TimeOffViewSubsidiary)
	subsidiary.Workplace = 5
	where, args = render(subsidiary, permission.ViewTimeOff, sqlfilter.Params)
	if want := `("r"."org" = $1 AND ("r"."person" = $2 OR "r"."wp" = $3))`; where != want {
		t.Errorf("subsidiary = %s, want %s", where, want)
	}
	if diff := cmp.Diff([]any{int64(9), int64(42), int64(5)}, args); diff != "" {
		t.Errorf("args (-want +got):\n%s", diff)
	}
	subsidiary.Workplace = 0
	if where, _ = render(subsidiary, permission.ViewTimeOff, sqlfilter.Params); where != `("r"."org" = $1 AND ("r"."person" = $2 OR FALSE))` {
		t.Errorf("of no subsidiary = %s", where)
	}

	client := set.MustSystem(role.Client, 0, set.AddonBudgets).Subject(9, 42)
	client.Plan = set.Professional

	// A client sees time entries only where the budget requires no
	// approval or the entry is approved.
	where, _ = render(client, permission.ViewTimeEntry, sqlfilter.Params)
	if want := `("r"."req" = $6 OR "r"."ok" = $7)`; !strings.HasSuffix(where, " AND "+want+")") {
		t.Errorf("client time entries = %s, want it to end with %s", where, want)
	}
	client.Projects, client.Budgets = scope.NewMembers(5), scope.NewMembers(6, 7)
	where, args, err = r.Render(permission.List(client, permission.ViewBudget), sqlfilter.Options{Form: sqlfilter.Exists, Offset: 3})
	if err != nil {
		t.Fatal(err)
	}
	want = `("r"."org" = $4 AND (EXISTS (SELECT 1 FROM "pm" AS "sqlfilter_m" WHERE "sqlfilter_m"."what" = "r"."project" AND "sqlfilter_m"."who" = $5)) AND (("r"."budget" <> $6 AND EXISTS (SELECT 1 FROM "bm" AS "sqlfilter_m" WHERE "sqlfilter_m"."what" = "r"."budget" AND "sqlfilter_m"."who" = $7 AND "sqlfilter_m"."t" = $8 AND "sqlfilter_m"."org" = $9))) AND ("r"."ca" = $10))`
	if diff := cmp.Diff(want, where); diff != "" {
		t.Errorf("client budget (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]any{int64(9), int64(42), int64(0), int64(42), 3, int64(9), true}, args); diff != "" {
		t.Errorf("args (-want +got):\n%s", diff)
	}
}

// A host's own spelling of public and of Client access on is passed as is.
func TestRenderHostValues(t *testing.T) {
	s := full(sqlfilter.SQLite)
	s.Public, s.ClientAccessOn = 1, "yes"
	r, err := sqlfilter.New(s)
	if err != nil {
		t.Fatal(err)
	}
	m := set.MustSystem(role.Manager, scope.Restricted, 0).Subject(9, 42)
	_, args, err := r.Render(permission.List(m, permission.ViewProject), sqlfilter.Options{Form: sqlfilter.Params})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]any{int64(9), 1, "[]"}, args); diff != "" {
		t.Errorf("args (-want +got):\n%s", diff)
	}
	c := set.MustSystem(role.Client, 0, set.AddonBudgets).Subject(9, 42)
	c.Plan = set.Professional
	_, args, err = r.Render(permission.List(c, permission.ViewBudget), sqlfilter.Options{Form: sqlfilter.Params})
	if err != nil {
		t.Fatal(err)
	}
	if args[len(args)-1] != "yes" {
		t.Errorf("Client access value = %v, want yes", args[len(args)-1])
	}
}

// distinctive values: large enough that they cannot occur by accident in
// text the renderer writes itself.
const (
	distinctOrg     = 7_700_000_000_001
	distinctSubject = 8_800_000_000_002
	distinctMember  = 9_900_000_000_000
)

// names are the names a check draws: valid ones, quotes, placeholders,
// keywords and characters SQL gives a meaning to. tables are the names a
// table is drawn from: no dot (New refuses one; "a.b" is among the column
// names), case variants of the membership tables' names (which the
// subquery's alias hides, so they must not capture anything), and near
// misses of ReservedPrefix that New must accept: SQLite folds no letter but
// ASCII ones, so "ſqlfilter_m" (a long s) is not its alias. reservedTables
// are case variants of the prefix, drawn rarely, which New must refuse.
var (
	names          = []string{"r", "org", "project", "t", `we"ird`, `""`, "sp ace", "?", "$1", "1", "'", "ünï", "a.b", "--", "FALSE"}
	tables         = []string{"r", "t", "T", `we"ird`, `""`, "sp ace", "?", "$1", "'", "ünï", "--", "FALSE", "pm", "PM", "Bm", "sqlfilter", "sqlfilterm", "ſqlfilter_m", "xsqlfilter_m"}
	reservedTables = []string{"sqlfilter_m", "SQLFILTER_M", "SqlFilter_m", "sqlfilter_", "SQLFILTER_x", `sqlfilter_"`}
	schemas        = []string{"auth", `au"th`, "main", "AUTH", "sqlfilter_m", "ünï"}
)

// arbitrary is whether the check draws arbitrary names (one check in ten).
var arbitrary bool

// genName is a name from list, or when arbitrary, sometimes any string
// (which New may reject: empty, NUL, bad UTF-8, too long, a dot, the
// reserved prefix).
func genName(t *rapid.T, label string, list []string) string {
	if arbitrary && rare(t, label+" arbitrary", 20) {
		return rapid.StringN(0, -1, 70).Draw(t, label)
	}
	return rapid.SampledFrom(list).Draw(t, label)
}

// genTable is a table's name: now and then a reserved one.
func genTable(t *rapid.T, label string) string {
	if rare(t, label+" reserved", 300) {
		return rapid.SampledFrom(reservedTables).Draw(t, label)
	}
	return genName(t, label, tables)
}

// genSchema is a schema's name, or none two times in three.
func genSchema(t *rapid.T, label string) string {
	if rapid.IntRange(0, 2).Draw(t, label+" given") > 0 {
		return ""
	}
	return genName(t, label, schemas)
}

// rare is true about one time in odds. (rapid favours the ends of a
// range, so the rare value is the middle one.)
func rare(t *rapid.T, label string, odds int) bool {
	return rapid.IntRange(0, odds-1).Draw(t, label) == odds/2
}

// genColumn is a column, absent about one time in odds.
func genColumn(t *rapid.T, label string, odds int) sqlfilter.Column {
	if rare(t, label+" absent", odds) {
		return sqlfilter.Column{}
	}
	return sqlfilter.Column{Schema: genSchema(t, label+".Schema"), Table: genTable(t, label+".Table"), Name: genName(t, label+".Name", names)}
}

func genMembers(t *rapid.T, label string) sqlfilter.MemberTable {
	if rare(t, label+" absent", 10) {
		return sqlfilter.MemberTable{}
	}
	m := sqlfilter.MemberTable{
		Schema: genSchema(t, label+".Schema"),
		// A member table may have any name, the reserved ones too: the
		// subquery aliases it.
		Table:  rapid.SampledFrom(append(append([]string{"pm", "bm"}, tables...), reservedTables...)).Draw(t, label+".Table"),
		Person: genName(t, label+".Person", names), Target: genName(t, label+".Target", names),
	}
	if rapid.Bool().Draw(t, label+" org") {
		m.Org = genName(t, label+".Org", names)
	}
	if rapid.Bool().Draw(t, label+" type") {
		m.Type, m.TypeValue = genName(t, label+".Type", names), "TYPE-VALUE-MARKER"
	}
	return m
}

// reservedASCII is the test's own statement of the rule: s begins with
// "sqlfilter_" once its ASCII letters are lower-cased (and nothing else
// is).
func reservedASCII(s string) bool {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return strings.HasPrefix(string(b), "sqlfilter_")
}

var allSets = func() (out []set.Set) {
	for s := range set.Systems() {
		out = append(out, s)
	}
	return out
}()

var allPermissions = slices.Collect(permission.All())

func genSubject(t *rapid.T) permission.Subject {
	base := rapid.SampledFrom(allSets).Draw(t, "set")
	if rapid.Bool().Draw(t, "custom") {
		b := set.NewBuilder("custom", base)
		b.Grant(rapid.SliceOfN(rapid.SampledFrom(allPermissions), 0, 3).Draw(t, "grant")...)
		b.Revoke(rapid.SliceOfN(rapid.SampledFrom(allPermissions), 0, 3).Draw(t, "revoke")...)
		if s, err := b.Build(set.Ultimate); err == nil {
			base = s
		}
	}
	s := base.Subject(distinctOrg, distinctSubject+scope.ID(rapid.IntRange(0, 9).Draw(t, "subject")))
	ids := func(label string) scope.Members {
		n := rapid.IntRange(0, 5).Draw(t, label)
		var out []scope.ID
		for i := range n {
			out = append(out, distinctMember+scope.ID(i))
		}
		return scope.NewMembers(out...)
	}
	s.Projects, s.Deals, s.Budgets = ids("projects"), ids("deals"), ids("budgets")
	return s
}

var placeholder = regexp.MustCompile(`\$([0-9]+)`)

// stripIdentifiers returns the text with every double-quoted identifier
// replaced by I, and the identifiers, unescaped.
func stripIdentifiers(sql string) (string, []string, error) {
	var out strings.Builder
	var ids []string
	for i := 0; i < len(sql); i++ {
		if sql[i] != '"' {
			out.WriteByte(sql[i])
			continue
		}
		var id strings.Builder
		for i++; ; i++ {
			if i >= len(sql) {
				return "", nil, fmt.Errorf("unterminated identifier in %q", sql)
			}
			if sql[i] == '"' {
				if i+1 < len(sql) && sql[i+1] == '"' {
					id.WriteByte('"')
					i++
					continue
				}
				break
			}
			id.WriteByte(sql[i])
		}
		ids = append(ids, id.String())
		out.WriteByte('I')
	}
	return out.String(), ids, nil
}

// checkRender is the property: for any schema and filter, New and Render do
// not panic; New refuses exactly the schemas with a column whose table
// begins with ReservedPrefix in some ASCII case (or other invalid names);
// when Render succeeds, the text holds no value (no digits but those of
// placeholders and SELECT 1, no string literal, none of the distinctive
// IDs), every quoted identifier is one the schema gave or the renderer's
// alias, no identifier but the alias itself folds to the reserved prefix,
// the placeholders match the arguments one for one and end at or before
// MaxPlaceholder, and a fragment that is not FALSE starts by constraining
// the organization to Org; Render fails with ErrOffset exactly when the
// offset leaves the fragment too few placeholder numbers.
func checkRender(t *rapid.T) {
	arbitrary = rare(t, "arbitrary names", 10)
	d := rapid.SampledFrom([]sqlfilter.Dialect{sqlfilter.PostgreSQL, sqlfilter.SQLite}).Draw(t, "dialect")
	if rare(t, "no dialect", 20) {
		d = 0
	}
	s := sqlfilter.Schema{Dialect: d, Kinds: map[permission.Kind]sqlfilter.Facts{}}
	given := map[string]bool{"sqlfilter_m": true}
	capturing := false // a column whose table the alias could hide
	note := func(c sqlfilter.Column) sqlfilter.Column {
		given[c.Schema], given[c.Table], given[c.Name] = true, true, true
		capturing = capturing || reservedASCII(c.Table)
		return c
	}
	for k := permission.Kind(0); k <= 14; k++ {
		if rare(t, "kind absent", 8) || !k.IsValid() && !rare(t, "invalid kind", 20) {
			continue
		}
		s.Kinds[k] = sqlfilter.Facts{
			Org: note(genColumn(t, "Org", 200)), Project: note(genColumn(t, "Project", 10)), Visibility: note(genColumn(t, "Visibility", 10)),
			Budget: note(genColumn(t, "Budget", 10)), ClientAccess: note(genColumn(t, "ClientAccess", 10)), Deal: note(genColumn(t, "Deal", 10)),
			Person: note(genColumn(t, "Person", 10)), Approver: note(genColumn(t, "Approver", 10)), PersonRank: note(genColumn(t, "PersonRank", 10)),
		}
	}
	for _, m := range []*sqlfilter.MemberTable{&s.Projects, &s.Deals, &s.Budgets} {
		*m = genMembers(t, "members")
		for _, n := range []string{m.Schema, m.Table, m.Org, m.Person, m.Target, m.Type} {
			given[n] = true
		}
	}
	s.Public = "PUBLIC-MARKER"
	r, err := sqlfilter.New(s)
	if capturing {
		if err == nil || r != nil {
			t.Fatalf("New accepted a column qualified by a reserved table")
		}
		// The same schema with every reserved table renamed: when New
		// accepts it, the reserved name was the reason for the refusal.
		repaired := s
		repaired.Kinds = map[permission.Kind]sqlfilter.Facts{}
		for k, f := range s.Kinds {
			for _, c := range []*sqlfilter.Column{&f.Org, &f.Project, &f.Visibility, &f.Budget, &f.ClientAccess, &f.Deal, &f.Person, &f.Approver, &f.PersonRank} {
				if reservedASCII(c.Table) {
					c.Table = "r"
				}
			}
			repaired.Kinds[k] = f
		}
		if _, rerr := sqlfilter.New(repaired); rerr == nil && !errors.Is(err, sqlfilter.ErrIdentifier) {
			t.Fatalf("New refused a reserved table with %v, want ErrIdentifier", err)
		}
		return
	}
	if err != nil {
		return
	}
	var f permission.Filter
	if !rare(t, "zero filter", 10) {
		f = permission.List(genSubject(t), permission.Action(rapid.IntRange(0, permission.ActionCount+1).Draw(t, "action")))
	}
	o := sqlfilter.Options{
		Form:   rapid.SampledFrom([]sqlfilter.Form{sqlfilter.Params, sqlfilter.Exists}).Draw(t, "form"),
		Offset: rapid.IntRange(0, 30).Draw(t, "offset"),
	}
	if rapid.Bool().Draw(t, "offset near the limit") {
		o.Offset = rapid.IntRange(sqlfilter.MaxPlaceholder-40, sqlfilter.MaxPlaceholder+1).Draw(t, "offset")
	}
	switch {
	case rare(t, "no form", 20):
		o.Form = 0
	case rare(t, "negative offset", 20):
		o.Offset = -1
	}
	sql, args, err := r.Render(f, o)
	renders[err == nil && !f.None()]++
	if o.Form != 0 && o.Offset >= 0 {
		// Whether the offset alone decides the outcome: the fragment's
		// arguments without an offset, and where they would end with one.
		_, base, baseErr := r.Render(f, sqlfilter.Options{Form: o.Form})
		tooFar := o.Offset > sqlfilter.MaxPlaceholder || baseErr == nil && o.Offset+len(base) > sqlfilter.MaxPlaceholder
		if got := errors.Is(err, sqlfilter.ErrOffset); got != tooFar {
			t.Fatalf("offset %d, %d arguments (%v): Render's error is %v", o.Offset, len(base), baseErr, err)
		}
		if err == nil && !cmp.Equal(base, args) {
			t.Fatalf("offset %d changed the arguments: %v, without it %v", o.Offset, args, base)
		}
	}
	if err != nil {
		if sql != "" || args != nil {
			t.Fatalf("Render failed (%v) but returned %q, %v", err, sql, args)
		}
		return
	}
	if f.None() {
		if sql != "FALSE" || len(args) != 0 {
			t.Fatalf("a None filter rendered %q, %v", sql, args)
		}
		return
	}
	text, ids, err := stripIdentifiers(sql)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if !given[id] {
			t.Fatalf("identifier %q is not from the schema: %s", id, sql)
		}
	}
	if d == sqlfilter.PostgreSQL {
		var nums []int
		for _, m := range placeholder.FindAllStringSubmatch(text, -1) {
			n, _ := strconv.Atoi(m[1])
			nums = append(nums, n)
		}
		for i, n := range nums {
			if n != o.Offset+i+1 || n > sqlfilter.MaxPlaceholder {
				t.Fatalf("placeholders %v with offset %d: %s", nums, o.Offset, sql)
			}
		}
		if len(nums) != len(args) || strings.Contains(text, "?") {
			t.Fatalf("%d placeholders, %d args: %s", len(nums), len(args), sql)
		}
		text = placeholder.ReplaceAllString(text, "P")
	} else {
		if n := strings.Count(text, "?"); n != len(args) || strings.Contains(text, "$") {
			t.Fatalf("%d placeholders, %d args: %s", n, len(args), sql)
		}
	}
	text = strings.ReplaceAll(text, "SELECT 1 FROM", "SELECT one FROM")
	if strings.ContainsAny(text, "0123456789'") || strings.Contains(text, "MARKER") {
		t.Fatalf("a value in the text %q (from %s)", text, sql)
	}
	if len(args) == 0 || args[0] != int64(distinctOrg) || !(strings.HasPrefix(text, "(I.I = ") || strings.HasPrefix(text, "(I.I.I = ")) {
		t.Fatalf("the fragment does not start with the organization: %s %v", sql, args)
	}
	for _, a := range args {
		if s, ok := a.(string); ok && strings.HasPrefix(s, "[") && d == sqlfilter.SQLite {
			continue // a JSON ID set for json_each
		}
		switch a.(type) {
		case int64, string, bool, []int64:
		default:
			t.Fatalf("argument %v of type %T", a, a)
		}
	}
}

// renders counts the property's renders that produced a fragment other than
// FALSE, and the others.
var renders = map[bool]int{}

func TestRenderProperty(t *testing.T) {
	clear(renders)
	rapid.Check(t, checkRender)
	if renders[true] == 0 {
		t.Errorf("no check rendered a fragment (%d did not): the generators need tuning", renders[false])
	}
	t.Logf("%d fragments, %d FALSE or errors", renders[true], renders[false])
}

// FuzzRender runs the property on fuzzer-chosen schemas and filters.
func FuzzRender(f *testing.F) { f.Fuzz(rapid.MakeFuzz(checkRender)) }

// The offset leaves room for the fragment's placeholders up to $65535,
// PostgreSQL's last, and not one more, in both dialects; the error names the
// offset. An offset past the limit fails even for a filter with no
// arguments, and a huge one does not overflow.
func TestRenderOffsetLimit(t *testing.T) {
	client := set.MustSystem(role.Client, 0, set.AddonBudgets).Subject(9, 42)
	client.Projects, client.Budgets, client.Plan = scope.NewMembers(5), scope.NewMembers(6, 7), set.Professional
	f := permission.List(client, permission.ViewBudget)
	for _, d := range []sqlfilter.Dialect{sqlfilter.PostgreSQL, sqlfilter.SQLite} {
		r, err := sqlfilter.New(full(d))
		if err != nil {
			t.Fatal(err)
		}
		for _, form := range []sqlfilter.Form{sqlfilter.Params, sqlfilter.Exists} {
			_, base, err := r.Render(f, sqlfilter.Options{Form: form})
			if err != nil {
				t.Fatal(err)
			}
			n := len(base)
			last := sqlfilter.MaxPlaceholder - n
			where, args, err := r.Render(f, sqlfilter.Options{Form: form, Offset: last})
			if err != nil || len(args) != n {
				t.Errorf("%v %v: offset %d (the last that fits %d arguments): %v", d, form, last, n, err)
			}
			if d == sqlfilter.PostgreSQL && (!strings.Contains(where, "$65535") || strings.Contains(where, "$65536")) {
				t.Errorf("%v %v: offset %d: %s", d, form, last, where)
			}
			for _, off := range []int{last + 1, sqlfilter.MaxPlaceholder, sqlfilter.MaxPlaceholder + 1, math.MaxInt, -1, math.MinInt} {
				where, args, err := r.Render(f, sqlfilter.Options{Form: form, Offset: off})
				if !errors.Is(err, sqlfilter.ErrOffset) || where != "" || args != nil || !strings.Contains(err.Error(), "offset "+strconv.Itoa(off)+":") {
					t.Errorf("%v %v: offset %d: Render = %q, %v, %v; want ErrOffset naming the offset", d, form, off, where, args, err)
				}
			}
			if where, _, err := r.Render(permission.Filter{}, sqlfilter.Options{Form: form, Offset: sqlfilter.MaxPlaceholder}); where != "FALSE" || err != nil {
				t.Errorf("%v %v: the zero filter at offset %d: %q, %v", d, form, sqlfilter.MaxPlaceholder, where, err)
			}
			if _, _, err := r.Render(permission.Filter{}, sqlfilter.Options{Form: form, Offset: sqlfilter.MaxPlaceholder + 1}); !errors.Is(err, sqlfilter.ErrOffset) {
				t.Errorf("%v %v: the zero filter at offset %d: %v", d, form, sqlfilter.MaxPlaceholder+1, err)
			}
		}
	}
}
