package permission_test

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// List says which projects a person may open, as a filter a host turns into
// one query instead of calling Authorize row by row.
//
// A Filter is a conjunction of clauses, each a disjunction of conditions.
// The host writes the SQL for each condition once, for its own schema. For a
// table of records that belong to a project, a deal, a budget or a person,
// with the IDs the filter gives:
//
//	ProjectIsPublic     project visibility = 'public'
//	ProjectIsShared     project_id IN (f.Projects())
//	DealIsAssigned      deal_id IN (f.Deals())
//	BudgetIsShared      budget_id IN (f.Budgets())
//	BudgetClientAccess  budget client_access = TRUE
//	OwnedBySubject      person_id = f.SubjectID()
//	OwnedByOther        person_id <> f.SubjectID()
//	ApprovedBySubject   approver_id = f.SubjectID()
//	PersonManageable    person role <> 'owner' AND person role_rank <= f.SubjectRank()
//
// (role_rank being role.Role.Rank of the person's role: 1 for Staff up to 6
// for the Owner, 0 for clients and contractors.) An empty ID list is FALSE
// (SQL has no empty IN list); a condition the table cannot express is FALSE
// too, so that the query fails closed. [Filter.Everything] needs no WHERE
// clause, and [Filter.None] matches nothing.
//
// This example does it for a projects table with columns id and visibility.
func ExampleList() {
	in := func(column string, ids scope.Members) string {
		if ids.Len() == 0 {
			return "FALSE"
		}
		var list []string
		for id := range ids.All() {
			list = append(list, strconv.FormatUint(uint64(id), 10))
		}
		return column + " IN (" + strings.Join(list, ", ") + ")"
	}
	query := func(f permission.Filter) string {
		const q = "SELECT id FROM projects"
		switch {
		case f.None():
			return q + " WHERE FALSE"
		case f.Everything():
			return q
		}
		var and []string
		for cl := range f.Clauses() {
			var or []string
			for c := range cl.Conditions() {
				switch c {
				case permission.ProjectIsPublic:
					or = append(or, "visibility = 'public'")
				case permission.ProjectIsShared:
					or = append(or, in("id", f.Projects()))
				default: // not a fact about a row of projects
					or = append(or, "FALSE")
				}
			}
			if len(or) == 0 { // a clause with no conditions never holds
				or = append(or, "FALSE")
			}
			and = append(and, "("+strings.Join(or, " OR ")+")")
		}
		return q + " WHERE " + strings.Join(and, " AND ")
	}
	describe := func(f permission.Filter) string {
		switch {
		case f.None():
			return "nothing: " + f.Reason().String()
		case f.Everything():
			return "every project"
		}
		var clauses []string
		for cl := range f.Clauses() {
			var or []string
			for c := range cl.Conditions() {
				or = append(or, c.String())
			}
			clauses = append(clauses, strings.Join(or, " OR ")+" (else "+cl.Reason().String()+")")
		}
		return strings.Join(clauses, " AND ")
	}

	manager := set.MustSystem(role.Manager, scope.Unlimited, 0).Subject(1, 42)
	restricted := set.MustSystem(role.Manager, scope.Restricted, 0).Subject(1, 43)
	restricted.Projects = scope.NewMembers(9, 7)
	staff := set.MustSystem(role.Staff, 0, 0).Subject(1, 44)
	staff.Projects = scope.NewMembers(7)
	client := set.MustSystem(role.Client, 0, 0).Subject(1, 45) // not yet invited anywhere
	admin := set.MustSystem(role.Admin, 0, 0).Subject(1, 46)

	for _, q := range []struct {
		who string
		s   permission.Subject
		a   permission.Action
	}{
		{"Unlimited manager", manager, permission.ViewProject},
		{"Restricted manager", restricted, permission.ViewProject},
		{"Staff", staff, permission.ViewProject},
		{"Client", client, permission.ViewProject},
		{"Client, connecting Jira", client, permission.ConnectJiraProject},
		{"Admin, adding members", admin, permission.AddProjectMember},
	} {
		f := permission.List(q.s, q.a)
		fmt.Printf("%s, %v: %s\n  %s\n", q.who, q.a, describe(f), query(f))
	}
	// Output:
	// Unlimited manager, project.view: every project
	//   SELECT id FROM projects
	// Restricted manager, project.view: project_is_public OR project_is_shared (else private_not_member)
	//   SELECT id FROM projects WHERE (visibility = 'public' OR id IN (7, 9))
	// Staff, project.view: project_is_shared (else not_in_reach)
	//   SELECT id FROM projects WHERE (id IN (7))
	// Client, project.view: project_is_shared (else not_in_reach)
	//   SELECT id FROM projects WHERE (FALSE)
	// Client, connecting Jira, project.connect_jira: nothing: missing_permission
	//   SELECT id FROM projects WHERE FALSE
	// Admin, adding members, project.add_member: every project
	//   SELECT id FROM projects
}
