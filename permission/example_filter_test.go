package permission_test

import (
	"fmt"
	"log/slog"
	"os"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// Matches is what a host that filters in memory calls: it agrees with
// Authorize on every well-formed resource of the action's kind. Staff with
// access to time see the time entries of projects they are members of.
func ExampleFilter_Matches() {
	staff := set.MustSystem(role.Staff, 0, set.AddonTime).Subject(1, 42)
	staff.Projects = scope.NewMembers(7)
	staff.Budgets = scope.NewMembers(90)
	f := permission.List(staff, permission.ViewTimeEntry)

	entry := func(project, budget scope.ID) permission.Resource {
		return permission.Resource{Org: 1, Kind: permission.KindTimeEntry, Person: 43, Project: project, Visibility: scope.Private, Budget: budget}
	}
	for _, r := range []permission.Resource{
		entry(7, 70), // on a project they are a member of
		entry(9, 90), // on a budget they are a member of, not of its project: budget membership reaches the time on it
		entry(8, 80), // on neither
		{Org: 1, Kind: permission.KindProject, Project: 7, Visibility: scope.Private}, // not a time entry
	} {
		d := permission.Authorize(staff, permission.ViewTimeEntry, r)
		fmt.Printf("project %d, budget %d: %v (%v)\n", r.Project, r.Budget, f.Matches(r), d.Reason())
	}
	// Output:
	// project 7, budget 70: true (granted)
	// project 9, budget 90: true (granted)
	// project 8, budget 80: false (not_in_reach)
	// project 7, budget 0: false (kind_mismatch)
}

// A filter prints as a line and logs as a group, for the host's logs.
func ExampleFilter_String() {
	m := set.MustSystem(role.Manager, scope.Restricted, 0).Subject(1, 42)
	fmt.Println(permission.List(m, permission.ViewProject))
	fmt.Println(permission.List(set.MustSystem(role.Admin, 0, 0).Subject(1, 2), permission.ViewProject))
	fmt.Println(permission.List(set.MustSystem(role.Staff, 0, 0).Subject(1, 3), permission.ViewBudget))

	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	}))
	logger.Info("listing", "filter", permission.List(m, permission.ViewDeal))
	// Output:
	// project.view: (project_is_public OR project_is_shared) for subject 42 of organization 1
	// project.view: every record of organization 1
	// budget.view: nothing (missing_permission budgets.view)
	// level=INFO msg=listing filter.action=deal.view filter.org=1 filter.subject=42 filter.reason=granted filter.admits="(deal_is_assigned) for subject 42 of organization 1"
}
