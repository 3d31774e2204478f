package ranking_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"wohnbruecke/internal/demo"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/matching"
)

// The simulator's "after" is what the rankings are once the draft is saved: on the demo
// data, for the last ten published flats, the top candidates (households, ranks, scores)
// under the draft equal those RankVacancy returns after SaveWeights, and its "before"
// equals the rankings before saving.
func TestSimulatorAfterEqualsRankingsOnceSaved(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		if _, err := demo.Load(ctx, st, demo.Options{}); err != nil {
			t.Fatal(err)
		}
		users := testutil.SeedUsers(t, st)
		admin := domain.Actor{User: users.Admin}
		rk := ranking.New(st)
		draft := matching.HagenWeightsV1() // ranks 5-person families first in small flats
		sim, err := rk.Simulate(ctx, admin, draft, 10, 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(sim.Vacancies) != 10 {
			t.Fatalf("simulated %d flats, want 10", len(sim.Vacancies))
		}
		top := func(id int64) []ranking.SimulatedCandidate {
			t.Helper()
			r, err := rk.RankVacancy(ctx, id, 5)
			if err != nil {
				t.Fatal(err)
			}
			var out []ranking.SimulatedCandidate
			for _, c := range r.Result.Candidates {
				row := r.Rows[c.Index]
				out = append(out, ranking.SimulatedCandidate{HouseholdID: row.ID, Reference: row.Reference,
					FocusGroup: domain.FocusGroup(row.FocusGroup), Rank: c.Rank, Score: c.Score.Float64()})
			}
			return out
		}
		changed := 0
		for _, v := range sim.Vacancies {
			if got := top(v.Vacancy.ID); !reflect.DeepEqual(got, v.Before) {
				t.Fatalf("flat %d before saving:\n got %+v\nsimulated before %+v", v.Vacancy.ID, got, v.Before)
			}
			if !reflect.DeepEqual(v.Before, v.After) {
				changed++
			}
		}
		if changed == 0 {
			t.Fatal("the draft changes no top five: the test would not see a simulator that ignores the draft")
		}
		if _, err := rk.SaveWeights(ctx, admin, draft, "Simulation übernommen"); err != nil {
			t.Fatal(err)
		}
		for _, v := range sim.Vacancies {
			if got := top(v.Vacancy.ID); !reflect.DeepEqual(got, v.After) {
				t.Errorf("flat %d after saving:\n got %+v\nsimulated after %+v", v.Vacancy.ID, got, v.After)
			}
		}
		t.Logf("%d of 10 top fives change; top places per focus group before %v, after %v", changed, sim.SharesBefore, sim.SharesAfter)
	})
}

// A draft the policy would refuse is refused by the simulator too, with field messages.
func TestSimulatorRefusesInvalidWeights(t *testing.T) {
	st := testutil.Open(t, "sqlite")
	users := testutil.SeedUsers(t, st)
	w := matching.DefaultHagenWeights()
	w.Urgency = 0
	_, err := ranking.New(st).Simulate(context.Background(), domain.Actor{User: users.Admin}, w, 10, 5)
	var ve *domain.ValidationError
	if !errors.As(err, &ve) || ve.Fields["weights.urgency"] == "" {
		t.Fatalf("simulating zero urgency: %v", err)
	}
	if _, err := ranking.New(st).Simulate(context.Background(), domain.Actor{User: users.Staff}, w, 10, 5); err == nil {
		t.Fatal("staff may simulate the policy; only admins change it")
	}
}
