package portal

import (
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
)

const auditPerPage = 100

// auditRow is one line of the audit log as people read it.
type auditRow struct {
	domain.AuditEntry
	Text   string // the German sentence, with the record named (domain.AuditText)
	Detail string // domain.AuditDetail
}

type auditData struct {
	Entries  []auditRow
	Entity   string
	PrevLink string
	NextLink string
}

// adminAudit lists the audit log: who did what to which record, and who opened which household.
func (p *Portal) adminAudit(c *fiber.Ctx) error {
	entity := c.Query("bereich")
	entityID, _ := strconv.ParseInt(c.Query("id"), 10, 64)
	page, err := queryInt(c, "seite", "Die Seitenzahl", 1, 1, maxPage)
	if err != nil {
		return err
	}
	entries, err := p.store.AuditEntries(c.UserContext(), entity, entityID, auditPerPage+1, (page-1)*auditPerPage)
	if err != nil {
		return err
	}
	d := auditData{Entity: entity}
	link := func(n int) string {
		q := url.Values{"seite": {strconv.Itoa(n)}}
		if entity != "" {
			q.Set("bereich", entity)
		}
		if entityID != 0 {
			q.Set("id", strconv.FormatInt(entityID, 10))
		}
		return "/verwaltung/protokoll?" + q.Encode()
	}
	if len(entries) > auditPerPage {
		entries, d.NextLink = entries[:auditPerPage], link(page+1)
	}
	if page > 1 {
		d.PrevLink = link(page - 1)
	}
	subjects, err := p.store.AuditSubjects(c.UserContext(), entries)
	if err != nil {
		return err
	}
	for _, e := range entries {
		var subject string
		if e.EntityID != nil {
			subject = subjects[e.Entity][*e.EntityID]
		}
		d.Entries = append(d.Entries, auditRow{AuditEntry: e, Text: domain.AuditText(e.Action, e.EntityID, subject),
			Detail: domain.AuditDetail(e.Detail)})
	}
	pg := p.page(c, "Protokoll", d)
	pg.Form.Set("bereich", entity)
	return p.views.render(c, "admin_audit", pg)
}
