package portal

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/workflow"
)

// stallDays is how long a match may stay in one state before it counts as stalled: the same
// period after which the periodic job reminds staff.
var stallDays = int(workflow.StallAfter.Hours() / 24)

type pipelineCard struct {
	store.MatchRow
	Days    int
	Stalled bool
}

type pipelineColumn struct {
	State domain.MatchState
	Label string
	Cards []pipelineCard
}

func (p *Portal) pipeline(c *fiber.Ctx) error {
	rows, err := p.store.PipelineMatches(c.UserContext())
	if err != nil {
		return err
	}
	now := p.store.Now()
	byState := map[domain.MatchState][]pipelineCard{}
	stalled := 0
	for _, r := range rows {
		days := int(now.Sub(r.StateChangedAt).Hours() / 24)
		card := pipelineCard{MatchRow: r, Days: days, Stalled: r.State.Open() && days >= stallDays}
		if card.Stalled {
			stalled++
		}
		byState[r.State] = append(byState[r.State], card)
	}
	var cols []pipelineColumn
	for _, s := range domain.MatchTransitions.States() {
		if cards := byState[s]; len(cards) > 0 || s.Open() || s == domain.MatchLeaseSigned {
			cols = append(cols, pipelineColumn{s, s.Label(), cards})
		}
	}
	return p.views.render(c, "pipeline", p.page(c, "Vorschläge", struct {
		Columns   []pipelineColumn
		Stalled   int
		StallDays int
	}{cols, stalled, stallDays}))
}

// matchAction handles the pipeline's lease button (withdrawing has its confirmation page).
func (p *Portal) matchAction(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var msg string
	switch c.FormValue("action") {
	case "lease":
		err, msg = p.workflow.SignLease(c.UserContext(), actor(c), id), "Mietvertrag eingetragen: Der Haushalt ist versorgt."
	default:
		return fiber.ErrBadRequest
	}
	back := "/arbeitsbereich/vorschlaege"
	if m, ok := conflictMessage(err); ok {
		return p.redirectWithError(c, back, m)
	}
	if err != nil {
		return err
	}
	return p.redirectWithFlash(c, back+"#vorschlag-"+strconv.FormatInt(id, 10), msg)
}
