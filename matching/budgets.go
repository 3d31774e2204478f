package matching

import "unsafe"

// The bit budgets of the fast path, checked by the compiler. A constant converted to uint
// must not be negative, and an array type's length must match, so each line below stops the
// build (with "overflows uint" or "cannot use … as [0]struct{}") as soon as a rule,
// a flag or a component no longer fits, instead of corrupting results silently.

// reasonSetBits is the width of a ReasonSet.
const reasonSetBits = 8 * unsafe.Sizeof(ReasonSet(0))

const (
	// Every rule has its bit in a ReasonSet below the top bit, which bigSize uses: at most 15.
	_ = uint(int(reasonSetBits) - 1 - int(numReasons))
	// The rule flag index is a ruleFlags (8 bits), which indexes flagReasons without a
	// bounds check.
	_ = uint(8*int(unsafe.Sizeof(ruleFlags(0))) - numRuleFlags)
	// The score flag index: urgency levels 0–4 in bits scoreShiftUrgency up to the
	// certificate's bit, then one bit each, all below numScoreFlags.
	_ = uint(1<<(scoreShiftCertificate-scoreShiftUrgency) - len(urgencyValues))
	_ = uint(maxLevels - len(urgencyValues))
	_ = uint(scoreShiftAccompaniment - scoreShiftCertificate - 1)
	_ = uint(scoreShiftPreferred - scoreShiftAccompaniment - 1)
	_ = uint(numScoreFlags - scoreShiftPreferred - 1)
	// The size table: every size up to personsTable and the mark entry for the others fit,
	// and reasonsWith's benefit bit sits just above the index.
	_ = uint(sizeTableLen - personsTable - 2)
	// evalBlock keeps indexes into a block in uint8.
	_ = uint(256 - evalBlockLen)
	// Component values are uint32 in [0, ValueScale]; the waiting value is
	// waitT·d/(d+365) + d for d ≤ MaxWaitDays, so waitT must not be negative.
	_ = uint(1<<32 - 1 - ValueScale)
	_ = uint(waitT)
	_ = uint(MaxWaitDays - waitTableDays)
	// The largest score, every weight at MaxWeight and every value at 1, fits in Points
	// and in the uint64 sort keys.
	_ = uint64(1<<63 - 1 - NumComponents*MaxWeight*WeightScale*ValueScale)
)

// Equalities: the tracks are the rule flag index's lowest bits, so that a vacancy's accepted
// tracks mask them directly; the tables have an entry for each rule and component; the fast
// path keeps reason sets in uint16 (size table, flag table), as wide as ReasonSet.
var (
	_ [0]struct{} = [uint(flagCertificate) - uint(TrackCertificate)]struct{}{}
	_ [0]struct{} = [uint(flagAccompaniment) - uint(TrackAccompaniment)]struct{}{}
	_ [0]struct{} = [uint(flagFachstelle) - uint(TrackFachstelle)]struct{}{}
	_ [0]struct{} = [len(rules) - int(numReasons)]struct{}{}
	_ [0]struct{} = [unsafe.Sizeof(uint16(0)) - unsafe.Sizeof(ReasonSet(0))]struct{}{}
	_ [0]struct{} = [len(components) - NumComponents]struct{}{}
	_ [0]struct{} = [int(numComponents) - NumComponents]struct{}{}
)
