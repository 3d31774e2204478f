// Package tenancies holds the tenancy phase after the lease (docs/design.md §8): reading and
// ending tenancies, the visit log of the Wohnbegleitung and the landlords' reports
// (Meldungen) with their response target and escalation. The tenancy itself starts in the
// lease's transaction (workflow.Service.SignLease).
package tenancies

import (
	"context"
	"fmt"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/links"
	"wohnbruecke/internal/store"
	"wohnbruecke/mail"
)

// Service runs the tenancy phase.
type Service struct {
	store *store.Store
	mail  *mail.Composer // nil: no emails (tests of rules only)
	links links.Links
	// ResponseDays is the response target of a report in NRW working days (default 1).
	responseDays int
}

// Option configures the service.
type Option func(*Service)

// WithMail lets the service queue emails through the composer, with links to baseURL.
func WithMail(c *mail.Composer, baseURL string) Option {
	return func(s *Service) { s.mail, s.links = c, links.New(baseURL) }
}

// WithResponseDays sets the response target of landlord reports in working days (at
// least 1).
func WithResponseDays(n int) Option {
	return func(s *Service) {
		if n >= 1 {
			s.responseDays = n
		}
	}
}

// New returns the tenancy service.
func New(st *store.Store, opts ...Option) *Service {
	s := &Service{store: st, responseDays: 1}
	for _, o := range opts {
		o(s)
	}
	return s
}

// visible returns the tenancy if the actor may see it (domain.Actor.CanSeeTenancy): roles
// that see no tenancies get ErrForbidden, a tenancy the actor may not see ErrNotFound.
func (s *Service) visible(ctx context.Context, st *store.Store, a domain.Actor, op string, id int64) (*store.TenancyRow, error) {
	if !a.CanSeeTenancies() {
		return nil, fmt.Errorf("tenancies: %s %d: %w", op, id, domain.ErrForbidden)
	}
	t, err := st.TenancyRowByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !a.CanSeeTenancy(&t.Tenancy) {
		return nil, fmt.Errorf("tenancies: %s %d: %w", op, id, domain.ErrNotFound)
	}
	return t, nil
}

// Get returns one tenancy the actor may see, with its names.
func (s *Service) Get(ctx context.Context, a domain.Actor, id int64) (*store.TenancyRow, error) {
	return s.visible(ctx, s.store, a, "get", id)
}

// List lists the tenancies the actor may see, narrowed by f: staff and admins all,
// a caseworker those they accompany, a landlord those in its own flats.
func (s *Service) List(ctx context.Context, a domain.Actor, f store.TenancyFilter) ([]store.TenancyRow, error) {
	if !a.CanSeeTenancies() {
		return nil, fmt.Errorf("tenancies: list: %w", domain.ErrForbidden)
	}
	if lid, ok := a.LandlordID(); ok {
		f.LandlordID = lid
	} else if a.Role() == domain.RoleCaseworker {
		f.CompanionID = a.User.ID
	}
	rows, err := s.store.ListTenancies(ctx, f)
	if err != nil {
		return nil, err
	}
	out := rows[:0]
	for _, r := range rows {
		if a.CanSeeTenancy(&r.Tenancy) {
			out = append(out, r)
		}
	}
	return out, nil
}

// End records the end of a running tenancy: the date, the reason and whether the household
// is stably housed afterwards (domain.TenancyEnd.Validate). Staff, admins and the companion
// (domain.Actor.CanEndTenancy); of two concurrent ends one wins.
func (s *Service) End(ctx context.Context, a domain.Actor, id int64, end domain.TenancyEnd) error {
	return s.store.Tx(ctx, func(tx *store.Store) error {
		t, err := s.visible(ctx, tx, a, "end", id)
		if err != nil {
			return err
		}
		if !a.CanEndTenancy(&t.Tenancy) {
			return fmt.Errorf("tenancies: end %d: %w", id, domain.ErrForbidden)
		}
		if err := domain.TenancyTransitions.Check(t.Status, domain.TenancyEnded); err != nil {
			return err
		}
		housed, err := end.Validate(&t.Tenancy, tx.Today())
		if err != nil {
			return err
		}
		if err := tx.EndTenancy(ctx, id, end, housed, a.UserID()); err != nil {
			return err
		}
		return tx.Audit(ctx, a.Audit("tenancy.end", "tenancy", id, end.Reason.Label()+", "+end.EndDate.String()))
	})
}
