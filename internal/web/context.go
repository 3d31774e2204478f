// Package web holds the HTTP pieces the portal and the API share: request ids and logging,
// security headers, sessions, CSRF protection, role guards and the one error handler that
// turns domain errors into German pages or JSON errors.
package web

import (
	"log/slog"
	"strings"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
)

const (
	localUser      = "wb.user"
	localSession   = "wb.session"
	localRequestID = "wb.request_id"
	localLogger    = "wb.logger"
	localCSRF      = "wb.csrf"
	localAPIToken  = "wb.api_token"
)

// CurrentUser returns the signed-in user, or nil.
func CurrentUser(c *fiber.Ctx) *domain.User {
	u, _ := c.Locals(localUser).(*domain.User)
	return u
}

// RequestID returns the id of the current request.
func RequestID(c *fiber.Ctx) string {
	id, _ := c.Locals(localRequestID).(string)
	return id
}

// Logger returns the request's logger, which carries the request id.
func Logger(c *fiber.Ctx) *slog.Logger {
	if l, ok := c.Locals(localLogger).(*slog.Logger); ok {
		return l
	}
	return slog.Default()
}

// CSRFToken returns the token forms must send back in the _csrf field, for the session the
// request has now (a handler that signs in renders forms for the new session).
func CSRFToken(c *fiber.Ctx) string {
	if s, ok := c.Locals(localCSRF).(*csrfState); ok {
		return s.token(sessionHash(c))
	}
	return ""
}

// WantsJSON reports whether the request is for the JSON API.
func WantsJSON(c *fiber.Ctx) bool {
	return strings.HasPrefix(c.Path(), "/api/")
}

// StartPath is where a role lands after signing in.
func StartPath(role domain.Role) string {
	switch role {
	case domain.RoleLandlord:
		return "/vermieter"
	case domain.RoleStaff:
		return "/arbeitsbereich"
	case domain.RoleCaseworker:
		return "/begleitung"
	case domain.RoleAdmin:
		return "/verwaltung"
	}
	return "/"
}
