package store

import (
	"context"
	"fmt"
	"time"

	"wohnbruecke/internal/domain"
)

// AccommodatedHousehold is a Fachstelle household placed in accommodation (BAG W A2) on a
// reference day, with its members, for the statutory counts.
type AccommodatedHousehold struct {
	ID                    int64
	Reference             string
	Nationality           string
	AccommodationKind     domain.AccommodationKind
	AccommodationProvider domain.AccommodationProvider
	AccommodatedSince     domain.Date
	Members               []domain.HouseholdMember `gorm:"-"`
}

// AccommodatedOn lists the households recorded as accommodated homeless (Fachstelle case,
// category A2) that were in the pool on day: registered by then and not closed or versorgt
// before it. The count reads today's records: a household's category as recorded now.
func (s *Store) AccommodatedOn(ctx context.Context, day domain.Date) ([]AccommodatedHousehold, error) {
	var out []AccommodatedHousehold
	err := s.q(ctx).Model(&domain.Household{}).
		Select("id, reference, nationality, accommodation_kind, accommodation_provider, accommodated_since").
		Where("fachstelle_case AND emergency_category = ? AND registered_on <= ? AND (left_on IS NULL OR left_on > ?)",
			domain.EmergencySheltered, day, day).
		Where("accommodated_since IS NULL OR accommodated_since <= ?", day).
		Order("reference").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: accommodated on %s: %w", day, err)
	}
	if len(out) == 0 {
		return out, nil
	}
	ids := make([]int64, len(out))
	at := map[int64]int{}
	for i, h := range out {
		ids[i], at[h.ID] = h.ID, i
	}
	var members []domain.HouseholdMember
	if err := s.q(ctx).Where("household_id IN ?", ids).Order("household_id, position, id").Find(&members).Error; err != nil {
		return nil, fmt.Errorf("store: accommodated members: %w", err)
	}
	for _, m := range members {
		out[at[m.HouseholdID]].Members = append(out[at[m.HouseholdID]].Members, m)
	}
	return out, nil
}

// ProjectYearRow counts Fachstelle households of one focus group for the yearly project
// report of „Endlich ein ZUHAUSE!“.
type ProjectYearRow struct {
	FocusGroup string
	TakenOn    int
	Placed     int
}

// ProjectYear counts, per focus group, the Fachstelle households registered in [from, to)
// and those whose lease was signed in it.
func (s *Store) ProjectYear(ctx context.Context, from, to domain.Date) ([]ProjectYearRow, error) {
	var taken, placed []struct {
		FocusGroup string
		N          int
	}
	err := s.q(ctx).Model(&domain.Household{}).Select("focus_group, COUNT(*) AS n").
		Where("fachstelle_case AND registered_on >= ? AND registered_on < ?", from, to).
		Group("focus_group").Scan(&taken).Error
	if err != nil {
		return nil, fmt.Errorf("store: project year taken on: %w", err)
	}
	err = s.q(ctx).Table("matches").Select("households.focus_group, COUNT(DISTINCT households.id) AS n").
		Joins("JOIN households ON households.id = matches.household_id").
		Where("households.fachstelle_case AND matches.state = ? AND matches.state_changed_at >= ? AND matches.state_changed_at < ?",
			domain.MatchLeaseSigned, from.Midnight().UTC(), to.Midnight().UTC()).
		Group("households.focus_group").Scan(&placed).Error
	if err != nil {
		return nil, fmt.Errorf("store: project year placed: %w", err)
	}
	rows := map[string]*ProjectYearRow{}
	for _, f := range domain.FocusGroups.Codes() {
		rows[f] = &ProjectYearRow{FocusGroup: f}
	}
	for _, t := range taken {
		if r := rows[t.FocusGroup]; r != nil {
			r.TakenOn = t.N
		}
	}
	for _, p := range placed {
		if r := rows[p.FocusGroup]; r != nil {
			r.Placed = p.N
		}
	}
	out := make([]ProjectYearRow, 0, len(rows))
	for _, f := range domain.FocusGroups.Codes() {
		out = append(out, *rows[f])
	}
	return out, nil
}

// SeniorWGPlacesCreated sums the places of Senioren-WGs marked as newly created that were
// published in [from, to) (and are published or let).
func (s *Store) SeniorWGPlacesCreated(ctx context.Context, from, to time.Time) (int, error) {
	var n int
	err := s.q(ctx).Model(&domain.Vacancy{}).Select("COALESCE(SUM(places), 0)").
		Where("senior_wg_new AND restriction = ? AND status IN ? AND published_at >= ? AND published_at < ?",
			domain.RestrictionSeniorWG, []domain.VacancyStatus{domain.VacancyPublished, domain.VacancyLet}, from.UTC(), to.UTC()).
		Scan(&n).Error
	if err != nil {
		return 0, fmt.Errorf("store: senior wg places: %w", err)
	}
	return n, nil
}
