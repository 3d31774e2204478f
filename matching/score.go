package matching

import (
	"fmt"
	"math"
	"math/bits"
	"slices"
	"sync"
)

// Component is one weighted part of the score.
type Component uint8

// The score components, in the order of [Values] and [Breakdown.Components].
const (
	ComponentUrgency Component = iota
	ComponentCertificate
	ComponentAccompaniment
	ComponentWaitingTime
	ComponentPreferredDistrict
	ComponentSizeFit
	ComponentRentHeadroom
	ComponentOccupancy
	numComponents // budgets.go checks that it equals NumComponents
)

// NumComponents is the number of components.
const NumComponents = 8

// AllComponents lists the components in order.
func AllComponents() []Component { return upTo(numComponents) }

// def returns the component's entry in components; an unknown component gets one that names
// it by number.
func (c Component) def() *component {
	if c < NumComponents {
		return &components[c]
	}
	name := fmt.Sprintf("component_%d", uint8(c))
	return &component{code: name, label: name, short: name, weightLabel: name}
}

// Code returns the stable code used in the API, e.g. "waiting_time".
func (c Component) Code() string { return c.def().code }

// Label returns the German label shown on screen, e.g. "Wartezeit".
func (c Component) Label() string { return c.def().label }

// Short returns the German column head of the ranking table, e.g. "Miete".
func (c Component) Short() string { return c.def().short }

// WeightLabel returns the German label of the component's weight on the policy page, e.g.
// "Abstand zur KdU-Grenze".
func (c Component) WeightLabel() string { return c.def().weightLabel }

// WeightHint returns the German hint that explains the component's weight.
func (c Component) WeightHint() string { return c.def().weightHint }

// Reads lists the inputs the component reads, named as by [ReasonCode.Reads].
func (c Component) Reads() []string { return slices.Clone(c.def().reads) }

// monotone reports whether the ranking invariants promise that a better value never ranks
// lower, which needs a positive weight.
func (c Component) monotone() bool { return c.def().monotone }

const (
	// ValueScale is the integer that stands for a component value of 1: component values are
	// integers in [0, ValueScale].
	ValueScale = 1 << 24
	// MaxWaitDays is the longest waiting time that still counts (about 179 years), so that the
	// waiting value stays strictly increasing in whole days over every realistic date.
	MaxWaitDays = 1 << 16
	// waitHalfDays is the waiting time that yields about half the waiting value.
	waitHalfDays = 365
	// waitT scales d/(d+365); the remaining MaxWaitDays units make the value strictly
	// increasing by adding d itself (see waitingValue).
	waitT = ValueScale - MaxWaitDays
	// PointsPerPoint is the number of Points in one point of score (weight 1 × value 1).
	PointsPerPoint = WeightScale * ValueScale
)

// Points is an exact fixed-point score: one point (a weight of 1 times a value of 1) is
// [PointsPerPoint]. Use Float64 for display.
type Points int64

// Float64 returns the score in points, e.g. 40.0 for a full urgency at weight 40.
func (p Points) Float64() float64 { return float64(p) / PointsPerPoint }

// String formats the points the German way with one decimal, e.g. "40,0".
func (p Points) String() string { return germanDecimal(p.Float64(), 1) }

// Values holds each component's value in units of 1/[ValueScale], indexed by [Component].
type Values [NumComponents]uint32

// Float returns the value of component c in [0, 1].
func (v Values) Float(c Component) float64 { return float64(v[c]) / ValueScale }

// urgencyValues maps urgency 1 (highest) … 4 to 1, 0.75, 0.5, 0.25; anything else to 0.
var urgencyValues = [8]uint32{0, ValueScale, ValueScale * 3 / 4, ValueScale / 2, ValueScale / 4}

func urgencyValue(u int8) uint32 {
	return urgencyValues[uint8(u)&7] * uint32(b2u(uint8(u) <= 4))
}

// waitingValue is about d/(d+365) for d days of waiting, in units of 1/ValueScale. It is
// strictly increasing in d over [0, MaxWaitDays] (there is no saturation that would let a
// longer wait tie with a shorter one): floor(waitT·d/(d+365)) never decreases and the added d
// always grows. Negative waits count as 0, waits beyond MaxWaitDays as MaxWaitDays.
func waitingValue(d int64) uint32 {
	d = min(max(d, 0), MaxWaitDays)
	// Float division is exact here: waitT·d < 2^40 is exact in a float64, and the quotient
	// (< 2^24) is either an integer or at least 1/(d+365) > 2^-17 away from one, far more than
	// its rounding error (< 2^-28), so truncation yields the exact floor. It is several times
	// faster than a 64-bit integer division in the ranking loop.
	return uint32(float64(uint64(waitT)*uint64(d))/float64(d+waitHalfDays)) + uint32(d)
}

