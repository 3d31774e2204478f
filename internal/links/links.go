// Package links builds the absolute portal addresses that leave the portal: the links in
// emails and the addresses services hand out. It is the one place outside portal/routes.go
// that knows these paths; a test in internal/server follows every link to a portal route.
package links

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// The paths whose last segment is a personal token: whoever holds the link acts for its
// recipient (sets a password, answers a viewing).
const (
	setPasswordPath   = "/einladung/"
	resetPasswordPath = "/passwort-neu/"
	applicantPath     = "/besichtigung/"
	// Follow-ups: the landlord's satisfaction check.
	satisfactionPath = "/zufriedenheit/"
)

// tokenLink matches the token of a personal link (path-escaped base64url).
var tokenLink = regexp.MustCompile(`(` + regexp.QuoteMeta(setPasswordPath) + `|` + regexp.QuoteMeta(resetPasswordPath) +
	`|` + regexp.QuoteMeta(applicantPath) + `|` + regexp.QuoteMeta(satisfactionPath) + `)[A-Za-z0-9_%-]+`)

// MaskTokens replaces the token of every personal link in s (text or HTML) with "…", so a
// copy of a message, once sent, cannot be used to act in the recipient's name. It is the
// one rule for the Postausgang's display and for the bodies kept after sending.
func MaskTokens(s string) string { return tokenLink.ReplaceAllString(s, "${1}…") }

// Links builds addresses under the portal's public base address (BASE_URL).
type Links struct{ base string }

// New returns the links under baseURL ("https://wohnbruecke.hagen.de").
func New(baseURL string) Links { return Links{base: strings.TrimSuffix(baseURL, "/")} }

// Base is the public base address without a trailing slash.
func (l Links) Base() string { return l.base }

// PrivacyNoticePath is the privacy notice for applicants (de, ro, bg, en).
const PrivacyNoticePath = "/datenschutz/wohnungssuchende"

// PrivacyNotice is the privacy notice for applicants, at the part in lang where the page
// has it (de, ro, bg, en; German otherwise).
func (l Links) PrivacyNotice(lang string) string {
	switch lang {
	case "ro", "bg", "en":
		return l.base + PrivacyNoticePath + "#" + lang
	}
	return l.base + PrivacyNoticePath
}

// Login is the sign-in page.
func (l Links) Login() string { return l.base + "/login" }

// ResetRequest is the page that asks for a password reset link.
func (l Links) ResetRequest() string { return l.base + "/passwort-vergessen" }

// SetPassword is the one-time link of an invitation to set the first password.
func (l Links) SetPassword(token string) string {
	return l.base + setPasswordPath + url.PathEscape(token)
}

// ResetPassword is the one-time link to set a new password.
func (l Links) ResetPassword(token string) string {
	return l.base + resetPasswordPath + url.PathEscape(token)
}

// Applicant is the link an applicant follows to answer a viewing invitation; param is the
// answer's "antwort" value (workflow.AnswerParam).
func (l Links) Applicant(token, param string) string {
	return l.base + applicantPath + url.PathEscape(token) + "?antwort=" + url.QueryEscape(param)
}

// StaffLandlords is the staff list of landlords (where registrations wait).
func (l Links) StaffLandlords() string { return l.base + "/arbeitsbereich/vermieter" }

// StaffVacancy is a vacancy in the staff workspace (review and ranking).
func (l Links) StaffVacancy(id int64) string {
	return fmt.Sprintf("%s/arbeitsbereich/angebote/%d", l.base, id)
}

// StaffMatch is a match's card on the staff pipeline board.
func (l Links) StaffMatch(id int64) string {
	return fmt.Sprintf("%s/arbeitsbereich/vorschlaege#vorschlag-%d", l.base, id)
}

// Outbox is the staff Postausgang.
func (l Links) Outbox() string { return l.base + "/arbeitsbereich/postausgang" }

// LandlordVacancy is a vacancy in the landlord area.
func (l Links) LandlordVacancy(id int64) string {
	return fmt.Sprintf("%s/vermieter/angebote/%d", l.base, id)
}

// LandlordProposal is a proposal for a landlord's vacancy, where the landlord records the
// outcome.
func (l Links) LandlordProposal(vacancyID, matchID int64) string {
	return fmt.Sprintf("%s/vermieter/angebote/%d/vorschlaege/%d", l.base, vacancyID, matchID)
}

// --- Tenancy phase (docs/design.md §8) ---

// Tenancy is a tenancy's page for staff and the companion.
func (l Links) Tenancy(id int64) string { return fmt.Sprintf("%s/mietverhaeltnisse/%d", l.base, id) }

// StaffReport is a landlord's report in the team's view (thread, answer, status).
func (l Links) StaffReport(id int64) string { return fmt.Sprintf("%s/meldungen/%d", l.base, id) }

// LandlordReport is a report in the landlord area.
func (l Links) LandlordReport(id int64) string {
	return fmt.Sprintf("%s/vermieter/meldungen/%d", l.base, id)
}

// certificatePath is the public verification page of a certificate (no login).
const certificatePath = "/zertifikat/"

// Certificate is the verification address of a certificate number, printed as QR code on
// the certificate and linked from the landlord's profile.
func (l Links) Certificate(number string) string {
	return l.base + certificatePath + url.PathEscape(number)
}

// Follow-ups (Nachsorge).

// Satisfaction is the login-free, single-use link to a landlord's satisfaction check.
func (l Links) Satisfaction(token string) string {
	return l.base + satisfactionPath + url.PathEscape(token)
}

// FollowUp is a follow-up's form in the portal (staff and the companion).
func (l Links) FollowUp(id int64) string { return fmt.Sprintf("%s/nachsorge/%d", l.base, id) }
