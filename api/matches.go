package api

import (
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/workflow"
)

type approveRequest struct {
	VacancyID   int64  `json:"vacancy_id"`
	HouseholdID int64  `json:"household_id"`
	SlotID      int64  `json:"slot_id"`
	Reason      string `json:"reason"`
	ReasonNote  string `json:"reason_note"`
}

// matchApprove answers POST /api/v1/matches: approve a ranked household for a vacancy into
// a viewing slot, in one transaction (409 when the slot was taken meanwhile).
func (a *API) matchApprove(c *fiber.Ctx) error {
	var req approveRequest
	if err := decodeBody(c, &req); err != nil {
		return err
	}
	ve := domain.NewValidationError()
	for field, v := range map[string]int64{"vacancy_id": req.VacancyID, "household_id": req.HouseholdID, "slot_id": req.SlotID} {
		if v <= 0 {
			ve.Add(field, "Bitte geben Sie eine gültige Kennung an.")
		}
	}
	if err := ve.OrNil(); err != nil {
		return err
	}
	ap, err := a.workflow.Approve(c.UserContext(), actor(c), workflow.ApproveRequest{VacancyID: req.VacancyID,
		HouseholdID: req.HouseholdID, SlotID: req.SlotID, Override: domain.Reason{Code: domain.ReasonCode(req.Reason), Note: req.ReasonNote}})
	if err != nil {
		return err
	}
	mv, err := a.workflow.OpenMatch(c.UserContext(), actor(c), ap.Match.ID)
	if err != nil {
		return err
	}
	return created(c, fmt.Sprintf("/api/v1/matches/%d", ap.Match.ID), matchViewOut(actor(c), mv, a.store.Today()))
}

// matchShow answers GET /api/v1/matches/{id}.
func (a *API) matchShow(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	mv, err := a.workflow.OpenMatch(c.UserContext(), actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(matchViewOut(actor(c), mv, a.store.Today()))
}

// matchList answers GET /api/v1/matches?state=…&vacancy_id=…&household_id=….
func (a *API) matchList(c *fiber.Ctx) error {
	f := store.MatchFilter{}
	if s := c.Query("state"); s != "" {
		for _, st := range strings.Split(s, ",") {
			if !domain.MatchTransitions.Valid(domain.MatchState(st)) {
				return invalidQuery("state", "Der Parameter state enthält einen unbekannten Zustand: "+st+".")
			}
			f.States = append(f.States, domain.MatchState(st))
		}
	}
	var err error
	if f.VacancyID, err = int64Query(c, "vacancy_id"); err != nil {
		return err
	}
	if f.HouseholdID, err = int64Query(c, "household_id"); err != nil {
		return err
	}
	pg, err := pageQuery(c, "m")
	if err != nil {
		return err
	}
	f.Limit, f.AfterID = pg.Limit, pg.After
	rows, err := a.workflow.ListMatches(c.UserContext(), actor(c), f)
	if err != nil {
		return err
	}
	out := matchPageJSON{Items: matchRowsOut(actor(c), rows)}
	if len(rows) > 0 {
		out.NextCursor = pg.next("m", len(rows), rows[len(rows)-1].ID)
	}
	return c.JSON(out)
}

type outcomeRequest struct {
	Outcome string `json:"outcome"`
	Reason  string `json:"reason"`
	Note    string `json:"note"`
}

// matchOutcome answers POST /api/v1/matches/{id}/outcome: after the viewing the landlord
// (or staff on their behalf) records accepted, rejected (with a reason) or no_show.
func (a *API) matchOutcome(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	var req outcomeRequest
	if err := decodeBody(c, &req); err != nil {
		return err
	}
	o := workflow.Outcome{MatchID: id, Accepted: req.Outcome == "accepted", NoShow: req.Outcome == "no_show",
		Reason: req.Reason, Note: req.Note}
	return a.matchStep(c, id, func(a2 domain.Actor) error {
		if req.Outcome != "accepted" && req.Outcome != "rejected" && req.Outcome != "no_show" {
			ve := domain.NewValidationError()
			ve.Add("outcome", "Bitte geben Sie accepted (Zusage), rejected (Absage) oder no_show (nicht erschienen) an.")
			return ve
		}
		return a.workflow.RecordOutcome(c.UserContext(), a2, o)
	})
}

// matchLease answers POST /api/v1/matches/{id}/lease: the lease is signed.
func (a *API) matchLease(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	return a.matchStep(c, id, func(a2 domain.Actor) error { return a.workflow.SignLease(c.UserContext(), a2, id) })
}

// matchWithdraw answers POST /api/v1/matches/{id}/withdraw.
func (a *API) matchWithdraw(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	reason, err := stepReason(c)
	if err != nil {
		return err
	}
	return a.matchStep(c, id, func(a2 domain.Actor) error { return a.workflow.Withdraw(c.UserContext(), a2, id, reason) })
}

// matchStep checks that the caller may see the match (landlords: only their own), runs
// the step and answers with the match as it is now.
func (a *API) matchStep(c *fiber.Ctx, id int64, step func(domain.Actor) error) error {
	act := actor(c)
	if _, err := a.workflow.OpenMatch(c.UserContext(), act, id); err != nil {
		return err
	}
	if err := step(act); err != nil {
		return err
	}
	mv, err := a.workflow.OpenMatch(c.UserContext(), act, id)
	if err != nil {
		return err
	}
	return c.JSON(matchViewOut(act, mv, a.store.Today()))
}
