package domain

import (
	"fmt"
	"slices"
)

// Transition is one allowed state change of an aggregate.
type Transition[S ~string] struct {
	From, To S
	// Stamp is the column the change sets to the current time besides updated_at, "" for
	// none.
	Stamp string
	// Roles may make the change (directly or as the consequence of their action); nil
	// means only the system: a periodic job, the mail worker or an applicant's link.
	Roles []Role
}

// Machine is the transition table of one aggregate: its states with German labels and
// the changes between them. The store guards its updates with it, services ask it before
// they change a state and pages show only the buttons it allows. Anything not in the
// table is refused.
type Machine[S ~string] struct {
	// Aggregate names the aggregate in errors ("match", "vacancy", …).
	Aggregate string
	// Refused is the German message a user sees when a change is not allowed (usually
	// because someone else changed the record first).
	Refused     string
	states      []Option
	transitions []Transition[S]
}

// newMachine checks the table once at start-up: every state of a transition must be one
// of the aggregate's states, no pair may be listed twice and all changes to one state set
// the same stamp (so the store can stamp without knowing the row's state).
func newMachine[S ~string](aggregate, refused string, states []Option, ts []Transition[S]) *Machine[S] {
	m := &Machine[S]{Aggregate: aggregate, Refused: refused, states: states, transitions: ts}
	seen, stamps := map[[2]S]bool{}, map[S]string{}
	for _, t := range ts {
		if !validIn(states, string(t.From)) || !validIn(states, string(t.To)) {
			panic(fmt.Sprintf("domain: %s transition %s → %s names an unknown state", aggregate, t.From, t.To))
		}
		if seen[[2]S{t.From, t.To}] {
			panic(fmt.Sprintf("domain: %s transition %s → %s listed twice", aggregate, t.From, t.To))
		}
		if st, ok := stamps[t.To]; ok && st != t.Stamp {
			panic(fmt.Sprintf("domain: %s changes to %s set different stamps", aggregate, t.To))
		}
		seen[[2]S{t.From, t.To}], stamps[t.To] = true, t.Stamp
	}
	return m
}

// moves builds the transitions from every state in from to one state.
func moves[S ~string](to S, stamp string, roles []Role, from ...S) []Transition[S] {
	out := make([]Transition[S], len(from))
	for i, f := range from {
		out[i] = Transition[S]{From: f, To: to, Stamp: stamp, Roles: roles}
	}
	return out
}

// States returns all states of the aggregate in their display order.
func (m *Machine[S]) States() []S {
	out := make([]S, len(m.states))
	for i, o := range m.states {
		out[i] = S(o.Value)
	}
	return out
}

// Options returns the states with their German labels.
func (m *Machine[S]) Options() []Option { return m.states }

// Label returns the German label of a state.
func (m *Machine[S]) Label(s S) string { return labelOf(m.states, string(s)) }

// Valid reports whether s is a state of the aggregate.
func (m *Machine[S]) Valid(s S) bool { return validIn(m.states, string(s)) }

// Lookup returns the transition from → to, if the table has it.
func (m *Machine[S]) Lookup(from, to S) (Transition[S], bool) {
	for _, t := range m.transitions {
		if t.From == from && t.To == to {
			return t, true
		}
	}
	return Transition[S]{}, false
}

// CanMove reports whether the table allows the change from → to.
func (m *Machine[S]) CanMove(from, to S) bool {
	_, ok := m.Lookup(from, to)
	return ok
}

// Next returns the states reachable from a state in one step, in table order.
func (m *Machine[S]) Next(from S) []S {
	var out []S
	for _, t := range m.transitions {
		if t.From == from {
			out = append(out, t.To)
		}
	}
	return out
}

// Terminal reports whether no change leaves the state (a lease, a withdrawal, a sent
// message).
func (m *Machine[S]) Terminal(s S) bool { return len(m.Next(s)) == 0 }

