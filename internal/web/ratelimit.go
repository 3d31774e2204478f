package web

import (
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/gofiber/fiber/v2/middleware/limiter"
	"wohnbruecke/internal/domain"
)

// ErrTooManyRequests answers a client that sent more API requests than allowed.
var ErrTooManyRequests = &Error{Status: fiber.StatusTooManyRequests, Code: domain.CodeTooManyRequests, Message: "Zu viele Anfragen. Bitte warten Sie eine Minute und versuchen Sie es dann erneut."}

// RateLimit allows each API client perMinute requests per minute: a bearer token, a
// signed-in user or else an IP address counts as one client. The counters live in this
// instance's memory, so with several instances each allows perMinute; that bounds a
// runaway integration without a shared store. perMinute 0 turns the limit off.
func RateLimit(perMinute int) fiber.Handler {
	if perMinute <= 0 {
		return func(c *fiber.Ctx) error { return c.Next() }
	}
	return limiter.New(limiter.Config{
		Max:        perMinute,
		Expiration: time.Minute,
		KeyGenerator: func(c *fiber.Ctx) string {
			if t := APIToken(c); t != nil {
				return "token:" + strconv.FormatInt(t.ID, 10)
			}
			if u := CurrentUser(c); u != nil {
				return "user:" + strconv.FormatInt(u.ID, 10)
			}
			return "ip:" + ClientIP(c)
		},
		LimitReached: func(c *fiber.Ctx) error {
			c.Set(fiber.HeaderRetryAfter, "60")
			return ErrTooManyRequests
		},
	})
}
