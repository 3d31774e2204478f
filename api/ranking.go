package api

import (
	"github.com/gofiber/fiber/v2"

	"wohnbruecke/matching"
)

type componentJSON struct {
	Value  float64 `json:"value"`
	Weight float64 `json:"weight"`
	Points float64 `json:"points"`
}

type candidateJSON struct {
	HouseholdID int64                    `json:"household_id"`
	Rank        int32                    `json:"rank"`
	Score       float64                  `json:"score"`
	Components  map[string]componentJSON `json:"components"`
}

type reasonJSON struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

type excludedJSON struct {
	HouseholdID int64        `json:"household_id"`
	Reasons     []reasonJSON `json:"reasons"`
}

type rankingJSON struct {
	VacancyID     int64           `json:"vacancy_id"`
	PolicyVersion int             `json:"policy_version"`
	Eligible      int             `json:"eligible"`
	Candidates    []candidateJSON `json:"candidates"`
	Excluded      []excludedJSON  `json:"excluded"`
}

// ranking answers GET /api/v1/vacancies/{id}/ranking: candidates with their score broken
// down by component, and every excluded household with all its reasons.
func (a *API) ranking(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	limit, err := intQuery(c, "limit", 0, 1_000_000)
	if err != nil {
		return err
	}
	r, err := a.rank.RankVacancy(c.UserContext(), id, limit)
	if err != nil {
		return err
	}
	out := rankingJSON{VacancyID: id, PolicyVersion: r.Result.PolicyVersion, Eligible: r.Result.Eligible,
		Candidates: make([]candidateJSON, len(r.Result.Candidates)), Excluded: make([]excludedJSON, len(r.Result.Excluded))}
	ex := r.Explainer()
	for i, cand := range r.Result.Candidates {
		b := cand.Breakdown(ex, r.Households)
		comps := make(map[string]componentJSON, len(b.Components))
		for _, cs := range b.Components {
			comps[cs.Component.Code()] = componentJSON{Value: cs.Value, Weight: cs.Weight, Points: cs.Contribution.Float64()}
		}
		out.Candidates[i] = candidateJSON{HouseholdID: cand.HouseholdID(r.Households), Rank: cand.Rank, Score: cand.Score.Float64(), Components: comps}
	}
	for i, ex := range r.Result.Excluded {
		out.Excluded[i] = excludedJSON{HouseholdID: ex.HouseholdID(r.Households), Reasons: reasonsJSON(r.Explain(ex))}
	}
	return c.JSON(out)
}

func reasonsJSON(rs []matching.Reason) []reasonJSON {
	out := make([]reasonJSON, len(rs))
	for i, r := range rs {
		out[i] = reasonJSON{Code: r.Code.String(), Message: r.Message}
	}
	return out
}
