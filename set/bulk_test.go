package set_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

var (
	bkOwner   = set.MustSystem(role.Owner, 0, 0)
	bkAdmin   = set.MustSystem(role.Admin, 0, 0)
	bkStaff   = set.MustSystem(role.Staff, 0, 0)
	bkClient  = set.MustSystem(role.Client, 0, set.AddonBudgets)
	bkContr   = set.MustSystem(role.Contractor, 0, 0)
	bkCustom  = bkMustBuild(set.NewBuilder("Jira manager", set.MustSystem(role.Manager, scope.Restricted, 0)))
	bkSystems = slices.DeleteFunc(slices.Collect(set.Systems()), func(s set.Set) bool { return s.Role() == role.Owner })
)

func bkMustBuild(b *set.Builder) set.Set {
	s, err := b.Build(set.Ultimate)
	if err != nil {
		panic(err)
	}
	return s
}

// bkOrgView is what the property compares of two organizations.
type bkOrgView struct {
	Plan       set.Plan
	Owner      scope.ID
	People     map[scope.ID]stView
	Paid, Free int
}

func bkViewOf(o set.Org) bkOrgView {
	v := bkOrgView{Plan: o.Plan(), Owner: o.Owner(), People: stPeople(o)}
	v.Paid, v.Free = o.Seats()
	return v
}

func TestOrgFrom(t *testing.T) {
	rows := []set.Person{
		{ID: 30, Set: bkStaff, Kind: role.Employee},
		{ID: 10, Set: bkOwner},
		{ID: 20, Set: bkClient, Kind: role.ClientKind},
		{ID: 40, Set: bkCustom},
		{ID: 50, Set: bkContr, Kind: role.ContractorKind},
	}
	o, err := set.OrgFrom(testOrg, set.Ultimate, rows)
	if err != nil {
		t.Fatal(err)
	}
	want := bkOrgView{
		Plan: set.Ultimate, Owner: 10, Paid: 4, Free: 1,
		People: map[scope.ID]stView{
			10: stViewOf(bkOwner), 20: stViewOf(bkClient), 30: stViewOf(bkStaff), 40: stViewOf(bkCustom), 50: stViewOf(bkContr),
		},
	}
	if diff := cmp.Diff(want, bkViewOf(o)); diff != "" {
		t.Errorf("OrgFrom mismatch (-want +got):\n%s", diff)
	}

	// The rows are not retained: changing them changes nothing in the Org.
	rows[0].Set = bkAdmin
	if s, _ := o.SetOf(30); s != bkStaff {
		t.Errorf("after the caller changed its rows, person 30 holds %q", s)
	}

	// The result is an ordinary Org: the Owner may go on changing it.
	next, err := o.Add(10, 60, bkAdmin)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := o.SetOf(60); ok {
		t.Error("Add on an Org built in bulk changed it")
	}
	if s, _ := next.SetOf(60); s != bkAdmin {
		t.Errorf("person 60 holds %q, want Admin", s)
	}
}

