package workflow

import (
	"context"
	"errors"
	"fmt"
	"time"

	"wohnbruecke/internal/auth"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/mail"
)

// Applicant answers to an invitation link.
const (
	AnswerConfirm    = "confirm"
	AnswerDecline    = "decline"
	AnswerReschedule = "reschedule"
)

// Invitation is what an applicant link opens: the viewing and the recorded answer.
type Invitation struct {
	Token     *domain.ApplicantToken
	Viewing   *domain.Viewing
	Match     *domain.Match
	Vacancy   *domain.Vacancy
	Household *domain.Household
	Expired   bool
}

// OpenInvitation finds the viewing behind an applicant link token. An unknown token is
// ErrNotFound; an expired one is returned with Expired set.
func (s *Service) OpenInvitation(ctx context.Context, rawToken string) (*Invitation, error) {
	tok, err := s.store.ApplicantTokenByHash(ctx, auth.HashToken(rawToken))
	if err != nil {
		return nil, err
	}
	vw, err := s.store.ViewingByID(ctx, tok.ViewingID)
	if err != nil {
		return nil, err
	}
	m, err := s.store.MatchByID(ctx, vw.MatchID)
	if err != nil {
		return nil, err
	}
	v, err := s.store.VacancyByID(ctx, m.VacancyID)
	if err != nil {
		return nil, err
	}
	h, err := s.store.HouseholdByID(ctx, m.HouseholdID)
	if err != nil {
		return nil, err
	}
	return &Invitation{Token: tok, Viewing: vw, Match: m, Vacancy: v, Household: h,
		Expired: !tok.ExpiresAt.After(s.store.Now())}, nil
}

// Answer records the applicant's answer to an invitation. Confirm and decline are final; a
// request for another date can be followed by a confirmation or a decline. Only the
// applicant holding the token answers (domain.Actor.CanAnswerInvitation).
func (s *Service) Answer(ctx context.Context, a Actor, rawToken, answer string) (*Invitation, error) {
	if !a.CanAnswerInvitation(rawToken) {
		return nil, fmt.Errorf("workflow: answer: %w", domain.ErrForbidden)
	}
	inv, err := s.OpenInvitation(ctx, rawToken)
	if err != nil {
		return nil, err
	}
	if inv.Expired {
		return inv, domain.Conflict("Dieser Link ist abgelaufen.")
	}
	if !inv.Viewing.State.Pending() {
		return inv, domain.Conflict("Diese Besichtigung findet nicht mehr statt.")
	}
	err = s.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.AnswerApplicantToken(ctx, inv.Token.ID, answer); err != nil {
			return err
		}
		switch answer {
		case AnswerConfirm:
			if err := tx.UpdateViewingState(ctx, inv.Viewing.ID, domain.ViewingConfirmed); err != nil {
				return err
			}
			if err := tx.TransitionMatch(ctx, inv.Match.ID, domain.MatchViewingConfirmed, nil); err != nil {
				return err
			}
		case AnswerDecline:
			if err := tx.UpdateViewingState(ctx, inv.Viewing.ID, domain.ViewingCancelled); err != nil {
				return err
			}
			if inv.Viewing.SlotID != nil {
				if err := tx.ReleaseSlot(ctx, *inv.Viewing.SlotID); err != nil {
					return err
				}
			}
			if err := tx.TransitionMatch(ctx, inv.Match.ID, domain.MatchDeclinedByApplicant, nil); err != nil {
				return err
			}
		case AnswerReschedule:
			// The staff member and the companion look for a new date; the match stays put.
		default:
			return fmt.Errorf("workflow: unknown answer %q", answer)
		}
		vw, err := tx.ViewingByID(ctx, inv.Viewing.ID)
		if err != nil {
			return err
		}
		if err := s.notifyAnswered(ctx, tx, inv.Match, vw, answer); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "viewing.answer."+answer, "viewing", inv.Viewing.ID, "")
	})
	if err != nil {
		return nil, err
	}
	return s.OpenInvitation(ctx, rawToken)
}

// Outcome is the landlord's decision after a viewing.
type Outcome struct {
	MatchID  int64
	Accepted bool
	Reason   string // from domain.RejectionReasonOptions when rejected
	Note     string
	NoShow   bool // the household did not come
}

// auditDetail is the outcome as the audit log shows it: "Zusage", "nicht erschienen" or
// "Absage: " with the German reason.
func (o Outcome) auditDetail() string {
	switch {
	case o.NoShow:
		return "nicht erschienen"
	case o.Accepted:
		return "Zusage"
	}
	return "Absage: " + domain.Label(domain.RejectionReasonOptions, o.Reason)
}

