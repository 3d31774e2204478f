package portal

import (
	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/workflow"
)

// approveReasonData is the form that asks for the written reason when staff approve a
// household that is not the best-ranked free candidate (Art. 22 GDPR).
type approveReasonData struct {
	Vacancy      *domain.Vacancy
	Reference    string
	Rank         int32
	TopReference string
	HouseholdID  int64
	SlotID       int64
	Back         string
	Reasons      []domain.Option
}

// approveReasonForm shows the reason form. Coming from the ranking it shows no errors; sent
// from the form itself (reason_form) and incomplete it shows the field messages (422).
func (p *Portal) approveReasonForm(c *fiber.Ctx, req workflow.ApproveRequest, back string, ve *domain.ValidationError) error {
	ctx := c.UserContext()
	r, err := p.ranking.RankVacancy(ctx, req.VacancyID, 0)
	if err != nil {
		return err
	}
	d := approveReasonData{Vacancy: r.Vacancy, HouseholdID: req.HouseholdID, SlotID: req.SlotID, Back: back,
		Reasons: domain.OverrideReasons.Options()}
	for _, cand := range r.Result.Candidates {
		if cand.HouseholdID(r.Households) == req.HouseholdID {
			d.Reference, d.Rank = r.Rows[cand.Index].Reference, cand.Rank
		}
	}
	if top, ok := workflow.TopFree(r); ok {
		d.TopReference = r.Rows[top.Index].Reference
	}
	pg := p.page(c, "Abweichung von der Rangfolge begründen", d)
	pg.Form.Set("reason", string(req.Override.Code))
	pg.Form.Set("reason_note", req.Override.Note)
	if c.FormValue("reason_form") != "" { // sent from this form: show what is missing
		pg.withErrors(ve, "reason", "reason_note")
		c.Status(fiber.StatusUnprocessableEntity)
	}
	return p.views.render(c, "approve_reason", pg)
}
