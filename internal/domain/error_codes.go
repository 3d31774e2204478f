package domain

// ErrorCode is the stable, machine-readable code of an error answer (the API's error.code):
// a program acts on the code, people read the German message. The code belongs to the error
// where it is made (a ConflictError, a TransitionError, a web or API error), never parsed
// from its text. ErrorCodes lists every code with a German and an English description; the
// OpenAPI document publishes it as the enum of error.code, and a test checks that every code
// the code base can produce is in the table (api/error_codes_test.go).
type ErrorCode string

// ErrorCodeInfo documents one error code.
type ErrorCodeInfo struct {
	Code ErrorCode
	De   string // German description
	En   string // English description
}

// General codes (internal/web).
const (
	CodeValidationFailed     ErrorCode = "validation_failed"
	CodeNotFound             ErrorCode = "not_found"
	CodeForbidden            ErrorCode = "forbidden"
	CodeUnauthorized         ErrorCode = "unauthorized"
	CodeInvalidToken         ErrorCode = "invalid_token"
	CodeTooManyRequests      ErrorCode = "too_many_requests"
	CodeDatabaseUnavailable  ErrorCode = "database_unavailable"
	CodeInternal             ErrorCode = "internal"
	CodeMethodNotAllowed     ErrorCode = "method_not_allowed"
	CodeTooLarge             ErrorCode = "too_large"
	CodeBadRequest           ErrorCode = "bad_request"
	CodeUnsupportedMediaType ErrorCode = "unsupported_media_type"
	CodeCSRFInvalid          ErrorCode = "csrf_invalid"
	CodeOriginInvalid        ErrorCode = "origin_invalid"
	CodeInvalidCharacters    ErrorCode = "invalid_characters"
)

// Request codes of the API (api).
const (
	CodeMalformedJSON         ErrorCode = "malformed_json"
	CodeUnknownField          ErrorCode = "unknown_field"
	CodeInvalidType           ErrorCode = "invalid_type"
	CodeInvalidID             ErrorCode = "invalid_id"
	CodeInvalidQuery          ErrorCode = "invalid_query"
	CodeInvalidCursor         ErrorCode = "invalid_cursor"
	CodeInvalidIdempotencyKey ErrorCode = "invalid_idempotency_key"
	CodeIdempotencyKeyReused  ErrorCode = "idempotency_key_reused"
	CodeIdempotencyInProgress ErrorCode = "idempotency_in_progress"
	CodeIdempotencyAborted    ErrorCode = "idempotency_aborted"
)

// Rule answers: the household fails hard rules (422 with the rule codes).
const (
	CodeHouseholdNotEligible ErrorCode = "household_not_eligible"
)

