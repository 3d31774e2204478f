package mail

import (
	"fmt"

	"wohnbruecke/internal/domain"
)

// LandlordProposal is the data of the message that staff approved a household for the
// landlord's vacancy.
type LandlordProposal struct {
	Landlord       Contact
	MatchID        int64
	VacancyID      int64
	VacancyAddress string
	// Profile is domain.ProfileFor of the household and the scheduled viewing.
	Profile domain.LandlordProfile
	// Viewing is the planned viewing, when one is scheduled.
	Viewing *Viewing
	// ProposalURL links to the proposal in the landlord area.
	ProposalURL string
}

// LandlordProposalMessage composes the German message to the landlord about a new
// approved proposal with the pseudonymous profile.
func (c *Composer) LandlordProposalMessage(d LandlordProposal) ([]domain.OutboxMessage, error) {
	if !d.Landlord.hasEmail() {
		return nil, fmt.Errorf("mail: landlord proposal for match %d: landlord has no email address", d.MatchID)
	}
	r, err := c.render("landlord_proposal", germanOnly, d)
	if err != nil {
		return nil, err
	}
	return []domain.OutboxMessage{germanMessage(fmt.Sprintf("match/%d/landlord-proposal", d.MatchID),
		KindLandlordProposal, d.Landlord, r, d.MatchID)}, nil
}

// LandlordAnswer is the data of the message to the landlord that the applicant confirmed
// or declined the viewing. Profile is domain.ProfileFor of the household and the answered
// viewing, so after a confirmation it carries the contact for the viewing.
type LandlordAnswer struct {
	Landlord       Contact
	Answer         string // AnswerConfirm or AnswerDecline
	VacancyAddress string
	Viewing        Viewing
	// Previous is the viewing before the household chose another slot itself (nil otherwise).
	Previous    *Viewing
	Profile     domain.LandlordProfile
	ProposalURL string
}

// LandlordAnswerMessage composes the German message to the landlord about the
// applicant's answer.
func (c *Composer) LandlordAnswerMessage(d LandlordAnswer) ([]domain.OutboxMessage, error) {
	if d.Answer != AnswerConfirm && d.Answer != AnswerDecline {
		return nil, fmt.Errorf("mail: landlord answer: answer %q is not confirm or decline", d.Answer)
	}
	if !d.Landlord.hasEmail() {
		return nil, fmt.Errorf("mail: landlord answer for viewing %d: landlord has no email address", d.Viewing.ID)
	}
	if d.Answer == AnswerDecline {
		d.Profile.ContactFirstName, d.Profile.ContactPhone = "", ""
	}
	r, err := c.render("landlord_answer", germanOnly, d)
	if err != nil {
		return nil, err
	}
	key := fmt.Sprintf("viewing/%d/answer-%s/seq-%d/landlord", d.Viewing.ID, d.Answer, d.Viewing.Sequence)
	return []domain.OutboxMessage{germanMessage(key, KindLandlordAnswer, d.Landlord, r, d.Viewing.MatchID)}, nil
}

// LandlordOutcomeRequest is the data of the request to record the viewing's outcome.
type LandlordOutcomeRequest struct {
	Landlord       Contact
	HouseholdRef   string
	VacancyAddress string
	Viewing        Viewing
	// OutcomeURL links to the form where the landlord records accepted or rejected.
	OutcomeURL string
}

// LandlordOutcomeRequestMessage composes the German request, after the viewing, to
// record whether the landlord accepts the household.
func (c *Composer) LandlordOutcomeRequestMessage(d LandlordOutcomeRequest) ([]domain.OutboxMessage, error) {
	if !d.Landlord.hasEmail() {
		return nil, fmt.Errorf("mail: outcome request for viewing %d: landlord has no email address", d.Viewing.ID)
	}
	r, err := c.render("landlord_outcome_request", germanOnly, d)
	if err != nil {
		return nil, err
	}
	key := fmt.Sprintf("viewing/%d/outcome-request", d.Viewing.ID)
	return []domain.OutboxMessage{germanMessage(key, KindLandlordOutcome, d.Landlord, r, d.Viewing.MatchID)}, nil
}
