package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
	"github.com/clearance-go/clearance/set/impact"
)

// The example organization of -diff's impact section: its Owner; two
// people holding the custom set's base, one a member of the preview's
// project, budget and deal and one a member of nothing; and one person
// holding the custom set already. The change switches the two from the base
// to the custom set.
const (
	exampleOwner    scope.ID = 1
	exampleMember   scope.ID = 2 // holds the base; a member of project 10, budget 20, deal 30
	exampleOutsider scope.ID = 3 // holds the base; a member of nothing
	exampleHolder   scope.ID = 4 // holds the custom set already
	otherProject    scope.ID = 11
	otherBudget     scope.ID = 21
)

// exampleRecord is one record of the example organization, with what it is
// for people to read.
type exampleRecord struct {
	what string
	r    permission.Resource
}

// exampleRecords are the records the impact is reported on: what the
// preview's project and budget hold, and a private project and budget the
// member is not part of.
func exampleRecords() []exampleRecord {
	on := func(k permission.Kind, id, project, budget scope.ID, vis scope.Visibility) permission.Resource {
		return permission.Resource{Org: previewOrg, Kind: k, ID: id, Project: project, Visibility: vis, Budget: budget, ClientAccess: true}
	}
	expense := on(permission.KindExpense, 601, previewProject, previewBudget, scope.Public)
	expense.Person = exampleOutsider
	entry := on(permission.KindTimeEntry, 701, previewProject, previewBudget, scope.Public)
	entry.Person, entry.Approver, entry.ApprovalRequired = exampleOutsider, exampleMember, true
	return []exampleRecord{
		{"the organization", permission.Resource{Org: previewOrg, Kind: permission.KindOrganization, ID: previewOrg}},
		{"public project 10, person 2's", on(permission.KindProject, previewProject, previewProject, 0, scope.Public)},
		{"private project 11, nobody's", on(permission.KindProject, otherProject, otherProject, 0, scope.Private)},
		{"a task on project 10", on(permission.KindTask, 101, previewProject, 0, scope.Public)},
		{"budget 20 on project 10, person 2's", on(permission.KindBudget, previewBudget, previewProject, previewBudget, scope.Public)},
		{"an invoice of budget 20", on(permission.KindInvoice, 501, previewProject, previewBudget, scope.Public)},
		{"an invoice of budget 21 on project 11", on(permission.KindInvoice, 502, otherProject, otherBudget, scope.Private)},
		{"person 3's expense on budget 20", expense},
		{"person 3's time entry on budget 20, person 2 approves", entry},
		{"deal 30, person 2's", permission.Resource{Org: previewOrg, Kind: permission.KindDeal, ID: previewDeal, Deal: previewDeal}},
	}
}

// setImpact is what switching the example organization's holders of a
// custom set's base to the set gains and loses.
type setImpact struct {
	base, custom set.Set
	records      []exampleRecord
	report       impact.Report
}

// impactOf switches the example organization's holders of s's base to s and
// reports the impact.
func impactOf(s set.Set) (*setImpact, error) {
	base := set.BaseOf(s)
	org, err := set.OrgFrom(previewOrg, set.Ultimate, []set.Person{
		{ID: exampleOwner, Set: set.MustSystem(role.Owner, 0, 0)},
		{ID: exampleMember, Set: base},
		{ID: exampleOutsider, Set: base},
		{ID: exampleHolder, Set: s},
	})
	if err != nil {
		return nil, err
	}
	before := impact.State{Org: org, Memberships: map[scope.ID]impact.Memberships{
		exampleMember: {Projects: scope.NewMembers(previewProject), Budgets: scope.NewMembers(previewBudget),
			Deals: scope.NewMembers(previewDeal), Workplace: previewWorkplace},
		exampleOutsider: {Workplace: previewWorkplace},
		exampleHolder:   {Projects: scope.NewMembers(previewProject), Workplace: previewWorkplace},
	}}
	after := before
	for _, id := range []scope.ID{exampleMember, exampleOutsider} {
		if after, err = impact.Assign(id, s).Apply(after); err != nil {
			return nil, err
		}
	}
	records := exampleRecords()
	rs := make([]permission.Resource, len(records))
	for i, r := range records {
		rs[i] = r.r
	}
	report, err := impact.Between(before, after, rs)
	if err != nil {
		return nil, err
	}
	return &setImpact{base: base, custom: s, records: records, report: report}, nil
}

