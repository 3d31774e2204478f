package portal

import (
	"errors"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/auth"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/web"
)

// Login throttling: failed attempts allowed per account and per IP address in the window.
const (
	throttleWindow     = 15 * time.Minute
	maxFailuresAccount = 5
	maxFailuresIP      = 20
)

type loginData struct {
	Next    string
	Message string
}

func (p *Portal) loginForm(c *fiber.Ctx) error {
	if u := web.CurrentUser(c); u != nil {
		return c.Redirect(web.StartPath(u.Role), fiber.StatusSeeOther)
	}
	return p.views.render(c, "login", p.page(c, "Anmelden", loginData{Next: web.SafeNext(c.Query("next"))}))
}

func (p *Portal) login(c *fiber.Ctx) error {
	email, password := strings.TrimSpace(c.FormValue("email")), c.FormValue("password")
	data := loginData{Next: web.SafeNext(c.FormValue("next"))}
	pg := p.page(c, "Anmelden", &data)
	pg.Form.Set("email", email)
	ve := domain.NewValidationError()
	if email == "" {
		ve.Add("email", "Bitte geben Sie Ihre E-Mail-Adresse ein.")
	}
	if password == "" {
		ve.Add("password", "Bitte geben Sie Ihr Passwort ein.")
	}
	if ve.OrNil() != nil {
		c.Status(fiber.StatusUnprocessableEntity)
		return p.views.render(c, "login", pg.withErrors(ve, "email", "password"))
	}
	user, err := p.authenticate(c, email, password)
	switch {
	case errors.Is(err, domain.ErrThrottled):
		data.Message = "Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie 15 Minuten und versuchen Sie es dann noch einmal."
		c.Status(fiber.StatusTooManyRequests)
		return p.views.render(c, "login", pg)
	case errors.Is(err, domain.ErrUnauthorized):
		data.Message = "E-Mail-Adresse oder Passwort ist falsch."
		c.Status(fiber.StatusUnauthorized)
		return p.views.render(c, "login", pg)
	case err != nil:
		return err
	}
	if err := p.sessions.Login(c, user); err != nil {
		return err
	}
	target := data.Next
	if target == "" || target == "/" {
		target = web.StartPath(user.Role)
	}
	return c.Redirect(target, fiber.StatusSeeOther)
}

// authenticate checks the throttle, then the password, and records the attempt. Unknown
// accounts take as long as wrong passwords, so the answer does not reveal accounts.
func (p *Portal) authenticate(c *fiber.Ctx, email, password string) (*domain.User, error) {
	ctx := c.UserContext()
	byEmail, byIP, err := p.store.FailedLogins(ctx, email, c.IP(), p.store.Now().Add(-throttleWindow))
	if err != nil {
		return nil, err
	}
	if byEmail >= maxFailuresAccount || byIP >= maxFailuresIP {
		web.Logger(c).Warn("login throttled", "by_email", byEmail, "by_ip", byIP)
		return nil, domain.ErrThrottled
	}
	user, err := p.store.UserByEmail(ctx, email)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		err = auth.CheckNoAccount(password)
	case err != nil:
		return nil, err
	case !user.Active || user.PasswordHash == "":
		err = auth.CheckNoAccount(password)
	default:
		err = auth.CheckPassword(user.PasswordHash, password)
	}
	ok := err == nil
	if rerr := p.store.RecordLoginAttempt(ctx, email, c.IP(), ok); rerr != nil {
		return nil, rerr
	}
	if !ok {
		return nil, domain.ErrUnauthorized
	}
	if err := p.store.RecordLogin(ctx, user.ID); err != nil {
		return nil, err
	}
	return user, nil
}
