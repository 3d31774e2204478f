package workflow

import (
	"context"
	"fmt"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// ListViewings lists viewings with the role rules of ListMatches: staff and admins see all,
// caseworkers those of their households, landlords those for their own vacancies (a viewing
// exists only once staff approved its match).
func (s *Service) ListViewings(ctx context.Context, a Actor, f store.ViewingFilter) ([]store.ViewingRow, error) {
	if !a.CanSeeMatches() {
		return nil, fmt.Errorf("workflow: list viewings: %w", domain.ErrForbidden)
	}
	switch a.Role() {
	case domain.RoleStaff, domain.RoleAdmin:
	case domain.RoleCaseworker:
		f.CaseworkerID = a.User.ID
	case domain.RoleLandlord:
		if a.User.LandlordID == nil {
			return nil, fmt.Errorf("workflow: landlord account without landlord: %w", domain.ErrForbidden)
		}
		f.LandlordID = *a.User.LandlordID
	default:
		return nil, fmt.Errorf("workflow: list viewings: %w", domain.ErrForbidden)
	}
	return s.store.ListViewings(ctx, f)
}
