package portal

import (
	"errors"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/matching"
)

type policyData struct {
	Current  matching.Policy
	History  []domain.Policy
	Weights  []weightField
	Defaults string // the weights of the default version
	// DefaultVersion is matching.DefaultPolicyVersion.
	DefaultVersion int
	Limits         []limitField
	MaxPlace       int
	// fairness: the simulator's answer for the weights in the form (nil before a simulation)
	Simulation      *simulationView
	SimulationFlats int
}

type weightField struct{ Name, Label, Hint string }

type limitField struct {
	Name, Label, Hint string
	Euro              bool
}

// weightFields returns the policy form's weight fields, one for each score component.
func weightFields() []weightField {
	var out []weightField
	for _, c := range matching.AllComponents() {
		out = append(out, weightField{weightName(c), c.WeightLabel(), c.WeightHint()})
	}
	return out
}

// weightName is the form field of a component's weight, as Policy.Validate names it.
func weightName(c matching.Component) string { return "weights." + c.Code() }

// defaultWeights describes the weights of the default policy, e.g. "Dringlichkeit 520, …".
func defaultWeights() string {
	w := matching.DefaultHagenWeights()
	var parts []string
	for _, c := range matching.AllComponents() {
		parts = append(parts, c.Short()+" "+strings.Replace(strconv.FormatFloat(w.Of(c), 'f', -1, 64), ".", ",", 1))
	}
	return strings.Join(parts, ", ")
}

func (p *Portal) adminPolicy(c *fiber.Ctx) error {
	return p.renderPolicy(c, nil, nil)
}

func (p *Portal) renderPolicy(c *fiber.Ctx, f FormValues, ve *domain.ValidationError) error {
	return p.renderPolicyWith(c, f, ve, nil)
}

// parseWeights reads one weight per score component through fixed (hundredths).
func parseWeights(fixed func(name string) int64, str func(name string) string) matching.Weights {
	var w matching.Weights
	for _, c := range matching.AllComponents() {
		name := weightName(c)
		if old := "weights." + c.DeprecatedCode(); c.DeprecatedCode() != "" && str(name) == "" && str(old) != "" {
			name = old // a form of the previous version, with the component's former code
		}
		w.Set(c, float64(fixed(name))/100)
	}
	return w
}

func (p *Portal) renderPolicyWith(c *fiber.Ctx, f FormValues, ve *domain.ValidationError, sim *simulationView) error {
	ctx := c.UserContext()
	cur, err := p.ranking.Policy(ctx)
	if err != nil {
		return err
	}
	history, err := p.store.Policies(ctx)
	if err != nil {
		return err
	}
	pg := p.page(c, "Gewichtung und KdU-Grenzen", policyData{Current: cur, History: history, Weights: weightFields(), Defaults: defaultWeights(), DefaultVersion: matching.DefaultPolicyVersion, Limits: limitFields(len(cur.Limits.KdUCapsCents)), Simulation: sim, SimulationFlats: simulationFlats})
	if f == nil {
		pg.Form = policyForm(cur)
	} else if sim != nil {
		pg.Form = f
	} else {
		pg.Form = f
		c.Status(fiber.StatusUnprocessableEntity)
		pg.withErrors(ve)
	}
	return p.views.render(c, "admin_policy", pg)
}

func limitFields(caps int) []limitField {
	var out []limitField
	for i := 1; i <= caps; i++ {
		out = append(out, limitField{Name: "limits.kdu_caps." + strconv.Itoa(i), Label: "KdU-Grenze " + strconv.Itoa(i) + " Person" + map[bool]string{true: "", false: "en"}[i == 1], Euro: true})
	}
	return append(out,
		limitField{"limits.kdu_extra_person", "Zuschlag je weitere Person", "", true},
		limitField{"limits.area_first_person", "Angemessene Wohnfläche für 1 Person (m²)", "WNB NRW 8.2", false},
		limitField{"limits.area_further_person", "Wohnfläche je weitere Person (m²)", "", false},
		limitField{"limits.min_area_per_person", "Mindestwohnfläche je Person (m²)", "WohnStG NRW § 10", false})
}

func policyForm(p matching.Policy) FormValues {
	f := FormValues{}
	for _, c := range matching.AllComponents() {
		f.Set(weightName(c), domain.Cents(int64(p.Weights.Of(c)*100+0.5)).Plain())
	}
	for i, c := range p.Limits.KdUCapsCents {
		f.Set("limits.kdu_caps."+strconv.Itoa(i+1), domain.Cents(c).Plain())
	}
	f.Set("limits.kdu_extra_person", domain.Cents(p.Limits.KdUExtraPersonCents).Plain())
	f.Set("limits.area_first_person", domain.AreaCenti(p.Limits.AreaFirstPersonCenti).Plain())
	f.Set("limits.area_further_person", domain.AreaCenti(p.Limits.AreaFurtherPersonCenti).Plain())
	f.Set("limits.min_area_per_person", domain.AreaCenti(p.Limits.MinAreaPerPersonCenti).Plain())
	return f
}

// adminPolicySave stores new weights (a new policy version) or new limits.
func (p *Portal) adminPolicySave(c *fiber.Ctx) error {
	f := postedForm(c)
	ve := domain.NewValidationError()
	fp := formParser{f, ve}
	fixed := func(name string) int64 {
		v, err := domain.ParseFixed(fp.str(name), 2)
		if err != nil {
			ve.Add(name, "Bitte geben Sie eine Zahl an, z. B. 15 oder 12,5.")
		}
		return v
	}
	var err error
	var msg string
	if c.FormValue("part") == "limits" {
		cur, perr := p.ranking.Policy(c.UserContext())
		if perr != nil {
			return perr
		}
		l := matching.Limits{KdUExtraPersonCents: fixed("limits.kdu_extra_person"), AreaFirstPersonCenti: fixed("limits.area_first_person"),
			AreaFurtherPersonCenti: fixed("limits.area_further_person"), MinAreaPerPersonCenti: fixed("limits.min_area_per_person")}
		for i := range cur.Limits.KdUCapsCents {
			l.KdUCapsCents = append(l.KdUCapsCents, fixed("limits.kdu_caps."+strconv.Itoa(i+1)))
		}
		if err = ve.OrNil(); err == nil {
			err, msg = p.ranking.SaveLimits(c.UserContext(), actor(c), l), "Die KdU-Grenzen und Wohnflächen sind gespeichert."
		}
	} else {
		w := parseWeights(fixed, fp.str)
		if err = ve.OrNil(); err == nil {
			var version int
			version, err = p.ranking.SaveWeights(c.UserContext(), actor(c), w, fp.str("note"))
			msg = "Die Gewichtung ist als Version " + strconv.Itoa(version) + " gespeichert und gilt ab sofort."
		}
	}
	if errors.As(err, &ve) {
		return p.renderPolicy(c, f, ve)
	}
	if m, ok := conflictMessage(err); ok {
		return p.redirectWithError(c, "/verwaltung/gewichtung", m)
	}
	if err != nil {
		return err
	}
	return p.redirectWithFlash(c, "/verwaltung/gewichtung", msg)
}
