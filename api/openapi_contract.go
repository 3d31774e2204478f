package api

import (
	"wohnbruecke/internal/domain"
)

// The API contract of issue 16, kept apart from the base document so that it reads as one
// piece: every list pages the same way, the list of viewings, the reason of a pause under its
// common name. contractPaths and contractSchemas run at the end of paths and schemas.

// contractPaths pages the lists of vacancies and landlords and adds GET /api/v1/viewings.
func contractPaths(p obj) {
	for _, path := range []string{"/api/v1/vacancies", "/api/v1/landlords"} {
		get := p[path].(obj)["get"].(obj)
		params, _ := get["parameters"].([]any)
		get["parameters"] = append(params, pageParams...)
		get["responses"].(obj)["400"] = errRef("BadRequest")
	}
	add := func(path, method string, o op) {
		item, _ := p[path].(obj)
		if item == nil {
			item = obj{}
			p[path] = item
		}
		item[method] = o.build()
	}
	idQuery := func(name, desc string, example int) obj {
		return query(name, desc, obj{"type": "integer", "minimum": 1, "description": "Kennung. / Id.", "example": example})
	}
	add("/api/v1/viewings", "get", op{id: "listViewings", tag: "Besichtigungen", summary: "Besichtigungen auflisten",
		desc:  "Besichtigungen nach Angebot, Termin, Tag oder Zustand, nach Kennung geordnet, seitenweise mit Cursor; jede Rolle sieht die Besichtigungen der Vorschläge, die sie sieht (Vermieter*innen: eigene Angebote, Wohnbegleitung: eigene Haushalte).",
		roles: rolesAll,
		params: append([]any{
			idQuery("vacancy_id", "Nur Besichtigungen dieses Angebots.", 3),
			idQuery("slot_id", "Nur Besichtigungen in diesem Termin.", 7),
			query("day", "Nur Besichtigungen, die an diesem Tag (Hagener Zeit) beginnen.", date("Tag. / Day.", "2026-12-02")),
			query("state", "Ein oder mehrere Zustände, durch Komma getrennt.", str("Zustände (scheduled, confirmed, …). / States.", "scheduled,confirmed")),
		}, pageParams...),
		okStatus: "200", ok: "ViewingPage", errors: []string{"BadRequest"}})
}

// contractSchemas adds next_cursor to the lists that lacked it, the viewing list and the
// pause's reason.
func contractSchemas(s obj) {
	next := nullable(str("Zeiger auf die nächste Seite (gesetzt, wenn die Seite voll ist); null auf der letzten.", "djo0Mg"))
	for _, name := range []string{"VacancyList", "LandlordList"} {
		l := s[name].(obj)
		l["properties"].(obj)["next_cursor"] = next
		l["required"] = []string{"items", "next_cursor"}
	}
	s["MatchPage"].(obj)["properties"].(obj)["items"] = array("Vorschläge mit ihrer aktuellen Besichtigung (ohne Profil).", obj{"$ref": "#/components/schemas/Match"}, []any{})
	s["PauseRequest"] = object("Pause eines Haushalts.", []string{"paused_until"}, obj{
		"reason":        str("Grund der Pause (Pflicht; wie bei allen Aktionen reason).", "Krankenhausaufenthalt"),
		"paused_reason": merged(str("Veralteter Name von reason (bis zur nächsten Nebenversion); reason gilt, wenn beide gesendet werden.", "Krankenhausaufenthalt"), obj{"deprecated": true}),
		"paused_until":  date("Pausiert bis (in der Zukunft).", "2027-01-15"),
	})
	viewing := s["Viewing"].(obj)
	props := merged(viewing["properties"].(obj), obj{
		"vacancy_id":          integer("Angebot.", 3),
		"household_id":        integer("Haushalt (nicht für Vermieter*innen).", 42),
		"household_reference": str("Kennung (Pseudonym) des Haushalts.", "HH-2026-0042"),
		"match_state":         enum("Zustand des Vorschlags.", optionValues(domain.MatchStateOptions)),
	})
	req := append(append([]string{}, viewing["required"].([]string)...), "vacancy_id", "household_reference", "match_state")
	s["ViewingRow"] = object("Eine Besichtigung in der Liste, mit Angebot und Vorschlag.", req, props)
	s["ViewingPage"] = object("Eine Seite von Besichtigungen.", []string{"items", "next_cursor"}, obj{
		"items":       array("Besichtigungen.", obj{"$ref": "#/components/schemas/ViewingRow"}, []any{}),
		"next_cursor": next,
	})
}

// deprecatedNote documents a renamed code's former name, "" for none.
func deprecatedNote(old string) string {
	if old == "" {
		return ""
	}
	return " [früher " + old + ", als veralteter Alias bis zur nächsten Nebenversion angenommen und als deprecated_code ausgegeben / formerly " + old + ", accepted as a deprecated alias until the next minor version and emitted as deprecated_code]"
}
