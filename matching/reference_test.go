package matching

import (
	"cmp"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// This file is the slow twin of the fast path: the hard rules of docs/design.md §4 and the score
// components as plain ifs, written from the rules table in the design and the documented
// meaning of the inputs (types.go, policy.go), not from rules.go or score.go. It shares
// nothing with the fast path but the input types and Date arithmetic, so a rule that the
// fast path gets wrong makes the comparisons below fail.

// refTracks returns which tracks the household holds today, as docs/design.md §3 names them.
func refTracks(h Household, today Date) (certificate, accompaniment, fachstelle bool) {
	certificate = h.CertificateOn != 0
	if h.AccompanimentFrom != 0 && h.AccompanimentFrom <= today {
		if h.AccompanimentUntil == 0 || today <= h.AccompanimentUntil {
			accompaniment = true
		}
	}
	fachstelle = h.FachstelleCase
	return certificate, accompaniment, fachstelle
}

// refPersons is the household size; the Household type documents that values below 1 count
// as 1.
func refPersons(h Household) int64 {
	if h.Persons < 1 {
		return 1
	}
	return int64(h.Persons)
}

// refKdUCap is the KdU cap for n persons: the table's entry, and beyond the table the last
// entry plus the extra amount for each further person.
func refKdUCap(l Limits, n int64) int64 {
	if len(l.KdUCapsCents) == 0 {
		return 0
	}
	if n <= int64(len(l.KdUCapsCents)) {
		return l.KdUCapsCents[n-1]
	}
	last := l.KdUCapsCents[len(l.KdUCapsCents)-1]
	return last + (n-int64(len(l.KdUCapsCents)))*l.KdUExtraPersonCents
}

// refBorough reports whether the flat's Stadtbezirk is in the set; a flat without a known
// Stadtbezirk is in none.
func refBorough(set BoroughSet, b Borough) bool {
	for _, x := range set.Boroughs() {
		if x == b && b != BoroughUnknown {
			return true
		}
	}
	return false
}

func bigMul(xs ...int64) *big.Int {
	p := big.NewInt(1)
	for _, x := range xs {
		p.Mul(p, big.NewInt(x))
	}
	return p
}

// refCheck returns the codes of the hard rules of docs/design.md §4 that household h fails for
// vacancy v on the given day, in the order of the design's table.
func refCheck(v Vacancy, h Household, p Policy, today Date) []string {
	var out []string
	fail := func(code string) { out = append(out, code) }
	n := refPersons(h)

	// no_accepted_track: the household holds none of the tracks the vacancy accepts.
	cert, acc, fach := refTracks(h, today)
	holds := false
	if cert && v.Accepts&TrackCertificate != 0 {
		holds = true
	}
	if acc && v.Accepts&TrackAccompaniment != 0 {
		holds = true
	}
	if fach && v.Accepts&TrackFachstelle != 0 {
		holds = true
	}
	if !holds {
		fail("no_accepted_track")
	}

	// household_inactive: status is not aktiv, or paused until after today. A household
	// pausiert whose pause has run out (PausedUntil today or earlier) is active again.
	inactive := false
	switch h.Status {
	case StatusActive:
		if h.PausedUntil != 0 && h.PausedUntil > today {
			inactive = true
		}
	case StatusPaused:
		if h.PausedUntil == 0 || h.PausedUntil > today {
			inactive = true
		}
	default:
		inactive = true
	}
	if inactive {
		fail("household_inactive")
	}

	// active_offer: an active match for another vacancy.
	if h.ActiveMatchVacancyID != 0 && h.ActiveMatchVacancyID != v.ID {
		fail("active_offer")
	}

	// previously_declined: this household–vacancy pair was declined or rejected before.
	if slices.Contains(h.Declined, v.ID) {
		fail("previously_declined")
	}

	// overcrowded: living area / persons < 10 m² (in a shared flat: the area of one of its
	// places), or persons > max occupants. Compared as area < minimum × persons × places,
	// exactly.
	places := int64(1)
	if v.Places > 1 {
		places = int64(v.Places)
	}
	tooSmall := big.NewInt(v.AreaCenti).Cmp(bigMul(p.Limits.MinAreaPerPersonCenti, n, places)) < 0
	tooMany := v.MaxOccupants > 0 && n > int64(v.MaxOccupants)
	if tooSmall || tooMany {
		fail("overcrowded")
	}

	// kdu_exceeded: household on SGB II/XII and Bruttokaltmiete above the KdU cap.
	if h.Benefit == BenefitSGB2 || h.Benefit == BenefitSGB12 {
		if v.NetColdCents+v.ServiceChargesCents > refKdUCap(p.Limits, n) {
			fail("kdu_exceeded")
		}
	}

	// wbs_missing: the vacancy needs a WBS and the household has none valid on the
	// available-from date (today for a flat that is available already), or one for fewer
	// persons.
	if v.WBSRequired {
		day := v.AvailableFrom
		if day < today {
			day = today
		}
		if h.WBSValidUntil == 0 || h.WBSValidUntil < day || int64(h.WBSPersons) < n {
			fail("wbs_missing")
		}
	}

	// wheelchair_access
	if h.NeedsWheelchair && !v.Wheelchair {
		fail("wheelchair_access")
	}

	// step_free_access: neither ground floor nor an elevator (a flat marked step-free or
	// wheelchair-accessible is step-free whatever its floor).
	if h.NeedsStepFree {
		stepFree := v.Floor == 0 || v.Elevator || v.StepFree || v.Wheelchair
		if !stepFree {
			fail("step_free_access")
		}
	}

	// pets_not_allowed
	if h.HasPets && !v.PetsAllowed {
		fail("pets_not_allowed")
	}

	// restricted_flat
	if v.Restriction == RestrictionWomenOnly && !h.AllFemale {
		fail("restricted_flat")
	}
	if v.Restriction == RestrictionSeniorWG && h.FocusGroup != FocusSeniorCare {
		fail("restricted_flat")
	}

	// district_excluded
	if refBorough(h.Excluded, v.Borough) {
		fail("borough_excluded")
	}
	return out
}

// refRatio is floor(ValueScale·lo/hi), 0 if lo or hi is not positive, ValueScale if lo ≥ hi.
func refRatio(lo, hi int64) int64 {
	if lo <= 0 || hi <= 0 {
		return 0
	}
	if lo >= hi {
		return ValueScale
	}
	q := new(big.Int).Quo(bigMul(ValueScale, lo), big.NewInt(hi))
	return q.Int64()
}

// refValues returns the component values in units of 1/ValueScale, as the Weights
// document them.
func refValues(v Vacancy, h Household, p Policy, today Date) [NumComponents]int64 {
	var vals [NumComponents]int64
	n := refPersons(h)

	// Urgency 1 (highest) → 1, 2 → 0.75, 3 → 0.5, 4 → 0.25, anything else 0.
	switch h.Urgency {
	case 1:
		vals[ComponentUrgency] = ValueScale
	case 2:
		vals[ComponentUrgency] = ValueScale * 3 / 4
	case 3:
		vals[ComponentUrgency] = ValueScale / 2
	case 4:
		vals[ComponentUrgency] = ValueScale / 4
	}

	cert, acc, _ := refTracks(h, today)
	if cert {
		vals[ComponentCertificate] = ValueScale
	}
	if acc {
		vals[ComponentAccompaniment] = ValueScale
	}

	// Waiting time: d days since registration (none if unknown), counted from 0 to
	// MaxWaitDays, valued (ValueScale − MaxWaitDays)·d/(d+365) + d, in whole units.
	if h.RegisteredOn != 0 {
		d := int64(today) - int64(h.RegisteredOn)
		d = max(0, min(d, MaxWaitDays))
		vals[ComponentWaitingTime] = (ValueScale-MaxWaitDays)*d/(d+365) + d
	}

	if refBorough(h.Preferred, v.Borough) {
		vals[ComponentPreferredDistrict] = ValueScale
	}

	// Size fit: the ratio smaller/larger of actual to appropriate area, averaged with that
	// of rooms to one room per person when the rooms are known.
	want := p.Limits.AreaFirstPersonCenti + (n-1)*p.Limits.AreaFurtherPersonCenti
	area := refRatio(min(v.AreaCenti, want), max(v.AreaCenti, want))
	if v.RoomsHalf > 0 {
		rooms, wantRooms := int64(v.RoomsHalf), 2*n // in half rooms
		r := refRatio(min(rooms, wantRooms), max(rooms, wantRooms))
		vals[ComponentSizeFit] = (area + r) / 2
	} else {
		vals[ComponentSizeFit] = area
	}

	// Rent headroom: (cap − Bruttokaltmiete)/cap, clipped to [0, 1].
	capCents := refKdUCap(p.Limits, n)
	rent := v.NetColdCents + v.ServiceChargesCents
	switch {
	case capCents <= 0 || rent >= capCents:
		vals[ComponentRentHeadroom] = 0
	case rent <= 0:
		vals[ComponentRentHeadroom] = ValueScale
	default:
		vals[ComponentRentHeadroom] = refRatio(capCents-rent, capCents)
	}

	// Occupancy (Belegung): 1 unless the household would be cramped, that is, it has more
	// persons than rooms + 1 (rooms known), or it has two persons or more and less living
	// area than is appropriate for one person fewer. A shared flat is judged by one place's
	// share of rooms and area. Compared exactly in big integers.
	places := int64(1)
	if v.Places > 1 {
		places = int64(v.Places)
	}
	cramped := false
	if v.RoomsHalf > 0 && bigMul(2, places, n).Cmp(new(big.Int).Add(big.NewInt(int64(v.RoomsHalf)), bigMul(2, places))) > 0 {
		cramped = true // 2·n·places > rooms·2 + 2·places, i.e. n > rooms/places + 1
	}
	if n >= 2 {
		fewer := new(big.Int).Add(big.NewInt(p.Limits.AreaFirstPersonCenti), bigMul(n-2, p.Limits.AreaFurtherPersonCenti))
		if big.NewInt(v.AreaCenti).Cmp(fewer.Mul(fewer, big.NewInt(places))) < 0 {
			cramped = true
		}
	}
	if !cramped {
		vals[ComponentOccupancy] = ValueScale
	}
	return vals
}

// refWeights returns the weights in hundredths of a point, in component order.
func refWeights(w Weights) [NumComponents]int64 {
	ws := [NumComponents]float64{w.Urgency, w.Certificate, w.Accompaniment, w.WaitingTime,
		w.PreferredDistrict, w.SizeFit, w.RentHeadroom, w.Occupancy}
	var out [NumComponents]int64
	for i, x := range ws {
		out[i] = int64(math.Round(x * 100))
	}
	return out
}

// refScore returns the score: the sum of weight × value over the components.
func refScore(v Vacancy, h Household, p Policy, today Date) Points {
	vals := refValues(v, h, p, today)
	ws := refWeights(p.Weights)
	var sum int64
	for c := range vals {
		sum += ws[c] * vals[c]
	}
	return Points(sum)
}

// refRanked is one eligible household in the reference ranking.
type refRanked struct {
	index int
	score Points
}

// refRank returns the eligible households best first (score, then lower lottery number,
// then lower ID, then input position) and the excluded ones in input order with their codes.
func refRank(v Vacancy, hs []Household, p Policy, today Date) ([]refRanked, map[int][]string) {
	var ranked []refRanked
	excluded := map[int][]string{}
	for i, h := range hs {
		if codes := refCheck(v, h, p, today); len(codes) > 0 {
			excluded[i] = codes
			continue
		}
		ranked = append(ranked, refRanked{index: i, score: refScore(v, h, p, today)})
	}
	slices.SortFunc(ranked, func(a, b refRanked) int {
		ha, hb := hs[a.index], hs[b.index]
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(ha.Lottery, hb.Lottery),
			cmp.Compare(ha.ID, hb.ID), cmp.Compare(a.index, b.index))
	})
	return ranked, excluded
}

