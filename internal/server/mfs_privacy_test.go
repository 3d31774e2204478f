package server_test

import (
	"context"
	"fmt"
	"html"
	"strings"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/workflow"
)

// TestLandlordSeesTheCheckedCertificate: for a household whose certificate the portal
// issued, the landlord's pages say "Integrationszertifikat Wohnen, geprüft, gültig bis …"
// and link the public verification page; neither the landlord's pages nor that page show
// the holder's name, the course or anything of docs/design.md §2.
func TestLandlordSeesTheCheckedCertificate(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
		h := testutil.Household(t, st, func(h *domain.Household) {
			testutil.WithLandlordSecrets(h)
			h.CertificatePassedOn, h.CertificateNumber = 0, ""
			h.Consents = []domain.Consent{{Kind: "health_data", GivenAt: st.Now()}}
		})
		app := testutil.App(t, st)
		qm := testutil.SessionClient(t, st, app, courseStaff(t, st))
		j := startCourse(t, st, nil, qm, h.Reference)
		cert := issueFor(t, st, j, j.participants()[0])
		approved, err := workflow.New(st, ranking.New(st)).Approve(ctx, domain.Actor{User: users.Staff},
			workflow.ApproveRequest{VacancyID: v.ID, HouseholdID: h.ID, SlotID: v.Slots[0].ID})
		if err != nil {
			t.Fatal(err)
		}
		landlord := testutil.NewClient(t, app)
		landlord.Login(users.Landlord.Email, testutil.Password)
		forbidden := append(testutil.LandlordSecrets(h), "Ana Popa", "Mietführerschein Februar", "Prüfungskommission", "Punkte")
		link := `href="/zertifikat/` + cert.Number + `"`
		for _, path := range []string{fmt.Sprintf("/vermieter/angebote/%d", v.ID), fmt.Sprintf("/vermieter/angebote/%d/vorschlaege/%d", v.ID, approved.Match.ID)} {
			body := landlord.Get(path).Body
			if want := "Integrationszertifikat Wohnen, geprüft, gültig bis " + cert.ValidUntil.String(); !strings.Contains(body, want) || !strings.Contains(body, link) {
				t.Errorf("%s lacks %q or the verification link", path, want)
			}
			for _, f := range forbidden {
				if f != cert.Number && strings.Contains(body, f) {
					t.Errorf("%s shows %q", path, f)
				}
			}
		}
		page := html.UnescapeString(mainText(landlord.Get("/zertifikat/" + cert.Number).Body))
		for _, f := range forbidden {
			if strings.Contains(page, f) {
				t.Errorf("verification page shows %q", f)
			}
		}
		if !strings.Contains(page, "gültig") || !strings.Contains(page, "A. P.") {
			t.Errorf("verification page: %s", page)
		}
	})
}
