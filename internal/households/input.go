// Package households holds the rules for recording households: one input type with its
// validation, shared by the staff portal and the JSON API, and the use cases (create,
// update, pause, mark housed, close, list, open with audit) on top of the store.
package households

import (
	"fmt"
	"strings"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/validate"
)

// Input is a household as staff or an integration enter it. Field keys of validation
// errors are the JSON paths ("members[0].birth_year", "certificate.passed_on"); the portal
// uses the same names for its form fields, so messages land next to the right field.
type Input struct {
	Reference            string               `json:"reference,omitempty" validate:"omitempty,max=40" label:"Kennung"`
	ContactName          string               `json:"contact_name" validate:"required,max=200" label:"den Namen der Ansprechperson"`
	Email                string               `json:"email,omitempty" validate:"omitempty,email,max=254" label:"E-Mail-Adresse"`
	Phone                string               `json:"phone,omitempty" validate:"omitempty,phone" label:"Telefon"`
	Language             domain.Language      `json:"language" validate:"required,enum" label:"die Sprache"`
	Nationality          string               `json:"nationality,omitempty" validate:"max=60" label:"Staatsangehörigkeit"`
	CaseworkerID         *int64               `json:"caseworker_id,omitempty"`
	Members              []MemberInput        `json:"members" validate:"required,min=1,max=20,dive" label:"die Haushaltsmitglieder"`
	Certificate          *CertificateInput    `json:"certificate,omitempty"`
	Accompaniment        *AccompanimentInput  `json:"accompaniment,omitempty"`
	Fachstelle           *FachstelleInput     `json:"fachstelle,omitempty"`
	Benefit              domain.Benefit       `json:"benefit" validate:"required,enum" label:"die Sozialleistung"`
	DirectPaymentConsent bool                 `json:"direct_payment_consent"`
	YearlyIncomeCents    *int64               `json:"yearly_income_cents,omitempty" validate:"omitempty,min=0,max=100000000" label:"Jahreseinkommen"`
	WBS                  *WBSInput            `json:"wbs,omitempty"`
	Needs                NeedsInput           `json:"needs"`
	Consents             []domain.ConsentKind `json:"consents" validate:"dive,enum" label:"Einwilligungen"`
	// RegisteredOn starts the waiting time. The system sets it to the day of recording;
	// another date is a correction (see checkRegisteredOn) and needs a reason.
	RegisteredOn       domain.Date `json:"registered_on,omitempty"`
	RegisteredOnReason string      `json:"registered_on_reason,omitempty" validate:"max=500" label:"Grund der Korrektur"`
}

// MemberInput is one household member.
type MemberInput struct {
	BirthYear int        `json:"birth_year" validate:"required,min=1900,max=2100" label:"Geburtsjahr"`
	Sex       domain.Sex `json:"sex" validate:"required,enum" label:"Geschlecht"`
}

// CertificateInput is the Integrationszertifikat Wohnen.
type CertificateInput struct {
	PassedOn domain.Date `json:"passed_on"`
	Number   string      `json:"number,omitempty" validate:"max=40" label:"Zertifikatsnummer"`
}

// AccompanimentInput is the Klartext Wohnbegleitung.
type AccompanimentInput struct {
	From           domain.Date `json:"from"`
	Until          domain.Date `json:"until,omitempty"`
	CompanionName  string      `json:"companion_name" validate:"max=200" label:"Name der Begleitperson"`
	CompanionEmail string      `json:"companion_email,omitempty" validate:"omitempty,email,max=254" label:"E-Mail der Begleitperson"`
	CompanionPhone string      `json:"companion_phone,omitempty" validate:"omitempty,phone" label:"Telefon der Begleitperson"`
}

// FachstelleInput is a case of the Zentrale Fachstelle.
type FachstelleInput struct {
	Category      domain.EmergencyCategory `json:"category" validate:"required,enum" label:"die Kategorie des Wohnungsnotfalls"`
	Urgency       domain.Urgency           `json:"urgency" validate:"required,enum" label:"die Dringlichkeit"`
	HomelessSince domain.Date              `json:"homeless_since,omitempty"`
	FocusGroup    domain.FocusGroup        `json:"focus_group" validate:"required,enum" label:"die Zielgruppe"`
	HealthNotes   string                   `json:"health_notes,omitempty" validate:"max=2000" label:"Hinweise zur Gesundheit"`
	// The characteristics of the statutory counts; empty is "unbekannt".
	AccommodationKind     domain.AccommodationKind     `json:"accommodation_kind,omitempty" validate:"enum" label:"die Art der Unterbringung"`
	AccommodationProvider domain.AccommodationProvider `json:"accommodation_provider,omitempty" validate:"enum" label:"den Träger der Unterbringung"`
	AccommodatedSince     domain.Date                  `json:"accommodated_since,omitempty"`
}

// WBSInput is a Wohnberechtigungsschein.
type WBSInput struct {
	ValidUntil domain.Date `json:"valid_until"`
	Persons    int         `json:"persons" validate:"required,min=1,max=30" label:"die Personenzahl des WBS"`
}

