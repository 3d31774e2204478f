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
	message := e.Message
	switch {
	case e.Status == fiber.StatusServiceUnavailable:
		heading = "Vorübergehend nicht erreichbar"
		message += " In dringenden Fällen erreichen Sie die Zentrale Fachstelle telefonisch unter " + p.opts.FachstellePhone + "."
	case e.Status >= 500:
		heading = "Technischer Fehler"
	}
	pg := p.page(c, heading, errorData{Heading: heading, Message: message, ShowRequestID: e.Status >= 500})
	c.Status(e.Status)
	return p.views.render(c, "error", pg)
}
