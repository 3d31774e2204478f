package mail_test

import (
	"strings"
	"testing"
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/mail"
)

// householdWithEverything is a household with a certificate, an active accompaniment and
// every field set that docs/design.md §2 keeps from landlords (testutil.WithLandlordSecrets).
func householdWithEverything(benefit domain.Benefit, directPayment bool) *domain.Household {
	email := "maria.popescu@example.org"
	wbsPersons := 5
	h := &domain.Household{
		ID: 42, Reference: "H-2026-0042", Email: &email, Phone: "0157 111",
		CertificatePassedOn: domain.NewDate(2025, 11, 20),
		AccompanimentFrom:   domain.NewDate(2026, 1, 1), CompanionName: "Elena Ionescu", CompanionPhone: "0176 222",
		FachstelleCase: true, Benefit: benefit, DirectPaymentConsent: directPayment,
		WBSValidUntil: domain.NewDate(2027, 3, 31), WBSPersons: &wbsPersons, NeedsStepFree: true, HasPets: true,
		EarliestMoveIn: domain.NewDate(2026, 5, 1), RegisteredOn: domain.NewDate(2024, 3, 1), LotteryNumber: 987654321,
		Status: "active",
		Members: []domain.HouseholdMember{{BirthYear: 1990, Sex: "f"}, {BirthYear: 1988, Sex: "m"},
			{BirthYear: 2015, Sex: "f"}, {BirthYear: 2018, Sex: "m"}, {BirthYear: 2022, Sex: "f"}},
		Consents: []domain.Consent{{Kind: "direct_payment_disclosure", GivenAt: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}},
	}
	testutil.WithLandlordSecrets(h)
	return h
}

func TestLandlordMessagesHideForbiddenData(t *testing.T) {
	c := newComposer(t)
	today := domain.NewDate(2026, 4, 1)
	v := viewingData("ro").Viewing
	landlord := mail.Contact{Name: "Frau Schulte", Email: "vermietung@example.org"}
	tests := []struct {
		name           string
		household      *domain.Household
		confirmed      bool
		wantDirectPay  bool
		wantContact    bool
		wantNotContact bool
	}{
		{"Bürgergeld without consent", householdWithEverything("sgb2", false), false, false, false, true},
		{"Bürgergeld with consent", householdWithEverything("sgb2", true), false, true, false, true},
		{"SGB XII with consent, viewing confirmed", householdWithEverything("sgb12", true), true, true, true, false},
		{"Wohngeld with consent", householdWithEverything("wohngeld", true), true, false, true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			vw := &domain.Viewing{State: "scheduled"}
			if tc.confirmed {
				vw.State = "confirmed"
			}
			p := domain.ProfileFor(tc.household, vw, today)
			var msgs []domain.OutboxMessage
			add := func(m []domain.OutboxMessage, err error) {
				t.Helper()
				if err != nil {
					t.Fatal(err)
				}
				msgs = append(msgs, m...)
			}
			add(c.LandlordProposalMessage(mail.LandlordProposal{Landlord: landlord, MatchID: 3, VacancyID: 9,
				VacancyAddress: "Voerder Straße 12", Profile: p, Viewing: &v, ProposalURL: "https://wb.example/p/3"}))
			add(c.LandlordAnswerMessage(mail.LandlordAnswer{Landlord: landlord, Answer: mail.AnswerConfirm,
				VacancyAddress: "Voerder Straße 12", Viewing: v, Profile: p, ProposalURL: "https://wb.example/p/3"}))
			add(c.LandlordAnswerMessage(mail.LandlordAnswer{Landlord: landlord, Answer: mail.AnswerDecline,
				VacancyAddress: "Voerder Straße 12", Viewing: v, Profile: p, ProposalURL: "https://wb.example/p/3"}))
			add(c.LandlordOutcomeRequestMessage(mail.LandlordOutcomeRequest{Landlord: landlord, HouseholdRef: p.Reference,
				VacancyAddress: "Voerder Straße 12", Viewing: v, OutcomeURL: "https://wb.example/o/3"}))
			for _, m := range msgs {
				all := m.Subject + "\n" + m.BodyText + "\n" + m.BodyHTML + "\n" + m.ICS
				for _, w := range append(testutil.LandlordSecrets(tc.household), "987654321") {
					if strings.Contains(all, w) {
						t.Errorf("%s message shows %q", m.Kind, w)
					}
				}
			}
			proposal := msgs[0].BodyText + msgs[0].BodyHTML
			for _, want := range []string{"H-2026-0042", "Erwachsene: 2", "Kinder: 3", "01.05.2026",
				"ja, seit 20.11.2025", "Elena Ionescu", "0176 222"} {
				if !strings.Contains(msgs[0].BodyText, want) {
					t.Errorf("proposal text lacks %q:\n%s", want, msgs[0].BodyText)
				}
			}
			if got := strings.Contains(proposal, "Direktzahlung"); got != tc.wantDirectPay {
				t.Errorf("Direktzahlung shown: %v, want %v", got, tc.wantDirectPay)
			}
			if got := strings.Contains(proposal, "Ansprechperson für die Besichtigung: Maria, Telefon 0157 111"); got != tc.wantContact {
				t.Errorf("contact for the viewing shown: %v, want %v", got, tc.wantContact)
			}
			if tc.wantNotContact && strings.Contains(proposal, "0157 111") {
				t.Error("the household's phone is shown before the viewing is confirmed")
			}
			if declined := msgs[2].BodyText + msgs[2].BodyHTML; strings.Contains(declined, "0157 111") {
				t.Error("the declined message shows the household's phone")
			}
		})
	}
}
