package server_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

var startPagesAt = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

// approveByForm approves a household into the vacancy's first slot through the ranking
// page's form and returns the page the approval leads to.
func approveByForm(t *testing.T, c *testutil.Client, v *domain.Vacancy, h *domain.Household) *testutil.Response {
	t.Helper()
	ranking := fmt.Sprintf("/arbeitsbereich/angebote/%d/rangliste", v.ID)
	r := c.Submit(ranking, fmt.Sprintf("/arbeitsbereich/angebote/%d/freigabe", v.ID), url.Values{
		"household_id": {fmt.Sprint(h.ID)}, "slot_id": {fmt.Sprint(v.Slots[0].ID)}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("approve: %d %s", r.Status, r.Body)
	}
	return c.Get(r.Header.Get("Location"))
}

func matchOf(t *testing.T, st *store.Store, h *domain.Household) int64 {
	t.Helper()
	db, err := st.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	if err := db.QueryRow("SELECT id FROM matches WHERE household_id = $1", h.ID).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestApprovalOfHouseholdWithoutEmailSaysSoAndLinksToThePrint: before, the message said
// "Die Einladungen werden verschickt" although nothing could be sent to the household.
func TestApprovalOfHouseholdWithoutEmailSaysSoAndLinksToThePrint(t *testing.T) {
	testutil.ForEachDialectAt(t, startPagesAt, func(t *testing.T, st *store.Store, _ *clock.Manual) {
		users := testutil.SeedUsers(t, st)
		staff := testutil.SessionClient(t, st, testutil.App(t, st), users.Staff)

		noEmail := testutil.Household(t, st, func(h *domain.Household) { h.Email = nil })
		page := approveByForm(t, staff, testutil.Vacancy(t, st, users.LandlordOrg.ID, nil), noEmail)
		print := fmt.Sprintf("/arbeitsbereich/vorschlaege/%d/einladung", matchOf(t, st, noEmail))
		if strings.Contains(page.Body, "Die Einladungen werden verschickt") {
			t.Error("the message promises emails to a household without email")
		}
		for _, want := range []string{"keine E-Mail-Adresse", `href="` + print + `">Einladung drucken</a>`} {
			if !strings.Contains(page.Body, want) {
				t.Errorf("approval message lacks %q", want)
			}
		}

		withEmail := testutil.Household(t, st, nil)
		page = approveByForm(t, staff, testutil.Vacancy(t, st, users.LandlordOrg.ID, nil), withEmail)
		if !strings.Contains(page.Body, "Die Einladungen werden verschickt") || strings.Contains(page.Body, "Einladung drucken</a>") {
			t.Error("household with email: the message should say the invitations are sent, without a print link")
		}
	})
}

// TestPrintTaskStaysOpenUntilHandedOver: the print task is on the staff and the
// caseworker start page until the printable page's button records the handover.
func TestPrintTaskStaysOpenUntilHandedOver(t *testing.T) {
	testutil.ForEachDialectAt(t, startPagesAt, func(t *testing.T, st *store.Store, _ *clock.Manual) {
		users := testutil.SeedUsers(t, st)
		app := testutil.App(t, st)
		staff := testutil.SessionClient(t, st, app, users.Staff)
		caseworker := testutil.SessionClient(t, st, app, users.Caseworker)
		h := testutil.Household(t, st, func(h *domain.Household) { h.Email = nil; h.CaseworkerID = &users.Caseworker.ID })
		approveByForm(t, staff, testutil.Vacancy(t, st, users.LandlordOrg.ID, nil), h)
		print := fmt.Sprintf("/arbeitsbereich/vorschlaege/%d/einladung", matchOf(t, st, h))
		link := `href="` + print + `"`

		for name, c := range map[string]*testutil.Client{"/arbeitsbereich": staff, "/begleitung": caseworker} {
			if body := c.Get(name).Body; !strings.Contains(body, link) || !strings.Contains(body, "Einladungen drucken und übergeben") {
				t.Errorf("%s: no print task linking to %s", name, print)
			}
		}
		// Without the CSRF token nothing is recorded.
		if r := caseworker.PostForm(print+"/uebergeben", nil); r.Status != http.StatusForbidden {
			t.Errorf("handover without CSRF: %d", r.Status)
		}
		r := caseworker.Submit(print, print+"/uebergeben", nil)
		if r.Status != http.StatusSeeOther {
			t.Fatalf("handover: %d %s", r.Status, r.Body)
		}
		page := caseworker.Get(r.Header.Get("Location")).Body
		if !strings.Contains(page, "Die Übergabe der Einladung ist vermerkt") || !strings.Contains(page, "übergeben am") ||
			!strings.Contains(page, users.Caseworker.Name) || strings.Contains(page, ">Einladung übergeben</button>") {
			t.Errorf("print page after the handover:\n%s", page)
		}
		for name, c := range map[string]*testutil.Client{"/arbeitsbereich": staff, "/begleitung": caseworker} {
			if strings.Contains(c.Get(name).Body, link) {
				t.Errorf("%s still lists the handed-over invitation", name)
			}
		}
		if r := caseworker.Submit(print, print+"/uebergeben", nil); r.Status != http.StatusSeeOther ||
			!strings.Contains(caseworker.Get(r.Header.Get("Location")).Body, "bereits vermerkt") {
			t.Errorf("second handover: %d", r.Status)
		}
	})
}

// TestStartPagesAreTasksNotCounters: the staff page's entries are links to where the work
// is done (before: bare counters), the caseworker page shows her households' proposals and
// viewings (before: promised, shown neither), the landlord page shows new proposals and
// the next step (before: unchanged counters).
func TestStartPagesAreTasksNotCounters(t *testing.T) {
	testutil.ForEachDialectAt(t, startPagesAt, func(t *testing.T, st *store.Store, _ *clock.Manual) {
		users := testutil.SeedUsers(t, st)
		app := testutil.App(t, st)
		staff := testutil.SessionClient(t, st, app, users.Staff)
		landlord := testutil.SessionClient(t, st, app, users.Landlord)

		// A landlord without agreement or offers: numbered steps, the agreement next.
		body := landlord.Get("/vermieter").Body
		if !strings.Contains(body, `<ol class="steps">`) || !strings.Contains(body, `<a href="/vermieter/vereinbarung">Kooperationsvereinbarung „Wohnen“ unterschreiben</a> <strong>– als Nächstes</strong>`) {
			t.Errorf("new landlord: no steps with the agreement next:\n%s", body)
		}

		submitted := testutil.Vacancy(t, st, users.LandlordOrg.ID, func(v *domain.Vacancy) { v.Status = domain.VacancySubmitted })
		body = staff.Get("/arbeitsbereich").Body
		if !strings.Contains(body, fmt.Sprintf(`<a href="/arbeitsbereich/angebote/%d">`, submitted.ID)) ||
			!strings.Contains(body, `<a href="#pruefung">Wohnungsangebote zur Prüfung: 1</a>`) {
			t.Errorf("staff start page: the offer to review is no link:\n%s", body)
		}

		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
		h := testutil.Household(t, st, func(h *domain.Household) { h.CaseworkerID = &users.Caseworker.ID })
		approveByForm(t, staff, v, h)
		m := matchOf(t, st, h)
		caseworker := testutil.SessionClient(t, st, app, users.Caseworker).Get("/begleitung").Body
		for _, want := range []string{"Anstehende Besichtigungen", "Laufende Vorschläge", fmt.Sprintf(`<a href="/haushalte/%d">%s · %s</a>`, h.ID, h.Reference, v.Street)} {
			if !strings.Contains(caseworker, want) {
				t.Errorf("caseworker start page lacks %q", want)
			}
		}
		body = landlord.Get("/vermieter").Body
		if !strings.Contains(body, fmt.Sprintf(`href="/vermieter/angebote/%d/vorschlaege/%d"`, v.ID, m)) {
			t.Errorf("landlord start page does not list the new proposal:\n%s", body)
		}
		if strings.Contains(body, h.ContactName) {
			t.Error("landlord start page shows the household's name")
		}
	})
}
