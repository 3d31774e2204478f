package portal

import (
	"errors"
	"net/url"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/web"
	"wohnbruecke/internal/workflow"
)

// answerButtons are the message IDs (mail/locales) of the answer buttons.
var answerButtons = map[string]string{
	workflow.AnswerConfirm:    "link_confirm",
	workflow.AnswerDecline:    "link_decline",
	workflow.AnswerReschedule: "link_reschedule",
}

// answerAction is one answer button of the applicant page.
type answerAction struct {
	Param string // value of "antwort"
	Key   string // message ID of the button label
	// Selected marks the action the email link was for; Primary the one button shown as
	// the main action (the selected one, else "confirm").
	Selected, Primary bool
	// Reasons are the codes of domain.DeclineReasons the decline form offers (optional).
	Reasons []string
}

// applicantData is the applicant page: the viewing, the answer recorded so far and the
// answers still possible.
type applicantData struct {
	invitationView
	Unknown, Expired bool
	Token            string
	// Recorded is the answer given so far ("" for none), RecordedAt when.
	Recorded   string
	RecordedAt time.Time
	// Cancelled is set when the viewing does not take place (other than by the
	// household's own decline).
	Cancelled bool
	// Ended is set for every cancelled viewing (declined too): the page then shows no
	// personal data.
	Ended   bool
	Actions []answerAction
	// Notice is the message ID of a note above the recorded answer (saved, already
	// answered).
	Notice          string
	FachstellePhone string
	// SlotChoice shows the free slots to choose from (the household asks for another date);
	// Slots are those slots, SlotTaken tells that the chosen one went to someone else.
	SlotChoice bool
	Slots      []applicantSlot
	SlotTaken  bool
}

// applicantSlot is a free slot the household can move its viewing to.
type applicantSlot struct {
	ID               int64
	StartsAt, EndsAt time.Time
}

// applicantActor is the household acting through the link token it presented.
func applicantActor(c *fiber.Ctx, token string) domain.Actor {
	a := domain.Applicant(token)
	a.IP, a.RequestID = web.ClientIP(c), web.RequestID(c)
	return a
}

// applicantPage shows the viewing behind a link and the answer buttons. It changes
// nothing: mail scanners that open links must not answer for the household.
func (p *Portal) applicantPage(c *fiber.Ctx) error {
	d, err := p.applicantState(c, c.Params("token"))
	if err != nil {
		return err
	}
	switch {
	case c.Query("gespeichert") == "termin" && d.Recorded != "":
		d.Notice = "page_rebooked"
	case c.Query("gespeichert") != "" && d.Recorded != "":
		d.Notice = "page_answer_saved"
	}
	return p.renderApplicant(c, d, fiber.StatusOK)
}

// applicantAnswer records the answer of a confirming click. A repeated or refused answer
// shows what is recorded instead of an error page.
func (p *Portal) applicantAnswer(c *fiber.Ctx) error {
	answer, ok := workflow.AnswerFromParam(c.FormValue("antwort"))
	if !ok {
		return fiber.ErrBadRequest
	}
	token := c.Params("token")
	saved := "1"
	var err error
	if slot := c.FormValue("slot_id"); answer == workflow.AnswerReschedule && slot != "" {
		// A chosen free slot: one POST moves the viewing there.
		slotID, perr := strconv.ParseInt(slot, 10, 64)
		if perr != nil {
			return fiber.ErrBadRequest
		}
		saved = "termin"
		_, err = p.workflow.Rebook(c.UserContext(), applicantActor(c, token), token, slotID)
	} else {
		_, err = p.workflow.AnswerWithReason(c.UserContext(), applicantActor(c, token), token, answer, domain.ReasonCode(c.FormValue("grund")))
	}
	var ce *domain.ConflictError
	switch {
	case err == nil:
		return c.Redirect("/besichtigung/"+url.PathEscape(token)+"?gespeichert="+saved, fiber.StatusSeeOther)
	case !errors.Is(err, domain.ErrNotFound) && !errors.As(err, &ce):
		return err
	}
	taken := errors.Is(err, store.ErrSlotTaken)
	d, err := p.applicantState(c, token)
	if err != nil {
		return err
	}
	if taken && d.SlotChoice {
		// Someone else took the last place first: the other free slots, with a word why.
		d.SlotTaken = true
		return p.renderApplicant(c, d, fiber.StatusConflict)
	}
	status := fiber.StatusConflict
	if d.Recorded != "" {
		d.Notice = "page_already"
		if d.Recorded == answer {
			status = fiber.StatusOK
		}
	}
	return p.renderApplicant(c, d, status)
}

