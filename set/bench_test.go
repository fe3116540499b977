package set_test

import (
	"encoding/json"
	"testing"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// Package-level sinks keep benchmarked results alive.
var (
	bmSinkSet   set.Set
	bmSinkBytes []byte
	bmSinkErr   error
)

// bmAccounting returns the parts of a realistic custom set: a restricted
// Manager who also connects the accounting integration and sees budget
// profit, but no deals. It fails b if a grant or revoke would be redundant.
func bmAccounting(b *testing.B) (base set.Set, grant, revoke []permission.Permission) {
	b.Helper()
	base = set.MustSystem(role.Manager, scope.Restricted, 0)
	grant = []permission.Permission{permission.IntegrationsManageOrganizational, permission.BudgetsViewProfit}
	revoke = []permission.Permission{permission.DealsView}
	for _, p := range grant {
		if base.Has(p) {
			b.Fatalf("base %q already holds %v", base.Name(), p)
		}
	}
	for _, p := range revoke {
		if !base.Has(p) {
			b.Fatalf("base %q lacks %v", base.Name(), p)
		}
	}
	return base, grant, revoke
}

// BenchmarkBuildCustomSet measures NewBuilder, Grant, Revoke and Build of a
// valid custom set on the Ultimate plan.
func BenchmarkBuildCustomSet(b *testing.B) {
	base, grant, revoke := bmAccounting(b)
	s, err := set.NewBuilder("Accounting", base).Grant(grant...).Revoke(revoke...).Build(set.Ultimate)
	if err != nil {
		b.Fatal(err)
	}
	if !s.Has(permission.IntegrationsManageOrganizational) || s.Has(permission.DealsView) {
		b.Fatalf("built set %q does not reflect its grants and revokes", s.Name())
	}
	b.ReportAllocs()
	for b.Loop() {
		bmSinkSet, bmSinkErr = set.NewBuilder("Accounting", base).Grant(grant...).Revoke(revoke...).Build(set.Ultimate)
	}
}

// BenchmarkSetJSON measures encoding a custom set and decoding it strictly
// with set.Decode.
func BenchmarkSetJSON(b *testing.B) {
	base, grant, revoke := bmAccounting(b)
	s, err := set.NewBuilder("Accounting", base).Grant(grant...).Revoke(revoke...).Build(set.Ultimate)
	if err != nil {
		b.Fatal(err)
	}
	data, err := json.Marshal(s)
	if err != nil {
		b.Fatal(err)
	}
	back, err := set.Decode(data, set.Ultimate)
	if err != nil {
		b.Fatalf("Decode(%s): %v", data, err)
	}
	if back != s {
		b.Fatalf("Decode(%s) = %+v, want %+v", data, back, s)
	}
	b.Run("encode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			bmSinkBytes, bmSinkErr = json.Marshal(s)
		}
	})
	b.Run("decode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			bmSinkSet, bmSinkErr = set.Decode(data, set.Ultimate)
		}
	})
}
