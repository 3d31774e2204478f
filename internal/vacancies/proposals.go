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
	// CanDecide is true while the landlord can still record Zusage or Absage.
	CanDecide bool
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
	today := s.store.Today()
	out := make([]ProposalView, 0, len(rows))
	for _, r := range rows {
		pv := ProposalView{MatchID: r.Match.ID, State: r.Match.State, Viewing: r.Viewing,
			Profile: domain.ProfileFor(r.Household, r.Viewing, today), CanDecide: r.Match.State.CanMove(domain.MatchLandlordAccepted)}
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
