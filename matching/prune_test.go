package matching

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// oddInstance makes a random instance with the inputs the pruning treats apart: sizes outside
// the size table (large, 0, negative), active matches and declined lists for vacancies of the
// instance, flats without a Stadtbezirk, Senioren-WGs, WBS flats, pauses ending today.
func oddInstance(r *rand.Rand, g *gen, nv, nh int) ([]Vacancy, []Household) {
	vs := g.vacancies(nv)
	for i := range vs {
		switch r.IntN(8) {
		case 0:
			vs[i].Borough = BoroughUnknown
		case 1:
			vs[i].Restriction, vs[i].Places = RestrictionSeniorWG, 1+r.IntN(3)
		case 2:
			vs[i].WBSRequired, vs[i].AvailableFrom = true, 0
		case 3:
			vs[i].AreaCenti, vs[i].RoomsHalf, vs[i].MaxOccupants = 40000, 0, 0
		}
	}
	hs := g.households(nh, int64(nv))
	for j := range hs {
		h := &hs[j]
		switch r.IntN(12) {
		case 0:
			h.Persons = int16(17 + r.IntN(20))
		case 1:
			h.Persons = int16(-r.IntN(3))
		case 2:
			h.ActiveMatchVacancyID = 1 + r.Int64N(int64(nv))
		case 3:
			h.Declined = []int64{1 + r.Int64N(int64(nv))}
		case 4:
			h.Status, h.PausedUntil = StatusPaused, g.today
		case 5:
			h.FocusGroup, h.Persons = FocusSeniorCare, 1
		case 6:
			h.WBSValidUntil, h.WBSPersons = g.today.AddDays(r.IntN(90)), max(h.Persons, 1)
		case 7:
			h.Preferred, h.Excluded = BoroughsOf(AllBoroughs()...), 0
		}
	}
	// IDs out of input order, so that columns differ from positions.
	r.Shuffle(len(hs), func(a, b int) { hs[a], hs[b] = hs[b], hs[a] })
	r.Shuffle(len(vs), func(a, b int) { vs[a], vs[b] = vs[b], vs[a] })
	return vs, hs
}

// TestPrunedGraphEqualsFullEvaluation compares the graph of the pruned pair evaluation with
// the one of evalBlock on every pair: same edges, same scores, same order.
func TestPrunedGraphEqualsFullEvaluation(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 3))
	for n := range 300 {
		g := newGen(uint64(1000 + n))
		vs, hs := oddInstance(r, g, 1+r.IntN(30), 1+r.IntN(400))
		p := DefaultHagenPolicy()
		if n%2 == 1 {
			p.Weights = randomWeights(r)
		}
		today := g.today.AddDays(r.IntN(400) - 200)
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			want := buildGraphWith(vs, hs, &p, today, false)
			got := buildGraphWith(vs, hs, &p, today, true)
			same := len(got.adj) == len(want.adj) && got.pairs == want.pairs
			for k := range want.adj {
				// The same records, and the same sorted prefix (the rest is in any order).
				g, w := got.adj[k], want.adj[k]
				same = same && g.sorted == w.sorted && slices.Equal(g.recs[:g.sorted], w.recs[:w.sorted]) &&
					slices.Equal(slices.Sorted(slices.Values(g.recs)), slices.Sorted(slices.Values(w.recs)))
			}
			if !same || !slices.Equal(got.rowVac, want.rowVac) || got.maxScore != want.maxScore {
				t.Fatalf("pruned graph differs: %d edges, want %d", got.pairs, want.pairs)
			}
		})
	}
}

// TestPrunedAllocateEqualsFullEvaluation compares whole allocations on larger instances.
func TestPrunedAllocateEqualsFullEvaluation(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 4))
	for n := range 6 {
		g := newGen(uint64(2000 + n))
		vs, hs := oddInstance(r, g, 50+r.IntN(100), 2000+r.IntN(3000))
		p := DefaultHagenPolicy()
		if n%2 == 1 {
			p.Weights = randomWeights(r)
		}
		got, err := Allocate(vs, hs, p, g.today)
		if err != nil {
			t.Fatal(err)
		}
		want, err := allocateWith(vs, hs, p, g.today, false)
		if err != nil {
			t.Fatal(err)
		}
		if got.TotalScore != want.TotalScore || got.PlacesFilled != want.PlacesFilled ||
			got.EligiblePairs != want.EligiblePairs || !slices.Equal(got.Pairs, want.Pairs) {
			t.Fatalf("instance %d: pruned %d places, score %d, %d pairs; full %d, %d, %d",
				n, got.PlacesFilled, got.TotalScore, got.EligiblePairs, want.PlacesFilled, want.TotalScore, want.EligiblePairs)
		}
		if got.PlacesFilled == 0 {
			t.Fatalf("instance %d fills nothing", n)
		}
	}
}
