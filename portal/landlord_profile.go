package portal

import (
	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/landlords"
)

// profileOrder is the order of the profile form's fields in the error summary.
var profileOrder = []string{"name", "kind", "contact_name", "street", "postal_code", "city", "email", "phone"}

func (p *Portal) profilePage(c *fiber.Ctx) *Page {
	return p.page(c, "Profil Ihrer Organisation", organisationFormData{Kinds: domain.LandlordKinds.Options()})
}

// landlordProfile shows the landlord's own organisation data and Ansprechperson to edit.
func (p *Portal) landlordProfile(c *fiber.Ctx) error {
	l, err := p.landlords.Profile(c.UserContext(), actor(c))
	if err != nil {
		return err
	}
	pg := p.profilePage(c)
	in := landlords.ProfileInputOf(l)
	pg.Form = FormValues{"name": {in.Org.Name}, "kind": {string(in.Org.Kind)}, "contact_name": {in.Contact.Name},
		"street": {in.Org.Street}, "postal_code": {in.Org.PostalCode}, "city": {in.Org.City}, "email": {in.Org.Email}, "phone": {in.Org.Phone}}
	return p.views.render(c, "landlord_profile", pg)
}

func (p *Portal) landlordProfileSave(c *fiber.Ctx) error {
	l, err := p.landlords.Profile(c.UserContext(), actor(c))
	if err != nil {
		return err
	}
	pg := p.profilePage(c)
	pg.Form = postedForm(c)
	in := landlords.ProfileInput{Org: organisationOf(pg.Form), Contact: landlords.ContactPerson{Name: pg.Form.Get("contact_name")}}
	if err := p.landlords.UpdateProfile(c.UserContext(), actor(c), l.ID, in); err != nil {
		return p.renderRefused(c, err, "landlord_profile", pg, nil, profileOrder...)
	}
	return p.redirectWithFlash(c, "/vermieter/profil", "Ihre Angaben sind gespeichert.")
}
