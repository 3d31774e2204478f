package matching

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
	"unsafe"
)

// The ranking reads 100,000 households; their size is a performance property worth keeping.
func TestHouseholdSize(t *testing.T) {
	if got := unsafe.Sizeof(Household{}); got != 96 {
		t.Fatalf("Household is %d bytes, want 96", got)
	}
}

// randomWeights returns valid weights of very different scales, down to the smallest step.
func randomWeights(r *rand.Rand) Weights {
	w := func(optional bool) float64 {
		switch r.IntN(5) {
		case 0:
			if optional {
				return 0
			}
			return 0.01
		case 1:
			return float64(1+r.IntN(100)) / 100
		case 2:
			return MaxWeight
		default:
			return float64(r.IntN(100000)+1) / 100
		}
	}
	return Weights{
		Urgency: w(false), Certificate: w(false), Accompaniment: w(false), WaitingTime: w(false),
		PreferredDistrict: w(false), SizeFit: w(true), RentHeadroom: w(true), Occupancy: w(true),
	}
}

// order returns the candidates' household IDs in rank order, checking ranks and scores.
func order(t *testing.T, res Result, hs []Household) []int64 {
	t.Helper()
	ids := make([]int64, len(res.Candidates))
	for i, c := range res.Candidates {
		if int(c.Rank) != i+1 {
			t.Fatalf("candidate %d has rank %d", i, c.Rank)
		}
		if i > 0 && c.Score > res.Candidates[i-1].Score {
			t.Fatalf("rank %d scores %d above rank %d (%d)", i+1, c.Score, i, res.Candidates[i-1].Score)
		}
		ids[i] = c.HouseholdID(hs)
	}
	return ids
}

func mustRank(t *testing.T, v Vacancy, hs []Household, p Policy, opt Options) Result {
	t.Helper()
	res, err := Rank(v, hs, p, genToday, opt)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// tiedHouseholds makes households with many exact score ties: coarse registration dates
// and few distinct profiles.
func tiedHouseholds(g *gen, n int) []Household {
	hs := g.households(n, 0)
	for i := range hs {
		hs[i].RegisteredOn = g.today - Date(30*g.r.IntN(4))
		hs[i].Status, hs[i].PausedUntil = StatusActive, 0
		if i%7 == 0 { // equal lottery numbers: ties fall back to the ID
			hs[i].Lottery = 7
		}
	}
	return hs
}

func TestRankIndependentOfInputOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for n, size := range []int{5, 300, 3000, 40000} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			g := newGen(uint64(n))
			hs := tiedHouseholds(g, size)
			v := typicalVacancy()
			p := DefaultHagenPolicy()
			p.Weights = randomWeights(r)
			want := mustRank(t, v, hs, p, Options{})
			wantIDs := order(t, want, hs)
			if len(wantIDs) == 0 {
				t.Fatal("no candidates")
			}
			for range 3 {
				r.Shuffle(len(hs), func(i, j int) { hs[i], hs[j] = hs[j], hs[i] })
				got := mustRank(t, v, hs, p, Options{})
				if !slices.Equal(order(t, got, hs), wantIDs) {
					t.Fatal("order changed with the input order")
				}
				top := mustRank(t, v, hs, p, Options{Limit: 50})
				if !slices.Equal(order(t, top, hs), wantIDs[:min(50, len(wantIDs))]) {
					t.Fatal("top 50 differ from the full ranking")
				}
				if top.Eligible != want.Eligible || len(top.Excluded) != len(want.Excluded) {
					t.Fatalf("top 50: eligible %d excluded %d, want %d %d", top.Eligible, len(top.Excluded), want.Eligible, len(want.Excluded))
				}
			}
		})
	}
}

