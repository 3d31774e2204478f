package web

import (
	"net/url"

	"github.com/gofiber/fiber/v2"
)

// PathParam returns the route parameter name percent-decoded. Fiber hands parameters over as
// they stand in the request path, so a certificate number whose check character is "*"
// arrives as "%2A" when a client (or a QR code reader) escaped it; a parameter that is not
// valid percent-encoding is returned as it stands.
func PathParam(c *fiber.Ctx, name string) string {
	raw := c.Params(name)
	if s, err := url.PathUnescape(raw); err == nil {
		return s
	}
	return raw
}
