package api

import "github.com/gofiber/fiber/v2"

type pairJSON struct {
	VacancyID   int64    `json:"vacancy_id"`
	HouseholdID int64    `json:"household_id"`
	Score       decimal2 `json:"score"`
}

type allocationJSON struct {
	PolicyVersion int        `json:"policy_version"`
	Places        int        `json:"places"`
	PlacesFilled  int        `json:"places_filled"`
	EligiblePairs int        `json:"eligible_pairs"`
	TotalScore    decimal2   `json:"total_score"`
	Pairs         []pairJSON `json:"pairs"`
}

// allocation answers GET /api/v1/allocation: the optimal proposal across all published
// vacancies (most places filled, then the highest total score).
func (a *API) allocation(c *fiber.Ctx) error {
	p, err := a.rank.Allocate(c.UserContext())
	if err != nil {
		return err
	}
	al := p.Allocation
	out := allocationJSON{PolicyVersion: p.Policy.Version, Places: al.Places, PlacesFilled: al.PlacesFilled,
		EligiblePairs: al.EligiblePairs, TotalScore: decimal2(pointsHundredths(al.TotalScore)), Pairs: make([]pairJSON, len(al.Pairs))}
	for i, pr := range al.Pairs {
		out.Pairs[i] = pairJSON{VacancyID: pr.VacancyID, HouseholdID: pr.HouseholdID, Score: decimal2(pointsHundredths(pr.Score))}
	}
	return c.JSON(out)
}
