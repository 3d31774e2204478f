package portal

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/stats"
)

// sustainCell is one horizon of a sustainment table row, formatted the German way.
type sustainCell struct {
	Counted, Kept, Housed  int
	KeptShare, HousedShare string
}

// sustainRow is one row of a sustainment table.
type sustainRow struct {
	Label     string
	Tenancies int
	Cells     []sustainCell
}

// sustainTable is one of the sustainment tables (by cohort, track, focus group, landlord).
type sustainTable struct {
	ID, Title, Head, CSV string
	Rows                 []sustainRow
}

type tenancyStatisticsData struct {
	S        *stats.Sustainment
	Horizons []int
	Tables   []sustainTable
	Chart    barChart
	Visits   barChart
	// Reports and visits, formatted.
	ReportRows      []countRow
	MedianHours     string
	WithinShare     string
	VisitRows       []visitRow
	SatisfactionRow []satisfactionRow
	Questions       []domain.SatisfactionQuestion
}

type countRow struct {
	Label string
	N     int
}

type visitRow struct {
	Month             string
	Visits, Tenancies int
	PerTenancy        string
}

type satisfactionRow struct {
	Months, Sent, Answered int
	Means                  []string
}

// percent writes a share in percent with one decimal ("82,6 %"), "–" without a base.
func percent(p *float64) string {
	if p == nil {
		return "–"
	}
	return domain.Decimal(*p, 1) + " %"
}

func decimalOrDash(p *float64) string {
	if p == nil {
		return "–"
	}
	return domain.Decimal(*p, 1)
}

func sustainRowsOf(groups []stats.Group, label func(stats.Group) string) []sustainRow {
	var out []sustainRow
	for _, g := range groups {
		r := sustainRow{Label: label(g), Tenancies: g.Tenancies}
		for _, c := range g.Cells {
			r.Cells = append(r.Cells, sustainCell{Counted: c.Counted, Kept: c.Kept, Housed: c.Housed,
				KeptShare: percent(c.KeptShare()), HousedShare: percent(c.HousedShare())})
		}
		out = append(out, r)
	}
	return out
}

// tenancyStatisticsData formats the sustainment report for the page and the CSV.
func newTenancyStatisticsData(s *stats.Sustainment) tenancyStatisticsData {
	d := tenancyStatisticsData{S: s, Horizons: s.Horizons, Questions: domain.SatisfactionQuestions}
	plain := func(g stats.Group) string { return g.Label }
	d.Tables = []sustainTable{
		{ID: "gesamt", Title: "Alle Mietverhältnisse", Head: "", CSV: "gesamt", Rows: sustainRowsOf([]stats.Group{s.Total}, plain)},
		{ID: "kohorten", Title: "Nach Monat des Mietbeginns", Head: "Mietbeginn", CSV: "kohorten",
			Rows: sustainRowsOf(s.ByCohort, func(g stats.Group) string { return monthName(g.Key) })},
		{ID: "grundlage", Title: "Nach Grundlage", Head: "Grundlage", CSV: "grundlage", Rows: sustainRowsOf(s.ByTrack, plain)},
		{ID: "zielgruppe", Title: "Nach Zielgruppe", Head: "Zielgruppe", CSV: "zielgruppe", Rows: sustainRowsOf(s.ByFocusGroup, plain)},
		{ID: "vermieter", Title: "Nach Vermieter*in", Head: "Vermieter*in", CSV: "vermieter", Rows: sustainRowsOf(s.ByLandlord, plain)},
	}
	var labels []string
	var values []int
	for i, h := range s.Horizons {
		c := s.Total.Cells[i]
		labels = append(labels, fmt.Sprintf("%d M. Wohnung", h), fmt.Sprintf("%d M. versorgt", h))
		values = append(values, roundShare(c.KeptShare()), roundShare(c.HousedShare()))
	}
	d.Chart = newBarChart("Anteil in der vermittelten Wohnung und mit Wohnung versorgt, in Prozent", labels, values)
	for _, c := range domain.ReportCategories {
		d.ReportRows = append(d.ReportRows, countRow{c.Label, s.Reports.ByCategory[string(c.Value)]})
	}
	d.MedianHours = decimalOrDash(s.Reports.MedianHoursToAnswer)
	d.WithinShare = percent(s.Reports.WithinTargetShare())
	labels, values = nil, nil
	for _, v := range s.Visits {
		d.VisitRows = append(d.VisitRows, visitRow{Month: monthName(v.Month), Visits: v.Visits, Tenancies: v.Tenancies,
			PerTenancy: decimalOrDash(v.PerTenancy)})
		labels, values = append(labels, v.Month[5:]+"/"+v.Month[2:4]), append(values, v.Visits)
	}
	d.Visits = newBarChart("Kontakte der Wohnbegleitung je Monat", labels, values)
	for _, sat := range s.Satisfaction {
		r := satisfactionRow{Months: sat.Months, Sent: sat.Sent, Answered: sat.Answered}
		for _, m := range sat.Means {
			r.Means = append(r.Means, decimalOrDash(m))
		}
		d.SatisfactionRow = append(d.SatisfactionRow, r)
	}
	return d
}

