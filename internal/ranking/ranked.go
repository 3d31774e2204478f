package ranking

import (
	"context"
	"fmt"
	"strconv"

	"wohnbruecke/internal/domain"
	"wohnbruecke/matching"
)

// Ranked is the full ranking of one vacancy at one data version and day, shared by every
// request that asks for it until the data, the policy or the day change: the API pages
// through it and explains single pairs without ranking again. Treat it as read-only.
type Ranked struct {
	VacancyRanking
	// Version is the data version (store.DataVersion) the ranking was computed at.
	Version int64
	// ByReason counts the excluded households per reason (one household counts once for
	// each of its reasons).
	ByReason [len(reasonCodes)]int
	explain  *matching.Explainer
}

// reasonCodes are the engine's reason codes, in code order.
var reasonCodes = [12]matching.ReasonCode(matching.AllReasonCodes())

// ReasonCodes lists the reason codes in the order of Ranked.ByReason.
func ReasonCodes() []matching.ReasonCode { return reasonCodes[:] }

// ETag identifies what the ranking depends on: the policy version, the data version and the
// day (the rules read today). Quoted as an HTTP entity tag, weak because the encodings
// (gzip or not) differ.
func (r *Ranked) ETag() string { return etag(r.Policy.Version, r.Version, r.Today) }

func etag(policy int, version int64, today domain.Date) string {
	b := make([]byte, 0, 40)
	b = append(b, `W/"p`...)
	b = strconv.AppendInt(b, int64(policy), 10)
	b = append(b, "-d"...)
	b = strconv.AppendInt(b, version, 10)
	b = append(b, '-')
	b = strconv.AppendInt(b, int64(today), 10)
	return string(append(b, '"'))
}

// CurrentETag returns the entity tag a ranking computed now would have, for a conditional
// request, without ranking: one data version lookup when nothing changed.
func (s *Service) CurrentETag(ctx context.Context) (string, error) {
	st, err := s.current(ctx)
	if err != nil {
		return "", err
	}
	return etag(st.policy.Version, st.version, st.today), nil
}

// Explainer returns the ranking's shared explainer (safe for concurrent use).
func (r *Ranked) Explainer() *matching.Explainer { return r.explain }

// Ranked returns the full ranking of a vacancy (every candidate and every excluded
// household), computed at most once per data version and day on this instance.
func (s *Service) Ranked(ctx context.Context, vacancyID int64) (*Ranked, error) {
	st, err := s.current(ctx)
	if err != nil {
		return nil, err
	}
	st.mu.Lock()
	e := st.rankings[vacancyID]
	if e == nil {
		if len(st.rankings) >= maxCachedRankings {
			clear(st.rankings)
		}
		e = &rankedEntry{}
		st.rankings[vacancyID] = e
	}
	st.mu.Unlock()
	e.once.Do(func() { e.r, e.err = s.rank(ctx, st, vacancyID) })
	if e.err != nil {
		st.mu.Lock()
		if st.rankings[vacancyID] == e { // not cached: the next request tries again
			delete(st.rankings, vacancyID)
		}
		st.mu.Unlock()
	}
	return e.r, e.err
}

func (s *Service) rank(ctx context.Context, st *state, vacancyID int64) (*Ranked, error) {
	defer s.timed("ranking")()
	v, err := s.store.VacancyByID(ctx, vacancyID)
	if err != nil {
		return nil, err
	}
	in := VacancyOf(v)
	hs := st.cands.households
	res, err := matching.Rank(in, hs, st.policy, matching.Date(st.today), matching.Options{})
	if err != nil {
		return nil, fmt.Errorf("ranking: vacancy %d: %w", vacancyID, err)
	}
	r := &Ranked{VacancyRanking: VacancyRanking{Vacancy: v, Policy: st.policy, Today: st.today, Result: res,
		Rows: st.cands.rows, Households: hs, Input: in}, Version: st.version}
	r.explain = r.VacancyRanking.Explainer()
	for _, ex := range res.Excluded {
		for set := uint16(ex.Reasons); set != 0; set &= set - 1 {
			r.ByReason[bitIndex(set)]++
		}
	}
	return r, nil
}

// bitIndex returns the index of the lowest set bit of a non-zero set.
func bitIndex(set uint16) int {
	i := 0
	for set&1 == 0 {
		set >>= 1
		i++
	}
	return i
}

// Position returns where household id stands in the ranking: its candidate (ok, eligible)
// or its exclusion (ok, not eligible); ok is false when the household is not among the
// rankable ones (unknown, housed, closed).
func (r *Ranked) Position(householdID int64) (cand *matching.Candidate, ex *matching.Excluded, ok bool) {
	i, found := searchID(r.Households, householdID)
	if !found {
		return nil, nil, false
	}
	for j := range r.Result.Excluded {
		if int(r.Result.Excluded[j].Index) == i {
			return nil, &r.Result.Excluded[j], true
		}
	}
	for j := range r.Result.Candidates {
		if int(r.Result.Candidates[j].Index) == i {
			return &r.Result.Candidates[j], nil, true
		}
	}
	return nil, nil, false
}

// searchID finds a household by id in the candidates (ordered by id).
func searchID(hs []matching.Household, id int64) (int, bool) {
	lo, hi := 0, len(hs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if hs[m].ID < id {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo, lo < len(hs) && hs[lo].ID == id
}

// ExcludedAfter returns the position in Result.Excluded of the first excluded household
// with an id above afterID (Excluded is in id order).
func (r *Ranked) ExcludedAfter(afterID int64) int {
	ex := r.Result.Excluded
	lo, hi := 0, len(ex)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if r.Households[ex[m].Index].ID <= afterID {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// CandidatesAfter returns the position in Result.Candidates of the first candidate that
// ranks after the candidate with the given score, lottery number and household id (the
// ranking's order), so that a page continues where the last one ended even when the
// ranking changed meanwhile.
func (r *Ranked) CandidatesAfter(score matching.Points, lottery uint64, id int64) int {
	cs := r.Result.Candidates
	lo, hi := 0, len(cs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		h := &r.Households[cs[m].Index]
		c := cs[m]
		after := c.Score < score || c.Score == score && (h.Lottery > lottery || h.Lottery == lottery && h.ID > id)
		if after {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}
