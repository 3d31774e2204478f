package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// The registration date decides the waiting time and so the rank. The system sets it; a
// caseworker cannot move a household up the list by back-dating it, and staff correct it
// only within bounds, with a reason that the audit log keeps.
func TestRegisteredOnIsSetByTheSystem(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		h := newHarness(t, st)
		ctx := context.Background()
		today := st.Today()

		created := expect(t, h.call("caseworker", "POST", "/api/v1/households", householdBody("Ana Popa")), http.StatusCreated)
		if created.JSON["registered_on"] != today.ISO() {
			t.Fatalf("registered_on %v, want today %s", created.JSON["registered_on"], today.ISO())
		}
		path := fmt.Sprintf("/api/v1/households/%d", created.ID())

		for _, tc := range []struct {
			name, role, method, path string
			registeredOn, reason     string
			field                    string
		}{
			{"caseworker back-dates its household", "caseworker", "PATCH", path, "2001-01-01", "Versehen", "registered_on"},
			{"caseworker back-dates a new household", "caseworker", "POST", "/api/v1/households", "2001-01-01", "", "registered_on"},
			{"staff: year 1", "staff", "PATCH", path, "0001-01-01", "Altfall", "registered_on"},
			{"staff: before 2000", "staff", "PATCH", path, "1999-12-31", "Altfall", "registered_on"},
			{"staff: in the future", "staff", "PATCH", path, today.AddDays(1).ISO(), "Tippfehler", "registered_on"},
			{"staff without a reason", "staff", "PATCH", path, "2024-05-02", "", "registered_on_reason"},
			{"staff without a reason on create", "staff", "POST", "/api/v1/households", "2024-05-02", " ", "registered_on_reason"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				h := h.with(t)
				body := map[string]any{"registered_on": tc.registeredOn, "registered_on_reason": tc.reason}
				if tc.method == "POST" {
					body = householdBody("Ana Popa")
					body["registered_on"], body["registered_on_reason"] = tc.registeredOn, tc.reason
				}
				r := expect(t, h.call(tc.role, tc.method, tc.path, body), http.StatusUnprocessableEntity)
				if msg, _ := r.Fields()[tc.field].(string); msg == "" {
					t.Errorf("no German message for %s: %s", tc.field, r.Body)
				}
			})
		}
		if got := expect(t, h.call("staff", "GET", path, nil), http.StatusOK); got.JSON["registered_on"] != today.ISO() {
			t.Fatalf("after the refused changes registered_on is %v", got.JSON["registered_on"])
		}
		// Other changes by the caseworker keep working and leave the date alone.
		if r := expect(t, h.call("caseworker", "PATCH", path, map[string]any{"phone": "0157 7654321"}), http.StatusOK); r.JSON["registered_on"] != today.ISO() {
			t.Errorf("a phone change moved registered_on to %v", r.JSON["registered_on"])
		}

		fixed := expect(t, h.call("staff", "PATCH", path, map[string]any{"registered_on": "2024-05-02",
			"registered_on_reason": "Papierantrag vom 02.05.2024 nachgetragen"}), http.StatusOK)
		if fixed.JSON["registered_on"] != "2024-05-02" {
			t.Fatalf("correction: %s", fixed.Body)
		}
		entries, err := st.AuditEntries(ctx, "household", created.ID(), 50, 0)
		if err != nil {
			t.Fatal(err)
		}
		var audited []string
		for _, e := range entries {
			if e.Action == "household.registered_on" {
				audited = append(audited, e.Detail)
			}
		}
		if len(audited) != 1 || !strings.Contains(audited[0], "Papierantrag vom 02.05.2024") || !strings.Contains(audited[0], "02.05.2024") {
			t.Errorf("audit entries of the correction: %q", audited)
		}
	})
}
