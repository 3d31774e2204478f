package api

import (
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// viewingRowJSON is a viewing in the list, with what the list needs of its match. Landlords
// get no household id (docs/design.md §2), as in matches.
type viewingRowJSON struct {
	*viewingJSON
	VacancyID          int64             `json:"vacancy_id"`
	HouseholdID        *int64            `json:"household_id,omitempty"`
	HouseholdReference string            `json:"household_reference"`
	MatchState         domain.MatchState `json:"match_state"`
}

type viewingPageJSON struct {
	Items      []viewingRowJSON `json:"items"`
	NextCursor *string          `json:"next_cursor"`
}

// viewingList answers GET /api/v1/viewings?vacancy_id=…&slot_id=…&day=…&state=…: each role
// sees the viewings of the matches it sees.
func (a *API) viewingList(c *fiber.Ctx) error {
	var f store.ViewingFilter
	var err error
	if f.VacancyID, err = int64Query(c, "vacancy_id"); err != nil {
		return err
	}
	if f.SlotID, err = int64Query(c, "slot_id"); err != nil {
		return err
	}
	if raw := c.Query("day"); raw != "" {
		d, perr := time.Parse(time.DateOnly, raw)
		if perr != nil {
			return invalidQuery("day", "Der Parameter day muss ein Datum JJJJ-MM-TT sein.")
		}
		f.Day = domain.DateOf(d)
	}
	if s := c.Query("state"); s != "" {
		for _, st := range strings.Split(s, ",") {
			if !domain.ViewingTransitions.Valid(domain.ViewingState(st)) {
				return invalidQuery("state", "Der Parameter state enthält einen unbekannten Zustand: "+st+".")
			}
			f.States = append(f.States, domain.ViewingState(st))
		}
	}
	pg, err := pageQuery(c, "w")
	if err != nil {
		return err
	}
	f.Limit, f.AfterID = pg.Limit, pg.After
	rows, err := a.workflow.ListViewings(c.UserContext(), actor(c), f)
	if err != nil {
		return err
	}
	out := viewingPageJSON{Items: make([]viewingRowJSON, len(rows))}
	for i := range rows {
		r := &rows[i]
		item := viewingRowJSON{viewingJSON: viewingOut(&r.Viewing), VacancyID: r.VacancyID,
			HouseholdReference: r.HouseholdReference, MatchState: r.MatchState}
		if !isLandlord(actor(c)) {
			hid := r.HouseholdID
			item.HouseholdID = &hid
		}
		out.Items[i] = item
	}
	if len(rows) > 0 {
		out.NextCursor = pg.next("w", len(rows), rows[len(rows)-1].ID)
	}
	return c.JSON(out)
}
