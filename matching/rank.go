package matching

import (
	"math"
	"math/bits"
	"runtime"
	"slices"
	"sync"
)

// Options tune [Rank].
type Options struct {
	// Limit is the number of best candidates returned; 0 returns all. With a limit only the
	// best Limit candidates are sorted, which is what the staff page (top 50) needs.
	Limit int
}

// Candidate is an eligible household with its rank and the values that explain its score.
type Candidate struct {
	HouseholdID int64
	Index       int32 // position of the household in the input slice
	Rank        int32 // 1-based
	Score       Points
	Values      Values
}

// Breakdown explains the candidate's score under the weights it was ranked with
// (Result.Weights): each component's value and contribution.
func (c Candidate) Breakdown(w Weights) Breakdown { return w.Breakdown(c.Values) }

// Excluded is a household that fails at least one hard rule.
type Excluded struct {
	HouseholdID int64
	Index       int32 // position of the household in the input slice
	Reasons     ReasonSet
}

// Result is the ranking of one vacancy.
type Result struct {
	PolicyVersion int
	Weights       Weights // the weights the scores were computed with
	// Eligible is the number of households that pass every hard rule; with a limit it can be
	// larger than len(Candidates).
	Eligible int
	// Candidates are ordered best first: by score, then lower lottery number, then lower
	// household ID (then input position, for duplicated IDs).
	Candidates []Candidate
	// Excluded are in input order; use [ReasonSet.Explain] for the German messages.
	Excluded []Excluded
}

// Rank applies the hard rules to every household for vacancy v on the given day and orders
// the eligible ones by score. It fails only if the policy is invalid. Households are read, not
// changed; the order of the candidates does not depend on the order of hs (Index fields and
// the order of Excluded do).
//
// Rank allocates only its result and scratch space proportional to it: no strings, and no
// slices per household. For large inputs it spreads the work over GOMAXPROCS goroutines; hs
// must not change meanwhile. A negative Limit counts as 0 (all candidates).
func Rank(v Vacancy, hs []Household, p Policy, today Date, opt Options) (Result, error) {
	if err := p.Validate(); err != nil {
		return Result{}, err
	}
	s := newScorer(&v, &p, today, nil)
	if len(hs) >= 4*waitTableDays {
		s.waitTab = newWaitTable()
	}
	res := Result{PolicyVersion: p.Version, Weights: p.Weights}
	if opt.Limit > 0 && opt.Limit < len(hs) {
		rankTop(s, hs, opt.Limit, &res)
	} else {
		rankAll(s, hs, &res)
	}
	return res, nil
}

// entry is the sort record of one candidate: key orders by descending score (key =
// maxScore − score), lot holds the top 32 bits of the lottery number for ties, idx is the
// household's index.
type entry struct {
	key uint64
	idx int32
	lot uint32
}

// parallelMin is the number of households from which Rank splits its work across
// GOMAXPROCS goroutines. The result does not depend on the split.
const parallelMin = 1 << 14

// workers returns how many goroutines to use for n households.
func workers(n int) int {
	if n < parallelMin {
		return 1
	}
	return min(runtime.GOMAXPROCS(0), 8, n/(parallelMin/2))
}

// parallelFor runs fn on w contiguous parts of [0, n), one goroutine each.
func parallelFor(w, n int, fn func(part, lo, hi int)) {
	if w <= 1 {
		fn(0, 0, n)
		return
	}
	var wg sync.WaitGroup
	for part := range w {
		lo, hi := part*n/w, (part+1)*n/w
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(part, lo, hi)
		}()
	}
	wg.Wait()
}

