package server_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/landlords"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/vacancies"
	"wohnbruecke/internal/validate"
	"wohnbruecke/internal/workflow"
)

// TestBrowserLandlordFromInvitationToDecision clicks the landlord's whole path in Chromium
// against the real server (PostgreSQL when TEST_DATABASE_URL is set): accept the
// invitation, sign the agreement, create a vacancy with a validation error, fix it, add
// a slot, submit; staff publish and approve a household; the landlord sees the proposal
// and records a Zusage. Every page passes axe-core at WCAG 2.1 AA and is saved as a
// screenshot; the vacancy form reflows at 320 px.
func TestBrowserLandlordFromInvitationToDecision(t *testing.T) {
	testutil.RequireBrowser(t)
	dialects := testutil.Dialects(t)
	clk := clock.At(time.Date(2026, time.March, 2, 9, 0, 0, 0, domain.Berlin))
	st := testutil.OpenAt(t, dialects[len(dialects)-1], clk)
	ctx := context.Background()
	users := testutil.SeedUsers(t, st)
	v := validate.New()
	staff := domain.Actor{User: users.Staff}
	inv, err := landlords.New(st, v, testComposer(t), "http://localhost").Invite(ctx, staff, landlords.InviteInput{
		Org:  landlords.Organisation{Name: "Wohnungsverein Test eG", Kind: "cooperative"},
		User: landlords.Person{Name: "Maria Klein", Email: "m.klein@wohnungsverein.test"}, ContactUserID: users.Staff.ID, Guarantee: true})
	if err != nil {
		t.Fatal(err)
	}
	b := testutil.Browse(t, st)
	check := pageCheck(t, b)
	setValue := func(id, value string) { b.Eval(fmt.Sprintf(`document.getElementById(%q).value = %q`, id, value), nil) }

	check("invitation", b.Visit("/einladung/"+inv.Token), http.StatusOK, "Passwort festlegen")
	b.Fill("password", "Hagen ist schön 2026")
	b.Fill("password_confirm", "Hagen ist schön 2026")
	check("home", b.Click("Passwort speichern"), http.StatusOK, "Willkommen, Wohnungsverein Test eG")

	check("agreement", b.Visit("/vermieter/vereinbarung"), http.StatusOK, "Kooperationsvereinbarung")
	b.Fill("full_name", "Maria Klein")
	b.Check("agree")
	check("agreement-signed", b.Click("Verbindlich unterschreiben"), http.StatusOK, "Kooperationsvereinbarung")
	check("agreement-print", b.Visit("/vermieter/vereinbarung/druck"), http.StatusOK, "Druckfassung")

	check("vacancy-new", b.Visit("/vermieter/angebote/neu"), http.StatusOK, "Neues Wohnungsangebot")
	b.Fill("street", "Eppenhauser Straße 40")
	b.Fill("location", "58093|Emst")
	b.Fill("floor", "1")
	b.Fill("rooms", "12")
	b.Fill("area", "61,5")
	b.Fill("net_cold_rent", "365")
	b.Fill("service_charges", "105")
	b.Fill("heating_costs", "80")
	b.Fill("deposit", "1095")
	setValue("available_from", st.Today().AddDays(21).ISO())
	check("vacancy-error", b.Click("Speichern"), http.StatusUnprocessableEntity, "Neues Wohnungsangebot")
	if s := b.Text(".error-summary"); !strings.Contains(s, "zwischen 0,5 und 10 Zimmer") {
		t.Fatalf("error summary: %q", s)
	}
	b.SetViewport(320, 800, 1)
	b.CheckNoHorizontalScroll()
	b.Screenshot("vacancy-error-320px")
	b.SetViewport(640, 900, 2) // 200 % zoom of a 1280 px window
	b.CheckNoHorizontalScroll()
	b.SetViewport(1280, 900, 1)
	b.Fill("rooms", "2,5")
	check("vacancy-saved", b.Click("Speichern"), http.StatusOK, "Eppenhauser Straße 40")

	setValue("slot_date", st.Today().AddDays(3).ISO())
	setValue("slot_from", "16:00")
	setValue("slot_to", "16:45")
	check("vacancy-slot", b.Click("Termin hinzufügen"), http.StatusOK, "Eppenhauser Straße 40")
	check("vacancy-submitted", b.Click("Einreichen"), http.StatusOK, "Eppenhauser Straße 40")
	if s := b.Text(".alert-success"); !strings.Contains(s, "eingereicht") {
		t.Fatalf("after submit: %q", s)
	}

	vs, err := st.VacanciesOfLandlord(ctx, inv.Landlord.ID)
	if err != nil || len(vs) != 1 || len(vs[0].Slots) != 1 {
		t.Fatalf("vacancies %+v %v", vs, err)
	}
	wf := workflow.New(st, ranking.New(st))
	if err := vacancies.New(st, v, wf, testComposer(t), "http://localhost").Publish(ctx, staff, vs[0].ID); err != nil {
		t.Fatal(err)
	}
	h := testutil.Household(t, st, nil)
	approved, err := wf.Approve(ctx, staff, workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: vs[0].ID, HouseholdID: h.ID, SlotID: vs[0].Slots[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	check("vacancy-proposal", b.Visit(fmt.Sprintf("/vermieter/angebote/%d", vs[0].ID)), http.StatusOK, "Eppenhauser Straße 40")
	if s := b.Text("#vorschlaege + p + section"); !strings.Contains(s, h.Reference) {
		t.Fatalf("proposal section: %q", s)
	}
	decision := fmt.Sprintf("/vermieter/angebote/%d/vorschlaege/%d", vs[0].ID, approved.Match.ID)
	check("decision-later", b.Visit(decision), http.StatusOK, "Entscheidung")
	if s := b.Text(".alert-info"); !strings.Contains(s, "noch nicht stattgefunden") {
		t.Fatalf("outcome page before the viewing: %q", s)
	}
	clk.Set(vs[0].Slots[0].StartsAt.Add(time.Minute)) // the viewing has begun; the session has idled out
	b.Login("m.klein@wohnungsverein.test", "Hagen ist schön 2026")
	check("decision", b.Visit(decision), http.StatusOK, "Entscheidung")
	b.Check("decision-0")
	check("decision-saved", b.Click("Entscheidung speichern"), http.StatusOK, "Eppenhauser Straße 40")
	m, err := st.MatchByID(ctx, approved.Match.ID)
	if err != nil || m.State != "landlord_accepted" {
		t.Fatalf("match after Zusage: %+v %v", m, err)
	}
	check("vacancies", b.Visit("/vermieter/angebote"), http.StatusOK, "Wohnungsangebote")
	check("colleagues", b.Visit("/vermieter/kolleginnen"), http.StatusOK, "Zugänge")
}
