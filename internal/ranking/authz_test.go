package ranking_test

import (
	"context"
	"testing"

	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

func TestPolicyChangesCheckTheCaller(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		callers := testutil.Callers(t, st, users)
		svc := ranking.New(st)
		admins := testutil.Expect{"admin": testutil.Allowed}
		for _, name := range testutil.CallerNames {
			t.Run(name, func(t *testing.T) {
				a, want := callers[name], admins.Of(name)
				before, err := svc.Policy(ctx)
				if err != nil {
					t.Fatal(err)
				}
				_, err = svc.SaveWeights(ctx, a, before.Weights, "unverändert")
				testutil.CheckAccess(t, want, err)
				testutil.CheckAccess(t, want, svc.SaveLimits(ctx, a, before.Limits))
				after, err := svc.Policy(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if saved := after.Version != before.Version; saved != (want == testutil.Allowed) {
					t.Errorf("policy version %d → %d", before.Version, after.Version)
				}
			})
		}
	})
}