func rankAll(s *scorer, hs []Household, res *Result) {
	n := len(hs)
	maxScore := uint64(s.maxScore())
	ents := make([]entry, n)
	excl := make([]Excluded, n)
	// side[i] keeps what the candidate list needs of household i, written while its cache
	// lines are hot: reading the households again in rank order costs more than the scan.
	side := make([]sideInfo, n)
	w := workers(n)
	type counts struct{ lo, nc, ne int }
	parts := make([]counts, w)
	runs := make([][]entry, w)
	parallelFor(w, n, func(part, lo, hi int) {
		// Every household goes to one of the two lists; writing both slots and advancing one
		// index avoids a mispredicted branch per household.
		nc, ne := lo, lo
		for i := lo; i < hi; i++ {
			h := &hs[i]
			r, score, prof := s.eval(h)
			ents[nc] = entry{key: maxScore - uint64(score), idx: int32(i), lot: uint32(h.Lottery >> 32)}
			excl[ne] = Excluded{HouseholdID: h.ID, Index: int32(i), Reasons: r}
			side[i] = sideInfo{id: h.ID, prof: prof}
			ok := int(b2u(r == 0))
			nc += ok
			ne += 1 - ok
		}
		parts[part] = counts{lo, nc - lo, ne - lo}
		// Each part sorts its own candidates; the unused rest of its range is the radix
		// sort's scratch space when it is large enough.
		run, buf := ents[lo:nc], ents[nc:hi]
		if len(buf) < len(run) {
			buf = make([]entry, len(run))
		}
		run = radixSort(run, buf[:len(run)], maxScore)
		breakTies(run, hs)
		runs[part] = run
	})
	ne := 0
	for _, c := range parts {
		ne += copy(excl[ne:], excl[c.lo:c.lo+c.ne])
	}
	res.Excluded = excl[:ne:ne]
	ents = mergeRuns(runs, hs)
	nc := len(ents)
	res.Eligible = nc
	cands := make([]Candidate, nc)
	parallelFor(workers(nc), nc, func(_, lo, hi int) {
		for r := lo; r < hi; r++ {
			e := &ents[r]
			si := &side[e.idx]
			c := &cands[r]
			c.HouseholdID, c.Index, c.Rank, c.Score = si.id, e.idx, int32(r+1), Points(maxScore-e.key)
			if !s.unpack(si.prof, &c.Values) {
				s.fillValues(&hs[e.idx], &c.Values)
			}
		}
	})
	res.Candidates = cands
}

// sideInfo is what rankAll keeps of each household for the candidate list.
type sideInfo struct {
	id   int64
	prof profile
}

// mergeRuns merges sorted runs into one sorted slice (the runs' memory may be reused).
func mergeRuns(runs [][]entry, hs []Household) []entry {
	for len(runs) > 1 {
		var next [][]entry
		for i := 0; i+1 < len(runs); i += 2 {
			next = append(next, merge2(runs[i], runs[i+1], hs))
		}
		if len(runs)%2 == 1 {
			next = append(next, runs[len(runs)-1])
		}
		runs = next
	}
	if len(runs) == 0 {
		return nil
	}
	return runs[0]
}

// merge2 merges two sorted runs into a new slice.
func merge2(a, b []entry, hs []Household) []entry {
	out := make([]entry, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if b[0].key < a[0].key || b[0].key == a[0].key && tieLess(&b[0], &a[0], hs) {
			out = append(out, b[0])
			b = b[1:]
		} else {
			out = append(out, a[0])
			a = a[1:]
		}
	}
	out = append(out, a...)
	return append(out, b...)
}

// breakTies orders runs of equal score by lottery, household ID and index. The entries are
// already ordered by score; runs are short, and lot settles almost all of them without
// touching the households.
func breakTies(ents []entry, hs []Household) {
	for i := 0; i < len(ents); {
		j := i + 1
		for j < len(ents) && ents[j].key == ents[i].key {
			j++
		}
		if j-i > 1 {
			run := ents[i:j]
			// Insertion sort: runs hold a few entries.
			for a := 1; a < len(run); a++ {
				for b := a; b > 0 && tieLess(&run[b], &run[b-1], hs); b-- {
					run[b], run[b-1] = run[b-1], run[b]
				}
			}
		}
		i = j
	}
}

// tieLess orders two entries of equal score: lower lottery first, then lower ID, then lower
// index.
func tieLess(a, b *entry, hs []Household) bool {
	if a.lot != b.lot {
		return a.lot < b.lot
	}
	ha, hb := &hs[a.idx], &hs[b.idx]
	if ha.Lottery != hb.Lottery {
		return ha.Lottery < hb.Lottery
	}
	if ha.ID != hb.ID {
		return ha.ID < hb.ID
	}
	return a.idx < b.idx
}

