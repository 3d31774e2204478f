package domain

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// OverrideReasons is the catalogue of reasons staff give when they approve a household that
// is not the best-ranked eligible candidate free for the flat (Art. 22 GDPR: a person
// decides, and says why). The free text is always required besides the code.
var OverrideReasons = Enum[ReasonCode]{
	{"better_fit", "Passt nachweislich besser zu dieser Wohnung (z. B. Nähe zu Arbeit, Schule, Hilfen)"},
	{"support_plan", "Empfehlung der Wohnbegleitung oder Hilfeplanung"},
	{"top_unreachable", "Besser platzierter Haushalt nicht erreichbar"},
	{"top_not_ready", "Besser platzierter Haushalt zurzeit nicht umzugsbereit"},
	{ReasonOther, "Anderer Grund"},
}

// ValidateOverride adds German messages for "reason" and "reason_note" to ve when the
// reason for passing over a better-ranked household is incomplete: a code of
// OverrideReasons and a free text of up to ReasonNoteMax characters are both required.
func (r Reason) ValidateOverride(rank int, ve *ValidationError) {
	switch {
	case r.Code == "":
		ve.Add("reason", "Der Haushalt steht auf Rang "+strconv.Itoa(rank)+", nicht an erster Stelle: Bitte wählen Sie den Grund, aus dem Sie ihn vorziehen (Art. 22 DSGVO).")
	case !OverrideReasons.Has(r.Code):
		ve.Add("reason", "Bitte wählen Sie einen Grund aus der Liste.")
	}
	note := strings.TrimSpace(r.Note)
	switch {
	case note == "":
		ve.Add("reason_note", "Bitte begründen Sie die Auswahl in mindestens einem Satz.")
	case utf8.RuneCountInString(note) > ReasonNoteMax:
		ve.Add("reason_note", "Die Begründung darf höchstens 500 Zeichen haben.")
	}
}

// DeclineReasons is the catalogue a household may choose from when it declines a viewing
// (optional). Every decline is reasonable: none lowers the household's score, waiting time
// or lottery number; the reason only feeds the equity figures. The household reads the label
// in its language (mail/locales, keys "decline_<code>").
var DeclineReasons = Enum[ReasonCode]{
	{"flat_unsuitable", "Wohnung passt nicht (Größe, Lage oder Ausstattung)"},
	{"too_expensive", "Wohnung ist zu teuer"},
	{"found_elsewhere", "Anderswo eine Wohnung gefunden"},
	{"personal", "Persönliche Gründe"},
	{ReasonOther, "Anderer Grund"},
}
