package portal

import (
	"errors"
	"fmt"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/households"
)

func (p *Portal) householdEdit(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	h, err := p.households.Open(c.UserContext(), actor(c), id)
	if err != nil {
		return err
	}
	if _, err := p.households.ReadHealthNotes(c.UserContext(), actor(c), h, "zum Bearbeiten"); err != nil {
		return err
	}
	back := fmt.Sprintf("/haushalte/%d", id)
	return p.householdFormPage(c, "Haushalt "+h.Reference+" bearbeiten", back, back, h, householdFormValues(households.InputOf(h)), nil)
}

func (p *Portal) householdUpdate(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	f := postedForm(c)
	ve := domain.NewValidationError()
	h, err := p.households.Update(c.UserContext(), actor(c), id, parseHouseholdForm(f, ve), ve)
	back := fmt.Sprintf("/haushalte/%d", id)
	if errors.As(err, &ve) {
		return p.householdFormPage(c, "Haushalt bearbeiten", back, back, nil, f, ve)
	}
	if err != nil {
		return err
	}
	return p.redirectWithFlash(c, back, "Die Angaben zu "+h.Reference+" wurden gespeichert.")
}
