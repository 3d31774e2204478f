package ranking

import (
	"reflect"
	"slices"
	"sync"

	"wohnbruecke/internal/domain"
	"wohnbruecke/matching"
)

// allocationCache keeps the last allocation of this instance with everything it was computed
// from: the candidates snapshot (which the candidate cache replaces whenever households or
// matches change, see candidateCache), the policy, the day and the engine's view of the
// published vacancies. An allocation asked for again with the same inputs is returned
// without running the engine (2,000 flats × 50,000 households take about a second); any
// change of an input computes it anew. Concurrent callers with the same inputs wait for one
// computation.
type allocationCache struct {
	mu     sync.Mutex
	cands  *candidates
	policy matching.Policy
	today  domain.Date
	in     []matching.Vacancy
	out    matching.Allocation
	runs   int // engine runs, for the tests
}

// allocate returns the allocation of the vacancies in to the candidates cands without an
// active match (hs), from the cache when the inputs are those of the last call. The result's
// Pairs are the caller's own.
func (c *allocationCache) allocate(cands *candidates, hs []matching.Household, in []matching.Vacancy, p matching.Policy, today domain.Date) (matching.Allocation, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cands == nil || c.cands != cands || c.today != today || !samePolicy(c.policy, p) || !slices.Equal(c.in, in) {
		out, err := matching.Allocate(in, hs, p, matching.Date(today))
		if err != nil {
			return out, err
		}
		c.cands, c.policy, c.today, c.in, c.out = cands, clonePolicy(p), today, slices.Clone(in), out
		c.runs++
	}
	out := c.out
	out.Pairs = slices.Clone(out.Pairs)
	return out, nil
}

// samePolicy reports whether two policies rank alike.
func samePolicy(a, b matching.Policy) bool { return reflect.DeepEqual(a, b) }

// clonePolicy returns p with its own slices.
func clonePolicy(p matching.Policy) matching.Policy {
	p.Limits.KdUCapsCents = slices.Clone(p.Limits.KdUCapsCents)
	return p
}