// writeTextImpact writes the impact section of -diff.
func writeTextImpact(w io.Writer, im *setImpact) {
	fmt.Fprintf(w, "\nImpact on an example organization: people 2 and 3 switched from %s to %s\n", im.base.Name(), im.custom.Name())
	fmt.Fprintf(w, "  person 1\tOwner\n")
	fmt.Fprintf(w, "  person 2\t%s, member of project 10, budget 20 and deal 30\n", im.base.Name())
	fmt.Fprintf(w, "  person 3\t%s, member of nothing\n", im.base.Name())
	fmt.Fprintf(w, "  person 4\t%s already, member of project 10: nothing changes for them\n", im.custom.Name())
	for i, r := range im.records {
		fmt.Fprintf(w, "  record %d\t%s\n", i, r.what)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Who gains (+) and loses (-) what, by kind (on any record, or their own and others') and on each record above\n")
	for _, line := range strings.SplitAfter(im.report.String(), "\n") {
		if line != "" {
			fmt.Fprintf(w, "  %s", line)
		}
	}
}

// The JSON form of the impact section.
type (
	jsonImpact struct {
		Change  string         `json:"change"`
		Records []jsonRecord   `json:"records"`
		People  []jsonPersonIm `json:"people"`
	}
	jsonRecord struct {
		Index int      `json:"index"`
		Kind  string   `json:"kind"`
		ID    scope.ID `json:"id"`
		What  string   `json:"what"`
	}
	jsonPersonIm struct {
		ID      scope.ID          `json:"id"`
		Before  string            `json:"before"`
		After   string            `json:"after"`
		Kinds   []jsonKindDelta   `json:"kinds"`
		Records []jsonRecordDelta `json:"records"`
	}
	jsonKindDelta struct {
		Kind   string    `json:"kind"`
		Own    jsonDelta `json:"own"`    // on their own records of the kind
		Others jsonDelta `json:"others"` // on other people's
	}
	jsonRecordDelta struct {
		Index int      `json:"index"` // in records
		Kind  string   `json:"kind"`
		ID    scope.ID `json:"id"`
		jsonDelta
	}
	jsonDelta struct {
		Gained []string `json:"gained"`
		Lost   []string `json:"lost"`
	}
)

func deltaJSON(d impact.Delta) jsonDelta {
	return jsonDelta{Gained: actionNames(d.Gained), Lost: actionNames(d.Lost)}
}

func actionNames(m permission.ActionMask) []string {
	out := []string{}
	for a := range m.All() {
		out = append(out, a.String())
	}
	return out
}

func impactJSON(im *setImpact) *jsonImpact {
	j := &jsonImpact{
		Change:  fmt.Sprintf("people 2 and 3 switched from %s to %s", im.base.Name(), im.custom.Name()),
		Records: []jsonRecord{}, People: []jsonPersonIm{},
	}
	for i, r := range im.records {
		j.Records = append(j.Records, jsonRecord{i, r.r.Kind.String(), r.r.ID, r.what})
	}
	for _, p := range im.report.People {
		jp := jsonPersonIm{ID: p.ID, Before: p.Before.Name(), After: p.After.Name(), Kinds: []jsonKindDelta{}, Records: []jsonRecordDelta{}}
		for _, k := range p.Kinds {
			jp.Kinds = append(jp.Kinds, jsonKindDelta{k.Kind.String(), deltaJSON(k.Own), deltaJSON(k.Others)})
		}
		for _, r := range p.Records {
			jp.Records = append(jp.Records, jsonRecordDelta{r.Index, r.Record.Kind.String(), r.Record.ID, deltaJSON(r.Delta)})
		}
		j.People = append(j.People, jp)
	}
	return j
}
