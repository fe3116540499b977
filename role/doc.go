// Package role names what a person is in a Productive organization: one of
// eight base roles, and the facts that follow from it.
//
// The package imports nothing of the module and does no I/O; the methods that
// answer questions about a role (Kind, Seat, Rank, ...) never allocate. The zero [Role] is invalid, so a
// forgotten field is denied by the permission package, never treated as Staff.
//
// # Roles
//
//   - [Staff], [Coordinator], [Manager], [ProfitabilityManager], [Admin],
//     [Owner]: the employee roles, in the order [Role.Rank] gives them.
//   - [Client]: a person from a client company; a free seat.
//   - [Contractor]: a person who works with the team but is not part of it.
//   - [All] iterates over them.
//
// # Facts derived from a role
//
//   - [Role.Kind]: [Employee], [ClientKind] or [ContractorKind].
//   - [Role.Seat]: [Paid] or [Free].
//   - [Role.HasScopeChoice]: whether Unlimited/Restricted access applies.
//   - [Role.Rank] and [Role.Outranks]: the employee order.
//   - [Role.Title]: the name Productive shows ("Profitability Manager").
//
// # Text
//
// [Role.String], [Role.MarshalText], [Role.UnmarshalText] and [Parse] use
// stable lower-case names ("staff", "profitability_manager", ...). Errors wrap
// [ErrUnknown].
//
// A role carries no scope and no permissions: a permission set does (package
// set), and the permission package decides.
package role
