// Package matching ranks the households of Hagen's housing programmes for a vacant flat and
// proposes an allocation of households to many vacancies (docs/design.md §4).
//
// The package is pure: it reads no clock, draws no random numbers and does no I/O. "Today",
// the policy (weights and legal limits) and the data are inputs, so every result can be
// reproduced from a stored snapshot of its inputs.
//
// # Units
//
// Quantities are exact integers so that legal boundaries are exact: money in euro cents,
// living area in hundredths of a square metre (54,30 m² = 5430), rooms in half rooms
// (2,5 Zimmer = 5) and dates as whole days since 1970-01-01 ([Date]).
//
// # Hard rules and ranking
//
// [Check] applies the hard rules to one household–vacancy pair and returns a [ReasonSet]
// (a bitmask, so the hot loop allocates nothing); [ReasonSet.Explain] turns it into German
// messages on demand. [Rank] ranks many households for one vacancy: the eligible ones by a
// weighted score ([Policy], [Weights]) and the excluded ones with their reasons.
//
// Each rule and each score component is declared once, in rules.go: its stable code, German
// label and message, and the inputs it reads ([ReasonCode.Reads], [Component.Reads]). The fast
// path's lookup tables, the messages, the portal's labels and the API's enums are built from
// those tables; budgets.go makes the build fail when a rule, flag or component no longer fits
// the bit widths the fast path packs them into.
//
// Scores are integer fixed-point [Points]: each component value is an integer in
// [0, [ValueScale]] and each weight an integer number of hundredths of a point, so a score is
// an exact sum of integer products. That is what makes the ranking invariants hold for every
// valid policy: a household that is better in one component has a strictly higher score, exact
// ties are broken by the lower lottery number, and the order depends neither on the input order
// nor on floating-point rounding.
//
// # Allocation
//
// [Allocate] assigns households to the places of many vacancies so that first the number of
// filled places and then the total score is maximal (an exact min-cost assignment on the sparse
// graph of eligible pairs).
package matching
