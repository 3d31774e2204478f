package api

import "wohnbruecke/internal/domain"

// equitySchemas adds the schema of GET /api/v1/stats/equity (stats.EquityReport).
func equitySchemas(s obj) {
	share := func(desc string) obj { return nullable(number(desc+" in Prozent (null ohne Nenner).", 33.3)) }
	group := object("Kennzahlen einer Zielgruppe, Grundlage oder aller Haushalte.", []string{"code", "label", "pool", "proposals", "viewings", "placements",
		"leased", "declined_by_applicant", "no_show", "landlord_rejected", "overrides", "pool_share", "proposal_share", "viewing_share", "placement_share",
		"success_rate", "median_days_to_placement", "p90_days_to_placement"}, obj{
		"code":                     str("Zielgruppe, Grundlage oder all.", "women"),
		"label":                    str("Deutsche Bezeichnung.", "wohnungslose Frauen"),
		"pool":                     integer("Haushalte im Bestand des Zeitraums (an mindestens einem Tag registriert, weder versorgt noch abgeschlossen).", 40),
		"proposals":                integer("Im Zeitraum freigegebene Vorschläge.", 12),
		"viewings":                 integer("Im Zeitraum begonnene und stattgefundene Besichtigungen.", 9),
		"placements":               integer("Im Zeitraum unterschriebene Mietverträge.", 4),
		"leased":                   integer("Vorschläge des Zeitraums, die bis heute zum Mietvertrag führten.", 4),
		"declined_by_applicant":    integer("Vorschläge des Zeitraums, die der Haushalt absagte.", 2),
		"no_show":                  integer("… bei denen der Haushalt nicht erschien.", 1),
		"landlord_rejected":        integer("… die die Vermieter*in ablehnte.", 3),
		"overrides":                integer("… die außerhalb der Rangfolge begründet freigegeben wurden.", 1),
		"pool_share":               share("Anteil am Bestand"),
		"proposal_share":           share("Anteil an den Vorschlägen"),
		"viewing_share":            share("Anteil an den Besichtigungen"),
		"placement_share":          share("Anteil an den Vermittlungen"),
		"success_rate":             share("Vermittelte Vorschläge je Vorschlag"),
		"median_days_to_placement": nullable(number("Tage von der Registrierung bis zum Mietvertrag (Median).", 143)),
		"p90_days_to_placement":    nullable(number("… 90. Perzentil (nächster Rang).", 380)),
	})
	s["Equity"] = object("Fairness-Auswertung für den Zeitraum (docs/design.md §10.1).", []string{"range", "totals", "focus_groups", "tracks", "refusals", "overrides", "landlords", "quotas"}, obj{
		"range": object("Zeitraum [from, to).", []string{"from", "to"}, obj{
			"from": date("Erster Tag.", "2026-01-01"), "to": date("Tag nach dem letzten.", "2027-01-01"),
		}),
		"totals":       group,
		"focus_groups": array("Je Zielgruppe.", group, []any{}),
		"tracks":       array("Je Grundlage (ein Haushalt zählt bei jeder seiner Grundlagen).", group, []any{}),
		"refusals": array("Absagen nach Seite und Grund.", object("Eine Seite und ein Grund.", []string{"side", "reason", "label", "count", "rate"}, obj{
			"side":   enum("Seite.", []string{string(domain.MatchDeclinedByApplicant), string(domain.MatchNoShow), string(domain.MatchLandlordRejected)}),
			"reason": str("Grund der Vermieter*in (leer für die anderen Seiten).", "income"),
			"label":  str("Deutsche Bezeichnung.", "Absage der Vermieter*in: Mietzahlung nicht ausreichend gesichert"),
			"count":  integer("Anzahl.", 2),
			"rate":   share("Anteil an allen Vorschlägen"),
		}), []any{}),
		"overrides": array("Freigaben außerhalb der Rangfolge nach Begründung (Art. 22 DSGVO).", object("Ein Grund.", []string{"reason", "label", "count"}, obj{
			"reason": enum("Grund.", domain.OverrideReasons.Codes()),
			"label":  str("Deutsche Bezeichnung.", "Besser platzierter Haushalt nicht erreichbar"),
			"count":  integer("Anzahl.", 1),
		}), []any{}),
		"landlords": nullable(array("Vermietungen im Zeitraum je Vermieter*in.", object("Eine Vermieter*in.", []string{"name", "lets", "median_days_to_let", "proposals_per_let"}, obj{
			"name":               str("Name.", "Hagener Wohnungsgenossenschaft eG"),
			"lets":               integer("Mietverträge im Zeitraum.", 3),
			"median_days_to_let": nullable(number("Tage von der Veröffentlichung bis zum Mietvertrag (Median).", 21)),
			"proposals_per_let":  nullable(number("Vorschläge je Vermietung.", 1.7)),
		}), []any{})),
		"quotas": nullable(array("Kooperationspartner*innen: Kontingent Soll und Ist.", object("Eine Partner*in.", []string{"name", "yearly_quota", "target", "offered", "let"}, obj{
			"name":         str("Name.", "Hagener Wohnungsgenossenschaft eG"),
			"yearly_quota": integer("Kontingent pro Jahr.", 12),
			"target":       number("Soll im Zeitraum: Kontingent × Tage ÷ 365.", 12),
			"offered":      integer("Im Zeitraum angebotene Wohnungen.", 7),
			"let":          integer("Davon vermietet.", 5),
		}), []any{})),
	})
}
