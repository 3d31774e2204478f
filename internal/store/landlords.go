package store

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"wohnbruecke/internal/domain"
)

// CreateLandlord inserts a landlord.
func (s *Store) CreateLandlord(ctx context.Context, l *domain.Landlord) error {
	now := s.Now()
	l.CreatedAt, l.UpdatedAt = now, now
	if err := s.q(ctx).Create(l).Error; err != nil {
		return fmt.Errorf("store: create landlord: %w", err)
	}
	return nil
}

// LandlordByID finds a landlord.
func (s *Store) LandlordByID(ctx context.Context, id int64) (*domain.Landlord, error) {
	var l domain.Landlord
	if err := s.q(ctx).Take(&l, id).Error; err != nil {
		return nil, notFound("landlord by id", err)
	}
	return &l, nil
}

// CreateAgreement inserts a cooperation agreement.
func (s *Store) CreateAgreement(ctx context.Context, a *domain.CooperationAgreement) error {
	now := s.Now()
	a.CreatedAt, a.UpdatedAt = now, now
	if err := s.q(ctx).Create(a).Error; err != nil {
		if isUniqueViolation(err) {
			return domain.Conflict("Für diese Version gibt es bereits eine Vereinbarung.")
		}
		return fmt.Errorf("store: create agreement: %w", err)
	}
	return nil
}

// CurrentAgreement returns the landlord's newest agreement, or nil when there is none.
func (s *Store) CurrentAgreement(ctx context.Context, landlordID int64) (*domain.CooperationAgreement, error) {
	var a domain.CooperationAgreement
	err := s.q(ctx).Where("landlord_id = ?", landlordID).Order("created_at DESC, id DESC").Take(&a).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: current agreement: %w", err)
	}
	return &a, nil
}
