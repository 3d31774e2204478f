package landlords

import (
	"context"
	"fmt"
	"strings"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// AgreementVersion names the text of the Kooperationsvereinbarung „Wohnen“ landlords sign
// now. A new text gets a new version; what a landlord signed stays recorded with its version.
const AgreementVersion = "2026-01"

// AgreementView is the agreement page: the landlord, the agreement (nil when staff have
// not prepared one), the Ansprechperson and the colleagues who may sign.
type AgreementView struct {
	Landlord  *domain.Landlord
	Agreement *domain.CooperationAgreement
	Contact   *domain.User
	SignedBy  string
	Version   string
}

// Signed reports whether the agreement is signed.
func (v *AgreementView) Signed() bool { return v.Agreement != nil && v.Agreement.SignedAt != nil }

// Agreement returns the actor's agreement for reading, signing or printing.
func (s *Service) Agreement(ctx context.Context, a Actor) (*AgreementView, error) {
	lid, err := landlordOf(a)
	if err != nil {
		return nil, err
	}
	return s.agreementView(ctx, lid)
}

// Open returns a landlord with its agreement: staff any, a landlord its own (another
// landlord's id is ErrNotFound).
func (s *Service) Open(ctx context.Context, a Actor, landlordID int64) (*AgreementView, error) {
	if _, landlord := a.LandlordID(); !landlord && !a.CanManageLandlords() {
		return nil, fmt.Errorf("landlords: landlord %d: %w", landlordID, domain.ErrForbidden)
	}
	if !a.CanSeeLandlord(landlordID) {
		return nil, fmt.Errorf("landlords: landlord %d: %w", landlordID, domain.ErrNotFound)
	}
	return s.agreementView(ctx, landlordID)
}

func (s *Service) agreementView(ctx context.Context, lid int64) (*AgreementView, error) {
	l, err := s.store.LandlordByID(ctx, lid)
	if err != nil {
		return nil, err
	}
	ag, err := s.store.CurrentAgreement(ctx, lid)
	if err != nil {
		return nil, err
	}
	v := &AgreementView{Landlord: l, Agreement: ag, Version: AgreementVersion}
	if ag != nil {
		v.Version = ag.Version
		if ag.ContactUserID != nil {
			if v.Contact, err = s.store.UserByID(ctx, *ag.ContactUserID); err != nil {
				return nil, err
			}
		}
	}
	return v, nil
}

// Contact returns the Ansprechperson of the actor's landlord, or nil while none is named.
// The landlord area shows it on every page.
func (s *Service) Contact(ctx context.Context, a Actor) (*domain.User, error) {
	lid, err := landlordOf(a)
	if err != nil {
		return nil, err
	}
	return s.store.AgreementContact(ctx, lid)
}

// SignInput is the signature: the landlord's choices and the signer's full name and consent.
type SignInput struct {
	FullName             string
	Agree                bool
	AcceptsCertificate   bool
	AcceptsAccompaniment bool
	AcceptsFachstelle    bool
	YearlyQuota          int
}

// Sign records the signature of the actor's agreement: who (user and typed full name),
// when, which version, the tracks accepted and the yearly quota.
func (s *Service) Sign(ctx context.Context, a Actor, in SignInput) error {
	view, err := s.Agreement(ctx, a)
	if err != nil {
		return err
	}
	return s.sign(ctx, a, view, in, "agreement.sign")
}

// SignFor records an agreement the landlord signed on paper (staff): FullName is the
// signer's name as on the paper; the staff member who recorded it is the signing user.
func (s *Service) SignFor(ctx context.Context, a Actor, landlordID int64, in SignInput) error {
	if err := requireStaff(a); err != nil {
		return err
	}
	view, err := s.agreementView(ctx, landlordID)
	if err != nil {
		return err
	}
	return s.sign(ctx, a, view, in, "agreement.sign_paper")
}

func (s *Service) sign(ctx context.Context, a Actor, view *AgreementView, in SignInput, action string) error {
	if view.Signed() {
		return domain.Conflict(domain.CodeAgreementSigned, "Ihre Kooperationsvereinbarung ist bereits unterschrieben.")
	}
	ve := domain.NewValidationError()
	name := strings.Join(strings.Fields(in.FullName), " ")
	switch {
	case len(strings.Fields(name)) < 2:
		ve.Add("full_name", "Bitte geben Sie Ihren vollständigen Namen (Vor- und Nachname) ein.")
	case len([]rune(name)) > 200:
		ve.Add("full_name", "Der Name darf höchstens 200 Zeichen haben.")
	}
	if !in.AcceptsCertificate && !in.AcceptsAccompaniment && !in.AcceptsFachstelle {
		ve.Add("tracks", "Bitte wählen Sie mindestens eine Gruppe von Haushalten, die Sie aufnehmen.")
	}
	if in.YearlyQuota < 1 || in.YearlyQuota > 500 {
		ve.Add("yearly_quota", "Bitte geben Sie an, wie viele Wohnungen Sie im Jahr etwa anbieten (1 bis 500).")
	}
	if !in.Agree {
		ve.Add("agree", "Bitte bestätigen Sie, dass Sie die Vereinbarung gelesen haben und ihr zustimmen.")
	}
	if err := ve.OrNil(); err != nil {
		return err
	}
	ag := view.Agreement
	if ag == nil {
		ag = &domain.CooperationAgreement{LandlordID: view.Landlord.ID, Version: AgreementVersion}
	}
	ag.SignedByUserID, ag.SignedByName = &a.User.ID, name
	ag.AcceptsCertificate, ag.AcceptsAccompaniment, ag.AcceptsFachstelle = in.AcceptsCertificate, in.AcceptsAccompaniment, in.AcceptsFachstelle
	ag.YearlyQuota = in.YearlyQuota
	return s.store.Tx(ctx, func(tx *store.Store) error {
		if ag.ID == 0 {
			// Stored unsigned first: the table insists that name and time go together.
			blank := &domain.CooperationAgreement{LandlordID: ag.LandlordID, Version: ag.Version}
			if err := tx.CreateAgreement(ctx, blank); err != nil {
				return err
			}
			ag.ID = blank.ID
		}
		if err := tx.SignAgreement(ctx, ag); err != nil {
			return err
		}
		return audit(ctx, tx, a, action, "landlord", ag.LandlordID)
	})
}
