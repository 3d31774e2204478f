package portal

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/stats"
)

// bar is one bar of a server-rendered SVG chart.
type bar struct {
	Label  string
	Value  int
	X, W   int
	Y, H   int
	TextX  int
	ValueY int
}

// barChart lays out vertical bars in a 640×220 viewBox.
type barChart struct {
	Title string
	Bars  []bar
}

func newBarChart(title string, labels []string, values []int) barChart {
	const width, height, top, bottom = 640, 220, 20, 40
	maxV := 1
	for _, v := range values {
		maxV = max(maxV, v)
	}
	ch := barChart{Title: title}
	slot := width / max(len(values), 1)
	for i, v := range values {
		h := v * (height - top - bottom) / maxV
		x := i*slot + slot/6
		ch.Bars = append(ch.Bars, bar{Label: labels[i], Value: v, X: x, W: slot * 2 / 3, Y: height - bottom - h, H: h,
			TextX: x + slot/3, ValueY: height - bottom - h - 4})
	}
	return ch
}

type statisticsData struct {
	Report     *stats.Report
	From, To   string
	Months     barChart
	Conversion barChart
	Waiting    barChart
	Tracks     []domain.Option
	Focus      []domain.Option
	Urgencies  []int
	// FromISO and ToISO are the period as the CSV links carry it (bis inclusive); each is
	// its own query parameter, so the download covers the period the page shows.
	FromISO, ToISO string
	// MonthNames names the report's months in German ("März 2026"), keyed like the report.
	MonthNames map[string]string
}

// germanMonths are the month names, January first.
var germanMonths = [...]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"}

// monthName turns a report month ("2026-03") into "März 2026".
func monthName(month string) string {
	m, err := strconv.Atoi(month[5:])
	if err != nil || m < 1 || m > 12 {
		return month
	}
	return germanMonths[m-1] + " " + month[:4]
}

// statsRange reads the range from the query (von, bis as TT.MM.JJJJ or ISO); bis is inclusive.
func (p *Portal) statsRange(c *fiber.Ctx) (stats.Range, *domain.ValidationError) {
	r := stats.DefaultRange(p.store.Today())
	ve := domain.NewValidationError()
	f := formParser{FormValues{"von": {c.Query("von")}, "bis": {c.Query("bis")}}, ve}
	if from := f.date("von"); !from.IsZero() {
		r.From = from
	}
	if to := f.date("bis"); !to.IsZero() {
		r.To = to.AddDays(1)
	}
	if r.To <= r.From {
		ve.Add("bis", "Das Ende des Zeitraums muss nach seinem Beginn liegen.")
	}
	if r.To.AddDays(-1) > r.From.AddDays(3*366) {
		ve.Add("bis", "Bitte wählen Sie höchstens drei Jahre.")
	}
	return r, ve
}

func (p *Portal) statistics(c *fiber.Ctx) error {
	r, ve := p.statsRange(c)
	if ve.OrNil() != nil {
		r = stats.DefaultRange(p.store.Today())
	}
	rep, err := p.stats.Report(c.UserContext(), actor(c), r)
	if err != nil {
		return err
	}
	d := statisticsData{Report: rep, From: r.From.String(), To: r.To.AddDays(-1).String(), Tracks: domain.TrackShortOptions,
		Focus: domain.FocusGroups.Options(), Urgencies: urgencies()}
	d.FromISO, d.ToISO = r.From.ISO(), r.To.AddDays(-1).ISO()
	var labels []string
	var values []int
	d.MonthNames = map[string]string{}
	for _, m := range rep.Months {
		labels, values = append(labels, m.Month[5:]+"/"+m.Month[2:4]), append(values, m.Total)
		d.MonthNames[m.Month] = monthName(m.Month)
	}
	d.Months = newBarChart("Vermittlungen je Monat", labels, values)
	d.Conversion = newBarChart("Von der Freigabe zum Mietvertrag", []string{"freigegeben", "besichtigt", "Mietvertrag"},
		[]int{rep.Conversion.Approved, rep.Conversion.Viewed, rep.Conversion.Leased})
	labels, values = nil, nil
	for _, w := range rep.Waiting {
		labels, values = append(labels, domain.FocusGroup(w.FocusGroup).Label()), append(values, w.Total)
	}
	d.Waiting = newBarChart("Wartende Haushalte nach Zielgruppe", shortLabels(labels), values)
	pg := p.page(c, "Statistik", d)
	pg.Form.Set("von", d.From)
	pg.Form.Set("bis", d.To)
	if ve.OrNil() != nil {
		pg.withErrors(ve, "von", "bis")
		c.Status(fiber.StatusUnprocessableEntity)
	}
	return p.views.render(c, "statistics", pg)
}

