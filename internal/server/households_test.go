package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

func householdForm(year int) url.Values {
	return url.Values{
		"contact_name": {"Petya Ivanova"}, "email": {"petya@example.org"}, "language": {"bg"}, "benefit": {"sgb2"},
		"members[0].birth_year": {fmt.Sprint(year - 31)}, "members[0].sex": {"f"},
		"members[1].birth_year": {fmt.Sprint(year - 4)}, "members[1].sex": {"m"},
		"has_certificate": {"1"}, "certificate.passed_on": {"01.02.2026"},
		"needs.preferred_boroughs": {"mitte", "haspe"}, "consents": {"data_processing", "share_with_landlord"},
	}
}

func TestHouseholdFormKeepsValuesAndShowsErrorsThenSaves(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		c := testutil.NewClient(t, testutil.App(t, st))
		c.Login(users.Staff.Email, testutil.Password)
		form := householdForm(st.Today().Year())
		form.Set("email", "petya(at)example")
		form.Set("certificate.passed_on", "31.02.2026")
		resp := c.Submit("/haushalte/neu", "/haushalte", form)
		if resp.Status != http.StatusUnprocessableEntity {
			t.Fatalf("status %d, want 422", resp.Status)
		}
		for _, want := range []string{
			`<a href="#email">Bitte geben Sie eine gültige E-Mail-Adresse an`,
			`<a href="#certificate.passed_on">Bitte geben Sie ein Datum an`,
			`value="Petya Ivanova"`, `value="petya(at)example"`,
			`aria-describedby="email-hint email-error"`, `value="haspe" checked`,
		} {
			if !strings.Contains(resp.Body, want) {
				t.Errorf("page lacks %q", want)
			}
		}
		// An unreadable optional field alone also stops the save (it must not vanish silently).
		form = householdForm(st.Today().Year())
		form.Set("needs.earliest_move_in", "bald")
		if resp := c.Submit("/haushalte/neu", "/haushalte", form); resp.Status != http.StatusUnprocessableEntity ||
			!strings.Contains(resp.Body, `<a href="#needs.earliest_move_in">`) {
			t.Fatalf("unreadable optional date: status %d", resp.Status)
		}
		if _, total, _ := st.ListHouseholds(context.Background(), store.HouseholdFilter{}); total != 0 {
			t.Fatalf("%d households stored from invalid forms", total)
		}
		form = householdForm(st.Today().Year())
		resp = c.Submit("/haushalte/neu", "/haushalte", form)
		if resp.Status != http.StatusSeeOther {
			t.Fatalf("valid form: status %d\n%s", resp.Status, resp.Body)
		}
		show := c.Get(resp.Header.Get("Location"))
		if !strings.Contains(show.Body, "wurde aufgenommen") || !strings.Contains(show.Body, "Petya Ivanova") ||
			!strings.Contains(show.Body, "bestanden am 01.02.2026") || !strings.Contains(show.Body, "Hagen-Mitte, Haspe") {
			t.Fatalf("detail page after create:\n%s", show.Body)
		}
		list := c.Get("/haushalte?q=ivanova")
		if !strings.Contains(list.Body, "1 Haushalte") || !strings.Contains(list.Body, "Petya Ivanova") {
			t.Fatal("search did not find the household")
		}
	})
}

func TestCaseworkerCannotOpenOtherHouseholds(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		mine := testutil.Household(t, st, func(h *domain.Household) { h.CaseworkerID = &users.Caseworker.ID })
		other := testutil.Household(t, st, func(h *domain.Household) { h.ContactName = "Fremder Haushalt" })
		c := testutil.NewClient(t, testutil.App(t, st))
		c.Login(users.Caseworker.Email, testutil.Password)
		if r := c.Get(fmt.Sprintf("/haushalte/%d", mine.ID)); r.Status != http.StatusOK {
			t.Fatalf("own household: %d", r.Status)
		}
		for _, path := range []string{"/haushalte/%d", "/haushalte/%d/bearbeiten"} {
			if r := c.Get(fmt.Sprintf(path, other.ID)); r.Status != http.StatusNotFound {
				t.Errorf("%s of another household: %d, want 404", path, r.Status)
			}
		}
		if r := c.Submit("/haushalte", fmt.Sprintf("/haushalte/%d/abschliessen", other.ID), url.Values{"reason": {"no_need"}}); r.Status != http.StatusNotFound {
			t.Errorf("closing another household: %d, want 404", r.Status)
		}
		if list := c.Get("/haushalte"); strings.Contains(list.Body, "Fremder Haushalt") || !strings.Contains(list.Body, mine.Reference) {
			t.Error("caseworker list shows another household or misses their own")
		}
		landlord := testutil.NewClient(t, testutil.App(t, st))
		landlord.Login(users.Landlord.Email, testutil.Password)
		if r := landlord.Get(fmt.Sprintf("/haushalte/%d", mine.ID)); r.Status != http.StatusForbidden {
			t.Errorf("landlord on household page: %d, want 403", r.Status)
		}
	})
}

func TestPauseNeedsReasonAndFutureDate(t *testing.T) {
	st := testutil.Open(t, "sqlite")
	users := testutil.SeedUsers(t, st)
	h := testutil.Household(t, st, nil)
	c := testutil.NewClient(t, testutil.App(t, st))
	c.Login(users.Staff.Email, testutil.Password)
	page := fmt.Sprintf("/haushalte/%d", h.ID)
	r := c.Submit(page, page+"/status", url.Values{"action": {"pause"}, "paused_until": {"01.01.2020"}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("status %d", r.Status)
	}
	body := c.Get(page).Body
	if !strings.Contains(body, "Bitte geben Sie einen Grund für die Pause an.") || !strings.Contains(body, "alert-error") {
		t.Fatal("pause without reason: no German error")
	}
	until := st.Today().AddDays(10).String()
	c.Submit(page, page+"/status", url.Values{"action": {"pause"}, "paused_reason": {"Klinik"}, "paused_until": {until}})
	if body := c.Get(page).Body; !strings.Contains(body, "pausiert</strong> bis "+until+" (Klinik)") {
		t.Fatal("pause not shown")
	}
}
