package set_test

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// The people of the fixture organization.
const (
	stOwnerID scope.ID = iota + 1
	stAdminID
	stManagerID
	stRManagerID // a Manager with restricted access
	stStaffID
	stClientID
	stContractorID
	stPMID
	stCoordinatorID
	stAdmin2ID
)

// stOrg returns an organization on plan with one person of each kind, added
// by its Owner.
func stOrg(tb testing.TB, plan set.Plan) set.Org {
	tb.Helper()
	o, err := set.NewOrg(testOrg, plan, stOwnerID)
	if err != nil {
		tb.Fatal(err)
	}
	for _, p := range []struct {
		id scope.ID
		s  set.Set
	}{
		{stAdminID, stAdmin}, {stManagerID, stManager}, {stRManagerID, stManagerR}, {stStaffID, stStaff},
		{stClientID, stClient}, {stContractorID, stContractor}, {stPMID, stPM}, {stCoordinatorID, stCoordinator},
		{stAdmin2ID, stAdmin},
	} {
		if o, err = o.Add(stOwnerID, p.id, p.s); err != nil {
			tb.Fatalf("Add(%d, %q): %v", p.id, p.s.Name(), err)
		}
	}
	return o
}

// stPeople is an Org's people as a map, for comparing.
func stPeople(o set.Org) map[scope.ID]stView {
	m := map[scope.ID]stView{}
	for id, s := range o.People() {
		m[id] = stViewOf(s)
	}
	return m
}

func stIsZeroOrg(o set.Org) bool {
	paid, free := o.Seats()
	return o.Owner() == 0 && o.Plan() == 0 && len(stPeople(o)) == 0 && paid == 0 && free == 0
}

func TestNewOrg(t *testing.T) {
	o, err := set.NewOrg(testOrg, set.Professional, 5)
	if err != nil {
		t.Fatal(err)
	}
	if o.Owner() != 5 || o.Plan() != set.Professional {
		t.Errorf("NewOrg: owner %d plan %v", o.Owner(), o.Plan())
	}
	want := map[scope.ID]stView{5: stViewOf(stOwner)}
	if diff := cmp.Diff(want, stPeople(o)); diff != "" {
		t.Errorf("people mismatch (-want +got):\n%s", diff)
	}
	if paid, free := o.Seats(); paid != 1 || free != 0 {
		t.Errorf("Seats = %d, %d; want 1, 0", paid, free)
	}
	subj, ok := o.Subject(5)
	wantSubj := stOwner.Subject(testOrg, 5)
	wantSubj.Plan = o.Plan() // the organization's plan, which a client's budget rights ask
	if !ok || subj != wantSubj {
		t.Errorf("Subject(owner) = %+v, %v", subj, ok)
	}
	if subj, ok := o.Subject(6); ok || subj.Validate() == nil {
		t.Errorf("Subject(stranger) = %+v, %v; want the invalid zero Subject", subj, ok)
	}
	if _, ok := o.SetOf(6); ok {
		t.Error("SetOf(stranger) ok")
	}

	for _, tt := range []struct {
		plan  set.Plan
		owner scope.ID
		want  error
	}{
		{0, 1, set.ErrUnknownPlan},
		{set.Plan(9), 1, set.ErrUnknownPlan},
		{set.Ultimate, 0, set.ErrInvalidID},
	} {
		o, err := set.NewOrg(testOrg, tt.plan, tt.owner)
		if !errors.Is(err, tt.want) || !stIsZeroOrg(o) {
			t.Errorf("NewOrg(%v, %d) = %v, %v; want the zero Org and %v", tt.plan, tt.owner, o.Owner(), err, tt.want)
		}
	}

	var zero set.Org
	if _, err := zero.Add(1, 2, stStaff); err == nil {
		t.Error("the zero Org accepted Add")
	}
	if _, err := zero.TransferOwnership(0, 0); !errors.Is(err, set.ErrNotOwner) {
		t.Errorf("zero Org TransferOwnership(0, 0) error = %v, want ErrNotOwner", err)
	}
}

