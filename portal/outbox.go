package portal

import (
	"fmt"
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/links"
	"wohnbruecke/internal/store"
	"wohnbruecke/mail"
)

type outboxRow struct {
	domain.OutboxMessage
	KindLabel  string
	StateLabel string
}

type outboxData struct {
	Rows     []outboxRow
	Counts   map[domain.MessageState]int64
	States   []domain.MessageState
	State    domain.MessageState
	Total    int64
	Page     int
	PrevLink string
	NextLink string
}

func (p *Portal) outbox(c *fiber.Ctx) error {
	state := domain.MessageState(c.Query("status"))
	if !domain.MessageTransitions.Valid(state) {
		state = ""
	}
	page, err := queryInt(c, "seite", "Die Seitenzahl", 1, 1, maxPage)
	if err != nil {
		return err
	}
	res, err := p.store.ListOutbox(c.UserContext(), store.OutboxFilter{State: state, Page: page, PerPage: 50})
	if err != nil {
		return err
	}
	counts, err := p.store.OutboxCounts(c.UserContext())
	if err != nil {
		return err
	}
	d := outboxData{Counts: counts, States: domain.MessageTransitions.States(), State: state, Total: res.Total, Page: res.Page}
	for _, m := range res.Messages {
		d.Rows = append(d.Rows, outboxRow{m, mail.KindLabel(m.Kind), m.State.Label()})
	}
	link := func(p int) string {
		q := url.Values{"seite": {strconv.Itoa(p)}}
		if state != "" {
			q.Set("status", string(state))
		}
		return "/arbeitsbereich/postausgang?" + q.Encode()
	}
	if page > 1 {
		d.PrevLink = link(page - 1)
	}
	if int64(page*50) < res.Total {
		d.NextLink = link(page + 1)
	}
	return p.views.render(c, "outbox", p.page(c, "Postausgang", d))
}

func (p *Portal) outboxMessage(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	m, err := p.store.OutboxMessageByID(c.UserContext(), id)
	if err != nil {
		return err
	}
	// Links that act for the recipient (answer a viewing, set a password) are masked, so the
	// Postausgang cannot be used to act in someone else's name.
	// (Sent messages are kept masked already; queued and failed ones still need theirs.)
	m.BodyText = links.MaskTokens(m.BodyText)
	row := outboxRow{*m, mail.KindLabel(m.Kind), m.State.Label()}
	return p.views.render(c, "outbox_message", p.page(c, "Nachricht: "+m.Subject, row))
}

func (p *Portal) outboxRetry(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	back := fmt.Sprintf("/arbeitsbereich/postausgang/%d", id)
	err = p.store.RetryMessage(c.UserContext(), id, actor(c).Audit("outbox.retry", "outbox", id, ""))
	if m, ok := conflictMessage(err); ok {
		return p.redirectWithError(c, back, m)
	}
	if err != nil {
		return err
	}
	return p.redirectWithFlash(c, back, "Die Nachricht wird erneut gesendet.")
}
