// Package ranking connects the pure matching engine to the database: it loads vacancies and
// households through the store, maps them into matching's compact types, applies the
// current policy and returns results that the portal and the API present.
package ranking

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/matching"
)

// LimitsSettingKey is the setting holding the KdU caps and area figures (matching.Limits).
const LimitsSettingKey = "matching.limits"

// Service ranks households for vacancies.
type Service struct {
	store   *store.Store
	cache   *candidateCache
	observe func(op string, d time.Duration)
	allocs  *allocationCache // issue 16: the last allocation, by its inputs
}

// Option configures the service.
type Option func(*Service)

// WithTimings makes the service report the duration of every ranking ("ranking") and
// allocation ("allocation"), for the metrics.
func WithTimings(observe func(op string, d time.Duration)) Option {
	return func(s *Service) { s.observe = observe }
}

// New returns the ranking service.
func New(st *store.Store, opts ...Option) *Service {
	s := &Service{store: st, cache: &candidateCache{}, allocs: &allocationCache{}}
	for _, o := range opts {
		o(s)
	}
	return s
}

// timed starts measuring op; call the result when it is done.
func (s *Service) timed(op string) func() {
	if s.observe == nil {
		return func() {}
	}
	elapsed := clock.Stopwatch()
	return func() { s.observe(op, elapsed()) }
}

// Policy returns the policy in force: the newest stored weights (version 1 with the Hagen
// defaults when none is stored) and the configured limits (Hagen defaults when unset).
func (s *Service) Policy(ctx context.Context) (matching.Policy, error) {
	p := matching.DefaultHagenPolicy()
	stored, err := s.store.CurrentPolicy(ctx)
	if err != nil {
		return p, err
	}
	if stored != nil {
		// Weights a stored version does not name (added after it) are 0 in that version.
		p.Version, p.Weights = stored.Version, matching.Weights{}
		if err := json.Unmarshal([]byte(stored.WeightsJSON), &p.Weights); err != nil {
			return p, fmt.Errorf("ranking: policy %d: %w", stored.Version, err)
		}
	}
	raw, found, err := s.store.Setting(ctx, LimitsSettingKey)
	if err != nil {
		return p, err
	}
	if found {
		if err := json.Unmarshal([]byte(raw), &p.Limits); err != nil {
			return p, fmt.Errorf("ranking: limits: %w", err)
		}
	}
	return p, nil
}

// inputs returns the policy in force and the current candidates.
func (s *Service) inputs(ctx context.Context) (matching.Policy, *candidates, error) {
	st, err := s.current(ctx)
	if err != nil {
		return matching.Policy{}, nil, err
	}
	return st.policy, st.cands, nil
}

// VacancyRanking is the ranking of one vacancy with the rows behind it, so that pages can
// show references and sizes without another query.
type VacancyRanking struct {
	Vacancy    *domain.Vacancy
	Policy     matching.Policy
	Today      domain.Date
	Result     matching.Result
	Rows       []store.CandidateRow // indexed by Candidate.Index / Excluded.Index
	Households []matching.Household // the engine's input, indexed like Rows
	Input      matching.Vacancy     // the engine's view of the vacancy
}

// Explainer returns an explainer for the candidates' score breakdowns:
// cand.Breakdown(r.Explainer(), r.Households). Make it once per ranking and reuse it.
func (r *VacancyRanking) Explainer() *matching.Explainer {
	return matching.NewExplainer(r.Input, r.Policy, matching.Date(r.Today))
}

// Explain returns the German reasons of an excluded household.
func (r *VacancyRanking) Explain(e matching.Excluded) []matching.Reason {
	return e.Reasons.Explain(r.Input, r.Households[e.Index], r.Policy, matching.Date(r.Today))
}

// RankVacancy ranks all rankable households for a vacancy; limit 0 returns all candidates.
func (s *Service) RankVacancy(ctx context.Context, vacancyID int64, limit int) (*VacancyRanking, error) {
	defer s.timed("ranking")()
	v, err := s.store.VacancyByID(ctx, vacancyID)
	if err != nil {
		return nil, err
	}
	p, cands, err := s.inputs(ctx)
	if err != nil {
		return nil, err
	}
	today := s.store.Today()
	rows, hs := cands.rows, cands.households
	hs = certificatesOn(rows, hs, certificateDay(v, today))
	in := VacancyOf(v)
	res, err := matching.Rank(in, hs, p, matching.Date(today), matching.Options{Limit: limit})
	if err != nil {
		return nil, fmt.Errorf("ranking: vacancy %d: %w", vacancyID, err)
	}
	return &VacancyRanking{Vacancy: v, Policy: p, Today: today, Result: res, Rows: rows, Households: hs, Input: in}, nil
}

// AllocationProposal is the optimal allocation across all published vacancies.
type AllocationProposal struct {
	Policy     matching.Policy
	Today      domain.Date
	Allocation matching.Allocation
	Vacancies  map[int64]*domain.Vacancy
	Rows       map[int64]*store.CandidateRow
}

// Allocate computes the allocation proposal across all published vacancies. Households that
// already hold an active match (any of domain.ActiveMatchStates, a Zusage included) are left
// out: the ranking of their own flat still lists them, but proposing them again, for that
// flat or another, would only end in a refused approval.
func (s *Service) Allocate(ctx context.Context) (*AllocationProposal, error) {
	defer s.timed("allocation")()
	vs, err := s.store.PublishedVacancies(ctx)
	if err != nil {
		return nil, err
	}
	p, cands, err := s.inputs(ctx)
	if err != nil {
		return nil, err
	}
	today := s.store.Today()
	rows, hs := withoutActiveMatch(cands.rows, cands.households)
	// One household set for all flats: certificates count when valid today.
	hs = certificatesOn(rows, hs, today)
	in := make([]matching.Vacancy, len(vs))
	out := &AllocationProposal{Policy: p, Today: today, Vacancies: make(map[int64]*domain.Vacancy, len(vs)),
		Rows: make(map[int64]*store.CandidateRow, len(rows))}
	for i := range vs {
		in[i] = VacancyOf(&vs[i])
		out.Vacancies[vs[i].ID] = &vs[i]
	}
	for i := range rows {
		out.Rows[rows[i].ID] = &rows[i]
	}
	out.Allocation, err = s.allocs.allocate(cands, hs, in, p, today)
	if err != nil {
		return nil, fmt.Errorf("ranking: allocation: %w", err)
	}
	return out, nil
}

// withoutActiveMatch returns the rows and engine households of the candidates that hold no
// active match. The cached slices are shared, so the result is a new pair of slices.
func withoutActiveMatch(rows []store.CandidateRow, hs []matching.Household) ([]store.CandidateRow, []matching.Household) {
	outRows := make([]store.CandidateRow, 0, len(rows))
	outHs := make([]matching.Household, 0, len(hs))
	for i := range rows {
		if rows[i].ActiveMatchVacancyID == 0 {
			outRows, outHs = append(outRows, rows[i]), append(outHs, hs[i])
		}
	}
	return outRows, outHs
}
