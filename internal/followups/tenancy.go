package followups

import (
	"context"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// endTenancy ends the follow-up's running tenancy through the tenancies' own rule
// (domain.TenancyEnd.Validate, store.EndTenancy guarded by domain.TenancyTransitions) and
// writes the tenancy's audit entry, as ending it on its own page would.
func endTenancy(ctx context.Context, tx *store.Store, a domain.Actor, id int64, ch domain.TenancyChange, note string) error {
	t, err := tx.TenancyByID(ctx, id)
	if err != nil {
		return err
	}
	housed := ch.Reason == domain.EndHousedElsewhere
	end := domain.TenancyEnd{EndDate: ch.EndDate, Reason: ch.Reason, StablyHoused: &housed, Note: note}
	housed, err = end.Validate(t, tx.Today())
	if err != nil {
		return err
	}
	if err := tx.EndTenancy(ctx, id, end, housed, a.UserID()); err != nil {
		return err
	}
	return tx.Audit(ctx, a.Audit("tenancy.end", "tenancy", id, end.Reason.Label()+", "+end.EndDate.String()))
}
