package api

import (
	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
)

// pauseRequest names its fields like the service's validation keys.
type pauseRequest struct {
	Reason string      `json:"paused_reason"`
	Until  domain.Date `json:"paused_until"`
}

type reasonRequest struct {
	Reason string `json:"reason"`
}

// stepReasonRequest is the optional reason of a withdrawal, a cancellation or a block: an
// entry of the step's catalogue and free text, named like the service's validation keys.
type stepReasonRequest struct {
	Reason string `json:"reason"`
	Note   string `json:"reason_note"`
}

// stepReason reads the optional reason body; an empty body is no reason.
func stepReason(c *fiber.Ctx) (domain.Reason, error) {
	var req stepReasonRequest
	if len(c.Body()) > 0 {
		if err := decodeBody(c, &req); err != nil {
			return domain.Reason{}, err
		}
	}
	return domain.Reason{Code: domain.ReasonCode(req.Reason), Note: req.Note}, nil
}

// householdPause answers POST /api/v1/households/{id}/pause.
func (a *API) householdPause(c *fiber.Ctx) error {
	var req pauseRequest
	if err := decodeBody(c, &req); err != nil {
		return err
	}
	return a.householdStatus(c, "pause", req.Reason, req.Until)
}

// householdAction answers POST /api/v1/households/{id}/{resume|housed|close} with an
// optional reason for the audit log.
func (a *API) householdAction(action string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var req reasonRequest
		if len(c.Body()) > 0 {
			if err := decodeBody(c, &req); err != nil {
				return err
			}
		}
		return a.householdStatus(c, action, req.Reason, 0)
	}
}

func (a *API) householdStatus(c *fiber.Ctx, action, reason string, until domain.Date) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	if err := a.households.Status(c.UserContext(), actor(c), id, action, reason, until); err != nil {
		return err
	}
	h, err := a.households.Open(c.UserContext(), actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(householdOut(h, a.store.Today()))
}
