package portal

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/stats"
)

// equityData is the equity dashboard (design §10.1).
type equityData struct {
	Report         *stats.EquityReport
	From, To       string
	FromISO, ToISO string
	Shares         barChart // placements share per focus group
	Pool           barChart // pool share per focus group
}

func (p *Portal) equity(c *fiber.Ctx) error {
	r, ve := p.statsRange(c)
	if ve.OrNil() != nil {
		r = stats.DefaultRange(p.store.Today())
	}
	rep, err := p.stats.Equity(c.UserContext(), actor(c), r)
	if err != nil {
		return err
	}
	d := equityData{Report: rep, From: r.From.String(), To: r.To.AddDays(-1).String(), FromISO: r.From.ISO(), ToISO: r.To.AddDays(-1).ISO()}
	var labels []string
	var pool, placed []int
	for _, g := range rep.FocusGroups {
		labels = append(labels, g.Label)
		pool, placed = append(pool, g.Pool), append(placed, g.Placements)
	}
	d.Pool = newBarChart("Haushalte im Bestand nach Zielgruppe", shortLabels(labels), pool)
	d.Shares = newBarChart("Vermittlungen nach Zielgruppe", shortLabels(labels), placed)
	pg := p.page(c, "Fairness-Auswertung", d)
	pg.Form.Set("von", d.From)
	pg.Form.Set("bis", d.To)
	if ve.OrNil() != nil {
		pg.withErrors(ve, "von", "bis")
		c.Status(fiber.StatusUnprocessableEntity)
	}
	return p.views.render(c, "equity", pg)
}

// pct writes a percentage the German way ("33,3 %"), "–" when there is nothing to divide.
func pct(f *float64) string {
	if f == nil {
		return "–"
	}
	return domain.Decimal(*f, 1) + " %"
}

// days writes a number of days the German way ("186,5"), "–" for none.
func days(f *float64) string {
	if f == nil {
		return "–"
	}
	return domain.Decimal(*f, 1)
}

// equityGroupRows is the table of focus groups or tracks as CSV rows.
func equityGroupRows(first string, gs []stats.EquityGroup) [][]string {
	rows := [][]string{{first, "Bestand", "Anteil Bestand", "Vorschläge", "Anteil Vorschläge", "Besichtigungen", "Anteil Besichtigungen",
		"Vermittlungen", "Anteil Vermittlungen", "Erfolgsquote Vorschlag → Mietvertrag", "Tage bis Vermittlung (Median)",
		"Tage bis Vermittlung (90. Perzentil)", "Absagen Haushalt", "nicht erschienen", "Absagen Vermieter*in", "Abweichungen von der Rangfolge"}}
	for _, g := range gs {
		rows = append(rows, []string{g.Label, strconv.Itoa(g.Pool), pct(g.PoolShare), strconv.Itoa(g.Proposals), pct(g.ProposalShare),
			strconv.Itoa(g.Viewings), pct(g.ViewingShare), strconv.Itoa(g.Placements), pct(g.PlacementShare), pct(g.SuccessRate),
			days(g.MedianDays), days(g.P90Days), strconv.Itoa(g.Declined), strconv.Itoa(g.NoShow), strconv.Itoa(g.Rejected), strconv.Itoa(g.Overrides)})
	}
	return rows
}

// equityCSV answers one table of the equity dashboard as CSV, like statisticsCSV.
func (p *Portal) equityCSV(c *fiber.Ctx) error {
	r, ve := p.statsRange(c)
	if err := ve.OrNil(); err != nil {
		return err
	}
	rep, err := p.stats.Equity(c.UserContext(), actor(c), r)
	if err != nil {
		return err
	}
	var rows [][]string
	table := c.Query("tabelle")
	switch table {
	case "zielgruppen":
		rows = equityGroupRows("Zielgruppe", append(rep.FocusGroups, rep.Totals))
	case "grundlagen":
		rows = equityGroupRows("Grundlage", append(rep.Tracks, rep.Totals))
	case "absagen":
		rows = append(rows, []string{"Seite und Grund", "Anzahl", "Anteil an allen Vorschlägen"})
		for _, x := range rep.Refusals {
			rows = append(rows, []string{x.Label, strconv.Itoa(x.Count), pct(x.Rate)})
		}
		for _, o := range rep.Overrides {
			rows = append(rows, []string{"Abweichung von der Rangfolge: " + o.Label, strconv.Itoa(o.Count), ""})
		}
	case "vermieter":
		rows = append(rows, []string{"Vermieter*in", "Vermietungen", "Tage bis zur Vermietung (Median)", "Vorschläge je Vermietung"})
		for _, l := range rep.Landlords {
			rows = append(rows, []string{l.Name, strconv.Itoa(l.Lets), days(l.MedianDaysToLet), days(l.ProposalsPerLet)})
		}
	case "kontingente":
		rows = append(rows, []string{"Kooperationspartner*in", "Kontingent pro Jahr", "Soll im Zeitraum", "angeboten", "vermietet"})
		for _, q := range rep.Quotas {
			rows = append(rows, []string{q.Name, strconv.Itoa(q.YearlyQuota), domain.Decimal(q.Target, 1), strconv.Itoa(q.Offered), strconv.Itoa(q.Let)})
		}
	default:
		return fiber.ErrNotFound
	}
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	if err := w.WriteAll(neutraliseFormulas(rows)); err != nil {
		return fmt.Errorf("portal: equity csv: %w", err)
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="wohnbruecke-fairness-%s-%s-%s.csv"`, table, r.From.ISO(), r.To.AddDays(-1).ISO()))
	return c.Send(buf.Bytes())
}
