package domain

import (
	"fmt"
	"time"
)

// FollowUpMonths are the months after a tenancy's start at which a follow-up (Nachsorge)
// becomes due, in order.
var FollowUpMonths = []int{3, 6, 12, 24}

// SatisfactionMonths are the follow-up months at which the landlord gets the satisfaction
// check (a subset of FollowUpMonths).
var SatisfactionMonths = []int{3, 12}

// SustainmentHorizons are the months at which the statistics count who kept the flat and
// who is stably housed (each one a follow-up month, so the follow-up is the observation).
var SustainmentHorizons = []int{6, 12, 24}

// NoFollowUpAfter are the end reasons after which a tenancy gets no more follow-ups. Every
// other tenancy gets all four, ended or not: a follow-up after the end finds out whether
// the household has a home again (and so whether it counts as stably housed).
var NoFollowUpAfter = []TenancyEndReason{EndDied}

// SatisfactionValidity is how long the landlord's satisfaction link can be answered.
const SatisfactionValidity = 30 * 24 * time.Hour

// FollowUpDue is the day the follow-up after months becomes due for a tenancy that
// started on start (the one rule the job, the demo and the statistics' horizons read): the
// same day of the month, or that month's last day when it is shorter (MonthsLater). So a
// tenancy that starts on 31 January has its 3-month follow-up on 30 April, one that starts
// on 29 February 2028 its 12-month follow-up on 28 February 2029, and one that starts on
// 31 August its 6-month follow-up on the last day of February.
func FollowUpDue(start Date, months int) Date { return MonthsLater(start, months) }

// FollowUpOutcome is what a follow-up found.
type FollowUpOutcome string

// Follow-up outcomes.
const (
	OutcomeInFlat    FollowUpOutcome = "in_flat"
	OutcomeElsewhere FollowUpOutcome = "elsewhere"
	OutcomeLost      FollowUpOutcome = "lost"
)

// FollowUpOutcomes lists the outcomes with German labels.
var FollowUpOutcomes = Enum[FollowUpOutcome]{
	{OutcomeInFlat, "wohnt noch in der vermittelten Wohnung"},
	{OutcomeElsewhere, "wohnt anderswo (mit eigener Wohnung)"},
	{OutcomeLost, "hat die Wohnung verloren"},
}

// Label returns the German label.
func (o FollowUpOutcome) Label() string { return FollowUpOutcomes.Label(o) }

// Housed reports whether the household has a home at the follow-up.
func (o FollowUpOutcome) Housed() bool { return o == OutcomeInFlat || o == OutcomeElsewhere }

// FollowUp is one follow-up of a tenancy: due on DueOn, open until its outcome is recorded.
type FollowUp struct {
	ID             int64
	TenancyID      int64
	Months         int
	DueOn          Date
	Outcome        *FollowUpOutcome
	EndReason      *TenancyEndReason
	Note           string
	RecordedAt     *time.Time
	RecordedByID   *int64
	RecordedByName string
	CreatedAt      time.Time
}

// Open reports whether the outcome is still to be recorded.
func (f FollowUp) Open() bool { return f.RecordedAt == nil }

// Label names the follow-up ("Nachsorge nach 6 Monaten").
func (f FollowUp) Label() string { return fmt.Sprintf("Nachsorge nach %d Monaten", f.Months) }

// FollowUpRecord is what staff or the companion record at a follow-up.
type FollowUpRecord struct {
	Outcome FollowUpOutcome
	// EndDate is the day the household left the flat (elsewhere, lost) when the tenancy
	// still runs; ignored for in_flat.
	EndDate Date
	// Reason is the end reason when the household lost the flat.
	Reason TenancyEndReason
	Note   string
}

// TenancyChange is what recording a follow-up does to its tenancy.
type TenancyChange struct {
	// End ends the running tenancy on EndDate with Reason (kept the flat: no more).
	End     bool
	EndDate Date
	Reason  TenancyEndReason
	// SetHoused updates whether an ended tenancy's household is stably housed.
	SetHoused bool
	Housed    bool
}

// FollowUpEffect is the one rule for what a follow-up's outcome does to the tenancy, and
// checks the record (German messages per field):
//   - in_flat: the tenancy must still run; it stays as it is.
//   - elsewhere: a running tenancy ends on EndDate with the reason "housed elsewhere"; an
//     ended one keeps its end and its household counts as stably housed from now on.
//   - lost: a running tenancy ends on EndDate with Reason (a reason that does not mean a
//     home); an ended one keeps its end and its household no longer counts as stably housed.
//
// active and start describe the tenancy; today bounds EndDate (a follow-up looks back).
func FollowUpEffect(r FollowUpRecord, active bool, start, today Date) (TenancyChange, error) {
	ve := NewValidationError()
	var ch TenancyChange
	switch r.Outcome {
	case OutcomeInFlat:
		if !active {
			ve.Add("outcome", "Das Mietverhältnis ist bereits beendet. Wählen Sie „wohnt anderswo“ oder „hat die Wohnung verloren“.")
		}
	case OutcomeElsewhere, OutcomeLost:
		reason := EndHousedElsewhere
		if r.Outcome == OutcomeLost {
			reason = r.Reason
			if !reason.Valid() || reason == EndHousedElsewhere {
				ve.Add("end_reason", "Bitte wählen Sie, warum der Haushalt die Wohnung verloren hat.")
			}
		}
		if !active {
			ch = TenancyChange{SetHoused: true, Housed: r.Outcome == OutcomeElsewhere}
			break
		}
		switch {
		case r.EndDate.IsZero():
			ve.Add("end_date", "Bitte geben Sie an, seit wann der Haushalt nicht mehr in der Wohnung wohnt.")
		case r.EndDate < start:
			ve.Add("end_date", "Das Datum liegt vor dem Beginn des Mietverhältnisses ("+start.String()+").")
		case r.EndDate > today:
			ve.Add("end_date", "Das Datum darf nicht in der Zukunft liegen.")
		}
		ch = TenancyChange{End: true, EndDate: r.EndDate, Reason: reason}
	default:
		ve.Add("outcome", "Bitte wählen Sie, wo der Haushalt wohnt.")
	}
	if len([]rune(r.Note)) > 2000 {
		ve.Add("note", "Die Notiz darf höchstens 2000 Zeichen lang sein.")
	}
	if err := ve.OrNil(); err != nil {
		return TenancyChange{}, err
	}
	return ch, nil
}

