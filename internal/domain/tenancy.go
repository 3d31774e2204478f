package domain

import (
	"strings"
	"time"
)

// Tenancy is a Mietverhältnis (docs/design.md §8): it starts when the lease of a match is
// recorded and ends with a date and a reason. Kept the placed flat (KeptFlat) and stably
// housed anywhere (StablyHoused) are two facts: both hold while the tenancy runs; at its end
// the household has left the placed flat and StablyHoused says whether it has a home.
type Tenancy struct {
	ID          int64
	MatchID     int64
	VacancyID   int64
	Place       int
	HouseholdID int64
	LandlordID  int64
	// CompanionID is the household's caseworker (Wohnbegleitung) when the lease was recorded.
	CompanionID *int64
	// ContactUserID is the landlord's Ansprechperson at the city (the agreement's contact).
	ContactUserID *int64
	Status        TenancyStatus
	StartDate     Date
	EndDate       Date
	EndReason     *TenancyEndReason
	EndNote       string
	EndedByID     *int64
	KeptFlat      bool
	StablyHoused  bool
	// The planned rhythm of contacts: every VisitEarlyDays days in the first VisitEarlyMonths
	// months of the tenancy, then every VisitLaterDays days.
	VisitEarlyDays   int
	VisitEarlyMonths int
	VisitLaterDays   int
	// NextVisitDue is the day the next contact is due; VisitOverdueNotified the due day the
	// overdue job last announced (zero: none).
	NextVisitDue         Date
	VisitOverdueNotified Date
	CreatedAt            time.Time
	UpdatedAt            time.Time
}

// TableName names the tenancies table.
func (Tenancy) TableName() string { return "tenancies" }

// The default rhythm of the Wohnbegleitung: weekly in the first month, then monthly.
const (
	DefaultVisitEarlyDays   = 7
	DefaultVisitEarlyMonths = 1
	DefaultVisitLaterDays   = 30
)

// NewTenancy is the tenancy a lease starts: the match's household on its place of the
// vacancy, the household's caseworker as companion, the landlord's Ansprechperson as
// contact, from start with the default rhythm.
func NewTenancy(m *Match, v *Vacancy, h *Household, contactUserID *int64, start Date) *Tenancy {
	t := &Tenancy{MatchID: m.ID, VacancyID: v.ID, Place: m.Place, HouseholdID: h.ID, LandlordID: v.LandlordID,
		CompanionID: h.CaseworkerID, ContactUserID: contactUserID, Status: TenancyActive, StartDate: start,
		KeptFlat: true, StablyHoused: true, VisitEarlyDays: DefaultVisitEarlyDays,
		VisitEarlyMonths: DefaultVisitEarlyMonths, VisitLaterDays: DefaultVisitLaterDays}
	if t.Place < 1 {
		t.Place = 1
	}
	t.NextVisitDue = t.VisitDueAfter(start)
	return t
}

// Active reports whether the tenancy still runs.
func (t *Tenancy) Active() bool { return t.Status == TenancyActive }

// EarlyPhaseEnd is the first day after the tenancy's early phase of closer contact: the
// same day of the month VisitEarlyMonths months after the start (the month's last day when
// that month is shorter).
func (t *Tenancy) EarlyPhaseEnd() Date { return MonthsLater(t.StartDate, t.VisitEarlyMonths) }

// VisitDueAfter returns the day the next contact is due after a contact on last (or after
// the start, when there was none yet): VisitEarlyDays later while that falls within the
// early phase, VisitLaterDays later otherwise.
func (t *Tenancy) VisitDueAfter(last Date) Date {
	if next := last.AddDays(t.VisitEarlyDays); next <= t.EarlyPhaseEnd() {
		return next
	}
	return last.AddDays(t.VisitLaterDays)
}

// VisitOverdue reports whether the next contact was due before today in a running tenancy.
func (t *Tenancy) VisitOverdue(today Date) bool { return t.Active() && t.NextVisitDue < today }

// InPlacedFlatOn reports whether the household still lived in the placed flat on day d
// (the tenancy had started and not ended before d).
func (t *Tenancy) InPlacedFlatOn(d Date) bool {
	return d >= t.StartDate && (t.EndDate.IsZero() || d < t.EndDate)
}

// MonthsLater returns the same day of the month n months after d, or the last day of that
// month when it is shorter (31 January + 1 = 28 or 29 February).
func MonthsLater(d Date, n int) Date {
	y, m, day := d.Time().Date()
	first := NewDate(y, m+time.Month(n), 1)
	last := first.AddMonths(1).AddDays(-1)
	if target := first.AddDays(day - 1); target <= last {
		return target
	}
	return last
}

