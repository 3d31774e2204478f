package mail

import (
	"errors"
	"fmt"
	htmltemplate "html/template"
	"strings"
	"time"

	"wohnbruecke/internal/domain"
)

// Message kinds, stored in outbox.kind. A "_copy" kind is the German copy of an applicant
// message for the companion or caseworker.
const (
	KindViewingInvitation     = "viewing_invitation"
	KindViewingReminder       = "viewing_reminder"
	KindViewingChanged        = "viewing_changed"
	KindViewingCancelled      = "viewing_cancelled"
	KindViewingInvitationCopy = "viewing_invitation_copy"
	KindViewingReminderCopy   = "viewing_reminder_copy"
	KindViewingChangedCopy    = "viewing_changed_copy"
	KindViewingCancelledCopy  = "viewing_cancelled_copy"
	KindApplicantAnswered     = "applicant_answered"
	KindLandlordProposal      = "landlord_proposal"
	KindLandlordAnswer        = "landlord_answer"
	KindLandlordWithdrawn     = "landlord_proposal_withdrawn"
	KindLandlordViewingMoved  = "landlord_viewing_moved"
	KindLandlordOutcome       = "landlord_outcome_request"
	KindStaffVacancySubmitted = "staff_vacancy_submitted"
	KindStaffMatchStalled     = "staff_match_stalled"
	KindStaffOutcomeRecorded  = "staff_outcome_recorded"
	KindStaffMessageFailed    = "staff_message_failed"
)

// KindLabel returns the German name of a message kind for the Postausgang.
func KindLabel(kind string) string {
	switch kind {
	case KindViewingInvitation:
		return "Einladung zur Besichtigung (Haushalt)"
	case KindViewingReminder:
		return "Erinnerung an die Besichtigung (Haushalt)"
	case KindViewingChanged:
		return "Neuer Besichtigungstermin (Haushalt)"
	case KindViewingCancelled:
		return "Absage der Besichtigung (Haushalt)"
	case KindViewingInvitationCopy:
		return "Kopie der Einladung (Begleitung)"
	case KindViewingReminderCopy:
		return "Kopie der Erinnerung (Begleitung)"
	case KindViewingChangedCopy:
		return "Kopie des neuen Termins (Begleitung)"
	case KindViewingCancelledCopy:
		return "Kopie der Absage (Begleitung)"
	case KindApplicantAnswered:
		return "Antwort des Haushalts (Begleitung)"
	case KindLandlordProposal:
		return "Neuer Vorschlag (Vermieter*in)"
	case KindLandlordAnswer:
		return "Antwort des Haushalts (Vermieter*in)"
	case KindLandlordWithdrawn:
		return "Vorschlag zurückgezogen (Vermieter*in)"
	case KindLandlordViewingMoved:
		return "Neuer Besichtigungstermin (Vermieter*in)"
	case KindLandlordOutcome:
		return "Bitte um Ergebnis der Besichtigung (Vermieter*in)"
	case KindStaffVacancySubmitted:
		return "Wohnungsangebot eingereicht (Team)"
	case KindStaffMatchStalled:
		return "Vorschlag stockt (Team)"
	case KindStaffOutcomeRecorded:
		return "Ergebnis der Besichtigung (Team)"
	case KindStaffMessageFailed:
		return "Nachricht nicht zustellbar (Team)"
	case KindLandlordInvitation:
		return "Einladung zum Zugang (Vermieter*in)"
	case KindPasswordReset:
		return "Link für ein neues Passwort"
	case KindStaffLandlordRegistered:
		return "Registrierung wartet auf Freischaltung (Team)"
	case KindLandlordActivated:
		return "Zugang freigeschaltet (Vermieter*in)"
	case KindLandlordBlocked:
		return "Zugang gesperrt (Vermieter*in)"
	case KindLandlordVacancySentBack:
		return "Angebot zurückgegeben (Vermieter*in)"
	case KindAccountExists:
		return "Registrierung mit bestehendem Zugang"
	case KindTeamInvitation:
		return "Einladung zum Zugang (Team)"
	}
	if l, ok := tenancyKindLabels[kind]; ok {
		return l
	}
	// Follow-ups (Nachsorge).
	if l, ok := followUpKindLabels[kind]; ok {
		return l
	}
	return kind
}

// Applicant answers, as stored in applicant_tokens.answer.
const (
	AnswerConfirm    = "confirm"
	AnswerDecline    = "decline"
	AnswerReschedule = "reschedule"
)

