package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/tenancies"
	"wohnbruecke/internal/testutil"
)

// tenancyRead: a tenancy of the first landlord accompanied by the matrix's caseworker.
var tenancyRead = access{"admin": allowed, "staff": allowed, "caseworker": allowed, "landlord": allowed, "other_landlord": notFound}

// tenancyForMatrix starts a tenancy of the match's household, accompanied by the harness's
// caseworker, and files a report of the landlord; it returns their API paths.
func tenancyForMatrix(t *testing.T, h *harness, matchID int64, v *domain.Vacancy, hh *domain.Household) (string, string) {
	t.Helper()
	ctx := context.Background()
	m, err := h.st.MatchByID(ctx, matchID)
	if err != nil {
		t.Fatal(err)
	}
	hh.CaseworkerID = &h.users.Caseworker.ID
	tn := domain.NewTenancy(m, v, hh, &h.users.Staff.ID, h.st.Today())
	if err := h.st.CreateTenancy(ctx, tn); err != nil {
		t.Fatal(err)
	}
	r, err := tenancies.New(h.st).FileReport(ctx, domain.Actor{User: h.users.Landlord}, tn.ID,
		domain.ReportInput{Category: domain.ReportWaste, Urgency: domain.ReportLow, Body: "Gelbe Tonne falsch befüllt."})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("/api/v1/tenancies/%d", tn.ID), fmt.Sprintf("/api/v1/reports/%d", r.ID)
}

// TestTenancyAPI walks the tenancy phase through the API: the companion records a visit,
// the landlord files a report and reads it without any forbidden fact or the visit log,
// the companion answers and closes it, and bad input answers with field messages.
func TestTenancyAPI(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		h := newHarness(t, st)
		v := testutil.Vacancy(t, st, h.users.LandlordOrg.ID, nil)
		hh := testutil.Household(t, st, testutil.WithLandlordSecrets)
		ap := expect(t, h.call("staff", "POST", "/api/v1/matches", map[string]any{"vacancy_id": v.ID, "household_id": hh.ID, "slot_id": v.Slots[0].ID}), http.StatusCreated)
		tp, rp := tenancyForMatrix(t, h, ap.ID(), v, hh)

		bad := expect(t, h.call("caseworker", "POST", tp+"/visits", map[string]any{"visited_on": st.Today().AddDays(1).ISO(), "kind": "walk",
			"duration_minutes": 0, "language": "ro", "topics": []string{"cooking"}}), http.StatusUnprocessableEntity)
		for _, f := range []string{"visited_on", "kind", "duration_minutes", "topics"} {
			if _, ok := bad.Fields()[f]; !ok {
				t.Errorf("no message for %s: %s", f, bad)
			}
		}
		visit := expect(t, h.call("caseworker", "POST", tp+"/visits", map[string]any{"visited_on": st.Today().ISO(), "kind": "home",
			"duration_minutes": 45, "language": "ro", "topics": []string{"heating", "waste"}, "note": "GEHEIME Besuchsnotiz"}), http.StatusCreated)
		if visit.JSON["kind"] != "home" {
			t.Fatalf("visit %s", visit)
		}
		expect(t, h.call("landlord", "GET", tp+"/visits", nil), http.StatusForbidden)
		expect(t, h.call("staff", "POST", tp+"/visits", map[string]any{"visited_on": st.Today().ISO(), "kind": "home", "duration_minutes": 45, "language": "ro"}), http.StatusForbidden)

		forbidden := append(testutil.LandlordSecrets(hh), "GEHEIME Besuchsnotiz", "heating", "companion", "visit", "end_reason", "kept_flat")
		filed := expect(t, h.call("landlord", "POST", tp+"/reports", map[string]any{"category": "damage", "urgency": "urgent", "body": "Wasserschaden im Bad."}), http.StatusCreated)
		rid := filed.ID()
		expect(t, h.call("caseworker", "POST", fmt.Sprintf("/api/v1/reports/%d/replies", rid), map[string]any{"body": "Ich komme morgen vorbei."}), http.StatusCreated)
		closed := expect(t, h.call("caseworker", "POST", fmt.Sprintf("/api/v1/reports/%d/status", rid), map[string]any{"status": "done"}), http.StatusOK)
		if closed.JSON["status"] != "done" || closed.JSON["done_at"] == nil {
			t.Fatalf("closed: %s", closed)
		}
		expect(t, h.call("caseworker", "POST", fmt.Sprintf("/api/v1/reports/%d/status", rid), map[string]any{"status": "done"}), http.StatusConflict)
		for _, path := range []string{"/api/v1/tenancies", tp, tp + "/reports", rp, fmt.Sprintf("/api/v1/reports/%d", rid)} {
			r := expect(t, h.call("landlord", "GET", path, nil), http.StatusOK)
			for _, f := range forbidden {
				if strings.Contains(string(r.Body), f) {
					t.Errorf("landlord's %s shows %q: %s", path, f, r.Body)
				}
			}
		}
		got := expect(t, h.call("landlord", "GET", fmt.Sprintf("/api/v1/reports/%d", rid), nil), http.StatusOK)
		if !strings.Contains(string(got.Body), "Ich komme morgen vorbei.") || got.JSON["status"] != "done" {
			t.Fatalf("landlord's report: %s", got)
		}
		team := expect(t, h.call("staff", "GET", tp, nil), http.StatusOK)
		if team.JSON["companion_id"] == nil || team.JSON["next_visit_due"] == "" {
			t.Fatalf("staff's tenancy: %s", team)
		}
		end := expect(t, h.call("staff", "POST", tp+"/end", map[string]any{"end_date": st.Today().ISO(), "end_reason": "eviction"}), http.StatusUnprocessableEntity)
		if _, ok := end.Fields()["stably_housed"]; !ok {
			t.Fatalf("end without stably_housed: %s", end)
		}
		ended := expect(t, h.call("staff", "POST", tp+"/end", map[string]any{"end_date": st.Today().ISO(), "end_reason": "eviction", "stably_housed": false}), http.StatusOK)
		if ended.JSON["status"] != "ended" || ended.JSON["end_reason"] != "eviction" {
			t.Fatalf("ended: %s", ended)
		}
		if r := expect(t, h.call("landlord", "GET", tp, nil), http.StatusOK); strings.Contains(string(r.Body), "eviction") || r.JSON["status"] != "ended" {
			t.Fatalf("landlord's ended tenancy: %s", r.Body)
		}
		expect(t, h.call("landlord", "POST", tp+"/reports", map[string]any{"category": "damage", "urgency": "urgent", "body": "Noch was."}), http.StatusConflict)
	})
}
