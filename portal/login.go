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

// Login throttling: failed attempts allowed per account and per IP address in the window,
// and how long a login waits for a free password-hashing slot before it is turned away.
const (
	throttleWindow     = 15 * time.Minute
	maxFailuresAccount = 5
	maxFailuresIP      = 20
	hashWait           = 2 * time.Second
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
	case errors.Is(err, auth.ErrBusy):
		data.Message = "Die Anmeldung ist gerade stark ausgelastet. Bitte versuchen Sie es in einer Minute noch einmal."
		c.Set(fiber.HeaderRetryAfter, "60")
		c.Status(fiber.StatusServiceUnavailable)
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

// authenticate reserves the attempt against the throttle before anything is hashed, checks
// the password in a hashing slot, and keeps the attempt as a failure or marks it successful.
// Unknown accounts take as long as wrong passwords, so the answer does not reveal accounts.
func (p *Portal) authenticate(c *fiber.Ctx, email, password string) (*domain.User, error) {
	ctx := c.UserContext()
	ip := web.ClientIP(c)
	attempt, err := p.store.ReserveLoginAttempt(ctx, email, ip, p.store.Now().Add(-throttleWindow), maxFailuresAccount, maxFailuresIP)
	if errors.Is(err, domain.ErrThrottled) {
		web.Logger(c).Warn("login throttled", "reason", err.Error())
	}
	if err != nil {
		return nil, err
	}
	user, err := p.store.UserByEmail(ctx, email)
	if err != nil && !errors.Is(err, domain.ErrNotFound) {
		return nil, err
	}
	var mismatch error
	if err := p.hashing.Do(ctx, func() {
		if user == nil || !user.Active || user.PasswordHash == "" {
			mismatch = auth.CheckNoAccount(password)
		} else {
			mismatch = auth.CheckPassword(user.PasswordHash, password)
		}
	}); err != nil {
		// Nothing was checked, so the attempt does not count against the account.
		if rerr := p.store.ReleaseLoginAttempt(ctx, attempt); rerr != nil {
			return nil, rerr
		}
		web.Logger(c).Warn("login refused: password hashing busy")
		return nil, err
	}
	if mismatch != nil {
		return nil, domain.ErrUnauthorized
	}
	if err := p.store.LoginAttemptSucceeded(ctx, attempt); err != nil {
		return nil, err
	}
	if err := p.store.RecordLogin(ctx, user.ID); err != nil {
		return nil, err
	}
	return user, nil
}
