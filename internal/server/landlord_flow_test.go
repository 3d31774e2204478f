package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/workflow"
)

// TestLandlordFlowSaysWhatIsMissing walks a landlord's draft without a viewing slot: the
// vacancy page explains what is missing instead of offering "Einreichen", a submission
// anyway is refused on the vacancy page (not a generic error page), and once a slot exists
// the button is there and the submission goes through.
func TestLandlordFlowSaysWhatIsMissing(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		agreementFor(t, st, users.LandlordOrg.ID, users.Staff, users.Landlord, true)
		draft := testutil.Vacancy(t, st, users.LandlordOrg.ID, func(v *domain.Vacancy) {
			v.Status, v.Slots, v.AcceptsFachstelle = domain.VacancyDraft, nil, false
		})
		// A draft whose data no longer fits the agreement (it does not take the Fachstelle's households).
		misfit := testutil.Vacancy(t, st, users.LandlordOrg.ID, func(v *domain.Vacancy) { v.Status = domain.VacancyDraft })
		c := testutil.NewClient(t, testutil.App(t, st))
		c.Login(users.Landlord.Email, testutil.Password)
		page := fmt.Sprintf("/vermieter/angebote/%d", draft.ID)
		submit := `action="` + page + `/einreichen"`

		body := c.Get(page).Body
		if strings.Contains(body, submit) || !strings.Contains(body, "Noch nicht bereit zum Einreichen") || !strings.Contains(body, `href="#termine"`) {
			t.Fatal("a draft without a slot offers Einreichen or does not say that a slot is missing")
		}
		r := c.Submit(page, page+"/einreichen", nil)
		if r.Status != http.StatusConflict || !strings.Contains(r.Body, "Besichtigungstermin in der Zukunft") || !strings.Contains(r.Body, "Neuer Termin") {
			t.Fatalf("submission without a slot: status %d, want 409 on the vacancy page", r.Status)
		}
		misfitPage := fmt.Sprintf("/vermieter/angebote/%d", misfit.ID)
		if r := c.Submit(misfitPage, misfitPage+"/einreichen", nil); r.Status != http.StatusUnprocessableEntity ||
			!strings.Contains(r.Body, `href="#tracks"`) || !strings.Contains(r.Body, `action="`+misfitPage+`/bearbeiten"`) {
			t.Errorf("submission of data that does not fit: status %d, want 422 on the edit form with the field message", r.Status)
		}
		slot := url.Values{"slot_date": {st.Today().AddDays(5).ISO()}, "slot_from": {"15:00"}, "slot_to": {"15:45"},
			"slot_place": {"Hauseingang"}, "slot_capacity": {"1"}}
		if r := c.Submit(page, page+"/termine", slot); r.Status != http.StatusSeeOther {
			t.Fatalf("add slot: %d", r.Status)
		}
		if body := c.Get(page).Body; !strings.Contains(body, submit) || strings.Contains(body, "Noch nicht bereit") {
			t.Fatal("with a slot the page still does not offer Einreichen")
		}
		if r := c.Submit(page, page+"/einreichen", nil); r.Status != http.StatusSeeOther {
			t.Fatalf("submission with a slot: %d", r.Status)
		}
		if v, err := st.VacancyByID(context.Background(), draft.ID); err != nil || v.Status != domain.VacancySubmitted {
			t.Fatalf("after submission: %v %v", v.Status, err)
		}
	})
}

// TestLandlordSeesProposalsFirst: the vacancy page puts approved proposals before the
// flat's data, and the vacancy list counts them.
func TestLandlordSeesProposalsFirst(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
		quiet := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
		h := testutil.Household(t, st, nil)
		if _, err := workflow.New(st, ranking.New(st)).Approve(ctx, domain.Actor{User: users.Staff},
			workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: v.ID, HouseholdID: h.ID, SlotID: v.Slots[0].ID}); err != nil {
			t.Fatal(err)
		}
		c := testutil.NewClient(t, testutil.App(t, st))
		c.Login(users.Landlord.Email, testutil.Password)
		body := c.Get(fmt.Sprintf("/vermieter/angebote/%d", v.ID)).Body
		props, facts := strings.Index(body, `id="vorschlaege"`), strings.Index(body, "<h2>Angaben</h2>")
		if props < 0 || facts < 0 || props > facts {
			t.Errorf("proposals at %d, the flat's data at %d: proposals must come first", props, facts)
		}
		list := c.Get("/vermieter/angebote").Body
		if !strings.Contains(list, fmt.Sprintf(`<a href="/vermieter/angebote/%d#vorschlaege">1</a>`, v.ID)) || !strings.Contains(list, "1 laufend") {
			t.Error("the vacancy list does not count the proposal")
		}
		if strings.Contains(list, fmt.Sprintf(`/vermieter/angebote/%d#vorschlaege`, quiet.ID)) {
			t.Error("the vacancy list links proposals of a vacancy without any")
		}
	})
}

// TestAgreementShowsTheNextStep: after signing, the agreement page leads to the first
// vacancy.
func TestAgreementShowsTheNextStep(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		agreementFor(t, st, users.LandlordOrg.ID, users.Staff, users.Landlord, false)
		c := testutil.NewClient(t, testutil.App(t, st))
		c.Login(users.Landlord.Email, testutil.Password)
		r := c.Submit("/vermieter/vereinbarung", "/vermieter/vereinbarung", url.Values{"tracks": {"certificate"}, "yearly_quota": {"2"},
			"full_name": {"Erika Mustermann"}, "agree": {"on"}})
		if r.Status != http.StatusSeeOther {
			t.Fatalf("sign: %d", r.Status)
		}
		body := c.Get("/vermieter/vereinbarung").Body
		if !strings.Contains(body, "Nächster Schritt") || !strings.Contains(body, `href="/vermieter/angebote/neu"`) {
			t.Error("the signed agreement page shows no next step to the first vacancy")
		}
	})
}

