package portal

import (
	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/store"
	"wohnbruecke/internal/tasks"
)

// caseworkerHome shows the caseworker's tasks with her households (invitations to hand
// over, upcoming viewings, running proposals) and lists the households; both services
// limit a caseworker to the households assigned to her.
func (p *Portal) caseworkerHome(c *fiber.Ctx) error {
	ctx, a := c.UserContext(), actor(c)
	board, err := p.tasks.Caseworker(ctx, a)
	if err != nil {
		return err
	}
	rows, _, err := p.households.List(ctx, a, store.HouseholdFilter{PerPage: 200})
	if err != nil {
		return err
	}
	return p.views.render(c, "home_caseworker", p.page(c, "Meine Haushalte", struct {
		*tasks.Board
		Households []store.HouseholdListRow
	}{board, rows}))
}