// codesOf lists the codes of a reason set.
func codesOf(rs ReasonSet) []string {
	var out []string
	for _, c := range rs.Codes() {
		out = append(out, c.String())
	}
	return out
}

// agreeWithReference checks Check, Score, ComponentValues, the Explainer and the messages
// of Explain against the reference for every household, and Rank (all candidates and the
// top limit) against the reference ranking. It returns the number of eligible households.
func agreeWithReference(t *testing.T, v Vacancy, hs []Household, p Policy, today Date, limit int) int {
	t.Helper()
	ex := NewExplainer(v, p, today)
	for i := range hs {
		h := hs[i]
		want := refCheck(v, h, p, today)
		got := Check(v, h, p, today)
		if !slices.Equal(codesOf(got), want) {
			t.Fatalf("household %d (%+v)\nvacancy %+v\nCheck = {%v}, reference {%s}", i, h, v, got, strings.Join(want, ","))
		}
		explainAgrees(t, got, v, h, p, today)
		wantVals := refValues(v, h, p, today)
		vals := ex.Values(&h)
		for c := range NumComponents {
			if int64(vals[c]) != wantVals[c] {
				t.Fatalf("household %d (%+v)\nvacancy %+v\n%s value %d, reference %d", i, h, v, Component(c).Code(), vals[c], wantVals[c])
			}
		}
		if ComponentValues(v, h, p, today) != vals {
			t.Fatalf("household %d: ComponentValues differs from the Explainer", i)
		}
		b := ex.Breakdown(&h)
		if want := refScore(v, h, p, today); b.Score != want || Score(v, h, p, today) != b {
			t.Fatalf("household %d (%+v): score %d (Score %d), reference %d", i, h, b.Score, Score(v, h, p, today).Score, want)
		}
	}

	ranked, excluded := refRank(v, hs, p, today)
	res, err := Rank(v, hs, p, today, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Eligible != len(ranked) || len(res.Candidates) != len(ranked) || len(res.Excluded) != len(excluded) {
		t.Fatalf("Rank: %d eligible, %d candidates, %d excluded; reference %d eligible, %d excluded",
			res.Eligible, len(res.Candidates), len(res.Excluded), len(ranked), len(excluded))
	}
	for r, c := range res.Candidates {
		if want := ranked[r]; int(c.Index) != want.index || c.Score != want.score || int(c.Rank) != r+1 {
			t.Fatalf("rank %d: household %d score %d, reference household %d score %d", r+1, c.Index, c.Score, want.index, want.score)
		}
		if b := c.Breakdown(ex, hs); b.Score != c.Score {
			t.Fatalf("rank %d: breakdown sums to %d, score %d", r+1, b.Score, c.Score)
		}
	}
	prev := -1
	for _, e := range res.Excluded {
		if int(e.Index) <= prev {
			t.Fatalf("excluded households not in input order: %d after %d", e.Index, prev)
		}
		prev = int(e.Index)
		if want := excluded[int(e.Index)]; !slices.Equal(codesOf(e.Reasons), want) {
			t.Fatalf("Rank excludes household %d for {%v}, reference {%s}", e.Index, e.Reasons, strings.Join(want, ","))
		}
	}
	if limit > 0 {
		top, err := Rank(v, hs, p, today, Options{Limit: limit})
		if err != nil {
			t.Fatal(err)
		}
		n := min(limit, len(ranked))
		if top.Eligible != len(ranked) || len(top.Candidates) != n || !slices.Equal(top.Candidates, res.Candidates[:n]) ||
			!slices.Equal(top.Excluded, res.Excluded) {
			t.Fatalf("Rank with limit %d differs from the reference's top %d", limit, n)
		}
	}
	return len(ranked)
}

// explainAgrees checks that Explain gives one German message for each reason the reference
// finds, in order, with the figures the reference computes for the rules that have them.
func explainAgrees(t *testing.T, rs ReasonSet, v Vacancy, h Household, p Policy, today Date) {
	t.Helper()
	reasons := rs.Explain(v, h, p, today)
	if !slices.Equal(codesOfReasons(reasons), codesOf(rs)) {
		t.Fatalf("Explain codes %v for {%v}", codesOfReasons(reasons), rs)
	}
	n := refPersons(h)
	persons := fmt.Sprintf("%d Personen", n)
	if n == 1 {
		persons = "1 Person"
	}
	for _, r := range reasons {
		var want []string
		switch r.Code.String() {
		case "kdu_exceeded":
			want = []string{refEuro(v.NetColdCents + v.ServiceChargesCents), refEuro(refKdUCap(p.Limits, n)), persons}
		case "overcrowded":
			want = []string{persons}
		case "borough_excluded":
			want = []string{v.Borough.String()}
		case "active_offer":
			want = []string{fmt.Sprint(h.ActiveMatchVacancyID)}
		}
		if r.Message == "" || r.Message == r.Code.String() {
			t.Fatalf("reason %v has no German message", r.Code)
		}
		for _, w := range want {
			if !strings.Contains(r.Message, w) {
				t.Fatalf("message %q of %v lacks %q", r.Message, r.Code, w)
			}
		}
	}
}

func codesOfReasons(rs []Reason) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Code.String())
	}
	return out
}

