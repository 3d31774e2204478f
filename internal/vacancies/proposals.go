package vacancies

import (
	"context"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/workflow"
)

// ProposalView is an approved proposal as the landlord sees it: the pseudonymous profile,
// the viewing and the state. It carries nothing else of the household.
type ProposalView struct {
	MatchID         int64
	State           domain.MatchState
	Viewing         *domain.Viewing
	Profile         domain.LandlordProfile
	RejectionReason string
	// CanDecide is true while the landlord can record Zusage or Absage: the match waits
	// for it and the viewing has begun.
	CanDecide bool
	// DecideLater is true while the match waits for the decision but the viewing is still
	// ahead; the decision can be recorded from Viewing.StartsAt on.
	DecideLater bool
}

// Proposals lists the approved proposals for one of the actor's vacancies.
func (s *Service) Proposals(ctx context.Context, a Actor, vacancyID int64) ([]ProposalView, error) {
	v, err := s.Get(ctx, a, vacancyID)
	if err != nil {
		return nil, err
	}
	rows, err := s.store.ProposalsForVacancy(ctx, v.ID)
	if err != nil {
		return nil, err
	}
	now, today := s.store.Now(), s.store.Today()
	out := make([]ProposalView, 0, len(rows))
	for _, r := range rows {
		pv := ProposalView{MatchID: r.Match.ID, State: r.Match.State, Viewing: r.Viewing,
			Profile: domain.ProfileFor(r.Household, r.Viewing, today)}
		if r.Match.State.CanMove(domain.MatchLandlordAccepted) && r.Viewing != nil {
			pv.CanDecide = r.Viewing.Started(now)
			pv.DecideLater = !pv.CanDecide
		}
		if r.Match.RejectionReason != nil {
			pv.RejectionReason = domain.Label(domain.RejectionReasonOptions, *r.Match.RejectionReason)
		}
		out = append(out, pv)
	}
	return out, nil
}

// RecordOutcome records the landlord's Zusage or Absage after a viewing, through the
// workflow (which checks domain.Actor.CanRecordOutcome), for a proposal of one of the
// actor's vacancies; a match of another vacancy is ErrNotFound.
func (s *Service) RecordOutcome(ctx context.Context, a Actor, vacancyID int64, o workflow.Outcome) error {
	v, err := s.Get(ctx, a, vacancyID)
	if err != nil {
		return err
	}
	m, err := s.store.MatchByID(ctx, o.MatchID)
	if err != nil {
		return err
	}
	if m.VacancyID != v.ID {
		return domain.ErrNotFound
	}
	return s.workflow.RecordOutcome(ctx, a, o)
}
