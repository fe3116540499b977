package sqlfilter_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/permission/sqlfilter"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// TestReadmeRendering: the README's SQL "for a restricted Manager" is what
// the renderer writes for its schema (the README's Go snippet), whitespace
// aside, with the arguments it lists.
func TestReadmeRendering(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	i := strings.Index(text, "For a restricted Manager")
	if i < 0 {
		t.Fatal(`README.md has no "For a restricted Manager"`)
	}
	text = text[i:]
	start := strings.Index(text, "```sql\n")
	end := strings.Index(text[start+7:], "```")
	if start < 0 || end < 0 {
		t.Fatal("README.md: no sql block after \"For a restricted Manager\"")
	}
	block := text[start+7 : start+7+end]
	sqlText, argsText, ok := strings.Cut(block, "-- args: ")
	if !ok {
		t.Fatal("README.md: the sql block has no -- args: line")
	}

	onBudget := sqlfilter.Facts{
		Org:          sqlfilter.Column{Table: "i", Name: "org_id"},
		Project:      sqlfilter.Column{Table: "i", Name: "project_id"},
		Visibility:   sqlfilter.Column{Table: "p", Name: "visibility"},
		Budget:       sqlfilter.Column{Table: "i", Name: "budget_id"},
		ClientAccess: sqlfilter.Column{Table: "b", Name: "client_access"},
		Person:       sqlfilter.Column{Table: "i", Name: "person_id"},
		Approver:     sqlfilter.Column{Table: "b", Name: "approver_id"},
	}
	members := func(kind string) sqlfilter.MemberTable {
		return sqlfilter.MemberTable{Table: "memberships", Org: "org_id", Person: "person_id",
			Target: "target_id", Type: "target_type", TypeValue: kind}
	}
	r, err := sqlfilter.New(sqlfilter.Schema{
		Dialect:  sqlfilter.PostgreSQL,
		Kinds:    map[permission.Kind]sqlfilter.Facts{permission.KindInvoice: onBudget},
		Projects: members("project"), Deals: members("deal"), Budgets: members("budget"),
	})
	if err != nil {
		t.Fatal(err)
	}
	manager := set.MustSystem(role.Manager, scope.Restricted, 0).Subject(7, 42)
	where, args, err := r.Render(permission.List(manager, permission.ViewInvoice), sqlfilter.Options{Form: sqlfilter.Exists})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(where, strings.Join(strings.Fields(sqlText), " ")); diff != "" {
		t.Errorf("README.md's SQL for a restricted Manager (-rendered +README):\n%s", diff)
	}
	if diff := cmp.Diff(fmt.Sprint(args), strings.TrimSpace(argsText)); diff != "" {
		t.Errorf("README.md's arguments for a restricted Manager (-rendered +README):\n%s", diff)
	}
}
