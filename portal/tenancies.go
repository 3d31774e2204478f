package portal

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// The tenancy phase for the city's side (docs/design.md §8): staff and admins see every
// tenancy, a caseworker those she accompanies (the service decides).

func tenancyPath(id int64) string { return fmt.Sprintf("/mietverhaeltnisse/%d", id) }
func reportPath(id int64) string  { return fmt.Sprintf("/meldungen/%d", id) }

type tenancyListData struct {
	Tenancies []store.TenancyRow
	Today     domain.Date
	Open      map[int64]int
}

// tenancyList lists the tenancies the user may see, running ones first.
func (p *Portal) tenancyList(c *fiber.Ctx) error {
	ctx, a := c.UserContext(), actor(c)
	rows, err := p.tenancies.List(ctx, a, store.TenancyFilter{})
	if err != nil {
		return err
	}
	reports, err := p.tenancies.Reports(ctx, a, store.ReportFilter{Open: true})
	if err != nil {
		return err
	}
	open := map[int64]int{}
	for _, r := range reports {
		open[r.TenancyID]++
	}
	return p.views.render(c, "tenancies", p.page(c, "Mietverhältnisse", tenancyListData{rows, p.store.Today(), open}))
}

type tenancyData struct {
	T            *store.TenancyRow
	Today        domain.Date
	Reports      []store.ReportRow
	Visits       []domain.Visit
	CanEnd       bool
	CanRecord    bool
	VisitKinds   []domain.Option
	VisitTopics  []domain.Option
	Languages    []domain.Option
	EndReasons   []domain.Option
	HousedAnswer []domain.Option
}

// tenancyPage loads a tenancy with its reports and visits for the signed-in user.
func (p *Portal) tenancyPage(c *fiber.Ctx) (*Page, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return nil, err
	}
	ctx, a := c.UserContext(), actor(c)
	t, err := p.tenancies.Get(ctx, a, id)
	if err != nil {
		return nil, err
	}
	d := tenancyData{T: t, Today: p.store.Today(), CanEnd: a.CanEndTenancy(&t.Tenancy) && t.Active(),
		CanRecord: a.CanRecordVisit(&t.Tenancy) && t.Active(), VisitKinds: domain.VisitKinds.Options(),
		VisitTopics: domain.VisitTopics.Options(), Languages: domain.Languages.Options(),
		EndReasons: domain.TenancyEndReasons.Options(), HousedAnswer: housedAnswers}
	if d.Reports, err = p.tenancies.Reports(ctx, a, store.ReportFilter{TenancyID: id}); err != nil {
		return nil, err
	}
	if a.CanSeeVisits(&t.Tenancy) {
		if d.Visits, err = p.tenancies.Visits(ctx, a, id); err != nil {
			return nil, err
		}
	}
	pg := p.page(c, "Mietverhältnis "+t.HouseholdReference, d)
	pg.Form.Set("visited_on", d.Today.String())
	pg.Form.Set("duration_minutes", "60")
	pg.Form.Set("visit_early_days", strconv.Itoa(t.VisitEarlyDays))
	pg.Form.Set("visit_early_months", strconv.Itoa(t.VisitEarlyMonths))
	pg.Form.Set("visit_later_days", strconv.Itoa(t.VisitLaterDays))
	pg.Form.Set("end_date", d.Today.String())
	return pg, nil
}

var housedAnswers = []domain.Option{{Value: "yes", Label: "ja, der Haushalt hat weiterhin eine Wohnung"}, {Value: "no", Label: "nein oder unbekannt"}}

func (p *Portal) tenancyShow(c *fiber.Ctx) error {
	pg, err := p.tenancyPage(c)
	if err != nil {
		return err
	}
	return p.views.render(c, "tenancy", pg)
}

// tenancyVisit records a contact (the companion only).
func (p *Portal) tenancyVisit(c *fiber.Ctx) error {
	pg, err := p.tenancyPage(c)
	if err != nil {
		return err
	}
	d := pg.Data.(tenancyData)
	if !actor(c).CanRecordVisit(&d.T.Tenancy) {
		return domain.ErrForbidden // before the form's own checks: only the companion records
	}
	pg.Form = postedForm(c)
	v := domain.Visit{Kind: domain.VisitKind(pg.Form.Get("kind")), Language: domain.Language(pg.Form.Get("language")),
		Note: pg.Form.Get("note")}
	for _, t := range pg.Form["topics"] {
		v.Topics = append(v.Topics, domain.VisitTopic(t))
	}
	ve := domain.NewValidationError()
	if v.VisitedOn, err = domain.ParseDate(pg.Form.Get("visited_on")); err != nil {
		ve.Add("visited_on", "Bitte geben Sie das Datum als TT.MM.JJJJ an.")
	}
	if v.DurationMinutes, err = strconv.Atoi(strings.TrimSpace(pg.Form.Get("duration_minutes"))); err != nil {
		ve.Add("duration_minutes", "Bitte geben Sie die Dauer in ganzen Minuten an.")
	}
	if err = ve.OrNil(); err == nil {
		if _, err = p.tenancies.RecordVisit(c.UserContext(), actor(c), d.T.ID, v); err == nil {
			return p.redirectWithFlash(c, tenancyPath(d.T.ID)+"#kontakte", "Der Kontakt ist eingetragen.")
		}
	}
	return p.renderRefused(c, err, "tenancy", pg, nil, "visited_on", "kind", "duration_minutes", "language", "topics", "note")
}