// NeedsInput are the household's needs and wishes.
type NeedsInput struct {
	Wheelchair        bool             `json:"wheelchair"`
	StepFree          bool             `json:"step_free"`
	Pets              bool             `json:"pets"`
	PreferredBoroughs []domain.Borough `json:"preferred_boroughs,omitempty" validate:"dive,enum" label:"bevorzugte Stadtbezirke"`
	ExcludedBoroughs  []domain.Borough `json:"excluded_boroughs,omitempty" validate:"dive,enum" label:"ausgeschlossene Stadtbezirke"`
	EarliestMoveIn    domain.Date      `json:"earliest_move_in,omitempty"`
}

func (in *Input) hasConsent(kind domain.ConsentKind) bool {
	for _, k := range in.Consents {
		if k == kind {
			return true
		}
	}
	return false
}

// Validate checks the input against the field rules and the rules between fields. It adds to
// ve (which may already hold parse errors from a form) and returns ve when it has entries.
func (in *Input) Validate(v *validate.Validator, ve *domain.ValidationError, today domain.Date) error {
	in.normalize()
	if err := v.Into(ve, in); err != nil {
		return err
	}
	for i, m := range in.Members {
		if m.BirthYear > today.Year() {
			ve.Add(fmt.Sprintf("members[%d].birth_year", i), "Das Geburtsjahr darf nicht in der Zukunft liegen.")
		}
	}
	if len(in.Members) > 0 && !hasAdult(in.Members, today.Year()) {
		ve.Add("members", "Mindestens ein Haushaltsmitglied muss volljährig sein.")
	}
	if in.Certificate == nil && in.Accompaniment == nil && in.Fachstelle == nil {
		ve.Add("tracks", "Der Haushalt braucht mindestens eine Grundlage: Integrationszertifikat Wohnen, Klartext-Wohnbegleitung oder Fall der Fachstelle.")
	}
	if c := in.Certificate; c != nil {
		switch {
		case c.PassedOn.IsZero():
			ve.Add("certificate.passed_on", "Bitte geben Sie an, wann die Prüfung bestanden wurde.")
		case c.PassedOn > today:
			ve.Add("certificate.passed_on", "Das Prüfungsdatum darf nicht in der Zukunft liegen.")
		}
	}
	if a := in.Accompaniment; a != nil {
		if a.From.IsZero() {
			ve.Add("accompaniment.from", "Bitte geben Sie an, seit wann die Wohnbegleitung besteht.")
		}
		if !a.Until.IsZero() && a.Until < a.From {
			ve.Add("accompaniment.until", "Das Ende der Wohnbegleitung liegt vor ihrem Beginn.")
		}
		if strings.TrimSpace(a.CompanionName) == "" {
			ve.Add("accompaniment.companion_name", "Bitte geben Sie die Begleitperson an.")
		}
	}
	if f := in.Fachstelle; f != nil {
		if f.HomelessSince > today {
			ve.Add("fachstelle.homeless_since", "Das Datum darf nicht in der Zukunft liegen.")
		}
		if f.AccommodatedSince > today {
			ve.Add("fachstelle.accommodated_since", "Das Datum darf nicht in der Zukunft liegen.")
		}
		if f.HealthNotes != "" && !in.hasConsent(domain.ConsentHealthData) {
			ve.Add("fachstelle.health_notes", "Hinweise zur Gesundheit dürfen nur mit Einwilligung in die Verarbeitung von Gesundheitsdaten gespeichert werden.")
		}
	}
	if w := in.WBS; w != nil && w.ValidUntil.IsZero() {
		ve.Add("wbs.valid_until", "Bitte geben Sie an, bis wann der WBS gilt.")
	}
	if in.DirectPaymentConsent && !in.Benefit.PaidByAuthority() {
		ve.Add("direct_payment_consent", "Eine Direktzahlung an Vermieter*innen gibt es nur bei Bürgergeld oder Grundsicherung.")
	}
	for _, b := range in.Needs.PreferredBoroughs {
		for _, x := range in.Needs.ExcludedBoroughs {
			if b == x {
				ve.Add("needs.excluded_boroughs", "Ein Stadtbezirk kann nicht zugleich bevorzugt und ausgeschlossen sein: "+b.Label()+".")
			}
		}
	}
	if !in.hasConsent(domain.ConsentDataProcessing) {
		ve.Add("consents", "Ohne Einwilligung in die Datenverarbeitung kann der Haushalt nicht aufgenommen werden.")
	}
	return ve.OrNil()
}

func (in *Input) normalize() {
	in.ContactName = strings.TrimSpace(in.ContactName)
	in.Email = strings.ToLower(strings.TrimSpace(in.Email))
	in.Phone = strings.TrimSpace(in.Phone)
	in.Reference = strings.TrimSpace(in.Reference)
	if in.Language == "" {
		in.Language = domain.LanguageDE
	}
	if in.Benefit == "" {
		in.Benefit = domain.BenefitNone
	}
	if in.Fachstelle != nil && in.Fachstelle.FocusGroup == "" {
		in.Fachstelle.FocusGroup = domain.FocusNone
	}
}

func hasAdult(ms []MemberInput, year int) bool {
	for _, m := range ms {
		if m.BirthYear > 0 && year-m.BirthYear >= 18 {
			return true
		}
	}
	return false
}