// RecordOutcome records what happened at the viewing: accepted (Zusage), rejected with a
// reason (Absage) or the household did not come: a landlord for an approved match of its
// own vacancy (another landlord's match is ErrNotFound), staff and admins for any.
func (s *Service) RecordOutcome(ctx context.Context, a Actor, o Outcome) error {
	if !a.CanRecordOutcomes() {
		return fmt.Errorf("workflow: outcome: %w", domain.ErrForbidden)
	}
	ve := domain.NewValidationError()
	if !o.Accepted && !o.NoShow && !domain.Valid(domain.RejectionReasonOptions, o.Reason) {
		ve.Add("reason", "Bitte wählen Sie einen Grund für die Absage.")
	}
	if len(o.Note) > 1000 {
		ve.Add("note", "Die Anmerkung darf höchstens 1000 Zeichen haben.")
	}
	if err := ve.OrNil(); err != nil {
		return err
	}
	to, extra := domain.MatchLandlordRejected, map[string]any{"rejection_reason": o.Reason, "rejection_note": o.Note}
	switch {
	case o.NoShow:
		to, extra = domain.MatchNoShow, nil
	case o.Accepted:
		to, extra = domain.MatchLandlordAccepted, nil
	}
	return s.store.Tx(ctx, func(tx *store.Store) error {
		m, err := tx.MatchByID(ctx, o.MatchID)
		if err != nil {
			return err
		}
		v, err := tx.VacancyByID(ctx, m.VacancyID)
		if err != nil {
			return err
		}
		if !a.CanRecordOutcome(m, v) {
			return fmt.Errorf("workflow: outcome %d: %w", m.ID, domain.ErrNotFound)
		}
		if err := domain.MatchTransitions.Check(m.State, to); err != nil {
			return err
		}
		vw, err := tx.CurrentViewing(ctx, m.ID)
		if err != nil {
			return err
		}
		if !vw.Started(tx.Now()) {
			return ErrOutcomeTooEarly(vw)
		}
		if o.NoShow {
			err = tx.UpdateViewingState(ctx, vw.ID, domain.ViewingNoShow)
		} else {
			err = markHeld(ctx, tx, vw)
		}
		if err != nil {
			return err
		}
		if err := tx.TransitionMatch(ctx, m.ID, to, extra); err != nil {
			return err
		}
		if err := s.notifyOutcome(ctx, tx, m, o); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "match.outcome", "match", m.ID, o.auditDetail())
	})
}

// ErrOutcomeTooEarly is the answer to an outcome recorded before the viewing began: what
// happened at a viewing is known only once it has started.
func ErrOutcomeTooEarly(vw *domain.Viewing) error {
	return domain.Conflict("Die Besichtigung hat noch nicht stattgefunden. Zusage, Absage oder „nicht gekommen“ können Sie ab " +
		mail.GermanDateTime(vw.StartsAt) + " eintragen.")
}

func markHeld(ctx context.Context, tx *store.Store, vw *domain.Viewing) error {
	if vw.State == domain.ViewingHeld {
		return nil
	}
	return tx.UpdateViewingState(ctx, vw.ID, domain.ViewingHeld)
}

// SignLease records the lease: the match becomes lease_signed on the next free place of the
// vacancy, the household versorgt, its tenancy (Mietverhältnis) starts today, the vacancy vermietet once all places are let, and the
// household's other open matches are withdrawn (staff, domain.Actor.CanSteerMatches).
func (s *Service) SignLease(ctx context.Context, a Actor, matchID int64) error {
	if !a.CanSteerMatches() {
		return fmt.Errorf("workflow: lease %d: %w", matchID, domain.ErrForbidden)
	}
	return s.store.Tx(ctx, func(tx *store.Store) error {
		m, err := tx.MatchByID(ctx, matchID)
		if err != nil {
			return err
		}
		if err := domain.MatchTransitions.Check(m.State, domain.MatchLeaseSigned); err != nil {
			return err
		}
		v, err := tx.VacancyForUpdate(ctx, m.VacancyID)
		if err != nil {
			return err
		}
		leases, err := tx.LeasedPlaces(ctx, v.ID)
		if err != nil {
			return err
		}
		place := 0
		for p := 1; p <= v.Places; p++ {
			if !leases[p] {
				place = p
				break
			}
		}
		if place == 0 {
			return domain.Conflict("Alle Plätze dieser Wohnung sind bereits vermietet.")
		}
		if err := tx.TransitionMatch(ctx, m.ID, domain.MatchLeaseSigned, map[string]any{"place": place}); err != nil {
			return err
		}
		if err := tx.SetHouseholdStatus(ctx, m.HouseholdID, domain.HouseholdHoused); err != nil {
			return err
		}
		m.Place = place
		if err := s.startTenancy(ctx, tx, a, m, v); err != nil {
			return err
		}
		if len(leases)+1 >= v.Places {
			if err := tx.SetVacancyStatus(ctx, v.ID, domain.VacancyLet); err != nil {
				return err
			}
			if err := s.WithdrawOpen(ctx, tx, 0, v.ID, m.ID); err != nil {
				return err
			}
		}
		if err := s.WithdrawOpen(ctx, tx, m.HouseholdID, 0, m.ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "match.lease_signed", "match", m.ID, fmt.Sprintf("Platz %d", place))
	})
}

