package server_test

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

var confirmLink = regexp.MustCompile(`https?://[^\s"<>]+/besichtigung/([A-Za-z0-9_-]+)\?antwort=bestaetigen`)

// A staff member approves a candidate in the portal; the real mail worker delivers the
// invitation to a real SMTP server; the applicant follows the confirm link from the
// received mail, sees the page (no change yet), confirms with a click, and the
// confirmation is recorded — then the landlord and the companion hear about it. The
// landlord's mail never contains what docs/design.md §2 forbids.
func TestApprovalMailLinkConfirmation(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
		h := testutil.Household(t, st, func(h *domain.Household) {
			h.AccompanimentFrom, h.CompanionName, h.CompanionEmail, h.CompanionPhone = st.Today().AddDays(-5), "Elena Popescu", "begleitung@test.de", "02331 1234"
			cat, urg := domain.EmergencyStreet, domain.UrgencyVeryHigh
			h.FachstelleCase, h.EmergencyCategory, h.Urgency, h.FocusGroup = true, &cat, &urg, "mental_health"
			h.HomelessSince, h.HealthNotes, h.Nationality = st.Today().AddDays(-400), "Psychiatrische Behandlung", "RO"
		})
		app := testutil.App(t, st)
		staff := testutil.NewClient(t, app)
		staff.Login(users.Staff.Email, testutil.Password)
		page := fmt.Sprintf("/arbeitsbereich/angebote/%d/rangliste", v.ID)
		staff.Submit(page, fmt.Sprintf("/arbeitsbereich/angebote/%d/freigabe", v.ID),
			url.Values{"household_id": {fmt.Sprint(h.ID)}, "slot_id": {fmt.Sprint(v.Slots[0].ID)}})

		mailbox := testutil.StartMailbox(t, st)
		var applicantMail *testutil.ParsedMail
		for _, m := range mailbox.Deliver(t) {
			switch m.To {
			case *h.Email:
				applicantMail = m.ParsedMail
			case users.Landlord.Email:
				for _, secret := range []string{"Psychiatr", "obdachlos", "wohnungslos", "Dringlichkeit", "Staatsangehörigkeit", "Rumän", "Bürgergeld", "SGB", "Jobcenter", "Ana Popa"} {
					if strings.Contains(m.Text, secret) || strings.Contains(m.HTML, secret) {
						t.Errorf("landlord mail contains %q", secret)
					}
				}
			}
		}
		if applicantMail == nil {
			t.Fatalf("no invitation reached %s (got %d mails)", *h.Email, mailbox.SMTP.Count())
		}
		m := confirmLink.FindStringSubmatch(applicantMail.Text)
		if m == nil {
			t.Fatalf("no confirm link in:\n%s", applicantMail.Text)
		}
		link, _ := url.Parse(m[0])
		applicant := testutil.NewClient(t, app)
		view := applicant.Get(link.RequestURI())
		if view.Status != 200 || !strings.Contains(view.Body, v.Street) {
			t.Fatalf("link page: %d", view.Status)
		}
		if ms, _ := st.MatchesOfVacancy(ctx, v.ID); ms[0].State != "viewing_scheduled" {
			t.Fatalf("opening the link changed the match to %s", ms[0].State)
		}
		form := url.Values{"_csrf": {testutil.CSRFFrom(t, view.Body)}, "antwort": {"bestaetigen"}}
		applicant.PostForm(link.Path, form)
		if ms, _ := st.MatchesOfVacancy(ctx, v.ID); ms[0].State != "viewing_confirmed" {
			t.Fatalf("after confirming: match %s", ms[0].State)
		}
		var toLandlord, toCompanion bool
		for _, r := range mailbox.Deliver(t) {
			toLandlord = toLandlord || r.To == users.Landlord.Email
			toCompanion = toCompanion || r.To == "begleitung@test.de"
		}
		if !toLandlord || !toCompanion {
			t.Fatalf("after the confirmation: landlord told %v, companion told %v", toLandlord, toCompanion)
		}
	})
}