// SatisfactionScore is an answer on the satisfaction check's scale.
type SatisfactionScore int

// SatisfactionScores is the scale from 1 to 5 with German labels.
var SatisfactionScores = Enum[SatisfactionScore]{
	{1, "sehr unzufrieden"},
	{2, "eher unzufrieden"},
	{3, "teils, teils"},
	{4, "eher zufrieden"},
	{5, "sehr zufrieden"},
}

// SatisfactionQuestion is one of the check's three questions.
type SatisfactionQuestion struct {
	Field string // form and JSON field
	Text  string
}

// SatisfactionQuestions are the three questions of the landlord's satisfaction check.
var SatisfactionQuestions = []SatisfactionQuestion{
	{"contact_score", "Wie zufrieden sind Sie mit der Erreichbarkeit Ihrer Ansprechperson?"},
	{"support_score", "Wie zufrieden sind Sie mit der Begleitung des Haushalts?"},
	{"overall_score", "Wie zufrieden sind Sie insgesamt mit dem Mietverhältnis?"},
}

// SatisfactionCheck is a landlord's satisfaction check at 3 or 12 months (hash of the
// link's token only).
type SatisfactionCheck struct {
	ID           int64
	TenancyID    int64
	Months       int
	TokenHash    string `json:"-"`
	ExpiresAt    time.Time
	AnsweredAt   *time.Time
	ContactScore *SatisfactionScore
	SupportScore *SatisfactionScore
	OverallScore *SatisfactionScore
	Comment      string
	CreatedAt    time.Time
}

// SatisfactionAnswer is the landlord's answer.
type SatisfactionAnswer struct {
	Scores  [3]SatisfactionScore // in the order of SatisfactionQuestions
	Comment string
}

// Check validates the answer with German messages per field.
func (a SatisfactionAnswer) Check() error {
	ve := NewValidationError()
	for i, q := range SatisfactionQuestions {
		if !SatisfactionScores.Has(a.Scores[i]) {
			ve.Add(q.Field, "Bitte wählen Sie eine Antwort.")
		}
	}
	if len([]rune(a.Comment)) > 2000 {
		ve.Add("comment", "Der Kommentar darf höchstens 2000 Zeichen lang sein.")
	}
	return ve.OrNil()
}

// CanSeeFollowUps: staff, admins and caseworkers see follow-ups (caseworkers only those of
// their households and of the tenancies they accompany, CanRecordFollowUp).
func (a Actor) CanSeeFollowUps() bool { return a.team() || a.Role() == RoleCaseworker }

// CanRecordFollowUp: staff and admins record any follow-up; a caseworker those of her own
// households (caseworkerID) and of the tenancies she accompanies (companionID).
func (a Actor) CanRecordFollowUp(caseworkerID, companionID *int64) bool {
	switch {
	case a.team():
		return true
	case a.Role() == RoleCaseworker && a.User != nil:
		return (caseworkerID != nil && *caseworkerID == a.User.ID) || (companionID != nil && *companionID == a.User.ID)
	}
	return false
}

// CanSeeEarlyWarnings: the early warnings are for the Wohnraumsicherung team (staff, admins).
func (a Actor) CanSeeEarlyWarnings() bool { return a.team() }

// SustainedAt is the one rule of the sustainment figures for one tenancy at a horizon of
// months: ok is false while the horizon day (FollowUpDue) is still to come, so a younger
// tenancy is not counted at all, never as lost. kept: the household still lived in the
// placed flat on the horizon day (the tenancy runs, or ended after that day). housed: the
// follow-up at that horizon says so when it was recorded (observed); without it, kept, or
// the tenancy ended with the household stably housed (housedAfterEnd).
func SustainedAt(start, end Date, housedAfterEnd bool, observed *FollowUpOutcome, months int, today Date) (kept, housed, ok bool) {
	day := FollowUpDue(start, months)
	if day > today {
		return false, false, false
	}
	kept = end.IsZero() || end > day
	switch {
	case observed != nil:
		housed = observed.Housed()
	default:
		housed = kept || housedAfterEnd
	}
	return kept, housed, true
}