// TenancyEndReason is why a tenancy ended.
type TenancyEndReason string

// The reasons a tenancy ends.
const (
	EndHousedElsewhere TenancyEndReason = "housed_elsewhere"
	EndMovedOn         TenancyEndReason = "moved_on"
	EndDied            TenancyEndReason = "died"
	EndPrison          TenancyEndReason = "prison"
	EndCareHome        TenancyEndReason = "care_home"
	EndEviction        TenancyEndReason = "eviction"
	EndNoticeTenant    TenancyEndReason = "notice_tenant"
	EndNoticeLandlord  TenancyEndReason = "notice_landlord"
	EndOther           TenancyEndReason = "other"
)

// TenancyEndReasons lists the reasons a tenancy ends with German labels.
var TenancyEndReasons = Enum[TenancyEndReason]{
	{EndHousedElsewhere, "in anderer Wohnung weiter versorgt"},
	{EndMovedOn, "selbst weitergezogen"},
	{EndDied, "verstorben"},
	{EndPrison, "Haft"},
	{EndCareHome, "Pflegeeinrichtung"},
	{EndEviction, "Räumung"},
	{EndNoticeTenant, "Kündigung durch den Haushalt"},
	{EndNoticeLandlord, "Kündigung durch die Vermieter*in"},
	{EndOther, "sonstiger Grund"},
}

// Label returns the German label.
func (r TenancyEndReason) Label() string { return TenancyEndReasons.Label(r) }

// Valid reports whether r is one of the reasons.
func (r TenancyEndReason) Valid() bool { return TenancyEndReasons.Has(r) }

// StablyHousedKnown reports what the reason itself says about the household's housing:
// housed elsewhere means housed, death means no home any more; for the other reasons the
// person ending the tenancy says it.
func (r TenancyEndReason) StablyHousedKnown() (housed, known bool) {
	switch r {
	case EndHousedElsewhere:
		return true, true
	case EndDied:
		return false, true
	}
	return false, false
}

// TenancyEnd is what ending a tenancy records.
type TenancyEnd struct {
	EndDate Date
	Reason  TenancyEndReason
	// StablyHoused says whether the household has a home after the end; nil lets the
	// reason decide where it can (TenancyEndReason.StablyHousedKnown).
	StablyHoused *bool
	Note         string
}

// Validate checks the end against the tenancy and today (German messages per field) and
// returns whether the household is stably housed after it.
func (e TenancyEnd) Validate(t *Tenancy, today Date) (bool, error) {
	ve := NewValidationError()
	switch {
	case e.EndDate.IsZero():
		ve.Add("end_date", "Bitte geben Sie an, wann das Mietverhältnis endete.")
	case e.EndDate < t.StartDate:
		ve.Add("end_date", "Das Ende kann nicht vor dem Beginn des Mietverhältnisses ("+t.StartDate.String()+") liegen.")
	case e.EndDate > today.AddDays(366):
		ve.Add("end_date", "Das Ende kann höchstens ein Jahr in der Zukunft liegen.")
	}
	housed := false
	if !e.Reason.Valid() {
		ve.Add("end_reason", "Bitte wählen Sie einen Grund aus der Liste.")
	} else if h, known := e.Reason.StablyHousedKnown(); known {
		housed = h
		if e.StablyHoused != nil && *e.StablyHoused != h {
			ve.Add("stably_housed", "Der Grund „"+e.Reason.Label()+"“ passt nicht zu dieser Angabe.")
		}
	} else if e.StablyHoused == nil {
		ve.Add("stably_housed", "Bitte geben Sie an, ob der Haushalt weiterhin eine Wohnung hat.")
	} else {
		housed = *e.StablyHoused
	}
	if len([]rune(strings.TrimSpace(e.Note))) > 2000 {
		ve.Add("end_note", "Die Bemerkung darf höchstens 2.000 Zeichen lang sein.")
	}
	return housed, ve.OrNil()
}

// LandlordTenancy is what a landlord may know of a tenancy in its flat: the household's
// reference, the flat, since when, and whether it still runs. The end's reason, the
// companion's visits and every field design §2 keeps from landlords have no place here.
type LandlordTenancy struct {
	ID        int64
	Reference string
	Address   string
	StartDate Date
	EndDate   Date
	Active    bool
}

// LandlordTenancyOf builds the landlord's view of a tenancy.
func LandlordTenancyOf(t *Tenancy, reference, address string) LandlordTenancy {
	return LandlordTenancy{ID: t.ID, Reference: reference, Address: address, StartDate: t.StartDate,
		EndDate: t.EndDate, Active: t.Active()}
}
