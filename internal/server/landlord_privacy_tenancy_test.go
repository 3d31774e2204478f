package server_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/tenancies"
	"wohnbruecke/internal/testutil"
)

// TestLandlordSeesNothingForbiddenInTheTenancyPhase: a tenancy of a household with every
// fact a landlord must never see, a visit with a note and topics, a report answered and
// closed. The landlord's pages of the tenancy phase and every mail to the landlord carry
// none of the forbidden facts and nothing from the visit log; the team's pages of the
// tenancy are closed to the landlord.
func TestLandlordSeesNothingForbiddenInTheTenancyPhase(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		tn, h, _ := leasedTenancy(t, st, users)
		svc := tenancies.New(st, tenancies.WithMail(testutil.Composer(t), "https://wohnbruecke.test"))
		companion, landlord := domain.Actor{User: users.Caseworker}, domain.Actor{User: users.Landlord}
		const note = "Besuchsnotiz: Schulden bei der Stromversorgung besprochen"
		if _, err := svc.RecordVisit(ctx, companion, tn.ID, domain.Visit{VisitedOn: st.Today(), Kind: domain.VisitHome,
			DurationMinutes: 50, Language: domain.LanguageRO, Topics: domain.VisitTopicList{domain.TopicBudget, domain.TopicOfficialMail}, Note: note}); err != nil {
			t.Fatal(err)
		}
		r, err := svc.FileReport(ctx, landlord, tn.ID, domain.ReportInput{Category: domain.ReportRentArrears, Urgency: domain.ReportUrgent, Body: "Miete fehlt."})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Reply(ctx, companion, r.ID, "Wir kümmern uns, die Zahlung kommt diese Woche."); err != nil {
			t.Fatal(err)
		}
		if err := svc.SetStatus(ctx, companion, r.ID, domain.ReportDone); err != nil {
			t.Fatal(err)
		}
		forbidden := append(testutil.LandlordSecrets(h), note, "Haushaltsplanung", "Behördenpost", "Hausbesuch", "Kontakte der Wohnbegleitung",
			"Besuchsrhythmus", "Grund des Endes", users.Caseworker.Email)

		c := testutil.NewClient(t, testutil.App(t, st))
		c.Login(users.Landlord.Email, testutil.Password)
		pages := []string{"/vermieter", "/vermieter/mietverhaeltnisse", fmt.Sprintf("/vermieter/mietverhaeltnisse/%d", tn.ID),
			fmt.Sprintf("/vermieter/meldungen/%d", r.ID)}
		for _, path := range pages {
			resp := c.Get(path)
			if resp.Status != http.StatusOK {
				t.Fatalf("%s: %d", path, resp.Status)
			}
			for _, f := range forbidden {
				if strings.Contains(resp.Body, f) {
					t.Errorf("%s shows %q", path, f)
				}
			}
		}
		if body := c.Get(pages[3]).Body; !strings.Contains(body, "die Zahlung kommt diese Woche") || !strings.Contains(body, h.Reference) {
			t.Error("the landlord's report page lacks the answer or the household's reference")
		}
		for _, path := range []string{fmt.Sprintf("/mietverhaeltnisse/%d", tn.ID), fmt.Sprintf("/meldungen/%d", r.ID), "/mietverhaeltnisse"} {
			if s := c.Get(path).Status; s != http.StatusForbidden {
				t.Errorf("landlord opens %s: %d, want 403", path, s)
			}
		}

		page, err := st.ListOutbox(ctx, store.OutboxFilter{PerPage: 200})
		if err != nil {
			t.Fatal(err)
		}
		toLandlord := 0
		for _, m := range page.Messages {
			if m.ToAddress != users.Landlord.Email {
				continue
			}
			toLandlord++
			for _, f := range forbidden {
				if strings.Contains(m.Subject+m.BodyText+m.BodyHTML, f) {
					t.Errorf("mail %q to the landlord shows %q", m.Subject, f)
				}
			}
		}
		if toLandlord != 2 {
			t.Errorf("%d mails to the landlord, want the answer and the closing", toLandlord)
		}
	})
}