func TestOrgRules(t *testing.T) {
	ultimate := stOrg(t, set.Ultimate)
	professional := stOrg(t, set.Professional)
	accounting := stAccountingSet(t)
	clientCustom, err := set.NewBuilder("Client without docs", stClient).Revoke(permission.DocsAccess).Build(set.Ultimate)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		org  set.Org
		op   func(set.Org) (set.Org, error)
		want error // nil: the call succeeds
	}{
		// Adding people needs users.create ("create user accounts" is the Admin's).
		{"Owner adds", ultimate, func(o set.Org) (set.Org, error) { return o.Add(stOwnerID, 20, stStaff) }, nil},
		{"Admin adds", ultimate, func(o set.Org) (set.Org, error) { return o.Add(stAdminID, 20, stManager) }, nil},
		{"Manager cannot add", ultimate, func(o set.Org) (set.Org, error) { return o.Add(stManagerID, 20, stStaff) }, set.ErrNotAllowed},
		{"Staff cannot add", ultimate, func(o set.Org) (set.Org, error) { return o.Add(stStaffID, 20, stStaff) }, set.ErrNotAllowed},
		{"Client cannot add", ultimate, func(o set.Org) (set.Org, error) { return o.Add(stClientID, 20, stClient) }, set.ErrNotAllowed},
		{"Admin cannot add an Owner", ultimate, func(o set.Org) (set.Org, error) { return o.Add(stAdminID, 20, stOwner) }, set.ErrOwnerSet},
		{"Owner cannot add a second Owner", ultimate, func(o set.Org) (set.Org, error) { return o.Add(stOwnerID, 20, stOwner) }, set.ErrOwnerSet},
		{"add someone already there", ultimate, func(o set.Org) (set.Org, error) { return o.Add(stOwnerID, stStaffID, stStaff) }, set.ErrPersonExists},
		{"add the Owner again", ultimate, func(o set.Org) (set.Org, error) { return o.Add(stAdminID, stOwnerID, stStaff) }, set.ErrPersonExists},
		{"add person 0", ultimate, func(o set.Org) (set.Org, error) { return o.Add(stOwnerID, 0, stStaff) }, set.ErrInvalidID},
		{"add by a stranger", ultimate, func(o set.Org) (set.Org, error) { return o.Add(99, 20, stStaff) }, set.ErrUnknownPerson},
		{"add with the zero Set", ultimate, func(o set.Org) (set.Org, error) { return o.Add(stOwnerID, 20, set.Set{}) }, set.ErrBase},
		{"Admin adds a custom set on Ultimate", ultimate, func(o set.Org) (set.Org, error) { return o.Add(stAdminID, 20, accounting) }, nil},
		{"custom set on Professional (Add)", professional, func(o set.Org) (set.Org, error) { return o.Add(stOwnerID, 20, accounting) }, set.ErrPlan},
		{"system set on Professional", professional, func(o set.Org) (set.Org, error) { return o.Add(stOwnerID, 20, stManagerR) }, nil},

		// Changing sets needs users.change_permission_set.
		{"Manager assigns Coordinator to Staff", ultimate, func(o set.Org) (set.Org, error) { return o.Assign(stManagerID, stStaffID, stCoordinator) }, nil},
		{"Staff cannot assign", ultimate, func(o set.Org) (set.Org, error) { return o.Assign(stStaffID, stContractorID, stContractor) }, set.ErrNotAllowed},
		{"Coordinator cannot assign", ultimate, func(o set.Org) (set.Org, error) { return o.Assign(stCoordinatorID, stStaffID, stStaffTime) }, set.ErrNotAllowed},
		{"assign to a stranger", ultimate, func(o set.Org) (set.Org, error) { return o.Assign(stOwnerID, 99, stStaff) }, set.ErrUnknownPerson},
		{"assign by a stranger", ultimate, func(o set.Org) (set.Org, error) { return o.Assign(99, stStaffID, stStaff) }, set.ErrUnknownPerson},
		{"assign the zero Set", ultimate, func(o set.Org) (set.Org, error) { return o.Assign(stOwnerID, stStaffID, set.Set{}) }, set.ErrKind},

		// Kinds must match.
		{"client set to an employee", ultimate, func(o set.Org) (set.Org, error) { return o.Assign(stOwnerID, stStaffID, stClient) }, set.ErrKind},
		{"custom client set to an employee", ultimate, func(o set.Org) (set.Org, error) { return o.Assign(stOwnerID, stStaffID, clientCustom) }, set.ErrKind},
		{"employee set to a client", ultimate, func(o set.Org) (set.Org, error) { return o.Assign(stOwnerID, stClientID, stStaff) }, set.ErrKind},
		{"contractor set to an employee", ultimate, func(o set.Org) (set.Org, error) { return o.Assign(stAdminID, stStaffID, stContractor) }, set.ErrKind},
		{"client set to a contractor", ultimate, func(o set.Org) (set.Org, error) { return o.Assign(stAdminID, stContractorID, stClientBudgets) }, set.ErrKind},
		{"client budgets add-on to a client", ultimate, func(o set.Org) (set.Org, error) { return o.Assign(stManagerID, stClientID, stClientBudgets) }, nil},
		{"custom client set to a client", ultimate, func(o set.Org) (set.Org, error) { return o.Assign(stAdminID, stClientID, clientCustom) }, nil},

		// Nobody changes the Owner's set; nobody changes their own.
		{"Admin cannot change the Owner's set", ultimate, func(o set.Org) (set.Org, error) { return o.Assign(stAdminID, stOwnerID, stAdmin) }, set.ErrOwnerSet},
		{"Owner cannot change own set", ultimate, func(o set.Org) (set.Org, error) { return o.Assign(stOwnerID, stOwnerID, stAdmin) }, set.ErrOwnerSet},
		{"Owner set to someone else", ultimate, func(o set.Org) (set.Org, error) { return o.Assign(stOwnerID, stAdminID, stOwner) }, set.ErrOwnerSet},
		{"Admin cannot change own set", ultimate, func(o set.Org) (set.Org, error) { return o.Assign(stAdminID, stAdminID, stManager) }, set.ErrSelf},
		{"Manager cannot change own set", ultimate, func(o set.Org) (set.Org, error) { return o.Assign(stManagerID, stManagerID, stManagerR) }, set.ErrSelf},
		{"Admin changes another Admin", ultimate, func(o set.Org) (set.Org, error) { return o.Assign(stAdminID, stAdmin2ID, stManager) }, nil},

		// No escalation.
		{"Manager cannot assign Admin", ultimate, func(o set.Org) (set.Org, error) { return o.Assign(stManagerID, stStaffID, stAdmin) }, set.ErrEscalation},
		{"Manager cannot assign Profitability Manager", ultimate, func(o set.Org) (set.Org, error) { return o.Assign(stManagerID, stStaffID, stPM) }, set.ErrEscalation},
		{"Manager cannot assign restricted Profitability Manager", ultimate, func(o set.Org) (set.Org, error) { return o.Assign(stManagerID, stCoordinatorID, stPMR) }, set.ErrEscalation},
		{"restricted Manager cannot assign unlimited Manager", ultimate, func(o set.Org) (set.Org, error) { return o.Assign(stRManagerID, stStaffID, stManager) }, set.ErrEscalation},
		{"restricted Manager cannot assign unlimited Coordinator", ultimate, func(o set.Org) (set.Org, error) { return o.Assign(stRManagerID, stStaffID, stCoordinator) }, set.ErrEscalation},
		{"restricted Manager assigns restricted Coordinator", ultimate, func(o set.Org) (set.Org, error) { return o.Assign(stRManagerID, stStaffID, stCoordinatorR) }, nil},
		{"restricted Manager cannot change an unlimited Coordinator", ultimate, func(o set.Org) (set.Org, error) { return o.Assign(stRManagerID, stCoordinatorID, stStaff) }, set.ErrEscalation},
		{"Manager cannot assign an Admin set holding only a Manager's permissions", ultimate, func(o set.Org) (set.Org, error) { return o.Assign(stManagerID, stStaffID, stAdminAsManager(t)) }, set.ErrEscalation},
		{"Admin assigns an Admin set holding only a Manager's permissions", ultimate, func(o set.Org) (set.Org, error) { return o.Assign(stAdminID, stStaffID, stAdminAsManager(t)) }, nil},
		{"Manager cannot demote an Admin", ultimate, func(o set.Org) (set.Org, error) { return o.Assign(stManagerID, stAdminID, stStaff) }, set.ErrEscalation},
		{"Manager cannot demote a Profitability Manager", ultimate, func(o set.Org) (set.Org, error) { return o.Assign(stManagerID, stPMID, stManager) }, set.ErrEscalation},
		{"Manager cannot assign a set with salaries", ultimate, func(o set.Org) (set.Org, error) {
			s, err := set.NewBuilder("Payroll", stStaff).Grant(permission.PeopleManageSalaries).Build(set.Ultimate)
			if err != nil {
				return set.Org{}, err
			}
			return o.Assign(stManagerID, stStaffID, s)
		}, set.ErrEscalation},
		{"Admin demotes a Manager", ultimate, func(o set.Org) (set.Org, error) { return o.Assign(stAdminID, stManagerID, stStaff) }, nil},
		{"Profitability Manager assigns Manager", ultimate, func(o set.Org) (set.Org, error) { return o.Assign(stPMID, stStaffID, stManagerR) }, nil},

		// Plans.
		{"custom set on Professional (Assign)", professional, func(o set.Org) (set.Org, error) { return o.Assign(stOwnerID, stStaffID, accounting) }, set.ErrPlan},
		{"custom set on Ultimate (Assign)", ultimate, func(o set.Org) (set.Org, error) { return o.Assign(stAdminID, stStaffID, accounting) }, nil},

		// Ownership: "transfer the ownership to another person" is the Owner's.
		{"Owner transfers to an Admin", ultimate, func(o set.Org) (set.Org, error) { return o.TransferOwnership(stOwnerID, stAdminID) }, nil},
		{"Owner transfers to Staff", ultimate, func(o set.Org) (set.Org, error) { return o.TransferOwnership(stOwnerID, stStaffID) }, nil},
		{"Admin cannot transfer", ultimate, func(o set.Org) (set.Org, error) { return o.TransferOwnership(stAdminID, stAdmin2ID) }, set.ErrNotOwner},
		{"Admin cannot take ownership", ultimate, func(o set.Org) (set.Org, error) { return o.TransferOwnership(stAdminID, stAdminID) }, set.ErrNotOwner},
		{"stranger cannot transfer", ultimate, func(o set.Org) (set.Org, error) { return o.TransferOwnership(99, stAdminID) }, set.ErrNotOwner},
		{"transfer to a client", ultimate, func(o set.Org) (set.Org, error) { return o.TransferOwnership(stOwnerID, stClientID) }, set.ErrKind},
		{"transfer to a contractor", ultimate, func(o set.Org) (set.Org, error) { return o.TransferOwnership(stOwnerID, stContractorID) }, set.ErrKind},
		{"transfer to a stranger", ultimate, func(o set.Org) (set.Org, error) { return o.TransferOwnership(stOwnerID, 99) }, set.ErrUnknownPerson},
		{"transfer to oneself", ultimate, func(o set.Org) (set.Org, error) { return o.TransferOwnership(stOwnerID, stOwnerID) }, set.ErrSelf},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := stPeople(tt.org)
			beforeOwner := tt.org.Owner()
			got, err := tt.op(tt.org)
			if tt.want == nil && err != nil {
				t.Fatalf("error = %v, want success", err)
			}
			if tt.want != nil {
				if !errors.Is(err, tt.want) {
					t.Fatalf("error = %v, want %v", err, tt.want)
				}
				if !stIsZeroOrg(got) {
					t.Errorf("failing call returned a non-zero Org (owner %d, %d people)", got.Owner(), len(stPeople(got)))
				}
			}
			// The receiver never changes, success or not.
			if diff := cmp.Diff(before, stPeople(tt.org)); diff != "" || tt.org.Owner() != beforeOwner {
				t.Errorf("receiver changed (-before +after):\n%s", diff)
			}
			if err == nil {
				stCheckOneOwner(t, got)
			}
		})
	}
}

