package server_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/landlords"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/validate"
)

// journey walks pages in Chromium and counts what a person does: every page it lands on
// passes axe-core, reflows at 320 px without horizontal scrolling and is saved as a
// screenshot; fill and click count the fields a person types or chooses and the clicks.
type journey struct {
	t                     *testing.T
	b                     *testutil.Browser
	pages, fields, clicks int
}

// land checks the page the browser is on: status, heading, axe, 320 px reflow, screenshot.
func (j *journey) land(shot string, status, want int, heading string) {
	j.t.Helper()
	j.pages++
	if status != want {
		j.t.Errorf("%s: status %d, want %d", j.b.Path(), status, want)
	}
	if h := j.b.Text("h1"); !strings.Contains(h, heading) {
		j.t.Errorf("%s: heading %q, want %q", j.b.Path(), h, heading)
	}
	j.b.CheckA11y()
	j.b.SetViewport(320, 800, 1)
	j.b.CheckNoHorizontalScroll()
	j.b.SetViewport(1280, 900, 1)
	j.b.Screenshot(shot)
}

func (j *journey) fill(field, value string) { j.t.Helper(); j.fields++; j.b.Fill(field, value) }
func (j *journey) check(field string)       { j.t.Helper(); j.fields++; j.b.Check(field) }
func (j *journey) click(name string) int    { j.t.Helper(); j.clicks++; return j.b.Click(name) }

// setDate sets a date or time input, which Chromium does not fill by typing reliably.
func (j *journey) setDate(id, value string) {
	j.t.Helper()
	j.fields++
	j.b.Eval(fmt.Sprintf(`document.getElementById(%q).value = %q`, id, value), nil)
}

// journeyStore needs the browser and returns a fresh store (PostgreSQL when
// TEST_DATABASE_URL is set) with the seeded accounts.
func journeyStore(t *testing.T) (*store.Store, testutil.Users) {
	t.Helper()
	testutil.RequireBrowser(t)
	dialects := testutil.Dialects(t)
	st := testutil.Open(t, dialects[len(dialects)-1])
	return st, testutil.SeedUsers(t, st)
}