// templateNames lists every template; NewComposer checks that each exists in the text
// and HTML sets.
func templateNames() []string {
	names := []string{
		"viewing_invitation", "viewing_reminder", "viewing_changed", "viewing_cancelled", "viewing_copy",
		"applicant_answered", "landlord_proposal", "landlord_answer", "landlord_outcome_request",
		"landlord_proposal_withdrawn", "landlord_viewing_moved",
		"staff_vacancy_submitted", "staff_match_stalled", "staff_message_failed", "staff_outcome_recorded",
		"landlord_invitation", "password_reset", "staff_landlord_registered", "landlord_activated", "landlord_blocked",
		"landlord_vacancy_sent_back", "team_invitation",
	}
	return append(names, tenancyTemplates...) // tenancy phase
}

// Contact is a person a message names or goes to. Email may be empty for a person who is
// only named (then no message goes to them).
type Contact struct {
	Name  string
	Email string
	Phone string
}

func (c *Contact) hasEmail() bool { return c != nil && strings.TrimSpace(c.Email) != "" }

// recipients remembers the addresses a message already goes to, so that a person who has
// two roles (a caseworker who is also the companion) gets one copy.
type recipients map[string]bool

// add reports whether c has an address not seen yet, and remembers it.
func (r recipients) add(c *Contact) bool {
	if !c.hasEmail() {
		return false
	}
	key := strings.ToLower(strings.TrimSpace(c.Email))
	if r[key] {
		return false
	}
	r[key] = true
	return true
}

// Viewing is a Besichtigung as messages show it. Callers increase Sequence on every change
// of time or place and on cancellation (domain.Viewing.Sequence), so calendar programs
// replace the earlier entry.
type Viewing struct {
	ID          int64
	MatchID     int64
	CalendarUID string
	Sequence    int
	StartsAt    time.Time
	EndsAt      time.Time
	Address     string
}

// ViewingFrom copies the fields messages need from a stored viewing.
func ViewingFrom(v *domain.Viewing) Viewing {
	return Viewing{ID: v.ID, MatchID: v.MatchID, CalendarUID: v.CalendarUID, Sequence: v.Sequence,
		StartsAt: v.StartsAt, EndsAt: v.EndsAt, Address: v.Place}
}

func (v Viewing) check() error {
	var errs []error
	if v.ID == 0 || v.CalendarUID == "" {
		errs = append(errs, errors.New("viewing id and calendar UID are required"))
	}
	if v.StartsAt.IsZero() || !v.EndsAt.After(v.StartsAt) {
		errs = append(errs, errors.New("viewing needs a start before its end"))
	}
	if strings.TrimSpace(v.Address) == "" {
		errs = append(errs, errors.New("viewing needs an address"))
	}
	return errors.Join(errs...)
}

// Flat is a flat as applicant messages describe it, in the vacancy's German number formats
// (the same in every language, like the address).
type Flat struct {
	Rooms, Area, WarmRent string
	// Floor is 0 for the ground floor, negative for the basement.
	Floor int
}

// FlatFrom describes a vacancy for applicant messages.
func FlatFrom(v *domain.Vacancy) *Flat {
	return &Flat{Rooms: v.RoomsHalf.String(), Area: v.AreaCentiM2.String(), WarmRent: v.WarmRent().Euro(), Floor: v.Floor}
}

// ApplicantLinks are the applicant's answer links (absolute URLs, each carrying its own
// token). Empty links are left out of the message.
type ApplicantLinks struct {
	Confirm, Decline, Reschedule string
}

// Any reports whether at least one link is set.
func (l ApplicantLinks) Any() bool { return l.Confirm != "" || l.Decline != "" || l.Reschedule != "" }