// stCheckOneOwner: exactly one person holds the Owner set, and it is Owner().
func stCheckOneOwner(tb stTB, o set.Org) {
	tb.Helper()
	var owners []scope.ID
	for id, s := range o.People() {
		if s.Role() == role.Owner || s.Has(permission.OrganizationTransferOwnership) {
			owners = append(owners, id)
			if s != stOwner {
				tb.Errorf("person %d holds %q, an owner set that is not the Owner set", id, s.Name())
			}
		}
	}
	if len(owners) != 1 || owners[0] != o.Owner() {
		tb.Errorf("owners %v, Owner() = %d; want exactly the Owner", owners, o.Owner())
	}
}

func TestOrgTransferOwnership(t *testing.T) {
	o := stOrg(t, set.Ultimate)
	next, err := o.TransferOwnership(stOwnerID, stManagerID)
	if err != nil {
		t.Fatal(err)
	}
	if next.Owner() != stManagerID {
		t.Errorf("Owner() = %d, want %d", next.Owner(), stManagerID)
	}
	want := stPeople(o)
	want[stManagerID], want[stOwnerID] = stViewOf(stOwner), stViewOf(stAdmin)
	if diff := cmp.Diff(want, stPeople(next)); diff != "" {
		t.Errorf("people after transfer mismatch (-want +got):\n%s", diff)
	}
	stCheckOneOwner(t, next)
	if o.Owner() != stOwnerID {
		t.Errorf("the old Org changed its Owner to %d", o.Owner())
	}
	// The old Owner is an Admin now: no more transfers, and the new
	// Owner's set is out of reach.
	if _, err := next.TransferOwnership(stOwnerID, stAdminID); !errors.Is(err, set.ErrNotOwner) {
		t.Errorf("old Owner transfers again: error = %v, want ErrNotOwner", err)
	}
	if _, err := next.Assign(stOwnerID, stManagerID, stStaff); !errors.Is(err, set.ErrOwnerSet) {
		t.Errorf("old Owner changes the new Owner's set: error = %v, want ErrOwnerSet", err)
	}
	// And back.
	back, err := next.TransferOwnership(stManagerID, stOwnerID)
	if err != nil || back.Owner() != stOwnerID {
		t.Fatalf("transfer back: %v, owner %d", err, back.Owner())
	}
	stCheckOneOwner(t, back)
	if s, _ := back.SetOf(stManagerID); s != stAdmin {
		t.Errorf("former Owner holds %q, want Admin", s.Name())
	}
	paid, free := back.Seats()
	if p0, f0 := o.Seats(); paid != p0 || free != f0 {
		t.Errorf("transfers changed seats: %d/%d, want %d/%d", paid, free, p0, f0)
	}
}

