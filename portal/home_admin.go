package portal

import (
	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
)

func (p *Portal) adminHome(c *fiber.Ctx) error {
	users, err := p.store.ListUsers(c.UserContext())
	if err != nil {
		return err
	}
	return p.views.render(c, "home_admin", p.page(c, "Verwaltung", struct{ Users []domain.User }{users}))
}
