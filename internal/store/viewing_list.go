package store

import (
	"context"
	"fmt"

	"wohnbruecke/internal/domain"
)

// ViewingFilter narrows the list of viewings (GET /api/v1/viewings). Zero fields do not
// filter; LandlordID and CaseworkerID are set by the service from the caller's role.
type ViewingFilter struct {
	VacancyID    int64
	SlotID       int64
	Day          domain.Date // viewings that begin on this day in Hagen
	States       []domain.ViewingState
	LandlordID   int64 // only viewings for this landlord's vacancies
	CaseworkerID int64 // only viewings of households assigned to this caseworker
	AfterID      int64 // keyset paging: viewings with a larger id, in id order
	Limit        int
}

// ViewingRow is a viewing with what a list shows of its match.
type ViewingRow struct {
	domain.Viewing
	VacancyID          int64
	HouseholdID        int64
	HouseholdReference string
	MatchState         domain.MatchState
}

// ListViewings returns viewings in id order after f.AfterID, at most f.Limit (1–200,
// default 50).
func (s *Store) ListViewings(ctx context.Context, f ViewingFilter) ([]ViewingRow, error) {
	q := s.q(ctx).Table("viewings").
		Select("viewings.*, matches.vacancy_id, matches.household_id, matches.state AS match_state, households.reference AS household_reference").
		Joins("JOIN matches ON matches.id = viewings.match_id").
		Joins("JOIN vacancies ON vacancies.id = matches.vacancy_id").
		Joins("JOIN households ON households.id = matches.household_id").
		Where("viewings.id > ?", f.AfterID)
	if f.VacancyID != 0 {
		q = q.Where("matches.vacancy_id = ?", f.VacancyID)
	}
	if f.SlotID != 0 {
		q = q.Where("viewings.slot_id = ?", f.SlotID)
	}
	if !f.Day.IsZero() {
		from, to := f.Day.Midnight().UTC(), f.Day.AddDays(1).Midnight().UTC()
		if s.dialect == "sqlite" {
			// SQLite keeps times as text with the offset they were written with (slots in
			// Hagen time): compare instants, not strings.
			q = q.Where("julianday(viewings.starts_at) >= julianday(?) AND julianday(viewings.starts_at) < julianday(?)", from, to)
		} else {
			q = q.Where("viewings.starts_at >= ? AND viewings.starts_at < ?", from, to)
		}
	}
	if len(f.States) > 0 {
		q = q.Where("viewings.state IN ?", f.States)
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
	var rows []ViewingRow
	if err := q.Order("viewings.id").Limit(f.Limit).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("store: list viewings: %w", err)
	}
	return rows, nil
}
