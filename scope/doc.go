// Package scope decides how far a person reaches: which projects and deals
// are within their access, given their scope, the project's visibility and
// their memberships.
//
// It imports nothing of the module, does no I/O and never allocates when
// deciding. The zero [Scope] and the zero [Visibility] are invalid and reach
// nothing.
//
// # Scopes and visibility
//
//   - [Scope]: [Member] < [Restricted] < [Unlimited], with [Scope.Covers],
//     [ParseScope] and text encoding.
//   - [Visibility]: [Public] or [Private], with [ParseVisibility].
//
// # The reach rule
//
//   - [Reaches]: one pure function of (scope, visibility, membership).
//
// # Memberships
//
//   - [ID]: the identifier of a person or record; zero means none.
//   - [Members]: an immutable set of IDs built by [NewMembers], looked up in
//     constant time by [Members.Has], iterated by [Members.All], encoded as
//     text or JSON.
package scope
