package landlords

import (
	"context"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// TODO(mail): the functions below write outbox rows through the mail package once it is
// merged into main; until then they queue nothing.

func (s *Service) mailInvitation(ctx context.Context, tx *store.Store, l *domain.Landlord, u *domain.User, token string, by *domain.User) error {
	return nil
}

func (s *Service) mailRegistered(ctx context.Context, tx *store.Store, l *domain.Landlord) error {
	return nil
}

func (s *Service) mailActivated(ctx context.Context, tx *store.Store, landlordID int64) error {
	return nil
}

func (s *Service) mailReset(ctx context.Context, tx *store.Store, u *domain.User, token string) error {
	return nil
}