// refEuro formats cents the German way, "1.125,00 €".
func refEuro(cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	euros := fmt.Sprint(cents / 100)
	var groups []string
	for len(euros) > 3 {
		groups = append([]string{euros[len(euros)-3:]}, groups...)
		euros = euros[:len(euros)-3]
	}
	groups = append([]string{euros}, groups...)
	return fmt.Sprintf("%s%s,%02d €", sign, strings.Join(groups, "."), cents%100)
}

// randomLimits returns valid limits of very different scales: short and long KdU tables,
// caps from a few euros up, and area figures from zero up.
func randomLimits(r *rand.Rand) Limits {
	if r.IntN(3) == 0 {
		return DefaultHagenLimits()
	}
	scale := []int64{1, 100, 10_000, 1 << 30}[r.IntN(4)]
	l := Limits{KdUExtraPersonCents: r.Int64N(100 * scale)}
	for range 1 + r.IntN(10) {
		l.KdUCapsCents = append(l.KdUCapsCents, 1+r.Int64N(1000*scale))
	}
	l.AreaFirstPersonCenti = 1 + r.Int64N(10_000)
	l.AreaFurtherPersonCenti = r.Int64N(3000)
	l.MinAreaPerPersonCenti = r.Int64N(3000)
	return l
}

// wild returns n households and a vacancy decoded from random bytes, as FuzzRank does: every
// field anywhere in its range, so the rules' edges are hit.
func wild(r *rand.Rand, today Date, n int) (Vacancy, []Household) {
	data := make([]byte, 64+64*n)
	for i := range data {
		data[i] = byte(r.Uint32())
	}
	br := &byteReader{b: data}
	v := br.vacancy(today)
	hs := make([]Household, n)
	for i := range hs {
		hs[i] = br.household(today)
	}
	return v, hs
}

