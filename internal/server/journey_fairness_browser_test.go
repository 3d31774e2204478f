package server_test

import (
	"net/http"
	"strings"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/testutil"
)

// TestBrowserOverrideReasonOnDashboard: staff approve the second-ranked household, the
// reason form asks why (an empty try shows the German error summary), the approval goes
// through with the reason, the household page shows it and links the printable
// explanation, and the fairness dashboard (reached from Statistik) counts the override; an
// admin previews a draft weight set in the simulator. Every page passes axe and does not
// scroll sideways at 320 px.
func TestBrowserOverrideReasonOnDashboard(t *testing.T) {
	testutil.RequireBrowser(t)
	dialects := testutil.Dialects(t)
	st := testutil.Open(t, dialects[len(dialects)-1])
	users := testutil.SeedUsers(t, st)
	testutil.Vacancy(t, st, users.LandlordOrg.ID, func(v *domain.Vacancy) { v.Street = "Lange Straße 12"; now := st.Now(); v.PublishedAt = &now })
	first := testutil.Household(t, st, func(h *domain.Household) { h.RegisteredOn = h.RegisteredOn.AddDays(-300) })
	second := testutil.Household(t, st, nil)

	b := testutil.Browse(t, st)
	check := pageCheck(t, b)
	b.Login(users.Staff.Email, testutil.Password)
	b.SetViewport(320, 800, 1)
	check("fair-vacancies", b.Visit("/arbeitsbereich/angebote"), http.StatusOK, "Wohnungsangebote")
	check("fair-ranking", b.Click("Rangliste für Lange Straße 12"), http.StatusOK, "Rangliste")
	check("fair-reason", b.Click("Freigeben für "+second.Reference), http.StatusOK, "Abweichung von der Rangfolge begründen")
	b.CheckNoHorizontalScroll()
	if lead := b.Text("main"); !strings.Contains(lead, first.Reference) || !strings.Contains(lead, "Rang 2") {
		t.Errorf("reason form does not say who stands first: %q", lead)
	}
	check("fair-reason-empty", b.Click("Begründet freigeben"), http.StatusUnprocessableEntity, "Abweichung von der Rangfolge begründen")
	b.CheckNoHorizontalScroll()
	if summary := b.Text("main"); !strings.Contains(summary, "Bitte begründen Sie die Auswahl") {
		t.Errorf("no German error summary: %q", summary)
	}
	b.Check("Besser platzierter Haushalt zurzeit nicht umzugsbereit")
	b.Fill("Begründung", "Der erste Haushalt zieht erst im Frühjahr um.")
	check("fair-approved", b.Click("Begründet freigeben"), http.StatusOK, "Rangliste")
	if msg := b.Text("main"); !strings.Contains(msg, "Vorschlag freigegeben") {
		t.Fatalf("approval not confirmed: %q", msg)
	}

	check("fair-household", b.Visit("/haushalte"), http.StatusOK, "Haushalte")
	check("fair-household-page", b.Click(second.Reference), http.StatusOK, second.Reference)
	b.CheckNoHorizontalScroll()
	if hist := b.Text("main"); !strings.Contains(hist, "Abweichend von der Rangfolge vorgeschlagen: Besser platzierter Haushalt zurzeit nicht umzugsbereit") {
		t.Errorf("household history lacks the reason: %q", hist)
	}
	check("fair-explanation", b.Click("Erklärung der Rangfolge (Lange Straße 12, Mittelstadt)"), http.StatusOK, "Erklärung der Rangfolge")
	b.CheckNoHorizontalScroll()

	check("fair-statistics", b.Visit("/arbeitsbereich/statistik"), http.StatusOK, "Statistik")
	check("fair-dashboard", b.Click("Fairness-Auswertung"), http.StatusOK, "Fairness-Auswertung")
	b.CheckNoHorizontalScroll()
	var overrides string
	b.Eval(`[...document.querySelectorAll("tr")].find(tr => tr.textContent.includes("zurzeit nicht umzugsbereit")).textContent`, &overrides)
	if !strings.Contains(overrides, "1") {
		t.Errorf("dashboard does not count the override: %q", overrides)
	}
	b.SetViewport(1280, 900, 1)
	b.CheckNoHorizontalScroll()

	a := testutil.Browse(t, st)
	acheck := pageCheck(t, a)
	a.Login(users.Admin.Email, testutil.Password)
	a.SetViewport(320, 800, 1)
	acheck("fair-policy", a.Visit("/verwaltung/gewichtung"), http.StatusOK, "Gewichtung")
	a.Fill("weights.urgency", "40")
	acheck("fair-simulation", a.Click("Vorher prüfen (Simulation)"), http.StatusOK, "Gewichtung")
	a.CheckNoHorizontalScroll()
	if sim := a.Text("main"); !strings.Contains(sim, "Simulation: so ändert sich die Rangfolge") || !strings.Contains(sim, "Lange Straße 12") {
		t.Errorf("simulation not shown: %q", sim)
	}
}
