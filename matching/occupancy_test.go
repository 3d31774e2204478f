package matching

import (
	"testing"
	"time"
)

// twoRoomFlat is the demo's 2-room flat of 54.5 m² (Bruttokaltmiete 450 €).
func twoRoomFlat() Vacancy {
	return Vacancy{
		ID: 3, Borough: Haspe, Floor: 1, RoomsHalf: 4, AreaCenti: 5450,
		NetColdCents: 36000, ServiceChargesCents: 9000, Places: 1, Accepts: AllTracks,
	}
}

func TestCramped(t *testing.T) {
	l := DefaultHagenLimits()
	v := twoRoomFlat()
	for persons, want := range map[int]bool{0: false, 1: false, 2: false, 3: true, 4: true, 5: true} {
		if got := Cramped(v, persons, l); got != want {
			t.Errorf("%d persons in 2 rooms, 54,5 m²: cramped %v, want %v", persons, got, want)
		}
	}
	// Rooms alone: 3 persons fit 2 rooms when the area is that of 2 persons (65 m²).
	v.AreaCenti = 6500
	if Cramped(v, 3, l) || !Cramped(v, 4, l) {
		t.Error("rooms + 1 persons must fit, rooms + 2 must not")
	}
	v.AreaCenti = 6499
	if !Cramped(v, 3, l) {
		t.Error("3 persons below 65 m² must be cramped")
	}
	// Unknown rooms: area only.
	v.RoomsHalf, v.AreaCenti = 0, 9500
	if Cramped(v, 5, l) || !Cramped(v, 6, l) {
		t.Error("95 m² fits 5 persons (appropriate for 4) but not 6")
	}
	// A shared flat is judged by its share per place: 2 places in 4 rooms, 130 m².
	v.RoomsHalf, v.AreaCenti, v.Places = 8, 13000, 2
	if Cramped(v, 3, l) || !Cramped(v, 4, l) {
		t.Error("a place of a 4-room, 2-place flat fits 3 persons, not 4")
	}
}

// occupancyHousehold returns a household that passes every rule for twoRoomFlat.
func occupancyHousehold(id int64, persons int16, urgency int8) Household {
	return Household{ID: id, Status: StatusActive, Persons: persons, Urgency: urgency, FachstelleCase: true,
		RegisteredOn: ruleToday.AddDays(-30), Lottery: uint64(id)}
}

// The defect: for the 2-room, 54.5 m² flat the top three were 5-person families. Under the
// default policy a cramped household never ranks above a fitting one of the same urgency,
// however much else it has, and urgency still comes first across levels.
func TestDefaultPolicyFitsBeforeCrampedWithinUrgency(t *testing.T) {
	v := twoRoomFlat()
	rich := func(id int64, persons int16, urgency int8) Household {
		h := occupancyHousehold(id, persons, urgency)
		h.CertificateOn, h.AccompanimentFrom = ruleToday.AddDays(-100), ruleToday.AddDays(-100)
		h.RegisteredOn, h.Preferred = MakeDate(1990, time.January, 1), BoroughsOf(Haspe)
		return h
	}
	hs := []Household{
		rich(1, 5, 2),                // cramped, everything else at its best
		occupancyHousehold(2, 1, 2),  // fits, nothing else
		rich(3, 4, 1),                // cramped, higher urgency
		occupancyHousehold(4, 2, 3),  // fits, lower urgency
		rich(5, 3, 3),                // cramped, lower urgency
		occupancyHousehold(6, 2, 0),  // fits, no urgency
		rich(7, 5, 0),                // cramped, no urgency
		occupancyHousehold(8, 1, 1),  // fits, highest urgency
		rich(9, 2, 2),                // fits, everything
		occupancyHousehold(10, 3, 2), // cramped, nothing else
		occupancyHousehold(11, 2, 4), // fits, urgency 4
		rich(12, 4, 4),               // cramped, urgency 4
		occupancyHousehold(13, 1, 0), // fits, no urgency
		rich(14, 2, 1),               // fits, everything, highest urgency
		occupancyHousehold(15, 4, 0), // cramped, nothing at all
		occupancyHousehold(16, 3, 1), // cramped, highest urgency, nothing else
	}
	p := DefaultHagenPolicy()
	res := mustRank(t, v, hs, p, Options{})
	if len(res.Candidates) != len(hs) {
		t.Fatalf("%d of %d households eligible", len(res.Candidates), len(hs))
	}
	checkUrgencyThenOccupancy(t, v, hs, p, res)
	// The first candidate of urgency 2 fits, although household 1 has everything else.
	for _, c := range res.Candidates {
		if h := hs[c.Index]; h.Urgency == 2 {
			if Cramped(v, int(h.Persons), p.Limits) {
				t.Fatalf("first candidate of urgency 2 is household %d with %d persons", h.ID, h.Persons)
			}
			break
		}
	}
}

