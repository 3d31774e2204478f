package ranking_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"wohnbruecke/internal/demo"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/workflow"
	"wohnbruecke/matching"
)

// order is a ranking as a person compares it: household IDs with rank and score, and the
// excluded household IDs with their reasons.
type order struct {
	Ranked   []rankedEntry
	Excluded map[int64]matching.ReasonSet
}

type rankedEntry struct {
	ID    int64
	Rank  int32
	Score matching.Points
}

func orderOf(res matching.Result, hs []matching.Household) order {
	o := order{Excluded: map[int64]matching.ReasonSet{}}
	for _, c := range res.Candidates {
		o.Ranked = append(o.Ranked, rankedEntry{c.HouseholdID(hs), c.Rank, c.Score})
	}
	for _, e := range res.Excluded {
		o.Excluded[e.HouseholdID(hs)] = e.Reasons
	}
	return o
}

// rankingFixture stores a vacancy and households that rank in a clear order, with some
// excluded for different reasons.
func rankingFixture(t *testing.T, st *store.Store) (testutil.Users, *domain.Vacancy, []*domain.Household) {
	users := testutil.SeedUsers(t, st)
	v := testutil.Vacancy(t, st, users.LandlordOrg.ID, func(v *domain.Vacancy) { v.PetsAllowed = false })
	today := st.Today()
	changes := []func(*domain.Household){
		func(h *domain.Household) { setUrgency(h, 1) },
		func(h *domain.Household) { setUrgency(h, 2); h.RegisteredOn = today.AddDays(-800) },
		func(h *domain.Household) { setUrgency(h, 3) },
		func(h *domain.Household) { h.RegisteredOn = today.AddDays(-30) },
		nil,
		func(h *domain.Household) { h.HasPets = true },
		func(h *domain.Household) { h.HasPets = true; setUrgency(h, 1) },
		func(h *domain.Household) { h.CertificatePassedOn = 0; h.CertificateNumber = "" },
	}
	var hs []*domain.Household
	for _, c := range changes {
		hs = append(hs, testutil.Household(t, st, c))
	}
	return users, v, hs
}

// setUrgency makes the household a Fachstelle case of the given urgency (0: none).
func setUrgency(h *domain.Household, u int) {
	h.FachstelleCase, h.EmergencyCategory, h.Urgency = false, nil, nil
	if u > 0 {
		category, urgency := domain.EmergencyStreet, domain.Urgency(u)
		h.FachstelleCase, h.EmergencyCategory, h.Urgency = true, &category, &urgency
	}
}

// An approval's snapshot rebuilds the ranking exactly as it was, after the households (the
// approved one and others), the weights and the set of households changed, while a fresh
// ranking differs.
func TestApprovedRankingRebuildsAfterTheDataChanged(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users, v, hs := rankingFixture(t, st)
		before, err := ranking.New(st).RankVacancy(ctx, v.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		want := orderOf(before.Result, before.Households)
		if len(want.Ranked) != 5 || len(want.Excluded) != 3 {
			t.Fatalf("fixture ranks %d and excludes %d households, want 5 and 3", len(want.Ranked), len(want.Excluded))
		}
		rk := ranking.New(st)
		ap, err := workflow.New(st, rk).Approve(ctx, domain.Actor{User: users.Staff},
			workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: v.ID, HouseholdID: hs[0].ID, SlotID: v.Slots[0].ID})
		if err != nil {
			t.Fatal(err)
		}

		// Change the approved household, other households, their number and the weights.
		for i, change := range map[int]func(*domain.Household){
			0: func(h *domain.Household) { setUrgency(h, 0) },
			1: func(h *domain.Household) { setUrgency(h, 1) },
			5: func(h *domain.Household) { h.HasPets = false },
			3: func(h *domain.Household) { h.PreferredBoroughs = domain.BoroughList{domain.BoroughNord} },
		} {
			h, err := st.HouseholdByID(ctx, hs[i].ID)
			if err != nil {
				t.Fatal(err)
			}
			change(h)
			if err := st.Tx(ctx, func(tx *store.Store) error { return tx.UpdateHousehold(ctx, h) }); err != nil {
				t.Fatal(err)
			}
		}
		if err := st.PauseHousehold(ctx, hs[2].ID, "Test", st.Today().AddDays(30)); err != nil {
			t.Fatal(err)
		}
		testutil.Household(t, st, func(h *domain.Household) { setUrgency(h, 1) })
		w := matching.DefaultHagenWeights()
		w.Urgency, w.WaitingTime = 20, 35
		if _, err := rk.SaveWeights(ctx, domain.Actor{User: users.Admin}, w, "Test"); err != nil {
			t.Fatal(err)
		}

		fresh, err := ranking.New(st).RankVacancy(ctx, v.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		if reflect.DeepEqual(orderOf(fresh.Result, fresh.Households), want) {
			t.Fatal("a fresh ranking after the changes still gives the stored order; the test proves nothing")
		}
		rebuilt, err := rk.RebuildSnapshot(ctx, *ap.Match.SnapshotID)
		if err != nil {
			t.Fatal(err)
		}
		if got := orderOf(rebuilt.Result, rebuilt.Households); !reflect.DeepEqual(got, want) {
			t.Fatalf("rebuilt order\n%+v\nwant the order at approval\n%+v", got, want)
		}
		if !reflect.DeepEqual(rebuilt.Households, before.Households) || rebuilt.Policy.Weights != before.Policy.Weights ||
			rebuilt.Policy.Version != before.Policy.Version || !reflect.DeepEqual(rebuilt.Policy.Limits, before.Policy.Limits) ||
			rebuilt.Vacancy != before.Input || rebuilt.Today != before.Today {
			t.Fatal("the rebuilt inputs are not the inputs at approval")
		}
		if rebuilt.Result.Candidates[0].HouseholdID(rebuilt.Households) != hs[0].ID || ap.Match.Rank != 1 {
			t.Fatalf("approved household not first in the rebuilt ranking (match rank %d)", ap.Match.Rank)
		}
	})
}

