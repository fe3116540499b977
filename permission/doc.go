// Package permission is clearance's vocabulary and its decision: the
// permission catalogue, the action table, and [Authorize].
//
// [Authorize] is pure and total. It reads only its arguments and constant
// tables, does no I/O, starts no goroutines, never panics and never
// allocates. Anything not explicitly allowed is denied: a zero or unknown
// role, scope, action or kind, a malformed subject or resource, all deny with
// a reason of their own. The zero [Subject], zero [Action], zero [Resource]
// and zero [Decision] are all invalid or denying.
//
// # Permissions
//
//   - [Permission]: one right of Productive's permission builder, with a
//     stable dotted name ([Permission.String], [Parse]), a [Section], a
//     description, whether a free (client) seat may hold it
//     ([Permission.FreeSeat]), whether it is [Permission.OwnerOnly], and what
//     it depends on ([Permission.Needs]).
//   - [All] iterates over the catalogue; [Count] is its size.
//   - [Mask]: a set of permissions in one word, with set algebra
//     ([Mask.Union], [Mask.Intersect], [Mask.Minus], [Mask.SubsetOf]),
//     dependency closure ([Mask.Closure], [Mask.Prune], [Mask.CheckClosed]),
//     iteration ([Mask.All], [Mask.Names]) and text and JSON encoding
//     ([ParseMask], [MaskFromNames]).
//   - [HoldableBy]: what a role may hold at all.
//
// # Actions
//
//   - [Action]: one row of the action table: the [Kind] of resource it
//     applies to ([Action.Kind]), the permissions it needs
//     ([Action.Requires]), its reach [Rule] ([Action.Rule]) and whether it is
//     [Action.HiddenFromClients]. [Actions] iterates; [ParseAction] reads a
//     name.
//
// # Deciding
//
//   - [Subject]: who (ID, role, scope, permissions, memberships);
//     [Subject.Validate] explains an invalid one; [ScopeFits].
//   - [Resource]: what (kind, project and visibility, deal, budget, Client
//     access, whose record and that person's role, the approver);
//     [Resource.Validate].
//   - [Authorize] returns a [Decision]: [Decision.Allowed], the [Reason] that
//     decided, the [Decision.Missing] permission, [Decision.Err] and
//     [Decision.LogValue] for log/slog.
//   - [Capabilities]: every action allowed on one resource, as an
//     [ActionMask] ("Try it out").
//   - [List]: a [Filter] of [Clause] and [Condition] values that says which
//     resources a subject may act on, for a host to turn into a WHERE clause.
//
// Reasons and names are stable API; the numeric values of the enums are not.
package permission
