package api_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// A withdrawal through the API takes the reason of the portal's confirmation: a reason
// outside the catalogue, or "other" without words, is a 422 at the field and changes
// nothing; a valid one lands in the audit log.
func TestWithdrawTakesAReason(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		h := newHarness(t, st)
		v := testutil.Vacancy(t, st, h.users.LandlordOrg.ID, nil)
		hh := testutil.Household(t, st, nil)
		m := expect(t, h.call("staff", "POST", "/api/v1/matches", map[string]any{"vacancy_id": v.ID, "household_id": hh.ID, "slot_id": v.Slots[0].ID}), http.StatusCreated)
		mp := fmt.Sprintf("/api/v1/matches/%d", m.ID())
		bad := expect(t, h.call("staff", "POST", mp+"/withdraw", map[string]any{"reason": "weil"}), http.StatusUnprocessableEntity)
		if bad.Fields()["reason"] == nil {
			t.Errorf("unknown reason: %s", bad.Body)
		}
		bad = expect(t, h.call("staff", "POST", mp+"/withdraw", map[string]any{"reason": "other"}), http.StatusUnprocessableEntity)
		if bad.Fields()["reason_note"] == nil {
			t.Errorf("other without words: %s", bad.Body)
		}
		ok := expect(t, h.call("staff", "POST", mp+"/withdraw", map[string]any{"reason": "household_request", "reason_note": "zieht zu Verwandten"}), http.StatusOK)
		if ok.JSON["state"] != "withdrawn" {
			t.Fatalf("after withdraw: %s", ok.Body)
		}
		entries, err := st.AuditEntries(context.Background(), "match", m.ID(), 10, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.Action == "match.withdraw" && e.Detail == "Auf Wunsch des Haushalts: zieht zu Verwandten" {
				return
			}
		}
		t.Errorf("audit log lacks the reason: %+v", entries)
	})
}