// Rebuild refuses stored data that does not give back the stored order, or whose parts do
// not match their hashes.
func TestRebuildDetectsChangedSnapshots(t *testing.T) {
	st := testutil.Open(t, "sqlite")
	ctx := context.Background()
	users, v, hs := rankingFixture(t, st)
	rk := ranking.New(st)
	ap, err := workflow.New(st, rk).Approve(ctx, domain.Actor{User: users.Staff},
		workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: v.ID, HouseholdID: hs[0].ID, SlotID: v.Slots[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := st.SnapshotByID(ctx, *ap.Match.SnapshotID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ranking.Rebuild(rec); err != nil {
		t.Fatalf("unchanged snapshot: %v", err)
	}
	// reencode stores a changed snapshot consistently: fresh hashes over the changed parts.
	reencode := func(change func(s *ranking.Snapshot)) *domain.RankingSnapshot {
		s, err := ranking.DecodeSnapshot(rec)
		if err != nil {
			t.Fatal(err)
		}
		change(s)
		out, err := s.Record(s.Result.Candidates[0])
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	for name, bad := range map[string]*domain.RankingSnapshot{
		"stored score": reencode(func(s *ranking.Snapshot) { s.Result.Candidates[1].Score++ }),
		"stored order": reencode(func(s *ranking.Snapshot) {
			c := s.Result.Candidates
			c[1].Index, c[2].Index = c[2].Index, c[1].Index
		}),
		"stored reasons": reencode(func(s *ranking.Snapshot) { s.Result.Excluded[0].Reasons ^= 1 }),
		"input":          reencode(func(s *ranking.Snapshot) { s.Households[s.Result.Candidates[0].Index].Urgency = 4 }),
		"weights":        reencode(func(s *ranking.Snapshot) { s.Policy.Weights.Urgency = 10 }),
		"today":          reencode(func(s *ranking.Snapshot) { s.Today += 400 }),
		"inputs hash":    func() *domain.RankingSnapshot { r := *rec; r.InputsSHA256 = r.OrderSHA256; return &r }(),
		"order hash":     func() *domain.RankingSnapshot { r := *rec; r.OrderSHA256 = r.InputsSHA256; return &r }(),
	} {
		if _, err := ranking.Rebuild(bad); !errors.Is(err, ranking.ErrSnapshotDiffers) {
			t.Errorf("changed %s: %v, want ErrSnapshotDiffers", name, err)
		}
	}
	for name, data := range map[string][]byte{
		"empty":     nil,
		"format":    append([]byte{9}, rec.Data[1:]...),
		"truncated": rec.Data[:len(rec.Data)/2],
	} {
		r := *rec
		r.Data = data
		if _, err := ranking.Rebuild(&r); err == nil {
			t.Errorf("%s data rebuilt without error", name)
		}
	}
}

// fill sets every field of v, whatever its type, to a random value that is often extreme,
// so that a field added to the engine's inputs later is covered without changing this test.
func fill(t *testing.T, rng *rand.Rand, v reflect.Value) {
	t.Helper()
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			fill(t, rng, v.Field(i))
		}
	case reflect.Slice:
		n := rng.IntN(4)
		if n == 0 {
			v.SetZero()
			return
		}
		v.Set(reflect.MakeSlice(v.Type(), n, n))
		for i := range n {
			fill(t, rng, v.Index(i))
		}
	case reflect.Bool:
		v.SetBool(rng.IntN(2) == 0)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		bits := v.Type().Bits()
		lo, hi := int64(-1)<<(bits-1), int64(uint64(1)<<(bits-1)-1)
		v.SetInt([]int64{0, 1, -1, lo, hi, rng.Int64N(hi) - rng.Int64N(hi)}[rng.IntN(6)])
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint([]uint64{0, 1, uint64(1)<<v.Type().Bits() - 1, rng.Uint64() >> (64 - v.Type().Bits())}[rng.IntN(4)])
	case reflect.Float64:
		v.SetFloat([]float64{0, 40.01, -0.5, math.SmallestNonzeroFloat64, math.MaxFloat64, rng.Float64()}[rng.IntN(6)])
	default:
		t.Fatalf("fill: no random values for %s", v.Type())
	}
}

// Every input survives the stored form exactly, including extreme values.
func TestSnapshotKeepsEveryInputExactly(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 10))
	for round := range 20 {
		s := &ranking.Snapshot{Today: domain.Date(rng.Int32() - rng.Int32()), Households: make([]matching.Household, 200+round)}
		fill(t, rng, reflect.ValueOf(&s.Policy).Elem())
		fill(t, rng, reflect.ValueOf(&s.Vacancy).Elem())
		for i := range s.Households {
			fill(t, rng, reflect.ValueOf(&s.Households[i]).Elem())
		}
		s.Result = matching.Result{PolicyVersion: s.Policy.Version, Weights: s.Policy.Weights, Eligible: 3,
			Candidates: []matching.Candidate{{Index: 4, Rank: 1, Score: math.MaxInt64}, {Index: 0, Rank: 2, Score: 5},
				{Index: int32(len(s.Households) - 1), Rank: 3, Score: math.MinInt64}},
			Excluded: []matching.Excluded{{Index: 1, Reasons: math.MaxUint16}, {Index: 2, Reasons: 1}}}
		rec, err := s.Record(s.Result.Candidates[0])
		if err != nil {
			t.Fatal(err)
		}
		got, err := ranking.DecodeSnapshot(rec)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, s) {
			for i := range s.Households {
				if !reflect.DeepEqual(got.Households[i], s.Households[i]) {
					t.Fatalf("household %d:\n got %+v\nwant %+v", i, got.Households[i], s.Households[i])
				}
			}
			t.Fatalf("snapshot changed on the way through the store:\n got %+v %+v %v\nwant %+v %+v %v",
				got.Policy, got.Vacancy, got.Today, s.Policy, s.Vacancy, s.Today)
		}
	}
}

