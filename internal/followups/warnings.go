package followups

import (
	"context"
	"fmt"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// Flag is a running tenancy flagged for the Wohnraumsicherung team, with its reasons.
type Flag struct {
	store.WarningTenancy
	Kinds []domain.WarningKind
}

// EarlyWarnings lists the running tenancies that domain.EarlyWarnings flags today, oldest
// tenancy first (staff and admins).
func (s *Service) EarlyWarnings(ctx context.Context, a domain.Actor) ([]Flag, error) {
	if !a.CanSeeEarlyWarnings() {
		return nil, fmt.Errorf("followups: early warnings: %w", domain.ErrForbidden)
	}
	ts, reports, consents, err := s.store.EarlyWarningFacts(ctx)
	if err != nil {
		return nil, err
	}
	today := s.store.Today()
	signals := make(map[int64]*domain.TenancySignals, len(ts))
	for _, t := range ts {
		signals[t.TenancyID] = &domain.TenancySignals{Start: t.StartDate, VisitOverdue: (&domain.Tenancy{Status: domain.TenancyActive, NextVisitDue: t.NextVisitDue}).VisitOverdue(today)}
	}
	for _, r := range reports {
		if sg := signals[r.TenancyID]; sg != nil {
			sg.Reports = append(sg.Reports, domain.WarningReport{RentArrears: r.Category == string(domain.ReportRentArrears),
				FiledOn: domain.DateOf(r.CreatedAt.In(domain.Berlin)), Done: r.Status == string(domain.ReportDone)})
		}
	}
	for _, c := range consents {
		if sg := signals[c.TenancyID]; sg != nil {
			sg.ConsentRevoked = append(sg.ConsentRevoked, c.RevokedAt)
		}
	}
	var out []Flag
	for _, t := range ts {
		if kinds := domain.EarlyWarnings(*signals[t.TenancyID], today); len(kinds) > 0 {
			out = append(out, Flag{WarningTenancy: t, Kinds: kinds})
		}
	}
	return out, nil
}
