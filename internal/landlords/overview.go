package landlords

import (
	"context"
	"fmt"
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// Overview is staff's page of one landlord: its data and agreement, its accounts, its
// vacancies and, for the current calendar year, the vacancies offered and let against the
// yearly quota of the agreement.
type Overview struct {
	*AgreementView
	Users     []domain.User
	Vacancies []domain.Vacancy
	Year      int
	Quota     store.LandlordQuotaRow
}

// Overview returns one landlord for staff and admins (domain.Actor.CanManageLandlords).
func (s *Service) Overview(ctx context.Context, a Actor, landlordID int64) (*Overview, error) {
	if err := requireStaff(a); err != nil {
		return nil, err
	}
	view, err := s.agreementView(ctx, landlordID)
	if err != nil {
		return nil, err
	}
	o := &Overview{AgreementView: view}
	if o.Users, err = s.store.LandlordUsers(ctx, landlordID); err != nil {
		return nil, err
	}
	if o.Vacancies, err = s.store.VacanciesOfLandlord(ctx, landlordID); err != nil {
		return nil, err
	}
	o.Year = s.store.Now().In(domain.Berlin).Year()
	from := time.Date(o.Year, time.January, 1, 0, 0, 0, 0, domain.Berlin)
	rows, err := s.store.LandlordQuotas(ctx, from, from.AddDate(1, 0, 0))
	if err != nil {
		return nil, fmt.Errorf("landlords: overview %d: %w", landlordID, err)
	}
	o.Quota = store.LandlordQuotaRow{LandlordID: landlordID, Name: view.Landlord.Name}
	if view.Agreement != nil {
		o.Quota.YearlyQuota = view.Agreement.YearlyQuota
	}
	for _, r := range rows {
		if r.LandlordID == landlordID {
			o.Quota = r
		}
	}
	return o, nil
}
