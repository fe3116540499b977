package permission

import (
	"errors"
	"fmt"

	"github.com/clearance-go/clearance/role"
	"github.com/clearance-go/clearance/scope"
)

// Subject is who asks: a person of an organization, with a role, the
// permissions their permission set yields (reach rights among them), the
// projects, deals and budgets they are a member of, and the subsidiary
// (workplace) they belong to. Fill it in as a literal, or let a permission
// set (package set) fill in Role and Permissions so they cannot disagree.
//
// Memberships are the relations the host stores: a person is a member of a
// project directly, through a team, or through a dynamic group ("Employees",
// "project members"); fold them into one set per kind when the subject is
// built (see [scope.Union]). Budget membership is its own relation, granted
// without project membership: a budget reaches what lives on it (time
// entries, bookings, expenses, invoices, purchase orders, services) as the
// object type's "where a member" right says.
//
// How far a subject reaches is said by its reach rights alone, object type by
// object type; there is no scope field to disagree with them. [Subject.Scope]
// names the preset its project reach matches, for display.
//
// The zero Subject is invalid and is denied everything.
type Subject struct {
	Org         scope.ID      // the organization the person belongs to; must not be zero
	ID          scope.ID      // the person; must not be zero
	Role        role.Role     // the base role of their permission set
	Permissions Mask          // must be within HoldableBy(Role)
	Plan        Plan          // the organization's plan; only a client's budget rights ask it (see ClientBudgetsPlan)
	Projects    scope.Members // projects the person is a member of
	Deals       scope.Members // deals assigned to the person
	Budgets     scope.Members // budgets (deals) the person is a member of
	Workplace   scope.ID      // the subsidiary (workplace) the person belongs to; 0 for none
}

// ErrInvalidSubject is wrapped by the errors [Subject.Validate] returns.
var ErrInvalidSubject = errors.New("invalid subject")

// Scope returns the preset the subject's project reach rights match: see
// [ScopeOf].
func (s Subject) Scope() scope.Scope { return ScopeOf(s.Permissions) }

// ScopeOf names the preset that the project reach rights in m match:
// Unlimited with projects.view_all, Restricted with projects.view_public,
// Member with projects.view, and the zero Scope with none. It is a
// description for people (what Productive's set list shows); no rule reads
// it, and the other object types' reach rights may differ from the preset
// in a custom set.
func ScopeOf(m Mask) scope.Scope {
	switch {
	case m.Has(ProjectsViewAll):
		return scope.Unlimited
	case m.Has(ProjectsViewPublic):
		return scope.Restricted
	case m.Has(ProjectsView):
		return scope.Member
	}
	return 0
}

// fault says what is wrong with a subject; noFault when nothing is.
type fault uint8

const (
	noFault fault = iota
	noOrg
	noID
	badRole
	beyondRole
)

// fault runs the checks of Validate without building an error, so that
// Authorize can run them on every call.
func (s *Subject) fault() fault {
	switch {
	case s.Org == 0:
		return noOrg
	case s.ID == 0:
		return noID
	case !s.Role.IsValid():
		return badRole
	case !s.Permissions.SubsetOf(HoldableBy(s.Role)):
		return beyondRole
	}
	return noFault
}

func (s *Subject) valid() bool { return s.fault() == noFault }

// Validate returns nil if s is well formed, and otherwise an error wrapping
// [ErrInvalidSubject] that says what is wrong. [Authorize] denies an invalid
// subject with reason [InvalidSubject]; Validate tells a host why.
func (s Subject) Validate() error {
	var what string
	switch s.fault() {
	case noFault:
		return nil
	case noOrg:
		return fmt.Errorf("permission: subject %d has no organization: %w", s.ID, ErrInvalidSubject)
	case noID:
		return fmt.Errorf("permission: subject has no ID: %w", ErrInvalidSubject)
	case badRole:
		what = s.Role.String()
	case beyondRole:
		what = fmt.Sprintf("role %v may not hold %v", s.Role, s.Permissions.Minus(HoldableBy(s.Role)).First())
	}
	return fmt.Errorf("permission: subject %d: %s: %w", s.ID, what, ErrInvalidSubject)
}

