package portal

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/landlords"
)

// teamRoles are the roles an admin can invite; landlords are invited by staff.
var teamRoles = []domain.Option{
	{Value: string(domain.RoleStaff), Label: domain.RoleStaff.Label()},
	{Value: string(domain.RoleCaseworker), Label: domain.RoleCaseworker.Label()},
	{Value: string(domain.RoleAdmin), Label: domain.RoleAdmin.Label()},
}

func (p *Portal) adminUserNew(c *fiber.Ctx) error {
	pg := p.page(c, "Zugang für das Team anlegen", teamRoles)
	pg.Form.Set("role", string(domain.RoleStaff))
	return p.views.render(c, "admin_user_new", pg)
}

// adminUserCreate creates an inactive team account and mails it the link to set a password.
func (p *Portal) adminUserCreate(c *fiber.Ctx) error {
	in := landlords.TeamInput{Person: landlords.Person{Name: c.FormValue("user_name"), Email: c.FormValue("user_email"),
		Phone: c.FormValue("user_phone")}, Role: c.FormValue("role")}
	inv, err := p.landlords.InviteTeamMember(c.UserContext(), actor(c), in)
	var ve *domain.ValidationError
	if errors.As(err, &ve) {
		pg := p.page(c, "Zugang für das Team anlegen", teamRoles)
		pg.Form = postedForm(c)
		c.Status(fiber.StatusUnprocessableEntity)
		return p.views.render(c, "admin_user_new", pg.withErrors(ve, "user_name", "user_email", "user_phone", "role"))
	}
	if err != nil {
		return err
	}
	return p.redirectWithFlash(c, "/verwaltung", "Der Zugang für "+inv.User.Name+" ist angelegt. Die Einladung mit dem Link zum Passwort ist unterwegs (sieben Tage gültig).")
}
