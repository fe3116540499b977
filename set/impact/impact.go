package impact

import (
	"fmt"
	"slices"
	"strings"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// Delta is what one person gains and loses: the actions allowed after a
// change and not before, and those allowed before and not after. The two
// never share an action.
type Delta struct {
	Gained permission.ActionMask
	Lost   permission.ActionMask
}

// IsEmpty reports whether d gains and loses nothing.
func (d Delta) IsEmpty() bool { return d.Gained.IsEmpty() && d.Lost.IsEmpty() }

// String writes the gains with a plus sign and the losses with a minus
// sign, each in the action table's order: "+invoice.view -doc.edit".
func (d Delta) String() string {
	var parts []string
	for a := range d.Gained.All() {
		parts = append(parts, "+"+a.String())
	}
	for a := range d.Lost.All() {
		parts = append(parts, "-"+a.String())
	}
	return strings.Join(parts, " ")
}

// deltaOf returns what going from before to after gains and loses.
func deltaOf(before, after permission.ActionMask) Delta {
	var d Delta
	if before == after {
		return d
	}
	for a := range after.All() {
		if !before.Has(a) {
			d.Gained = d.Gained.With(a)
		}
	}
	for a := range before.All() {
		if !after.Has(a) {
			d.Lost = d.Lost.With(a)
		}
	}
	return d
}

// KindDelta is what a person gains and loses on the most favourable
// records of one kind: what their set allows at best (see [Report]), on
// their own records and on other people's. The two differ only for kinds
// whose records belong to people (time entries, expenses, bookings,
// absence, people themselves): "their own expenses only" becoming "every
// expense" is a gain on others' records alone.
type KindDelta struct {
	Kind   permission.Kind
	Own    Delta // on their own records of the kind
	Others Delta // on other people's records of the kind
}

// RecordDelta is what a person gains and loses on one record of the list
// given to [Of] or [Between]: exactly the actions [permission.Authorize]
// allows on it after the change and not before, and the reverse.
type RecordDelta struct {
	Index  int                 // the record's index in the list
	Record permission.Resource // the record as decided after the change (see [Between] on person records)
	Delta
}

// Person is what a change does to one person: the sets they hold before
// and after it (the zero Set where the organization does not hold them),
// and their gains and losses by kind and by record.
type Person struct {
	ID            scope.ID
	Before, After set.Set
	Kinds         []KindDelta   // in kind order; only kinds with a gain or a loss
	Records       []RecordDelta // in list order; only records with a gain or a loss
}

// Report is who gains and who loses what by a change: for every person
// whose access changes, in ascending order of ID,
//
//   - by kind: the actions they gain and lose on the most favourable
//     record of each kind, their own and other people's (see [KindDelta]),
//     as tryitout's preview decides them: a public
//     project they are a member of, its tasks and docs; a budget of it they
//     are a member of and approve, with Client access on, and what lives on
//     it; a deal assigned to them; an absence request they approve; their
//     own record and a client's of their subsidiary (see [Favourable]), time entries
//     awaiting approval and approved ones. An action is allowed on their
//     own records of a kind when it is allowed on one of their own of these,
//     and on others' likewise. This part reads the person's set
//     and the organization's plan, not their memberships: it is what the
//     set allows at best;
//   - by record: exactly the actions gained and lost on each record of the
//     given list, as [permission.Authorize] decides them with the person's
//     real memberships.
//
// People whose access does not change are left out, and so are kinds and
// records they gain and lose nothing on. The zero Report is empty.
type Report struct {
	Org    scope.ID
	People []Person
}

// IsEmpty reports whether the change gains and loses nobody anything.
func (r Report) IsEmpty() bool { return len(r.People) == 0 }

// String writes the report for people to read, one person after another:
//
//	person 3: Staff -> Accounting
//	  any invoice: +invoice.view
//	  others' expense: +expense.manage
//	  record 0, invoice 12: +invoice.view
//	person 4: Accounting (edited)
//	  record 1, invoice 13: -invoice.view
//
// (a person's sets, or the one set they hold, "(edited)" when its
// permissions changed; then by kind, "any" where their own records and
// others' gain and lose the same, "own" and "others'" where they differ;
// then by record: the record's index in
// the list, its kind and ID), and "no one gains or loses anything" for an
// empty report.
func (r Report) String() string {
	if r.IsEmpty() {
		return "no one gains or loses anything\n"
	}
	var b strings.Builder
	for _, p := range r.People {
		fmt.Fprintf(&b, "person %d: %s\n", p.ID, sets(p.Before, p.After))
		for _, k := range p.Kinds {
			switch {
			case k.Own == k.Others:
				fmt.Fprintf(&b, "  any %v: %v\n", k.Kind, k.Own)
			default:
				if !k.Own.IsEmpty() {
					fmt.Fprintf(&b, "  own %v: %v\n", k.Kind, k.Own)
				}
				if !k.Others.IsEmpty() {
					fmt.Fprintf(&b, "  others' %v: %v\n", k.Kind, k.Others)
				}
			}
		}
		for _, rec := range p.Records {
			fmt.Fprintf(&b, "  record %d, %v %d: %v\n", rec.Index, rec.Record.Kind, rec.Record.ID, rec.Delta)
		}
	}
	return b.String()
}

// sets describes the sets a person holds before and after.
func sets(before, after set.Set) string {
	name := func(s set.Set) string {
		if !s.IsValid() {
			return "(not in the organization)"
		}
		return s.Name()
	}
	switch {
	case before == after:
		return name(after)
	case before.Name() == after.Name():
		return name(after) + " (edited)"
	}
	return name(before) + " -> " + name(after)
}

// Of returns what change c does to the people of state s: [Between] s and
// the state c makes of it ([Change.Apply]), whose error it returns.
func Of(s State, c Change, records []permission.Resource) (Report, error) {
	after, err := c.Apply(s)
	if err != nil {
		return Report{}, err
	}
	return Between(s, after, records)
}

// Between returns who gains and who loses what between two states of one
// organization, over everyone either state holds (a person only one of
// them holds gains or loses all they may do), by kind and on every record
// of the list (see [Report]). Both states' Orgs must be of the same
// organization, not the zero Org ([ErrState]).
//
// A record of another organization is denied before and after, so nobody
// gains or loses anything on it. A person record (kind person) of someone
// an Org holds is decided with PersonRole and PersonPermissions from the
// set they hold in that state, whatever the list says, since changing a
// person's set is decided on the set they hold: a change of one person's
// set changes what others may do to them. [RecordDelta.Record] is the
// record as decided after.
//
// Between reads the states and the records and changes neither. It
// decides a person with [permission.Prepare] once per state, and records
// with [permission.Principal.Capabilities]; a person whose subject is the
// same in both states (same set, plan, memberships and workplace: compared
// with ==, so memberships that were not rebuilt) is decided only on the
// person records that differ, which are all that may differ for them. Its
// time is linear in the number of people whose subject changes times the
// number of records, plus the people times the changed person records.
func Between(before, after State, records []permission.Resource) (Report, error) {
	org := before.Org.ID()
	switch {
	case org == 0 || after.Org.ID() == 0:
		return Report{}, fmt.Errorf("impact: the zero Org: %w", ErrState)
	case after.Org.ID() != org:
		return Report{}, fmt.Errorf("impact: organization %d before, %d after: %w", org, after.Org.ID(), ErrState)
	}
	was, now := resolve(records, before), resolve(records, after)
	var changed []int // the records that differ between the states
	for i := range was {
		if was[i] != now[i] {
			changed = append(changed, i)
		}
	}
	report := Report{Org: org}
	favourable := map[favourite][]access{}
	for _, id := range people(before.Org, after.Org) {
		sb, _ := before.Subject(id)
		sa, _ := after.Subject(id)
		if sb == sa && len(changed) == 0 {
			continue // nothing they are decided on differs
		}
		p := Person{ID: id}
		p.Before, _ = before.Org.SetOf(id)
		p.After, _ = after.Org.SetOf(id)
		if sb != sa {
			p.Kinds = kindDeltas(favourable, sb, sa)
		}
		pb, _ := permission.Prepare(sb) // an invalid subject (a person a state does not hold) denies everything
		pa := pb
		if sa != sb {
			pa, _ = permission.Prepare(sa)
		}
		decide := func(i int) {
			if d := deltaOf(pb.Capabilities(&was[i]), pa.Capabilities(&now[i])); !d.IsEmpty() {
				p.Records = append(p.Records, RecordDelta{Index: i, Record: now[i], Delta: d})
			}
		}
		if sb == sa {
			for _, i := range changed {
				decide(i)
			}
		} else {
			for i := range now {
				decide(i)
			}
		}
		if len(p.Kinds) > 0 || len(p.Records) > 0 {
			report.People = append(report.People, p)
		}
	}
	return report, nil
}

// people returns everyone either Org holds, in ascending order.
func people(before, after set.Org) []scope.ID {
	var ids []scope.ID
	for id := range before.People() {
		ids = append(ids, id)
	}
	for id := range after.People() {
		if _, ok := before.SetOf(id); !ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

// resolve returns records with every person record of someone s's Org
// holds given that person's role and permissions in s. It returns records
// itself when no record changes, and a copy otherwise.
func resolve(records []permission.Resource, s State) []permission.Resource {
	out, copied := records, false
	for i := range records {
		r := &records[i]
		if r.Kind != permission.KindPerson || r.Org != s.Org.ID() {
			continue
		}
		held, ok := s.Org.SetOf(r.Person)
		if !ok || r.PersonRole == held.Role() && r.PersonPermissions == held.Permissions() {
			continue
		}
		if !copied {
			out, copied = slices.Clone(records), true
		}
		out[i].PersonRole, out[i].PersonPermissions = held.Role(), held.Permissions()
	}
	return out
}

// endKind is one past the last resource kind.
var endKind = func() permission.Kind {
	k := permission.KindOrganization
	for k.IsValid() {
		k++
	}
	return k
}()

// favourite is what the by-kind part of a report reads of a subject: the
// favourable records decide the same for every person of the same role,
// permissions and plan.
type favourite struct {
	role  role.Role
	perms permission.Mask
	plan  permission.Plan
}

// kindDeltas returns the gains and losses by kind from subject sb to sa,
// caching what each (role, permissions, plan) allows in cache.
func kindDeltas(cache map[favourite][]access, sb, sa permission.Subject) []KindDelta {
	before, after := byKind(cache, sb), byKind(cache, sa)
	var out []KindDelta
	for k := permission.KindOrganization; k < endKind; k++ {
		d := KindDelta{Kind: k, Own: deltaOf(before[k].own, after[k].own), Others: deltaOf(before[k].others, after[k].others)}
		if !d.Own.IsEmpty() || !d.Others.IsEmpty() {
			out = append(out, d)
		}
	}
	return out
}

// access is what a subject may do on the favourable records of one kind:
// their own, and other people's.
type access struct{ own, others permission.ActionMask }

// The people and records of the favourable samples: the same for everyone,
// as what they decide depends on the role, the permissions and the plan
// only.
const (
	favOrg       scope.ID = 1
	favPerson    scope.ID = 1 // the person whose access is shown
	favOther     scope.ID = 2 // a client whose records they act on
	favProject   scope.ID = 10
	favBudget    scope.ID = 20
	favDeal      scope.ID = 30
	favRecord    scope.ID = 40
	favWorkplace scope.ID = 50
)

var (
	favProjects = scope.NewMembers(favProject)
	favBudgets  = scope.NewMembers(favBudget)
	favDeals    = scope.NewMembers(favDeal)
	// leastPerms are the Client Staff system set's permissions: within
	// every system set's (TestFavourableOtherHoldsLeast), so that changing
	// the set of a person holding them is allowed wherever changing any
	// system set's holder is.
	leastPerms = set.MustSystem(role.Client, 0, 0).Permissions()
)

// Favourable returns the most favourable records of kind k for person,
// of organization org, who is a member of project 10, budget 20 and deal
// 30 and belongs to workplace 50 (see [FavourableSubject]): their own
// record (at even indices) and that of person+1 (person-1 for the largest
// ID), a client holding the Client Staff system set, of their
// subsidiary, whose manager they are (at odd indices; the lowest rank, and
// a set within every system set, as person.change_permission_set asks: a
// custom set narrower still is not tried), each once awaiting approval (the person approves it) and once
// approved. The by-kind part of
// a [Report] decides these; they are exported so that a host, or a test,
// can decide them too.
func Favourable(k permission.Kind, org, person scope.ID) [4]permission.Resource {
	other := person + 1
	if other == 0 {
		other = person - 1
	}
	var out [4]permission.Resource
	for i := range out {
		whose := person
		if i%2 == 1 {
			whose = other
		}
		out[i] = permission.Resource{
			Org: org, Kind: k, ID: favRecord,
			Project: favProject, Visibility: scope.Public, Deal: favDeal, Budget: favBudget, ClientAccess: true,
			Person: whose, PersonRole: role.Client, PersonPermissions: leastPerms,
			Approver: person, Approvers: scope.NewMembers(person), Manager: person, ManagerApproves: true,
			Workplace:        favWorkplace,
			ApprovalRequired: true, Approved: i >= 2,
		}
	}
	return out
}

// FavourableSubject returns subject s with the memberships the records
// [Favourable] returns are most favourable for: project 10, budget 20,
// deal 30, workplace 50.
func FavourableSubject(s permission.Subject) permission.Subject {
	s.Projects, s.Budgets, s.Deals, s.Workplace = favProjects, favBudgets, favDeals, favWorkplace
	return s
}

// byKind returns what a subject of s's role, permissions and plan may do
// on the favourable records of each kind, by kind; nothing for an invalid
// subject.
func byKind(cache map[favourite][]access, s permission.Subject) []access {
	key := favourite{s.Role, s.Permissions, s.Plan}
	if m, ok := cache[key]; ok {
		return m
	}
	m := make([]access, endKind)
	subject := FavourableSubject(permission.Subject{Org: favOrg, ID: favPerson, Role: s.Role, Permissions: s.Permissions, Plan: s.Plan})
	if p, err := permission.Prepare(subject); err == nil {
		for k := permission.KindOrganization; k < endKind; k++ {
			samples := Favourable(k, favOrg, favPerson)
			for i := range samples {
				whose := &m[k].own
				if i%2 == 1 {
					whose = &m[k].others
				}
				for a := range p.Capabilities(&samples[i]).All() {
					*whose = whose.With(a)
				}
			}
		}
	}
	cache[key] = m
	return m
}
