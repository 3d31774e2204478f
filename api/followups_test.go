package api_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/followups"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// apiFollowUp starts a tenancy 100 days ago for a new staff household (caseworker given
// or none) and makes its 3-month follow-up due; it returns the follow-up's path.
func apiFollowUp(t *testing.T, h *harness, caseworker *int64) (string, *domain.Tenancy) {
	t.Helper()
	ctx := context.Background()
	v := testutil.Vacancy(t, h.st, h.users.LandlordOrg.ID, nil)
	hh := testutil.Household(t, h.st, func(x *domain.Household) { x.CaseworkerID = caseworker })
	// The reason counts only when other households rank higher (TestRoleMatrix has one).
	m := expect(t, h.call("staff", "POST", "/api/v1/matches", map[string]any{"vacancy_id": v.ID, "household_id": hh.ID, "slot_id": v.Slots[0].ID,
		"reason": "better_fit", "reason_note": "Testfall der Nachsorge."}), http.StatusCreated)
	match, err := h.st.MatchByID(ctx, m.ID())
	if err != nil {
		t.Fatal(err)
	}
	tn := domain.NewTenancy(match, v, hh, &h.users.Staff.ID, h.st.Today().AddDays(-100))
	tn.CompanionID = caseworker
	if err := h.st.CreateTenancy(ctx, tn); err != nil {
		t.Fatal(err)
	}
	if _, err := followups.New(h.st, nil, "").MakeDue(ctx); err != nil {
		t.Fatal(err)
	}
	rows, err := h.st.FollowUps(ctx, store.FollowUpScope{TenancyID: tn.ID})
	if err != nil || len(rows) != 1 {
		t.Fatalf("follow-ups: %d, %v", len(rows), err)
	}
	return fmt.Sprintf("/api/v1/follow-ups/%d", rows[0].ID), tn
}

// The follow-up API: the companion lists, reads and records her follow-up; bad input is a
// JSON error with the fields; recording "lost" ends the tenancy; a second record is a
// conflict; every answer validates against the OpenAPI document.
func TestFollowUpAPI(t *testing.T) {
	testutil.ForEachDialectAt(t, time.Date(2026, time.May, 4, 9, 0, 0, 0, domain.Berlin), func(t *testing.T, st *store.Store, clk *clock.Manual) {
		h := newHarness(t, st)
		path, tn := apiFollowUp(t, h, &h.users.Caseworker.ID)
		list := expect(t, h.call("caseworker", "GET", "/api/v1/follow-ups?open=true", nil), http.StatusOK)
		if items := list.JSON["items"].([]any); len(items) != 1 || items[0].(map[string]any)["months"].(float64) != 3 {
			t.Fatalf("list: %s", list.Body)
		}
		expect(t, h.call("caseworker", "GET", "/api/v1/follow-ups?open=vielleicht", nil), http.StatusBadRequest)
		one := expect(t, h.call("caseworker", "GET", path, nil), http.StatusOK)
		if one.JSON["open"] != true || one.JSON["due_on"] != domain.FollowUpDue(tn.StartDate, 3).ISO() {
			t.Fatalf("show: %s", one.Body)
		}
		bad := expect(t, h.call("caseworker", "POST", path+"/record", map[string]any{"outcome": "lost", "end_date": st.Today().ISO()}), http.StatusUnprocessableEntity)
		if bad.ErrorCode() != "validation_failed" || bad.JSON["error"].(map[string]any)["fields"].(map[string]any)["end_reason"] == nil {
			t.Fatalf("bad record: %s", bad.Body)
		}
		expect(t, h.call("caseworker", "POST", path+"/record", map[string]any{"outcome": "gone"}), http.StatusUnprocessableEntity)
		done := expect(t, h.call("caseworker", "POST", path+"/record", map[string]any{"outcome": "lost", "end_date": st.Today().AddDays(-2).ISO(),
			"end_reason": "notice_landlord", "note": "Kündigung wegen Eigenbedarf"}), http.StatusOK)
		if done.JSON["open"] != false || done.JSON["outcome"] != "lost" || done.JSON["tenancy_status"] != "ended" || done.JSON["end_reason"] != "notice_landlord" {
			t.Fatalf("record: %s", done.Body)
		}
		expect(t, h.call("caseworker", "POST", path+"/record", map[string]any{"outcome": "in_flat"}), http.StatusConflict)
		if got, err := st.TenancyByID(context.Background(), tn.ID); err != nil || got.Active() {
			t.Fatalf("tenancy: %+v, %v", got, err)
		}
	})
}
