package workflow

import (
	"context"
	"fmt"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// startTenancy starts the tenancy of a lease inside the lease's transaction: from today,
// with the household's caseworker as companion and the landlord's Ansprechperson as
// contact (docs/design.md §8). A tenancy the household still has from an earlier lease ends
// today: the household moved on into the new flat, housed.
func (s *Service) startTenancy(ctx context.Context, tx *store.Store, a Actor, m *domain.Match, v *domain.Vacancy) error {
	h, err := tx.HouseholdByID(ctx, m.HouseholdID)
	if err != nil {
		return err
	}
	today := tx.Today()
	prev, err := tx.ActiveTenancyOfHousehold(ctx, h.ID)
	if err != nil {
		return err
	}
	if prev != nil {
		end := domain.TenancyEnd{EndDate: today, Reason: domain.EndHousedElsewhere,
			Note: "Neuer Mietvertrag über Wohnbrücke"}
		if end.EndDate < prev.StartDate {
			end.EndDate = prev.StartDate
		}
		if err := tx.EndTenancy(ctx, prev.ID, end, true, a.UserID()); err != nil {
			return err
		}
		if err := s.audit(ctx, tx, a, "tenancy.end", "tenancy", prev.ID, end.Reason.Label()); err != nil {
			return err
		}
	}
	var contactID *int64
	if contact, err := tx.AgreementContact(ctx, v.LandlordID); err != nil {
		return err
	} else if contact != nil {
		contactID = &contact.ID
	}
	t := domain.NewTenancy(m, v, h, contactID, today)
	if err := tx.CreateTenancy(ctx, t); err != nil {
		return err
	}
	return s.audit(ctx, tx, a, "tenancy.start", "tenancy", t.ID, fmt.Sprintf("ab %s", today))
}
