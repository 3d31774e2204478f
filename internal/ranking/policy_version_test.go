package ranking_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"wohnbruecke/internal/demo"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/matching"
)

// A fresh installation holds policy version 1 with its old weights and the new default as
// version 2 (migration 00014), so proposals approved under version 1 keep their weights; an
// admin's change is version 3.
func TestPolicyVersionTwoIsTheDefault(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		ps, err := st.Policies(ctx)
		if err != nil || len(ps) != 2 || ps[0].Version != 2 || ps[1].Version != 1 {
			t.Fatalf("stored policies %+v, %v; want versions 2 and 1", ps, err)
		}
		rk := ranking.New(st)
		p, err := rk.Policy(ctx)
		if err != nil || p.Version != matching.DefaultPolicyVersion || p.Weights != matching.DefaultHagenWeights() {
			t.Fatalf("policy in force %+v, %v", p, err)
		}
		users := testutil.SeedUsers(t, st)
		w := matching.HagenWeightsV1()
		w.Urgency = 41
		if v, err := rk.SaveWeights(ctx, domain.Actor{User: users.Admin}, w, "Test"); err != nil || v != 3 {
			t.Fatalf("saved version %d, %v", v, err)
		}
		// A version that does not name the occupancy weight has none.
		if p, err := rk.Policy(ctx); err != nil || p.Weights != w || p.Weights.Occupancy != 0 {
			t.Fatalf("policy after saving %+v, %v", p.Weights, err)
		}
	})
}

// topFive ranks the demo's 2-room flat closest to 54.5 m² under the weights and describes its five
// best candidates.
func topFive(t *testing.T, ctx context.Context, st *store.Store, w matching.Weights) (lines []string, cramped int, ordered bool) {
	t.Helper()
	rk := ranking.New(st)
	vs, err := st.PublishedVacancies(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The 2-room flat closest to 54.5 m², the one staff looked at (in this demo data 55.5 m²).
	var flat *domain.Vacancy
	for i := range vs {
		if vs[i].RoomsHalf == 4 && (flat == nil || abs(vs[i].AreaCentiM2-5450) < abs(flat.AreaCentiM2-5450)) {
			flat = &vs[i]
		}
	}
	if flat == nil {
		t.Fatal("the demo has no published 2-room flat")
	}
	t.Logf("Wohnungsangebot %d: 2 Zimmer, %d m²/100", flat.ID, flat.AreaCentiM2)
	r, err := rk.RankVacancy(ctx, flat.ID, 5)
	if err != nil {
		t.Fatal(err)
	}
	r.Policy.Weights = w
	r.Result, err = matching.Rank(r.Input, r.Households, r.Policy, matching.Date(r.Today), matching.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// ordered: in the whole ranking, no cramped household above a fitting one of the same
	// urgency; lines and cramped describe the top five.
	ordered = true
	crampedUrgency := map[int8]bool{}
	for i, c := range r.Result.Candidates {
		h, row := r.Households[c.Index], r.Rows[c.Index]
		tight := matching.Cramped(r.Input, int(h.Persons), r.Policy.Limits)
		fit := "passt"
		if tight {
			fit = "beengt"
			crampedUrgency[h.Urgency] = true
		} else if crampedUrgency[h.Urgency] {
			ordered = false
		}
		if i < 5 {
			if tight {
				cramped++
			}
			lines = append(lines, fmt.Sprintf("%d. %s: %d Pers., Dringlichkeit %d, %s Punkte, %s",
				c.Rank, row.Reference, h.Persons, h.Urgency, c.Score, fit))
		}
	}
	return lines, cramped, ordered
}

func abs(x domain.AreaCenti) domain.AreaCenti { return max(x, -x) }

// The defect on the demo data: under version 1 the top of the 2-room flat were 5-person
// families; under the default fitting households come first within each urgency.
func TestDemoTwoRoomFlatTopFive(t *testing.T) {
	ctx := context.Background()
	st := testutil.Open(t, "sqlite")
	if _, err := demo.Load(ctx, st, demo.Options{}); err != nil {
		t.Fatal(err)
	}
	before, crampedBefore, orderedBefore := topFive(t, ctx, st, matching.HagenWeightsV1())
	after, crampedAfter, orderedAfter := topFive(t, ctx, st, matching.DefaultHagenWeights())
	t.Logf("Version 1:\n%s\nVersion 2:\n%s", strings.Join(before, "\n"), strings.Join(after, "\n"))
	if crampedBefore < 3 || orderedBefore {
		t.Errorf("under version 1 %d of the top five are cramped, ordered within urgency: %v; the demo no longer shows the defect", crampedBefore, orderedBefore)
	}
	if !orderedAfter || crampedAfter >= crampedBefore || reflect.DeepEqual(before, after) {
		t.Errorf("under the default %d of the top five are cramped, ordered within urgency: %v", crampedAfter, orderedAfter)
	}
}

// A snapshot written before the occupancy weight existed (testdata, recorded by the code of
// policy version 1) still decodes, rebuilds to the same order and keeps its old weights.
func TestSnapshotOfPolicyVersionOneStillRebuilds(t *testing.T) {
	raw, err := os.ReadFile("testdata/snapshot_policy_v1.json")
	if err != nil {
		t.Fatal(err)
	}
	var rec domain.RankingSnapshot
	if err := json.Unmarshal(raw, &rec); err != nil {
		t.Fatal(err)
	}
	s, err := ranking.Rebuild(&rec)
	if err != nil {
		t.Fatalf("rebuild of a version 1 snapshot: %v", err)
	}
	if s.Policy.Version != 1 || s.Policy.Weights != matching.HagenWeightsV1() || len(s.Result.Candidates) == 0 {
		t.Fatalf("rebuilt policy %+v with %d candidates", s.Policy, len(s.Result.Candidates))
	}
}
