package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

func TestMatchLifecycleAPI(t *testing.T) {
	testutil.ForEachDialectAt(t, time.Date(2026, time.March, 2, 9, 0, 0, 0, domain.Berlin), func(t *testing.T, st *store.Store, clk *clock.Manual) {
		h := newHarness(t, st)
		v := testutil.Vacancy(t, st, h.users.LandlordOrg.ID, func(v *domain.Vacancy) {
			second := v.Slots[0]
			second.StartsAt, second.EndsAt = second.StartsAt.Add(24*time.Hour), second.EndsAt.Add(24*time.Hour)
			v.Slots = append(v.Slots, second)
		})
		hh := testutil.Household(t, st, func(h *domain.Household) { h.Nationality = "rumänisch" })
		m := expect(t, h.call("staff", "POST", "/api/v1/matches", map[string]any{"vacancy_id": v.ID, "household_id": hh.ID, "slot_id": v.Slots[0].ID}), http.StatusCreated)
		mp := fmt.Sprintf("/api/v1/matches/%d", m.ID())
		vw := m.JSON["viewing"].(map[string]any)
		wp := fmt.Sprintf("/api/v1/viewings/%d", int64(vw["id"].(float64)))
		expect(t, h.call("staff", "POST", "/api/v1/matches", map[string]any{"vacancy_id": v.ID, "household_id": hh.ID, "slot_id": v.Slots[1].ID}), http.StatusConflict)

		t.Run("landlords see the pseudonymous profile only", func(t *testing.T) {
			l := expect(t, h.with(t).call("landlord", "GET", mp, nil), http.StatusOK)
			for _, hidden := range []string{"household_id", "score", "rank"} {
				if _, ok := l.JSON[hidden]; ok {
					t.Errorf("landlord sees %s: %s", hidden, l.Body)
				}
			}
			p := l.JSON["profile"].(map[string]any)
			if p["reference"] != hh.Reference || p["adults"].(float64) != 1 || p["contact_phone"] != "" {
				t.Errorf("profile: %v", p)
			}
			for _, secret := range []string{"rumänisch", "Ana Popa", "sgb2"} {
				if contains(l.Body, secret) {
					t.Errorf("landlord answer contains %q", secret)
				}
			}
			list := expect(t, h.with(t).call("landlord", "GET", "/api/v1/matches?state=viewing_scheduled", nil), http.StatusOK)
			if n := len(list.JSON["items"].([]any)); n != 1 {
				t.Errorf("landlord lists %d matches", n)
			}
			if n := len(expect(t, h.with(t).call("other_landlord", "GET", "/api/v1/matches", nil), http.StatusOK).JSON["items"].([]any)); n != 0 {
				t.Errorf("other landlord lists %d matches", n)
			}
		})

		r := expect(t, h.call("staff", "POST", wp+"/reschedule", map[string]any{"slot_id": v.Slots[1].ID}), http.StatusOK)
		if int64(r.JSON["slot_id"].(float64)) != v.Slots[1].ID || r.JSON["sequence"].(float64) != 1 {
			t.Errorf("rescheduled: %s", r.Body)
		}
		bad := expect(t, h.call("landlord", "POST", mp+"/outcome", map[string]any{"outcome": "rejected"}), http.StatusUnprocessableEntity)
		if bad.Fields()["reason"] == nil {
			t.Errorf("rejection without reason: %s", bad.Body)
		}
		expect(t, h.call("landlord", "POST", mp+"/outcome", map[string]any{"outcome": "accepted"}), http.StatusConflict) // before the viewing
		testutil.ToViewing(clk)
		clk.Advance(24 * time.Hour) // the rescheduled viewing is a day later
		o := expect(t, h.call("landlord", "POST", mp+"/outcome", map[string]any{"outcome": "accepted"}), http.StatusOK)
		if o.JSON["state"] != "landlord_accepted" {
			t.Errorf("after outcome: %s", o.Body)
		}
		l := expect(t, h.call("staff", "POST", mp+"/lease", nil), http.StatusOK)
		if l.JSON["state"] != "lease_signed" {
			t.Errorf("after lease: %s", l.Body)
		}
		expect(t, h.call("staff", "POST", mp+"/withdraw", nil), http.StatusConflict)
		expect(t, h.call("staff", "POST", wp+"/cancel", nil), http.StatusConflict)

		s := expect(t, h.call("staff", "GET", "/api/v1/stats", nil), http.StatusOK)
		if s.JSON["placements"].(float64) != 1 {
			t.Errorf("stats after one lease: %s", s.Body)
		}
		e := expect(t, h.call("staff", "GET", "/api/v1/stats?from=2026-05-01&to=2026-01-01", nil), http.StatusUnprocessableEntity)
		if e.Fields()["to"] == nil {
			t.Errorf("reversed range: %s", e.Body)
		}
	})
}

func contains(b []byte, s string) bool { return strings.Contains(string(b), s) }

// On PostgreSQL, concurrent requests race for real: two approvals for the last place of a
// slot give exactly one 201 and one 409, and concurrent retries of one idempotent create
// store one household.
func TestConcurrentAPIRequestsOnPostgres(t *testing.T) {
	st := testutil.Postgres(t)
	h := newHarness(t, st)
	v := testutil.Vacancy(t, st, h.users.LandlordOrg.ID, nil)
	a := testutil.Household(t, st, nil)
	b := testutil.Household(t, st, nil)
	statuses := make([]int, 2)
	var wg sync.WaitGroup
	for i, hh := range []*domain.Household{a, b} {
		wg.Go(func() {
			statuses[i] = h.call("staff", "POST", "/api/v1/matches", map[string]any{"vacancy_id": v.ID, "household_id": hh.ID, "slot_id": v.Slots[0].ID,
				"reason": string(testutil.OverrideReason.Code), "reason_note": testutil.OverrideReason.Note}).Status
		})
	}
	wg.Wait()
	if !(statuses[0] == 201 && statuses[1] == 409 || statuses[0] == 409 && statuses[1] == 201) {
		t.Fatalf("statuses %v, want one 201 and one 409", statuses)
	}

	results := make([]int, 4)
	for i := range results {
		wg.Go(func() {
			results[i] = h.call("staff", "POST", "/api/v1/households", householdBody("Gleichzeitig"), "Idempotency-Key", "same").Status
		})
	}
	wg.Wait()
	_, total, err := st.ListHouseholds(t.Context(), store.HouseholdFilter{Query: "Gleichzeitig"})
	if err != nil || total != 1 {
		t.Fatalf("%d households after concurrent retries %v (%v)", total, results, err)
	}
	for _, s := range results {
		if s != 201 && s != 409 {
			t.Fatalf("statuses %v: want 201 or 409 (in progress)", results)
		}
	}
}
