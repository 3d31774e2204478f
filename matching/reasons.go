package matching

import (
	"fmt"
	"math/bits"
	"strconv"
	"strings"
)

// ReasonCode identifies one hard rule (DESIGN §4). Its String is the stable code the API
// publishes, e.g. "kdu_exceeded".
type ReasonCode uint8

// The hard rules, in the order of DESIGN §4.
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

var reasonCodes = [numReasons]string{
	"no_accepted_track", "household_inactive", "active_offer", "previously_declined",
	"overcrowded", "kdu_exceeded", "wbs_missing", "wheelchair_access", "step_free_access",
	"pets_not_allowed", "restricted_flat", "district_excluded",
}

// AllReasonCodes lists every reason code in a stable order (the API publishes them as an enum).
func AllReasonCodes() []ReasonCode {
	out := make([]ReasonCode, numReasons)
	for i := range out {
		out[i] = ReasonCode(i)
	}
	return out
}

// String returns the stable code, e.g. "overcrowded".
func (c ReasonCode) String() string {
	if c < numReasons {
		return reasonCodes[c]
	}
	return "reason_" + strconv.Itoa(int(c))
}

// MarshalText encodes the code as its string, so JSON shows "overcrowded".
func (c ReasonCode) MarshalText() ([]byte, error) {
	if c >= numReasons {
		return nil, fmt.Errorf("matching: unknown reason code %d", uint8(c))
	}
	return []byte(reasonCodes[c]), nil
}

// UnmarshalText decodes a code written by MarshalText.
func (c *ReasonCode) UnmarshalText(b []byte) error {
	for i, s := range reasonCodes {
		if s == string(b) {
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

// Check applies the hard rules of DESIGN §4 to household h and vacancy v on the given day and
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
	n := h.persons()
	switch c {
	case ReasonNoAcceptedTrack:
		if v.Accepts&AllTracks == 0 {
			return "Kein passender Zugang: Die Wohnung ist für keinen Zugang freigegeben"
		}
		return fmt.Sprintf("Kein passender Zugang: Die Wohnung ist offen für %s; der Haushalt hat %s",
			v.Accepts&AllTracks, trackList(h.Tracks(today)))
	case ReasonHouseholdInactive:
		if h.Status == StatusPaused || (h.Status == StatusActive && h.PausedUntil > today) {
			if h.PausedUntil == 0 {
				return "Haushalt ist pausiert (ohne Enddatum)"
			}
			return "Haushalt ist pausiert bis " + h.PausedUntil.German()
		}
		return "Haushalt ist nicht aktiv (Status: " + h.Status.String() + ")"
	case ReasonActiveOffer:
		return fmt.Sprintf("Haushalt hat bereits einen aktiven Vorschlag für Wohnungsangebot %d", h.ActiveMatchVacancyID)
	case ReasonPreviouslyDeclined:
		return "Für dieses Wohnungsangebot wurde der Haushalt bereits abgelehnt oder hat es abgelehnt"
	case ReasonOvercrowded:
		var parts []string
		need := p.Limits.MinAreaPerPersonCenti * n
		area := v.AreaCenti
		perPlace := ""
		if v.places() > 1 {
			area = v.AreaCenti / v.places()
			perPlace = fmt.Sprintf(" (Anteil je Platz bei %d Plätzen)", v.places())
		}
		if area < need {
			parts = append(parts, fmt.Sprintf("%s%s für %s – mindestens %s nötig (WohnStG NRW § 10)",
				formatArea(area), perPlace, personsText(n), formatArea(need)))
		}
		if v.MaxOccupants > 0 && n > int64(v.MaxOccupants) {
			parts = append(parts, fmt.Sprintf("%s, aber höchstens %d Bewohner*innen zulässig", personsText(n), v.MaxOccupants))
		}
		if len(parts) == 0 { // only with a set from other inputs
			return "Wohnung ist für " + personsText(n) + " zu klein"
		}
		return strings.Join(parts, "; ")
	case ReasonKdUExceeded:
		return fmt.Sprintf("Bruttokaltmiete %s über der KdU-Grenze von %s für %s",
			formatEuro(v.RentCents()), formatEuro(p.Limits.KdUCapCents(int(n))), personsText(n))
	case ReasonWBSMissing:
		day := max(v.AvailableFrom, today)
		if h.WBSValidUntil != 0 && h.WBSValidUntil >= day && int64(h.WBSPersons) < n {
			return fmt.Sprintf("Wohnberechtigungsschein gilt für %s, der Haushalt hat %s",
				personsText(int64(h.WBSPersons)), personsText(n))
		}
		return "Wohnberechtigungsschein fehlt oder ist am " + day.German() + " nicht mehr gültig"
	case ReasonWheelchairAccess:
		return "Haushalt braucht eine rollstuhlgerechte Wohnung; diese Wohnung ist es nicht"
	case ReasonStepFreeAccess:
		where := "im Untergeschoss"
		if v.Floor > 0 {
			where = fmt.Sprintf("im %d. Obergeschoss", v.Floor)
		}
		return "Haushalt braucht einen stufenlosen Zugang; die Wohnung liegt " + where + " ohne Aufzug"
	case ReasonPetsNotAllowed:
		return "Haushalt hat Haustiere; in dieser Wohnung sind keine erlaubt"
	case ReasonRestrictedFlat:
		if v.Restriction == RestrictionSeniorWG {
			return "Senioren-WG: nur für ältere Wohnungslose mit Pflegebedarf (Zielgruppe senior_care)"
		}
		return "Wohnung nur für Frauen; nicht alle Haushaltsmitglieder sind Frauen"
	case ReasonDistrictExcluded:
		return "Haushalt hat den Stadtbezirk " + v.Borough.String() + " ausgeschlossen"
	}
	return c.String()
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
func formatEuro(cents int64) string { return formatCenti(cents) + " €" }

// formatArea formats hundredths of m² as "28,00 m²".
func formatArea(centi int64) string { return formatCenti(centi) + " m²" }

// formatCenti formats a number of hundredths with two decimals and German separators.
func formatCenti(v int64) string {
	neg := v < 0
	u := uint64(v)
	if neg {
		u = -u
	}
	whole := strconv.FormatUint(u/100, 10)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	fmt.Fprintf(&b, ",%02d", u%100)
	return b.String()
}

// germanDecimal formats x with the given decimals and a decimal comma.
func germanDecimal(x float64, decimals int) string {
	return strings.Replace(strconv.FormatFloat(x, 'f', decimals, 64), ".", ",", 1)
}
