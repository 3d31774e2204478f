package api

import (
	"fmt"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/households"
)

// householdCreate answers POST /api/v1/households.
func (a *API) householdCreate(c *fiber.Ctx) error {
	var in households.Input
	if err := decodeBody(c, &in); err != nil {
		return err
	}
	h, err := a.households.Create(c.UserContext(), actor(c), &in, nil)
	if err != nil {
		return err
	}
	return created(c, fmt.Sprintf("/api/v1/households/%d", h.ID), householdOut(h, a.store.Today()))
}

// householdShow answers GET /api/v1/households/{id}; the read is audited.
func (a *API) householdShow(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	h, err := a.households.Open(c.UserContext(), actor(c), id)
	if err != nil {
		return err
	}
	if _, err := a.households.ReadHealthNotes(c.UserContext(), actor(c), h, "API"); err != nil {
		return err
	}
	return c.JSON(householdOut(h, a.store.Today()))
}

// householdPatch answers PATCH /api/v1/households/{id}: a JSON merge patch (RFC 7396) onto
// the household's writable fields, validated like a full update.
func (a *API) householdPatch(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	patch, err := decodePatch(c)
	if err != nil {
		return err
	}
	h, err := a.households.ForChange(c.UserContext(), actor(c), id)
	if err != nil {
		return err
	}
	in, err := patched(households.InputOf(h), patch)
	if err != nil {
		return err
	}
	h, err = a.households.Update(c.UserContext(), actor(c), id, in, nil)
	if err != nil {
		return err
	}
	return c.JSON(householdOut(h, a.store.Today()))
}
