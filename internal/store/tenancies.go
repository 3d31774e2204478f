package store

import (
	"context"
	"fmt"

	"wohnbruecke/internal/domain"
)

// CreateTenancy inserts the tenancy a lease starts. A household has at most one running
// tenancy (partial unique index tenancies_one_active_per_household), a match at most one.
// Call it inside the lease's transaction.
func (s *Store) CreateTenancy(ctx context.Context, t *domain.Tenancy) error {
	now := s.Now()
	t.CreatedAt, t.UpdatedAt = now, now
	err := s.q(ctx).Create(t).Error
	switch {
	case uniqueViolationOn(err, "tenancies_match_key", "tenancies.match_id"):
		return domain.Conflict("Für diesen Mietvertrag ist bereits ein Mietverhältnis eingetragen.")
	case uniqueViolationOn(err, "tenancies_one_active_per_household", "tenancies.household_id"):
		return domain.Conflict("Für diesen Haushalt läuft bereits ein Mietverhältnis.")
	case err != nil:
		return fmt.Errorf("store: create tenancy: %w", err)
	}
	return nil
}

// TenancyByID returns one tenancy.
func (s *Store) TenancyByID(ctx context.Context, id int64) (*domain.Tenancy, error) {
	var t domain.Tenancy
	if err := s.q(ctx).Where("id = ?", id).Take(&t).Error; err != nil {
		return nil, notFound("tenancy by id", err)
	}
	return &t, nil
}

// ActiveTenancyOfHousehold returns the household's running tenancy, or nil when it has none.
func (s *Store) ActiveTenancyOfHousehold(ctx context.Context, householdID int64) (*domain.Tenancy, error) {
	var out []domain.Tenancy
	err := s.q(ctx).Where("household_id = ? AND status = ?", householdID, domain.TenancyActive).
		Limit(1).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: active tenancy: %w", err)
	}
	if len(out) == 0 {
		return nil, nil
	}
	return &out[0], nil
}

// TenancyRow is a tenancy with the names pages show with it: the household's reference,
// the flat's address, the landlord, the companion and the Ansprechperson.
type TenancyRow struct {
	domain.Tenancy
	HouseholdReference string
	Street             string
	PostalCode         string
	District           string
	LandlordName       string
	CompanionName      string
	ContactName        string
}

// Address is the flat's address as pages show it.
func (r *TenancyRow) Address() string { return r.Street + ", " + r.PostalCode + " Hagen" }

// TenancyFilter narrows a tenancy list; zero fields do not filter.
type TenancyFilter struct {
	HouseholdID int64
	LandlordID  int64
	CompanionID int64
	Status      domain.TenancyStatus
	// Overdue keeps running tenancies whose next contact was due before this day.
	Overdue domain.Date
}

// ListTenancies lists tenancies with their names, running ones first, newest start first.
func (s *Store) ListTenancies(ctx context.Context, f TenancyFilter) ([]TenancyRow, error) {
	q := s.q(ctx).Table("tenancies t").
		Select("t.*, h.reference AS household_reference, v.street, v.postal_code, v.district, " +
			"l.name AS landlord_name, COALESCE(cu.name, '') AS companion_name, COALESCE(au.name, '') AS contact_name").
		Joins("JOIN households h ON h.id = t.household_id").
		Joins("JOIN vacancies v ON v.id = t.vacancy_id").
		Joins("JOIN landlords l ON l.id = t.landlord_id").
		Joins("LEFT JOIN users cu ON cu.id = t.companion_id").
		Joins("LEFT JOIN users au ON au.id = t.contact_user_id")
	if f.HouseholdID != 0 {
		q = q.Where("t.household_id = ?", f.HouseholdID)
	}
	if f.LandlordID != 0 {
		q = q.Where("t.landlord_id = ?", f.LandlordID)
	}
	if f.CompanionID != 0 {
		q = q.Where("t.companion_id = ?", f.CompanionID)
	}
	if f.Status != "" {
		q = q.Where("t.status = ?", f.Status)
	}
	if !f.Overdue.IsZero() {
		q = q.Where("t.status = ? AND t.next_visit_due < ?", domain.TenancyActive, f.Overdue)
	}
	var out []TenancyRow
	err := q.Order("CASE WHEN t.status = 'active' THEN 0 ELSE 1 END, t.start_date DESC, t.id DESC").Limit(1000).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: list tenancies: %w", err)
	}
	return out, nil
}

// TenancyRowByID returns one tenancy with its names.
func (s *Store) TenancyRowByID(ctx context.Context, id int64) (*TenancyRow, error) {
	var out []TenancyRow
	err := s.q(ctx).Table("tenancies t").
		Select("t.*, h.reference AS household_reference, v.street, v.postal_code, v.district, "+
			"l.name AS landlord_name, COALESCE(cu.name, '') AS companion_name, COALESCE(au.name, '') AS contact_name").
		Joins("JOIN households h ON h.id = t.household_id").
		Joins("JOIN vacancies v ON v.id = t.vacancy_id").
		Joins("JOIN landlords l ON l.id = t.landlord_id").
		Joins("LEFT JOIN users cu ON cu.id = t.companion_id").
		Joins("LEFT JOIN users au ON au.id = t.contact_user_id").
		Where("t.id = ?", id).Limit(1).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: tenancy row: %w", err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("store: tenancy row %d: %w", id, domain.ErrNotFound)
	}
	return &out[0], nil
}

// EndTenancy ends a running tenancy (guarded by domain.TenancyTransitions: of two
// concurrent ends one wins, the other gets a TransitionError). Call it inside a transaction.
func (s *Store) EndTenancy(ctx context.Context, id int64, end domain.TenancyEnd, stablyHoused bool, by *int64) error {
	err := move(ctx, s, stateChange[domain.TenancyStatus]{table: domain.TenancyTransitions, model: &domain.Tenancy{},
		column: "status", id: id, to: domain.TenancyEnded, updates: map[string]any{
			"end_date": end.EndDate, "end_reason": end.Reason, "end_note": end.Note, "ended_by_id": by,
			"kept_flat": false, "stably_housed": stablyHoused}})
	if err != nil {
		return fmt.Errorf("store: end tenancy %d: %w", id, err)
	}
	return nil
}

// LeasesWithoutTenancy lists the matches in lease_signed that have no tenancy (the demo's
// history, leases recorded before the tenancy phase existed), oldest lease first.
func (s *Store) LeasesWithoutTenancy(ctx context.Context) ([]domain.Match, error) {
	var out []domain.Match
	err := s.q(ctx).Where("state = ? AND NOT EXISTS (SELECT 1 FROM tenancies t WHERE t.match_id = matches.id)", domain.MatchLeaseSigned).
		Order("state_changed_at, id").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: leases without tenancy: %w", err)
	}
	return out, nil
}

// MarkReportEscalatedAt records an escalation that happened at a given time (the demo's
// history); the job uses MarkReportEscalated.
func (s *Store) MarkReportEscalatedAt(ctx context.Context, id int64) error {
	if err := s.q(ctx).Model(&domain.Report{}).Where("id = ?", id).Update("escalated_at", s.Now()).Error; err != nil {
		return fmt.Errorf("store: report escalated: %w", err)
	}
	return nil
}
