package portal

import (
	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/landlords"
	"wohnbruecke/internal/web"
)

type setPasswordData struct {
	Purpose string
	Action  string
	User    *domain.User
}

// linkPage opens the one-time link in :token; an unknown, used or expired link is a 404
// with a German explanation.
func (p *Portal) linkPage(c *fiber.Ctx, purpose string) (*Page, error) {
	token := c.Params("token")
	u, err := p.landlords.OpenLink(c.UserContext(), token, purpose)
	if err != nil {
		return nil, err
	}
	title := "Passwort festlegen"
	action := "/einladung/" + token
	if purpose == "reset" {
		title, action = "Neues Passwort festlegen", "/passwort-neu/"+token
	}
	return p.page(c, title, setPasswordData{Purpose: purpose, Action: action, User: u}), nil
}

func (p *Portal) passwordLinkForm(purpose string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		pg, err := p.linkPage(c, purpose)
		if err != nil {
			return err
		}
		return p.views.render(c, "set_password", pg)
	}
}

func (p *Portal) passwordLinkSubmit(purpose string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		pg, err := p.linkPage(c, purpose)
		if err != nil {
			return err
		}
		in := landlords.PasswordInput{Password: c.FormValue("password"), Confirm: c.FormValue("password_confirm")}
		u, err := p.landlords.SetPasswordByLink(c.UserContext(), actor(c), c.Params("token"), purpose, in)
		if err != nil {
			return p.renderInvalid(c, err, "set_password", pg, nil, "password", "password_confirm")
		}
		if !u.Active {
			return p.redirectWithFlash(c, "/login", "Ihr Passwort ist gespeichert. Sobald die Stadt Hagen Ihren Zugang freigeschaltet hat, können Sie sich anmelden.")
		}
		if err := p.sessions.Login(c, u); err != nil {
			return err
		}
		return p.redirectWithFlash(c, web.StartPath(u.Role), "Ihr Passwort ist gespeichert. Willkommen bei der Wohnbrücke!")
	}
}

type resetRequestData struct {
	Sent bool
}

func (p *Portal) resetRequestForm(c *fiber.Ctx) error {
	return p.views.render(c, "reset_request", p.page(c, "Passwort vergessen", resetRequestData{}))
}

// resetRequest answers the same, in the same time, whether or not the account exists.
func (p *Portal) resetRequest(c *fiber.Ctx) error {
	defer noSoonerThan(resetAnswerFloor)()
	pg := p.page(c, "Passwort vergessen", resetRequestData{})
	pg.Form = postedForm(c)
	email := pg.Form.Get("email")
	if email == "" {
		return p.renderInvalid(c, &domain.ValidationError{Fields: map[string]string{"email": "Bitte geben Sie Ihre E-Mail-Adresse ein."}}, "reset_request", pg, nil)
	}
	if err := p.landlords.RequestReset(c.UserContext(), actor(c), email); err != nil {
		return throttled(c, err)
	}
	pg.Data = resetRequestData{Sent: true}
	return p.views.render(c, "reset_request", pg)
}