// tenancyRhythm changes the planned rhythm of contacts.
func (p *Portal) tenancyRhythm(c *fiber.Ctx) error {
	pg, err := p.tenancyPage(c)
	if err != nil {
		return err
	}
	d := pg.Data.(tenancyData)
	pg.Form = postedForm(c)
	num := func(f string) int {
		n, err := strconv.Atoi(strings.TrimSpace(pg.Form.Get(f)))
		if err != nil {
			return -1
		}
		return n
	}
	r := domain.VisitRhythm{EarlyDays: num("visit_early_days"), EarlyMonths: num("visit_early_months"), LaterDays: num("visit_later_days")}
	if err := p.tenancies.SetRhythm(c.UserContext(), actor(c), d.T.ID, r); err != nil {
		return p.renderRefused(c, err, "tenancy", pg, nil, "visit_early_days", "visit_early_months", "visit_later_days")
	}
	return p.redirectWithFlash(c, tenancyPath(d.T.ID)+"#rhythmus", "Der Besuchsrhythmus ist gespeichert.")
}

// tenancyEnd records the end of the tenancy.
func (p *Portal) tenancyEnd(c *fiber.Ctx) error {
	pg, err := p.tenancyPage(c)
	if err != nil {
		return err
	}
	d := pg.Data.(tenancyData)
	pg.Form = postedForm(c)
	end := domain.TenancyEnd{Reason: domain.TenancyEndReason(pg.Form.Get("end_reason")), Note: pg.Form.Get("end_note")}
	switch pg.Form.Get("stably_housed") {
	case "yes":
		yes := true
		end.StablyHoused = &yes
	case "no":
		no := false
		end.StablyHoused = &no
	}
	ve := domain.NewValidationError()
	if end.EndDate, err = domain.ParseDate(pg.Form.Get("end_date")); err != nil {
		ve.Add("end_date", "Bitte geben Sie das Datum als TT.MM.JJJJ an.")
	}
	if err = ve.OrNil(); err == nil {
		if err = p.tenancies.End(c.UserContext(), actor(c), d.T.ID, end); err == nil {
			return p.redirectWithFlash(c, tenancyPath(d.T.ID), "Das Ende des Mietverhältnisses ist eingetragen.")
		}
	}
	return p.renderRefused(c, err, "tenancy", pg, nil, "end_date", "end_reason", "stably_housed", "end_note")
}

type reportData struct {
	*reportPageView
	Statuses []domain.ReportStatus
}

type reportPageView struct {
	Report  store.ReportRow
	Tenancy *store.TenancyRow
	Replies []domain.ReportReply
	Now     domain.Date
	Overdue bool
	CanMove bool
}

// reportPage loads a report for the city's side.
func (p *Portal) reportPage(c *fiber.Ctx) (*Page, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return nil, err
	}
	a := actor(c)
	v, err := p.tenancies.Report(c.UserContext(), a, id)
	if err != nil {
		return nil, err
	}
	d := reportData{reportPageView: &reportPageView{Report: v.Report, Tenancy: v.Tenancy, Replies: v.Replies, Now: p.store.Today(),
		Overdue: v.Report.Overdue(p.store.Now()), CanMove: a.CanHandleReport(&v.Tenancy.Tenancy)}}
	for _, s := range domain.ReportTransitions.Next(v.Report.Status) {
		if d.CanMove {
			d.Statuses = append(d.Statuses, s)
		}
	}
	return p.page(c, "Meldung: "+v.Report.Category.Label()+" – "+v.Tenancy.HouseholdReference, d), nil
}

func (p *Portal) reportShow(c *fiber.Ctx) error {
	pg, err := p.reportPage(c)
	if err != nil {
		return err
	}
	return p.views.render(c, "report", pg)
}

// reportReply writes the city's answer in the thread.
func (p *Portal) reportReply(c *fiber.Ctx) error {
	pg, err := p.reportPage(c)
	if err != nil {
		return err
	}
	d := pg.Data.(reportData)
	pg.Form = postedForm(c)
	if _, err := p.tenancies.Reply(c.UserContext(), actor(c), d.Report.ID, pg.Form.Get("body")); err != nil {
		return p.renderRefused(c, err, "report", pg, nil, "body")
	}
	return p.redirectWithFlash(c, reportPath(d.Report.ID)+"#verlauf", "Ihre Antwort ist gespeichert. Die Vermieter*in wird per E-Mail informiert.")
}

// reportStatus changes the report's status.
func (p *Portal) reportStatus(c *fiber.Ctx) error {
	pg, err := p.reportPage(c)
	if err != nil {
		return err
	}
	d := pg.Data.(reportData)
	to := domain.ReportStatus(c.FormValue("status"))
	if err := p.tenancies.SetStatus(c.UserContext(), actor(c), d.Report.ID, to); err != nil {
		if m, ok := conflictMessage(err); ok {
			return p.redirectWithError(c, reportPath(d.Report.ID), m)
		}
		var ve *domain.ValidationError
		if errors.As(err, &ve) {
			return p.redirectWithError(c, reportPath(d.Report.ID), ve.Fields["status"])
		}
		return err
	}
	return p.redirectWithFlash(c, reportPath(d.Report.ID), "Die Meldung ist jetzt „"+to.Label()+"“.")
}

// reportList lists the reports the user may see, open ones first.
func (p *Portal) reportList(c *fiber.Ctx) error {
	ctx, a := c.UserContext(), actor(c)
	rows, err := p.tenancies.Reports(ctx, a, store.ReportFilter{})
	if err != nil {
		return err
	}
	var open, closed []store.ReportRow
	for _, r := range rows {
		if r.Status.Open() {
			open = append(open, r)
		} else {
			closed = append(closed, r)
		}
	}
	return p.views.render(c, "reports", p.page(c, "Meldungen von Vermieter*innen", struct {
		Open, Closed []store.ReportRow
		Now          time.Time
	}{open, closed, p.store.Now()}))
}
