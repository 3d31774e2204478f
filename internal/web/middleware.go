package web

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"regexp"

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
		attrs := []any{"method", c.Method(), "path", c.Path(), "status", status,
			"duration_ms", float64(elapsed().Microseconds()) / 1000, "ip", c.IP()}
		if u := CurrentUser(c); u != nil {
			attrs = append(attrs, "user_id", u.ID)
		}
		l.Log(c.UserContext(), level, "request", attrs...)
		return nil
	}
}

// SecurityHeaders sets the headers every answer carries: a CSP without inline script,
// no framing, no MIME sniffing and no referrer leaking applicant link tokens.
func SecurityHeaders(secure bool) fiber.Handler {
	const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
		"font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
	return func(c *fiber.Ctx) error {
		c.Set("Content-Security-Policy", csp)
		c.Set("X-Content-Type-Options", "nosniff")
		c.Set("X-Frame-Options", "DENY")
		c.Set("Referrer-Policy", "no-referrer")
		c.Set("Cross-Origin-Opener-Policy", "same-origin")
		c.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if secure {
			c.Set("Strict-Transport-Security", "max-age=31536000")
		}
		return c.Next()
	}
}

// isProbe reports whether path is a health probe (/healthz, /readyz).
func isProbe(path string) bool { return path == "/healthz" || path == "/readyz" }