// The fast path agrees with the reference on generated Hagen-like data and on wild random
// data, under random policies and days.
func TestReferenceAgreesRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 32))
	eligible := 0
	fired := map[string]int{}
	for round := range 300 {
		p := DefaultHagenPolicy()
		if round > 0 {
			p.Weights, p.Limits = randomWeights(r), randomLimits(r)
		}
		if err := p.Validate(); err != nil {
			t.Fatal(err)
		}
		today := genToday + Date(r.IntN(800)-400)
		var v Vacancy
		var hs []Household
		if round%2 == 0 {
			g := newGen(uint64(round))
			g.today = today
			v, hs = g.vacancy(int64(1+r.IntN(20))), g.households(1+r.IntN(300), 20)
		} else {
			v, hs = wild(r, today, 1+r.IntN(200))
		}
		if r.IntN(3) > 0 {
			onEdges(r, &v, hs, p, today)
		}
		eligible += agreeWithReference(t, v, hs, p, today, 1+r.IntN(20))
		for _, h := range hs {
			for _, code := range refCheck(v, h, p, today) {
				fired[code]++
			}
			if len(refCheck(v, h, p, today)) == 0 {
				fired[fmt.Sprint("occupancy=", refValues(v, h, p, today)[ComponentOccupancy])]++
			}
		}
	}
	if eligible < 1000 {
		t.Fatalf("only %d eligible households compared", eligible)
	}
	// Every rule must have excluded households often, or the comparison says little.
	// Both occupancy values must occur among the eligible households.
	for _, val := range []int{0, ValueScale} {
		if n := fired[fmt.Sprint("occupancy=", val)]; n < 100 {
			t.Errorf("occupancy %d for only %d eligible households", val, n)
		}
	}
	for _, c := range AllReasonCodes() {
		if fired[c.String()] < 200 {
			t.Errorf("rule %v excluded only %d households", c, fired[c.String()])
		}
	}
}

