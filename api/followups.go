package api

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// followUpJSON is a follow-up (Nachsorge) as the API shows it.
type followUpJSON struct {
	ID                 int64                    `json:"id"`
	TenancyID          int64                    `json:"tenancy_id"`
	HouseholdID        int64                    `json:"household_id"`
	HouseholdReference string                   `json:"household_reference"`
	Months             int                      `json:"months"`
	DueOn              domain.Date              `json:"due_on"`
	TenancyStart       domain.Date              `json:"tenancy_start"`
	TenancyStatus      string                   `json:"tenancy_status"`
	Open               bool                     `json:"open"`
	Outcome            *domain.FollowUpOutcome  `json:"outcome"`
	EndReason          *domain.TenancyEndReason `json:"end_reason"`
	Note               string                   `json:"note"`
	RecordedAt         *time.Time               `json:"recorded_at"`
	RecordedBy         string                   `json:"recorded_by"`
}

func followUpOut(r *store.FollowUpRow) followUpJSON {
	return followUpJSON{ID: r.ID, TenancyID: r.TenancyID, HouseholdID: r.HouseholdID, HouseholdReference: r.HouseholdReference,
		Months: r.Months, DueOn: r.DueOn, TenancyStart: r.TenancyStart, TenancyStatus: r.TenancyStatus, Open: r.Open(),
		Outcome: r.Outcome, EndReason: r.EndReason, Note: r.Note, RecordedAt: r.RecordedAt, RecordedBy: r.RecordedByName}
}

// followUpList answers GET /api/v1/follow-ups: the caller's follow-ups (a caseworker's own),
// open or recorded ones with ?open=true|false.
func (a *API) followUpList(c *fiber.Ctx) error {
	pg, err := pageQuery(c, "f")
	if err != nil {
		return err
	}
	var open *bool
	switch c.Query("open") {
	case "":
	case "true", "false":
		v := c.Query("open") == "true"
		open = &v
	default:
		return invalidQuery("open", "Der Parameter open muss true oder false sein.")
	}
	rows, err := a.followups.List(c.UserContext(), actor(c), open, 0)
	if err != nil {
		return err
	}
	return answerPage(c, "f", pg, rows, func(r *store.FollowUpRow) int64 { return r.ID }, followUpOut)
}

// followUpShow answers GET /api/v1/follow-ups/{id}.
func (a *API) followUpShow(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	row, err := a.followups.Get(c.UserContext(), actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(followUpOut(row))
}

// followUpRecordRequest is what a follow-up found.
type followUpRecordRequest struct {
	Outcome   domain.FollowUpOutcome  `json:"outcome"`
	EndDate   domain.Date             `json:"end_date"`
	EndReason domain.TenancyEndReason `json:"end_reason"`
	Note      string                  `json:"note"`
}

// followUpRecord answers POST /api/v1/follow-ups/{id}/record: record the outcome; "elsewhere"
// and "lost" end or update the tenancy (domain.FollowUpEffect).
func (a *API) followUpRecord(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	var req followUpRecordRequest
	if err := decodeBody(c, &req); err != nil {
		return err
	}
	row, err := a.followups.Record(c.UserContext(), actor(c), id, domain.FollowUpRecord{Outcome: req.Outcome, EndDate: req.EndDate,
		Reason: req.EndReason, Note: req.Note})
	if err != nil {
		return err
	}
	return c.JSON(followUpOut(row))
}
