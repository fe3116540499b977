package permission_test

import (
	"slices"
	"testing"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
	"pgregory.net/rapid"
)

// azCase is one generated question: may Subject take Action on Resource?
type azCase struct {
	S permission.Subject
	A permission.Action
	R permission.Resource
}

// azIDPool is where generated memberships and resource IDs come from: small,
// so that memberships hit and miss about equally.
var azIDPool = []scope.ID{1, 2, 3}

// azGenID draws an ID from the pool, or now and then 0 (no ID).
func azGenID(t *rapid.T, label string) scope.ID {
	if rapid.IntRange(0, 9).Draw(t, label+"Zero") == 0 {
		return 0
	}
	return rapid.SampledFrom(azIDPool).Draw(t, label)
}

// azMaskOfBits is the set of permissions p whose bit p is set in lo (p <
// 64) or bit p-64 in hi.
func azMaskOfBits(lo, hi uint64) permission.Mask {
	var m permission.Mask
	for p := range permission.All() {
		if p < 64 && lo&(1<<uint(p)) != 0 || p >= 64 && hi&(1<<uint(p-64)) != 0 {
			m = m.With(p)
		}
	}
	return m
}

// azGenRelated draws an ID that is, half of the time, one of members (when
// there are any), so that membership conditions hold about as often as not.
func azGenRelated(t *rapid.T, members scope.Members, label string) scope.ID {
	if ids := slices.Collect(members.All()); len(ids) > 0 && rapid.Bool().Draw(t, label+"IsMember") {
		return rapid.SampledFrom(ids).Draw(t, label+"Member")
	}
	return azGenID(t, label)
}

// azGenMembers draws a small set of IDs from the pool.
func azGenMembers(t *rapid.T, label string) scope.Members {
	return scope.NewMembers(rapid.SliceOfN(rapid.SampledFrom(azIDPool), 0, 3).Draw(t, label)...)
}

// azGenSubject draws a subject that is valid more often than not: a role
// from 0 to 9 (0 and 9 invalid), a scope that fits it or one from 0 to 4,
// and permissions that are a system set's, within what the role may hold, or
// anything at all.
var azGenSubject = rapid.Custom(func(t *rapid.T) permission.Subject {
	r := role.Role(rapid.IntRange(1, 8).Draw(t, "role"))
	if rapid.IntRange(0, 7).Draw(t, "rawRole") == 0 {
		r = role.Role(rapid.IntRange(0, 9).Draw(t, "anyRole"))
	}
	var perms permission.Mask
	switch rapid.IntRange(0, 5).Draw(t, "perms") {
	case 0, 1: // a system set's, when there is one
		var systems []set.Set
		for s := range set.Systems() {
			if s.Role() == r {
				systems = append(systems, s)
			}
		}
		if len(systems) > 0 {
			perms = rapid.SampledFrom(systems).Draw(t, "system").Permissions()
		}
	case 2, 3: // within what the role may hold
		perms = azMaskOfBits(rapid.Uint64().Draw(t, "bits"), rapid.Uint64().Draw(t, "hiBits")).Intersect(permission.HoldableBy(r))
	case 4: // everything the role may hold
		perms = permission.HoldableBy(r)
	default: // anything, likely beyond what the role may hold
		perms = azMaskOfBits(rapid.Uint64().Draw(t, "anyBits"), rapid.Uint64().Draw(t, "anyHiBits"))
	}
	return permission.Subject{Org: testOrg,
		ID:          azGenID(t, "id"),
		Role:        r,
		Permissions: perms,
		Projects:    azGenMembers(t, "projects"),
		Deals:       azGenMembers(t, "deals"),
		Budgets:     azGenMembers(t, "budgets"),
		Plan:        permission.Plan(rapid.IntRange(0, 5).Draw(t, "plan")),
		Workplace:   scope.ID(rapid.IntRange(0, 2).Draw(t, "workplace")),
	}
})

