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

// VacancyListRow is one line of the staff's vacancy list.
type VacancyListRow struct {
	domain.Vacancy
	LandlordName string
	OpenMatches  int
}

// ListVacanciesByStatus lists vacancies in the given states with their landlord's name and
// the number of open matches, oldest submission first.
func (s *Store) ListVacanciesByStatus(ctx context.Context, statuses ...string) ([]VacancyListRow, error) {
	var rows []VacancyListRow
	open := domain.OpenMatchStates
	err := s.q(ctx).Table("vacancies").
		Select("vacancies.*, landlords.name AS landlord_name, "+
			"(SELECT COUNT(*) FROM matches m WHERE m.vacancy_id = vacancies.id AND m.state IN ?) AS open_matches", open).
		Joins("JOIN landlords ON landlords.id = vacancies.landlord_id").
		Where("vacancies.status IN ?", statuses).Order("vacancies.submitted_at, vacancies.id").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: list vacancies: %w", err)
	}
	return rows, nil
}
