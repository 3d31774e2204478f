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
func (k *keyer) key(score Points) uint64 {
	return (k.maxScore - uint64(score)) >> (k.shift & 63) * k.inv
}

// score returns the score of a sort key.
func (k *keyer) score(key uint64) Points { return Points(k.maxScore - key*k.g) }

// packing lays out the sort record of one candidate in a uint64, from the top: the sort key
// (see keyer), the top bits of the lottery number, and the household's position in the input.
// Ordering the records as integers orders by descending score, then by those lottery bits,
// then by position; records whose key and lottery bits agree (rare) are ordered by the whole
// lottery number and the household ID (see packing.less). The records are all the output
// needs, so the households are not read again in rank order except for those ties.
type packing struct {
	keyShift uint   // the key is rec >> keyShift
	lotShift uint   // the lottery bits are lottery >> lotShift
	idxBits  uint   // rec >> idxBits is key and lottery bits
	idxMask  uint64 // rec & idxMask is the position
	keyBits  int
}

// newPacking returns the packing for keys up to maxKey and n households, and false if they
// do not fit in 64 bits with at least one lottery bit. Every shift of a record is then below
// 64 (the key and the lottery bits are at least one bit wide), so the shifts are written
// with "& 63", which spares the compiler's handling of wider shifts.
func newPacking(maxKey uint64, n int) (packing, bool) {
	kb := max(bits.Len64(maxKey), 1)
	ib := bits.Len(uint(max(n, 1) - 1))
	if kb+ib > 63 {
		return packing{}, false
	}
	lb := 64 - kb - ib
	return packing{
		keyShift: uint(ib + lb), lotShift: uint(64 - lb), idxBits: uint(ib),
		idxMask: 1<<ib - 1, keyBits: kb,
	}, true
}

// pack returns the record of the household at position idx with the given key.
func (p *packing) pack(key, lottery uint64, idx int) uint64 {
	return key<<(p.keyShift&63) | lottery>>(p.lotShift&63)<<(p.idxBits&63) | uint64(idx)
}

// less reports whether record a ranks before record b.
func (p *packing) less(a, b uint64, hs []Household) bool {
	if a>>(p.idxBits&63) != b>>(p.idxBits&63) {
		return a < b
	}
	return p.tieLess(a, b, hs)
}

// tieLess orders two records whose key and lottery bits agree: lower lottery number first,
// then lower ID, then lower position.
func (p *packing) tieLess(a, b uint64, hs []Household) bool {
	ha, hb := &hs[a&p.idxMask], &hs[b&p.idxMask]
	if ha.Lottery != hb.Lottery {
		return ha.Lottery < hb.Lottery
	}
	if ha.ID != hb.ID {
		return ha.ID < hb.ID
	}
	return a < b
}

// part is the share of the households one worker scans, and later the share of the output it
// writes.
type part struct {
	lo, hi int      // households [lo, hi)
	nc, ne int      // their candidates are recs[lo:lo+nc], their excluded ex[lo:lo+ne]
	run    []uint64 // the part's candidates, sorted
	exOff  int      // offset of the part's excluded households in Result.Excluded
	// The candidates with keys in [keyLo, keyHi) go to ranks [outLo, outHi) from this worker.
	keyLo, keyHi uint64
	outLo, outHi int
	subs         [][]uint64 // the runs' records with keys in [keyLo, keyHi)
}

