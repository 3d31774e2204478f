package server_test

import (
	"net/http"
	"strings"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/testutil"
)

// TestBrowserRankingInFacts: staff open a published flat's ranking from the vacancy list,
// read a candidate's line of facts, approve after the explanation and then see "Vorschlag
// läuft" for that household; a fully booked flat offers no approval and says what to do.
// Every page passes axe and does not scroll sideways at 320 px; at 1280 px the table fits.
func TestBrowserRankingInFacts(t *testing.T) {
	testutil.RequireBrowser(t)
	dialects := testutil.Dialects(t)
	st := testutil.Open(t, dialects[len(dialects)-1])
	users := testutil.SeedUsers(t, st)
	testutil.Vacancy(t, st, users.LandlordOrg.ID, func(v *domain.Vacancy) { v.Street = "Lange Straße 12" })
	testutil.Vacancy(t, st, users.LandlordOrg.ID, func(v *domain.Vacancy) { v.Street = "Volmestraße 3"; v.Slots[0].Booked = 1 })
	today := st.Today()
	family := testutil.Household(t, st, func(h *domain.Household) {
		h.Members = append(h.Members, domain.HouseholdMember{BirthYear: today.Year() - 8, Sex: "m", Position: 2},
			domain.HouseholdMember{BirthYear: today.Year() - 3, Sex: "f", Position: 3},
			domain.HouseholdMember{BirthYear: today.Year() - 33, Sex: "m", Position: 4})
	})
	couple := testutil.Household(t, st, nil)

	b := testutil.Browse(t, st)
	check := pageCheck(t, b)
	b.Login(users.Staff.Email, testutil.Password)
	check("ranking-vacancies", b.Visit("/arbeitsbereich/angebote"), http.StatusOK, "Wohnungsangebote")
	b.SetViewport(1280, 900, 1)
	check("ranking-1280", b.Click("Rangliste für Lange Straße 12"), http.StatusOK, "Rangliste")
	b.CheckNoHorizontalScroll()
	var fits bool
	b.Eval(`(() => { const w = document.querySelector("#kandidaten ~ .table-wrap"); return w.scrollWidth <= w.clientWidth })()`, &fits)
	if !fits {
		t.Error("at 1280 px the ranking table is cut off (its region scrolls sideways)")
	}
	rows := b.Text("table.ranking tbody")
	for _, want := range []string{"5 Personen für 2 Zimmer – beengt", "2 Personen für 2 Zimmer", "wartet seit 1 Jahr",
		"Bruttokaltmiete 415 € von höchstens 490 €", "Einladung per E-Mail"} {
		if !strings.Contains(rows, want) {
			t.Errorf("ranking lacks the fact %q", want)
		}
	}
	if strings.Index(rows, couple.Reference) > strings.Index(rows, family.Reference) {
		t.Error("the cramped family ranks above the fitting couple of the same urgency")
	}
	if head := b.Text("table.ranking thead"); !strings.Contains(head, "max. 520,0") {
		t.Errorf("table head without the columns' maxima: %q", head)
	}

	check("ranking-approved", b.Click("Freigeben für "+couple.Reference), http.StatusOK, "Rangliste")
	if msg := b.Text("main"); !strings.Contains(msg, "Vorschlag freigegeben") {
		t.Fatalf("approval not confirmed: %q", msg)
	}
	var row string
	b.Eval(`[...document.querySelectorAll("table.ranking tbody tr")].find(tr => tr.textContent.includes("`+couple.Reference+`")).textContent`, &row)
	if !strings.Contains(row, "Vorschlag läuft") || strings.Contains(row, "Freigeben") {
		t.Errorf("approved household's row: %q", row)
	}

	b.SetViewport(320, 800, 1)
	check("ranking-320", b.Visit(b.Path()), http.StatusOK, "Rangliste")
	b.CheckNoHorizontalScroll()

	check("ranking-vacancies-320", b.Visit("/arbeitsbereich/angebote"), http.StatusOK, "Wohnungsangebote")
	b.CheckNoHorizontalScroll()
	check("ranking-booked", b.Click("Rangliste für Volmestraße 3"), http.StatusOK, "Rangliste")
	b.CheckNoHorizontalScroll()
	main := b.Text("main")
	if strings.Contains(main, "Freigeben") || !strings.Contains(main, "Alle Besichtigungstermine sind ausgebucht") {
		t.Errorf("fully booked flat: %q", main)
	}
	b.SetViewport(1280, 900, 1)
	b.CheckNoHorizontalScroll()
}
