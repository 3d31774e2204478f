package mail

import (
	"fmt"
	"strings"

	"wohnbruecke/internal/domain"
)

// LandlordProfile is everything a landlord may learn about a proposed household (DESIGN
// §2), and nothing else: it has no field for health, homelessness, urgency, focus group,
// nationality or benefit type, so a landlord template cannot show them by mistake. Build
// it with NewLandlordProfile.
type LandlordProfile struct {
	HouseholdRef   string
	Adults         int
	Children       int
	EarliestMoveIn domain.Date
	// Certificate is the Integrationszertifikat Wohnen, with the day it was passed.
	Certificate   bool
	CertificateOn domain.Date
	// Accompaniment is an active Klartext Wohnbegleitung, with the companion to call.
	Accompaniment  bool
	CompanionName  string
	CompanionPhone string
	// RentSecuredByDirectPayment is shown only when the household consented to the
	// landlord seeing that the rent is paid directly by the benefit office.
	RentSecuredByDirectPayment bool
	// ViewingContact is set only once the viewing is confirmed.
	ViewingContact *ViewingContact
}

// ViewingContact is the household member a landlord may call about a confirmed viewing.
type ViewingContact struct {
	FirstName string
	Phone     string
}

// NewLandlordProfile derives the landlord's view of a household on a day. The household's
// members must be loaded (for adults and children); consents are used when loaded. The
// contact person is included only when viewingConfirmed is true.
func NewLandlordProfile(h *domain.Household, today domain.Date, viewingConfirmed bool) LandlordProfile {
	adults := h.Adults(today.Year())
	p := LandlordProfile{
		HouseholdRef:   h.Reference,
		Adults:         adults,
		Children:       h.Persons() - adults,
		EarliestMoveIn: h.EarliestMoveIn,
		Certificate:    !h.CertificatePassedOn.IsZero() && h.CertificatePassedOn <= today,
		CertificateOn:  h.CertificatePassedOn,
	}
	if !p.Certificate {
		p.CertificateOn = 0
	}
	if !h.AccompanimentFrom.IsZero() && h.AccompanimentFrom <= today &&
		(h.AccompanimentUntil.IsZero() || h.AccompanimentUntil >= today) {
		p.Accompaniment = true
		p.CompanionName = h.CompanionName
		p.CompanionPhone = h.CompanionPhone
	}
	p.RentSecuredByDirectPayment = h.DirectPaymentConsent && h.Benefit.PaidByAuthority() &&
		!consentRevoked(h, domain.ConsentDirectPaymentDisclosure)
	if viewingConfirmed {
		first, _, _ := strings.Cut(strings.TrimSpace(h.ContactName), " ")
		p.ViewingContact = &ViewingContact{FirstName: first, Phone: h.Phone}
	}
	return p
}

// consentRevoked reports whether the loaded consents show the kind as given and then
// revoked with no later grant.
func consentRevoked(h *domain.Household, kind domain.ConsentKind) bool {
	revoked := false
	for _, c := range h.Consents {
		if c.Kind != kind {
			continue
		}
		revoked = c.RevokedAt != nil
		if !revoked {
			return false
		}
	}
	return revoked
}

// LandlordProposal is the data of the message that staff approved a household for the
// landlord's vacancy.
type LandlordProposal struct {
	Landlord       Contact
	MatchID        int64
	VacancyID      int64
	VacancyAddress string
	Profile        LandlordProfile
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
// or declined the viewing. For a confirmation, pass a profile built with
// viewingConfirmed=true so it carries the contact for the viewing.
type LandlordAnswer struct {
	Landlord       Contact
	Answer         string // AnswerConfirm or AnswerDecline
	VacancyAddress string
	Viewing        Viewing
	Profile        LandlordProfile
	ProposalURL    string
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
		d.Profile.ViewingContact = nil
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
