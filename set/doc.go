// Package set is Productive's "Settings > Permission sets": the system sets
// every organization starts with, custom sets built from them, their strict
// JSON form, and the assignment of sets to the people of an organization.
//
// Every value here is immutable once made, and every constructor validates
// fully: a failed build, decode or assignment returns an error (errors.Is-able
// against this package's sentinels, naming the offending value) and no
// half-made value, and changes nothing that existed. The package does no I/O.
//
// # System sets
//
//   - [System] and [MustSystem]: a role's set with a scope and [Addons]
//     ([AddonContacts] and [AddonTime] for Staff, [AddonBudgets] for
//     Clients); [ScopeFits] says which scopes a role's sets come with.
//   - [Systems] iterates over all of them; [DefaultScope] gives a role's
//     default scope.
//
// # Productive's identifiers and names
//
//   - [FromBaseRoleID] and [Set.BaseRoleID]: Productive's base_role_id 1 to
//     14 ([BaseRoleID]) to a system set and back; the Owner is the Admin base
//     (1) plus ownership.
//   - [SystemNamed] finds a system set by Productive's name or by the help
//     center's wording ([Set.Aliases]), and suggests the nearest name.
//
// # Custom sets
//
//   - [NewBuilder], [Builder.Grant], [Builder.Revoke], [Builder.Build]: a
//     custom set from a system set, validated against the [Plan].
//   - [Diff] and [Delta]: what a set grants and revokes relative to another;
//     [BaseOf] finds a custom set's base.
//
// # The set as a value
//
//   - [Set]: name, base role, add-ons, scope, custom or not, seat, permissions.
//   - [Set.Subject]: the permission.Subject for a person of an organization
//     holding the set.
//
// # JSON
//
//   - [Set.MarshalJSON] (which documents the form), [Decode] (strict, with
//     the plan) and [Set.UnmarshalJSON] (strict, plan checked on
//     assignment). Errors are [*PathError] values naming the JSON path.
//   - Every document has one reading: field names are exact, keys are never
//     repeated (the reading is package strictjson's, shared with the
//     AuthZEN example). Cost is bounded by [MaxDocumentSize] and [MaxDepth]
//     ([ErrTooLarge], [ErrTooDeep]); names by [MaxNameLength]
//     ([ErrNameLength], [ErrNameEncoding], [ErrNameCharacter]), and a name
//     cannot pass for another ([ErrNameLookalike]).
//
// # Organizations
//
//   - [NewOrg], [Org.Add], [Org.Assign], [Org.TransferOwnership]: one Owner,
//     kinds that match, no escalation (no permission and no role above the
//     actor's); [Org.Seats] counts paid and free seats.
//   - [OrgFrom] builds an organization from stored [Person] rows in one
//     linear, validated step; a bad row is a [*RowError].
package set
