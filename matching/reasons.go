package matching

import (
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"strings"
)

// ReasonCode identifies one hard rule (docs/design.md §4). Its String is the stable code the API
// publishes, e.g. "kdu_exceeded".
type ReasonCode uint8

// The hard rules, in the order of docs/design.md §4.
const (
	ReasonNoAcceptedTrack    ReasonCode = iota // no_accepted_track
	ReasonHouseholdInactive                    // household_inactive
	ReasonActiveOffer                          // active_offer
	ReasonPreviouslyDeclined                   // previously_declined
	ReasonOvercrowded                          // overcrowded
	ReasonKdUExceeded                          // kdu_exceeded
	ReasonWBSMissing                           // wbs_missing
	ReasonWheelchairAccess                     // wheelchair_access
	ReasonStepFreeAccess                       // step_free_access
	ReasonPetsNotAllowed                       // pets_not_allowed
	ReasonRestrictedFlat                       // restricted_flat
	ReasonDistrictExcluded                     // district_excluded
	numReasons
)

// AllReasonCodes lists every reason code in a stable order (the API publishes them as an enum).
func AllReasonCodes() []ReasonCode { return upTo(numReasons) }

// upTo returns 0, 1, …, n−1.
func upTo[T ~uint8](n T) []T {
	out := make([]T, n)
	for i := range out {
		out[i] = T(i)
	}
	return out
}

// def returns the rule's entry in rules; an unknown code gets one that names it by number.
func (c ReasonCode) def() *rule {
	if c < numReasons {
		return &rules[c]
	}
	name := "reason_" + strconv.Itoa(int(c))
	return &rule{code: name, label: name}
}

// String returns the stable code, e.g. "overcrowded".
func (c ReasonCode) String() string { return c.def().code }

// Label returns the short German name shown to users, e.g. "zu wenig Wohnfläche".
func (c ReasonCode) Label() string { return c.def().label }

// Description returns the German statement of the rule, e.g. for the API documentation.
func (c ReasonCode) Description() string { return c.def().description }

// Reads lists the inputs the rule reads, as "Household.Persons", "Vacancy.AreaCenti",
// "Limits.MinAreaPerPersonCenti" or "today".
func (c ReasonCode) Reads() []string { return slices.Clone(c.def().reads) }

// MarshalText encodes the code as its string, so JSON shows "overcrowded".
func (c ReasonCode) MarshalText() ([]byte, error) {
	if c >= numReasons {
		return nil, fmt.Errorf("matching: unknown reason code %d", uint8(c))
	}
	return []byte(rules[c].code), nil
}

// UnmarshalText decodes a code written by MarshalText, or a rule's deprecated former code.
func (c *ReasonCode) UnmarshalText(b []byte) error {
	for i := range rules {
		if rules[i].code == string(b) || rules[i].deprecated != "" && rules[i].deprecated == string(b) {
			*c = ReasonCode(i)
			return nil
		}
	}
	return fmt.Errorf("matching: unknown reason code %q", b)
}

func (c ReasonCode) set() ReasonSet { return 1 << c }

// ReasonSet is the set of hard rules a household fails for a vacancy, as a bitmask (bit c for
// ReasonCode c). The empty set means the household is eligible.
type ReasonSet uint16

// Has reports whether the set holds c.
func (s ReasonSet) Has(c ReasonCode) bool { return c < numReasons && s&c.set() != 0 }

// Len returns the number of reasons in the set.
func (s ReasonSet) Len() int { return bits.OnesCount16(uint16(s)) }

// Codes lists the reasons in the set in code order.
func (s ReasonSet) Codes() []ReasonCode {
	out := make([]ReasonCode, 0, s.Len())
	for c := range numReasons {
		if s.Has(c) {
			out = append(out, c)
		}
	}
	return out
}

// String lists the codes, e.g. "overcrowded,kdu_exceeded".
func (s ReasonSet) String() string {
	var b strings.Builder
	for _, c := range s.Codes() {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(c.String())
	}
	return b.String()
}

// Reason is one failed hard rule with its German explanation.
type Reason struct {
	Code    ReasonCode `json:"code"`
	Message string     `json:"message"`
}

// Check applies the hard rules of docs/design.md §4 to household h and vacancy v on the given day and
// returns every rule the household fails (empty: eligible). It reads only the inputs.
func Check(v Vacancy, h Household, p Policy, today Date) ReasonSet {
	return forPair(&v, &h, &p, today).check(&h)
}

// Explain returns a German message for each reason in the set, with the figures that explain
// it. Pass the same vacancy, household, policy and day that produced the set.
func (s ReasonSet) Explain(v Vacancy, h Household, p Policy, today Date) []Reason {
	out := make([]Reason, 0, s.Len())
	for _, c := range s.Codes() {
		out = append(out, Reason{Code: c, Message: message(c, &v, &h, &p, today)})
	}
	return out
}

func message(c ReasonCode, v *Vacancy, h *Household, p *Policy, today Date) string {
	if c >= numReasons {
		return c.String()
	}
	return rules[c].message(explanation{v: *v, h: *h, p: *p, today: today, n: h.persons()})
}

func trackList(t Track) string {
	if t == 0 {
		return "keinen davon"
	}
	return t.String()
}

func personsText(n int64) string {
	if n == 1 {
		return "1 Person"
	}
	return strconv.FormatInt(n, 10) + " Personen"
}

// formatEuro formats cents as "1.125,00 €".
func formatEuro(cents int64) string {
	var buf [40]byte
	return string(append(appendCenti(buf[:0], cents), " €"...))
}

// formatArea formats hundredths of m² as "28,00 m²".
func formatArea(centi int64) string {
	var buf [40]byte
	return string(append(appendCenti(buf[:0], centi), " m²"...))
}

// formatCenti formats a number of hundredths with two decimals and German separators,
// without fmt (the messages of a page of excluded households are built on every request).
func formatCenti(v int64) string {
	var buf [32]byte
	return string(appendCenti(buf[:0], v))
}

// appendCenti appends v hundredths as "-1.234,56".
func appendCenti(b []byte, v int64) []byte {
	u := uint64(v)
	if v < 0 {
		b = append(b, '-')
		u = -u
	}
	var digits [20]byte
	whole := strconv.AppendUint(digits[:0], u/100, 10)
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b = append(b, '.')
		}
		b = append(b, d)
	}
	cents := u % 100
	return append(b, ',', byte('0'+cents/10), byte('0'+cents%10))
}

// germanDecimal formats x with the given decimals and a decimal comma.
func germanDecimal(x float64, decimals int) string {
	return strings.Replace(strconv.FormatFloat(x, 'f', decimals, 64), ".", ",", 1)
}
