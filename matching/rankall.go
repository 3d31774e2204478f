package matching

import (
	"math/bits"
	"sort"
	"sync"
)

// entry is the sort record of one candidate: key orders by descending score (key =
// maxScore − score), lot holds the top 32 bits of the lottery number for ties, pos is the
// candidate's slot.
type entry struct {
	key uint64
	pos int32
	lot uint32
}

// slot is what rankAll keeps of a candidate from the scan, written while the household's
// cache lines are hot (reading the households again in rank order costs more than the scan).
type slot struct {
	id   int64
	idx  int32
	prof profile
}

// part is the share of the households one worker scans, and later the share of the output it
// writes.
type part struct {
	lo, hi int     // households [lo, hi); their excluded are ex[lo:lo+ne]
	ne     int     // number of excluded households
	run    []entry // the part's candidates, sorted
	exOff  int     // offset of the part's excluded households in Result.Excluded
	// The candidates with keys in [keyLo, keyHi) go to ranks [outLo, outHi) from this worker.
	keyLo, keyHi uint64
	outLo, outHi int
	subs         [][]entry // the runs' entries with keys in [keyLo, keyHi)
	merged       []entry   // subs merged
}

// rankScratch is rankAll's working memory. Its buffers are as long as the input; they are
// pooled between calls because allocating (and so clearing) them each time, and the garbage
// collections that follow, cost about as much as the ranking itself. No result points into
// them.
type rankScratch struct {
	ents   []entry
	out    []entry
	slots  []slot
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
	maxKey := uint64(s.maxScore())
	w := workers(n)
	sc := scratchPool.Get().(*rankScratch)
	if n <= maxPooled {
		defer scratchPool.Put(sc)
	}
	sc.ents, sc.slots, sc.ex, sc.parts = resize(sc.ents, n), resize(sc.slots, n), resize(sc.ex, n), resize(sc.parts, w)
	for len(sc.tmp) < w {
		sc.tmp, sc.counts = append(sc.tmp, nil), append(sc.counts, nil)
	}
	ents, slots, parts := sc.ents, sc.slots, sc.parts

	// Each worker scans its share of the households and sorts its candidates.
	parallelFor(w, n, func(k, lo, hi int) {
		nc, ne := s.scan(hs[lo:hi], lo, maxKey, ents[lo:hi], slots, sc.ex[lo:hi])
		run, buf := ents[lo:lo+nc], ents[lo+nc:hi]
		if len(buf) < len(run) {
			sc.tmp[k] = resize(sc.tmp[k], len(run))
			buf = sc.tmp[k]
		}
		run, sc.counts[k] = radixSort(run, buf[:len(run)], maxKey, sc.counts[k])
		breakTies(run, hs, slots)
		p := &parts[k]
		p.lo, p.hi, p.ne, p.run = lo, hi, ne, run
	})

	nc, ne := 0, 0
	for k := range parts {
		p := &parts[k]
		p.exOff = ne
		ne += p.ne
		nc += len(p.run)
	}
	res.Eligible = nc
	splitOutput(parts, maxKey)
	sc.out = resize(sc.out, nc)

	// Each worker merges the candidates of one key range from all runs, which places them at
	// their final ranks. Meanwhile the first two allocate the result, so that clearing the
	// memory runs on two cores.
	var excl []Excluded
	var cands []Candidate
	parallelFor(w, w, func(k, _, _ int) {
		p := &parts[k]
		if k == 0 {
			excl = make([]Excluded, ne)
		}
		if k == 1%w {
			cands = make([]Candidate, nc)
		}
		p.merged = sc.out[p.outLo:p.outHi]
		if len(p.subs) == 1 {
			p.merged = p.subs[0]
		} else {
			mergeRuns(p.subs, p.merged, hs, slots)
		}
	})
	// Each worker copies its excluded households and writes the candidates of its range.
	parallelFor(w, w, func(k, _, _ int) {
		p := &parts[k]
		copy(excl[p.exOff:p.exOff+p.ne], sc.ex[p.lo:p.lo+p.ne])
		out := p.merged
		cs := cands[p.outLo:p.outHi]
		for j := range out {
			e, c := &out[j], &cs[j]
			sl := &slots[e.pos]
			c.HouseholdID, c.Index, c.Rank, c.Score = sl.id, sl.idx, int32(p.outLo+j+1), Points(maxKey-e.key)
			if !s.unpack(sl.prof, &c.Values) {
				s.fillValues(&hs[sl.idx], &c.Values)
			}
		}
	})
	res.Excluded, res.Candidates = excl, cands
}

