package portal

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
)

// conflictMessage returns the German message of a conflict (someone was faster, a rule no
// longer holds), which action forms show on the page they return to.
func conflictMessage(err error) (string, bool) {
	var ce *domain.ConflictError
	if errors.As(err, &ce) {
		return ce.Message, true
	}
	return "", false
}

// renderRefused shows why an action was refused on the page where it can be put right:
// field messages and the error summary for a validation error, the rule's message above
// the page for a conflict (409). Any other error goes to the error handler.
func (p *Portal) renderRefused(c *fiber.Ctx, err error, view string, pg *Page, rename map[string]string, order ...string) error {
	if m, ok := conflictMessage(err); ok {
		pg.FlashError = m
		c.Status(fiber.StatusConflict)
		return p.views.render(c, view, pg)
	}
	return p.renderInvalid(c, err, view, pg, rename, order...)
}
