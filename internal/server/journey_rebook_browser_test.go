package server_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"wohnbruecke/internal/testutil"
)

// TestBrowserJourneyRebook follows an answer from the household to the staff member in
// Chromium: one household asks for another date on its own page and books a free slot
// there, another only asks; staff see both answers with their time on the pipeline card
// and the household page, then approve a pair from the Verteilung into a chosen slot and
// land on the refreshed allocation. Every page passes axe and reflows at 320 px.
func TestBrowserJourneyRebook(t *testing.T) {
	testutil.RequireBrowser(t)
	dialects := testutil.Dialects(t)
	st := testutil.Open(t, dialects[len(dialects)-1])
	users := testutil.SeedUsers(t, st)
	v := twoSlotVacancy(t, st, users, 2, 2) // a place left for "Termin ändern" after the booking
	booker := approveInto(t, st, users, v, testutil.Household(t, st, nil))
	asker := approveInto(t, st, users, v, testutil.Household(t, st, nil))
	free := testutil.Household(t, st, nil)
	browser := testutil.Browse(t, st)
	step := func(name string, fn func(t *testing.T, b *testutil.Browser)) {
		t.Run(name, func(t *testing.T) { fn(t, browser.With(t)) })
	}
	// check asserts the status and the heading, runs axe, saves a screenshot and checks
	// the reflow at 320 px.
	check := func(t *testing.T, b *testutil.Browser, shot string, status int, heading string) {
		t.Helper()
		if status != http.StatusOK {
			t.Errorf("%s: status %d", b.Path(), status)
		}
		if h := b.Text("h1"); !strings.Contains(h, heading) {
			t.Errorf("%s: heading %q, want %q", b.Path(), h, heading)
		}
		b.CheckA11y()
		if shot != "" {
			b.Screenshot(shot)
		}
		b.SetViewport(320, 800, 1)
		b.CheckNoHorizontalScroll()
		if shot != "" {
			b.Screenshot(shot + "-320px")
		}
		b.SetViewport(1280, 900, 1)
	}
	at := st.Now().Format("02.01.2006") // the answers' day as staff read it

	step("household asks for another date and books a free slot", func(t *testing.T, b *testutil.Browser) {
		page := "/besichtigung/" + booker.ApplicantToken
		check(t, b, "", b.Visit(page), "Vizionarea locuinței")
		check(t, b, "applicant-rebook", b.Click("antwort-anderer-termin"), "Vizionarea locuinței")
		if txt := b.Text("#termin-waehlen"); !strings.Contains(txt, "Alegeți o altă programare") || !strings.Contains(txt, "Einen anderen Termin wählen") {
			t.Errorf("slot choice heading %q", txt)
		}
		b.Check(fmt.Sprintf("termin-%d", v.Slots[1].ID))
		check(t, b, "applicant-rebooked", b.Click("termin-buchen"), "Vizionarea locuinței")
		if txt := b.Text("main [role=status]"); !strings.Contains(txt, "Ihr neuer Termin ist gebucht") || !strings.Contains(txt, "Noua programare este rezervată") {
			t.Errorf("status after booking: %q", txt)
		}
		if ans, vw, m := answerState(t, st, booker); ans != "confirm" || vw != "confirmed" || m != "viewing_confirmed" {
			t.Errorf("after booking: answer %q, viewing %s, match %s", ans, vw, m)
		}
	})
	step("another household only asks for another date", func(t *testing.T, b *testutil.Browser) {
		b.Visit("/besichtigung/" + asker.ApplicantToken + "?antwort=anderer-termin")
		check(t, b, "", b.Click("antwort-anderer-termin"), "Vizionarea locuinței")
		if ans, _, _ := answerState(t, st, asker); ans != "reschedule" {
			t.Errorf("answer %q, want reschedule", ans)
		}
	})
	step("staff see the answers on the pipeline and the household page", func(t *testing.T, b *testutil.Browser) {
		b.Login(users.Staff.Email, testutil.Password)
		check(t, b, "pipeline-answer", b.Visit("/arbeitsbereich/vorschlaege"), "Vorschläge")
		if txt := b.Text(fmt.Sprintf("#vorschlag-%d", asker.Match.ID)); !strings.Contains(txt, "Anderer Termin gewünscht am "+at) || !strings.Contains(txt, "Termin ändern") {
			t.Errorf("card of the household that asked: %q", txt)
		}
		if txt := b.Text(fmt.Sprintf("#vorschlag-%d", booker.Match.ID)); !strings.Contains(txt, "Zusage des Haushalts am "+at) {
			t.Errorf("card of the household that booked: %q", txt)
		}
		check(t, b, "household-answer", b.Visit(fmt.Sprintf("/haushalte/%d", asker.Match.HouseholdID)), "Haushalt")
		if txt := b.Text("main"); !strings.Contains(txt, "Anderer Termin gewünscht am "+at) {
			t.Errorf("household page lacks the answer")
		}
	})
	step("staff approve a pair from the Verteilung", func(t *testing.T, b *testutil.Browser) {
		check(t, b, "verteilung", b.Visit("/arbeitsbereich/verteilung"), "Verteilungsvorschlag")
		b.Fill(fmt.Sprintf("slot-%d-%d", v.ID, free.ID), fmt.Sprint(v.Slots[0].ID))
		check(t, b, "verteilung-approved", b.Click("Freigeben für "+free.Reference), "Verteilungsvorschlag")
		if b.Path() != "/arbeitsbereich/verteilung" {
			t.Errorf("after approving: at %s", b.Path())
		}
		if txt := b.Text("main"); !strings.Contains(txt, "Vorschlag freigegeben") || strings.Contains(txt, free.Reference) {
			t.Errorf("refreshed Verteilung: %q", txt)
		}
	})
}
