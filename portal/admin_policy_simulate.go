package portal

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/matching"
)

// simulationFlats is how many of the last published flats the simulator reranks, and
// simulationTop how many candidates of each it compares.
const simulationFlats, simulationTop = 10, 5

// simulationView is the simulator's answer as the policy page shows it.
type simulationView struct {
	*ranking.Simulation
	Shares []shareRow
	// UrgencyFirst: one urgency step (a quarter of the urgency weight) outweighs all other
	// components together, as the default does (design §4.3); UrgencyStep and Others are
	// those points in German notation, for the page's note when it does not.
	UrgencyFirst        bool
	UrgencyStep, Others string
}

// urgencyFirst compares one urgency step with the sum of every other weight.
func urgencyFirst(w matching.Weights) (first bool, step, others float64) {
	for _, c := range matching.AllComponents() {
		if c == matching.ComponentUrgency {
			step = w.Of(c) / 4
		} else {
			others += w.Of(c)
		}
	}
	return step > others, step, others
}

// shareRow is one focus group's top places before and after.
type shareRow struct {
	Label                   string
	Before, After           int
	BeforeShare, AfterShare string // "26,0 %"
}

// adminPolicySimulate reranks the last published flats with the weights in the form and
// shows the change on the policy page, the form kept, nothing saved.
func (p *Portal) adminPolicySimulate(c *fiber.Ctx) error {
	f := postedForm(c)
	ve := domain.NewValidationError()
	fp := formParser{f, ve}
	w := parseWeights(func(name string) int64 {
		v, err := domain.ParseFixed(fp.str(name), 2)
		if err != nil {
			ve.Add(name, "Bitte geben Sie eine Zahl an, z. B. 15 oder 12,5.")
		}
		return v
	}, fp.str)
	if err := ve.OrNil(); err != nil {
		return p.renderPolicy(c, f, ve)
	}
	sim, err := p.ranking.Simulate(c.UserContext(), actor(c), w, simulationFlats, simulationTop)
	if errors.As(err, &ve) {
		return p.renderPolicy(c, f, ve)
	}
	if err != nil {
		return err
	}
	view := &simulationView{Simulation: sim}
	first, step, others := urgencyFirst(w)
	view.UrgencyFirst, view.UrgencyStep, view.Others = first, domain.Decimal(step, 1), domain.Decimal(others, 1)
	for _, g := range domain.FocusGroups {
		b, a := sim.SharesBefore[string(g.Value)], sim.SharesAfter[string(g.Value)]
		view.Shares = append(view.Shares, shareRow{Label: g.Label, Before: b, After: a,
			BeforeShare: shareOf(b, sim.Places), AfterShare: shareOf(a, sim.Places)})
	}
	return p.renderPolicyWith(c, f, nil, view)
}

// shareOf writes n/d as a German percentage with one decimal ("–" for d = 0).
func shareOf(n, d int) string {
	if d == 0 {
		return percent(nil)
	}
	x := float64(n) * 100 / float64(d)
	return percent(&x)
}
