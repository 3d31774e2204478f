package store

import (
	"context"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"wohnbruecke/internal/domain"
)

// CandidateRow is what the ranking needs of a household, loaded for many households at
// once. It carries no contact or health data.
type CandidateRow struct {
	ID                  int64
	Reference           string
	LotteryNumber       int64
	Status              domain.HouseholdStatus
	PausedUntil         domain.Date
	CertificatePassedOn domain.Date
	CertificateUntil    domain.Date // last valid day; ranking.certificatesOn drops it after
	AccompanimentFrom   domain.Date
	AccompanimentUntil  domain.Date
	FachstelleCase      bool
	Urgency             *int
	FocusGroup          string
	Benefit             string
	WBSValidUntil       domain.Date `gorm:"column:wbs_valid_until"`
	WBSPersons          *int        `gorm:"column:wbs_persons"`
	NeedsWheelchair     bool
	NeedsStepFree       bool
	HasPets             bool
	PreferredBoroughs   domain.BoroughList
	ExcludedBoroughs    domain.BoroughList
	EarliestMoveIn      domain.Date
	RegisteredOn        domain.Date
	Language            string

	// Filled from other tables.
	Persons              int     `gorm:"-"`
	Children             int     `gorm:"-"`
	AllFemale            bool    `gorm:"-"`
	ActiveMatchVacancyID int64   `gorm:"-"`
	Declined             []int64 `gorm:"-"`
}

const candidateColumns = "id, reference, lottery_number, status, paused_until, certificate_passed_on, certificate_until, " +
	"accompaniment_from, accompaniment_until, fachstelle_case, urgency, focus_group, benefit, wbs_valid_until, " +
	"wbs_persons, needs_wheelchair, needs_step_free, has_pets, preferred_boroughs, excluded_boroughs, " +
	"earliest_move_in, registered_on, language"

// CandidateRows loads every household that can be ranked (active or paused) with member
// counts, active matches and earlier declines in four queries, whatever their number.
func (s *Store) CandidateRows(ctx context.Context) ([]CandidateRow, error) {
	var rows []CandidateRow
	err := s.q(ctx).Model(&domain.Household{}).
		Select("id, reference, lottery_number, status, paused_until, certificate_passed_on, certificate_until, accompaniment_from, "+
			"accompaniment_until, fachstelle_case, urgency, focus_group, benefit, wbs_valid_until, wbs_persons, "+
			"needs_wheelchair, needs_step_free, has_pets, preferred_boroughs, excluded_boroughs, earliest_move_in, "+
			"registered_on, language").
		Where("status IN ?", domain.RankedHouseholdStatuses).Order("id").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: candidate rows: %w", err)
	}
	if err := s.fillCandidateDetails(ctx, rows); err != nil {
		return nil, err
	}
	return rows, nil
}

func (s *Store) fillCandidateDetails(ctx context.Context, rows []CandidateRow) error {
	byID := make(map[int64]*CandidateRow, len(rows))
	for i := range rows {
		byID[rows[i].ID] = &rows[i]
	}
	year := s.Today().Year()
	var members []struct {
		HouseholdID int64
		Persons     int
		NotFemale   int
		Children    int
	}
	// A few households are filtered by id; for all of them a full scan is cheaper.
	filter := func(q *gorm.DB) *gorm.DB {
		if len(rows) <= 500 {
			ids := make([]int64, len(rows))
			for i := range rows {
				ids[i] = rows[i].ID
			}
			return q.Where("household_id IN ?", ids)
		}
		return q
	}
	err := filter(s.q(ctx).Model(&domain.HouseholdMember{})).
		Select("household_id, COUNT(*) AS persons, SUM(CASE WHEN sex <> 'f' THEN 1 ELSE 0 END) AS not_female, "+
			"SUM(CASE WHEN birth_year > ? THEN 1 ELSE 0 END) AS children", year-18).
		Group("household_id").Scan(&members).Error
	if err != nil {
		return fmt.Errorf("store: candidate members: %w", err)
	}
	for _, m := range members {
		if r := byID[m.HouseholdID]; r != nil {
			r.Persons, r.AllFemale, r.Children = m.Persons, m.NotFemale == 0, m.Children
		}
	}
	var matches []struct {
		HouseholdID int64
		VacancyID   int64
		State       domain.MatchState
	}
	declined := domain.DeclinedMatchStates
	err = filter(s.q(ctx).Model(&domain.Match{})).Select("household_id, vacancy_id, state").
		Where("state IN ?", append(declined, domain.ActiveMatchStates...)).
		Order("id").Scan(&matches).Error
	if err != nil {
		return fmt.Errorf("store: candidate matches: %w", err)
	}
	for _, m := range matches {
		r := byID[m.HouseholdID]
		if r == nil {
			continue
		}
		if slices.Contains(declined, m.State) {
			r.Declined = append(r.Declined, m.VacancyID)
		} else {
			r.ActiveMatchVacancyID = m.VacancyID
		}
	}
	return nil
}

// PublishedVacancies lists all published vacancies with their viewing slots (for the
// allocation across vacancies, which offers each pair the free slots of its flat).
func (s *Store) PublishedVacancies(ctx context.Context) ([]domain.Vacancy, error) {
	var vs []domain.Vacancy
	err := s.q(ctx).Preload("Slots", func(db *gormDB) *gormDB { return db.Order("starts_at, id") }).
		Where("status = ?", domain.VacancyPublished).Order("id").Find(&vs).Error
	if err != nil {
		return nil, fmt.Errorf("store: published vacancies: %w", err)
	}
	return vs, nil
}

// VacancyByID finds a vacancy with its viewing slots.
func (s *Store) VacancyByID(ctx context.Context, id int64) (*domain.Vacancy, error) {
	var v domain.Vacancy
	if err := s.q(ctx).Preload("Slots", func(db *gormDB) *gormDB { return db.Order("starts_at") }).Take(&v, id).Error; err != nil {
		return nil, notFound("vacancy by id", err)
	}
	return &v, nil
}