// waitingDays returns the days since registration, 0 when the registration date is unknown.
func waitingDays(h *Household, today Date) int64 {
	return (int64(today) - int64(h.RegisteredOn)) * int64(b2u(h.RegisteredOn != 0))
}

// mulSat returns a·b for non-negative a and b, saturating at the largest int64.
func mulSat(a, b int64) int64 {
	if a <= 0 || b <= 0 {
		return 0
	}
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	if hi != 0 || lo > math.MaxInt64 {
		return math.MaxInt64
	}
	return int64(lo)
}

// ratio returns ValueScale·lo/hi for 0 <= lo <= hi, exactly and without overflow.
func ratio(lo, hi int64) uint32 {
	if hi <= 0 || lo <= 0 {
		return 0
	}
	if lo >= hi {
		return ValueScale
	}
	h, l := bits.Mul64(ValueScale, uint64(lo))
	q, _ := bits.Div64(h, l, uint64(hi))
	return uint32(q)
}

// sizeFitValue is 1 when the flat has exactly the appropriate area (and, when the rooms are
// known, one room per person), and falls with the ratio smaller/larger of actual to
// appropriate size in either direction. With known rooms it averages the area and room ratios.
func sizeFitValue(v *Vacancy, persons int64, l *Limits) uint32 {
	want := l.AreaFirstPersonCenti + (persons-1)*l.AreaFurtherPersonCenti
	a := ratio(min(v.AreaCenti, want), max(v.AreaCenti, want))
	if v.RoomsHalf <= 0 {
		return a
	}
	rooms := int64(v.RoomsHalf)
	wantRooms := 2 * persons
	r := ratio(min(rooms, wantRooms), max(rooms, wantRooms))
	return uint32((uint64(a) + uint64(r)) / 2)
}

// Cramped reports whether a household of the given number of persons would be cramped in the
// flat (docs/design.md §4.3, "Belegung"): more persons than rooms + 1 (when the rooms are
// known), or, from two persons on, less living area than is appropriate for a household of one
// person fewer (WNB NRW 8.2: 50 m² for the first person, 15 m² for each further one). Sizes
// below 1 count as 1. A shared flat is judged by its share per place.
func Cramped(v Vacancy, persons int, l Limits) bool {
	return cramped(&v, max(int64(persons), 1), &l)
}

func cramped(v *Vacancy, n int64, l *Limits) bool {
	places := v.places()
	if v.RoomsHalf > 0 && mulSat(2*n-2, places) > int64(v.RoomsHalf) {
		return true
	}
	if n < 2 {
		return false
	}
	return v.AreaCenti < mulSat(l.AreaFirstPersonCenti+mulSat(n-2, l.AreaFurtherPersonCenti), places)
}

// headroomValue is (cap − rent)/cap clipped to [0, 1].
func headroomValue(rent, capCents int64) uint32 {
	switch {
	case capCents <= 0 || rent >= capCents:
		return 0
	case rent <= 0:
		return ValueScale
	}
	return ratio(capCents-rent, capCents)
}

// ComponentScore is one component of a breakdown.
type ComponentScore struct {
	Component    Component
	Value        float64 // in [0, 1]
	Weight       float64 // the weight as used (in steps of 0.01)
	Contribution Points  // weight × value
}

// String formats the component the way the staff page shows it, e.g. "Dringlichkeit: +40,0".
func (c ComponentScore) String() string {
	return c.Component.Label() + ": +" + c.Contribution.String()
}

// Breakdown explains a score: each component's value and weighted contribution; Score is the
// exact sum of the contributions.
type Breakdown struct {
	Score      Points
	Values     Values
	Components [NumComponents]ComponentScore
}

// Breakdown computes the score of the given component values under these weights.
func (w Weights) Breakdown(vals Values) Breakdown {
	q := w.quantized()
	b := Breakdown{Values: vals}
	for c := range numComponents {
		contrib := Points(q[c] * int64(vals[c]))
		b.Components[c] = ComponentScore{
			Component:    c,
			Value:        vals.Float(c),
			Weight:       float64(q[c]) / WeightScale,
			Contribution: contrib,
		}
		b.Score += contrib
	}
	return b
}