func TestOrgSeats(t *testing.T) {
	o := stOrg(t, set.Ultimate)
	// Owner, 2 Admins, 2 Managers, Staff, PM, Coordinator, Contractor: paid;
	// the Client: free.
	if paid, free := o.Seats(); paid != 9 || free != 1 {
		t.Errorf("Seats = %d, %d; want 9, 1", paid, free)
	}
	o, err := o.Add(stAdminID, 30, stClientBudgets)
	if err != nil {
		t.Fatal(err)
	}
	custom, err := set.NewBuilder("Client without docs", stClient).Revoke(permission.DocsAccess).Build(set.Ultimate)
	if err != nil {
		t.Fatal(err)
	}
	if o, err = o.Add(stAdminID, 31, custom); err != nil {
		t.Fatal(err)
	}
	if paid, free := o.Seats(); paid != 9 || free != 3 {
		t.Errorf("Seats = %d, %d; want 9, 3", paid, free)
	}
}

// stModel is the state-machine test's reference: who holds what, and who
// owns the organization.
type stModel struct {
	plan   set.Plan
	owner  scope.ID
	people map[scope.ID]set.Set
}

// pick draws an ID, most often of someone in the organization.
func (m *stModel) pick(ids []scope.ID) *rapid.Generator[scope.ID] {
	in := slices.Sorted(maps.Keys(m.people))
	return rapid.OneOf(rapid.SampledFrom(in), rapid.SampledFrom(in), rapid.SampledFrom(ids))
}

