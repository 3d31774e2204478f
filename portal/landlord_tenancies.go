package portal

import (
	"fmt"
	"time"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// The tenancy phase in the landlord area (docs/design.md §8): the landlord's tenancies and
// its reports (Meldungen) with their threads. Templates receive only domain.LandlordTenancy
// and landlordReport, never the tenancy row, the household or the visit log.

func landlordTenancyPath(id int64) string { return fmt.Sprintf("/vermieter/mietverhaeltnisse/%d", id) }
func landlordReportPath(id int64) string  { return fmt.Sprintf("/vermieter/meldungen/%d", id) }

// landlordReport is a report as its landlord follows it.
type landlordReport struct {
	ID           int64
	TenancyID    int64
	Reference    string
	Address      string
	Category     domain.ReportCategory
	Urgency      domain.ReportUrgency
	Body         string
	Status       domain.ReportStatus
	FiledByName  string
	FiledAt      time.Time
	InProgressAt *time.Time
	DoneAt       *time.Time
	DueDay       domain.Date
	Replies      int
}

func landlordReportOf(r *store.ReportRow) landlordReport {
	return landlordReport{ID: r.ID, TenancyID: r.TenancyID, Reference: r.HouseholdReference, Address: r.Address(),
		Category: r.Category, Urgency: r.Urgency, Body: r.Body, Status: r.Status, FiledByName: r.FiledByName,
		FiledAt: r.CreatedAt, InProgressAt: r.InProgressAt, DoneAt: r.DoneAt, DueDay: r.DueDay(), Replies: r.Replies}
}

// landlordReply is one message of a thread as the landlord sees it: the city's side by name.
type landlordReply struct {
	FromLandlord bool
	Author       string
	Body         string
	At           time.Time
}

func landlordRepliesOf(rs []domain.ReportReply) []landlordReply {
	out := make([]landlordReply, len(rs))
	for i, r := range rs {
		out[i] = landlordReply{FromLandlord: r.FromLandlord(), Author: r.AuthorName, Body: r.Body, At: r.CreatedAt}
	}
	return out
}

type landlordTenanciesData struct {
	Tenancies []domain.LandlordTenancy
	Reports   []landlordReport
}

// landlordTenancies lists the landlord's tenancies and reports.
func (p *Portal) landlordTenancies(c *fiber.Ctx) error {
	ctx, a := c.UserContext(), actor(c)
	rows, err := p.tenancies.List(ctx, a, store.TenancyFilter{})
	if err != nil {
		return err
	}
	reports, err := p.tenancies.Reports(ctx, a, store.ReportFilter{})
	if err != nil {
		return err
	}
	var d landlordTenanciesData
	for i := range rows {
		d.Tenancies = append(d.Tenancies, domain.LandlordTenancyOf(&rows[i].Tenancy, rows[i].HouseholdReference, rows[i].Address()))
	}
	for i := range reports {
		d.Reports = append(d.Reports, landlordReportOf(&reports[i]))
	}
	return p.views.render(c, "landlord_tenancies", p.page(c, "Mietverhältnisse und Meldungen", d))
}

type landlordTenancyData struct {
	Tenancy    domain.LandlordTenancy
	Reports    []landlordReport
	Categories []domain.Option
	Urgencies  []domain.Option
}

func (p *Portal) landlordTenancyPage(c *fiber.Ctx) (*Page, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return nil, err
	}
	ctx, a := c.UserContext(), actor(c)
	t, err := p.tenancies.Get(ctx, a, id)
	if err != nil {
		return nil, err
	}
	reports, err := p.tenancies.Reports(ctx, a, store.ReportFilter{TenancyID: id})
	if err != nil {
		return nil, err
	}
	d := landlordTenancyData{Tenancy: domain.LandlordTenancyOf(&t.Tenancy, t.HouseholdReference, t.Address()),
		Categories: domain.ReportCategories.Options(), Urgencies: domain.ReportUrgencies.Options()}
	for i := range reports {
		d.Reports = append(d.Reports, landlordReportOf(&reports[i]))
	}
	pg := p.page(c, "Mietverhältnis "+t.HouseholdReference, d)
	pg.Form.Set("urgency", string(domain.ReportNormal))
	return pg, nil
}

func (p *Portal) landlordTenancy(c *fiber.Ctx) error {
	pg, err := p.landlordTenancyPage(c)
	if err != nil {
		return err
	}
	return p.views.render(c, "landlord_tenancy", pg)
}

// landlordReportFile files a report about the tenancy.
func (p *Portal) landlordReportFile(c *fiber.Ctx) error {
	pg, err := p.landlordTenancyPage(c)
	if err != nil {
		return err
	}
	d := pg.Data.(landlordTenancyData)
	pg.Form = postedForm(c)
	in := domain.ReportInput{Category: domain.ReportCategory(pg.Form.Get("category")),
		Urgency: domain.ReportUrgency(pg.Form.Get("urgency")), Body: pg.Form.Get("body")}
	r, err := p.tenancies.FileReport(c.UserContext(), actor(c), d.Tenancy.ID, in)
	if err != nil {
		return p.renderRefused(c, err, "landlord_tenancy", pg, nil, "category", "urgency", "body")
	}
	return p.redirectWithFlash(c, landlordReportPath(r.ID),
		"Ihre Meldung ist eingegangen. Ihre Ansprechperson und die Wohnbegleitung sind informiert und antworten bis Ende "+
			germanDay(r.DueDay())+".")
}

type landlordReportData struct {
	Report  landlordReport
	Replies []landlordReply
	Steps   []reportStep
}

// reportStep is one status of the report on its way, with the day it was reached.
type reportStep struct {
	Label string
	At    *time.Time
	Done  bool
}

func (p *Portal) landlordReportPage(c *fiber.Ctx) (*Page, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return nil, err
	}
	v, err := p.tenancies.Report(c.UserContext(), actor(c), id)
	if err != nil {
		return nil, err
	}
	r := landlordReportOf(&v.Report)
	filed := r.FiledAt
	d := landlordReportData{Report: r, Replies: landlordRepliesOf(v.Replies), Steps: []reportStep{
		{domain.ReportReceived.Label(), &filed, true},
		{domain.ReportInProgress.Label(), r.InProgressAt, r.InProgressAt != nil || r.Status == domain.ReportInProgress},
		{domain.ReportDone.Label(), r.DoneAt, r.Status == domain.ReportDone},
	}}
	if r.Status != domain.ReportDone {
		d.Steps[2].At = nil
	}
	return p.page(c, "Meldung: "+r.Category.Label(), d), nil
}

func (p *Portal) landlordReport(c *fiber.Ctx) error {
	pg, err := p.landlordReportPage(c)
	if err != nil {
		return err
	}
	return p.views.render(c, "landlord_report", pg)
}

// landlordReportReply writes the landlord's message in the thread.
func (p *Portal) landlordReportReply(c *fiber.Ctx) error {
	pg, err := p.landlordReportPage(c)
	if err != nil {
		return err
	}
	d := pg.Data.(landlordReportData)
	pg.Form = postedForm(c)
	if _, err := p.tenancies.Reply(c.UserContext(), actor(c), d.Report.ID, pg.Form.Get("body")); err != nil {
		return p.renderRefused(c, err, "landlord_report", pg, nil, "body")
	}
	return p.redirectWithFlash(c, landlordReportPath(d.Report.ID)+"#verlauf", "Ihre Nachricht ist gesendet.")
}

// germanDay is "Freitag, 06.03.2026".
func germanDay(d domain.Date) string {
	days := [...]string{"Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"}
	return days[d.Time().Weekday()] + ", " + d.String()
}
