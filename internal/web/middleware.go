package web

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"regexp"
	"strings"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/clock"
)

var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._-]{8,64}$`)

// RequestLog gives every request an id (kept from X-Request-ID when it looks sane), a
// logger carrying it, and one log line when the request ends.
func RequestLog(base *slog.Logger) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id := c.Get("X-Request-ID")
		if !validRequestID.MatchString(id) {
			b := make([]byte, 8)
			_, _ = rand.Read(b)
			id = hex.EncodeToString(b)
		}
		c.Locals(localRequestID, id)
		c.Set("X-Request-ID", id)
		l := base.With("request_id", id)
		c.Locals(localLogger, l)
		elapsed := clock.Stopwatch()
		err := c.Next()
		if err != nil {
			// Let the error handler write the answer now so the status below is right.
			if herr := c.App().ErrorHandler(c, err); herr != nil {
				l.Error("error handler failed", "err", herr)
				_ = c.SendStatus(fiber.StatusInternalServerError)
			}
		}
		status := c.Response().StatusCode()
		level := slog.LevelInfo
		if status >= 500 {
			level = slog.LevelError
		} else if isProbe(c.Path()) {
			level = slog.LevelDebug // load balancers ask every few seconds
		}
		// The route pattern ("/einladung/:token"), never the path: paths carry link tokens.
		attrs := []any{"method", c.Method(), "route", RoutePattern(c), "status", status,
			"duration_ms", float64(elapsed().Microseconds()) / 1000, "ip", ClientIP(c)}
		if u := CurrentUser(c); u != nil {
			attrs = append(attrs, "user_id", u.ID)
		}
		l.Log(c.UserContext(), level, "request", attrs...)
		return nil
	}
}

// RoutePattern is the pattern of the route that answered ("/haushalte/:id"), the only
// form of a request's path that may be logged or measured. Before routing, or when no
// route matched, it is the prefix of the last middleware that ran (e.g. "/").
func RoutePattern(c *fiber.Ctx) string {
	if r := c.Route(); r != nil && r.Path != "" {
		return r.Path
	}
	return "/"
}

// SecurityHeaders sets the headers every answer carries: a CSP without inline script,
// no framing, no MIME sniffing, no referrer leaking applicant link tokens to other sites, and no storing
// in any cache (pages and API answers carry personal data; only the static files under
// /static/ may be cached, they set their own Cache-Control).
func SecurityHeaders(secure bool) fiber.Handler {
	const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
		"font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
	return func(c *fiber.Ctx) error {
		c.Set("Content-Security-Policy", csp)
		c.Set("X-Content-Type-Options", "nosniff")
		c.Set("X-Frame-Options", "DENY")
		// same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on
		// the portal's own form posts, and the CSRF check needs their origin. Tokens in
		// addresses still never reach another site.
		c.Set("Referrer-Policy", "same-origin")
		c.Set("Cross-Origin-Opener-Policy", "same-origin")
		c.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if !strings.HasPrefix(c.Path(), "/static/") {
			c.Set(fiber.HeaderCacheControl, "no-store")
		}
		if secure {
			c.Set("Strict-Transport-Security", "max-age=31536000")
		}
		return c.Next()
	}
}

// isProbe reports whether path is a health probe (/healthz, /readyz).
func isProbe(path string) bool { return path == "/healthz" || path == "/readyz" }
