package domain

import (
	"strings"
	"time"
)

// LandlordProfile is everything a landlord may learn about a household proposed for their
// flat (docs/design.md §2) and nothing more: it has no field for health, homelessness, urgency,
// focus group, nationality or benefit type, so no landlord page, API answer or email can
// show them by mistake. The landlord pages, the API and every landlord email build it
// through ProfileFor and nothing else; templates never receive the Household itself.
type LandlordProfile struct {
	Reference      string
	Adults         int
	Children       int
	EarliestMoveIn Date // zero: at once
	// Certificate: the Integrationszertifikat Wohnen and the day it was passed.
	Certificate   bool
	CertificateOn Date
	// CertificateVerified: the certificate was issued by the portal (Mietführerschein
	// course); CertificateUntil is its last valid day and CertificateNumber opens the
	// public verification page (/zertifikat/NUMBER), which shows only state, dates and
	// initials. Unset for certificates typed in before the portal issued them.
	CertificateVerified bool
	CertificateUntil    Date
	CertificateNumber   string
	// Accompaniment: an active Klartext Wohnbegleitung, with the companion to call.
	Accompaniment  bool
	CompanionName  string
	CompanionPhone string
	// DirectPayment: the rent is paid directly to the landlord by the benefit office. It
	// implies the benefit type, so it is set only when the household consented to show it.
	DirectPayment bool
	// ContactFirstName and ContactPhone are filled once the household confirmed the viewing.
	ContactFirstName string
	ContactPhone     string
}

// ProfileFor builds the landlord's view of a household for a viewing (vw may be nil); the
// household's members and consents must be loaded. today decides whether the certificate
// is already passed, whether the accompaniment is active and who counts as a child.
func ProfileFor(h *Household, vw *Viewing, today Date) LandlordProfile {
	p := LandlordProfile{
		Reference:      h.Reference,
		Adults:         h.Adults(today.Year()),
		EarliestMoveIn: h.EarliestMoveIn,
	}
	p.Children = h.Persons() - p.Adults
	if !h.CertificatePassedOn.IsZero() && h.CertificatePassedOn <= today &&
		(h.CertificateUntil.IsZero() || h.CertificateUntil >= today) {
		p.Certificate, p.CertificateOn = true, h.CertificatePassedOn
		if h.CertificateID != nil {
			p.CertificateVerified, p.CertificateUntil, p.CertificateNumber = true, h.CertificateUntil, h.CertificateNumber
		}
	}
	if !h.AccompanimentFrom.IsZero() && h.AccompanimentFrom <= today &&
		(h.AccompanimentUntil.IsZero() || h.AccompanimentUntil >= today) {
		p.Accompaniment, p.CompanionName, p.CompanionPhone = true, h.CompanionName, h.CompanionPhone
	}
	// Only the Jobcenter (SGB II) and the Sozialamt (SGB XII) pay rent to the landlord.
	rentFromBenefitOffice := h.Benefit == BenefitSGB2 || h.Benefit == BenefitSGB12
	p.DirectPayment = h.DirectPaymentConsent && rentFromBenefitOffice && h.HasConsent(ConsentDirectPaymentDisclosure)
	if vw != nil && (vw.State == ViewingConfirmed || vw.State == ViewingHeld) {
		p.ContactFirstName = firstName(h.ContactName)
		p.ContactPhone = h.Phone
	}
	return p
}

// HasConsent reports whether the household gave a consent of that kind and did not revoke it.
func (h *Household) HasConsent(kind ConsentKind) bool {
	for _, c := range h.Consents {
		if c.Kind == kind && c.RevokedAt == nil {
			return true
		}
	}
	return false
}

// firstName is the first word of a full name.
func firstName(full string) string {
	if f := strings.Fields(full); len(f) > 0 {
		return f[0]
	}
	return ""
}

// ViewingTime formats a viewing's span the German way: "Di., 03.03.2026, 10:00–10:45 Uhr".
func ViewingTime(start, end time.Time) string {
	s, e := start.In(Berlin), end.In(Berlin)
	days := [...]string{"So.", "Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa."}
	return days[s.Weekday()] + ", " + s.Format("02.01.2006, 15:04") + "–" + e.Format("15:04") + " Uhr"
}
