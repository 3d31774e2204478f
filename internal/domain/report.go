package domain

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Report is a Meldung of a landlord about a tenancy: a category, a text, how urgent, a
// status the landlord follows and a thread of replies (docs/design.md §8). RespondBy is the
// response target (ResponseDeadline); FirstAnswerAt the first answer of the city's side;
// EscalatedAt the one escalation to all staff when the target passed unanswered.
type Report struct {
	ID            int64
	TenancyID     int64
	Category      ReportCategory
	Urgency       ReportUrgency
	Body          string
	Status        ReportStatus
	FiledByID     *int64
	FiledByName   string
	RespondBy     time.Time
	FirstAnswerAt *time.Time
	InProgressAt  *time.Time
	DoneAt        *time.Time
	EscalatedAt   *time.Time
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// TableName names the reports table.
func (Report) TableName() string { return "tenancy_reports" }

// Overdue reports whether the response target passed at now without an answer of the
// city's side while the report is still open.
func (r *Report) Overdue(now time.Time) bool {
	return r.Status.Open() && r.FirstAnswerAt == nil && now.After(r.RespondBy)
}

// DueDay is the last day of the response target (RespondBy is the midnight after it).
func (r *Report) DueDay() Date { return Today(r.RespondBy.Add(-time.Second)) }

// ReportReply is one message in a report's thread, from the landlord or the city's side.
type ReportReply struct {
	ID         int64
	ReportID   int64
	AuthorID   *int64
	AuthorName string
	AuthorRole Role
	Body       string
	CreatedAt  time.Time
}

// TableName names the replies table.
func (ReportReply) TableName() string { return "tenancy_report_replies" }

// FromLandlord reports whether the landlord wrote the reply.
func (r *ReportReply) FromLandlord() bool { return r.AuthorRole == RoleLandlord }

// ReportCategory is what a landlord's report is about.
type ReportCategory string

// The categories of a report.
const (
	ReportRentArrears ReportCategory = "rent_arrears"
	ReportNoise       ReportCategory = "noise"
	ReportWaste       ReportCategory = "waste"
	ReportDamage      ReportCategory = "damage"
	ReportNoContact   ReportCategory = "no_contact"
	ReportOther       ReportCategory = "other"
)

// ReportCategories lists the categories with German labels.
var ReportCategories = Enum[ReportCategory]{
	{ReportRentArrears, "Mietrückstand"},
	{ReportNoise, "Lärm oder Nachbarschaft"},
	{ReportWaste, "Müll"},
	{ReportDamage, "Schaden"},
	{ReportNoContact, "Kontakt abgebrochen"},
	{ReportOther, "Sonstiges"},
}

// Label returns the German label.
func (c ReportCategory) Label() string { return ReportCategories.Label(c) }

// Valid reports whether c is one of the categories.
func (c ReportCategory) Valid() bool { return ReportCategories.Has(c) }

// ReportUrgency is how urgent the landlord says a report is.
type ReportUrgency string

// The urgencies of a report.
const (
	ReportLow    ReportUrgency = "low"
	ReportNormal ReportUrgency = "normal"
	ReportUrgent ReportUrgency = "urgent"
)

// ReportUrgencies lists the urgencies with German labels.
var ReportUrgencies = Enum[ReportUrgency]{
	{ReportLow, "kann warten"},
	{ReportNormal, "bald klären"},
	{ReportUrgent, "dringend"},
}

// Label returns the German label.
func (u ReportUrgency) Label() string { return ReportUrgencies.Label(u) }

// Valid reports whether u is one of the urgencies.
func (u ReportUrgency) Valid() bool { return ReportUrgencies.Has(u) }

// MaxReportText is the longest text of a report or a reply, in characters.
const MaxReportText = 4000

// ReportInput is what a landlord files.
type ReportInput struct {
	Category ReportCategory
	Urgency  ReportUrgency
	Body     string
}

// Validate checks the input (German messages per field).
func (in *ReportInput) Validate() error {
	ve := NewValidationError()
	in.Body = strings.TrimSpace(in.Body)
	if !in.Category.Valid() {
		ve.Add("category", "Bitte wählen Sie, worum es geht.")
	}
	if !in.Urgency.Valid() {
		ve.Add("urgency", "Bitte wählen Sie, wie dringend es ist.")
	}
	checkReportText(ve, "body", in.Body, "Bitte beschreiben Sie kurz, was passiert ist.")
	return ve.OrNil()
}

// ValidateReply checks the text of a reply.
func ValidateReply(body string) error {
	ve := NewValidationError()
	checkReportText(ve, "body", strings.TrimSpace(body), "Bitte schreiben Sie eine Antwort.")
	return ve.OrNil()
}

func checkReportText(ve *ValidationError, field, text, empty string) {
	switch n := utf8.RuneCountInString(text); {
	case n == 0:
		ve.Add(field, empty)
	case n > MaxReportText:
		ve.Add(field, "Der Text darf höchstens 4.000 Zeichen lang sein.")
	}
}