// urgencyLevel orders urgencies best first: 1 → 0, …, 4 → 3, none → 4.
func urgencyLevel(u int8) int {
	if u < 1 || u > 4 {
		return 4
	}
	return int(u) - 1
}

// checkUrgencyThenOccupancy fails unless the candidates are ordered by urgency level first
// and, within one level, every fitting household before every cramped one.
func checkUrgencyThenOccupancy(t *testing.T, v Vacancy, hs []Household, p Policy, res Result) {
	t.Helper()
	for i := 1; i < len(res.Candidates); i++ {
		a, b := hs[res.Candidates[i-1].Index], hs[res.Candidates[i].Index]
		la, lb := urgencyLevel(a.Urgency), urgencyLevel(b.Urgency)
		if la > lb {
			t.Fatalf("rank %d: household %d (urgency %d) after household %d (urgency %d)", i+1, b.ID, b.Urgency, a.ID, a.Urgency)
		}
		if la == lb && Cramped(v, int(a.Persons), p.Limits) && !Cramped(v, int(b.Persons), p.Limits) {
			t.Fatalf("rank %d: fitting household %d (%d persons) after cramped household %d (%d persons), urgency %d",
				i+1, b.ID, b.Persons, a.ID, a.Persons, a.Urgency)
		}
	}
}

// The same order holds on generated Hagen-like data for many flats.
func TestDefaultPolicyUrgencyThenOccupancyGenerated(t *testing.T) {
	p := DefaultHagenPolicy()
	cramped, fitting := 0, 0
	for seed := range 40 {
		g := newGen(uint64(100 + seed))
		v, hs := g.vacancy(int64(seed+1)), g.households(400, 40)
		res := mustRank(t, v, hs, p, Options{})
		checkUrgencyThenOccupancy(t, v, hs, p, res)
		for _, c := range res.Candidates {
			if Cramped(v, int(hs[c.Index].Persons), p.Limits) {
				cramped++
			} else {
				fitting++
			}
		}
	}
	if cramped < 100 || fitting < 100 {
		t.Fatalf("only %d cramped and %d fitting candidates compared", cramped, fitting)
	}
}

// The order of the default policy follows from its weights: one urgency step is more than
// every other component together, and occupancy more than all the others but urgency
// (values are in [0, 1], the waiting value below 1).
func TestDefaultWeightsOrderUrgencyThenOccupancy(t *testing.T) {
	w := DefaultHagenWeights()
	others := 0.0
	for _, c := range AllComponents() {
		if c != ComponentUrgency && c != ComponentOccupancy {
			others += w.Of(c)
		}
	}
	if w.Occupancy <= others {
		t.Errorf("occupancy weight %v is not above the other components' %v", w.Occupancy, others)
	}
	if step := w.Urgency / 4; step <= others+w.Occupancy {
		t.Errorf("urgency step %v is not above the other components' %v", step, others+w.Occupancy)
	}
	if HagenWeightsV1().Occupancy != 0 || DefaultHagenPolicy().Version != 2 {
		t.Error("version 1 has no occupancy; the default is version 2")
	}
}
