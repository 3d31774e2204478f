package server_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// In the portal the registration date is a staff correction with a reason; the
// caseworker's form does not offer it, and a posted date is refused with a field message.
func TestPortalRegisteredOnCorrection(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		h := testutil.Household(t, st, func(h *domain.Household) { h.CaseworkerID = &users.Caseworker.ID })
		app := testutil.App(t, st)
		edit, action := fmt.Sprintf("/haushalte/%d/bearbeiten", h.ID), fmt.Sprintf("/haushalte/%d", h.ID)

		cw := testutil.NewClient(t, app)
		cw.Login(users.Caseworker.Email, testutil.Password)
		page := cw.Get(edit)
		form, ok := testutil.FormValuesOf(page.Body, action)
		if !ok {
			t.Fatalf("no form (status %d)", page.Status)
		}
		if _, shown := form["registered_on"]; shown {
			t.Error("the caseworker's form offers the registration date")
		}
		form.Set("registered_on", "01.01.2001")
		form.Set("registered_on_reason", "früher")
		if r := cw.PostForm(action, form); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Registrierungsdatum setzt das System") {
			t.Errorf("caseworker back-dating: status %d", r.Status)
		}

		staff := testutil.NewClient(t, app)
		staff.Login(users.Staff.Email, testutil.Password)
		form, _ = testutil.FormValuesOf(staff.Get(edit).Body, action)
		if _, shown := form["registered_on"]; !shown {
			t.Error("the staff form does not offer the registration date for correction")
		}
		form.Set("consents", "data_processing") // the fixture has none
		form.Set("registered_on", "02.05.2024")
		if r := staff.PostForm(action, form); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "warum das Registrierungsdatum") {
			t.Errorf("correction without a reason: status %d", r.Status)
		}
		form.Set("registered_on_reason", "Papierantrag nachgetragen")
		if r := staff.PostForm(action, form); r.Status != http.StatusSeeOther {
			t.Fatalf("correction with a reason: status %d", r.Status)
		}
		got, err := st.HouseholdByID(context.Background(), h.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.RegisteredOn != domain.NewDate(2024, 5, 2) {
			t.Errorf("registered_on %s", got.RegisteredOn)
		}
	})
}
