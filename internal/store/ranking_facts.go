package store

import (
	"context"
	"fmt"

	"wohnbruecke/internal/domain"
)

// HouseholdsWithEmail returns which of the households have an email address (the others get
// their invitation printed). It reads no address.
func (s *Store) HouseholdsWithEmail(ctx context.Context, ids []int64) (map[int64]bool, error) {
	out := make(map[int64]bool, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var with []int64
	err := s.q(ctx).Model(&domain.Household{}).Where("id IN ? AND email IS NOT NULL AND email <> ''", ids).Pluck("id", &with).Error
	if err != nil {
		return nil, fmt.Errorf("store: households with email: %w", err)
	}
	for _, id := range with {
		out[id] = true
	}
	return out, nil
}
