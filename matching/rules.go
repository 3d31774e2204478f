package matching

import (
	"strconv"
	"strings"
)

// This file is the one place that declares the hard rules and the score components of
// docs/design.md §4: their stable codes, German labels and messages, and the inputs each one reads.
// The fast path's lookup tables (flagReasonTable, flaggedTable), the German messages
// ([ReasonSet.Explain]), the weights' accessors, the portal's labels and the API's and the
// OpenAPI document's enums are all built from these two tables. Adding a rule means: a
// ReasonCode constant, one entry in rules, and, if it reads a household fact the flag index
// does not hold yet, a flag bit (see ruleFlags) and its line in reasonsWith.

// rule declares one hard rule.
type rule struct {
	code        string // stable code, as the API publishes it
	deprecated  string // former code, still accepted and shown alongside for one minor version
	label       string // short German name (filter, badge)
	description string // German statement of the rule (API documentation)
	reads       []string
	// flags and fails decide the rule from the household's flag index (nil fails: the rule,
	// or the part of it that fails does not cover, is decided by its own loop in reasonsWith).
	// fails must read only the flags in flags, and the vacancy.
	flags   ruleFlags
	fails   func(v Vacancy, f ruleFlags) bool // by value, so that the vacancy does not escape
	message func(e explanation) string
}

// explanation is what a rule's message is rendered from. It holds copies, so that the inputs
// of [ReasonSet.Explain] do not escape to the heap.
type explanation struct {
	v     Vacancy
	h     Household
	p     Policy
	today Date
	n     int64 // the household's persons, at least 1
}

// ruleFlags is the flag index of the rules: one bit for each household fact that the rules
// decided by flags read. The three lowest bits are the household's tracks ([Track]).
type ruleFlags uint8

// The flags of the rule flag index.
const (
	flagCertificate     ruleFlags = 1 << iota // holds the Integrationszertifikat Wohnen
	flagAccompaniment                         // Klartext Wohnbegleitung active today
	flagFachstelle                            // case of the Zentrale Fachstelle
	flagNeedsWheelchair                       // needs a wheelchair-accessible flat
	flagNeedsStepFree                         // needs step-free access
	flagHasPets                               // has pets
	flagExcludesBorough                       // excludes the flat's Stadtbezirk
	flagAllFemale                             // every member is a woman
	// numRuleFlags is the width of the flag index.
	numRuleFlags = iota
)

// trackFlags are the flags that hold the household's tracks.
const trackFlags = flagCertificate | flagAccompaniment | flagFachstelle

