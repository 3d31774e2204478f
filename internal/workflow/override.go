package workflow

import (
	"strings"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/matching"
)

// TopFree returns the best-ranked candidate of r that is not already proposed for the
// vacancy itself (a household with a running proposal for this flat cannot be approved for
// it again, so passing over it needs no reason); ok is false when there is none.
func TopFree(r *ranking.VacancyRanking) (matching.Candidate, bool) {
	for _, c := range r.Result.Candidates {
		if r.Rows[c.Index].ActiveMatchVacancyID != r.Vacancy.ID {
			return c, true
		}
	}
	return matching.Candidate{}, false
}

// NeedsOverrideReason reports whether approving the household needs a written reason: it
// is a candidate of r but not the top free one (TopFree).
func NeedsOverrideReason(r *ranking.VacancyRanking, householdID int64) bool {
	top, ok := TopFree(r)
	return ok && top.HouseholdID(r.Households) != householdID
}

// withOverride records on the snapshot the top free candidate and, when the chosen
// household (cand) is not it, the written reason; an incomplete reason is a
// ValidationError on the fields "reason" and "reason_note", and nothing is written.
func withOverride(sn *domain.RankingSnapshot, r *ranking.VacancyRanking, cand matching.Candidate, req ApproveRequest) error {
	if !NeedsOverrideReason(r, req.HouseholdID) {
		return nil
	}
	ve := domain.NewValidationError()
	req.Override.ValidateOverride(int(cand.Rank), ve)
	if err := ve.OrNil(); err != nil {
		return err
	}
	top, _ := TopFree(r)
	topID, code := top.HouseholdID(r.Households), req.Override.Code
	sn.OverrideReason, sn.OverrideNote, sn.TopHouseholdID = &code, strings.TrimSpace(req.Override.Note), &topID
	return nil
}

// declineReason is the column update that keeps a known decline reason; an unknown or empty
// one is dropped (the reason is optional, and a wrong code must not cost the answer).
func declineReason(reason domain.ReasonCode) map[string]any {
	if reason == "" || !domain.DeclineReasons.Has(reason) {
		return nil
	}
	return map[string]any{"decline_reason": reason}
}