// azGenAction draws an action, including 0 and a few past the table.
var azGenAction = rapid.Custom(func(t *rapid.T) permission.Action {
	if rapid.IntRange(0, 15).Draw(t, "rawAction") == 0 {
		return permission.Action(rapid.IntRange(0, permission.ActionCount+2).Draw(t, "anyAction"))
	}
	return permission.Action(rapid.IntRange(1, permission.ActionCount).Draw(t, "action"))
})

// azGenResource draws a resource for subject s and action a: mostly of a's
// kind, with IDs from the pool or the subject's memberships, any visibility
// (0 and 3 invalid), Person and Approver often the subject, and any
// PersonRole (0 and 9 invalid), the Owner and the subject's own role
// included.
func azGenResource(t *rapid.T, s permission.Subject, a permission.Action) permission.Resource {
	kind := a.Kind()
	if rapid.IntRange(0, 7).Draw(t, "otherKind") == 0 {
		kind = permission.Kind(rapid.IntRange(0, 20).Draw(t, "kind"))
	}
	vis := scope.Visibility(rapid.IntRange(1, 2).Draw(t, "visibility"))
	if rapid.IntRange(0, 9).Draw(t, "rawVisibility") == 0 {
		vis = scope.Visibility(rapid.IntRange(0, 3).Draw(t, "anyVisibility"))
	}
	people := append([]scope.ID{0, s.ID}, azIDPool...)
	personRole := role.Role(rapid.IntRange(1, 8).Draw(t, "personRole"))
	switch rapid.IntRange(0, 7).Draw(t, "rawPersonRole") {
	case 0:
		personRole = role.Role(rapid.IntRange(0, 9).Draw(t, "anyPersonRole"))
	case 1:
		personRole = s.Role
	}
	return permission.Resource{
		Org:          pfOrgGen().Draw(t, "organization"),
		Kind:         kind,
		ID:           azGenID(t, "resID"),
		Project:      azGenRelated(t, s.Projects, "project"),
		Visibility:   vis,
		Deal:         azGenRelated(t, s.Deals, "deal"),
		Budget:       azGenRelated(t, s.Budgets, "budget"),
		ClientAccess: rapid.Bool().Draw(t, "clientAccess"),
		Person:       rapid.SampledFrom(people).Draw(t, "person"),
		PersonRole:   personRole,
		Approver:     rapid.SampledFrom(people).Draw(t, "approver"),
		// The relations beyond membership: workplaces from a tiny range so
		// they collide, approval policies, and the person's own set (empty,
		// the subject's, or anything).
		Workplace:        scope.ID(rapid.IntRange(0, 2).Draw(t, "workplace")),
		Manager:          rapid.SampledFrom(people).Draw(t, "manager"),
		ManagerApproves:  rapid.Bool().Draw(t, "managerApproves"),
		Approvers:        scope.NewMembers(rapid.SliceOfN(rapid.SampledFrom(people[1:]), 0, 2).Draw(t, "approvers")...),
		ApprovalRequired: rapid.Bool().Draw(t, "approvalRequired"),
		Approved:         rapid.Bool().Draw(t, "approved"),
		PersonPermissions: rapid.SampledFrom([]permission.Mask{{}, s.Permissions, permission.HoldableBy(role.Staff),
			azMaskOfBits(rapid.Uint64().Draw(t, "personBits"), rapid.Uint64().Draw(t, "personHiBits"))}).Draw(t, "personPermissions"),
	}
}

var azGenCase = rapid.Custom(func(t *rapid.T) azCase {
	s := azGenSubject.Draw(t, "subject")
	a := azGenAction.Draw(t, "action")
	return azCase{S: s, A: a, R: azGenResource(t, s, a)}
})

