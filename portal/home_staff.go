package portal

import (
	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
)

type staffHomeData struct {
	SubmittedVacancies, PublishedVacancies, ActiveHouseholds, OpenMatches int64
}

func (p *Portal) staffHome(c *fiber.Ctx) error {
	ctx := c.UserContext()
	vacancies, err := p.store.VacancyCounts(ctx, 0)
	if err != nil {
		return err
	}
	households, err := p.store.HouseholdCounts(ctx)
	if err != nil {
		return err
	}
	matches, err := p.store.MatchCounts(ctx)
	if err != nil {
		return err
	}
	data := staffHomeData{
		SubmittedVacancies: vacancies[string(domain.VacancySubmitted)], PublishedVacancies: vacancies[string(domain.VacancyPublished)],
		ActiveHouseholds: households[string(domain.HouseholdActive)],
	}
	for _, s := range domain.OpenMatchStates {
		data.OpenMatches += matches[string(s)]
	}
	return p.views.render(c, "home_staff", p.page(c, "Arbeitsbereich", data))
}
