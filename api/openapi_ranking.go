package api

import "wohnbruecke/matching"

// The ranking resource's part of the OpenAPI document (apirank): schemas and paths of
// GET /api/v1/vacancies/{id}/ranking and …/ranking/{household_id}.

// decimal is a number written with exactly the given decimals from a fixed-point value.
func decimal(desc string, places int, example float64) obj {
	return obj{"type": "number", "description": desc + " Dezimalzahl mit genau " + [...]string{"", "einer", "zwei", "drei", "vier"}[places] +
		" Nachkommastellen, aus dem exakten Festkommawert gerundet.", "example": example}
}

// lotteryNumber is the lottery number as a string: it has 63 bits, beyond what JavaScript
// numbers (2^53) hold exactly.
func lotteryNumber() obj {
	return obj{"type": "string", "pattern": "^[0-9]{1,20}$", "example": "3615230485296215240",
		"description": "Bei der Registrierung einmal gezogene Losnummer (63 Bit, entscheidet bei Gleichstand: die kleinere gewinnt), als Zeichenkette, weil sie über 2^53 liegt."}
}

func rankingSchemas(s obj) {
	reasonCounts := obj{}
	for _, c := range matching.AllReasonCodes() {
		reasonCounts[c.String()] = integer(c.Label()+".", 0)
	}
	component := object("Ein Bestandteil.", []string{"value", "weight", "points"}, obj{
		"value":  decimal("Wert 0–1.", 4, 1),
		"weight": decimal("Gewicht.", 2, 30),
		"points": decimal("Punkte = Wert × Gewicht.", 2, 30),
	})
	s["Ranking"] = object("Eine Seite der Rangliste eines Angebots: Kandidat*innen nach Rang (limit, cursor), ausgeschlossene Haushalte je Grund gezählt und nur auf Wunsch einzeln (excluded_limit, excluded_cursor).",
		[]string{"vacancy_id", "policy_version", "eligible", "excluded_count", "excluded_by_reason", "candidates", "next_cursor", "excluded", "excluded_next_cursor"}, obj{
			"vacancy_id":     integer("Angebot.", 3),
			"policy_version": integer("Fassung der Gewichtung.", 1),
			"eligible":       integer("Zahl aller geeigneten Haushalte.", 212),
			"excluded_count": integer("Zahl aller ausgeschlossenen Haushalte.", 11259),
			"excluded_by_reason": object("Ausgeschlossene Haushalte je Grund (ein Haushalt zählt bei jedem seiner Gründe).",
				reasonCodes(), reasonCounts),
			"candidates": array("Geeignete Haushalte dieser Seite, bester zuerst.", object("Ein geeigneter Haushalt.", []string{"household_id", "household_reference", "lottery_number", "rank", "score", "components"}, obj{
				"household_id":        integer("Haushalt.", 42),
				"household_reference": str("Kennung des Haushalts.", "HH-2026-0042"),
				"lottery_number":      lotteryNumber(),
				"rank":                integer("Rang (1 ist der beste).", 1),
				"score":               decimal("Punkte (exakte Summe der Bestandteile, gerundet).", 2, 71.5),
				"components": obj{"type": "object", "description": "Punkte je Bestandteil: " + componentDescriptions() + ".",
					"propertyNames":        obj{"enum": componentCodes()},
					"additionalProperties": component,
					"example":              obj{"urgency": obj{"value": 1, "weight": 30, "points": 30}}},
			}), []any{}),
			"next_cursor": nullable(str("Wert für cursor, um die nächste Seite der Kandidat*innen zu lesen; null auf der letzten.", "cmFuazo...")),
			"excluded": array("Ausgeschlossene Haushalte dieser Seite (nur mit excluded_limit > 0), nach Kennung.", object("Ein ausgeschlossener Haushalt.", []string{"household_id", "household_reference", "reasons"}, obj{
				"household_id":        integer("Haushalt.", 43),
				"household_reference": str("Kennung des Haushalts.", "HH-2026-0043"),
				"reasons": array("Gründe.", object("Ein Grund.", []string{"code", "message"}, obj{
					"code":    ref("ReasonCode", "Code des Grundes."),
					"message": str("Deutsche Erklärung mit den Zahlen.", "Bruttokaltmiete 612,00 € über der KdU-Grenze von 490,00 € für 2 Personen"),
				}), []any{obj{"code": matching.ReasonKdUExceeded.String(), "message": "Bruttokaltmiete 612,00 € über der KdU-Grenze von 490,00 € für 2 Personen"}}),
			}), []any{}),
			"excluded_next_cursor": nullable(str("Wert für excluded_cursor, um die nächste Seite der Ausgeschlossenen zu lesen; null auf der letzten oder ohne excluded_limit.", "ZXhjbHVkZWQ6NDM")),
		})
	fact := obj{"type": []any{"string", "number", "boolean", "array", "null"}, "items": obj{"type": []any{"string", "integer"}, "description": "Code oder Kennung.", "example": "mitte"},
		"description": "Eingabe, wie die Regel sie liest: Zahl, Wahrheitswert, Tag (ISO, null: nicht gesetzt), Code oder Liste.",
		"example":     "2026-03-01"}
	facts := obj{"type": "object", "description": "Die gelesenen Eingaben mit ihren Werten, benannt wie in docs/design.md §4 (Household.Persons, Vacancy.AreaCenti, Limits.KdUCapsCents, today).",
		"additionalProperties": fact, "example": obj{"Household.Persons": 2, "Vacancy.AreaCenti": 5430}}
	s["RankingPair"] = object("Platz eines Haushalts in der Rangliste eines Angebots, erklärt: Rang oder alle verletzten Regeln, und jeder Bestandteil der Punkte mit den gelesenen Eingaben.",
		[]string{"vacancy_id", "household_id", "household_reference", "lottery_number", "policy_version", "today", "eligible", "rank", "candidates", "score", "reasons", "components"}, obj{
			"vacancy_id":          integer("Angebot.", 3),
			"household_id":        integer("Haushalt.", 42),
			"household_reference": str("Kennung des Haushalts.", "HH-2026-0042"),
			"lottery_number":      lotteryNumber(),
			"policy_version":      integer("Fassung der Gewichtung.", 1),
			"today":               date("Stichtag der Regeln.", "2026-12-01"),
			"eligible":            boolean("true: der Haushalt erfüllt alle Regeln.", true),
			"rank":                nullable(integer("Rang unter den Geeigneten; null bei Ausschluss.", 7)),
			"candidates":          integer("Zahl der Geeigneten.", 212),
			"score":               decimal("Punkte (auch bei Ausschluss berechnet, dann ohne Rang).", 2, 71.5),
			"reasons": array("Verletzte Regeln (leer, wenn geeignet).", object("Eine verletzte Regel.", []string{"code", "label", "message", "facts"}, obj{
				"code":    ref("ReasonCode", "Code des Grundes."),
				"label":   str("Kurzname.", "Miete über der KdU-Grenze"),
				"message": str("Deutsche Erklärung mit den Zahlen.", "Bruttokaltmiete 612,00 € über der KdU-Grenze von 490,00 € für 2 Personen"),
				"facts":   facts,
			}), []any{}),
			"components": array("Alle Bestandteile der Punkte.", object("Ein Bestandteil.", []string{"code", "label", "value", "weight", "points", "facts"}, obj{
				"code":   enum("Code des Bestandteils.", componentCodes()),
				"label":  str("Deutscher Name.", "Dringlichkeit"),
				"value":  decimal("Wert 0–1.", 4, 1),
				"weight": decimal("Gewicht.", 2, 30),
				"points": decimal("Punkte = Wert × Gewicht.", 2, 30),
				"facts":  facts,
			}), []any{}),
		})
}

