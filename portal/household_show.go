package portal

import (
	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

type householdShowData struct {
	H        *domain.Household
	Today    domain.Date
	Adults   int
	Children int
	Matches  []matchSummary
	// Tenancies are the household's tenancies the user may see (tenancy phase).
	Tenancies []store.TenancyRow
}

// matchSummary is a match as the household page lists it.
type matchSummary struct {
	ID             int64
	VacancyID      int64
	VacancyAddress string
	State          domain.MatchState
	Score          float64
	Viewing        string // viewingNote
	Answer         string // answerNote
	// Steerable offers staff the printed invitation and another date: the viewing is still
	// ahead and may move (movable), and the caller steers matches.
	Steerable bool
}

func (p *Portal) householdShow(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	h, err := p.households.Open(c.UserContext(), actor(c), id)
	if err != nil {
		return err
	}
	rows, err := p.store.MatchesOfHousehold(c.UserContext(), id)
	if err != nil {
		return err
	}
	today := p.store.Today()
	d := householdShowData{H: h, Today: today, Adults: h.Adults(today.Year())}
	d.Children = len(h.Members) - d.Adults
	steers := actor(c).CanSteerMatches()
	for _, r := range rows {
		d.Matches = append(d.Matches, matchSummary{r.ID, r.VacancyID, r.Street + ", " + r.District, r.State, r.Score,
			viewingNote(r), answerNote(r), steers && movable(r)})
	}
	if d.Tenancies, err = p.tenancies.List(c.UserContext(), actor(c), store.TenancyFilter{HouseholdID: id}); err != nil {
		return err
	}
	pg := p.page(c, "Haushalt "+h.Reference, d)
	pg.Form.Set("paused_until", today.AddDays(28).String())
	return p.views.render(c, "household_show", pg)
}
