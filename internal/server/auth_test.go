package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

func TestLoginLandsOnTheRoleStartPage(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		app := testutil.App(t, st)
		cases := []struct {
			email, start, heading string
		}{
			{users.Staff.Email, "/arbeitsbereich", "Arbeitsbereich Wohnraumakquise"},
			{users.Caseworker.Email, "/begleitung", "Wohnbegleitung"},
			{users.Admin.Email, "/verwaltung", "Verwaltung"},
			{users.Landlord.Email, "/vermieter", "Willkommen, Testvermietung GmbH"},
		}
		for _, tc := range cases {
			t.Run(tc.start, func(t *testing.T) {
				c := testutil.NewClient(t, app)
				resp := c.Login(strings.ToUpper(tc.email), testutil.Password)
				if resp.Status != http.StatusSeeOther || !strings.HasSuffix(resp.Header.Get("Location"), tc.start) {
					t.Fatalf("login: status %d location %q; want 303 to %s", resp.Status, resp.Header.Get("Location"), tc.start)
				}
				page := c.Get(tc.start)
				if page.Status != http.StatusOK || !strings.Contains(page.Body, tc.heading) {
					t.Fatalf("start page: status %d, heading %q missing", page.Status, tc.heading)
				}
				if c.Get("/").Header.Get("Location") != tc.start {
					t.Errorf("/ does not send a signed-in user to the start page")
				}
			})
		}
	})
}

func TestWrongCredentialsGiveAGermanMessage(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		c := testutil.NewClient(t, testutil.App(t, st))
		for name, email := range map[string]string{"wrong password": users.Staff.Email, "unknown account": "niemand@test.de"} {
			t.Run(name, func(t *testing.T) {
				resp := c.Login(email, "falsches-passwort")
				if resp.Status != http.StatusUnauthorized {
					t.Fatalf("status %d, want 401", resp.Status)
				}
				if !strings.Contains(resp.Body, "E-Mail-Adresse oder Passwort ist falsch.") {
					t.Error("German message missing")
				}
				if !strings.Contains(resp.Body, `value="`+email+`"`) {
					t.Error("entered email not kept in the form")
				}
				if c.Cookie("wb_session") != "" {
					t.Error("a session cookie was set after a failed login")
				}
			})
		}
		empty := c.Submit("/login", "/login", url.Values{})
		if empty.Status != http.StatusUnprocessableEntity || !strings.Contains(empty.Body, `href="#email"`) ||
			!strings.Contains(empty.Body, "Bitte geben Sie Ihr Passwort ein.") {
			t.Errorf("empty form: status %d, want 422 with an error summary linking to the fields", empty.Status)
		}
	})
}

func TestFormWithoutCSRFTokenIsRefused(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		c := testutil.NewClient(t, testutil.App(t, st))
		c.Get("/login") // the browser has the CSRF cookie, but the form lacks the token
		cases := map[string]url.Values{
			"missing token": {"email": {users.Staff.Email}, "password": {testutil.Password}},
			"forged token":  {"email": {users.Staff.Email}, "password": {testutil.Password}, "_csrf": {"Zm9yZ2Vk"}},
		}
		for name, form := range cases {
			t.Run(name, func(t *testing.T) {
				resp := c.PostForm("/login", form)
				if resp.Status != http.StatusForbidden || !strings.Contains(resp.Body, "Das Formular ist abgelaufen oder ungültig") {
					t.Fatalf("status %d, want 403 with the German CSRF message", resp.Status)
				}
				if c.Cookie("wb_session") != "" {
					t.Fatal("signed in without a CSRF token")
				}
			})
		}
		// A token from another browser does not fit this browser's cookie.
		other := testutil.NewClient(t, testutil.App(t, st))
		token := testutil.CSRFFrom(t, other.Get("/login").Body)
		resp := c.PostForm("/login", url.Values{"email": {users.Staff.Email}, "password": {testutil.Password}, "_csrf": {token}})
		if resp.Status != http.StatusForbidden {
			t.Fatalf("token of another browser: status %d, want 403", resp.Status)
		}
		// Logged in, logout without token is refused too.
		if c.Login(users.Staff.Email, testutil.Password).Status != http.StatusSeeOther {
			t.Fatal("login failed")
		}
		if resp := c.PostForm("/logout", nil); resp.Status != http.StatusForbidden {
			t.Fatalf("logout without token: status %d, want 403", resp.Status)
		}
		if c.Get("/arbeitsbereich").Status != http.StatusOK {
			t.Fatal("session ended by a logout without token")
		}
	})
}

