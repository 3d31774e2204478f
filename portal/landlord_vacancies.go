package portal

import (
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
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
}

func (p *Portal) vacancyList(c *fiber.Ctx) error {
	vs, err := p.vacancies.List(c.UserContext(), actor(c))
	if err != nil {
		return err
	}
	return p.views.render(c, "vacancies", p.page(c, "Wohnungsangebote", vacancyListData{vs}))
}

type vacancyData struct {
	Vacancy         *domain.Vacancy
	Proposals       []vacancies.ProposalView
	AgreementSigned bool
	Now             int64
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
	data := vacancyData{Vacancy: v, Proposals: props, AgreementSigned: view.Signed()}
	pg := p.page(c, "Wohnungsangebot "+v.Street, data)
	pg.Form.Set("slot_place", "Hauseingang "+v.Street)
	pg.Form.Set("slot_capacity", "1")
	return pg, nil
}

// vacancyAction runs one of the simple POST actions on the vacancy in :id and returns to it.
func (p *Portal) vacancyAction(do func(*Portal, *fiber.Ctx, int64) error, flash string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id, err := pathID(c, "id")
		if err != nil {
			return err
		}
		if err := do(p, c, id); err != nil {
			return err
		}
		return p.redirectWithFlash(c, "/vermieter/angebote/"+strconv.FormatInt(id, 10), flash)
	}
}

func submitVacancy(p *Portal, c *fiber.Ctx, id int64) error {
	return p.vacancies.Submit(c.UserContext(), actor(c), id)
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
		return err
	}
	return p.redirectWithFlash(c, vacancyPath(v)+"/bearbeiten", "Die Kopie ist als Entwurf gespeichert. Bitte passen Sie Adresse und Angaben an.")
}
