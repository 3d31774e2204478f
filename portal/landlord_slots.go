package portal

import (
	"net/url"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/vacancies"
)

func (p *Portal) addSlot(c *fiber.Ctx) error {
	pg, err := p.vacancyPage(c)
	if err != nil {
		return err
	}
	v := pg.Data.(vacancyData).Vacancy
	pg.Form = postedForm(c)
	in, parseErr := vacancies.SlotInputFromForm(url.Values(pg.Form))
	err = parseErr.OrNil()
	if err == nil {
		if _, err = p.vacancies.AddSlot(c.UserContext(), actor(c), v.ID, in); err == nil {
			return p.redirectWithFlash(c, vacancyPath(v)+"#termine", "Der Besichtigungstermin ist angelegt.")
		}
	}
	return p.renderRefused(c, err, "vacancy", pg, nil, "slot_date", "slot_from", "slot_to", "slot_place", "slot_capacity")
}

func (p *Portal) removeSlot(c *fiber.Ctx) error {
	v, err := p.ownVacancy(c)
	if err != nil {
		return err
	}
	slotID, err := pathID(c, "slot")
	if err != nil {
		return err
	}
	if err := p.vacancies.RemoveSlot(c.UserContext(), actor(c), v.ID, slotID); err != nil {
		return p.vacancyRefused(c, err)
	}
	return p.redirectWithFlash(c, vacancyPath(v)+"#termine", "Der Besichtigungstermin ist gelöscht.")
}
