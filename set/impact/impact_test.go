package impact_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
	"github.com/clearance-go/clearance/set/impact"
)

// subjectIn builds person's subject in s by hand, from the set the Org says
// they hold and the memberships map, without State.Subject.
func subjectIn(s impact.State, person scope.ID) permission.Subject {
	held, ok := s.Org.SetOf(person)
	if !ok {
		return permission.Subject{}
	}
	subj := held.Subject(s.Org.ID(), person)
	subj.Plan = s.Org.Plan()
	m := s.Memberships[person]
	subj.Projects, subj.Deals, subj.Budgets, subj.Workplace = m.Projects, m.Deals, m.Budgets, m.Workplace
	return subj
}

// recordIn is r as decided in s: a person record of someone s's Org holds
// carries the role and permissions of their set there.
func recordIn(s impact.State, r permission.Resource) permission.Resource {
	if held, ok := s.Org.SetOf(r.Person); ok && r.Kind == permission.KindPerson && r.Org == s.Org.ID() {
		r.PersonRole, r.PersonPermissions = held.Role(), held.Permissions()
	}
	return r
}

// wantRecords is the reference: every (person, action, record) decided by
// Authorize before and after, one line per difference, "+" for a gain and
// "-" for a loss.
func wantRecords(c genCase) []string {
	var out []string
	for _, id := range c.people {
		sb, sa := subjectIn(c.before, id), subjectIn(c.after, id)
		for i, r := range c.records {
			rb, ra := recordIn(c.before, r), recordIn(c.after, r)
			for _, a := range genActions {
				was := permission.Authorize(sb, a, rb).Allowed()
				now := permission.Authorize(sa, a, ra).Allowed()
				switch {
				case now && !was:
					out = append(out, fmt.Sprintf("person %d record %d +%v", id, i, a))
				case was && !now:
					out = append(out, fmt.Sprintf("person %d record %d -%v", id, i, a))
				}
			}
		}
	}
	return out
}

// wantKinds is the reference of the by-kind part: Authorize on the
// favourable records of each kind, with the person's own ID and the
// generated organization's.
func wantKinds(c genCase) []string {
	// allowed is what the person may do on their own (whose 0) or others'
	// (whose 1) favourable records of kind k.
	allowed := func(s impact.State, id scope.ID, k permission.Kind, whose int) permission.ActionMask {
		subj := impact.FavourableSubject(subjectIn(s, id))
		var m permission.ActionMask
		for i, r := range impact.Favourable(k, s.Org.ID(), id) {
			for _, a := range genActions {
				if i%2 == whose && permission.Authorize(subj, a, r).Allowed() {
					m = m.With(a)
				}
			}
		}
		return m
	}
	var out []string
	for _, id := range c.people {
		for _, k := range genKinds {
			for whose, name := range []string{"own", "others'"} {
				was, now := allowed(c.before, id, k, whose), allowed(c.after, id, k, whose)
				for _, a := range genActions {
					switch {
					case now.Has(a) && !was.Has(a):
						out = append(out, fmt.Sprintf("person %d %s %v +%v", id, name, k, a))
					case was.Has(a) && !now.Has(a):
						out = append(out, fmt.Sprintf("person %d %s %v -%v", id, name, k, a))
					}
				}
			}
		}
	}
	return out
}

// lines flattens a report into the reference's form: records, then kinds.
func lines(r impact.Report) (records, kinds []string) {
	for _, p := range r.People {
		for _, rec := range p.Records {
			for _, a := range genActions { // table order, as the reference
				switch {
				case rec.Gained.Has(a):
					records = append(records, fmt.Sprintf("person %d record %d +%v", p.ID, rec.Index, a))
				case rec.Lost.Has(a):
					records = append(records, fmt.Sprintf("person %d record %d -%v", p.ID, rec.Index, a))
				}
			}
		}
		for _, k := range p.Kinds {
			for i, d := range []impact.Delta{k.Own, k.Others} {
				whose := []string{"own", "others'"}[i]
				for _, a := range genActions {
					switch {
					case d.Gained.Has(a):
						kinds = append(kinds, fmt.Sprintf("person %d %s %v +%v", p.ID, whose, k.Kind, a))
					case d.Lost.Has(a):
						kinds = append(kinds, fmt.Sprintf("person %d %s %v -%v", p.ID, whose, k.Kind, a))
					}
				}
			}
		}
	}
	return records, kinds
}