func TestRankTiesByLottery(t *testing.T) {
	h := baseHousehold()
	mk := func(id int64, lottery uint64) Household {
		x := h
		x.ID, x.Lottery = id, lottery
		return x
	}
	// Equal upper 32 bits of the lottery, different lower bits; equal lotteries go by ID.
	hs := []Household{mk(1, 1<<40+5), mk(2, 3), mk(3, 1<<40+4), mk(4, 1<<63), mk(6, 3), mk(5, 3)}
	res, err := Rank(baseVacancy(), hs, DefaultHagenPolicy(), ruleToday, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := order(t, res, hs), []int64{2, 5, 6, 3, 1, 4}; !slices.Equal(got, want) {
		t.Fatalf("order %v, want %v", got, want)
	}
	if res.Candidates[0].Score != res.Candidates[5].Score {
		t.Fatal("scores differ")
	}
}

// improvements are the one-component changes that must never make a household rank lower.
var improvements = []struct {
	name  string
	apply func(h *Household, today Date) bool // false: not applicable to h
}{
	{"certificate added", func(h *Household, today Date) bool {
		if h.CertificateOn != 0 {
			return false
		}
		h.CertificateOn = today - 3
		return true
	}},
	{"accompaniment activated", func(h *Household, today Date) bool {
		if h.AccompanimentActive(today) {
			return false
		}
		h.AccompanimentFrom, h.AccompanimentUntil = today-10, 0
		return true
	}},
	{"urgency raised", func(h *Household, _ Date) bool {
		switch {
		case h.Urgency == 1:
			return false
		case h.Urgency < 1 || h.Urgency > 4:
			h.Urgency = 4
		default:
			h.Urgency--
		}
		return true
	}},
	{"registered one day earlier", func(h *Household, _ Date) bool {
		h.RegisteredOn--
		return true
	}},
	{"preferred district added", func(h *Household, _ Date) bool {
		if h.Preferred.Has(typicalVacancy().Borough) {
			return false
		}
		h.Preferred = h.Preferred.With(typicalVacancy().Borough)
		return true
	}},
}

func TestRankBetterNeverLower(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	g := newGen(3)
	v := typicalVacancy()
	others := g.households(200, 0)
	checked := 0
	for n := range 400 {
		p := DefaultHagenPolicy()
		p.Weights = randomWeights(r)
		base := g.household(1_000_000, 0)
		base.Status, base.PausedUntil, base.CertificateOn, base.Excluded = StatusActive, 0, 0, 0
		base.Benefit, base.NeedsWheelchair, base.NeedsStepFree, base.HasPets = BenefitNone, false, false, false
		base.Persons = int16(1 + r.IntN(3))
		base.FachstelleCase = true
		if n%2 == 0 {
			base.Lottery = math.MaxUint64 - 1 // the improved copy has a worse lottery number
		}
		for _, imp := range improvements {
			better := base
			if !imp.apply(&better, genToday) {
				continue
			}
			better.ID, better.Lottery = base.ID+1, base.Lottery+1
			hs := append(slices.Clone(others), base, better)
			r.Shuffle(len(hs), func(i, j int) { hs[i], hs[j] = hs[j], hs[i] })
			res := mustRank(t, v, hs, p, Options{})
			rank := map[int64]int32{}
			for _, c := range res.Candidates {
				rank[c.HouseholdID(hs)] = c.Rank
			}
			rb, ok1 := rank[base.ID]
			rw, ok2 := rank[better.ID]
			if !ok1 || !ok2 {
				t.Fatalf("%s: not both eligible (%v %v)", imp.name, ok1, ok2)
			}
			if rw > rb {
				t.Fatalf("%s with weights %+v: improved household ranks %d, original %d", imp.name, p.Weights, rw, rb)
			}
			checked++
		}
	}
	if checked < 1000 {
		t.Fatalf("only %d comparisons", checked)
	}
}

func TestWaitingValueStrictlyIncreasing(t *testing.T) {
	prev := waitingValue(0)
	if prev != 0 {
		t.Fatalf("waitingValue(0) = %d", prev)
	}
	for d := int64(1); d <= MaxWaitDays; d++ {
		v := waitingValue(d)
		if v <= prev || v > ValueScale {
			t.Fatalf("waitingValue(%d) = %d after %d", d, v, prev)
		}
		prev = v
	}
	if got := float64(waitingValue(365)) / ValueScale; math.Abs(got-0.5) > 0.01 {
		t.Fatalf("a year of waiting is worth %.4f, want about 0.5", got)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(p *Policy)
		field string // "" = valid
	}{
		{"default", func(*Policy) {}, ""},
		{"zero size fit and rent headroom", func(p *Policy) { p.Weights.SizeFit, p.Weights.RentHeadroom = 0, 0 }, ""},
		{"smallest step", func(p *Policy) { p.Weights.Urgency = 0.01 }, ""},
		{"max weight", func(p *Policy) { p.Weights.Certificate = MaxWeight }, ""},
		{"zero urgency", func(p *Policy) { p.Weights.Urgency = 0 }, "weights.urgency"},
		{"zero certificate", func(p *Policy) { p.Weights.Certificate = 0 }, "weights.certificate"},
		{"zero accompaniment", func(p *Policy) { p.Weights.Accompaniment = 0 }, "weights.accompaniment"},
		{"zero waiting time", func(p *Policy) { p.Weights.WaitingTime = 0 }, "weights.waiting_time"},
		{"zero preferred district", func(p *Policy) { p.Weights.PreferredDistrict = 0 }, "weights.preferred_borough"},
		{"negative", func(p *Policy) { p.Weights.SizeFit = -1 }, "weights.size_fit"},
		{"NaN", func(p *Policy) { p.Weights.RentHeadroom = math.NaN() }, "weights.rent_headroom"},
		{"infinite", func(p *Policy) { p.Weights.WaitingTime = math.Inf(1) }, "weights.waiting_time"},
		{"below the step", func(p *Policy) { p.Weights.Urgency = 0.001 }, "weights.urgency"},
		{"too large", func(p *Policy) { p.Weights.Urgency = MaxWeight + 1 }, "weights.urgency"},
		{"no KdU table", func(p *Policy) { p.Limits.KdUCapsCents = nil }, "limits.kdu_caps"},
		{"negative cap", func(p *Policy) { p.Limits.KdUCapsCents = []int64{-1} }, "limits.kdu_caps.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := DefaultHagenPolicy()
			tt.edit(&p)
			err := p.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate = %v", err)
				}
				return
			}
			var ve *ValidationError
			if !errors.As(err, &ve) || !errors.Is(err, ErrInvalidPolicy) {
				t.Fatalf("Validate = %v, want a ValidationError", err)
			}
			if ve.Fields[0].Field != tt.field || ve.Fields[0].Message == "" {
				t.Fatalf("Validate fields = %+v, want %s", ve.Fields, tt.field)
			}
			if _, err := Rank(typicalVacancy(), nil, p, genToday, Options{}); err == nil {
				t.Fatal("Rank accepted an invalid policy")
			}
		})
	}
}