// applicantState loads what the page shows for a token; an unknown token is not an
// error but the "unknown link" page.
func (p *Portal) applicantState(c *fiber.Ctx, token string) (applicantData, error) {
	d := applicantData{Token: token, FachstellePhone: p.opts.FachstellePhone}
	inv, err := p.workflow.OpenInvitation(c.UserContext(), token)
	if errors.Is(err, domain.ErrNotFound) {
		d.Unknown = true
		return d, nil
	}
	if err != nil {
		return d, err
	}
	if d.invitationView, err = p.invitationOf(c.UserContext(), inv.Household, inv.Viewing, inv.Vacancy); err != nil {
		return d, err
	}
	d.Expired = inv.Expired
	if inv.Token.Answer != nil && inv.Token.AnsweredAt != nil {
		d.Recorded, d.RecordedAt = *inv.Token.Answer, *inv.Token.AnsweredAt
	}
	d.Cancelled = inv.Viewing.State == domain.ViewingCancelled && d.Recorded != workflow.AnswerDecline
	if inv.Viewing.State == domain.ViewingCancelled {
		// A viewing that will not take place shows only what happened and whom to call:
		// the link may have been passed on, so no name, address, landlord or companion.
		d.invitationView = invitationView{Texts: d.Texts, Phone: p.opts.FachstellePhone}
		d.Ended = true
	}
	if d.Expired || d.Cancelled || !inv.Viewing.State.Pending() ||
		d.Recorded == workflow.AnswerConfirm || d.Recorded == workflow.AnswerDecline {
		return d, nil
	}
	selected, known := workflow.AnswerFromParam(c.Query("antwort"))
	if known && selected == workflow.AnswerReschedule || d.Recorded == workflow.AnswerReschedule {
		d.SlotChoice = true
		d.Slots = p.applicantSlots(inv)
	}
	for _, answer := range workflow.Answers() {
		if d.Recorded == workflow.AnswerReschedule && answer == workflow.AnswerReschedule {
			continue
		}
		a := answerAction{Param: workflow.AnswerParam(answer), Key: answerButtons[answer]}
		a.Selected = known && answer == selected
		a.Primary = a.Selected || !known && answer == workflow.AnswerConfirm
		// With free slots to choose, booking one is the main action, not the request.
		a.Primary = a.Primary && !(answer == workflow.AnswerReschedule && len(d.Slots) > 0)
		if answer == workflow.AnswerDecline {
			a.Reasons = domain.DeclineReasons.Codes()
		}
		d.Actions = append(d.Actions, a)
	}
	return d, nil
}

// applicantSlots are the vacancy's free slots the viewing can move to (from an hour on, as
// workflow.Rebook accepts them).
func (p *Portal) applicantSlots(inv *workflow.Invitation) []applicantSlot {
	var cur int64
	if inv.Viewing.SlotID != nil {
		cur = *inv.Viewing.SlotID
	}
	free := map[int64]bool{}
	for _, s := range bookableSlots(inv.Vacancy, p.store.Now().Add(time.Hour), cur) {
		free[s.ID] = true
	}
	var out []applicantSlot
	for _, s := range inv.Vacancy.Slots {
		if free[s.ID] {
			out = append(out, applicantSlot{ID: s.ID, StartsAt: s.StartsAt, EndsAt: s.EndsAt})
		}
	}
	return out
}

// renderApplicant renders the applicant page: 404 for an unknown link, 410 for an
// expired one, else status. The page is personal: no caching, no indexing.
func (p *Portal) renderApplicant(c *fiber.Ctx, d applicantData, status int) error {
	title := "Ihre Wohnungsbesichtigung"
	switch {
	case d.Unknown:
		status, title = fiber.StatusNotFound, "Link ungültig"
	case d.Expired:
		status, title = fiber.StatusGone, "Link abgelaufen"
	}
	c.Set("Cache-Control", "no-store")
	c.Set("X-Robots-Tag", "noindex, nofollow")
	c.Status(status)
	return p.views.render(c, "applicant", p.page(c, title, d))
}
