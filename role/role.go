package role

import (
	"errors"
	"fmt"
	"iter"

	"github.com/clearance-go/clearance/permission/clip"
)

// Role is the base role a person holds in an organization.
//
// A Role is a small integer. Its zero value is not a role: it is invalid on
// purpose, so that a Subject whose role was never filled in is denied rather
// than mistaken for the lowest role.
type Role uint8

// The eight base roles. The numeric values are not stable API; the names
// returned by [Role.String] are.
const (
	Staff Role = iota + 1
	Coordinator
	Manager
	ProfitabilityManager
	Admin
	Owner
	Client
	Contractor

	end // one past the last role; not exported
)

// Kind is the group of users a role belongs to: Productive calls them
// employees, clients and contractors. The zero Kind is invalid.
type Kind uint8

// The three kinds of user.
const (
	Employee Kind = iota + 1
	ClientKind
	ContractorKind
)

// Seat is how a person counts against the organization's subscription.
// The zero Seat is invalid.
type Seat uint8

// Paid seats are billed; free seats are not.
const (
	Paid Seat = iota + 1
	Free
)

// ErrUnknown is returned (wrapped) by [Parse] and [Role.UnmarshalText] for a
// name that is not a role.
var ErrUnknown = errors.New("unknown role")

// facts is the single table of what each role is. Every method below reads it;
// nothing else describes a role.
//
// The employee roles are declared first, lowest first: their order is the
// employee order that Rank reports.
var facts = [end]struct {
	name        string
	title       string
	kind        Kind
	scopeChoice bool // offers the Unlimited/Restricted choice
}{
	Staff:                {"staff", "Staff", Employee, false},
	Coordinator:          {"coordinator", "Coordinator", Employee, true},
	Manager:              {"manager", "Manager", Employee, true},
	ProfitabilityManager: {"profitability_manager", "Profitability Manager", Employee, true},
	Admin:                {"admin", "Admin", Employee, false},
	Owner:                {"owner", "Owner", Employee, false},
	Client:               {"client", "Client", ClientKind, false},
	Contractor:           {"contractor", "Contractor", ContractorKind, false},
}

// All iterates over the eight roles in declaration order: the employee roles
// from Staff to Owner, then Client and Contractor.
func All() iter.Seq[Role] {
	return func(yield func(Role) bool) {
		for r := Staff; r < end; r++ {
			if !yield(r) {
				return
			}
		}
	}
}

// IsValid reports whether r is one of the eight roles.
func (r Role) IsValid() bool { return r >= Staff && r < end }

// Kind reports whether r is an employee, client or contractor role. It returns
// the zero Kind for an invalid role.
func (r Role) Kind() Kind {
	if !r.IsValid() {
		return 0
	}
	return facts[r].kind
}

// Seat reports the seat a person with role r occupies: clients take a free
// seat, employees and contractors a paid one. It returns the zero Seat for an
// invalid role.
func (r Role) Seat() Seat {
	switch r.Kind() {
	case ClientKind:
		return Free
	case Employee, ContractorKind:
		return Paid
	}
	return 0
}

// HasScopeChoice reports whether the role can be given Unlimited or Restricted
// access. Only Coordinator, Manager and Profitability Manager can.
func (r Role) HasScopeChoice() bool { return r.IsValid() && facts[r].scopeChoice }

// Rank is r's position in the employee order Staff (1) < Coordinator <
// Manager < ProfitabilityManager < Admin < Owner (6). Clients, contractors and
// invalid roles have rank 0: they are outside the employee order.
func (r Role) Rank() int {
	if r.Kind() != Employee {
		return 0
	}
	return int(r)
}

// Title returns the role's name as Productive shows it, such as
// "Profitability Manager"; an invalid role gives its String.
func (r Role) Title() string {
	if !r.IsValid() {
		return r.String()
	}
	return facts[r].title
}

// Outranks reports whether r and o are both employee roles and r stands higher
// than o in the employee order.
func (r Role) Outranks(o Role) bool { return o.Rank() > 0 && r.Rank() > o.Rank() }

// String returns the role's stable lower-case name, such as "manager" or
// "profitability_manager". An invalid role prints as "role(N)".
func (r Role) String() string {
	if !r.IsValid() {
		return fmt.Sprintf("role(%d)", uint8(r))
	}
	return facts[r].name
}

// Parse returns the role named s. It accepts exactly the names [Role.String]
// returns; anything else is an error wrapping [ErrUnknown] that quotes s.
func Parse(s string) (Role, error) {
	for r := range All() {
		if facts[r].name == s {
			return r, nil
		}
	}
	return 0, fmt.Errorf("role: %s: %w%s", clip.Quote(s), ErrUnknown, clip.Hint(s, roleNames))
}

// roleNames are the roles' names, for Parse's "did you mean".
var roleNames = func() (names []string) {
	for r := range All() {
		names = append(names, facts[r].name)
	}
	return names
}()

// MarshalText implements [encoding.TextMarshaler]. It fails for an invalid
// role, so that an invalid role is never written down.
func (r Role) MarshalText() ([]byte, error) {
	if !r.IsValid() {
		return nil, fmt.Errorf("role: %d: %w", uint8(r), ErrUnknown)
	}
	return []byte(facts[r].name), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler]. On error r is left
// unchanged.
func (r *Role) UnmarshalText(text []byte) error {
	v, err := Parse(string(text))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// String returns the kind's lower-case name: "employee", "client" or
// "contractor".
func (k Kind) String() string {
	switch k {
	case Employee:
		return "employee"
	case ClientKind:
		return "client"
	case ContractorKind:
		return "contractor"
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

// String returns "paid" or "free".
func (s Seat) String() string {
	switch s {
	case Paid:
		return "paid"
	case Free:
		return "free"
	}
	return fmt.Sprintf("seat(%d)", uint8(s))
}
