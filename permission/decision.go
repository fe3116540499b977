package permission

import (
	"errors"
	"fmt"
	"log/slog"
)

// Reason says which rule decided a [Decision]. Reasons are stable API: their
// names (from [Reason.String]) and meanings will not change, and new reasons
// are only ever added. The zero Reason, NoDecision, is what the zero Decision
// carries; it is a deny.
type Reason uint8

// The reasons.
const (
	// NoDecision is the zero Reason: nothing was decided, so nothing is allowed.
	NoDecision Reason = iota
	// Granted: every required permission is held and the resource is in reach.
	Granted
	// MissingPermission: the subject lacks a permission the action requires;
	// [Decision.Missing] names it.
	MissingPermission
	// NotInReach: the subject's reach rights for the record's object type
	// reach only what they are a member of, and they are not a member of
	// this project, budget or invoice's budget.
	NotInReach
	// PrivateNotMember: the project is private and the subject, who reaches
	// public projects (projects.view_public) but not all of them, is not a
	// member of it.
	PrivateNotMember
	// DealNotAssigned: the deal is not assigned to the subject, who does not
	// hold deals.view_all.
	DealNotAssigned
	// BudgetNotShared: the subject is a client who is not a member of the
	// budget.
	BudgetNotShared
	// ClientAccessOff: the subject is a client and the budget's Client access
	// toggle is off.
	ClientAccessOff
	// ClientNeverSees: clients never see worked time, cost, rates, profit,
	// margin, invoicing or expenses, whatever their permissions. (Billable
	// time they see on budgets shared with them, with time.view_billable.)
	ClientNeverSees
	// NotOwnRecord: the action applies only to the subject's own records.
	NotOwnRecord
	// OwnRecordRefused: the action applies only to someone else's records
	// (nobody approves their own time, or changes their own permission set).
	OwnRecordRefused
	// NotApprover: the subject is not an approver of the record: for a
	// time entry, not the budget's approver (time.approve) nor a member of
	// the budget (time.approve_member_budgets); for an absence request, not
	// one of the approvers its policy names nor the requester's manager when
	// the policy names managers.
	NotApprover
	// OwnerOnly: only the organization's Owner may do this.
	OwnerOnly
	// InvalidSubject: the subject is malformed: zero organization, zero ID,
	// unknown role, or permissions its role may not hold.
	InvalidSubject
	// InvalidAction: the action is zero or unknown.
	InvalidAction
	// InvalidResource: the resource lacks a field its kind needs (its
	// organization, an ID, the project's visibility, or a person's role);
	// [Decision.Field] and [Resource.Validate] name it.
	InvalidResource
	// KindMismatch: the resource is not of the kind the action applies to.
	KindMismatch
	// EmployeesOnly: only employees may do this (clients and contractors
	// do not join projects).
	EmployeesOnly
	// PersonProtected: the person is the Owner, whose permission set changes
	// only by a transfer of ownership, or outranks the subject.
	PersonProtected
	// OtherOrganization: the resource belongs to another organization than
	// the subject's. No permission set reaches across organizations, the
	// Owner's and Admin's included.
	OtherOrganization
	// NothingToApprove: the record awaits no approval: the time entry's
	// budget does not require time approval, or the absence request's
	// policy names no approver (it is approved automatically).
	NothingToApprove
	// NotApproved: the subject is a client, the budget requires time
	// approval, and the time entry is not approved yet: clients see only
	// approved entries.
	NotApproved
	// OtherWorkplace: the subject reaches the records of people of their
	// own subsidiary (workplace), and this person is of another one, or of
	// none.
	OtherWorkplace
	// PersonHoldsMore: the person holds a permission the subject lacks;
	// nobody changes the set of someone who holds more than they do.
	PersonHoldsMore
	// PlanTooLow: the organization's plan is below the one the action
	// needs: clients see budgets, their time entries and estimates only on
	// the Professional plan or higher.
	PlanTooLow

	endReason
)

