package main

// This file is the only one that touches clearance's Subject, Resource,
// Authorize, Capabilities and List. The core API is changing (the
// Subject.Scope field goes away; Subject.Org and Resource.Org arrive), so
// everything that must change with it is here, and the rest of the decision
// point works on the plain values declared in this file: principal, facts and
// verdict.

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/clearance-go/clearance/permission"
	"github.com/clearance-go/clearance/permission/clip"
	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
	"github.com/clearance-go/clearance/set"
)

// holding is what a person holds, as the org file or a stateless subject
// describes it: a system set (role, scope, add-ons) or a custom set document,
// plus memberships and the organization.
type holding struct {
	set          set.Set
	projects     []scope.ID
	deals        []scope.ID
	budgets      []scope.ID
	organization scope.ID // zero: the loaded organization
	workplace    scope.ID // the person's subsidiary; zero for none
	manager      scope.ID // the person's manager; zero for none
}

// principal is a subject prepared for deciding: built once per org load (or
// once per request for a stateless subject), then only read.
type principal struct {
	subject permission.Subject
	org     scope.ID // the organization the person belongs to; never zero
	set     string   // the set's name, for logs
	manager scope.ID // the person's manager, for records of theirs; zero for none
}

// newPrincipal prepares the subject for person id holding h in organization
// org on plan. The set fills in role and permissions (set.Set.Subject):
// nothing here copies those fields by hand.
func newPrincipal(id, org scope.ID, plan set.Plan, h holding) *principal {
	s := h.set.Subject(org, id)
	s.Plan = plan
	s.Projects = scope.NewMembers(h.projects...)
	s.Deals = scope.NewMembers(h.deals...)
	s.Budgets = scope.NewMembers(h.budgets...)
	s.Workplace = h.workplace
	return &principal{subject: s, org: org, set: h.set.Name(), manager: h.manager}
}

// facts are what a request says about a resource: its kind and the relation
// fields the rules read. The zero value of a field means "not given".
type facts struct {
	kind         permission.Kind
	id           scope.ID // the record's own ID, for logs
	organization scope.ID // never zero once read: the loaded organization when the request names none
	project      scope.ID
	visibility   scope.Visibility
	budget       scope.ID
	clientAccess bool
	deal         scope.ID
	person       scope.ID
	personRole   role.Role
	approver     scope.ID

	// The relations beyond membership.
	workplace         scope.ID
	manager           scope.ID
	approvers         []scope.ID    // as read
	approverSet       scope.Members // built once per request from approvers (fromStore), not once per decision
	approvalRequired  bool
	approved          bool
	managerApproves   bool
	personPermissions permission.Mask
}

// fromStore fills in, for a person the organization holds, what the store
// knows of them, over anything the request said: the stored organization
// is the authority on people. A person record takes their role and the
// permissions of the set they hold; any record of theirs, their
// subsidiary and manager. A person record of someone the organization does
// not hold keeps no role or set from the request, unless described is true:
// the point accepts people described in full (-stateless, authenticated
// callers only). It also builds the approvers' set, once per request.
func (f *facts) fromStore(snap *snapshot, described bool) {
	f.approverSet = scope.NewMembers(f.approvers...)
	p, ok := snap.people[f.person]
	if !ok || f.person == 0 || f.organization != snap.org {
		if f.kind == permission.KindPerson && !described {
			// A person the organization does not hold has no role or set
			// the point can vouch for: the record is invalid, never
			// described into an allow.
			f.personRole, f.personPermissions = 0, permission.Mask{}
		}
		return
	}
	if f.kind == permission.KindPerson {
		f.personRole, f.personPermissions = p.subject.Role, p.subject.Permissions
	}
	f.workplace, f.manager = p.subject.Workplace, p.manager
}

// resource turns the facts into clearance's Resource.
func (f *facts) resource() permission.Resource {
	return permission.Resource{
		Org:          f.organization,
		Kind:         f.kind,
		ID:           f.id,
		Project:      f.project,
		Visibility:   f.visibility,
		Budget:       f.budget,
		ClientAccess: f.clientAccess,
		Deal:         f.deal,
		Person:       f.person,
		PersonRole:   f.personRole,
		Approver:     f.approver,

		Workplace:         f.workplace,
		Manager:           f.manager,
		Approvers:         f.approverSet,
		ApprovalRequired:  f.approvalRequired,
		Approved:          f.approved,
		ManagerApproves:   f.managerApproves,
		PersonPermissions: f.personPermissions,
	}
}