// azCheckCapabilities: Capabilities(s, r) is exactly the set of actions a
// for which Authorize(s, a, r) allows, and holds only actions of r's kind.
func azCheckCapabilities(t *rapid.T, c azCase) {
	caps := permission.Capabilities(c.S, c.R)
	if got, want := caps.Has(c.A), permission.Authorize(c.S, c.A, c.R).Allowed(); got != want {
		t.Fatalf("Capabilities(s, r).Has(%v) = %v, Authorize allowed = %v", c.A, got, want)
	}
	var want permission.ActionMask
	for a := range permission.Actions() {
		if permission.Authorize(c.S, a, c.R).Allowed() {
			want = want.With(a)
		}
	}
	if caps != want {
		t.Fatalf("Capabilities(s, r) = {%v}, want the allowed actions {%v}", caps, want)
	}
	for a := range caps.All() {
		if a.Kind() != c.R.Kind {
			t.Fatalf("Capabilities on a %v holds %v, an action on a %v", c.R.Kind, a, a.Kind())
		}
	}
}

// azHolds is what a host writes for each condition of a Filter clause: its
// meaning, as Condition's documentation gives it, evaluated on r.
func azHolds(f permission.Filter, cond permission.Condition, r permission.Resource) bool {
	switch cond {
	case permission.ProjectIsPublic:
		return r.Visibility == scope.Public
	case permission.ProjectIsShared:
		return f.Projects().Has(r.Project)
	case permission.DealIsAssigned:
		return f.Deals().Has(r.Deal)
	case permission.BudgetIsShared:
		return r.Budget != 0 && f.Budgets().Has(r.Budget)
	case permission.BudgetClientAccess:
		return r.ClientAccess
	case permission.OwnedBySubject:
		return r.Person == f.SubjectID()
	case permission.OwnedByOther:
		return r.Person != f.SubjectID()
	case permission.ApprovedBySubject:
		return r.Approver == f.SubjectID()
	case permission.PersonManageable:
		// person.role <> 'owner' AND person.role_rank <= f.SubjectRank(),
		// where a role outside the employee order ranks 0.
		return r.PersonRole != role.Owner && r.PersonRole.Rank() <= f.SubjectRank()
	case permission.PersonWithinRights:
		return r.PersonPermissions.SubsetOf(f.SubjectPermissions())
	case permission.SameWorkplace:
		return r.Workplace != 0 && r.Workplace == f.SubjectWorkplace()
	case permission.ApprovalOn:
		return r.ApprovalRequired
	case permission.ApprovalOff:
		return !r.ApprovalRequired
	case permission.EntryApproved:
		return r.Approved
	case permission.NamedApprover:
		return r.Approvers.Has(f.SubjectID())
	case permission.ManagerApprover:
		return r.ManagerApproves && r.Manager != 0 && r.Manager == f.SubjectID()
	case permission.AwaitsApprover:
		return r.Approvers.Len() > 0 || r.ManagerApproves && r.Manager != 0
	}
	return false // an unknown condition never holds
}

// azCheckList: List(s, a).Matches(r) agrees with Authorize; and a host that
// evaluates the filter's clauses by the documented meaning of each condition
// (as it would in SQL) gets the same answer for every well-formed resource
// of a's kind, and, when it is a deny, the first failing clause names the
// decision's reason. When nothing matches, the filter's reason is the
// decision's.
func azCheckList(t *rapid.T, c azCase) {
	f := permission.List(c.S, c.A)
	d := permission.Authorize(c.S, c.A, c.R)
	if got := f.Matches(c.R); got != d.Allowed() {
		t.Fatalf("List(s, %v).Matches(r) = %v, Authorize = %v", c.A, got, d)
	}
	if f.Action() != c.A {
		t.Fatalf("Filter.Action() = %v, want %v", f.Action(), c.A)
	}
	if c.R.Kind != c.A.Kind() || c.R.Validate() != nil || d.Reason() == permission.InvalidResource {
		return // the filter describes well-formed records (the action's own fields included)
	}
	if c.R.Org != c.S.Org { // another organization's record: denied before any clause
		if c.S.Validate() == nil && d.Reason() != permission.OtherOrganization {
			t.Fatalf("Authorize = %v on a record of organization %d for a subject of %d", d, c.R.Org, c.S.Org)
		}
		return
	}
	if f.None() {
		if d.Allowed() || d.Reason() != f.Reason() {
			t.Fatalf("List(s, %v) matches nothing because %v, but Authorize = %v", c.A, f.Reason(), d)
		}
		return
	}
	if f.Reason() != permission.Granted {
		t.Fatalf("Filter.Reason() = %v for a filter that matches something", f.Reason())
	}
	n := 0
	host, why := true, permission.Granted
	for cl := range f.Clauses() {
		n++
		ok := false
		for cond := range cl.Conditions() {
			ok = ok || azHolds(f, cond, c.R)
		}
		if !ok && host {
			host, why = false, cl.Reason()
		}
	}
	if f.Everything() != (n == 0) {
		t.Fatalf("Filter.Everything() = %v with %d clauses", f.Everything(), n)
	}
	if host != d.Allowed() || why != d.Reason() {
		t.Fatalf("the host's evaluation of List(s, %v) gives %v (%v), Authorize = %v", c.A, host, why, d)
	}
}

