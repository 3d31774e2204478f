package api

import (
	"encoding/json"
	"fmt"
	"maps"
	"strings"

	"wohnbruecke/internal/domain"
	"wohnbruecke/matching"
)

// The OpenAPI document is built here in Go rather than kept as a JSON file: enumerations
// (reason codes, states, boroughs) come from the code, so they cannot drift, and the
// helpers insist on a description and an example for every field. It is OpenAPI 3.1
// (JSON Schema 2020-12: nullable fields are type arrays with "null"); it avoids 3.1-only
// keywords kin-openapi cannot validate, so the same document drives the tests' request and
// response validation (see openapi_test.go).

type obj = map[string]any

// field is a scalar property with its JSON type, description and example.
func field(typ, desc string, example any) obj {
	return obj{"type": typ, "description": desc, "example": example}
}

func str(desc string, example any) obj     { return field("string", desc, example) }
func integer(desc string, example any) obj { return field("integer", desc, example) }
func boolean(desc string, example any) obj { return field("boolean", desc, example) }
func number(desc string, example any) obj  { return field("number", desc, example) }

// date is a calendar day "2026-03-01".
func date(desc, example string) obj {
	return obj{"type": "string", "format": "date", "description": desc, "example": example}
}

// instant is a point in time (RFC 3339).
func instant(desc, example string) obj {
	return obj{"type": "string", "format": "date-time", "description": desc, "example": example}
}

// nullable lets a property also be null.
func nullable(s obj) obj {
	out := maps.Clone(s)
	out["type"] = []any{s["type"], "null"}
	if enum, ok := s["enum"].([]string); ok {
		out["enum"] = append(append([]any{}, toAny(enum)...), nil)
	}
	return out
}

func toAny(xs []string) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// enum is a string property restricted to values.
func enum(desc string, values []string) obj {
	return obj{"type": "string", "description": desc, "enum": values, "example": values[0]}
}

// urgency is an urgency property: an integer in the range of domain.Urgencies.
func urgency(desc string, example domain.Urgency) obj {
	us := domain.Urgencies.Values()
	return obj{"type": "integer", "minimum": int(us[0]), "maximum": int(us[len(us)-1]), "description": desc, "example": int(example)}
}

func optionValues(opts []domain.Option) []string {
	out := make([]string, len(opts))
	for i, o := range opts {
		out[i] = o.Value
	}
	return out
}

// array is a list of items with an example.
func array(desc string, items obj, example any) obj {
	return obj{"type": "array", "description": desc, "items": items, "example": example}
}

// object is a closed object: properties not listed are refused (requests) or a test
// failure (responses), which keeps the document true.
func object(desc string, required []string, props obj) obj {
	o := obj{"type": "object", "description": desc, "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		o["required"] = required
	}
	return o
}

// ref points at a component schema; desc documents the field that holds it.
func ref(name, desc string) obj {
	return obj{"$ref": "#/components/schemas/" + name, "description": desc}
}

// nullableRef is a component or null.
func nullableRef(name, desc string) obj {
	return obj{"description": desc, "oneOf": []any{obj{"$ref": "#/components/schemas/" + name}, obj{"type": "null"}}}
}

func merged(parts ...obj) obj {
	out := obj{}
	for _, p := range parts {
		maps.Copy(out, p)
	}
	return out
}

func keys(o obj) []string {
	out := make([]string, 0, len(o))
	for k := range o {
		out = append(out, k)
	}
	return out
}