// From returns the states from which the table allows a change to `to`. With among, only
// those of them that are also in among: a caller that may only act on some of them (a
// worker that holds a message in "sending") narrows the guard, it never widens it.
func (m *Machine[S]) From(to S, among ...S) []S {
	var out []S
	for _, t := range m.transitions {
		if t.To == to && (len(among) == 0 || slices.Contains(among, t.From)) {
			out = append(out, t.From)
		}
	}
	return out
}

// Stamp returns the timestamp column a change to `to` sets ("" for none). The table keeps
// one stamp per target state, so it does not depend on the state the row was in.
func (m *Machine[S]) Stamp(to S) string {
	for _, t := range m.transitions {
		if t.To == to {
			return t.Stamp
		}
	}
	return ""
}

// Roles returns the roles that may make the change from → to (nil: only the system, or
// the change is not in the table).
func (m *Machine[S]) Roles(from, to S) []Role {
	t, _ := m.Lookup(from, to)
	return t.Roles
}

// Allows reports whether the table allows from → to and lists role r among those who may
// make it.
func (m *Machine[S]) Allows(from, to S, r Role) bool {
	return slices.Contains(m.Roles(from, to), r)
}

// Check returns nil when the table allows from → to and a *TransitionError otherwise.
func (m *Machine[S]) Check(from, to S) error {
	if m.CanMove(from, to) {
		return nil
	}
	return m.Refuse(from, to)
}

// Refuse returns the *TransitionError for a change from → to that is not made.
func (m *Machine[S]) Refuse(from, to S) error {
	return &TransitionError{Aggregate: m.Aggregate, From: string(from), To: string(to), Message: m.Refused}
}

// TransitionError is a state change that was refused: the table does not allow it, or the
// record was no longer in a state it is allowed from. It is an ErrConflict and carries
// the German message of a ConflictError.
type TransitionError struct {
	Aggregate string
	From, To  string
	Message   string
}

func (e *TransitionError) Error() string {
	return fmt.Sprintf("%s: transition %s → %s not allowed", e.Aggregate, e.From, e.To)
}

// Unwrap makes errors.Is(err, ErrConflict) true and lets errors.As find the ConflictError
// with the German message.
func (e *TransitionError) Unwrap() []error {
	return []error{ErrConflict, &ConflictError{Message: e.Message}}
}

// Roles of the transition tables.
var (
	staffRoles     = []Role{RoleStaff, RoleAdmin}
	landlordRoles  = []Role{RoleLandlord, RoleStaff, RoleAdmin}
	householdRoles = []Role{RoleStaff, RoleAdmin, RoleCaseworker}
)

// VacancyStatus is the state of a vacancy (Wohnungsangebot).
type VacancyStatus string

// The states of a vacancy.
const (
	VacancyDraft     VacancyStatus = "draft"
	VacancySubmitted VacancyStatus = "submitted"
	VacancyPublished VacancyStatus = "published"
	VacancyLet       VacancyStatus = "let"
	VacancyWithdrawn VacancyStatus = "withdrawn"
)

// VacancyTransitions is the transition table of vacancies: a landlord submits a draft,
// staff publish it or send it back, a landlord marks it let (staff when a lease fills
// the last place) or withdraws it.
var VacancyTransitions = newMachine("vacancy",
	"Das Wohnungsangebot wurde inzwischen geändert. Bitte laden Sie die Seite neu.",
	[]Option{
		{string(VacancyDraft), "Entwurf"},
		{string(VacancySubmitted), "eingereicht"},
		{string(VacancyPublished), "veröffentlicht"},
		{string(VacancyLet), "vermietet"},
		{string(VacancyWithdrawn), "zurückgezogen"},
	},
	slices.Concat(
		moves(VacancySubmitted, "submitted_at", []Role{RoleLandlord}, VacancyDraft),
		moves(VacancyPublished, "published_at", staffRoles, VacancySubmitted),
		moves(VacancyDraft, "", staffRoles, VacancySubmitted),
		moves(VacancyLet, "", landlordRoles, VacancySubmitted, VacancyPublished),
		moves(VacancyWithdrawn, "", landlordRoles, VacancyDraft, VacancySubmitted, VacancyPublished),
	))

