package portal

import (
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

const householdsPerPage = 50

type householdsListData struct {
	Rows       []store.HouseholdListRow
	Total      int64
	Page       int
	Pages      int
	Query      url.Values
	Today      domain.Date
	SortLinks  map[string]string
	PrevLink   string
	NextLink   string
	CanCreate  bool
	FilterUsed bool
}

func (p *Portal) householdsList(c *fiber.Ctx) error {
	q := url.Values{}
	for _, k := range []string{"q", "track", "focus_group", "urgency", "status", "language", "borough", "wait", "sort", "desc", "page"} {
		if v := c.Query(k); v != "" {
			q.Set(k, v)
		}
	}
	f := store.HouseholdFilter{Query: q.Get("q"), Track: domain.Track(q.Get("track")), FocusGroup: domain.FocusGroup(q.Get("focus_group")),
		Status: q.Get("status"), Language: domain.Language(q.Get("language")), Borough: domain.Borough(q.Get("borough")),
		Sort: q.Get("sort"), Desc: q.Get("desc") == "1", PerPage: householdsPerPage}
	urgency, err := queryInt(c, "urgency", "Die Dringlichkeit", 0, 0, len(domain.Urgencies))
	if err != nil {
		return err
	}
	f.Urgency = domain.Urgency(urgency)
	if f.MinWaitDays, err = queryInt(c, "wait", "Die Wartezeit", 0, 0, 36500); err != nil {
		return err
	}
	if f.Page, err = queryInt(c, "page", "Die Seitenzahl", 1, 1, maxPage); err != nil {
		return err
	}
	rows, total, err := p.households.List(c.UserContext(), actor(c), f)
	if err != nil {
		return err
	}
	d := householdsListData{Rows: rows, Total: total, Page: f.Page, Query: q, Today: p.store.Today(),
		Pages: int((total + householdsPerPage - 1) / householdsPerPage), SortLinks: map[string]string{}, CanCreate: true}
	for _, k := range []string{"q", "track", "focus_group", "urgency", "status", "language", "borough", "wait"} {
		d.FilterUsed = d.FilterUsed || q.Get(k) != ""
	}
	link := func(change map[string]string) string {
		l := url.Values{}
		for k, v := range q {
			l[k] = v
		}
		for k, v := range change {
			if v == "" {
				l.Del(k)
			} else {
				l.Set(k, v)
			}
		}
		return "/haushalte?" + l.Encode()
	}
	for _, s := range []string{"reference", "contact_name", "persons", "urgency", "registered_on"} {
		desc := ""
		if q.Get("sort") == s && q.Get("desc") != "1" {
			desc = "1"
		}
		d.SortLinks[s] = link(map[string]string{"sort": s, "desc": desc, "page": ""})
	}
	if f.Page > 1 {
		d.PrevLink = link(map[string]string{"page": strconv.Itoa(f.Page - 1)})
	}
	if f.Page < d.Pages {
		d.NextLink = link(map[string]string{"page": strconv.Itoa(f.Page + 1)})
	}
	pg := p.page(c, "Haushalte", d)
	for k := range q {
		pg.Form.Set(k, q.Get(k))
	}
	return p.views.render(c, "households_list", pg)
}
