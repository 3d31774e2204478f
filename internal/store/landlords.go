package store

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"wohnbruecke/internal/domain"
)

// CreateLandlord inserts a landlord.
func (s *Store) CreateLandlord(ctx context.Context, l *domain.Landlord) error {
	now := s.Now()
	l.CreatedAt, l.UpdatedAt = now, now
	if err := s.q(ctx).Create(l).Error; err != nil {
		return fmt.Errorf("store: create landlord: %w", err)
	}
	return nil
}

// LandlordByID finds a landlord.
func (s *Store) LandlordByID(ctx context.Context, id int64) (*domain.Landlord, error) {
	var l domain.Landlord
	if err := s.q(ctx).Take(&l, id).Error; err != nil {
		return nil, notFound("landlord by id", err)
	}
	return &l, nil
}

// CreateAgreement inserts a cooperation agreement.
func (s *Store) CreateAgreement(ctx context.Context, a *domain.CooperationAgreement) error {
	now := s.Now()
	a.CreatedAt, a.UpdatedAt = now, now
	if err := s.q(ctx).Create(a).Error; err != nil {
		if isUniqueViolation(err) {
			return domain.Conflict(domain.CodeAgreementVersionExists, "Für diese Version gibt es bereits eine Vereinbarung.")
		}
		return fmt.Errorf("store: create agreement: %w", err)
	}
	return nil
}

// CurrentAgreement returns the landlord's newest agreement, or nil when there is none.
func (s *Store) CurrentAgreement(ctx context.Context, landlordID int64) (*domain.CooperationAgreement, error) {
	var a domain.CooperationAgreement
	err := s.q(ctx).Where("landlord_id = ?", landlordID).Order("created_at DESC, id DESC").Take(&a).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: current agreement: %w", err)
	}
	return &a, nil
}

// AgreementContact returns the Ansprechperson of the landlord's current agreement, or
// nil when there is no agreement or it names none.
func (s *Store) AgreementContact(ctx context.Context, landlordID int64) (*domain.User, error) {
	ag, err := s.CurrentAgreement(ctx, landlordID)
	if err != nil || ag == nil || ag.ContactUserID == nil {
		return nil, err
	}
	return s.UserByID(ctx, *ag.ContactUserID)
}

// LandlordRow is a landlord with its accounts for the staff list.
type LandlordRow struct {
	domain.Landlord
	Users []domain.User
}

// ListLandlords lists all landlords, the ones waiting for activation first, with accounts.
func (s *Store) ListLandlords(ctx context.Context) ([]LandlordRow, error) {
	var ls []domain.Landlord
	err := s.q(ctx).Order(clause.OrderBy{Expression: clause.Expr{SQL: "CASE status WHEN ? THEN 0 WHEN ? THEN 1 ELSE 2 END, name, id",
		Vars: []any{domain.LandlordInvited, domain.LandlordActive}}}).Find(&ls).Error
	if err != nil {
		return nil, fmt.Errorf("store: list landlords: %w", err)
	}
	var users []domain.User
	if err := s.q(ctx).Where("landlord_id IS NOT NULL").Order("name, id").Find(&users).Error; err != nil {
		return nil, fmt.Errorf("store: list landlord users: %w", err)
	}
	byLandlord := map[int64][]domain.User{}
	for _, u := range users {
		byLandlord[*u.LandlordID] = append(byLandlord[*u.LandlordID], u)
	}
	rows := make([]LandlordRow, len(ls))
	for i, l := range ls {
		rows[i] = LandlordRow{Landlord: l, Users: byLandlord[l.ID]}
	}
	return rows, nil
}

// LandlordUsers lists the accounts of one landlord.
func (s *Store) LandlordUsers(ctx context.Context, landlordID int64) ([]domain.User, error) {
	var users []domain.User
	if err := s.q(ctx).Where("landlord_id = ?", landlordID).Order("name, id").Find(&users).Error; err != nil {
		return nil, fmt.Errorf("store: landlord users: %w", err)
	}
	return users, nil
}

