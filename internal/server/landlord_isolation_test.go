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

// TestLandlordRoutesAnswer404ForAnotherLandlordsRecords sends every landlord route with
// the ids of another landlord's vacancy, slot and proposal: each must answer 404 (not 403,
// which would confirm the id) and change nothing. The owner's requests succeed, so the
// 404s are about ownership, not broken routes.
func TestLandlordRoutesAnswer404ForAnotherLandlordsRecords(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		other, otherUser := landlordWithUser(t, st, "Andere Wohnbau eG", "andere@test.de")
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
		h := testutil.Household(t, st, nil)
		if _, err := workflow.New(st, ranking.New(st)).Approve(ctx, domain.Actor{User: users.Staff},
			workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: v.ID, HouseholdID: h.ID, SlotID: v.Slots[0].ID}); err != nil {
			t.Fatal(err)
		}
		props, err := st.ProposalsForVacancy(ctx, v.ID)
		if err != nil || len(props) != 1 {
			t.Fatalf("proposals %v %v", props, err)
		}
		free := &domain.ViewingSlot{VacancyID: v.ID, StartsAt: v.Slots[0].StartsAt.Add(24 * 3600e9), EndsAt: v.Slots[0].EndsAt.Add(24 * 3600e9), Place: "Hof", Capacity: 1}
		if err := st.CreateSlot(ctx, free); err != nil {
			t.Fatal(err)
		}
		ownDraft := testutil.Vacancy(t, st, other.ID, func(d *domain.Vacancy) { d.Status, d.Street = "draft", "Wehringhauser Straße 3" })
		base := fmt.Sprintf("/vermieter/angebote/%d", v.ID)
		slotForm := url.Values{"slot_date": {st.Today().AddDays(4).ISO()}, "slot_from": {"09:00"}, "slot_to": {"09:30"}, "slot_place": {"Tür"}, "slot_capacity": {"1"}}
		routes := []struct {
			method, path string
			form         url.Values
		}{
			{"GET", base, nil},
			{"GET", base + "/bearbeiten", nil},
			{"POST", base + "/bearbeiten", vacancyForm(st)},
			{"POST", base + "/kopieren", nil},
			{"POST", base + "/einreichen", nil},
			{"POST", base + "/zurueckziehen", nil},
			{"POST", base + "/vermietet", nil},
			{"POST", base + "/termine", slotForm},
			{"POST", fmt.Sprintf("%s/termine/%d/loeschen", base, free.ID), nil},
			{"GET", fmt.Sprintf("%s/vorschlaege/%d", base, props[0].Match.ID), nil},
			{"POST", fmt.Sprintf("%s/vorschlaege/%d", base, props[0].Match.ID), url.Values{"decision": {"accept"}}},
			// The other landlord's own vacancy with a proposal of someone else's vacancy.
			{"GET", fmt.Sprintf("/vermieter/angebote/%d/vorschlaege/%d", ownDraft.ID, props[0].Match.ID), nil},
			{"POST", fmt.Sprintf("/vermieter/angebote/%d/termine/%d/loeschen", ownDraft.ID, free.ID), nil},
		}
		app := testutil.App(t, st)
		intruder := testutil.NewClient(t, app)
		intruder.Login(otherUser.Email, testutil.Password)
		token := testutil.CSRFFrom(t, intruder.Get("/vermieter").Body)
		for _, r := range routes {
			t.Run(r.method+" "+r.path, func(t *testing.T) {
				var resp *testutil.Response
				if r.method == "GET" {
					resp = intruder.Get(r.path)
				} else {
					form := url.Values{}
					for k, v := range r.form {
						form[k] = v
					}
					form.Set("_csrf", token)
					resp = intruder.PostForm(r.path, form)
				}
				if resp.Status != http.StatusNotFound {
					t.Fatalf("status %d, want 404", resp.Status)
				}
				if strings.Contains(resp.Body, v.Street) || strings.Contains(resp.Body, h.Reference) {
					t.Error("the 404 page shows the other landlord's data")
				}
			})
		}
		after, err := st.VacancyByID(ctx, v.ID)
		if err != nil {
			t.Fatal(err)
		}
		m, err := st.MatchByID(ctx, props[0].Match.ID)
		if err != nil {
			t.Fatal(err)
		}
		if after.Status != "published" || len(after.Slots) != 2 || after.Street != v.Street || m.State != "viewing_scheduled" {
			t.Errorf("the intruder changed something: status %s, %d slots, street %q, match %s", after.Status, len(after.Slots), after.Street, m.State)
		}
		owner := testutil.NewClient(t, app)
		owner.Login(users.Landlord.Email, testutil.Password)
		for _, path := range []string{base, fmt.Sprintf("%s/vorschlaege/%d", base, props[0].Match.ID)} {
			if r := owner.Get(path); r.Status != http.StatusOK {
				t.Errorf("owner: GET %s: status %d", path, r.Status)
			}
		}
		if l := intruder.Get("/vermieter/angebote"); strings.Contains(l.Body, v.Street) {
			t.Error("the other landlord's list shows this vacancy")
		}
	})
}
