package permission_test

// Generators shared by the property tests of this package (theorems_test.go,
// matrix_test.go and the rest): subjects drawn from system sets, custom sets
// and by hand, and resources of every kind, over a small pool of IDs so that
// memberships, owners and approvers often coincide.

import (
	"fmt"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
	"pgregory.net/rapid"
)

// pfSystems is every system set, in set.Systems order.
var pfSystems = func() []set.Set {
	var out []set.Set
	for s := range set.Systems() {
		out = append(out, s)
	}
	return out
}()

var pfAllPerms = func() []permission.Permission {
	var out []permission.Permission
	for p := range permission.All() {
		out = append(out, p)
	}
	return out
}()

var pfAllActions = func() []permission.Action {
	var out []permission.Action
	for a := range permission.Actions() {
		out = append(out, a)
	}
	return out
}()

// pfInvalidActions are actions outside the table.
var pfInvalidActions = []permission.Action{0, permission.Action(permission.ActionCount + 1), 255}

// pfPool is the small pool IDs are drawn from, so that memberships, owners
// and approvers often coincide with the subject and the resource.
var pfPool = []scope.ID{1, 2, 3, 4}

// pfIDGen draws an ID from the pool, and now and then the zero ID.
func pfIDGen() *rapid.Generator[scope.ID] {
	return rapid.Custom(func(t *rapid.T) scope.ID {
		if rapid.IntRange(0, 19).Draw(t, "zero") == 0 {
			return 0
		}
		return rapid.SampledFrom(pfPool).Draw(t, "id")
	})
}

// pfMembersGen draws a membership set over the pool.
func pfMembersGen() *rapid.Generator[scope.Members] {
	return rapid.Custom(func(t *rapid.T) scope.Members {
		return scope.NewMembers(rapid.SliceOfN(rapid.SampledFrom(pfPool), 0, 4).Draw(t, "members")...)
	})
}

// pfMaskGen draws any mask: either a few permissions (closed over their
// dependencies or not) or a random bit pattern over the catalogue.
func pfMaskGen() *rapid.Generator[permission.Mask] {
	return rapid.Custom(func(t *rapid.T) permission.Mask {
		if rapid.Bool().Draw(t, "bits") {
			bits := [2]uint64{rapid.Uint64().Draw(t, "pattern"), rapid.Uint64().Draw(t, "pattern 2")}
			var m permission.Mask
			for i, p := range pfAllPerms {
				if bits[i/64%2]>>(i%64)&1 == 1 {
					m = m.With(p)
				}
			}
			return m
		}
		m := permission.MaskOf(rapid.SliceOfN(rapid.SampledFrom(pfAllPerms), 0, 12).Draw(t, "perms")...)
		if rapid.Bool().Draw(t, "closed") {
			m = m.Closure()
		}
		return m
	})
}

// pfRoleGen draws a role, now and then an invalid one.
func pfRoleGen() *rapid.Generator[role.Role] {
	return rapid.Custom(func(t *rapid.T) role.Role {
		if rapid.IntRange(0, 9).Draw(t, "invalid role") == 0 {
			return rapid.SampledFrom([]role.Role{0, 9, 200}).Draw(t, "role")
		}
		return rapid.SampledFrom([]role.Role{role.Staff, role.Coordinator, role.Manager, role.ProfitabilityManager,
			role.Admin, role.Owner, role.Client, role.Contractor}).Draw(t, "role")
	})
}

// pfCustomSet builds a custom set from a system set with random grants and
// revokes; when the builder refuses, it returns the base.
func pfCustomSet(t *rapid.T) set.Set {
	base := rapid.SampledFrom(pfSystems).Draw(t, "base")
	holdable := pfAllPerms
	if rapid.IntRange(0, 3).Draw(t, "anything") != 0 {
		holdable = nil
		for _, p := range pfAllPerms {
			if permission.HoldableBy(base.Role()).Has(p) {
				holdable = append(holdable, p)
			}
		}
	}
	b := set.NewBuilder("custom", base).
		Grant(rapid.SliceOfN(rapid.SampledFrom(holdable), 0, 6).Draw(t, "grant")...).
		Revoke(rapid.SliceOfN(rapid.SampledFrom(pfAllPerms), 0, 3).Draw(t, "revoke")...)
	s, err := b.Build(set.Ultimate)
	if err != nil {
		return base
	}
	return s
}

// pfSubjectGen draws a subject: from a system set, from a custom set, or by
// hand (with permissions the role may hold, or with any role and mask at
// all). IDs and memberships come from the small pool.
func pfSubjectGen() *rapid.Generator[permission.Subject] {
	return rapid.Custom(func(t *rapid.T) permission.Subject {
		var s permission.Subject
		switch how := rapid.IntRange(0, 19).Draw(t, "how"); {
		case how < 6:
			s = rapid.SampledFrom(pfSystems).Draw(t, "system").Subject(testOrg, 0)
		case how < 10:
			s = pfCustomSet(t).Subject(testOrg, 0)
		case how < 12: // clients with budgets, so the Client access chain is hit often
			s = set.MustSystem(role.Client, 0, set.AddonBudgets).Subject(testOrg, 0)
		case how < 17:
			s.Role = pfRoleGen().Draw(t, "role")
			s.Permissions = pfMaskGen().Draw(t, "mask").Intersect(permission.HoldableBy(s.Role))
		default:
			s.Role = pfRoleGen().Draw(t, "role")
			s.Permissions = pfMaskGen().Draw(t, "mask")
		}
		s.Org = pfOrgGen().Draw(t, "organization")
		s.ID = pfIDGen().Draw(t, "subject")
		s.Projects = pfMembersGen().Draw(t, "projects")
		s.Deals = pfMembersGen().Draw(t, "deals")
		s.Budgets = pfMembersGen().Draw(t, "budgets")
		s.Workplace = scope.ID(rapid.IntRange(0, 2).Draw(t, "workplace"))
		s.Plan = permission.Plan(rapid.IntRange(0, 4).Draw(t, "plan"))
		return s
	})
}