func shortLabels(ls []string) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		r := []rune(l)
		if len(r) > 14 {
			l = string(r[:13]) + "…"
		}
		out[i] = l
	}
	return out
}

// statisticsCSV answers one table of the statistics as CSV (semicolons, UTF-8 with BOM, so
// spreadsheet programs set to German open it correctly).
func (p *Portal) statisticsCSV(c *fiber.Ctx) error {
	r, ve := p.statsRange(c)
	if err := ve.OrNil(); err != nil {
		return err
	}
	rep, err := p.stats.Report(c.UserContext(), actor(c), r)
	if err != nil {
		return err
	}
	var rows [][]string
	table := c.Query("tabelle")
	switch table {
	case "vermittlungen":
		head := []string{"Monat", "gesamt"}
		for _, t := range domain.TrackShortOptions {
			head = append(head, t.Label)
		}
		for _, f := range domain.FocusGroups.Options() {
			head = append(head, "Zielgruppe "+f.Label)
		}
		rows = append(rows, head)
		for _, m := range rep.Months {
			row := []string{monthName(m.Month), strconv.Itoa(m.Total)}
			for _, t := range domain.Tracks.Codes() {
				row = append(row, strconv.Itoa(m.ByTrack[t]))
			}
			for _, f := range domain.FocusGroups.Options() {
				row = append(row, strconv.Itoa(m.ByFocusGroup[f.Value]))
			}
			rows = append(rows, row)
		}
	case "vermieter":
		rows = append(rows, []string{"Vermieter*in", "Kontingent", "angeboten", "vermietet"})
		for _, l := range rep.Landlords {
			rows = append(rows, []string{l.Name, strconv.Itoa(l.YearlyQuota), strconv.Itoa(l.Offered), strconv.Itoa(l.Let)})
		}
	case "wartende":
		head := []string{"Zielgruppe"}
		for _, u := range urgencies() {
			head = append(head, "Dringlichkeit "+strconv.Itoa(u))
		}
		rows = append(rows, append(head, "ohne Dringlichkeit", "gesamt"))
		for _, w := range rep.Waiting {
			row := []string{domain.FocusGroup(w.FocusGroup).Label()}
			for _, u := range append(urgencies(), 0) {
				row = append(row, strconv.Itoa(w.ByUrgency[u]))
			}
			rows = append(rows, append(row, strconv.Itoa(w.Total)))
		}
	case "umwandlung":
		rows = [][]string{{"Schritt", "Anzahl"}, {"freigegeben", strconv.Itoa(rep.Conversion.Approved)},
			{"besichtigt", strconv.Itoa(rep.Conversion.Viewed)}, {"Mietvertrag", strconv.Itoa(rep.Conversion.Leased)}}
	default:
		return fiber.ErrNotFound
	}
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	if err := w.WriteAll(neutraliseFormulas(rows)); err != nil {
		return fmt.Errorf("portal: statistics csv: %w", err)
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="wohnbruecke-%s-%s-%s.csv"`, table, r.From.ISO(), r.To.AddDays(-1).ISO()))
	return c.Send(buf.Bytes())
}

// urgencies are the urgency levels as the statistics' counters key them.
func urgencies() []int {
	out := make([]int, len(domain.Urgencies))
	for i, u := range domain.Urgencies.Values() {
		out[i] = int(u)
	}
	return out
}

// neutraliseFormulas prefixes every cell that a spreadsheet would read as a formula (it
// starts with = + - @, a tab or a carriage return) with a single quote, so a landlord
// named "=HYPERLINK(…)" shows as text in the export instead of running (OWASP "CSV
// injection"). Every cell of every export goes through here.
func neutraliseFormulas(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for i, row := range rows {
		out[i] = make([]string, len(row))
		for j, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				cell = "'" + cell
			}
			out[i][j] = cell
		}
	}
	return out
}
