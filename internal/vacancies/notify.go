package vacancies

import (
	"context"
	"fmt"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/mail"
)

// The functions below queue the emails of the review use cases inside the caller's
// transaction, so the change and its email commit together or not at all.

// notifyStaffSubmitted queues the email to staff about a submitted vacancy: to the
// landlord's Ansprechperson, or to every active staff member when there is none (or it
// is no longer active).
func (s *Service) notifyStaffSubmitted(ctx context.Context, tx *store.Store, v *domain.Vacancy) error {
	l, err := tx.LandlordByID(ctx, v.LandlordID)
	if err != nil {
		return err
	}
	contact, err := tx.AgreementContact(ctx, v.LandlordID)
	if err != nil {
		return err
	}
	var staff []mail.Contact
	if contact != nil && contact.Active {
		staff = []mail.Contact{*mail.ContactOf(contact)}
	} else {
		all, err := tx.UsersByRole(ctx, domain.RoleStaff)
		if err != nil {
			return err
		}
		staff = mail.ActiveContacts(all)
	}
	msgs, err := s.composer.StaffVacancySubmitted(mail.VacancySubmitted{Staff: staff, VacancyID: v.ID, LandlordName: l.Name,
		Address: address(v), SubmittedAt: tx.Now(), ReviewURL: s.links.StaffVacancy(v.ID),
		Summary: fmt.Sprintf("%s Zimmer, %s, %s kalt", v.RoomsHalf, v.AreaCentiM2, v.NetColdRentCents.Euro())})
	if err != nil {
		return fmt.Errorf("vacancies: submitted mail: %w", err)
	}
	return tx.EnqueueMessages(ctx, msgs...)
}

// notifyLandlordSentBack queues the email to the landlord's active accounts about a
// sent-back vacancy, with staff's comment.
func (s *Service) notifyLandlordSentBack(ctx context.Context, tx *store.Store, v *domain.Vacancy, comment string) error {
	users, err := tx.LandlordUsers(ctx, v.LandlordID)
	if err != nil {
		return err
	}
	contact, err := tx.AgreementContact(ctx, v.LandlordID)
	if err != nil {
		return err
	}
	msgs, err := s.composer.LandlordVacancySentBackMessage(mail.VacancySentBack{Recipients: mail.ActiveContacts(users),
		VacancyID: v.ID, Address: address(v), Comment: comment, SentBackAt: tx.Now(),
		EditURL: s.links.LandlordVacancy(v.ID), Contact: mail.ContactOf(contact)})
	if err != nil {
		return fmt.Errorf("vacancies: sent-back mail: %w", err)
	}
	return tx.EnqueueMessages(ctx, msgs...)
}

// address is the vacancy's address as emails show it.
func address(v *domain.Vacancy) string { return v.Street + ", " + v.PostalCode + " Hagen" }
