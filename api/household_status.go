package api

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
)

// pauseRequest takes the reason as reason, like every other action; paused_reason is its
// deprecated former name (accepted for one minor version; reason wins when both are sent).
type pauseRequest struct {
	Reason       string      `json:"reason"`
	PausedReason string      `json:"paused_reason"`
	Until        domain.Date `json:"paused_until"`
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
	reason := req.Reason
	if reason == "" {
		reason = req.PausedReason
	}
	err := a.householdStatus(c, "pause", reason, req.Until)
	var ve *domain.ValidationError
	if req.PausedReason == "" && errors.As(err, &ve) && ve.Has("paused_reason") {
		// The service names the form's field; the API's is reason.
		out := domain.NewValidationError()
		for k, msg := range ve.Fields {
			if k == "paused_reason" {
				k = "reason"
			}
			out.Add(k, msg)
		}
		return out
	}
	return err
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
