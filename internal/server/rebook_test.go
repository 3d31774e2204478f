package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/workflow"
)

// twoSlotVacancy is a published flat with two viewing slots, two hours apart, for first
// and second households.
func twoSlotVacancy(t *testing.T, st *store.Store, users testutil.Users, first, second int) *domain.Vacancy {
	t.Helper()
	return testutil.Vacancy(t, st, users.LandlordOrg.ID, func(v *domain.Vacancy) {
		s := v.Slots[0]
		s.Capacity = first
		s2 := s
		s2.StartsAt, s2.EndsAt, s2.Capacity = s.StartsAt.Add(2*time.Hour), s.EndsAt.Add(2*time.Hour), second
		v.Slots = []domain.ViewingSlot{s, s2}
	})
}

func approveInto(t *testing.T, st *store.Store, users testutil.Users, v *domain.Vacancy, h *domain.Household) *workflow.Approved {
	t.Helper()
	a, err := workflow.New(st, ranking.New(st)).Approve(context.Background(), workflow.Actor{User: users.Staff},
		workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: v.ID, HouseholdID: h.ID, SlotID: v.Slots[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// Verteilung offers each pair the flat's free slots (it said "keine freien Termine" for
// every pair), leaves out households with a running proposal (even one with a Zusage), and
// approves a pair from the page, back on the refreshed allocation.
func TestVerteilungOffersFreeSlotsAndApprovesPairByPair(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		v := twoSlotVacancy(t, st, users, 1, 1)
		busy := testutil.Household(t, st, nil)
		a := approveInto(t, st, users, v, busy) // takes the first slot's only place
		if err := st.TransitionMatch(context.Background(), a.Match.ID, domain.MatchLandlordAccepted, nil); err != nil {
			t.Fatal(err)
		}
		h := testutil.Household(t, st, nil)
		c := testutil.NewClient(t, testutil.App(t, st))
		c.Login(users.Staff.Email, testutil.Password)
		const page = "/arbeitsbereich/verteilung"
		body := c.Get(page).Body
		mustContain(t, "Verteilung", body, h.Reference, `name="slot_id"`, fmt.Sprintf(`<option value="%d">`, v.Slots[1].ID),
			"(1 frei)", `name="back" value="/arbeitsbereich/verteilung"`)
		mustNotContain(t, "Verteilung", body, busy.Reference, "keine freien Termine", fmt.Sprintf(`<option value="%d">`, v.Slots[0].ID))
		r := c.Submit(page, fmt.Sprintf("/arbeitsbereich/angebote/%d/freigabe", v.ID), url.Values{
			"household_id": {fmt.Sprint(h.ID)}, "slot_id": {fmt.Sprint(v.Slots[1].ID)}, "back": {page}})
		if r.Status != http.StatusSeeOther || r.Header.Get("Location") != page {
			t.Fatalf("approve from Verteilung: status %d, location %q", r.Status, r.Header.Get("Location"))
		}
		after := c.Get(page).Body
		mustContain(t, "Verteilung after the approval", after, "Vorschlag freigegeben")
		mustNotContain(t, "Verteilung after the approval", after, h.Reference)
		ms, _ := st.MatchesOfHousehold(context.Background(), h.ID)
		if len(ms) != 1 || ms[0].ViewingSlotID == nil || *ms[0].ViewingSlotID != v.Slots[1].ID {
			t.Fatalf("matches of the approved household: %+v", ms)
		}
	})
}

// Every answer of the household shows, with its time, on the pipeline card, the household
// page and the ranking's "Bisherige Vorschläge" (they all said "Besichtigung geplant").
func TestApplicantAnswersShowWithTheirTimeForStaff(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		app := testutil.App(t, st)
		staff := testutil.NewClient(t, app)
		staff.Login(users.Staff.Email, testutil.Password)
		at := st.Now().In(domain.Berlin)
		when := " am " + at.Format("02.01.2006") + " um " + at.Format("15:04") + " Uhr"
		for _, tc := range []struct{ param, label string }{
			{"anderer-termin", "Anderer Termin gewünscht"},
			{"bestaetigen", "Zusage des Haushalts"},
			{"absagen", "Absage des Haushalts"},
		} {
			t.Run(tc.param, func(t *testing.T) {
				token, a := invited(t, st, users, nil)
				page := "/besichtigung/" + token
				if r := testutil.NewClient(t, app).Submit(page, page, url.Values{"antwort": {tc.param}}); r.Status != http.StatusSeeOther {
					t.Fatalf("answer: status %d", r.Status)
				}
				want := tc.label + when
				board := staff.Get("/arbeitsbereich/vorschlaege").Body
				card := board[strings.Index(board, fmt.Sprintf(`id="vorschlag-%d"`, a.Match.ID)):]
				card = card[:strings.Index(card, "</li>")]
				mustContain(t, "the pipeline card", card, want)
				household := staff.Get(fmt.Sprintf("/haushalte/%d", a.Match.HouseholdID)).Body
				mustContain(t, "the household page", household, want)
				if tc.param == "anderer-termin" { // the way to "Termin ändern"
					mustContain(t, "the household page", household, fmt.Sprintf(`href="/arbeitsbereich/vorschlaege#vorschlag-%d"`, a.Match.ID))
				}
				mustContain(t, "the ranking", staff.Get(fmt.Sprintf("/arbeitsbereich/angebote/%d/rangliste", a.Match.VacancyID)).Body, want)
			})
		}
	})
}