func TestScoreBreakdown(t *testing.T) {
	p := DefaultHagenPolicy()
	v := baseVacancy()
	h := baseHousehold()
	h.Urgency, h.Preferred = 1, BoroughsOf(Haspe)
	b := Score(v, h, p, ruleToday)
	var sum Points
	for _, c := range b.Components {
		sum += c.Contribution
		if c.Value < 0 || c.Value > 1 {
			t.Errorf("%s value %v", c.Component.Code(), c.Value)
		}
	}
	if sum != b.Score {
		t.Fatalf("contributions sum to %d, score %d", sum, b.Score)
	}
	for _, tt := range []struct {
		c    Component
		want string
	}{
		{ComponentUrgency, "Dringlichkeit: +520,0"},
		{ComponentOccupancy, "Belegung: +65,0"},
		{ComponentCertificate, "Integrationszertifikat: +15,0"},
		{ComponentAccompaniment, "Wohnbegleitung: +0,0"},
		{ComponentPreferredDistrict, "Wunschbezirk: +5,0"},
	} {
		if got := b.Components[tt.c].String(); got != tt.want {
			t.Errorf("component %s = %q, want %q", tt.c.Code(), got, tt.want)
		}
	}
	// Rent 540 € of a 600 € cap: headroom 0.1.
	if got := b.Components[ComponentRentHeadroom].Value; math.Abs(got-0.1) > 1e-6 {
		t.Errorf("rent headroom %v, want 0.1", got)
	}
	// 70 m² against 80 m² appropriate, 3 rooms for 3 persons: (0.875 + 1) / 2.
	if got := b.Components[ComponentSizeFit].Value; math.Abs(got-0.9375) > 1e-6 {
		t.Errorf("size fit %v, want 0.9375", got)
	}
	res, err := Rank(v, []Household{h}, p, ruleToday, Options{})
	if err != nil || len(res.Candidates) != 1 {
		t.Fatalf("Rank = %+v, %v", res, err)
	}
	c := res.Candidates[0]
	if c.Score != b.Score || c.Breakdown(NewExplainer(v, p, ruleToday), []Household{h}) != b {
		t.Fatalf("candidate %+v differs from Score %+v", c, b)
	}
}

