package domain

import (
	"strings"
	"unicode/utf8"
)

// ReasonCode is one entry of a reason catalogue: why staff withdrew a proposal, cancelled a
// viewing, blocked a landlord or closed a household.
type ReasonCode string

// ReasonOther is the catalogue entry that needs the free text.
const ReasonOther ReasonCode = "other"

// WithdrawReasons is the catalogue for withdrawing a proposal and for cancelling a viewing
// (a cancellation withdraws the proposal). The applicant reads the label in their language
// (mail/locales, keys "reason_<code>"), so each entry needs a translation.
var WithdrawReasons = Enum[ReasonCode]{
	{"flat_unavailable", "Wohnung nicht mehr verfügbar"},
	{"household_request", "Auf Wunsch des Haushalts"},
	{"requirements", "Voraussetzungen nicht erfüllt"},
	{"approved_by_mistake", "Versehentlich freigegeben"},
	{ReasonOther, "Anderer Grund"},
}

// BlockReasons is the catalogue for blocking a landlord.
var BlockReasons = Enum[ReasonCode]{
	{"agreement_breach", "Verstoß gegen die Kooperationsvereinbarung"},
	{"unfair_selection", "Haushalte bei der Auswahl benachteiligt"},
	{"partnership_ended", "Zusammenarbeit beendet"},
	{"access_misused", "Zugang missbraucht"},
	{ReasonOther, "Anderer Grund"},
}

// CloseReasons is the catalogue for closing a household.
var CloseReasons = Enum[ReasonCode]{
	{"housed_elsewhere", "Selbst eine Wohnung gefunden"},
	{"moved_away", "Aus Hagen weggezogen"},
	{"no_contact", "Kein Kontakt mehr"},
	{"no_need", "Kein Bedarf mehr"},
	{ReasonOther, "Anderer Grund"},
}

// ReasonNoteMax is the longest free text of a reason, in characters.
const ReasonNoteMax = 500

// Reason is why staff took a destructive step: an entry of the step's catalogue and, where
// sensible, free text (required for ReasonOther). It goes into the audit log and into the
// mail of the people affected.
type Reason struct {
	Code ReasonCode
	Note string
}

// IsZero reports whether no reason was given.
func (r Reason) IsZero() bool { return r.Code == "" && strings.TrimSpace(r.Note) == "" }

// Validate adds German messages for the form fields "reason" and "reason_note" to ve:
// the code must be in the catalogue (and given, when required), ReasonOther needs the
// free text, and the text is at most ReasonNoteMax characters.
func (r Reason) Validate(catalogue Enum[ReasonCode], required bool, ve *ValidationError) {
	switch {
	case r.Code == "" && required:
		ve.Add("reason", "Bitte wählen Sie einen Grund.")
	case r.Code != "" && !catalogue.Has(r.Code):
		ve.Add("reason", "Bitte wählen Sie einen Grund aus der Liste.")
	}
	note := strings.TrimSpace(r.Note)
	switch {
	case r.Code == ReasonOther && note == "":
		ve.Add("reason_note", "Bitte beschreiben Sie den Grund in einem Satz.")
	case utf8.RuneCountInString(note) > ReasonNoteMax:
		ve.Add("reason_note", "Die Erläuterung darf höchstens 500 Zeichen haben.")
	}
}

// Text is the reason in German for the audit log and German mail: the catalogue label,
// followed by the free text ("Anderer Grund: Haushalt ist in Kur"); "" for no reason.
func (r Reason) Text(catalogue Enum[ReasonCode]) string {
	note := strings.TrimSpace(r.Note)
	switch {
	case r.Code == "":
		return note
	case note == "":
		return catalogue.Label(r.Code)
	}
	return catalogue.Label(r.Code) + ": " + note
}
