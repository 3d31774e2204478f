package mail

import (
	"fmt"

	"wohnbruecke/internal/domain"
)

// Message kinds of the follow-ups (Nachsorge).
const (
	KindFollowUpDue         = "follow_up_due"
	KindSatisfactionRequest = "landlord_satisfaction_request"
)

// followUpKindLabels name the follow-up kinds for the Postausgang (KindLabel reads them).
var followUpKindLabels = map[string]string{
	KindFollowUpDue:         "Nachsorge fällig (Begleitung)",
	KindSatisfactionRequest: "Frage zur Zufriedenheit (Vermieter*in)",
}

// FollowUpDue is the data of the notice to the companion (or, without one, the team) that a
// follow-up of a tenancy is due.
type FollowUpDue struct {
	To           []Contact
	FollowUpID   int64
	Months       int
	DueOn        domain.Date
	HouseholdRef string
	Address      string
	// RecordURL links to the follow-up's form in the portal.
	RecordURL string
}

// FollowUpDueMessage composes the German notice that a follow-up is due.
func (c *Composer) FollowUpDueMessage(d FollowUpDue) ([]domain.OutboxMessage, error) {
	r, err := c.render("follow_up_due", germanOnly, d)
	if err != nil {
		return nil, err
	}
	return recipientMessages(fmt.Sprintf("follow-up/%d/due", d.FollowUpID), KindFollowUpDue, d.To, r, 0), nil
}

// SatisfactionRequest is the data of the landlord's satisfaction check mail: the flat, the
// household's pseudonym and the login-free link (nothing else about the household).
type SatisfactionRequest struct {
	Landlords    []Contact
	CheckID      int64
	Months       int
	HouseholdRef string
	Address      string
	// AnswerURL is the login-free, single-use link to the three questions.
	AnswerURL string
	// ValidUntil is the last moment the link works.
	ValidUntil string
}

// SatisfactionRequestMessage composes the German request to answer the satisfaction check.
func (c *Composer) SatisfactionRequestMessage(d SatisfactionRequest) ([]domain.OutboxMessage, error) {
	var out []domain.OutboxMessage
	for _, to := range d.Landlords {
		if !to.hasEmail() {
			continue
		}
		r, err := c.render("landlord_satisfaction_request", germanOnly, satisfactionTo{d, to})
		if err != nil {
			return nil, err
		}
		out = append(out, recipientMessages(fmt.Sprintf("satisfaction/%d/request", d.CheckID), KindSatisfactionRequest, []Contact{to}, r, 0)...)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("mail: satisfaction request %d: landlord has no email address", d.CheckID)
	}
	return out, nil
}

// satisfactionTo is the satisfaction request for one of the landlord's addresses.
type satisfactionTo struct {
	SatisfactionRequest
	Landlord Contact
}
