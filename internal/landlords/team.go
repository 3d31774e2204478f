package landlords

import (
	"context"
	"fmt"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/mail"
)

// TeamInput is a new account of the city's team: Wohnraumakquise/Fachstelle (staff),
// Wohnbegleitung (caseworker) or administration. The invitation link and the password
// step are the same as for landlord accounts, so they live in this service.
type TeamInput struct {
	Person Person
	Role   string
}

// InviteTeamMember creates an inactive team account and mails it a one-time link to set
// the password (admins only). A taken email is a field message.
func (s *Service) InviteTeamMember(ctx context.Context, a Actor, in TeamInput) (*Invited, error) {
	if !a.CanInviteTeam() {
		return nil, fmt.Errorf("landlords: invite team member: %w", domain.ErrForbidden)
	}
	in.Person.normalise()
	ve := domain.NewValidationError()
	if err := s.validate.Into(ve, &in.Person); err != nil {
		return nil, err
	}
	if r := domain.Role(in.Role); !r.Valid() || r == domain.RoleLandlord {
		ve.Add("role", "Bitte wählen Sie die Rolle: Wohnraumakquise/Fachstelle, Wohnbegleitung oder Administration.")
	}
	if err := ve.OrNil(); err != nil {
		return nil, err
	}
	p := in.Person
	out := &Invited{User: &domain.User{Email: p.Email, Name: p.Name, Phone: p.Phone, Role: domain.Role(in.Role)}}
	err := s.store.Tx(ctx, func(tx *store.Store) error {
		if err := createUser(ctx, tx, out.User); err != nil {
			return err
		}
		var err error
		if out.Token, err = newLink(ctx, tx, out.User.ID, "invite", InviteValidity); err != nil {
			return err
		}
		d := mail.AccountInvitation{To: *mail.ContactOf(out.User), UserID: out.User.ID, Organisation: out.User.Role.Label(),
			InvitedBy: a.User.Name, HelpPhone: a.User.Phone, SetPasswordURL: s.links.SetPassword(out.Token),
			ValidUntil: tx.Now().Add(InviteValidity)}
		if err := s.enqueue(ctx, tx, "team invitation", func() ([]domain.OutboxMessage, error) { return s.composer.TeamInvitationMessage(d) }); err != nil {
			return err
		}
		return audit(ctx, tx, a, "user.invite", "user", out.User.ID)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// teamAccount finds a team account (staff, caseworker, admin) an admin may manage; a
// landlord's account or an unknown id is ErrNotFound.
func teamAccount(ctx context.Context, tx *store.Store, a Actor, userID int64) (*domain.User, error) {
	if !a.CanManageTeam() {
		return nil, fmt.Errorf("landlords: team account %d: %w", userID, domain.ErrForbidden)
	}
	u, err := tx.UserByID(ctx, userID)
	if err != nil {
		return nil, err
	}
	if u.Role == domain.RoleLandlord || u.LandlordID != nil {
		return nil, fmt.Errorf("landlords: team account %d: %w", userID, domain.ErrNotFound)
	}
	return u, nil
}

// TeamAccount returns a team account for the admin's account page.
func (s *Service) TeamAccount(ctx context.Context, a Actor, userID int64) (*domain.User, error) {
	return teamAccount(ctx, s.store, a, userID)
}

// keepsAnAdmin refuses a change that would leave no active admin (nobody could then
// manage the team, the weights or the API tokens).
func keepsAnAdmin(ctx context.Context, tx *store.Store, u *domain.User) error {
	if u.Role != domain.RoleAdmin || !u.Active {
		return nil
	}
	n, err := tx.LockActiveAdmins(ctx)
	if err != nil {
		return err
	}
	if n <= 1 {
		return domain.Conflict(domain.CodeLastAdmin, "Dies ist der letzte aktive Zugang mit der Rolle Administration. Legen Sie zuerst einen weiteren an oder geben Sie einem anderen Zugang diese Rolle.")
	}
	return nil
}

// DeactivateTeamMember closes a team account: it can no longer sign in, its sessions end
// and an unused invitation link stops working (admins only). An admin cannot deactivate
// themselves or the last active admin.
func (s *Service) DeactivateTeamMember(ctx context.Context, a Actor, userID int64) error {
	return s.store.Tx(ctx, func(tx *store.Store) error {
		u, err := teamAccount(ctx, tx, a, userID)
		if err != nil {
			return err
		}
		if u.ID == a.User.ID {
			return domain.Conflict(domain.CodeOwnAccount, "Sie können Ihren eigenen Zugang nicht deaktivieren. Bitten Sie eine andere Person mit der Rolle Administration darum.")
		}
		switch {
		case u.PasswordHash == "":
			return domain.Conflict(domain.CodeInvitationPending, "Diese Einladung ist noch nicht angenommen; der Zugang kann sich noch nicht anmelden. Der Link in der Einladung verfällt nach sieben Tagen.")
		case !u.Active:
			return domain.Conflict(domain.CodeAccountAlreadyInactive, "Dieser Zugang ist bereits deaktiviert.")
		}
		if err := keepsAnAdmin(ctx, tx, u); err != nil {
			return err
		}
		if err := tx.DeactivateUser(ctx, u.ID); err != nil {
			return err
		}
		return audit(ctx, tx, a, "user.deactivate", "user", u.ID)
	})
}

// ReactivateTeamMember lets a deactivated team account sign in again with its password
// (admins only). An account that never set a password gets a new invitation instead.
func (s *Service) ReactivateTeamMember(ctx context.Context, a Actor, userID int64) error {
	return s.store.Tx(ctx, func(tx *store.Store) error {
		u, err := teamAccount(ctx, tx, a, userID)
		if err != nil {
			return err
		}
		switch {
		case u.Active:
			return domain.Conflict(domain.CodeAccountAlreadyActive, "Dieser Zugang ist bereits aktiv.")
		case u.PasswordHash == "":
			return domain.Conflict(domain.CodePasswordMissing, "Für diesen Zugang wurde noch kein Passwort gesetzt. Legen Sie ihn neu an, damit eine neue Einladung verschickt wird.")
		}
		if err := tx.ActivateUser(ctx, u.ID); err != nil {
			return err
		}
		return audit(ctx, tx, a, "user.reactivate", "user", u.ID)
	})
}

// ChangeTeamRole gives a team account another team role (admins only); its sessions end,
// so that it signs in again into the area of its new role. An admin cannot change their
// own role or take the role from the last active admin.
func (s *Service) ChangeTeamRole(ctx context.Context, a Actor, userID int64, role string) error {
	to := domain.Role(role)
	if !to.Valid() || to == domain.RoleLandlord {
		return &domain.ValidationError{Fields: map[string]string{"role": "Bitte wählen Sie die Rolle: Wohnraumakquise/Fachstelle, Wohnbegleitung oder Administration."}}
	}
	return s.store.Tx(ctx, func(tx *store.Store) error {
		u, err := teamAccount(ctx, tx, a, userID)
		if err != nil {
			return err
		}
		if u.Role == to {
			return nil
		}
		if u.ID == a.User.ID {
			return domain.Conflict(domain.CodeOwnAccount, "Sie können Ihre eigene Rolle nicht ändern. Bitten Sie eine andere Person mit der Rolle Administration darum.")
		}
		if err := keepsAnAdmin(ctx, tx, u); err != nil {
			return err
		}
		if err := tx.SetUserRole(ctx, u.ID, to); err != nil {
			return err
		}
		return tx.Audit(ctx, a.Audit("user.role", "user", u.ID, u.Role.Label()+" → "+to.Label()))
	})
}