// rules are the hard rules of docs/design.md §4, by ReasonCode (budgets.go checks there is one for
// each).
var rules = [...]rule{
	ReasonNoAcceptedTrack: {
		code: "no_accepted_track", label: "keine passende Grundlage",
		description: "Der Haushalt hat keinen der Zugänge, für die die Wohnung offen ist (Integrationszertifikat, Wohnbegleitung, Fall der Fachstelle).",
		reads:       []string{"Vacancy.Accepts", "Household.CertificateOn", "Household.AccompanimentFrom", "Household.AccompanimentUntil", "Household.FachstelleCase", "today"},
		flags:       trackFlags,
		fails:       func(v Vacancy, f ruleFlags) bool { return v.Accepts&Track(f&trackFlags) == 0 },
		message: func(e explanation) string {
			if e.v.Accepts&AllTracks == 0 {
				return "Keine passende Grundlage: Die Wohnung ist für keine Grundlage freigegeben"
			}
			return "Keine passende Grundlage: Die Wohnung ist offen für " + (e.v.Accepts & AllTracks).String() +
				"; der Haushalt hat " + trackList(e.h.Tracks(e.today))
		},
	},
	ReasonHouseholdInactive: {
		code: "household_inactive", label: "Haushalt nicht aktiv",
		description: "Der Haushalt ist nicht aktiv oder über heute hinaus pausiert.",
		reads:       []string{"Household.Status", "Household.PausedUntil", "today"},
		message: func(e explanation) string {
			h := e.h
			if h.Status == StatusPaused || (h.Status == StatusActive && h.PausedUntil > e.today) {
				if h.PausedUntil == 0 {
					return "Haushalt ist pausiert (ohne Enddatum)"
				}
				return "Haushalt ist pausiert bis " + h.PausedUntil.German()
			}
			return "Haushalt ist nicht aktiv (Status: " + h.Status.String() + ")"
		},
	},
	ReasonActiveOffer: {
		code: "active_offer", label: "laufender Vorschlag",
		description: "Der Haushalt hat bereits einen aktiven Vorschlag für ein anderes Wohnungsangebot.",
		reads:       []string{"Vacancy.ID", "Household.ActiveMatchVacancyID"},
		message: func(e explanation) string {
			return "Haushalt hat bereits einen aktiven Vorschlag für Wohnungsangebot " + strconv.FormatInt(e.h.ActiveMatchVacancyID, 10)
		},
	},
	ReasonPreviouslyDeclined: {
		code: "previously_declined", label: "früher abgesagt oder abgelehnt",
		description: "Haushalt und Wohnungsangebot wurden schon einmal abgesagt oder abgelehnt.",
		reads:       []string{"Vacancy.ID", "Household.Declined"},
		message: func(explanation) string {
			return "Für dieses Wohnungsangebot wurde der Haushalt bereits abgelehnt oder hat es abgelehnt"
		},
	},
	ReasonOvercrowded: {
		code: "overcrowded", label: "zu wenig Wohnfläche",
		description: "Weniger als 10 m² Wohnfläche je Person (WohnStG NRW § 10; in einer WG je Platz) oder mehr Personen als zulässig.",
		reads:       []string{"Vacancy.AreaCenti", "Vacancy.Places", "Vacancy.MaxOccupants", "Household.Persons", "Limits.MinAreaPerPersonCenti"},
		message:     overcrowdedMessage,
	},
	ReasonKdUExceeded: {
		code: "kdu_exceeded", label: "Miete über der KdU-Grenze",
		description: "Haushalt im Bezug von SGB II oder XII und Bruttokaltmiete über der KdU-Grenze für seine Größe.",
		reads:       []string{"Vacancy.NetColdCents", "Vacancy.ServiceChargesCents", "Household.Benefit", "Household.Persons", "Limits.KdUCapsCents", "Limits.KdUExtraPersonCents"},
		message: func(e explanation) string {
			return "Bruttokaltmiete " + formatEuro(e.v.RentCents()) + " über der KdU-Grenze von " +
				formatEuro(e.p.Limits.KdUCapCents(int(e.n))) + " für " + personsText(e.n)
		},
	},
	ReasonWBSMissing: {
		code: "wbs_missing", label: "WBS fehlt",
		description: "Die Wohnung verlangt einen Wohnberechtigungsschein; der Haushalt hat keinen, der ab Bezugsdatum gilt, oder einen für weniger Personen.",
		reads:       []string{"Vacancy.WBSRequired", "Vacancy.AvailableFrom", "Household.WBSValidUntil", "Household.WBSPersons", "Household.Persons", "today"},
		message: func(e explanation) string {
			day := max(e.v.AvailableFrom, e.today)
			h := e.h
			if h.WBSValidUntil != 0 && h.WBSValidUntil >= day && int64(h.WBSPersons) < e.n {
				return "Wohnberechtigungsschein gilt für " + personsText(int64(h.WBSPersons)) + ", der Haushalt hat " + personsText(e.n)
			}
			return "Wohnberechtigungsschein fehlt oder ist am " + day.German() + " nicht mehr gültig"
		},
	},
	ReasonWheelchairAccess: {
		code: "wheelchair_access", label: "nicht rollstuhlgerecht",
		description: "Der Haushalt braucht eine rollstuhlgerechte Wohnung; die Wohnung ist es nicht.",
		reads:       []string{"Vacancy.Wheelchair", "Household.NeedsWheelchair"},
		flags:       flagNeedsWheelchair,
		fails:       func(v Vacancy, f ruleFlags) bool { return f&flagNeedsWheelchair != 0 && !v.Wheelchair },
		message: func(explanation) string {
			return "Haushalt braucht eine rollstuhlgerechte Wohnung; diese Wohnung ist es nicht"
		},
	},
	ReasonStepFreeAccess: {
		code: "step_free_access", label: "nicht stufenlos erreichbar",
		description: "Der Haushalt braucht eine stufenlos erreichbare Wohnung; die Wohnung liegt weder im Erdgeschoss noch an einem Aufzug und ist nicht barrierefrei.",
		reads:       []string{"Vacancy.Floor", "Vacancy.Elevator", "Vacancy.StepFree", "Vacancy.Wheelchair", "Household.NeedsStepFree"},
		flags:       flagNeedsStepFree,
		fails: func(v Vacancy, f ruleFlags) bool {
			return f&flagNeedsStepFree != 0 && !(v.StepFree || v.Wheelchair || v.Elevator || v.Floor == 0)
		},
		message: func(e explanation) string {
			where := "im Untergeschoss"
			if e.v.Floor > 0 {
				where = "in der " + strconv.Itoa(e.v.Floor) + ". Etage"
			}
			return "Haushalt braucht eine stufenlos erreichbare Wohnung; die Wohnung liegt " + where + " ohne Aufzug"
		},
	},
	ReasonPetsNotAllowed: {
		code: "pets_not_allowed", label: "Haustiere nicht erlaubt",
		description: "Der Haushalt hat Haustiere; die Wohnung erlaubt keine.",
		reads:       []string{"Vacancy.PetsAllowed", "Household.HasPets"},
		flags:       flagHasPets,
		fails:       func(v Vacancy, f ruleFlags) bool { return f&flagHasPets != 0 && !v.PetsAllowed },
		message: func(explanation) string {
			return "Haushalt hat Haustiere; in dieser Wohnung sind keine erlaubt"
		},
	},
	ReasonRestrictedFlat: {
		code: "restricted_flat", label: "Wohnung nur für bestimmte Gruppe",
		description: "Wohnung nur für Frauen und nicht alle Haushaltsmitglieder sind Frauen, oder Senioren-WG und der Haushalt gehört nicht zur Zielgruppe senior_care.",
		reads:       []string{"Vacancy.Restriction", "Household.AllFemale", "Household.FocusGroup"},
		// The flag index decides the women-only part; reasonsWith the Senioren-WG part.
		flags: flagAllFemale,
		fails: func(v Vacancy, f ruleFlags) bool {
			return v.Restriction == RestrictionWomenOnly && f&flagAllFemale == 0
		},
		message: func(e explanation) string {
			if e.v.Restriction == RestrictionSeniorWG {
				return "Senioren-WG: nur für ältere Wohnungslose mit Pflegebedarf (Zielgruppe senior_care)"
			}
			return "Wohnung nur für Frauen; nicht alle Haushaltsmitglieder sind Frauen"
		},
	},
	ReasonDistrictExcluded: {
		code: "borough_excluded", deprecated: "district_excluded", label: "Stadtbezirk ausgeschlossen",
		description: "Der Haushalt hat den Stadtbezirk der Wohnung ausgeschlossen.",
		reads:       []string{"Vacancy.Borough", "Household.Excluded"},
		flags:       flagExcludesBorough,
		fails:       func(_ Vacancy, f ruleFlags) bool { return f&flagExcludesBorough != 0 },
		message: func(e explanation) string {
			return "Haushalt hat den Stadtbezirk " + e.v.Borough.String() + " ausgeschlossen"
		},
	},
}

