package portal

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/web"
)

var statusMessages = map[string]string{
	"pause": "Der Haushalt ist pausiert.", "resume": "Der Haushalt ist wieder aktiv.",
	"housed": "Der Haushalt ist als versorgt markiert.", "close": "Der Haushalt ist abgeschlossen.",
}

func (p *Portal) householdStatus(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	action := c.FormValue("action")
	if action == "close" {
		// Closing asks for a reason on its confirmation page first.
		return c.Redirect(fmt.Sprintf("/haushalte/%d/abschliessen", id), fiber.StatusSeeOther)
	}
	msg, ok := statusMessages[action]
	if !ok {
		return &web.Error{Status: fiber.StatusBadRequest, Code: domain.CodeBadRequest, Message: "Unbekannte Aktion."}
	}
	ve := domain.NewValidationError()
	var until domain.Date
	if action == "pause" {
		until = formParser{postedForm(c), ve}.date("paused_until")
	}
	err = ve.OrNil()
	if err == nil {
		err = p.households.Status(c.UserContext(), actor(c), id, action, c.FormValue("paused_reason"), until)
	}
	back := fmt.Sprintf("/haushalte/%d", id)
	if errors.As(err, &ve) {
		return p.redirectWithError(c, back, "Nicht gespeichert: "+joinMessages(ve))
	}
	if err != nil {
		return err
	}
	return p.redirectWithFlash(c, back, msg)
}

func joinMessages(ve *domain.ValidationError) string {
	msgs := make([]string, 0, len(ve.Fields))
	for _, k := range ve.FieldNames() {
		msgs = append(msgs, ve.Fields[k])
	}
	return strings.Join(msgs, " ")
}
