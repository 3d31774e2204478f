package portal

import (
	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/store"
)

// caseworkerHome lists the caseworker's households; the household service limits a
// caseworker to the households assigned to them.
func (p *Portal) caseworkerHome(c *fiber.Ctx) error {
	rows, _, err := p.households.List(c.UserContext(), actor(c), store.HouseholdFilter{PerPage: 200})
	if err != nil {
		return err
	}
	return p.views.render(c, "home_caseworker", p.page(c, "Meine Haushalte", struct{ Households []store.HouseholdListRow }{rows}))
}