// Label returns the German name of the state.
func (s VacancyStatus) Label() string { return VacancyTransitions.Label(s) }

// CanMove reports whether the vacancy table allows the change to `to`.
func (s VacancyStatus) CanMove(to VacancyStatus) bool { return VacancyTransitions.CanMove(s, to) }

// Editable reports whether a landlord may still change the vacancy's data (a draft, new or
// sent back).
func (s VacancyStatus) Editable() bool { return s == VacancyDraft }

// Ended reports whether the vacancy is let or withdrawn: no change leaves the state, so its
// viewing slots can no longer change either.
func (s VacancyStatus) Ended() bool { return VacancyTransitions.Terminal(s) }

// VacancyStatusOptions lists the states of a vacancy.
var VacancyStatusOptions = VacancyTransitions.Options()

// MatchState is the state of a match (Vorschlag).
type MatchState string

// The states of a match in workflow order.
const (
	MatchProposed            MatchState = "proposed"
	MatchApproved            MatchState = "approved"
	MatchViewingScheduled    MatchState = "viewing_scheduled"
	MatchViewingConfirmed    MatchState = "viewing_confirmed"
	MatchViewed              MatchState = "viewed"
	MatchLandlordAccepted    MatchState = "landlord_accepted"
	MatchLeaseSigned         MatchState = "lease_signed"
	MatchDeclinedByApplicant MatchState = "declined_by_applicant"
	MatchNoShow              MatchState = "no_show"
	MatchLandlordRejected    MatchState = "landlord_rejected"
	MatchWithdrawn           MatchState = "withdrawn"
	MatchExpired             MatchState = "expired"
)

// ActiveMatchStates are the states in which a match binds its household (docs/design.md §3).
var ActiveMatchStates = []MatchState{MatchApproved, MatchViewingScheduled, MatchViewingConfirmed, MatchViewed, MatchLandlordAccepted}

// ViewedMatchStates are the states a match reaches only after its viewing took place.
var ViewedMatchStates = []MatchState{MatchViewed, MatchLandlordAccepted, MatchLeaseSigned, MatchLandlordRejected}

// DeclinedMatchStates end a match because one side declined the other: the household is
// not proposed for that vacancy again.
var DeclinedMatchStates = []MatchState{MatchDeclinedByApplicant, MatchLandlordRejected}

// OpenMatchStates are the states in which a match is still under way (proposed or active).
var OpenMatchStates = append([]MatchState{MatchProposed}, ActiveMatchStates...)

// DecidableMatchStates are the states in which the landlord records the outcome of the
// viewing (Zusage, Absage, not come).
var DecidableMatchStates = []MatchState{MatchViewingScheduled, MatchViewingConfirmed, MatchViewed}

// MatchTransitions is the transition table of matches. An approval creates the match in
// viewing_scheduled; the applicant's link confirms or declines, the job marks a confirmed
// viewing that is over as viewed, the landlord (or staff for them) records the outcome,
// staff record the lease or withdraw an open match. Every change stamps state_changed_at.
// A withdrawal also follows when a household is housed or closed or a vacancy let or
// withdrawn, whoever caused that.
var MatchTransitions = newMachine("match",
	"Der Vorschlag wurde inzwischen geändert. Bitte laden Sie die Seite neu.",
	[]Option{
		{string(MatchProposed), "vorgeschlagen"},
		{string(MatchApproved), "freigegeben"},
		{string(MatchViewingScheduled), "Besichtigung geplant"},
		{string(MatchViewingConfirmed), "Besichtigung bestätigt"},
		{string(MatchViewed), "besichtigt"},
		{string(MatchLandlordAccepted), "Zusage Vermieter*in"},
		{string(MatchLeaseSigned), "Mietvertrag unterschrieben"},
		{string(MatchDeclinedByApplicant), "abgesagt (Haushalt)"},
		{string(MatchNoShow), "nicht erschienen"},
		{string(MatchLandlordRejected), "abgelehnt (Vermieter*in)"},
		{string(MatchWithdrawn), "zurückgezogen"},
		{string(MatchExpired), "abgelaufen"},
	},
	slices.Concat(
		moves(MatchViewingConfirmed, "state_changed_at", nil, MatchViewingScheduled),
		moves(MatchViewingScheduled, "state_changed_at", staffRoles, MatchViewingScheduled, MatchViewingConfirmed),
		moves(MatchDeclinedByApplicant, "state_changed_at", nil, MatchViewingScheduled, MatchViewingConfirmed),
		moves(MatchViewed, "state_changed_at", nil, MatchViewingConfirmed),
		moves(MatchLandlordAccepted, "state_changed_at", landlordRoles, DecidableMatchStates...),
		moves(MatchLandlordRejected, "state_changed_at", landlordRoles, DecidableMatchStates...),
		moves(MatchNoShow, "state_changed_at", landlordRoles, DecidableMatchStates...),
		moves(MatchLeaseSigned, "state_changed_at", staffRoles, MatchLandlordAccepted),
		moves(MatchWithdrawn, "state_changed_at", staffRoles, OpenMatchStates...),
	))

