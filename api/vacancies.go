package api

import (
	"errors"
	"fmt"
	"slices"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/vacancies"
)

// vacancyCreateRequest is a new vacancy; staff name the landlord it belongs to.
type vacancyCreateRequest struct {
	vacancies.Input
	LandlordID int64 `json:"landlord_id"`
}

// vacancyCreate answers POST /api/v1/vacancies: a draft for the caller's landlord, or
// (staff) for the landlord named in landlord_id.
func (a *API) vacancyCreate(c *fiber.Ctx) error {
	var req vacancyCreateRequest
	if err := decodeBody(c, &req); err != nil {
		return err
	}
	var v *domain.Vacancy
	var err error
	if actor(c).Role() == domain.RoleLandlord {
		if req.LandlordID != 0 && req.LandlordID != *actor(c).User.LandlordID {
			return &domain.ValidationError{Fields: map[string]string{"landlord_id": "Sie können nur Angebote Ihrer eigenen Organisation anlegen."}}
		}
		v, err = a.vacancies.Create(c.UserContext(), actor(c), req.Input)
	} else {
		v, err = a.vacancies.CreateFor(c.UserContext(), actor(c), req.LandlordID, req.Input)
	}
	if err != nil {
		return err
	}
	return created(c, fmt.Sprintf("/api/v1/vacancies/%d", v.ID), vacancyOut(v))
}

// vacancyShow answers GET /api/v1/vacancies/{id}.
func (a *API) vacancyShow(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	v, err := a.vacancies.Get(c.UserContext(), actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(vacancyOut(v))
}

// vacancyList answers GET /api/v1/vacancies?status=…: a landlord's own, or (staff) all.
func (a *API) vacancyList(c *fiber.Ctx) error {
	status := domain.VacancyStatus(c.Query("status"))
	if status != "" && !domain.VacancyTransitions.Valid(status) {
		return invalidQuery("status", "Der Parameter status hat einen unbekannten Wert.")
	}
	pg, err := pageQuery(c, "v")
	if err != nil {
		return err
	}
	var list []domain.Vacancy
	if actor(c).Role() == domain.RoleLandlord {
		vs, err := a.vacancies.List(c.UserContext(), actor(c))
		if err != nil {
			return err
		}
		list = vs
	} else {
		statuses := []domain.VacancyStatus{status}
		if status == "" {
			statuses = domain.VacancyTransitions.States()
		}
		rows, err := a.store.ListVacanciesByStatus(c.UserContext(), statuses...)
		if err != nil {
			return err
		}
		for _, r := range rows {
			list = append(list, r.Vacancy)
		}
	}
	list = slices.DeleteFunc(list, func(v domain.Vacancy) bool { return status != "" && v.Status != status })
	list = pageOf(list, func(v *domain.Vacancy) int64 { return v.ID }, pg)
	out := struct {
		Items      []vacancyJSON `json:"items"`
		NextCursor *string       `json:"next_cursor"`
	}{Items: make([]vacancyJSON, len(list))}
	for i := range list {
		list[i].Slots = nil
		out.Items[i] = vacancyOut(&list[i])
	}
	if len(list) > 0 {
		out.NextCursor = pg.next("v", len(list), list[len(list)-1].ID)
	}
	return c.JSON(out)
}

// vacancyPatch answers PATCH /api/v1/vacancies/{id}: a merge patch onto a draft.
func (a *API) vacancyPatch(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	patch, err := decodePatch(c)
	if err != nil {
		return err
	}
	v, err := a.vacancies.Get(c.UserContext(), actor(c), id)
	if err != nil {
		return err
	}
	current := vacancies.InputOf(v)
	in, err := patched(&current, patch)
	if err != nil {
		return err
	}
	if err := a.vacancies.Update(c.UserContext(), actor(c), id, *in); err != nil {
		return err
	}
	return a.vacancyShow(c)
}

// vacancyStep answers POST /api/v1/vacancies/{id}/{submit|publish|withdraw}.
func (a *API) vacancyStep(step func(*API, *fiber.Ctx, int64) error) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id, err := idParam(c, "id")
		if err != nil {
			return err
		}
		if err := step(a, c, id); err != nil {
			return err
		}
		return a.vacancyShow(c)
	}
}

func submitVacancy(a *API, c *fiber.Ctx, id int64) error {
	return a.vacancies.Submit(c.UserContext(), actor(c), id)
}

func publishVacancy(a *API, c *fiber.Ctx, id int64) error {
	return a.vacancies.Publish(c.UserContext(), actor(c), id)
}

func withdrawVacancy(a *API, c *fiber.Ctx, id int64) error {
	return a.vacancies.Withdraw(c.UserContext(), actor(c), id)
}

type slotRequest struct {
	Date     domain.Date `json:"date"`
	From     string      `json:"from"`
	To       string      `json:"to"`
	Place    string      `json:"place"`
	Capacity int         `json:"capacity"`
}

// slotCreate answers POST /api/v1/vacancies/{id}/slots.
func (a *API) slotCreate(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	var req slotRequest
	if err := decodeBody(c, &req); err != nil {
		return err
	}
	slot, err := a.vacancies.AddSlot(c.UserContext(), actor(c), id, vacancies.SlotInput(req))
	if err != nil {
		return slotFields(err)
	}
	return created(c, fmt.Sprintf("/api/v1/vacancies/%d/slots/%d", id, slot.ID), slotOut(slot))
}

// slotFields renames the service's form keys (slot_date, …) to the request's JSON names.
func slotFields(err error) error {
	var ve *domain.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	out := domain.NewValidationError()
	for k, msg := range ve.Fields {
		switch k {
		case "slot_date", "slot_from", "slot_to", "slot_place", "slot_capacity":
			out.Add(k[len("slot_"):], msg)
		default:
			out.Add(k, msg)
		}
	}
	return out
}

// slotDelete answers DELETE /api/v1/vacancies/{id}/slots/{slot_id}.
func (a *API) slotDelete(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	slotID, err := idParam(c, "slot_id")
	if err != nil {
		return err
	}
	if err := a.vacancies.RemoveSlot(c.UserContext(), actor(c), id, slotID); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
