package web

import (
	"net/netip"
	"strings"

	"github.com/gofiber/fiber/v2"
)

const localClientIP = "wb.client_ip"

// ClientAddress works out who sent the request and keeps it for ClientIP. The direct peer
// is the client unless it is one of the trusted proxies (TRUSTED_PROXIES); only then is
// X-Forwarded-For read, from the right, skipping further trusted proxies, so the first
// address a trusted proxy vouched for wins. What a client writes into the header itself
// stands to the left of that and is never used. An unreadable hop stops the walk at the
// last trusted address.
func ClientAddress(trusted []netip.Prefix) fiber.Handler {
	isTrusted := func(a netip.Addr) bool {
		for _, p := range trusted {
			if p.Contains(a) {
				return true
			}
		}
		return false
	}
	return func(c *fiber.Ctx) error {
		addr, ok := netip.AddrFromSlice(c.Context().RemoteIP())
		addr = addr.Unmap()
		if ok && isTrusted(addr) {
			var hops []string
			for _, h := range c.Request().Header.PeekAll(fiber.HeaderXForwardedFor) {
				hops = append(hops, strings.Split(string(h), ",")...)
			}
			for i := len(hops) - 1; i >= 0; i-- {
				hop, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
				if err != nil {
					break
				}
				addr = hop.Unmap()
				if !isTrusted(addr) {
					break
				}
			}
		}
		c.Locals(localClientIP, addr.String())
		return c.Next()
	}
}

// ClientIP returns the client's address as ClientAddress found it (the direct peer when
// the middleware did not run).
func ClientIP(c *fiber.Ctx) string {
	if ip, ok := c.Locals(localClientIP).(string); ok {
		return ip
	}
	return c.IP()
}
