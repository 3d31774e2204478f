package matching

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestEdgeListExtendsToTheFullOrder: however the sorted prefix grows, it is the prefix of
// the fully sorted records.
func TestEdgeListExtendsToTheFullOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 6))
	for n := range 400 {
		size := r.IntN(3000)
		recs := make([]uint64, 0, size)
		seen := map[uint64]bool{}
		for len(recs) < size {
			v := r.Uint64N(uint64(1 + size*(1+n%4)))
			if n%5 == 0 {
				v = uint64(len(recs)) // sorted input
			} else if n%5 == 1 {
				v = uint64(size - len(recs)) // reversed input
			}
			if !seen[v] {
				seen[v] = true
				recs = append(recs, v)
			}
		}
		want := slices.Sorted(slices.Values(recs))
		l := newEdgeList(slices.Clone(recs))
		for {
			if !slices.Equal(l.recs[:l.sorted], want[:l.sorted]) {
				t.Fatalf("case %d: sorted prefix of %d is not the smallest in order", n, l.sorted)
			}
			if l.sorted == len(l.recs) {
				break
			}
			l.extend(1 + r.IntN(50))
		}
		if !slices.Equal(l.recs, want) {
			t.Fatalf("case %d: records lost or changed", n)
		}
	}
}
