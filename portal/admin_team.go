package portal

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/web"
)

type adminUserData struct {
	Account *domain.User
	Roles   []domain.Option
	// Self is true on the admin's own account, which they can neither deactivate nor
	// give another role.
	Self bool
}

func (p *Portal) adminUserPage(c *fiber.Ctx) (*Page, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return nil, err
	}
	u, err := p.landlords.TeamAccount(c.UserContext(), actor(c), id)
	if err != nil {
		return nil, err
	}
	pg := p.page(c, "Zugang von "+u.Name, adminUserData{Account: u, Roles: teamRoles, Self: u.ID == web.CurrentUser(c).ID})
	pg.Form.Set("role", string(u.Role))
	return pg, nil
}

// adminUser shows one team account with its role and the actions on it.
func (p *Portal) adminUser(c *fiber.Ctx) error {
	pg, err := p.adminUserPage(c)
	if err != nil {
		return err
	}
	return p.views.render(c, "admin_user", pg)
}

// adminUserAction runs deactivate, reactivate or change role on the team account in :id;
// a refusal (the last admin, one's own account) is shown on the account page.
func (p *Portal) adminUserAction(c *fiber.Ctx) error {
	pg, err := p.adminUserPage(c)
	if err != nil {
		return err
	}
	u := pg.Data.(adminUserData).Account
	ctx, a := c.UserContext(), actor(c)
	var flash string
	switch c.Params("action") {
	case "deaktivieren":
		err, flash = p.landlords.DeactivateTeamMember(ctx, a, u.ID), "Der Zugang von "+u.Name+" ist deaktiviert; alle Anmeldungen sind beendet."
	case "reaktivieren":
		err, flash = p.landlords.ReactivateTeamMember(ctx, a, u.ID), "Der Zugang von "+u.Name+" ist wieder aktiv."
	case "rolle":
		pg.Form = postedForm(c)
		err, flash = p.landlords.ChangeTeamRole(ctx, a, u.ID, pg.Form.Get("role")), "Die Rolle von "+u.Name+" ist geändert; die Person meldet sich neu an."
	default:
		return domain.ErrNotFound
	}
	if err != nil {
		return p.renderRefused(c, err, "admin_user", pg, nil, "role")
	}
	return p.redirectWithFlash(c, "/verwaltung/benutzer/"+strconv.FormatInt(u.ID, 10), flash)
}
