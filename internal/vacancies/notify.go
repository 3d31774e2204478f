package vacancies

import (
	"context"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// notifyStaffSubmitted queues the email to staff about a submitted vacancy.
// TODO(mail): write through the mail package once it is merged.
func (s *Service) notifyStaffSubmitted(ctx context.Context, tx *store.Store, v *domain.Vacancy) error {
	return nil
}

// notifyLandlordSentBack queues the email to the landlord's accounts about a sent-back vacancy.
// TODO(mail): write through the mail package once it is merged.
func (s *Service) notifyLandlordSentBack(ctx context.Context, tx *store.Store, v *domain.Vacancy, comment string) error {
	return nil
}
