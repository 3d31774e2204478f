package domain

import "time"

// WarningWindow is the window of the "two reports" early warning, and how long a
// rent-arrears report keeps its tenancy flagged after it was closed.
const WarningWindow = 60

// WarningKind is why a tenancy is flagged for the Wohnraumsicherung team.
type WarningKind string

// Early-warning kinds.
const (
	WarningRentArrears     WarningKind = "rent_arrears"
	WarningRepeatedReports WarningKind = "repeated_reports"
	WarningVisitOverdue    WarningKind = "visit_overdue"
	WarningConsentRevoked  WarningKind = "consent_revoked"
)

// WarningKinds lists the early warnings with German labels, in the order the list shows them.
var WarningKinds = Enum[WarningKind]{
	{WarningRentArrears, "Meldung: Mietrückstand"},
	{WarningRepeatedReports, "zwei oder mehr Meldungen in 60 Tagen"},
	{WarningVisitOverdue, "Kontakt der Wohnbegleitung überfällig"},
	{WarningConsentRevoked, "Einwilligung zur Direktzahlung widerrufen"},
}

// Label returns the German label.
func (k WarningKind) Label() string { return WarningKinds.Label(k) }

// WarningReport is what the early-warning rule reads of one landlord report.
type WarningReport struct {
	RentArrears bool
	FiledOn     Date // the day in Hagen it was filed
	Done        bool
}

// TenancySignals are the facts of one running tenancy that the early-warning rule reads.
type TenancySignals struct {
	Start        Date
	Reports      []WarningReport
	VisitOverdue bool // the Wohnbegleitung's rule (the visit rhythm) says a contact is overdue
	// ConsentRevoked lists when the household's consents to direct payment were revoked.
	ConsentRevoked []time.Time
}

// EarlyWarnings is the one rule that flags a running tenancy for the Wohnraumsicherung
// team, returning the reasons in the order of WarningKinds:
//   - rent_arrears: a Mietrückstand report that is still open, or was filed in the last 60 days;
//   - repeated_reports: two or more reports filed in the last 60 days (today included);
//   - visit_overdue: the contact the visit rhythm plans is overdue;
//   - consent_revoked: the consent to direct payment of the rent was revoked after the
//     tenancy began (the rent may no longer reach the landlord).
func EarlyWarnings(s TenancySignals, today Date) []WarningKind {
	var out []WarningKind
	since := today.AddDays(-(WarningWindow - 1))
	arrears, recent := false, 0
	for _, r := range s.Reports {
		inWindow := r.FiledOn >= since && r.FiledOn <= today
		if inWindow {
			recent++
		}
		if r.RentArrears && (!r.Done || inWindow) {
			arrears = true
		}
	}
	if arrears {
		out = append(out, WarningRentArrears)
	}
	if recent >= 2 {
		out = append(out, WarningRepeatedReports)
	}
	if s.VisitOverdue {
		out = append(out, WarningVisitOverdue)
	}
	for _, at := range s.ConsentRevoked {
		if DateOf(at.In(Berlin)) >= s.Start {
			out = append(out, WarningConsentRevoked)
			break
		}
	}
	return out
}