// BenchmarkSnapshotRecord encodes the snapshot of a full demo ranking and reports its size
// in the database (bytes/snapshot) and the size of the same inputs as plain JSON.
func BenchmarkSnapshotRecord(b *testing.B) {
	for _, n := range []int{300, 20_000} {
		b.Run(fmt.Sprintf("households=%d", n), func(b *testing.B) {
			ctx := context.Background()
			st := testutil.Open(b, "sqlite")
			if _, err := demo.Load(ctx, st, demo.Options{Households: n}); err != nil {
				b.Fatal(err)
			}
			vs, err := st.PublishedVacancies(ctx)
			if err != nil || len(vs) == 0 {
				b.Fatalf("published vacancies: %d, %v", len(vs), err)
			}
			r, err := ranking.New(st).RankVacancy(ctx, vs[0].ID, 0)
			if err != nil || r.Result.Eligible == 0 {
				b.Fatalf("ranking: %v, %d eligible", err, r.Result.Eligible)
			}
			s, err := ranking.SnapshotOf(r)
			if err != nil {
				b.Fatal(err)
			}
			var rec *domain.RankingSnapshot
			for b.Loop() {
				if rec, err = s.Record(r.Result.Candidates[0]); err != nil {
					b.Fatal(err)
				}
			}
			plain, err := json.Marshal(s)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(len(rec.Data)+len(rec.InputsJSON)+len(rec.ResultJSON)), "bytes/snapshot")
			b.ReportMetric(float64(len(rec.Data)), "data-bytes")
			b.ReportMetric(float64(len(plain)), "json-bytes")
			b.ReportMetric(float64(r.Result.Eligible), "eligible")
		})
	}
}
