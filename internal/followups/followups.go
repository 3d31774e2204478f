// Package followups carries a tenancy on after the lease (docs/design.md §8.4): the
// follow-ups at 3, 6, 12 and 24 months that the periodic job makes due, recording what a
// follow-up found (which ends or updates the tenancy by one rule, domain.FollowUpEffect),
// the landlord's satisfaction check through a login-free link, and the early warnings for
// the Wohnraumsicherung team (domain.EarlyWarnings).
package followups

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"wohnbruecke/internal/auth"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/links"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/workflow"
	"wohnbruecke/mail"
)

// Service is the follow-up use cases.
type Service struct {
	store *store.Store
	mail  *mail.Composer
	links links.Links
}

// New returns the service; with a composer the job mails the companion and the landlord.
func New(st *store.Store, composer *mail.Composer, baseURL string) *Service {
	return &Service{store: st, mail: composer, links: links.New(baseURL)}
}

// RunPeriodic makes follow-ups due every interval until ctx ends (safe with several
// instances: the insert of a follow-up is its claim). observe, when not nil, is told about
// every run (metrics).
func (s *Service) RunPeriodic(ctx context.Context, interval time.Duration, logger *slog.Logger, observe func(job string, err error)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		n, err := s.MakeDue(ctx)
		if ctx.Err() != nil {
			return
		}
		if observe != nil {
			observe("follow_ups", err)
		}
		if err != nil {
			logger.Error("periodic job failed", "job", "follow_ups", "err", err)
		} else if n > 0 {
			logger.Info("periodic job", "job", "follow_ups", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// jobActor writes the periodic job's audit entries.
var jobActor = domain.Actor{Label: "Wohnbrücke (automatisch)"}

// MakeDue creates every follow-up that is due by today (domain.FollowUpDue) and does not
// exist yet (every tenancy but those ended by death, domain.NoFollowUpAfter), each in its
// own transaction with its mails: the notice to the companion (or, without one, the
// tenancy's Ansprechperson) and, at 3 and 12 months of a running tenancy, the landlord's
// satisfaction check. It returns how many it created; an instance that loses the insert to
// another sends nothing.
func (s *Service) MakeDue(ctx context.Context) (int, error) {
	today := s.store.Today()
	ts, err := s.store.TenanciesWithDueFollowUps(ctx, today)
	if err != nil {
		return 0, err
	}
	done := 0
	for _, t := range ts {
		for _, m := range domain.FollowUpMonths {
			due := domain.FollowUpDue(t.StartDate, m)
			if due > today {
				break
			}
			var won bool
			err := s.store.Tx(ctx, func(tx *store.Store) error {
				f := &domain.FollowUp{TenancyID: t.ID, Months: m, DueOn: due}
				if won, err = tx.CreateFollowUp(ctx, f); err != nil || !won {
					return err
				}
				if err := tx.Audit(ctx, jobActor.Audit("follow_up.due", "tenancy", t.ID, f.Label())); err != nil {
					return err
				}
				return s.notifyDue(ctx, tx, t, f)
			})
			if err != nil {
				return done, fmt.Errorf("followups: make due (tenancy %d, %d months): %w", t.ID, m, err)
			}
			if won {
				done++
			}
		}
	}
	return done, nil
}

// notifyDue queues the follow-up's mails in the transaction that created it.
func (s *Service) notifyDue(ctx context.Context, tx *store.Store, t store.FollowUpTenancy, f *domain.FollowUp) error {
	if s.mail == nil {
		return nil
	}
	sc, err := tx.SatisfactionContextOf(ctx, t.ID)
	if err != nil {
		return err
	}
	address := sc.Street + ", " + sc.PostalCode + " Hagen"
	var to []mail.Contact
	for _, id := range []*int64{t.CompanionID, t.ContactUserID} {
		if id == nil {
			continue
		}
		u, err := tx.UserByID(ctx, *id)
		if err != nil {
			return err
		}
		if u.Active {
			to = append(to, *mail.ContactOf(u))
			break
		}
	}
	msgs, err := s.mail.FollowUpDueMessage(mail.FollowUpDue{To: to, FollowUpID: f.ID, Months: f.Months, DueOn: f.DueOn,
		HouseholdRef: sc.HouseholdReference, Address: address, RecordURL: s.links.FollowUp(f.ID)})
	if err != nil {
		return err
	}
	if isSatisfactionMonth(f.Months) && t.Status == domain.TenancyActive { // only about a running tenancy
		more, err := s.satisfactionRequest(ctx, tx, t, f, sc, address)
		if err != nil {
			return err
		}
		msgs = append(msgs, more...)
	}
	return tx.EnqueueMessages(ctx, msgs...)
}

// satisfactionRequest creates the landlord's satisfaction check of a follow-up month (the
// token's hash only) and composes its mail to the landlord's contacts; a landlord without
// an address gets no check.
func (s *Service) satisfactionRequest(ctx context.Context, tx *store.Store, t store.FollowUpTenancy, f *domain.FollowUp,
	sc *store.SatisfactionContext, address string) ([]domain.OutboxMessage, error) {
	l, err := tx.LandlordByID(ctx, t.LandlordID)
	if err != nil {
		return nil, err
	}
	to, err := workflow.LandlordContacts(ctx, tx, l)
	if err != nil || len(to) == 0 {
		return nil, err
	}
	raw, err := auth.NewToken()
	if err != nil {
		return nil, err
	}
	c := &domain.SatisfactionCheck{TenancyID: t.ID, Months: f.Months, TokenHash: auth.HashToken(raw),
		ExpiresAt: tx.Now().Add(domain.SatisfactionValidity)}
	if won, err := tx.CreateSatisfactionCheck(ctx, c); err != nil || !won {
		return nil, err
	}
	return s.mail.SatisfactionRequestMessage(mail.SatisfactionRequest{Landlords: to, CheckID: c.ID, Months: f.Months,
		HouseholdRef: sc.HouseholdReference, Address: address, AnswerURL: s.links.Satisfaction(raw),
		ValidUntil: mail.GermanDateTime(c.ExpiresAt)})
}

func isSatisfactionMonth(m int) bool {
	for _, s := range domain.SatisfactionMonths {
		if s == m {
			return true
		}
	}
	return false
}
