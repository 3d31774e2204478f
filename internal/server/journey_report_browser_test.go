package server_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/workflow"
)

// leasedTenancy starts a tenancy of a household accompanied by users.Caseworker in a flat of
// users' landlord, whose agreement names users.Staff as Ansprechperson (tenancy phase).
func leasedTenancy(t *testing.T, st *store.Store, users testutil.Users) (*domain.Tenancy, *domain.Household, *domain.Vacancy) {
	t.Helper()
	ctx := context.Background()
	agreementFor(t, st, users.LandlordOrg.ID, users.Staff, users.Landlord, true)
	v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
	h := testutil.Household(t, st, func(h *domain.Household) {
		h.CaseworkerID = &users.Caseworker.ID
		testutil.WithLandlordSecrets(h)
	})
	a, err := workflow.New(st, ranking.New(st)).Approve(ctx, domain.Actor{User: users.Staff},
		workflow.ApproveRequest{VacancyID: v.ID, HouseholdID: h.ID, SlotID: v.Slots[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	tn := domain.NewTenancy(a.Match, v, h, &users.Staff.ID, st.Today())
	if err := st.CreateTenancy(ctx, tn); err != nil {
		t.Fatal(err)
	}
	return tn, h, v
}

// TestBrowserJourneyLandlordReport: a landlord files a "Schaden" report about its tenant;
// the companion and the Ansprechperson get the mail; the companion finds it on her start
// page and answers in the portal; the landlord sees the answer and the status; the
// companion closes it and the landlord sees it erledigt. Every page of the tenancy phase
// on the way passes axe and reflows at 320 px.
func TestBrowserJourneyLandlordReport(t *testing.T) {
	st, users := journeyStore(t)
	ctx := context.Background()
	tn, h, v := leasedTenancy(t, st, users)
	box := testutil.StartMailbox(t, st)
	b := testutil.Browse(t, st)
	j := &journey{t: t, b: b}

	b.Login(users.Landlord.Email, testutil.Password)
	j.land("report-landlord-home", b.Visit("/vermieter"), http.StatusOK, "Willkommen")
	j.land("report-landlord-tenancies", j.click("Mietverhältnisse und Meldungen"), http.StatusOK, "Mietverhältnisse und Meldungen")
	j.land("report-landlord-tenancy", j.click(h.Reference), http.StatusOK, "Mietverhältnis "+h.Reference)
	j.land("report-landlord-empty", j.click("Meldung senden"), http.StatusUnprocessableEntity, "Mietverhältnis "+h.Reference)
	if s := b.Text(".error-summary"); !strings.Contains(s, "Bitte wählen Sie, worum es geht.") || !strings.Contains(s, "Bitte beschreiben Sie kurz") {
		t.Fatalf("empty report: %q", s)
	}
	j.check("Schaden")
	j.check("dringend")
	j.fill("body", "Wasserschaden im Bad: Die Decke der Wohnung darunter ist feucht.")
	j.land("report-landlord-filed", j.click("Meldung senden"), http.StatusOK, "Meldung: Schaden")
	if s := b.Text("main"); !strings.Contains(s, "Ihre Meldung ist eingegangen") || !strings.Contains(s, "eingegangen") {
		t.Fatalf("after filing: %q", s)
	}
	reports, err := st.ListReports(ctx, store.ReportFilter{TenancyID: tn.ID})
	if err != nil || len(reports) != 1 || reports[0].Category != domain.ReportDamage || reports[0].Status != domain.ReportReceived {
		t.Fatalf("reports %+v %v", reports, err)
	}
	got := map[string]testutil.Delivered{}
	for _, m := range box.Deliver(t) {
		got[m.To] = m
	}
	for _, who := range []*domain.User{users.Staff, users.Caseworker} {
		m, ok := got[who.Email]
		if !ok || !strings.Contains(m.Subject, "Schaden") || !strings.Contains(m.Text, "Wasserschaden im Bad") {
			t.Fatalf("mail to %s: %+v (all: %v)", who.Name, m, got)
		}
	}
	b.Click("Abmelden")

	b.Login(users.Caseworker.Email, testutil.Password)
	j.land("report-companion-home", b.Visit("/begleitung"), http.StatusOK, "Wohnbegleitung")
	j.land("report-companion-report", j.click("Schaden – "+h.Reference+" · "+v.Street), http.StatusOK, "Meldung: Schaden")
	j.fill("body", "Ich war heute mit der Familie da: Der Spülkasten leckt, der Hausmeister ist bestellt.")
	j.land("report-companion-answered", j.click("Antwort senden"), http.StatusOK, "Meldung: Schaden")
	answered := box.Deliver(t)
	if len(answered) != 1 || answered[0].To != users.Landlord.Email || !strings.Contains(answered[0].Text, "Hausmeister ist bestellt") {
		t.Fatalf("answer mail: %+v", answered)
	}
	j.land("report-companion-tenancy", j.click("Haushalt "+h.Reference), http.StatusOK, "Mietverhältnis "+h.Reference)
	j.land("report-companion-tenancies", b.Visit("/mietverhaeltnisse"), http.StatusOK, "Mietverhältnisse")
	j.land("report-companion-reports", j.click("Alle Meldungen von Vermieter*innen"), http.StatusOK, "Meldungen")
	b.Click("Abmelden")

	b.Login(users.Landlord.Email, testutil.Password)
	j.land("report-landlord-tenancies-2", b.Visit("/vermieter/mietverhaeltnisse"), http.StatusOK, "Mietverhältnisse und Meldungen")
	j.land("report-landlord-answer", j.click("Schaden"), http.StatusOK, "Meldung: Schaden")
	page := b.Text("main")
	if !strings.Contains(page, "Hausmeister ist bestellt") || !strings.Contains(page, "in Bearbeitung – ") {
		t.Fatalf("the landlord does not see the answer and the status: %q", page)
	}
	for _, secret := range testutil.LandlordSecrets(h) {
		if strings.Contains(page, secret) {
			t.Errorf("the landlord's report page shows %q", secret)
		}
	}
	b.Click("Abmelden")

	b.Login(users.Caseworker.Email, testutil.Password)
	j.land("report-companion-again", b.Visit(reportPath(reports[0].ID)), http.StatusOK, "Meldung: Schaden")
	j.land("report-companion-closed", j.click("Als erledigt markieren"), http.StatusOK, "Meldung: Schaden")
	b.Click("Abmelden")

	b.Login(users.Landlord.Email, testutil.Password)
	j.land("report-landlord-closed", b.Visit(landlordReportPath(reports[0].ID)), http.StatusOK, "Meldung: Schaden")
	if s := b.Text("main"); !strings.Contains(s, "erledigt – ") {
		t.Fatalf("the landlord does not see the report closed: %q", s)
	}
	if r, _ := st.ReportByID(ctx, reports[0].ID); r.Status != domain.ReportDone || r.DoneAt == nil || r.FirstAnswerAt == nil {
		t.Fatalf("report at the end: %+v", r)
	}
	t.Logf("report journey: %d pages, %d fields, %d clicks", j.pages, j.fields, j.clicks)
}

func reportPath(id int64) string         { return "/meldungen/" + itoa(id) }
func landlordReportPath(id int64) string { return "/vermieter/meldungen/" + itoa(id) }
