package api

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/web"
)

// idParam reads a positive integer path parameter.
func idParam(c *fiber.Ctx, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Params(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, &web.Error{Status: fiber.StatusBadRequest, Code: domain.CodeInvalidID,
			Message: "Die Kennung in der Adresse muss eine positive ganze Zahl sein."}
	}
	return id, nil
}

// intQuery reads an optional non-negative integer query parameter.
func intQuery(c *fiber.Ctx, name string, def, max int) (int, error) {
	raw := c.Query(name)
	if raw == "" {
		return def, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 0 || n > max {
		return 0, invalidQuery(name, "Der Parameter "+name+" muss eine ganze Zahl von 0 bis "+strconv.Itoa(max)+" sein.")
	}
	return n, nil
}

// int64Query reads an optional positive id query parameter (0 when absent).
func int64Query(c *fiber.Ctx, name string) (int64, error) {
	raw := c.Query(name)
	if raw == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || n <= 0 {
		return 0, invalidQuery(name, "Der Parameter "+name+" muss eine positive ganze Zahl sein.")
	}
	return n, nil
}
