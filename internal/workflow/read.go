package workflow

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// MatchView is a match with its vacancy, its household and its current viewing (nil when
// there is none). Callers decide what of the household a role may see (docs/design.md §2).
type MatchView struct {
	Match     *domain.Match
	Vacancy   *domain.Vacancy
	Household *domain.Household
	Viewing   *domain.Viewing
}

// OpenMatch returns a match the actor may see (domain.Actor.CanSeeMatch); others are
// ErrNotFound, so ids are not confirmed.
func (s *Service) OpenMatch(ctx context.Context, a Actor, id int64) (*MatchView, error) {
	if !a.CanSeeMatches() {
		return nil, fmt.Errorf("workflow: match %d: %w", id, domain.ErrForbidden)
	}
	m, err := s.store.MatchByID(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.matchView(ctx, a, m)
}

// OpenViewing returns the match of a viewing the actor may see, with that viewing.
func (s *Service) OpenViewing(ctx context.Context, a Actor, viewingID int64) (*MatchView, error) {
	if !a.CanSeeMatches() {
		return nil, fmt.Errorf("workflow: viewing %d: %w", viewingID, domain.ErrForbidden)
	}
	vw, err := s.store.ViewingByID(ctx, viewingID)
	if err != nil {
		return nil, err
	}
	m, err := s.store.MatchByID(ctx, vw.MatchID)
	if err != nil {
		return nil, err
	}
	mv, err := s.matchView(ctx, a, m)
	if err != nil {
		return nil, err
	}
	mv.Viewing = vw
	return mv, nil
}

func (s *Service) matchView(ctx context.Context, a Actor, m *domain.Match) (*MatchView, error) {
	v, err := s.store.VacancyByID(ctx, m.VacancyID)
	if err != nil {
		return nil, err
	}
	h, err := s.store.HouseholdByID(ctx, m.HouseholdID)
	if err != nil {
		return nil, err
	}
	if !a.CanSeeMatch(m, v, h) {
		return nil, fmt.Errorf("workflow: match %d: %w", m.ID, domain.ErrNotFound)
	}
	mv := &MatchView{Match: m, Vacancy: v, Household: h}
	vw, err := s.store.CurrentViewing(ctx, m.ID)
	switch {
	case err == nil:
		mv.Viewing = vw
	case !errors.Is(err, domain.ErrNotFound):
		return nil, err
	}
	return mv, nil
}

// ListMatches lists the matches the actor may see, narrowed by the filter.
func (s *Service) ListMatches(ctx context.Context, a Actor, f store.MatchFilter) ([]store.MatchRow, error) {
	if !a.CanSeeMatches() {
		return nil, fmt.Errorf("workflow: list matches: %w", domain.ErrForbidden)
	}
	// The filters narrow the list to what domain.Actor.CanSeeMatch allows.
	switch a.Role() {
	case domain.RoleStaff, domain.RoleAdmin:
	case domain.RoleCaseworker:
		f.CaseworkerID = a.User.ID
	case domain.RoleLandlord:
		if a.User.LandlordID == nil {
			return nil, fmt.Errorf("workflow: landlord account without landlord: %w", domain.ErrForbidden)
		}
		f.LandlordID = *a.User.LandlordID
		if len(f.States) == 0 {
			f.States = domain.MatchTransitions.States()
		}
		// A landlord never sees proposals staff have not approved.
		f.States = slices.DeleteFunc(slices.Clone(f.States), func(s domain.MatchState) bool { return s == domain.MatchProposed })
		if len(f.States) == 0 {
			return nil, nil
		}
	default:
		return nil, fmt.Errorf("workflow: list matches: %w", domain.ErrForbidden)
	}
	return s.store.ListMatches(ctx, f)
}

// CancelViewing cancels a pending viewing as a staff decision: its match is withdrawn and
// the slot freed (Withdraw). A viewing that was held, missed or cancelled already is a
// ConflictError. The reason (domain.WithdrawReasons) goes into the audit log and the
// messages. Only staff and admins cancel (domain.Actor.CanSteerMatches).
func (s *Service) CancelViewing(ctx context.Context, a Actor, viewingID int64, reason domain.Reason) error {
	if !a.CanSteerMatches() {
		return fmt.Errorf("workflow: cancel viewing %d: %w", viewingID, domain.ErrForbidden)
	}
	vw, err := s.store.ViewingByID(ctx, viewingID)
	if err != nil {
		return err
	}
	if !vw.State.CanMove(domain.ViewingCancelled) {
		return domain.Conflict(domain.CodeViewingNotPlanned, "Die Besichtigung ist nicht mehr geplant und kann nicht abgesagt werden.")
	}
	cur, err := s.store.CurrentViewing(ctx, vw.MatchID)
	if err != nil {
		return err
	}
	if cur.ID != vw.ID {
		return domain.Conflict(domain.CodeViewingSuperseded, "Diese Besichtigung wurde durch eine neuere ersetzt.")
	}
	return s.withdraw(ctx, a, vw.MatchID, reason, "viewing.cancel")
}
