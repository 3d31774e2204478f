package portal

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/privacy"
	"wohnbruecke/internal/statutory"
)

// statutoryData is the page of statutory counts and reports.
type statutoryData struct {
	Years  []int
	Counts []statutory.Count
	Target int
}

// statutoryPage lists the statutory counts and the project report, each as CSV for this and
// the last years (reached from the statistics page).
func (p *Portal) statutoryPage(c *fiber.Ctx) error {
	if !actor(c).CanExportStatutory() {
		return fiber.ErrForbidden
	}
	y := p.store.Today().Year()
	d := statutoryData{Years: []int{y, y - 1, y - 2}, Counts: statutory.Counts, Target: statutory.SeniorWGTarget}
	return p.views.render(c, "statutory", p.page(c, "Gesetzliche Zählungen und Berichte", d))
}

// statutoryCSV sends one count or the project report of a year as CSV.
func (p *Portal) statutoryCSV(c *fiber.Ctx) error {
	year, err := strconv.Atoi(c.Query("jahr"))
	if err != nil || year < 2000 || year > 2100 {
		return fiber.NewError(fiber.StatusBadRequest, "Bitte wählen Sie ein Jahr.")
	}
	var rows [][]string
	key := c.Query("bericht")
	if key == "projekt" {
		rows, err = p.statutory.ProjectRows(c.UserContext(), actor(c), year)
	} else if count, ok := statutory.CountByKey(key); ok {
		rows, err = p.statutory.PersonRows(c.UserContext(), actor(c), count, count.DayIn(year))
	} else {
		return fiber.ErrNotFound
	}
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	if err := w.WriteAll(neutraliseFormulas(rows)); err != nil {
		return fmt.Errorf("portal: statutory csv: %w", err)
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="wohnbruecke-%s-%d.csv"`, key, year))
	return c.Send(buf.Bytes())
}

// retentionData is the dry run of the retention job for staff.
type retentionData struct {
	Due       []privacy.Due
	Retention privacy.Retention
	Days      int
}

// retentionPage shows which households the nightly job anonymises in the next 60 days.
func (p *Portal) retentionPage(c *fiber.Ctx) error {
	const days = 60
	due, r, err := p.privacy.RetentionPreview(c.UserContext(), actor(c), days)
	if err != nil {
		return err
	}
	return p.views.render(c, "retention", p.page(c, "Aufbewahrungsfristen", retentionData{Due: due, Retention: r, Days: days}))
}
