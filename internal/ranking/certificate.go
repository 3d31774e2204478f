package ranking

import (
	"slices"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/matching"
)

// certificateDay is the day a household's Integrationszertifikat Wohnen must still be valid
// on to count for a flat: the flat's available-from date, or today when that has passed
// (docs/design.md §11.4).
func certificateDay(v *domain.Vacancy, today domain.Date) domain.Date {
	return max(v.AvailableFrom, today)
}

// certificatesOn returns the engine's households with every certificate that has expired
// by day taken away (CertificateOn = 0: neither the track nor the score component counts
// it). matching stays pure and knows no expiry; the cached slice is shared, so it is copied
// only when some certificate is actually dropped.
func certificatesOn(rows []store.CandidateRow, hs []matching.Household, day domain.Date) []matching.Household {
	var out []matching.Household
	for i := range rows {
		if hs[i].CertificateOn != 0 && rows[i].CertificateUntil != 0 && rows[i].CertificateUntil < day {
			if out == nil {
				out = slices.Clone(hs)
			}
			out[i].CertificateOn = 0
		}
	}
	if out == nil {
		return hs
	}
	return out
}

// HouseholdFor maps one candidate row for one flat, like a ranking of that flat does: a
// certificate expired by the flat's certificate day does not count.
func HouseholdFor(r *store.CandidateRow, v *domain.Vacancy, today domain.Date) matching.Household {
	h := HouseholdOf(r)
	if r.CertificateUntil != 0 && r.CertificateUntil < certificateDay(v, today) {
		h.CertificateOn = 0
	}
	return h
}
