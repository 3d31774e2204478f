package web

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

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

// SafeNext returns target if it is a path on this site, otherwise "". It is the one check
// for every redirect target taken from a request (login's next, the way back after a
// redirect to the login). Refused: anything that is not a single-slash path once decoded
// (up to three times, against double encoding), a scheme or host, backslashes (browsers
// read them as slashes) and control or invisible characters (Chromium drops a tab, so
// "/\t/evil.example" becomes "//evil.example").
func SafeNext(target string) string {
	decoded := target
	for i := 0; i < 3; i++ {
		if !localPath(decoded) {
			return ""
		}
		next, err := url.PathUnescape(decoded)
		if err != nil {
			return ""
		}
		if next == decoded {
			break
		}
		decoded = next
	}
	if !localPath(decoded) {
		return ""
	}
	u, err := url.Parse(target)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" || u.User != nil {
		return ""
	}
	return target
}

func localPath(p string) bool {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.ContainsRune(p, '\\') {
		return false
	}
	for _, r := range p {
		if r == utf8.RuneError || (!unicode.IsPrint(r) && r != ' ') {
			return false
		}
	}
	return true
}
