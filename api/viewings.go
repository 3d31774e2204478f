package api

import (
	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
)

// viewingShow answers GET /api/v1/viewings/{id}: the viewing with its match.
func (a *API) viewingShow(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	mv, err := a.workflow.OpenViewing(c.UserContext(), actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(viewingWithMatch(mv.Viewing, matchViewOut(actor(c), mv, a.store.Today())))
}

type viewingDetailJSON struct {
	*viewingJSON
	Match matchJSON `json:"match"`
}

func viewingWithMatch(vw *domain.Viewing, m matchJSON) viewingDetailJSON {
	m.Viewing = nil
	return viewingDetailJSON{viewingJSON: viewingOut(vw), Match: m}
}

type rescheduleRequest struct {
	SlotID int64 `json:"slot_id"`
}

// viewingReschedule answers POST /api/v1/viewings/{id}/reschedule: move the viewing into
// another slot of the same vacancy.
func (a *API) viewingReschedule(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	var req rescheduleRequest
	if err := decodeBody(c, &req); err != nil {
		return err
	}
	if req.SlotID <= 0 {
		ve := domain.NewValidationError()
		ve.Add("slot_id", "Bitte geben Sie einen Besichtigungstermin an.")
		return ve
	}
	mv, err := a.workflow.OpenViewing(c.UserContext(), actor(c), id)
	if err != nil {
		return err
	}
	vw, err := a.workflow.Reschedule(c.UserContext(), actor(c), mv.Match.ID, req.SlotID)
	if err != nil {
		return err
	}
	return a.viewingAnswer(c, vw.ID)
}

// viewingCancel answers POST /api/v1/viewings/{id}/cancel: staff call the viewing off; the
// match is withdrawn and the slot freed.
func (a *API) viewingCancel(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	reason, err := stepReason(c)
	if err != nil {
		return err
	}
	if _, err := a.workflow.OpenViewing(c.UserContext(), actor(c), id); err != nil {
		return err
	}
	if err := a.workflow.CancelViewing(c.UserContext(), actor(c), id, reason); err != nil {
		return err
	}
	return a.viewingAnswer(c, id)
}

func (a *API) viewingAnswer(c *fiber.Ctx, id int64) error {
	mv, err := a.workflow.OpenViewing(c.UserContext(), actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(viewingWithMatch(mv.Viewing, matchViewOut(actor(c), mv, a.store.Today())))
}
