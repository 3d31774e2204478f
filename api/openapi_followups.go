package api

import "wohnbruecke/internal/domain"

// The follow-ups (Nachsorge) of the tenancy phase in the OpenAPI document.

const rolesFollowUps = "admin, staff, caseworker (nur eigene Haushalte und begleitete Mietverhältnisse)"

func followUpPaths(add func(path, method string, o op), w []string) {
	add("/api/v1/follow-ups", "get", op{id: "listFollowUps", tag: "Nachsorge", summary: "Nachsorge auflisten",
		desc: "Die Nachsorge nach 3, 6, 12 und 24 Monaten, sobald sie fällig ist; nach Kennung geordnet, seitenweise mit Cursor.", roles: rolesFollowUps,
		params:   append([]any{query("open", "Nur offene (true) oder nur eingetragene (false).", obj{"type": "boolean", "description": "Offen.", "example": true})}, pageParams...),
		okStatus: "200", ok: "FollowUpList", errors: []string{"BadRequest"}})
	add("/api/v1/follow-ups/{id}", "get", op{id: "getFollowUp", tag: "Nachsorge", summary: "Nachsorge lesen", desc: "Eine Nachsorge mit Haushalt und Mietverhältnis.",
		roles: rolesFollowUps, params: []any{idParamRef}, okStatus: "200", ok: "FollowUp", errors: []string{"BadRequest", "NotFound"}})
	add("/api/v1/follow-ups/{id}/record", "post", op{id: "recordFollowUp", tag: "Nachsorge", summary: "Nachsorge eintragen",
		desc: "Wohnt der Haushalt noch in der Wohnung (in_flat), anderswo (elsewhere) oder hat er sie verloren (lost, mit end_reason)? " +
			"„elsewhere“ und „lost“ beenden ein laufendes Mietverhältnis zum end_date; bei einem beendeten ändern sie nur, ob der Haushalt mit Wohnung versorgt ist. Einmal je Nachsorge.",
		roles: rolesFollowUps, params: []any{idParamRef}, body: "FollowUpRecord", okStatus: "200", ok: "FollowUp", errors: w})
}

func followUpSchemas(s obj) {
	reasons := domain.TenancyEndReasons.Codes()
	fu := obj{
		"id":                  integer("Kennung der Nachsorge.", 12),
		"tenancy_id":          integer("Mietverhältnis.", 4),
		"household_id":        integer("Haushalt.", 42),
		"household_reference": str("Kennung des Haushalts.", "HH-2026-0042"),
		"months":              obj{"type": "integer", "enum": []any{3, 6, 12, 24}, "description": "Monate nach dem Beginn des Mietverhältnisses.", "example": 6},
		"due_on":              date("Fällig am (derselbe Tag im Monat, sonst der letzte Tag des Monats).", "2026-07-31"),
		"tenancy_start":       date("Beginn des Mietverhältnisses.", "2026-01-31"),
		"tenancy_status":      enum("Zustand des Mietverhältnisses.", optionValues(domain.TenancyStatusOptions)),
		"open":                boolean("Noch nicht eingetragen.", true),
		"outcome":             nullable(enum("Ergebnis.", domain.FollowUpOutcomes.Codes())),
		"end_reason":          nullable(enum("Grund (bei elsewhere: housed_elsewhere).", reasons)),
		"note":                str("Notiz (nie für Vermieter*innen).", ""),
		"recorded_at":         nullable(instant("Eingetragen am.", "2026-08-03T09:12:00Z")),
		"recorded_by":         str("Eingetragen von.", "Elena Popescu"),
	}
	s["FollowUp"] = object("Eine Nachsorge.", keys(fu), fu)
	s["FollowUpList"] = pageSchema("Eine Seite der Nachsorge.", "Die Nachsorge, nach Kennung geordnet.", "FollowUp")
	s["FollowUpRecord"] = object("Was die Nachsorge ergab.", []string{"outcome"}, obj{
		"outcome":    enum("in_flat, elsewhere oder lost.", domain.FollowUpOutcomes.Codes()),
		"end_date":   nullable(date("Ausgezogen am (bei elsewhere und lost, wenn das Mietverhältnis noch läuft).", "2026-06-30")),
		"end_reason": enum("Grund, warum der Haushalt die Wohnung verloren hat (nur bei lost; nicht housed_elsewhere).", reasons),
		"note":       str("Notiz, höchstens 2000 Zeichen.", "Hausbesuch, alles in Ordnung."),
	})
}
