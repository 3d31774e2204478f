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

	anyRole := web.RequireRole(domain.RoleAdmin, domain.RoleStaff, domain.RoleCaseworker, domain.RoleLandlord)
	staff := web.RequireRole(domain.RoleStaff, domain.RoleAdmin)

	v1 := app.Group("/api/v1")
	v1.Get("/me", anyRole, a.me)
	v1.Get("/vacancies/:id/ranking", staff, a.ranking)
	v1.Get("/allocation", staff, a.allocation)
	v1.Use(func(c *fiber.Ctx) error { return fiber.ErrNotFound })
}
