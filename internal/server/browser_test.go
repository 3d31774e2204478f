package server_test

import (
	"net/http"
	"strings"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/testutil"
)

// TestBrowserPagesAccessible drives Chromium through every page that exists: the login
// (empty, wrong password, each role), each role's start page, the 403 and 404 pages and
// the three information pages. Each page must pass axe-core at WCAG 2.1 AA and is saved
// as a screenshot. The login page must reflow at 320 px and stay usable at 200 % zoom.
// It runs on PostgreSQL when TEST_DATABASE_URL is set, else on SQLite.
func TestBrowserPagesAccessible(t *testing.T) {
	testutil.RequireBrowser(t)
	dialects := testutil.Dialects(t)
	dialect := dialects[len(dialects)-1]
	t.Logf("database: %s", dialect)
	st := testutil.Open(t, dialect)
	users := testutil.SeedUsers(t, st)
	browser := testutil.Browse(t, st)

	// step runs a subtest on the shared tab; the steps build on each other in order.
	step := func(name string, fn func(t *testing.T, b *testutil.Browser)) {
		t.Run(name, func(t *testing.T) { fn(t, browser.With(t)) })
	}
	// page checks the loaded page: status, heading, axe at WCAG 2.1 AA, screenshot.
	page := func(t *testing.T, b *testutil.Browser, shot string, status, wantStatus int, wantHeading string) {
		t.Helper()
		if status != wantStatus {
			t.Errorf("%s: status %d, want %d", b.Path(), status, wantStatus)
		}
		if h := b.Text("h1"); !strings.Contains(h, wantHeading) {
			t.Errorf("%s: heading %q, want it to contain %q", b.Path(), h, wantHeading)
		}
		b.CheckA11y()
		b.Screenshot(shot)
	}

	step("anonymous", func(t *testing.T, b *testutil.Browser) {
		page(t, b, "login", b.Visit("/login"), http.StatusOK, "Anmelden")
		page(t, b, "barrierefreiheit", b.Visit("/barrierefreiheit"), http.StatusOK, "Barrierefreiheit")
		page(t, b, "datenschutz", b.Visit("/datenschutz"), http.StatusOK, "Datenschutz")
		page(t, b, "impressum", b.Visit("/impressum"), http.StatusOK, "Impressum")
		page(t, b, "404", b.Visit("/gibt-es-nicht"), http.StatusNotFound, "Seite nicht gefunden")
	})

	// The first Tab reaches the skip link, which must then be visible with a focus
	// outline (WCAG 2.4.1, 2.4.7); Enter moves the focus to the main content.
	step("keyboard", func(t *testing.T, b *testutil.Browser) {
		b.Visit("/login")
		b.Press("\t")
		var focus struct {
			Text    string  `json:"text"`
			Left    float64 `json:"left"`
			Outline string  `json:"outline"`
		}
		b.Eval(`(() => { const el = document.activeElement, cs = getComputedStyle(el);
		  return {text: el.textContent.trim(), left: el.getBoundingClientRect().left, outline: cs.outlineStyle}; })()`, &focus)
		if focus.Text != "Zum Inhalt springen" || focus.Left < 0 || focus.Outline == "none" {
			t.Errorf("first Tab: focused %+v, want the visible, outlined skip link", focus)
		}
		b.Screenshot("login-skip-link")
		b.Press("\r")
		var id string
		b.Eval(`document.activeElement.id`, &id)
		if id != "inhalt" {
			t.Errorf("after the skip link the focus is on #%s, want #inhalt", id)
		}
	})

	step("login errors", func(t *testing.T, b *testutil.Browser) {
		b.Visit("/login")
		page(t, b, "login-leer", b.Click("Anmelden"), http.StatusUnprocessableEntity, "Anmelden")
		if s := b.Text(".error-summary"); !strings.Contains(s, "Bitte geben Sie Ihre E-Mail-Adresse ein.") {
			t.Errorf("error summary: %q", s)
		}
		b.Fill("E-Mail-Adresse", users.Staff.Email)
		b.Fill("Passwort", "falsch-falsch")
		page(t, b, "login-falsches-passwort", b.Click("Anmelden"), http.StatusUnauthorized, "Anmelden")
		if s := b.Text(".alert-error"); s != "E-Mail-Adresse oder Passwort ist falsch." {
			t.Errorf("login error message: %q", s)
		}
	})

	roles := []struct {
		user    *domain.User
		start   string
		heading string
	}{
		{users.Landlord, "/vermieter", "Willkommen"},
		{users.Staff, "/arbeitsbereich", "Arbeitsbereich"},
		{users.Caseworker, "/begleitung", "Wohnbegleitung"},
		{users.Admin, "/verwaltung", "Verwaltung"},
	}
	for _, r := range roles {
		role := string(r.user.Role)
		step(role, func(t *testing.T, b *testutil.Browser) {
			b.Login(r.user.Email, testutil.Password)
			if p := b.Path(); p != r.start {
				t.Fatalf("after login at %s, want %s", p, r.start)
			}
			page(t, b, "start-"+role, http.StatusOK, http.StatusOK, r.heading)
			if role == string(domain.RoleLandlord) {
				page(t, b, "403", b.Visit("/arbeitsbereich"), http.StatusForbidden, "Kein Zugriff")
				page(t, b, "404-angemeldet", b.Visit("/vermieter/gibt-es-nicht"), http.StatusNotFound, "Seite nicht gefunden")
				b.Visit(r.start)
				b.SetViewport(320, 700, 1)
				b.CheckNoHorizontalScroll()
				b.Screenshot("start-" + role + "-320px")
				b.SetViewport(1280, 900, 1)
			}
			b.Click("Abmelden")
			if p := b.Path(); p != "/login" {
				t.Errorf("after logout at %s, want /login", p)
			}
		})
	}

	step("login at 320 px", func(t *testing.T, b *testutil.Browser) {
		b.SetViewport(320, 700, 1)
		defer b.SetViewport(1280, 900, 1)
		b.Visit("/login")
		b.CheckNoHorizontalScroll()
		var width int
		b.Eval(`document.documentElement.scrollWidth`, &width)
		if width > 320 {
			t.Errorf("scrollWidth %d at 320 px", width)
		}
		b.CheckA11y()
		b.Screenshot("login-320px")
	})

	// 200 % zoom of a 1280 px window: the layout sees 640 CSS pixels, drawn at twice
	// the density. Every control must be reachable without scrolling sideways, and the
	// login must work.
	step("login at 200 percent zoom", func(t *testing.T, b *testutil.Browser) {
		b.SetViewport(640, 450, 2)
		defer b.SetViewport(1280, 900, 1)
		b.Visit("/login")
		b.CheckNoHorizontalScroll()
		var outside []string
		b.Eval(`[...document.querySelectorAll("main input:not([type=hidden]), main button, main label")]
		  .filter((el) => { const r = el.getBoundingClientRect(); return r.left < 0 || r.right > document.documentElement.clientWidth || r.width === 0; })
		  .map((el) => el.outerHTML.slice(0, 80))`, &outside)
		if len(outside) > 0 {
			t.Errorf("controls outside the viewport at 200 %%: %q", outside)
		}
		b.CheckA11y()
		b.Screenshot("login-200prozent")
		b.Login(users.Staff.Email, testutil.Password)
		b.CheckNoHorizontalScroll()
		b.Screenshot("start-staff-200prozent")
		b.Click("Abmelden")
	})
}