// TestBrowserJourneyNewLandlordToSubmittedVacancy: a landlord staff just invited opens
// the link from the invitation email, sets a password, signs the agreement, follows the
// next step to the first vacancy, is told that a viewing slot is missing instead of being
// offered "Einreichen", adds the slot and submits. Then it keeps its profile up to date.
// The test logs the pages, fields and clicks of the path (from the link to the submitted
// vacancy).
func TestBrowserJourneyNewLandlordToSubmittedVacancy(t *testing.T) {
	st, users := journeyStore(t)
	ctx := context.Background()
	inv, err := landlords.New(st, validate.New(), testComposer(t), "http://localhost").Invite(ctx, domain.Actor{User: users.Staff}, landlords.InviteInput{
		Org:  landlords.Organisation{Name: "Hausverwaltung Volme GmbH", Kind: "company"},
		User: landlords.Person{Name: "Vera Volme", Email: "v.volme@hausverwaltung.test"}, ContactUserID: users.Staff.ID})
	if err != nil {
		t.Fatal(err)
	}
	b := testutil.Browse(t, st)
	j := &journey{t: t, b: b}
	n := 0
	step := func() string { n++; return fmt.Sprintf("landlord-path-%d", n) }

	j.land(step(), b.Visit("/einladung/"+inv.Token), http.StatusOK, "Passwort festlegen")
	j.fill("password", "Ufer der Ennepe 12 ist schön")
	j.fill("password_confirm", "Ufer der Ennepe 12 ist schön")
	j.land(step(), j.click("Passwort speichern"), http.StatusOK, "Willkommen")

	j.land(step(), j.click("Kooperationsvereinbarung"), http.StatusOK, "Kooperationsvereinbarung")
	j.fill("full_name", "Vera Volme")
	j.check("agree")
	j.land(step(), j.click("Verbindlich unterschreiben"), http.StatusOK, "Kooperationsvereinbarung")
	if s := b.Text("#naechster-schritt + p"); !strings.Contains(s, "erstes Wohnungsangebot") {
		t.Fatalf("no next step after signing: %q", s)
	}

	j.land(step(), j.click("Erstes Wohnungsangebot anlegen"), http.StatusOK, "Neues Wohnungsangebot")
	j.fill("street", "Volmestraße 12")
	j.fill("location", "58095|Mittelstadt")
	j.fill("floor", "2")
	j.fill("rooms", "2")
	j.fill("area", "54,5")
	j.fill("net_cold_rent", "330")
	j.fill("service_charges", "95")
	j.fill("heating_costs", "70")
	j.fill("deposit", "990")
	j.setDate("available_from", st.Today().AddDays(30).ISO())
	j.land(step(), j.click("Speichern"), http.StatusOK, "Volmestraße 12")
	if s := b.Text("#einreichen"); !strings.Contains(s, "Besichtigungstermin") {
		t.Fatalf("without a slot the page does not say what is missing: %q", s)
	}
	var offered bool
	b.Eval(`[...document.querySelectorAll("button")].some((e) => e.innerText.trim() === "Einreichen")`, &offered)
	if offered {
		t.Fatal("Einreichen is offered before a viewing slot exists")
	}

	j.setDate("slot_date", st.Today().AddDays(7).ISO())
	j.setDate("slot_from", "16:00")
	j.setDate("slot_to", "16:45")
	j.land(step(), j.click("Termin hinzufügen"), http.StatusOK, "Volmestraße 12")
	j.land(step(), j.click("Einreichen"), http.StatusOK, "Volmestraße 12")
	if s := b.Text(".alert-success"); !strings.Contains(s, "eingereicht") {
		t.Fatalf("after submit: %q", s)
	}
	vs, err := st.VacanciesOfLandlord(ctx, inv.Landlord.ID)
	if err != nil || len(vs) != 1 || vs[0].Status != domain.VacancySubmitted {
		t.Fatalf("vacancies after the journey: %+v %v", vs, err)
	}
	t.Logf("landlord path from the invitation link to the submitted vacancy: %d pages, %d fields, %d clicks", j.pages, j.fields, j.clicks)

	j.land("landlord-vacancies", j.click("Wohnungsangebote"), http.StatusOK, "Wohnungsangebote")
	j.land("landlord-profile", j.click("Profil"), http.StatusOK, "Profil")
	j.fill("contact_name", "Vera Volme")
	j.fill("phone", "02331 998877")
	j.land("landlord-profile-saved", j.click("Angaben speichern"), http.StatusOK, "Profil")
	if l, err := st.LandlordByID(ctx, inv.Landlord.ID); err != nil || l.Phone != "02331 998877" {
		t.Fatalf("profile after saving: %+v %v", l, err)
	}
}

// TestBrowserJourneyAdminDeactivatesTeamAccount: an admin opens a staff account from the
// account list, deactivates it and reactivates it, and opens a landlord's page from the
// staff's landlord list.
func TestBrowserJourneyAdminDeactivatesTeamAccount(t *testing.T) {
	st, users := journeyStore(t)
	ctx := context.Background()
	agreementFor(t, st, users.LandlordOrg.ID, users.Staff, users.Landlord, true)
	testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
	b := testutil.Browse(t, st)
	j := &journey{t: t, b: b}
	b.Login(users.Admin.Email, testutil.Password)

	j.land("admin-home", b.Visit("/verwaltung"), http.StatusOK, "Verwaltung")
	j.land("admin-account", j.click(users.Staff.Name), http.StatusOK, "Zugang von "+users.Staff.Name)
	j.land("admin-team", j.click("Zugang deaktivieren"), http.StatusOK, "Zugang von "+users.Staff.Name)
	if u, err := st.UserByID(ctx, users.Staff.ID); err != nil || u.Active {
		t.Fatalf("staff account after deactivation: %+v %v", u, err)
	}
	if s := b.Text("dl.facts"); !strings.Contains(s, "deaktiviert") {
		t.Errorf("the account page does not say deactivated: %q", s)
	}
	j.land("admin-team-reactivated", j.click("Zugang wieder aktivieren"), http.StatusOK, "Zugang von "+users.Staff.Name)
	if u, err := st.UserByID(ctx, users.Staff.ID); err != nil || !u.Active {
		t.Fatalf("staff account after reactivation: %+v %v", u, err)
	}

	j.land("staff-landlords", b.Visit("/arbeitsbereich/vermieter"), http.StatusOK, "Vermieter*innen")
	j.land("staff-landlord", j.click(users.LandlordOrg.Name), http.StatusOK, users.LandlordOrg.Name)
	if s := b.Text("main"); !strings.Contains(s, "Kontingent") || !strings.Contains(s, "Elberfelder Straße 12") {
		t.Errorf("the landlord page lacks the quota or the vacancies: %q", s)
	}
}