func TestOrgFromErrors(t *testing.T) {
	owner := set.Person{ID: 1, Set: bkOwner}
	tests := []struct {
		name   string
		plan   set.Plan
		rows   []set.Person
		want   error
		row    int // -1: not a RowError
		person scope.ID
		msg    string
	}{
		{"bad plan", 0, []set.Person{owner}, set.ErrUnknownPlan, -1, 0,
			"set: organization plan plan(0): unknown plan"},
		{"no rows", set.Ultimate, nil, set.ErrNoOwner, -1, 0,
			"set: organization of 0 people: no person holds the Owner set"},
		{"no owner", set.Ultimate, []set.Person{{ID: 2, Set: bkAdmin}}, set.ErrNoOwner, -1, 0,
			"set: organization of 1 people: no person holds the Owner set"},
		{"zero id", set.Ultimate, []set.Person{owner, {ID: 0, Set: bkStaff}}, set.ErrInvalidID, 1, 0,
			"set: row 1 (person 0): ID must not be zero"},
		{"zero owner id", set.Ultimate, []set.Person{{ID: 0, Set: bkOwner}}, set.ErrInvalidID, 0, 0,
			"set: row 0 (person 0): ID must not be zero"},
		{"duplicate", set.Ultimate, []set.Person{owner, {ID: 7, Set: bkStaff}, {ID: 8, Set: bkStaff}, {ID: 7, Set: bkAdmin}}, set.ErrPersonExists, 3, 7,
			"set: row 3 (person 7): person is already in the organization (as row 1)"},
		{"owner twice", set.Ultimate, []set.Person{{ID: 2, Set: bkStaff}, owner, owner}, set.ErrPersonExists, 2, 1,
			"set: row 2 (person 1): person is already in the organization (as row 1)"},
		{"two owners", set.Ultimate, []set.Person{owner, {ID: 2, Set: bkStaff}, {ID: 3, Set: bkOwner}}, set.ErrOwnerSet, 2, 3,
			"set: row 2 (person 3): a second Owner set; row 0 (person 1) is the Owner: the Owner's set changes only by transferring ownership"},
		{"zero set", set.Ultimate, []set.Person{owner, {ID: 2}}, set.ErrBase, 1, 2,
			"set: row 1 (person 2): the zero Set: base must be a system set"},
		{"custom on professional", set.Professional, []set.Person{owner, {ID: 2, Set: bkCustom}}, set.ErrPlan, 1, 2,
			`set: row 1 (person 2): custom set "Jira manager" on plan professional: custom permission sets need the Ultimate plan`},
		{"client set for an employee", set.Ultimate, []set.Person{owner, {ID: 2, Set: bkClient, Kind: role.Employee}}, set.ErrKind, 1, 2,
			`set: row 1 (person 2): client set "Client Manager" for a employee: set is for another kind of person`},
		{"owner row says client", set.Ultimate, []set.Person{{ID: 1, Set: bkOwner, Kind: role.ClientKind}}, set.ErrKind, 0, 1,
			`set: row 0 (person 1): employee set "Owner" for a client: set is for another kind of person`},
		{"invalid kind", set.Ultimate, []set.Person{owner, {ID: 2, Set: bkContr, Kind: 9}}, set.ErrKind, 1, 2,
			`set: row 1 (person 2): contractor set "Contractor" for a kind(9): set is for another kind of person`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := set.OrgFrom(testOrg, tt.plan, tt.rows)
			if !errors.Is(err, tt.want) {
				t.Fatalf("OrgFrom = %v, want %v", err, tt.want)
			}
			if err.Error() != tt.msg {
				t.Errorf("error text\n got %s\nwant %s", err, tt.msg)
			}
			if !stIsZeroOrg(o) {
				t.Errorf("OrgFrom returned %+v on error, want the zero Org", bkViewOf(o))
			}
			var re *set.RowError
			switch {
			case tt.row < 0 && errors.As(err, &re):
				t.Errorf("error %v names row %d, want no row", err, re.Index)
			case tt.row >= 0 && !errors.As(err, &re):
				t.Errorf("error %v is not a *RowError", err)
			case tt.row >= 0 && (re.Index != tt.row || re.Person != tt.person):
				t.Errorf("error names row %d person %d, want row %d person %d", re.Index, re.Person, tt.row, tt.person)
			}
		})
	}
}

// bkRows is a generated organization: its plan, its Owner's ID, and the
// other rows. It may break any rule of OrgFrom.
type bkRows struct {
	plan    set.Plan
	owner   scope.ID
	others  []set.Person
	ownerAt int // where the Owner's row goes among the others
}

// bkDraw draws rows from small ID ranges so that repeats happen, with the
// zero Set, extra Owner sets and custom sets on every plan now and then.
func bkDraw(t *rapid.T) bkRows {
	sets := append([]set.Set{bkStaff, bkOwner, bkCustom, {}}, bkSystems...)
	person := rapid.Custom(func(t *rapid.T) set.Person {
		return set.Person{
			ID:  scope.ID(rapid.IntRange(0, 40).Draw(t, "id")),
			Set: rapid.SampledFrom(sets).Draw(t, "set"),
		}
	})
	r := bkRows{
		plan:   rapid.SampledFrom([]set.Plan{set.Ultimate, set.Enterprise, set.Professional, set.Essential, 0}).Draw(t, "plan"),
		owner:  scope.ID(rapid.IntRange(0, 40).Draw(t, "owner")),
		others: rapid.SliceOfN(person, 0, 30).Draw(t, "others"),
	}
	r.ownerAt = rapid.IntRange(0, len(r.others)).Draw(t, "ownerAt")
	return r
}

func (r bkRows) rows() []set.Person {
	return slices.Insert(slices.Clone(r.others), r.ownerAt, set.Person{ID: r.owner, Set: bkOwner})
}

// sequential builds the organization one person at a time, as before.
func (r bkRows) sequential() (set.Org, error) {
	o, err := set.NewOrg(testOrg, r.plan, r.owner)
	for _, p := range r.others {
		if err != nil {
			break
		}
		o, err = o.Add(r.owner, p.ID, p.Set)
	}
	return o, err
}

// bkBroken is a naive statement of OrgFrom's rules: whether any row breaks
// one. It ignores row order, which decides only which error is reported.
func bkBroken(plan set.Plan, rows []set.Person) bool {
	seen := map[scope.ID]bool{}
	owners := 0
	for _, p := range rows {
		if p.ID == 0 || seen[p.ID] || !p.Set.IsValid() ||
			(p.Set.Custom() && plan < set.CustomSetsPlan) ||
			(p.Kind != 0 && p.Kind != p.Set.Role().Kind()) {
			return true
		}
		seen[p.ID] = true
		if p.Set.Role() == role.Owner {
			owners++
		}
	}
	return !plan.IsValid() || owners != 1
}