// ViewingMessage is the data of the messages about one viewing to a household and to the
// people who help it: the invitation, the reminder, the change and the cancellation.
type ViewingMessage struct {
	// HouseholdRef is the household's reference code (pseudonym).
	HouseholdRef string
	// Applicant is the household's contact person. Without an email address no applicant
	// message is produced (the household gets the printable invitation instead), but the
	// copies still go out.
	Applicant Contact
	// Language is the household's preferred language (domain.Household.Language).
	Language domain.Language
	// Companion is the Klartext companion: named in the applicant message, and sent a
	// German copy when it has an email address.
	Companion *Contact
	// Caseworker is sent a German copy when set.
	Caseworker *Contact
	Viewing    Viewing
	// Previous is the viewing before the change (ViewingChanged only).
	Previous *Viewing
	// Links are the applicant's answer links; leave empty where no answer is asked for.
	Links ApplicantLinks
	// Flat is the flat the viewing is for (FlatFrom), shown with the time and place.
	Flat *Flat
	// AnswerBy is when the answer links stop working, shown with the links.
	AnswerBy time.Time
	// Reason is why staff called the viewing off (ViewingCancelled; zero when none was given).
	Reason domain.Reason
	// What to bring besides an ID card.
	BringCertificate bool
	BringWBS         bool
	BringIncomeProof bool
	// Copy is set by the composer for the German copy to helpers.
	Copy bool
	// PrivacyNotice is the address of the privacy notice for applicants
	// (links.PrivacyNotice), linked from every applicant message.
	PrivacyNotice string
}

// ViewingInvitation composes the invitation to a viewing: to the applicant in their
// language with German alongside, with the answer links and a calendar request, and a
// German copy to the companion and the caseworker.
func (c *Composer) ViewingInvitation(d ViewingMessage) ([]domain.OutboxMessage, error) {
	return c.viewingMessages(d, "viewing_invitation", KindViewingInvitation, KindViewingInvitationCopy, "invitation")
}

// ViewingReminder composes the reminder sent about 24 hours before the viewing. Pass the
// links only when the applicant has not answered yet.
func (c *Composer) ViewingReminder(d ViewingMessage) ([]domain.OutboxMessage, error) {
	return c.viewingMessages(d, "viewing_reminder", KindViewingReminder, KindViewingReminderCopy, "reminder")
}

// ViewingChanged composes the message about a new time or place; d.Previous holds the
// old one and d.Viewing.Sequence must be higher than before.
func (c *Composer) ViewingChanged(d ViewingMessage) ([]domain.OutboxMessage, error) {
	if d.Previous == nil {
		return nil, fmt.Errorf("mail: viewing changed %d: previous viewing missing", d.Viewing.ID)
	}
	return c.viewingMessages(d, "viewing_changed", KindViewingChanged, KindViewingChangedCopy, "change")
}

// ViewingCancelled composes the cancellation, with a calendar CANCEL so the entry
// disappears from calendars. Links are not shown.
func (c *Composer) ViewingCancelled(d ViewingMessage) ([]domain.OutboxMessage, error) {
	d.Links = ApplicantLinks{}
	return c.viewingMessages(d, "viewing_cancelled", KindViewingCancelled, KindViewingCancelledCopy, "cancel")
}

func (c *Composer) viewingMessages(d ViewingMessage, tmpl, kind, copyKind, event string) ([]domain.OutboxMessage, error) {
	if err := d.Viewing.check(); err != nil {
		return nil, fmt.Errorf("mail: %s: %w", kind, err)
	}
	method := MethodRequest
	if event == "cancel" {
		method = MethodCancel
	}
	// One key per event and calendar revision: a new time (higher sequence) is a new event.
	base := fmt.Sprintf("viewing/%d/%s/seq-%d", d.Viewing.ID, event, d.Viewing.Sequence)
	if event == "cancel" {
		base = fmt.Sprintf("viewing/%d/cancel", d.Viewing.ID)
	}
	matchID := optionalID(d.Viewing.MatchID)
	var out []domain.OutboxMessage
	seen := recipients{}

	if seen.add(&d.Applicant) {
		langs := applicantLanguages(d.Language)
		r, err := c.render(tmpl, langs, d)
		if err != nil {
			return nil, err
		}
		ics, err := c.calendar(method, d.Viewing, r.Subject, d.Applicant)
		if err != nil {
			return nil, err
		}
		out = append(out, domain.OutboxMessage{
			DedupeKey: base + "/applicant", Kind: kind, ToAddress: d.Applicant.Email, ToName: d.Applicant.Name,
			Language: string(langs[0]), Subject: r.Subject, BodyText: r.Text, BodyHTML: r.HTML, ICS: ics, MatchID: matchID,
		})
	}

	// The copy shows the German text without the applicant's personal answer links.
	cp := d
	cp.Copy = true
	cp.Links = ApplicantLinks{}
	for _, helper := range []struct {
		role string
		who  *Contact
	}{{"companion", d.Companion}, {"caseworker", d.Caseworker}} {
		if !seen.add(helper.who) {
			continue
		}
		inner, err := c.render(tmpl, germanOnly, cp)
		if err != nil {
			return nil, err
		}
		r, err := c.render("viewing_copy", germanOnly, viewingCopy{
			HouseholdRef: d.HouseholdRef, Languages: applicantLanguages(d.Language),
			ApplicantMailed: d.Applicant.hasEmail(), AskedToAnswer: d.Links.Any(), Subject: inner.Subject,
			Text: inner.bodyText, HTML: htmltemplate.HTML(inner.bodyHTML), //nolint:gosec // rendered by html/template
		})
		if err != nil {
			return nil, err
		}
		ics, err := c.calendar(method, d.Viewing, inner.Subject, *helper.who)
		if err != nil {
			return nil, err
		}
		out = append(out, domain.OutboxMessage{
			DedupeKey: base + "/" + helper.role, Kind: copyKind, ToAddress: helper.who.Email, ToName: helper.who.Name,
			Language: string(domain.LanguageDE), Subject: r.Subject, BodyText: r.Text, BodyHTML: r.HTML, ICS: ics, MatchID: matchID,
		})
	}
	return out, nil
}

