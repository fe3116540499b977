package set

import (
	"testing"

	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
)

// A set missing from the table of Productive's names still gets a readable
// name; System never makes one today (TestBaseRoleIDCoversSystems).
func TestProductiveNameFallback(t *testing.T) {
	if got, want := productiveName(role.Client, scope.Member, AddonTime), "Client (member, time)"; got != want {
		t.Errorf("productiveName = %q, want %q", got, want)
	}
	if i := entryOf(role.Staff, scope.Unlimited, AddonBudgets); i != -1 {
		t.Errorf("entryOf a set that does not exist = %d, want -1", i)
	}
}