// "Termin ändern" on the pipeline card lists the flat's other free slots and moves the
// viewing there.
func TestTerminAendernListsTheFreeSlotsAndMovesTheViewing(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		v := twoSlotVacancy(t, st, users, 1, 1)
		a := approveInto(t, st, users, v, testutil.Household(t, st, nil))
		c := testutil.NewClient(t, testutil.App(t, st))
		c.Login(users.Staff.Email, testutil.Password)
		const board = "/arbeitsbereich/vorschlaege"
		body := c.Get(board).Body
		mustContain(t, "the pipeline", body, "Termin ändern", fmt.Sprintf(`<option value="%d">`, v.Slots[1].ID), `name="action" value="reschedule"`)
		mustNotContain(t, "the pipeline", body, fmt.Sprintf(`<option value="%d">`, v.Slots[0].ID))
		r := c.Submit(board, fmt.Sprintf("/arbeitsbereich/vorschlaege/%d", a.Match.ID),
			url.Values{"action": {"reschedule"}, "slot_id": {fmt.Sprint(v.Slots[1].ID)}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("reschedule: status %d", r.Status)
		}
		mustContain(t, "the pipeline after the move", c.Get(r.Header.Get("Location")).Body, "Der Termin ist geändert",
			"Besichtigung "+domain.ViewingTime(v.Slots[1].StartsAt, v.Slots[1].EndsAt), fmt.Sprintf(`<option value="%d">`, v.Slots[0].ID))
		vw, _ := st.ViewingByID(context.Background(), a.Viewing.ID)
		if vw.SlotID == nil || *vw.SlotID != v.Slots[1].ID || vw.Sequence != 1 {
			t.Fatalf("viewing after the move: %+v", vw)
		}
	})
}

// The household asks for another date on its own page and books a free slot with one
// POST; a second household that wanted the same last place is told it is gone.
func TestApplicantBooksAFreeSlotOnTheirPage(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		v := twoSlotVacancy(t, st, users, 2, 1)
		first := approveInto(t, st, users, v, testutil.Household(t, st, nil))
		second := approveInto(t, st, users, v, testutil.Household(t, st, nil))
		app := testutil.App(t, st)
		c1, c2 := testutil.NewClient(t, app), testutil.NewClient(t, app)
		page1, page2 := "/besichtigung/"+first.ApplicantToken, "/besichtigung/"+second.ApplicantToken
		ask := "?antwort=anderer-termin"
		body := c1.Get(page1 + ask).Body
		mustContain(t, "the applicant page", body, "Alegeți o altă programare", "Einen anderen Termin wählen", "Diesen Termin buchen",
			fmt.Sprintf(`value="%d"`, v.Slots[1].ID), `action="/besichtigung/`+first.ApplicantToken+`?antwort=anderer-termin"`)
		mustNotContain(t, "the applicant page", body, fmt.Sprintf(`name="slot_id" value="%d"`, v.Slots[0].ID))
		csrf2 := testutil.CSRFFrom(t, c2.Get(page2+ask).Body) // the second household has the page open too

		form := url.Values{"antwort": {"anderer-termin"}, "slot_id": {fmt.Sprint(v.Slots[1].ID)}}
		r := c1.Submit(page1+ask, page1+ask, form)
		if r.Status != http.StatusSeeOther || r.Header.Get("Location") != page1+"?gespeichert=termin" {
			t.Fatalf("booking: status %d, location %q", r.Status, r.Header.Get("Location"))
		}
		done := c1.Get(page1 + "?gespeichert=termin").Body
		mustContain(t, "the page after booking", done, "Danke! Ihr neuer Termin ist gebucht.", "Sie haben zugesagt")
		mustNotContain(t, "the page after booking", done, `name="slot_id"`)
		if ans, vw, m := answerState(t, st, first); ans != "confirm" || vw != "confirmed" || m != "viewing_confirmed" {
			t.Fatalf("after booking: answer %q, viewing %s, match %s", ans, vw, m)
		}

		form.Set("_csrf", csrf2)
		lost := c2.PostForm(page2+ask, form)
		if lost.Status != http.StatusConflict {
			t.Fatalf("second booking of the last place: status %d", lost.Status)
		}
		mustContain(t, "the page of the second household", lost.Body, "Dieser Termin ist leider gerade vergeben worden.",
			"Ne pare rău, această programare tocmai a fost ocupată.", "Zurzeit ist kein anderer Termin frei.")
		if ans, vw, m := answerState(t, st, second); ans != "" || vw != "scheduled" || m != "viewing_scheduled" {
			t.Fatalf("second household after losing: answer %q, viewing %s, match %s", ans, vw, m)
		}
		vac, _ := st.VacancyByID(context.Background(), v.ID)
		if vac.Slots[0].Booked != 1 || vac.Slots[1].Booked != 1 {
			t.Fatalf("slots booked %d/%d, want 1/1", vac.Slots[0].Booked, vac.Slots[1].Booked)
		}
	})
}
