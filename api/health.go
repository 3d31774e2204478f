package api

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/web"
)

// healthz answers as long as the process runs, with the build's version.
func (a *API) healthz(c *fiber.Ctx) error {
	return c.JSON(fiber.Map{"status": "ok", "version": a.version})
}

// readyz answers 200 only when the database is reachable, all migrations are applied and
// the ranking's candidate cache is warm (a cold cache is loaded in the background; the
// probe waits for it up to its timeout).
func (a *API) readyz(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(c.UserContext(), 2*time.Second)
	defer cancel()
	if err := a.store.Ping(ctx); err != nil {
		web.Logger(c).Warn("readyz: database unreachable", "err", err)
		return c.Status(fiber.StatusServiceUnavailable).JSON(fiber.Map{"status": "database unreachable"})
	}
	current, err := a.store.MigrationsCurrent(ctx)
	if err != nil {
		web.Logger(c).Warn("readyz: migration status", "err", err)
		return c.Status(fiber.StatusServiceUnavailable).JSON(fiber.Map{"status": "migration status unknown"})
	}
	if !current {
		return c.Status(fiber.StatusServiceUnavailable).JSON(fiber.Map{"status": "migrations pending"})
	}
	if !a.rank.WarmNow(ctx) {
		return c.Status(fiber.StatusServiceUnavailable).JSON(fiber.Map{"status": "candidate cache warming"})
	}
	return c.JSON(fiber.Map{"status": "ready"})
}
