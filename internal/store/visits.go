package store

import (
	"context"
	"fmt"

	"wohnbruecke/internal/domain"
)

// CreateVisit inserts a contact of the Wohnbegleitung. Call it inside a transaction, with
// SetNextVisitDue for the tenancy.
func (s *Store) CreateVisit(ctx context.Context, v *domain.Visit) error {
	v.CreatedAt = s.Now()
	if err := s.q(ctx).Create(v).Error; err != nil {
		return fmt.Errorf("store: create visit: %w", err)
	}
	return nil
}

// VisitsOfTenancy returns a tenancy's contacts, newest first.
func (s *Store) VisitsOfTenancy(ctx context.Context, tenancyID int64) ([]domain.Visit, error) {
	var out []domain.Visit
	if err := s.q(ctx).Where("tenancy_id = ?", tenancyID).Order("visited_on DESC, id DESC").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: visits: %w", err)
	}
	return out, nil
}

// LastVisitOn returns the day of a tenancy's latest contact, or zero when there is none.
func (s *Store) LastVisitOn(ctx context.Context, tenancyID int64) (domain.Date, error) {
	var out []domain.Visit
	err := s.q(ctx).Where("tenancy_id = ?", tenancyID).Order("visited_on DESC").Limit(1).Find(&out).Error
	if err != nil {
		return 0, fmt.Errorf("store: last visit: %w", err)
	}
	if len(out) == 0 {
		return 0, nil
	}
	return out[0].VisitedOn, nil
}

// TenancyForUpdate reads a tenancy and locks it for the rest of the transaction (SQLite:
// the immediate transaction serialises writers).
func (s *Store) TenancyForUpdate(ctx context.Context, id int64) (*domain.Tenancy, error) {
	var t domain.Tenancy
	if err := s.forUpdate(s.q(ctx)).Take(&t, id).Error; err != nil {
		return nil, notFound("tenancy for update", err)
	}
	return &t, nil
}

// SetVisitRhythm stores a tenancy's rhythm and the next due day it gives.
func (s *Store) SetVisitRhythm(ctx context.Context, id int64, r domain.VisitRhythm, next domain.Date) error {
	err := s.q(ctx).Model(&domain.Tenancy{}).Where("id = ?", id).Updates(map[string]any{
		"visit_early_days": r.EarlyDays, "visit_early_months": r.EarlyMonths, "visit_later_days": r.LaterDays,
		"next_visit_due": next, "updated_at": s.Now()}).Error
	if err != nil {
		return fmt.Errorf("store: visit rhythm: %w", err)
	}
	return nil
}

// SetNextVisitDue stores the day a tenancy's next contact is due.
func (s *Store) SetNextVisitDue(ctx context.Context, id int64, next domain.Date) error {
	err := s.q(ctx).Model(&domain.Tenancy{}).Where("id = ?", id).
		Updates(map[string]any{"next_visit_due": next, "updated_at": s.Now()}).Error
	if err != nil {
		return fmt.Errorf("store: next visit due: %w", err)
	}
	return nil
}

// OverdueVisitTenancies lists running tenancies whose next contact was due before today
// and whose due day the overdue job has not announced yet.
func (s *Store) OverdueVisitTenancies(ctx context.Context) ([]domain.Tenancy, error) {
	var out []domain.Tenancy
	err := s.q(ctx).Where("status = ? AND next_visit_due < ? AND (visit_overdue_notified IS NULL OR visit_overdue_notified <> next_visit_due)",
		domain.TenancyActive, s.Today()).Order("next_visit_due").Limit(jobBatch).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("store: overdue visits: %w", err)
	}
	return out, nil
}

// MarkVisitOverdueNotified claims the notice for the tenancy's current due day; false when
// another instance was first or a contact moved the due day meanwhile.
func (s *Store) MarkVisitOverdueNotified(ctx context.Context, id int64, due domain.Date) (bool, error) {
	res := s.q(ctx).Model(&domain.Tenancy{}).
		Where("id = ? AND status = ? AND next_visit_due = ? AND (visit_overdue_notified IS NULL OR visit_overdue_notified <> ?)",
			id, domain.TenancyActive, due, due).
		Update("visit_overdue_notified", due)
	if res.Error != nil {
		return false, fmt.Errorf("store: mark visit overdue: %w", res.Error)
	}
	return res.RowsAffected == 1, nil
}
