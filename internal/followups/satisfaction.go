package followups

import (
	"context"
	"fmt"

	"wohnbruecke/internal/auth"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// SatisfactionPage is what the landlord's login-free page shows: the questions' context,
// nothing the design keeps from landlords.
type SatisfactionPage struct {
	Check   *domain.SatisfactionCheck
	Context *store.SatisfactionContext
}

// OpenSatisfaction returns the check behind a link; an unknown, used or expired link is
// ErrNotFound (one answer for all three, so a link reveals nothing).
func (s *Service) OpenSatisfaction(ctx context.Context, rawToken string) (*SatisfactionPage, error) {
	if rawToken == "" {
		return nil, fmt.Errorf("followups: satisfaction: %w", domain.ErrNotFound)
	}
	c, err := s.store.OpenSatisfactionCheck(ctx, auth.HashToken(rawToken))
	if err != nil {
		return nil, err
	}
	sc, err := s.store.SatisfactionContextOf(ctx, c.TenancyID)
	if err != nil {
		return nil, err
	}
	return &SatisfactionPage{Check: c, Context: sc}, nil
}

// AnswerSatisfaction stores the landlord's answer through the link, exactly once; bad input
// is a validation error with German messages, a used or expired link ErrNotFound.
func (s *Service) AnswerSatisfaction(ctx context.Context, rawToken string, ans domain.SatisfactionAnswer) error {
	page, err := s.OpenSatisfaction(ctx, rawToken)
	if err != nil {
		return err
	}
	if err := ans.Check(); err != nil {
		return err
	}
	return s.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.AnswerSatisfactionCheck(ctx, page.Check.ID, ans); err != nil {
			return err
		}
		landlord := domain.Actor{Label: page.Context.LandlordName + " (Vermieter*in, über den Link)"}
		return tx.Audit(ctx, landlord.Audit("satisfaction.answer", "tenancy", page.Check.TenancyID,
			fmt.Sprintf("nach %d Monaten", page.Check.Months)))
	})
}
