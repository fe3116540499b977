// Package permission is clearance's vocabulary and its decision: the
// permission catalogue, the action table, and [Authorize].
//
// [Authorize] is pure and total. It reads only its arguments and constant
// tables, does no I/O, starts no goroutines, never panics and never
// allocates. Anything not explicitly allowed is denied: a zero or unknown
// role, action or kind, a zero organization, a malformed subject or resource,
// a resource of another organization, all deny with a reason of their own.
// The zero [Subject], zero [Action], zero [Resource] and zero [Decision] are
// all invalid or denying.
//
// # Permissions
//
//   - [Permission]: one right of Productive's permission builder, with a
//     stable dotted name ([Permission.String], [Parse]), a [Section], a
//     description, whether a free (client) seat may hold it
//     ([Permission.FreeSeat]), whether it is [Permission.OwnerOnly], and what
//     it depends on ([Permission.Needs]).
//   - Reach rights ([ReachRights], [Permission.IsReachRight]) are
//     permissions that say how far a set reaches for one object type:
//     projects.view < projects.view_public < projects.view_all,
//     budgets.view < budgets.view_all, invoices.view < invoices.view_all,
//     and so on (the list is above the catalogue's constants). [ScopeOf]
//     names the preset a set's project reach matches.
//   - [All] iterates over the catalogue; [Count] is its size.
//   - [Mask]: a set of permissions in two words, with set algebra
//     ([Mask.Union], [Mask.Intersect], [Mask.Minus], [Mask.SubsetOf]),
//     dependency closure ([Mask.Closure], [Mask.Prune], [Mask.CheckClosed]),
//     iteration ([Mask.All], [Mask.Names]) and text and JSON encoding
//     ([ParseMask], [MaskFromNames]).
//   - [HoldableBy]: what a role may hold at all. [Mask.Implied] adds what a
//     set holds by holding others (every part of the legacy invoices.manage
//     is that right, which exports as invoices.copy_to_accounting does);
//     decisions read a subject's implied permissions.
//   - [Plan]: the organization's subscription plan, ordered; clients see
//     budgets from [ClientBudgetsPlan] up, custom sets need
//     [CustomSetsPlan].
//
// # Actions
//
//   - [Action]: one row of the action table: the [Kind] of resource it
//     applies to ([Action.Kind]), the permissions it requires
//     ([Action.Requires]), its reach [Rule] ([Action.Rule]; [Rule.Rights]
//     lists the reach rights it reads) and whether it is
//     [Action.HiddenFromClients]. [Actions] iterates; [ParseAction] reads a
//     name and suggests the nearest for a typo.
//
// # Deciding
//
//   - [Subject]: who (organization, ID, role, permissions, the plan,
//     memberships of projects, deals and budgets, subsidiary);
//     [Subject.Validate] explains an invalid one.
//   - [Resource]: what (organization, kind, project and visibility, deal,
//     budget, Client access, whose record and that person's role, their
//     subsidiary, manager and set; the budget's approver and whether it
//     requires time approval, whether the entry is approved; an absence
//     request's approvers); [Resource.Validate]. Relations are data the
//     host passes, never a precomputed answer.
//   - [Authorize] returns a [Decision]: [Decision.Allowed], the [Reason] that
//     decided, the [Decision.Missing] permission (or the reach right that
//     would reach the resource), the [Decision.Field] an invalid resource
//     lacks, [Decision.Err] and [Decision.LogValue] for log/slog.
//   - [Explain]: every check a decision failed and what would pass each
//     ([Explanation], [Failure]): "what would it take?".
//   - [Capabilities]: every action allowed on one resource, as an
//     [ActionMask] ("Try it out").
//   - [List]: a [Filter] of [Clause] and [Condition] values that says which
//     resources of one organization a subject may act on; package
//     permission/sqlfilter renders it as SQL for PostgreSQL and SQLite.
//
// # Serving requests
//
//   - [Prepare] turns a [Subject] into a [Principal] once, validated and
//     with everything about each action that does not depend on the
//     resource worked out; [Principal.Authorize], [Principal.Capabilities]
//     and [Principal.List] decide exactly as the functions above, taking
//     the resource by pointer.
//   - [Directory]: an immutable index of principals by person ID, built by
//     [NewDirectory]; [Directory.Lookup] finds one in a single probe, and
//     gives the nil Principal, which denies everything, for a stranger.
//
// # Encoding
//
// Every enum reads and writes its stable name ([Reason], [Action], [Kind],
// [Permission], [Plan]; [ParseKind], [ParseReason], ...); [Mask],
// [ActionMask] and [Conditions] encode as their names. A [Decision],
// [Filter] and [Clause] encode as documented JSON objects, and do not
// decode: only this package makes a decision.
//
// Reasons and names are stable API; the numeric values of the enums are not.
package permission