// MatchStateOptions lists the states of a match in workflow order.
var MatchStateOptions = MatchTransitions.Options()

// Label returns the German name of the state.
func (s MatchState) Label() string { return MatchTransitions.Label(s) }

// CanMove reports whether the match table allows the change to `to`.
func (s MatchState) CanMove(to MatchState) bool { return MatchTransitions.CanMove(s, to) }

// Open reports whether a match in this state is still under way.
func (s MatchState) Open() bool { return slices.Contains(OpenMatchStates, s) }

// ViewingState is the state of a viewing (Besichtigung).
type ViewingState string

// The states of a viewing.
const (
	ViewingScheduled ViewingState = "scheduled"
	ViewingConfirmed ViewingState = "confirmed"
	ViewingCancelled ViewingState = "cancelled"
	ViewingHeld      ViewingState = "held"
	ViewingNoShow    ViewingState = "no_show"
)

// PendingViewingStates are the states of a viewing that is still to take place.
var PendingViewingStates = []ViewingState{ViewingScheduled, ViewingConfirmed}

// ViewingTransitions is the transition table of viewings: the applicant confirms, staff
// reschedule (back to scheduled), the applicant or staff cancel, the landlord's outcome
// marks it held or not come.
var ViewingTransitions = newMachine("viewing",
	"Die Besichtigung wurde inzwischen geändert.",
	[]Option{
		{string(ViewingScheduled), "geplant"},
		{string(ViewingConfirmed), "bestätigt"},
		{string(ViewingCancelled), "abgesagt"},
		{string(ViewingHeld), "stattgefunden"},
		{string(ViewingNoShow), "nicht erschienen"},
	},
	slices.Concat(
		moves(ViewingConfirmed, "", nil, ViewingScheduled),
		moves(ViewingScheduled, "", staffRoles, PendingViewingStates...),
		moves(ViewingCancelled, "", staffRoles, PendingViewingStates...),
		moves(ViewingHeld, "", landlordRoles, PendingViewingStates...),
		moves(ViewingNoShow, "", landlordRoles, PendingViewingStates...),
	))

// ViewingStateOptions lists the states of a viewing.
var ViewingStateOptions = ViewingTransitions.Options()

// Label returns the German name of the state.
func (s ViewingState) Label() string { return ViewingTransitions.Label(s) }

// CanMove reports whether the viewing table allows the change to `to`.
func (s ViewingState) CanMove(to ViewingState) bool { return ViewingTransitions.CanMove(s, to) }

// Pending reports whether the viewing is still to take place.
func (s ViewingState) Pending() bool { return slices.Contains(PendingViewingStates, s) }

// HouseholdStatus is the state of a household.
type HouseholdStatus string

