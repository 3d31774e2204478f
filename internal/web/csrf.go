package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"

	"wohnbruecke/internal/auth"
)

// CSRFCookie holds the browser's random CSRF secret (CookieName adds __Host- with https).
const CSRFCookie = "wb_csrf"

// CSRFField is the hidden form field (and X-CSRF-Token header) carrying the token.
const CSRFField = "_csrf"

// ErrForeignOrigin answers a state-changing request sent from another site.
var ErrForeignOrigin = &Error{Status: fiber.StatusForbidden, Code: domain.CodeOriginInvalid, Message: "Diese Anfrage kam nicht von der Wohnbrücke. Bitte öffnen Sie die Seite direkt und senden Sie das Formular noch einmal."}

// CookieName returns the name a cookie is set under: with https it carries the __Host-
// prefix, which browsers accept only from a secure origin, for path / and without a
// Domain, so another host under the same domain can neither set nor overwrite it.
func CookieName(base string, secure bool) string {
	if secure {
		return "__Host-" + base
	}
	return base
}

// csrfState is what CSRFToken needs to sign for the session the request has by then.
type csrfState struct {
	key    []byte
	secret string
}

// token is HMAC(key, secret, session): bound to the browser's secret and to the session,
// so a token seen before a login, or in another session, is worthless in this one.
func (s *csrfState) token(sessionHash string) string {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte("csrf:" + s.secret + ":" + sessionHash))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// CSRF protects every state-changing request twice: the Origin (or else Referer) header
// must name this site when the browser sends one, and the request must carry a signed
// double-submit token (the browser holds a random secret in an HttpOnly cookie, forms
// carry HMAC(key, secret, session)). Requests authenticated by a bearer token carry no
// cookies and need neither. base is BASE_URL; it decides the cookie's Secure flag and
// prefix and is the origin accepted besides the request's own Host.
func CSRF(key []byte, base *url.URL) fiber.Handler {
	secure := base.Scheme == "https"
	name := CookieName(CSRFCookie, secure)
	origin := base.Scheme + "://" + base.Host
	return func(c *fiber.Ctx) error {
		secret := c.Cookies(name)
		if len(secret) < 32 {
			var err error
			if secret, err = auth.NewToken(); err != nil {
				return err
			}
			c.Cookie(&fiber.Cookie{
				Name: name, Value: secret, Path: "/", HTTPOnly: true, Secure: secure,
				SameSite: fiber.CookieSameSiteLaxMode,
			})
		}
		state := &csrfState{key: key, secret: secret}
		c.Locals(localCSRF, state)
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
		if !sameOrigin(c, origin) {
			return ErrForeignOrigin
		}
		got := c.Get("X-CSRF-Token")
		if got == "" {
			got = c.FormValue(CSRFField)
		}
		if !hmac.Equal([]byte(got), []byte(state.token(sessionHash(c)))) {
			return ErrForbiddenCSRF
		}
		return c.Next()
	}
}

// sameOrigin checks where a state-changing request comes from: Origin, else the origin of
// Referer, must be BASE_URL's origin or name the host the request was sent to. "null" (a
// sandboxed or privacy-stripped origin) is refused. A request with neither header (not
// from a browser, or one that strips both) is left to the token.
func sameOrigin(c *fiber.Ctx, base string) bool {
	from := c.Get(fiber.HeaderOrigin)
	if from == "" {
		ref := c.Get(fiber.HeaderReferer)
		if ref == "" {
			return true
		}
		u, err := url.Parse(ref)
		if err != nil {
			return false
		}
		from = u.Scheme + "://" + u.Host
	}
	if strings.EqualFold(from, base) {
		return true
	}
	u, err := url.Parse(from)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return false
	}
	return strings.EqualFold(u.Host, string(c.Request().Host()))
}

func sessionHash(c *fiber.Ctx) string {
	h, _ := c.Locals(localSession).(string)
	return h
}