// bkSameAsSequential: building in bulk succeeds exactly when NewOrg and the
// Owner's Add of each row succeed, and then gives the same organization.
func bkSameAsSequential(t *rapid.T) {
	r := bkDraw(t)
	want, seqErr := r.sequential()
	got, err := set.OrgFrom(testOrg, r.plan, r.rows())
	if (err == nil) != (seqErr == nil) {
		t.Fatalf("OrgFrom error %v, but NewOrg and Add give %v", err, seqErr)
	}
	if err != nil {
		if !stIsZeroOrg(got) {
			t.Fatalf("OrgFrom returned a non-zero Org with error %v", err)
		}
		return
	}
	if diff := cmp.Diff(bkViewOf(want), bkViewOf(got)); diff != "" {
		t.Fatalf("OrgFrom and NewOrg+Add differ (-sequential +bulk):\n%s", diff)
	}
}

func TestOrgFromSameAsSequential(t *testing.T) { rapid.Check(t, bkSameAsSequential) }

// bkFailsOnBrokenRule: OrgFrom fails exactly when a row breaks a rule, rows
// with a Kind included, and its error names a row that does.
func bkFailsOnBrokenRule(t *rapid.T) {
	r := bkDraw(t)
	rows := r.rows()
	for i := range rows {
		if rapid.IntRange(0, 3).Draw(t, fmt.Sprintf("kind%d?", i)) == 0 {
			rows[i].Kind = rapid.SampledFrom([]role.Kind{role.Employee, role.ClientKind, role.ContractorKind, 9}).Draw(t, fmt.Sprintf("kind%d", i))
		}
	}
	got, err := set.OrgFrom(testOrg, r.plan, rows)
	if broken := bkBroken(r.plan, rows); broken != (err != nil) {
		t.Fatalf("a rule broken: %v; OrgFrom error: %v", broken, err)
	}
	if err == nil {
		if len(stPeople(got)) != len(rows) {
			t.Fatalf("OrgFrom kept %d people of %d rows", len(stPeople(got)), len(rows))
		}
		return
	}
	var re *set.RowError
	if !errors.As(err, &re) {
		if !errors.Is(err, set.ErrNoOwner) && !errors.Is(err, set.ErrUnknownPlan) {
			t.Fatalf("OrgFrom error %v names no row", err)
		}
		return
	}
	if re.Index < 0 || re.Index >= len(rows) || rows[re.Index].ID != re.Person {
		t.Fatalf("error %v names row %d, person %d, which is not a row", err, re.Index, re.Person)
	}
	// The named row is the first that breaks a rule: the rows before it
	// are fine, the rows up to it are not.
	if !bkPrefixFine(r.plan, rows[:re.Index]) || bkPrefixFine(r.plan, rows[:re.Index+1]) {
		t.Fatalf("error %v names row %d, which is not the first row that breaks a rule", err, re.Index)
	}
}

// bkPrefixFine reports whether rows, completed with an Owner if they have
// none, break no rule.
func bkPrefixFine(plan set.Plan, rows []set.Person) bool {
	for _, p := range rows {
		if p.Set.Role() == role.Owner {
			return !bkBroken(plan, rows)
		}
	}
	return !bkBroken(plan, append(slices.Clone(rows), set.Person{ID: 1 << 40, Set: bkOwner}))
}

func TestOrgFromFailsOnBrokenRule(t *testing.T) { rapid.Check(t, bkFailsOnBrokenRule) }

func FuzzOrgFrom(f *testing.F) { f.Fuzz(rapid.MakeFuzz(bkFailsOnBrokenRule)) }

// bkBigRows returns n rows: the Owner first, then people with a mix of
// system sets and a custom set.
func bkBigRows(n int) []set.Person {
	rows := make([]set.Person, n)
	rows[0] = set.Person{ID: 1, Set: bkOwner, Kind: role.Employee}
	for i := 1; i < n; i++ {
		s := bkSystems[i%len(bkSystems)]
		if i%7 == 0 {
			s = bkCustom
		}
		rows[i] = set.Person{ID: scope.ID(i + 1), Set: s, Kind: s.Kind()}
	}
	return rows
}

var bkSinkOrg set.Org

// BenchmarkOrgFrom measures building an organization of 1,000, 10,000 and
// 100,000 people in one step. Time per person stays flat.
func BenchmarkOrgFrom(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		rows := bkBigRows(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			var err error
			for b.Loop() {
				bkSinkOrg, err = set.OrgFrom(testOrg, set.Ultimate, rows)
			}
			if err != nil {
				b.Fatal(err)
			}
			if paid, free := bkSinkOrg.Seats(); paid+free != n {
				b.Fatalf("built %d people, want %d", paid+free, n)
			}
		})
	}
}
