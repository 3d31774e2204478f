package households

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/validate"
)

// Service records households.
type Service struct {
	store     *store.Store
	validate  *validate.Validator
	withdrawn Withdrawer
}

// Withdrawer ends a household's open matches inside a transaction and tells those involved
// (workflow.Service does).
type Withdrawer interface {
	WithdrawOpen(ctx context.Context, tx *store.Store, householdID, vacancyID, keepID int64) error
}

// New returns the household service. w ends the open matches of households that are
// closed or marked housed; without it they are ended without messages.
func New(st *store.Store, v *validate.Validator, w ...Withdrawer) *Service {
	s := &Service{store: st, validate: v}
	if len(w) > 0 {
		s.withdrawn = w[0]
	}
	return s
}

// visible returns the household if the actor may see it (domain.Actor.CanSeeHousehold).
// Roles that see no households get ErrForbidden; a household the actor may not see is
// ErrNotFound, so ids are not confirmed.
func (s *Service) visible(ctx context.Context, a domain.Actor, op string, id int64) (*domain.Household, error) {
	if !a.CanWorkOnHouseholds() {
		return nil, fmt.Errorf("households: %s %d: %w", op, id, domain.ErrForbidden)
	}
	h, err := s.store.HouseholdByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !a.CanSeeHousehold(h) {
		return nil, fmt.Errorf("households: %s %d: %w", op, id, domain.ErrNotFound)
	}
	return h, nil
}

// ForChange reads a household the actor may see, for a change that follows (a merge
// patch): no "opened" entry, since nothing is shown and the change audits itself, so a
// refused change leaves the audit log as it was.
//
// For an actor who may read them, the health notes are opened too (not shown, only carried
// into the merged input, so a patch that does not name them keeps them).
func (s *Service) ForChange(ctx context.Context, a domain.Actor, id int64) (*domain.Household, error) {
	h, err := s.visible(ctx, a, "read", id)
	if err != nil {
		return nil, err
	}
	if a.CanReadHealthNotes(h) {
		if h.HealthNotes, err = s.store.OpenHealthNotes(h); err != nil {
			return nil, err
		}
	}
	return h, nil
}

// Open returns a household the actor may see and records in the audit log that it was
// opened.
func (s *Service) Open(ctx context.Context, a domain.Actor, id int64) (*domain.Household, error) {
	h, err := s.visible(ctx, a, "open", id)
	if err != nil {
		return nil, err
	}
	if err := s.store.Audit(ctx, a.Audit("household.open", "household", id, "")); err != nil {
		return nil, err
	}
	return h, nil
}

// Create validates the input and stores a new household with a fresh reference and a
// lottery number drawn once from a cryptographic source. pre carries errors found while
// reading a form (unreadable dates or numbers); nothing is stored when it has any, but the
// other fields are still checked so the user sees every problem at once. pre may be nil.
func (s *Service) Create(ctx context.Context, a domain.Actor, in *Input, pre *domain.ValidationError) (*domain.Household, error) {
	if !a.CanWorkOnHouseholds() {
		return nil, fmt.Errorf("households: create: %w", domain.ErrForbidden)
	}
	ve := orNew(pre)
	corrected := checkRegisteredOn(a, in, s.store.Today(), s.store.Today(), ve)
	if err := s.check(ctx, a, in, ve); err != nil {
		return nil, err
	}
	h := &domain.Household{Status: domain.HouseholdActive}
	apply(h, in, s.store.Now())
	if h.RegisteredOn.IsZero() {
		h.RegisteredOn = s.store.Today()
	}
	for attempt := 0; ; attempt++ {
		if in.Reference == "" {
			ref, err := s.store.NextHouseholdReference(ctx, s.store.Today().Year())
			if err != nil {
				return nil, err
			}
			h.Reference = ref
		}
		lottery, err := lotteryNumber()
		if err != nil {
			return nil, err
		}
		h.LotteryNumber = lottery
		err = s.store.Tx(ctx, func(tx *store.Store) error {
			if err := tx.CreateHousehold(ctx, h); err != nil {
				return err
			}
			if err := tx.Audit(ctx, a.Audit("household.create", "household", h.ID, h.Reference)); err != nil {
				return err
			}
			return auditRegisteredOn(ctx, tx, a, h.ID, corrected)
		})
		var ce *domain.ConflictError
		if errors.As(err, &ce) && in.Reference == "" && attempt < 5 {
			h.ID = 0 // a concurrent registration took the reference; draw again
			continue
		}
		if errors.As(err, &ce) {
			ve := domain.NewValidationError()
			ve.Add("reference", ce.Message)
			return nil, ve
		}
		if err != nil {
			return nil, err
		}
		return h, nil
	}
}

