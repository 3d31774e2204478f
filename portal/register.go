package portal

import (
	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/landlords"
)

type organisationFormData struct {
	Kinds []domain.Option
	Staff []domain.User
}

var organisationOrder = []string{"name", "kind", "street", "postal_code", "city", "email", "phone",
	"user_name", "user_email", "user_phone", "contact_user_id", "password", "password_confirm", "privacy"}

func organisationOf(f FormValues) landlords.Organisation {
	return landlords.Organisation{Name: f.Get("name"), Kind: domain.LandlordKind(f.Get("kind")), Email: f.Get("email"), Phone: f.Get("phone"),
		Street: f.Get("street"), PostalCode: f.Get("postal_code"), City: f.Get("city")}
}

func personOf(f FormValues) landlords.Person {
	return landlords.Person{Name: f.Get("user_name"), Email: f.Get("user_email"), Phone: f.Get("user_phone")}
}

func (p *Portal) registerForm(c *fiber.Ctx) error {
	pg := p.page(c, "Als Vermieter*in registrieren", organisationFormData{Kinds: domain.LandlordKinds.Options()})
	pg.Form.Set("kind", "private")
	pg.Form.Set("city", "Hagen")
	return p.views.render(c, "register", pg)
}

// register answers a taken address exactly like a new one (the service mails the existing
// account instead), in the same time.
func (p *Portal) register(c *fiber.Ctx) error {
	defer noSoonerThan(registerAnswerFloor)()
	pg := p.page(c, "Als Vermieter*in registrieren", organisationFormData{Kinds: domain.LandlordKinds.Options()})
	pg.Form = postedForm(c)
	in := landlords.RegisterInput{Org: organisationOf(pg.Form), User: personOf(pg.Form), Privacy: pg.Form.Get("privacy") != "",
		Password: landlords.PasswordInput{Password: pg.Form.Get("password"), Confirm: pg.Form.Get("password_confirm")}}
	delete(pg.Form, "password")
	delete(pg.Form, "password_confirm")
	if _, err := p.landlords.Register(c.UserContext(), actor(c), in); err != nil {
		return p.renderInvalid(c, throttled(c, err), "register", pg, nil, organisationOrder...)
	}
	return p.redirectWithFlash(c, "/login", "Vielen Dank für Ihre Registrierung! Die Wohnraumakquise der Stadt Hagen prüft Ihre Angaben und schaltet Ihren Zugang frei; Sie erhalten dann eine E-Mail.")
}