// radixSort sorts ents by key (all keys <= maxKey) with a stable LSD radix sort, using buf
// (same length) as scratch, and returns the sorted slice (ents or buf). It runs one pass per
// digit of maxKey, with digits of up to 14 bits (3 passes for the default policy's 38-bit
// scores and 100,000 households) but not much wider than log2(len(ents)), so that the
// bucket counts stay small next to the data; a digit on which all keys agree is skipped.
func radixSort(ents, buf []entry, maxKey uint64) []entry {
	if len(ents) < 2 {
		return ents
	}
	width := bits.Len64(maxKey)
	maxDigit := min(14, max(8, bits.Len(uint(len(ents)))-2))
	passes := (width + maxDigit - 1) / maxDigit
	if passes == 0 {
		return ents
	}
	digit := (width + passes - 1) / passes
	buckets := 1 << digit
	mask := uint64(buckets - 1)
	counts := make([]uint32, passes*buckets)
	for _, e := range ents {
		for d := range passes {
			counts[d*buckets+int((e.key>>(d*digit))&mask)]++
		}
	}
	src, dst := ents, buf
	n := uint32(len(ents))
	for d := range passes {
		shift := uint(d * digit)
		c := counts[d*buckets : (d+1)*buckets]
		if c[(src[0].key>>shift)&mask] == n {
			continue
		}
		var sum uint32
		for b := range c {
			c[b], sum = sum, sum+c[b]
		}
		for _, e := range src {
			b := (e.key >> shift) & mask
			dst[c[b]] = e
			c[b]++
		}
		src, dst = dst, src
	}
	return src
}

// top is a candidate kept by rankTop.
type top struct {
	score   Points
	lottery uint64
	id      int64
	idx     int32
}

// better reports whether a ranks before b.
func (a *top) better(b *top) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	if a.lottery != b.lottery {
		return a.lottery < b.lottery
	}
	if a.id != b.id {
		return a.id < b.id
	}
	return a.idx < b.idx
}

// rankTop keeps the best k candidates in a heap whose root is the worst of them, so most
// households cost one comparison, then sorts those k. Each worker keeps its own heap; the
// heaps are merged at the end.
func rankTop(s *scorer, hs []Household, k int, res *Result) {
	n := len(hs)
	w := workers(n)
	excl := make([]Excluded, n)
	heaps := make([][]top, w)
	nes := make([]int, w)
	parallelFor(w, n, func(part, lo, hi int) {
		// The heap starts full of placeholders (score -1) that any eligible household beats;
		// excluded households get score -2 or less and beat nothing, so the loop has no
		// branch on eligibility and, once the heap holds good candidates, rarely a taken
		// branch at all.
		heap := make([]top, k)
		for i := range heap {
			heap[i] = top{score: -1, lottery: math.MaxUint64, id: math.MaxInt64, idx: math.MaxInt32}
		}
		ne := lo
		for i := lo; i < hi; i++ {
			h := &hs[i]
			r, score, _ := s.eval(h)
			excl[ne] = Excluded{HouseholdID: h.ID, Index: int32(i), Reasons: r}
			out := int(b2u(r != 0))
			ne += out
			t := top{score: score - Points(2*out)*(score+1), lottery: h.Lottery, id: h.ID, idx: int32(i)}
			if t.better(&heap[0]) {
				heap[0] = t
				siftDown(heap, 0)
			}
		}
		heaps[part] = heap
		nes[part] = ne - lo
	})
	ne := 0
	var best []top
	for part := range w {
		lo := part * n / w
		ne += copy(excl[ne:], excl[lo:lo+nes[part]])
		best = append(best, heaps[part]...)
	}
	res.Excluded = excl[:ne:ne]
	res.Eligible = n - ne
	best = slices.DeleteFunc(best, func(t top) bool { return t.score < 0 })
	slices.SortFunc(best, func(a, b top) int {
		if a.better(&b) {
			return -1
		}
		if b.better(&a) {
			return 1
		}
		return 0
	})
	best = best[:min(k, len(best))]
	cands := make([]Candidate, len(best))
	for r, t := range best {
		c := &cands[r]
		c.HouseholdID, c.Index, c.Rank, c.Score = t.id, t.idx, int32(r+1), t.score
		s.fillValues(&hs[t.idx], &c.Values)
	}
	res.Candidates = cands
}

// siftDown maintains a heap whose root is the worst element.
func siftDown(h []top, i int) {
	for {
		w := i
		l, r := 2*i+1, 2*i+2
		if l < len(h) && h[w].better(&h[l]) {
			w = l
		}
		if r < len(h) && h[w].better(&h[r]) {
			w = r
		}
		if w == i {
			return
		}
		h[w], h[i] = h[i], h[w]
		i = w
	}
}
