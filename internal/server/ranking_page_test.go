package server_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// The ranking page explains each candidate in facts before the points, shows each column's
// maximum, and puts the approval after the explanation.
func TestRankingPageShowsFactsBeforePoints(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil) // 2 rooms, 54 m², 415 €
		today := st.Today()
		family := testutil.Household(t, st, func(h *domain.Household) {
			h.RegisteredOn = today.AddDays(-(2*365 + 95))
			h.Members = append(h.Members, domain.HouseholdMember{BirthYear: today.Year() - 8, Sex: "m", Position: 2},
				domain.HouseholdMember{BirthYear: today.Year() - 3, Sex: "f", Position: 3},
				domain.HouseholdMember{BirthYear: today.Year() - 33, Sex: "m", Position: 4})
			h.Email = nil
			h.AccompanimentFrom, h.AccompanimentUntil = today.AddDays(-10), today.AddDays(80)
		})
		c := testutil.NewClient(t, testutil.App(t, st))
		c.Login(users.Staff.Email, testutil.Password)
		body := c.Get(fmt.Sprintf("/arbeitsbereich/angebote/%d/rangliste", v.ID)).Body
		_, row, _ := strings.Cut(body, family.Reference)
		row, _, _ = strings.Cut(row, "</tr>")
		for _, want := range []string{"ohne Dringlichkeit", "wartet seit 2 Jahren 3 Monaten", "5 Personen für 2 Zimmer – beengt",
			"Bruttokaltmiete 415 € von höchstens 850 €", "Wunsch-Stadtbezirk: nein", "Sprache Rumänisch",
			"ohne E-Mail: Einladung wird gedruckt", "Wohnbegleitung bis " + today.AddDays(80).String(), "kein Vorschlag anderswo",
			"keine früheren Absagen", "Wohnung frei ab " + v.AvailableFrom.String()} {
			if !strings.Contains(row, want) {
				t.Errorf("fact line lacks %q:\n%s", want, row)
			}
		}
		facts, points, approve := strings.Index(row, "factline"), strings.Index(row, "<strong>"), strings.Index(row, "Freigeben")
		if facts < 0 || points < facts || approve < points {
			t.Errorf("order facts %d, points %d, approval %d: want facts, then points, then approval", facts, points, approve)
		}
		for _, want := range []string{"Dringlichkeit <span class=\"colmax\">max. 520,0</span>", "Belegung <span class=\"colmax\">max. 65,0</span>",
			"Punkte <span class=\"colmax\">max. 645,0</span>"} {
			if !strings.Contains(body, want) {
				t.Errorf("table head lacks %q", want)
			}
		}
	})
}

// A household with a running proposal for the flat shows "Vorschlag läuft" with its state
// instead of a button; approving it again says it is already proposed for this flat, also
// once the slot is full.
func TestRankingPageRunningProposalAndSecondApproval(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, func(v *domain.Vacancy) { v.Slots[0].Capacity = 2 })
		h := testutil.Household(t, st, nil)
		other := testutil.Household(t, st, nil)
		c := testutil.NewClient(t, testutil.App(t, st))
		c.Login(users.Staff.Email, testutil.Password)
		page := fmt.Sprintf("/arbeitsbereich/angebote/%d/rangliste", v.ID)
		approve := func(id int64) string {
			resp := c.Submit(page, fmt.Sprintf("/arbeitsbereich/angebote/%d/freigabe", v.ID),
				url.Values{"household_id": {fmt.Sprint(id)}, "slot_id": {fmt.Sprint(v.Slots[0].ID)}})
			if resp.Status != http.StatusSeeOther {
				t.Fatalf("approve: status %d", resp.Status)
			}
			return c.Get(resp.Header.Get("Location")).Body
		}
		if body := approve(h.ID); !strings.Contains(body, "Vorschlag freigegeben") {
			t.Fatal("first approval not confirmed")
		}
		body := c.Get(page).Body
		_, row, _ := strings.Cut(body, `<td class="facts"><a href="/haushalte/`+fmt.Sprint(h.ID))
		row, _, _ = strings.Cut(row, "</tr>")
		if !strings.Contains(row, "Vorschlag läuft") || !strings.Contains(row, "Besichtigung geplant") || strings.Contains(row, "Freigeben") {
			t.Errorf("approved household's row:\n%s", row)
		}
		_, otherRow, _ := strings.Cut(body, `<td class="facts"><a href="/haushalte/`+fmt.Sprint(other.ID))
		otherRow, _, _ = strings.Cut(otherRow, "</tr>")
		if !strings.Contains(otherRow, "Freigeben") {
			t.Error("the other household lost its approve button")
		}
		if body := approve(other.ID); !strings.Contains(body, "Vorschlag freigegeben") {
			t.Fatal("second household's approval not confirmed")
		}
		again := approve(h.ID)
		if !strings.Contains(again, "für diese Wohnung bereits vorgeschlagen") || strings.Contains(again, "anderen laufenden Vorschlag") {
			t.Errorf("second approval of the same household: %s", alertOf(again))
		}
	})
}

// A flat whose future slots are all taken shows no approve controls and says what to do.
func TestRankingPageFullyBooked(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, func(v *domain.Vacancy) {
			v.Slots = append(v.Slots, domain.ViewingSlot{StartsAt: v.Slots[0].StartsAt.Add(-120 * time.Hour),
				EndsAt: v.Slots[0].StartsAt.Add(-119 * time.Hour), Place: "vorbei", Capacity: 2})
			v.Slots[0].Booked = 1
		})
		testutil.Household(t, st, nil)
		c := testutil.NewClient(t, testutil.App(t, st))
		c.Login(users.Staff.Email, testutil.Password)
		body := c.Get(fmt.Sprintf("/arbeitsbereich/angebote/%d/rangliste", v.ID)).Body
		if strings.Contains(body, "Freigeben") || strings.Contains(body, `name="slot_id"`) {
			t.Error("a fully booked flat offers approve controls")
		}
		if !strings.Contains(body, "Alle Besichtigungstermine sind ausgebucht") || !strings.Contains(body, "weitere Termine einzutragen") {
			t.Error("a fully booked flat does not say what to do")
		}
	})
}

// alertOf returns the page's alert, for failure messages.
func alertOf(body string) string {
	_, a, _ := strings.Cut(body, `class="alert`)
	a, _, _ = strings.Cut(a, "</div>")
	return a
}
