package store

import (
	"context"
	"fmt"

	"wohnbruecke/internal/domain"
)

// MatchFilter narrows the match list of the API. Zero values do not filter.
type MatchFilter struct {
	States       []domain.MatchState
	VacancyID    int64
	HouseholdID  int64
	LandlordID   int64 // only matches for this landlord's vacancies
	CaseworkerID int64 // only matches of households assigned to this caseworker
	AfterID      int64 // keyset paging: matches with a larger id, in id order
	Limit        int
}

// ListMatches returns matches in id order after f.AfterID.
func (s *Store) ListMatches(ctx context.Context, f MatchFilter) ([]MatchRow, error) {
	q := s.matchRows(ctx).Where("matches.id > ?", f.AfterID)
	if len(f.States) > 0 {
		q = q.Where("matches.state IN ?", f.States)
	}
	if f.VacancyID != 0 {
		q = q.Where("matches.vacancy_id = ?", f.VacancyID)
	}
	if f.HouseholdID != 0 {
		q = q.Where("matches.household_id = ?", f.HouseholdID)
	}
	if f.LandlordID != 0 {
		q = q.Where("vacancies.landlord_id = ?", f.LandlordID)
	}
	if f.CaseworkerID != 0 {
		q = q.Where("households.caseworker_id = ?", f.CaseworkerID)
	}
	if f.Limit <= 0 || f.Limit > 200 {
		f.Limit = 50
	}
	var rows []MatchRow
	if err := q.Order("matches.id").Limit(f.Limit).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: list matches: %w", err)
	}
	return rows, nil
}
