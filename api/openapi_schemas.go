package api

import (
	"wohnbruecke/internal/domain"
	"wohnbruecke/matching"
)

// schemas returns the component schemas: request and response bodies.
func schemas() obj {
	boroughs := domain.Boroughs.Codes()
	consents := domain.ConsentKinds.Codes()
	s := obj{}

	s["Error"] = object("Die eine Fehlerform der API.", []string{"error"}, obj{
		"error": object("Der Fehler.", []string{"code", "message"}, obj{
			"code":    errorCodeSchema(),
			"message": str("Deutsche Meldung für Menschen.", "Bitte prüfen Sie die markierten Angaben."),
			"fields": obj{"type": "object", "description": "Je Feld (JSON-Pfad, z. B. members[0].birth_year) eine deutsche Meldung.",
				"additionalProperties": obj{"type": "string", "description": "Meldung zum Feld.", "example": "Bitte geben Sie das Geburtsjahr an."},
				"example":              obj{"members[0].birth_year": "Das Geburtsjahr darf nicht in der Zukunft liegen."}},
			"reasons": array("Nur bei household_not_eligible: die harten Regeln, die der Haushalt nicht erfüllt. / Only for household_not_eligible: the hard rules the household fails.",
				object("Eine nicht erfüllte Regel. / One failed rule.", []string{"code", "message"}, obj{
					"code":            ref("ReasonCode", "Regelcode. / Rule code."),
					"deprecated_code": str("Früherer Code der Regel, solange er als veralteter Alias gilt (siehe ReasonCode). / Former code of the rule while it is kept as a deprecated alias.", "district_excluded"),
					"message":         str("Deutsche Erklärung. / German explanation.", "Die Bruttokaltmiete liegt über der KdU-Grenze."),
				}), []any{obj{"code": matching.ReasonKdUExceeded.String(), "message": "Die Bruttokaltmiete liegt über der KdU-Grenze."}}),
		}),
	})
	s["OpenAPIDocument"] = obj{"type": "object", "description": "Ein OpenAPI-3.1-Dokument.", "example": obj{"openapi": "3.1.0"}}
	s["Me"] = object("Das angemeldete Konto.", []string{"id", "email", "name", "role"}, obj{
		"id":          integer("Kennung des Kontos.", 3),
		"email":       str("E-Mail-Adresse.", "m.yilmaz@hagen.de"),
		"name":        str("Name.", "Mehmet Yılmaz"),
		"role":        enum("Rolle.", domain.Roles.Codes()),
		"landlord_id": integer("Vermieter*in des Kontos (nur Rolle landlord).", 5),
		"token_name":  str("Name des Zugangsschlüssels (nur bei Bearer-Anfragen).", "Jobcenter Hagen – Fachverfahren"),
		"csrf_token":  str("Wert für die Kopfzeile X-CSRF-Token (nur bei Sitzungen).", "kQ3x…"),
	})

	// Households.
	s["Member"] = object("Ein Haushaltsmitglied; Zahl der Erwachsenen und Kinder ergibt sich daraus.", []string{"birth_year", "sex"}, obj{
		"birth_year": integer("Geburtsjahr.", 1988),
		"sex":        enum("Geschlecht: f weiblich, m männlich, d divers.", domain.Sexes.Codes()),
	})
	s["Certificate"] = object("Integrationszertifikat Wohnen (Mietführerschein).", []string{"passed_on"}, obj{
		"passed_on": date("Tag der bestandenen Prüfung.", "2026-02-13"),
		"number":    str("Zertifikatsnummer.", "IZW-2026-0113"),
	})
	s["Accompaniment"] = object("„Klartext“-Wohnbegleitung.", []string{"from", "companion_name"}, obj{
		"from":            date("Beginn.", "2026-01-05"),
		"until":           date("Ende (optional).", "2026-12-31"),
		"companion_name":  str("Name der Begleitperson.", "Elena Ionescu"),
		"companion_email": str("E-Mail der Begleitperson.", "e.ionescu@werkhof-hagen.de"),
		"companion_phone": str("Telefon der Begleitperson.", "02331 123456"),
	})
	s["Fachstelle"] = object("Fall der Zentralen Fachstelle („Endlich ein ZUHAUSE!“).", []string{"category", "urgency", "focus_group"}, obj{
		"category":       enum("Wohnungsnotfall nach BAG W: A1 ohne Unterkunft, A2 untergebracht, B bedroht, C unzumutbar.", domain.EmergencyCategories.Codes()),
		"urgency":        urgency("Dringlichkeit 1 (höchste) bis 4.", domain.UrgencyHigh),
		"homeless_since": date("Wohnungslos seit.", "2025-06-01"),
		"focus_group":    enum("Zielgruppe.", domain.FocusGroups.Codes()),
		"health_notes":   str("Hinweise zur Gesundheit (nur mit Einwilligung health_data; verschlüsselt gespeichert, nur für die Wohnraumakquise und die zuständige Wohnbegleitung, jedes Lesen protokolliert).", "Rollator"),
		// statutory counts (privacy, issue 15)
		"accommodation_kind":     enum("Art der Unterbringung (WoBerichtsG § 4); leer oder fehlend: unbekannt.", domain.AccommodationKinds.Codes()),
		"accommodation_provider": enum("Träger der Unterbringung; leer oder fehlend: unbekannt.", domain.AccommodationProviders.Codes()),
		"accommodated_since":     date("Untergebracht seit.", "2025-11-01"),
	})
	s["WBS"] = object("Wohnberechtigungsschein.", []string{"valid_until", "persons"}, obj{
		"valid_until": date("Gültig bis.", "2027-06-30"),
		"persons":     integer("Für so viele Personen.", 2),
	})
	s["Needs"] = object("Bedarfe und Wünsche.", nil, obj{
		"wheelchair":         boolean("Rollstuhlgerechte Wohnung nötig.", false),
		"step_free":          boolean("Braucht eine stufenlos erreichbare Wohnung.", false),
		"pets":               boolean("Haustiere.", false),
		"preferred_boroughs": array("Bevorzugte Stadtbezirke.", enum("Stadtbezirk.", boroughs), []any{"mitte"}),
		"excluded_boroughs":  array("Ausgeschlossene Stadtbezirke.", enum("Stadtbezirk.", boroughs), []any{"hohenlimburg"}),
		"earliest_move_in":   date("Frühester Einzug.", "2026-12-01"),
	})
	hhInput := obj{
		"reference":              str("Kennung (Pseudonym); leer: wird vergeben. Beim Ändern nicht änderbar.", "HH-2026-0042"),
		"contact_name":           str("Name der Ansprechperson des Haushalts.", "Ana Popa"),
		"email":                  str("E-Mail-Adresse (optional).", "ana.popa@example.org"),
		"phone":                  str("Telefon.", "0157 1234567"),
		"language":               enum("Sprache der Post (Deutsch immer dabei).", domain.Languages.Codes()),
		"nationality":            str("Staatsangehörigkeit (nie für Vermieter*innen sichtbar).", "rumänisch"),
		"caseworker_id":          integer("Zuständige Person der Wohnbegleitung (Konto mit Rolle caseworker).", 4),
		"members":                array("Haushaltsmitglieder, mindestens eine volljährige Person.", obj{"$ref": "#/components/schemas/Member"}, []any{obj{"birth_year": 1988, "sex": "f"}, obj{"birth_year": 2016, "sex": "m"}}),
		"certificate":            ref("Certificate", "Grundlage Integrationszertifikat (optional)."),
		"accompaniment":          ref("Accompaniment", "Grundlage Wohnbegleitung (optional)."),
		"fachstelle":             ref("Fachstelle", "Grundlage Fall der Fachstelle (optional)."),
		"benefit":                enum("Sozialleistung (für die KdU-Regel).", domain.Benefits.Codes()),
		"direct_payment_consent": boolean("Einverstanden mit Direktzahlung der Miete an Vermieter*in (nur sgb2/sgb12).", false),
		"yearly_income_cents":    integer("Jahreseinkommen in Cent (optional).", 1450000),
		"wbs":                    ref("WBS", "Wohnberechtigungsschein (optional)."),
		"needs":                  ref("Needs", "Bedarfe und Wünsche."),
		"consents":               array("Erteilte Einwilligungen; data_processing ist Pflicht.", enum("Einwilligung.", consents), []any{"data_processing", "share_with_landlord"}),
		"registered_on":          date("Registriert am: Beginn der Wartezeit, vom System auf den Tag der Erfassung gesetzt. Ein anderes Datum ist eine Korrektur: nur für staff und admin, nicht vor 2000-01-01, nicht in der Zukunft, mit registered_on_reason; sie wird protokolliert.", "2025-11-20"),
		"registered_on_reason":   str("Grund einer Korrektur von registered_on (Pflicht, wenn es sich ändert).", "Papierantrag vom 20.11.2025 nachgetragen"),
	}
	hhExample := obj{"contact_name": "Ana Popa", "phone": "0157 1234567", "language": "ro", "members": []any{obj{"birth_year": 1988, "sex": "f"}, obj{"birth_year": 2016, "sex": "m"}},
		"certificate": obj{"passed_on": "2026-02-13", "number": "IZW-2026-0113"}, "benefit": "sgb2", "needs": obj{"preferred_boroughs": []any{"mitte"}},
		"consents": []any{"data_processing", "share_with_landlord"}}
	in := object("Ein Haushalt, wie Fachverfahren ihn übermitteln. Mindestens eine Grundlage (certificate, accompaniment, fachstelle) ist nötig.",
		[]string{"contact_name", "language", "members", "benefit", "consents"}, hhInput)
	in["example"] = hhExample
	s["HouseholdInput"] = in
	patch := object("Merge Patch auf die änderbaren Felder eines Haushalts; nur die zu ändernden Felder angeben, null entfernt einen Abschnitt.", nil, patchProps(hhInput))
	patch["example"] = obj{"phone": "0157 7654321", "wbs": nil}
	s["HouseholdPatch"] = patch
	hhOut := merged(hhInput, obj{
		"id":             integer("Kennung.", 42),
		"status":         enum("Status.", optionValues(domain.HouseholdStatusOptions)),
		"paused_reason":  str("Grund der Pause.", "Krankenhausaufenthalt"),
		"paused_until":   nullable(date("Pausiert bis.", "2027-01-15")),
		"lottery_number": lotteryNumber(), // apirank
		"persons":        integer("Zahl der Personen.", 2),
		"adults":         integer("Erwachsene.", 1),
		"children":       integer("Kinder.", 1),
		"consent_records": array("Verlauf der Einwilligungen.", object("Eine Einwilligung.", []string{"kind", "given_at", "revoked_at"}, obj{
			"kind":       enum("Art.", consents),
			"given_at":   instant("Erteilt am.", "2026-11-20T09:30:00Z"),
			"revoked_at": nullable(instant("Widerrufen am.", "2026-12-01T10:00:00Z")),
		}), []any{obj{"kind": "data_processing", "given_at": "2026-11-20T09:30:00Z", "revoked_at": nil}}),
		"created_at": instant("Angelegt am.", "2026-11-20T09:30:00Z"),
		"updated_at": instant("Geändert am.", "2026-11-20T09:30:00Z"),
	})
	hhOut["registered_on"] = date("Registriert am.", "2025-11-20")
	s["Household"] = object("Ein Haushalt mit allen Angaben (nie für Vermieter*innen).",
		[]string{"id", "reference", "status", "contact_name", "language", "members", "benefit", "consents", "needs", "lottery_number", "persons", "adults", "children", "consent_records", "created_at", "updated_at"}, hhOut)
	s["HouseholdRow"] = object("Eine Zeile der Haushaltsliste.", keys(obj{"id": 0, "reference": 0, "contact_name": 0, "language": 0, "status": 0, "focus_group": 0, "urgency": 0, "tracks": 0, "registered_on": 0, "preferred_boroughs": 0, "persons": 0}), obj{
		"id":                 integer("Kennung.", 42),
		"reference":          str("Kennung (Pseudonym).", "HH-2026-0042"),
		"contact_name":       str("Ansprechperson.", "Ana Popa"),
		"language":           enum("Sprache.", domain.Languages.Codes()),
		"status":             enum("Status.", optionValues(domain.HouseholdStatusOptions)),
		"focus_group":        enum("Zielgruppe.", domain.FocusGroups.Codes()),
		"urgency":            nullable(urgency("Dringlichkeit (nur Fälle der Fachstelle).", domain.UrgencyHigh)),
		"tracks":             object("Erfasste Grundlagen.", domain.Tracks.Codes(), trackFlags()),
		"registered_on":      nullable(date("Registriert am.", "2025-11-20")),
		"preferred_boroughs": array("Bevorzugte Stadtbezirke.", enum("Stadtbezirk.", boroughs), []any{"mitte"}),
		"persons":            integer("Personen.", 2),
	})
	s["HouseholdPage"] = object("Eine Seite der Haushaltsliste.", []string{"items", "total", "next_cursor"}, obj{
		"items":       array("Haushalte.", obj{"$ref": "#/components/schemas/HouseholdRow"}, []any{}),
		"total":       integer("Zahl aller Treffer.", 137),
		"next_cursor": nullable(str("Zeiger auf die nächste Seite; null auf der letzten.", "aDo0Mg")),
	})
	s["PauseRequest"] = object("Pause eines Haushalts.", []string{"paused_reason", "paused_until"}, obj{
		"paused_reason": str("Grund.", "Krankenhausaufenthalt"),
		"paused_until":  date("Pausiert bis (in der Zukunft).", "2027-01-15"),
	})
	for name, cat := range map[string]domain.Enum[domain.ReasonCode]{"WithdrawReason": domain.WithdrawReasons, "BlockReason": domain.BlockReasons} {
		s[name] = object("Optionaler Grund für Protokoll und Nachrichten an die Betroffenen.", nil, obj{
			"reason":      enum("Grund aus dem Katalog.", cat.Codes()),
			"reason_note": str("Erläuterung (Pflicht bei other, höchstens 500 Zeichen).", "Wasserschaden im Bad")})
	}
	s["ReasonRequest"] = object("Optionaler Grund für das Protokoll.", nil, obj{"reason": str("Grund.", "Wohnung außerhalb der Wohnbrücke gefunden")})

	// Landlords.
	s["LandlordCreate"] = object("Einladung einer Vermieter*in.", []string{"organisation", "user", "contact_user_id"}, obj{
		"organisation": object("Die Organisation.", []string{"name", "kind"}, obj{
			"name":        str("Name.", "Hagener Wohnungsgenossenschaft eG"),
			"kind":        enum("Art.", domain.LandlordKinds.Codes()),
			"email":       str("E-Mail (Standard: die des ersten Kontos).", "vermietung@hwg-hagen.de"),
			"phone":       str("Telefon.", "02331 987654"),
			"street":      str("Straße.", "Körnerstraße 5"),
			"postal_code": str("Postleitzahl.", "58095"),
			"city":        str("Ort.", "Hagen"),
		}),
		"user": object("Das erste Konto; es erhält einen Link zum Setzen des Passworts.", []string{"name", "email"}, obj{
			"name":  str("Name.", "Petra Schulte"),
			"email": str("E-Mail-Adresse.", "p.schulte@hwg-hagen.de"),
			"phone": str("Telefon.", "02331 987650"),
		}),
		"contact_user_id": integer("Ansprechperson der Wohnraumakquise (Konto mit Rolle staff).", 2),
		"guarantee":       boolean("Mietausfall-/Schadensregelung der Stadt gilt.", true),
	})
	agreement := object("Die aktuelle Kooperationsvereinbarung „Wohnen“.", []string{"version", "signed_at", "signed_by_name", "contact_user_id", "accepts_certificate", "accepts_accompaniment", "accepts_fachstelle", "yearly_quota", "guarantee"}, obj{
		"version":               str("Fassung des Vereinbarungstextes.", "2026-01"),
		"signed_at":             nullable(instant("Unterschrieben am; null solange offen.", "2026-11-21T10:00:00Z")),
		"signed_by_name":        str("Name der unterschreibenden Person.", "Petra Schulte"),
		"contact_user_id":       nullable(integer("Ansprechperson der Wohnraumakquise.", 2)),
		"accepts_certificate":   boolean("Nimmt Haushalte mit Integrationszertifikat auf.", true),
		"accepts_accompaniment": boolean("Nimmt Haushalte mit Wohnbegleitung auf.", true),
		"accepts_fachstelle":    boolean("Nimmt Haushalte der Fachstelle auf.", false),
		"yearly_quota":          integer("Wohnungen im Jahr (etwa).", 12),
		"guarantee":             boolean("Mietausfall-/Schadensregelung.", true),
	})
	s["Agreement"] = agreement
	s["Landlord"] = object("Eine kooperierende Vermieter*in.", []string{"id", "name", "kind", "status", "agreement", "created_at"}, obj{
		"id":           integer("Kennung.", 5),
		"name":         str("Name.", "Hagener Wohnungsgenossenschaft eG"),
		"kind":         enum("Art.", domain.LandlordKinds.Codes()),
		"contact_name": str("Ansprechpartner*in bei der Vermieter*in.", "Petra Schulte"),
		"email":        str("E-Mail.", "vermietung@hwg-hagen.de"),
		"phone":        str("Telefon.", "02331 987654"),
		"street":       str("Straße.", "Körnerstraße 5"),
		"postal_code":  str("Postleitzahl.", "58095"),
		"city":         str("Ort.", "Hagen"),
		"status":       enum("Status.", optionValues(domain.LandlordStatusOptions)),
		"agreement":    nullableRef("Agreement", "Aktuelle Vereinbarung (in Listen nicht enthalten: null)."),
		"created_at":   instant("Angelegt am.", "2026-11-21T09:00:00Z"),
	})
	s["LandlordList"] = object("Alle Vermieter*innen.", []string{"items"}, obj{"items": array("Vermieter*innen.", obj{"$ref": "#/components/schemas/Landlord"}, []any{})})
	s["AgreementSign"] = object("Unterschrift der Kooperationsvereinbarung.", []string{"full_name", "agree", "yearly_quota"}, obj{
		"full_name":             str("Vor- und Nachname der unterschreibenden Person.", "Petra Schulte"),
		"agree":                 boolean("Zustimmung zum Text der Vereinbarung.", true),
		"accepts_certificate":   boolean("Haushalte mit Integrationszertifikat.", true),
		"accepts_accompaniment": boolean("Haushalte mit Wohnbegleitung.", true),
		"accepts_fachstelle":    boolean("Haushalte der Fachstelle.", true),
		"yearly_quota":          integer("Wohnungen im Jahr (1–500).", 12),
	})
	s["ActivateRequest"] = object("Freischaltung.", nil, obj{"contact_user_id": integer("Ansprechperson (nur falls noch keine benannt ist).", 2)})

	// Vacancies.
	vacIn := obj{
		"street":                str("Straße und Hausnummer.", "Elberfelder Straße 12"),
		"postal_code":           str("Postleitzahl in Hagen.", "58095"),
		"district":              str("Stadtteil (passend zur Postleitzahl).", "Mittelstadt"),
		"floor":                 integer("Etage (-1 Untergeschoss, 0 Erdgeschoss).", 1),
		"elevator":              boolean("Aufzug.", false),
		"step_free":             boolean("Stufenlos erreichbar.", false),
		"wheelchair":            boolean("Rollstuhlgerecht.", false),
		"rooms_half":            integer("Zimmer in halben Zimmern (2,5 Zimmer = 5).", 4),
		"area_centi_m2":         integer("Wohnfläche in hundertstel m² (54,00 m² = 5400).", 5400),
		"net_cold_rent_cents":   integer("Nettokaltmiete in Cent.", 32000),
		"service_charges_cents": integer("Kalte Nebenkosten in Cent.", 9500),
		"heating_costs_cents":   integer("Heizkosten in Cent.", 6500),
		"deposit_cents":         integer("Kaution in Cent.", 96000),
		"available_from":        date("Verfügbar ab (heute bis zwei Jahre voraus).", "2026-12-15"),
		"wbs_required":          boolean("WBS erforderlich.", false),
		"pets_allowed":          boolean("Haustiere erlaubt.", false),
		"max_occupants":         nullable(integer("Höchstzahl der Bewohner*innen (optional).", 3)),
		"places":                integer("Plätze (mehr als 1 für eine WG).", 1),
		"restriction":           enum("Belegung.", domain.Restrictions.Codes()),
		"senior_wg_new":         boolean("Neu geschaffene Senioren-WG („Endlich ein ZUHAUSE!“); nur mit restriction senior_wg.", false),
		"accepts_certificate":   boolean("Für Haushalte mit Integrationszertifikat.", true),
		"accepts_accompaniment": boolean("Für Haushalte mit Wohnbegleitung.", true),
		"accepts_fachstelle":    boolean("Für Haushalte der Fachstelle.", true),
		"description":           str("Beschreibung.", "Helle 2-Zimmer-Wohnung, Bad mit Fenster."),
		"rent_confirmed":        boolean("Bestätigt eine ungewöhnliche Miete je m² (sonst Prüfmeldung).", false),
	}
	vacRequired := []string{"street", "postal_code", "district", "rooms_half", "area_centi_m2", "net_cold_rent_cents", "available_from", "places", "restriction"}
	vc := object("Ein neues Wohnungsangebot (Entwurf).", vacRequired, merged(vacIn, obj{"landlord_id": integer("Vermieter*in (nur Wohnraumakquise; Vermieter*innen legen für sich selbst an).", 5)}))
	vc["example"] = obj{"street": "Elberfelder Straße 12", "postal_code": "58095", "district": "Mittelstadt", "floor": 1, "rooms_half": 4, "area_centi_m2": 5400,
		"net_cold_rent_cents": 32000, "service_charges_cents": 9500, "heating_costs_cents": 6500, "deposit_cents": 96000, "available_from": "2026-12-15",
		"places": 1, "restriction": "none", "accepts_certificate": true, "accepts_accompaniment": true, "accepts_fachstelle": true, "landlord_id": 5}
	s["VacancyCreate"] = vc
	vp := object("Merge Patch auf die Felder eines Entwurfs.", nil, patchProps(vacIn))
	vp["example"] = obj{"net_cold_rent_cents": 33000}
	s["VacancyPatch"] = vp
	delete(vacIn, "rent_confirmed")
	s["Slot"] = object("Ein Besichtigungstermin.", []string{"id", "starts_at", "ends_at", "place", "capacity", "booked"}, obj{
		"id":        integer("Kennung.", 7),
		"starts_at": instant("Beginn.", "2026-12-02T14:00:00Z"),
		"ends_at":   instant("Ende.", "2026-12-02T14:45:00Z"),
		"place":     str("Treffpunkt.", "Hauseingang"),
		"capacity":  integer("Haushalte je Termin.", 1),
		"booked":    integer("Schon vergeben.", 0),
	})
	s["Vacancy"] = object("Ein Wohnungsangebot.", append(vacRequired, "id", "landlord_id", "borough", "status", "created_at", "updated_at"), merged(vacIn, obj{
		"id":             integer("Kennung.", 3),
		"landlord_id":    integer("Vermieter*in.", 5),
		"borough":        enum("Stadtbezirk (aus Postleitzahl und Stadtteil).", domain.Boroughs.Codes()),
		"status":         enum("Zustand.", optionValues(domain.VacancyStatusOptions)),
		"review_comment": str("Hinweis der Wohnraumakquise nach Rückgabe.", "Bitte Heizkosten ergänzen."),
		"submitted_at":   nullable(instant("Eingereicht am.", "2026-11-21T10:00:00Z")),
		"published_at":   nullable(instant("Veröffentlicht am.", "2026-11-22T08:00:00Z")),
		"slots":          array("Besichtigungstermine (nur in der Einzelansicht).", obj{"$ref": "#/components/schemas/Slot"}, []any{}),
		"created_at":     instant("Angelegt am.", "2026-11-21T09:00:00Z"),
		"updated_at":     instant("Geändert am.", "2026-11-21T09:00:00Z"),
	}))
	s["VacancyList"] = object("Wohnungsangebote.", []string{"items"}, obj{"items": array("Angebote.", obj{"$ref": "#/components/schemas/Vacancy"}, []any{})})
	s["SlotInput"] = object("Ein neuer Besichtigungstermin (Hagener Ortszeit).", []string{"date", "from", "to", "place", "capacity"}, obj{
		"date":     date("Tag (in der Zukunft, höchstens ein Jahr voraus).", "2026-12-02"),
		"from":     str("Beginn SS:MM.", "15:00"),
		"to":       str("Ende SS:MM.", "15:45"),
		"place":    str("Treffpunkt.", "Hauseingang"),
		"capacity": integer("Haushalte (1–50).", 1),
	})

	// Ranking and allocation.
	s["ReasonCode"] = enum("Stabiler Code eines Ausschlussgrundes (docs/design.md §4). "+reasonDescriptions(), reasonCodes())
	rankingSchemas(s) // apirank: Ranking, RankingPair
	s["Allocation"] = object("Verteilungsvorschlag über alle veröffentlichten Angebote.", []string{"policy_version", "places", "places_filled", "eligible_pairs", "total_score", "pairs"}, obj{
		"policy_version": integer("Fassung der Gewichtung.", 1),
		"places":         integer("Plätze insgesamt.", 14),
		"places_filled":  integer("Davon besetzt.", 13),
		"eligible_pairs": integer("Geeignete Paare.", 1870),
		"total_score":    decimal("Gesamtpunktzahl.", 2, 802.5), // apirank
		"pairs": array("Vorgeschlagene Paare.", object("Ein Paar.", []string{"vacancy_id", "household_id", "score"}, obj{
			"vacancy_id":   integer("Angebot.", 3),
			"household_id": integer("Haushalt.", 42),
			"score":        decimal("Punkte.", 2, 71.5), // apirank
		}), []any{}),
	})

	// Matches and viewings.
	s["ApproveRequest"] = object("Freigabe eines Haushalts der Rangliste in einen Termin.", []string{"vacancy_id", "household_id", "slot_id"}, obj{
		"vacancy_id":   integer("Angebot (veröffentlicht).", 3),
		"household_id": integer("Haushalt (geeignet laut Rangliste).", 42),
		"slot_id":      integer("Besichtigungstermin des Angebots mit freiem Platz.", 7),
		// fairness: the written reason (Art. 22 DSGVO) for a household that is not first
		"reason":      enum("Grund, wenn der Haushalt nicht der bestplatzierte freie Haushalt ist (Pflicht, sonst 422 mit Feldmeldung).", domain.OverrideReasons.Codes()),
		"reason_note": str("Begründung in eigenen Worten, höchstens 500 Zeichen (Pflicht zusammen mit reason).", "Arbeitsplatz der Mutter liegt zwei Straßen weiter."),
	})
	viewing := obj{
		"id":        integer("Kennung der Besichtigung.", 11),
		"match_id":  integer("Vorschlag.", 9),
		"slot_id":   nullable(integer("Termin.", 7)),
		"starts_at": instant("Beginn.", "2026-12-02T14:00:00Z"),
		"ends_at":   instant("Ende.", "2026-12-02T14:45:00Z"),
		"place":     str("Treffpunkt.", "Hauseingang"),
		"state":     enum("Zustand.", optionValues(domain.ViewingStateOptions)),
		"sequence":  integer("Kalender-Sequenz (steigt beim Verlegen).", 0),
	}
	viewingReq := []string{"id", "match_id", "slot_id", "starts_at", "ends_at", "place", "state", "sequence"}
	s["Viewing"] = object("Eine Besichtigung.", viewingReq, viewing)
	s["Profile"] = object("Pseudonymes Profil für Vermieter*innen (docs/design.md §2).", []string{"reference", "adults", "children", "earliest_move_in", "certificate", "certificate_on", "accompaniment", "companion_name", "companion_phone", "direct_payment", "contact_first_name", "contact_phone"}, obj{
		"reference":          str("Kennung des Haushalts.", "HH-2026-0042"),
		"adults":             integer("Erwachsene.", 1),
		"children":           integer("Kinder.", 1),
		"earliest_move_in":   nullable(date("Frühester Einzug.", "2026-12-01")),
		"certificate":        boolean("Integrationszertifikat Wohnen.", true),
		"certificate_on":     nullable(date("Zertifikat vom.", "2026-02-13")),
		"accompaniment":      boolean("Aktive Wohnbegleitung.", true),
		"companion_name":     str("Begleitperson.", "Elena Ionescu"),
		"companion_phone":    str("Telefon der Begleitperson.", "02331 123456"),
		"direct_payment":     boolean("Miete per Direktzahlung gesichert (nur mit Einwilligung).", false),
		"contact_first_name": str("Vorname der Ansprechperson (erst nach bestätigter Besichtigung).", "Ana"),
		"contact_phone":      str("Telefon (erst nach bestätigter Besichtigung).", "0157 1234567"),
	})
	matchProps := obj{
		"id":                  integer("Kennung des Vorschlags.", 9),
		"vacancy_id":          integer("Angebot.", 3),
		"household_id":        integer("Haushalt (nicht für Vermieter*innen).", 42),
		"household_reference": str("Kennung (Pseudonym) des Haushalts.", "HH-2026-0042"),
		"state":               enum("Zustand.", optionValues(domain.MatchStateOptions)),
		"score":               decimal("Punkte bei der Freigabe (nicht für Vermieter*innen).", 2, 71.5), // apirank
		"rank":                integer("Rang bei der Freigabe (nicht für Vermieter*innen).", 1),
		"policy_version":      integer("Fassung der Gewichtung.", 1),
		"approved_at":         nullable(instant("Freigegeben am.", "2026-11-21T10:00:00Z")),
		"rejection_reason":    nullable(enum("Grund einer Absage.", optionValues(domain.RejectionReasonOptions))),
		"rejection_note":      str("Anmerkung zur Absage.", ""),
		"state_changed_at":    instant("Letzte Zustandsänderung.", "2026-11-21T10:00:00Z"),
		"created_at":          instant("Angelegt am.", "2026-11-21T10:00:00Z"),
		"viewing":             ref("Viewing", "Aktuelle Besichtigung (falls vorhanden)."),
		"profile":             ref("Profile", "Pseudonymes Profil (nur für Vermieter*innen)."),
	}
	matchReq := []string{"id", "vacancy_id", "household_reference", "state", "policy_version", "approved_at", "rejection_reason", "rejection_note", "state_changed_at", "created_at"}
	s["Match"] = object("Ein Vorschlag (Match).", matchReq, matchProps)
	s["MatchPage"] = object("Eine Seite von Vorschlägen.", []string{"items", "next_cursor"}, obj{
		"items":       array("Vorschläge (ohne Besichtigung und Profil).", obj{"$ref": "#/components/schemas/Match"}, []any{}),
		"next_cursor": nullable(str("Zeiger auf die nächste Seite; null auf der letzten.", "bTo5")),
	})
	s["ViewingDetail"] = object("Eine Besichtigung mit ihrem Vorschlag.", append(viewingReq, "match"), merged(viewing, obj{"match": ref("Match", "Der Vorschlag.")}))
	s["OutcomeRequest"] = object("Ergebnis nach der Besichtigung.", []string{"outcome"}, obj{
		"outcome": enum("accepted (Zusage), rejected (Absage), no_show (nicht erschienen).", []string{"accepted", "rejected", "no_show"}),
		"reason":  enum("Grund der Absage (bei rejected Pflicht).", optionValues(domain.RejectionReasonOptions)),
		"note":    str("Anmerkung (höchstens 1000 Zeichen).", "Passt gut."),
	})
	s["RescheduleRequest"] = object("Neuer Termin.", []string{"slot_id"}, obj{"slot_id": integer("Termin desselben Angebots mit freiem Platz.", 8)})

	// Statistics.
	countMap := func(desc string, example obj) obj {
		return obj{"type": "object", "description": desc, "additionalProperties": obj{"type": "integer", "description": "Anzahl.", "example": 3}, "example": example}
	}
	s["Stats"] = object("Kennzahlen für den Zeitraum.", []string{"range", "placements_per_month", "median_days_registration_to_lease", "conversion", "landlords", "waiting", "waiting_by_urgency", "placements"}, obj{
		"range": object("Zeitraum [from, to).", []string{"from", "to"}, obj{
			"from": date("Erster Tag.", "2026-01-01"), "to": date("Tag nach dem letzten.", "2027-01-01"),
		}),
		"placements_per_month": nullable(array("Vermittlungen je Monat.", object("Ein Monat.", []string{"month", "total", "by_track", "by_focus_group"}, obj{
			"month":          str("Monat JJJJ-MM.", "2026-03"),
			"total":          integer("Mietverträge.", 4),
			"by_track":       countMap("Je Grundlage.", obj{"certificate": 2}),
			"by_focus_group": countMap("Je Zielgruppe.", obj{"women": 1}),
		}), []any{})),
		"median_days_registration_to_lease": nullable(number("Median der Tage von Registrierung bis Mietvertrag.", 143)),
		"conversion": object("Umwandlung der im Zeitraum freigegebenen Vorschläge.", []string{"approved", "viewed", "leased"}, obj{
			"approved": integer("Freigegeben.", 40), "viewed": integer("Besichtigt.", 31), "leased": integer("Mietvertrag.", 12),
		}),
		"landlords": nullable(array("Vermieter*innen und ihr Kontingent.", object("Eine Vermieter*in.", []string{"name", "yearly_quota", "offered", "let"}, obj{
			"name": str("Name.", "Hagener Wohnungsgenossenschaft eG"), "yearly_quota": integer("Quote.", 12),
			"offered": integer("Angeboten.", 7), "let": integer("Vermietet.", 5),
		}), []any{})),
		"waiting": nullable(array("Wartende Haushalte je Zielgruppe.", object("Eine Zielgruppe.", []string{"focus_group", "by_urgency", "total"}, obj{
			"focus_group": enum("Zielgruppe.", domain.FocusGroups.Codes()),
			"by_urgency":  countMap("Je Dringlichkeit (0: kein Fall der Fachstelle).", obj{"0": 12, "1": 3}),
			"total":       integer("Zusammen.", 15),
		}), []any{})),
		"waiting_by_urgency": countMap("Wartende je Dringlichkeit.", obj{"1": 3}),
		"placements":         integer("Mietverträge im Zeitraum.", 12),
	})
	equitySchemas(s)
	tenancySchemas(s)  // tenancy phase
	courseSchemas(s)   // Mietführerschein (openapi_courses.go)
	followUpSchemas(s) // follow-ups of the tenancy phase
	contractSchemas(s) // API contract (issue 16)
	return s
}

// patchProps makes every property of a merge patch nullable (null removes the value).
func patchProps(props obj) obj {
	out := obj{}
	for k, v := range props {
		p := v.(obj)
		if r, ok := p["$ref"].(string); ok {
			out[k] = obj{"description": p["description"], "oneOf": []any{obj{"$ref": r}, obj{"type": "null"}}}
			continue
		}
		if _, isList := p["type"].([]any); isList {
			out[k] = p
			continue
		}
		out[k] = nullable(p)
	}
	return out
}

// trackFlags are one yes/no property per track, as the household list shows them.
func trackFlags() obj {
	out := obj{}
	for i, t := range domain.TrackTable {
		out[string(t.Track)] = boolean(t.Label+" erfasst.", i == 0)
	}
	return out
}
