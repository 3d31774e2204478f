package portal

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/web"
)

// actor describes the signed-in user for services and the audit log.
func actor(c *fiber.Ctx) domain.Actor {
	return domain.Actor{User: web.CurrentUser(c), IP: web.ClientIP(c), RequestID: web.RequestID(c)}
}

// pathID reads a positive id from the path; anything else is a 404.
func pathID(c *fiber.Ctx, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Params(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, domain.ErrNotFound
	}
	return id, nil
}
