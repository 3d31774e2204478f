package workflow

import (
	"context"
	"fmt"
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/mail"
)

// moveViewing moves a match's viewing into another slot of its vacancy inside tx: it books
// a place of the new slot (the guarded claim gives the last place to exactly one caller; the
// others get store.ErrSlotTaken), frees the old one, moves the viewing (raising its calendar
// sequence), puts the match back to viewing_scheduled and reopens the applicant's link for
// the new time. It returns the moved viewing.
func moveViewing(ctx context.Context, tx *store.Store, m *domain.Match, vw *domain.Viewing, slotID int64) (*domain.Viewing, error) {
	if err := domain.MatchTransitions.Check(m.State, domain.MatchViewingScheduled); err != nil {
		return nil, err
	}
	slot, err := tx.SlotByID(ctx, m.VacancyID, slotID)
	if err != nil {
		return nil, err
	}
	if vw.SlotID != nil && *vw.SlotID == slot.ID {
		return nil, domain.Conflict(domain.CodeSameSlot, "Die Besichtigung liegt bereits in diesem Termin.")
	}
	if !slot.StartsAt.After(tx.Now().Add(time.Hour)) {
		return nil, domain.Conflict(domain.CodeSlotInPast, "Dieser Besichtigungstermin liegt in der Vergangenheit.")
	}
	if err := tx.ClaimSlot(ctx, slot.ID); err != nil {
		return nil, err
	}
	if vw.SlotID != nil {
		if err := tx.ReleaseSlot(ctx, *vw.SlotID); err != nil {
			return nil, err
		}
	}
	if err := tx.RescheduleViewing(ctx, vw.ID, &slot.ID, slot.StartsAt, slot.EndsAt, slot.Place); err != nil {
		return nil, err
	}
	if err := tx.TransitionMatch(ctx, m.ID, domain.MatchViewingScheduled, nil); err != nil {
		return nil, err
	}
	// The link works until the end of the day after the new viewing (as at the approval).
	if err := tx.ReopenApplicantTokens(ctx, vw.ID, linkExpiryAfter(slot.EndsAt)); err != nil {
		return nil, err
	}
	return tx.ViewingByID(ctx, vw.ID)
}

// Rebook is the applicant's own choice of another slot through the invitation link: in one
// transaction the viewing moves into the chosen free slot of the same vacancy (the old
// place is freed), and the choice counts as the household's Zusage for the new time. The
// household (in its language with German alongside, with a calendar update), the companion
// and the caseworker, the landlord and the responsible staff member are told. Only the
// applicant holding the token rebooks (domain.Actor.CanAnswerInvitation); a slot taken in
// the meantime is store.ErrSlotTaken and nothing changes.
func (s *Service) Rebook(ctx context.Context, a Actor, rawToken string, slotID int64) (*Invitation, error) {
	if !a.CanAnswerInvitation(rawToken) {
		return nil, fmt.Errorf("workflow: rebook: %w", domain.ErrForbidden)
	}
	inv, err := s.OpenInvitation(ctx, rawToken)
	if err != nil {
		return nil, err
	}
	switch {
	case inv.Expired:
		return inv, domain.Conflict(domain.CodeLinkExpired, "Dieser Link ist abgelaufen.")
	case !inv.Viewing.State.Pending():
		return inv, domain.Conflict(domain.CodeViewingNotPlanned, "Diese Besichtigung findet nicht mehr statt.")
	case inv.Token.Answer != nil && *inv.Token.Answer != AnswerReschedule:
		return inv, domain.Conflict(domain.CodeAnswerAlreadyRecorded, "Ihre Antwort wurde bereits gespeichert.")
	}
	err = s.store.Tx(ctx, func(tx *store.Store) error {
		m, err := tx.MatchByID(ctx, inv.Match.ID)
		if err != nil {
			return err
		}
		before, err := tx.ViewingByID(ctx, inv.Viewing.ID)
		if err != nil {
			return err
		}
		if _, err := moveViewing(ctx, tx, m, before, slotID); err != nil {
			return err
		}
		if err := tx.AnswerApplicantToken(ctx, inv.Token.ID, AnswerConfirm); err != nil {
			return err
		}
		if err := tx.UpdateViewingState(ctx, before.ID, domain.ViewingConfirmed); err != nil {
			return err
		}
		if err := tx.TransitionMatch(ctx, m.ID, domain.MatchViewingConfirmed, nil); err != nil {
			return err
		}
		after, err := tx.ViewingByID(ctx, before.ID)
		if err != nil {
			return err
		}
		if err := s.notifyRebooked(ctx, tx, m, before, after); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, "viewing.rebook", "viewing", before.ID, fmt.Sprintf("slot %d", slotID))
	})
	if err != nil {
		return nil, err
	}
	return s.OpenInvitation(ctx, rawToken)
}

// notifyRebooked tells everyone about the household's own new date: the household and its
// helpers through the change message (calendar update with the raised sequence), the
// landlord that the household comes at the new time, and the responsible staff member.
func (s *Service) notifyRebooked(ctx context.Context, tx *store.Store, m *domain.Match, before, after *domain.Viewing) error {
	if s.mail == nil {
		return nil
	}
	// The household chose the date itself: its change message needs no answer links, and
	// the landlord hears of it once, below, as the household's Zusage for the new time.
	if err := s.notifyChanged(ctx, tx, m, before, after, "", false); err != nil {
		return err
	}
	vc, err := s.loadViewingContext(ctx, tx, m, after)
	if err != nil {
		return err
	}
	prev := vc.mailViewing(before)
	staff, err := s.staffContacts(ctx, tx, vc.approver)
	if err != nil {
		return err
	}
	msgs, err := s.mail.ApplicantAnswered(mail.AnswerNotice{HouseholdRef: vc.household.Reference, Answer: AnswerConfirm,
		AnsweredAt: tx.Now(), Viewing: vc.mailViewing(after), Previous: &prev, Staff: staff, MatchURL: s.links.StaffMatch(m.ID)})
	if err != nil {
		return fmt.Errorf("workflow: rebook notice: %w", err)
	}
	landlord, err := forEachLandlordContact(ctx, tx, vc.landlord, func(to mail.Contact) ([]domain.OutboxMessage, error) {
		return s.mail.LandlordAnswerMessage(mail.LandlordAnswer{Landlord: to, Answer: AnswerConfirm,
			VacancyAddress: vc.vacancy.Street + ", " + vc.vacancy.PostalCode + " Hagen", Viewing: vc.mailViewing(after),
			Previous: &prev, Profile: domain.ProfileFor(vc.household, after, tx.Today()), ProposalURL: s.proposalURL(vc)})
	})
	if err != nil {
		return fmt.Errorf("workflow: landlord rebook mail: %w", err)
	}
	return tx.EnqueueMessages(ctx, append(msgs, landlord...)...)
}
