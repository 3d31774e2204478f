package landlords

import (
	"context"
	"fmt"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/mail"
)

// The functions below queue the emails of the account use cases. Each runs inside the
// caller's transaction, so the change and its email commit together or not at all.

// mailInvitation queues the link to set the password of a new account, invited by staff
// or by a colleague.
func (s *Service) mailInvitation(ctx context.Context, tx *store.Store, l *domain.Landlord, u *domain.User, token string, by *domain.User) error {
	d := mail.AccountInvitation{To: *mail.ContactOf(u), UserID: u.ID, Organisation: l.Name,
		SetPasswordURL: s.links.SetPassword(token), ValidUntil: tx.Now().Add(InviteValidity)}
	if by != nil {
		d.InvitedBy, d.ByColleague = by.Name, by.Role == domain.RoleLandlord
		if !d.ByColleague {
			d.HelpPhone = by.Phone
		}
	}
	return s.enqueue(ctx, tx, "invitation", func() ([]domain.OutboxMessage, error) { return s.composer.LandlordInvitationMessage(d) })
}

// mailRegistered tells the active staff that a self-registered landlord waits.
func (s *Service) mailRegistered(ctx context.Context, tx *store.Store, l *domain.Landlord) error {
	staff, err := tx.UsersByRole(ctx, domain.RoleStaff)
	if err != nil {
		return err
	}
	d := mail.LandlordRegistered{Staff: mail.ActiveContacts(staff), LandlordID: l.ID, Organisation: l.Name, Kind: l.Kind,
		ContactName: l.ContactName, Email: l.Email, Phone: l.Phone, RegisteredAt: tx.Now(),
		ReviewURL: s.links.StaffLandlords()}
	return s.enqueue(ctx, tx, "registration", func() ([]domain.OutboxMessage, error) { return s.composer.StaffLandlordRegistered(d) })
}

// mailActivated tells every account of the landlord that can sign in now (the accounts
// with a password, which activation made active) that the access is open.
func (s *Service) mailActivated(ctx context.Context, tx *store.Store, landlordID int64) error {
	l, err := tx.LandlordByID(ctx, landlordID)
	if err != nil {
		return err
	}
	users, err := tx.LandlordUsers(ctx, landlordID)
	if err != nil {
		return err
	}
	contact, err := tx.AgreementContact(ctx, landlordID)
	if err != nil {
		return err
	}
	d := mail.LandlordActivated{Recipients: mail.ActiveContacts(users), LandlordID: l.ID, Organisation: l.Name,
		ActivatedAt: tx.Now(), LoginURL: s.links.Login(), Contact: mail.ContactOf(contact)}
	return s.enqueue(ctx, tx, "activation", func() ([]domain.OutboxMessage, error) { return s.composer.LandlordActivatedMessage(d) })
}

// mailBlocked tells the landlord's accounts (users, read before the block) and its
// organisation address that the access is blocked, with the reason.
func (s *Service) mailBlocked(ctx context.Context, tx *store.Store, landlordID int64, users []domain.User, reason domain.Reason) error {
	l, err := tx.LandlordByID(ctx, landlordID)
	if err != nil {
		return err
	}
	contact, err := tx.AgreementContact(ctx, landlordID)
	if err != nil {
		return err
	}
	to := mail.ActiveContacts(users)
	if l.Email != "" {
		to = append([]mail.Contact{{Name: l.ContactName, Email: l.Email}}, to...)
	}
	d := mail.LandlordBlocked{Recipients: to, LandlordID: l.ID, Organisation: l.Name, BlockedAt: tx.Now(),
		Reason: reason.Text(domain.BlockReasons), Contact: mail.ContactOf(contact)}
	return s.enqueue(ctx, tx, "block", func() ([]domain.OutboxMessage, error) { return s.composer.LandlordBlockedMessage(d) })
}

// mailReset queues the password reset link.
func (s *Service) mailReset(ctx context.Context, tx *store.Store, u *domain.User, token string) error {
	d := mail.PasswordReset{To: *mail.ContactOf(u), UserID: u.ID, ResetURL: s.links.ResetPassword(token),
		ValidUntil: tx.Now().Add(ResetValidity)}
	return s.enqueue(ctx, tx, "password reset", func() ([]domain.OutboxMessage, error) { return s.composer.PasswordResetMessage(d) })
}

// mailAccountExists tells an existing account that someone registered with its address
// (its own transaction: nothing else changes).
func (s *Service) mailAccountExists(ctx context.Context, u *domain.User) error {
	d := mail.AccountExists{To: *mail.ContactOf(u), UserID: u.ID, LoginURL: s.links.Login(),
		ResetRequestURL: s.links.ResetRequest(), On: s.store.Now()}
	return s.enqueue(ctx, s.store, "account exists", func() ([]domain.OutboxMessage, error) { return s.composer.AccountExistsMessage(d) })
}

// enqueue composes messages and writes them to the outbox of the transaction.
func (s *Service) enqueue(ctx context.Context, tx *store.Store, what string, compose func() ([]domain.OutboxMessage, error)) error {
	msgs, err := compose()
	if err != nil {
		return fmt.Errorf("landlords: %s mail: %w", what, err)
	}
	return tx.EnqueueMessages(ctx, msgs...)
}