// Update replaces a household's recorded data (not its status, reference or lottery
// number); pre is as for Create.
func (s *Service) Update(ctx context.Context, a domain.Actor, id int64, in *Input, pre *domain.ValidationError) (*domain.Household, error) {
	h, err := s.visible(ctx, a, "update", id)
	if err != nil {
		return nil, err
	}
	in.Reference = h.Reference
	ve := orNew(pre)
	corrected := checkRegisteredOn(a, in, h.RegisteredOn, s.store.Today(), ve)
	if err := s.check(ctx, a, in, ve); err != nil {
		return nil, err
	}
	registered := h.RegisteredOn
	apply(h, in, s.store.Now())
	if h.RegisteredOn.IsZero() {
		h.RegisteredOn = registered
	}
	if err := s.sealHealthNotes(a, h); err != nil {
		return nil, err
	}
	err = s.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.UpdateHousehold(ctx, h); err != nil {
			return err
		}
		if err := tx.Audit(ctx, a.Audit("household.update", "household", h.ID, "")); err != nil {
			return err
		}
		return auditRegisteredOn(ctx, tx, a, h.ID, corrected)
	})
	if err != nil {
		return nil, err
	}
	return s.store.HouseholdByID(ctx, id)
}

// EarliestRegistration is the earliest registration date a correction may set; nobody
// has waited for these programmes since before it.
var EarliestRegistration = domain.NewDate(2000, time.January, 1)

// registrationCorrection is a registration date set by hand: from the system's date to
// another, with the reason given.
type registrationCorrection struct {
	from, to domain.Date
	reason   string
}

// checkRegisteredOn applies the rule for the start of the waiting time, which decides a
// household's rank: the system sets it (today on recording, unchanged on an update), and a
// date other than current is a correction that only staff may make
// (domain.Actor.CanCorrectRegistration), not before EarliestRegistration, not in the future
// and with a reason. It returns the correction to audit (nil when there is none) and adds
// field messages to ve.
func checkRegisteredOn(a domain.Actor, in *Input, current, today domain.Date, ve *domain.ValidationError) *registrationCorrection {
	in.RegisteredOnReason = strings.TrimSpace(in.RegisteredOnReason)
	if in.RegisteredOn.IsZero() || in.RegisteredOn == current {
		return nil
	}
	switch {
	case !a.CanCorrectRegistration():
		ve.Add("registered_on", "Das Registrierungsdatum setzt das System. Korrigieren kann es nur die Wohnraumakquise der Stadt.")
	case in.RegisteredOn < EarliestRegistration:
		ve.Add("registered_on", "Das Registrierungsdatum darf nicht vor dem 01.01.2000 liegen.")
	case in.RegisteredOn > today:
		ve.Add("registered_on", "Das Registrierungsdatum darf nicht in der Zukunft liegen.")
	case in.RegisteredOnReason == "":
		ve.Add("registered_on_reason", "Bitte geben Sie an, warum das Registrierungsdatum korrigiert wird.")
	default:
		return &registrationCorrection{from: current, to: in.RegisteredOn, reason: in.RegisteredOnReason}
	}
	return nil
}

