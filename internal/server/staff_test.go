package server_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

func TestRankingPageApprovalAndPipeline(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, func(v *domain.Vacancy) { v.PetsAllowed = false })
		good := testutil.Household(t, st, nil)
		pets := testutil.Household(t, st, func(h *domain.Household) { h.HasPets = true })
		c := testutil.NewClient(t, testutil.App(t, st))
		c.Login(users.Staff.Email, testutil.Password)
		page := fmt.Sprintf("/arbeitsbereich/angebote/%d/rangliste", v.ID)
		body := c.Get(page).Body
		for _, want := range []string{"Passende Haushalte (1)", good.Reference, "Ausgeschlossene Haushalte (1",
			pets.Reference, `value="pets_not_allowed"`, `class="badge">Haustiere nicht erlaubt<`, `name="slot_id"`, "Dringlichkeit"} {
			if !strings.Contains(body, want) {
				t.Errorf("ranking page lacks %q", want)
			}
		}
		if filtered := c.Get(page + "?grund=kdu_exceeded").Body; strings.Contains(filtered, pets.Reference) {
			t.Error("reason filter shows a household excluded for another reason")
		}
		resp := c.Submit(page, fmt.Sprintf("/arbeitsbereich/angebote/%d/freigabe", v.ID),
			url.Values{"household_id": {fmt.Sprint(good.ID)}, "slot_id": {fmt.Sprint(v.Slots[0].ID)}})
		if resp.Status != http.StatusSeeOther {
			t.Fatalf("approve: status %d", resp.Status)
		}
		if body := c.Get(resp.Header.Get("Location")).Body; !strings.Contains(body, "Vorschlag freigegeben") {
			t.Fatal("no confirmation after approval")
		}
		// Approving the excluded household is refused with the German reason.
		resp = c.Submit(page, fmt.Sprintf("/arbeitsbereich/angebote/%d/freigabe", v.ID),
			url.Values{"household_id": {fmt.Sprint(pets.ID)}, "slot_id": {fmt.Sprint(v.Slots[0].ID)}})
		if body := c.Get(resp.Header.Get("Location")).Body; !strings.Contains(body, "alert-error") || !strings.Contains(body, "Haustiere") {
			t.Fatal("approving an excluded household gave no German error")
		}
		board := c.Get("/arbeitsbereich/vorschlaege").Body
		if !strings.Contains(board, good.Reference) || !strings.Contains(board, "Besichtigung geplant") {
			t.Fatal("pipeline does not show the approved match")
		}
	})
}

// Two staff members press "Freigeben" for the last free place of a slot at the same moment:
// one wins, the other sees a clear German message; nothing half-written.
func TestConcurrentApprovalThroughThePortal(t *testing.T) {
	for _, d := range testutil.Dialects(t) {
		t.Run(d, func(t *testing.T) {
			st := testutil.Open(t, d)
			users := testutil.SeedUsers(t, st)
			v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
			h1, h2 := testutil.Household(t, st, nil), testutil.Household(t, st, nil)
			app := testutil.App(t, st)
			page := fmt.Sprintf("/arbeitsbereich/angebote/%d/rangliste", v.ID)
			type prepared struct {
				c    *testutil.Client
				form url.Values
			}
			var ps []prepared
			for _, h := range []*domain.Household{h1, h2} {
				c := testutil.NewClient(t, app)
				c.Login(users.Staff.Email, testutil.Password)
				form := url.Values{"household_id": {fmt.Sprint(h.ID)}, "slot_id": {fmt.Sprint(v.Slots[0].ID)},
					"_csrf": {testutil.CSRFFrom(t, c.Get(page).Body)}}
				ps = append(ps, prepared{c, testutil.WithOverride(form)})
			}
			var wg sync.WaitGroup
			locations := make([]string, len(ps))
			for i, p := range ps {
				wg.Add(1)
				go func(i int, p prepared) {
					defer wg.Done()
					locations[i] = p.c.PostForm(fmt.Sprintf("/arbeitsbereich/angebote/%d/freigabe", v.ID), p.form).Header.Get("Location")
				}(i, p)
			}
			wg.Wait()
			wins, losses := 0, 0
			for i, p := range ps {
				body := p.c.Get(locations[i]).Body
				switch {
				case strings.Contains(body, "Vorschlag freigegeben"):
					wins++
				case strings.Contains(body, "ausgebucht"):
					losses++
				default:
					t.Errorf("client %d saw neither success nor the German conflict message", i)
				}
			}
			if wins != 1 || losses != 1 {
				t.Fatalf("wins %d, losses %d; want 1 and 1", wins, losses)
			}
			ms1, _ := st.MatchesOfVacancy(t.Context(), v.ID)
			if len(ms1) != 1 {
				t.Fatalf("%d matches written, want 1", len(ms1))
			}
		})
	}
}