// kindField names the field a kind's own ID stands for: a project's ID is the
// project, a budget's the budget, and so on. Kinds whose ID is only a record
// number (a task, a time entry) are absent.
type kindField uint8

const (
	noField kindField = iota
	projectField
	budgetField
	dealField
	personField
	organizationField
)

// kindNames maps a resource type to clearance's kind, and tells which field
// the resource's ID fills.
var kindNames = func() map[string]struct {
	kind  permission.Kind
	field kindField
} {
	m := map[string]struct {
		kind  permission.Kind
		field kindField
	}{}
	for k := permission.Kind(1); k.IsValid(); k++ {
		f := noField
		switch k {
		case permission.KindProject:
			f = projectField
		case permission.KindBudget:
			f = budgetField
		case permission.KindDeal:
			f = dealField
		case permission.KindPerson:
			f = personField
		case permission.KindOrganization:
			f = organizationField
		}
		m[k.String()] = struct {
			kind  permission.Kind
			field kindField
		}{k, f}
	}
	return m
}()

// parseKind returns the kind named s and the field its ID fills.
func parseKind(s string) (permission.Kind, kindField, bool) {
	k, ok := kindNames[s]
	return k.kind, k.field, ok
}

// isOrganizationKind reports whether k is the organization itself.
func isOrganizationKind(k permission.Kind) bool { return k == permission.KindOrganization }

// isPersonKind reports whether k is a person.
func isPersonKind(k permission.Kind) bool { return k == permission.KindPerson }

// action is a parsed action name.
type action = permission.Action

// parseAction reads one of clearance's dotted action names. An unknown
// name's error quotes it (cut to 64 bytes) and suggests the nearest action.
func parseAction(name string) (action, error) {
	return permission.ParseAction(name)
}

// unknownKindMessage says that typ is not a resource type, suggesting the
// nearest one within two edits.
func unknownKindMessage(typ string) string {
	best, dist := "", 3
	for name := range kindNames {
		if d := clip.Distance(typ, name); d < dist || d == dist && name < best {
			best, dist = name, d
		}
	}
	msg := "resource type " + clip.Quote(typ) + " is not one of clearance's kinds"
	if best != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", best)
	}
	return msg
}

// Reasons the decision point gives itself, before clearance is asked. Their
// names never collide with clearance's reasons.
const (
	reasonUnknownSubject = "unknown_subject"
	reasonUnknownAction  = "unknown_action"
	reasonUnknownType    = "unknown_resource_type"
)

var ownSentences = map[string]string{
	reasonUnknownSubject: "the subject is not a person this decision point knows",
	reasonUnknownAction:  "the action is not one of clearance's actions",
	reasonUnknownType:    "the resource type is not one of clearance's kinds",
}

// verdict is one decision, as the wire and the log show it.
type verdict struct {
	allowed bool
	reason  string                // clearance's Reason name, or one of the reasons above
	missing permission.Permission // the missing permission, when that was the cause; 0 for none
	// decision is clearance's decision when clearance decided; the log shows
	// it in full (it is a slog.LogValuer).
	decision      permission.Decision
	fromClearance bool // true when clearance decided (decision is meaningful)

	field   string            // for invalid_resource: the property the resource lacks
	message string            // for unknown_action and unknown_resource_type: what was wrong, with a suggestion
	unknown []unknownProperty // resource properties the point did not read
	rev     uint64            // the revision of the snapshot it was decided at
}

// sentence returns a short explanation of the verdict, fit to show a person.
func (v verdict) sentence() string {
	if v.fromClearance {
		return v.decision.Reason().Sentence()
	}
	return ownSentences[v.reason]
}

// full returns the whole explanation, for the server's log.
func (v verdict) full() string {
	if v.fromClearance {
		return v.decision.String()
	}
	return v.reason + ": " + ownSentences[v.reason]
}

// deny is a verdict the decision point reaches without clearance.
func deny(reason string) verdict { return verdict{reason: reason} }

// sameOrganization reports whether the resource is of the subject's
// organization; Authorize denies any other (other_organization), and a search
// uses it to answer "nothing" at once.
func sameOrganization(p *principal, f *facts) bool {
	return f.organization == p.org
}

// decide is the decision: clearance's Authorize, tenancy included.
func decide(p *principal, a action, f *facts) verdict {
	d := permission.Authorize(p.subject, a, f.resource())
	v := verdict{allowed: d.Allowed(), reason: d.Reason().String(), decision: d, fromClearance: true}
	v.missing = d.Missing()
	if f := d.Field(); f != "" {
		v.field = propertyOfField(f)
	}
	return v
}

