package portal

import (
	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/followups"
)

// earlyWarnings lists the running tenancies flagged for the Wohnraumsicherung team.
func (p *Portal) earlyWarnings(c *fiber.Ctx) error {
	flags, err := p.followups.EarlyWarnings(c.UserContext(), actor(c))
	if err != nil {
		return err
	}
	return p.views.render(c, "early_warnings", p.page(c, "Frühwarnungen", struct {
		Flags []followups.Flag
		Kinds []domain.Option
	}{flags, domain.WarningKinds.Options()}))
}
