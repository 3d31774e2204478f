package courses

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/mail"
)

// Course mail: invitations per session when a person is enrolled or a session is added,
// reminders the day before each session, the refresher reminder before a certificate
// expires. Every message goes through the outbox with a dedupe key, so each goes out
// exactly once, whichever instance or run writes it.

// SessionReminderHorizon is how long before a session the reminder goes out;
// RefresherLead how long before a certificate's last day the refresher reminder does.
const (
	SessionReminderHorizon = 24 * time.Hour
	RefresherLead          = domain.RefresherReminderWeeks * 7
)

// WithMail makes the service send course mail through the composer.
func (s *Service) WithMail(c *mail.Composer) *Service {
	s.mail = c
	return s
}

func sessionOf(cs *domain.CourseSession) mail.Viewing {
	return mail.Viewing{ID: cs.ID, CalendarUID: fmt.Sprintf("course-session-%d@wohnbruecke", cs.ID), StartsAt: cs.StartsAt,
		EndsAt: cs.EndsAt, Address: cs.Place}
}

// invite queues the invitations of participants to sessions that have not begun.
func (s *Service) invite(ctx context.Context, c *domain.Course, sessions []domain.CourseSession, ps []domain.CourseParticipant) error {
	if s.mail == nil {
		return nil
	}
	now := s.store.Now()
	var msgs []domain.OutboxMessage
	for i := range sessions {
		if !sessions[i].StartsAt.After(now) {
			continue
		}
		for _, p := range ps {
			if p.Waitlisted || p.Email == "" {
				continue
			}
			m, err := s.mail.CourseInvitation(mail.CourseSessionMessage{ParticipantID: p.ID, Applicant: mail.Contact{Name: p.Name, Email: p.Email},
				Language: p.Language, Course: c.Title, Topics: sessions[i].ModuleLabels(), Viewing: sessionOf(&sessions[i])})
			if err != nil {
				return err
			}
			msgs = append(msgs, m...)
		}
	}
	return s.store.EnqueueMessages(ctx, msgs...)
}

// SendSessionReminders queues the reminders of sessions that begin within the horizon.
func (s *Service) SendSessionReminders(ctx context.Context) (int, error) {
	if s.mail == nil {
		return 0, nil
	}
	now := s.store.Now()
	due, err := s.store.CourseSessionsBetween(ctx, now, now.Add(SessionReminderHorizon))
	if err != nil {
		return 0, err
	}
	n := 0
	for i := range due {
		c, err := s.store.CourseByID(ctx, due[i].CourseID)
		if err != nil {
			return n, err
		}
		if c.Status != domain.CoursePlanned && c.Status != domain.CourseRunning {
			continue
		}
		ps, err := s.store.CourseParticipants(ctx, c.ID)
		if err != nil {
			return n, err
		}
		for _, p := range ps {
			if p.Waitlisted || p.Email == "" {
				continue
			}
			m, err := s.mail.CourseReminder(mail.CourseSessionMessage{ParticipantID: p.ID, Applicant: mail.Contact{Name: p.Name, Email: p.Email},
				Language: p.Language, Course: c.Title, Topics: due[i].ModuleLabels(), Viewing: sessionOf(&due[i])})
			if err != nil {
				return n, err
			}
			if err := s.store.EnqueueMessages(ctx, m...); err != nil {
				return n, err
			}
			n += len(m)
		}
	}
	return n, nil
}

// SendRefresherReminders reminds the holders (and companions) of certificates whose last
// day is within RefresherLead days: each certificate is claimed by a guarded update
// (MarkRefresherReminded) in the same transaction as its messages, so exactly one run
// sends them.
func (s *Service) SendRefresherReminders(ctx context.Context) (int, error) {
	today := s.store.Today()
	due, err := s.store.CertificatesToRemind(ctx, today, today.AddDays(RefresherLead))
	if err != nil {
		return 0, err
	}
	n := 0
	for i := range due {
		c := &due[i]
		err := s.store.Tx(ctx, func(tx *store.Store) error {
			won, err := tx.MarkRefresherReminded(ctx, c.ID)
			if err != nil || !won {
				return err
			}
			n++
			if s.mail == nil {
				return nil
			}
			p, err := tx.CourseParticipantByID(ctx, c.ParticipantID)
			if err != nil {
				return err
			}
			d := mail.RefresherMessage{CertificateID: c.ID, Applicant: mail.Contact{Name: c.HolderName, Email: p.Email},
				Language: c.Language, ValidUntil: c.ValidUntil}
			if c.HouseholdID != nil {
				h, err := tx.HouseholdByID(ctx, *c.HouseholdID)
				if err != nil {
					return err
				}
				if h.Email != nil && d.Applicant.Email == "" {
					d.Applicant.Email = *h.Email
				}
				if strings.TrimSpace(h.CompanionEmail) != "" {
					d.Companion = &mail.Contact{Name: h.CompanionName, Email: h.CompanionEmail, Phone: h.CompanionPhone}
				}
			}
			msgs, err := s.mail.CertificateRefresher(d)
			if err != nil {
				return err
			}
			return tx.EnqueueMessages(ctx, msgs...)
		})
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// RunPeriodic runs the course jobs (session reminders, refresher reminders) every interval
// until ctx ends; observe is told about every run (metrics).
func (s *Service) RunPeriodic(ctx context.Context, interval time.Duration, logger *slog.Logger, observe func(job string, err error)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		for _, job := range []struct {
			name string
			run  func(context.Context) (int, error)
		}{{"course_reminders", s.SendSessionReminders}, {"refresher_reminders", s.SendRefresherReminders}} {
			n, err := job.run(ctx)
			if ctx.Err() != nil {
				return
			}
			if observe != nil {
				observe(job.name, err)
			}
			if err != nil {
				logger.Error("periodic job failed", "job", job.name, "err", err)
			} else if n > 0 {
				logger.Info("periodic job", "job", job.name, "count", n)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