// Score returns the score breakdown of household h for vacancy v, whether or not the household
// passes the hard rules (use [Check] for those). It is the same score [Rank] orders by.
func Score(v Vacancy, h Household, p Policy, today Date) Breakdown {
	return p.Weights.Breakdown(forPair(&v, &h, &p, today).values(&h))
}

// ComponentValues returns the component values of household h for vacancy v.
func ComponentValues(v Vacancy, h Household, p Policy, today Date) Values {
	return forPair(&v, &h, &p, today).values(&h)
}

// Explainer computes the component values and score breakdowns of many households for one
// vacancy, policy and day, exactly as [Score] and [Rank] do, with the per-vacancy work done
// once. [Candidate] holds no component values: to explain a ranking, create an Explainer with
// the inputs of [Rank] and pass it the household at each candidate's Index in the input slice.
type Explainer struct {
	s *scorer
	w Weights
}

// NewExplainer prepares an Explainer for vacancy v under policy p on the given day.
func NewExplainer(v Vacancy, p Policy, today Date) *Explainer {
	return &Explainer{s: newScorer(&v, &p, today, nil), w: p.Weights}
}

// Values returns the component values of household h, as [ComponentValues].
func (e *Explainer) Values(h *Household) Values { return e.s.values(h) }

// Breakdown returns the score breakdown of household h, as [Score].
func (e *Explainer) Breakdown(h *Household) Breakdown { return e.w.Breakdown(e.s.values(h)) }

// personsTable is the number of household sizes whose per-size figures the scorer caches.
const personsTable = 16

// bySize holds what depends only on the household size for one vacancy.
type bySize struct {
	reasons  uint16 // overcrowded; kdu_exceeded applies only to benefit-bound households
	kdu      uint16 // kdu_exceeded if the rent is above the KdU cap for this size, else 0
	sizeFit  uint32
	headroom uint32
	occupied uint32 // the occupancy value: ValueScale unless the household would be cramped
	contrib  int64  // weighted size fit, rent headroom and occupancy
}

// scorer holds everything about one vacancy, policy and day that the hot loop needs, so that a
// household costs one pass over its own fields.
type scorer struct {
	v      *Vacancy
	lim    *Limits
	today  Date
	wbsDay Date // the WBS must be valid on this day
	rent   int64
	w      [NumComponents]int64
	sizes  sizeTable
	// waitTab holds waiting values by days (nil: compute each).
	waitTab []uint32
	id      int64
	// 1 if the flat needs a WBS, is a Senioren-WG (the rules checked by their own loops).
	wbsRequired, seniorWG uint16
	borough               BoroughSet // the flat's Stadtbezirk; empty if unknown
	// Weighted contributions of the components decided by the score flag index (see
	// components and scoresWith).
	flagged [1 << numScoreFlags]int64
	// The reasons of the rules decided by the rule flag index (see ruleFlags, rules and
	// reasonsWith).
	flagReasons [1 << numRuleFlags]uint16
}

// newScorer prepares the vacancy for ranking many households. waitTab, if not nil, is
// waitTable().
func newScorer(v *Vacancy, p *Policy, today Date, waitTab []uint32) *scorer {
	s := newPairScorer(v, p, today)
	s.waitTab = waitTab
	for n := 1; n <= personsTable; n++ {
		s.sizes[n] = s.computeSize(int64(n))
	}
	s.sizes[0] = s.sizes[1]
	return s
}

// sizeTable holds the per-size figures by sizeIndex: entry n for households of n persons (0
// counts as 1), entry personsTable+1, marked with bigSize, for the larger ones and those with a
// negative size, which the block loops handle apart.
type sizeTable [sizeTableLen]bySize

// sizeTableBits is the width of a size table index; reasonsWith puts the benefit above it.
const sizeTableBits = 5

// sizeTableLen is the length of the size table.
const sizeTableLen = 1 << sizeTableBits

// bigSize marks the size table's entry for households outside it, in the top bit of a
// reason set, which no reason uses (see budgets.go). It is not a reason.
const bigSize = 1 << (reasonSetBits - 1)

// sizeIndex returns the size table index for a household of p persons.
func sizeIndex(p int16) uint {
	return min(uint(uint16(p)), personsTable+1)
}

// waitTableDays is the number of waiting days (about 11 years) whose waiting value a batch
// scorer looks up in a table instead of dividing for each household.
const waitTableDays = 4096

