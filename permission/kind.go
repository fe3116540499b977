package permission

import (
	"errors"
	"fmt"

	"github.com/clearance-go/clearance/permission/clip"
)

// Kind is the kind of record a [Resource] describes. Every [Action] applies to
// exactly one Kind. The zero Kind is invalid.
type Kind uint8

// The resource kinds.
const (
	KindOrganization  Kind = iota + 1 // the organization itself: settings, billing, integrations, reports
	KindPerson                        // a person's account: salary, cost rate, permission set
	KindProject                       // a project
	KindTask                          // a task on a project
	KindDoc                           // a doc on a project
	KindTimeEntry                     // a time entry tracked on a project's budget
	KindTimeOff                       // an absence (time off, remote work) booking or request
	KindBooking                       // a booking of a person on a project, in the Resource Planner
	KindBudget                        // a budget of a project
	KindDeal                          // a deal
	KindInvoice                       // an invoice of a budget, with its payments
	KindExpense                       // an expense logged on a budget
	KindContact                       // a person or company in Contacts
	KindAllocation                    // a person's absence allocation
	KindClient                        // a client company
	KindPurchaseOrder                 // a purchase order on a budget
	KindService                       // a service of a budget: what is sold, and booked and tracked against

	endKind
)

// field names a Resource field a kind requires to be filled in.
type field uint8

const (
	needsProject field = 1 << iota // Project and Visibility
	needsBudget
	needsDeal
	needsPerson
	needsPersonRole
	needsPersonRights // PersonRights: asked by one action (changing a permission set), not by a kind
)

// kinds is the table of resource kinds: the fields each needs, and the
// permission that lets a person see a record of the kind at all (for kinds
// with reach rights, the narrowest). Every action on a kind requires its view
// permission too: nobody acts on what they cannot see. Kinds whose records
// belong to people (time entries, absence, bookings, expenses, allocations)
// have no single view permission: their reach rules ask the subject's own
// and others' rights.
var kinds = [endKind]struct {
	name  string
	needs field
	view  Permission
}{
	KindOrganization:  {"organization", 0, 0},
	KindPerson:        {"person", needsPerson | needsPersonRole, 0},
	KindProject:       {"project", needsProject, ProjectsView},
	KindTask:          {"task", needsProject, TasksView},
	KindDoc:           {"doc", needsProject, DocsAccess},
	KindTimeEntry:     {"time_entry", needsPerson | needsProject | needsBudget, 0},
	KindTimeOff:       {"time_off", needsPerson, 0},
	KindBooking:       {"booking", needsPerson | needsProject, 0},
	KindBudget:        {"budget", needsProject | needsBudget, BudgetsView},
	KindDeal:          {"deal", needsDeal, DealsView},
	KindInvoice:       {"invoice", needsProject | needsBudget, InvoicesView},
	KindExpense:       {"expense", needsPerson | needsProject | needsBudget, 0},
	KindContact:       {"contact", 0, ContactsView},
	KindAllocation:    {"absence_allocation", needsPerson, 0},
	KindClient:        {"client", 0, ClientsView},
	KindPurchaseOrder: {"purchase_order", needsProject | needsBudget, PurchaseOrdersView},
	KindService:       {"service", needsProject | needsBudget, BudgetsView},
}

// IsValid reports whether k is one of the resource kinds.
func (k Kind) IsValid() bool { return k >= KindOrganization && k < endKind }

// String returns the kind's lower-case name, such as "time_entry".
func (k Kind) String() string {
	if !k.IsValid() {
		return fmt.Sprintf("kind(%d)", uint8(k))
	}
	return kinds[k].name
}

// ErrUnknownKind is returned (wrapped, with the offending name) by
// [ParseKind] for a name that is not a kind.
var ErrUnknownKind = errors.New("unknown kind")

// ParseKind returns the kind named s, as [Kind.String] writes it
// ("time_entry"). An unknown name is an error wrapping [ErrUnknownKind]
// that quotes s and, when a kind's name is within a few edits, suggests it.
func ParseKind(s string) (Kind, error) {
	for k := KindOrganization; k < endKind; k++ {
		if kinds[k].name == s {
			return k, nil
		}
	}
	hint := ""
	if near := nearest(s, kindNames); near != "" {
		hint = fmt.Sprintf(" (did you mean %q?)", near)
	}
	return 0, fmt.Errorf("permission: kind %s: %w%s", clip.Quote(s), ErrUnknownKind, hint)
}

// kindNames is every kind's name, in table order, for ParseKind's hint.
var kindNames = func() (names []string) {
	for k := KindOrganization; k < endKind; k++ {
		names = append(names, kinds[k].name)
	}
	return names
}()

// MarshalText implements [encoding.TextMarshaler]; it fails for an invalid
// kind.
func (k Kind) MarshalText() ([]byte, error) {
	if !k.IsValid() {
		return nil, fmt.Errorf("permission: kind %d: %w", uint8(k), ErrUnknownKind)
	}
	return []byte(kinds[k].name), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseKind]; on
// error k is left unchanged.
func (k *Kind) UnmarshalText(text []byte) error {
	v, err := ParseKind(string(text))
	if err != nil {
		return err
	}
	*k = v
	return nil
}