func rankingPaths(p obj, add func(path, method string, o op)) {
	etag := obj{"name": "If-None-Match", "in": "header", "required": false,
		"description": "ETag einer früheren Antwort: ist nichts geändert (Gewichtung, Daten, Stichtag), kommt 304 ohne Inhalt.",
		"schema":      str("Entity-Tag.", `W/"p1-d5120-20788"`)}
	limit := query("limit", "Kandidat*innen je Seite (1–1000, Standard 50).", obj{"type": "integer", "minimum": 1, "maximum": rankingMaxLimit, "description": "Seitengröße.", "example": 20})
	cursor := query("cursor", "Wert next_cursor der vorigen Seite (undurchsichtig); die Seite setzt hinter der letzten Kandidat*in fort, auch wenn sich die Rangliste inzwischen geändert hat.", str("Undurchsichtiger Seitenzeiger.", "cmFuazo..."))
	exLimit := query("excluded_limit", "Ausgeschlossene je Seite (0–1000, Standard 0: nur die Zahlen je Grund).", obj{"type": "integer", "minimum": 0, "maximum": rankingMaxLimit, "description": "Seitengröße.", "example": 100})
	exCursor := query("excluded_cursor", "Wert excluded_next_cursor der vorigen Seite (undurchsichtig).", str("Undurchsichtiger Seitenzeiger.", "ZXhjbHVkZWQ6NDM"))
	add("/api/v1/vacancies/{id}/ranking", "get", op{id: "getVacancyRanking", tag: "Rangliste", summary: "Rangliste eines Angebots",
		desc: "Geeignete Haushalte nach Rang mit Punkten je Bestandteil, seitenweise; ausgeschlossene je Grund gezählt, einzeln mit deutschen Gründen nur mit excluded_limit. " +
			"Auch Entwürfe lassen sich ranken. Bedingte Anfragen: die Antwort trägt ein ETag aus Gewichtungsfassung, Datenstand und Stichtag; If-None-Match mit diesem Wert ergibt 304. " +
			"Antworten werden komprimiert, wenn Accept-Encoding es erlaubt.",
		roles: rolesStaff, params: []any{idParamRef, limit, cursor, exLimit, exCursor, etag}, okStatus: "200", ok: "Ranking", errors: []string{"BadRequest", "NotFound"}})
	pairPath := "/api/v1/vacancies/{id}/ranking/{household_id}"
	add(pairPath, "get", op{id: "getVacancyRankingPair", tag: "Rangliste", summary: "Platz eines Haushalts erklären",
		desc:  "Warum ein Haushalt für ein Angebot geeignet ist und auf welchem Rang er steht, oder welche Regeln er verletzt – jeder Bestandteil der Punkte mit den gelesenen Eingaben. 404 für Haushalte, die nicht zur Vermittlung stehen. Bedingte Anfragen wie bei der Rangliste.",
		roles: rolesStaff, params: []any{idParamRef, obj{"name": "household_id", "in": "path", "required": true, "description": "Kennung des Haushalts.",
			"schema": obj{"type": "integer", "minimum": 1, "description": "Positive ganze Zahl.", "example": 42}}, etag},
		okStatus: "200", ok: "RankingPair", errors: []string{"BadRequest", "NotFound"}})
	for _, path := range []string{"/api/v1/vacancies/{id}/ranking", pairPath} {
		get := p[path].(obj)["get"].(obj)
		resp := get["responses"].(obj)
		resp["200"].(obj)["headers"] = obj{"ETag": obj{"description": "Entity-Tag der Antwort (für If-None-Match).", "schema": str("Entity-Tag.", `W/"p1-d5120-20788"`)}}
		resp["304"] = obj{"description": "Nicht geändert: das ETag aus If-None-Match ist aktuell.",
			"headers": obj{"ETag": obj{"description": "Entity-Tag.", "schema": str("Entity-Tag.", `W/"p1-d5120-20788"`)}}}
	}
}
