package sqlfilter_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/permission/clip"
	"github.com/clearance-go/clearance/permission/sqlfilter"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// setFact returns s with column c as fact i (in Facts order) of every kind.
func setFact(s sqlfilter.Schema, i int, c sqlfilter.Column) sqlfilter.Schema {
	kinds := map[permission.Kind]sqlfilter.Facts{}
	for k, f := range s.Kinds {
		*[]*sqlfilter.Column{&f.Org, &f.Project, &f.Visibility, &f.Budget, &f.ClientAccess, &f.Deal, &f.Person, &f.Approver, &f.PersonRank}[i] = c
		kinds[k] = f
	}
	s.Kinds = kinds
	return s
}

const factCount = 9

// A column's table that begins with the reserved prefix in any ASCII case is
// refused, for every fact, in both dialects, with the name in the error:
// SQLite folds ASCII case in identifiers, so "SQLFILTER_M" would be the
// EXISTS subquery's own alias there, and the outer column would read the
// membership row (the attack of issue 22: three rows where Authorize allows
// one). A schema in front of the table does not help: SQLite matches a
// schema-qualified reference against an aliased table of that schema too.
func TestNewRefusesReservedTables(t *testing.T) {
	for _, name := range []string{"sqlfilter_m", "SQLFILTER_M", "Sqlfilter_M", "sQlFiLtEr_m", "sqlfilter_", "SQLFILTER_", "sqlfilter_projects", "Sqlfilter_m2", `sqlfilter_"m`} {
		for _, d := range []sqlfilter.Dialect{sqlfilter.PostgreSQL, sqlfilter.SQLite} {
			for i := range factCount {
				for _, schema := range []string{"", "auth"} {
					_, err := sqlfilter.New(setFact(full(d), i, sqlfilter.Column{Schema: schema, Table: name, Name: "x"}))
					if !errors.Is(err, sqlfilter.ErrIdentifier) || !strings.Contains(err.Error(), clip.Quote(name)) {
						t.Errorf("%v, fact %d, table %q in schema %q: New = %v; want ErrIdentifier naming the table", d, i, name, schema, err)
					}
				}
			}
		}
	}
}

// Names near the prefix are the host's to use: the prefix without its
// underscore, with a letter before it, with a non-ASCII letter that only
// Unicode folds to s ("ſ", a long s: SQLite does not fold it, PostgreSQL
// compares quoted names exactly); and a schema or a membership table may
// have any name, since the subquery aliases its table.
func TestNewAcceptsNearMisses(t *testing.T) {
	for _, name := range []string{"sqlfilter", "sqlfilterm", "xsqlfilter_m", "ſqlfilter_m", "sqlfilter-m", "sqlfilter m", "SQLFILTER"} {
		if _, err := sqlfilter.New(setFact(full(sqlfilter.SQLite), 5, col(name, "deal"))); err != nil {
			t.Errorf("table %q: %v", name, err)
		}
	}
	s := setFact(full(sqlfilter.SQLite), 5, sqlfilter.Column{Schema: "sqlfilter_m", Table: "r", Name: "deal"})
	s.Projects.Schema, s.Projects.Table = "SQLFILTER_M", "sqlfilter_m"
	if _, err := sqlfilter.New(s); err != nil {
		t.Errorf("reserved-looking schema and membership table: %v", err)
	}
}

