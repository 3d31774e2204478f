package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/workflow"
)

// TestLandlordSeesOnlyThePseudonymousProfile approves a household that has every field a
// landlord must never see (docs/design.md §2) and checks the landlord's pages: none of it appears,
// the allowed fields do, and the contact's first name and phone only once the household
// confirmed the viewing. Then the landlord records an Absage.
func TestLandlordSeesOnlyThePseudonymousProfile(t *testing.T) {
	testutil.ForEachDialectAt(t, time.Date(2026, time.March, 2, 9, 0, 0, 0, domain.Berlin), func(t *testing.T, st *store.Store, clk *clock.Manual) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
		today := st.Today()
		h := testutil.Household(t, st, func(h *domain.Household) {
			testutil.WithLandlordSecrets(h)
			h.Phone, h.Benefit, h.DirectPaymentConsent = "0157 99887766", "sgb2", false
			h.AccompanimentFrom, h.CompanionName, h.CompanionPhone = today.AddDays(-30), "Klaus Weber", "02331 5550"
			h.EarliestMoveIn = today.AddDays(14)
			h.Consents = []domain.Consent{{Kind: "health_data", GivenAt: st.Now()}}
		})
		approved, err := workflow.New(st, ranking.New(st)).Approve(ctx, domain.Actor{User: users.Staff},
			workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: v.ID, HouseholdID: h.ID, SlotID: v.Slots[0].ID})
		if err != nil {
			t.Fatal(err)
		}
		forbidden := append(testutil.LandlordSecrets(h), "Direktzahlung")
		c := testutil.NewClient(t, testutil.App(t, st))
		c.Login(users.Landlord.Email, testutil.Password)
		vacancyPage := fmt.Sprintf("/vermieter/angebote/%d", v.ID)
		outcomePage := fmt.Sprintf("%s/vorschlaege/%d", vacancyPage, approved.Match.ID)
		check := func(t *testing.T, also []string, allowed ...string) {
			t.Helper()
			for _, path := range []string{vacancyPage, outcomePage} {
				body := c.Get(path).Body
				for _, f := range append(also, forbidden...) {
					if strings.Contains(body, f) {
						t.Errorf("%s shows %q", path, f)
					}
				}
				for _, a := range allowed {
					if !strings.Contains(body, a) {
						t.Errorf("%s lacks %q", path, a)
					}
				}
			}
		}
		t.Run("before confirmation", func(t *testing.T) {
			check(t, []string{"Maria", "0157 99887766"}, h.Reference, "1 Erwachsene, 1 Kinder", "ja, seit "+h.CertificatePassedOn.String(),
				"Klaus Weber", "02331 5550", h.EarliestMoveIn.String())
			if body := c.Get(vacancyPage).Body; !strings.Contains(body, "Besichtigung geplant") {
				t.Error("the vacancy page does not show the proposal's state")
			}
		})
		if _, err := workflow.New(st, ranking.New(st)).Answer(ctx, domain.Applicant(approved.ApplicantToken), approved.ApplicantToken, workflow.AnswerConfirm); err != nil {
			t.Fatal(err)
		}
		t.Run("after confirmation", func(t *testing.T) {
			check(t, nil, "Kontakt für die Besichtigung", "Maria, Telefon 0157 99887766")
		})
		t.Run("not before the viewing", func(t *testing.T) {
			when := approved.Viewing.StartsAt.In(domain.Berlin).Format("02.01.2006, 15:04")
			if body := c.Get(outcomePage).Body; strings.Contains(body, "Entscheidung speichern") || !strings.Contains(body, when) {
				t.Errorf("outcome page before the viewing offers the form or does not say from when (%s)", when)
			}
			if body := c.Get(vacancyPage).Body; strings.Contains(body, "Zusage oder Absage eintragen") || !strings.Contains(body, when) {
				t.Errorf("vacancy page before the viewing offers the decision or does not say from when (%s)", when)
			}
			r := c.Submit(outcomePage, outcomePage, url.Values{"decision": {"accept"}})
			if r.Status != http.StatusConflict || !strings.Contains(r.Body, "noch nicht stattgefunden") || !strings.Contains(r.Body, "Wohnung:") {
				t.Errorf("Zusage before the viewing: status %d, want 409 on the outcome page", r.Status)
			}
		})
		testutil.ToViewing(clk)
		c.Login(users.Landlord.Email, testutil.Password) // the session ended while the clock moved
		t.Run("Absage", func(t *testing.T) {
			noReason := c.Submit(outcomePage, outcomePage, url.Values{"decision": {"reject"}})
			if noReason.Status != http.StatusUnprocessableEntity || !strings.Contains(noReason.Body, `href="#reason"`) {
				t.Fatalf("Absage without reason: status %d", noReason.Status)
			}
			r := c.Submit(outcomePage, outcomePage, url.Values{"decision": {"reject"}, "reason": {"household_size"}, "note": {"Zu klein für die Familie"}})
			if r.Status != http.StatusSeeOther {
				t.Fatalf("Absage: status %d", r.Status)
			}
			m, err := st.MatchByID(ctx, approved.Match.ID)
			if err != nil {
				t.Fatal(err)
			}
			if m.State != "landlord_rejected" || m.RejectionReason == nil || *m.RejectionReason != "household_size" || m.RejectionNote != "Zu klein für die Familie" {
				t.Fatalf("match after Absage: %+v", m)
			}
			body := c.Get(vacancyPage).Body
			if !strings.Contains(body, "Haushaltsgröße passt nicht") || strings.Contains(body, "Zusage oder Absage eintragen") {
				t.Error("the vacancy page does not show the recorded Absage, or still offers a decision")
			}
			if again := c.Submit(vacancyPage, outcomePage, url.Values{"decision": {"accept"}}); again.Status != http.StatusConflict {
				t.Errorf("second decision: status %d, want 409", again.Status)
			}
		})
	})
}
