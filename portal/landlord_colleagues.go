package portal

import (
	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/landlords"
)

type colleaguesData struct {
	Users []domain.User
}

func (p *Portal) colleaguesPage(c *fiber.Ctx) (*Page, error) {
	users, err := p.landlords.Colleagues(c.UserContext(), actor(c))
	if err != nil {
		return nil, err
	}
	return p.page(c, "Zugänge Ihrer Organisation", colleaguesData{users}), nil
}

func (p *Portal) colleagues(c *fiber.Ctx) error {
	pg, err := p.colleaguesPage(c)
	if err != nil {
		return err
	}
	return p.views.render(c, "colleagues", pg)
}

func (p *Portal) inviteColleague(c *fiber.Ctx) error {
	pg, err := p.colleaguesPage(c)
	if err != nil {
		return err
	}
	pg.Form = postedForm(c)
	person := landlords.Person{Name: pg.Form.Get("user_name"), Email: pg.Form.Get("user_email"), Phone: pg.Form.Get("user_phone")}
	if _, err := p.landlords.InviteColleague(c.UserContext(), actor(c), person); err != nil {
		return p.renderRefused(c, err, "colleagues", pg, nil, "user_name", "user_email", "user_phone")
	}
	return p.redirectWithFlash(c, "/vermieter/kolleginnen", "Die Einladung ist verschickt. Der Link gilt sieben Tage.")
}