// rankScratch is rankAll's working memory. Its buffers are as long as the input; they are
// pooled between calls because allocating (and so clearing) them each time, and the garbage
// collections that follow, cost about as much as the ranking itself. No result points into
// them.
type rankScratch struct {
	recs   []uint64
	ex     []Excluded
	tmp    [][]uint64 // per worker: radix sort buffer when the part has more candidates than excluded
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
	pk, ok := newPacking(kf.maxKey, n)
	if !ok {
		rankAllSorted(s, hs, res)
		return
	}
	w := workers(n)
	sc := scratchPool.Get().(*rankScratch)
	if n <= maxPooled {
		defer scratchPool.Put(sc)
	}
	sc.recs, sc.ex, sc.parts = resize(sc.recs, n), resize(sc.ex, n), resize(sc.parts, w)
	for len(sc.tmp) < w {
		sc.tmp, sc.counts = append(sc.tmp, nil), append(sc.counts, nil)
	}
	recs, parts := sc.recs, sc.parts

	// Each worker scans its share of the households and sorts its candidates. Once the
	// counts of all workers are known, the first allocates the excluded list and the second
	// the candidate list; the merge below fills both, so that the copying is shared between
	// the workers too.
	var excl []Excluded
	var cands []Candidate
	var counted sync.WaitGroup
	counted.Add(w)
	parallelFor(w, n, func(k, lo, hi int) {
		p := &parts[k]
		p.lo, p.hi = lo, hi
		p.nc, p.ne = s.scan(hs[lo:hi], lo, &kf, &pk, recs[lo:hi], sc.ex[lo:hi])
		counted.Done()
		run, buf := recs[lo:lo+p.nc], recs[lo+p.nc:hi]
		if len(buf) < len(run) {
			sc.tmp[k] = resize(sc.tmp[k], len(run))
			buf = sc.tmp[k]
		}
		run, sc.counts[k] = radixSort(run, buf[:len(run)], &pk, sc.counts[k])
		pk.breakTies(run, hs)
		p.run = run
		if k == 0 || k == 1%w {
			counted.Wait()
			nc, ne := 0, 0
			for j := range parts {
				nc, ne = nc+parts[j].nc, ne+parts[j].ne
			}
			if k == 0 {
				excl = make([]Excluded, ne)
			}
			if k == 1%w {
				cands = make([]Candidate, nc)
			}
		}
	})
	ne := 0
	for k := range parts {
		p := &parts[k]
		p.exOff = ne
		ne += p.ne
	}
	res.Eligible = len(cands)
	splitOutput(parts, &pk, kf.maxKey)

	// Each worker copies its excluded households into the result and merges the candidates of
	// one key range from all runs, which places them at their final ranks, and writes them to
	// the candidate list, a block at a time.
	parallelFor(w, w, func(k, _, _ int) {
		p := &parts[k]
		copy(excl[p.exOff:p.exOff+p.ne], sc.ex[p.lo:p.lo+p.ne])
		var buf [mergeBlockLen]uint64
		for lo := p.outLo; lo < p.outHi; lo += mergeBlockLen {
			out := buf[:min(mergeBlockLen, p.outHi-lo)]
			pk.mergeRuns(p.subs, out, hs)
			cs := cands[lo : lo+len(out)]
			for j, r := range out {
				cs[j] = Candidate{Index: int32(r & pk.idxMask), Rank: int32(lo + j + 1), Score: kf.score(r >> (pk.keyShift & 63))}
			}
		}
	})
	res.Excluded, res.Candidates = excl, cands
}

// rankAllSorted is rankAll for the rare inputs whose sort records do not fit in 64 bits
// (millions of households under a policy with very wide keys): one worker and a comparison
// sort.
func rankAllSorted(s *scorer, hs []Household, res *Result) {
	var excl []Excluded
	var best []top
	var buf [evalBlockLen]evalOut
	for b := 0; b < len(hs); b += evalBlockLen {
		blk := hs[b:min(b+evalBlockLen, len(hs))]
		s.evalBlock(blk, buf[:])
		for j := range blk {
			h, o, i := &blk[j], &buf[j], b+j
			if o.r != 0 {
				excl = append(excl, Excluded{Index: int32(i), Reasons: o.r})
			} else {
				best = append(best, top{score: o.score, lottery: h.Lottery, id: h.ID, idx: int32(i)})
			}
		}
	}
	slices.SortFunc(best, func(a, b top) int {
		if a.better(&b) {
			return -1
		}
		if b.better(&a) {
			return 1
		}
		return 0
	})
	cands := make([]Candidate, len(best))
	for r, t := range best {
		cands[r] = Candidate{Index: t.idx, Rank: int32(r + 1), Score: t.score}
	}
	if excl == nil {
		excl = []Excluded{}
	}
	res.Eligible, res.Excluded, res.Candidates = len(best), slices.Clip(excl), cands
}

// scan evaluates the households hs, which start at index base of the input: it writes the
// candidates' records to recs[:nc] and the excluded households to ex[:ne], in input order.
// recs and ex are as long as hs.
func (s *scorer) scan(hs []Household, base int, kf *keyer, pk *packing, recs []uint64, ex []Excluded) (nc, ne int) {
	var rs [evalBlockLen]ReasonSet
	var el [evalBlockLen]uint8
	var sc [evalBlockLen]Points
	recs, ex = recs[:len(hs)], ex[:len(hs)]
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
			recs[nc] = pk.pack(kf.key(sc[q]), blk[j].Lottery, base+b+int(j))
			nc++
		}
	}
	return nc, ne
}

// splitOutput divides the candidates of the parts' sorted runs into one key range per part,
// of about equal size, so that each worker merges the candidates of its range into their
// final ranks. Equal keys stay in one range.
func splitOutput(parts []part, pk *packing, maxKey uint64) {
	total := 0
	for k := range parts {
		total += len(parts[k].run)
	}
	// first returns the index of the first record of run with a key of at least key.
	first := func(run []uint64, key uint64) int {
		return sort.Search(len(run), func(i int) bool { return run[i]>>(pk.keyShift&63) >= key })
	}
	below := func(key uint64) int {
		c := 0
		for k := range parts {
			c += first(parts[k].run, key)
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
			a, b := first(run, keyLo), first(run, keyHi)
			if a < b {
				p.subs = append(p.subs, run[a:b])
			}
		}
		keyLo, outLo = keyHi, outHi
	}
}

// mergeBlockLen is the number of candidates rankAll merges at a time.
const mergeBlockLen = 256

