package server_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"wohnbruecke/internal/demo"
	"wohnbruecke/internal/testutil"
)

// TestBrowserFollowUpsJourney walks the follow-up pages in Chromium on the demo data: the
// staff member goes from the start page's link to the due follow-up and records "still in the
// flat"; the Nachsorge list, the early warnings and the tenancy statistics; the caseworker's
// Nachsorge; and the landlord answers the satisfaction check through the link without a
// login. Every page passes axe-core and reflows at 320 px.
func TestBrowserFollowUpsJourney(t *testing.T) {
	st, users := journeyStore(t)
	if _, err := demo.Load(context.Background(), st, demo.Options{}); err != nil {
		t.Fatal(err)
	}
	fx := newFollowUpFixture(t, st, users)
	b := testutil.Browse(t, st)
	j := &journey{t: t, b: b}

	b.Login(users.Staff.Email, testutil.Password)
	j.land("followups-start", http.StatusOK, http.StatusOK, "Arbeitsbereich")
	status := j.click("Nachsorge nach 3, 6, 12 und 24 Monaten")
	j.land("followups-due", status, http.StatusOK, "Nachsorge")
	status = j.click(fx.household.Reference)
	j.land("followups-form", status, http.StatusOK, "Nachsorge nach 3 Monaten")
	j.check("wohnt noch in der vermittelten Wohnung")
	status = j.click("Nachsorge eintragen")
	j.land("followups-list", status, http.StatusOK, "Nachsorge")
	if !strings.Contains(b.Text("main"), "ist eingetragen") {
		t.Errorf("no confirmation after the record: %q", b.Text("main"))
	}
	for _, p := range []struct{ path, heading string }{
		{fmt.Sprintf("/nachsorge/%d", fx.followUpID), "Nachsorge nach 3 Monaten"},
		{"/arbeitsbereich/fruehwarnungen", "Frühwarnungen"},
		{"/arbeitsbereich/statistik/mietverhaeltnisse", "Statistik der Mietverhältnisse"},
	} {
		j.land("followups"+strings.ReplaceAll(p.path, "/", "-"), b.Visit(p.path), http.StatusOK, p.heading)
	}
	b.Click("Abmelden")

	b.Login("klartext@wohnbruecke.demo", demo.Password)
	j.land("followups-caseworker", b.Visit("/nachsorge"), http.StatusOK, "Nachsorge")
	b.Click("Abmelden")

	sat := "/zufriedenheit/" + fx.token
	j.land("followups-satisfaction", b.Visit(sat), http.StatusOK, "Zufriedenheit")
	j.check("contact_score-4")
	j.check("support_score-3")
	j.check("overall_score-4")
	j.fill("comment", "Alles bestens.")
	status = j.click("Antwort senden")
	j.land("followups-satisfaction-done", status, http.StatusOK, "Zufriedenheit")
	if !strings.Contains(b.Text("main"), "Vielen Dank") {
		t.Errorf("no thanks: %q", b.Text("main"))
	}
	j.land("followups-satisfaction-used", b.Visit(sat), http.StatusNotFound, "Zufriedenheit")
	t.Logf("%d pages, %d fields, %d clicks", j.pages, j.fields, j.clicks)
}
