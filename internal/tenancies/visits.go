package tenancies

import (
	"context"
	"errors"
	"fmt"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/mail"
)

// Visits returns a tenancy's contacts (domain.Actor.CanSeeVisits: staff, admins, the
// companion; never a landlord).
func (s *Service) Visits(ctx context.Context, a domain.Actor, tenancyID int64) ([]domain.Visit, error) {
	t, err := s.visible(ctx, s.store, a, "visits", tenancyID)
	if err != nil {
		return nil, err
	}
	if !a.CanSeeVisits(&t.Tenancy) {
		return nil, fmt.Errorf("tenancies: visits %d: %w", tenancyID, domain.ErrForbidden)
	}
	return s.store.VisitsOfTenancy(ctx, tenancyID)
}

// RecordVisit records a contact of the companion (domain.Actor.CanRecordVisit) in a
// running tenancy and moves the next due day by the tenancy's rhythm from the latest
// contact.
func (s *Service) RecordVisit(ctx context.Context, a domain.Actor, tenancyID int64, v domain.Visit) (*domain.Visit, error) {
	err := s.store.Tx(ctx, func(tx *store.Store) error {
		row, err := s.visible(ctx, tx, a, "record visit", tenancyID)
		if err != nil {
			return err
		}
		if !a.CanRecordVisit(&row.Tenancy) {
			return fmt.Errorf("tenancies: record visit %d: %w", tenancyID, domain.ErrForbidden)
		}
		t, err := tx.TenancyForUpdate(ctx, tenancyID)
		if err != nil {
			return err
		}
		if !t.Active() {
			return domain.Conflict("Das Mietverhältnis ist beendet; es können keine Kontakte mehr eingetragen werden.")
		}
		v.ID, v.TenancyID, v.RecordedByID = 0, t.ID, a.UserID()
		if err := v.Validate(t, tx.Today()); err != nil {
			return err
		}
		if err := tx.CreateVisit(ctx, &v); err != nil {
			return err
		}
		last, err := tx.LastVisitOn(ctx, t.ID)
		if err != nil {
			return err
		}
		if err := tx.SetNextVisitDue(ctx, t.ID, t.VisitDueAfter(last)); err != nil {
			return err
		}
		return tx.Audit(ctx, a.Audit("visit.record", "tenancy", t.ID, v.Kind.Label()+", "+v.VisitedOn.String()))
	})
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// SetRhythm changes a tenancy's planned rhythm (staff, admins, the companion:
// domain.Actor.CanEndTenancy) and recomputes the next due day from the latest contact (or
// the start).
func (s *Service) SetRhythm(ctx context.Context, a domain.Actor, tenancyID int64, r domain.VisitRhythm) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return s.store.Tx(ctx, func(tx *store.Store) error {
		row, err := s.visible(ctx, tx, a, "rhythm", tenancyID)
		if err != nil {
			return err
		}
		if !a.CanEndTenancy(&row.Tenancy) {
			return fmt.Errorf("tenancies: rhythm %d: %w", tenancyID, domain.ErrForbidden)
		}
		t, err := tx.TenancyForUpdate(ctx, tenancyID)
		if err != nil {
			return err
		}
		if !t.Active() {
			return domain.Conflict("Das Mietverhältnis ist beendet.")
		}
		t.VisitEarlyDays, t.VisitEarlyMonths, t.VisitLaterDays = r.EarlyDays, r.EarlyMonths, r.LaterDays
		last, err := tx.LastVisitOn(ctx, t.ID)
		if err != nil {
			return err
		}
		if last.IsZero() {
			last = t.StartDate
		}
		if err := tx.SetVisitRhythm(ctx, t.ID, r, t.VisitDueAfter(last)); err != nil {
			return err
		}
		return tx.Audit(ctx, a.Audit("tenancy.rhythm", "tenancy", t.ID,
			fmt.Sprintf("alle %d Tage in den ersten %d Monaten, danach alle %d Tage", r.EarlyDays, r.EarlyMonths, r.LaterDays)))
	})
}

// NoticeOverdueVisits reminds the companion (or, without one, every active staff member)
// once per tenancy and due day that the next contact is overdue. The claim is a guarded
// update of the tenancy (store.MarkVisitOverdueNotified), so with several instances
// exactly one sends; the tasks on the start pages show the tenancy until a contact is
// recorded. It returns the number of reminders.
func (s *Service) NoticeOverdueVisits(ctx context.Context) (int, error) {
	due, err := s.store.OverdueVisitTenancies(ctx)
	if err != nil {
		return 0, err
	}
	done := 0
	for _, t := range due {
		won := false
		err := s.store.Tx(ctx, func(tx *store.Store) error {
			var err error
			if won, err = tx.MarkVisitOverdueNotified(ctx, t.ID, t.NextVisitDue); err != nil || !won || s.mail == nil {
				return err
			}
			row, err := tx.TenancyRowByID(ctx, t.ID)
			if err != nil {
				return err
			}
			var to []mail.Contact
			if t.CompanionID != nil {
				if u, err := tx.UserByID(ctx, *t.CompanionID); err == nil {
					to = mail.ActiveContacts([]domain.User{*u})
				} else if !errors.Is(err, domain.ErrNotFound) {
					return err
				}
			}
			if len(to) == 0 {
				if to, err = s.allStaff(ctx, tx); err != nil {
					return err
				}
			}
			last, err := tx.LastVisitOn(ctx, t.ID)
			if err != nil {
				return err
			}
			msgs, err := s.mail.VisitOverdueMessages(mail.VisitOverdue{To: to, TenancyID: t.ID, HouseholdRef: row.HouseholdReference,
				Address: row.Address(), Due: t.NextVisitDue, LastContact: last, TenancyURL: s.links.Tenancy(t.ID)})
			if err != nil {
				return fmt.Errorf("tenancies: visit overdue mail: %w", err)
			}
			return tx.EnqueueMessages(ctx, msgs...)
		})
		if err != nil {
			return done, err
		}
		if won {
			done++
		}
	}
	return done, nil
}
