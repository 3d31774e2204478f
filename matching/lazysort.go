package matching

import "slices"

// The solver reads only the best few percent of each vacancy's eligible pairs (about 3 % at
// 2,000 flats × 50,000 households: it stops at the first free household), so the pairs are
// sorted lazily: a vacancy's records are kept with a sorted prefix holding the smallest
// ones, which grows (at least doubling) when the solver reaches its end.

// edgeList is one vacancy's sort records (see edgeSink), recs[:sorted] in order and smaller
// than every record after them.
type edgeList struct {
	recs   []uint64
	sorted int
}

// firstSorted is the share (1/firstSortedDiv, at least firstSortedMin records) sorted when the
// graph is built.
const (
	firstSortedDiv = 16
	firstSortedMin = 64
)

// newEdgeList takes the records (in any order) and sorts the first share.
func newEdgeList(recs []uint64) edgeList {
	l := edgeList{recs: recs}
	l.extend(max(firstSortedMin, len(recs)/firstSortedDiv))
	return l
}

// extend sorts at least n more records (or all), so that recs[:sorted] grows.
func (l *edgeList) extend(n int) {
	rest := l.recs[l.sorted:]
	n = max(n, l.sorted)
	if n*4 >= len(rest) {
		slices.Sort(rest)
		l.sorted = len(l.recs)
		return
	}
	selectSmallest(rest, n)
	slices.Sort(rest[:n])
	l.sorted += n
}

// selectSmallest reorders the distinct records a so that a[:m] holds the m smallest (in
// any order), for 0 < m < len(a): a quickselect with median-of-three pivots and a
// branch-free partition, which falls back to sorting after too many rounds.
func selectSmallest(a []uint64, m int) {
	lo, hi := 0, len(a)
	for round := 0; hi-lo > 16; round++ {
		if round == 48 {
			break
		}
		x, y, z := a[lo], a[lo+(hi-lo)/2], a[hi-1]
		p := max(min(x, y), min(max(x, y), z)) // the median of the three
		// a[lo:i] < p <= a[i:k] after each step; p itself ends right of i.
		i := lo
		for k := lo; k < hi; k++ {
			v := a[k]
			a[k] = a[i]
			a[i] = v
			i += int(b2u(v < p))
		}
		switch {
		case m < i:
			hi = i
		case m > i:
			lo = i
		default:
			return
		}
	}
	slices.Sort(a[lo:hi])
}