func roundShare(p *float64) int {
	if p == nil {
		return 0
	}
	return int(math.Round(*p))
}

// tenancyStatistics shows the tenancy phase's figures: sustainment, reports, visits and
// the landlords' satisfaction.
func (p *Portal) tenancyStatistics(c *fiber.Ctx) error {
	s, err := p.stats.Sustainment(c.UserContext(), actor(c))
	if err != nil {
		return err
	}
	return p.views.render(c, "tenancy_statistics", p.page(c, "Statistik der Mietverhältnisse", newTenancyStatisticsData(s)))
}

// tenancyStatisticsCSV answers one table of the tenancy statistics as CSV (semicolons,
// UTF-8 with BOM, formulas neutralised, like the other statistics).
func (p *Portal) tenancyStatisticsCSV(c *fiber.Ctx) error {
	s, err := p.stats.Sustainment(c.UserContext(), actor(c))
	if err != nil {
		return err
	}
	d := newTenancyStatisticsData(s)
	table := c.Query("tabelle")
	var rows [][]string
	for _, t := range d.Tables {
		if t.CSV != table {
			continue
		}
		head := []string{orDefault(t.Head, "Gruppe"), "Mietverhältnisse"}
		for _, h := range d.Horizons {
			m := strconv.Itoa(h) + " Monate: "
			head = append(head, m+"gezählt", m+"in der Wohnung", m+"in der Wohnung (Anteil)", m+"mit Wohnung versorgt", m+"mit Wohnung versorgt (Anteil)")
		}
		rows = append(rows, head)
		for _, r := range t.Rows {
			row := []string{r.Label, strconv.Itoa(r.Tenancies)}
			for _, c := range r.Cells {
				row = append(row, strconv.Itoa(c.Counted), strconv.Itoa(c.Kept), c.KeptShare, strconv.Itoa(c.Housed), c.HousedShare)
			}
			rows = append(rows, row)
		}
	}
	switch table {
	case "meldungen":
		rows = append(rows, []string{"Kategorie", "Meldungen"})
		for _, r := range d.ReportRows {
			rows = append(rows, []string{r.Label, strconv.Itoa(r.N)})
		}
		rows = append(rows, []string{"gesamt", strconv.Itoa(s.Reports.Total)}, []string{"beantwortet", strconv.Itoa(s.Reports.Answered)},
			[]string{"Stunden bis zur ersten Antwort (Median)", d.MedianHours}, []string{"innerhalb der Frist beantwortet", d.WithinShare})
	case "kontakte":
		rows = append(rows, []string{"Monat", "Kontakte", "laufende Mietverhältnisse", "Kontakte je Mietverhältnis"})
		for _, r := range d.VisitRows {
			rows = append(rows, []string{r.Month, strconv.Itoa(r.Visits), strconv.Itoa(r.Tenancies), r.PerTenancy})
		}
	case "zufriedenheit":
		head := []string{"nach Monaten", "verschickt", "beantwortet"}
		for _, q := range d.Questions {
			head = append(head, q.Text+" (Mittelwert 1–5)")
		}
		rows = append(rows, head)
		for _, r := range d.SatisfactionRow {
			rows = append(rows, append([]string{strconv.Itoa(r.Months), strconv.Itoa(r.Sent), strconv.Itoa(r.Answered)}, r.Means...))
		}
	}
	if len(rows) == 0 {
		return fiber.ErrNotFound
	}
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	if err := w.WriteAll(neutraliseFormulas(rows)); err != nil {
		return fmt.Errorf("portal: tenancy statistics csv: %w", err)
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="wohnbruecke-mietverhaeltnisse-%s-%s.csv"`, table, s.Today.ISO()))
	return c.Send(buf.Bytes())
}

func orDefault(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}