// OpenAPIDocument returns the OpenAPI 3.1 document of the API as JSON.
func OpenAPIDocument() ([]byte, error) {
	doc := obj{
		"openapi": "3.1.0",
		"info": obj{
			"title":   "Wohnbrücke API",
			"version": "1.0.0",
			"summary": "Haushalte, Wohnungsangebote, Vorschläge und Besichtigungen der Wohnbrücke Hagen.",
			"description": "JSON-API der Wohnbrücke (Stadt Hagen) für Fachverfahren von Fachstelle, Jobcenter und Wohnungsunternehmen. " +
				"Es gelten dieselben Regeln und Rollen wie im Portal. Fehler haben immer die Form {\"error\": {\"code\", \"message\", \"fields\"}}; " +
				"Meldungen sind deutsch. POST-Anfragen können einen Idempotency-Key tragen: Eine Wiederholung mit gleichem Schlüssel und gleichem " +
				"Inhalt liefert die erste Antwort (Kopfzeile Idempotent-Replayed: true), statt den Datensatz doppelt anzulegen; Schlüssel gelten 24 Stunden.",
		},
		"servers":    []any{obj{"url": "/", "description": "Dieselbe Adresse wie das Portal."}},
		"security":   []any{obj{"bearer": []any{}}, obj{"session": []any{}}},
		"tags":       tags(),
		"paths":      paths(),
		"components": obj{"schemas": schemas(), "securitySchemes": securitySchemes(), "parameters": parameters(), "responses": errorResponses(), "headers": headers()},
	}
	addEnglish(doc) // API contract (issue 16); Spectral reports what stays German only
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("api: openapi document: %w", err)
	}
	return b, nil
}

func tags() []any {
	t := func(name, desc string) obj { return obj{"name": name, "description": desc} }
	return []any{
		t("Konto", "Das angemeldete Konto."), t("Haushalte", "Haushalte der Programme (nur Wohnraumakquise, Fachstelle, Wohnbegleitung)."),
		t("Vermieter", "Kooperierende Vermieter*innen und ihre Kooperationsvereinbarung."),
		t("Wohnungsangebote", "Wohnungsangebote mit Besichtigungsterminen."), t("Rangliste", "Rangliste und Verteilungsvorschlag."),
		t("Vorschläge", "Vorschläge (Matches) vom Freigeben bis zum Mietvertrag."), t("Besichtigungen", "Besichtigungstermine eines Vorschlags."),
		t("Statistik", "Kennzahlen der Statistikseite."),
		tenancyTag(), // tenancy phase
		t("Mietführerschein", "Kurse, Teilnehmende, Zertifikate und ihre öffentliche Prüfung."),
		t("Nachsorge", "Nachsorge der Mietverhältnisse nach 3, 6, 12 und 24 Monaten."),
	}
}

func securitySchemes() obj {
	return obj{
		"bearer": obj{"type": "http", "scheme": "bearer", "bearerFormat": "wb_…",
			"description": "Benannter Zugangsschlüssel, von der Administration unter /verwaltung/tokens angelegt (Rolle, Konto, Ablaufdatum). " +
				"Alle Änderungen stehen mit dem Namen des Schlüssels im Protokoll."},
		"session": obj{"type": "apiKey", "in": "cookie", "name": "wb_session",
			"description": "Sitzung des Portals (Browser); mit https heißt das Cookie __Host-wb_session. Ändernde Anfragen brauchen zusätzlich die Kopfzeile X-CSRF-Token mit dem Wert csrf_token aus GET /api/v1/me."},
	}
}

func headers() obj {
	return obj{
		"Location":           obj{"description": "Adresse des neuen Datensatzes.", "schema": str("Pfad des neuen Datensatzes.", "/api/v1/households/42")},
		"IdempotentReplayed": obj{"description": "true, wenn die Antwort eine Wiederholung der ersten Antwort zu diesem Idempotency-Key ist.", "schema": str("Immer „true“, wenn gesetzt.", "true")},
	}
}

