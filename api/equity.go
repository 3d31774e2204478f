package api

import "github.com/gofiber/fiber/v2"

// statsEquity answers GET /api/v1/stats/equity?from=&to=: the equity dashboard's figures
// (stats.EquityReport, docs/design.md §10.1).
func (a *API) statsEquity(c *fiber.Ctx) error {
	r, err := a.statsRange(c)
	if err != nil {
		return err
	}
	rep, err := a.stats.Equity(c.UserContext(), actor(c), r)
	if err != nil {
		return err
	}
	return c.JSON(rep)
}
