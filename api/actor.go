package api

import (
	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/web"
)

// actor describes the caller for services and the audit log: the account, and for bearer
// tokens the token's name as the audit label.
func actor(c *fiber.Ctx) domain.Actor {
	a := domain.Actor{User: web.CurrentUser(c), IP: web.ClientIP(c), RequestID: web.RequestID(c)}
	if t := web.APIToken(c); t != nil {
		a.Label = t.Name
	}
	return a
}

// created answers 201 with a Location header and the new resource.
func created(c *fiber.Ctx, location string, body any) error {
	c.Location(location)
	return c.Status(fiber.StatusCreated).JSON(body)
}