// azCheckAllowImplies: an allow is only ever given to a valid subject on a
// valid resource of the action's kind, holding every permission the action
// requires, never to a client for what clients never see, and never to
// change one's own permission set, the Owner's or a higher-ranked person's.
// The decision always names the action asked about.
func azCheckAllowImplies(t *rapid.T, c azCase) {
	d := permission.Authorize(c.S, c.A, c.R)
	held := c.S.Permissions.Implied() // what the subject holds, with what it implies
	if d.Action() != c.A {
		t.Fatalf("Decision.Action() = %v, want %v", d.Action(), c.A)
	}
	if !d.Reason().IsValid() || d.Reason() == permission.NoDecision {
		t.Fatalf("Authorize gave reason %v", d.Reason())
	}
	byPermission := d.Reason() == permission.MissingPermission || d.Reason() == permission.OwnerOnly
	switch p := d.Missing(); {
	case byPermission && p == 0:
		t.Fatalf("Authorize = %v: reason %v names no permission", d, d.Reason())
	case byPermission && !c.A.Requires().SubsetOf(held):
		missing := c.A.Requires().Minus(held)
		if !missing.Has(p) {
			t.Fatalf("Authorize = %v names %v, which is held or not required", d, p)
		}
		// It names what the action is about: the first missing permission,
		// in catalogue order, that no other missing one depends on.
		var tops permission.Mask
		for q := range missing.All() {
			top := true
			for o := range missing.All() {
				top = top && (o == q || !permission.MaskOf(o).Closure().Has(q))
			}
			if top {
				tops = tops.With(q)
			}
		}
		if want := tops.First(); p != want {
			t.Fatalf("Authorize = %v names %v; of missing %v it should name %v", d, p, missing, want)
		}
		if (d.Reason() == permission.OwnerOnly) != (p.OwnerOnly() && c.S.Role != role.Owner) {
			t.Fatalf("Authorize = %v: reason %v for missing %v", d, d.Reason(), p)
		}
	case p != 0:
		// Every required permission is held: the deny is one of reach, and
		// what it names is a reach right of the action's object type that
		// the subject lacks: the one it needs to reach anything
		// (missing_permission), or a wider one its role may hold.
		if !p.IsReachRight() || held.Has(p) || !byPermission && !permission.HoldableBy(c.S.Role).Has(p) {
			t.Fatalf("Authorize = %v names %v: want a reach right the subject lacks (and may hold)", d, p)
		}
	}
	if !d.Allowed() {
		if d.Err() == nil {
			t.Fatalf("a deny (%v) has a nil Err", d)
		}
		return
	}
	if d.Err() != nil {
		t.Fatalf("an allow has Err %v", d.Err())
	}
	if err := c.S.Validate(); err != nil {
		t.Fatalf("allowed %v to an invalid subject: %v", c.A, err)
	}
	if err := c.R.Validate(); err != nil {
		t.Fatalf("allowed %v on an invalid resource: %v", c.A, err)
	}
	if !c.A.IsValid() || c.R.Kind != c.A.Kind() {
		t.Fatalf("allowed %v on a %v", c.A, c.R.Kind)
	}
	if !c.A.Requires().SubsetOf(held) {
		t.Fatalf("allowed %v without %v", c.A, c.A.Requires().Minus(held))
	}
	if c.S.Role.Kind() == role.ClientKind && c.A.HiddenFromClients() {
		t.Fatalf("allowed %v, which clients never see, to a client", c.A)
	}
	// DESIGN (No escalation): "nobody changes the Owner's set; an Admin does
	// not change their own set", and nobody the set of someone above them.
	if c.A == permission.ChangePermissionSet &&
		(c.R.Person == c.S.ID || c.R.PersonRole == role.Owner || c.R.PersonRole.Outranks(c.S.Role)) {
		t.Fatalf("allowed %v to %v %d on the record of %v %d", c.A, c.S.Role, c.S.ID, c.R.PersonRole, c.R.Person)
	}
}

