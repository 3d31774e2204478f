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
	// Movable is set while the viewing can still be moved ("Termin ändern"); Slots are the
	// other free slots of the vacancy it can move to.
	Movable bool
	Slots   []slotOption
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
	slots, err := p.movableSlots(c, rows)
	if err != nil {
		return err
	}
	byState := map[domain.MatchState][]pipelineCard{}
	stalled := 0
	for _, r := range rows {
		days := int(now.Sub(r.StateChangedAt).Hours() / 24)
		card := pipelineCard{MatchRow: r, Days: days, Stalled: r.State.Open() && days >= stallDays, Movable: movable(r)}
		if card.Movable {
			card.Slots = bookableSlots(&domain.Vacancy{Slots: slots[r.VacancyID]}, now, derefID(r.ViewingSlotID))
		}
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

// movable reports whether staff can move the match's viewing to another slot.
func movable(r store.MatchRow) bool {
	return r.ViewingState != nil && r.ViewingState.Pending() && r.State.CanMove(domain.MatchViewingScheduled)
}

// movableSlots loads, in one query, the future slots of the vacancies whose viewings can move.
func (p *Portal) movableSlots(c *fiber.Ctx, rows []store.MatchRow) (map[int64][]domain.ViewingSlot, error) {
	var ids []int64
	for _, r := range rows {
		if movable(r) {
			ids = append(ids, r.VacancyID)
		}
	}
	return p.store.SlotsOfVacancies(c.UserContext(), ids, p.store.Now())
}

func derefID(id *int64) int64 {
	if id == nil {
		return 0
	}
	return *id
}

// matchAction handles the pipeline's buttons: record the lease or move the viewing to
// another slot (withdrawing and cancelling have their confirmation pages).
func (p *Portal) matchAction(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var msg string
	switch c.FormValue("action") {
	case "lease":
		err, msg = p.workflow.SignLease(c.UserContext(), actor(c), id), "Mietvertrag eingetragen: Der Haushalt ist versorgt."
	case "reschedule":
		slotID, perr := strconv.ParseInt(c.FormValue("slot_id"), 10, 64)
		if perr != nil {
			return p.redirectWithError(c, "/arbeitsbereich/vorschlaege#vorschlag-"+strconv.FormatInt(id, 10), "Bitte wählen Sie einen neuen Termin aus.")
		}
		var vw *domain.Viewing
		if vw, err = p.workflow.Reschedule(c.UserContext(), actor(c), id, slotID); err == nil {
			msg = "Der Termin ist geändert: " + domain.ViewingTime(vw.StartsAt, vw.EndsAt) + ". Der Haushalt und seine Begleitung werden benachrichtigt."
		}
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
