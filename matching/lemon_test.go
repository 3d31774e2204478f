package matching

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// The LEMON anchor: the same allocation instance solved by Allocate and by LEMON's network
// simplex (matching/testdata/lemon/lemon_alloc.cc, built here with g++ from Debian's
// liblemon-dev), with the same optimum. docs/design.md "Performance" reports the ratio.

// lemonHeader is the header the anchor's program needs.
const lemonHeader = "/usr/include/lemon/network_simplex.h"

// lemonProgram builds lemon_alloc into a temporary directory, or skips the test.
func lemonProgram(tb testing.TB) string {
	tb.Helper()
	// CI installs both and sets REQUIRE_LEMON=1, so there a missing anchor fails instead of
	// skipping.
	missing := func(msg string) {
		if os.Getenv("REQUIRE_LEMON") == "1" {
			tb.Fatal("REQUIRE_LEMON=1 but " + msg)
		}
		tb.Skip("LEMON anchor skipped: " + msg)
	}
	gxx, err := exec.LookPath("g++")
	if err != nil {
		missing("g++ not found (apt-get install g++ liblemon-dev)")
	}
	if _, err := os.Stat(lemonHeader); err != nil {
		missing(lemonHeader + " not found (apt-get install liblemon-dev)")
	}
	bin := filepath.Join(tb.TempDir(), "lemon_alloc")
	out, err := exec.Command(gxx, "-O2", "-std=c++17", "-o", bin, filepath.Join("testdata", "lemon", "lemon_alloc.cc")).CombinedOutput()
	if err != nil {
		tb.Fatalf("building lemon_alloc: %v\n%s", err, out)
	}
	return bin
}

// lemonInstance is an allocation graph written for lemon_alloc, with the cost that
// Allocation a has in it. Costs are Allocate's (g.maxScore − score), divided by their
// greatest common divisor so that LEMON's artificial costs stay within 64 bits.
type lemonInstance struct {
	g     *graph
	div   int64 // the common divisor of the costs
	empty int64 // the "leave empty" cost, after dividing
}

// writeLemonInstance writes the graph of Allocate's input to path.
func writeLemonInstance(path string, vs []Vacancy, hs []Household, p Policy, today Date) (*lemonInstance, error) {
	g := buildGraphWith(vs, hs, &p, today, true)
	if g == nil {
		return nil, ErrAllocationTooLarge
	}
	li := &lemonInstance{g: g}
	var maxCost uint64
	var d uint64
	for _, es := range g.adj {
		for _, rec := range es.recs {
			c := uint64(g.maxScore - g.score(rec))
			d, maxCost = gcd(d, c), max(maxCost, c)
		}
	}
	li.div = int64(max(d, 1))
	li.empty = int64(maxCost)/li.div*(int64(len(g.rowVac))+1) + 1
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintf(w, "p %d %d %d %d\n", len(vs), len(hs), g.pairs, li.empty)
	rows := make([]int, len(vs))
	for _, k := range g.rowVac {
		rows[k]++
	}
	for _, r := range rows {
		fmt.Fprintf(w, "v %d\n", r)
	}
	for k, es := range g.adj {
		for _, rec := range es.recs {
			fmt.Fprintf(w, "e %d %d %d\n", k, g.col(rec), (g.maxScore-g.score(rec))/li.div)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return nil, err
	}
	return li, f.Close()
}

// cost returns the instance's cost of allocation a.
func (li *lemonInstance) cost(a Allocation) int64 {
	c := int64(len(li.g.rowVac)-a.PlacesFilled) * li.empty
	for _, pr := range a.Pairs {
		c += (li.g.maxScore - int64(pr.Score)) / li.div
	}
	return c
}

// runLemon solves the instance at path and returns places filled, cost and solve time.
func runLemon(tb testing.TB, bin, path string) (filled int, cost int64, solve time.Duration) {
	tb.Helper()
	out, err := exec.Command(bin, path).Output()
	if err != nil {
		tb.Fatalf("lemon_alloc: %v", err)
	}
	var ns int64
	if _, err := fmt.Sscanf(string(out), "filled %d cost %d solve_ns %d", &filled, &cost, &ns); err != nil {
		tb.Fatalf("lemon_alloc output %q: %v", out, err)
	}
	return filled, cost, time.Duration(ns)
}

// TestLemonAgreesWithAllocate checks that LEMON finds Allocate's optimum on random instances.
func TestLemonAgreesWithAllocate(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a C++ program")
	}
	bin := lemonProgram(t)
	r := rand.New(rand.NewPCG(16, 5))
	for n := range 8 {
		g := newGen(uint64(3000 + n))
		vs, hs := oddInstance(r, g, 5+r.IntN(60), 50+r.IntN(2000))
		p := DefaultHagenPolicy()
		if n%2 == 1 {
			p.Weights = randomWeights(r)
		}
		path := filepath.Join(t.TempDir(), "instance.txt")
		li, err := writeLemonInstance(path, vs, hs, p, g.today)
		if err != nil {
			t.Fatal(err)
		}
		a, err := Allocate(vs, hs, p, g.today)
		if err != nil {
			t.Fatal(err)
		}
		filled, cost, _ := runLemon(t, bin, path)
		if filled != a.PlacesFilled || cost != li.cost(a) {
			t.Fatalf("instance %d: LEMON fills %d at cost %d, Allocate %d at cost %d", n, filled, cost, a.PlacesFilled, li.cost(a))
		}
	}
}

// BenchmarkLemonAnchor1000x20000 runs whole Allocate and LEMON's network simplex (its solve
// alone, without reading the file or building its graph) back to back on the instance of
// BenchmarkAllocate1000x20000, checks that both reach the same optimum and reports both times
// and their ratio; ns/op counts both.
func BenchmarkLemonAnchor1000x20000(b *testing.B) {
	bin := lemonProgram(b)
	nv, nh := 1000, 20000
	g := newGen(uint64(nv*nh) + 7)
	vs := g.vacancies(nv)
	hs := g.households(nh, int64(nv))
	p := DefaultHagenPolicy()
	path := filepath.Join(b.TempDir(), "instance.txt")
	li, err := writeLemonInstance(path, vs, hs, p, genToday)
	if err != nil {
		b.Fatal(err)
	}
	var goTime, lemonTime time.Duration
	b.ResetTimer()
	for b.Loop() {
		t0 := time.Now()
		a, err := Allocate(vs, hs, p, genToday)
		if err != nil {
			b.Fatal(err)
		}
		goTime += time.Since(t0)
		filled, cost, solve := runLemon(b, bin, path)
		lemonTime += solve
		if filled != a.PlacesFilled || cost != li.cost(a) {
			b.Fatalf("LEMON fills %d at cost %d, Allocate %d at cost %d", filled, cost, a.PlacesFilled, li.cost(a))
		}
	}
	n := float64(b.N)
	b.ReportMetric(goTime.Seconds()*1000/n, "allocate_ms")
	b.ReportMetric(lemonTime.Seconds()*1000/n, "lemon_ms")
	b.ReportMetric(lemonTime.Seconds()/goTime.Seconds(), "lemon/allocate")
}