// covers reports whether the actor's set reaches as far as s, at a role no
// lower: an employee role's rank is its place in the seed's order, and
// client and contractor sets are outside it.
func (m *stModel) covers(actor, s set.Set) bool {
	order := []role.Role{role.Staff, role.Coordinator, role.Manager, role.ProfitabilityManager, role.Admin, role.Owner}
	below := !slices.Contains(order, s.Role()) || slices.Index(order, s.Role()) <= slices.Index(order, actor.Role())
	return s.Permissions().SubsetOf(actor.Permissions()) && actor.Scope().Covers(s.Scope()) && below
}

// mayAdd is Org.Add's contract, written out.
func (m *stModel) mayAdd(actor, person scope.ID, s set.Set) bool {
	mine, ok := m.people[actor]
	_, exists := m.people[person]
	return ok && person != 0 && !exists && s.IsValid() && s.Role() != role.Owner &&
		(!s.Custom() || m.plan.AtLeast(set.Ultimate)) && mine.Has(permission.UsersCreate) && m.covers(mine, s)
}

// mayAssign is Org.Assign's contract, written out.
func (m *stModel) mayAssign(actor, person scope.ID, s set.Set) bool {
	mine, ok := m.people[actor]
	cur, exists := m.people[person]
	return ok && exists && person != m.owner && person != actor && s.Kind() == cur.Kind() &&
		s.IsValid() && s.Role() != role.Owner && (!s.Custom() || m.plan.AtLeast(set.Ultimate)) &&
		mine.Has(permission.UsersChangePermissionSet) && m.covers(mine, s) && m.covers(mine, cur)
}

