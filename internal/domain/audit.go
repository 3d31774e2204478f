package domain

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// AuditActions is the one table of the audit log's actions: each code the services write
// and the German sentence the log shows for it, with %s for the record it concerns (see
// AuditEntities). A service that writes a new action adds it here; a test renders every
// action the code writes and fails on one without a sentence.
var AuditActions = map[string]string{
	"household.open":          "Haushalt %s geöffnet",
	"household.create":        "Haushalt %s angelegt",
	"household.update":        "Haushalt %s geändert",
	"household.pause":         "Haushalt %s pausiert",
	"household.resume":        "Haushalt %s wieder aktiv",
	"household.housed":        "Haushalt %s als versorgt eingetragen",
	"household.close":         "Haushalt %s abgeschlossen",
	"household.registered_on": "Registrierungsdatum von Haushalt %s korrigiert",

	"match.approve":      "Vorschlag für Haushalt %s freigegeben",
	"match.outcome":      "Ergebnis der Besichtigung für Haushalt %s eingetragen",
	"match.lease_signed": "Mietvertrag für Haushalt %s eingetragen",
	"match.withdraw":     "Vorschlag für Haushalt %s zurückgezogen",

	// fairness: Art. 22 reasons
	"match.override": "Vorschlag für Haushalt %s abweichend von der Rangfolge freigegeben (Begründung)",

	"viewing.answer.confirm":         "Haushalt %s hat die Besichtigung bestätigt",
	"viewing.answer.decline":         "Haushalt %s hat die Besichtigung abgesagt",
	"viewing.answer.reschedule":      "Haushalt %s bittet um einen anderen Termin",
	"viewing.reschedule":             "Besichtigung für Haushalt %s verlegt",
	"viewing.rebook":                 "Haushalt %s hat selbst einen anderen Termin gebucht",
	"viewing.invitation_handed_over": "Gedruckte Einladung für Haushalt %s übergeben",

	"vacancy.create":      "Wohnungsangebot %s angelegt",
	"vacancy.update":      "Wohnungsangebot %s geändert",
	"vacancy.duplicate":   "Wohnungsangebot %s als Kopie angelegt",
	"vacancy.submit":      "Wohnungsangebot %s eingereicht",
	"vacancy.publish":     "Wohnungsangebot %s veröffentlicht",
	"vacancy.send_back":   "Wohnungsangebot %s zur Überarbeitung zurückgegeben",
	"vacancy.withdrawn":   "Wohnungsangebot %s zurückgezogen",
	"vacancy.let":         "Wohnungsangebot %s als vermietet eingetragen",
	"vacancy.slot_add":    "Besichtigungstermin für Wohnungsangebot %s angelegt",
	"vacancy.slot_remove": "Besichtigungstermin für Wohnungsangebot %s gelöscht",

	"landlord.invite":           "Vermieter*in %s eingeladen",
	"landlord.invite_colleague": "Kolleg*in %s eingeladen",
	"landlord.register":         "Vermieter*in %s hat sich registriert",
	"landlord.activate":         "Zugang von Vermieter*in %s freigeschaltet",
	"landlord.block":            "Zugang von Vermieter*in %s gesperrt",
	"landlord.profile":          "Vermieter*in %s hat ihre Angaben geändert",
	"agreement.sign":            "Kooperationsvereinbarung von %s unterzeichnet",
	"agreement.sign_paper":      "Unterzeichnete Kooperationsvereinbarung auf Papier für %s eingetragen",
	"user.invite":               "Zugang für %s angelegt und Einladung verschickt",
	"user.deactivate":           "Zugang von %s deaktiviert",
	"user.reactivate":           "Zugang von %s wieder aktiviert",
	"user.role":                 "Rolle von %s geändert",
	"user.password_invite":      "%s hat das erste Passwort gesetzt (Einladung zum Zugang)",
	"user.password_reset":       "%s hat ein neues Passwort gesetzt",
	"user.reset_requested":      "Link zum Zurücksetzen des Passworts für %s angefordert",
	"api_token.create":          "API-Zugangsschlüssel %s angelegt",
	"api_token.revoke":          "API-Zugangsschlüssel %s widerrufen",
	"policy.save":               "Gewichtung der Rangliste als Version %s gespeichert",
	"limits.save":               "Grenzwerte der Rangliste geändert",
	"outbox.retry":              "Nachricht Nr. %s erneut zum Versand gegeben",

	// Data protection (issue 15, branch privacy)
	"household.health_notes_read": "Gesundheitshinweise von Haushalt %s gelesen",
	"household.export":            "Auskunft (Art. 15 DSGVO) über Haushalt %s erstellt",
	"household.anonymise":         "Haushalt %s nach Ablauf der Aufbewahrungsfrist anonymisiert",
	"outbox.purge":                "Inhalte versandter Nachrichten nach Ablauf der Frist gelöscht",
	"statutory.export":            "Statistische Meldung exportiert",
	// Tenancy phase (docs/design.md §8).
	"tenancy.start":  "Mietverhältnis von Haushalt %s begonnen",
	"tenancy.end":    "Ende des Mietverhältnisses von Haushalt %s eingetragen",
	"tenancy.rhythm": "Besuchsrhythmus im Mietverhältnis von Haushalt %s geändert",
	"visit.record":   "Kontakt der Wohnbegleitung mit Haushalt %s eingetragen",
	"report.file":    "Meldung der Vermieter*in zu Haushalt %s eingegangen",
	"report.reply":   "Antwort auf eine Meldung zu Haushalt %s geschrieben",
	"report.status":  "Status einer Meldung zu Haushalt %s geändert",
	// Mietführerschein (courses, participants, exams, certificates).
	"course.create":         "Kurs %s angelegt",
	"course.update":         "Kurs %s geändert",
	"course.status":         "Status von Kurs %s geändert",
	"course.session_add":    "Termin für Kurs %s angelegt",
	"course.enrol":          "Teilnehmer*in in Kurs %s aufgenommen",
	"course.attendance":     "Anwesenheit in Kurs %s eingetragen",
	"course.exam":           "Prüfungsergebnis in Kurs %s eingetragen",
	"course.link_household": "Teilnehmer*in von Kurs %s mit einem Haushalt verknüpft",
	"certificate.issue":     "Integrationszertifikat %s ausgestellt",
	"certificate.revoke":    "Integrationszertifikat %s widerrufen",
	"certificate.renew":     "Integrationszertifikat %s durch Auffrischungskurs verlängert",

	// Follow-ups of the tenancy phase (docs/design.md §8.4).
	"follow_up.due":       "Nachsorge im Mietverhältnis von Haushalt %s fällig geworden",
	"follow_up.record":    "Nachsorge im Mietverhältnis von Haushalt %s eingetragen",
	"satisfaction.answer": "Vermieter*in hat die Fragen zur Zufriedenheit mit dem Mietverhältnis von Haushalt %s beantwortet",
}

