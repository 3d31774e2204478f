package server_test

import (
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/mail"
)

var nextInput = regexp.MustCompile(`name="next" value="([^"]*)"`)

// hiddenNext is the next value the login form carries on, as the browser would post it.
func hiddenNext(page string) string {
	if m := nextInput.FindStringSubmatch(page); m != nil {
		return html.UnescapeString(m[1])
	}
	return ""
}

// resetLinkFor returns the path of the newest reset link mailed to the address.
func resetLinkFor(t *testing.T, st *store.Store, email string) string {
	t.Helper()
	link := ""
	for _, m := range outboxReader(t, st)() {
		if m.Kind == mail.KindPasswordReset && m.ToAddress == email {
			if l := baseLink.FindStringSubmatch(m.BodyText); l != nil {
				link = l[1]
			}
		}
	}
	if link == "" {
		t.Fatalf("no reset link mailed to %s", email)
	}
	return link
}

// The login's next parameter is the open redirect the penetration test found; the same
// check guards the way back after being sent to the login.
func TestLoginRedirectStaysOnSite(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		app := testutil.App(t, st)
		for next, want := range map[string]string{
			"/%09/evil.example":    "/arbeitsbereich",
			"//evil.example":       "/arbeitsbereich",
			"/%5Cevil.example":     "/arbeitsbereich",
			"https://evil.example": "/arbeitsbereich",
			"/%2F%2Fevil.example":  "/arbeitsbereich",
			"/haushalte?seite=2":   "/haushalte?seite=2",
		} {
			t.Run(next, func(t *testing.T) {
				c := testutil.NewClient(t, app)
				page := "/login?next=" + url.QueryEscape(next)
				resp := c.Submit(page, "/login", url.Values{"email": {users.Staff.Email}, "password": {testutil.Password},
					"next": {hiddenNext(c.Get(page).Body)}})
				if resp.Status != http.StatusSeeOther || resp.Header.Get("Location") != want {
					t.Fatalf("status %d, location %q; want 303 to %s", resp.Status, resp.Header.Get("Location"), want)
				}
			})
		}
	})
}

// Every answer except the static files says no-store: pages and API answers carry
// personal data that must not stay in a shared browser's or a proxy's cache.
func TestNoAnswerWithDataIsCached(t *testing.T) {
	st := testutil.Open(t, "sqlite")
	users := testutil.SeedUsers(t, st)
	h := testutil.Household(t, st, nil)
	app := testutil.App(t, st)
	staff := testutil.NewClient(t, app)
	staff.Login(users.Staff.Email, testutil.Password)
	anon := testutil.NewClient(t, app)
	param := regexp.MustCompile(`:[a-z_]+`)
	seen := 0
	for _, r := range app.GetRoutes(true) {
		if r.Method != http.MethodGet || strings.Contains(r.Path, "*") {
			continue
		}
		path := param.ReplaceAllStringFunc(r.Path, func(p string) string {
			if p == ":id" {
				return itoa(h.ID)
			}
			return "x"
		})
		for who, c := range map[string]*testutil.Client{"staff": staff, "anonymous": anon} {
			resp := c.Get(path)
			if got := resp.Header.Get("Cache-Control"); got != "no-store" {
				t.Errorf("%s GET %s (%d): Cache-Control %q, want no-store", who, path, resp.Status, got)
			}
			seen++
		}
	}
	t.Logf("%d answers checked", seen)
	if seen < 60 {
		t.Fatalf("only %d answers checked", seen)
	}
	post := anon.Submit("/login", "/login", url.Values{"email": {"x@test.de"}, "password": {"falsch"}})
	if got := post.Header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("POST answer: Cache-Control %q", got)
	}
	if got := anon.Get("/static/kern.css").Header.Get("Cache-Control"); strings.Contains(got, "no-store") || got == "" {
		t.Errorf("static file: Cache-Control %q, want it cacheable", got)
	}
}

// A CSRF token belongs to its session: the token of the session before a new login (the
// same browser, the same CSRF cookie) is refused in the next one.
func TestCSRFTokenIsBoundToTheSession(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		c := testutil.NewClient(t, testutil.App(t, st))
		anonymous := testutil.CSRFFrom(t, c.Get("/login").Body)
		c.Login(users.Staff.Email, testutil.Password)
		first := testutil.CSRFFrom(t, c.Get("/arbeitsbereich").Body)
		if first == anonymous {
			t.Fatal("the token did not change with the login")
		}
		if r := c.PostForm("/logout", url.Values{"_csrf": {anonymous}}); r.Status != http.StatusForbidden {
			t.Fatalf("token from before the login: status %d, want 403", r.Status)
		}
		c.Submit("/arbeitsbereich", "/logout", nil)
		c.Login(users.Staff.Email, testutil.Password)
		if r := c.PostForm("/logout", url.Values{"_csrf": {first}}); r.Status != http.StatusForbidden {
			t.Fatalf("token of the previous session: status %d, want 403", r.Status)
		}
		if r := c.Submit("/arbeitsbereich", "/logout", nil); r.Status != http.StatusSeeOther {
			t.Fatalf("token of this session: status %d, want 303", r.Status)
		}
	})
}

