package api

import "wohnbruecke/internal/domain"

// The tenancy phase in the OpenAPI document (docs/design.md §8).

const (
	rolesTenancy = "admin, staff, caseworker (nur begleitete Mietverhältnisse), landlord (nur eigene Wohnungen)"
	rolesTeam    = "admin, staff, caseworker (nur begleitete Mietverhältnisse)"
)

func tenancyTag() obj {
	return obj{"name": "Mietverhältnisse", "description": "Die Zeit nach dem Mietvertrag: Mietverhältnisse, Kontakte der Wohnbegleitung, Meldungen der Vermieter*innen."}
}

func tenancyPaths(add func(path, method string, o op)) {
	w := []string{"NotFound", "Conflict", "Unprocessable"}
	add("/api/v1/tenancies", "get", op{id: "listTenancies", tag: "Mietverhältnisse", summary: "Mietverhältnisse auflisten",
		desc: "Nach Kennung geordnet, seitenweise mit Cursor. Vermieter*innen erhalten nur Kennung des Haushalts, Adresse, Beginn, Ende und Stand.", roles: rolesTenancy,
		params:   append([]any{query("status", "Nur Mietverhältnisse in diesem Stand.", enum("Stand.", optionValues(domain.TenancyStatusOptions)))}, pageParams...),
		okStatus: "200", ok: "TenancyList", errors: []string{"BadRequest"}})
	add("/api/v1/tenancies/{id}", "get", op{id: "getTenancy", tag: "Mietverhältnisse", summary: "Mietverhältnis lesen",
		desc: "Vermieter*innen erhalten nur Kennung des Haushalts, Adresse, Beginn, Ende und Stand.", roles: rolesTenancy,
		params: []any{idParamRef}, okStatus: "200", ok: "Tenancy", errors: []string{"BadRequest", "NotFound"}})
	add("/api/v1/tenancies/{id}/end", "post", op{id: "endTenancy", tag: "Mietverhältnisse", summary: "Ende eintragen",
		desc:  "Mit Datum, Grund und ob der Haushalt danach eine Wohnung hat (bei housed_elsewhere und died ergibt es sich aus dem Grund).",
		roles: rolesTeam, params: []any{idParamRef}, body: "TenancyEnd", okStatus: "200", ok: "Tenancy", errors: w})
	add("/api/v1/tenancies/{id}/visits", "get", op{id: "listVisits", tag: "Mietverhältnisse", summary: "Kontakte der Wohnbegleitung",
		desc: "Nach Kennung geordnet, seitenweise mit Cursor. Nie für Vermieter*innen.", roles: rolesTeam, params: append([]any{idParamRef}, pageParams...), okStatus: "200", ok: "VisitList",
		errors: []string{"BadRequest", "NotFound"}})
	add("/api/v1/tenancies/{id}/visits", "post", op{id: "createVisit", tag: "Mietverhältnisse", summary: "Kontakt eintragen",
		desc:  "Nur die Begleitung des Mietverhältnisses; der nächste fällige Kontakt folgt aus dem Besuchsrhythmus.",
		roles: "caseworker (nur begleitete Mietverhältnisse)", params: []any{idParamRef}, body: "VisitInput", okStatus: "201", ok: "Visit", errors: w})
	add("/api/v1/tenancies/{id}/reports", "get", op{id: "listTenancyReports", tag: "Mietverhältnisse", summary: "Meldungen eines Mietverhältnisses",
		desc: "Nach Kennung geordnet, seitenweise mit Cursor, ohne Verlauf (siehe getReport).", roles: rolesTenancy, params: append([]any{idParamRef}, pageParams...), okStatus: "200", ok: "ReportList",
		errors: []string{"BadRequest", "NotFound"}})
	add("/api/v1/tenancies/{id}/reports", "post", op{id: "createReport", tag: "Mietverhältnisse", summary: "Meldung senden",
		desc:  "Die Vermieter*in meldet etwas zu einem laufenden Mietverhältnis; Ansprechperson und Begleitung erhalten eine E-Mail. Antwortfrist: Ende des nächsten Arbeitstags in NRW (einstellbar).",
		roles: "landlord (nur eigene Wohnungen)", params: []any{idParamRef}, body: "ReportInput", okStatus: "201", ok: "Report", errors: w})
	add("/api/v1/reports/{id}", "get", op{id: "getReport", tag: "Mietverhältnisse", summary: "Meldung lesen",
		desc: "Mit Verlauf.", roles: rolesTenancy, params: []any{idParamRef}, okStatus: "200", ok: "Report", errors: []string{"BadRequest", "NotFound"}})
	add("/api/v1/reports/{id}/replies", "post", op{id: "replyToReport", tag: "Mietverhältnisse", summary: "Antwort schreiben",
		desc:  "Die erste Antwort der Stadt setzt eine eingegangene Meldung in Bearbeitung; die Vermieter*in erhält sie per E-Mail.",
		roles: rolesTenancy, params: []any{idParamRef}, body: "ReplyInput", okStatus: "201", ok: "Report", errors: w})
	add("/api/v1/reports/{id}/status", "post", op{id: "setReportStatus", tag: "Mietverhältnisse", summary: "Stand der Meldung ändern",
		desc: "in_progress oder done (nach der Zustandstabelle); die Vermieter*in erhält eine E-Mail.", roles: rolesTeam,
		params: []any{idParamRef}, body: "ReportStatusInput", okStatus: "200", ok: "Report", errors: w})
}

