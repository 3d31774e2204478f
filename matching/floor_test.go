package matching

import (
	"math"
	"slices"
	"testing"
	"time"
)

// The honest floor of the ranking: what any engine that applies the hard rules and the score
// to every household has to do at least, on the same goroutines as Rank (workers, parallelFor):
// one pass that reads every household field a rule or a score component reads (and the
// lottery number and ID the order needs), one comparison per rule against the vacancy's
// figures, a weighted sum for the score, and then either the result lists (full ranking:
// one record per household, no sorting) or a heap of the best k (top-k ranking). It skips
// everything the engine does beyond that: the size tables, exact fixed-point components, the
// radix sort and merge, the tie-breaks. docs/design.md "Performance" reports Rank against it.

// floorVacancy holds the vacancy's figures the floor compares against.
type floorVacancy struct {
	id                                    int64
	today, wbsDay                         Date
	maxPersons                            int16
	borough                               BoroughSet
	needWBS, senior                       bool
	noWheelchair, noStepFree, noPets, wom bool
	accepts                               Track
	wUrg, wCert, wAcc, wWait, wPref       int64
}

func newFloorVacancy(v *Vacancy, p *Policy, today Date) floorVacancy {
	q := p.Weights.quantized()
	return floorVacancy{
		id: v.ID, today: today, wbsDay: max(v.AvailableFrom, today),
		maxPersons: int16(max(1, v.AreaCenti/max(1, p.Limits.MinAreaPerPersonCenti))),
		borough:    BoroughSet(0).With(v.Borough), needWBS: v.WBSRequired, senior: v.Restriction == RestrictionSeniorWG,
		noWheelchair: !v.Wheelchair, noStepFree: !(v.StepFree || v.Elevator || v.Floor == 0), noPets: !v.PetsAllowed,
		wom: v.Restriction == RestrictionWomenOnly, accepts: v.Accepts,
		wUrg: q[ComponentUrgency], wCert: q[ComponentCertificate], wAcc: q[ComponentAccompaniment],
		wWait: q[ComponentWaitingTime], wPref: q[ComponentPreferredDistrict],
	}
}

// eval returns whether h passes the floor's rules and its floor score, without branches.
func (f *floorVacancy) eval(h *Household) (bool, int64) {
	t := f.today
	af, au := h.AccompanimentFrom, h.AccompanimentUntil
	acc := b2u(af != 0) & b2u(af <= t) & (b2u(au == 0) | b2u(t <= au))
	cert := b2u(h.CertificateOn != 0)
	tracks := Track(cert) | Track(acc)<<1 | Track(b2u(h.FachstelleCase))<<2
	bad := b2u(tracks&f.accepts == 0) |
		b2u(h.Status != StatusActive) | b2u(h.PausedUntil > t) |
		b2u(h.ActiveMatchVacancyID != 0) | b2u(len(h.Declined) != 0) |
		b2u(h.Persons > f.maxPersons) | b2u(uint8(h.Benefit) > uint8(BenefitSGB12)) |
		b2u(f.needWBS)&(b2u(h.WBSValidUntil < f.wbsDay)|b2u(h.WBSPersons < h.Persons)) |
		b2u(f.senior)&b2u(h.FocusGroup != FocusSeniorCare) |
		b2u(f.noWheelchair)&b2u(h.NeedsWheelchair) | b2u(f.noStepFree)&b2u(h.NeedsStepFree) |
		b2u(f.noPets)&b2u(h.HasPets) | b2u(f.wom)&(b2u(h.AllFemale)^1) |
		b2u(h.Excluded&f.borough != 0)
	score := f.wUrg*int64(h.Urgency) + f.wCert*int64(cert) + f.wAcc*int64(acc) +
		f.wWait*int64(t-h.RegisteredOn) + f.wPref*int64(b2u(h.Preferred&f.borough != 0))
	return bad == 0, score
}

// floorRankAll is the floor of a full ranking: the pass, one record per household in the
// result lists the engine returns (candidates unsorted).
func floorRankAll(v *Vacancy, hs []Household, p *Policy, today Date, recs []uint64, ex []Excluded) ([]Candidate, []Excluded) {
	f := newFloorVacancy(v, p, today)
	n := len(hs)
	w := workers(n)
	ncs, nes := make([]int, w), make([]int, w)
	parallelFor(w, n, func(k, lo, hi int) {
		nc, ne := lo, lo
		for i := lo; i < hi; i++ {
			h := &hs[i]
			ok, score := f.eval(h)
			ex[ne] = Excluded{Index: int32(i)}
			recs[nc] = uint64(score)<<40 ^ h.Lottery>>44<<20 ^ uint64(i) ^ uint64(h.ID)
			o := int(b2u(ok))
			nc += o
			ne += 1 - o
		}
		ncs[k], nes[k] = nc-lo, ne-lo
	})
	nc, ne := 0, 0
	for k := range w {
		nc, ne = nc+ncs[k], ne+nes[k]
	}
	cands, excl := make([]Candidate, nc), make([]Excluded, ne)
	parallelFor(w, n, func(k, lo, _ int) {
		oc, oe := 0, 0
		for j := range k {
			oc, oe = oc+ncs[j], oe+nes[j]
		}
		for j, r := range recs[lo : lo+ncs[k]] {
			cands[oc+j] = Candidate{Index: int32(r & (1<<20 - 1)), Rank: int32(oc + j + 1), Score: Points(r >> 40)}
		}
		copy(excl[oe:oe+nes[k]], ex[lo:lo+nes[k]])
	})
	return cands, excl
}