// waitTable returns waitingValue(d) for d < waitTableDays, computed once and shared; callers
// must not change it.
var waitTable = sync.OnceValue(newWaitTable)

// newWaitTable returns waitingValue(d) for d < waitTableDays.
func newWaitTable() []uint32 {
	t := make([]uint32, waitTableDays)
	for d := range t {
		t[d] = waitingValue(int64(d))
	}
	return t
}

// waitingValue returns the waiting value for d days.
func (s *scorer) waitingValue(d int64) uint32 {
	if uint64(d) < uint64(len(s.waitTab)) {
		return s.waitTab[d]
	}
	return waitingValue(d)
}

// forPair prepares a scorer for the single household h: it fills only h's size figures.
func forPair(v *Vacancy, h *Household, p *Policy, today Date) *scorer {
	s := newPairScorer(v, p, today)
	// The rules look the size up by sizeIndex, fillValues by h.persons() (a size of 0 and a
	// negative size both count as 1).
	if n := h.persons(); n <= personsTable {
		s.sizes[n] = s.computeSize(n)
		if i := sizeIndex(h.Persons); i <= personsTable {
			s.sizes[i] = s.sizes[n]
		}
	}
	return s
}

// newPairScorer prepares everything but the size table.
func newPairScorer(v *Vacancy, p *Policy, today Date) *scorer {
	s := &scorer{v: v, lim: &p.Limits, today: today, rent: v.RentCents(), w: p.Weights.quantized()}
	s.wbsDay = max(v.AvailableFrom, today)
	s.id = v.ID
	s.sizes[personsTable+1].reasons = bigSize
	s.wbsRequired = b2u(v.WBSRequired)
	s.seniorWG = b2u(v.Restriction == RestrictionSeniorWG)
	if v.Borough != BoroughUnknown { // a flat without a Stadtbezirk is in nobody's list
		s.borough = BoroughSet(0).With(v.Borough)
	}
	flagReasonTable(v, &s.flagReasons)
	flaggedTable(&s.w, &s.flagged)
	return s
}

func (s *scorer) computeSize(n int64) bySize {
	var b bySize
	v := s.v
	if v.AreaCenti < mulSat(mulSat(s.lim.MinAreaPerPersonCenti, n), v.places()) || (v.MaxOccupants > 0 && n > int64(v.MaxOccupants)) {
		b.reasons |= 1 << ReasonOvercrowded
	}
	capCents := s.lim.KdUCapCents(int(n))
	b.kdu = b2u(s.rent > capCents) << ReasonKdUExceeded
	b.sizeFit = sizeFitValue(v, n, s.lim)
	b.headroom = headroomValue(s.rent, capCents)
	b.occupied = uint32(b2u(!cramped(v, n, s.lim))) * ValueScale
	b.contrib = s.w[ComponentSizeFit]*int64(b.sizeFit) + s.w[ComponentRentHeadroom]*int64(b.headroom) +
		s.w[ComponentOccupancy]*int64(b.occupied)
	return b
}

// b2u converts a bool to 0 or 1; the compiler emits SETcc, so the rules below cost no
// mispredicted branches on random data.
func b2u(b bool) uint16 {
	var x uint16
	if b {
		x = 1
	}
	return x
}

// check applies the hard rules; see [Check].
func (s *scorer) check(h *Household) ReasonSet {
	hs := [1]Household{*h}
	var out [1]evalOut
	s.evalBlock(hs[:], out[:])
	return out[0].r
}

// evalOut is what evalBlock finds for one household.
type evalOut struct {
	score Points
	r     ReasonSet
}

// evalBlockLen is the number of households a caller of the block functions passes at a time:
// few enough that they stay in the L1 cache between the passes over them.
const evalBlockLen = 128

// evalBlock applies the hard rules to each household of hs (at most evalBlockLen) and, if it
// passes them, computes its score, into out (as long as hs). The score of an excluded
// household is 0.
func (s *scorer) evalBlock(hs []Household, out []evalOut) {
	var rs [evalBlockLen]ReasonSet
	var el [evalBlockLen]uint8
	var sc [evalBlockLen]Points
	s.reasons(hs, rs[:])
	k := 0
	for i := range hs {
		el[k] = uint8(i)
		k += int(b2u(rs[i] == 0))
	}
	s.scores(hs, el[:k], sc[:])
	out = out[:len(hs)]
	for i := range out {
		out[i] = evalOut{r: rs[i]}
	}
	for q, i := range el[:k] {
		out[i].score = sc[q]
	}
}

