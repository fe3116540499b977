// Package sqlfilter turns a [permission.Filter] into a parameterized SQL WHERE
// fragment, so that a host lists the records a subject may see with one query
// that the database filters, sorts and paginates, instead of calling
// [permission.Authorize] row by row or writing its own switch over
// conditions.
//
// The contract: for every well-formed record of the filter's kind in the
// organization, the fragment is true exactly when
// [permission.Filter.Matches] is (in the [Exists] form, given that the
// host's membership tables hold the memberships the subject's ID sets do),
// and it never matches a record of another organization. Values (the organization, the
// subject's ID and rank, membership IDs, the public visibility value) are
// only ever passed as arguments; the SQL text holds placeholders, keywords,
// the quoted identifiers the host described and the renderer's own alias for
// a membership table (see [ReservedPrefix]), nothing else. A zero or
// [permission.Filter.None] filter renders as FALSE; a
// [permission.Filter.Everything] filter as "the organization column equals
// the organization".
//
// # Describing the schema
//
//   - [Schema]: the [Dialect], and for each [permission.Kind] the host lists,
//     a [Facts] value saying which [Column] holds each fact the conditions
//     ask about (organization, project, visibility, budget, Client access,
//     deal, owner, approver, person rank); where memberships live, as one
//     [MemberTable] each for projects, deals and budgets (one shared table
//     with a type column, or a table per kind); how the visibility column
//     spells "public" and how the Client access column spells "on".
//   - A table may be schema-qualified (the Schema field of [Column] and
//     [MemberTable]: a PostgreSQL schema, or an attached SQLite database);
//     every part of a name is quoted on its own ("auth"."members"), a double
//     quote inside a name doubled.
//   - [New] checks the description once and returns a [Renderer]. Among
//     other things it refuses a column whose table begins with
//     [ReservedPrefix] in any ASCII case: the renderer's own subquery
//     aliases begin with it, and SQLite would bind such a column to the
//     subquery's table instead of the host's row.
//
// # Rendering
//
//   - [Renderer.Render] renders a filter with [Options]: the membership
//     [Form] ([Params]: the subject's ID sets as array or JSON parameters;
//     [Exists]: correlated EXISTS subqueries against the host's membership
//     tables) and the number of placeholders the host's query uses before
//     the fragment (at most [MaxPlaceholder] in all). The organization comes
//     from the filter, [permission.Filter.Org], not from the options.
//
// # Loading one record
//
//   - [Renderer.Facts] renders, for a kind, the statement that loads one
//     record's facts by its key (organization and ID) from the same [Facts]
//     description: a [FactsQuery] whose [FactsQuery.Statement] takes the
//     host's FROM clause (the joins of its listing query) and whose
//     [FactsQuery.Args] are the key's. It fails when a fact the kind's rules
//     read has no column, rather than load a resource that lacks it.
//   - [FactsQuery.Scan] reads the row into a [permission.Resource]: NULLs,
//     the schema's spellings of public and of Client access on, and
//     SQLite's booleans read as the rendered filters compare them, and
//     anything else is an error naming the value.
//
// Every error wraps one of the sentinels ([ErrIdentifier], [ErrDialect],
// [ErrForm], [ErrOffset], [ErrKind], [ErrColumn], [ErrMembers],
// [ErrValue], [ErrCondition]) with the offending value, a name quoted and
// cut to at most 64 bytes.
//
// The package uses the standard library only and never opens a database.
package sqlfilter
