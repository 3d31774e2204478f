package landlords

import (
	"context"
	"fmt"
	"strings"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// ProfileInput is what a landlord keeps up to date about itself: the organisation's data
// and address, and the contact person (Kontaktperson) the city calls.
type ProfileInput struct {
	Org     Organisation
	Contact ContactPerson
}

// ContactPerson is the landlord's Kontaktperson (the city's own contact is the Ansprechperson).
type ContactPerson struct {
	Name string `form:"contact_name" label:"die Kontaktperson" validate:"required,max=200"`
}

// ProfileInputOf returns the stored data as the form's input.
func ProfileInputOf(l *domain.Landlord) ProfileInput {
	return ProfileInput{Org: Organisation{Name: l.Name, Kind: l.Kind, Email: l.Email, Phone: l.Phone, Street: l.Street,
		PostalCode: l.PostalCode, City: l.City}, Contact: ContactPerson{Name: l.ContactName}}
}

// Profile returns the landlord organisation the actor works for.
func (s *Service) Profile(ctx context.Context, a Actor) (*domain.Landlord, error) {
	lid, err := landlordOf(a)
	if err != nil {
		return nil, err
	}
	return s.store.LandlordByID(ctx, lid)
}

// UpdateProfile saves a landlord's organisation data and contact person: a landlord
// account its own, staff and admins any landlord's (domain.Actor.CanEditLandlord). The
// audit entry names the changed fields, not their values.
func (s *Service) UpdateProfile(ctx context.Context, a Actor, landlordID int64, in ProfileInput) error {
	if !a.CanEditLandlord(landlordID) {
		if _, own := a.LandlordID(); own {
			return fmt.Errorf("landlords: profile %d: %w", landlordID, domain.ErrNotFound)
		}
		return fmt.Errorf("landlords: profile %d: %w", landlordID, domain.ErrForbidden)
	}
	in.Contact.Name = strings.TrimSpace(in.Contact.Name)
	ve := domain.NewValidationError()
	for _, part := range []any{&in.Org, &in.Contact} {
		if err := s.validate.Into(ve, part); err != nil {
			return err
		}
	}
	if err := ve.OrNil(); err != nil {
		return err
	}
	return s.store.Tx(ctx, func(tx *store.Store) error {
		old, err := tx.LandlordByID(ctx, landlordID)
		if err != nil {
			return err
		}
		l := in.Org.landlord()
		l.ID, l.ContactName = landlordID, in.Contact.Name
		changed := changedProfileFields(old, l)
		if len(changed) == 0 {
			return nil
		}
		if err := tx.UpdateLandlordProfile(ctx, l); err != nil {
			return err
		}
		return tx.Audit(ctx, a.Audit("landlord.profile", "landlord", landlordID, strings.Join(changed, ", ")))
	})
}

// changedProfileFields names, in German, the fields that differ between old and new.
func changedProfileFields(old, l *domain.Landlord) []string {
	var out []string
	for _, f := range []struct {
		label    string
		was, now string
	}{
		{"Name", old.Name, l.Name}, {"Art", string(old.Kind), string(l.Kind)}, {"Kontaktperson", old.ContactName, l.ContactName},
		{"E-Mail-Adresse", old.Email, l.Email}, {"Telefon", old.Phone, l.Phone}, {"Straße", old.Street, l.Street},
		{"Postleitzahl", old.PostalCode, l.PostalCode}, {"Ort", old.City, l.City},
	} {
		if f.was != f.now {
			out = append(out, f.label)
		}
	}
	return out
}
