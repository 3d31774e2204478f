package workflow

import (
	"context"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/mail"
)

// LandlordContacts is the one rule for whom a landlord's mails go to: the organisation's
// address, or, without one, its active accounts (for the follow-ups' satisfaction check).
func LandlordContacts(ctx context.Context, tx *store.Store, l *domain.Landlord) ([]mail.Contact, error) {
	return landlordContacts(ctx, tx, l)
}
