package set_test

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// prBaseRoles is the table of /shared/domain/productive-api.md, written out
// again: base_role_id, the system set, the name Productive shows, and the
// help center's wording.
var prBaseRoles = []struct {
	id     set.BaseRoleID
	role   role.Role
	scope  scope.Scope
	addons set.Addons
	name   string
	seeds  string
}{
	{1, role.Admin, scope.Unlimited, 0, "Admin", "Admin"},
	{2, role.ProfitabilityManager, scope.Unlimited, 0, "Profitability Manager", "Profitability Manager (Unlimited)"},
	{3, role.Staff, scope.Member, 0, "Staff", "Staff"},
	{4, role.Client, scope.Member, set.AddonBudgets, "Client Manager", "a Client with access to budgets and timesheets"},
	{5, role.Client, scope.Member, 0, "Client Staff", "Client"},
	{6, role.Contractor, scope.Member, 0, "Contractor", "Contractor"},
	{7, role.Staff, scope.Member, set.AddonContacts, "Staff with CRM access", "Staff with access to contacts"},
	{8, role.Staff, scope.Member, set.AddonTime, "Staff with time access", "Staff with access to time"},
	{9, role.Staff, scope.Member, set.AddonContacts | set.AddonTime, "Staff with CRM and time access", "Staff with access to contacts and time"},
	{10, role.ProfitabilityManager, scope.Restricted, 0, "Profitability Manager with restricted access", "Profitability Manager (Restricted)"},
	{11, role.Coordinator, scope.Unlimited, 0, "Coordinator", "Coordinator (Unlimited)"},
	{12, role.Manager, scope.Unlimited, 0, "Manager", "Manager (Unlimited)"},
	{13, role.Manager, scope.Restricted, 0, "Manager with restricted access", "Manager (Restricted)"},
	{14, role.Coordinator, scope.Restricted, 0, "Coordinator with restricted access", "Coordinator (Restricted)"},
}

func TestFromBaseRoleID(t *testing.T) {
	seen := map[set.Set]set.BaseRoleID{}
	for _, tt := range prBaseRoles {
		s, err := set.FromBaseRoleID(tt.id, false)
		if err != nil {
			t.Fatalf("FromBaseRoleID(%d): %v", tt.id, err)
		}
		want := set.MustSystem(tt.role, tt.scope, tt.addons)
		if s != want || s.Name() != tt.name || tt.id.Name() != tt.name || tt.id.String() != strconv.Itoa(int(tt.id)) {
			t.Errorf("FromBaseRoleID(%d) = %q (%v %v %v), String %s; want %q (%v %v %v)",
				tt.id, s, s.Role(), s.Scope(), s.Addons(), tt.id, tt.name, tt.role, tt.scope, tt.addons)
		}
		if id, owner := s.BaseRoleID(); id != tt.id || owner {
			t.Errorf("%q.BaseRoleID() = %d, %v; want %d, false", s, id, owner, tt.id)
		}
		if other, dup := seen[s]; dup {
			t.Errorf("base_role_ids %d and %d give the same set %q", other, tt.id, s)
		}
		seen[s] = tt.id
	}

	owner, err := set.FromBaseRoleID(1, true)
	if err != nil || owner != set.MustSystem(role.Owner, 0, 0) || owner.Name() != "Owner" {
		t.Errorf("FromBaseRoleID(1, true) = %q, %v; want the Owner set", owner, err)
	}
	if id, isOwner := owner.BaseRoleID(); id != 1 || !isOwner {
		t.Errorf("Owner.BaseRoleID() = %d, %v; want 1, true", id, isOwner)
	}
}

// Every system set is one base_role_id, or the Owner, and back.
func TestBaseRoleIDCoversSystems(t *testing.T) {
	n := 0
	for s := range set.Systems() {
		n++
		id, owner := s.BaseRoleID()
		if !id.IsValid() {
			t.Errorf("%q has no base_role_id", s)
			continue
		}
		back, err := set.FromBaseRoleID(s.BaseRoleID())
		if err != nil || back != s {
			t.Errorf("FromBaseRoleID(%q.BaseRoleID() = %d, %v) = %q, %v", s, id, owner, back, err)
		}
	}
	if n != len(prBaseRoles)+1 {
		t.Errorf("%d system sets, want the %d base roles and the Owner", n, len(prBaseRoles))
	}
}