// Resource is what the action is taken on. Fill in Org, Kind and the
// relation fields its kind needs, and the relations the actions you ask
// about read (the approvers, the workplace); the others are ignored.
//
//	Kind                          needs, besides Org
//	organization, contact,        nothing
//	client
//	person                        Person and PersonRole (and PersonPermissions
//	                              to change their permission set)
//	time off, absence allocation  Person
//	project, task, doc            Project and Visibility
//	budget, invoice, service,     Project, Visibility and Budget
//	purchase order
//	booking                       Person, Project and Visibility (and Budget
//	                              when the booking is on a budget)
//	time entry, expense           Person, Project, Visibility and Budget
//	deal                          Deal
//
// The relations are data, never a precomputed answer: who approves the
// record (Approver for a budget's time; Approvers and the requester's
// Manager for an absence request), whether the budget requires time
// approval and whether the entry is approved, the workplace of the person
// whose record it is, and the permissions a person holds now.
//
// A resource that lacks what its kind (or the action) needs is denied with
// reason [InvalidResource]; one of another organization than the subject's,
// with [OtherOrganization]. The zero Resource is invalid.
//
// The one-byte fields sit together so that a Resource packs tightly.
type Resource struct {
	Org          scope.ID // the organization the record belongs to; must not be zero
	Kind         Kind
	Visibility   scope.Visibility // the project's visibility
	ClientAccess bool             // the budget's Client access toggle
	// ApprovalRequired says that the time entry's budget requires time
	// approval: only then is there an entry to approve, and a client sees
	// only approved entries.
	ApprovalRequired bool
	Approved         bool      // the time entry has been approved
	ManagerApproves  bool      // the absence request's approval policy names the requester's manager as an approver
	PersonRole       role.Role // for a person, their role (the Owner's set and higher roles are protected)
	ID               scope.ID  // the record's own ID, for the host's logs; no rule reads it
	Project          scope.ID  // the project the record belongs to (for a project, the project)
	Deal             scope.ID  // for a deal, the deal
	Budget           scope.ID  // the budget (deal) the record belongs to (for a budget, the budget)
	Person           scope.ID  // whose record it is: time entries, time off, bookings, a person
	Approver         scope.ID  // the designated approver of the budget's time, if any
	Workplace        scope.ID  // the subsidiary (workplace) of the person whose record it is; 0 for none
	Manager          scope.ID  // the manager of the person whose record it is; 0 for none
	// Approvers are the people the absence request's approval policy names;
	// any one of them may approve. No approvers, and no manager the policy
	// names, means the request is approved automatically: there is nothing
	// for anyone to approve.
	Approvers scope.Members
	// PersonPermissions are, for a person, the permissions of the set they
	// hold now: nobody changes the set of someone who holds a permission
	// they lack. Changing a permission set needs them.
	PersonPermissions Mask
}

// ErrInvalidResource is wrapped by the errors [Resource.Validate] returns.
var ErrInvalidResource = errors.New("invalid resource")

// resourceField names a field of Resource that a kind may need; the zero
// resourceField is none.
type resourceField uint8

const (
	noField resourceField = iota
	fieldKind
	fieldOrg
	fieldProject
	fieldVisibility
	fieldBudget
	fieldDeal
	fieldPerson
	fieldPersonRole
	fieldPersonPermissions
)

var fieldNames = [...]string{"", "Kind", "Org", "Project", "Visibility", "Budget", "Deal", "Person", "PersonRole", "PersonPermissions"}

func (f resourceField) String() string { return fieldNames[f] }

// missing returns the first field r's kind needs that r lacks, or noField
// when r is well formed.
func (r *Resource) missing() resourceField {
	if !r.Kind.IsValid() {
		return fieldKind
	}
	return r.missingOf(kinds[r.Kind].needs)
}

// missingOf returns the first field in need, the organization first, that r
// lacks, or noField. It never allocates.
func (r *Resource) missingOf(need field) resourceField {
	if r.Org == 0 {
		return fieldOrg
	}
	switch {
	case need&needsProject != 0 && r.Project == 0:
		return fieldProject
	case need&needsProject != 0 && !r.Visibility.IsValid():
		return fieldVisibility
	case need&needsBudget != 0 && r.Budget == 0:
		return fieldBudget
	case need&needsDeal != 0 && r.Deal == 0:
		return fieldDeal
	case need&needsPerson != 0 && r.Person == 0:
		return fieldPerson
	case need&needsPersonRole != 0 && !r.PersonRole.IsValid():
		return fieldPersonRole
	case need&needsPersonRights != 0 && r.PersonPermissions.IsEmpty():
		return fieldPersonPermissions
	}
	return noField
}

// wellFormed reports whether r has every field its kind needs: missing()
// == noField, computed without a branch per field, as every decision asks
// it.
func (r *Resource) wellFormed() bool {
	return r.Kind.IsValid() && r.has(kinds[r.Kind].needs)
}

// has reports whether r has its organization and every field in need.
func (r *Resource) has(need field) bool { return r.Org != 0 && !r.lacks(need) && !r.lacksRights(need) }

// lacks reports whether r lacks one of the fields in need. Every decision
// asks it, so it tests only the fields in need and stays within the
// compiler's inlining budget: a valid Visibility is Public or Private and a
// valid Role runs from Staff to Contractor, which one subtraction and one
// comparison each tell (TestLacksRanges pins both ranges against IsValid).
func (r *Resource) lacks(need field) bool {
	return need&needsProject != 0 && (r.Project == 0 || r.Visibility-scope.Public > scope.Private-scope.Public) ||
		need&needsBudget != 0 && r.Budget == 0 ||
		need&needsDeal != 0 && r.Deal == 0 ||
		need&needsPerson != 0 && r.Person == 0 ||
		need&needsPersonRole != 0 && r.PersonRole-role.Staff > role.Contractor-role.Staff
}

// lacksRights reports whether need asks for a person's permissions and r
// lacks them. It is apart from lacks so that each stays within the
// inlining budget: the prepared decision asks both on every request, and
// only one action's need names the rights.
func (r *Resource) lacksRights(need field) bool {
	return need&needsPersonRights != 0 && r.PersonPermissions.IsEmpty()
}

// Validate returns nil if r has every field its kind needs, and otherwise an
// error wrapping [ErrInvalidResource] that names the first missing field.
// An action may need more than its kind (changing a person's permission set
// needs PersonPermissions); [Authorize] names that field in
// [Decision.Field].
func (r Resource) Validate() error {
	switch field := r.missing(); field {
	case noField:
		return nil
	case fieldKind:
		return fmt.Errorf("permission: resource %v: %w", r.Kind, ErrInvalidResource)
	default:
		return fmt.Errorf("permission: %v resource has no %v: %w", r.Kind, field, ErrInvalidResource)
	}
}
