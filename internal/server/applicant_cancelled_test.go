package server_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/workflow"
)

// After a cancellation the applicant's link says only that the viewing will not take
// place and whom to call: a link passed on or found later shows no name, address,
// landlord, companion or reference. The same holds after the household's own decline.
func TestApplicantLinkAfterCancellationShowsNoPersonalData(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		withCompanion := func(h *domain.Household) {
			h.ContactName, h.CompanionName, h.CompanionPhone = "Ana Vertraulich", "Elena Begleiterin", "0176 9999999"
			h.AccompanimentFrom = st.Today().AddDays(-30)
		}
		c := testutil.NewClient(t, testutil.App(t, st))
		check := func(what, page string, want string, a *workflow.Approved) {
			t.Helper()
			h, err := st.HouseholdByID(ctx, a.Match.HouseholdID)
			if err != nil {
				t.Fatal(err)
			}
			personal := []string{"Ana Vertraulich", "Elena Begleiterin", "0176 9999999", "Elberfelder Straße", "Testvermietung", h.Reference, `name="antwort"`}
			r := c.Get(page)
			if r.Status != http.StatusOK {
				t.Fatalf("%s: status %d", what, r.Status)
			}
			mustContain(t, what, r.Body, want, `href="tel:02331%20207-0"`)
			mustNotContain(t, what, r.Body, personal...)
		}

		token, a := invited(t, st, users, withCompanion)
		mustContain(t, "the page before", c.Get("/besichtigung/"+token).Body, "Ana Vertraulich", "Elberfelder Straße")
		if err := workflow.New(st, ranking.New(st)).CancelViewing(ctx, workflow.Actor{User: users.Staff}, a.Viewing.ID, domain.Reason{Code: domain.ReasonOther, Note: "Test"}); err != nil {
			t.Fatal(err)
		}
		check("the page after the cancellation", "/besichtigung/"+token, "Diese Besichtigung findet nicht statt.", a)

		token, a = invited(t, st, users, withCompanion)
		page := "/besichtigung/" + token
		if r := c.Submit(page, page, url.Values{"antwort": {"absagen"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("decline: status %d", r.Status)
		}
		check("the page after declining", page, "Sie haben abgesagt", a)
	})
}
