package matching

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// bruteForce returns the lexicographically best (places filled, total score) over every
// assignment of households to vacancy places.
func bruteForce(vs []Vacancy, hs []Household, p Policy, today Date) (int, Points) {
	type edge struct {
		ok    bool
		score Points
	}
	e := make([][]edge, len(hs))
	for j := range hs {
		e[j] = make([]edge, len(vs))
		for i := range vs {
			if Check(vs[i], hs[j], p, today) == 0 {
				e[j][i] = edge{true, Score(vs[i], hs[j], p, today).Score}
			}
		}
	}
	left := make([]int, len(vs))
	for i, v := range vs {
		left[i] = max(v.Places, 1)
	}
	bestN, bestS := 0, Points(0)
	var rec func(j, n int, s Points)
	rec = func(j, n int, s Points) {
		if j == len(hs) {
			if n > bestN || n == bestN && s > bestS {
				bestN, bestS = n, s
			}
			return
		}
		rec(j+1, n, s)
		for i := range vs {
			if e[j][i].ok && left[i] > 0 {
				left[i]--
				rec(j+1, n+1, s+e[j][i].score)
				left[i]++
			}
		}
	}
	rec(0, 0, 0)
	return bestN, bestS
}

// checkAllocation verifies that a is a feasible allocation whose totals add up.
func checkAllocation(t *testing.T, a Allocation, vs []Vacancy, hs []Household, p Policy, today Date) {
	t.Helper()
	vByID := map[int64]Vacancy{}
	for _, v := range vs {
		vByID[v.ID] = v
	}
	hByID := map[int64]Household{}
	for _, h := range hs {
		hByID[h.ID] = h
	}
	used := map[int64]bool{}
	filled := map[int64]int{}
	var total Points
	for _, pr := range a.Pairs {
		v, h := vByID[pr.VacancyID], hByID[pr.HouseholdID]
		if used[pr.HouseholdID] {
			t.Fatalf("household %d placed twice", pr.HouseholdID)
		}
		used[pr.HouseholdID] = true
		filled[pr.VacancyID]++
		if filled[pr.VacancyID] > max(v.Places, 1) {
			t.Fatalf("vacancy %d over its %d places", v.ID, v.Places)
		}
		if r := Check(v, h, p, today); r != 0 {
			t.Fatalf("pair %d/%d is not eligible: %v", v.ID, h.ID, r)
		}
		if s := Score(v, h, p, today).Score; s != pr.Score {
			t.Fatalf("pair %d/%d score %d, want %d", v.ID, h.ID, pr.Score, s)
		}
		total += pr.Score
	}
	if total != a.TotalScore || len(a.Pairs) != a.PlacesFilled {
		t.Fatalf("totals: score %d vs %d, filled %d vs %d", a.TotalScore, total, a.PlacesFilled, len(a.Pairs))
	}
}

// smallInstance makes a small random instance; dense ones make most pairs eligible so that
// households compete for places.
func smallInstance(r *rand.Rand, g *gen) ([]Vacancy, []Household) {
	nv, nh := 1+r.IntN(4), 1+r.IntN(7)
	dense := r.IntN(2) == 0
	vs := make([]Vacancy, nv)
	for i := range vs {
		vs[i] = g.vacancy(int64(i + 1))
		vs[i].Places = 1 + r.IntN(2)
		if dense {
			vs[i].Accepts, vs[i].WBSRequired, vs[i].Restriction = AllTracks, false, RestrictionNone
			vs[i].AreaCenti = int64(30+r.IntN(80)) * 100
			vs[i].NetColdCents = vs[i].AreaCenti * 5
			vs[i].ServiceChargesCents = vs[i].AreaCenti
			vs[i].PetsAllowed = true
			vs[i].MaxOccupants = 0
		}
	}
	hs := make([]Household, nh)
	for j := range hs {
		hs[j] = g.household(int64(100+j), int64(nv))
		if dense {
			hs[j].Status, hs[j].PausedUntil, hs[j].CertificateOn = StatusActive, 0, g.today-10
			hs[j].Persons = int16(1 + r.IntN(3))
			hs[j].Excluded, hs[j].ActiveMatchVacancyID, hs[j].Declined = 0, 0, nil
			hs[j].NeedsWheelchair, hs[j].NeedsStepFree, hs[j].HasPets = false, false, false
			if r.IntN(3) == 0 { // some households fit only a few flats
				hs[j].Excluded = BoroughsOf(g.borough(), g.borough(), g.borough())
			}
		}
	}
	return vs, hs
}

func TestAllocateMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	g := newGen(99)
	for n := range 600 {
		vs, hs := smallInstance(r, g)
		p := DefaultHagenPolicy()
		if n%2 == 1 {
			p.Weights = randomWeights(r)
		}
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			a, err := Allocate(vs, hs, p, g.today)
			if err != nil {
				t.Fatal(err)
			}
			checkAllocation(t, a, vs, hs, p, g.today)
			wantN, wantS := bruteForce(vs, hs, p, g.today)
			if a.PlacesFilled != wantN || a.TotalScore != wantS {
				t.Fatalf("Allocate filled %d with score %d; brute force %d with %d", a.PlacesFilled, a.TotalScore, wantN, wantS)
			}
		})
	}
}

func TestAllocateFillsTheOnlyFittingFlat(t *testing.T) {
	p := DefaultHagenPolicy()
	today := ruleToday
	// Flat 1 needs a WBS; only household X has one. Flat 2 takes X or Y, and X scores a
	// little higher there (one day longer waiting). The best allocation is X→1, Y→2.
	wbsFlat := baseVacancy()
	wbsFlat.ID, wbsFlat.WBSRequired = 1, true
	other := baseVacancy()
	other.ID = 2
	x := baseHousehold()
	x.ID, x.WBSValidUntil, x.WBSPersons, x.RegisteredOn = 100, today+400, 3, today-401
	y := baseHousehold()
	y.ID, y.RegisteredOn = 200, today-400
	if Score(other, x, p, today).Score <= Score(other, y, p, today).Score {
		t.Fatal("setup: X should score higher for flat 2")
	}
	a, err := Allocate([]Vacancy{other, wbsFlat}, []Household{y, x}, p, today)
	if err != nil {
		t.Fatal(err)
	}
	want := []Pair{
		{VacancyID: 1, HouseholdID: 100, Score: Score(wbsFlat, x, p, today).Score},
		{VacancyID: 2, HouseholdID: 200, Score: Score(other, y, p, today).Score},
	}
	if fmt.Sprint(a.Pairs) != fmt.Sprint(want) || a.PlacesFilled != 2 || a.Places != 2 {
		t.Fatalf("Allocate = %+v, want pairs %+v", a, want)
	}
}

func TestAllocateSharedFlat(t *testing.T) {
	p := DefaultHagenPolicy()
	wg := baseVacancy()
	wg.Restriction, wg.Places, wg.AreaCenti, wg.NetColdCents, wg.ServiceChargesCents = RestrictionSeniorWG, 3, 12000, 30000, 6000
	var hs []Household
	for i := range 5 {
		h := baseHousehold()
		h.ID, h.Persons, h.FocusGroup, h.RegisteredOn = int64(i+1), 1, FocusSeniorCare, ruleToday-Date(100*i)
		hs = append(hs, h)
	}
	hs[4].FocusGroup = FocusWomen // does not fit a Senioren-WG
	a, err := Allocate([]Vacancy{wg}, hs, p, ruleToday)
	if err != nil {
		t.Fatal(err)
	}
	checkAllocation(t, a, []Vacancy{wg}, hs, p, ruleToday)
	// The three longest-waiting senior_care households (IDs 2, 3, 4) take the places.
	if a.PlacesFilled != 3 || a.Pairs[0].HouseholdID != 2 || a.Pairs[2].HouseholdID != 4 {
		t.Fatalf("Allocate = %+v", a.Pairs)
	}
}

func TestAllocateIndependentOfInputOrder(t *testing.T) {
	g := newGen(5)
	vs := g.vacancies(30)
	hs := g.households(400, 30)
	p := DefaultHagenPolicy()
	a, err := Allocate(vs, hs, p, g.today)
	if err != nil {
		t.Fatal(err)
	}
	checkAllocation(t, a, vs, hs, p, g.today)
	r := rand.New(rand.NewPCG(3, 4))
	r.Shuffle(len(vs), func(i, j int) { vs[i], vs[j] = vs[j], vs[i] })
	r.Shuffle(len(hs), func(i, j int) { hs[i], hs[j] = hs[j], hs[i] })
	b, err := Allocate(vs, hs, p, g.today)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Fatal("allocation depends on input order")
	}
	if a.PlacesFilled == 0 {
		t.Fatal("nothing allocated")
	}
}

func TestAllocateRejectsInvalidPolicy(t *testing.T) {
	p := DefaultHagenPolicy()
	p.Weights.Urgency = 0
	if _, err := Allocate(nil, nil, p, ruleToday); err == nil {
		t.Fatal("invalid policy accepted")
	}
}
