package api

import (
	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/stats"
)

// statsReport answers GET /api/v1/stats?from=YYYY-MM-DD&to=YYYY-MM-DD: the figures of the
// statistics page; to is exclusive, both default to the last twelve months.
func (a *API) statsReport(c *fiber.Ctx) error {
	r, err := a.statsRange(c)
	if err != nil {
		return err
	}
	rep, err := a.stats.Report(c.UserContext(), actor(c), r)
	if err != nil {
		return err
	}
	return c.JSON(rep)
}

// statsRange reads the period [from, to) of the statistics endpoints (default: the last
// twelve calendar months).
func (a *API) statsRange(c *fiber.Ctx) (stats.Range, error) {
	r := stats.DefaultRange(a.store.Today())
	ve := domain.NewValidationError()
	for name, dst := range map[string]*domain.Date{"from": &r.From, "to": &r.To} {
		raw := c.Query(name)
		if raw == "" {
			continue
		}
		d, err := domain.ParseDate(raw)
		if err != nil || d.ISO() != raw {
			ve.Add(name, "Bitte geben Sie das Datum in der Form 2026-03-01 an.")
			continue
		}
		*dst = d
	}
	if ve.OrNil() == nil && r.To <= r.From {
		ve.Add("to", "Das Ende des Zeitraums muss nach seinem Beginn liegen.")
	}
	if ve.OrNil() == nil && r.To-r.From > 3660 {
		ve.Add("to", "Der Zeitraum darf höchstens zehn Jahre umfassen.")
	}
	return r, ve.OrNil()
}