// onEdges moves the vacancy and most households onto the boundaries of the rules (one step
// below, on, or one step above each), where random data rarely lands: the rent at the KdU
// cap and the area at the minimum for one household size (or rooms and area at the edges of
// occupancy), the occupant limit at it, and the
// pause, accompaniment, WBS and registration dates at today or the available-from day.
func onEdges(r *rand.Rand, v *Vacancy, hs []Household, p Policy, today Date) {
	step := func() int64 { return int64(r.IntN(3) - 1) }
	n := int64(1 + r.IntN(12))
	places := int64(max(v.Places, 1))
	v.NetColdCents = refKdUCap(p.Limits, n) - v.ServiceChargesCents + step()
	v.AreaCenti = p.Limits.MinAreaPerPersonCenti*n*places + step()
	if n >= 2 && r.IntN(2) == 0 { // the occupancy edges: rooms + 1 persons, the area for one fewer
		v.RoomsHalf = int((2*n-2)*places + step())
		v.AreaCenti = (p.Limits.AreaFirstPersonCenti+(n-2)*p.Limits.AreaFurtherPersonCenti)*places + step()
	}
	if r.IntN(2) == 0 {
		v.MaxOccupants = int(n + step())
	}
	day := max(v.AvailableFrom, today)
	for i := range hs {
		h := &hs[i]
		if r.IntN(4) == 0 {
			continue
		}
		h.Persons = int16(n)
		if r.IntN(2) == 0 {
			h.Benefit = BenefitSGB2
		}
		switch r.IntN(4) {
		case 0:
			h.PausedUntil = today + Date(step())
		case 1:
			h.AccompanimentFrom = today + Date(step())
		case 2:
			h.AccompanimentUntil = today + Date(step())
		}
		if r.IntN(2) == 0 {
			h.WBSValidUntil, h.WBSPersons = day+Date(step()), int16(n+step())
		}
		if r.IntN(4) == 0 {
			h.RegisteredOn = today + Date(step())
		}
		if r.IntN(8) == 0 {
			h.ActiveMatchVacancyID = v.ID
		}
	}
}