// ErrLandlordAlreadyActive answers activating a landlord that is active.
var ErrLandlordAlreadyActive = &domain.ConflictError{Code: domain.CodeLandlordAlreadyActive, Message: "Diese Vermieter*in ist bereits freigeschaltet."}

// landlordAlready are the answers to a landlord change into the state it already has.
var landlordAlready = map[domain.LandlordStatus]*domain.ConflictError{
	domain.LandlordActive:  ErrLandlordAlreadyActive,
	domain.LandlordBlocked: {Code: domain.CodeLandlordAlreadyBlocked, Message: "Dieser Zugang ist bereits gesperrt."},
}

// SetLandlordStatus moves a landlord to another state, from one of the states the
// landlord table allows that change from (into the state it has: landlordAlready).
// Blocking also deactivates its accounts (which
// ends their sessions at the next request); activating reactivates the accounts that have
// a password.
func (s *Store) SetLandlordStatus(ctx context.Context, id int64, to domain.LandlordStatus) error {
	return s.tx(ctx, func(tx *Store) error {
		err := move(ctx, tx, stateChange[domain.LandlordStatus]{table: domain.LandlordTransitions, model: &domain.Landlord{},
			column: "status", id: id, to: to, already: landlordAlready[to]})
		if err != nil {
			return fmt.Errorf("store: landlord %d to %s: %w", id, to, err)
		}
		now := tx.Now()
		users := tx.q(ctx).Model(&domain.User{}).Where("landlord_id = ?", id)
		switch to {
		case domain.LandlordBlocked:
			users = users.Updates(map[string]any{"active": false, "updated_at": now})
		case domain.LandlordActive:
			users = users.Where("password_hash <> ''").Updates(map[string]any{"active": true, "updated_at": now})
		}
		if users.Error != nil {
			return fmt.Errorf("store: landlord users active: %w", users.Error)
		}
		return nil
	})
}

// ActivateUser marks an account active, e.g. after an invited user set a password.
func (s *Store) ActivateUser(ctx context.Context, userID int64) error {
	res := s.q(ctx).Model(&domain.User{}).Where("id = ?", userID).
		Updates(map[string]any{"active": true, "updated_at": s.Now()})
	if res.Error != nil {
		return fmt.Errorf("store: activate user: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("store: activate user: %w", domain.ErrNotFound)
	}
	return nil
}

// SignAgreement records the signature of an unsigned agreement once; a second signature
// of the same agreement is a conflict.
func (s *Store) SignAgreement(ctx context.Context, a *domain.CooperationAgreement) error {
	now := s.Now()
	res := s.q(ctx).Model(&domain.CooperationAgreement{}).
		Where("id = ? AND landlord_id = ? AND signed_at IS NULL", a.ID, a.LandlordID).
		Updates(map[string]any{
			"signed_at": now, "signed_by_user_id": a.SignedByUserID, "signed_by_name": a.SignedByName,
			"accepts_certificate": a.AcceptsCertificate, "accepts_accompaniment": a.AcceptsAccompaniment,
			"accepts_fachstelle": a.AcceptsFachstelle, "yearly_quota": a.YearlyQuota, "updated_at": now,
		})
	if res.Error != nil {
		return fmt.Errorf("store: sign agreement: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return domain.Conflict(domain.CodeAgreementSigned, "Diese Kooperationsvereinbarung ist bereits unterschrieben.")
	}
	a.SignedAt = &now
	return nil
}

// UpdateLandlordProfile saves a landlord's organisation data and Ansprechperson (not its
// status).
func (s *Store) UpdateLandlordProfile(ctx context.Context, l *domain.Landlord) error {
	res := s.q(ctx).Model(&domain.Landlord{}).Where("id = ?", l.ID).Updates(map[string]any{
		"name": l.Name, "kind": l.Kind, "contact_name": l.ContactName, "email": l.Email, "phone": l.Phone,
		"street": l.Street, "postal_code": l.PostalCode, "city": l.City, "updated_at": s.Now(),
	})
	if res.Error != nil {
		return fmt.Errorf("store: update landlord profile: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("store: update landlord profile: %w", domain.ErrNotFound)
	}
	return nil
}
