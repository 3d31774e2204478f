package server_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/followups"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/workflow"
)

// followUpFixture is a tenancy of a household without caseworker, begun 100 days ago, with
// its 3-month follow-up due and the landlord's satisfaction link.
type followUpFixture struct {
	tenancy    *domain.Tenancy
	household  *domain.Household
	followUpID int64
	token      string
}

var satisfactionLink = regexp.MustCompile(`/zufriedenheit/([A-Za-z0-9_%-]+)`)

func newFollowUpFixture(t *testing.T, st *store.Store, users testutil.Users) *followUpFixture {
	t.Helper()
	ctx := context.Background()
	v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
	h := testutil.Household(t, st, testutil.WithLandlordSecrets)
	wf := workflow.New(st, ranking.New(st))
	a, err := wf.Approve(ctx, domain.Actor{User: users.Staff}, workflow.ApproveRequest{VacancyID: v.ID, HouseholdID: h.ID, SlotID: v.Slots[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	tn := domain.NewTenancy(a.Match, v, h, &users.Staff.ID, st.Today().AddDays(-100))
	if err := st.CreateTenancy(ctx, tn); err != nil {
		t.Fatal(err)
	}
	if _, err := followups.New(st, testutil.Composer(t), "http://wohnbruecke.test").MakeDue(ctx); err != nil {
		t.Fatal(err)
	}
	fx := &followUpFixture{tenancy: tn, household: h}
	rows, err := st.FollowUps(ctx, store.FollowUpScope{TenancyID: tn.ID})
	if err != nil || len(rows) != 1 {
		t.Fatalf("follow-ups: %d, %v", len(rows), err)
	}
	fx.followUpID = rows[0].ID
	page, err := st.ListOutbox(ctx, store.OutboxFilter{PerPage: 200})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range page.Messages {
		if m.Kind == "landlord_satisfaction_request" {
			if mt := satisfactionLink.FindStringSubmatch(m.BodyText); mt != nil {
				fx.token = mt[1]
			}
		}
	}
	if fx.token == "" {
		t.Fatal("no satisfaction link in the outbox")
	}
	return fx
}

// The follow-up pages end to end without a browser: the staff start page lists the due
// follow-up, its form refuses bad input with German messages, recording "lost" ends the
// tenancy; the landlord answers the satisfaction check through the link without a login,
// once; the pages show German numbers and no internal codes; the landlord's page shows
// none of the forbidden facts.
func TestFollowUpPagesFromTaskToRecord(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		fx := newFollowUpFixture(t, st, users)
		app := testutil.App(t, st)
		staff := testutil.NewClient(t, app)
		staff.Login(users.Staff.Email, testutil.Password)
		home := staff.Get("/arbeitsbereich")
		link := "/nachsorge/" + itoa(fx.followUpID)
		if !strings.Contains(home.Body, "Nachsorge fällig") || !strings.Contains(home.Body, `href="`+link+`"`) {
			t.Fatalf("the staff start page lacks the follow-up task:\n%s", visibleText(home.Body))
		}
		form := staff.Get(link)
		if form.Status != http.StatusOK || !strings.Contains(form.Body, "Wo wohnt der Haushalt heute?") {
			t.Fatalf("form: %d", form.Status)
		}
		bad := staff.Submit(link, link, url.Values{"outcome": {"lost"}, "end_date": {"31.02.2026"}})
		if bad.Status != http.StatusUnprocessableEntity || !strings.Contains(bad.Body, "Bitte geben Sie ein Datum an") {
			t.Fatalf("bad date: %d\n%s", bad.Status, visibleText(bad.Body))
		}
		bad = staff.Submit(link, link, url.Values{"outcome": {"lost"}, "end_date": {st.Today().String()}})
		if bad.Status != http.StatusUnprocessableEntity || !strings.Contains(bad.Body, "warum der Haushalt die Wohnung verloren hat") {
			t.Fatalf("no reason: %d\n%s", bad.Status, visibleText(bad.Body))
		}
		if tn, _ := st.TenancyByID(ctx, fx.tenancy.ID); !tn.Active() {
			t.Fatal("a refused record ended the tenancy")
		}
		ok := staff.Submit(link, link, url.Values{"outcome": {"lost"}, "end_date": {st.Today().AddDays(-3).String()}, "end_reason": {"eviction"}})
		if ok.Status != http.StatusSeeOther {
			t.Fatalf("record: %d\n%s", ok.Status, visibleText(ok.Body))
		}
		if tn, _ := st.TenancyByID(ctx, fx.tenancy.ID); tn.Active() || tn.StablyHoused || *tn.EndReason != domain.EndEviction {
			t.Fatalf("tenancy after the record: %+v", tn)
		}
		done := staff.Get(link)
		if !strings.Contains(done.Body, "hat die Wohnung verloren") || !strings.Contains(done.Body, "Räumung") || strings.Contains(done.Body, "<form method=\"post\" class=\"stack\"") {
			t.Fatalf("recorded follow-up:\n%s", visibleText(done.Body))
		}
		for _, path := range []string{"/nachsorge", link, "/arbeitsbereich/fruehwarnungen", "/arbeitsbereich/statistik/mietverhaeltnisse"} {
			r := staff.Get(path)
			if r.Status != http.StatusOK {
				t.Errorf("%s: %d", path, r.Status)
			}
			text := visibleText(r.Body)
			for _, re := range []*regexp.Regexp{englishDecimal, isoDate, internalCode} {
				if m := re.FindString(text); m != "" && m != "staff" { // "staff Test" is the fixture's name
					t.Errorf("%s shows %q", path, m)
				}
			}
		}
		csv := staff.Get("/arbeitsbereich/statistik/mietverhaeltnisse.csv?tabelle=gesamt")
		if csv.Status != http.StatusOK || !strings.Contains(csv.Body, "alle Mietverhältnisse;1;0;0;–;0;–;") || !strings.Contains(csv.Header.Get("Content-Type"), "text/csv") {
			t.Fatalf("csv: %d %q", csv.Status, csv.Body)
		}

		// The landlord, without a login.
		anon := testutil.NewClient(t, app)
		sat := "/zufriedenheit/" + fx.token
		page := anon.Get(sat)
		if page.Status != http.StatusOK || !strings.Contains(page.Body, fx.household.Reference) || !strings.Contains(page.Body, "Erreichbarkeit Ihrer Ansprechperson") {
			t.Fatalf("satisfaction page: %d\n%s", page.Status, visibleText(page.Body))
		}
		for _, secret := range testutil.LandlordSecrets(fx.household) {
			if strings.Contains(page.Body, secret) {
				t.Errorf("the landlord's page shows %q", secret)
			}
		}
		if page.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("Cache-Control %q", page.Header.Get("Cache-Control"))
		}
		bad = anon.Submit(sat, sat, url.Values{"contact_score": {"5"}})
		if bad.Status != http.StatusUnprocessableEntity || strings.Count(bad.Body, "Bitte wählen Sie eine Antwort.") < 2 {
			t.Fatalf("incomplete answer: %d", bad.Status)
		}
		answer := url.Values{"contact_score": {"5"}, "support_score": {"4"}, "overall_score": {"4"}, "comment": {"Danke!"}}
		if r := anon.Submit(sat, sat, answer); r.Status != http.StatusOK || !strings.Contains(r.Body, "Vielen Dank") {
			t.Fatalf("answer: %d\n%s", r.Status, visibleText(r.Body))
		}
		if r := anon.Get(sat); r.Status != http.StatusNotFound || !strings.Contains(r.Body, "gilt nicht mehr") {
			t.Fatalf("used link: %d", r.Status)
		}
		stats := staff.Get("/arbeitsbereich/statistik/mietverhaeltnisse")
		if !regexp.MustCompile(`nach 3 Monaten\s+1\s+1\s+5,0\s+4,0\s+4,0`).MatchString(visibleText(stats.Body)) {
			t.Errorf("the satisfaction answer is not in the statistics:\n%s", visibleText(stats.Body))
		}
	})
}
