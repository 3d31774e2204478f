package ranking_test

import (
	"context"
	"os"
	"runtime"
	"strconv"
	"testing"

	"wohnbruecke/internal/demo"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/matching"
)

// The one-query SQL ranking (store.RankingBySQL) is the benchmark anchor of the ranking
// endpoint: PostgreSQL doing all of it. TestSQLAnchorAgreesWithTheEngine proves it is the
// same ranking; BenchmarkRankingSQLAnchor measures it (scripts/bench-api.sh runs it on the
// database it measures the endpoint on).

// anchorPolicy translates the policy in force for the anchor query.
func anchorPolicy(p matching.Policy, today domain.Date) store.AnchorPolicy {
	var ones matching.Values
	for c := range ones {
		ones[c] = matching.ValueScale
	}
	bd := p.Weights.Breakdown(ones)
	w := func(c matching.Component) int64 { return int64(bd.Components[c].Contribution) / matching.ValueScale }
	l := p.Limits
	return store.AnchorPolicy{Today: today,
		WUrgency: w(matching.ComponentUrgency), WCertificate: w(matching.ComponentCertificate),
		WAccompaniment: w(matching.ComponentAccompaniment), WWaiting: w(matching.ComponentWaitingTime),
		WPreferred: w(matching.ComponentPreferredDistrict), WSizeFit: w(matching.ComponentSizeFit),
		WRentHeadroom: w(matching.ComponentRentHeadroom), WOccupancy: w(matching.ComponentOccupancy),
		KdUCapsCents: l.KdUCapsCents, KdUExtraPersonCents: l.KdUExtraPersonCents,
		AreaFirstPersonCenti: l.AreaFirstPersonCenti, AreaFurtherPersonCenti: l.AreaFurtherPersonCenti,
		MinAreaPerPersonCenti: l.MinAreaPerPersonCenti}
}

// TestSQLAnchorAgreesWithTheEngine: for every demo flat the one query finds the API's
// eligible count and its top 50, household for household, with the exact same scores.
func TestSQLAnchorAgreesWithTheEngine(t *testing.T) {
	st := testutil.Postgres(t)
	ctx := context.Background()
	if _, err := demo.Load(ctx, st, demo.Options{Households: 1500}); err != nil {
		t.Fatal(err)
	}
	svc := ranking.New(st)
	p, err := svc.Policy(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	db, _ := st.SQLDB()
	rows, err := db.QueryContext(ctx, "SELECT id FROM vacancies ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if len(ids) < 30 {
		t.Fatalf("%d demo flats", len(ids))
	}
	ap := anchorPolicy(p, st.Today())
	for _, id := range ids {
		r, err := svc.Ranked(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		top, err := st.RankingBySQL(ctx, id, ap, 50)
		if err != nil {
			t.Fatal(err)
		}
		eligible := 0
		if len(top) > 0 {
			eligible = top[0].Eligible
		}
		if eligible != r.Result.Eligible {
			t.Errorf("vacancy %d: SQL finds %d eligible, the engine %d", id, eligible, r.Result.Eligible)
			continue
		}
		want := r.Result.Candidates[:min(50, len(r.Result.Candidates))]
		if len(top) != len(want) {
			t.Fatalf("vacancy %d: SQL top %d, engine %d", id, len(top), len(want))
		}
		for i, c := range want {
			if hid := r.Households[c.Index].ID; top[i].HouseholdID != hid || top[i].Score != int64(c.Score) {
				t.Fatalf("vacancy %d rank %d: SQL household %d score %d, engine %d score %d", id, i+1, top[i].HouseholdID, top[i].Score, hid, c.Score)
			}
		}
	}
}

// BenchmarkRankingSQLAnchor times the one query (top 50) for the first published flat.
// WB_BENCH_DATABASE_URL names a loaded database (scripts/bench-api.sh); without it a fresh
// test schema gets WB_BENCH_HOUSEHOLDS demo households (default 20,000). parallel8 runs 8
// queries at a time, like wrk -c8.
func BenchmarkRankingSQLAnchor(b *testing.B) {
	ctx := context.Background()
	var st *store.Store
	if url := os.Getenv("WB_BENCH_DATABASE_URL"); url != "" {
		var err error
		if st, err = store.Open(ctx, store.Options{DatabaseURL: url}); err != nil {
			b.Fatal(err)
		}
		defer st.Close()
	} else {
		st = testutil.Postgres(b)
		n, _ := strconv.Atoi(os.Getenv("WB_BENCH_HOUSEHOLDS"))
		if n == 0 {
			n = 20000
		}
		if _, err := demo.Load(ctx, st, demo.Options{Households: n}); err != nil {
			b.Fatal(err)
		}
	}
	vs, err := st.PublishedVacancies(ctx)
	if err != nil || len(vs) == 0 {
		b.Fatal("no published vacancy", err)
	}
	p, err := ranking.New(st).Policy(ctx)
	if err != nil {
		b.Fatal(err)
	}
	ap := anchorPolicy(p, st.Today())
	b.Run("sequential", func(b *testing.B) {
		for b.Loop() {
			if _, err := st.RankingBySQL(ctx, vs[0].ID, ap, 50); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("parallel8", func(b *testing.B) {
		b.SetParallelism(max(1, 8/runtime.GOMAXPROCS(0))) // 8 goroutines in all
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := st.RankingBySQL(ctx, vs[0].ID, ap, 50); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
}
