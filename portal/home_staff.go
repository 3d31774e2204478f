package portal

import (
	"github.com/gofiber/fiber/v2"
)

// staffHome is the staff start page: the task queues of the Wohnraumakquise.
func (p *Portal) staffHome(c *fiber.Ctx) error {
	board, err := p.tasks.Staff(c.UserContext(), actor(c))
	if err != nil {
		return err
	}
	return p.views.render(c, "home_staff", p.page(c, "Arbeitsbereich", board))
}
