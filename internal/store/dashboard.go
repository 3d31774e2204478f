package store

import (
	"context"
	"fmt"

	"wohnbruecke/internal/domain"
)

// countByColumn counts the rows of a model per value of a column, optionally filtered.
func (s *Store) countByColumn(ctx context.Context, model any, column string, where string, args ...any) (map[string]int64, error) {
	type row struct {
		Key string
		N   int64
	}
	var rows []row
	q := s.q(ctx).Model(model).Select(column + " AS key, COUNT(*) AS n").Group(column)
	if where != "" {
		q = q.Where(where, args...)
	}
	if err := q.Scan(&rows).Error; err != nil {
		return nil, err
	}
	out := make(map[string]int64, len(rows))
	for _, r := range rows {
		out[r.Key] = r.N
	}
	return out, nil
}

// VacancyCounts counts vacancies per status; landlordID 0 counts all landlords.
func (s *Store) VacancyCounts(ctx context.Context, landlordID int64) (map[string]int64, error) {
	where, args := "", []any(nil)
	if landlordID != 0 {
		where, args = "landlord_id = ?", []any{landlordID}
	}
	counts, err := s.countByColumn(ctx, &domain.Vacancy{}, "status", where, args...)
	if err != nil {
		return nil, fmt.Errorf("store: vacancy counts: %w", err)
	}
	return counts, nil
}

// HouseholdCounts counts households per status.
func (s *Store) HouseholdCounts(ctx context.Context) (map[string]int64, error) {
	counts, err := s.countByColumn(ctx, &domain.Household{}, "status", "")
	if err != nil {
		return nil, fmt.Errorf("store: household counts: %w", err)
	}
	return counts, nil
}

// MatchCounts counts matches per state.
func (s *Store) MatchCounts(ctx context.Context) (map[string]int64, error) {
	counts, err := s.countByColumn(ctx, &domain.Match{}, "state", "")
	if err != nil {
		return nil, fmt.Errorf("store: match counts: %w", err)
	}
	return counts, nil
}

// ListUsers lists all accounts ordered by role and name.
func (s *Store) ListUsers(ctx context.Context) ([]domain.User, error) {
	var users []domain.User
	if err := s.q(ctx).Order("role, name").Find(&users).Error; err != nil {
		return nil, fmt.Errorf("store: list users: %w", err)
	}
	return users, nil
}
