package workflow

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/links"
	"wohnbruecke/internal/store"
	"wohnbruecke/mail"
)

// Option configures the workflow service.
type Option func(*Service)

// WithMail makes every workflow write the emails it causes into the outbox, in its own
// transaction. baseURL is the portal's public address for links in the messages.
func WithMail(c *mail.Composer, baseURL string) Option {
	return func(s *Service) { s.mail, s.links = c, links.New(baseURL) }
}

// answerParams are the applicant's answers in the order the applicant page offers them,
// each with the "antwort" value of its link and button and the German name staff read
// where the answer is shown (German, as people see them).
var answerParams = []struct{ answer, param, label string }{
	{AnswerConfirm, "bestaetigen", "Zusage des Haushalts"}, {AnswerDecline, "absagen", "Absage des Haushalts"},
	{AnswerReschedule, "anderer-termin", "Anderer Termin gewünscht"},
}

// AnswerLabel is the German name of a recorded answer ("" for an unknown answer).
func AnswerLabel(answer string) string {
	for _, a := range answerParams {
		if a.answer == answer {
			return a.label
		}
	}
	return ""
}

// Answers lists the applicant's answers in the order the applicant page offers them.
func Answers() []string {
	out := make([]string, len(answerParams))
	for i, a := range answerParams {
		out[i] = a.answer
	}
	return out
}

// AnswerParam is the "antwort" value of an answer's link ("" for an unknown answer).
func AnswerParam(answer string) string {
	for _, a := range answerParams {
		if a.answer == answer {
			return a.param
		}
	}
	return ""
}

// AnswerFromParam reads an "antwort" value back into the answer.
func AnswerFromParam(param string) (string, bool) {
	for _, a := range answerParams {
		if a.param == param {
			return a.answer, true
		}
	}
	return "", false
}

// ApplicantLink is the link an applicant follows to give an answer to a viewing.
func ApplicantLink(l links.Links, token, answer string) string {
	return l.Applicant(token, AnswerParam(answer))
}

// viewingContext gathers what messages about a viewing need.
type viewingContext struct {
	match      *domain.Match
	viewing    *domain.Viewing
	vacancy    *domain.Vacancy
	household  *domain.Household
	landlord   *domain.Landlord
	caseworker *mail.Contact
	approver   *mail.Contact
	// privacyNotice is the address of the privacy notice in the household's language.
	privacyNotice string
}

func (s *Service) loadViewingContext(ctx context.Context, tx *store.Store, m *domain.Match, vw *domain.Viewing) (*viewingContext, error) {
	v, err := tx.VacancyByID(ctx, m.VacancyID)
	if err != nil {
		return nil, err
	}
	h, err := tx.HouseholdByID(ctx, m.HouseholdID)
	if err != nil {
		return nil, err
	}
	l, err := tx.LandlordByID(ctx, v.LandlordID)
	if err != nil {
		return nil, err
	}
	vc := &viewingContext{match: m, viewing: vw, vacancy: v, household: h, landlord: l,
		privacyNotice: s.links.PrivacyNotice(string(h.Language))}
	if vc.caseworker, err = userContact(ctx, tx, h.CaseworkerID); err != nil {
		return nil, err
	}
	if vc.approver, err = userContact(ctx, tx, m.ApprovedByID); err != nil {
		return nil, err
	}
	return vc, nil
}

