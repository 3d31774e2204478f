package web

import (
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
)

// RequireRole lets only signed-in users of the given roles through. Anonymous browsers are
// sent to the login page (401 for the API); other roles get 403.
func RequireRole(roles ...domain.Role) fiber.Handler {
	return func(c *fiber.Ctx) error {
		u := CurrentUser(c)
		if u == nil {
			return domain.ErrUnauthorized
		}
		for _, r := range roles {
			if u.Role == r {
				return c.Next()
			}
		}
		return domain.ErrForbidden
	}
}

// safeNext keeps a redirect target on this site: a path starting with one slash.
func safeNext(target string) string {
	if t := SafeNext(target); t != "" {
		return url.QueryEscape(t)
	}
	return url.QueryEscape("/")
}

// SafeNext returns target if it is a local path, otherwise "".
func SafeNext(target string) string {
	if !strings.HasPrefix(target, "/") || strings.HasPrefix(target, "//") || strings.HasPrefix(target, "/\\") {
		return ""
	}
	return target
}