// viewingCopy is the data of the German copy of an applicant message.
type viewingCopy struct {
	HouseholdRef    string
	Languages       []domain.Language
	ApplicantMailed bool
	AskedToAnswer   bool
	Subject         string
	Text            string
	HTML            htmltemplate.HTML
}

// LanguageNames returns the German names of the languages the applicant was written in.
func (v viewingCopy) LanguageNames() string {
	names := make([]string, len(v.Languages))
	for i, l := range v.Languages {
		names[i] = l.Label()
	}
	return strings.Join(names, " und ")
}

// AnswerNotice is the data of the message to the companion and the caseworker (and, for
// "another date", the responsible staff) that the applicant answered.
type AnswerNotice struct {
	HouseholdRef string
	// Answer is AnswerConfirm, AnswerDecline or AnswerReschedule.
	Answer     string
	AnsweredAt time.Time
	Viewing    Viewing
	Companion  *Contact
	Caseworker *Contact
	// Previous is the viewing before the household chose another slot itself (then Answer
	// is AnswerConfirm for the new time); nil otherwise.
	Previous *Viewing
	// Staff get the notice only for AnswerReschedule, when someone must offer a new date,
	// and when the household chose another slot itself (Previous set).
	Staff []Contact
	// MatchURL links to the match in the staff workspace.
	MatchURL string
}

// ApplicantAnswered composes the German notice that the applicant confirmed, declined or
// asked for another date.
func (c *Composer) ApplicantAnswered(d AnswerNotice) ([]domain.OutboxMessage, error) {
	if err := checkAnswer(d.Answer); err != nil {
		return nil, err
	}
	r, err := c.render("applicant_answered", germanOnly, d)
	if err != nil {
		return nil, err
	}
	base := fmt.Sprintf("viewing/%d/answer-%s/seq-%d", d.Viewing.ID, d.Answer, d.Viewing.Sequence)
	to := []struct {
		role string
		who  *Contact
	}{{"companion", d.Companion}, {"caseworker", d.Caseworker}}
	if d.Answer == AnswerReschedule || d.Previous != nil {
		for i := range d.Staff {
			to = append(to, struct {
				role string
				who  *Contact
			}{"staff/" + strings.ToLower(d.Staff[i].Email), &d.Staff[i]})
		}
	}
	var out []domain.OutboxMessage
	seen := recipients{}
	for _, rc := range to {
		if !seen.add(rc.who) {
			continue
		}
		out = append(out, germanMessage(base+"/"+rc.role, KindApplicantAnswered, *rc.who, r, d.Viewing.MatchID))
	}
	return out, nil
}

func checkAnswer(a string) error {
	switch a {
	case AnswerConfirm, AnswerDecline, AnswerReschedule:
		return nil
	}
	return fmt.Errorf("mail: unknown answer %q", a)
}

func germanMessage(key, kind string, to Contact, r rendered, matchID int64) domain.OutboxMessage {
	return domain.OutboxMessage{DedupeKey: key, Kind: kind, ToAddress: to.Email, ToName: to.Name, Language: string(domain.LanguageDE),
		Subject: r.Subject, BodyText: r.Text, BodyHTML: r.HTML, MatchID: optionalID(matchID)}
}