// pfValidSubjectGen draws only valid subjects.
func pfValidSubjectGen() *rapid.Generator[permission.Subject] {
	return pfSubjectGen().Filter(func(s permission.Subject) bool { return s.Validate() == nil })
}

var pfKinds = []permission.Kind{
	permission.KindOrganization, permission.KindPerson, permission.KindProject, permission.KindTask,
	permission.KindDoc, permission.KindTimeEntry, permission.KindTimeOff, permission.KindBooking,
	permission.KindBudget, permission.KindDeal, permission.KindInvoice, permission.KindExpense,
	permission.KindContact, permission.KindAllocation, permission.KindClient, permission.KindPurchaseOrder,
	permission.KindService,
}

// pfResourceGen draws any resource: mostly valid kinds, IDs from the pool
// with the zero ID now and then, any visibility.
func pfResourceGen() *rapid.Generator[permission.Resource] {
	return rapid.Custom(func(t *rapid.T) permission.Resource {
		var r permission.Resource
		if rapid.IntRange(0, 19).Draw(t, "invalid kind") == 0 {
			r.Kind = rapid.SampledFrom([]permission.Kind{0, permission.Kind(len(pfKinds) + 1), 255}).Draw(t, "kind")
		} else {
			r.Kind = rapid.SampledFrom(pfKinds).Draw(t, "kind")
		}
		return pfFillResource(t, r)
	})
}

// pfResourceOfKind draws a resource of kind k with random relation fields.
func pfResourceOfKind(k permission.Kind) *rapid.Generator[permission.Resource] {
	return rapid.Custom(func(t *rapid.T) permission.Resource {
		return pfFillResource(t, permission.Resource{Org: testOrg, Kind: k})
	})
}

// pfOrgGen draws testOrg most of the time, another organization now and
// then, and the invalid zero organization rarely.
func pfOrgGen() *rapid.Generator[scope.ID] {
	return rapid.Custom(func(t *rapid.T) scope.ID {
		switch rapid.IntRange(0, 19).Draw(t, "which organization") {
		case 0:
			return 0
		case 1:
			return testOrg + 1
		}
		return testOrg
	})
}

func pfFillResource(t *rapid.T, r permission.Resource) permission.Resource {
	r.Org = pfOrgGen().Draw(t, "resource organization")
	r.ID = scope.ID(rapid.Uint64Range(0, 1000).Draw(t, "resource id"))
	r.Project = pfIDGen().Draw(t, "project")
	if rapid.IntRange(0, 19).Draw(t, "invalid visibility") == 0 {
		r.Visibility = rapid.SampledFrom([]scope.Visibility{0, 3}).Draw(t, "visibility")
	} else {
		r.Visibility = rapid.SampledFrom([]scope.Visibility{scope.Public, scope.Private}).Draw(t, "visibility")
	}
	r.Deal = pfIDGen().Draw(t, "deal")
	r.Budget = pfIDGen().Draw(t, "budget")
	r.ClientAccess = rapid.Bool().Draw(t, "client access")
	r.Person = pfIDGen().Draw(t, "person")
	r.PersonRole = pfRoleGen().Draw(t, "person role") // the Owner and invalid roles included
	r.Approver = pfIDGen().Draw(t, "approver")
	// The relations beyond membership.
	r.Workplace = scope.ID(rapid.IntRange(0, 2).Draw(t, "workplace"))
	r.Manager = pfIDGen().Draw(t, "manager")
	r.ManagerApproves = rapid.Bool().Draw(t, "manager approves")
	r.Approvers = pfMembersGen().Draw(t, "approvers")
	r.ApprovalRequired = rapid.Bool().Draw(t, "approval required")
	r.Approved = rapid.Bool().Draw(t, "approved")
	if rapid.IntRange(0, 9).Draw(t, "no person permissions") != 0 {
		r.PersonPermissions = pfMaskGen().Draw(t, "person permissions")
	}
	return r
}

// pfDescribe prints a case for a failure message.
func pfDescribe(s permission.Subject, a permission.Action, r permission.Resource) string {
	return fmt.Sprintf("subject{ID:%d Role:%v Permissions:%q Projects:%v Deals:%v Budgets:%v Workplace:%d Plan:%v}\naction %v\nresource %+v",
		s.ID, s.Role, s.Permissions.String(), s.Projects, s.Deals, s.Budgets, s.Workplace, s.Plan, a, r)
}

// testOrg is the organization of the subjects and resources of these tests.
const testOrg scope.ID = 1
