package matching

import (
	"sync"
	"testing"
)

var (
	benchOnce sync.Map // size → []Household
	sinkRes   Result
	sinkAlloc Allocation
)

// benchHouseholds returns n generated households, shared between benchmarks of one run.
func benchHouseholds(n int) []Household {
	if hs, ok := benchOnce.Load(n); ok {
		return hs.([]Household)
	}
	hs := newGen(uint64(n)).households(n, 1000)
	benchOnce.Store(n, hs)
	return hs
}

func benchRank(b *testing.B, n, limit int) {
	hs := benchHouseholds(n)
	v, p := typicalVacancy(), DefaultHagenPolicy()
	res, err := Rank(v, hs, p, genToday, Options{Limit: limit})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		sinkRes, _ = Rank(v, hs, p, genToday, Options{Limit: limit})
	}
	b.ReportMetric(float64(res.Eligible), "eligible")
}

func BenchmarkRank10k(b *testing.B)       { benchRank(b, 10_000, 0) }
func BenchmarkRank100k(b *testing.B)      { benchRank(b, 100_000, 0) }
func BenchmarkRank100kTop50(b *testing.B) { benchRank(b, 100_000, 50) }

func benchAllocate(b *testing.B, nv, nh int) {
	g := newGen(uint64(nv*nh) + 7)
	vs := g.vacancies(nv)
	hs := g.households(nh, int64(nv))
	p := DefaultHagenPolicy()
	b.ResetTimer()
	cpu0 := processCPU()
	for b.Loop() {
		var err error
		if sinkAlloc, err = Allocate(vs, hs, p, genToday); err != nil {
			b.Fatal(err)
		}
	}
	// CPU time of the process (all goroutines, GC included), apart from the wait for cores.
	b.ReportMetric((processCPU()-cpu0).Seconds()*1000/float64(b.N), "cpu_ms/op")
	pairs := sinkAlloc.EligiblePairs
	b.ReportMetric(float64(pairs), "eligible_pairs")
	b.ReportMetric(100*float64(pairs)/float64(nv*nh), "eligible_%")
	b.ReportMetric(float64(sinkAlloc.PlacesFilled), "filled")
}

func BenchmarkAllocate200x5000(b *testing.B)   { benchAllocate(b, 200, 5000) }
func BenchmarkAllocate1000x20000(b *testing.B) { benchAllocate(b, 1000, 20000) }
func BenchmarkAllocate2000x50000(b *testing.B) { benchAllocate(b, 2000, 50000) }

var sinkScorer *scorer

// BenchmarkScorerSetup prepares one vacancy (the per-vacancy tables built from the rules and
// components), which Allocate does for every vacancy and Check for every pair.
func BenchmarkScorerSetup(b *testing.B) {
	v, p := typicalVacancy(), DefaultHagenPolicy()
	for b.Loop() {
		sinkScorer = newScorer(&v, &p, genToday, nil)
	}
}
