package matching

import (
	"cmp"
	"errors"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"sync/atomic"
)

// Pair is one proposed match of an allocation.
type Pair struct {
	VacancyID   int64
	HouseholdID int64
	Score       Points
}

// Allocation is a proposal that assigns households to the places of many vacancies.
type Allocation struct {
	// Pairs are ordered by vacancy ID, then household ID. A vacancy with several places
	// appears once per filled place.
	Pairs         []Pair
	TotalScore    Points // sum of the pairs' scores
	PlacesFilled  int    // len(Pairs)
	Places        int    // places offered (each vacancy counts max(Places, 1))
	EligiblePairs int    // household–vacancy pairs that pass every hard rule
}

// ErrAllocationTooLarge is returned when the exact arithmetic of Allocate could overflow,
// which needs far more places than a city offers at once, or when an eligible pair's sort
// record (score key and household) would not fit in 64 bits, which needs more than a million
// households.
var ErrAllocationTooLarge = errors.New("matching: allocation too large for exact integer costs")

// Allocate proposes matches across all vacancies: it fills as many places as possible and,
// among the allocations that fill that many, maximises the total score. Each household gets at
// most one place, each place at most one household, and a shared flat takes up to Places
// households. Only pairs that pass every hard rule ([Check]) are used, scored as by [Rank].
//
// The result is exact (not a heuristic): it is a min-cost row assignment on the sparse graph
// of eligible pairs, solved by shortest augmenting paths (Dijkstra with potentials, one place at
// a time, stopping at the first free household). Every place also has a private "leave empty"
// option whose cost exceeds any possible difference in total score, so an extra filled place
// always wins over any score gain; that makes the lexicographic objective exact without large
// weights in the scores themselves. Among equally good allocations the result depends only
// on the IDs, not on the input order (IDs are assumed unique). The eligible pairs are found
// by several goroutines; vs and hs must not change meanwhile.
//
// Finding the pairs is pruned (prune.go): households are read once and grouped by their
// vacancy-independent rule inputs, so that a vacancy decides a whole group with one table
// look-up and visits only the members of groups that pass; the result is the same as
// evaluating every pair. Each vacancy's pairs are sorted lazily (lazysort.go), because the
// solver reads only the best few percent of them.
func Allocate(vs []Vacancy, hs []Household, p Policy, today Date) (Allocation, error) {
	return allocateWith(vs, hs, p, today, true)
}

// allocateWith is Allocate; pruned selects the pruned pair evaluation (see buildGraphWith).
func allocateWith(vs []Vacancy, hs []Household, p Policy, today Date, pruned bool) (Allocation, error) {
	if err := p.Validate(); err != nil {
		return Allocation{}, err
	}
	g := buildGraphWith(vs, hs, &p, today, pruned)
	if g == nil {
		return Allocation{}, ErrAllocationTooLarge
	}
	var a Allocation
	a.EligiblePairs = g.pairs
	for _, v := range vs {
		a.Places += int(v.places())
	}
	if len(g.rowVac) == 0 {
		return a, nil
	}
	rows := int64(len(g.rowVac))
	if g.maxScore > 0 && g.maxScore > (math.MaxInt64/8)/(rows+2) {
		return Allocation{}, ErrAllocationTooLarge
	}
	s := newSolver(g)
	for r := range g.rowVac {
		s.augment(int32(r))
	}
	for r, c := range s.rowMatch {
		if int(c) >= len(hs) { // the place's "leave empty" option
			continue
		}
		vi := g.rowVac[r]
		sc := s.edgeScore(vi, c)
		a.Pairs = append(a.Pairs, Pair{VacancyID: vs[g.vacOrder[vi]].ID, HouseholdID: hs[g.hhOrder[c]].ID, Score: Points(sc)})
		a.TotalScore += Points(sc)
	}
	slices.SortFunc(a.Pairs, func(x, y Pair) int {
		return cmp.Or(cmp.Compare(x.VacancyID, y.VacancyID), cmp.Compare(x.HouseholdID, y.HouseholdID))
	})
	a.PlacesFilled = len(a.Pairs)
	return a, nil
}

// graph is the sparse bipartite graph of eligible pairs. Vacancies and households are
// numbered in ID order (vacOrder, hhOrder map back to input indices); the edges of vacancy k
// are the sort records adj[k] (key of the score above the column, see graphPacking), read
// in order: by descending score, then column.
type graph struct {
	vacOrder []int32
	hhOrder  []int32
	adj      []edgeList
	kf       keyer   // the score's sort key, the same for every vacancy (it depends on the weights)
	colBits  uint    // the column is rec & (1<<colBits − 1), the key rec >> colBits
	pairs    int     // eligible pairs (edges)
	rowVac   []int32 // vacancy of each place (row)
	maxScore int64
}

