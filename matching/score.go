package matching

import (
	"fmt"
	"math"
	"math/bits"
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
	// NumComponents is the number of components.
	NumComponents = 7
)

var allComponents = [NumComponents]Component{
	ComponentUrgency, ComponentCertificate, ComponentAccompaniment, ComponentWaitingTime,
	ComponentPreferredDistrict, ComponentSizeFit, ComponentRentHeadroom,
}

var componentCodes = [NumComponents]string{
	"urgency", "certificate", "accompaniment", "waiting_time", "preferred_district", "size_fit", "rent_headroom",
}

var componentLabels = [NumComponents]string{
	"Dringlichkeit", "Integrationszertifikat", "Wohnbegleitung", "Wartezeit", "Wunschbezirk", "Größe", "Mietspielraum",
}

// AllComponents lists the components in order.
func AllComponents() []Component { return allComponents[:] }

// Code returns the stable code used in the API, e.g. "waiting_time".
func (c Component) Code() string {
	if c < NumComponents {
		return componentCodes[c]
	}
	return fmt.Sprintf("component_%d", uint8(c))
}

// Label returns the German label shown on screen, e.g. "Wartezeit".
func (c Component) Label() string {
	if c < NumComponents {
		return componentLabels[c]
	}
	return c.Code()
}

// monotone reports whether the ranking invariants promise that a better value never ranks
// lower, which needs a positive weight.
func (c Component) monotone() bool { return c <= ComponentPreferredDistrict }

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
	for _, c := range allComponents {
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

// personsTable is the number of household sizes whose per-size figures the scorer caches.
const personsTable = 16

// bySize holds what depends only on the household size for one vacancy.
type bySize struct {
	reasons  uint16 // overcrowded; kdu_exceeded applies only to benefit-bound households
	kdu      uint16 // 1: rent above the KdU cap for this size
	sizeFit  uint32
	headroom uint32
	contrib  int64 // weighted size fit plus weighted rent headroom
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
	sizes  [personsTable + 1]bySize
	// waitTab holds waiting values by days (nil: compute each).
	waitTab []uint32
	id      int64
	accepts uint16
	// What the flat lacks: 0/1 flags and reason masks (0 when the flat is fine).
	wbsRequired, womenOnly, seniorWG       uint16
	wheelchairMask, stepFreeMask, petsMask uint16
	borough                                Borough // shift for Excluded; >= 8 matches nothing
	// Weighted contributions at full value, for eval.
	urgency                               [8]int64
	certificate, accompaniment, preferred int64
}

// newScorer prepares the vacancy for ranking many households. waitTab, if not nil, is
// newWaitTable(), shared between scorers.
func newScorer(v *Vacancy, p *Policy, today Date, waitTab []uint32) *scorer {
	s := newPairScorer(v, p, today)
	s.waitTab = waitTab
	for n := 1; n <= personsTable; n++ {
		s.sizes[n] = s.computeSize(int64(n))
	}
	return s
}

// waitTableDays is the number of waiting days (about 11 years) whose waiting value a batch
// scorer looks up in a table instead of dividing for each household.
const waitTableDays = 4096

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
	if n := h.persons(); n <= personsTable {
		s.sizes[n] = s.computeSize(n)
	}
	return s
}

// newPairScorer prepares everything but the size table.
func newPairScorer(v *Vacancy, p *Policy, today Date) *scorer {
	s := &scorer{v: v, lim: &p.Limits, today: today, rent: v.RentCents(), w: p.Weights.quantized()}
	s.wbsDay = max(v.AvailableFrom, today)
	s.id = v.ID
	s.accepts = uint16(v.Accepts)
	s.wbsRequired = b2u(v.WBSRequired)
	s.wheelchairMask = b2u(!v.Wheelchair) << ReasonWheelchairAccess
	s.stepFreeMask = b2u(!(v.StepFree || v.Wheelchair || v.Elevator || v.Floor == 0)) << ReasonStepFreeAccess
	s.petsMask = b2u(!v.PetsAllowed) << ReasonPetsNotAllowed
	s.womenOnly = b2u(v.Restriction == RestrictionWomenOnly)
	s.seniorWG = b2u(v.Restriction == RestrictionSeniorWG)
	s.borough = v.Borough
	for i, u := range urgencyValues {
		s.urgency[i] = s.w[ComponentUrgency] * int64(u)
	}
	s.certificate = s.w[ComponentCertificate] * ValueScale
	s.accompaniment = s.w[ComponentAccompaniment] * ValueScale
	s.preferred = s.w[ComponentPreferredDistrict] * ValueScale
	return s
}

func (s *scorer) computeSize(n int64) bySize {
	var b bySize
	v := s.v
	if v.AreaCenti < mulSat(mulSat(s.lim.MinAreaPerPersonCenti, n), v.places()) || (v.MaxOccupants > 0 && n > int64(v.MaxOccupants)) {
		b.reasons |= 1 << ReasonOvercrowded
	}
	capCents := s.lim.KdUCapCents(int(n))
	b.kdu = b2u(s.rent > capCents)
	b.sizeFit = sizeFitValue(v, n, s.lim)
	b.headroom = headroomValue(s.rent, capCents)
	b.contrib = s.w[ComponentSizeFit]*int64(b.sizeFit) + s.w[ComponentRentHeadroom]*int64(b.headroom)
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
	r, _, _ := s.eval(h)
	return r
}

