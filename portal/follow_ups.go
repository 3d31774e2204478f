package portal

import (
	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// followUpsData is the Nachsorge list: the open follow-ups and the latest recorded ones.
type followUpsData struct {
	Open, Recorded []store.FollowUpRow
	Today          domain.Date
}

// followUps lists the follow-ups the caller may see (a caseworker her own).
func (p *Portal) followUps(c *fiber.Ctx) error {
	ctx, a := c.UserContext(), actor(c)
	open, recorded := true, false
	o, err := p.followups.List(ctx, a, &open, 0)
	if err != nil {
		return err
	}
	r, err := p.followups.List(ctx, a, &recorded, 50)
	if err != nil {
		return err
	}
	return p.views.render(c, "follow_ups", p.page(c, "Nachsorge", followUpsData{Open: o, Recorded: r, Today: p.store.Today()}))
}

// followUpData is one follow-up's page with its form.
type followUpData struct {
	Row      *store.FollowUpRow
	Outcomes []domain.Option
	Reasons  []domain.Option
	Today    domain.Date
}

// lostReasons are the end reasons a household that lost its flat can have (all but
// "housed elsewhere", which is its own outcome).
func lostReasons() []domain.Option {
	var out []domain.Option
	for _, o := range domain.TenancyEndReasons.Options() {
		if o.Value != string(domain.EndHousedElsewhere) {
			out = append(out, o)
		}
	}
	return out
}

func (p *Portal) followUpPage(c *fiber.Ctx) (*Page, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return nil, err
	}
	row, err := p.followups.Get(c.UserContext(), actor(c), id)
	if err != nil {
		return nil, err
	}
	return p.page(c, row.Label()+": "+row.HouseholdReference, followUpData{Row: row, Outcomes: domain.FollowUpOutcomes.Options(),
		Reasons: lostReasons(), Today: p.store.Today()}), nil
}

// followUp shows a follow-up: its form while open, what was recorded afterwards.
func (p *Portal) followUp(c *fiber.Ctx) error {
	pg, err := p.followUpPage(c)
	if err != nil {
		return err
	}
	return p.views.render(c, "follow_up", pg)
}

// followUpRecord records what the follow-up found.
func (p *Portal) followUpRecord(c *fiber.Ctx) error {
	pg, err := p.followUpPage(c)
	if err != nil {
		return err
	}
	row := pg.Data.(followUpData).Row
	pg.Form = postedForm(c)
	ve := domain.NewValidationError()
	f := formParser{pg.Form, ve}
	rec := domain.FollowUpRecord{Outcome: domain.FollowUpOutcome(f.str("outcome")), EndDate: f.date("end_date"),
		Reason: domain.TenancyEndReason(f.str("end_reason")), Note: f.str("note")}
	if err = ve.OrNil(); err == nil {
		if _, err = p.followups.Record(c.UserContext(), actor(c), row.ID, rec); err == nil {
			return p.redirectWithFlash(c, "/nachsorge", "Die "+row.Label()+" für "+row.HouseholdReference+" ist eingetragen.")
		}
	}
	return p.renderRefused(c, err, "follow_up", pg, nil, "outcome", "end_date", "end_reason", "note")
}
