package server_test

import (
	"net/http"
	"strings"
	"testing"

	"wohnbruecke/internal/testutil"
)

func TestSecurityHeadersAndGermanErrorPages(t *testing.T) {
	st := testutil.Open(t, "sqlite")
	c := testutil.NewClient(t, testutil.App(t, st))
	resp := c.Get("/login")
	for header, want := range map[string]string{
		"Content-Security-Policy": "frame-ancestors 'none'",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "same-origin", // no-referrer would make browsers post "Origin: null"
	} {
		if got := resp.Header.Get(header); !strings.Contains(got, want) {
			t.Errorf("%s = %q, want it to contain %q", header, got, want)
		}
	}
	if strings.Contains(resp.Header.Get("Content-Security-Policy"), "unsafe-inline") {
		t.Error("CSP allows inline code")
	}
	if !strings.Contains(resp.Body, `<html lang="de">`) || !strings.Contains(resp.Body, `href="#inhalt"`) {
		t.Error("layout lacks lang=de or the skip link")
	}
	for _, ck := range []string{"wb_csrf"} {
		if c.Cookie(ck) == "" {
			t.Errorf("cookie %s not set", ck)
		}
	}
	if !strings.Contains(resp.Header.Get("Set-Cookie"), "HttpOnly") || !strings.Contains(strings.ToLower(resp.Header.Get("Set-Cookie")), "samesite=lax") {
		t.Errorf("CSRF cookie flags: %q", resp.Header.Get("Set-Cookie"))
	}
	nf := c.Get("/gibt-es-nicht")
	if nf.Status != http.StatusNotFound || !strings.Contains(nf.Body, "Seite nicht gefunden") {
		t.Errorf("404: status %d, German page missing", nf.Status)
	}
	api := c.Get("/api/v1/gibt-es-nicht")
	if api.Status != http.StatusNotFound || !strings.Contains(api.Body, `"code":"not_found"`) {
		t.Errorf("API 404: status %d body %s", api.Status, api.Body)
	}
	if rid := nf.Header.Get("X-Request-ID"); len(rid) < 8 {
		t.Errorf("no request id header: %q", rid)
	}
}

func TestSecureCookiesWithHTTPSBaseURL(t *testing.T) {
	st := testutil.Open(t, "sqlite")
	users := testutil.SeedUsers(t, st)
	app := testutil.AppWith(t, st, map[string]string{"BASE_URL": "https://wohnbruecke.hagen.de"})
	c := testutil.NewClient(t, app)
	resp := c.Login(users.Staff.Email, testutil.Password)
	cookie := strings.Join(resp.Header.Values("Set-Cookie"), "\n")
	if !strings.Contains(cookie, "wb_session=") || !strings.Contains(cookie, "secure") && !strings.Contains(cookie, "Secure") {
		t.Fatalf("session cookie not Secure: %q", cookie)
	}
	if resp.Header.Get("Strict-Transport-Security") == "" {
		t.Error("HSTS missing with https BASE_URL")
	}
}

func TestHealthAndReadiness(t *testing.T) {
	for _, d := range testutil.Dialects(t) {
		t.Run(d, func(t *testing.T) {
			ready := testutil.NewClient(t, testutil.App(t, testutil.Open(t, d)))
			if r := ready.Get("/readyz"); r.Status != http.StatusOK || !strings.Contains(r.Body, "ready") {
				t.Errorf("migrated: /readyz %d %s, want 200", r.Status, r.Body)
			}
			pending := testutil.NewClient(t, testutil.App(t, testutil.OpenUnmigrated(t, d)))
			if r := pending.Get("/readyz"); r.Status != http.StatusServiceUnavailable || !strings.Contains(r.Body, "migrations pending") {
				t.Errorf("unmigrated: /readyz %d %s, want 503 migrations pending", r.Status, r.Body)
			}
			if r := pending.Get("/healthz"); r.Status != http.StatusOK {
				t.Errorf("/healthz %d, want 200", r.Status)
			}
		})
	}
}

func TestAPIRateLimitPerClient(t *testing.T) {
	st := testutil.Open(t, "sqlite")
	users := testutil.SeedUsers(t, st)
	app := testutil.AppWith(t, st, map[string]string{"API_RATE_LIMIT": "3"})
	c := testutil.NewClient(t, app)
	c.Login(users.Staff.Email, testutil.Password)
	for i := 0; i < 3; i++ {
		if r := c.Get("/api/v1/me"); r.Status != http.StatusOK {
			t.Fatalf("request %d: %d", i+1, r.Status)
		}
	}
	r := c.Get("/api/v1/me")
	if r.Status != http.StatusTooManyRequests || !strings.Contains(r.Body, `"code":"too_many_requests"`) || r.Header.Get("Retry-After") != "60" {
		t.Fatalf("4th request: %d %s", r.Status, r.Body)
	}
	other := testutil.NewClient(t, app)
	other.Login(users.Admin.Email, testutil.Password)
	if r := other.Get("/api/v1/me"); r.Status != http.StatusOK {
		t.Fatalf("another client is limited too: %d", r.Status)
	}
	if r := c.Get("/arbeitsbereich"); r.Status != http.StatusOK {
		t.Fatalf("the portal is rate limited: %d", r.Status)
	}
}
