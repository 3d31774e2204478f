package privacy

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"wohnbruecke/internal/config"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// Retention are the retention periods in force (configuration RETENTION_*).
type Retention = config.Retention

// retentionActor is who the audit log names for the nightly job.
var retentionActor = domain.Actor{Label: "Aufbewahrungsfristen (nächtlicher Lauf)"}

// NightlyHour is the hour (Hagen time) from which the nightly run starts.
const NightlyHour = 2

// RetentionRun is what one run did.
type RetentionRun struct {
	Households int
	Mails      int64
}

// Due is a household whose contact data the job removes on a day.
type Due struct {
	ID        int64
	Reference string
	Status    domain.HouseholdStatus
	LeftOn    domain.Date
	On        domain.Date
}

// RunRetention anonymises every household whose contact period has run out today and
// purges the bodies of mail delivered longer ago than the mail period. Each household is
// done in a transaction of its own with its audit entry; the guarded update lets only one
// of several instances do it.
func (s *Service) RunRetention(ctx context.Context) (RetentionRun, error) {
	var run RetentionRun
	today := s.store.Today()
	for {
		done, more, err := s.anonymiseBatch(ctx, today, &run)
		if err != nil {
			return run, err
		}
		if !more || done == 0 {
			break
		}
	}
	cutoff := s.store.Now().Add(-time.Duration(s.retention.MailDays) * 24 * time.Hour)
	err := s.store.Tx(ctx, func(tx *store.Store) error {
		n, err := tx.PurgeSentMail(ctx, cutoff)
		if err != nil || n == 0 {
			return err
		}
		run.Mails = n
		e := retentionActor.Audit("outbox.purge", "outbox", 0, fmt.Sprintf("%d Nachrichten, versandt vor mehr als %d Tagen", n, s.retention.MailDays))
		e.EntityID = nil
		return tx.Audit(ctx, e)
	})
	return run, err
}

// anonymiseBatch anonymises one batch of due households; more tells that the batch was
// full, so another may follow.
func (s *Service) anonymiseBatch(ctx context.Context, today domain.Date, run *RetentionRun) (done int, more bool, err error) {
	due, more, err := s.dueBy(ctx, today)
	if err != nil {
		return 0, false, err
	}
	for _, d := range due {
		err := s.store.Tx(ctx, func(tx *store.Store) error {
			ok, counts, err := tx.AnonymiseHousehold(ctx, d.ID, d.LeftOn)
			if err != nil || !ok {
				return err
			}
			run.Households++
			done++
			detail := fmt.Sprintf("%s am %s, Frist %d Monate: Name, Kontaktdaten, Freitexte und Gesundheitshinweise entfernt; %d E-Mails geleert, %d Antwort-Links gelöscht, %d Anmerkungen geleert",
				d.Status.Label(), d.LeftOn, s.retention.ContactMonths, counts.Mails, counts.Links, counts.Notes)
			return tx.Audit(ctx, retentionActor.Audit("household.anonymise", "household", d.ID, detail))
		})
		if err != nil {
			return done, false, err
		}
	}
	return done, more, nil
}

// dueBy lists the households whose contact period ends on or before day (one batch of the
// oldest); more tells that the batch was full. The store preselects by a bound a few days
// past the exact rule (a month end can move the end back by up to three days), the exact
// rule is domain.RetentionEnds.
func (s *Service) dueBy(ctx context.Context, day domain.Date) ([]Due, bool, error) {
	rows, full, err := s.store.RetentionCandidates(ctx, domain.MonthsLater(day, -s.retention.ContactMonths).AddDays(3))
	if err != nil {
		return nil, false, err
	}
	var out []Due
	for _, r := range rows {
		on := domain.RetentionEnds(r.LeftOn, s.retention.ContactMonths)
		if on <= day {
			out = append(out, Due{ID: r.ID, Reference: r.Reference, Status: r.Status, LeftOn: r.LeftOn, On: on})
		}
	}
	return out, full, nil
}

// RetentionPreview is the dry run for staff: the households the job will anonymise from
// today up to days ahead, with the day each is due.
func (s *Service) RetentionPreview(ctx context.Context, a domain.Actor, days int) ([]Due, Retention, error) {
	if !a.CanRunRetention() {
		return nil, s.retention, fmt.Errorf("privacy: retention preview: %w", domain.ErrForbidden)
	}
	due, _, err := s.dueBy(ctx, s.store.Today().AddDays(days))
	return due, s.retention, err
}

// RunNightly runs the retention job once a day from NightlyHour on (Hagen time): the first
// instance to claim the day runs it. It reports whether it ran.
func (s *Service) RunNightly(ctx context.Context) (bool, RetentionRun, error) {
	if s.store.Now().In(domain.Berlin).Hour() < NightlyHour {
		return false, RetentionRun{}, nil
	}
	claimed, err := s.store.ClaimDay(ctx, "job.retention", s.store.Today())
	if err != nil || !claimed {
		return false, RetentionRun{}, err
	}
	run, err := s.RunRetention(ctx)
	return true, run, err
}

// RunPeriodic checks every interval whether the nightly run is due, until ctx ends.
func (s *Service) RunPeriodic(ctx context.Context, interval time.Duration, logger *slog.Logger, observe func(job string, err error)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		ran, run, err := s.RunNightly(ctx)
		if ctx.Err() != nil {
			return
		}
		if ran && observe != nil {
			observe("retention", err)
		}
		if err != nil {
			logger.Error("periodic job failed", "job", "retention", "err", err)
		} else if ran {
			logger.Info("periodic job", "job", "retention", "households", run.Households, "mails", run.Mails)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Periods returns the retention periods in force (for the privacy notice and the docs).
func (s *Service) Periods() Retention { return s.retention }