// capabilities returns the names of every action p may take on the resource.
func capabilities(p *principal, f *facts) []string {
	var out []string
	for a := range permission.Capabilities(p.subject, f.resource()).All() {
		out = append(out, a.String())
	}
	return out
}

// errNotEnumerable is wrapped by listIDs when the resources p may act on are
// not a finite set the decision point knows.
var errNotEnumerable = errors.New("not a finite set this decision point knows")

// listIDs answers a resource search for the kinds whose answer is a set of
// IDs clearance hands back exactly: projects, deals and budgets where the
// subject's memberships are the whole answer. It returns the IDs in ascending
// order (nil for none), or an error wrapping errNotEnumerable that says what
// the answer depends on.
//
// A filter is a conjunction of clauses, each a disjunction of conditions. For
// a kind whose own ID is the membership's object (a project's ID is its
// project), the answer is exactly the memberships when every clause holds
// for a member whatever else is true of the resource (each clause contains the
// membership condition) and at least one clause admits members only (it holds
// nothing else). Otherwise the answer depends on facts the decision point
// does not hold: which projects are public, which budgets have Client access
// on, or every resource of the kind.
func listIDs(p *principal, a action, kind permission.Kind) ([]scope.ID, error) {
	if a.Kind() != kind {
		return nil, nil // Authorize denies every such resource: kind_mismatch
	}
	f := permission.List(p.subject, a)
	if f.None() {
		return nil, nil
	}
	if f.Everything() {
		return nil, fmt.Errorf("%v: every %v of the organization: %w", a, kind, errNotEnumerable)
	}
	var member permission.Condition
	var members scope.Members
	switch kind {
	case permission.KindProject:
		member, members = permission.ProjectIsShared, f.Projects()
	case permission.KindDeal:
		member, members = permission.DealIsAssigned, f.Deals()
	case permission.KindBudget:
		member, members = permission.BudgetIsShared, f.Budgets()
	default:
		return nil, fmt.Errorf("%v: a %v is listed by a filter over the host's records: %w", a, kind, errNotEnumerable)
	}
	onlyMembers, besides := false, []string(nil)
	for c := range f.Clauses() {
		hasMember, others := false, []string(nil)
		for cond := range c.Conditions() {
			if cond == member {
				hasMember = true
			} else {
				others = append(others, cond.String())
			}
		}
		if !hasMember {
			return nil, fmt.Errorf("%v: an allowed %v must meet %s, which the decision point cannot list: %w", a, kind, strings.Join(others, " or "), errNotEnumerable)
		}
		if len(others) == 0 {
			onlyMembers = true
		}
		besides = append(besides, others...)
	}
	if !onlyMembers {
		return nil, fmt.Errorf("%v: besides the subject's memberships, any %v meeting %s is allowed, which the decision point cannot list: %w", a, kind, strings.Join(besides, " or "), errNotEnumerable)
	}
	var ids []scope.ID
	for id := range members.All() {
		ids = append(ids, id)
	}
	return ids, nil
}

// listFilter is the filter of what p may take action a on:
// clearance's List, which a database-backed point renders with sqlfilter.
func listFilter(p *principal, a action) permission.Filter { return permission.List(p.subject, a) }

// personFacts describes person id of the organization snap holds, as a
// resource, with what the store knows of them (their role and set).
func personFacts(snap *snapshot, id scope.ID) facts {
	f := facts{kind: permission.KindPerson, id: id, organization: snap.org, person: id}
	f.fromStore(snap, false)
	return f
}

// organizationFacts describes the organization org as a resource.
func organizationFacts(org scope.ID) facts {
	return facts{kind: permission.KindOrganization, id: org, organization: org}
}

// systemSet returns Productive's system set for a role, scope and add-ons
// (the zero scope is the role's default).
func systemSet(r role.Role, sc scope.Scope, addons set.Addons) (set.Set, error) {
	return set.System(r, sc, addons)
}

// customSet decodes a set document, strictly, for an organization on plan.
func customSet(doc []byte, plan set.Plan) (set.Set, error) {
	return set.Decode(doc, plan)
}

// checkAssignment applies set.Org's rules to an organization's people, in
// one step (set.OrgFrom): one Owner, holding the Owner set; custom sets only
// on a plan that allows them; IDs not zero and not repeated.
func checkAssignment(org scope.ID, plan set.Plan, people map[scope.ID]set.Set) error {
	rows := make([]set.Person, 0, len(people))
	for _, id := range slices.Sorted(maps.Keys(people)) {
		rows = append(rows, set.Person{ID: id, Set: people[id]})
	}
	_, err := set.OrgFrom(org, plan, rows)
	return err
}
