package matching

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Policy is a versioned configuration of the ranking: the weights of the score components and
// the legal limits used by the hard rules. Store the Version with every ranking so it can be
// explained later.
type Policy struct {
	Version int
	Weights Weights
	Limits  Limits
}

// Weights are the points a component contributes at its full value 1. Weights are used in
// steps of 0.01 points ([WeightScale]); a valid weight is 0 or between 0.01 and [MaxWeight].
// Urgency, Certificate, Accompaniment, WaitingTime and PreferredDistrict must be positive,
// because with a zero weight a household that is better in that component could rank below a
// worse one by lottery.
type Weights struct {
	Urgency           float64 // Dringlichkeit: 1 → 1.0, 2 → 0.75, 3 → 0.5, 4 → 0.25, none → 0
	Certificate       float64 // Integrationszertifikat Wohnen: 0 or 1
	Accompaniment     float64 // active Klartext Wohnbegleitung: 0 or 1
	WaitingTime       float64 // days d since registration: d/(d+365), strictly increasing
	PreferredDistrict float64 // the flat lies in a preferred Stadtbezirk: 0 or 1
	SizeFit           float64 // how close area and rooms are to the appropriate size
	RentHeadroom      float64 // (KdU cap − Bruttokaltmiete) / KdU cap, clipped to [0, 1]
	// Occupancy (Belegung): 1 unless the household would be cramped in the flat ([Cramped]).
	// Policies before version 2 have none (0).
	Occupancy float64 `json:",omitempty"`
}

// Limits are the legal figures the hard rules and the size and rent components use. All
// amounts are exact integers (cents, hundredths of m²).
type Limits struct {
	// KdUCapsCents[i] is the KdU cap (Bruttokaltmiete) for i+1 persons.
	KdUCapsCents []int64
	// KdUExtraPersonCents is added to the last cap for each further person.
	KdUExtraPersonCents int64
	// AreaFirstPersonCenti and AreaFurtherPersonCenti give the appropriate living area
	// (WNB NRW 8.2): first person, each further person.
	AreaFirstPersonCenti   int64
	AreaFurtherPersonCenti int64
	// MinAreaPerPersonCenti is the minimum living area per person (WohnStG NRW § 10).
	MinAreaPerPersonCenti int64
}

// DefaultHagenLimits returns the current figures for Hagen: the Jobcenter Hagen KdU caps
// (410, 490, 600, 720, 850, 927, 1026, 1125 €, +99 € each further person), the appropriate
// area of 50 m² plus 15 m² per further person and 10 m² per person minimum.
func DefaultHagenLimits() Limits {
	return Limits{
		KdUCapsCents:           []int64{41000, 49000, 60000, 72000, 85000, 92700, 102600, 112500},
		KdUExtraPersonCents:    9900,
		AreaFirstPersonCenti:   5000,
		AreaFurtherPersonCenti: 1500,
		MinAreaPerPersonCenti:  1000,
	}
}

// DefaultPolicyVersion is the version of [DefaultHagenPolicy].
const DefaultPolicyVersion = 2

// DefaultHagenWeights returns the weights of policy version 2 (645 points in total). They
// order by urgency first and, within one urgency, fitting households before cramped ones:
// one urgency step (130 points) is more than every other component together (125), and the
// occupancy weight (65) is more than all the others but urgency (60).
func DefaultHagenWeights() Weights {
	w := HagenWeightsV1()
	w.Urgency = 520
	w.Occupancy = 65
	return w
}

// HagenWeightsV1 returns the weights of policy version 1 (100 points in total, no
// occupancy), under which staff found 5-person families at the top of a 2-room flat.
func HagenWeightsV1() Weights {
	return Weights{
		Urgency:           40,
		Certificate:       15,
		Accompaniment:     15,
		WaitingTime:       15,
		PreferredDistrict: 5,
		SizeFit:           5,
		RentHeadroom:      5,
	}
}

// DefaultHagenPolicy returns policy version [DefaultPolicyVersion] with
// [DefaultHagenWeights] and [DefaultHagenLimits].
func DefaultHagenPolicy() Policy {
	return Policy{Version: DefaultPolicyVersion, Weights: DefaultHagenWeights(), Limits: DefaultHagenLimits()}
}

// KdUCapCents returns the KdU cap (Bruttokaltmiete) for a household of the given size;
// sizes below 1 count as 1.
func (l Limits) KdUCapCents(persons int) int64 {
	n := len(l.KdUCapsCents)
	if n == 0 {
		return 0
	}
	if persons < 1 {
		persons = 1
	}
	if persons <= n {
		return l.KdUCapsCents[persons-1]
	}
	return l.KdUCapsCents[n-1] + int64(persons-n)*l.KdUExtraPersonCents
}