func tenancySchemas(s obj) {
	idOrNull := func(desc string) obj { return nullable(integer(desc, 7)) }
	s["Tenancy"] = object("Ein Mietverhältnis. Vermieter*innen erhalten nur die Pflichtfelder.",
		[]string{"id", "household_reference", "address", "start_date", "end_date", "status"}, obj{
			"id":                  integer("Kennung.", 12),
			"household_reference": str("Kennung (Pseudonym) des Haushalts.", "HH-2026-0042"),
			"address":             str("Adresse der Wohnung.", "Elberfelder Straße 12, 58095 Hagen"),
			"start_date":          date("Beginn (Tag des Mietvertrags).", "2026-03-05"),
			"end_date":            nullable(date("Ende, null solange es läuft.", "2027-01-31")),
			"status":              enum("Stand: active läuft, ended beendet.", optionValues(domain.TenancyStatusOptions)),
			"household_id":        integer("Kennung des Haushalts.", 42),
			"vacancy_id":          integer("Kennung des Wohnungsangebots.", 3),
			"place":               integer("Platz in der Wohnung.", 1),
			"landlord_id":         integer("Kennung der Vermieter*in.", 5),
			"landlord_name":       str("Name der Vermieter*in.", "Hagener Stadtwohnen GmbH"),
			"companion_id":        idOrNull("Konto der Wohnbegleitung."),
			"companion_name":      str("Name der Wohnbegleitung.", "Elena Popescu"),
			"contact_user_id":     idOrNull("Konto der Ansprechperson der Vermieter*in."),
			"contact_name":        str("Name der Ansprechperson.", "Sabine Hartmann"),
			"end_reason":          nullable(enum("Grund des Endes.", domain.TenancyEndReasons.Codes())),
			"end_note":            str("Bemerkung zum Ende.", ""),
			"kept_flat":           boolean("Lebt der Haushalt noch in der vermittelten Wohnung?", true),
			"stably_housed":       boolean("Hat der Haushalt (hier oder anderswo) eine Wohnung?", true),
			"next_visit_due":      str("Tag, an dem der nächste Kontakt fällig ist (JJJJ-MM-TT).", "2026-03-12"),
			"visit_overdue":       boolean("Ist der nächste Kontakt überfällig?", false),
			"visit_early_days":    integer("Abstand der Kontakte zu Beginn (Tage).", 7),
			"visit_early_months":  integer("Dauer der ersten Phase (Monate).", 1),
			"visit_later_days":    integer("Abstand der Kontakte danach (Tage).", 30),
		})
	s["TenancyList"] = pageSchema("Eine Seite von Mietverhältnissen.", "Die Mietverhältnisse, nach Kennung geordnet.", "Tenancy")
	s["TenancyEnd"] = object("Ende eines Mietverhältnisses.", []string{"end_date", "end_reason"}, obj{
		"end_date":      date("Ende.", "2027-01-31"),
		"end_reason":    enum("Grund.", domain.TenancyEndReasons.Codes()),
		"stably_housed": boolean("Hat der Haushalt danach eine Wohnung? Bei housed_elsewhere und died nicht nötig.", true),
		"note":          str("Bemerkung (höchstens 2.000 Zeichen).", "Umzug zur Tochter nach Dortmund"),
	})
	s["Visit"] = object("Ein Kontakt der Wohnbegleitung.", []string{"id", "visited_on", "kind", "duration_minutes", "language", "topics", "note"}, obj{
		"id":               integer("Kennung.", 31),
		"visited_on":       date("Tag des Kontakts.", "2026-03-10"),
		"kind":             enum("Art: home Hausbesuch, phone Telefon, office Büro, landlord mit Vermieter*in.", domain.VisitKinds.Codes()),
		"duration_minutes": integer("Dauer in Minuten.", 60),
		"language":         enum("Sprache des Gesprächs.", domain.Languages.Codes()),
		"topics":           array("Themen aus dem Mietführerschein.", enum("Thema.", domain.VisitTopics.Codes()), []any{"heating", "waste"}),
		"note":             str("Kurze Notiz (nie für Vermieter*innen).", "Lüften besprochen."),
	})
	s["VisitList"] = pageSchema("Eine Seite von Kontakten.", "Die Kontakte, nach Kennung geordnet.", "Visit")
	s["VisitInput"] = object("Ein neuer Kontakt.", []string{"visited_on", "kind", "duration_minutes", "language"}, obj{
		"visited_on":       date("Tag des Kontakts (nicht in der Zukunft).", "2026-03-10"),
		"kind":             enum("Art des Kontakts.", domain.VisitKinds.Codes()),
		"duration_minutes": obj{"type": "integer", "description": "Dauer in Minuten (1 bis 720).", "example": 60},
		"language":         enum("Sprache des Gesprächs.", domain.Languages.Codes()),
		"topics":           array("Themen aus dem Mietführerschein.", enum("Thema.", domain.VisitTopics.Codes()), []any{"heating"}),
		"note":             str("Kurze Notiz (höchstens 1.000 Zeichen).", "Lüften besprochen."),
	})
	s["ReportReply"] = object("Eine Nachricht im Verlauf einer Meldung.", []string{"id", "from_landlord", "author_name", "body", "created_at"}, obj{
		"id":            integer("Kennung.", 4),
		"from_landlord": boolean("Von der Vermieter*in (sonst von der Stadt Hagen).", false),
		"author_name":   str("Name.", "Elena Popescu"),
		"body":          str("Text.", "Ich komme morgen mit der Familie vorbei."),
		"created_at":    instant("Zeitpunkt.", "2026-03-05T14:20:00Z"),
	})
	s["Report"] = object("Eine Meldung einer Vermieter*in zu einem Mietverhältnis.",
		[]string{"id", "tenancy_id", "household_reference", "address", "category", "urgency", "body", "status", "filed_by_name", "filed_at", "respond_by", "first_answer_at", "in_progress_at", "done_at"}, obj{
			"id":                  integer("Kennung.", 9),
			"tenancy_id":          integer("Kennung des Mietverhältnisses.", 12),
			"household_reference": str("Kennung (Pseudonym) des Haushalts.", "HH-2026-0042"),
			"address":             str("Adresse der Wohnung.", "Elberfelder Straße 12, 58095 Hagen"),
			"category":            enum("Worum es geht.", domain.ReportCategories.Codes()),
			"urgency":             enum("Wie eilig: low kann warten, normal bald klären, urgent dringend.", domain.ReportUrgencies.Codes()),
			"body":                str("Text der Meldung.", "Wasserschaden im Bad."),
			"status":              enum("Stand: received eingegangen, in_progress in Bearbeitung, done erledigt.", optionValues(domain.ReportStatusOptions)),
			"filed_by_name":       str("Wer die Meldung geschickt hat.", "Petra Lindner"),
			"filed_at":            instant("Eingegangen.", "2026-03-05T10:00:00Z"),
			"respond_by":          instant("Antwortfrist: Ende des letzten Arbeitstags der Frist (Hagener Mitternacht).", "2026-03-06T23:00:00Z"),
			"first_answer_at":     nullable(instant("Erste Antwort der Stadt.", "2026-03-05T12:00:00Z")),
			"in_progress_at":      nullable(instant("In Bearbeitung seit.", "2026-03-05T12:00:00Z")),
			"done_at":             nullable(instant("Erledigt am.", "2026-03-09T09:00:00Z")),
			"replies":             array("Verlauf, älteste zuerst (nur bei einzelnen Meldungen).", obj{"$ref": "#/components/schemas/ReportReply"}, []any{}),
		})
	s["ReportList"] = pageSchema("Eine Seite von Meldungen.", "Die Meldungen, nach Kennung geordnet.", "Report")
	s["ReportInput"] = object("Eine neue Meldung.", []string{"category", "urgency", "body"}, obj{
		"category": enum("Worum es geht.", domain.ReportCategories.Codes()),
		"urgency":  enum("Wie eilig.", domain.ReportUrgencies.Codes()),
		"body":     str("Was passiert ist (höchstens 4.000 Zeichen).", "Wasserschaden im Bad."),
	})
	s["ReplyInput"] = object("Eine Antwort.", []string{"body"}, obj{
		"body": str("Text (höchstens 4.000 Zeichen).", "Ich komme morgen vorbei."),
	})
	s["ReportStatusInput"] = object("Neuer Stand.", []string{"status"}, obj{
		"status": enum("Stand.", optionValues(domain.ReportStatusOptions)),
	})
}
