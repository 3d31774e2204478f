package api_test

import (
	"net/http"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// POST /api/v1/matches for a household that is not first needs reason and reason_note
// (Art. 22): without them 422 with both field messages and nothing written; with an unknown
// reason 422; with a complete reason 201, and the stored snapshot keeps it.
func TestApproveOutOfRankOrderNeedsReasonAPI(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		h := newHarness(t, st)
		v := testutil.Vacancy(t, st, h.users.LandlordOrg.ID, nil)
		testutil.Household(t, st, func(x *domain.Household) { x.RegisteredOn = x.RegisteredOn.AddDays(-200) })
		second := testutil.Household(t, st, nil)
		body := map[string]any{"vacancy_id": v.ID, "household_id": second.ID, "slot_id": v.Slots[0].ID}
		bad := expect(t, h.call("staff", "POST", "/api/v1/matches", body), http.StatusUnprocessableEntity)
		if bad.Fields()["reason"] == nil || bad.Fields()["reason_note"] == nil {
			t.Fatalf("without reason: %s", bad.Body)
		}
		body["reason"], body["reason_note"] = "better_fit", "Arbeitsplatz zwei Straßen weiter."
		body["reason"] = "gut_gefunden"
		if r := h.call("staff", "POST", "/api/v1/matches", body); r.Status != http.StatusUnprocessableEntity && r.Status != http.StatusBadRequest {
			t.Fatalf("unknown reason: status %d %s", r.Status, r.Body)
		}
		if ms, _ := st.MatchesOfVacancy(t.Context(), v.ID); len(ms) != 0 {
			t.Fatalf("%d matches written without a valid reason", len(ms))
		}
		body["reason"] = "better_fit"
		m := expect(t, h.call("staff", "POST", "/api/v1/matches", body), http.StatusCreated)
		ms, _ := st.MatchesOfVacancy(t.Context(), v.ID)
		if len(ms) != 1 || ms[0].ID != m.ID() || ms[0].SnapshotID == nil {
			t.Fatalf("matches %+v", ms)
		}
		snap, err := st.SnapshotByID(t.Context(), *ms[0].SnapshotID)
		if err != nil || snap.OverrideReason == nil || *snap.OverrideReason != "better_fit" || snap.OverrideNote != "Arbeitsplatz zwei Straßen weiter." {
			t.Fatalf("snapshot %+v, %v", snap, err)
		}
	})
}

// GET /api/v1/stats/equity answers the dashboard's figures for staff (validated against
// the OpenAPI document by the harness), refuses landlords, and checks the period.
func TestEquityAPI(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		h := newHarness(t, st)
		v := testutil.Vacancy(t, st, h.users.LandlordOrg.ID, nil)
		hh := testutil.Household(t, st, func(x *domain.Household) { x.FocusGroup = "women" })
		expect(t, h.call("staff", "POST", "/api/v1/matches", map[string]any{"vacancy_id": v.ID, "household_id": hh.ID, "slot_id": v.Slots[0].ID}), http.StatusCreated)
		r := expect(t, h.call("staff", "GET", "/api/v1/stats/equity", nil), http.StatusOK)
		totals := r.JSON["totals"].(map[string]any)
		if totals["pool"].(float64) != 1 || totals["proposals"].(float64) != 1 {
			t.Fatalf("totals %v", totals)
		}
		expect(t, h.call("landlord", "GET", "/api/v1/stats/equity", nil), http.StatusForbidden)
		bad := expect(t, h.call("staff", "GET", "/api/v1/stats/equity?from=2026-05-01&to=2026-04-01", nil), http.StatusUnprocessableEntity)
		if bad.Fields()["to"] == nil {
			t.Fatalf("reversed period: %s", bad.Body)
		}
	})
}
