package mail

import (
	"fmt"
	"strings"

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

// LandlordProposalMessage composes the German message to the landlord about one new
// approved proposal with the pseudonymous profile (LandlordProposalsMessage with one).
func (c *Composer) LandlordProposalMessage(d LandlordProposal) ([]domain.OutboxMessage, error) {
	return c.LandlordProposalsMessage(LandlordProposals{Landlord: d.Landlord, VacancyID: d.VacancyID,
		VacancyAddress: d.VacancyAddress, Proposals: []LandlordProposal{d}})
}

// LandlordProposals is the data of one message about the proposals staff approved for a
// vacancy within a short window (workflow.ProposalWindow), oldest first.
type LandlordProposals struct {
	Landlord       Contact
	VacancyID      int64
	VacancyAddress string
	Proposals      []LandlordProposal
}

// LandlordProposalsMessage composes the German message to the landlord about one or more
// new proposals for a vacancy, each with its pseudonymous profile. Its dedupe key names
// the vacancy, the first proposal and the address, so the message is one outbox row that
// later proposals of the window replace (store.ReplaceQueuedMessage).
func (c *Composer) LandlordProposalsMessage(d LandlordProposals) ([]domain.OutboxMessage, error) {
	if len(d.Proposals) == 0 {
		return nil, fmt.Errorf("mail: landlord proposals for vacancy %d: no proposal", d.VacancyID)
	}
	if !d.Landlord.hasEmail() {
		return nil, fmt.Errorf("mail: landlord proposal for match %d: landlord has no email address", d.Proposals[0].MatchID)
	}
	r, err := c.render("landlord_proposal", germanOnly, d)
	if err != nil {
		return nil, err
	}
	msg := germanMessage(LandlordProposalsKey(d.VacancyID, d.Proposals[0].MatchID, d.Landlord.Email),
		KindLandlordProposal, d.Landlord, r, d.Proposals[0].MatchID)
	return []domain.OutboxMessage{msg}, nil
}

// LandlordProposalsKeyPrefix is the start of the dedupe key of every proposals message for
// a vacancy to one address; the workflow finds the window's queued message by it.
func LandlordProposalsKeyPrefix(vacancyID int64, email string) string {
	return fmt.Sprintf("vacancy/%d/landlord-proposals/%s/", vacancyID, strings.ToLower(strings.TrimSpace(email)))
}

// LandlordProposalsKey is the dedupe key of the proposals message that starts with the
// proposal firstMatchID.
func LandlordProposalsKey(vacancyID, firstMatchID int64, email string) string {
	return LandlordProposalsKeyPrefix(vacancyID, email) + fmt.Sprintf("match-%d", firstMatchID)
}

// LandlordViewingChange is the data of the message to the landlord that a proposal was
// withdrawn (and its viewing called off), or that its viewing moved to another time.
type LandlordViewingChange struct {
	Landlord       Contact
	HouseholdRef   string
	VacancyAddress string
	Viewing        Viewing
	// Previous is the time before a move; nil for a withdrawal.
	Previous *Viewing
	// Reason is the German catalogue entry of a withdrawal. Staff's free text is not
	// passed on: it may speak of the household (DESIGN §2).
	Reason      string
	ProposalURL string
}

// LandlordWithdrawnMessage composes the German message that a proposal was withdrawn and
// its viewing does not take place.
func (c *Composer) LandlordWithdrawnMessage(d LandlordViewingChange) ([]domain.OutboxMessage, error) {
	return c.landlordViewingChange(d, "landlord_proposal_withdrawn", KindLandlordWithdrawn, "withdrawn")
}

// LandlordViewingMovedMessage composes the German message that the viewing of a proposal
// moved; d.Previous holds the old time.
func (c *Composer) LandlordViewingMovedMessage(d LandlordViewingChange) ([]domain.OutboxMessage, error) {
	if d.Previous == nil {
		return nil, fmt.Errorf("mail: landlord viewing moved %d: previous viewing missing", d.Viewing.ID)
	}
	return c.landlordViewingChange(d, "landlord_viewing_moved", KindLandlordViewingMoved, fmt.Sprintf("moved/seq-%d", d.Viewing.Sequence))
}

func (c *Composer) landlordViewingChange(d LandlordViewingChange, tmpl, kind, event string) ([]domain.OutboxMessage, error) {
	if !d.Landlord.hasEmail() {
		return nil, fmt.Errorf("mail: %s for viewing %d: landlord has no email address", kind, d.Viewing.ID)
	}
	r, err := c.render(tmpl, germanOnly, d)
	if err != nil {
		return nil, err
	}
	key := fmt.Sprintf("viewing/%d/%s/landlord/%s", d.Viewing.ID, event, strings.ToLower(d.Landlord.Email))
	return []domain.OutboxMessage{germanMessage(key, kind, d.Landlord, r, d.Viewing.MatchID)}, nil
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
