package mail

import (
	"fmt"
	"time"

	"wohnbruecke/internal/domain"
)

// The kinds of message of the tenancy phase (docs/design.md §8).
const (
	KindReportFiled         = "report_filed"
	KindReportLandlordReply = "report_landlord_reply"
	KindReportEscalated     = "report_escalated"
	KindReportAnswered      = "report_answered"
	KindVisitOverdue        = "visit_overdue"
)

// tenancyKindLabels name the tenancy phase's kinds for the Postausgang.
var tenancyKindLabels = map[string]string{
	KindReportFiled:         "Neue Meldung einer Vermieter*in (Team)",
	KindReportLandlordReply: "Nachricht der Vermieter*in zu einer Meldung (Team)",
	KindReportEscalated:     "Meldung ohne Antwort (alle im Team)",
	KindReportAnswered:      "Antwort auf eine Meldung (Vermieter*in)",
	KindVisitOverdue:        "Kontakt der Wohnbegleitung überfällig (Begleitung)",
}

// tenancyTemplates are the tenancy phase's templates.
var tenancyTemplates = []string{"report_filed", "report_landlord_reply", "report_escalated", "report_answered", "visit_overdue"}

// ReportNotice is the data of the messages to the city's side about a landlord's report:
// a new report (to the Ansprechperson and the companion), the landlord's reply in its
// thread, and the escalation to all staff when the response target passed.
type ReportNotice struct {
	To           []Contact
	ReportID     int64
	HouseholdRef string
	Address      string
	LandlordName string
	Category     domain.ReportCategory
	Urgency      domain.ReportUrgency
	// Body is the report's text; Reply the landlord's new message (reply notices only).
	Body, Reply string
	FiledAt     time.Time
	RespondBy   time.Time
	ReportURL   string
}

// DueBy is the last instant before the response target, for "bis Ende Freitag, 06.03.2026".
func (d ReportNotice) DueBy() time.Time { return d.RespondBy.Add(-time.Second) }

// ReportFiledMessages composes the notices of a new report.
func (c *Composer) ReportFiledMessages(d ReportNotice) ([]domain.OutboxMessage, error) {
	return c.reportNotice(d, "report_filed", KindReportFiled, fmt.Sprintf("report/%d/filed", d.ReportID))
}

// ReportLandlordReplyMessages composes the notices of the landlord's reply replyID.
func (c *Composer) ReportLandlordReplyMessages(d ReportNotice, replyID int64) ([]domain.OutboxMessage, error) {
	return c.reportNotice(d, "report_landlord_reply", KindReportLandlordReply, fmt.Sprintf("report/%d/reply-%d", d.ReportID, replyID))
}

// ReportEscalatedMessages composes the escalation of an unanswered report to all staff
// (one message per address, once per report: the dedupe key names the report).
func (c *Composer) ReportEscalatedMessages(d ReportNotice) ([]domain.OutboxMessage, error) {
	return c.reportNotice(d, "report_escalated", KindReportEscalated, fmt.Sprintf("report/%d/escalated", d.ReportID))
}

func (c *Composer) reportNotice(d ReportNotice, tmpl, kind, base string) ([]domain.OutboxMessage, error) {
	r, err := c.render(tmpl, germanOnly, d)
	if err != nil {
		return nil, err
	}
	return recipientMessages(base, kind, d.To, r, 0), nil
}

// ReportAnswer is the data of the message to the landlord that the city's side answered a
// report or changed its status. It carries only what the landlord's report page shows: the
// household's reference, the flat, the category, the status and the answer.
type ReportAnswer struct {
	Landlord     Contact
	ReportID     int64
	HouseholdRef string
	Address      string
	Category     domain.ReportCategory
	Status       domain.ReportStatus
	// Reply is the answer's text ("" for a change of status only); Event names the
	// occasion in the dedupe key ("reply-7", "status-done").
	Reply     string
	Event     string
	ReportURL string
}

// ReportAnsweredMessage composes the German message to the landlord.
func (c *Composer) ReportAnsweredMessage(d ReportAnswer) ([]domain.OutboxMessage, error) {
	if !d.Landlord.hasEmail() {
		return nil, fmt.Errorf("mail: report %d answer: landlord has no email address", d.ReportID)
	}
	r, err := c.render("report_answered", germanOnly, d)
	if err != nil {
		return nil, err
	}
	key := fmt.Sprintf("report/%d/%s", d.ReportID, d.Event)
	return recipientMessages(key, KindReportAnswered, []Contact{d.Landlord}, r, 0), nil
}

// VisitOverdue is the data of the reminder to the companion that a tenancy's next contact
// is overdue.
type VisitOverdue struct {
	To           []Contact
	TenancyID    int64
	HouseholdRef string
	Address      string
	Due          domain.Date
	LastContact  domain.Date // zero: none yet
	TenancyURL   string
}

// VisitOverdueMessages composes the reminder, once per tenancy and due day.
func (c *Composer) VisitOverdueMessages(d VisitOverdue) ([]domain.OutboxMessage, error) {
	r, err := c.render("visit_overdue", germanOnly, d)
	if err != nil {
		return nil, err
	}
	return recipientMessages(fmt.Sprintf("tenancy/%d/visit-overdue/%s", d.TenancyID, d.Due.ISO()), KindVisitOverdue, d.To, r, 0), nil
}
