package portal

import (
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/vacancies"
)

func asValidation(err error, ve **domain.ValidationError) bool { return errors.As(err, ve) }

func vacancyPath(v *domain.Vacancy) string {
	return "/vermieter/angebote/" + strconv.FormatInt(v.ID, 10)
}

// ownVacancy loads the vacancy of the :id parameter if it belongs to the user's landlord.
func (p *Portal) ownVacancy(c *fiber.Ctx) (*domain.Vacancy, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return nil, err
	}
	return p.vacancies.Get(c.UserContext(), actor(c), id)
}

type vacancyListData struct {
	Vacancies []domain.Vacancy
	Proposals map[int64]store.ProposalCount
}

// ProposalsOf returns the proposal counts of one vacancy (zero without proposals).
func (d vacancyListData) ProposalsOf(id int64) store.ProposalCount { return d.Proposals[id] }

func (p *Portal) vacancyList(c *fiber.Ctx) error {
	vs, err := p.vacancies.List(c.UserContext(), actor(c))
	if err != nil {
		return err
	}
	counts, err := p.vacancies.ProposalCounts(c.UserContext(), actor(c))
	if err != nil {
		return err
	}
	return p.views.render(c, "vacancies", p.page(c, "Wohnungsangebote", vacancyListData{vs, counts}))
}

type vacancyData struct {
	Vacancy         *domain.Vacancy
	Proposals       []vacancies.ProposalView
	AgreementSigned bool
	// SlotMissing is true while no viewing slot lies ahead, which a submission needs.
	SlotMissing bool
}

// ReadyToSubmit reports whether the draft can be submitted now; otherwise the page says
// what is missing instead of offering the button.
func (d vacancyData) ReadyToSubmit() bool {
	return d.Vacancy.Status.CanMove(domain.VacancySubmitted) && d.AgreementSigned && !d.SlotMissing
}

// CanEdit reports whether the landlord may still change the vacancy's data.
func (d vacancyData) CanEdit() bool { return d.Vacancy.Status.Editable() }

// SlotsOpen reports whether slots can be added or removed.
func (d vacancyData) SlotsOpen() bool { return !d.Vacancy.Status.Ended() }

func (p *Portal) vacancyDetail(c *fiber.Ctx) error {
	pg, err := p.vacancyPage(c)
	if err != nil {
		return err
	}
	return p.views.render(c, "vacancy", pg)
}

// vacancyPage builds the detail page of the vacancy in :id (also used to show slot form
// errors).
func (p *Portal) vacancyPage(c *fiber.Ctx) (*Page, error) {
	v, err := p.ownVacancy(c)
	if err != nil {
		return nil, err
	}
	props, err := p.vacancies.Proposals(c.UserContext(), actor(c), v.ID)
	if err != nil {
		return nil, err
	}
	view, err := p.landlords.Agreement(c.UserContext(), actor(c))
	if err != nil {
		return nil, err
	}
	data := vacancyData{Vacancy: v, Proposals: props, AgreementSigned: view.Signed(), SlotMissing: !vacancies.HasFutureSlot(v, p.store.Now())}
	pg := p.page(c, "Wohnungsangebot "+v.Street, data)
	pg.Form.Set("slot_place", "Hauseingang "+v.Street)
	pg.Form.Set("slot_capacity", "1")
	return pg, nil
}

// vacancyAction runs one of the simple POST actions on the vacancy in :id and returns to
// it; a refusal is shown on the vacancy page.
func (p *Portal) vacancyAction(do func(*Portal, *fiber.Ctx, int64) error, flash string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id, err := pathID(c, "id")
		if err != nil {
			return err
		}
		if err := do(p, c, id); err != nil {
			return p.vacancyRefused(c, err)
		}
		return p.redirectWithFlash(c, "/vermieter/angebote/"+strconv.FormatInt(id, 10), flash)
	}
}

// vacancyRefused shows a refused action on the vacancy page, where the landlord can put
// it right (add a slot, sign the agreement, …).
func (p *Portal) vacancyRefused(c *fiber.Ctx, err error) error {
	pg, perr := p.vacancyPage(c)
	if perr != nil {
		return perr
	}
	var ve *domain.ValidationError
	if asValidation(err, &ve) {
		pg.FlashError = "Nicht gespeichert: " + joinMessages(ve)
		c.Status(fiber.StatusUnprocessableEntity)
		return p.views.render(c, "vacancy", pg)
	}
	return p.renderRefused(c, err, "vacancy", pg, nil)
}

// submitVacancy hands the draft to the city. Data that no longer passes the rules (the
// available-from day has passed, say) comes back on the edit form with field messages;
// anything else missing is said on the vacancy page.
func (p *Portal) submitVacancy(c *fiber.Ctx) error {
	v, err := p.ownVacancy(c)
	if err != nil {
		return err
	}
	err = p.vacancies.Submit(c.UserContext(), actor(c), v.ID)
	if err == nil {
		return p.redirectWithFlash(c, vacancyPath(v), "Das Wohnungsangebot ist eingereicht. Ihre Ansprechperson prüft es und veröffentlicht es.")
	}
	var ve *domain.ValidationError
	if !asValidation(err, &ve) {
		return p.vacancyRefused(c, err)
	}
	pg := p.page(c, "Wohnungsangebot bearbeiten", p.vacancyForm(vacancyPath(v)+"/bearbeiten", v))
	pg.Form = formOf(vacancies.InputOf(v))
	pg.FlashError = "Das Angebot ist noch nicht eingereicht: Bitte korrigieren Sie die markierten Angaben, speichern Sie und reichen Sie es dann ein."
	return p.renderInvalid(c, err, "vacancy_form", pg, vacancyRename, vacancyFieldOrder...)
}

func withdrawVacancy(p *Portal, c *fiber.Ctx, id int64) error {
	return p.vacancies.Withdraw(c.UserContext(), actor(c), id)
}

func markVacancyLet(p *Portal, c *fiber.Ctx, id int64) error {
	return p.vacancies.MarkLet(c.UserContext(), actor(c), id)
}

func (p *Portal) duplicateVacancy(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	v, err := p.vacancies.Duplicate(c.UserContext(), actor(c), id)
	if err != nil {
		return p.vacancyRefused(c, err)
	}
	return p.redirectWithFlash(c, vacancyPath(v)+"/bearbeiten", "Die Kopie ist als Entwurf gespeichert. Bitte passen Sie Adresse und Angaben an.")
}
