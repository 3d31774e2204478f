package mail

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"wohnbruecke/internal/domain"
)

// Message kinds about landlord accounts and vacancy reviews (German only).
const (
	KindLandlordInvitation      = "landlord_invitation"
	KindPasswordReset           = "password_reset"
	KindStaffLandlordRegistered = "staff_landlord_registered"
	KindLandlordActivated       = "landlord_activated"
	KindLandlordBlocked         = "landlord_blocked"
	KindLandlordVacancySentBack = "landlord_vacancy_sent_back"
	KindTeamInvitation          = "team_invitation"
	KindAccountExists           = "account_exists"
)

// CarriesSecretLink reports whether messages of a kind contain a link that acts for the
// recipient (set a password, answer an invitation). Whoever shows outbox bodies to other
// people (the Postausgang) should hide them for these kinds.
func CarriesSecretLink(kind string) bool {
	switch kind {
	case KindLandlordInvitation, KindTeamInvitation, KindPasswordReset, KindViewingInvitation, KindViewingReminder, KindViewingChanged:
		return true
	}
	return false
}

// linkKey is a short, stable fingerprint of a one-time link for dedupe keys: the same link
// queues once, a new link (a new token) is a new event. The token itself stays out of
// the key.
func linkKey(link string) string {
	sum := sha256.Sum256([]byte(link))
	return hex.EncodeToString(sum[:8])
}

// AccountInvitation is the data of the invitation to a landlord account: a one-time link
// to set the password.
type AccountInvitation struct {
	To     Contact
	UserID int64
	// Organisation is the landlord the account belongs to.
	Organisation string
	// InvitedBy is the name of the staff member or colleague who invited; ByColleague
	// tells which (the text differs).
	InvitedBy   string
	ByColleague bool
	// SetPasswordURL is the absolute one-time link; ValidUntil is when it expires.
	SetPasswordURL string
	ValidUntil     time.Time
	// HelpPhone is the number to call with questions (the Ansprechperson's, else empty
	// for the Fachstelle's).
	HelpPhone string
}

// LandlordInvitationMessage composes the German invitation to set the password of a new
// landlord account.
func (c *Composer) LandlordInvitationMessage(d AccountInvitation) ([]domain.OutboxMessage, error) {
	if err := needs("landlord invitation", d.To, d.SetPasswordURL); err != nil {
		return nil, err
	}
	if d.HelpPhone == "" {
		d.HelpPhone = c.phone
	}
	r, err := c.render("landlord_invitation", germanOnly, d)
	if err != nil {
		return nil, err
	}
	key := fmt.Sprintf("user/%d/invitation/%s", d.UserID, linkKey(d.SetPasswordURL))
	return []domain.OutboxMessage{germanMessage(key, KindLandlordInvitation, d.To, r, 0)}, nil
}

// TeamInvitationMessage composes the German invitation to set the password of a new
// account of the city's team; Organisation carries the role's German name.
func (c *Composer) TeamInvitationMessage(d AccountInvitation) ([]domain.OutboxMessage, error) {
	if err := needs("team invitation", d.To, d.SetPasswordURL); err != nil {
		return nil, err
	}
	if d.HelpPhone == "" {
		d.HelpPhone = c.phone
	}
	r, err := c.render("team_invitation", germanOnly, d)
	if err != nil {
		return nil, err
	}
	key := fmt.Sprintf("user/%d/invitation/%s", d.UserID, linkKey(d.SetPasswordURL))
	return []domain.OutboxMessage{germanMessage(key, KindTeamInvitation, d.To, r, 0)}, nil
}

// PasswordReset is the data of the message with a link to choose a new password.
type PasswordReset struct {
	To       Contact
	UserID   int64
	ResetURL string
	// ValidUntil is when the link expires.
	ValidUntil time.Time
}

// PasswordResetMessage composes the German message with the password reset link.
func (c *Composer) PasswordResetMessage(d PasswordReset) ([]domain.OutboxMessage, error) {
	if err := needs("password reset", d.To, d.ResetURL); err != nil {
		return nil, err
	}
	r, err := c.render("password_reset", germanOnly, d)
	if err != nil {
		return nil, err
	}
	key := fmt.Sprintf("user/%d/reset/%s", d.UserID, linkKey(d.ResetURL))
	return []domain.OutboxMessage{germanMessage(key, KindPasswordReset, d.To, r, 0)}, nil
}

// AccountExists is the data of the notice to an existing account that someone registered
// with its address: the registration form answers as for a new address, so it does not
// reveal accounts, and the owner learns here what happened.
type AccountExists struct {
	To     Contact
	UserID int64
	// LoginURL and ResetRequestURL are where the owner signs in or asks for a new password.
	LoginURL        string
	ResetRequestURL string
	// On is the day of the attempt; one notice per account and day is enough.
	On time.Time
}

// AccountExistsMessage composes the German notice about a registration with a taken address.
func (c *Composer) AccountExistsMessage(d AccountExists) ([]domain.OutboxMessage, error) {
	if err := needs("account exists", d.To, d.LoginURL); err != nil {
		return nil, err
	}
	r, err := c.render("account_exists", germanOnly, d)
	if err != nil {
		return nil, err
	}
	key := fmt.Sprintf("user/%d/account-exists/%s", d.UserID, d.On.Format("2006-01-02"))
	return []domain.OutboxMessage{germanMessage(key, KindAccountExists, d.To, r, 0)}, nil
}