// AuditEntities names the kinds of record the audit log refers to, for its filter.
var AuditEntities = []Option{
	{"household", "Haushalte"}, {"match", "Vorschläge"}, {"viewing", "Besichtigungen"},
	{"vacancy", "Wohnungsangebote"}, {"landlord", "Vermieter*innen"}, {"user", "Zugänge"},
	{"api_token", "API-Zugangsschlüssel"}, {"policy", "Gewichtung"}, {"setting", "Einstellungen"}, {"outbox", "Postausgang"},
	// Tenancy phase (docs/design.md §8).
	{"tenancy", "Mietverhältnisse"}, {"report", "Meldungen"},
	{"course", "Kurse (Mietführerschein)"}, {"certificate", "Integrationszertifikate"},
}

// AuditText is the German sentence of an audit entry; subject names its record as people
// know it (a household's reference, a vacancy's address, a landlord's name), or is empty
// when the record is gone, in which case the record's number stands in. An action missing
// from AuditActions reads "Sonstige Änderung" rather than showing its code.
func AuditText(action string, entityID *int64, subject string) string {
	if subject == "" && entityID != nil && *entityID != 0 {
		subject = "Nr. " + strconv.FormatInt(*entityID, 10)
	}
	text, ok := AuditActions[action]
	if !ok {
		if subject == "" {
			return "Sonstige Änderung"
		}
		return "Sonstige Änderung an " + subject
	}
	if !strings.Contains(text, "%s") {
		return text
	}
	if subject == "" {
		subject = "(unbekannt)"
	}
	return fmt.Sprintf(text, subject)
}

// legacyDetails rewrite the details older entries were written with (internal ids and
// key=value pairs) into what the log shows today; new entries are written in German.
var legacyDetails = []struct {
	re      *regexp.Regexp
	rewrite func(m []string) string
}{
	{regexp.MustCompile(`^accepted=(true|false) no_show=(true|false) reason=(.*)$`), func(m []string) string {
		switch {
		case m[2] == "true":
			return "nicht erschienen"
		case m[1] == "true":
			return "Zusage"
		}
		return "Absage: " + Label(RejectionReasonOptions, m[3])
	}},
	{regexp.MustCompile(`^vacancy \d+, household \d+, slot \d+, rank (\d+)$`), func(m []string) string { return "Rang " + m[1] }},
	{regexp.MustCompile(`^place (\d+)$`), func(m []string) string { return "Platz " + m[1] }},
	{regexp.MustCompile(`^(?:slot|from) \d+$`), func([]string) string { return "" }},
	{regexp.MustCompile(`^(.*) \((staff|caseworker|admin|landlord), user \d+\)$`), func(m []string) string {
		return m[1] + " (Rolle " + Role(m[2]).Label() + ")"
	}},
}

// AuditDetail is an entry's detail as the log shows it.
func AuditDetail(detail string) string {
	for _, l := range legacyDetails {
		if m := l.re.FindStringSubmatch(detail); m != nil {
			return l.rewrite(m)
		}
	}
	return detail
}