// mayTransfer is Org.TransferOwnership's contract, written out.
func (m *stModel) mayTransfer(actor, to scope.ID) bool {
	target, ok := m.people[to]
	return actor == m.owner && ok && to != actor && target.Kind() == role.Employee
}

var stOrgSentinels = []error{
	set.ErrUnknownPerson, set.ErrPersonExists, set.ErrKind, set.ErrNotAllowed, set.ErrEscalation,
	set.ErrSelf, set.ErrOwnerSet, set.ErrNotOwner, set.ErrInvalidID, set.ErrPlan, set.ErrBase,
}

func stIsOrgError(err error) bool {
	for _, s := range stOrgSentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// TestOrgStateMachine runs random sequences of Add, Assign and
// TransferOwnership against the model. After every step: the Org agrees
// with the model on who holds what, exactly one person holds the Owner set
// and it is the Owner, seats are counted right, and a set was only given by
// an actor whose own set covered it at the time.
func TestOrgStateMachine(t *testing.T) {
	pool := slices.Clone(stAllSystems)
	for _, c := range []*set.Builder{
		set.NewBuilder("Accounting", stStaff).Grant(permission.InvoicesManage, permission.ExpensesManageAll),
		set.NewBuilder("Client without tasks and docs", stClient).Revoke(permission.TasksManage, permission.DocsAccess),
		set.NewBuilder("Jira manager", stStaffTime).Grant(permission.IntegrationsManageTaskManagement),
		set.NewBuilder("Manager without deals", stManagerR).Revoke(permission.DealsView),
		set.NewBuilder("Admin without billing", stAdmin).Revoke(permission.BillingBuySeats, permission.BillingChangePlan),
		set.NewBuilder("People manager", stStaff).Grant(permission.UsersCreate, permission.UsersChangePermissionSet),
	} {
		s, err := c.Build(set.Ultimate)
		if err != nil {
			t.Fatal(err)
		}
		pool = append(pool, s)
	}
	pool = append(pool, stAdminAsManager(t)) // only someone of Admin rank may hand it out
	ids := []scope.ID{0, 1, 2, 3, 4, 5, 6, 7, 8}

	rapid.Check(t, func(t *rapid.T) {
		plan := rapid.SampledFrom([]set.Plan{set.Ultimate, set.Enterprise, set.Professional}).Draw(t, "plan")
		first := rapid.SampledFrom(ids[1:]).Draw(t, "owner")
		o, err := set.NewOrg(testOrg, plan, first)
		if err != nil {
			t.Fatal(err)
		}
		m := &stModel{plan: plan, owner: first, people: map[scope.ID]set.Set{first: stOwner}}

		step := func(name string, next set.Org, err error, ok bool) {
			if ok != (err == nil) {
				t.Fatalf("%s: error %v, model says allowed %v", name, err, ok)
			}
			if err != nil {
				if !stIsOrgError(err) {
					t.Fatalf("%s: error %v wraps no documented sentinel", name, err)
				}
				if next.Owner() != 0 || next.Plan() != 0 {
					t.Fatalf("%s: failing call returned a non-zero Org", name)
				}
				return
			}
			o = next
		}
		t.Repeat(map[string]func(*rapid.T){
			"Add": func(t *rapid.T) {
				actor := m.pick(ids).Draw(t, "actor")
				person := rapid.SampledFrom(ids).Draw(t, "person")
				s := rapid.SampledFrom(pool).Draw(t, "set")
				ok := m.mayAdd(actor, person, s)
				before := stPeople(o)
				next, err := o.Add(actor, person, s)
				if diff := cmp.Diff(before, stPeople(o)); diff != "" {
					t.Fatalf("Add changed its receiver:\n%s", diff)
				}
				step(fmt.Sprintf("Add(%d, %d, %q)", actor, person, s.Name()), next, err, ok)
				if err == nil {
					if !s.Permissions().SubsetOf(m.people[actor].Permissions()) || s.Role().Outranks(m.people[actor].Role()) {
						t.Fatalf("%d added %q beyond their own %q", actor, s.Name(), m.people[actor].Name())
					}
					m.people[person] = s
				}
			},
			"Assign": func(t *rapid.T) {
				actor := m.pick(ids).Draw(t, "actor")
				person := m.pick(ids).Draw(t, "person")
				s := rapid.SampledFrom(pool).Draw(t, "set")
				ok := m.mayAssign(actor, person, s)
				before := stPeople(o)
				next, err := o.Assign(actor, person, s)
				if diff := cmp.Diff(before, stPeople(o)); diff != "" {
					t.Fatalf("Assign changed its receiver:\n%s", diff)
				}
				step(fmt.Sprintf("Assign(%d, %d, %q)", actor, person, s.Name()), next, err, ok)
				if err == nil {
					if !s.Permissions().SubsetOf(m.people[actor].Permissions()) || s.Role().Outranks(m.people[actor].Role()) {
						t.Fatalf("%d assigned %q beyond their own %q", actor, s.Name(), m.people[actor].Name())
					}
					if person == m.owner {
						t.Fatalf("%d changed the Owner's set", actor)
					}
					m.people[person] = s
				}
			},
			"TransferOwnership": func(t *rapid.T) {
				actor := rapid.OneOf(rapid.Just(m.owner), m.pick(ids)).Draw(t, "actor")
				to := m.pick(ids).Draw(t, "to")
				ok := m.mayTransfer(actor, to)
				next, err := o.TransferOwnership(actor, to)
				step(fmt.Sprintf("TransferOwnership(%d, %d)", actor, to), next, err, ok)
				if err == nil {
					m.people[actor], m.people[to], m.owner = stAdmin, stOwner, to
				}
			},
			"": func(t *rapid.T) {
				if o.Owner() != m.owner || o.Plan() != m.plan {
					t.Fatalf("Owner() = %d plan %v, model %d %v", o.Owner(), o.Plan(), m.owner, m.plan)
				}
				want := map[scope.ID]stView{}
				var paid, free int
				for id, s := range m.people {
					want[id] = stViewOf(s)
					if s.Kind() == role.ClientKind {
						free++
					} else {
						paid++
					}
				}
				if diff := cmp.Diff(want, stPeople(o)); diff != "" {
					t.Fatalf("people mismatch (-model +org):\n%s", diff)
				}
				if p, f := o.Seats(); p != paid || f != free {
					t.Fatalf("Seats = %d, %d; model %d, %d", p, f, paid, free)
				}
				stCheckOneOwner(t, o)
				if s, _ := o.SetOf(o.Owner()); s != stOwner {
					t.Fatalf("the Owner holds %q", s.Name())
				}
				for id := range maps.Keys(m.people) {
					subj, ok := o.Subject(id)
					want := m.people[id].Subject(testOrg, id)
					want.Plan = o.Plan()
					if !ok || subj != want {
						t.Fatalf("Subject(%d) = %+v, %v", id, subj, ok)
					}
				}
			},
		})
	})
}

// TestOrgID: an organization has a non-zero ID, which every subject it
// makes carries; the zero ID is refused by NewOrg and OrgFrom alike.
func TestOrgID(t *testing.T) {
	o, err := set.NewOrg(testOrg, set.Ultimate, 1)
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := o.Subject(1); o.ID() != testOrg || s.Org != testOrg {
		t.Errorf("ID() = %v, subject's Org %v; want %v", o.ID(), s.Org, testOrg)
	}
	if _, err := set.NewOrg(0, set.Ultimate, 1); !errors.Is(err, set.ErrInvalidID) {
		t.Errorf("NewOrg(0, ...) = %v, want ErrInvalidID", err)
	}
	rows := []set.Person{{ID: 1, Set: set.MustSystem(role.Owner, 0, 0)}}
	if _, err := set.OrgFrom(0, set.Ultimate, rows); !errors.Is(err, set.ErrInvalidID) {
		t.Errorf("OrgFrom(0, ...) = %v, want ErrInvalidID", err)
	}
}

// stAdminAsManager is an Admin-based custom set revoked down to exactly the
// Manager set's permissions: its role, not its permissions, outranks a
// Manager.
func stAdminAsManager(tb testing.TB) set.Set {
	tb.Helper()
	s, err := set.NewBuilder("Manager in Admin clothing", stAdmin).Revoke(slices.Collect(stAdmin.Permissions().Minus(stManager.Permissions()).All())...).Build(set.Ultimate)
	if err != nil {
		tb.Fatal(err)
	}
	if s.Permissions() != stManager.Permissions() {
		tb.Fatalf("%q holds %v, want the Manager set's %v", s.Name(), s.Permissions(), stManager.Permissions())
	}
	return s
}
