package workflow

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/mail"
)

// Periodic job settings.
const (
	ReminderHorizon = 24 * time.Hour     // reminders go out this long before a viewing
	StallAfter      = 7 * 24 * time.Hour // a match that has not moved this long is stalled
)

// RunPeriodic runs the periodic jobs every interval until ctx ends. The jobs are safe with
// several instances: each record is claimed by a guarded update, and the emails carry
// dedupe keys. observe, when not nil, is told about every run and its error (metrics).
func (s *Service) RunPeriodic(ctx context.Context, interval time.Duration, logger *slog.Logger, observe func(job string, err error)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		for name, job := range map[string]func(context.Context) (int, error){
			"reminders": s.SendReminders, "stalled": s.RemindStalled, "viewed": s.CloseEndedViewings,
		} {
			n, err := job(ctx)
			if ctx.Err() != nil {
				return
			}
			if observe != nil {
				observe(name, err)
			}
			if err != nil {
				logger.Error("periodic job failed", "job", name, "err", err)
			} else if n > 0 {
				logger.Info("periodic job", "job", name, "count", n)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// eachInTx handles every item in a transaction of its own and counts the items that did
// something; a failing item stops the run (the next run retries it).
func eachInTx[T any](ctx context.Context, st *store.Store, items []T, handle func(tx *store.Store, item *T) (bool, error)) (int, error) {
	done := 0
	for i := range items {
		var did bool
		err := st.Tx(ctx, func(tx *store.Store) error {
			var err error
			did, err = handle(tx, &items[i])
			return err
		})
		if err != nil {
			return done, err
		}
		if did {
			done++
		}
	}
	return done, nil
}

// SendReminders queues the reminder for every viewing starting within the next 24 hours.
func (s *Service) SendReminders(ctx context.Context) (int, error) {
	due, err := s.store.DueReminders(ctx, s.store.Now().Add(ReminderHorizon))
	if err != nil {
		return 0, err
	}
	return eachInTx(ctx, s.store, due, func(tx *store.Store, vw *domain.Viewing) (bool, error) {
		won, err := tx.MarkReminded(ctx, vw.ID)
		if err != nil || !won || s.mail == nil {
			return won, err
		}
		m, err := tx.MatchByID(ctx, vw.MatchID)
		if err != nil {
			return false, err
		}
		vc, err := s.loadViewingContext(ctx, tx, m, vw)
		if err != nil {
			return false, err
		}
		msgs, err := s.mail.ViewingReminder(vc.viewingMessage(mail.ApplicantLinks{}))
		if err != nil {
			return false, fmt.Errorf("workflow: reminder mail: %w", err)
		}
		return true, tx.EnqueueMessages(ctx, msgs...)
	})
}

// RemindStalled reminds the responsible staff member of each match that has not moved for
// seven days (once per state).
func (s *Service) RemindStalled(ctx context.Context) (int, error) {
	stalled, err := s.store.StalledMatches(ctx, s.store.Now().Add(-StallAfter))
	if err != nil {
		return 0, err
	}
	return eachInTx(ctx, s.store, stalled, func(tx *store.Store, m *domain.Match) (bool, error) {
		won, err := tx.MarkStallReminded(ctx, m.ID)
		if err != nil || !won || s.mail == nil {
			return won, err
		}
		approver, err := userContact(ctx, tx, m.ApprovedByID)
		if err != nil {
			return false, err
		}
		staff, err := s.staffContacts(ctx, tx, approver)
		if err != nil {
			return false, err
		}
		v, err := tx.VacancyByID(ctx, m.VacancyID)
		if err != nil {
			return false, err
		}
		h, err := tx.HouseholdByID(ctx, m.HouseholdID)
		if err != nil {
			return false, err
		}
		msgs, err := s.mail.StaffMatchStalled(mail.MatchStalled{Staff: staff, MatchID: m.ID, HouseholdRef: h.Reference,
			VacancyAddress: v.Street + ", " + v.PostalCode + " Hagen", State: m.State, Since: m.StateChangedAt,
			MatchURL: s.links.StaffMatch(m.ID)})
		if err != nil {
			return false, fmt.Errorf("workflow: stall mail: %w", err)
		}
		return true, tx.EnqueueMessages(ctx, msgs...)
	})
}

// CloseEndedViewings moves matches whose confirmed viewing is over to "viewed" and asks
// the landlord to record the outcome.
func (s *Service) CloseEndedViewings(ctx context.Context) (int, error) {
	ended, err := s.store.EndedConfirmedViewings(ctx)
	if err != nil {
		return 0, err
	}
	return eachInTx(ctx, s.store, ended, func(tx *store.Store, vw *domain.Viewing) (bool, error) {
		err := tx.TransitionMatch(ctx, vw.MatchID, domain.MatchViewed, nil)
		var ce *domain.ConflictError
		if errors.As(err, &ce) {
			return false, nil // another instance or the landlord was first
		}
		if err != nil || s.mail == nil {
			return err == nil, err
		}
		m, err := tx.MatchByID(ctx, vw.MatchID)
		if err != nil {
			return false, err
		}
		vc, err := s.loadViewingContext(ctx, tx, m, vw)
		if err != nil {
			return false, err
		}
		msgs, err := forEachLandlordContact(ctx, tx, vc.landlord, func(to mail.Contact) ([]domain.OutboxMessage, error) {
			return s.mail.LandlordOutcomeRequestMessage(mail.LandlordOutcomeRequest{Landlord: to,
				HouseholdRef: vc.household.Reference, VacancyAddress: vc.vacancy.Street + ", " + vc.vacancy.PostalCode + " Hagen",
				Viewing: vc.mailViewing(vw), OutcomeURL: s.proposalURL(vc)})
		})
		if err != nil {
			return false, fmt.Errorf("workflow: outcome request mail: %w", err)
		}
		return true, tx.EnqueueMessages(ctx, msgs...)
	})
}