// eval applies the hard rules and computes the score in one pass over the household. It is
// written without data-dependent branches (except for the rare declined list and households
// larger than the size table), because each rule's outcome is close to random across
// households and mispredicted branches would dominate the ranking time. The score equals
// the sum in Breakdown exactly.
//
// The profile packs the component values (see unpack), so that the ranking need not read the
// household a second time to explain its score.
func (s *scorer) eval(h *Household) (ReasonSet, Points, profile) {
	n := h.persons()
	if n > personsTable {
		big := s.computeSize(n)
		return s.evalSized(h, n, &big)
	}
	return s.evalSized(h, n, &s.sizes[n])
}

// evalSized is eval for a household of n persons with the per-size figures sz. It makes no
// calls on the common path, so the compiler keeps its values in registers. Conditions that are
// rare per household (special needs, pets, an active offer, a declined list, a status other
// than aktiv) or fixed per vacancy are plain branches, which predict well; conditions that
// are close to random across households are computed without branches.
func (s *scorer) evalSized(h *Household, n int64, sz *bySize) (ReasonSet, Points, profile) {
	today := s.today
	cert := b2u(h.CertificateOn != 0)
	acc := b2u(h.AccompanimentFrom != 0) & b2u(h.AccompanimentFrom <= today) &
		(b2u(h.AccompanimentUntil == 0) | b2u(today <= h.AccompanimentUntil))
	tracks := cert | acc<<1 | b2u(h.FachstelleCase)<<2
	r := b2u(s.accepts&tracks == 0)<<ReasonNoAcceptedTrack | sz.reasons
	if h.Status != StatusActive || h.PausedUntil != 0 {
		r |= (b2u(h.Active(today)) ^ 1) << ReasonHouseholdInactive
	}
	if h.ActiveMatchVacancyID != 0 && h.ActiveMatchVacancyID != s.id {
		r |= 1 << ReasonActiveOffer
	}
	if len(h.Declined) > 0 && h.hasDeclined(s.id) {
		r |= 1 << ReasonPreviouslyDeclined
	}
	bound := b2u(h.Benefit == BenefitSGB2) | b2u(h.Benefit == BenefitSGB12)
	r |= sz.kdu & bound << ReasonKdUExceeded
	if s.wbsRequired != 0 && (h.WBSValidUntil < s.wbsDay || int64(h.WBSPersons) < n || h.WBSValidUntil == 0) {
		r |= 1 << ReasonWBSMissing
	}
	if h.NeedsWheelchair {
		r |= s.wheelchairMask
	}
	if h.NeedsStepFree {
		r |= s.stepFreeMask
	}
	if h.HasPets {
		r |= s.petsMask
	}
	if s.womenOnly != 0 && !h.AllFemale || s.seniorWG != 0 && h.FocusGroup != FocusSeniorCare {
		r |= 1 << ReasonRestrictedFlat
	}
	r |= uint16(h.Excluded>>s.borough) & 1 << ReasonDistrictExcluded

	// The same terms as the sum in Breakdown, with the weights folded into tables.
	u := uint8(h.Urgency)
	level := u & 7 * uint8(b2u(u <= 4))
	pref := uint16(h.Preferred>>s.borough) & 1
	wait := s.waitingValue(waitingDays(h, today))
	score := s.urgency[level] + s.certificate*int64(cert) + s.accompaniment*int64(acc) +
		s.preferred*int64(pref) + sz.contrib + s.w[ComponentWaitingTime]*int64(wait)
	prof := profile(wait) | profile(level)<<25 | profile(cert)<<28 | profile(acc)<<29 | profile(pref)<<30 |
		profile(n)*profile(b2u(n <= personsTable))<<31
	return ReasonSet(r), Points(score), prof
}

// profile packs a household's component values for one vacancy: the waiting value (bits
// 0–24), the urgency level 0–4 (25–27), certificate, accompaniment and preferred district
// (28, 29, 30) and the household size if it is in the size table, else 0 (31–35).
type profile uint64

// unpack writes the component values packed in prof into *vals. It returns false if the
// household is too large for the size table; then use fillValues.
func (s *scorer) unpack(prof profile, vals *Values) bool {
	n := prof >> 31 & 31
	if n == 0 {
		return false
	}
	vals[ComponentUrgency] = urgencyValues[prof>>25&7]
	vals[ComponentCertificate] = uint32(prof>>28&1) * ValueScale
	vals[ComponentAccompaniment] = uint32(prof>>29&1) * ValueScale
	vals[ComponentWaitingTime] = uint32(prof & (1<<25 - 1))
	vals[ComponentPreferredDistrict] = uint32(prof>>30&1) * ValueScale
	vals[ComponentSizeFit] = s.sizes[n].sizeFit
	vals[ComponentRentHeadroom] = s.sizes[n].headroom
	return true
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
	vals[ComponentPreferredDistrict] = uint32(h.Preferred>>s.borough&1) * ValueScale
	n := h.persons()
	if n <= personsTable {
		vals[ComponentSizeFit] = s.sizes[n].sizeFit
		vals[ComponentRentHeadroom] = s.sizes[n].headroom
	} else {
		sz := s.computeSize(n)
		vals[ComponentSizeFit] = sz.sizeFit
		vals[ComponentRentHeadroom] = sz.headroom
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