func TestAllocationAndStatisticsPages(t *testing.T) {
	st := testutil.Open(t, "sqlite")
	users := testutil.SeedUsers(t, st)
	v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
	h := testutil.Household(t, st, nil)
	c := testutil.NewClient(t, testutil.App(t, st))
	c.Login(users.Staff.Email, testutil.Password)
	alloc := c.Get("/arbeitsbereich/verteilung")
	if alloc.Status != http.StatusOK || !strings.Contains(alloc.Body, "1 / 1") || !strings.Contains(alloc.Body, h.Reference) || !strings.Contains(alloc.Body, v.Street) {
		t.Fatalf("allocation page: %d", alloc.Status)
	}
	stats := c.Get("/arbeitsbereich/statistik")
	if stats.Status != http.StatusOK || !strings.Contains(stats.Body, "<svg") || !strings.Contains(stats.Body, "<caption>Vermittlungen je Monat") {
		t.Fatalf("statistics page: %d", stats.Status)
	}
	bad := c.Get("/arbeitsbereich/statistik?von=01.05.2026&bis=01.01.2026")
	if bad.Status != http.StatusUnprocessableEntity || !strings.Contains(bad.Body, "Ende des Zeitraums") {
		t.Fatalf("reversed range: %d", bad.Status)
	}
	csv := c.Get("/arbeitsbereich/statistik.csv?tabelle=wartende")
	if csv.Status != http.StatusOK || !strings.HasPrefix(csv.Body, "\ufeffZielgruppe;") || !strings.Contains(csv.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("csv: %d %q", csv.Status, csv.Body)
	}
	landlord := testutil.NewClient(t, testutil.App(t, st))
	landlord.Login(users.Landlord.Email, testutil.Password)
	for _, p := range []string{"/arbeitsbereich/verteilung", "/arbeitsbereich/statistik", "/arbeitsbereich/statistik.csv?tabelle=wartende", fmt.Sprintf("/arbeitsbereich/angebote/%d/rangliste", v.ID)} {
		if r := landlord.Get(p); r.Status != http.StatusForbidden {
			t.Errorf("landlord %s: %d, want 403", p, r.Status)
		}
	}
}

