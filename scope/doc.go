// Package scope holds the vocabulary of reach: the names of the three reach
// presets of Productive's system sets, a project's visibility, the
// membership sets a subject carries, and indexes keyed by ID.
//
// How far a subject reaches is decided in package permission, object type
// by object type, from the reach rights its permission set holds; a [Scope]
// only names the preset a system set starts from. The package imports
// nothing of the module, does no I/O and never allocates in a lookup. The
// zero [Scope] and the zero [Visibility] are invalid.
//
// # Presets and visibility
//
//   - [Scope]: [Member] < [Restricted] < [Unlimited], with [Scope.Covers],
//     [ParseScope] and text encoding.
//   - [Visibility]: [Public] or [Private], with [ParseVisibility].
//
// # Memberships
//
//   - [ID]: the identifier of a person or record; zero means none.
//   - [Members]: an immutable set of IDs built by [NewMembers], looked up in
//     constant time by [Members.Has], iterated by [Members.All], encoded as
//     text or JSON. [Union] folds the ways in (directly, through teams and
//     groups) into one set in linear time.
//   - [Index]: an immutable map from IDs to values built by [NewIndex], on
//     the same table, looked up by [Index.Lookup] (package permission's
//     Directory finds prepared subjects with it).
package scope
