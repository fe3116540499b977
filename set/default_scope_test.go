package set_test

import (
	"errors"
	"testing"

	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/set"
)

// TestDefaultScopeFits: every role's default scope is one the role may have,
// and is the scope of its default system set.
func TestDefaultScopeFits(t *testing.T) {
	for r := range role.All() {
		sc := set.DefaultScope(r)
		if !set.ScopeFits(r, sc) {
			t.Errorf("DefaultScope(%v) = %v, which the role cannot have", r, sc)
		}
		if s, err := set.System(r, 0, 0); err != nil || s.Scope() != sc {
			t.Errorf("System(%v, 0, 0) = %q scope %v, %v; want scope %v", r, s.Name(), s.Scope(), err, sc)
		}
	}
}

// TestDefaultScopeInvalidRole: a value that is not a role has no system set
// and so no default scope; the zero Scope it gets reaches nothing.
func TestDefaultScopeInvalidRole(t *testing.T) {
	for _, r := range []role.Role{0, role.Contractor + 1, 255} {
		if sc := set.DefaultScope(r); sc != 0 || sc.IsValid() {
			t.Errorf("DefaultScope(%v) = %v, want the zero Scope", r, sc)
		}
		if s, err := set.System(r, 0, 0); !errors.Is(err, set.ErrRole) || s.IsValid() {
			t.Errorf("System(%v, 0, 0) = %q, %v; want the zero Set and ErrRole", r, s.Name(), err)
		}
	}
}
