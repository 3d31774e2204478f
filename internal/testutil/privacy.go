package testutil

import (
	"fmt"
	"strings"
	"time"

	"wohnbruecke/internal/domain"
)

// WithLandlordSecrets sets on h every field docs/design.md §2 keeps from landlords: a Fachstelle
// case with homelessness, urgency and emergency category, health notes, focus group,
// nationality, income, the certificate number, the companion's email, a full contact name
// and a pause reason. It leaves the other tracks, benefit and consents to the test. Pair it
// with LandlordSecrets.
func WithLandlordSecrets(h *domain.Household) {
	category, urgency, income := domain.EmergencyStreet, domain.UrgencyVeryHigh, int64(1_234_500)
	h.FachstelleCase = true
	h.ContactName, h.Nationality, h.Language = "Maria Elena Popescu", "rumänisch", "ro"
	h.HealthNotes = "Diabetes, Rollator, psychiatrische Behandlung"
	h.EmergencyCategory, h.Urgency, h.HomelessSince = &category, &urgency, domain.NewDate(2024, time.February, 29)
	h.FocusGroup, h.YearlyIncomeCents = "eu2_family", &income
	h.CertificateNumber, h.PausedReason = "IZW-2025-0815", "Klinikaufenthalt"
	h.CompanionEmail = "elena.ionescu@klartext.example"
}

// LandlordSecrets lists what must never reach a landlord about h, spelled as a page, a
// JSON answer or an email could show it: h's values of the fields WithLandlordSecrets sets
// (and its email address), the words and labels of the hidden categories and the benefit
// types, whose names would give away what the direct-payment consent protects.
func LandlordSecrets(h *domain.Household) []string {
	words := []string{
		"Gesundheit", "wohnungslos", "Wohnungslos", "obdachlos", "Obdachlos",
		"Dringlichkeit", "Urgency", "Notfall", "A.1", "A.2", "Fokusgruppe", "Zielgruppe", "EU-2",
		"Nationalität", "Herkunft", "Staatsangehörigkeit", "Rumänien",
		"Bürgergeld", "SGB", "Jobcenter", "Sozialhilfe", "Grundsicherung", "Wohngeld", "Sozialleistung",
	}
	for _, opts := range [][]domain.Option{domain.FocusGroups.Options(), domain.Benefits.Options()} {
		for _, o := range opts {
			if o.Value != "none" {
				words = append(words, o.Label, `"`+o.Value+`"`)
			}
		}
	}
	for _, o := range domain.EmergencyCategories.Options() {
		words = append(words, o.Label)
	}
	if h.ContactName != "" {
		names := strings.Fields(h.ContactName)
		words = append(words, h.ContactName, names[len(names)-1])
	}
	if h.Email != nil {
		words = append(words, *h.Email)
	}
	for _, s := range []string{h.HealthNotes, h.Nationality, h.CertificateNumber, h.PausedReason, h.CompanionEmail} {
		if s != "" {
			words = append(words, s)
		}
	}
	if !h.HomelessSince.IsZero() {
		words = append(words, h.HomelessSince.String(), h.HomelessSince.ISO())
	}
	if h.YearlyIncomeCents != nil {
		c := *h.YearlyIncomeCents
		words = append(words, fmt.Sprint(c), fmt.Sprintf("%d.%03d", c/100_000, c/100%1000))
	}
	return words
}