func optionalID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// VacancySubmitted is the data of the staff notice that a landlord submitted a vacancy.
type VacancySubmitted struct {
	Staff        []Contact
	VacancyID    int64
	LandlordName string
	Address      string
	// Summary is a one-line description ("2,5 Zimmer, 58 m², 420 € kalt").
	Summary     string
	SubmittedAt time.Time
	// ReviewURL links to the vacancy in the staff workspace.
	ReviewURL string
}

// StaffVacancySubmitted composes the notice to staff that a vacancy waits for review.
func (c *Composer) StaffVacancySubmitted(d VacancySubmitted) ([]domain.OutboxMessage, error) {
	r, err := c.render("staff_vacancy_submitted", germanOnly, d)
	if err != nil {
		return nil, err
	}
	base := fmt.Sprintf("vacancy/%d/submitted-%d", d.VacancyID, d.SubmittedAt.Unix())
	return staffMessages(base, KindStaffVacancySubmitted, d.Staff, r, 0), nil
}

// MatchStalled is the data of the reminder that a match has not moved for 7 days.
type MatchStalled struct {
	Staff          []Contact
	MatchID        int64
	HouseholdRef   string
	VacancyAddress string
	// State is the match state (domain.MatchStateOptions); its German label is shown.
	State domain.MatchState
	Since time.Time
	// MatchURL links to the match in the staff workspace.
	MatchURL string
}

// StaffMatchStalled composes the reminder to the staff responsible for a stalled match.
func (c *Composer) StaffMatchStalled(d MatchStalled) ([]domain.OutboxMessage, error) {
	r, err := c.render("staff_match_stalled", germanOnly, d)
	if err != nil {
		return nil, err
	}
	base := fmt.Sprintf("match/%d/stalled-%d", d.MatchID, d.Since.Unix())
	return staffMessages(base, KindStaffMatchStalled, d.Staff, r, d.MatchID), nil
}

// OutcomeRecorded is the data of the notice to staff that a landlord recorded the outcome
// of a viewing.
type OutcomeRecorded struct {
	Staff          []Contact
	MatchID        int64
	HouseholdRef   string
	VacancyAddress string
	// Outcome is "accepted", "rejected" or "no_show".
	Outcome string
	// Reason is the German label of the rejection reason, Note the landlord's free text.
	Reason, Note string
	RecordedAt   time.Time
	MatchURL     string
}

// StaffOutcomeRecorded composes the notice to the responsible staff member that the landlord
// accepted or rejected the household, or that it did not come.
func (c *Composer) StaffOutcomeRecorded(d OutcomeRecorded) ([]domain.OutboxMessage, error) {
	r, err := c.render("staff_outcome_recorded", germanOnly, d)
	if err != nil {
		return nil, err
	}
	base := fmt.Sprintf("match/%d/outcome-%s", d.MatchID, d.Outcome)
	return staffMessages(base, KindStaffOutcomeRecorded, d.Staff, r, d.MatchID), nil
}

// MessageFailed is the data of the alert that a message could not be delivered.
type MessageFailed struct {
	Staff     []Contact
	Message   domain.OutboxMessage
	FailedAt  time.Time
	OutboxURL string
}

// StaffMessageFailed composes the alert to staff that a message failed for good. The
// alert names the recipient and the subject, not the body.
func (c *Composer) StaffMessageFailed(d MessageFailed) ([]domain.OutboxMessage, error) {
	r, err := c.render("staff_message_failed", germanOnly, d)
	if err != nil {
		return nil, err
	}
	base := fmt.Sprintf("outbox/%d/failed-%d", d.Message.ID, d.FailedAt.UnixNano())
	var matchID int64
	if d.Message.MatchID != nil {
		matchID = *d.Message.MatchID
	}
	return staffMessages(base, KindStaffMessageFailed, d.Staff, r, matchID), nil
}

func staffMessages(base, kind string, staff []Contact, r rendered, matchID int64) []domain.OutboxMessage {
	return recipientMessages(base+"/staff", kind, staff, r, matchID)
}

// ContactOf returns a user as a message contact, or nil for nil.
func ContactOf(u *domain.User) *Contact {
	if u == nil {
		return nil
	}
	return &Contact{Name: u.Name, Email: u.Email, Phone: u.Phone}
}

// ActiveContacts returns the active users among users as message recipients.
func ActiveContacts(users []domain.User) []Contact {
	var out []Contact
	for _, u := range users {
		if u.Active {
			out = append(out, *ContactOf(&u))
		}
	}
	return out
}
