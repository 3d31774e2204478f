// Package landlords holds how landlords get in and commit: staff invitations, self
// registration and activation, blocking, colleagues, one-time links (invitation, password
// reset) and the cooperation agreement. The portal and the API share it.
package landlords

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"wohnbruecke/internal/auth"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/links"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/validate"
	"wohnbruecke/mail"
)

// Link lifetimes.
const (
	InviteValidity = 7 * 24 * time.Hour
	ResetValidity  = time.Hour
)

// Throttles of the anonymous forms: requests allowed per IP address and per email address
// within throttleWindow.
const (
	throttleWindow          = time.Hour
	registrationsPerIP      = 5
	registrationsPerAddress = 3
	resetsPerIP             = 10
	resetsPerAddress        = 3
)

// Actor is who acts.
type Actor = domain.Actor

// Service runs the landlord account use cases.
type Service struct {
	store    *store.Store
	validate *validate.Validator
	composer *mail.Composer
	links    links.Links
}

// New returns the service. The composer renders the account emails; baseURL (BASE_URL,
// without a trailing slash) begins the links in them.
func New(st *store.Store, v *validate.Validator, composer *mail.Composer, baseURL string) *Service {
	return &Service{store: st, validate: v, composer: composer, links: links.New(baseURL)}
}

// requireStaff lets only those through who manage landlords
// (domain.Actor.CanManageLandlords).
func requireStaff(a Actor) error {
	if !a.CanManageLandlords() {
		return fmt.Errorf("landlords: not staff: %w", domain.ErrForbidden)
	}
	return nil
}

// landlordOf returns the landlord the actor works for; anyone else may not use the
// landlord's side.
func landlordOf(a Actor) (int64, error) {
	lid, ok := a.LandlordID()
	if !ok {
		return 0, fmt.Errorf("landlords: not a landlord: %w", domain.ErrForbidden)
	}
	return lid, nil
}

func audit(ctx context.Context, tx *store.Store, a Actor, action, entity string, id int64) error {
	return tx.Audit(ctx, a.Audit(action, entity, id, ""))
}

// newLink creates a one-time token for a user and stores its hash; it returns the raw
// token for the email.
func newLink(ctx context.Context, tx *store.Store, userID int64, purpose string, validity time.Duration) (string, error) {
	raw, err := auth.NewToken()
	if err != nil {
		return "", err
	}
	tok := &domain.UserToken{UserID: userID, Purpose: purpose, TokenHash: auth.HashToken(raw), ExpiresAt: tx.Now().Add(validity)}
	if err := tx.CreateUserToken(ctx, tok); err != nil {
		return "", err
	}
	return raw, nil
}

// PasswordInput is a new password typed twice.
type PasswordInput struct {
	Password string `form:"password" label:"Passwort"`
	Confirm  string `form:"password_confirm" label:"Passwort-Wiederholung"`
}

// check applies the one password rule (auth.CheckNewPassword) for the account with this
// email and name.
func (p PasswordInput) check(ve *domain.ValidationError, email, name string) {
	if msg := auth.CheckNewPassword(p.Password, email, name); msg != "" {
		ve.Add("password", msg)
	} else if p.Password != p.Confirm {
		ve.Add("password_confirm", "Die beiden Passwörter stimmen nicht überein.")
	}
}

// Person is a landlord's employee with an account.
type Person struct {
	Name  string `form:"user_name" label:"den Namen" validate:"required,max=200"`
	Email string `form:"user_email" label:"die E-Mail-Adresse" validate:"required,email,max=254"`
	Phone string `form:"user_phone" label:"Telefon" validate:"omitempty,phone"`
}

func (p *Person) normalise() {
	p.Name, p.Email, p.Phone = strings.TrimSpace(p.Name), strings.TrimSpace(p.Email), strings.TrimSpace(p.Phone)
}

func (p Person) user(landlordID int64) *domain.User {
	return &domain.User{Email: p.Email, Name: p.Name, Phone: p.Phone, Role: domain.RoleLandlord, LandlordID: &landlordID}
}

