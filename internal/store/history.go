package store

import (
	"context"
	"fmt"
	"time"

	"wohnbruecke/internal/domain"
)

// CreatePastMatch inserts a match that was created at the given time and reached its state
// at m.StateChangedAt, both before now: the demo's year of history. Unlike CreateMatch it
// keeps the times it is given.
func (s *Store) CreatePastMatch(ctx context.Context, m *domain.Match, createdAt time.Time) error {
	if m.StateChangedAt.After(s.Now()) || createdAt.After(m.StateChangedAt) {
		return fmt.Errorf("store: create past match: created %v, changed %v, now %v", createdAt, m.StateChangedAt, s.Now())
	}
	m.CreatedAt, m.UpdatedAt = createdAt, m.StateChangedAt
	if err := s.q(ctx).Create(m).Error; err != nil {
		return fmt.Errorf("store: create past match: %w", err)
	}
	return nil
}