func overcrowdedMessage(e explanation) string {
	v, n := e.v, e.n
	var parts []string
	need := e.p.Limits.MinAreaPerPersonCenti * n
	area := v.AreaCenti
	perPlace := ""
	if v.places() > 1 {
		area = v.AreaCenti / v.places()
		perPlace = " (Anteil je Platz bei " + strconv.FormatInt(v.places(), 10) + " Plätzen)"
	}
	if area < need {
		parts = append(parts, formatArea(area)+perPlace+" für "+personsText(n)+" – mindestens "+formatArea(need)+" nötig (WohnStG NRW § 10)")
	}
	if v.MaxOccupants > 0 && n > int64(v.MaxOccupants) {
		parts = append(parts, personsText(n)+", aber höchstens "+strconv.Itoa(v.MaxOccupants)+" Bewohner*innen zulässig")
	}
	if len(parts) == 0 { // only with a set from other inputs
		return "Wohnung ist für " + personsText(n) + " zu klein"
	}
	return strings.Join(parts, "; ")
}

// flagReasonTable fills t with the reasons of the rules decided by flags, for vacancy v and
// each value of the flag index. Each rule is evaluated once for each combination sub of the
// flags it reads, and where it fails, its bit is set in every index that agrees with sub on
// those flags.
func flagReasonTable(v *Vacancy, t *[1 << numRuleFlags]uint16) {
	*t = [1 << numRuleFlags]uint16{}
	for c := range rules {
		r := &rules[c]
		if r.fails == nil {
			continue
		}
		others := ^r.flags
		// sub and x run over the subsets of r.flags and of the other flags.
		for sub := ruleFlags(0); ; sub = (sub - r.flags) & r.flags {
			if r.fails(*v, sub) {
				for x := ruleFlags(0); ; x = (x - others) & others {
					t[sub|x] |= 1 << c
					if x == others {
						break
					}
				}
			}
			if sub == r.flags {
				break
			}
		}
	}
}

