package store

import (
	"context"
	"fmt"

	"wohnbruecke/internal/domain"
)

// CreateHousehold inserts a household with its members and consents in one transaction.
func (s *Store) CreateHousehold(ctx context.Context, h *domain.Household) error {
	now := s.Now()
	h.CreatedAt, h.UpdatedAt = now, now
	err := s.tx(ctx, func(tx *Store) error { return tx.q(ctx).Create(h).Error })
	if uniqueViolationOn(err, "households_reference_key", "households.reference") {
		return domain.Conflict("Diese Haushaltskennung ist bereits vergeben.")
	}
	if err != nil {
		return fmt.Errorf("store: create household: %w", err)
	}
	return nil
}

// HouseholdsForCaseworker lists the households assigned to a caseworker with members.
func (s *Store) HouseholdsForCaseworker(ctx context.Context, caseworkerID int64) ([]domain.Household, error) {
	var hs []domain.Household
	err := s.q(ctx).Preload("Members").Where("caseworker_id = ?", caseworkerID).
		Order("reference").Find(&hs).Error
	if err != nil {
		return nil, fmt.Errorf("store: households for caseworker: %w", err)
	}
	return hs, nil
}