// Withdraw ends an open match (staff decision) and frees its viewing slot. The reason
// (domain.WithdrawReasons; the portal's confirmation asks for one) goes into the audit log
// and into the messages to the household, its helpers and the landlord.
func (s *Service) Withdraw(ctx context.Context, a Actor, matchID int64, reason domain.Reason) error {
	return s.withdraw(ctx, a, matchID, reason, "match.withdraw")
}

func (s *Service) withdraw(ctx context.Context, a Actor, matchID int64, reason domain.Reason, action string) error {
	if !a.CanSteerMatches() {
		return fmt.Errorf("workflow: withdraw %d: %w", matchID, domain.ErrForbidden)
	}
	ve := domain.NewValidationError()
	reason.Validate(domain.WithdrawReasons, false, ve)
	if err := ve.OrNil(); err != nil {
		return err
	}
	return s.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.TransitionMatch(ctx, matchID, domain.MatchWithdrawn, nil); err != nil {
			return err
		}
		if err := s.cancelViewing(ctx, tx, matchID, reason); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, action, "match", matchID, reason.Text(domain.WithdrawReasons))
	})
}

// WithdrawOpen withdraws the open matches of a household or a vacancy (except keepID)
// inside the caller's transaction and tells the applicants whose viewings were cancelled.
// It checks no actor: it is a step of the callers' use cases, which have checked theirs.
func (s *Service) WithdrawOpen(ctx context.Context, tx *store.Store, householdID, vacancyID, keepID int64) error {
	cancelled, err := tx.WithdrawOpenMatches(ctx, householdID, vacancyID, keepID)
	if err != nil {
		return err
	}
	for _, id := range cancelled {
		vw, err := tx.ViewingByID(ctx, id)
		if err != nil {
			return err
		}
		m, err := tx.MatchByID(ctx, vw.MatchID)
		if err != nil {
			return err
		}
		if err := s.notifyCancelled(ctx, tx, m, vw, domain.Reason{}); err != nil {
			return err
		}
	}
	return nil
}

// cancelViewing cancels the match's pending viewing, frees its slot and tells the applicant.
func (s *Service) cancelViewing(ctx context.Context, tx *store.Store, matchID int64, reason domain.Reason) error {
	vw, err := tx.CurrentViewing(ctx, matchID)
	if errors.Is(err, domain.ErrNotFound) {
		return nil // a match without a viewing has nothing to cancel
	}
	if err != nil {
		return err
	}
	if !vw.State.CanMove(domain.ViewingCancelled) {
		return nil
	}
	if err := tx.UpdateViewingState(ctx, vw.ID, domain.ViewingCancelled); err != nil {
		return err
	}
	if vw.SlotID != nil {
		if err := tx.ReleaseSlot(ctx, *vw.SlotID); err != nil {
			return err
		}
	}
	if vw, err = tx.ViewingByID(ctx, vw.ID); err != nil {
		return err
	}
	m, err := tx.MatchByID(ctx, matchID)
	if err != nil {
		return err
	}
	return s.notifyCancelled(ctx, tx, m, vw, reason)
}

// linkExpiry is when the applicant's answer links of a viewing stop working: 24 hours
// after the viewing's end.
func linkExpiry(vw *domain.Viewing) time.Time { return linkExpiryAfter(vw.EndsAt) }

// linkExpiryAfter is linkExpiry for a viewing that ends at end.
func linkExpiryAfter(end time.Time) time.Time { return end.Add(24 * time.Hour) }

// issueApplicantToken stores a new link token for the viewing and returns it raw (the
// database keeps its hash only).
func issueApplicantToken(ctx context.Context, tx *store.Store, vw *domain.Viewing) (string, error) {
	token, err := auth.NewToken()
	if err != nil {
		return "", err
	}
	return token, tx.CreateApplicantToken(ctx, &domain.ApplicantToken{ViewingID: vw.ID,
		TokenHash: auth.HashToken(token), ExpiresAt: linkExpiry(vw)})
}

// Reschedule moves a match's viewing into another slot of the same vacancy (staff). The
// answer recorded for the old time is cleared: the household answers the new one.
func (s *Service) Reschedule(ctx context.Context, a Actor, matchID, slotID int64) (*domain.Viewing, error) {
	if !a.CanSteerMatches() {
		return nil, fmt.Errorf("workflow: reschedule %d: %w", matchID, domain.ErrForbidden)
	}
	var out *domain.Viewing
	err := s.store.Tx(ctx, func(tx *store.Store) error {
		m, err := tx.MatchByID(ctx, matchID)
		if err != nil {
			return err
		}
		vw, err := tx.CurrentViewing(ctx, m.ID)
		if err != nil {
			return err
		}
		if out, err = moveViewing(ctx, tx, m, vw, slotID); err != nil {
			return err
		}
		// A new link for the new date: the household answers it as it answered the first.
		token, err := issueApplicantToken(ctx, tx, out)
		if err != nil {
			return err
		}
		if err := s.notifyChanged(ctx, tx, m, vw, out, token, true); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "viewing.reschedule", "viewing", vw.ID, "neuer Termin "+domain.ViewingTime(out.StartsAt, out.EndsAt))
	})
	return out, err
}
