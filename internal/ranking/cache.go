package ranking

import (
	"cmp"
	"context"
	"slices"
	"sync"
	"sync/atomic"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/matching"
)

// candidates is a snapshot of every rankable household, as rows and as the engine's input,
// ordered by household id.
type candidates struct {
	version    int64 // store.DataVersion when read
	year       int   // the year the member counts (children) were read for
	rows       []store.CandidateRow
	households []matching.Household
}

// candidateCache keeps the last loaded candidates of this instance. Each use first asks the
// database for its data version (one index lookup, store.DataVersion); when anything —
// this instance, another one, or a write outside the application — changed households,
// their members or matches, only those households are read again (store.ChangedHouseholds).
// The database stays the only source of truth, and approvals check the household again
// inside their transaction.
type candidateCache struct {
	mu    sync.Mutex
	cur   *candidates
	warm  atomic.Bool
	state atomic.Pointer[state] // see Service.current
	// warming is the running warm-up started by WarmNow, nil when none runs.
	warming chan struct{}
}

// changedBudget is how many changed households are patched in; beyond it a full reload is
// simpler and about as fast.
const changedBudget = 2000

// load returns the candidates at data version version (read by the caller just before).
// The returned slices are shared and must not be modified.
func (c *candidateCache) load(ctx context.Context, st *store.Store, version int64) (*candidates, error) {
	year := st.Today().Year()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cur != nil && c.cur.version == version && c.cur.year == year {
		return c.cur, nil
	}
	if c.cur != nil && c.cur.year == year && c.cur.version < version {
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
	c.cur = build(version, year, rows)
	c.warm.Store(true)
	return c.cur, nil
}

// patch applies the households changed since the cached version to a copy of the cache.
func (c *candidateCache) patch(ctx context.Context, st *store.Store, version int64) (*candidates, bool, error) {
	ids, all, err := st.ChangedHouseholds(ctx, c.cur.version, version)
	if err != nil || all || len(ids) > changedBudget {
		return nil, false, err
	}
	if len(ids) == 0 {
		return &candidates{version: version, year: c.cur.year, rows: c.cur.rows, households: c.cur.households}, true, nil
	}
	fresh, err := st.CandidateRowsByID(ctx, ids)
	if err != nil {
		return nil, false, err
	}
	rows := make([]store.CandidateRow, 0, len(c.cur.rows)+len(fresh))
	for _, r := range c.cur.rows {
		if _, changed := slices.BinarySearch(ids, r.ID); !changed {
			rows = append(rows, r)
		}
	}
	rows = append(rows, fresh...)
	slices.SortFunc(rows, func(a, b store.CandidateRow) int { return cmp.Compare(a.ID, b.ID) })
	return build(version, c.cur.year, rows), true, nil
}

func build(version int64, year int, rows []store.CandidateRow) *candidates {
	hs := make([]matching.Household, len(rows))
	for i := range rows {
		hs[i] = HouseholdOf(&rows[i])
	}
	return &candidates{version: version, year: year, rows: rows, households: hs}
}

// Warm loads the candidates into this instance's cache, so the first ranking after start-up
// does not wait for them.
func (s *Service) Warm(ctx context.Context) error {
	_, err := s.current(ctx)
	return err
}

// Warmed reports whether the candidates have been loaded once (/readyz).
func (s *Service) Warmed() bool { return s.cache.warm.Load() }

// WarmNow starts loading the candidates in the background unless they are loaded or being
// loaded, and waits for them until ctx ends; it reports whether they are loaded. A load
// outlives ctx, so that probes with a short timeout still end in a warm cache.
func (s *Service) WarmNow(ctx context.Context) bool {
	if s.Warmed() {
		return true
	}
	s.cache.mu.Lock()
	ch := s.cache.warming
	if ch == nil {
		ch = make(chan struct{})
		s.cache.warming = ch
		go func() {
			_ = s.Warm(context.WithoutCancel(ctx))
			s.cache.mu.Lock()
			s.cache.warming = nil
			s.cache.mu.Unlock()
			close(ch)
		}()
	}
	s.cache.mu.Unlock()
	select {
	case <-ch:
	case <-ctx.Done():
	}
	return s.Warmed()
}

// state is everything a ranking at one data version and day reads: the policy, the
// candidates and the rankings computed so far, by vacancy id. It is replaced, never
// changed, when the data version or the day moves on.
type state struct {
	version int64
	today   domain.Date
	policy  matching.Policy
	cands   *candidates

	mu       sync.Mutex
	rankings map[int64]*rankedEntry
}

// rankedEntry is one vacancy's full ranking, computed once per state.
type rankedEntry struct {
	once sync.Once
	r    *Ranked
	err  error
}

// maxCachedRankings bounds the rankings a state keeps (each holds a candidate and an
// excluded list about as long as the households).
const maxCachedRankings = 256

// current returns the state at the database's current data version and today.
func (s *Service) current(ctx context.Context) (*state, error) {
	version, err := s.store.DataVersion(ctx)
	if err != nil {
		return nil, err
	}
	today := s.store.Today()
	if cur := s.cache.state.Load(); cur != nil && cur.version == version && cur.today == today {
		return cur, nil
	}
	p, err := s.Policy(ctx)
	if err != nil {
		return nil, err
	}
	cands, err := s.cache.load(ctx, s.store, version)
	if err != nil {
		return nil, err
	}
	next := &state{version: version, today: today, policy: p, cands: cands, rankings: map[int64]*rankedEntry{}}
	for {
		cur := s.cache.state.Load()
		if cur != nil && (cur.version > version || cur.version == version && cur.today == today) {
			return next, nil // a newer state is already published; this request still answers from its own
		}
		if s.cache.state.CompareAndSwap(cur, next) {
			return next, nil
		}
	}
}