// scan evaluates the households hs, which start at index base of the input: it writes the
// candidates' entries to ents[:nc] and their slots to slots[base:base+nc], the excluded
// households to ex[:ne], in input order. ents and ex are as long as hs.
func (s *scorer) scan(hs []Household, base int, maxKey uint64, ents []entry, slots []slot, ex []Excluded) (nc, ne int) {
	var rs [evalBlockLen]ReasonSet
	var el [evalBlockLen]uint8
	var sc [evalBlockLen]scored
	ents, ex = ents[:len(hs)], ex[:len(hs)]
	cs := slots[base : base+len(hs)]
	for b := 0; b < len(hs); b += evalBlockLen {
		blk := hs[b:min(b+evalBlockLen, len(hs))]
		s.reasons(blk, rs[:])
		// Every household is written to the excluded and one of the two indexes advances,
		// which avoids a mispredicted branch per household.
		k := 0
		for j := range blk {
			r := rs[j]
			ex[ne] = Excluded{HouseholdID: blk[j].ID, Index: int32(base + b + j), Reasons: r}
			el[k] = uint8(j)
			ok := int(b2u(r == 0))
			ne += 1 - ok
			k += ok
		}
		s.scores(blk, el[:k], sc[:])
		for q, j := range el[:k] {
			h := &blk[j]
			ents[nc] = entry{key: maxKey - uint64(sc[q].score), pos: int32(base + nc), lot: uint32(h.Lottery >> 32)}
			cs[nc] = slot{id: h.ID, idx: int32(base + b + int(j)), prof: sc[q].prof}
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
func entryLess(a, b *entry, hs []Household, slots []slot) bool {
	return a.key < b.key || a.key == b.key && tieLess(a, b, hs, slots)
}

// mergeRuns merges sorted runs into out, whose length is theirs together.
func mergeRuns(runs [][]entry, out []entry, hs []Household, slots []slot) {
	switch len(runs) {
	case 0:
	case 1:
		copy(out, runs[0])
	case 2:
		merge2(runs[0], runs[1], out, hs, slots)
	default:
		for k := range out {
			best := -1
			for j := range runs {
				if len(runs[j]) > 0 && (best < 0 || entryLess(&runs[j][0], &runs[best][0], hs, slots)) {
					best = j
				}
			}
			out[k] = runs[best][0]
			runs[best] = runs[best][1:]
		}
	}
}

// merge2 merges two sorted runs into out. Which run the next entry comes from is close to
// random, so the choice is made without a branch; equal keys are rare.
func merge2(a, b, out []entry, hs []Household, slots []slot) {
	i, j := 0, 0
	for k := range out {
		if i == len(a) {
			copy(out[k:], b[j:])
			return
		}
		if j == len(b) {
			copy(out[k:], a[i:])
			return
		}
		x, y := &a[i], &b[j]
		takeB := y.key < x.key
		if y.key == x.key {
			takeB = tieLess(y, x, hs, slots)
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
}

// breakTies orders runs of equal score by lottery, household ID and index. The entries are
// already ordered by score; runs are short, and lot settles almost all of them without
// touching the households.
func breakTies(ents []entry, hs []Household, slots []slot) {
	for i := 0; i < len(ents); {
		j := i + 1
		for j < len(ents) && ents[j].key == ents[i].key {
			j++
		}
		if j-i > 1 {
			run := ents[i:j]
			// Insertion sort: runs hold a few entries.
			for a := 1; a < len(run); a++ {
				for b := a; b > 0 && tieLess(&run[b], &run[b-1], hs, slots); b-- {
					run[b], run[b-1] = run[b-1], run[b]
				}
			}
		}
		i = j
	}
}

// tieLess orders two entries of equal score: lower lottery first, then lower ID, then lower
// index.
func tieLess(a, b *entry, hs []Household, slots []slot) bool {
	if a.lot != b.lot {
		return a.lot < b.lot
	}
	sa, sb := &slots[a.pos], &slots[b.pos]
	if la, lb := hs[sa.idx].Lottery, hs[sb.idx].Lottery; la != lb {
		return la < lb
	}
	if sa.id != sb.id {
		return sa.id < sb.id
	}
	return sa.idx < sb.idx
}

// radixSort sorts ents by key (all keys <= maxKey) with a stable LSD radix sort, using buf
// (same length) as scratch, and returns the sorted slice (ents or buf) and counts, its bucket
// counts (reused if long enough). It runs one pass per digit of maxKey, with digits of up to
// 14 bits (3 passes for the default policy's 38-bit scores and 100,000 households) but not
// much wider than log2(len(ents)), so that the bucket counts stay small next to the data; a
// digit on which all keys agree is skipped.
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
	return src, counts
}
