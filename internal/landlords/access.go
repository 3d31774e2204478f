package landlords

import (
	"context"
	"errors"

	"wohnbruecke/internal/auth"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// List returns all landlords with their accounts (staff).
func (s *Service) List(ctx context.Context, a Actor) ([]store.LandlordRow, error) {
	if err := requireStaff(a); err != nil {
		return nil, err
	}
	return s.store.ListLandlords(ctx)
}

// Activate lets a waiting (or blocked) landlord in: its accounts with a password become
// active, and a landlord without an agreement gets an unsigned one with the Ansprechperson.
func (s *Service) Activate(ctx context.Context, a Actor, landlordID, contactUserID int64) error {
	if err := requireStaff(a); err != nil {
		return err
	}
	l, err := s.store.LandlordByID(ctx, landlordID)
	if err != nil {
		return err
	}
	if l.Status == domain.LandlordActive {
		return store.ErrLandlordAlreadyActive // before asking for a contact it would not need
	}
	contact, err := s.contact(ctx, contactUserID)
	if err != nil {
		return err
	}
	ag, err := s.store.CurrentAgreement(ctx, landlordID)
	if err != nil {
		return err
	}
	if contact == nil && (ag == nil || ag.ContactUserID == nil) {
		return &domain.ValidationError{Fields: map[string]string{"contact_user_id": "Bitte wählen Sie die Ansprechperson aus."}}
	}
	return s.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.SetLandlordStatus(ctx, landlordID, domain.LandlordActive); err != nil {
			return err
		}
		if ag == nil {
			err := tx.CreateAgreement(ctx, &domain.CooperationAgreement{LandlordID: landlordID, Version: AgreementVersion, ContactUserID: &contact.ID})
			if err != nil {
				return err
			}
		}
		if err := s.mailActivated(ctx, tx, landlordID); err != nil {
			return err
		}
		return audit(ctx, tx, a, "landlord.activate", "landlord", landlordID)
	})
}

// Block shuts a landlord out: its accounts become inactive, their sessions stop working.
// The reason (domain.BlockReasons; the portal's confirmation asks for one) goes into the
// audit log and into the message that tells the landlord.
func (s *Service) Block(ctx context.Context, a Actor, landlordID int64, reason domain.Reason) error {
	if err := requireStaff(a); err != nil {
		return err
	}
	ve := domain.NewValidationError()
	reason.Validate(domain.BlockReasons, false, ve)
	if err := ve.OrNil(); err != nil {
		return err
	}
	return s.store.Tx(ctx, func(tx *store.Store) error {
		// The accounts that could sign in until now are told, so read them first.
		users, err := tx.LandlordUsers(ctx, landlordID)
		if err != nil {
			return err
		}
		if err := tx.SetLandlordStatus(ctx, landlordID, domain.LandlordBlocked); err != nil {
			return err
		}
		if err := s.mailBlocked(ctx, tx, landlordID, users, reason); err != nil {
			return err
		}
		return tx.Audit(ctx, a.Audit("landlord.block", "landlord", landlordID, reason.Text(domain.BlockReasons)))
	})
}

// OpenLink returns the account behind a valid one-time link; anything else is ErrNotFound.
// It needs no account: the link is the credential.
func (s *Service) OpenLink(ctx context.Context, rawToken, purpose string) (*domain.User, error) {
	tok, err := s.store.ValidUserToken(ctx, auth.HashToken(rawToken), purpose)
	if err != nil {
		return nil, err
	}
	return s.store.UserByID(ctx, tok.UserID)
}

// SetPasswordByLink sets the password through an invitation or reset link, once. It ends
// every session of the account. An accepted invitation activates the account, and a
// landlord invited by staff becomes active with it. It needs no account: the link is the
// credential.
func (s *Service) SetPasswordByLink(ctx context.Context, a Actor, rawToken, purpose string, p PasswordInput) (*domain.User, error) {
	tok, err := s.store.ValidUserToken(ctx, auth.HashToken(rawToken), purpose)
	if err != nil {
		return nil, err
	}
	owner, err := s.store.UserByID(ctx, tok.UserID)
	if err != nil {
		return nil, err
	}
	ve := domain.NewValidationError()
	p.check(ve, owner.Email, owner.Name)
	if err := ve.OrNil(); err != nil {
		return nil, err
	}
	hash, err := auth.HashPassword(p.Password)
	if err != nil {
		return nil, err
	}
	var u *domain.User
	err = s.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.UseUserToken(ctx, tok.ID); err != nil {
			return err
		}
		if err := tx.SetPassword(ctx, tok.UserID, hash); err != nil {
			return err
		}
		if u, err = tx.UserByID(ctx, tok.UserID); err != nil {
			return err
		}
		if purpose == "invite" {
			if err := acceptInvitation(ctx, tx, u); err != nil {
				return err
			}
		}
		a.Label = u.Name
		return audit(ctx, tx, a, "user.password_"+purpose, "user", u.ID)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

func acceptInvitation(ctx context.Context, tx *store.Store, u *domain.User) error {
	if u.LandlordID == nil {
		return tx.ActivateUser(ctx, u.ID)
	}
	l, err := tx.LandlordByID(ctx, *u.LandlordID)
	if err != nil {
		return err
	}
	switch {
	case l.Status == domain.LandlordBlocked:
		return domain.Conflict(domain.CodeLandlordBlocked, "Der Zugang Ihrer Organisation ist gesperrt. Bitte wenden Sie sich an die Wohnraumakquise der Stadt Hagen.")
	case l.Status == domain.LandlordInvited && !l.SelfRegistered:
		if err := tx.SetLandlordStatus(ctx, l.ID, domain.LandlordActive); err != nil {
			return err
		}
	}
	if l.Status == domain.LandlordInvited && l.SelfRegistered {
		return nil // staff still have to activate the organisation
	}
	if err := tx.ActivateUser(ctx, u.ID); err != nil {
		return err
	}
	u.Active = true
	return nil
}

// RequestReset starts a password reset. It answers the same whether or not an active
// account with that email exists, so the form does not reveal accounts; only an existing
// active account gets the email. Requests are throttled per IP address and per email
// address (the portal also evens out the answer's timing). Anyone may ask.
func (s *Service) RequestReset(ctx context.Context, a Actor, email string) error {
	if err := s.store.ThrottleRequest(ctx, s.store.Now().Add(-throttleWindow), map[string]int64{
		"reset:ip:" + a.IP: resetsPerIP, store.EmailBucket("reset", email): resetsPerAddress,
	}); err != nil {
		return err
	}
	u, err := s.store.UserByEmail(ctx, email)
	if errors.Is(err, domain.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if !u.Active || u.PasswordHash == "" {
		return nil
	}
	return s.store.Tx(ctx, func(tx *store.Store) error {
		raw, err := newLink(ctx, tx, u.ID, "reset", ResetValidity)
		if err != nil {
			return err
		}
		if err := s.mailReset(ctx, tx, u, raw); err != nil {
			return err
		}
		a.Label = "Passwort vergessen (" + u.Email + ")"
		return audit(ctx, tx, a, "user.reset_requested", "user", u.ID)
	})
}
