// Package mail renders Wohnbrücke's emails, builds them with go-mail and runs the outbox
// worker that delivers them. It knows no HTTP framework and no SQL: messages become
// outbox rows through the store, in the transaction of the change that causes them, and
// the worker delivers the rows.
//
// # Composing messages inside a transaction
//
// Create one Composer at start-up (it parses the templates and loads the translations in
// mail/locales, and fails early if one is broken):
//
//	composer, err := mail.NewComposer(mail.ComposerConfig{
//		MailFrom:        cfg.MailFrom,
//		FachstellePhone: cfg.FachstellePhone,
//	})
//
// Each message kind is a Composer method taking a plain data struct and returning the
// outbox rows (one per recipient) with subject, text, HTML, calendar file, dedupe key,
// kind, language and recipient. Write them with the transaction-bound store, so the
// change and its mail commit together or not at all:
//
//	err := st.Tx(ctx, func(tx *store.Store) error {
//		// … approve the match, create the viewing and the applicant tokens …
//		msgs, err := composer.ViewingInvitation(mail.ViewingMessage{
//			HouseholdRef: h.Reference,
//			Applicant:    mail.Contact{Name: h.ContactName, Email: deref(h.Email), Phone: h.Phone},
//			Language:     h.Language,
//			Companion:    &mail.Contact{Name: h.CompanionName, Email: h.CompanionEmail, Phone: h.CompanionPhone},
//			Caseworker:   caseworkerContact, // or nil
//			Viewing:      mail.ViewingFrom(viewing),
//			Links:        mail.ApplicantLinks{Confirm: confirmURL, Decline: declineURL, Reschedule: rescheduleURL},
//			BringCertificate: !h.CertificatePassedOn.IsZero(),
//			BringWBS:         vacancy.WBSRequired,
//		})
//		if err != nil {
//			return err
//		}
//		landlordMsgs, err := composer.LandlordProposalMessage(mail.LandlordProposal{
//			Landlord:       mail.Contact{Name: landlord.ContactName, Email: landlord.Email},
//			MatchID:        match.ID,
//			VacancyID:      vacancy.ID,
//			VacancyAddress: vacancy.Street + ", " + vacancy.PostalCode + " Hagen",
//			Profile:        domain.ProfileFor(h, viewing, tx.Today()),
//			Viewing:        &v, // mail.ViewingFrom(viewing)
//			ProposalURL:    proposalURL,
//		})
//		if err != nil {
//			return err
//		}
//		return tx.EnqueueMessages(ctx, append(msgs, landlordMsgs...)...)
//	})
//
// The message kinds:
//
//   - to the household, in its language with German alongside, and a German copy to the
//     companion and the caseworker: ViewingInvitation, ViewingReminder, ViewingChanged,
//     ViewingCancelled (all with an .ics; increase Viewing.Sequence on every change and on
//     cancellation);
//   - to companion, caseworker (and staff for "another date"): ApplicantAnswered;
//   - to the landlord, German, with only the pseudonymous domain.LandlordProfile (build it
//     with domain.ProfileFor, as the landlord pages and the API do): LandlordProposalMessage,
//     LandlordAnswerMessage, LandlordOutcomeRequestMessage;
//   - to staff, German: StaffVacancySubmitted, StaffMatchStalled, StaffMessageFailed (the
//     worker sends the last one itself).
//
// Dedupe keys are derived from the event (viewing id, calendar sequence, answer, recipient
// role), so composing and enqueueing the same event twice queues it once.
//
// # Running the worker
//
//	sender, err := mail.NewSender(cfg.SMTPURL, cfg.MailFrom, cfg.MailDir(), st.Now)
//	worker := mail.NewWorker(st, sender, composer, mail.WorkerConfig{
//		OutboxURL: links.New(cfg.BaseURL.String()).Outbox(),
//	}, logger)
//	go func() { _ = worker.Run(ctx) }() // returns after ctx ends and the current message is done
//
// Without SMTP_URL the sender writes .eml files to DATA_DIR/mail. With SMTP_URL
// (smtp://user:pass@host:port, smtps://…, option tls=mandatory|opportunistic|none) it
// sends with go-mail, one connection per batch. Every instance may run a worker against
// one PostgreSQL database: claims use FOR UPDATE SKIP LOCKED, and a crashed instance's
// messages return to the queue when their lease ends. Delivery is at least once: a
// message whose SMTP transaction succeeded but whose "sent" mark was lost (database down
// at that moment, or a crash) is sent again; it keeps its Message-ID.
package mail