// The hard rules and the score are computed by two loops over a block of households: reasons
// for every household, scores only for those that pass the rules (a third of them in
// practice). Each loop makes no call on its common path, so that it keeps its values in
// registers, and is written without data-dependent branches (except for the rare declined
// list, households larger than the size table and waits beyond the waiting table), because
// each rule's outcome is close to random across households and mispredicted branches would
// dominate the ranking time. Conditions that are rare per household (an active offer, a
// declined list, a status other than aktiv) or fixed per vacancy are plain branches, which
// predict well.

// reasons applies the hard rules to each household of hs, into rs (as long as hs).
func (s *scorer) reasons(hs []Household, rs []ReasonSet) {
	if s.reasonsWith(hs, rs, &s.sizes)&bigSize != 0 {
		s.reasonsBig(hs, rs)
	}
}

// reasonsBig redoes reasons for the households outside the size table.
func (s *scorer) reasonsBig(hs []Household, rs []ReasonSet) {
	for i := range hs {
		if sizeIndex(hs[i].Persons) > personsTable {
			tab := s.sizes
			tab[personsTable+1] = s.computeSize(hs[i].persons())
			s.reasonsWith(hs[i:i+1], rs[i:i+1], &tab)
		}
	}
}

// reasonsWith is reasons with the size table tab; it returns the union of the reason sets and
// the size entries' marks, so bigSize tells that a household is outside the table.
func (s *scorer) reasonsWith(hs []Household, rs []ReasonSet, tab *sizeTable) uint16 {
	rs = rs[:len(hs)]
	today, borough := s.today, s.borough
	flagged := &s.flagReasons
	// The reasons by size, and with kdu_exceeded for benefit-bound households (index
	// +sizeTableLen).
	var bySize [2 * sizeTableLen]uint16
	for i := range tab {
		bySize[i] = tab[i].reasons
		bySize[i+sizeTableLen] = tab[i].reasons | tab[i].kdu
	}
	// The rules every household needs, from its size, benefit, tracks and flags. Few values
	// are live, so the loop keeps most of them in registers.
	var all uint16
	for i := range hs {
		h := &hs[i]
		bound := b2u(uint8(h.Benefit)-uint8(BenefitSGB2) <= uint8(BenefitSGB12-BenefitSGB2))
		af, au := h.AccompanimentFrom, h.AccompanimentUntil
		acc := b2u(af != 0) & b2u(af <= today) & (b2u(au == 0) | b2u(today <= au))
		// The rule flag index (see ruleFlags); multiplying by a one-bit constant is a shift.
		f := b2u(h.CertificateOn != 0)*uint16(flagCertificate) | acc*uint16(flagAccompaniment) |
			b2u(h.FachstelleCase)*uint16(flagFachstelle) | b2u(h.NeedsWheelchair)*uint16(flagNeedsWheelchair) |
			b2u(h.NeedsStepFree)*uint16(flagNeedsStepFree) | b2u(h.HasPets)*uint16(flagHasPets) |
			b2u(h.Excluded&borough != 0)*uint16(flagExcludesBorough) | b2u(h.AllFemale)*uint16(flagAllFemale)
		r := flagged[ruleFlags(f)] | bySize[(sizeIndex(h.Persons)|uint(bound)<<sizeTableBits)&(2*sizeTableLen-1)]
		rs[i] = ReasonSet(r)
		all |= r
	}
	// The rules whose outcome is rare per household (inactive, an active offer, a declined
	// list) or that only some flats have (WBS, Senioren-WG).
	id := s.id
	for i := range hs {
		h := &hs[i]
		// Active (see Household.Active) without a branch: one household in eight or so is
		// not aktiv or has a pause date, at random.
		pu, st := h.PausedUntil, h.Status
		ranOut := b2u(pu <= today)
		active := b2u(st == StatusActive)&(b2u(pu == 0)|ranOut) | b2u(st == StatusPaused)&b2u(pu != 0)&ranOut
		r := (active ^ 1) << ReasonHouseholdInactive
		if h.ActiveMatchVacancyID != 0 && h.ActiveMatchVacancyID != id {
			r |= 1 << ReasonActiveOffer
		}
		if len(h.Declined) > 0 && h.hasDeclined(id) {
			r |= 1 << ReasonPreviouslyDeclined
		}
		rs[i] = (rs[i] | ReasonSet(r)) &^ bigSize
	}
	if s.wbsRequired != 0 {
		day := s.wbsDay
		for i := range hs {
			h := &hs[i]
			wbs := h.WBSValidUntil
			rs[i] |= ReasonSet(b2u(wbs < day)|b2u(h.WBSPersons < max(h.Persons, 1))|b2u(wbs == 0)) << ReasonWBSMissing
		}
	}
	if s.seniorWG != 0 {
		for i := range hs {
			rs[i] |= ReasonSet(b2u(hs[i].FocusGroup != FocusSeniorCare)) << ReasonRestrictedFlat
		}
	}
	return all
}