var reasons = [endReason]struct{ name, sentence string }{
	NoDecision:        {"no_decision", "nothing was decided, so it is denied"},
	Granted:           {"granted", "it is allowed"},
	MissingPermission: {"missing_permission", "a required permission is missing"},
	NotInReach:        {"not_in_reach", "the record is not within reach: not a member"},
	PrivateNotMember:  {"private_not_member", "the project is private and they are not a member"},
	DealNotAssigned:   {"deal_not_assigned", "the deal is not assigned to them"},
	BudgetNotShared:   {"budget_not_shared", "the budget is not shared with this client"},
	ClientAccessOff:   {"client_access_off", "the budget's Client access is off"},
	ClientNeverSees:   {"client_never_sees", "clients never see worked time, cost, rates, profit, margin, invoicing or expenses"},
	NotOwnRecord:      {"not_own_record", "it is not their own record"},
	OwnRecordRefused:  {"own_record_refused", "nobody may do this to their own record"},
	NotApprover:       {"not_approver", "they are not an approver of the record"},
	OwnerOnly:         {"owner_only", "only the organization's Owner may do this"},
	InvalidSubject:    {"invalid_subject", "the subject is invalid"},
	InvalidAction:     {"invalid_action", "the action is invalid"},
	InvalidResource:   {"invalid_resource", "the resource lacks a field its kind needs"},
	KindMismatch:      {"kind_mismatch", "the resource is not of the kind the action applies to"},
	EmployeesOnly:     {"employees_only", "only employees may do this"},
	PersonProtected:   {"person_protected", "the person acted on is the Owner or outranks the subject"},
	OtherOrganization: {"other_organization", "the record belongs to another organization"},
	NothingToApprove:  {"nothing_to_approve", "the record awaits no approval"},
	NotApproved:       {"not_approved", "the time entry is not approved yet, and clients see only approved time"},
	OtherWorkplace:    {"other_workplace", "the person belongs to another subsidiary"},
	PersonHoldsMore:   {"person_holds_more", "the person holds a permission they lack"},
	PlanTooLow:        {"plan_too_low", "the organization's plan does not include it"},
}

// IsValid reports whether r is a known reason.
func (r Reason) IsValid() bool { return r < endReason }

// String returns the reason's stable snake_case name, such as
// "private_not_member".
func (r Reason) String() string {
	if !r.IsValid() {
		return fmt.Sprintf("reason(%d)", uint8(r))
	}
	return reasons[r].name
}

// Sentence returns a short explanation of r, fit to show a person.
func (r Reason) Sentence() string {
	if !r.IsValid() {
		return "unknown reason"
	}
	return reasons[r].sentence
}

// MarshalText implements [encoding.TextMarshaler] with [Reason.String].
func (r Reason) MarshalText() ([]byte, error) {
	if !r.IsValid() {
		return nil, fmt.Errorf("permission: reason %d: %w", uint8(r), ErrUnknownReason)
	}
	return []byte(r.String()), nil
}

// ErrUnknownReason is returned (wrapped, with the input) by [ParseReason].
var ErrUnknownReason = errors.New("unknown reason")

