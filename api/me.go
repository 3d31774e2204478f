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
	// TokenName is the API token's name for bearer requests.
	TokenName string `json:"token_name,omitempty"`
	// CSRFToken is what session clients send as X-CSRF-Token on state changes.
	CSRFToken string `json:"csrf_token,omitempty"`
}

// me returns the signed-in account, so clients can check their credentials; session
// clients also learn the CSRF token for their state-changing requests.
func (a *API) me(c *fiber.Ctx) error {
	u := web.CurrentUser(c)
	out := meResponse{ID: u.ID, Email: u.Email, Name: u.Name, Role: string(u.Role), LandlordID: u.LandlordID}
	if t := web.APIToken(c); t != nil {
		out.TokenName = t.Name
	} else {
		out.CSRFToken = web.CSRFToken(c)
	}
	return c.JSON(out)
}
