package store

import (
	"context"
	"fmt"
	"time"

	"wohnbruecke/internal/domain"
)

// jobBatch bounds how many records one run of a periodic job handles.
const jobBatch = 200

// DueReminders lists pending viewings that start before horizon and got no reminder yet.
func (s *Store) DueReminders(ctx context.Context, horizon time.Time) ([]domain.Viewing, error) {
	var out []domain.Viewing
	err := s.q(ctx).Where("state IN ? AND reminded_at IS NULL AND starts_at > ? AND starts_at <= ?",
		domain.PendingViewingStates, s.Now(), horizon).Order("starts_at").Limit(jobBatch).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: due reminders: %w", err)
	}
	return out, nil
}

// MarkReminded records the reminder of a viewing; false when another instance was first.
func (s *Store) MarkReminded(ctx context.Context, viewingID int64) (bool, error) {
	res := s.q(ctx).Model(&domain.Viewing{}).Where("id = ? AND reminded_at IS NULL", viewingID).
		Update("reminded_at", s.Now())
	if res.Error != nil {
		return false, fmt.Errorf("store: mark reminded: %w", res.Error)
	}
	return res.RowsAffected == 1, nil
}

// StalledMatches lists open matches whose state has not changed since before and that were
// not reminded about yet.
func (s *Store) StalledMatches(ctx context.Context, before time.Time) ([]domain.Match, error) {
	var out []domain.Match
	err := s.q(ctx).Where("state IN ? AND state_changed_at < ? AND stall_reminded_at IS NULL", domain.OpenMatchStates, before).
		Order("state_changed_at").Limit(jobBatch).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: stalled matches: %w", err)
	}
	return out, nil
}

// MarkStallReminded records the stall reminder of a match; false when another instance was first.
func (s *Store) MarkStallReminded(ctx context.Context, matchID int64) (bool, error) {
	res := s.q(ctx).Model(&domain.Match{}).Where("id = ? AND stall_reminded_at IS NULL", matchID).
		Update("stall_reminded_at", s.Now())
	if res.Error != nil {
		return false, fmt.Errorf("store: mark stall reminded: %w", res.Error)
	}
	return res.RowsAffected == 1, nil
}

// EndedConfirmedViewings lists confirmed viewings that are over while their match still
// waits in viewing_confirmed.
func (s *Store) EndedConfirmedViewings(ctx context.Context) ([]domain.Viewing, error) {
	var out []domain.Viewing
	err := s.q(ctx).Table("viewings").Select("viewings.*").
		Joins("JOIN matches ON matches.id = viewings.match_id").
		Where("viewings.state = ? AND viewings.ends_at < ? AND matches.state IN ?", domain.ViewingConfirmed, s.Now(),
			domain.MatchTransitions.From(domain.MatchViewed)).
		Order("viewings.ends_at").Limit(jobBatch).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: ended viewings: %w", err)
	}
	return out, nil
}
