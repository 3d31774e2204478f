package api_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// TestIdempotencyKeyOfACrashedRequestIsFreeAfterTheLease simulates a kill -9 in the middle
// of a request: the key is reserved exactly as the middleware reserves it, and then nothing
// happens (no answer stored, no release, no renewal). Within the lease a retry is told to
// wait; after it the retry runs, creates the household and its answer is replayed.
func TestIdempotencyKeyOfACrashedRequestIsFreeAfterTheLease(t *testing.T) {
	start := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	testutil.ForEachDialectAt(t, start, func(t *testing.T, st *store.Store, clk *clock.Manual) {
		h := newHarness(t, st)
		ctx := context.Background()
		body := householdBody("Mihaela Dumitru")
		// A first request with another key gives the caller and request hash that the
		// crashed request with the same body had.
		expect(t, h.call("staff", "POST", "/api/v1/households", body, "Idempotency-Key", "probe"), http.StatusCreated)
		var probe store.IdempotencyKey
		db, err := st.SQLDB()
		if err != nil {
			t.Fatal(err)
		}
		if err := db.QueryRowContext(ctx, "SELECT caller, request_hash FROM api_idempotency_keys WHERE idem_key = 'probe'").
			Scan(&probe.Caller, &probe.RequestHash); err != nil {
			t.Fatal(err)
		}
		crashed := &store.IdempotencyKey{Caller: probe.Caller, IdemKey: "crashed", Method: "POST", Path: "/api/v1/households", RequestHash: probe.RequestHash}
		if prev, err := st.ReserveIdempotencyKey(ctx, crashed); err != nil || prev != nil {
			t.Fatalf("reserve: %v %v", prev, err)
		}
		// The process died here.
		clk.Advance(store.IdempotencyLease / 2)
		if r := expect(t, h.call("staff", "POST", "/api/v1/households", body, "Idempotency-Key", "crashed"), http.StatusConflict); r.ErrorCode() != "idempotency_in_progress" {
			t.Fatalf("retry within the lease: %s", r)
		}
		clk.Advance(store.IdempotencyLease)
		first := expect(t, h.call("staff", "POST", "/api/v1/households", body, "Idempotency-Key", "crashed"), http.StatusCreated)
		if first.Header.Get("Idempotent-Replayed") != "" {
			t.Fatal("the retry after the lease was answered from the dead reservation")
		}
		again := expect(t, h.call("staff", "POST", "/api/v1/households", body, "Idempotency-Key", "crashed"), http.StatusCreated)
		if again.Header.Get("Idempotent-Replayed") != "true" || again.ID() != first.ID() {
			t.Fatalf("second retry: %s, want the replayed answer of household %d", again, first.ID())
		}
		_, total, err := st.ListHouseholds(ctx, store.HouseholdFilter{Query: "Mihaela Dumitru"})
		if err != nil || total != 2 { // the probe's and the recovered request's
			t.Fatalf("households: %d (%v), want 2", total, err)
		}
	})
}