// Organisation is the landlord as an organisation.
type Organisation struct {
	Name       string              `form:"name" label:"den Namen" validate:"required,max=200"`
	Kind       domain.LandlordKind `form:"kind" label:"Art" validate:"enum"`
	Email      string              `form:"email" label:"die E-Mail-Adresse" validate:"omitempty,email,max=254"`
	Phone      string              `form:"phone" label:"Telefon" validate:"omitempty,phone"`
	Street     string              `form:"street" label:"Straße" validate:"max=200"`
	PostalCode string              `form:"postal_code" label:"Postleitzahl" validate:"omitempty,numeric,len=5"`
	City       string              `form:"city" label:"Ort" validate:"max=100"`
}

func (o *Organisation) landlord() *domain.Landlord {
	t := strings.TrimSpace
	return &domain.Landlord{Name: t(o.Name), Kind: o.Kind, Email: store.NormalizeEmail(o.Email), Phone: t(o.Phone),
		Street: t(o.Street), PostalCode: t(o.PostalCode), City: t(o.City), Status: domain.LandlordInvited}
}

// InviteInput is staff's invitation of a new landlord: the organisation, its first user,
// the Ansprechperson and whether the city's guarantee applies.
type InviteInput struct {
	Org           Organisation
	User          Person
	ContactUserID int64
	Guarantee     bool
}

// Invited is the result of an invitation; Token is the raw link token (the database keeps
// only its hash).
type Invited struct {
	Landlord *domain.Landlord
	User     *domain.User
	Token    string
}