func TestVacancyReviewPublishAndSendBack(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		pub := testutil.Vacancy(t, st, users.LandlordOrg.ID, func(v *domain.Vacancy) { v.Status = "submitted" })
		back := testutil.Vacancy(t, st, users.LandlordOrg.ID, func(v *domain.Vacancy) { v.Status = "submitted" })
		c := testutil.NewClient(t, testutil.App(t, st))
		c.Login(users.Staff.Email, testutil.Password)
		queue := c.Get("/arbeitsbereich/angebote").Body
		if !strings.Contains(queue, "Zur Prüfung eingereicht (2)") {
			t.Fatal("review queue does not list the two submitted vacancies")
		}
		page := fmt.Sprintf("/arbeitsbereich/angebote/%d", pub.ID)
		r := c.Submit(page, page+"/pruefung", url.Values{"action": {"publish"}})
		if body := c.Get(r.Header.Get("Location")).Body; !strings.Contains(body, "ist veröffentlicht") || !strings.Contains(body, "Rangliste öffnen") {
			t.Fatal("publish not confirmed")
		}
		page = fmt.Sprintf("/arbeitsbereich/angebote/%d", back.ID)
		r = c.Submit(page, page+"/pruefung", url.Values{"action": {"send_back"}, "comment": {""}})
		if body := c.Get(r.Header.Get("Location")).Body; !strings.Contains(body, "Bitte schreiben Sie, was die Vermieter*in ändern soll.") {
			t.Fatal("send back without comment: no German error")
		}
		r = c.Submit(page, page+"/pruefung", url.Values{"action": {"send_back"}, "comment": {"Bitte Heizkosten prüfen."}})
		if body := c.Get(r.Header.Get("Location")).Body; !strings.Contains(body, "zurückgegeben") {
			t.Fatal("send back not confirmed")
		}
		v, _ := st.VacancyByID(t.Context(), back.ID)
		if v.Status != "draft" || v.ReviewComment != "Bitte Heizkosten prüfen." {
			t.Fatalf("sent back vacancy: %s %q", v.Status, v.ReviewComment)
		}
		// Publishing twice is a clear conflict, not an error page.
		page = fmt.Sprintf("/arbeitsbereich/angebote/%d", pub.ID)
		r = c.Submit(page, page+"/pruefung", url.Values{"action": {"publish"}})
		if body := c.Get(r.Header.Get("Location")).Body; !strings.Contains(body, "alert-error") {
			t.Fatal("second publish gave no German conflict message")
		}
	})
}

func TestOutboxPageShowsMessagesAndRetriesFailedOnes(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		ctx := t.Context()
		msg := domain.OutboxMessage{DedupeKey: "test/1", Kind: "viewing_invitation", ToAddress: "haushalt@test.de",
			Subject: "Einladung zur Besichtigung", BodyText: "Guten Tag\nhttps://x.test/besichtigung/GEHEIMERtoken123?antwort=bestaetigen", Language: "ro"}
		if err := st.EnqueueMessages(ctx, msg); err != nil {
			t.Fatal(err)
		}
		claimed, err := st.ClaimMessages(ctx, 10, time.Minute)
		if err != nil || len(claimed) != 1 {
			t.Fatalf("claim: %v %d", err, len(claimed))
		}
		if err := st.FailMessage(ctx, claimed[0].ID, "550 mailbox unavailable"); err != nil {
			t.Fatal(err)
		}
		c := testutil.NewClient(t, testutil.App(t, st))
		c.Login(users.Staff.Email, testutil.Password)
		list := c.Get("/arbeitsbereich/postausgang?status=failed").Body
		if !strings.Contains(list, "Einladung zur Besichtigung") || !strings.Contains(list, "550 mailbox unavailable") {
			t.Fatal("failed message not listed with its error")
		}
		page := fmt.Sprintf("/arbeitsbereich/postausgang/%d", claimed[0].ID)
		body := c.Get(page).Body
		if !strings.Contains(body, "Guten Tag") || !strings.Contains(body, "Erneut senden") {
			t.Fatal("message page lacks the text or the retry button")
		}
		if strings.Contains(body, "GEHEIMERtoken123") || !strings.Contains(body, "/besichtigung/…") {
			t.Fatal("the applicant's personal link token is shown in the Postausgang")
		}
		r := c.Submit(page, page+"/erneut", nil)
		if body := c.Get(r.Header.Get("Location")).Body; !strings.Contains(body, "wird erneut gesendet") {
			t.Fatal("retry not confirmed")
		}
		again, err := st.ClaimMessages(ctx, 10, time.Minute)
		if err != nil || len(again) != 1 {
			t.Fatalf("retried message not claimable again: %v %d", err, len(again))
		}
		r = c.Submit(page, page+"/erneut", nil)
		if body := c.Get(r.Header.Get("Location")).Body; !strings.Contains(body, "alert-error") {
			t.Fatal("retrying a message that is not failed gave no German conflict")
		}
		landlord := testutil.NewClient(t, testutil.App(t, st))
		landlord.Login(users.Landlord.Email, testutil.Password)
		if r := landlord.Get("/arbeitsbereich/postausgang"); r.Status != http.StatusForbidden {
			t.Fatalf("landlord on the outbox: %d", r.Status)
		}
	})
}