// mismatch compares report with the reference and says how they differ,
// or returns "" when they agree.
func mismatch(c genCase, report impact.Report) string {
	records, kinds := lines(report)
	if diff := cmp.Diff(wantRecords(c), records); diff != "" {
		return fmt.Sprintf("%v: records mismatch (-Authorize +report):\n%s", c, diff)
	}
	if diff := cmp.Diff(wantKinds(c), kinds); diff != "" {
		return fmt.Sprintf("%v: kinds mismatch (-Authorize +report):\n%s", c, diff)
	}
	return ""
}

// checkExact is the property: Of's gains and losses are exactly the
// differences of Authorize before and after, on every (person, action,
// record), and by kind on the favourable records; the report is ordered
// and holds no empty entry.
func checkExact(t *rapid.T) {
	c := genCaseGen().Draw(t, "case")
	report, err := impact.Of(c.before, c.change, c.records)
	if err != nil {
		t.Fatalf("%v: %v", c, err)
	}
	if m := mismatch(c, report); m != "" {
		t.Fatal(m)
	}
	if report.Org != genOrg {
		t.Fatalf("report of organization %d, want %d", report.Org, genOrg)
	}
	if !slices.IsSortedFunc(report.People, func(a, b impact.Person) int { return int(a.ID) - int(b.ID) }) {
		t.Fatalf("people out of order: %v", report)
	}
	for _, p := range report.People {
		if len(p.Kinds) == 0 && len(p.Records) == 0 {
			t.Fatalf("person %d listed with nothing gained or lost", p.ID)
		}
		for i, rec := range p.Records {
			if rec.IsEmpty() || i > 0 && rec.Index <= p.Records[i-1].Index {
				t.Fatalf("person %d: records empty or out of order: %v", p.ID, p.Records)
			}
			if rec.Record != c.records[rec.Index] && rec.Record.Kind != permission.KindPerson {
				t.Fatalf("person %d: record %d is not the given one", p.ID, rec.Index)
			}
		}
		for i, k := range p.Kinds {
			if k.Own.IsEmpty() && k.Others.IsEmpty() || i > 0 && k.Kind <= p.Kinds[i-1].Kind {
				t.Fatalf("person %d: kinds empty or out of order: %v", p.ID, p.Kinds)
			}
		}
	}
	// Between the state after and itself, nothing differs.
	same, err := impact.Between(c.after, c.after, c.records)
	if err != nil || !same.IsEmpty() {
		t.Fatalf("Between a state and itself: %v, %v", same, err)
	}
}

func TestExact(t *testing.T) { rapid.Check(t, checkExact) }

func FuzzExact(f *testing.F) { f.Fuzz(rapid.MakeFuzz(checkExact)) }

// TestExactCatchesBrokenReports checks that the property can fail: reports
// broken as a faulty implementation would break them (a gain dropped, a
// loss made up, the people whose own subject did not change skipped, the
// kinds left out) disagree with the reference on some generated case.
func TestExactCatchesBrokenReports(t *testing.T) {
	breakers := map[string]func(c genCase, r impact.Report) (impact.Report, bool){
		"a gain dropped": func(_ genCase, r impact.Report) (impact.Report, bool) {
			for i, p := range r.People {
				for j, rec := range p.Records {
					for a := range rec.Gained.All() {
						r.People[i].Records = slices.Clone(p.Records)
						r.People[i].Records[j].Gained = removed(rec.Gained, a)
						return r, true
					}
				}
			}
			return r, false
		},
		"a loss made up": func(c genCase, r impact.Report) (impact.Report, bool) {
			if len(c.records) == 0 {
				return r, false
			}
			for _, a := range genActions {
				if a.Kind() == c.records[0].Kind {
					r.People = append(slices.Clone(r.People), impact.Person{ID: 999,
						Records: []impact.RecordDelta{{Index: 0, Delta: impact.Delta{Lost: permission.ActionMaskOf(a)}}}})
					return r, true
				}
			}
			return r, false
		},
		"unchanged people skipped": func(c genCase, r impact.Report) (impact.Report, bool) {
			var kept []impact.Person
			for _, p := range r.People {
				if subjectIn(c.before, p.ID) != subjectIn(c.after, p.ID) {
					kept = append(kept, p)
				}
			}
			skipped := len(kept) != len(r.People)
			r.People = kept
			return r, skipped
		},
		"kinds left out": func(_ genCase, r impact.Report) (impact.Report, bool) {
			broke := false
			people := slices.Clone(r.People)
			for i := range people {
				broke = broke || len(people[i].Kinds) > 0
				people[i].Kinds = nil
			}
			r.People = people
			return r, broke
		},
	}
	for name, breaker := range breakers {
		t.Run(name, func(t *testing.T) {
			gen := genCaseGen()
			for seed := range 500 {
				c := gen.Example(seed)
				report, err := impact.Of(c.before, c.change, c.records)
				if err != nil {
					t.Fatal(err)
				}
				if m := mismatch(c, report); m != "" {
					t.Fatalf("seed %d: the report itself disagrees: %s", seed, m)
				}
				if broken, ok := breaker(c, report); ok && mismatch(c, broken) != "" {
					t.Logf("caught at seed %d", seed)
					return
				}
			}
			t.Errorf("the property never catches %s in 500 cases", name)
		})
	}
}

