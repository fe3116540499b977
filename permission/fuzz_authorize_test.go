package permission_test

import (
	"testing"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// azBitsOf is the low word of the inverse of azMaskOfBits: bit p for each
// p < 64 in m.
func azBitsOf(m permission.Mask) uint64 {
	var bits uint64
	for p := range m.All() {
		if p < 64 {
			bits |= 1 << uint(p)
		}
	}
	return bits
}

// azHiBitsOf is the high word: bit p-64 for each p >= 64 in m.
func azHiBitsOf(m permission.Mask) uint64 {
	var bits uint64
	for p := range m.All() {
		if p >= 64 {
			bits |= 1 << uint(p-64)
		}
	}
	return bits
}

// FuzzAuthorize feeds Authorize raw field values. Whatever they are,
// Authorize does not panic; an invalid subject, action or resource is never
// allowed; an allow means every required permission is held, and nobody
// changes their own set, the Owner's or that of someone above them; and
// Capabilities and List agree with it.
func FuzzAuthorize(f *testing.F) {
	type seed struct {
		id                 uint64
		role, scope        uint8
		perms              uint64
		m1, m2, m3         uint64
		action, kind       uint8
		project, deal, bud uint64
		vis                uint8
		clientAccess       bool
		person, approver   uint64
		personRole         uint8
	}
	sys := func(r role.Role, sc scope.Scope) uint64 {
		return azBitsOf(azSys(r, sc, 0).Permissions())
	}
	seeds := []seed{
		// Staff on their own project; tracking their own time.
		{1, uint8(role.Staff), uint8(scope.Member), sys(role.Staff, 0), 10, 30, 40, uint8(permission.ViewProject), uint8(permission.KindProject), 10, 0, 0, uint8(scope.Private), false, 0, 0, 0},
		{1, uint8(role.Staff), uint8(scope.Member), sys(role.Staff, 0), 10, 30, 40, uint8(permission.TrackTime), uint8(permission.KindTimeEntry), 10, 0, 40, uint8(scope.Private), false, 1, 3, 0},
		// A restricted Manager: a public project, an unassigned deal.
		{1, uint8(role.Manager), uint8(scope.Restricted), sys(role.Manager, scope.Restricted), 10, 30, 40, uint8(permission.ViewProject), uint8(permission.KindProject), 21, 0, 0, uint8(scope.Public), false, 0, 0, 0},
		{1, uint8(role.Manager), uint8(scope.Restricted), sys(role.Manager, scope.Restricted), 10, 30, 40, uint8(permission.ViewDeal), uint8(permission.KindDeal), 0, 31, 0, 0, false, 0, 0, 0},
		// A client on a shared budget, and asking for worked time.
		{1, uint8(role.Client), uint8(scope.Member), azBitsOf(permission.HoldableBy(role.Client)), 10, 30, 40, uint8(permission.ViewBudget), uint8(permission.KindBudget), 10, 0, 40, uint8(scope.Private), true, 0, 0, 0},
		{1, uint8(role.Client), uint8(scope.Member), azBitsOf(permission.HoldableBy(role.Client)), 10, 30, 40, uint8(permission.ViewTaskWorked), uint8(permission.KindTask), 10, 0, 0, uint8(scope.Private), true, 0, 0, 0},
		// A client holding every bit: invalid.
		{1, uint8(role.Client), uint8(scope.Member), ^uint64(0), 10, 30, 40, uint8(permission.ExportInvoice), uint8(permission.KindInvoice), 10, 0, 40, uint8(scope.Private), true, 0, 0, 0},
		// An Admin approving, an Admin transferring ownership, the Owner doing it.
		{1, uint8(role.Admin), uint8(scope.Unlimited), sys(role.Admin, 0), 0, 0, 0, uint8(permission.ApproveTimeEntry), uint8(permission.KindTimeEntry), 20, 0, 41, uint8(scope.Private), false, 2, 3, 0},
		{1, uint8(role.Admin), uint8(scope.Unlimited), sys(role.Admin, 0), 0, 0, 0, uint8(permission.TransferOwnership), uint8(permission.KindOrganization), 0, 0, 0, 0, false, 0, 0, 0},
		{1, uint8(role.Owner), uint8(scope.Unlimited), ^uint64(0), 0, 0, 0, uint8(permission.TransferOwnership), uint8(permission.KindOrganization), 0, 0, 0, 0, false, 0, 0, 0},
		// An Admin changing another Admin's set, the Owner's, their own; a
		// Manager changing an Admin's; a person without a role.
		{1, uint8(role.Admin), uint8(scope.Unlimited), sys(role.Admin, 0), 0, 0, 0, uint8(permission.ChangePermissionSet), uint8(permission.KindPerson), 0, 0, 0, 0, false, 2, 0, uint8(role.Admin)},
		{1, uint8(role.Admin), uint8(scope.Unlimited), sys(role.Admin, 0), 0, 0, 0, uint8(permission.ChangePermissionSet), uint8(permission.KindPerson), 0, 0, 0, 0, false, 2, 0, uint8(role.Owner)},
		{1, uint8(role.Admin), uint8(scope.Unlimited), sys(role.Admin, 0), 0, 0, 0, uint8(permission.ChangePermissionSet), uint8(permission.KindPerson), 0, 0, 0, 0, false, 1, 0, uint8(role.Admin)},
		{1, uint8(role.Manager), uint8(scope.Unlimited), sys(role.Manager, 0), 0, 0, 0, uint8(permission.ChangePermissionSet), uint8(permission.KindPerson), 0, 0, 0, 0, false, 2, 0, uint8(role.Admin)},
		{1, uint8(role.Admin), uint8(scope.Unlimited), sys(role.Admin, 0), 0, 0, 0, uint8(permission.ChangePermissionSet), uint8(permission.KindPerson), 0, 0, 0, 0, false, 2, 0, 0},
		// Zero everything; out-of-range everything.
		{},
		{0, 255, 255, ^uint64(0), 0, 0, 0, 255, 255, 0, 0, 0, 255, true, 0, 0, 255},
		{1, 9, 4, 0, 1, 1, 1, uint8(permission.ActionCount + 1), 14, 1, 1, 1, 3, false, 1, 1, 9},
	}
	for _, s := range seeds {
		// The high word of a seed's system set, and the relations beyond
		// membership: a subsidiary, time approval on, the policy naming the
		// manager (flags), the person's manager, the Ultimate plan.
		var hi uint64
		if set, err := set.System(role.Role(s.role), scope.Scope(s.scope), 0); err == nil && s.perms == azBitsOf(set.Permissions()) {
			hi = azHiBitsOf(set.Permissions())
		}
		f.Add(s.id, s.role, s.scope, s.perms, hi, s.m1, s.m2, s.m3, s.action, s.kind, s.project, s.deal, s.bud, s.vis, s.clientAccess, s.person, s.approver, s.personRole,
			uint64(5), uint8(1|4), s.id, uint8(set.Ultimate))
	}
	f.Fuzz(func(t *testing.T, id uint64, roleB, scopeB uint8, perms, hi, m1, m2, m3 uint64,
		actionB, kindB uint8, project, deal, budget uint64, vis uint8, clientAccess bool, person, approver uint64, personRole uint8,
		workplace uint64, flags uint8, manager uint64, plan uint8) {
		s := permission.Subject{Org: testOrg,
			ID:          scope.ID(id),
			Role:        role.Role(roleB),
			Permissions: azMaskOfBits(perms, hi),
			Plan:        permission.Plan(plan),
			Projects:    scope.NewMembers(scope.ID(m1), scope.ID(m2)),
			Deals:       scope.NewMembers(scope.ID(m2)),
			Budgets:     scope.NewMembers(scope.ID(m3), scope.ID(m1)),
			Workplace:   scope.ID(workplace),
		}
		a := permission.Action(actionB)
		r := permission.Resource{Org: testOrg,
			Kind: permission.Kind(kindB), ID: scope.ID(id ^ project), Project: scope.ID(project),
			Visibility: scope.Visibility(vis), Deal: scope.ID(deal), Budget: scope.ID(budget),
			ClientAccess: clientAccess, Person: scope.ID(person), PersonRole: role.Role(personRole), Approver: scope.ID(approver),
			Workplace: scope.ID(workplace ^ uint64(flags>>4)), ApprovalRequired: flags&1 != 0, Approved: flags&2 != 0,
			ManagerApproves: flags&4 != 0, Manager: scope.ID(manager), Approvers: scope.NewMembers(scope.ID(approver), scope.ID(m3)),
			PersonPermissions: azMaskOfBits(perms>>uint(flags&7), hi),
		}
		d := permission.Authorize(s, a, r)
		_ = d.String()
		_ = d.LogValue()
		if d.Allowed() {
			switch {
			case s.Validate() != nil:
				t.Fatalf("allowed %v to an invalid subject: %v", a, s.Validate())
			case !a.IsValid():
				t.Fatalf("allowed invalid action %v", a)
			case r.Validate() != nil:
				t.Fatalf("allowed %v on an invalid resource: %v", a, r.Validate())
			case r.Kind != a.Kind():
				t.Fatalf("allowed %v on a %v", a, r.Kind)
			case !a.Requires().SubsetOf(s.Permissions.Implied()):
				t.Fatalf("allowed %v without %v", a, a.Requires().Minus(s.Permissions.Implied()))
			case s.Role.Kind() == role.ClientKind && a.HiddenFromClients():
				t.Fatalf("allowed %v, which clients never see, to a client", a)
			case a == permission.ChangePermissionSet && (r.Person == s.ID || r.PersonRole == role.Owner || r.PersonRole.Outranks(s.Role) ||
				!r.PersonPermissions.SubsetOf(s.Permissions.Implied())):
				// DESIGN: "nobody changes the Owner's set; an Admin does not change their own set", nor a set holding more.
				t.Fatalf("allowed %v to %v %d on %v %d", a, s.Role, s.ID, r.PersonRole, r.Person)
			case s.Role.Kind() == role.ClientKind && !s.Plan.AtLeast(permission.ClientBudgetsPlan) && (r.Kind == permission.KindBudget || r.Kind == permission.KindTimeEntry):
				t.Fatalf("allowed %v to a client on plan %v", a, s.Plan)
			case a == permission.ApproveTimeOff && r.Approvers.Len() == 0 && !(r.ManagerApproves && r.Manager != 0):
				t.Fatalf("allowed %v of a request no policy names an approver of", a)
			}
		}
		if p, _ := permission.Prepare(s); p.Authorize(a, &r) != d {
			t.Fatalf("Principal.Authorize = %v, Authorize = %v", p.Authorize(a, &r), d)
		}
		if got := permission.Capabilities(s, r).Has(a); got != d.Allowed() {
			t.Fatalf("Capabilities(s, r).Has(%v) = %v, Authorize = %v", a, got, d)
		}
		if got := permission.List(s, a).Matches(r); got != d.Allowed() {
			t.Fatalf("List(s, %v).Matches(r) = %v, Authorize = %v", a, got, d)
		}
	})
}
