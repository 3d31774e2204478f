package ranking_test

import (
	"context"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/demo"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// TestAllocationCachedByDataVersion: the same inputs return the cached allocation; a changed
// household, policy or day computes it anew, and the new allocation reflects the change.
func TestAllocationCachedByDataVersion(t *testing.T) {
	start := time.Date(2026, time.February, 28, 10, 0, 0, 0, time.UTC)
	testutil.ForEachDialectAt(t, start, func(t *testing.T, st *store.Store, clk *clock.Manual) {
		ctx := context.Background()
		if _, err := demo.Load(ctx, st, demo.Options{}); err != nil {
			t.Fatal(err)
		}
		svc := ranking.New(st)
		first, err := svc.Allocate(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(first.Allocation.Pairs) == 0 {
			t.Fatal("demo allocation is empty")
		}
		again, err := svc.Allocate(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n := ranking.AllocationRuns(svc); n != 1 {
			t.Fatalf("unchanged inputs ran the engine %d times, want 1", n)
		}
		if !slices.Equal(again.Allocation.Pairs, first.Allocation.Pairs) || again.Allocation.TotalScore != first.Allocation.TotalScore {
			t.Fatal("cached allocation differs from the computed one")
		}
		// The caller owns its pairs: changing them does not change the cache.
		again.Allocation.Pairs[0].HouseholdID = -1

		// A household of the proposal pauses: the next allocation leaves it out.
		clk.Advance(time.Minute)
		paused := first.Allocation.Pairs[0].HouseholdID
		if err := st.PauseHousehold(ctx, paused, "Test", st.Today().AddDays(30)); err != nil {
			t.Fatal(err)
		}
		changed, err := svc.Allocate(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n := ranking.AllocationRuns(svc); n != 2 {
			t.Fatalf("a changed household ran the engine %d times in all, want 2", n)
		}
		for _, pr := range changed.Allocation.Pairs {
			if pr.HouseholdID == paused || pr.HouseholdID == -1 {
				t.Fatalf("allocation after the pause still holds household %d", pr.HouseholdID)
			}
		}

		// The next day (29 February is not in 2026: 1 March) computes anew.
		clk.Advance(24 * time.Hour)
		if _, err := svc.Allocate(ctx); err != nil {
			t.Fatal(err)
		}
		if n := ranking.AllocationRuns(svc); n != 3 {
			t.Fatalf("a new day ran the engine %d times in all, want 3", n)
		}
		// A new policy computes anew.
		p, err := svc.Policy(ctx)
		if err != nil {
			t.Fatal(err)
		}
		w := p.Weights
		w.WaitingTime++
		raw, err := json.Marshal(w)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.SavePolicy(ctx, &domain.Policy{Version: p.Version + 1, WeightsJSON: string(raw)}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Allocate(ctx); err != nil {
			t.Fatal(err)
		}
		if n := ranking.AllocationRuns(svc); n != 4 {
			t.Fatalf("a new policy ran the engine %d times in all, want 4", n)
		}
	})
}
