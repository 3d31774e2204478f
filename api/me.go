package api

import (
	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/web"
)

type meResponse struct {
	ID         int64  `json:"id"`
	Email      string `json:"email"`
	Name       string `json:"name"`
	Role       string `json:"role"`
	LandlordID *int64 `json:"landlord_id,omitempty"`
}

// me returns the signed-in account, so clients can check their credentials.
func (a *API) me(c *fiber.Ctx) error {
	u := web.CurrentUser(c)
	return c.JSON(meResponse{u.ID, u.Email, u.Name, string(u.Role), u.LandlordID})
}
