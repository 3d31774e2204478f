package web

import (
	"context"
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
)

// TokenAuthenticator checks a raw bearer token (see apitokens.Service).
type TokenAuthenticator interface {
	Authenticate(ctx context.Context, raw string) (*domain.APIToken, *domain.User, error)
}

// ErrInvalidToken answers an API request with a bearer token that does not work.
var ErrInvalidToken = &Error{Status: fiber.StatusUnauthorized, Code: domain.CodeInvalidToken, Message: "Der Zugangsschlüssel ist ungültig, abgelaufen oder widerrufen."}

// Bearer authenticates API requests that carry "Authorization: Bearer <token>". The token
// replaces any session: the request acts as the token's account, is exempt from CSRF (it
// carries no cookies an attacker could ride on) and is audited under the token's name. It
// must run after the session middleware and before CSRF. Portal pages ignore the header.
func Bearer(tokens TokenAuthenticator) fiber.Handler {
	return func(c *fiber.Ctx) error {
		h := c.Get(fiber.HeaderAuthorization)
		if h == "" || !WantsJSON(c) {
			return c.Next()
		}
		scheme, raw, _ := strings.Cut(h, " ")
		if !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(raw) == "" {
			c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="wohnbruecke"`)
			return ErrInvalidToken
		}
		t, u, err := tokens.Authenticate(c.UserContext(), strings.TrimSpace(raw))
		if errors.Is(err, domain.ErrUnauthorized) {
			c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="wohnbruecke", error="invalid_token"`)
			return ErrInvalidToken
		}
		if err != nil {
			return err
		}
		c.Locals(localUser, u)
		c.Locals(localSession, nil)
		c.Locals(localAPIToken, t)
		return c.Next()
	}
}

// APIToken returns the bearer token the request authenticated with, or nil for sessions.
func APIToken(c *fiber.Ctx) *domain.APIToken {
	t, _ := c.Locals(localAPIToken).(*domain.APIToken)
	return t
}
