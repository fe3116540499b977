package permission_test

import (
	"errors"
	"fmt"
	"log/slog"
	"os"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// A host turns the reason into its answer: 403 with the permission to ask
// for when one is missing, 404 for a record out of reach (so as not to
// reveal that it exists), 400 when the request itself is malformed.
func ExampleDecision_reason() {
	m := set.MustSystem(role.Manager, scope.Restricted, 0).Subject(1, 42)
	m.Projects = scope.NewMembers(7)

	answer := func(d permission.Decision) string {
		switch d.Reason() {
		case permission.Granted:
			return "200 OK"
		case permission.MissingPermission, permission.OwnerOnly:
			return "403 Forbidden: ask for " + d.Missing().String()
		case permission.ClientNeverSees, permission.EmployeesOnly:
			return "403 Forbidden: " + d.Reason().Sentence()
		case permission.InvalidResource:
			return "400 Bad Request: " + d.Reason().Sentence() + ": " + d.Field()
		case permission.InvalidSubject, permission.InvalidAction, permission.KindMismatch:
			return "400 Bad Request: " + d.Reason().Sentence()
		default: // out of reach, not one's own record, not the approver
			return "404 Not Found (" + d.Reason().String() + ")"
		}
	}

	budget := permission.Resource{Org: 1, Kind: permission.KindBudget, ID: 70, Project: 7, Visibility: scope.Private, Budget: 70}
	other := permission.Resource{Org: 1, Kind: permission.KindBudget, ID: 80, Project: 8, Visibility: scope.Private, Budget: 80}
	noID := permission.Resource{Org: 1, Kind: permission.KindBudget, Project: 7, Visibility: scope.Private}

	fmt.Println(answer(permission.Authorize(m, permission.ViewBudgetRevenue, budget)))
	fmt.Println(answer(permission.Authorize(m, permission.ViewBudgetProfit, budget)))
	fmt.Println(answer(permission.Authorize(m, permission.ViewBudgetRevenue, other)))
	fmt.Println(answer(permission.Authorize(m, permission.ViewBudgetRevenue, noID)))
	fmt.Println(answer(permission.Authorize(m, permission.TransferOwnership, permission.Resource{Org: 1, Kind: permission.KindOrganization})))
	// Output:
	// 200 OK
	// 403 Forbidden: ask for budgets.view_profit
	// 404 Not Found (not_in_reach)
	// 400 Bad Request: the resource lacks a field its kind needs: Budget
	// 403 Forbidden: ask for organization.transfer_ownership
}

// Err turns a decision into an error for code that returns one: nil for an
// allow, and for a deny an error that wraps permission.ErrDenied and carries
// the decision.
func ExampleDecision_Err() {
	staff := set.MustSystem(role.Staff, 0, 0).Subject(1, 42)
	staff.Projects = scope.NewMembers(7)
	task := permission.Resource{Org: 1, Kind: permission.KindTask, ID: 1001, Project: 7, Visibility: scope.Private}

	fmt.Println(permission.Authorize(staff, permission.AlterTask, task).Err())

	err := permission.Authorize(staff, permission.ViewTaskWorked, task).Err()
	fmt.Println(err)
	fmt.Println(errors.Is(err, permission.ErrDenied))
	var denied *permission.DeniedError
	if errors.As(err, &denied) {
		fmt.Println(denied.Decision.Reason(), denied.Decision.Missing())
	}
	// Output:
	// <nil>
	// permission: task.view_worked_time is denied: a required permission is missing (time.view_worked)
	// true
	// missing_permission time.view_worked
}

// A Decision logs itself as a group of attributes with log/slog.
func ExampleDecision_LogValue() {
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey && len(groups) == 0 {
				return slog.Attr{} // drop the time, so the output is the same on every run
			}
			return a
		},
	}))

	manager := set.MustSystem(role.Manager, 0, 0).Subject(1, 42)
	org := permission.Resource{Org: 1, Kind: permission.KindOrganization}
	invoice := permission.Resource{Org: 1, Kind: permission.KindInvoice, ID: 9001, Project: 7, Visibility: scope.Private, Budget: 70}

	logger.Info("authorize", "subject", manager.ID, "decision", permission.Authorize(manager, permission.ConnectAccounting, org))
	logger.Info("authorize", "subject", manager.ID, "decision", permission.Authorize(manager, permission.ExportInvoice, invoice))
	// Output:
	// level=INFO msg=authorize subject=42 decision.allowed=false decision.action=integration.connect_accounting decision.reason=missing_permission decision.missing=integrations.manage_organizational
	// level=INFO msg=authorize subject=42 decision.allowed=true decision.action=invoice.export decision.reason=granted
}
