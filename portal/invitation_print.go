package portal

import (
	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/tasks"
)

// invitationPrint is the printable invitation for a household without email: the
// viewing in the household's language with German alongside, and the number to call
// instead of links. Opening it is logged like opening the household.
func (p *Portal) invitationPrint(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	m, err := p.store.MatchByID(ctx, id)
	if err != nil {
		return err
	}
	vw, err := p.store.CurrentViewing(ctx, m.ID)
	if err != nil {
		return err
	}
	v, err := p.store.VacancyByID(ctx, m.VacancyID)
	if err != nil {
		return err
	}
	h, err := p.households.Open(ctx, actor(c), m.HouseholdID)
	if err != nil {
		return err
	}
	view, err := p.invitationOf(ctx, h, vw, v)
	if err != nil {
		return err
	}
	handover, err := p.tasks.HandoverOf(ctx, actor(c), h, vw)
	if err != nil {
		return err
	}
	return p.views.render(c, "invitation_print", p.page(c, "Einladung drucken – "+h.Reference, struct {
		invitationView
		MatchID   int64
		Cancelled bool
		Pending   bool
		Handover  *tasks.Handover
	}{view, m.ID, vw.State == domain.ViewingCancelled, vw.State.Pending(), handover}))
}

// invitationHandOver records that the printed invitation was handed over to the household
// (staff or the household's caseworker), which closes the print task on the start pages.
func (p *Portal) invitationHandOver(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	back := tasks.PrintPath(id)
	err = p.tasks.HandOver(c.UserContext(), actor(c), id)
	if msg, ok := conflictMessage(err); ok {
		return p.redirectWithError(c, back, msg)
	}
	if err != nil {
		return err
	}
	return p.redirectWithFlash(c, back, "Die Übergabe der Einladung ist vermerkt. Die Aufgabe ist erledigt.")
}