// azEveryAction calls check with c and with c asked of every other action
// (and a few invalid ones) on the same subject and record; when c's
// resource is of c's action's kind, it is moved to each action's kind.
// Rare paths (approvers, clients on shared budgets) come up far more often
// this way than from one action per drawn case.
func azEveryAction(t *rapid.T, c azCase, check func(*rapid.T, azCase)) {
	check(t, c)
	sameKind := c.R.Kind == c.A.Kind()
	for a := permission.Action(0); a <= permission.Action(permission.ActionCount+2); a++ {
		o := c
		o.A = a
		if sameKind {
			o.R.Kind = a.Kind()
		}
		check(t, o)
	}
}

// azCasesPerCheck is how many cases each rapid test case draws: the checks
// are cheap and the rare paths (a client on a budget shared in every way but
// one) need more than rapid's default hundred draws to come up reliably.
const azCasesPerCheck = 10

func azManyCases(check func(*rapid.T, azCase)) func(*rapid.T) {
	return func(t *rapid.T) {
		for i := 0; i < azCasesPerCheck; i++ {
			check(t, azGenCase.Draw(t, "case"))
		}
	}
}

func TestAuthorizeCapabilitiesAgree(t *testing.T) {
	rapid.Check(t, azManyCases(azCheckCapabilities))
}

func TestAuthorizeListAgree(t *testing.T) {
	rapid.Check(t, azManyCases(func(t *rapid.T, c azCase) { azEveryAction(t, c, azCheckList) }))
}

func TestAuthorizeAllowImplies(t *testing.T) {
	rapid.Check(t, azManyCases(func(t *rapid.T, c azCase) { azEveryAction(t, c, azCheckAllowImplies) }))
}

// azConsistency is all three properties on one generated case, for the fuzz
// target.
func azConsistency(t *rapid.T) {
	c := azGenCase.Draw(t, "case")
	azCheckCapabilities(t, c)
	azEveryAction(t, c, azCheckList)
	azEveryAction(t, c, azCheckAllowImplies)
}

func FuzzConsistency(f *testing.F) { f.Fuzz(rapid.MakeFuzz(azConsistency)) }

// Sinks keep the compiler from optimizing the measured calls away.
var (
	azSinkDecision permission.Decision
	azSinkCaps     permission.ActionMask
	azSinkMatch    bool
)

