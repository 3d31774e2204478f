package portal

import (
	"fmt"
	"strconv"
	"strings"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/matching"
)

// fact is one fact of a candidate's fact line; Warn marks what speaks against the flat.
type fact struct {
	Text string
	Warn bool
}

// candidateFacts is the plain line of facts behind a candidate's points, in the order staff
// read them: urgency, waiting time, persons in rooms, rent, district, language, how the
// invitation reaches the household, accompaniment, proposals and declines, move-in.
func candidateFacts(r *ranking.VacancyRanking, idx int32, hasEmail bool) []fact {
	row, h, v := &r.Rows[idx], &r.Households[idx], r.Vacancy
	var out []fact
	add := func(warn bool, format string, args ...any) {
		out = append(out, fact{Text: fmt.Sprintf(format, args...), Warn: warn})
	}
	if row.Urgency != nil {
		add(false, "Dringlichkeit %s", domain.Urgency(*row.Urgency).Label())
	} else {
		add(false, "ohne Dringlichkeit")
	}
	if row.RegisteredOn.IsZero() {
		add(false, "Wartezeit unbekannt")
	} else {
		add(false, "wartet seit %s", waitedText(row.RegisteredOn, r.Today))
	}
	persons := int(h.Persons)
	if matching.Cramped(r.Input, persons, r.Policy.Limits) {
		add(true, "%s für %s – beengt", personsText(persons), roomsText(v.RoomsHalf))
	} else {
		add(false, "%s für %s", personsText(persons), roomsText(v.RoomsHalf))
	}
	rent := r.Input.RentCents()
	if domain.Benefit(row.Benefit).PaidByAuthority() {
		add(false, "Bruttokaltmiete %s von höchstens %s", wholeEuro(rent), wholeEuro(r.Policy.Limits.KdUCapCents(persons)))
	} else {
		add(false, "Bruttokaltmiete %s (keine KdU-Grenze)", wholeEuro(rent))
	}
	if h.Preferred&matching.BoroughsOf(r.Input.Borough) != 0 && r.Input.Borough != matching.BoroughUnknown {
		add(false, "Wunsch-Stadtbezirk: ja")
	} else {
		add(false, "Wunsch-Stadtbezirk: nein")
	}
	if row.Language != "" {
		add(false, "Sprache %s", domain.Language(row.Language).Label())
	}
	if hasEmail {
		add(false, "Einladung per E-Mail")
	} else {
		add(true, "ohne E-Mail: Einladung wird gedruckt")
	}
	switch {
	case row.AccompanimentFrom.IsZero():
	case row.AccompanimentUntil.IsZero():
		add(false, "Wohnbegleitung unbefristet")
	case row.AccompanimentUntil < r.Today:
		add(false, "Wohnbegleitung endete am %s", row.AccompanimentUntil)
	default:
		add(false, "Wohnbegleitung bis %s", row.AccompanimentUntil)
	}
	if row.ActiveMatchVacancyID != 0 && row.ActiveMatchVacancyID != v.ID {
		add(true, "Vorschlag für ein anderes Angebot läuft")
	} else {
		add(false, "kein Vorschlag anderswo")
	}
	switch n := len(row.Declined); n {
	case 0:
		add(false, "keine früheren Absagen")
	case 1:
		add(false, "1 frühere Absage")
	default:
		add(false, "%d frühere Absagen", n)
	}
	from := v.AvailableFrom
	if from.IsZero() || from < r.Today {
		from = r.Today
	}
	switch {
	case row.EarliestMoveIn.IsZero():
		add(false, "Einzug jederzeit, Wohnung frei ab %s", from)
	case row.EarliestMoveIn > from:
		add(true, "Einzug frühestens %s, Wohnung frei ab %s", row.EarliestMoveIn, from)
	default:
		add(false, "Einzug ab %s möglich, Wohnung frei ab %s", row.EarliestMoveIn, from)
	}
	return out
}

// waitedText says how long a household has waited, e.g. "2 Jahren 3 Monaten" (dative, after
// "seit"), or "3 Tagen" within the first month.
func waitedText(from, today domain.Date) string {
	a, b := from.Time(), today.Time()
	months := (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
	if b.Day() < a.Day() {
		months--
	}
	if months < 1 {
		days := max(int(today-from), 0)
		if days == 1 {
			return "1 Tag"
		}
		return strconv.Itoa(days) + " Tagen"
	}
	var parts []string
	if y := months / 12; y == 1 {
		parts = append(parts, "1 Jahr")
	} else if y > 1 {
		parts = append(parts, strconv.Itoa(y)+" Jahren")
	}
	if m := months % 12; m == 1 {
		parts = append(parts, "1 Monat")
	} else if m > 1 {
		parts = append(parts, strconv.Itoa(m)+" Monaten")
	}
	return strings.Join(parts, " ")
}

func personsText(n int) string {
	if n == 1 {
		return "1 Person"
	}
	return strconv.Itoa(n) + " Personen"
}

func roomsText(r domain.RoomsHalf) string {
	if r <= 0 {
		return "unbekannte Zimmerzahl"
	}
	if r == 2 {
		return "1 Zimmer"
	}
	return r.String() + " Zimmer"
}

// wholeEuro formats cents as euros, without cents when there are none: "412 €", "1.125,50 €".
func wholeEuro(cents int64) string {
	s := domain.Cents(cents).Euro()
	return strings.Replace(s, ",00 €", " €", 1)
}

// activeMatchByHousehold maps each household with a running proposal for the vacancy to it.
func activeMatchByHousehold(ms []store.MatchRow) map[int64]*store.MatchRow {
	out := map[int64]*store.MatchRow{}
	for i := range ms {
		if ms[i].State.Open() {
			out[ms[i].HouseholdID] = &ms[i]
		}
	}
	return out
}
