package api

import (
	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/web"
)

// Routes registers the operational endpoints and every /api/v1 route.
func (a *API) Routes(app *fiber.App) {
	app.Get("/healthz", a.healthz)
	app.Get("/readyz", a.readyz)

	v1 := app.Group("/api/v1")
	v1.Get("/me", web.RequireRole(domain.RoleAdmin, domain.RoleStaff, domain.RoleCaseworker, domain.RoleLandlord), a.me)
	v1.Use(func(c *fiber.Ctx) error { return fiber.ErrNotFound })
}