// auditRegisteredOn writes the audit entry of a corrected registration date.
func auditRegisteredOn(ctx context.Context, tx *store.Store, a domain.Actor, id int64, c *registrationCorrection) error {
	if c == nil {
		return nil
	}
	return tx.Audit(ctx, a.Audit("household.registered_on", "household", id,
		fmt.Sprintf("Registrierungsdatum %s → %s: %s", c.from, c.to, c.reason)))
}

// check validates the input and the caseworker it names.
func (s *Service) check(ctx context.Context, a domain.Actor, in *Input, ve *domain.ValidationError) error {
	if !a.CanAssignCaseworkers() {
		in.CaseworkerID = a.UserID() // caseworkers record their own households
	}
	if err := in.Validate(s.validate, ve, s.store.Today()); err != nil && !errors.As(err, new(*domain.ValidationError)) {
		return err
	}
	if in.CaseworkerID != nil {
		u, err := s.store.UserByID(ctx, *in.CaseworkerID)
		switch {
		case errors.Is(err, domain.ErrNotFound) || err == nil && u.Role != domain.RoleCaseworker:
			ve.Add("caseworker_id", "Bitte wählen Sie eine Person der Wohnbegleitung aus der Liste.")
		case err != nil:
			return err
		}
	}
	return ve.OrNil()
}

func orNew(ve *domain.ValidationError) *domain.ValidationError {
	if ve == nil {
		return domain.NewValidationError()
	}
	return ve
}

// apply copies the input onto the household.
func apply(h *domain.Household, in *Input, now time.Time) {
	h.ContactName, h.Phone, h.Language, h.Nationality = in.ContactName, in.Phone, in.Language, strings.TrimSpace(in.Nationality)
	h.Email = nil
	if in.Email != "" {
		e := in.Email
		h.Email = &e
	}
	if in.Reference != "" {
		h.Reference = in.Reference
	}
	h.CaseworkerID = in.CaseworkerID
	h.Members = make([]domain.HouseholdMember, len(in.Members))
	for i, m := range in.Members {
		h.Members[i] = domain.HouseholdMember{BirthYear: m.BirthYear, Sex: m.Sex, Position: i}
	}
	// A certificate the portal issued (Mietführerschein) comes from the course service only
	// and is never overwritten by the form; one typed in from paper counts for the default
	// validity (domain.CertificateValidUntil).
	if h.CertificateID == nil {
		h.CertificatePassedOn, h.CertificateNumber, h.CertificateUntil = 0, "", 0
		if c := in.Certificate; c != nil {
			h.CertificatePassedOn, h.CertificateNumber = c.PassedOn, strings.TrimSpace(c.Number)
			h.CertificateUntil = domain.CertificateValidUntil(c.PassedOn, domain.DefaultValidityMonths)
		}
	}
	h.AccompanimentFrom, h.AccompanimentUntil, h.CompanionName, h.CompanionEmail, h.CompanionPhone = 0, 0, "", "", ""
	if c := in.Accompaniment; c != nil {
		h.AccompanimentFrom, h.AccompanimentUntil = c.From, c.Until
		h.CompanionName, h.CompanionEmail, h.CompanionPhone = strings.TrimSpace(c.CompanionName), strings.TrimSpace(c.CompanionEmail), strings.TrimSpace(c.CompanionPhone)
	}
	h.FachstelleCase, h.EmergencyCategory, h.Urgency, h.HomelessSince, h.FocusGroup, h.HealthNotes = false, nil, nil, 0, domain.FocusNone, ""
	h.AccommodationKind, h.ShelterProvider, h.AccommodatedSince = "", "", 0
	if f := in.Fachstelle; f != nil {
		cat, urg := f.Category, f.Urgency
		h.FachstelleCase, h.EmergencyCategory, h.Urgency = true, &cat, &urg
		h.HomelessSince, h.FocusGroup, h.HealthNotes = f.HomelessSince, f.FocusGroup, strings.TrimSpace(f.HealthNotes)
		h.AccommodationKind, h.ShelterProvider, h.AccommodatedSince = f.AccommodationKind, f.AccommodationProvider, f.AccommodatedSince
	}
	h.Benefit, h.DirectPaymentConsent, h.YearlyIncomeCents = in.Benefit, in.DirectPaymentConsent, in.YearlyIncomeCents
	h.WBSValidUntil, h.WBSPersons = 0, nil
	if w := in.WBS; w != nil {
		p := w.Persons
		h.WBSValidUntil, h.WBSPersons = w.ValidUntil, &p
	}
	h.NeedsWheelchair, h.NeedsStepFree, h.HasPets = in.Needs.Wheelchair, in.Needs.StepFree || in.Needs.Wheelchair, in.Needs.Pets
	h.PreferredBoroughs, h.ExcludedBoroughs = in.Needs.PreferredBoroughs, in.Needs.ExcludedBoroughs
	h.EarliestMoveIn = in.Needs.EarliestMoveIn
	if !in.RegisteredOn.IsZero() {
		h.RegisteredOn = in.RegisteredOn
	}
	h.Consents = mergeConsents(h.Consents, in.Consents, now)
}

