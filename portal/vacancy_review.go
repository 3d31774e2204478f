package portal

import (
	"errors"
	"fmt"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
)

// vacancyReview publishes a submitted vacancy or sends it back to the landlord with a comment.
func (p *Portal) vacancyReview(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	back := fmt.Sprintf("/arbeitsbereich/angebote/%d", id)
	var msg string
	switch c.FormValue("action") {
	case "publish":
		err, msg = p.vacancies.Publish(c.UserContext(), actor(c), id), "Das Wohnungsangebot ist veröffentlicht."
	case "send_back":
		err, msg = p.vacancies.SendBack(c.UserContext(), actor(c), id, c.FormValue("comment")),
			"Das Wohnungsangebot wurde mit Ihrem Hinweis an die Vermieter*in zurückgegeben."
	default:
		return fiber.ErrBadRequest
	}
	var ve *domain.ValidationError
	if errors.As(err, &ve) {
		return p.redirectWithError(c, back, joinMessages(ve))
	}
	if m, ok := conflictMessage(err); ok {
		return p.redirectWithError(c, back, m)
	}
	if err != nil {
		return err
	}
	return p.redirectWithFlash(c, back, msg)
}