// scores computes the score of hs[i] for each i in idx, into out[0:len(idx)]. The
// score is the same sum as in Breakdown, with the weights folded into tables.
func (s *scorer) scores(hs []Household, idx []uint8, out []Points) {
	if s.scoresWith(hs, idx, out, &s.sizes)&bigSize != 0 {
		for q, i := range idx {
			if sizeIndex(hs[i].Persons) > personsTable {
				tab := s.sizes
				tab[personsTable+1] = s.computeSize(hs[i].persons())
				s.scoresWith(hs, idx[q:q+1], out[q:q+1], &tab)
			}
		}
	}
}

// scoresWith is scores with the size table tab; it returns the union of the size entries'
// reasons, so bigSize tells that a household is outside the table.
func (s *scorer) scoresWith(hs []Household, idx []uint8, out []Points, tab *sizeTable) uint16 {
	out = out[:len(idx)]
	today, borough := s.today, s.borough
	wWait := s.w[ComponentWaitingTime]
	var all uint16
	for q, i := range idx {
		h := &hs[i]
		sz := &tab[sizeIndex(h.Persons)]
		all |= sz.reasons
		cert := b2u(h.CertificateOn != 0)
		af, au := h.AccompanimentFrom, h.AccompanimentUntil
		acc := b2u(af != 0) & b2u(af <= today) & (b2u(au == 0) | b2u(today <= au))
		u := uint16(uint8(h.Urgency))
		flags := u*b2u(u <= 4)<<scoreShiftUrgency | cert<<scoreShiftCertificate | acc<<scoreShiftAccompaniment |
			b2u(h.Preferred&borough != 0)<<scoreShiftPreferred
		days := waitingDays(h, today)
		var wait uint32
		if uint64(days) < uint64(len(s.waitTab)) {
			wait = s.waitTab[days]
		} else {
			days = min(max(days, 0), MaxWaitDays)
			wait = waitingValue(days)
		}
		out[q] = Points(s.flagged[flags&(1<<numScoreFlags-1)] + sz.contrib + wWait*int64(wait))
	}
	return all
}

// values computes the component values of a household.
func (s *scorer) values(h *Household) Values {
	var vals Values
	s.fillValues(h, &vals)
	return vals
}

// fillValues writes the component values of a household into *vals. Writing in place, rather
// than returning the array, avoids a store-forwarding stall that made the copy cost more
// than the computation.
func (s *scorer) fillValues(h *Household, vals *Values) {
	today := s.today
	vals[ComponentUrgency] = urgencyValue(h.Urgency)
	vals[ComponentCertificate] = uint32(b2u(h.CertificateOn != 0)) * ValueScale
	acc := b2u(h.AccompanimentFrom != 0) & b2u(h.AccompanimentFrom <= today) &
		(b2u(h.AccompanimentUntil == 0) | b2u(today <= h.AccompanimentUntil))
	vals[ComponentAccompaniment] = uint32(acc) * ValueScale
	vals[ComponentWaitingTime] = s.waitingValue(waitingDays(h, today))
	vals[ComponentPreferredDistrict] = uint32(b2u(h.Preferred&s.borough != 0)) * ValueScale
	n := h.persons()
	if n <= personsTable {
		vals[ComponentSizeFit] = s.sizes[n].sizeFit
		vals[ComponentRentHeadroom] = s.sizes[n].headroom
		vals[ComponentOccupancy] = s.sizes[n].occupied
	} else {
		sz := s.computeSize(n)
		vals[ComponentSizeFit] = sz.sizeFit
		vals[ComponentRentHeadroom] = sz.headroom
		vals[ComponentOccupancy] = sz.occupied
	}
}

// maxScore returns the highest score any household can reach under the weights.
func (s *scorer) maxScore() Points {
	var sum int64
	for c := range NumComponents {
		sum += s.w[c] * ValueScale
	}
	return Points(sum)
}