// LandlordRegistered is the data of the notice to staff that a landlord registered and
// waits for activation.
type LandlordRegistered struct {
	Staff        []Contact
	LandlordID   int64
	Organisation string
	// Kind is the landlord kind; its German label is shown.
	Kind         domain.LandlordKind
	ContactName  string
	Email        string
	Phone        string
	RegisteredAt time.Time
	// ReviewURL links to the landlord list in the staff workspace.
	ReviewURL string
}

// KindLabel returns the German name of the landlord kind.
func (d LandlordRegistered) KindLabel() string {
	return d.Kind.Label()
}

// StaffLandlordRegistered composes the notice to staff about a self-registration.
func (c *Composer) StaffLandlordRegistered(d LandlordRegistered) ([]domain.OutboxMessage, error) {
	r, err := c.render("staff_landlord_registered", germanOnly, d)
	if err != nil {
		return nil, err
	}
	return staffMessages(fmt.Sprintf("landlord/%d/registered", d.LandlordID), KindStaffLandlordRegistered, d.Staff, r, 0), nil
}

// LandlordActivated is the data of the message that staff activated a landlord's access.
type LandlordActivated struct {
	// Recipients are the landlord's accounts that can sign in now.
	Recipients   []Contact
	LandlordID   int64
	Organisation string
	ActivatedAt  time.Time
	LoginURL     string
	// Contact is the Ansprechperson named in the message, when known.
	Contact *Contact
}

// LandlordActivatedMessage composes the German message to each account of a landlord
// that its access is active.
func (c *Composer) LandlordActivatedMessage(d LandlordActivated) ([]domain.OutboxMessage, error) {
	r, err := c.render("landlord_activated", germanOnly, d)
	if err != nil {
		return nil, err
	}
	base := fmt.Sprintf("landlord/%d/activated-%d", d.LandlordID, d.ActivatedAt.Unix())
	return recipientMessages(base+"/to", KindLandlordActivated, d.Recipients, r, 0), nil
}

// LandlordBlocked is the data of the message that staff blocked a landlord's access.
type LandlordBlocked struct {
	// Recipients are the accounts that could sign in until now, and the organisation's address.
	Recipients   []Contact
	LandlordID   int64
	Organisation string
	BlockedAt    time.Time
	// Reason is staff's reason in German (catalogue entry and free text).
	Reason string
	// Contact is the Ansprechperson to call, when known.
	Contact *Contact
}

// LandlordBlockedMessage composes the German message to a landlord that its access is
// blocked, with the reason.
func (c *Composer) LandlordBlockedMessage(d LandlordBlocked) ([]domain.OutboxMessage, error) {
	r, err := c.render("landlord_blocked", germanOnly, d)
	if err != nil {
		return nil, err
	}
	base := fmt.Sprintf("landlord/%d/blocked-%d", d.LandlordID, d.BlockedAt.Unix())
	return recipientMessages(base+"/to", KindLandlordBlocked, d.Recipients, r, 0), nil
}

// VacancySentBack is the data of the message that staff sent a submitted vacancy back to
// the landlord with a comment.
type VacancySentBack struct {
	Recipients []Contact
	VacancyID  int64
	Address    string
	// Comment is staff's note on what to change, shown as written.
	Comment    string
	SentBackAt time.Time
	// EditURL links to the vacancy in the landlord area.
	EditURL string
	// Contact is the Ansprechperson who answers questions, when known.
	Contact *Contact
}

// CommentLines returns the comment split into lines, for the HTML body.
func (d VacancySentBack) CommentLines() []string {
	return strings.Split(strings.ReplaceAll(strings.TrimSpace(d.Comment), "\r\n", "\n"), "\n")
}

// LandlordVacancySentBackMessage composes the German message to the landlord's accounts
// that a vacancy came back from review, with staff's comment.
func (c *Composer) LandlordVacancySentBackMessage(d VacancySentBack) ([]domain.OutboxMessage, error) {
	if strings.TrimSpace(d.Comment) == "" || d.EditURL == "" {
		return nil, fmt.Errorf("mail: vacancy %d sent back: comment and link are required", d.VacancyID)
	}
	r, err := c.render("landlord_vacancy_sent_back", germanOnly, d)
	if err != nil {
		return nil, err
	}
	base := fmt.Sprintf("vacancy/%d/sent-back-%d", d.VacancyID, d.SentBackAt.Unix())
	return recipientMessages(base+"/to", KindLandlordVacancySentBack, d.Recipients, r, 0), nil
}

// needs checks that a personal message has a recipient and its link.
func needs(what string, to Contact, link string) error {
	var errs []error
	if !to.hasEmail() {
		errs = append(errs, errors.New("recipient has no email address"))
	}
	if link == "" {
		errs = append(errs, errors.New("link missing"))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("mail: %s: %w", what, err)
	}
	return nil
}

// recipientMessages is one German message per recipient with an email address, keyed
// base/<address>.
func recipientMessages(base, kind string, to []Contact, r rendered, matchID int64) []domain.OutboxMessage {
	var out []domain.OutboxMessage
	seen := recipients{}
	for _, rc := range to {
		if !seen.add(&rc) {
			continue
		}
		out = append(out, germanMessage(base+"/"+strings.ToLower(rc.Email), kind, rc, r, matchID))
	}
	return out
}