// Conflict codes (409): the record is not in a state that allows the action, or someone
// else was faster.
const (
	CodeStateChanged            ErrorCode = "state_changed"
	CodeSlotFull                ErrorCode = "slot_full"
	CodeSlotBooked              ErrorCode = "slot_booked"
	CodeSlotInPast              ErrorCode = "slot_in_past"
	CodeSameSlot                ErrorCode = "same_slot"
	CodeHouseholdHasActiveMatch ErrorCode = "household_has_active_match"
	CodeAlreadyProposed         ErrorCode = "already_proposed"
	CodeVacancyNotPublished     ErrorCode = "vacancy_not_published"
	CodeVacancyEnded            ErrorCode = "vacancy_ended"
	CodeVacancyFullyLet         ErrorCode = "vacancy_fully_let"
	CodeNotADraft               ErrorCode = "not_a_draft"
	CodeAlreadySubmitted        ErrorCode = "already_submitted"
	CodeAgreementMissing        ErrorCode = "agreement_missing"
	CodeAgreementSigned         ErrorCode = "agreement_already_signed"
	CodeAgreementVersionExists  ErrorCode = "agreement_version_exists"
	CodeSlotMissing             ErrorCode = "slot_missing"
	CodeLandlordAlreadyActive   ErrorCode = "landlord_already_active"
	CodeLandlordAlreadyBlocked  ErrorCode = "landlord_already_blocked"
	CodeLandlordBlocked         ErrorCode = "landlord_blocked"
	CodeLastAdmin               ErrorCode = "last_admin"
	CodeOwnAccount              ErrorCode = "own_account"
	CodeInvitationPending       ErrorCode = "invitation_pending"
	CodeAccountAlreadyInactive  ErrorCode = "account_already_inactive"
	CodeAccountAlreadyActive    ErrorCode = "account_already_active"
	CodePasswordMissing         ErrorCode = "password_missing"
	CodeEmailTaken              ErrorCode = "email_taken"
	CodeReferenceTaken          ErrorCode = "reference_taken"
	CodePolicyVersionExists     ErrorCode = "policy_version_exists"
	CodeTokenAlreadyRevoked     ErrorCode = "token_already_revoked"
	CodeLeaseAlreadyRecorded    ErrorCode = "lease_already_recorded"
	CodeAnswerAlreadyRecorded   ErrorCode = "answer_already_recorded"
	CodeLinkExpired             ErrorCode = "link_expired"
	CodeViewingNotPlanned       ErrorCode = "viewing_not_planned"
	CodeViewingSuperseded       ErrorCode = "viewing_superseded"
	CodeViewingNotYetHeld       ErrorCode = "viewing_not_yet_held"
	CodeMatchClosed             ErrorCode = "match_closed"
	CodeHouseholdAlreadyClosed  ErrorCode = "household_already_closed"
	CodeHandoverRecorded        ErrorCode = "handover_already_recorded"
	// Tenancy phase.
	CodeTenancyExists ErrorCode = "tenancy_exists"
	CodeTenancyEnded  ErrorCode = "tenancy_ended"
	// Mietführerschein.
	CodeCourseClosed       ErrorCode = "course_closed"
	CodeOnWaitingList      ErrorCode = "on_waiting_list"
	CodeAttendanceTooLow   ErrorCode = "attendance_too_low"
	CodeNoExamOpen         ErrorCode = "no_exam_open"
	CodeAlreadyEnrolled    ErrorCode = "already_enrolled"
	CodeExamResultRecorded ErrorCode = "exam_result_recorded"
	CodeCertificateRevoked ErrorCode = "certificate_revoked"
	CodeParticipantLinked  ErrorCode = "participant_already_linked"
	// Follow-ups of the tenancy phase.
	CodeFollowUpRecorded ErrorCode = "follow_up_already_recorded"
)

