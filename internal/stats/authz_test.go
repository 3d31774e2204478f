package stats_test

import (
	"context"
	"testing"

	"wohnbruecke/internal/stats"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

func TestReportChecksTheCaller(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		callers := testutil.Callers(t, st, users)
		svc := stats.New(st)
		for _, name := range testutil.CallerNames {
			t.Run(name, func(t *testing.T) {
				rep, err := svc.Report(context.Background(), callers[name], stats.DefaultRange(st.Today()))
				testutil.CheckAccess(t, testutil.TeamOnly.Of(name), err)
				if err != nil && rep != nil {
					t.Error("a refused report still came back")
				}
			})
		}
	})
}
