package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

func TestLandlordPreparesFixesAndSubmitsAVacancy(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		agreementFor(t, st, users.LandlordOrg.ID, users.Staff, nil, false)
		c := testutil.NewClient(t, testutil.App(t, st))
		c.Login(users.Landlord.Email, testutil.Password)

		form := vacancyForm(st)
		form.Set("rooms", "12")
		form.Set("net_cold_rent", "90")
		bad := c.Submit("/vermieter/angebote/neu", "/vermieter/angebote/neu", form)
		if bad.Status != http.StatusUnprocessableEntity {
			t.Fatalf("invalid vacancy: status %d, want 422", bad.Status)
		}
		for _, want := range []string{`href="#rooms"`, "zwischen 0,5 und 10 Zimmer", `aria-describedby="rooms-hint rooms-error"`,
			`value="Lange Straße 7"`, `value="58089|Wehringhausen" selected`, `href="#rent_confirmed"`, `id="rent_confirmed"`} {
			if !strings.Contains(bad.Body, want) {
				t.Errorf("invalid form lacks %q", want)
			}
		}
		form.Set("rooms", "2,5")
		form.Set("net_cold_rent", "360")
		ok := c.Submit("/vermieter/angebote/neu", "/vermieter/angebote/neu", form)
		m := idInLocation.FindStringSubmatch(ok.Header.Get("Location"))
		if ok.Status != http.StatusSeeOther || m == nil {
			t.Fatalf("fixed vacancy: status %d location %q", ok.Status, ok.Header.Get("Location"))
		}
		page := "/vermieter/angebote/" + m[1]
		detail := c.Get(page)
		for _, want := range []string{"Lange Straße 7, 58089 Hagen-Wehringhausen", "Hagen-Mitte", "2,5 Zimmer", "470,00 €", "Entwurf",
			"Ihre Ansprechperson bei der Stadt Hagen", users.Staff.Name} {
			if !strings.Contains(detail.Body, want) {
				t.Errorf("detail page lacks %q", want)
			}
		}

		early := c.Submit(page, page+"/einreichen", nil)
		if early.Status != http.StatusConflict || !strings.Contains(early.Body, "unterschreiben Sie zuerst die Kooperationsvereinbarung") {
			t.Fatalf("submit without agreement: status %d", early.Status)
		}
		sign := c.Submit("/vermieter/vereinbarung", "/vermieter/vereinbarung", url.Values{"tracks": {"certificate"},
			"yearly_quota": {"4"}, "full_name": {"Erika Mustermann"}, "agree": {"1"}})
		if sign.Status != http.StatusSeeOther {
			t.Fatalf("sign: status %d", sign.Status)
		}
		if body := c.Get("/vermieter/vereinbarung/druck").Body; !strings.Contains(body, "Unterschrieben</strong> von Erika Mustermann") || !strings.Contains(body, "Fassung 2026-01") {
			t.Error("print copy lacks the signature with name and version")
		}

		noSlot := c.Submit(page, page+"/einreichen", nil)
		if noSlot.Status != http.StatusConflict || !strings.Contains(noSlot.Body, "mindestens einen Besichtigungstermin") {
			t.Fatalf("submit without slot: status %d", noSlot.Status)
		}
		slot := url.Values{"slot_date": {st.Today().AddDays(-1).ISO()}, "slot_from": {"10:00"}, "slot_to": {"10:30"},
			"slot_place": {"Hauseingang"}, "slot_capacity": {"2"}}
		past := c.Submit(page, page+"/termine", slot)
		if past.Status != http.StatusUnprocessableEntity || !strings.Contains(past.Body, `href="#slot_date"`) {
			t.Fatalf("slot in the past: status %d", past.Status)
		}
		slot.Set("slot_date", st.Today().AddDays(5).ISO())
		if r := c.Submit(page, page+"/termine", slot); r.Status != http.StatusSeeOther {
			t.Fatalf("slot: status %d", r.Status)
		}
		if r := c.Submit(page, page+"/einreichen", nil); r.Status != http.StatusSeeOther {
			t.Fatalf("submit: status %d %s", r.Status, r.Body)
		}
		if !strings.Contains(c.Get(page).Body, "eingereicht") {
			t.Error("vacancy not shown as submitted")
		}
		if r := c.Get(page + "/bearbeiten"); r.Status != http.StatusOK {
			t.Fatalf("edit form of submitted vacancy: %d", r.Status)
		}
		if r := c.Submit(page, page+"/bearbeiten", vacancyForm(st)); r.Status != http.StatusConflict {
			t.Errorf("edit of a submitted vacancy: status %d, want 409", r.Status)
		}
		dup := c.Submit(page, page+"/kopieren", nil)
		if dup.Status != http.StatusSeeOther || !strings.HasSuffix(dup.Header.Get("Location"), "/bearbeiten") {
			t.Fatalf("duplicate: status %d", dup.Status)
		}
		if body := c.Get(dup.Header.Get("Location")).Body; !strings.Contains(body, `value="Lange Straße 7"`) {
			t.Error("the copy does not carry the original's values")
		}
		if r := c.Submit(page, page+"/zurueckziehen", nil); r.Status != http.StatusSeeOther || !strings.Contains(c.Get(page).Body, "zurückgezogen") {
			t.Errorf("withdraw: status %d", r.Status)
		}
		counts, err := st.VacancyCounts(context.Background(), users.LandlordOrg.ID)
		if err != nil {
			t.Fatal(err)
		}
		if counts["withdrawn"] != 1 || counts["draft"] != 1 {
			t.Errorf("vacancy counts %v, want one withdrawn and one draft (the copy)", counts)
		}
	})
}