// TestLandlordKeepsItsProfile: the landlord edits its own organisation data and
// Ansprechperson, with field messages for wrong input and an audit entry naming the
// changed fields; staff see the result on the landlord's page.
func TestLandlordKeepsItsProfile(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		agreementFor(t, st, users.LandlordOrg.ID, users.Staff, users.Landlord, true)
		app := testutil.App(t, st)
		c := testutil.NewClient(t, app)
		c.Login(users.Landlord.Email, testutil.Password)
		form := url.Values{"name": {users.LandlordOrg.Name}, "kind": {"company"}, "contact_name": {""},
			"street": {"Körnerstraße 10"}, "postal_code": {"580"}, "city": {"Hagen"}, "email": {"info@stadtwohnen.test"}, "phone": {"02331 4711"}}
		bad := c.Submit("/vermieter/profil", "/vermieter/profil", form)
		if bad.Status != http.StatusUnprocessableEntity || !strings.Contains(bad.Body, `href="#contact_name"`) || !strings.Contains(bad.Body, `href="#postal_code"`) ||
			!strings.Contains(bad.Body, "Körnerstraße 10") {
			t.Fatalf("invalid profile: status %d, want 422 with messages for contact_name and postal_code and the values kept", bad.Status)
		}
		form.Set("contact_name", "Paula Profil")
		form.Set("postal_code", "58095")
		if r := c.Submit("/vermieter/profil", "/vermieter/profil", form); r.Status != http.StatusSeeOther {
			t.Fatalf("save profile: %d", r.Status)
		}
		l, err := st.LandlordByID(ctx, users.LandlordOrg.ID)
		if err != nil {
			t.Fatal(err)
		}
		if l.ContactName != "Paula Profil" || l.Street != "Körnerstraße 10" || l.PostalCode != "58095" || l.Phone != "02331 4711" {
			t.Fatalf("stored profile: %+v", l)
		}
		entries, err := st.AuditEntries(ctx, "landlord", l.ID, 10, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) == 0 || entries[0].Action != "landlord.profile" || !strings.Contains(entries[0].Detail, "Kontaktperson") ||
			strings.Contains(entries[0].Detail, "Paula") {
			t.Errorf("audit of the profile change: %+v", entries)
		}
		staff := testutil.NewClient(t, app)
		staff.Login(users.Staff.Email, testutil.Password)
		if list := staff.Get("/arbeitsbereich/vermieter").Body; !strings.Contains(list, fmt.Sprintf(`href="/arbeitsbereich/vermieter/%d"`, l.ID)) {
			t.Error("the staff's landlord list does not link the landlord's page")
		}
		body := staff.Get(fmt.Sprintf("/arbeitsbereich/vermieter/%d", l.ID)).Body
		for _, want := range []string{"Paula Profil", "Körnerstraße 10, 58095 Hagen", "02331 4711", "Erika Mustermann", "Jährliches Kontingent", "3 Wohnungen", users.Landlord.Email} {
			if !strings.Contains(body, want) {
				t.Errorf("the staff's landlord page lacks %q", want)
			}
		}
	})
}

// TestLandlordRefusalsStayOnTheirPage: rules that refuse a landlord's action (a vacancy
// already submitted, an agreement already signed, a booked slot) answer 409 on the page of
// the action with the reason, not on the generic error page.
func TestLandlordRefusalsStayOnTheirPage(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		agreementFor(t, st, users.LandlordOrg.ID, users.Staff, users.Landlord, true)
		published := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
		if _, err := workflow.New(st, ranking.New(st)).Approve(context.Background(), domain.Actor{User: users.Staff},
			workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: published.ID, HouseholdID: testutil.Household(t, st, nil).ID, SlotID: published.Slots[0].ID}); err != nil {
			t.Fatal(err)
		}
		c := testutil.NewClient(t, testutil.App(t, st))
		c.Login(users.Landlord.Email, testutil.Password)
		page := fmt.Sprintf("/vermieter/angebote/%d", published.ID)
		cases := []struct {
			name, form, action, heading, reason string
			values                              url.Values
		}{
			{"edit a published vacancy", page, page + "/bearbeiten", "Wohnungsangebot bearbeiten", "Nur Entwürfe können geändert werden", vacancyForm(st)},
			{"sign twice", "/vermieter/vereinbarung", "/vermieter/vereinbarung", "Kooperationsvereinbarung", "bereits unterschrieben",
				url.Values{"tracks": {"certificate"}, "yearly_quota": {"2"}, "full_name": {"Erika Mustermann"}, "agree": {"on"}}},
			{"delete a booked slot", page, fmt.Sprintf("%s/termine/%d/loeschen", page, published.Slots[0].ID), published.Street, "bereits ein Haushalt eingeplant", nil},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				r := c.Submit(tc.form, tc.action, tc.values)
				if r.Status != http.StatusConflict || !strings.Contains(r.Body, tc.reason) || !strings.Contains(r.Body, "<h1>"+tc.heading) {
					t.Errorf("status %d, want 409 on the page %q with %q", r.Status, tc.heading, tc.reason)
				}
			})
		}
	})
}
