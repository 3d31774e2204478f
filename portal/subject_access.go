package portal

import (
	"fmt"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/privacy"
)

// subjectAccessData is the printable access export (Art. 15 GDPR) of one household.
type subjectAccessData struct {
	Export   *privacy.Export
	Sections []subjectSectionView
}

// subjectSectionView is one table of the export with German-formatted cells.
type subjectSectionView struct {
	Label   string
	Table   string
	Columns []string
	Rows    [][]string
}

// subjectAccess shows the printable page of everything stored about a household.
func (p *Portal) subjectAccess(c *fiber.Ctx) error {
	e, err := p.subjectExport(c)
	if err != nil {
		return err
	}
	d := subjectAccessData{Export: e}
	for _, s := range e.Sections {
		v := subjectSectionView{Label: s.Label, Table: s.Table}
		var cols []string
		for _, col := range s.Columns {
			if c, ok := subjectColumns[s.Table][col]; ok {
				cols = append(cols, col)
				v.Columns = append(v.Columns, c.label)
			}
		}
		for _, r := range s.Rows {
			cells := make([]string, len(cols))
			for i, col := range cols {
				cells[i] = subjectCell(s.Table, col, r[col])
			}
			v.Rows = append(v.Rows, cells)
		}
		d.Sections = append(d.Sections, v)
	}
	return p.views.render(c, "subject_access", p.page(c, "Auskunft über Haushalt "+e.Reference, d))
}

// subjectAccessJSON sends the same export as a JSON file.
func (p *Portal) subjectAccessJSON(c *fiber.Ctx) error {
	e, err := p.subjectExport(c)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="auskunft-%s-%s.json"`, e.Reference, domain.DateOf(e.GeneratedAt).ISO()))
	return c.JSON(e)
}

func (p *Portal) subjectExport(c *fiber.Ctx) (*privacy.Export, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return nil, err
	}
	return p.privacy.Export(c.UserContext(), actor(c), id)
}

// germanCell writes a stored value as the portal writes it: dates and times German,
// numbers with a decimal comma, yes/no for booleans.
func germanCell(v any) string {
	switch x := v.(type) {
	case nil:
		return "–"
	case bool:
		if x {
			return "ja"
		}
		return "nein"
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return domain.Decimal(x, 2)
	case string:
		if t, err := time.Parse(time.RFC3339, x); err == nil {
			return t.In(domain.Berlin).Format("02.01.2006, 15:04 Uhr")
		}
		if d, err := domain.ParseDate(x); err == nil && len(x) == 10 {
			return d.String()
		}
		if x == "" {
			return "–"
		}
		return x
	}
	return fmt.Sprint(v)
}