// ErrorCodes is the one table of error codes, in the order the API documents them.
var ErrorCodes = []ErrorCodeInfo{
	{CodeValidationFailed, "Angaben ungültig; fields nennt je Feld eine Meldung.", "Invalid input; fields holds one message per field."},
	{CodeNotFound, "Datensatz oder Adresse nicht gefunden (oder für diese Rolle nicht sichtbar).", "Record or path not found (or not visible to this role)."},
	{CodeForbidden, "Die Rolle darf diese Aktion nicht ausführen.", "The role may not perform this action."},
	{CodeUnauthorized, "Nicht angemeldet.", "Not signed in."},
	{CodeInvalidToken, "Zugangsschlüssel ungültig, abgelaufen oder widerrufen.", "Access token invalid, expired or revoked."},
	{CodeTooManyRequests, "Zu viele Anfragen oder Versuche; später wiederholen.", "Too many requests or attempts; retry later."},
	{CodeDatabaseUnavailable, "Datenbank vorübergehend nicht erreichbar (Retry-After).", "Database temporarily unavailable (Retry-After)."},
	{CodeInternal, "Technischer Fehler.", "Internal error."},
	{CodeMethodNotAllowed, "Methode hier nicht möglich.", "Method not allowed here."},
	{CodeTooLarge, "Anfrage größer als 1 MiB.", "Request larger than 1 MiB."},
	{CodeBadRequest, "Anfrage fehlerhaft.", "Malformed request."},
	{CodeUnsupportedMediaType, "Anfragetext ist kein JSON.", "Request body is not JSON."},
	{CodeCSRFInvalid, "CSRF-Token fehlt oder ist ungültig (nur Sitzungen).", "CSRF token missing or invalid (sessions only)."},
	{CodeOriginInvalid, "Anfrage von fremder Herkunft (Origin).", "Request from a foreign origin."},
	{CodeInvalidCharacters, "Die Anfrage enthält unzulässige Zeichen.", "The request contains characters that are not allowed."},
	{CodeMalformedJSON, "Kein gültiges JSON (mit Zeile und Spalte).", "Not valid JSON (with line and column)."},
	{CodeUnknownField, "Unbekanntes Feld im Anfragetext.", "Unknown field in the request body."},
	{CodeInvalidType, "Feld mit falschem JSON-Typ.", "Field of the wrong JSON type."},
	{CodeInvalidID, "Kennung in der Adresse ist keine positive ganze Zahl.", "Id in the path is not a positive integer."},
	{CodeInvalidQuery, "Ungültiger Abfrageparameter; fields nennt ihn.", "Invalid query parameter; fields names it."},
	{CodeInvalidCursor, "Ungültiger Seitenzeiger (cursor).", "Invalid page cursor."},
	{CodeInvalidIdempotencyKey, "Idempotency-Key zu lang (1–255 Zeichen).", "Idempotency-Key too long (1–255 characters)."},
	{CodeIdempotencyKeyReused, "Idempotency-Key mit anderem Inhalt wiederverwendet.", "Idempotency-Key reused with a different request."},
	{CodeIdempotencyInProgress, "Anfrage mit diesem Idempotency-Key läuft noch.", "A request with this Idempotency-Key is still running."},
	{CodeIdempotencyAborted, "Anfrage mit diesem Idempotency-Key wurde gerade abgebrochen; erneut senden.", "A request with this Idempotency-Key was just aborted; send it again."},
	{CodeHouseholdNotEligible, "Der Haushalt erfüllt harte Regeln für das Angebot nicht; reasons nennt die Regelcodes (422).", "The household fails hard rules for the vacancy; reasons lists the rule codes (422)."},
	{CodeStateChanged, "Der Datensatz ist nicht (mehr) im nötigen Zustand; jemand war schneller.", "The record is not (or no longer) in the required state; someone was faster."},
	{CodeSlotFull, "Der Besichtigungstermin ist ausgebucht.", "The viewing slot is fully booked."},
	{CodeSlotBooked, "Im Termin ist ein Haushalt eingeplant; er kann nicht gelöscht werden.", "A household is booked into the slot; it cannot be deleted."},
	{CodeSlotInPast, "Der Besichtigungstermin liegt in der Vergangenheit.", "The viewing slot is in the past."},
	{CodeSameSlot, "Die Besichtigung liegt bereits in diesem Termin.", "The viewing is already in this slot."},
	{CodeHouseholdHasActiveMatch, "Der Haushalt hat einen anderen laufenden Vorschlag.", "The household has another active match."},
	{CodeAlreadyProposed, "Der Haushalt ist für dieses Angebot bereits vorgeschlagen.", "The household is already proposed for this vacancy."},
	{CodeVacancyNotPublished, "Das Angebot ist nicht (mehr) veröffentlicht.", "The vacancy is not (or no longer) published."},
	{CodeVacancyEnded, "Das Angebot ist vermietet oder zurückgezogen.", "The vacancy is let or withdrawn."},
	{CodeVacancyFullyLet, "Alle Plätze des Angebots sind vermietet.", "All places of the vacancy are let."},
	{CodeNotADraft, "Nur Entwürfe können geändert werden.", "Only drafts can be changed."},
	{CodeAlreadySubmitted, "Das Angebot ist bereits eingereicht.", "The vacancy is already submitted."},
	{CodeAgreementMissing, "Die Kooperationsvereinbarung ist noch nicht unterschrieben.", "The cooperation agreement is not signed yet."},
	{CodeAgreementSigned, "Die Kooperationsvereinbarung ist bereits unterschrieben.", "The cooperation agreement is already signed."},
	{CodeAgreementVersionExists, "Für diese Version gibt es bereits eine Vereinbarung.", "An agreement of this version exists already."},
	{CodeSlotMissing, "Zum Einreichen fehlt ein Besichtigungstermin in der Zukunft.", "Submitting needs a viewing slot in the future."},
	{CodeLandlordAlreadyActive, "Die Vermieter*in ist bereits freigeschaltet.", "The landlord is already active."},
	{CodeLandlordAlreadyBlocked, "Die Vermieter*in ist bereits gesperrt.", "The landlord is already blocked."},
	{CodeLandlordBlocked, "Der Zugang der Organisation ist gesperrt.", "The organisation's access is blocked."},
	{CodeLastAdmin, "Letzter aktiver Zugang mit der Rolle Administration.", "Last active account with the administration role."},
	{CodeOwnAccount, "Der eigene Zugang kann so nicht geändert werden.", "One's own account cannot be changed this way."},
	{CodeInvitationPending, "Die Einladung ist noch nicht angenommen.", "The invitation has not been accepted yet."},
	{CodeAccountAlreadyInactive, "Der Zugang ist bereits deaktiviert.", "The account is already deactivated."},
	{CodeAccountAlreadyActive, "Der Zugang ist bereits aktiv.", "The account is already active."},
	{CodePasswordMissing, "Für den Zugang ist noch kein Passwort gesetzt.", "No password has been set for the account yet."},
	{CodeEmailTaken, "Die E-Mail-Adresse ist bereits vergeben.", "The email address is already taken."},
	{CodeReferenceTaken, "Die Haushaltskennung ist bereits vergeben.", "The household reference is already taken."},
	{CodePolicyVersionExists, "Diese Version der Gewichtung gibt es bereits.", "This policy version exists already."},
	{CodeTokenAlreadyRevoked, "Der Zugangsschlüssel ist bereits widerrufen.", "The access token is already revoked."},
	{CodeLeaseAlreadyRecorded, "Für diesen Platz ist bereits ein Mietvertrag eingetragen.", "A lease is already recorded for this place."},
	{CodeAnswerAlreadyRecorded, "Die Antwort wurde bereits gespeichert.", "The answer was already recorded."},
	{CodeLinkExpired, "Der Link ist abgelaufen.", "The link has expired."},
	{CodeViewingNotPlanned, "Die Besichtigung ist nicht mehr geplant.", "The viewing is no longer planned."},
	{CodeViewingSuperseded, "Die Besichtigung wurde durch eine neuere ersetzt.", "The viewing was replaced by a newer one."},
	{CodeViewingNotYetHeld, "Die Besichtigung hat noch nicht stattgefunden.", "The viewing has not taken place yet."},
	{CodeMatchClosed, "Der Vorschlag ist bereits abgeschlossen.", "The match is already closed."},
	{CodeHouseholdAlreadyClosed, "Der Haushalt ist bereits abgeschlossen.", "The household is already closed."},
	{CodeHandoverRecorded, "Die Übergabe der Einladung ist bereits vermerkt.", "The hand-over of the invitation is already recorded."},
	{CodeTenancyExists, "Für diesen Mietvertrag oder Haushalt läuft bereits ein Mietverhältnis.", "A tenancy is already recorded for this lease or running for this household."},
	{CodeTenancyEnded, "Das Mietverhältnis ist beendet.", "The tenancy has ended."},
	{CodeCourseClosed, "Der Kurs ist abgeschlossen oder abgesagt.", "The course is finished or cancelled."},
	{CodeOnWaitingList, "Die Person steht auf der Warteliste.", "The person is on the waiting list."},
	{CodeAttendanceTooLow, "Die Person war nicht oft genug anwesend, um an der Prüfung teilzunehmen.", "The person did not attend often enough to sit the exam."},
	{CodeNoExamOpen, "Für die Person ist keine Prüfung mehr offen.", "No exam attempt is open for the person."},
	{CodeAlreadyEnrolled, "Die Person ist in diesem Kurs schon angemeldet.", "The person is already enrolled in this course."},
	{CodeExamResultRecorded, "Für diesen Prüfungsversuch ist schon ein Ergebnis eingetragen.", "A result is already recorded for this exam attempt."},
	{CodeCertificateRevoked, "Das Zertifikat ist widerrufen.", "The certificate is revoked."},
	{CodeParticipantLinked, "Die Person ist schon mit einem Haushalt verknüpft.", "The person is already linked to a household."},
	{CodeFollowUpRecorded, "Diese Nachsorge wurde schon erfasst.", "This follow-up is already recorded."},
}

