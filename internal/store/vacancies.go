package store

import (
	"context"
	"fmt"

	"wohnbruecke/internal/domain"
)

// CreateVacancy inserts a vacancy with its viewing slots in one transaction.
func (s *Store) CreateVacancy(ctx context.Context, v *domain.Vacancy) error {
	now := s.Now()
	v.CreatedAt, v.UpdatedAt = now, now
	for i := range v.Slots {
		v.Slots[i].CreatedAt = now
	}
	err := s.tx(ctx, func(tx *Store) error { return tx.q(ctx).Create(v).Error })
	if err != nil {
		return fmt.Errorf("store: create vacancy: %w", err)
	}
	return nil
}
