package sqlfilter_test

import (
	"errors"
	"fmt"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/permission/sqlfilter"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// Tables in a schema of their own (an attached database on SQLite) are
// named part by part, and each part is quoted on its own.
func ExampleRenderer_Render_schemaQualified() {
	r, err := sqlfilter.New(sqlfilter.Schema{
		Dialect: sqlfilter.SQLite,
		Kinds: map[permission.Kind]sqlfilter.Facts{permission.KindProject: {
			Org:        sqlfilter.Column{Schema: "auth", Table: "projects", Name: "org_id"},
			Project:    sqlfilter.Column{Schema: "auth", Table: "projects", Name: "id"},
			Visibility: sqlfilter.Column{Schema: "auth", Table: "projects", Name: "visibility"},
		}},
		Projects: sqlfilter.MemberTable{Schema: "auth", Table: "members", Person: "person_id", Target: "project_id"},
	})
	if err != nil {
		panic(err)
	}
	manager := set.MustSystem(role.Manager, scope.Restricted, 0).Subject(7, 42)
	where, args, err := r.Render(permission.List(manager, permission.ViewProject), sqlfilter.Options{Form: sqlfilter.Exists})
	if err != nil {
		panic(err)
	}
	fmt.Println("SELECT id FROM auth.projects WHERE " + where)
	fmt.Println(args)
	// Output:
	// SELECT id FROM auth.projects WHERE ("auth"."projects"."org_id" = ? AND ("auth"."projects"."visibility" = ? OR EXISTS (SELECT 1 FROM "auth"."members" AS "sqlfilter_m" WHERE "sqlfilter_m"."project_id" = "auth"."projects"."id" AND "sqlfilter_m"."person_id" = ?)))
	// [7 public 42]
}

// A host table or alias that begins with ReservedPrefix, in any case, is
// refused: on SQLite "SQLFILTER_M" is the same name as the subquery's
// alias, and the membership row would stand in for the host's.
func ExampleNew_reservedPrefix() {
	_, err := sqlfilter.New(sqlfilter.Schema{
		Dialect: sqlfilter.SQLite,
		Kinds: map[permission.Kind]sqlfilter.Facts{permission.KindProject: {
			Org: sqlfilter.Column{Table: "SQLFILTER_M", Name: "org_id"},
		}},
	})
	fmt.Println(err)
	fmt.Println(errors.Is(err, sqlfilter.ErrIdentifier))
	// Output:
	// sqlfilter: Kinds[project].Org.Table "SQLFILTER_M": begins with "sqlfilter_", reserved for the renderer's own aliases (in any ASCII case): invalid identifier
	// true
}

// A host whose query binds many values of its own before the fragment says
// how many in Offset; the fragment's placeholders must still end at or
// before $65535 (MaxPlaceholder).
func ExampleOptions_offset() {
	r, err := sqlfilter.New(sqlfilter.Schema{
		Dialect: sqlfilter.PostgreSQL,
		Kinds: map[permission.Kind]sqlfilter.Facts{permission.KindTimeEntry: {
			Org:    sqlfilter.Column{Table: "t", Name: "org_id"},
			Person: sqlfilter.Column{Table: "t", Name: "person_id"},
		}},
	})
	if err != nil {
		panic(err)
	}
	own := permission.List(set.MustSystem(role.Admin, 0, 0).Subject(7, 42), permission.TrackTime) // two arguments
	for _, offset := range []int{sqlfilter.MaxPlaceholder - 2, sqlfilter.MaxPlaceholder - 1} {
		where, _, err := r.Render(own, sqlfilter.Options{Form: sqlfilter.Params, Offset: offset})
		if err != nil {
			fmt.Println(errors.Is(err, sqlfilter.ErrOffset), err)
			continue
		}
		fmt.Println(where)
	}
	// Output:
	// ("t"."org_id" = $65534 AND ("t"."person_id" = $65535))
	// true sqlfilter: offset 65534: the fragment's 2 placeholders would end at $65536, past $65535: placeholder offset out of range
}
