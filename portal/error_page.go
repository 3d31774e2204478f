package portal

import (
	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/web"
)

type errorData struct {
	Heading       string
	Message       string
	ShowRequestID bool
}

// RenderError renders the German error page for 403, 404, 500 and the rest.
func (p *Portal) RenderError(c *fiber.Ctx, e *web.Error) error {
	heading := map[int]string{
		fiber.StatusForbidden:       "Kein Zugriff",
		fiber.StatusNotFound:        "Seite nicht gefunden",
		fiber.StatusConflict:        "Das hat nicht geklappt",
		fiber.StatusTooManyRequests: "Bitte warten Sie einen Moment",
	}[e.Status]
	if heading == "" {
		heading = "Das hat nicht geklappt"
	}
	if e.Status >= 500 {
		heading = "Technischer Fehler"
	}
	pg := p.page(c, heading, errorData{Heading: heading, Message: e.Message, ShowRequestID: e.Status >= 500})
	c.Status(e.Status)
	return p.views.render(c, "error", pg)
}