// The states of a household.
const (
	HouseholdActive HouseholdStatus = "active"
	HouseholdPaused HouseholdStatus = "paused"
	HouseholdHoused HouseholdStatus = "housed"
	HouseholdClosed HouseholdStatus = "closed"
)

// RankedHouseholdStatuses are the states in which a household is loaded for the ranking
// (a paused one is listed as excluded).
var RankedHouseholdStatuses = []HouseholdStatus{HouseholdActive, HouseholdPaused}

// HouseholdTransitions is the transition table of households: staff and caseworkers pause
// (again, with a new end), resume, mark versorgt (also the lease does) and close; a housed
// or closed household can be reactivated.
var HouseholdTransitions = newMachine("household",
	"Der Status des Haushalts wurde inzwischen geändert. Bitte laden Sie die Seite neu.",
	[]Option{
		{string(HouseholdActive), "aktiv"},
		{string(HouseholdPaused), "pausiert"},
		{string(HouseholdHoused), "versorgt"},
		{string(HouseholdClosed), "abgeschlossen"},
	},
	slices.Concat(
		moves(HouseholdPaused, "", householdRoles, HouseholdActive, HouseholdPaused),
		moves(HouseholdActive, "", householdRoles, HouseholdPaused, HouseholdHoused, HouseholdClosed),
		moves(HouseholdHoused, "", householdRoles, HouseholdActive, HouseholdPaused, HouseholdClosed),
		moves(HouseholdClosed, "", householdRoles, HouseholdActive, HouseholdPaused, HouseholdHoused),
	))

// HouseholdStatusOptions lists the states of a household.
var HouseholdStatusOptions = HouseholdTransitions.Options()

// Label returns the German name of the state.
func (s HouseholdStatus) Label() string { return HouseholdTransitions.Label(s) }

// CanMove reports whether the household table allows the change to `to`.
func (s HouseholdStatus) CanMove(to HouseholdStatus) bool { return HouseholdTransitions.CanMove(s, to) }

// LandlordStatus is the state of a landlord organisation.
type LandlordStatus string

// The states of a landlord.
const (
	LandlordInvited LandlordStatus = "invited"
	LandlordActive  LandlordStatus = "active"
	LandlordBlocked LandlordStatus = "blocked"
)

// LandlordTransitions is the transition table of landlords: staff activate (a landlord
// invited by staff becomes active with the first password) and block.
var LandlordTransitions = newMachine("landlord",
	"Der Status der Vermieter*in wurde inzwischen geändert. Bitte laden Sie die Seite neu.",
	[]Option{
		{string(LandlordInvited), "eingeladen"},
		{string(LandlordActive), "aktiv"},
		{string(LandlordBlocked), "gesperrt"},
	},
	slices.Concat(
		moves(LandlordActive, "", []Role{RoleStaff, RoleAdmin, RoleLandlord}, LandlordInvited, LandlordBlocked),
		moves(LandlordBlocked, "", staffRoles, LandlordInvited, LandlordActive),
	))

// LandlordStatusOptions lists the states of a landlord.
var LandlordStatusOptions = LandlordTransitions.Options()

// Label returns the German name of the state.
func (s LandlordStatus) Label() string { return LandlordTransitions.Label(s) }

// CanMove reports whether the landlord table allows the change to `to`.
func (s LandlordStatus) CanMove(to LandlordStatus) bool { return LandlordTransitions.CanMove(s, to) }

// MessageState is the state of an outbox message (the CHECK constraint of table outbox
// lists the same values).
type MessageState string

// The states of an outbox message.
const (
	MessageQueued  MessageState = "queued"
	MessageSending MessageState = "sending"
	MessageSent    MessageState = "sent"
	MessageFailed  MessageState = "failed"
)