// A dot in a table's or schema's name is refused with a pointer to the
// Schema field (issue 22: "auth.members" as the table was quoted as one name
// that no database has); bad schema names are refused as bad table names
// are; a schema without its table is half a column.
func TestNewRefusesQualifiedNamesInOnePart(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(*sqlfilter.Schema)
		say  string
	}{
		{"column table", func(s *sqlfilter.Schema) { *s = setFact(*s, 1, col("auth.r", "project")) }, `.Project.Table "auth.r": holds a dot`},
		{"column schema", func(s *sqlfilter.Schema) {
			*s = setFact(*s, 1, sqlfilter.Column{Schema: "a.uth", Table: "r", Name: "x"})
		}, `.Project.Schema "a.uth": holds a dot`},
		{"members table", func(s *sqlfilter.Schema) { s.Projects.Table = "auth.members" }, `Projects.Table "auth.members": holds a dot`},
		{"members schema", func(s *sqlfilter.Schema) { s.Deals.Schema = "x.y" }, `Deals.Schema "x.y": holds a dot`},
		{"members schema NUL", func(s *sqlfilter.Schema) { s.Deals.Schema = "a\x00" }, `Deals.Schema "a\x00": NUL byte`},
		{"column schema too long", func(s *sqlfilter.Schema) {
			*s = setFact(*s, 2, sqlfilter.Column{Schema: strings.Repeat("s", 64), Table: "r", Name: "x"})
		}, `.Visibility.Schema "ssss`},
		{"schema without table", func(s *sqlfilter.Schema) { *s = setFact(*s, 3, sqlfilter.Column{Schema: "auth", Name: "x"}) }, `.Budget.Table: empty name`},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := full(sqlfilter.PostgreSQL)
			c.edit(&s)
			r, err := sqlfilter.New(s)
			if !errors.Is(err, sqlfilter.ErrIdentifier) || r != nil || !strings.Contains(err.Error(), c.say) {
				t.Errorf("New = %v, %v; want ErrIdentifier saying %s", r, err, c.say)
			}
		})
	}
}

// An error quotes at most 64 bytes of a name, whatever its length, and
// escapes control characters.
func TestErrorsClipNames(t *testing.T) {
	long := strings.Repeat("\x00\n", 1<<19)
	for _, edit := range []func(*sqlfilter.Schema){
		func(s *sqlfilter.Schema) { s.Projects.Table = long },
		func(s *sqlfilter.Schema) { s.Projects.Schema = long },
		func(s *sqlfilter.Schema) { s.Projects.Person = long },
		func(s *sqlfilter.Schema) { s.Projects.Type = long; s.Projects.TypeValue = nil },
		func(s *sqlfilter.Schema) { *s = setFact(*s, 0, col("r", long)) },
		func(s *sqlfilter.Schema) { *s = setFact(*s, 0, col("SQLFILTER_"+long, "x")) },
		func(s *sqlfilter.Schema) { *s = setFact(*s, 0, col("."+long, "x")) },
		func(s *sqlfilter.Schema) { *s = setFact(*s, 0, col("r", strings.Repeat("é", 40))) },
	} {
		s := full(sqlfilter.SQLite)
		edit(&s)
		_, err := sqlfilter.New(s)
		if err == nil || len(err.Error()) > 400 || strings.ContainsAny(err.Error(), "\x00\n") {
			t.Errorf("New's error is %d bytes: %.300q", len(err.Error()), err)
		}
	}
}

// Schema-qualified tables render part by part, each part quoted, quotes
// doubled; the membership table's schema goes before its name and the alias
// after it.
func TestRenderQualifiedNames(t *testing.T) {
	s := sqlfilter.Schema{
		Dialect: sqlfilter.PostgreSQL,
		Kinds: map[permission.Kind]sqlfilter.Facts{permission.KindProject: {
			Org:        sqlfilter.Column{Schema: "auth", Table: "projects", Name: "org_id"},
			Project:    sqlfilter.Column{Schema: "auth", Table: "projects", Name: "id"},
			Visibility: sqlfilter.Column{Table: `we"ird`, Name: `vis"ibility`},
		}},
		Projects: sqlfilter.MemberTable{Schema: `au"th`, Table: "members", Person: "person_id", Target: "project_id"},
	}
	r, err := sqlfilter.New(s)
	if err != nil {
		t.Fatal(err)
	}
	m := set.MustSystem(role.Manager, scope.Restricted, 0).Subject(9, 42)
	where, _, err := r.Render(permission.List(m, permission.ViewProject), sqlfilter.Options{Form: sqlfilter.Exists})
	if err != nil {
		t.Fatal(err)
	}
	want := `("auth"."projects"."org_id" = $1 AND ("we""ird"."vis""ibility" = $2 OR EXISTS (SELECT 1 FROM "au""th"."members" AS "sqlfilter_m" WHERE "sqlfilter_m"."project_id" = "auth"."projects"."id" AND "sqlfilter_m"."person_id" = $3)))`
	if diff := cmp.Diff(want, where); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
