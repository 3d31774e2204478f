package portal

import (
	"errors"
	"fmt"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
)

// householdFormPage renders the household form with the given values and errors.
func (p *Portal) householdFormPage(c *fiber.Ctx, title, action, cancel string, h *domain.Household, f FormValues, ve *domain.ValidationError) error {
	caseworkers, err := p.households.Caseworkers(c.UserContext(), actor(c))
	if err != nil {
		return err
	}
	d := newHouseholdFormData(action, cancel, h, caseworkers)
	d.CorrectRegistration = actor(c).CanCorrectRegistration()
	d.HealthNotesHidden = h != nil && h.HealthNotesSealed != "" && !actor(c).CanReadHealthNotes(h)
	pg := p.page(c, title, d)
	pg.Form = f
	if ve != nil {
		c.Status(fiber.StatusUnprocessableEntity)
		pg.withErrors(ve, householdFieldOrder...)
	}
	return p.views.render(c, "household_form", pg)
}

// householdFieldOrder is the order of the form's fields, for the error summary.
var householdFieldOrder = []string{"contact_name", "email", "phone", "language", "nationality", "caseworker_id", "members",
	"members[0].birth_year", "members[0].sex", "members[1].birth_year", "members[1].sex", "tracks",
	"certificate.passed_on", "certificate.number", "accompaniment.from", "accompaniment.until",
	"accompaniment.companion_name", "accompaniment.companion_email", "accompaniment.companion_phone",
	"fachstelle.category", "fachstelle.urgency", "fachstelle.homeless_since", "fachstelle.focus_group",
	"fachstelle.health_notes", "fachstelle.accommodation_kind", "fachstelle.accommodation_provider", "fachstelle.accommodated_since", "benefit", "direct_payment_consent", "yearly_income", "wbs.valid_until", "wbs.persons",
	"needs.preferred_boroughs", "needs.excluded_boroughs", "needs.earliest_move_in", "registered_on", "registered_on_reason", "consents"}

func (p *Portal) householdNew(c *fiber.Ctx) error {
	f := FormValues{"language": {string(domain.LanguageDE)}, "benefit": {string(domain.BenefitNone)},
		"consents": strs([]domain.ConsentKind{domain.ConsentDataProcessing, domain.ConsentShareWithLandlord})}
	return p.householdFormPage(c, "Haushalt aufnehmen", "/haushalte", "/haushalte", nil, f, nil)
}

func (p *Portal) householdCreate(c *fiber.Ctx) error {
	f := postedForm(c)
	ve := domain.NewValidationError()
	in := parseHouseholdForm(f, ve)
	h, err := p.households.Create(c.UserContext(), actor(c), in, ve)
	if errors.As(err, &ve) {
		return p.householdFormPage(c, "Haushalt aufnehmen", "/haushalte", "/haushalte", nil, f, ve)
	}
	if err != nil {
		return err
	}
	return p.redirectWithFlash(c, fmt.Sprintf("/haushalte/%d", h.ID), "Der Haushalt "+h.Reference+" wurde aufgenommen.")
}