// AppropriateAreaCenti returns the appropriate living area for a household of the given size
// (50 m² for one person, +15 m² each further person with the Hagen defaults).
func (l Limits) AppropriateAreaCenti(persons int) int64 {
	if persons < 1 {
		persons = 1
	}
	return l.AreaFirstPersonCenti + int64(persons-1)*l.AreaFurtherPersonCenti
}

const (
	// WeightScale is the number of weight steps per point: weights are used in hundredths.
	WeightScale = 100
	// MaxWeight is the largest weight a valid policy may use.
	MaxWeight = 1000
	// maxLimitCents bounds money and area figures so that products cannot overflow.
	maxLimitCents = 1 << 40
)

// FieldError is one rejected setting of a policy, with a German message for the admin page.
type FieldError struct {
	Field   string // e.g. "weights.urgency"
	Message string
}

// ValidationError lists every rejected setting of a policy.
type ValidationError struct {
	Fields []FieldError
}

// Error joins the field messages.
func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + f.Message
	}
	return "matching: ungültige Richtlinie: " + strings.Join(parts, "; ")
}

// ErrInvalidPolicy is matched by every error Validate returns (errors.Is).
var ErrInvalidPolicy = errors.New("matching: invalid policy")

// Is makes errors.Is(err, ErrInvalidPolicy) true.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalidPolicy }

// Validate rejects a policy that would break the ranking invariants or the arithmetic:
// negative, NaN or infinite weights, weights above [MaxWeight] or between 0 and 0.01, a zero
// weight on urgency, certificate, accompaniment, waiting time or preferred district, and
// missing or negative limits. The error is a *ValidationError.
func (p Policy) Validate() error {
	var errs []FieldError
	add := func(field, format string, args ...any) {
		errs = append(errs, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	// The field name is built only for a rejected weight, so that a valid policy costs no
	// allocation per component.
	weight := func(c Component, format string) {
		add("weights."+c.Code(), format, c.Label())
	}
	for c := range numComponents {
		w := p.Weights.of(c)
		switch {
		case math.IsNaN(w) || math.IsInf(w, 0):
			weight(c, "Gewicht „%s“ muss eine endliche Zahl sein")
		case w < 0:
			weight(c, "Gewicht „%s“ darf nicht negativ sein")
		case w > MaxWeight:
			weight(c, "Gewicht „%s“ darf höchstens "+strconv.Itoa(MaxWeight)+" sein")
		case w == 0 && c.monotone():
			weight(c, "Gewicht „%s“ muss größer als 0 sein, sonst kann ein besser gestellter Haushalt hinter einem schlechter gestellten landen")
		case w != 0 && math.Round(w*WeightScale) < 1:
			weight(c, "Gewicht „%s“ muss 0 oder mindestens 0,01 sein")
		}
	}
	l := &p.Limits
	if len(l.KdUCapsCents) == 0 {
		add("limits.kdu_caps", "KdU-Tabelle fehlt")
	}
	for i, c := range l.KdUCapsCents {
		if c <= 0 || c > maxLimitCents {
			add(fmt.Sprintf("limits.kdu_caps.%d", i+1), "KdU-Grenze für %d Personen muss positiv sein", i+1)
		}
	}
	if l.KdUExtraPersonCents < 0 || l.KdUExtraPersonCents > maxLimitCents {
		add("limits.kdu_extra_person", "Zuschlag je weitere Person darf nicht negativ sein")
	}
	if l.AreaFirstPersonCenti <= 0 || l.AreaFirstPersonCenti > maxLimitCents {
		add("limits.area_first_person", "angemessene Wohnfläche für eine Person muss positiv sein")
	}
	if l.AreaFurtherPersonCenti < 0 || l.AreaFurtherPersonCenti > maxLimitCents {
		add("limits.area_further_person", "Wohnfläche je weitere Person darf nicht negativ sein")
	}
	if l.MinAreaPerPersonCenti < 0 || l.MinAreaPerPersonCenti > maxLimitCents {
		add("limits.min_area_per_person", "Mindestwohnfläche je Person darf nicht negativ sein")
	}
	if len(errs) > 0 {
		return &ValidationError{Fields: errs}
	}
	return nil
}

// quantized returns the weights in hundredths of a point, in component order.
func (w *Weights) quantized() [NumComponents]int64 {
	var q [NumComponents]int64
	for c := range numComponents {
		x := w.of(c)
		if x > 0 && x <= MaxWeight { // NaN, negative and oversized weights count as 0
			q[c] = int64(math.Round(x * WeightScale))
		}
	}
	return q
}

// of returns the weight of component c.
func (w *Weights) of(c Component) float64 {
	if c < NumComponents {
		return components[c].weight(*w)
	}
	return 0
}

// Of returns the weight of component c (0 for an unknown component).
func (w Weights) Of(c Component) float64 { return w.of(c) }

// Set sets the weight of component c; an unknown component is ignored.
func (w *Weights) Set(c Component, x float64) {
	if c < NumComponents {
		components[c].setWeight(w, x)
	}
}