// mergeRuns moves the first len(out) records of the sorted runs together into out, in order,
// and removes them from the runs.
func (pk *packing) mergeRuns(runs [][]uint64, out []uint64, hs []Household) {
	switch len(runs) {
	case 1:
		runs[0] = runs[0][copy(out, runs[0]):]
	case 2:
		pk.merge2(&runs[0], &runs[1], out, hs)
	default:
		for k := range out {
			best := -1
			for j := range runs {
				if len(runs[j]) > 0 && (best < 0 || pk.less(runs[j][0], runs[best][0], hs)) {
					best = j
				}
			}
			out[k] = runs[best][0]
			runs[best] = runs[best][1:]
		}
	}
}

// merge2 is mergeRuns for two runs. Which run the next record comes from is close to random,
// so the choice is made without a branch; records that agree in key and lottery bits are
// rare.
func (pk *packing) merge2(ra, rb *[]uint64, out []uint64, hs []Household) {
	a, b := *ra, *rb
	i, j := 0, 0
	ib := pk.idxBits & 63
	for k := range out {
		if i == len(a) {
			j += copy(out[k:], b[j:])
			break
		}
		if j == len(b) {
			i += copy(out[k:], a[i:])
			break
		}
		x, y := a[i], b[j]
		takeB := y < x
		if x>>ib == y>>ib {
			takeB = pk.tieLess(y, x, hs)
		}
		e := x
		if takeB {
			e = y
		}
		out[k] = e
		t := int(b2u(takeB))
		i += 1 - t
		j += t
	}
	*ra, *rb = a[i:], b[j:]
}

// breakTies orders runs of equal key, which the radix sort leaves in input order, by lottery
// bits and position, and those that agree in the lottery bits by the whole lottery number and
// the household ID. Runs are short.
func (pk *packing) breakTies(recs []uint64, hs []Household) {
	ks := pk.keyShift & 63
	for i := 1; i < len(recs); i++ {
		if recs[i]>>ks != recs[i-1]>>ks {
			continue
		}
		// Insertion sort of the run ending at i.
		for b := i; b > 0 && recs[b]>>ks == recs[b-1]>>ks && pk.less(recs[b], recs[b-1], hs); b-- {
			recs[b], recs[b-1] = recs[b-1], recs[b]
		}
	}
}

// radixSort sorts recs by key with a stable LSD radix sort, using buf (same length) as
// scratch, and returns the sorted slice (recs or buf) and counts, its bucket counts (reused if
// long enough). It runs one pass per digit of the key, with digits of up to 14 bits (3 passes
// for the default policy's 29-bit keys and 100,000 households) but not much wider than
// log2(len(recs)), so that the bucket counts stay small next to the data; a digit on which all
// keys agree is skipped.
func radixSort(recs, buf []uint64, pk *packing, counts []uint32) ([]uint64, []uint32) {
	if len(recs) < 2 {
		return recs, counts
	}
	width := pk.keyBits
	maxDigit := min(14, max(8, bits.Len(uint(len(recs)))-2))
	passes := (width + maxDigit - 1) / maxDigit
	if passes == 0 {
		return recs, counts
	}
	digit := (width + passes - 1) / passes
	buckets := 1 << digit
	mask := uint64(buckets - 1)
	counts = resize(counts, passes*buckets)
	clear(counts)
	histogram(recs, counts, passes, uint(digit), pk.keyShift)
	src, dst := recs, buf
	n := uint32(len(recs))
	for d := range passes {
		shift := pk.keyShift + uint(d*digit)
		c := counts[d*buckets : (d+1)*buckets]
		if c[(src[0]>>(shift&63))&mask] == n {
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
// digit from the lowest; the key starts at bit base of a record.
func histogram(recs []uint64, counts []uint32, passes int, digit, base uint) {
	buckets := 1 << digit
	mask := uint64(buckets - 1)
	base, digit = base&63, digit&63
	if passes == 3 {
		// One pass over the records for all three digits (the default policy's case).
		c0, c1, c2 := counts[:buckets], counts[buckets:2*buckets], counts[2*buckets:3*buckets]
		d2 := 2 * digit & 63
		for _, r := range recs {
			k := r >> base
			c0[k&mask]++
			c1[(k>>digit)&mask]++
			c2[(k>>d2)&mask]++
		}
		return
	}
	for d := range passes {
		c := counts[d*buckets : (d+1)*buckets]
		shift := (base + uint(d)*digit) & 63
		for _, r := range recs {
			c[(r>>shift)&mask]++
		}
	}
}

// scatter moves the records of src to dst by the digit at shift, c holding each bucket's
// first position (advanced as it fills); len(c) is a power of two.
func scatter(src, dst []uint64, c []uint32, shift uint) {
	mask := uint64(len(c) - 1)
	shift &= 63
	for _, r := range src {
		b := (r >> shift) & mask
		p := c[b]
		dst[p] = r
		c[b] = p + 1
	}
}