// Invite creates a landlord, its first (inactive) account, an unsigned agreement with the
// Ansprechperson and a one-time link to set the password (staff).
func (s *Service) Invite(ctx context.Context, a Actor, in InviteInput) (*Invited, error) {
	if err := requireStaff(a); err != nil {
		return nil, err
	}
	in.User.normalise()
	ve := domain.NewValidationError()
	for _, part := range []any{&in.Org, &in.User} {
		if err := s.validate.Into(ve, part); err != nil {
			return nil, err
		}
	}
	contact, err := s.contact(ctx, in.ContactUserID)
	if err != nil {
		return nil, err
	}
	if contact == nil {
		ve.Add("contact_user_id", "Bitte wählen Sie die Ansprechperson aus.")
	}
	if err := ve.OrNil(); err != nil {
		return nil, err
	}
	out := &Invited{Landlord: in.Org.landlord()}
	if out.Landlord.Email == "" {
		out.Landlord.Email = store.NormalizeEmail(in.User.Email)
	}
	out.Landlord.ContactName = in.User.Name
	err = s.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.CreateLandlord(ctx, out.Landlord); err != nil {
			return err
		}
		out.User = in.User.user(out.Landlord.ID)
		if err := createUser(ctx, tx, out.User); err != nil {
			return err
		}
		if err := tx.CreateAgreement(ctx, &domain.CooperationAgreement{LandlordID: out.Landlord.ID, Version: AgreementVersion,
			ContactUserID: &contact.ID, Guarantee: in.Guarantee}); err != nil {
			return err
		}
		if out.Token, err = newLink(ctx, tx, out.User.ID, "invite", InviteValidity); err != nil {
			return err
		}
		if err := s.mailInvitation(ctx, tx, out.Landlord, out.User, out.Token, a.User); err != nil {
			return err
		}
		return audit(ctx, tx, a, "landlord.invite", "landlord", out.Landlord.ID)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// createUser stores an inactive account and reports a taken email on the email field.
func createUser(ctx context.Context, tx *store.Store, u *domain.User) error {
	err := tx.CreateUser(ctx, u)
	var ce *domain.ConflictError
	if errors.As(err, &ce) {
		return &domain.ValidationError{Fields: map[string]string{"user_email": ce.Message}}
	}
	return err
}

// contact returns the staff user chosen as Ansprechperson, or nil when id is not one.
func (s *Service) contact(ctx context.Context, id int64) (*domain.User, error) {
	if id == 0 {
		return nil, nil
	}
	u, err := s.store.UserByID(ctx, id)
	if errors.Is(err, domain.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if u.Role != domain.RoleStaff || !u.Active {
		return nil, nil
	}
	return u, nil
}

// InviteColleague lets a landlord user give a colleague an account of the same landlord.
func (s *Service) InviteColleague(ctx context.Context, a Actor, p Person) (*Invited, error) {
	lid, err := landlordOf(a)
	if err != nil {
		return nil, err
	}
	p.normalise()
	if err := s.validate.Struct(&p); err != nil {
		return nil, err
	}
	l, err := s.store.LandlordByID(ctx, lid)
	if err != nil {
		return nil, err
	}
	out := &Invited{Landlord: l, User: p.user(lid)}
	err = s.store.Tx(ctx, func(tx *store.Store) error {
		if err := createUser(ctx, tx, out.User); err != nil {
			return err
		}
		if out.Token, err = newLink(ctx, tx, out.User.ID, "invite", InviteValidity); err != nil {
			return err
		}
		if err := s.mailInvitation(ctx, tx, l, out.User, out.Token, a.User); err != nil {
			return err
		}
		return audit(ctx, tx, a, "landlord.invite_colleague", "user", out.User.ID)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Colleagues lists the accounts of the actor's landlord.
func (s *Service) Colleagues(ctx context.Context, a Actor) ([]domain.User, error) {
	lid, err := landlordOf(a)
	if err != nil {
		return nil, err
	}
	return s.store.LandlordUsers(ctx, lid)
}

// RegisterInput is a landlord's own registration: organisation, first user, password.
type RegisterInput struct {
	Org      Organisation
	User     Person
	Password PasswordInput
	Privacy  bool
}

// Register stores a self-registered landlord waiting for activation, with an inactive
// account that already has its password. An address that already has an account (of any
// role) gets a notice by email instead, and the caller gets the same answer as for a new
// one (a nil landlord), so the form does not reveal accounts. Registrations are throttled
// per IP address and per email address. Anyone may register; staff decide on activation.
func (s *Service) Register(ctx context.Context, a Actor, in RegisterInput) (*domain.Landlord, error) {
	in.User.normalise()
	ve := domain.NewValidationError()
	for _, part := range []any{&in.Org, &in.User} {
		if err := s.validate.Into(ve, part); err != nil {
			return nil, err
		}
	}
	in.Password.check(ve, in.User.Email, in.User.Name)
	if !in.Privacy {
		ve.Add("privacy", "Bitte bestätigen Sie, dass Sie die Datenschutzhinweise gelesen haben.")
	}
	if err := ve.OrNil(); err != nil {
		return nil, err
	}
	if err := s.store.ThrottleRequest(ctx, s.store.Now().Add(-throttleWindow), map[string]int64{
		"register:ip:" + a.IP: registrationsPerIP, store.EmailBucket("register", in.User.Email): registrationsPerAddress,
	}); err != nil {
		return nil, err
	}
	// Hashed also for a taken address, so both answers cost the same.
	hash, err := auth.HashPassword(in.Password.Password)
	if err != nil {
		return nil, err
	}
	existing, err := s.store.UserByEmail(ctx, in.User.Email)
	switch {
	case err == nil:
		return nil, s.mailAccountExists(ctx, existing)
	case !errors.Is(err, domain.ErrNotFound):
		return nil, err
	}
	l := in.Org.landlord()
	l.SelfRegistered, l.ContactName = true, in.User.Name
	if l.Email == "" {
		l.Email = store.NormalizeEmail(in.User.Email)
	}
	err = s.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.CreateLandlord(ctx, l); err != nil {
			return err
		}
		u := in.User.user(l.ID)
		u.PasswordHash = hash
		if err := createUser(ctx, tx, u); err != nil {
			return err
		}
		if err := s.mailRegistered(ctx, tx, l); err != nil {
			return err
		}
		return audit(ctx, tx, a, "landlord.register", "landlord", l.ID)
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}