// mergeConsents keeps the history: consents still given keep their date, new ones are
// added, withdrawn ones get a revocation time.
func mergeConsents(old []domain.Consent, kinds []domain.ConsentKind, now time.Time) []domain.Consent {
	want := map[domain.ConsentKind]bool{}
	for _, k := range kinds {
		want[k] = true
	}
	out := make([]domain.Consent, 0, len(old)+len(kinds))
	active := map[domain.ConsentKind]bool{}
	for _, c := range old {
		if c.RevokedAt == nil {
			if want[c.Kind] {
				active[c.Kind] = true
			} else {
				t := now
				c.RevokedAt = &t
			}
		}
		out = append(out, c)
	}
	for _, k := range kinds {
		if !active[k] {
			active[k] = true
			out = append(out, domain.Consent{Kind: k, GivenAt: now})
		}
	}
	return out
}

func lotteryNumber() (int64, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return 0, fmt.Errorf("households: lottery number: %w", err)
	}
	return int64(binary.BigEndian.Uint64(b[:]) >> 2), nil
}

// InputOf turns a stored household back into an input, for edit forms and the API.
func InputOf(h *domain.Household) *Input {
	in := &Input{Reference: h.Reference, ContactName: h.ContactName, Phone: h.Phone, Language: h.Language,
		Nationality: h.Nationality, CaseworkerID: h.CaseworkerID, Benefit: h.Benefit,
		DirectPaymentConsent: h.DirectPaymentConsent, YearlyIncomeCents: h.YearlyIncomeCents, RegisteredOn: h.RegisteredOn,
		Needs: NeedsInput{Wheelchair: h.NeedsWheelchair, StepFree: h.NeedsStepFree, Pets: h.HasPets,
			PreferredBoroughs: h.PreferredBoroughs, ExcludedBoroughs: h.ExcludedBoroughs, EarliestMoveIn: h.EarliestMoveIn}}
	if h.Email != nil {
		in.Email = *h.Email
	}
	for _, m := range h.Members {
		in.Members = append(in.Members, MemberInput{BirthYear: m.BirthYear, Sex: m.Sex})
	}
	if !h.CertificatePassedOn.IsZero() {
		in.Certificate = &CertificateInput{PassedOn: h.CertificatePassedOn, Number: h.CertificateNumber}
	}
	if !h.AccompanimentFrom.IsZero() {
		in.Accompaniment = &AccompanimentInput{From: h.AccompanimentFrom, Until: h.AccompanimentUntil,
			CompanionName: h.CompanionName, CompanionEmail: h.CompanionEmail, CompanionPhone: h.CompanionPhone}
	}
	if h.FachstelleCase && h.EmergencyCategory != nil && h.Urgency != nil {
		in.Fachstelle = &FachstelleInput{Category: *h.EmergencyCategory, Urgency: *h.Urgency,
			HomelessSince: h.HomelessSince, FocusGroup: h.FocusGroup, HealthNotes: h.HealthNotes,
			AccommodationKind: h.AccommodationKind, AccommodationProvider: h.ShelterProvider, AccommodatedSince: h.AccommodatedSince}
	}
	if !h.WBSValidUntil.IsZero() && h.WBSPersons != nil {
		in.WBS = &WBSInput{ValidUntil: h.WBSValidUntil, Persons: *h.WBSPersons}
	}
	for _, c := range h.Consents {
		if c.RevokedAt == nil {
			in.Consents = append(in.Consents, c.Kind)
		}
	}
	return in
}

