package demo

import (
	"context"
	"fmt"
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// streets are real street names of Hagen per postal code, for plausible addresses.
var streets = map[string][]string{
	"58089": {"Wehringhauser Straße", "Lange Straße", "Buscheystraße", "Augustastraße"},
	"58091": {"Eilper Straße", "Selbecker Straße", "Dahler Straße", "Franzstraße"},
	"58093": {"Emster Straße", "Am Waldesrand", "Eppenhauser Straße"},
	"58095": {"Elberfelder Straße", "Körnerstraße", "Bergstraße", "Hochstraße"},
	"58097": {"Altenhagener Straße", "Eckeseyer Straße", "Friedensstraße"},
	"58099": {"Boeler Straße", "Schwerter Straße", "Helfer Straße", "Kabeler Straße"},
	"58119": {"Freiheitstraße", "Iserlohner Straße", "Stennertstraße", "Oeger Straße"},
	"58135": {"Voerder Straße", "Berliner Straße", "Kölner Straße", "Enneper Straße"},
}

// roomAreas gives a plausible living-area range in m² per number of rooms.
var roomAreas = map[int][2]int{1: {28, 42}, 2: {44, 62}, 3: {58, 82}, 4: {78, 98}, 5: {92, 118}}

func (g *generator) vacancies(ctx context.Context, st *store.Store) error {
	codes := domain.PostalCodes()
	for i := 0; i < 40; i++ {
		v := g.vacancy(i, codes[i%len(codes)])
		if err := st.CreateVacancy(ctx, v); err != nil {
			return fmt.Errorf("vacancy %d: %w", i, err)
		}
	}
	return nil
}

func (g *generator) vacancy(i int, postal string) *domain.Vacancy {
	districts := domain.DistrictsFor(postal)
	d := districts[g.rng.IntN(len(districts))]
	rooms := []int{1, 2, 2, 2, 3, 3, 3, 4, 4, 5}[g.rng.IntN(10)]
	ar := roomAreas[rooms]
	area := int64(g.between(ar[0], ar[1]))*100 + int64(g.rng.IntN(4))*25
	floor := []int{0, 0, 1, 1, 2, 2, 3, 4, 5}[g.rng.IntN(9)]
	landlord := g.landlordIDs[[]int{0, 0, 0, 0, 1, 1, 1, 2}[i%8]]
	v := &domain.Vacancy{
		LandlordID: landlord, PostalCode: postal, District: d.Name, Borough: d.Borough,
		Street: fmt.Sprintf("%s %d", g.pick(streets[postal]), g.between(1, 140)),
		Floor:  floor, Elevator: floor >= 3 || g.chance(0.2), RoomsHalf: domain.RoomsHalf(rooms * 2),
		AreaCentiM2: domain.AreaCenti(area), AvailableFrom: g.today.AddDays(g.between(7, 90)),
		PetsAllowed: g.chance(0.35), Places: 1, Restriction: domain.RestrictionNone, Status: domain.VacancyPublished,
	}
	tracks := g.tracks[landlord]
	v.AcceptsCertificate, v.AcceptsAccompaniment, v.AcceptsFachstelle = tracks[0], tracks[1], tracks[2]
	if v.Floor == 0 && g.chance(0.5) {
		v.StepFree = true
		v.Wheelchair = g.chance(0.4)
	}
	v.WBSRequired = landlord == g.landlordIDs[0] && g.chance(0.35)
	if rooms == 5 && g.chance(0.5) {
		rooms := rooms + 1
		v.MaxOccupants = &rooms
	}
	g.rents(v)
	switch i {
	case 2: // a Senioren-WG with several places, accessible (a landlord that takes Fachstelle cases)
		v.Restriction, v.Places, v.Floor, v.Elevator, v.StepFree, v.Wheelchair = domain.RestrictionSeniorWG, 4, 0, true, true, true
		v.RoomsHalf, v.AreaCentiM2 = 10, 14250
		v.AcceptsCertificate, v.AcceptsAccompaniment, v.AcceptsFachstelle = false, false, true
		v.Description = "Senioren-WG mit vier Zimmern, Gemeinschaftsküche und Pflegedienst im Haus."
		g.rents(v)
	case 11: // a women-only flat
		v.Restriction, v.RoomsHalf, v.AreaCentiM2 = domain.RestrictionWomenOnly, 4, 5200
		v.Description = "Wohnung in einem Haus mit Frauen-Schutzkonzept; Hausmeisterin vor Ort."
		g.rents(v)
	}
	switch {
	case i >= 37:
		v.Status = domain.VacancyDraft
	case i >= 33:
		v.Status = domain.VacancySubmitted
	case i >= 30:
		v.Status = domain.VacancyLet
	}
	if v.Description == "" {
		v.Description = fmt.Sprintf("%s-Zimmer-Wohnung in %s, %s.", v.RoomsHalf, d.Name,
			map[bool]string{true: "mit Aufzug", false: "ohne Aufzug"}[v.Elevator])
	}
	now := g.now
	if v.Status != domain.VacancyDraft {
		v.SubmittedAt = &now
	}
	if v.Status == domain.VacancyPublished || v.Status == domain.VacancyLet {
		v.PublishedAt = &now
		v.Slots = g.slots(v)
	}
	return v
}

// rents sets plausible Hagen rents: 5.50–7.50 €/m² net cold, 1.60–2.20 €/m² cold service
// charges, 1.00–1.60 €/m² heating; the deposit is three net cold rents (§ 551 BGB).
func (g *generator) rents(v *domain.Vacancy) {
	m2 := int64(v.AreaCentiM2)
	perM2 := func(lo, hi int) domain.Cents {
		cents := int64(g.between(lo, hi)) * m2 / 100
		return domain.Cents(cents / 10 * 10)
	}
	v.NetColdRentCents = perM2(550, 750)
	v.ServiceChargesCents = perM2(160, 220)
	v.HeatingCostsCents = perM2(100, 160)
	v.DepositCents = 3 * v.NetColdRentCents
}

func (g *generator) slots(v *domain.Vacancy) []domain.ViewingSlot {
	var out []domain.ViewingSlot
	day := g.today.AddDays(g.between(3, 8))
	for k := 0; k < 3; k++ {
		t := day.AddDays(k * 2).Time()
		start := time.Date(t.Year(), t.Month(), t.Day(), []int{10, 14, 16}[k], 0, 0, 0, domain.Berlin)
		out = append(out, domain.ViewingSlot{StartsAt: start.UTC(), EndsAt: start.Add(45 * time.Minute).UTC(),
			Place: "vor dem Hauseingang, " + v.Street, Capacity: 1 + k%2})
	}
	return out
}
