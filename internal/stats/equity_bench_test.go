package stats_test

import (
	"context"
	"testing"

	"wohnbruecke/internal/demo"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/stats"
	"wohnbruecke/internal/testutil"
)

// BenchmarkEquity computes the equity dashboard for the default period on the demo data
// with 300 and 5,000 households (SQLite): all households, a year of leases, proposals and
// viewings are read and grouped on every request.
func BenchmarkEquity(b *testing.B) {
	for _, n := range []int{300, 5000} {
		b.Run(map[int]string{300: "households=300", 5000: "households=5000"}[n], func(b *testing.B) {
			ctx := context.Background()
			st := testutil.Open(b, "sqlite")
			if _, err := demo.Load(ctx, st, demo.Options{Households: n}); err != nil {
				b.Fatal(err)
			}
			users := testutil.SeedUsers(b, st)
			svc := stats.New(st)
			r := stats.DefaultRange(st.Today())
			b.ResetTimer()
			for b.Loop() {
				if _, err := svc.Equity(ctx, domain.Actor{User: users.Staff}, r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
