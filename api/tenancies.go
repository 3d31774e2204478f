package api

import (
	"fmt"
	"time"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// The tenancy phase's endpoints (docs/design.md §8): tenancies, the visit log of the
// Wohnbegleitung and the landlords' reports. A landlord's answers carry only what its
// portal pages show (domain.LandlordTenancy and the report with its thread); never the
// visit log, the end's reason or the companion's data.

// tenancyJSON is a tenancy. The fields after Status are left out for landlords.
type tenancyJSON struct {
	ID                 int64       `json:"id"`
	HouseholdReference string      `json:"household_reference"`
	Address            string      `json:"address"`
	StartDate          domain.Date `json:"start_date"`
	EndDate            domain.Date `json:"end_date"`
	Status             string      `json:"status"`
	*tenancyTeamJSON
}

type tenancyTeamJSON struct {
	HouseholdID    int64   `json:"household_id"`
	VacancyID      int64   `json:"vacancy_id"`
	Place          int     `json:"place"`
	LandlordID     int64   `json:"landlord_id"`
	LandlordName   string  `json:"landlord_name"`
	CompanionID    *int64  `json:"companion_id"`
	CompanionName  string  `json:"companion_name"`
	ContactUserID  *int64  `json:"contact_user_id"`
	ContactName    string  `json:"contact_name"`
	EndReason      *string `json:"end_reason"`
	EndNote        string  `json:"end_note"`
	KeptFlat       bool    `json:"kept_flat"`
	StablyHoused   bool    `json:"stably_housed"`
	NextVisitDue   string  `json:"next_visit_due"`
	VisitOverdue   bool    `json:"visit_overdue"`
	VisitEarlyDays int     `json:"visit_early_days"`
	VisitEarlyMons int     `json:"visit_early_months"`
	VisitLaterDays int     `json:"visit_later_days"`
}

func tenancyOut(a domain.Actor, r *store.TenancyRow, today domain.Date) tenancyJSON {
	if _, landlord := a.LandlordID(); landlord {
		lt := domain.LandlordTenancyOf(&r.Tenancy, r.HouseholdReference, r.Address())
		status := string(domain.TenancyEnded)
		if lt.Active {
			status = string(domain.TenancyActive)
		}
		return tenancyJSON{ID: lt.ID, HouseholdReference: lt.Reference, Address: lt.Address, StartDate: lt.StartDate,
			EndDate: lt.EndDate, Status: status}
	}
	out := tenancyJSON{ID: r.ID, HouseholdReference: r.HouseholdReference, Address: r.Address(), StartDate: r.StartDate,
		EndDate: r.EndDate, Status: string(r.Status), tenancyTeamJSON: &tenancyTeamJSON{HouseholdID: r.HouseholdID,
			VacancyID: r.VacancyID, Place: r.Place, LandlordID: r.LandlordID, LandlordName: r.LandlordName,
			CompanionID: r.CompanionID, CompanionName: r.CompanionName, ContactUserID: r.ContactUserID, ContactName: r.ContactName,
			EndNote: r.EndNote, KeptFlat: r.KeptFlat, StablyHoused: r.StablyHoused, NextVisitDue: r.NextVisitDue.ISO(),
			VisitOverdue: r.VisitOverdue(today), VisitEarlyDays: r.VisitEarlyDays, VisitEarlyMons: r.VisitEarlyMonths,
			VisitLaterDays: r.VisitLaterDays}}
	if r.EndReason != nil {
		s := string(*r.EndReason)
		out.EndReason = &s
	}
	return out
}

// tenancyList answers GET /api/v1/tenancies.
func (a *API) tenancyList(c *fiber.Ctx) error {
	act := actor(c)
	pg, err := pageQuery(c, "t")
	if err != nil {
		return err
	}
	var f store.TenancyFilter
	if s := c.Query("status"); s != "" {
		if !domain.TenancyTransitions.Valid(domain.TenancyStatus(s)) {
			return invalidQuery("status", "Der Parameter status muss active oder ended sein.")
		}
		f.Status = domain.TenancyStatus(s)
	}
	rows, err := a.tenancies.List(c.UserContext(), act, f)
	if err != nil {
		return err
	}
	today := a.store.Today()
	return answerPage(c, "t", pg, rows, func(r *store.TenancyRow) int64 { return r.ID },
		func(r *store.TenancyRow) tenancyJSON { return tenancyOut(act, r, today) })
}

// tenancyShow answers GET /api/v1/tenancies/{id}.
func (a *API) tenancyShow(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	return a.tenancyAnswer(c, id)
}

func (a *API) tenancyAnswer(c *fiber.Ctx, id int64) error {
	act := actor(c)
	r, err := a.tenancies.Get(c.UserContext(), act, id)
	if err != nil {
		return err
	}
	return c.JSON(tenancyOut(act, r, a.store.Today()))
}

type tenancyEndRequest struct {
	EndDate      domain.Date `json:"end_date"`
	EndReason    string      `json:"end_reason"`
	StablyHoused *bool       `json:"stably_housed"`
	Note         string      `json:"note"`
}

// tenancyEnd answers POST /api/v1/tenancies/{id}/end.
func (a *API) tenancyEnd(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	var req tenancyEndRequest
	if err := decodeBody(c, &req); err != nil {
		return err
	}
	end := domain.TenancyEnd{EndDate: req.EndDate, Reason: domain.TenancyEndReason(req.EndReason), StablyHoused: req.StablyHoused, Note: req.Note}
	if err := a.tenancies.End(c.UserContext(), actor(c), id, end); err != nil {
		return err
	}
	return a.tenancyAnswer(c, id)
}

type visitJSON struct {
	ID              int64       `json:"id"`
	VisitedOn       domain.Date `json:"visited_on"`
	Kind            string      `json:"kind"`
	DurationMinutes int         `json:"duration_minutes"`
	Language        string      `json:"language"`
	Topics          []string    `json:"topics"`
	Note            string      `json:"note"`
}

func visitOut(v *domain.Visit) visitJSON {
	topics := make([]string, len(v.Topics))
	for i, t := range v.Topics {
		topics[i] = string(t)
	}
	return visitJSON{ID: v.ID, VisitedOn: v.VisitedOn, Kind: string(v.Kind), DurationMinutes: v.DurationMinutes,
		Language: string(v.Language), Topics: topics, Note: v.Note}
}

// visitList answers GET /api/v1/tenancies/{id}/visits.
func (a *API) visitList(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	pg, err := pageQuery(c, "tv")
	if err != nil {
		return err
	}
	vs, err := a.tenancies.Visits(c.UserContext(), actor(c), id)
	if err != nil {
		return err
	}
	return answerPage(c, "tv", pg, vs, func(v *domain.Visit) int64 { return v.ID }, visitOut)
}

type visitRequest struct {
	VisitedOn       domain.Date `json:"visited_on"`
	Kind            string      `json:"kind"`
	DurationMinutes int         `json:"duration_minutes"`
	Language        string      `json:"language"`
	Topics          []string    `json:"topics"`
	Note            string      `json:"note"`
}

// visitCreate answers POST /api/v1/tenancies/{id}/visits (the companion only).
func (a *API) visitCreate(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	var req visitRequest
	if err := decodeBody(c, &req); err != nil {
		return err
	}
	v := domain.Visit{VisitedOn: req.VisitedOn, Kind: domain.VisitKind(req.Kind), DurationMinutes: req.DurationMinutes,
		Language: domain.Language(req.Language), Note: req.Note}
	for _, t := range req.Topics {
		v.Topics = append(v.Topics, domain.VisitTopic(t))
	}
	got, err := a.tenancies.RecordVisit(c.UserContext(), actor(c), id, v)
	if err != nil {
		return err
	}
	return created(c, fmt.Sprintf("/api/v1/tenancies/%d/visits", id), visitOut(got))
}

type reportReplyJSON struct {
	ID           int64     `json:"id"`
	FromLandlord bool      `json:"from_landlord"`
	AuthorName   string    `json:"author_name"`
	Body         string    `json:"body"`
	CreatedAt    time.Time `json:"created_at"`
}

type reportJSON struct {
	ID                 int64             `json:"id"`
	TenancyID          int64             `json:"tenancy_id"`
	HouseholdReference string            `json:"household_reference"`
	Address            string            `json:"address"`
	Category           string            `json:"category"`
	Urgency            string            `json:"urgency"`
	Body               string            `json:"body"`
	Status             string            `json:"status"`
	FiledByName        string            `json:"filed_by_name"`
	FiledAt            time.Time         `json:"filed_at"`
	RespondBy          time.Time         `json:"respond_by"`
	FirstAnswerAt      *time.Time        `json:"first_answer_at"`
	InProgressAt       *time.Time        `json:"in_progress_at"`
	DoneAt             *time.Time        `json:"done_at"`
	Replies            []reportReplyJSON `json:"replies,omitempty"`
}

func reportOut(r *store.ReportRow, replies []domain.ReportReply) reportJSON {
	out := reportJSON{ID: r.ID, TenancyID: r.TenancyID, HouseholdReference: r.HouseholdReference, Address: r.Address(),
		Category: string(r.Category), Urgency: string(r.Urgency), Body: r.Body, Status: string(r.Status), FiledByName: r.FiledByName,
		FiledAt: r.CreatedAt, RespondBy: r.RespondBy, FirstAnswerAt: r.FirstAnswerAt, InProgressAt: r.InProgressAt}
	if r.Status == domain.ReportDone {
		out.DoneAt = r.DoneAt
	}
	for _, rp := range replies {
		out.Replies = append(out.Replies, reportReplyJSON{ID: rp.ID, FromLandlord: rp.FromLandlord(), AuthorName: rp.AuthorName,
			Body: rp.Body, CreatedAt: rp.CreatedAt})
	}
	if out.Replies == nil && replies != nil {
		out.Replies = []reportReplyJSON{}
	}
	return out
}

// reportList answers GET /api/v1/tenancies/{id}/reports.
func (a *API) reportList(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	pg, err := pageQuery(c, "tr")
	if err != nil {
		return err
	}
	act := actor(c)
	if _, err := a.tenancies.Get(c.UserContext(), act, id); err != nil {
		return err
	}
	rows, err := a.tenancies.Reports(c.UserContext(), act, store.ReportFilter{TenancyID: id})
	if err != nil {
		return err
	}
	return answerPage(c, "tr", pg, rows, func(r *store.ReportRow) int64 { return r.ID },
		func(r *store.ReportRow) reportJSON { return reportOut(r, nil) })
}

type reportRequest struct {
	Category string `json:"category"`
	Urgency  string `json:"urgency"`
	Body     string `json:"body"`
}

// reportCreate answers POST /api/v1/tenancies/{id}/reports (the tenancy's landlord).
func (a *API) reportCreate(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	var req reportRequest
	if err := decodeBody(c, &req); err != nil {
		return err
	}
	r, err := a.tenancies.FileReport(c.UserContext(), actor(c), id, domain.ReportInput{Category: domain.ReportCategory(req.Category),
		Urgency: domain.ReportUrgency(req.Urgency), Body: req.Body})
	if err != nil {
		return err
	}
	v, err := a.tenancies.Report(c.UserContext(), actor(c), r.ID)
	if err != nil {
		return err
	}
	return created(c, fmt.Sprintf("/api/v1/reports/%d", r.ID), reportOut(&v.Report, v.Replies))
}

// reportShow answers GET /api/v1/reports/{id}: the report with its thread.
func (a *API) reportShow(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	return a.reportAnswer(c, id, fiber.StatusOK)
}

func (a *API) reportAnswer(c *fiber.Ctx, id int64, status int) error {
	v, err := a.tenancies.Report(c.UserContext(), actor(c), id)
	if err != nil {
		return err
	}
	if status == fiber.StatusCreated {
		return created(c, fmt.Sprintf("/api/v1/reports/%d", id), reportOut(&v.Report, v.Replies))
	}
	return c.JSON(reportOut(&v.Report, v.Replies))
}

type replyRequest struct {
	Body string `json:"body"`
}

// reportReply answers POST /api/v1/reports/{id}/replies.
func (a *API) reportReply(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	var req replyRequest
	if err := decodeBody(c, &req); err != nil {
		return err
	}
	if _, err := a.tenancies.Reply(c.UserContext(), actor(c), id, req.Body); err != nil {
		return err
	}
	return a.reportAnswer(c, id, fiber.StatusCreated)
}

type reportStatusRequest struct {
	Status string `json:"status"`
}

// reportStatus answers POST /api/v1/reports/{id}/status.
func (a *API) reportStatus(c *fiber.Ctx) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	var req reportStatusRequest
	if err := decodeBody(c, &req); err != nil {
		return err
	}
	if err := a.tenancies.SetStatus(c.UserContext(), actor(c), id, domain.ReportStatus(req.Status)); err != nil {
		return err
	}
	return a.reportAnswer(c, id, fiber.StatusOK)
}
