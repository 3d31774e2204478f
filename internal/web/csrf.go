package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/auth"
)

// CSRFCookie holds the browser's random CSRF secret.
const CSRFCookie = "wb_csrf"

// CSRFField is the hidden form field (and X-CSRF-Token header) carrying the token.
const CSRFField = "_csrf"

// CSRF protects every state-changing request with a signed double-submit token: the
// browser holds a random secret in an HttpOnly cookie, forms carry HMAC(key, secret).
// Requests authenticated by a bearer token carry no cookies and need no token.
func CSRF(key []byte, secure bool) fiber.Handler {
	sign := func(secret string) string {
		m := hmac.New(sha256.New, key)
		m.Write([]byte("csrf:" + secret))
		return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
	}
	return func(c *fiber.Ctx) error {
		secret := c.Cookies(CSRFCookie)
		if len(secret) < 32 {
			var err error
			if secret, err = auth.NewToken(); err != nil {
				return err
			}
			c.Cookie(&fiber.Cookie{
				Name: CSRFCookie, Value: secret, Path: "/", HTTPOnly: true, Secure: secure,
				SameSite: fiber.CookieSameSiteLaxMode,
			})
		}
		want := sign(secret)
		c.Locals(localCSRF, want)
		switch c.Method() {
		case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
			return c.Next()
		}
		if c.Locals(localAPIToken) != nil {
			return c.Next()
		}
		if WantsJSON(c) && CurrentUser(c) == nil {
			// Nobody is signed in: there is no session to ride on, and the API answers 401.
			return c.Next()
		}
		got := c.Get("X-CSRF-Token")
		if got == "" {
			got = c.FormValue(CSRFField)
		}
		if !hmac.Equal([]byte(got), []byte(want)) {
			return ErrForbiddenCSRF
		}
		return c.Next()
	}
}