// graphPacking returns the keyer of the policy's scores and the column width for n
// households, and false if a record would not fit in 64 bits: with every weight at its
// maximum that takes more than a million households.
func graphPacking(p *Policy, today Date, n int) (keyer, uint, bool) {
	kf := newKeyer(newPairScorer(&Vacancy{}, p, today))
	kb, cb := max(bits.Len64(kf.maxKey), 1), bits.Len(uint(max(n, 1)-1))
	return kf, uint(cb), kb+cb <= 64
}

// score returns the score of a record.
func (g *graph) score(rec uint64) int64 { return int64(g.kf.score(rec >> (g.colBits & 63))) }

// col returns the column of a record.
func (g *graph) col(rec uint64) int32 { return int32(rec & (1<<(g.colBits&63) - 1)) }

// buildGraphWith builds the graph; pruned selects the classes of newHouseholdClasses, else
// every pair goes through evalBlock (the tests compare both). It returns nil if the records
// do not fit (see graphPacking).
func buildGraphWith(vs []Vacancy, hs []Household, p *Policy, today Date, pruned bool) *graph {
	kf, colBits, ok := graphPacking(p, today, len(hs))
	if !ok {
		return nil
	}
	g := &graph{vacOrder: idOrder(len(vs), func(i int) int64 { return vs[i].ID }), kf: kf, colBits: colBits}
	g.hhOrder = idOrder(len(hs), func(i int) int64 { return hs[i].ID })
	waitTab := waitTable()
	var hc *householdClasses
	var sorted []Household
	if pruned {
		hc = newHouseholdClasses(hs, g.hhOrder, p, today, waitTab)
	} else {
		sorted = make([]Household, len(hs))
		for c, i := range g.hhOrder {
			sorted[c] = hs[i]
		}
	}
	// Each vacancy's edges are found independently, spread over the CPUs.
	g.adj = make([]edgeList, len(vs))
	w := min(runtime.GOMAXPROCS(0), 8, max(1, len(vs)*len(hs)/(1<<18)))
	var next atomic.Int64
	parallelFor(w, w, func(int, int, int) {
		e := edgeSink{kf: kf, colBits: colBits}
		var buf [evalBlockLen]evalOut
		for {
			k := int(next.Add(1) - 1)
			if k >= len(vs) {
				return
			}
			sc := newScorer(&vs[g.vacOrder[k]], p, today, waitTab)
			e.keys = e.keys[:0]
			if pruned {
				hc.edges(sc, &e, &buf)
			} else {
				for b := 0; b < len(sorted); b += evalBlockLen {
					blk := sorted[b:min(b+evalBlockLen, len(sorted))]
					sc.evalBlock(blk, buf[:])
					for j := range blk {
						if buf[j].r == 0 {
							e.add(int32(b+j), buf[j].score)
						}
					}
				}
			}
			g.adj[k] = newEdgeList(slices.Clone(e.keys))
		}
	})
	for k := range g.adj {
		recs := g.adj[k].recs
		g.pairs += len(recs)
		if len(recs) > 0 {
			g.maxScore = max(g.maxScore, g.score(recs[0])) // the smallest record
		}
		// A place beyond the number of eligible households can never be filled.
		for range min(vs[g.vacOrder[k]].places(), int64(len(recs))) {
			g.rowVac = append(g.rowVac, int32(k))
		}
	}
	return g
}

// idOrder returns the indices 0..n-1 ordered by ID, then index.
func idOrder(n int, id func(int) int64) []int32 {
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return cmp.Or(cmp.Compare(id(int(a)), id(int(b))), cmp.Compare(a, b)) })
	return order
}

// solver runs the shortest-augmenting-path assignment. Columns 0..H-1 are households,
// column H+r is the "leave empty" option of row r. Reduced costs c(i,j) + rowPot[i] − colPot[j]
// stay non-negative, and are zero on matched pairs.
type solver struct {
	g        *graph
	h        int32 // number of households
	empty    int64 // cost of leaving a place empty
	rowPot   []int64
	rowMatch []int32
	cols     []column
	stamp    uint32
	heap     distHeap
	best     int64   // shortest tentative distance to a free column in this search
	settled  []int32 // columns settled in this search
	treeRows []int32
	treeDist []int64
}

// column is the solver's state of one column, in one place, because the edge scan reads it
// for columns at random.
type column struct {
	pot   int64 // potential
	dist  int64
	match int32  // row, -1 = free
	pred  int32  // row that offered dist
	seen  uint32 // == stamp: dist valid in this search
	done  uint32 // == stamp: settled in this search
}

func newSolver(g *graph) *solver {
	h := int32(len(g.hhOrder))
	r := len(g.rowVac)
	s := &solver{
		g: g, h: h,
		// Filling one more place beats any total score: empty − maxScore > rows·maxScore.
		empty:    g.maxScore*(int64(r)+1) + 1,
		rowPot:   make([]int64, r),
		rowMatch: make([]int32, r),
		cols:     make([]column, int(h)+r),
	}
	for i := range s.cols {
		s.cols[i].match = -1
	}
	return s
}

