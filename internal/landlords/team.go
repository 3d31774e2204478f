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