// removed returns m without a.
func removed(m permission.ActionMask, a permission.Action) permission.ActionMask {
	var out permission.ActionMask
	for b := range m.All() {
		if b != a {
			out = out.With(b)
		}
	}
	return out
}

// checkBetweenExact is the property for Between over states that differ by
// more than one change: the state after the change with one person (not
// the Owner) gone. The person gone loses all they could do, what others may
// do to them as a person changes with it, and the rest is the change's.
func checkBetweenExact(t *rapid.T) {
	c := genCaseGen().Draw(t, "case")
	gone := rapid.SampledFrom(c.people[1:]).Draw(t, "gone")
	var rows []set.Person
	for id, s := range c.after.Org.People() {
		if id != gone {
			rows = append(rows, set.Person{ID: id, Set: s})
		}
	}
	org, err := set.OrgFrom(c.after.Org.ID(), c.after.Org.Plan(), rows)
	if err != nil {
		t.Fatal(err)
	}
	c.after.Org = org
	report, err := impact.Between(c.before, c.after, c.records)
	if err != nil {
		t.Fatal(err)
	}
	if m := mismatch(c, report); m != "" {
		t.Fatalf("person %d gone: %s", gone, m)
	}
	for _, p := range report.People {
		if p.ID == gone && p.After.IsValid() {
			t.Fatalf("person %d is gone, but holds %q after", gone, p.After)
		}
	}
}

func TestBetweenExact(t *testing.T) { rapid.Check(t, checkBetweenExact) }

// checkFavourableDominates: the by-kind part's records are the most
// favourable of their kind, independently of how the report uses them:
// whatever Authorize allows a person, with their real memberships, on a
// generated record of the organization (its person holding a system set),
// it allows on the favourable record of that kind, theirs or another's as
// the record is, for the favourable subject of the same set and plan.
func checkFavourableDominates(t *rapid.T) {
	c := genCaseGen().Draw(t, "case")
	for _, id := range c.people {
		real := subjectIn(c.before, id)
		fav := impact.FavourableSubject(real)
		for _, r := range c.records {
			whose := 1
			if r.Person == id {
				whose = 0
			}
			for _, a := range genActions {
				if a.Kind() != r.Kind || !permission.Authorize(real, a, r).Allowed() {
					continue
				}
				allowed := false
				for i, f := range impact.Favourable(r.Kind, c.before.Org.ID(), id) {
					if i%2 == whose && permission.Authorize(fav, a, f).Allowed() {
						allowed = true
					}
				}
				if !allowed {
					t.Fatalf("person %d may %v on %+v, but on no favourable %v record of theirs/others' (%d)", id, a, r, r.Kind, whose)
				}
			}
		}
	}
}

func TestFavourableDominates(t *testing.T) { rapid.Check(t, checkFavourableDominates) }

// TestFavourableOtherHoldsLeast: the other person of the favourable
// records holds a set within every system set's and has the lowest rank, so
// that no system set's holder is a more favourable person to act on.
func TestFavourableOtherHoldsLeast(t *testing.T) {
	other := impact.Favourable(permission.KindPerson, genOrg, 1)[1]
	for s := range set.Systems() {
		if !other.PersonPermissions.SubsetOf(s.Permissions()) {
			t.Errorf("the favourable other's set holds %v, which %q does not", other.PersonPermissions.Minus(s.Permissions()), s.Name())
		}
		if s.Role().Rank() < other.PersonRole.Rank() {
			t.Errorf("%q's role %v ranks below the favourable other's %v", s.Name(), s.Role(), other.PersonRole)
		}
	}
}