// Caseworkers returns the caseworkers a household can be assigned to, for the form; nil
// for callers who cannot choose (a caseworker's households are their own).
func (s *Service) Caseworkers(ctx context.Context, a domain.Actor) ([]domain.User, error) {
	if !a.CanWorkOnHouseholds() {
		return nil, fmt.Errorf("households: caseworkers: %w", domain.ErrForbidden)
	}
	if !a.CanAssignCaseworkers() {
		return nil, nil
	}
	return s.store.UsersByRole(ctx, domain.RoleCaseworker)
}

// List returns a page of households; caseworkers see only their own.
func (s *Service) List(ctx context.Context, a domain.Actor, f store.HouseholdFilter) ([]store.HouseholdListRow, int64, error) {
	if !a.CanWorkOnHouseholds() {
		return nil, 0, fmt.Errorf("households: list: %w", domain.ErrForbidden)
	}
	if a.Role() == domain.RoleCaseworker {
		f.CaseworkerID = a.User.ID
	}
	return s.store.ListHouseholds(ctx, f)
}

// Status changes a household's status: "pause" (with reason and until), "resume",
// "housed" (versorgt) or "close" (abgeschlossen).
func (s *Service) Status(ctx context.Context, a domain.Actor, id int64, action, reason string, until domain.Date) error {
	h, err := s.visible(ctx, a, "status", id)
	if err != nil {
		return err
	}
	if action == "pause" {
		ve := domain.NewValidationError()
		if strings.TrimSpace(reason) == "" {
			ve.Add("paused_reason", "Bitte geben Sie einen Grund für die Pause an.")
		}
		if until <= s.store.Today() {
			ve.Add("paused_until", "Das Ende der Pause muss in der Zukunft liegen.")
		}
		if err := ve.OrNil(); err != nil {
			return err
		}
	}
	to, ok := statusActions[action]
	if !ok {
		return fmt.Errorf("households: unknown status action %q", action)
	}
	if err := domain.HouseholdTransitions.Check(h.Status, to); err != nil {
		return err
	}
	return s.store.Tx(ctx, func(tx *store.Store) error {
		var err error
		switch to {
		case domain.HouseholdPaused:
			err = tx.PauseHousehold(ctx, id, strings.TrimSpace(reason), until)
		case domain.HouseholdActive:
			err = tx.SetHouseholdStatus(ctx, id, to)
		default:
			if err = tx.SetHouseholdStatus(ctx, id, to); err == nil {
				err = s.withdrawOpen(ctx, tx, id)
			}
		}
		if err != nil {
			return err
		}
		return tx.Audit(ctx, a.Audit("household."+action, "household", id, reason))
	})
}

// statusActions maps the actions of Status to the household state they lead to.
var statusActions = map[string]domain.HouseholdStatus{
	"pause": domain.HouseholdPaused, "resume": domain.HouseholdActive,
	"housed": domain.HouseholdHoused, "close": domain.HouseholdClosed,
}

func (s *Service) withdrawOpen(ctx context.Context, tx *store.Store, householdID int64) error {
	if s.withdrawn != nil {
		return s.withdrawn.WithdrawOpen(ctx, tx, householdID, 0, 0)
	}
	_, err := tx.WithdrawOpenMatches(ctx, householdID, 0, 0)
	return err
}
