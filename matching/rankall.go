package matching

import (
	"math/bits"
	"slices"
	"sort"
	"sync"
)

// keyer maps scores to sort keys that order by descending score: key = (maxScore − score)/g,
// where g, the greatest common divisor of the weights, divides every score. Dividing makes the
// keys about 9 bits narrower with the default weights, which saves a radix sort pass.
type keyer struct {
	maxScore, maxKey uint64
	g                uint64 // g = odd << shift
	shift            uint
	inv              uint64 // odd·inv = 1 (mod 2^64), so that key = (maxScore − score) >> shift · inv exactly
}

func newKeyer(s *scorer) keyer {
	var g uint64
	for _, w := range s.w {
		g = gcd(g, uint64(w))
	}
	g = max(g, 1)
	shift := uint(bits.TrailingZeros64(g))
	odd := g >> shift
	inv := odd // correct in the lowest 3 bits; each Newton step doubles that
	for range 5 {
		inv *= 2 - odd*inv
	}
	ms := uint64(s.maxScore())
	return keyer{maxScore: ms, maxKey: ms / g, g: g, shift: shift, inv: inv}
}

func gcd(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// key returns the sort key of a score.
func (k *keyer) key(score Points) uint64 { return (k.maxScore - uint64(score)) >> k.shift * k.inv }

// score returns the score of a sort key.
func (k *keyer) score(key uint64) Points { return Points(k.maxScore - key*k.g) }

// entry is the sort record of one candidate: key orders by descending score (see keyer), lot
// holds the top 32 bits of the lottery number for ties, idx is the household's position in
// the input. It is all the output needs, so the households are not read again in rank order
// (except for the rare ties that lot does not settle).
type entry struct {
	key uint64
	idx int32
	lot uint32
}

// part is the share of the households one worker scans, and later the share of the output it
// writes.
type part struct {
	lo, hi int     // households [lo, hi)
	nc, ne int     // their candidates are ents[lo:lo+nc], their excluded ex[lo:lo+ne]
	run    []entry // the part's candidates, sorted
	exOff  int     // offset of the part's excluded households in Result.Excluded
	// The candidates with keys in [keyLo, keyHi) go to ranks [outLo, outHi) from this worker.
	keyLo, keyHi uint64
	outLo, outHi int
	subs         [][]entry // the runs' entries with keys in [keyLo, keyHi)
}

// rankScratch is rankAll's working memory. Its buffers are as long as the input; they are
// pooled between calls because allocating (and so clearing) them each time, and the garbage
// collections that follow, cost about as much as the ranking itself. No result points into
// them.
type rankScratch struct {
	ents   []entry
	ex     []Excluded
	tmp    [][]entry  // per worker: radix sort buffer when the part has more candidates than excluded
	counts [][]uint32 // per worker: radix sort counts
	parts  []part
}

var scratchPool = sync.Pool{New: func() any { return new(rankScratch) }}

// maxPooled is the largest input whose scratch space is kept in the pool (about 100 MB).
const maxPooled = 1 << 21

// resize returns s with length n, reallocating (without keeping the contents) if it is too short.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

func rankAll(s *scorer, hs []Household, res *Result) {
	n := len(hs)
	kf := newKeyer(s)
	maxKey := kf.maxKey
	w := workers(n)
	sc := scratchPool.Get().(*rankScratch)
	if n <= maxPooled {
		defer scratchPool.Put(sc)
	}
	sc.ents, sc.ex, sc.parts = resize(sc.ents, n), resize(sc.ex, n), resize(sc.parts, w)
	for len(sc.tmp) < w {
		sc.tmp, sc.counts = append(sc.tmp, nil), append(sc.counts, nil)
	}
	ents, parts := sc.ents, sc.parts

	// Each worker scans its share of the households.
	parallelFor(w, n, func(k, lo, hi int) {
		p := &parts[k]
		p.lo, p.hi = lo, hi
		p.nc, p.ne = s.scan(hs[lo:hi], lo, &kf, ents[lo:hi], sc.ex[lo:hi])
	})
	nc, ne := 0, 0
	for k := range parts {
		p := &parts[k]
		p.exOff = ne
		ne += p.ne
		nc += p.nc
	}
	res.Eligible = nc

	// Each worker sorts its candidates. Meanwhile the first moves the parts' excluded
	// households together and copies them into the result. Cloning allocates the result
	// without clearing it first (make would clear it, which costs as much as the copy).
	var excl []Excluded
	var cands []Candidate
	parallelFor(w, w, func(k, _, _ int) {
		p := &parts[k]
		run, buf := ents[p.lo:p.lo+p.nc], ents[p.lo+p.nc:p.hi]
		if len(buf) < len(run) {
			sc.tmp[k] = resize(sc.tmp[k], len(run))
			buf = sc.tmp[k]
		}
		run, sc.counts[k] = radixSort(run, buf[:len(run)], maxKey, sc.counts[k])
		breakTies(run, hs)
		p.run = run
		if k == 0 {
			for j := range parts {
				q := &parts[j]
				copy(sc.ex[q.exOff:q.exOff+q.ne], sc.ex[q.lo:q.lo+q.ne])
			}
			excl = slices.Clone(sc.ex[:ne])
			if excl == nil { // no input: an empty list, as make would give
				excl = []Excluded{}
			}
		}
		if k == 1%w {
			cands = make([]Candidate, nc)
		}
	})
	splitOutput(parts, maxKey)

	// Each worker merges the candidates of one key range from all runs, which places them at
	// their final ranks, and writes them to the candidate list, a block at a time.
	parallelFor(w, w, func(k, _, _ int) {
		p := &parts[k]
		var buf [mergeBlockLen]entry
		for lo := p.outLo; lo < p.outHi; lo += mergeBlockLen {
			out := buf[:min(mergeBlockLen, p.outHi-lo)]
			mergeRuns(p.subs, out, hs)
			cs := cands[lo : lo+len(out)]
			for j := range out {
				e, c := &out[j], &cs[j]
				*c = Candidate{Index: e.idx, Rank: int32(lo + j + 1), Score: kf.score(e.key)}
			}
		}
	})
	res.Excluded, res.Candidates = excl, cands
}

// scan evaluates the households hs, which start at index base of the input: it writes the
// candidates' entries to ents[:nc], the excluded
// households to ex[:ne], in input order. ents and ex are as long as hs.
func (s *scorer) scan(hs []Household, base int, kf *keyer, ents []entry, ex []Excluded) (nc, ne int) {
	var rs [evalBlockLen]ReasonSet
	var el [evalBlockLen]uint8
	var sc [evalBlockLen]Points
	ents, ex = ents[:len(hs)], ex[:len(hs)]
	for b := 0; b < len(hs); b += evalBlockLen {
		blk := hs[b:min(b+evalBlockLen, len(hs))]
		s.reasons(blk, rs[:])
		// Every household is written to the excluded and one of the two indexes advances,
		// which avoids a mispredicted branch per household.
		k := 0
		for j := range blk {
			r := rs[j]
			ex[ne] = Excluded{Index: int32(base + b + j), Reasons: r}
			el[k] = uint8(j)
			ok := int(b2u(r == 0))
			ne += 1 - ok
			k += ok
		}
		s.scores(blk, el[:k], sc[:])
		for q, j := range el[:k] {
			h := &blk[j]
			ents[nc] = entry{key: kf.key(sc[q]), idx: int32(base + b + int(j)), lot: uint32(h.Lottery >> 32)}
			nc++
		}
	}
	return nc, ne
}

// splitOutput divides the candidates of the parts' sorted runs into one key range per part,
// of about equal size, so that each worker merges the candidates of its range into their
// final ranks. Equal keys stay in one range.
func splitOutput(parts []part, maxKey uint64) {
	total := 0
	for k := range parts {
		total += len(parts[k].run)
	}
	below := func(key uint64) int {
		c := 0
		for k := range parts {
			run := parts[k].run
			c += sort.Search(len(run), func(i int) bool { return run[i].key >= key })
		}
		return c
	}
	w := len(parts)
	keyLo, outLo := uint64(0), 0
	for k := range parts {
		keyHi, outHi := maxKey+1, total
		if k < w-1 {
			// The smallest key with at least (k+1)/w of the candidates below it.
			target := (k + 1) * total / w
			lo, hi := keyLo, maxKey+1
			for lo < hi {
				mid := lo + (hi-lo)/2
				if below(mid) >= target {
					hi = mid
				} else {
					lo = mid + 1
				}
			}
			keyHi, outHi = lo, below(lo)
		}
		p := &parts[k]
		p.keyLo, p.keyHi, p.outLo, p.outHi = keyLo, keyHi, outLo, outHi
		p.subs = p.subs[:0]
		for j := range parts {
			run := parts[j].run
			a := sort.Search(len(run), func(i int) bool { return run[i].key >= keyLo })
			b := sort.Search(len(run), func(i int) bool { return run[i].key >= keyHi })
			if a < b {
				p.subs = append(p.subs, run[a:b])
			}
		}
		keyLo, outLo = keyHi, outHi
	}
}

// entryLess orders entries by key, then by tieLess.
func entryLess(a, b *entry, hs []Household) bool {
	return a.key < b.key || a.key == b.key && tieLess(a, b, hs)
}

// mergeBlockLen is the number of candidates rankAll merges at a time.
const mergeBlockLen = 256

// mergeRuns moves the first len(out) entries of the sorted runs together into out, in order,
// and removes them from the runs.
func mergeRuns(runs [][]entry, out []entry, hs []Household) {
	switch len(runs) {
	case 1:
		runs[0] = runs[0][copy(out, runs[0]):]
	case 2:
		merge2(&runs[0], &runs[1], out, hs)
	default:
		for k := range out {
			best := -1
			for j := range runs {
				if len(runs[j]) > 0 && (best < 0 || entryLess(&runs[j][0], &runs[best][0], hs)) {
					best = j
				}
			}
			out[k] = runs[best][0]
			runs[best] = runs[best][1:]
		}
	}
}

// merge2 is mergeRuns for two runs. Which run the next entry comes from is close to random,
// so the choice is made without a branch; equal keys are rare.
func merge2(ra, rb *[]entry, out []entry, hs []Household) {
	a, b := *ra, *rb
	i, j := 0, 0
	for k := range out {
		if i == len(a) {
			j += copy(out[k:], b[j:])
			break
		}
		if j == len(b) {
			i += copy(out[k:], a[i:])
			break
		}
		x, y := &a[i], &b[j]
		takeB := y.key < x.key
		if y.key == x.key {
			takeB = tieLess(y, x, hs)
		}
		e := x
		if takeB {
			e = y
		}
		out[k] = *e
		t := int(b2u(takeB))
		i += 1 - t
		j += t
	}
	*ra, *rb = a[i:], b[j:]
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
// (same length) as scratch, and returns the sorted slice (ents or buf) and counts, its bucket
// counts (reused if long enough). It runs one pass per digit of maxKey, with digits of up to
// 14 bits (3 passes for the default policy's 29-bit keys and 100,000 households) but not much
// wider than log2(len(ents)), so that the bucket counts stay small next to the data; a digit
// on which all keys agree is skipped.
func radixSort(ents, buf []entry, maxKey uint64, counts []uint32) ([]entry, []uint32) {
	if len(ents) < 2 {
		return ents, counts
	}
	width := bits.Len64(maxKey)
	maxDigit := min(14, max(8, bits.Len(uint(len(ents)))-2))
	passes := (width + maxDigit - 1) / maxDigit
	if passes == 0 {
		return ents, counts
	}
	digit := (width + passes - 1) / passes
	buckets := 1 << digit
	mask := uint64(buckets - 1)
	counts = resize(counts, passes*buckets)
	clear(counts)
	histogram(ents, counts, passes, uint(digit))
	src, dst := ents, buf
	n := uint32(len(ents))
	for d := range passes {
		shift := uint(d * digit)
		c := counts[d*buckets : (d+1)*buckets]
		if c[(src[0].key>>shift)&mask] == n {
			continue
		}
		var sum uint32
		for b, x := range c {
			c[b], sum = sum, sum+x
		}
		scatter(src, dst, c, shift)
		src, dst = dst, src
	}
	return src, counts
}

// histogram counts the keys' digits: counts holds passes tables of 1<<digit buckets, one per
// digit from the lowest.
func histogram(ents []entry, counts []uint32, passes int, digit uint) {
	buckets := 1 << digit
	mask := uint64(buckets - 1)
	if passes == 3 {
		// One pass over the entries for all three digits (the default policy's case).
		c0, c1, c2 := counts[:buckets], counts[buckets:2*buckets], counts[2*buckets:3*buckets]
		for i := range ents {
			k := ents[i].key
			c0[k&mask]++
			c1[(k>>digit)&mask]++
			c2[(k>>(2*digit))&mask]++
		}
		return
	}
	for d := range passes {
		c := counts[d*buckets : (d+1)*buckets]
		shift := uint(d) * digit
		for i := range ents {
			c[(ents[i].key>>shift)&mask]++
		}
	}
}

// scatter moves the entries of src to dst by the digit at shift, c holding each bucket's first
// position (advanced as it fills); len(c) is a power of two.
func scatter(src, dst []entry, c []uint32, shift uint) {
	mask := uint64(len(c) - 1)
	for i := range src {
		e := src[i]
		b := (e.key >> shift) & mask
		p := c[b]
		dst[p] = e
		c[b] = p + 1
	}
}
