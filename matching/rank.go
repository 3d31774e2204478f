package matching

import (
	"math"
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

// Candidate is an eligible household with its rank and score. It is kept small (16 bytes)
// because a full ranking returns tens of thousands of them: the household is hs[Index] of the
// ranked slice ([Candidate.HouseholdID]), and the component values that explain the score
// are computed on demand ([Candidate.Breakdown]).
type Candidate struct {
	Index int32 // position of the household in the input slice
	Rank  int32 // 1-based
	Score Points
}

// HouseholdID returns the ID of the candidate's household; hs must be the slice that was
// ranked.
func (c Candidate) HouseholdID(hs []Household) int64 { return hs[c.Index].ID }

// Breakdown explains the candidate's score: each component's value and contribution. e must
// be made with the vacancy, policy and day of the ranking, and hs must be the slice that was
// ranked (the household is hs[c.Index]). The breakdown's Score equals c.Score.
func (c Candidate) Breakdown(e *Explainer, hs []Household) Breakdown {
	return e.Breakdown(&hs[c.Index])
}

// Excluded is a household that fails at least one hard rule. It is kept small (8 bytes)
// because a ranking returns most households as excluded; the household is hs[Index] of the
// ranked slice ([Excluded.HouseholdID]).
type Excluded struct {
	Index   int32 // position of the household in the input slice
	Reasons ReasonSet
}

// HouseholdID returns the ID of the excluded household; hs must be the slice that was ranked.
func (e Excluded) HouseholdID(hs []Household) int64 { return hs[e.Index].ID }

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
// Rank allocates only its result: no strings, and no slices per household; its scratch space,
// proportional to the input, is pooled between calls. For large inputs it spreads the work
// over GOMAXPROCS goroutines; hs must not change meanwhile. A negative Limit counts as 0 (all
// candidates).
func Rank(v Vacancy, hs []Household, p Policy, today Date, opt Options) (Result, error) {
	if err := p.Validate(); err != nil {
		return Result{}, err
	}
	s := newScorer(&v, &p, today, nil)
	if len(hs) >= waitTableDays {
		s.waitTab = waitTable()
	}
	res := Result{PolicyVersion: p.Version, Weights: p.Weights}
	if opt.Limit > 0 && opt.Limit < len(hs) {
		rankTop(s, hs, opt.Limit, &res)
	} else {
		rankAll(s, hs, &res)
	}
	return res, nil
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
	sc := scratchPool.Get().(*rankScratch)
	if n <= maxPooled {
		defer scratchPool.Put(sc)
	}
	sc.ex = resize(sc.ex, n)
	excl := sc.ex
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
		var buf [evalBlockLen]evalOut
		for b := lo; b < hi; b += evalBlockLen {
			blk := hs[b:min(b+evalBlockLen, hi)]
			s.evalBlock(blk, buf[:])
			for j := range blk {
				h, o, i := &blk[j], &buf[j], b+j
				excl[ne] = Excluded{Index: int32(i), Reasons: o.r}
				out := int(b2u(o.r != 0))
				ne += out
				t := top{score: o.score - Points(2*out)*(o.score+1), lottery: h.Lottery, id: h.ID, idx: int32(i)}
				if t.better(&heap[0]) {
					heap[0] = t
					siftDown(heap, 0)
				}
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
	res.Excluded = slices.Clone(excl[:ne]) // allocated without clearing
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
		cands[r] = Candidate{Index: t.idx, Rank: int32(r + 1), Score: t.score}
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