// component declares one score component.
type component struct {
	code        string // stable code (API, policy form fields "weights.<code>")
	deprecated  string // former code, still accepted and shown alongside for one minor version
	label       string // German name in breakdowns ("Wartezeit: +7,8")
	short       string // German column head of the ranking table
	weightLabel string // German label of the weight on the policy page
	weightHint  string
	reads       []string
	// monotone: the ranking invariants promise that a better value never ranks lower, so
	// the weight must be positive.
	monotone bool
	// weight returns the component's field of the weights (by value, so that the weights
	// do not escape to the heap), setWeight sets it.
	weight    func(w Weights) float64
	setWeight func(w *Weights, x float64)
	// levels, for a component decided by the score flag index: its value by the level held
	// in the index's bits from shift on (len(levels) is a power of two, at most maxLevels).
	levels []uint32
	shift  uint
}

// The score flag index: the urgency level (bits 0–2, 1 … 4, else 0), certificate,
// accompaniment and preferred district (bits 3, 4, 5).
const (
	scoreShiftUrgency       = 0
	scoreShiftCertificate   = 3
	scoreShiftAccompaniment = 4
	scoreShiftPreferred     = 5
	numScoreFlags           = 6
)

// maxLevels bounds the levels of a component in the score flag index.
const maxLevels = 8

// binaryLevels is the value of a yes/no component.
var binaryLevels = []uint32{0, ValueScale}