// ParseReason returns the reason named s, as [Reason.String] writes it.
func ParseReason(s string) (Reason, error) {
	for r := NoDecision; r < endReason; r++ {
		if reasons[r].name == s {
			return r, nil
		}
	}
	return 0, fmt.Errorf("permission: reason %q: %w", s, ErrUnknownReason)
}

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseReason]; on
// error r is left unchanged.
func (r *Reason) UnmarshalText(text []byte) error {
	v, err := ParseReason(string(text))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// Decision is the answer of [Authorize]: allowed or not, the rule that
// decided, and, when a permission was missing, which one.
//
// A Decision is a small comparable value whose fields only this package can
// set, so no caller can build an allow by hand. The zero Decision is a deny
// with reason [NoDecision].
type Decision struct {
	// The action, the reason, the missing permission and (for
	// InvalidResource) the missing field, a byte each: packed in one word, a
	// Decision passes in one register, and a Principal returns one it
	// prepared with one load.
	packed uint32
}

// decision returns the Decision of these parts.
func decision(a Action, why Reason, missing Permission, lacking resourceField) Decision {
	return Decision{uint32(a) | uint32(why)<<8 | uint32(missing)<<16 | uint32(lacking)<<24}
}

// lacking returns the field an InvalidResource decision names.
func (d Decision) lacking() resourceField { return resourceField(d.packed >> 24) }

// ErrDenied is wrapped by every error [Decision.Err] returns, so callers can
// test errors.Is(err, permission.ErrDenied).
var ErrDenied = errors.New("permission denied")

// Allowed reports whether the action may be taken. It is true only for
// reason [Granted].
func (d Decision) Allowed() bool { return d.Reason() == Granted }

// Reason returns the rule that decided.
func (d Decision) Reason() Reason { return Reason(d.packed >> 8) }

// Action returns the action that was decided.
func (d Decision) Action() Action { return Action(d.packed) }

// Missing returns the permission whose lack decided a deny, or the zero
// Permission.
//
// For [MissingPermission] and [OwnerOnly] it is the missing permission. Of
// several missing permissions it names the one the action is about rather
// than one of its dependencies (invoices.manage, not invoices.view, for
// exporting an invoice), so that granting it, which grants its dependencies,
// is the fix; among several such, the first in catalogue order.
//
// For a reach reason ([NotInReach], [PrivateNotMember], [DealNotAssigned],
// [NotOwnRecord], [NotApprover]) it is the wider reach right of the object
// type that would have reached the resource (budgets.view_all for a budget
// the subject is not a member of), when the subject's role may hold one;
// membership is the other fix. It is zero when no permission would do (a
// client's budget membership or Client access, someone else's record).
func (d Decision) Missing() Permission { return Permission(d.packed >> 16) }

// Field returns, for reason [InvalidResource], the name of the first field
// the resource's kind needs that it lacks ("Org", "Budget", "Visibility",
// ...; "Kind" for an unknown kind), and "" for any other reason.
func (d Decision) Field() string { return d.lacking().String() }

// String reads as a sentence: "invoice.export is allowed",
// "integration.connect_accounting is denied: a required permission is
// missing (integrations.manage_organizational)" or "budget.view is denied:
// the record is not within reach: not a member (budgets.view_all would reach
// it)".
func (d Decision) String() string {
	if d.Allowed() {
		return d.Action().String() + " is allowed"
	}
	s := d.Action().String() + " is denied: " + d.Reason().Sentence()
	switch {
	case d.lacking() != noField:
		s += " (" + d.lacking().String() + ")"
	case d.Missing() == 0:
	case d.Reason() == MissingPermission || d.Reason() == OwnerOnly:
		s += " (" + d.Missing().String() + ")"
	default:
		s += " (" + d.Missing().String() + " would reach it)"
	}
	return s
}

// Err returns nil for an allow, and for a deny an error that wraps
// [ErrDenied] and reads as [Decision.String]. It allocates only for a deny.
func (d Decision) Err() error {
	if d.Allowed() {
		return nil
	}
	return &DeniedError{Decision: d}
}

// DeniedError is the error [Decision.Err] returns for a deny.
type DeniedError struct {
	Decision Decision
}

// Error implements error.
func (e *DeniedError) Error() string { return "permission: " + e.Decision.String() }

// Unwrap returns [ErrDenied].
func (e *DeniedError) Unwrap() error { return ErrDenied }

// LogValue implements [slog.LogValuer]: a decision logs as a group of
// allowed, action, reason and, when set, missing and field.
func (d Decision) LogValue() slog.Value {
	attrs := []slog.Attr{
		slog.Bool("allowed", d.Allowed()),
		slog.String("action", d.Action().String()),
		slog.String("reason", d.Reason().String()),
	}
	if d.Missing() != 0 {
		attrs = append(attrs, slog.String("missing", d.Missing().String()))
	}
	if d.lacking() != noField {
		attrs = append(attrs, slog.String("field", d.lacking().String()))
	}
	return slog.GroupValue(attrs...)
}