func TestRankMatchesScoreAndCheck(t *testing.T) {
	// 3000 households take the plain path, 20000 the parallel one with the waiting table.
	for _, tt := range []struct{ households, vacancies int }{{3000, 20}, {20000, 2}} {
		t.Run(fmt.Sprint(tt.households), func(t *testing.T) { rankMatchesScoreAndCheck(t, tt.households, tt.vacancies) })
	}
}

func rankMatchesScoreAndCheck(t *testing.T, households, vacancies int) {
	g := newGen(21)
	hs := g.households(households, 50)
	p := DefaultHagenPolicy()
	for _, v := range g.vacancies(vacancies) {
		agreeWithReference(t, v, hs, p, genToday, 50)
		res := mustRank(t, v, hs, p, Options{})
		ex := NewExplainer(v, p, genToday)
		if len(res.Candidates)+len(res.Excluded) != len(hs) || res.Eligible != len(res.Candidates) {
			t.Fatalf("counts: %d + %d != %d", len(res.Candidates), len(res.Excluded), len(hs))
		}
		for _, c := range res.Candidates {
			h := hs[c.Index]
			if h.ID != c.HouseholdID(hs) || Check(v, h, p, genToday) != 0 || Score(v, h, p, genToday).Score != c.Score ||
				ComponentValues(v, h, p, genToday) != ex.Values(&h) || c.Breakdown(ex, hs).Score != c.Score {
				t.Fatalf("candidate %+v disagrees with Check/Score", c)
			}
		}
		for _, e := range res.Excluded {
			if h := hs[e.Index]; h.ID != e.HouseholdID(hs) || Check(v, h, p, genToday) != e.Reasons {
				t.Fatalf("excluded %+v disagrees with Check", e)
			}
		}
	}
}

// The split of the work over goroutines must not change the result.
func TestRankIndependentOfWorkers(t *testing.T) {
	g := newGen(77)
	hs := tiedHouseholds(g, 60000)
	v, p := typicalVacancy(), DefaultHagenPolicy()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	for _, limit := range []int{0, 50} {
		runtime.GOMAXPROCS(1)
		want := mustRank(t, v, hs, p, Options{Limit: limit})
		for _, procs := range []int{2, 3, 5, 8} {
			runtime.GOMAXPROCS(procs)
			got := mustRank(t, v, hs, p, Options{Limit: limit})
			if !slices.Equal(got.Candidates, want.Candidates) || !slices.Equal(got.Excluded, want.Excluded) || got.Eligible != want.Eligible {
				t.Fatalf("limit %d: result with %d procs differs from 1", limit, procs)
			}
		}
	}
}

// rankAllSorted, the path for sort records wider than 64 bits, must give the same result as
// the packed one.
func TestRankAllSortedMatchesPacked(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for n, size := range []int{0, 1, 7, 500, 30000} {
		g := newGen(uint64(n + 100))
		hs := tiedHouseholds(g, size)
		v := typicalVacancy()
		p := DefaultHagenPolicy()
		p.Weights = randomWeights(r)
		want := mustRank(t, v, hs, p, Options{})
		s := newScorer(&v, &p, genToday, nil)
		got := Result{PolicyVersion: want.PolicyVersion, Weights: want.Weights}
		rankAllSorted(s, hs, &got)
		if !slices.Equal(got.Candidates, want.Candidates) || !slices.Equal(got.Excluded, want.Excluded) ||
			got.Eligible != want.Eligible || (got.Excluded == nil) != (want.Excluded == nil) {
			t.Fatalf("%d households: sorted path differs from the packed one", size)
		}
	}
}
