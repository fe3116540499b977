// Package impact tells what a change to an organization does to whom:
// given the people of an organization, the sets they hold and their
// memberships, and a change (a custom set edited, a person's set replaced,
// a membership added or removed, a person moved to another subsidiary), it
// reports who gains and who loses which actions, on which kinds of record
// and on which records of a given list.
//
// The report is exact on the records: for every person and record, the
// actions it says they gain are those [permission.Authorize] allows after
// the change and not before, and the actions they lose the reverse; a
// property test checks it over generated organizations, deciding every
// (person, action, record) with Authorize. By kind, it says what each
// person's set allows at best, on the most favourable record of the kind,
// as the tryitout example's preview does.
//
// The package reads values and returns values: it does no I/O, keeps no
// state, changes none of its arguments and never panics. Invalid input
// is an error wrapping [ErrChange], [ErrState] or a sentinel of package
// set, naming the offending value.
//
// # Describing an organization
//
//   - [State]: a [set.Org] (who holds which set; the organization's ID and
//     plan) and each person's [Memberships]; [State.Subject] makes the
//     subject a person decides as.
//
// # Changes
//
//   - [Change]: [Edit] (a custom set's grants and revokes changed, for
//     everyone holding it), [Assign] (one person's set replaced), [Join]
//     and [Leave] (a membership of a [Relation]: project, deal, budget),
//     [Move] (a person's subsidiary). [Change.Apply] gives the state after.
//
// # Reports
//
//   - [Of] reports what a change does; [Between] what differs between any
//     two states of one organization.
//   - [Report]: per [Person], the sets before and after, [KindDelta] by
//     kind and [RecordDelta] by record, each a [Delta] of actions gained
//     and lost; [Report.String] for people to read.
//   - [Favourable] and [FavourableSubject]: the most favourable records of
//     a kind, and the memberships they are favourable for, that the by-kind
//     part decides.
package impact
