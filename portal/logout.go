package portal

import "github.com/gofiber/fiber/v2"

func (p *Portal) logout(c *fiber.Ctx) error {
	if err := p.sessions.Logout(c); err != nil {
		return err
	}
	return p.redirectWithFlash(c, "/login", "Sie wurden abgemeldet.")
}
