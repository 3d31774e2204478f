package portal

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/vacancies"
	"wohnbruecke/internal/workflow"
)

type outcomeData struct {
	Vacancy   *domain.Vacancy
	Proposal  vacancies.ProposalView
	Decisions []domain.Option
	Reasons   []domain.Option
}

var outcomeDecisions = []domain.Option{
	{Value: "accept", Label: "Zusage – ich möchte dem Haushalt die Wohnung vermieten"},
	{Value: "reject", Label: "Absage – ich vermiete die Wohnung nicht an diesen Haushalt"},
	{Value: "no_show", Label: "Der Haushalt ist nicht zur Besichtigung gekommen"},
}

// outcomePage finds the proposal :match of the vacancy :id among the landlord's proposals.
func (p *Portal) outcomePage(c *fiber.Ctx) (*Page, error) {
	v, err := p.ownVacancy(c)
	if err != nil {
		return nil, err
	}
	matchID, err := pathID(c, "match")
	if err != nil {
		return nil, err
	}
	props, err := p.vacancies.Proposals(c.UserContext(), actor(c), v.ID)
	if err != nil {
		return nil, err
	}
	for _, pr := range props {
		if pr.MatchID == matchID {
			data := outcomeData{Vacancy: v, Proposal: pr, Decisions: outcomeDecisions, Reasons: domain.RejectionReasonOptions}
			return p.page(c, "Entscheidung zum Vorschlag "+pr.Profile.Reference, data), nil
		}
	}
	return nil, domain.ErrNotFound
}

func (p *Portal) outcomeForm(c *fiber.Ctx) error {
	pg, err := p.outcomePage(c)
	if err != nil {
		return err
	}
	return p.views.render(c, "outcome", pg)
}

func (p *Portal) recordOutcome(c *fiber.Ctx) error {
	pg, err := p.outcomePage(c)
	if err != nil {
		return err
	}
	data := pg.Data.(outcomeData)
	pg.Form = postedForm(c)
	decision := pg.Form.Get("decision")
	o := workflow.Outcome{MatchID: data.Proposal.MatchID, Accepted: decision == "accept", NoShow: decision == "no_show",
		Reason: pg.Form.Get("reason"), Note: strings.TrimSpace(pg.Form.Get("note"))}
	if o.Accepted || o.NoShow {
		o.Reason = ""
	}
	if decision != "accept" && decision != "reject" && decision != "no_show" {
		err = &domain.ValidationError{Fields: map[string]string{"decision": "Bitte wählen Sie Zusage oder Absage."}}
	} else if err = p.vacancies.RecordOutcome(c.UserContext(), actor(c), data.Vacancy.ID, o); err == nil {
		return p.redirectWithFlash(c, vacancyPath(data.Vacancy)+"#vorschlaege", "Ihre Entscheidung ist gespeichert. Die Stadt Hagen ist informiert.")
	}
	return p.renderRefused(c, err, "outcome", pg, nil, "decision", "reason", "note")
}