// ErrorCodeList returns the codes of ErrorCodes as strings, in table order.
func ErrorCodeList() []string {
	out := make([]string, len(ErrorCodes))
	for i, c := range ErrorCodes {
		out[i] = string(c.Code)
	}
	return out
}

// KnownErrorCode reports whether c is in ErrorCodes.
func KnownErrorCode(c ErrorCode) bool {
	for _, i := range ErrorCodes {
		if i.Code == c {
			return true
		}
	}
	return false
}

// RuleReason is one hard rule a household fails: its stable code (matching's reason code),
// the rule's former code while that is kept as a deprecated alias ("" for none) and the
// German explanation.
type RuleReason struct {
	Code           string
	DeprecatedCode string
	Message        string
}

// IneligibleError is the answer to approving a household that fails hard rules for the
// vacancy: the API answers 422 with the rule codes, the portal shows Message. It is also an
// ErrConflict with the code household_not_eligible, so callers that look for a
// ConflictError still find its German message.
type IneligibleError struct {
	Message string
	Reasons []RuleReason
}

func (e *IneligibleError) Error() string { return "not eligible: " + e.Message }

// Unwrap makes errors.Is(err, ErrConflict) true and lets errors.As find a ConflictError.
func (e *IneligibleError) Unwrap() []error {
	return []error{ErrConflict, &ConflictError{Code: CodeHouseholdNotEligible, Message: e.Message}}
}