func userContact(ctx context.Context, tx *store.Store, id *int64) (*mail.Contact, error) {
	if id == nil {
		return nil, nil
	}
	u, err := tx.UserByID(ctx, *id)
	if errors.Is(err, domain.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &mail.Contact{Name: u.Name, Email: u.Email, Phone: u.Phone}, nil
}

func (vc *viewingContext) address() string {
	a := fmt.Sprintf("%s, %s Hagen", vc.vacancy.Street, vc.vacancy.PostalCode)
	if vc.viewing.Place != "" {
		a += " (Treffpunkt: " + vc.viewing.Place + ")"
	}
	return a
}

func (vc *viewingContext) mailViewing(vw *domain.Viewing) mail.Viewing {
	out := mail.ViewingFrom(vw)
	out.Address = vc.address()
	return out
}

func (vc *viewingContext) companion() *mail.Contact {
	h := vc.household
	if h.CompanionName == "" {
		return nil
	}
	return &mail.Contact{Name: h.CompanionName, Email: h.CompanionEmail, Phone: h.CompanionPhone}
}

// landlordContacts are the landlord's address for messages: the organisation's email, or
// else its active users' addresses. A landlord without any gets no email; the proposal is
// still in the landlord area.
func landlordContacts(ctx context.Context, tx *store.Store, l *domain.Landlord) ([]mail.Contact, error) {
	if l.Email != "" {
		return []mail.Contact{{Name: l.ContactName, Email: l.Email, Phone: l.Phone}}, nil
	}
	users, err := tx.LandlordUsers(ctx, l.ID)
	if err != nil {
		return nil, err
	}
	var out []mail.Contact
	seen := map[string]bool{}
	for _, u := range users {
		if key := strings.ToLower(strings.TrimSpace(u.Email)); u.Active && key != "" && !seen[key] {
			seen[key] = true
			out = append(out, mail.Contact{Name: u.Name, Email: u.Email, Phone: u.Phone})
		}
	}
	return out, nil
}

// forEachLandlordContact composes one message per landlord address.
func forEachLandlordContact(ctx context.Context, tx *store.Store, l *domain.Landlord, compose func(mail.Contact) ([]domain.OutboxMessage, error)) ([]domain.OutboxMessage, error) {
	contacts, err := landlordContacts(ctx, tx, l)
	if err != nil {
		return nil, err
	}
	var out []domain.OutboxMessage
	for _, c := range contacts {
		msgs, err := compose(c)
		if err != nil {
			return nil, err
		}
		out = append(out, msgs...)
	}
	return out, nil
}

func (vc *viewingContext) viewingMessage(links mail.ApplicantLinks) mail.ViewingMessage {
	h := vc.household
	email := ""
	if h.Email != nil {
		email = *h.Email
	}
	return mail.ViewingMessage{HouseholdRef: h.Reference, Applicant: mail.Contact{Name: h.ContactName, Email: email, Phone: h.Phone},
		Language: h.Language, Companion: vc.companion(), Caseworker: vc.caseworker, Viewing: vc.mailViewing(vc.viewing),
		Links: links, Flat: mail.FlatFrom(vc.vacancy), BringCertificate: !h.CertificatePassedOn.IsZero(), BringWBS: vc.vacancy.WBSRequired,
		BringIncomeProof: h.Benefit == domain.BenefitNone || h.Benefit == domain.BenefitWohngeld,
		PrivacyNotice:    vc.privacyNotice}
}

func (s *Service) proposalURL(vc *viewingContext) string {
	return s.links.LandlordProposal(vc.vacancy.ID, vc.match.ID)
}

func (vc *viewingContext) vacancyAddress() string {
	return vc.vacancy.Street + ", " + vc.vacancy.PostalCode + " Hagen"
}

// applicantLinks are the answer links of a link token, with the time they stop working.
func (s *Service) applicantLinks(token string) mail.ApplicantLinks {
	return mail.ApplicantLinks{Confirm: ApplicantLink(s.links, token, AnswerConfirm),
		Decline: ApplicantLink(s.links, token, AnswerDecline), Reschedule: ApplicantLink(s.links, token, AnswerReschedule)}
}

// ProposalWindow is how long the landlord's message about a new proposal waits for
// further proposals for the same vacancy: staff who approve several households in a row
// send the landlord one message.
const ProposalWindow = 10 * time.Minute

// notifyApproved queues the invitation (applicant, companion, caseworker) and the landlord's
// new-proposal message. The landlord's message waits ProposalWindow; a proposal for the
// same vacancy approved meanwhile joins it (landlordProposal).
func (s *Service) notifyApproved(ctx context.Context, tx *store.Store, m *domain.Match, vw *domain.Viewing, token string) error {
	if s.mail == nil {
		return nil
	}
	vc, err := s.loadViewingContext(ctx, tx, m, vw)
	if err != nil {
		return err
	}
	msg := vc.viewingMessage(s.applicantLinks(token))
	msg.AnswerBy = linkExpiry(vw)
	msgs, err := s.mail.ViewingInvitation(msg)
	if err != nil {
		return fmt.Errorf("workflow: invitation mail: %w", err)
	}
	landlord, err := forEachLandlordContact(ctx, tx, vc.landlord, func(to mail.Contact) ([]domain.OutboxMessage, error) {
		return s.landlordProposal(ctx, tx, vc, to)
	})
	if err != nil {
		return fmt.Errorf("workflow: landlord proposal mail: %w", err)
	}
	return tx.EnqueueMessages(ctx, append(msgs, landlord...)...)
}

// landlordProposal writes the landlord's message about the new proposal: into the message
// of the vacancy that still waits for its window (rewritten to list every proposal of the
// window), or as a new message sent when ProposalWindow has passed.
func (s *Service) landlordProposal(ctx context.Context, tx *store.Store, vc *viewingContext, to mail.Contact) ([]domain.OutboxMessage, error) {
	waiting, err := tx.WaitingMessage(ctx, mail.LandlordProposalsKeyPrefix(vc.vacancy.ID, to.Email))
	if err != nil && !errors.Is(err, domain.ErrNotFound) {
		return nil, err
	}
	if waiting != nil {
		proposals, err := s.windowProposals(ctx, tx, vc, waiting.CreatedAt)
		if err != nil {
			return nil, err
		}
		msgs, err := s.mail.LandlordProposalsMessage(mail.LandlordProposals{Landlord: to, VacancyID: vc.vacancy.ID,
			VacancyAddress: vc.vacancyAddress(), Proposals: proposals})
		if err != nil {
			return nil, err
		}
		replaced, err := tx.ReplaceWaitingMessage(ctx, waiting.ID, msgs[0].Subject, msgs[0].BodyText, msgs[0].BodyHTML)
		if err != nil || replaced {
			return nil, err
		}
	}
	p := s.proposalOf(vc, tx.Today())
	p.Landlord = to
	msgs, err := s.mail.LandlordProposalMessage(p)
	if err != nil {
		return nil, err
	}
	for i := range msgs {
		msgs[i].NextAttemptAt = tx.Now().Add(ProposalWindow)
	}
	return msgs, nil
}

func (s *Service) proposalOf(vc *viewingContext, today domain.Date) mail.LandlordProposal {
	mv := vc.mailViewing(vc.viewing)
	return mail.LandlordProposal{MatchID: vc.match.ID, VacancyID: vc.vacancy.ID, VacancyAddress: vc.vacancyAddress(),
		Profile: domain.ProfileFor(vc.household, vc.viewing, today), Viewing: &mv, ProposalURL: s.proposalURL(vc)}
}

// windowProposals are the vacancy's proposals approved since the window opened that are
// still open, oldest first (the one being approved among them).
func (s *Service) windowProposals(ctx context.Context, tx *store.Store, vc *viewingContext, since time.Time) ([]mail.LandlordProposal, error) {
	rows, err := tx.MatchesOfVacancy(ctx, vc.vacancy.ID)
	if err != nil {
		return nil, err
	}
	var out []mail.LandlordProposal
	for i := len(rows) - 1; i >= 0; i-- {
		m := rows[i].Match
		if !m.State.Open() || m.ApprovedAt == nil || m.ApprovedAt.Before(since) {
			continue
		}
		vw, err := tx.CurrentViewing(ctx, m.ID)
		if err != nil {
			return nil, err
		}
		h, err := tx.HouseholdByID(ctx, m.HouseholdID)
		if err != nil {
			return nil, err
		}
		item := &viewingContext{match: &m, viewing: vw, vacancy: vc.vacancy, household: h,
			privacyNotice: s.links.PrivacyNotice(string(h.Language))}
		out = append(out, s.proposalOf(item, tx.Today()))
	}
	return out, nil
}

// notifyAnswered tells companion, caseworker (and for another date the staff member) and,
// for confirm or decline, the landlord.
func (s *Service) notifyAnswered(ctx context.Context, tx *store.Store, m *domain.Match, vw *domain.Viewing, answer string) error {
	if s.mail == nil {
		return nil
	}
	vc, err := s.loadViewingContext(ctx, tx, m, vw)
	if err != nil {
		return err
	}
	notice := mail.AnswerNotice{HouseholdRef: vc.household.Reference, Answer: answer, AnsweredAt: tx.Now(),
		Viewing: vc.mailViewing(vw), Companion: vc.companion(), Caseworker: vc.caseworker,
		MatchURL: s.links.StaffMatch(m.ID)}
	if answer == AnswerReschedule {
		staff, err := s.staffContacts(ctx, tx, vc.approver)
		if err != nil {
			return err
		}
		notice.Staff = staff
	}
	msgs, err := s.mail.ApplicantAnswered(notice)
	if err != nil {
		return fmt.Errorf("workflow: answer notice: %w", err)
	}
	if answer != AnswerReschedule {
		landlord, err := forEachLandlordContact(ctx, tx, vc.landlord, func(to mail.Contact) ([]domain.OutboxMessage, error) {
			return s.mail.LandlordAnswerMessage(mail.LandlordAnswer{Landlord: to, Answer: answer,
				VacancyAddress: vc.vacancyAddress(), Viewing: vc.mailViewing(vw),
				Profile: domain.ProfileFor(vc.household, vw, tx.Today()), ProposalURL: s.proposalURL(vc)})
		})
		if err != nil {
			return fmt.Errorf("workflow: landlord answer mail: %w", err)
		}
		msgs = append(msgs, landlord...)
	}
	return tx.EnqueueMessages(ctx, msgs...)
}

// staffContacts is the responsible staff member, or every active staff member when the
// match has none.
func (s *Service) staffContacts(ctx context.Context, tx *store.Store, responsible *mail.Contact) ([]mail.Contact, error) {
	if responsible != nil {
		return []mail.Contact{*responsible}, nil
	}
	users, err := tx.UsersByRole(ctx, domain.RoleStaff)
	if err != nil {
		return nil, err
	}
	out := make([]mail.Contact, len(users))
	for i, u := range users {
		out[i] = mail.Contact{Name: u.Name, Email: u.Email, Phone: u.Phone}
	}
	return out, nil
}

// notifyChanged tells applicant, helpers and landlord about a new time (the calendar
// entry is replaced through the raised sequence). token is the applicant's new link token:
// the household answers the new date as it answered the first.
func (s *Service) notifyChanged(ctx context.Context, tx *store.Store, m *domain.Match, before, after *domain.Viewing, token string, tellLandlord bool) error {
	if s.mail == nil {
		return nil
	}
	vc, err := s.loadViewingContext(ctx, tx, m, after)
	if err != nil {
		return err
	}
	var links mail.ApplicantLinks
	if token != "" { // without a token the household has already answered the new date
		links = s.applicantLinks(token)
	}
	msg := vc.viewingMessage(links)
	if token != "" {
		msg.AnswerBy = linkExpiry(after)
	}
	prev := vc.mailViewing(before)
	msg.Previous = &prev
	msgs, err := s.mail.ViewingChanged(msg)
	if err != nil {
		return fmt.Errorf("workflow: change mail: %w", err)
	}
	if !tellLandlord {
		return tx.EnqueueMessages(ctx, msgs...)
	}
	landlord, err := forEachLandlordContact(ctx, tx, vc.landlord, func(to mail.Contact) ([]domain.OutboxMessage, error) {
		return s.mail.LandlordViewingMovedMessage(mail.LandlordViewingChange{Landlord: to, HouseholdRef: vc.household.Reference,
			VacancyAddress: vc.vacancyAddress(), Viewing: vc.mailViewing(after), Previous: &prev, ProposalURL: s.proposalURL(vc)})
	})
	if err != nil {
		return fmt.Errorf("workflow: landlord change mail: %w", err)
	}
	return tx.EnqueueMessages(ctx, append(msgs, landlord...)...)
}

// notifyCancelled tells applicant, helpers and landlord that a viewing no longer takes
// place, with staff's reason when there is one (the landlord reads only the catalogue
// entry, not staff's words about the household).
func (s *Service) notifyCancelled(ctx context.Context, tx *store.Store, m *domain.Match, vw *domain.Viewing, reason domain.Reason) error {
	if s.mail == nil {
		return nil
	}
	vc, err := s.loadViewingContext(ctx, tx, m, vw)
	if err != nil {
		return err
	}
	msg := vc.viewingMessage(mail.ApplicantLinks{})
	msg.Reason = reason
	msgs, err := s.mail.ViewingCancelled(msg)
	if err != nil {
		return fmt.Errorf("workflow: cancellation mail: %w", err)
	}
	landlord, err := forEachLandlordContact(ctx, tx, vc.landlord, func(to mail.Contact) ([]domain.OutboxMessage, error) {
		var label string
		if reason.Code != "" {
			label = domain.WithdrawReasons.Label(reason.Code)
		}
		return s.mail.LandlordWithdrawnMessage(mail.LandlordViewingChange{Landlord: to, HouseholdRef: vc.household.Reference,
			VacancyAddress: vc.vacancyAddress(), Viewing: vc.mailViewing(vw), Reason: label, ProposalURL: s.proposalURL(vc)})
	})
	if err != nil {
		return fmt.Errorf("workflow: landlord cancellation mail: %w", err)
	}
	return tx.EnqueueMessages(ctx, append(msgs, landlord...)...)
}

// notifyOutcome tells the responsible staff member what the landlord recorded.
func (s *Service) notifyOutcome(ctx context.Context, tx *store.Store, m *domain.Match, o Outcome) error {
	if s.mail == nil {
		return nil
	}
	approver, err := userContact(ctx, tx, m.ApprovedByID)
	if err != nil {
		return err
	}
	staff, err := s.staffContacts(ctx, tx, approver)
	if err != nil {
		return err
	}
	v, err := tx.VacancyByID(ctx, m.VacancyID)
	if err != nil {
		return err
	}
	h, err := tx.HouseholdByID(ctx, m.HouseholdID)
	if err != nil {
		return err
	}
	outcome := "rejected"
	switch {
	case o.NoShow:
		outcome = "no_show"
	case o.Accepted:
		outcome = "accepted"
	}
	msgs, err := s.mail.StaffOutcomeRecorded(mail.OutcomeRecorded{Staff: staff, MatchID: m.ID, HouseholdRef: h.Reference,
		VacancyAddress: v.Street + ", " + v.PostalCode + " Hagen", Outcome: outcome,
		Reason: domain.Label(domain.RejectionReasonOptions, o.Reason), Note: o.Note, RecordedAt: tx.Now(),
		MatchURL: s.links.StaffMatch(m.ID)})
	if err != nil {
		return fmt.Errorf("workflow: outcome notice: %w", err)
	}
	return tx.EnqueueMessages(ctx, msgs...)
}