// edgeScore returns the score of household column c for vacancy k.
func (s *solver) edgeScore(k, c int32) int64 {
	g := s.g
	for _, rec := range g.adj[k].recs {
		if g.col(rec) == c {
			return g.score(rec)
		}
	}
	panic("matching: allocated pair without edge")
}

// relax offers column j at distance d via row i.
func (s *solver) relax(i, j int32, d int64) {
	c := &s.cols[j]
	if c.done == s.stamp {
		return
	}
	if c.seen != s.stamp || d < c.dist {
		c.seen = s.stamp
		c.dist = d
		c.pred = i
		s.heap.push(d, j)
		if c.match < 0 {
			s.best = min(s.best, d)
		}
	}
}

// augment assigns row r0 (a free place) by a shortest augmenting path.
func (s *solver) augment(r0 int32) {
	g := s.g
	s.stamp++
	s.heap = s.heap[:0]
	s.settled = s.settled[:0]
	s.treeRows = append(s.treeRows[:0], r0)
	s.treeDist = append(s.treeDist[:0], 0)
	s.best = math.MaxInt64
	i, di := r0, int64(0)
	var jEnd int32
	var dEnd int64
	for {
		// Edges come by ascending cost. Column potentials are <= 0, and exactly 0 for free
		// households, so di+cost+ri is a lower bound of the distance through an edge and
		// exact for a free household: the scan stops at the first free household, or as soon
		// as no edge can beat the nearest free column found so far (s.best). Skipped edges
		// lead nowhere shorter than the final distance, so the potentials stay feasible.
		// The cost of a record is g.maxScore − score = g.maxScore − kf.maxScore + key·kf.g.
		off := di + g.maxScore + s.rowPot[i] - int64(g.kf.maxScore)
		stamp := s.stamp
		cb, gk := g.colBits&63, g.kf.g
		l := &g.adj[g.rowVac[i]]
		recs, best := l.recs, s.best
	scan:
		for e := 0; e < len(recs); {
			if e == l.sorted {
				l.extend(0) // at least doubles the sorted records
			}
			for _, rec := range recs[e:l.sorted] {
				e++
				base := off + int64(rec>>cb*gk)
				if base >= best {
					break scan
				}
				// relax, inlined for the common cases: settled, or no shorter.
				j := int32(rec & (1<<cb - 1))
				c := &s.cols[j]
				if c.done != stamp {
					if d := base - c.pot; c.seen != stamp || d < c.dist {
						c.seen, c.dist, c.pred = stamp, d, i
						s.heap.push(d, j)
						if c.match < 0 {
							best = min(best, d)
						}
					}
				}
				if c.match < 0 {
					break scan
				}
			}
		}
		s.best = best
		dummy := s.h + i
		s.relax(i, dummy, di+s.empty+s.rowPot[i]-s.cols[dummy].pot)
		// Settle the nearest column; stop at the first free one.
		var j int32
		var d int64
		for {
			d, j = s.heap.pop()
			if c := &s.cols[j]; c.done != s.stamp && d == c.dist {
				break
			}
		}
		c := &s.cols[j]
		c.done = s.stamp
		s.settled = append(s.settled, j)
		if c.match < 0 {
			jEnd, dEnd = j, d
			break
		}
		i, di = c.match, d
		s.treeRows = append(s.treeRows, i)
		s.treeDist = append(s.treeDist, d)
	}
	// Update potentials so reduced costs stay non-negative and the new path is tight.
	for _, j := range s.settled {
		s.cols[j].pot += s.cols[j].dist - dEnd
	}
	for t, i := range s.treeRows {
		s.rowPot[i] += s.treeDist[t] - dEnd
	}
	// Flip the path.
	for j := jEnd; ; {
		i := s.cols[j].pred
		prev := s.rowMatch[i]
		s.rowMatch[i] = j
		s.cols[j].match = i
		if i == r0 {
			break
		}
		j = prev
	}
}

// distHeap is a binary min-heap of (distance, column), ties by column for determinism.
type distHeap []heapItem

type heapItem struct {
	d int64
	j int32
}

func (a heapItem) less(b heapItem) bool { return a.d < b.d || (a.d == b.d && a.j < b.j) }

func (h *distHeap) push(d int64, j int32) {
	*h = append(*h, heapItem{d, j})
	a := *h
	i := len(a) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !a[i].less(a[p]) {
			break
		}
		a[i], a[p] = a[p], a[i]
		i = p
	}
}

func (h *distHeap) pop() (int64, int32) {
	a := *h
	top := a[0]
	n := len(a) - 1
	a[0] = a[n]
	a = a[:n]
	*h = a
	i := 0
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		m := l
		if r := l + 1; r < n && a[r].less(a[l]) {
			m = r
		}
		if !a[m].less(a[i]) {
			break
		}
		a[i], a[m] = a[m], a[i]
		i = m
	}
	return top.d, top.j
}