func parameters() obj {
	return obj{
		"id": obj{"name": "id", "in": "path", "required": true, "description": "Kennung des Datensatzes.",
			"schema": obj{"type": "integer", "minimum": 1, "description": "Positive ganze Zahl.", "example": 42}},
		"idempotencyKey": obj{"name": "Idempotency-Key", "in": "header", "required": false,
			"description": "Beliebiger eindeutiger Schlüssel (1–255 Zeichen), z. B. eine UUID. Eine Wiederholung mit gleichem Schlüssel liefert die erste Antwort.",
			"schema":      obj{"type": "string", "minLength": 1, "maxLength": 255, "description": "Schlüssel der Anfrage.", "example": "7f3c9a2e-1d4b-4c55-9e0a-3b8d2f6a1c90"}},
		"cursor": obj{"name": "cursor", "in": "query", "required": false, "description": "Wert next_cursor der vorigen Seite (undurchsichtig).",
			"schema": str("Undurchsichtiger Seitenzeiger.", "aDo0Mg")},
		"limit": obj{"name": "limit", "in": "query", "required": false, "description": "Einträge je Seite (1–200, Standard 50); 0 oder mehr als 200 ergibt 400 invalid_query mit fields.limit.",
			"schema": obj{"type": "integer", "minimum": 1, "maximum": 200, "description": "Seitengröße.", "example": 50}},
	}
}

// errorResponses are the shared error answers, all with the one error body.
func errorResponses() obj {
	r := func(desc string) obj {
		return obj{"description": desc, "content": obj{"application/json": obj{"schema": obj{"$ref": "#/components/schemas/Error"}}}}
	}
	return obj{
		"BadRequest":           r("Anfrage fehlerhaft: kein gültiges JSON (mit Zeile und Spalte), unbekanntes Feld, falscher Typ, ungültiger Parameter."),
		"Unauthorized":         r("Nicht angemeldet oder Zugangsschlüssel ungültig, abgelaufen oder widerrufen."),
		"Forbidden":            r("Die Rolle darf diese Aktion nicht ausführen (oder CSRF-Token fehlt bei Sitzungen)."),
		"NotFound":             r("Datensatz nicht gefunden – oder für diese Rolle nicht sichtbar (z. B. Angebot einer anderen Vermieter*in)."),
		"Conflict":             r("Zustandskonflikt, z. B. Besichtigungstermin inzwischen ausgebucht, oder Idempotency-Key in Bearbeitung."),
		"TooLarge":             r("Anfrage größer als 1 MiB."),
		"UnsupportedMediaType": r("Der Anfragetext ist kein JSON (Content-Type application/json erwartet)."),
		"Unprocessable":        r("Angaben ungültig: fields nennt je Feld (JSON-Pfad) eine deutsche Meldung; oder Idempotency-Key mit anderem Inhalt wiederverwendet."),
		"TooManyRequests":      r("Zu viele Anfragen."),
		"Unavailable":          r("Die Datenbank ist vorübergehend nicht erreichbar (code database_unavailable, Header Retry-After); später wiederholen."),
	}
}

func errRef(name string) obj { return obj{"$ref": "#/components/responses/" + name} }

// op describes one operation. body is the request schema name ("" for none); ok is the
// success status and schema name ("" for no content).
type op struct {
	id, tag, summary, desc string
	roles                  string
	params                 []any
	body                   string
	bodyType               string
	okStatus               string
	ok                     string
	errors                 []string
}

func (o op) build() obj {
	out := obj{"operationId": o.id, "tags": []any{o.tag}, "summary": o.summary,
		"description": o.desc + " Rollen: " + o.roles + "."}
	params := append([]any{}, o.params...)
	if o.body != "" {
		ct := o.bodyType
		if ct == "" {
			ct = "application/json"
		}
		out["requestBody"] = obj{"required": true, "content": obj{ct: obj{"schema": obj{"$ref": "#/components/schemas/" + o.body}}}}
	}
	if o.okStatus == "201" {
		params = append(params, obj{"$ref": "#/components/parameters/idempotencyKey"})
	}
	if len(params) > 0 {
		out["parameters"] = params
	}
	resp := obj{}
	switch {
	case o.ok == "":
		resp[o.okStatus] = obj{"description": "Erledigt."}
	default:
		r := obj{"description": "Erfolg.", "content": obj{"application/json": obj{"schema": obj{"$ref": "#/components/schemas/" + o.ok}}}}
		if o.okStatus == "201" {
			r["headers"] = obj{"Location": obj{"$ref": "#/components/headers/Location"},
				"Idempotent-Replayed": obj{"$ref": "#/components/headers/IdempotentReplayed"}}
		}
		resp[o.okStatus] = r
	}
	resp["401"], resp["403"], resp["429"] = errRef("Unauthorized"), errRef("Forbidden"), errRef("TooManyRequests")
	resp["503"] = errRef("Unavailable")
	for _, e := range o.errors {
		code := map[string]string{"BadRequest": "400", "NotFound": "404", "Conflict": "409", "TooLarge": "413",
			"UnsupportedMediaType": "415", "Unprocessable": "422"}[e]
		resp[code] = errRef(e)
	}
	if o.body != "" {
		resp["400"], resp["413"], resp["415"] = errRef("BadRequest"), errRef("TooLarge"), errRef("UnsupportedMediaType")
	}
	out["responses"] = resp
	return out
}