func TestBaseRoleIDOfCustomSet(t *testing.T) {
	for _, tt := range prBaseRoles {
		base, _ := set.FromBaseRoleID(tt.id, false)
		if base.Role() == role.Contractor {
			continue // the Contractor set cannot be customized
		}
		custom, err := set.NewBuilder("Custom "+tt.name, base).Build(set.Ultimate)
		if err != nil {
			t.Fatal(err)
		}
		if id, owner := custom.BaseRoleID(); id != tt.id || owner {
			t.Errorf("custom set on %q: BaseRoleID() = %d, %v; want %d, false", base, id, owner, tt.id)
		}
		if custom.Aliases() != nil {
			t.Errorf("custom set on %q has aliases %q", base, custom.Aliases())
		}
	}
	if id, owner := (set.Set{}).BaseRoleID(); id != 0 || owner {
		t.Errorf("the zero Set: BaseRoleID() = %d, %v; want 0, false", id, owner)
	}
}

func TestFromBaseRoleIDErrors(t *testing.T) {
	tests := []struct {
		id    set.BaseRoleID
		owner bool
		msg   string
	}{
		{0, false, "set: base_role_id 0: not one of Productive's base_role_ids 1 to 14"},
		{15, false, "set: base_role_id 15: not one of Productive's base_role_ids 1 to 14"},
		{255, true, "set: base_role_id 255: not one of Productive's base_role_ids 1 to 14"},
		{3, true, "set: base_role_id 3 (Staff) with ownership: the Owner holds the Admin base (1): not one of Productive's base_role_ids 1 to 14"},
		{12, true, "set: base_role_id 12 (Manager) with ownership: the Owner holds the Admin base (1): not one of Productive's base_role_ids 1 to 14"},
	}
	for _, tt := range tests {
		s, err := set.FromBaseRoleID(tt.id, tt.owner)
		if !errors.Is(err, set.ErrBaseRoleID) || err.Error() != tt.msg || s != (set.Set{}) {
			t.Errorf("FromBaseRoleID(%d, %v) = %q, %v; want the zero Set and %s", tt.id, tt.owner, s, err, tt.msg)
		}
	}
	for _, id := range []set.BaseRoleID{0, 15, 200} {
		if id.IsValid() || id.String() != fmt.Sprintf("base_role_id(%d)", id) || id.Name() != "" {
			t.Errorf("BaseRoleID(%d): IsValid %v, String %q", id, id.IsValid(), id)
		}
	}
}

func TestSystemNamed(t *testing.T) {
	for _, tt := range prBaseRoles {
		want := set.MustSystem(tt.role, tt.scope, tt.addons)
		for _, name := range []string{
			tt.name, tt.seeds, strings.ToUpper(tt.name), strings.ToLower(tt.seeds),
			"  " + strings.ReplaceAll(tt.seeds, " ", "   ") + "\t",
		} {
			got, err := set.SystemNamed(name)
			if err != nil || got != want {
				t.Errorf("SystemNamed(%q) = %q, %v; want %q", name, got, err, want)
			}
		}
	}
	if got, err := set.SystemNamed("Owner"); err != nil || got != set.MustSystem(role.Owner, 0, 0) {
		t.Errorf(`SystemNamed("Owner") = %q, %v`, got, err)
	}
}

// The names this library printed before it used Productive's still parse.
func TestSystemNamedFormerNames(t *testing.T) {
	former := map[string]set.Set{
		"Staff":                                        set.MustSystem(role.Staff, 0, 0),
		"Staff with access to contacts":                set.MustSystem(role.Staff, 0, set.AddonContacts),
		"Staff with access to time":                    set.MustSystem(role.Staff, 0, set.AddonTime),
		"Staff with access to contacts and time":       set.MustSystem(role.Staff, 0, set.AddonContacts|set.AddonTime),
		"Coordinator":                                  set.MustSystem(role.Coordinator, scope.Unlimited, 0),
		"Coordinator with restricted access":           set.MustSystem(role.Coordinator, scope.Restricted, 0),
		"Manager":                                      set.MustSystem(role.Manager, scope.Unlimited, 0),
		"Manager with restricted access":               set.MustSystem(role.Manager, scope.Restricted, 0),
		"Profitability Manager":                        set.MustSystem(role.ProfitabilityManager, scope.Unlimited, 0),
		"Profitability Manager with restricted access": set.MustSystem(role.ProfitabilityManager, scope.Restricted, 0),
		"Admin":  set.MustSystem(role.Admin, 0, 0),
		"Owner":  set.MustSystem(role.Owner, 0, 0),
		"Client": set.MustSystem(role.Client, 0, 0),
		"Client with access to budgets and timesheets": set.MustSystem(role.Client, 0, set.AddonBudgets),
		"Contractor": set.MustSystem(role.Contractor, 0, 0),
	}
	for name, want := range former {
		if got, err := set.SystemNamed(name); err != nil || got != want {
			t.Errorf("SystemNamed(%q) = %q, %v; want %q", name, got, err, want)
		}
	}
}

