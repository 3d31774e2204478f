package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

func TestIdempotencyReservationIsALeaseRenewedWhileTheRequestRuns(t *testing.T) {
	start := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	testutil.ForEachDialectAt(t, start, func(t *testing.T, st *store.Store, clk *clock.Manual) {
		ctx := context.Background()
		key := func() *store.IdempotencyKey {
			return &store.IdempotencyKey{Caller: "token:1", IdemKey: "k", Method: "POST", Path: "/api/v1/households", RequestHash: "h"}
		}
		first := key()
		if prev, err := st.ReserveIdempotencyKey(ctx, first); err != nil || prev != nil {
			t.Fatalf("first reservation: %v, %v", prev, err)
		}
		// The request runs for 50 s and renews its lease every 20 s: a retry meanwhile
		// finds it in progress.
		for range 2 {
			clk.Advance(20 * time.Second)
			if err := st.RenewIdempotencyKey(ctx, first.ID); err != nil {
				t.Fatal(err)
			}
		}
		clk.Advance(10 * time.Second)
		prev, err := st.ReserveIdempotencyKey(ctx, key())
		if err != nil || prev == nil || prev.ResponseStatus != 0 || prev.ID != first.ID {
			t.Fatalf("retry while the first request renews its lease: %+v, %v; want the reservation in progress", prev, err)
		}
		// The process dies: no renewal any more. Once the lease ran out, the retry takes over.
		clk.Advance(store.IdempotencyLease + time.Second)
		retry := key()
		if prev, err := st.ReserveIdempotencyKey(ctx, retry); err != nil || prev != nil {
			t.Fatalf("retry after the lease ran out: %+v, %v; want the key reserved afresh", prev, err)
		}
		// The dead request's late renewal finds its reservation gone.
		if err := st.RenewIdempotencyKey(ctx, first.ID); !errors.Is(err, domain.ErrConflict) {
			t.Fatalf("renewal of a taken-over reservation: %v, want ErrConflict", err)
		}
		// A completed answer is kept for 24 hours, however old: no lease applies to it.
		if err := st.CompleteIdempotencyKey(ctx, retry.ID, 201, `{"id":1}`); err != nil {
			t.Fatal(err)
		}
		clk.Advance(23 * time.Hour)
		if prev, err := st.ReserveIdempotencyKey(ctx, key()); err != nil || prev == nil || prev.ResponseStatus != 201 {
			t.Fatalf("completed key after 23 h: %+v, %v; want the stored answer", prev, err)
		}
	})
}