// azReasonCases returns one case per reason Authorize can give.
func azReasonCases() map[permission.Reason]azCase {
	staff := azSubjectOf(azSys(role.Staff, 0, 0))
	coordinator := azSubjectOf(azSys(role.Coordinator, 0, 0))
	manager := azSubjectOf(azSys(role.Manager, 0, 0))
	managerR := azSubjectOf(azSys(role.Manager, scope.Restricted, 0))
	admin := azSubjectOf(azSys(role.Admin, 0, 0))
	client := azSubjectOf(azSys(role.Client, 0, set.AddonBudgets))
	contractor := azSubjectOf(azSys(role.Contractor, 0, 0))
	noBudget := azBudget(azBudgetMine, true)
	noBudget.Budget = 0
	elsewhere := azBudget(azBudgetMine, true)
	elsewhere.Org = testOrg + 1
	subsidiary := staff // "View absence bookings for users in their subsidiary"
	subsidiary.Permissions = subsidiary.Permissions.With(permission.TimeOffViewSubsidiary)
	elsewhereOff := azTimeOff(azOther)
	elsewhereOff.Workplace = azWorkplaceOther
	costly := azPerson(azOther) // a Staff member whose custom set sees cost rates, which a Manager lacks
	costly.PersonPermissions = costly.PersonPermissions.With(permission.PeopleViewCostRates).Closure()
	essential := client
	essential.Plan = set.Essential
	return map[permission.Reason]azCase{
		permission.OtherOrganization: {admin, permission.ViewBudget, elsewhere},
		permission.Granted:           {staff, permission.ViewProject, azProject(azProjMine)},
		permission.MissingPermission: {staff, permission.ViewBudget, azBudget(azBudgetMine, false)},
		permission.NotInReach:        {staff, permission.ViewProject, azProject(azProjPublic)},
		permission.PrivateNotMember:  {managerR, permission.ViewProject, azProject(azProjPrivate)},
		permission.DealNotAssigned:   {managerR, permission.ViewDeal, azDeal(azDealOther)},
		permission.BudgetNotShared:   {client, permission.ViewBudget, azBudget(azBudgetUnshared, true)},
		permission.ClientAccessOff:   {client, permission.ViewBudget, azBudget(azBudgetMine, false)},
		permission.ClientNeverSees:   {client, permission.ViewTaskWorked, azTask(azProjMine)},
		permission.NotOwnRecord:      {staff, permission.TrackTime, azEntry(azOther, azBudgetMine, azThird)},
		permission.OwnRecordRefused:  {coordinator, permission.ApproveTimeOff, azTimeOff(azMe)},
		permission.NotApprover:       {manager, permission.ApproveTimeEntry, azPending(azEntry(azOther, azBudgetMine, azThird))},
		permission.OwnerOnly:         {admin, permission.TransferOwnership, azOrg()},
		permission.InvalidSubject:    {permission.Subject{}, permission.ViewProject, azProject(azProjMine)},
		permission.InvalidAction:     {staff, 0, azProject(azProjMine)},
		permission.InvalidResource:   {manager, permission.ViewBudget, noBudget},
		permission.KindMismatch:      {staff, permission.AlterTask, azProject(azProjMine)},
		permission.EmployeesOnly:     {contractor, permission.JoinProject, azProject(azProjPublic)},
		permission.PersonProtected:   {admin, permission.ChangePermissionSet, azPersonAs(azOther, role.Owner)},
		permission.NothingToApprove:  {manager, permission.ApproveTimeEntry, azEntry(azOther, azBudgetMine, azMe)},
		permission.NotApproved:       {client, permission.ViewTimeEntry, azPending(azEntry(azOther, azBudgetMine, azThird))},
		permission.OtherWorkplace:    {subsidiary, permission.ViewTimeOff, elsewhereOff},
		permission.PersonHoldsMore:   {manager, permission.ChangePermissionSet, costly},
		permission.PlanTooLow:        {essential, permission.ViewBudget, azBudget(azBudgetMine, true)},
	}
}

func TestNoAllocs(t *testing.T) {
	cases := azReasonCases()
	for r := permission.Granted; r.IsValid(); r++ {
		if _, ok := cases[r]; !ok {
			t.Errorf("no case for reason %v", r)
		}
	}
	for want, c := range cases {
		t.Run(want.String(), func(t *testing.T) {
			if got := permission.Authorize(c.S, c.A, c.R).Reason(); got != want {
				t.Fatalf("the case for %v decides %v", want, got)
			}
			if n := testing.AllocsPerRun(100, func() { azSinkDecision = permission.Authorize(c.S, c.A, c.R) }); n != 0 {
				t.Errorf("Authorize allocates %v times per call", n)
			}
			if n := testing.AllocsPerRun(100, func() { azSinkCaps = permission.Capabilities(c.S, c.R) }); n != 0 {
				t.Errorf("Capabilities allocates %v times per call", n)
			}
			if n := testing.AllocsPerRun(100, func() { azSinkMatch = permission.List(c.S, c.A).Matches(c.R) }); n != 0 {
				t.Errorf("List(...).Matches allocates %v times per call", n)
			}
		})
	}
}
