package set_test

import (
	"fmt"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// The client-permissions article: a custom client set that prevents clients
// from altering tasks or accessing docs. It stays on a free seat, and a free
// seat cannot be given a paid permission.
func Example_client() {
	base := set.MustSystem(role.Client, 0, 0)
	s, err := set.NewBuilder("Client without tasks and docs", base).
		Revoke(permission.TasksManage, permission.DocsAccess).
		Build(set.Ultimate)
	fmt.Println(s, s.Seat(), err)

	client := s.Subject(1, 9)
	client.Projects = scope.NewMembers(7)
	task := permission.Resource{Org: 1, Kind: permission.KindTask, Project: 7, Visibility: scope.Private}
	doc := permission.Resource{Org: 1, Kind: permission.KindDoc, Project: 7, Visibility: scope.Private}
	fmt.Println(permission.Authorize(client, permission.ViewTask, task))
	fmt.Println(permission.Authorize(client, permission.AlterTask, task))
	fmt.Println(permission.Authorize(client, permission.OpenDoc, doc))

	_, err = set.NewBuilder("Client with invoices", base).Grant(permission.InvoicesView).Build(set.Ultimate)
	fmt.Println(err)
	// Output:
	// Client without tasks and docs free <nil>
	// task.view is allowed
	// task.alter is denied: a required permission is missing (tasks.manage)
	// doc.open is denied: a required permission is missing (docs.access)
	// set "Client with invoices": invoices.view: permission not available on a free (client) seat
}
