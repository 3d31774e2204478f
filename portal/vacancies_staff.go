package portal

import (
	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

type staffVacanciesData struct {
	Submitted []store.VacancyListRow
	Published []store.VacancyListRow
}

func (p *Portal) staffVacancies(c *fiber.Ctx) error {
	ctx := c.UserContext()
	submitted, err := p.store.ListVacanciesByStatus(ctx, domain.VacancySubmitted)
	if err != nil {
		return err
	}
	published, err := p.store.ListVacanciesByStatus(ctx, domain.VacancyPublished)
	if err != nil {
		return err
	}
	return p.views.render(c, "staff_vacancies", p.page(c, "Wohnungsangebote", staffVacanciesData{submitted, published}))
}

type staffVacancyData struct {
	V        *domain.Vacancy
	Landlord *domain.Landlord
	Matches  []store.MatchRow
}

func (p *Portal) staffVacancy(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	v, err := p.store.VacancyByID(ctx, id)
	if err != nil {
		return err
	}
	l, err := p.store.LandlordByID(ctx, v.LandlordID)
	if err != nil {
		return err
	}
	matches, err := p.store.MatchesOfVacancy(ctx, id)
	if err != nil {
		return err
	}
	return p.views.render(c, "staff_vacancy", p.page(c, v.Street, staffVacancyData{v, l, matches}))
}
