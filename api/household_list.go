package api

import (
	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// householdList answers GET /api/v1/households: filtered, in id order, a page at a time.
func (a *API) householdList(c *fiber.Ctx) error {
	f := store.HouseholdFilter{Query: c.Query("q"), Track: domain.Track(c.Query("track")), FocusGroup: domain.FocusGroup(c.Query("focus_group")),
		Status: c.Query("status"), Language: domain.Language(c.Query("language")), Borough: domain.Borough(c.Query("borough")), Sort: "id"}
	for name, valid := range map[string]bool{"track": f.Track.Valid(), "focus_group": f.FocusGroup.Valid(),
		"status": domain.Valid(domain.HouseholdStatusOptions, f.Status), "language": f.Language.Valid(), "borough": f.Borough.Valid()} {
		if c.Query(name) != "" && !valid {
			return invalidQuery(name, "Der Parameter "+name+" hat einen unbekannten Wert.")
		}
	}
	urgency, err := intQuery(c, "urgency", 0, int(domain.UrgencyLow))
	if err != nil {
		return err
	}
	f.Urgency = domain.Urgency(urgency)
	if f.MinWaitDays, err = intQuery(c, "min_wait_days", 0, 36500); err != nil {
		return err
	}
	pg, err := pageQuery(c, "h")
	if err != nil {
		return err
	}
	f.PerPage, f.AfterID = pg.Limit, pg.After
	rows, total, err := a.households.List(c.UserContext(), actor(c), f)
	if err != nil {
		return err
	}
	out := householdPageJSON{Items: make([]householdRowJSON, len(rows)), Total: total}
	for i, r := range rows {
		out.Items[i] = householdRowOut(r)
	}
	if len(rows) > 0 {
		out.NextCursor = pg.next("h", len(rows), rows[len(rows)-1].ID)
	}
	return c.JSON(out)
}