func TestLoginIsThrottledPerAccount(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		c := testutil.NewClient(t, testutil.App(t, st))
		for i := 0; i < 5; i++ {
			if s := c.Login(users.Staff.Email, "falsch").Status; s != http.StatusUnauthorized {
				t.Fatalf("attempt %d: status %d, want 401", i+1, s)
			}
		}
		resp := c.Login(users.Staff.Email, testutil.Password)
		if resp.Status != http.StatusTooManyRequests || !strings.Contains(resp.Body, "Zu viele fehlgeschlagene Anmeldeversuche") {
			t.Fatalf("6th attempt with the right password: status %d, want 429 with German message", resp.Status)
		}
		if c.Cookie("wb_session") != "" {
			t.Fatal("signed in while throttled")
		}
		// Another account from the same address is not yet blocked (per-IP limit is higher).
		if s := c.Login(users.Admin.Email, testutil.Password).Status; s != http.StatusSeeOther {
			t.Fatalf("other account: status %d, want 303", s)
		}
	})
}

func TestLoginIsThrottledPerIP(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		ctx := context.Background()
		// 20 failures from this address against different accounts.
		for i := 0; i < 20; i++ {
			if err := st.RecordLoginAttempt(ctx, "x"+string(rune('a'+i))+"@test.de", "0.0.0.0", false); err != nil {
				t.Fatal(err)
			}
		}
		c := testutil.NewClient(t, testutil.App(t, st))
		if s := c.Login(users.Staff.Email, testutil.Password).Status; s != http.StatusTooManyRequests {
			t.Fatalf("status %d, want 429", s)
		}
	})
}

func TestLogoutEndsTheSession(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		c := testutil.NewClient(t, testutil.App(t, st))
		c.Login(users.Staff.Email, testutil.Password)
		stolen := c.Cookie("wb_session")
		resp := c.Submit("/arbeitsbereich", "/logout", nil)
		if resp.Status != http.StatusSeeOther || c.Cookie("wb_session") != "" {
			t.Fatalf("logout: status %d, cookie %q", resp.Status, c.Cookie("wb_session"))
		}
		if !strings.Contains(c.Get("/login").Body, "Sie wurden abgemeldet.") {
			t.Error("no confirmation after logout")
		}
		// The old cookie value is worthless now.
		replay := testutil.NewClient(t, testutil.App(t, st))
		req, _ := http.NewRequest(http.MethodGet, "/arbeitsbereich", nil)
		req.AddCookie(&http.Cookie{Name: "wb_session", Value: stolen})
		if r := replay.Do(req); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Header.Get("Location"), "/login") {
			t.Fatalf("old session cookie: status %d location %q, want redirect to login", r.Status, r.Header.Get("Location"))
		}
	})
}

func TestSessionIDIsRotatedAtLogin(t *testing.T) {
	st := testutil.Open(t, "sqlite")
	users := testutil.SeedUsers(t, st)
	c := testutil.NewClient(t, testutil.App(t, st))
	c.Login(users.Staff.Email, testutil.Password)
	first := c.Cookie("wb_session")
	// Signing in again from this browser (the login form posts while a session exists).
	resp := c.Submit("/arbeitsbereich", "/login", url.Values{"email": {users.Admin.Email}, "password": {testutil.Password}})
	if resp.Status != http.StatusSeeOther {
		t.Fatalf("second login: status %d", resp.Status)
	}
	if second := c.Cookie("wb_session"); second == "" || second == first {
		t.Fatal("session id not rotated at the second login")
	}
	replay := testutil.NewClient(t, testutil.App(t, st))
	req, _ := http.NewRequest(http.MethodGet, "/arbeitsbereich", nil)
	req.AddCookie(&http.Cookie{Name: "wb_session", Value: first})
	if r := replay.Do(req); r.Status != http.StatusSeeOther {
		t.Fatalf("first session still valid after re-login: status %d", r.Status)
	}
}
