package ranking

import (
	"context"
	"fmt"

	"wohnbruecke/internal/domain"
	"wohnbruecke/matching"
)

// Simulation is the policy simulator's answer: the last published flats ranked today under
// the policy in force (Before) and under a draft weight set (After), and how many of the
// top places of all those flats go to each focus group under either.
type Simulation struct {
	Current, Draft matching.Policy
	Top            int
	Vacancies      []SimulatedVacancy
	// SharesBefore and SharesAfter count the top places per focus group code.
	SharesBefore, SharesAfter map[string]int
	Places                    int // top places in all (the denominator of the shares)
}

// SimulatedVacancy is one flat's top candidates before and after.
type SimulatedVacancy struct {
	Vacancy       domain.Vacancy
	Before, After []SimulatedCandidate
}

// SimulatedCandidate is one ranked household.
type SimulatedCandidate struct {
	HouseholdID int64
	Reference   string
	FocusGroup  domain.FocusGroup
	Rank        int32
	Score       float64
}

// Simulate ranks the n flats published last with the policy in force and with the draft
// weights w (the limits stay), keeping the best top candidates of each; nothing is saved.
// Weights that SaveWeights would refuse are refused the same way. Admins only, like saving.
func (s *Service) Simulate(ctx context.Context, a domain.Actor, w matching.Weights, n, top int) (*Simulation, error) {
	if !a.CanChangePolicy() {
		return nil, fmt.Errorf("ranking: simulate: %w", domain.ErrForbidden)
	}
	cur, cands, err := s.inputs(ctx)
	if err != nil {
		return nil, err
	}
	draft := matching.Policy{Version: cur.Version + 1, Weights: w, Limits: cur.Limits}
	if err := draft.Validate(); err != nil {
		return nil, policyError(err)
	}
	vs, err := s.store.RecentlyPublished(ctx, n)
	if err != nil {
		return nil, err
	}
	today := matching.Date(s.store.Today())
	sim := &Simulation{Current: cur, Draft: draft, Top: top, SharesBefore: map[string]int{}, SharesAfter: map[string]int{}}
	for _, v := range vs {
		sv := SimulatedVacancy{Vacancy: v}
		for _, side := range []struct {
			p      matching.Policy
			out    *[]SimulatedCandidate
			shares map[string]int
		}{{cur, &sv.Before, sim.SharesBefore}, {draft, &sv.After, sim.SharesAfter}} {
			res, err := matching.Rank(VacancyOf(&v), cands.households, side.p, today, matching.Options{Limit: top})
			if err != nil {
				return nil, fmt.Errorf("ranking: simulate vacancy %d: %w", v.ID, err)
			}
			for _, c := range res.Candidates {
				row := cands.rows[c.Index]
				*side.out = append(*side.out, SimulatedCandidate{HouseholdID: row.ID, Reference: row.Reference,
					FocusGroup: domain.FocusGroup(row.FocusGroup), Rank: c.Rank, Score: c.Score.Float64()})
				side.shares[row.FocusGroup]++
			}
		}
		sim.Places += len(sv.Before)
		sim.Vacancies = append(sim.Vacancies, sv)
	}
	return sim, nil
}
