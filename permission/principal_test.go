package permission_test

import (
	"errors"
	"testing"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
	"pgregory.net/rapid"
)

// prAgrees: a Principal decides exactly as the free functions do for the
// subject it was prepared from, valid or not, on every action and resource;
// Prepare's error is Validate's.
func prAgrees(t *rapid.T) {
	s := pfSubjectGen().Draw(t, "subject")
	p, err := permission.Prepare(s)
	if (err == nil) != (s.Validate() == nil) || err != nil && err.Error() != s.Validate().Error() {
		t.Fatalf("Prepare error %v, Validate %v", err, s.Validate())
	}
	if p.Subject().ID != s.ID || p.Subject().Permissions != s.Permissions {
		t.Fatalf("Subject() = %+v, want %+v", p.Subject(), s)
	}
	var zero permission.Principal // decides as the zero Subject: denies everything
	for _, r := range pfResources(t) {
		for _, a := range []permission.Action{pfActionGen().Draw(t, "zero's action"), permission.ManageOrgSettings} {
			if got, want := zero.Authorize(a, &r), permission.Authorize(permission.Subject{}, a, r); got != want {
				t.Fatalf("zero Principal %v, zero Subject %v\n%s", got, want, pfDescribe(permission.Subject{}, a, r))
			}
			if got, want := zero.List(a), permission.List(permission.Subject{}, a); got != want {
				t.Fatalf("zero Principal's List %v, zero Subject's %v", got, want)
			}
		}
		if !zero.Capabilities(&r).IsEmpty() {
			t.Fatalf("the zero Principal has capabilities on %+v", r)
		}
		if got, want := p.Capabilities(&r), permission.Capabilities(s, r); got != want {
			t.Fatalf("Capabilities: prepared %v, free %v\n%s", got, want, pfDescribe(s, 0, r))
		}
		for _, a := range append(pfActionsOf(r.Kind), pfActionGen().Draw(t, "other action")) {
			if got, want := p.Authorize(a, &r), permission.Authorize(s, a, r); got != want {
				t.Fatalf("prepared %v, free %v\n%s", got, want, pfDescribe(s, a, r))
			}
			if got, want := p.Explain(a, &r), permission.Explain(s, a, r); got != want {
				t.Fatalf("Explain: prepared %v, free %v\n%s", got.Decision(), want.Decision(), pfDescribe(s, a, r))
			}
			if got, want := p.List(a), permission.List(s, a); got != want {
				t.Fatalf("List: prepared %v, free %v", got, want)
			}
		}
	}
}

func TestPrincipalAgrees(t *testing.T) { rapid.Check(t, prAgrees) }
func FuzzPrincipal(f *testing.F)       { f.Fuzz(rapid.MakeFuzz(prAgrees)) }

// TestPrincipalFailsClosed: the nil Principal, one prepared from an invalid
// subject, the zero Principal, and a nil resource are denied, never a panic.
func TestPrincipalFailsClosed(t *testing.T) {
	r := permission.Resource{Org: testOrg, Kind: permission.KindOrganization}
	var nilP *permission.Principal
	bad, err := permission.Prepare(permission.Subject{ID: 1, Role: role.Admin, Permissions: permission.Universe()})
	if !errors.Is(err, permission.ErrInvalidSubject) {
		t.Fatalf("Prepare(no organization) error = %v, want ErrInvalidSubject", err)
	}
	for _, p := range []*permission.Principal{nilP, bad, {}} {
		if d := p.Authorize(permission.ManageOrgSettings, &r); d.Allowed() || d.Reason() != permission.InvalidSubject {
			t.Errorf("Authorize = %v, want invalid_subject", d)
		}
		if !p.Capabilities(&r).IsEmpty() || !p.List(permission.ManageOrgSettings).None() {
			t.Errorf("a principal that is not valid has capabilities or a filter")
		}
	}
	if nilP.Subject() != (permission.Subject{}) {
		t.Errorf("nil Principal's Subject is not zero")
	}
	admin, err := permission.Prepare(set.MustSystem(role.Admin, 0, 0).Subject(testOrg, 2))
	if err != nil {
		t.Fatal(err)
	}
	if d := admin.Authorize(permission.ManageOrgSettings, nil); d.Allowed() || d.Reason() != permission.InvalidResource || d.Field() != "Kind" {
		t.Errorf("nil resource: %v (field %q), want invalid_resource Kind", d, d.Field())
	}
	if e := admin.Explain(permission.ManageOrgSettings, nil); e.Decision() != admin.Authorize(permission.ManageOrgSettings, nil) || e.Len() != 1 {
		t.Errorf("Explain of a nil resource: %v with %d failures, want the decision and one failure", e.Decision(), e.Len())
	}
	if e := nilP.Explain(permission.ManageOrgSettings, &r); e.Decision().Reason() != permission.InvalidSubject || e.Len() != 1 {
		t.Errorf("the nil Principal's Explain: %v", e.Decision())
	}
	if d := admin.Authorize(0, &r); d.Reason() != permission.InvalidAction {
		t.Errorf("zero action: %v", d)
	}
	if !admin.Capabilities(nil).IsEmpty() {
		t.Errorf("nil resource has capabilities")
	}
}

// TestPrincipalNoAllocs guards every entry point of a Principal, on an
// allow and on denies.
func TestPrincipalNoAllocs(t *testing.T) {
	m := set.MustSystem(role.Manager, scope.Restricted, 0).Subject(testOrg, 3)
	m.Projects = scope.NewMembers(7)
	p, err := permission.Prepare(m)
	if err != nil {
		t.Fatal(err)
	}
	mine := permission.Resource{Org: testOrg, Kind: permission.KindProject, Project: 7, Visibility: scope.Private}
	other := permission.Resource{Org: testOrg, Kind: permission.KindProject, Project: 8, Visibility: scope.Private}
	var (
		d    permission.Decision
		caps permission.ActionMask
		f    permission.Filter
	)
	for name, fn := range map[string]func(){
		"Authorize allow": func() { d = p.Authorize(permission.ViewProject, &mine) },
		"Authorize deny":  func() { d = p.Authorize(permission.ViewProject, &other) },
		"Capabilities":    func() { caps = p.Capabilities(&mine) },
		"List":            func() { f = p.List(permission.ViewProject) },
	} {
		if n := testing.AllocsPerRun(100, fn); n != 0 {
			t.Errorf("%s allocates %v times", name, n)
		}
	}
	_, _, _ = d, caps, f
}