var (
	idParamRef = obj{"$ref": "#/components/parameters/id"}
	pageParams = []any{obj{"$ref": "#/components/parameters/cursor"}, obj{"$ref": "#/components/parameters/limit"}}
)

func query(name, desc string, schema obj) obj {
	return obj{"name": name, "in": "query", "required": false, "description": desc, "schema": schema}
}

const (
	rolesAll        = "admin, staff, caseworker, landlord"
	rolesStaff      = "admin, staff"
	rolesHouseholds = "admin, staff, caseworker (nur eigene Haushalte)"
	rolesVacancies  = "admin, staff, landlord (nur eigene Angebote)"
)

func paths() obj {
	w := []string{"NotFound", "Conflict", "Unprocessable"}
	p := obj{}
	add := func(path, method string, o op) {
		item, _ := p[path].(obj)
		if item == nil {
			item = obj{}
			p[path] = item
		}
		item[method] = o.build()
	}
	add("/api/v1/openapi.json", "get", op{id: "getOpenAPI", tag: "Konto", summary: "Dieses Dokument", desc: "Das OpenAPI-Dokument der API.", roles: "alle, auch ohne Anmeldung", okStatus: "200", ok: "OpenAPIDocument"})
	p["/api/v1/openapi.json"].(obj)["get"].(obj)["security"] = []any{}
	add("/api/v1/me", "get", op{id: "getMe", tag: "Konto", summary: "Angemeldetes Konto", desc: "Prüft die Zugangsdaten; Sitzungen erhalten das CSRF-Token.", roles: rolesAll, okStatus: "200", ok: "Me"})

	hhFilters := []any{
		query("q", "Kennung oder Name der Ansprechperson (Teilwort).", str("Suchtext.", "Popa")),
		query("track", "Nur Haushalte mit dieser Grundlage.", enum("Grundlage.", domain.Tracks.Codes())),
		query("focus_group", "Zielgruppe der Fachstelle.", enum("Zielgruppe.", domain.FocusGroups.Codes())),
		query("urgency", "Dringlichkeit 1 (höchste) bis 4.", urgency("Dringlichkeit.", domain.UrgencyVeryHigh)),
		query("status", "Status des Haushalts.", enum("Status.", optionValues(domain.HouseholdStatusOptions))),
		query("language", "Sprache der Post.", enum("Sprache.", domain.Languages.Codes())),
		query("borough", "Bevorzugter Stadtbezirk.", enum("Stadtbezirk.", domain.Boroughs.Codes())),
		query("min_wait_days", "Mindestens so viele Tage registriert.", obj{"type": "integer", "minimum": 0, "description": "Tage.", "example": 180}),
	}
	add("/api/v1/households", "get", op{id: "listHouseholds", tag: "Haushalte", summary: "Haushalte auflisten", desc: "Gefiltert, nach Kennung (id) geordnet, seitenweise mit Cursor.", roles: rolesHouseholds, params: append(hhFilters, pageParams...), okStatus: "200", ok: "HouseholdPage", errors: []string{"BadRequest"}})
	add("/api/v1/households", "post", op{id: "createHousehold", tag: "Haushalte", summary: "Haushalt aufnehmen", desc: "Legt einen Haushalt mit Kennung und Losnummer an. Wohnbegleitung legt eigene Haushalte an.", roles: rolesHouseholds, body: "HouseholdInput", okStatus: "201", ok: "Household", errors: w})
	add("/api/v1/households/{id}", "get", op{id: "getHousehold", tag: "Haushalte", summary: "Haushalt lesen", desc: "Das Öffnen wird protokolliert.", roles: rolesHouseholds, params: []any{idParamRef}, okStatus: "200", ok: "Household", errors: []string{"BadRequest", "NotFound"}})
	add("/api/v1/households/{id}", "patch", op{id: "updateHousehold", tag: "Haushalte", summary: "Haushalt ändern", desc: "JSON Merge Patch (RFC 7396) auf die änderbaren Felder; null löscht einen Abschnitt (z. B. wbs). Geprüft wird wie beim Anlegen.", roles: rolesHouseholds, params: []any{idParamRef}, body: "HouseholdPatch", bodyType: "application/merge-patch+json", okStatus: "200", ok: "Household", errors: w})
	add("/api/v1/households/{id}/pause", "post", op{id: "pauseHousehold", tag: "Haushalte", summary: "Haushalt pausieren", desc: "Mit Grund und Ende; pausierte Haushalte erscheinen nicht in Ranglisten.", roles: rolesHouseholds, params: []any{idParamRef}, body: "PauseRequest", okStatus: "200", ok: "Household", errors: w})
	for _, a := range []struct{ path, id, summary, desc string }{
		{"resume", "resumeHousehold", "Pause beenden", "Der Haushalt ist wieder aktiv."},
		{"housed", "markHouseholdHoused", "Als versorgt markieren", "Offene Vorschläge werden zurückgezogen."},
		{"close", "closeHousehold", "Haushalt abschließen", "Offene Vorschläge werden zurückgezogen."},
	} {
		o := op{id: a.id, tag: "Haushalte", summary: a.summary, desc: a.desc + " Ein Anfragetext mit reason ist optional.", roles: rolesHouseholds, params: []any{idParamRef}, okStatus: "200", ok: "Household", errors: append([]string{"BadRequest"}, w...)}
		b := o.build()
		b["requestBody"] = obj{"required": false, "content": obj{"application/json": obj{"schema": obj{"$ref": "#/components/schemas/ReasonRequest"}}}}
		item, _ := p["/api/v1/households/{id}/"+a.path].(obj)
		if item == nil {
			item = obj{}
			p["/api/v1/households/{id}/"+a.path] = item
		}
		item["post"] = b
	}

	add("/api/v1/landlords", "get", op{id: "listLandlords", tag: "Vermieter", summary: "Vermieter*innen auflisten", desc: "Alle kooperierenden Vermieter*innen.", roles: rolesStaff, okStatus: "200", ok: "LandlordList"})
	add("/api/v1/landlords", "post", op{id: "createLandlord", tag: "Vermieter", summary: "Vermieter*in einladen", desc: "Legt Vermieter*in, erstes Konto (per E-Mail-Link zu aktivieren) und eine noch nicht unterschriebene Kooperationsvereinbarung mit Ansprechperson an.", roles: rolesStaff, body: "LandlordCreate", okStatus: "201", ok: "Landlord", errors: w})
	add("/api/v1/landlords/{id}", "get", op{id: "getLandlord", tag: "Vermieter", summary: "Vermieter*in lesen", desc: "Mit aktueller Kooperationsvereinbarung.", roles: "admin, staff, landlord (nur eigene)", params: []any{idParamRef}, okStatus: "200", ok: "Landlord", errors: []string{"BadRequest", "NotFound"}})
	add("/api/v1/landlords/{id}/agreement", "post", op{id: "signLandlordAgreement", tag: "Vermieter", summary: "Kooperationsvereinbarung unterschreiben", desc: "Die Vermieter*in unterschreibt die eigene Vereinbarung; die Wohnraumakquise erfasst eine auf Papier unterschriebene.", roles: "admin, staff, landlord (nur eigene)", params: []any{idParamRef}, body: "AgreementSign", okStatus: "200", ok: "Landlord", errors: w})
	add("/api/v1/landlords/{id}/activate", "post", op{id: "activateLandlord", tag: "Vermieter", summary: "Vermieter*in freischalten", desc: "Konten mit Passwort werden aktiv. Anfragetext optional.", roles: rolesStaff, params: []any{idParamRef}, body: "ActivateRequest", okStatus: "200", ok: "Landlord", errors: w})
	p["/api/v1/landlords/{id}/activate"].(obj)["post"].(obj)["requestBody"].(obj)["required"] = false
	add("/api/v1/landlords/{id}/block", "post", op{id: "blockLandlord", tag: "Vermieter", summary: "Vermieter*in sperren", desc: "Die Konten werden inaktiv; die Vermieter*in erhält eine Nachricht mit dem Grund. Anfragetext optional.", roles: rolesStaff, params: []any{idParamRef}, body: "BlockReason", okStatus: "200", ok: "Landlord", errors: w})
	p["/api/v1/landlords/{id}/block"].(obj)["post"].(obj)["requestBody"].(obj)["required"] = false

	add("/api/v1/vacancies", "get", op{id: "listVacancies", tag: "Wohnungsangebote", summary: "Wohnungsangebote auflisten", desc: "Vermieter*innen sehen ihre eigenen, die Wohnraumakquise alle. Ohne Termine (siehe getVacancy).", roles: rolesVacancies, params: []any{query("status", "Nur Angebote in diesem Zustand.", enum("Zustand.", optionValues(domain.VacancyStatusOptions)))}, okStatus: "200", ok: "VacancyList", errors: []string{"BadRequest"}})
	add("/api/v1/vacancies", "post", op{id: "createVacancy", tag: "Wohnungsangebote", summary: "Wohnungsangebot anlegen", desc: "Als Entwurf; die Wohnraumakquise nennt landlord_id und legt Angebote im Auftrag an.", roles: rolesVacancies, body: "VacancyCreate", okStatus: "201", ok: "Vacancy", errors: w})
	add("/api/v1/vacancies/{id}", "get", op{id: "getVacancy", tag: "Wohnungsangebote", summary: "Wohnungsangebot lesen", desc: "Mit Besichtigungsterminen.", roles: rolesVacancies, params: []any{idParamRef}, okStatus: "200", ok: "Vacancy", errors: []string{"BadRequest", "NotFound"}})
	add("/api/v1/vacancies/{id}", "patch", op{id: "updateVacancy", tag: "Wohnungsangebote", summary: "Entwurf ändern", desc: "JSON Merge Patch (RFC 7396) auf die Felder eines Entwurfs.", roles: rolesVacancies, params: []any{idParamRef}, body: "VacancyPatch", bodyType: "application/merge-patch+json", okStatus: "200", ok: "Vacancy", errors: w})
	add("/api/v1/vacancies/{id}/submit", "post", op{id: "submitVacancy", tag: "Wohnungsangebote", summary: "Angebot einreichen", desc: "Braucht eine unterschriebene Vereinbarung und einen Termin in der Zukunft.", roles: rolesVacancies, params: []any{idParamRef}, okStatus: "200", ok: "Vacancy", errors: w})
	add("/api/v1/vacancies/{id}/publish", "post", op{id: "publishVacancy", tag: "Wohnungsangebote", summary: "Angebot veröffentlichen", desc: "Ein eingereichtes Angebot wird für die Vermittlung freigegeben.", roles: rolesStaff, params: []any{idParamRef}, okStatus: "200", ok: "Vacancy", errors: w})
	add("/api/v1/vacancies/{id}/withdraw", "post", op{id: "withdrawVacancy", tag: "Wohnungsangebote", summary: "Angebot zurückziehen", desc: "Offene Vorschläge enden, Besichtigungen werden abgesagt.", roles: rolesVacancies, params: []any{idParamRef}, okStatus: "200", ok: "Vacancy", errors: w})
	add("/api/v1/vacancies/{id}/slots", "post", op{id: "createSlot", tag: "Wohnungsangebote", summary: "Besichtigungstermin anlegen", desc: "Datum, Uhrzeiten (Hagener Zeit), Treffpunkt und Zahl der Haushalte.", roles: rolesVacancies, params: []any{idParamRef}, body: "SlotInput", okStatus: "201", ok: "Slot", errors: w})
	add("/api/v1/vacancies/{id}/slots/{slot_id}", "delete", op{id: "deleteSlot", tag: "Wohnungsangebote", summary: "Besichtigungstermin löschen", desc: "Nur freie Termine.", roles: rolesVacancies,
		params: []any{idParamRef, obj{"name": "slot_id", "in": "path", "required": true, "description": "Kennung des Termins.", "schema": obj{"type": "integer", "minimum": 1, "description": "Positive ganze Zahl.", "example": 7}}}, okStatus: "204", errors: w})
	rankingPaths(p, add) // apirank: ranking and one pair
	add("/api/v1/allocation", "get", op{id: "getAllocation", tag: "Rangliste", summary: "Verteilungsvorschlag", desc: "Die meisten Plätze, dann die höchste Gesamtpunktzahl, über alle veröffentlichten Angebote.", roles: rolesStaff, okStatus: "200", ok: "Allocation"})

	add("/api/v1/matches", "get", op{id: "listMatches", tag: "Vorschläge", summary: "Vorschläge auflisten", desc: "Nach Zustand, Angebot oder Haushalt gefiltert; jede Rolle sieht nur ihre.", roles: rolesAll,
		params: append([]any{query("state", "Ein oder mehrere Zustände, durch Komma getrennt.", str("Zustände.", "viewing_scheduled,viewing_confirmed")),
			query("vacancy_id", "Nur Vorschläge dieses Angebots.", obj{"type": "integer", "minimum": 1, "description": "Kennung.", "example": 3}),
			query("household_id", "Nur Vorschläge dieses Haushalts.", obj{"type": "integer", "minimum": 1, "description": "Kennung.", "example": 42})}, pageParams...),
		okStatus: "200", ok: "MatchPage", errors: []string{"BadRequest"}})
	add("/api/v1/matches", "post", op{id: "approveMatch", tag: "Vorschläge", summary: "Vorschlag freigeben", desc: "Gibt einen Haushalt der Rangliste für ein Angebot in einen Besichtigungstermin frei – in einer Transaktion; ein inzwischen ausgebuchter Termin ergibt 409.", roles: rolesStaff, body: "ApproveRequest", okStatus: "201", ok: "Match", errors: w})
	add("/api/v1/matches/{id}", "get", op{id: "getMatch", tag: "Vorschläge", summary: "Vorschlag lesen", desc: "Vermieter*innen sehen nur das pseudonyme Profil.", roles: rolesAll, params: []any{idParamRef}, okStatus: "200", ok: "Match", errors: []string{"BadRequest", "NotFound"}})
	add("/api/v1/matches/{id}/outcome", "post", op{id: "recordMatchOutcome", tag: "Vorschläge", summary: "Ergebnis der Besichtigung", desc: "Zusage, Absage (mit Grund) oder nicht erschienen.", roles: rolesVacancies, params: []any{idParamRef}, body: "OutcomeRequest", okStatus: "200", ok: "Match", errors: w})
	add("/api/v1/matches/{id}/lease", "post", op{id: "signMatchLease", tag: "Vorschläge", summary: "Mietvertrag unterschrieben", desc: "Der Haushalt ist versorgt; andere offene Vorschläge enden.", roles: rolesStaff, params: []any{idParamRef}, okStatus: "200", ok: "Match", errors: w})
	add("/api/v1/matches/{id}/withdraw", "post", op{id: "withdrawMatch", tag: "Vorschläge", summary: "Vorschlag zurückziehen", desc: "Die Besichtigung wird abgesagt, der Termin frei; Haushalt, Begleitung und Vermieter*in erfahren den Grund. Anfragetext optional.", roles: rolesStaff, params: []any{idParamRef}, body: "WithdrawReason", okStatus: "200", ok: "Match", errors: w})
	p["/api/v1/matches/{id}/withdraw"].(obj)["post"].(obj)["requestBody"].(obj)["required"] = false

	add("/api/v1/viewings/{id}", "get", op{id: "getViewing", tag: "Besichtigungen", summary: "Besichtigung lesen", desc: "Mit ihrem Vorschlag.", roles: rolesAll, params: []any{idParamRef}, okStatus: "200", ok: "ViewingDetail", errors: []string{"BadRequest", "NotFound"}})
	add("/api/v1/viewings/{id}/reschedule", "post", op{id: "rescheduleViewing", tag: "Besichtigungen", summary: "Besichtigung verlegen", desc: "In einen anderen Termin desselben Angebots.", roles: rolesStaff, params: []any{idParamRef}, body: "RescheduleRequest", okStatus: "200", ok: "ViewingDetail", errors: w})
	add("/api/v1/viewings/{id}/cancel", "post", op{id: "cancelViewing", tag: "Besichtigungen", summary: "Besichtigung absagen", desc: "Entscheidung der Wohnraumakquise: der Vorschlag wird zurückgezogen, der Termin frei; Haushalt, Begleitung und Vermieter*in erfahren den Grund. Anfragetext optional.", roles: rolesStaff, params: []any{idParamRef}, body: "WithdrawReason", okStatus: "200", ok: "ViewingDetail", errors: w})
	p["/api/v1/viewings/{id}/cancel"].(obj)["post"].(obj)["requestBody"].(obj)["required"] = false
	tenancyPaths(add) // tenancy phase

	add("/api/v1/stats", "get", op{id: "getStats", tag: "Statistik", summary: "Kennzahlen", desc: "Vermittlungen je Monat, Dauer, Umwandlung, Quoten und Wartende für einen Zeitraum [from, to).", roles: rolesStaff,
		params: []any{query("from", "Erster Tag (Standard: vor zwölf Monaten).", date("Datum.", "2026-01-01")), query("to", "Tag nach dem letzten (Standard: morgen).", date("Datum.", "2027-01-01"))}, okStatus: "200", ok: "Stats", errors: []string{"Unprocessable"}})
	// fairness: the equity dashboard
	add("/api/v1/stats/equity", "get", op{id: "getEquity", tag: "Statistik", summary: "Fairness-Auswertung", desc: "Je Zielgruppe und Grundlage: Anteil am Bestand gegen Anteile an Vorschlägen, Besichtigungen und Vermittlungen, Erfolgsquote, Tage bis zur Vermittlung, Absagen, Abweichungen von der Rangfolge; Vermieter*innen und Kontingente; für einen Zeitraum [from, to) (docs/design.md §10.1).", roles: rolesStaff,
		params: []any{query("from", "Erster Tag (Standard: vor zwölf Monaten).", date("Datum.", "2026-01-01")), query("to", "Tag nach dem letzten (Standard: morgen).", date("Datum.", "2027-01-01"))}, okStatus: "200", ok: "Equity", errors: []string{"Unprocessable"}})
	coursePaths(add, p) // Mietführerschein (openapi_courses.go)

	// Follow-ups of the tenancy phase.
	followUpPaths(add, w)
	contractPaths(p) // API contract (issue 16)
	return p
}

func reasonCodes() []string {
	var out []string
	for _, c := range matching.AllReasonCodes() {
		out = append(out, c.String())
	}
	return out
}

func componentCodes() []string {
	var out []string
	for _, c := range matching.AllComponents() {
		out = append(out, c.Code())
	}
	return out
}

// reasonDescriptions explains each reason code with its German label and rule.
func reasonDescriptions() string {
	var parts []string
	for _, c := range matching.AllReasonCodes() {
		parts = append(parts, c.String()+" ("+c.Label()+"): "+c.Description()+deprecatedNote(c.DeprecatedCode()))
	}
	return strings.Join(parts, " ")
}

// componentDescriptions lists the component codes with their German labels.
func componentDescriptions() string {
	var parts []string
	for _, c := range matching.AllComponents() {
		parts = append(parts, c.Code()+" ("+c.Label()+")"+deprecatedNote(c.DeprecatedCode()))
	}
	return strings.Join(parts, ", ")
}
