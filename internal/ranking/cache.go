package ranking

import (
	"cmp"
	"context"
	"slices"
	"sync"

	"wohnbruecke/internal/store"
	"wohnbruecke/matching"
)

// candidates is a snapshot of every rankable household, as rows and as the engine's input,
// ordered by household id.
type candidates struct {
	version    store.CandidateVersion
	rows       []store.CandidateRow
	households []matching.Household
}

// candidateCache keeps the last loaded candidates of this instance. Each use first asks the
// database for the candidates' version (a few index lookups); when another request — on
// this or any other instance — changed households or matches, only those households are
// read again. The database stays the only source of truth, and approvals check the
// household again inside their transaction.
type candidateCache struct {
	mu  sync.Mutex
	cur *candidates
}

// changedBudget is how many changed households are patched in; beyond it a full reload is
// simpler and about as fast.
const changedBudget = 2000

// load returns current candidates. The returned slices are shared and must not be modified.
func (c *candidateCache) load(ctx context.Context, st *store.Store) (*candidates, error) {
	version, err := st.CandidateVersion(ctx)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cur != nil && c.cur.version == version {
		return c.cur, nil
	}
	if c.cur != nil && c.cur.version.Year == version.Year {
		if next, ok, err := c.patch(ctx, st, version); err != nil {
			return nil, err
		} else if ok {
			c.cur = next
			return next, nil
		}
	}
	rows, err := st.CandidateRows(ctx)
	if err != nil {
		return nil, err
	}
	c.cur = build(version, rows)
	return c.cur, nil
}

// patch applies the households changed since the cached version to a copy of the cache.
func (c *candidateCache) patch(ctx context.Context, st *store.Store, version store.CandidateVersion) (*candidates, bool, error) {
	ids, fresh, err := st.CandidateChanges(ctx, c.cur.version)
	if err != nil || len(ids) > changedBudget {
		return nil, false, err
	}
	changed := make(map[int64]bool, len(ids))
	for _, id := range ids {
		changed[id] = true
	}
	rows := make([]store.CandidateRow, 0, len(c.cur.rows)+len(fresh))
	for _, r := range c.cur.rows {
		if !changed[r.ID] {
			rows = append(rows, r)
		}
	}
	rows = append(rows, fresh...)
	slices.SortFunc(rows, func(a, b store.CandidateRow) int { return cmp.Compare(a.ID, b.ID) })
	return build(version, rows), true, nil
}

func build(version store.CandidateVersion, rows []store.CandidateRow) *candidates {
	hs := make([]matching.Household, len(rows))
	for i := range rows {
		hs[i] = HouseholdOf(&rows[i])
	}
	return &candidates{version: version, rows: rows, households: hs}
}

// Warm loads the candidates into this instance's cache, so the first ranking after start-up
// does not wait for them.
func (s *Service) Warm(ctx context.Context) error {
	_, err := s.cache.load(ctx, s.store)
	return err
}