// components are the score components, by Component (budgets.go checks there is one for
// each).
var components = [...]component{
	ComponentUrgency: {
		code: "urgency", label: "Dringlichkeit", short: "Dringlichkeit",
		weightLabel: "Dringlichkeit", weightHint: "Punkte für Dringlichkeit 1; Stufe 2 erhält drei Viertel, 3 die Hälfte, 4 ein Viertel.",
		reads:    []string{"Household.Urgency"},
		monotone: true, weight: func(w Weights) float64 { return w.Urgency },
		setWeight: func(w *Weights, x float64) { w.Urgency = x },
		levels:    urgencyValues[:], shift: scoreShiftUrgency,
	},
	ComponentCertificate: {
		code: "certificate", label: "Integrationszertifikat", short: "Zertifikat",
		weightLabel: "Integrationszertifikat Wohnen", weightHint: "Punkte für ein bestandenes Zertifikat.",
		reads:    []string{"Household.CertificateOn"},
		monotone: true, weight: func(w Weights) float64 { return w.Certificate },
		setWeight: func(w *Weights, x float64) { w.Certificate = x },
		levels:    binaryLevels, shift: scoreShiftCertificate,
	},
	ComponentAccompaniment: {
		code: "accompaniment", label: "Wohnbegleitung", short: "Begleitung",
		weightLabel: "Klartext-Wohnbegleitung", weightHint: "Punkte für eine aktive Wohnbegleitung.",
		reads:    []string{"Household.AccompanimentFrom", "Household.AccompanimentUntil", "today"},
		monotone: true, weight: func(w Weights) float64 { return w.Accompaniment },
		setWeight: func(w *Weights, x float64) { w.Accompaniment = x },
		levels:    binaryLevels, shift: scoreShiftAccompaniment,
	},
	ComponentWaitingTime: {
		code: "waiting_time", label: "Wartezeit", short: "Wartezeit",
		weightLabel: "Wartezeit", weightHint: "Punkte, denen sich lange Wartezeiten annähern (nach einem Jahr die Hälfte).",
		reads:    []string{"Household.RegisteredOn", "today"},
		monotone: true, weight: func(w Weights) float64 { return w.WaitingTime },
		setWeight: func(w *Weights, x float64) { w.WaitingTime = x },
	},
	ComponentPreferredDistrict: {
		code: "preferred_borough", deprecated: "preferred_district", label: "Wunschbezirk", short: "Wunschbezirk",
		weightLabel: "Wunsch-Stadtbezirk", weightHint: "Punkte, wenn die Wohnung in einem bevorzugten Stadtbezirk liegt.",
		reads:    []string{"Vacancy.Borough", "Household.Preferred"},
		monotone: true, weight: func(w Weights) float64 { return w.PreferredDistrict },
		setWeight: func(w *Weights, x float64) { w.PreferredDistrict = x },
		levels:    binaryLevels, shift: scoreShiftPreferred,
	},
	ComponentSizeFit: {
		code: "size_fit", label: "Größe", short: "Größe",
		weightLabel: "Passende Größe", weightHint: "Punkte für eine Wohnung in angemessener Größe; 0 schaltet das Merkmal ab.",
		reads:     []string{"Vacancy.AreaCenti", "Vacancy.RoomsHalf", "Household.Persons", "Limits.AreaFirstPersonCenti", "Limits.AreaFurtherPersonCenti"},
		weight:    func(w Weights) float64 { return w.SizeFit },
		setWeight: func(w *Weights, x float64) { w.SizeFit = x },
	},
	ComponentRentHeadroom: {
		code: "rent_headroom", label: "Mietspielraum", short: "Miete",
		weightLabel: "Abstand zur KdU-Grenze", weightHint: "Punkte für eine Miete deutlich unter der KdU-Grenze; 0 schaltet das Merkmal ab.",
		reads:     []string{"Vacancy.NetColdCents", "Vacancy.ServiceChargesCents", "Household.Persons", "Limits.KdUCapsCents", "Limits.KdUExtraPersonCents"},
		weight:    func(w Weights) float64 { return w.RentHeadroom },
		setWeight: func(w *Weights, x float64) { w.RentHeadroom = x },
	},
	ComponentOccupancy: {
		code: "occupancy", label: "Belegung", short: "Belegung",
		weightLabel: "Nicht beengt (Belegung)",
		weightHint:  "Punkte, wenn der Haushalt nicht beengt wohnen würde: höchstens ein Zimmer weniger als Personen und mindestens die angemessene Fläche für eine Person weniger (WNB NRW 8.2). 0 schaltet das Merkmal ab.",
		reads:       []string{"Vacancy.AreaCenti", "Vacancy.RoomsHalf", "Vacancy.Places", "Household.Persons", "Limits.AreaFirstPersonCenti", "Limits.AreaFurtherPersonCenti"},
		weight:      func(w Weights) float64 { return w.Occupancy },
		setWeight:   func(w *Weights, x float64) { w.Occupancy = x },
	},
}

// flaggedTable fills t with the weighted contributions of the components decided by the score
// flag index, for each value of it, under the quantized weights w.
func flaggedTable(w *[NumComponents]int64, t *[1 << numScoreFlags]int64) {
	*t = [1 << numScoreFlags]int64{}
	for c := range components {
		lv, shift := components[c].levels, components[c].shift
		if lv == nil {
			continue
		}
		var contrib [maxLevels]int64 // by level
		for level, value := range lv {
			contrib[level] = w[c] * int64(value)
		}
		mask := len(lv) - 1
		for f := range t {
			t[f] += contrib[f>>shift&mask&(maxLevels-1)]
		}
	}
}
