package portal

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/landlords"
	"wohnbruecke/internal/store"
)

type staffLandlordsData struct {
	Landlords []store.LandlordRow
	Staff     []domain.User
}

func (p *Portal) staffLandlords(c *fiber.Ctx) error {
	rows, err := p.landlords.List(c.UserContext(), actor(c))
	if err != nil {
		return err
	}
	staff, err := p.store.UsersByRole(c.UserContext(), domain.RoleStaff)
	if err != nil {
		return err
	}
	return p.views.render(c, "staff_landlords", p.page(c, "Vermieter*innen", staffLandlordsData{rows, staff}))
}

func (p *Portal) inviteFormPage(c *fiber.Ctx) (*Page, error) {
	staff, err := p.store.UsersByRole(c.UserContext(), domain.RoleStaff)
	if err != nil {
		return nil, err
	}
	return p.page(c, "Vermieter*in einladen", organisationFormData{Kinds: domain.LandlordKinds.Options(), Staff: staff}), nil
}

func (p *Portal) staffInviteForm(c *fiber.Ctx) error {
	pg, err := p.inviteFormPage(c)
	if err != nil {
		return err
	}
	pg.Form.Set("kind", "company")
	pg.Form.Set("city", "Hagen")
	if u := pg.User; u.Role == domain.RoleStaff {
		pg.Form.Set("contact_user_id", strconv.FormatInt(u.ID, 10))
	}
	return p.views.render(c, "staff_invite", pg)
}

func (p *Portal) staffInvite(c *fiber.Ctx) error {
	pg, err := p.inviteFormPage(c)
	if err != nil {
		return err
	}
	pg.Form = postedForm(c)
	contactID, _ := strconv.ParseInt(pg.Form.Get("contact_user_id"), 10, 64) // 0 is reported as missing
	in := landlords.InviteInput{Org: organisationOf(pg.Form), User: personOf(pg.Form), ContactUserID: contactID,
		Guarantee: pg.Form.Get("guarantee") != ""}
	inv, err := p.landlords.Invite(c.UserContext(), actor(c), in)
	if err != nil {
		return p.renderInvalid(c, err, "staff_invite", pg, nil, organisationOrder...)
	}
	return p.redirectWithFlash(c, "/arbeitsbereich/vermieter", "Die Einladung an "+inv.User.Email+" ist verschickt. Der Link gilt sieben Tage.")
}

func (p *Portal) staffActivateLandlord(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	contactID, _ := strconv.ParseInt(c.FormValue("contact_user_id"), 10, 64) // 0 is reported as missing
	if err := p.landlords.Activate(c.UserContext(), actor(c), id, contactID); err != nil {
		return err
	}
	return p.redirectWithFlash(c, "/arbeitsbereich/vermieter", "Der Zugang ist freigeschaltet.")
}

// staffLandlord shows one landlord: agreement, contacts and accounts, vacancies, and the
// year's offered and let vacancies against the quota.
func (p *Portal) staffLandlord(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	o, err := p.landlords.Overview(c.UserContext(), actor(c), id)
	if err != nil {
		return err
	}
	return p.views.render(c, "staff_landlord", p.page(c, o.Landlord.Name, o))
}