// floorRankTop is the floor of a top-k ranking: the pass and a heap of the best k per
// worker (root: the worst kept), merged and sorted at the end.
func floorRankTop(v *Vacancy, hs []Household, p *Policy, today Date, k int) []top {
	f := newFloorVacancy(v, p, today)
	n := len(hs)
	w := workers(n)
	heaps := make([][]top, w)
	parallelFor(w, n, func(part, lo, hi int) {
		heap := make([]top, k)
		for i := range heap {
			heap[i] = top{score: -1, lottery: math.MaxUint64, id: math.MaxInt64, idx: math.MaxInt32}
		}
		for i := lo; i < hi; i++ {
			h := &hs[i]
			ok, score := f.eval(h)
			t := top{score: Points(score) | Points(int64(b2u(ok))-1), lottery: h.Lottery, id: h.ID, idx: int32(i)}
			if t.better(&heap[0]) {
				heap[0] = t
				siftDown(heap, 0)
			}
		}
		heaps[part] = heap
	})
	best := slices.Concat(heaps...)
	slices.SortFunc(best, func(a, b top) int {
		if a.better(&b) {
			return -1
		}
		return 1
	})
	return best[:k]
}

var sinkTop []top

// BenchmarkFloorRank100k is the floor of BenchmarkRank100k.
func BenchmarkFloorRank100k(b *testing.B) {
	hs := benchHouseholds(100_000)
	v, p := typicalVacancy(), DefaultHagenPolicy()
	recs, ex := make([]uint64, len(hs)), make([]Excluded, len(hs))
	for b.Loop() {
		sinkRes.Candidates, sinkRes.Excluded = floorRankAll(&v, hs, &p, genToday, recs, ex)
	}
	b.ReportMetric(float64(len(sinkRes.Candidates)), "eligible")
}

// BenchmarkFloorRank100kTop50 is the floor of BenchmarkRank100kTop50.
func BenchmarkFloorRank100kTop50(b *testing.B) {
	hs := benchHouseholds(100_000)
	v, p := typicalVacancy(), DefaultHagenPolicy()
	for b.Loop() {
		sinkTop = floorRankTop(&v, hs, &p, genToday, 50)
	}
}

// TestFloorReadsWhatTheRulesRead keeps the floor honest: it must make roughly the engine's
// decisions (a floor that excludes everyone would skip the output work).
func TestFloorReadsWhatTheRulesRead(t *testing.T) {
	hs := benchHouseholds(20_000)
	v, p := typicalVacancy(), DefaultHagenPolicy()
	res, err := Rank(v, hs, p, genToday, Options{})
	if err != nil {
		t.Fatal(err)
	}
	cands, excl := floorRankAll(&v, hs, &p, genToday, make([]uint64, len(hs)), make([]Excluded, len(hs)))
	if len(cands)+len(excl) != len(hs) {
		t.Fatalf("floor wrote %d+%d records for %d households", len(cands), len(excl), len(hs))
	}
	if lo, hi := res.Eligible/2, res.Eligible*2; len(cands) < lo || len(cands) > hi {
		t.Fatalf("floor finds %d eligible, the engine %d: the floor does not make the engine's decisions", len(cands), res.Eligible)
	}
}

// benchVsFloor times Rank and its floor back to back in each iteration (alternating which
// goes first), so that both see the same machine, and reports both and their ratio; ns/op
// counts both.
func benchVsFloor(b *testing.B, limit int) {
	hs := benchHouseholds(100_000)
	v, p := typicalVacancy(), DefaultHagenPolicy()
	recs, ex := make([]uint64, len(hs)), make([]Excluded, len(hs))
	var engine, floor time.Duration
	runEngine := func() {
		t0 := time.Now()
		sinkRes, _ = Rank(v, hs, p, genToday, Options{Limit: limit})
		engine += time.Since(t0)
	}
	runFloor := func() {
		t0 := time.Now()
		if limit > 0 {
			sinkTop = floorRankTop(&v, hs, &p, genToday, limit)
		} else {
			sinkRes.Candidates, sinkRes.Excluded = floorRankAll(&v, hs, &p, genToday, recs, ex)
		}
		floor += time.Since(t0)
	}
	runEngine()
	runFloor()
	engine, floor = 0, 0
	b.ResetTimer()
	i := 0
	for b.Loop() {
		if i%2 == 0 {
			runEngine()
			runFloor()
		} else {
			runFloor()
			runEngine()
		}
		i++
	}
	n := float64(b.N)
	b.ReportMetric(engine.Seconds()*1e6/n, "engine_µs")
	b.ReportMetric(floor.Seconds()*1e6/n, "floor_µs")
	b.ReportMetric(engine.Seconds()/floor.Seconds(), "engine/floor")
}

// BenchmarkRankVsFloor100k compares the full ranking of 100,000 households with its floor.
func BenchmarkRankVsFloor100k(b *testing.B) { benchVsFloor(b, 0) }

// BenchmarkRankVsFloor100kTop50 compares the top-50 ranking with its floor.
func BenchmarkRankVsFloor100kTop50(b *testing.B) { benchVsFloor(b, 50) }
