package server_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/testutil"
)

// TestBrowserStaffFromHouseholdToLease clicks the staff workspace in Chromium against the
// real server (PostgreSQL when TEST_DATABASE_URL is set): create a household, open a
// vacancy's ranking, see an excluded household with its reason, approve the new household
// into a slot, see the invitation in the Postausgang, record the landlord's Zusage and the
// lease. Every page passes axe-core at WCAG 2.1 AA and is saved as a screenshot.
func TestBrowserStaffFromHouseholdToLease(t *testing.T) {
	testutil.RequireBrowser(t)
	dialects := testutil.Dialects(t)
	st := testutil.Open(t, dialects[len(dialects)-1])
	ctx := context.Background()
	users := testutil.SeedUsers(t, st)
	v := testutil.Vacancy(t, st, users.LandlordOrg.ID, func(v *domain.Vacancy) { v.PetsAllowed = false; v.Street = "Lange Straße 12" })
	pets := testutil.Household(t, st, func(h *domain.Household) { h.HasPets = true; h.ContactName = "Klaus Becker" })
	b := testutil.Browse(t, st)
	check := pageCheck(t, b)
	b.Login(users.Staff.Email, testutil.Password)
	check("start", b.Visit("/arbeitsbereich"), http.StatusOK, "Arbeitsbereich")

	check("household-new", b.Visit("/haushalte/neu"), http.StatusOK, "Haushalt aufnehmen")
	b.Fill("contact_name", "Ioana Stan")
	b.Fill("email", "ioana.stan@example.org")
	b.Fill("language", "ro")
	b.Fill("members[0].birth_year", "1990")
	b.Fill("members[0].sex", "f")
	b.Fill("members[1].birth_year", "2019")
	b.Fill("members[1].sex", "m")
	b.Check("Der Haushalt hat das Integrationszertifikat Wohnen.")
	check("household-error", b.Click("Speichern"), http.StatusUnprocessableEntity, "Haushalt aufnehmen")
	if s := b.Text(".error-summary"); !strings.Contains(s, "wann die Prüfung bestanden wurde") {
		t.Fatalf("error summary: %q", s)
	}
	b.Fill("certificate.passed_on", st.Today().AddDays(-60).String())
	check("household", b.Click("Speichern"), http.StatusOK, "Haushalt HH-")
	if !strings.Contains(b.Text("main"), "wurde aufgenommen") {
		t.Fatal("no confirmation after creating the household")
	}
	ref := strings.TrimPrefix(b.Text("h1"), "Haushalt ")
	check("households", b.Visit("/haushalte?q=stan"), http.StatusOK, "Haushalte")

	check("vacancies", b.Visit("/arbeitsbereich/angebote"), http.StatusOK, "Wohnungsangebote")
	check("ranking", b.Click("Rangliste für Lange Straße 12"), http.StatusOK, "Rangliste")
	excluded := b.Text("#ausgeschlossen + form + .table-wrap")
	if !strings.Contains(excluded, pets.Reference) || !strings.Contains(excluded, "Haustiere nicht erlaubt") || strings.Contains(excluded, "pets_not_allowed") {
		t.Fatalf("excluded household with its reason not shown: %q", excluded)
	}
	b.Fill("grund", "pets_not_allowed")
	check("ranking-filtered", b.Click("Anzeigen"), http.StatusOK, "Rangliste")
	check("approved", b.Click("Freigeben für "+ref), http.StatusOK, "Rangliste")
	if msg := b.Text("main"); !strings.Contains(msg, "Vorschlag freigegeben") {
		t.Fatalf("approval not confirmed: %q", msg)
	}

	check("outbox", b.Visit("/arbeitsbereich/postausgang"), http.StatusOK, "Postausgang")
	if box := b.Text("main"); !strings.Contains(box, "ioana.stan@example.org") {
		t.Fatalf("invitation to the applicant not in the Postausgang: %q", box)
	}
	var href string
	b.Eval(`[...document.querySelectorAll("main a")].find(a => a.textContent.includes("Einladung")).getAttribute("href")`, &href)
	check("outbox-message", b.Visit(href), http.StatusOK, "Einladung")
	if text := b.Text("pre.mail-text"); !strings.Contains(text, "/besichtigung/") {
		t.Fatalf("invitation text lacks the applicant link: %q", text)
	}

	// The landlord's Zusage (recorded in the landlord area, tested there) moves the match on.
	ms, err := st.MatchesOfVacancy(ctx, v.ID)
	if err != nil || len(ms) != 1 {
		t.Fatalf("matches: %v %d", err, len(ms))
	}
	if err := st.TransitionMatch(ctx, ms[0].ID, domain.MatchLandlordAccepted, nil); err != nil {
		t.Fatal(err)
	}
	check("pipeline", b.Visit("/arbeitsbereich/vorschlaege"), http.StatusOK, "Vorschläge")
	check("leased", b.Click("Mietvertrag eingetragen für "+ref), http.StatusOK, "Vorschläge")
	if msg := b.Text("main"); !strings.Contains(msg, "Der Haushalt ist versorgt") {
		t.Fatalf("lease not confirmed: %q", msg)
	}
	check("allocation", b.Visit("/arbeitsbereich/verteilung"), http.StatusOK, "Verteilungsvorschlag")
	check("statistics", b.Visit("/arbeitsbereich/statistik"), http.StatusOK, "Statistik")
	b.SetViewport(320, 800, 1)
	check("statistics-320", b.Visit("/arbeitsbereich/statistik"), http.StatusOK, "Statistik")
	b.CheckNoHorizontalScroll()
}

// TestBrowserAdminPages checks the admin pages in Chromium with axe-core.
func TestBrowserAdminPages(t *testing.T) {
	testutil.RequireBrowser(t)
	st := testutil.Open(t, "sqlite")
	users := testutil.SeedUsers(t, st)
	b := testutil.Browse(t, st)
	b.Login(users.Admin.Email, testutil.Password)
	for _, page := range []struct{ path, heading string }{
		{"/verwaltung", "Verwaltung"}, {"/verwaltung/gewichtung", "Gewichtung"}, {"/verwaltung/protokoll", "Protokoll"},
		{"/verwaltung/tokens", "API"}, {"/verwaltung/benutzer/neu", "Zugang für das Team"},
	} {
		if s := b.Visit(page.path); s != http.StatusOK || !strings.Contains(b.Text("h1"), page.heading) {
			t.Errorf("%s: status %d heading %q", page.path, s, b.Text("h1"))
		}
		b.CheckA11y()
		b.Screenshot(strings.ReplaceAll(strings.Trim(page.path, "/"), "/", "-"))
	}
	b.Visit("/verwaltung/gewichtung")
	b.Fill("weights.urgency", "0")
	if s := b.Click("Als neue Version speichern"); s != http.StatusUnprocessableEntity {
		t.Errorf("zero urgency weight: status %d", s)
	}
	b.CheckA11y()
	b.Screenshot("gewichtung-fehler")
}

// pageCheck returns a checker for browser tests: the status, the page heading, axe-core at
// WCAG 2.1 AA and a screenshot of every page the test visits.
func pageCheck(t *testing.T, b *testutil.Browser) func(shot string, status, want int, heading string) {
	return func(shot string, status, want int, heading string) {
		t.Helper()
		if status != want {
			t.Errorf("%s: status %d, want %d", b.Path(), status, want)
		}
		if h := b.Text("h1"); !strings.Contains(h, heading) {
			t.Errorf("%s: heading %q, want %q", b.Path(), h, heading)
		}
		b.CheckA11y()
		b.Screenshot(shot)
	}
}
