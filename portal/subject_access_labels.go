package portal

import (
	"wohnbruecke/internal/domain"
)

// subjectColumn is how the printable access export shows one stored column: its German
// name and, for coded values, the option list that names them. Columns not listed here
// (internal ids, check values, the ranking's JSON) are in the JSON file only; the page
// says so.
type subjectColumn struct {
	label   string
	options string // key of optionLists, or "" for the value as stored
}

var subjectColumns = map[string]map[string]subjectColumn{
	"households": {
		"reference": {"Kennung", ""}, "contact_name": {"Name", ""}, "email": {"E-Mail-Adresse", ""}, "phone": {"Telefon", ""},
		"language": {"Sprache", "language"}, "nationality": {"Staatsangehörigkeit", ""},
		"certificate_passed_on": {"Integrationszertifikat bestanden am", ""}, "certificate_number": {"Zertifikatsnummer", ""},
		"accompaniment_from": {"Wohnbegleitung seit", ""}, "accompaniment_until": {"Wohnbegleitung bis", ""},
		"companion_name": {"Begleitperson", ""}, "companion_email": {"E-Mail der Begleitperson", ""}, "companion_phone": {"Telefon der Begleitperson", ""},
		"fachstelle_case": {"Fall der Fachstelle", ""}, "emergency_category": {"Wohnungsnotfall", "emergency"}, "urgency": {"Dringlichkeit", ""},
		"homeless_since": {"Wohnungslos seit", ""}, "focus_group": {"Zielgruppe", "focus_group"}, "benefit": {"Sozialleistung", "benefit"},
		"direct_payment_consent": {"Direktzahlung vereinbart", ""}, "yearly_income_cents": {"Jahreseinkommen in Cent", ""},
		"wbs_valid_until": {"WBS gültig bis", ""}, "wbs_persons": {"WBS für Personen", ""}, "needs_wheelchair": {"rollstuhlgerecht", ""},
		"needs_step_free": {"stufenlos", ""}, "has_pets": {"Haustiere", ""}, "earliest_move_in": {"Einzug ab", ""},
		"registered_on": {"Registriert am", ""}, "lottery_number": {"Losnummer", ""}, "status": {"Status", "household_status"},
		"paused_reason": {"Grund der Pause", ""}, "paused_until": {"Pausiert bis", ""}, "created_at": {"Angelegt", ""}, "updated_at": {"Zuletzt geändert", ""},
	},
	"household_members": {"birth_year": {"Geburtsjahr", ""}, "sex": {"Geschlecht", "sex"}},
	"consents":          {"kind": {"Einwilligung", "consent"}, "given_at": {"Erteilt", ""}, "revoked_at": {"Widerrufen", ""}},
	"matches": {
		"vacancy_id": {"Wohnungsangebot Nr.", ""}, "state": {"Status", "match_state"}, "score": {"Punkte", ""}, "rank": {"Rang", ""},
		"policy_version": {"Gewichtung Version", ""}, "approved_at": {"Freigegeben", ""},
		"rejection_reason": {"Grund der Absage", "rejection_reason"}, "rejection_note": {"Anmerkung zur Absage", ""},
		"state_changed_at": {"Status seit", ""}, "created_at": {"Vorgeschlagen", ""},
	},
	"ranking_snapshots":    {"vacancy_id": {"Wohnungsangebot Nr.", ""}, "policy_version": {"Gewichtung Version", ""}, "computed_on": {"Berechnet am", ""}},
	"viewings":             {"starts_at": {"Beginn", ""}, "ends_at": {"Ende", ""}, "place": {"Treffpunkt", ""}, "state": {"Status", "viewing_state"}},
	"applicant_tokens":     {"expires_at": {"Gültig bis", ""}, "answered_at": {"Beantwortet", ""}, "answer": {"Antwort", ""}},
	"invitation_handovers": {"handed_over_by": {"Übergeben von", ""}, "handed_over_at": {"Übergeben am", ""}},
	"outbox": {"to_name": {"An", ""}, "to_address": {"Adresse", ""}, "subject": {"Betreff", ""}, "body_text": {"Text", ""},
		"sent_at": {"Gesendet", ""}, "created_at": {"Erstellt", ""}},
	"audit_log": {"at": {"Zeitpunkt", ""}, "actor_label": {"Wer", ""}, "action": {"Was", ""}, "detail": {"Angabe", ""}},
}

// subjectCell shows one stored value on the printable page.
func subjectCell(table, column string, v any) string {
	col := subjectColumns[table][column]
	if table == "audit_log" && column == "action" {
		s, _ := v.(string)
		return domain.AuditText(s, nil, "")
	}
	if s, ok := v.(string); ok && col.options != "" {
		return domain.Label(optionLists[col.options], s)
	}
	return germanCell(v)
}