// A state-changing request from another site is refused even with a valid token; the
// portal's own origin (BASE_URL or the request's host) passes.
func TestStateChangesNeedThisSitesOrigin(t *testing.T) {
	st := testutil.Open(t, "sqlite")
	users := testutil.SeedUsers(t, st)
	app := testutil.AppWith(t, st, map[string]string{"BASE_URL": "https://wohnbruecke.hagen.de"})
	c := testutil.NewClient(t, app)
	token := testutil.CSRFFrom(t, c.Get("/login").Body)
	cases := []struct {
		origin, referer string
		want            int
	}{
		{"https://evil.example", "", http.StatusForbidden},
		{"null", "", http.StatusForbidden},
		{"https://wohnbruecke.hagen.de.evil.example", "", http.StatusForbidden},
		{"", "https://evil.example/formular", http.StatusForbidden},
		{"https://wohnbruecke.hagen.de", "", http.StatusUnauthorized},
		{"http://example.com", "", http.StatusUnauthorized}, // the request's own host (httptest's default)
		{"", "https://wohnbruecke.hagen.de/login", http.StatusUnauthorized},
		{"", "", http.StatusUnauthorized},
	}
	for _, tc := range cases {
		form := url.Values{"email": {users.Staff.Email}, "password": {"falsch-falsch"}, "_csrf": {token}}
		req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if tc.origin != "" {
			req.Header.Set("Origin", tc.origin)
		}
		if tc.referer != "" {
			req.Header.Set("Referer", tc.referer)
		}
		resp := c.Do(req)
		if resp.Status != tc.want {
			t.Errorf("Origin %q Referer %q: status %d, want %d", tc.origin, tc.referer, resp.Status, tc.want)
		}
		if tc.want == http.StatusForbidden && !strings.Contains(resp.Body, "nicht von der Wohnbrücke") {
			t.Errorf("Origin %q: German explanation missing", tc.origin)
		}
	}
}

// With https the session and CSRF cookies carry the __Host- prefix (Secure, path /, no
// Domain), so another host of the domain cannot plant them.
func TestCookiesUseTheHostPrefixWithHTTPS(t *testing.T) {
	st := testutil.Open(t, "sqlite")
	users := testutil.SeedUsers(t, st)
	for base, prefix := range map[string]string{"https://wohnbruecke.hagen.de": "__Host-", "http://127.0.0.1:8080": ""} {
		c := testutil.NewClient(t, testutil.AppWith(t, st, map[string]string{"BASE_URL": base}))
		resp := c.Login(users.Staff.Email, testutil.Password)
		if resp.Status != http.StatusSeeOther {
			t.Fatalf("%s: login status %d", base, resp.Status)
		}
		for _, name := range []string{"wb_session", "wb_csrf"} {
			if c.Cookie(prefix+name) == "" {
				t.Errorf("%s: cookie %s%s not set", base, prefix, name)
			}
		}
		for _, line := range resp.Header.Values("Set-Cookie") {
			if prefix != "" && strings.HasPrefix(line, "__Host-") &&
				(!strings.Contains(line, "secure") || !strings.Contains(line, "path=/") || strings.Contains(strings.ToLower(line), "domain=")) {
				t.Errorf("%s: %q breaks the __Host- rules", base, line)
			}
		}
		if c.Get("/arbeitsbereich").Status != http.StatusOK {
			t.Errorf("%s: the session cookie does not sign in", base)
		}
	}
}

// A staff member who resets the password is signed in on the staff start page, not sent
// to the landlord area (which answered 403).
func TestPasswordResetLandsOnTheOwnStartPage(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		app := testutil.App(t, st)
		for _, u := range []*domain.User{users.Staff, users.Caseworker, users.Admin, users.Landlord} {
			c := testutil.NewClient(t, app)
			c.Submit("/passwort-vergessen", "/passwort-vergessen", url.Values{"email": {u.Email}})
			link := resetLinkFor(t, st, u.Email)
			resp := c.Submit(link, link, url.Values{"password": {"ein ganz neues Passwort"}, "password_confirm": {"ein ganz neues Passwort"}})
			start := resp.Header.Get("Location")
			if resp.Status != http.StatusSeeOther {
				t.Fatalf("%s: reset status %d", u.Role, resp.Status)
			}
			if page := c.Get(start); page.Status != http.StatusOK {
				t.Errorf("%s: after the reset %s answers %d", u.Role, start, page.Status)
			}
		}
	})
}