// MessageTransitions is the transition table of outbox messages: the worker claims a
// queued message, marks it sent, puts it back (retry later, not attempted, lock expired)
// or fails it after the last attempt; staff send a failed one again.
var MessageTransitions = newMachine("message",
	"Die Nachricht wurde inzwischen geändert. Bitte laden Sie die Seite neu.",
	[]Option{
		{string(MessageQueued), "wartet"},
		{string(MessageSending), "wird gesendet"},
		{string(MessageSent), "gesendet"},
		{string(MessageFailed), "fehlgeschlagen"},
	},
	slices.Concat(
		moves(MessageSending, "", nil, MessageQueued),
		moves(MessageSent, "sent_at", nil, MessageSending),
		moves(MessageQueued, "", nil, MessageSending),
		moves(MessageFailed, "", nil, MessageSending),
		[]Transition[MessageState]{{From: MessageFailed, To: MessageQueued, Roles: staffRoles}},
	))

// Label returns the German name of the state.
func (s MessageState) Label() string { return MessageTransitions.Label(s) }

// CanMove reports whether the outbox table allows the change to `to`.
func (s MessageState) CanMove(to MessageState) bool { return MessageTransitions.CanMove(s, to) }

// CanMoveAs reports whether the outbox table lets role r make the change to `to` (staff
// may send a failed message again; the worker's changes belong to no role).
func (s MessageState) CanMoveAs(to MessageState, r Role) bool {
	return MessageTransitions.Allows(s, to, r)
}

// --- Tenancy phase (docs/design.md §8) ---

// TenancyStatus is the state of a tenancy (Mietverhältnis).
type TenancyStatus string

// The states of a tenancy.
const (
	TenancyActive TenancyStatus = "active"
	TenancyEnded  TenancyStatus = "ended"
)

// TenancyTransitions is the transition table of tenancies: the lease starts one (active),
// staff, admins or the companion end it with a date and a reason. An ended tenancy stays
// ended; a new lease starts a new tenancy.
var TenancyTransitions = newMachine("tenancy",
	"Das Mietverhältnis wurde inzwischen geändert. Bitte laden Sie die Seite neu.",
	[]Option{
		{string(TenancyActive), "läuft"},
		{string(TenancyEnded), "beendet"},
	},
	moves(TenancyEnded, "", householdRoles, TenancyActive))

// TenancyStatusOptions lists the states of a tenancy.
var TenancyStatusOptions = TenancyTransitions.Options()

// Label returns the German name of the state.
func (s TenancyStatus) Label() string { return TenancyTransitions.Label(s) }

// CanMove reports whether the tenancy table allows the change to `to`.
func (s TenancyStatus) CanMove(to TenancyStatus) bool { return TenancyTransitions.CanMove(s, to) }

// ReportStatus is the state of a landlord's report (Meldung) as the landlord follows it.
type ReportStatus string

// The states of a report.
const (
	ReportReceived   ReportStatus = "received"
	ReportInProgress ReportStatus = "in_progress"
	ReportDone       ReportStatus = "done"
)

// ReportTransitions is the transition table of reports: a filed report is eingegangen; the
// first answer of the city's side (staff, admin, companion) or their choice puts it in
// Bearbeitung; they close it as erledigt, from either state, and may take a closed report up
// again. Each change stamps its day, which the landlord sees.
var ReportTransitions = newMachine("report",
	"Die Meldung wurde inzwischen geändert. Bitte laden Sie die Seite neu.",
	[]Option{
		{string(ReportReceived), "eingegangen"},
		{string(ReportInProgress), "in Bearbeitung"},
		{string(ReportDone), "erledigt"},
	},
	slices.Concat(
		moves(ReportInProgress, "in_progress_at", householdRoles, ReportReceived, ReportDone),
		moves(ReportDone, "done_at", householdRoles, ReportReceived, ReportInProgress),
	))

// ReportStatusOptions lists the states of a report.
var ReportStatusOptions = ReportTransitions.Options()

// Label returns the German name of the state.
func (s ReportStatus) Label() string { return ReportTransitions.Label(s) }

// CanMove reports whether the report table allows the change to `to`.
func (s ReportStatus) CanMove(to ReportStatus) bool { return ReportTransitions.CanMove(s, to) }

// Open reports whether the report still waits for the city's side.
func (s ReportStatus) Open() bool { return s != ReportDone }
