// Package statutory builds the counts and reports the city files from the portal's data:
// the WoBerichtsG count of accommodated homeless persons on 31 January, the NRW count on
// 30 June and the yearly project report of „Endlich ein ZUHAUSE!“. docs/statutory.md maps
// each column to the portal's fields.
package statutory

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// Service builds the statutory exports.
type Service struct{ store *store.Store }

// New returns the service.
func New(st *store.Store) *Service { return &Service{store: st} }

// Count is one of the statutory counts of accommodated homeless persons.
type Count struct {
	Key   string // URL and file name
	Label string
	Month time.Month
	Day   int
}

// Counts are the counts the portal exports, each on its reference day.
var Counts = []Count{
	{"woberichtsg", "Bundesstatistik untergebrachter wohnungsloser Personen (WoBerichtsG), Stichtag 31. Januar", time.January, 31},
	{"nrw", "Wohnungsnotfall-Berichterstattung NRW, Stichtag 30. Juni", time.June, 30},
}

// CountByKey returns the count with the key.
func CountByKey(key string) (Count, bool) {
	for _, c := range Counts {
		if c.Key == key {
			return c, true
		}
	}
	return Count{}, false
}

// DayIn returns the count's reference day in a year.
func (c Count) DayIn(year int) domain.Date { return domain.NewDate(year, c.Month, c.Day) }

// Unknown is written where the portal has no value; the statistics offices accept it.
const Unknown = "unbekannt"

// PersonHeader are the columns of the counts: the characteristics of § 4 WoBerichtsG.
var PersonHeader = []string{"Gemeindeschlüssel", "Stichtag", "Haushalt (Pseudonym)", "Person", "Geschlecht",
	"Alter (aus dem Geburtsjahr)", "Staatsangehörigkeit", "Haushaltstyp", "Haushaltsgröße", "Art der Unterbringung",
	"Träger der Unterbringung", "untergebracht seit"}

// HouseholdType names the type of a household from its members' ages on day: one person,
// one adult with children, two adults with or without children, or another composition.
func HouseholdType(members []domain.HouseholdMember, year int) string {
	adults := 0
	for _, m := range members {
		if year-m.BirthYear >= 18 {
			adults++
		}
	}
	children := len(members) - adults
	switch {
	case len(members) == 0:
		return Unknown
	case len(members) == 1:
		return "Einpersonenhaushalt"
	case adults == 1:
		return "Alleinerziehende Person mit Kind(ern)"
	case adults == 2 && children == 0:
		return "Zwei Erwachsene ohne Kinder"
	case adults == 2:
		return "Zwei Erwachsene mit Kind(ern)"
	}
	return "Sonstiger Mehrpersonenhaushalt"
}

// PersonRows lists one row per accommodated person on day (PersonHeader). Staff and
// admins only (domain.Actor.CanExportStatutory); each export is audited.
func (s *Service) PersonRows(ctx context.Context, a domain.Actor, c Count, day domain.Date) ([][]string, error) {
	if !a.CanExportStatutory() {
		return nil, fmt.Errorf("statutory: count: %w", domain.ErrForbidden)
	}
	hhs, err := s.store.AccommodatedOn(ctx, day)
	if err != nil {
		return nil, err
	}
	rows := [][]string{PersonHeader}
	for _, h := range hhs {
		typ, size := HouseholdType(h.Members, day.Year()), strconv.Itoa(len(h.Members))
		since := Unknown
		if !h.AccommodatedSince.IsZero() {
			since = h.AccommodatedSince.String()
		}
		for i, m := range h.Members {
			rows = append(rows, []string{domain.HagenMunicipalityKey, day.String(), h.Reference, strconv.Itoa(i + 1),
				orUnknown(m.Sex.Label()), strconv.Itoa(day.Year() - m.BirthYear), orUnknown(h.Nationality), typ, size,
				h.AccommodationKind.Label(), h.AccommodationProvider.Label(), since})
		}
	}
	if err := s.audit(ctx, a, fmt.Sprintf("%s zum %s: %d Personen", c.Label, day, len(rows)-1)); err != nil {
		return nil, err
	}
	return rows, nil
}

// SeniorWGTarget is the project's target of newly created Senioren-WG places.
const SeniorWGTarget = 10

// ProjectRows is the yearly report of „Endlich ein ZUHAUSE!“: per focus group the
// Fachstelle households taken on and placed in the year, and the Senioren-WG places
// created against the target. Tenancies secured are recorded by the tenancy records
// (another part of the portal) and show as not recorded until then.
func (s *Service) ProjectRows(ctx context.Context, a domain.Actor, year int) ([][]string, error) {
	if !a.CanExportStatutory() {
		return nil, fmt.Errorf("statutory: project report: %w", domain.ErrForbidden)
	}
	from, to := domain.NewDate(year, time.January, 1), domain.NewDate(year+1, time.January, 1)
	groups, err := s.store.ProjectYear(ctx, from, to)
	if err != nil {
		return nil, err
	}
	places, err := s.store.SeniorWGPlacesCreated(ctx, from.Midnight(), to.Midnight())
	if err != nil {
		return nil, err
	}
	rows := [][]string{{"Jahr", "Zielgruppe", "aufgenommene Haushalte", "vermittelte Haushalte", "gesicherte Mietverhältnisse"}}
	taken, placed := 0, 0
	for _, g := range groups {
		rows = append(rows, []string{strconv.Itoa(year), domain.FocusGroup(g.FocusGroup).Label(), strconv.Itoa(g.TakenOn), strconv.Itoa(g.Placed), "nicht erfasst"})
		taken, placed = taken+g.TakenOn, placed+g.Placed
	}
	rows = append(rows, []string{strconv.Itoa(year), "gesamt", strconv.Itoa(taken), strconv.Itoa(placed), "nicht erfasst"},
		[]string{}, []string{"Jahr", "neu geschaffene Plätze in Senioren-WGs", "Ziel", "erreicht"},
		[]string{strconv.Itoa(year), strconv.Itoa(places), "mindestens " + strconv.Itoa(SeniorWGTarget), yesNo(places >= SeniorWGTarget)})
	if err := s.audit(ctx, a, fmt.Sprintf("Projektbericht „Endlich ein ZUHAUSE!“ %d", year)); err != nil {
		return nil, err
	}
	return rows, nil
}

func (s *Service) audit(ctx context.Context, a domain.Actor, detail string) error {
	e := a.Audit("statutory.export", "statistics", 0, detail)
	e.EntityID = nil
	return s.store.Audit(ctx, e)
}

func orUnknown(s string) string {
	if s == "" {
		return Unknown
	}
	return s
}

func yesNo(b bool) string {
	if b {
		return "ja"
	}
	return "nein"
}
