package portal

import (
	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/web"
)

func (p *Portal) caseworkerHome(c *fiber.Ctx) error {
	hs, err := p.store.HouseholdsForCaseworker(c.UserContext(), web.CurrentUser(c).ID)
	if err != nil {
		return err
	}
	return p.views.render(c, "home_caseworker", p.page(c, "Meine Haushalte", struct{ Households []domain.Household }{hs}))
}