// No name or alias of one set is, as SystemNamed compares them, the name or
// alias of another.
func TestSystemNamesUnique(t *testing.T) {
	owner := map[string]set.Set{}
	for s := range set.Systems() {
		for _, name := range append([]string{s.Name()}, s.Aliases()...) {
			key := strings.ToLower(name)
			if other, dup := owner[key]; dup && other != s {
				t.Errorf("%q names both %q and %q", name, other, s)
			}
			owner[key] = s
			if got, err := set.SystemNamed(name); err != nil || got != s {
				t.Errorf("SystemNamed(%q) = %q, %v; want %q", name, got, err, s)
			}
		}
	}
}

func TestSetAliases(t *testing.T) {
	got := map[string][]string{}
	for s := range set.Systems() {
		if a := s.Aliases(); a != nil {
			got[s.Name()] = a
		}
	}
	want := map[string][]string{
		"Profitability Manager":                        {"Profitability Manager (Unlimited)"},
		"Client Manager":                               {"Client with access to budgets and timesheets"},
		"Client Staff":                                 {"Client"},
		"Staff with CRM access":                        {"Staff with access to contacts"},
		"Staff with time access":                       {"Staff with access to time"},
		"Staff with CRM and time access":               {"Staff with access to contacts and time"},
		"Profitability Manager with restricted access": {"Profitability Manager (Restricted)"},
		"Coordinator":                                  {"Coordinator (Unlimited)"},
		"Manager":                                      {"Manager (Unlimited)"},
		"Manager with restricted access":               {"Manager (Restricted)"},
		"Coordinator with restricted access":           {"Coordinator (Restricted)"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("aliases mismatch (-want +got):\n%s", diff)
	}
	s := set.MustSystem(role.Client, 0, 0)
	s.Aliases()[0] = "changed"
	if s.Aliases()[0] != "Client" {
		t.Error("Aliases returned the table itself")
	}
}

func TestSystemNamedErrors(t *testing.T) {
	tests := []struct{ in, msg string }{
		{"Staf with CRM access", `set: system set "Staf with CRM access": no system set has this name (did you mean "Staff with CRM access"?)`},
		{"Manager (restrictd)", `set: system set "Manager (restrictd)": no system set has this name (did you mean "Manager with restricted access"?)`},
		{"Clients", `set: system set "Clients": no system set has this name (did you mean "Client Staff"?)`},
		{"Ownr", `set: system set "Ownr": no system set has this name (did you mean "Owner"?)`},
		{"Onr", `set: system set "Onr": no system set has this name (did you mean "Owner"?)`}, // two edits: the farthest a short name is suggested
		{"Ox", `set: system set "Ox": no system set has this name`},                           // three edits from "Owner": too far
		{"Accounting", `set: system set "Accounting": no system set has this name`},
		{"", `set: system set "": no system set has this name`},
		{"owner ", ""},
		{strings.Repeat("Staff", 20), `set: system set "` + strings.Repeat("Staff", 20) + `": no system set has this name`},
	}
	for _, tt := range tests {
		s, err := set.SystemNamed(tt.in)
		if tt.msg == "" {
			if err != nil {
				t.Errorf("SystemNamed(%q): %v", tt.in, err)
			}
			continue
		}
		if !errors.Is(err, set.ErrSystemName) || err.Error() != tt.msg || s != (set.Set{}) {
			t.Errorf("SystemNamed(%q) = %q, %v\nwant the zero Set and %s", tt.in, s, err, tt.msg)
		}
	}
}

// FuzzSystemNamed: any input either names a system set, by one of its names
// compared without case, spaces or a leading article, or is an error
// wrapping ErrSystemName and the zero Set.
func FuzzSystemNamed(f *testing.F) {
	for _, tt := range prBaseRoles {
		f.Add(tt.name)
		f.Add(tt.seeds)
	}
	f.Add("Ownr")
	f.Add("")
	f.Fuzz(func(t *testing.T, name string) {
		s, err := set.SystemNamed(name)
		if err != nil {
			if !errors.Is(err, set.ErrSystemName) || s != (set.Set{}) {
				t.Fatalf("SystemNamed(%q) = %q, %v", name, s, err)
			}
			return
		}
		if !s.IsValid() || s.Custom() {
			t.Fatalf("SystemNamed(%q) = %q, not a system set", name, s)
		}
		key := prKey(name)
		for _, n := range append([]string{s.Name()}, s.Aliases()...) {
			if prKey(n) == key {
				return
			}
		}
		t.Fatalf("SystemNamed(%q) = %q, whose names %q do not match", name, s, append([]string{s.Name()}, s.Aliases()...))
	})
}

func prKey(s string) string {
	key := strings.ToLower(strings.Join(strings.Fields(s), " "))
	key = strings.TrimPrefix(key, "a ")
	return strings.TrimPrefix(key, "an ")
}
