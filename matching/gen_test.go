package matching

import (
	"math/rand/v2"
	"time"
)

// genToday is the fixed "today" of generated data.
var genToday = MakeDate(2026, time.March, 2)

// gen makes plausible Hagen-like households and vacancies from a fixed seed.
type gen struct {
	r     *rand.Rand
	today Date
}

func newGen(seed uint64) *gen {
	return &gen{r: rand.New(rand.NewPCG(seed, 0x5eed_4a6e)), today: genToday}
}

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

func (g *gen) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

func (g *gen) borough() Borough { return Borough(1 + g.r.IntN(5)) }

// weighted picks an index with the given relative weights.
func (g *gen) weighted(ws ...int) int {
	total := 0
	for _, w := range ws {
		total += w
	}
	x := g.r.IntN(total)
	for i, w := range ws {
		if x < w {
			return i
		}
		x -= w
	}
	return len(ws) - 1
}

// household makes one household registered with the programmes. maxVacancyID bounds the IDs
// of active matches and declined vacancies.
func (g *gen) household(id int64, maxVacancyID int64) Household {
	t := g.today
	h := Household{ID: id, Lottery: g.r.Uint64()}
	switch g.weighted(88, 6, 4, 2) {
	case 0:
		h.Status = StatusActive
	case 1:
		h.Status = StatusPaused
		h.PausedUntil = t.AddDays(g.between(-60, 90))
	case 2:
		h.Status = StatusHoused
	default:
		h.Status = StatusClosed
	}
	h.Persons = int16(1 + g.weighted(35, 20, 15, 13, 9, 5, 3))
	// Most households come through one programme track, some through two.
	primary := g.weighted(30, 25, 45)
	second := -1
	if g.chance(0.15) {
		second = g.r.IntN(3)
	}
	if primary == 0 || second == 0 {
		h.CertificateOn = t.AddDays(-g.between(10, 2000))
	}
	if primary == 1 || second == 1 {
		h.AccompanimentFrom = t.AddDays(-g.between(0, 700))
		if g.chance(0.3) {
			h.AccompanimentUntil = h.AccompanimentFrom.AddDays(g.between(90, 900))
		}
	}
	if primary == 2 || second == 2 {
		h.FachstelleCase = true
		h.Urgency = int8(g.between(1, 4))
		h.FocusGroup = FocusGroup(g.weighted(40, 15, 15, 15, 15))
	}
	switch h.FocusGroup {
	case FocusWomen:
		h.AllFemale = true
	case FocusSeniorCare:
		h.Persons = 1
	default:
		h.AllFemale = h.Persons == 1 && g.chance(0.4)
	}
	h.Benefit = Benefit(g.weighted(42, 40, 8, 10))
	if g.chance(0.25) {
		h.WBSValidUntil = t.AddDays(g.between(-60, 365))
		h.WBSPersons = h.Persons
		if g.chance(0.1) {
			h.WBSPersons--
		}
	}
	h.NeedsWheelchair = g.chance(0.02)
	h.NeedsStepFree = h.NeedsWheelchair || g.chance(0.06)
	h.HasPets = g.chance(0.1)
	for range g.weighted(30, 40, 30) { // none, one or two preferred Stadtbezirke
		h.Preferred = h.Preferred.With(g.borough())
	}
	// Most households are tied to their Quartier (school, family, Klartext team) and rule
	// out every Stadtbezirk but the one or two they prefer; the others rule out one or none.
	if h.Preferred != 0 && g.chance(0.8) {
		h.Excluded = BoroughsOf(AllBoroughs()...) &^ h.Preferred
	} else if g.chance(0.5) {
		if b := g.borough(); !h.Preferred.Has(b) {
			h.Excluded = BoroughsOf(b)
		}
	}
	if g.chance(0.3) {
		h.EarliestMoveIn = t.AddDays(g.between(0, 120))
	}
	h.RegisteredOn = t.AddDays(-g.between(0, 5*365))
	if maxVacancyID > 0 {
		if g.chance(0.03) {
			h.ActiveMatchVacancyID = 1 + g.r.Int64N(maxVacancyID)
		}
		if g.chance(0.05) {
			for range g.between(1, 2) {
				h.Declined = append(h.Declined, 1+g.r.Int64N(maxVacancyID))
			}
		}
	}
	return h
}

// vacancy makes one flat offered by a cooperating landlord.
func (g *gen) vacancy(id int64) Vacancy {
	v := Vacancy{ID: id, Borough: g.borough(), Places: 1}
	v.Floor = g.weighted(25, 25, 20, 15, 10, 5)
	v.Elevator = v.Floor > 0 && g.chance(0.3)
	v.Wheelchair = g.chance(0.03)
	v.StepFree = v.Wheelchair || g.chance(0.08)
	m2 := g.between(20, 110)
	if g.chance(0.6) {
		m2 = g.between(45, 80)
	}
	v.AreaCenti = int64(m2)*100 + int64(g.between(0, 99))
	v.RoomsHalf = max(2, int((v.AreaCenti+1250)/2500))
	v.NetColdCents = v.AreaCenti * int64(g.between(550, 750)) / 100
	v.ServiceChargesCents = v.AreaCenti * int64(g.between(160, 220)) / 100
	v.AvailableFrom = g.today.AddDays(g.between(0, 60))
	v.WBSRequired = g.chance(0.3)
	v.PetsAllowed = g.chance(0.4)
	if g.chance(0.1) {
		v.MaxOccupants = g.between(2, 5)
	}
	switch g.weighted(90, 5, 5) {
	case 1:
		v.Restriction = RestrictionWomenOnly
	case 2:
		v.Restriction = RestrictionSeniorWG
		v.Places = g.between(2, 4)
		v.AreaCenti = int64(v.Places) * int64(g.between(25, 40)) * 100
		v.RoomsHalf = 2 * (v.Places + 1)
		v.Floor, v.Elevator, v.StepFree = 0, false, true
	}
	// Most cooperation agreements accept one or two tracks, a few all three.
	switch g.weighted(15, 60, 25) {
	case 0:
		v.Accepts = AllTracks
	case 1:
		v.Accepts = Track(1) << g.r.IntN(3)
	default:
		v.Accepts = AllTracks &^ (Track(1) << g.r.IntN(3))
	}
	return v
}

func (g *gen) households(n int, maxVacancyID int64) []Household {
	hs := make([]Household, n)
	for i := range hs {
		hs[i] = g.household(int64(i+1), maxVacancyID)
	}
	return hs
}

func (g *gen) vacancies(n int) []Vacancy {
	vs := make([]Vacancy, n)
	for i := range vs {
		vs[i] = g.vacancy(int64(i + 1))
	}
	return vs
}

// typicalVacancy is a plausible 2,5-room flat in Wehringhausen (Mitte) open to every track.
func typicalVacancy() Vacancy {
	return Vacancy{
		ID: 4711, Borough: Mitte, Floor: 2, Elevator: true, RoomsHalf: 5, AreaCenti: 6530,
		NetColdCents: 42445, ServiceChargesCents: 11755, AvailableFrom: genToday.AddDays(30),
		PetsAllowed: true, Places: 1, Accepts: AllTracks,
	}
}
