package server_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"wohnbruecke/internal/apitokens"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/server"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

var (
	inviteLink = regexp.MustCompile(`/einladung/([A-Za-z0-9_-]{20,})`)
	resetLink  = regexp.MustCompile(`/passwort-neu/([A-Za-z0-9_-]{20,})`)
)

// A whole journey with the log captured at debug level, through a plain handler (without
// the logsafe filter the command installs, so the code itself must log nothing it should
// not): staff invite a landlord, the landlord sets a password and later resets it, staff
// approve a household, one delivery fails for good at the SMTP server, the applicant
// answers through the link, an API token is used. Afterwards the log contains none of the
// tokens, email addresses or names the journey used, and its request lines name routes.
func TestJourneyLogsNoSecretsOrPersonalData(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		var logBuf testutil.SyncBuffer
		logger := slog.New(slog.NewTextHandler(&logBuf, &slog.HandlerOptions{Level: slog.LevelDebug}))
		users := testutil.SeedUsers(t, st)
		app, err := server.New(testutil.Config(t, nil), st, logger)
		if err != nil {
			t.Fatal(err)
		}
		mailbox := testutil.StartMailboxLogging(t, st, logger)
		deliver := func() []testutil.Delivered { t.Helper(); return mailbox.Deliver(t) }
		find := func(mails []testutil.Delivered, re *regexp.Regexp) string {
			t.Helper()
			for _, m := range mails {
				if got := re.FindStringSubmatch(m.Text); got != nil {
					return got[1]
				}
			}
			t.Fatalf("no mail matches %s (%d mails)", re, len(mails))
			return ""
		}

		const (
			landlordName, landlordEmail  = "Petra Quelle", "petra.quelle@wohnbau.test"
			orgName                      = "Quellwohnbau GmbH"
			applicantName, applicantMail = "Ioana Geheim", "ioana.geheim@familie.test"
			companionName, companionMail = "Elena Begleit", "elena.begleit@klartext.test"
			password                     = "Sommer in Hagen 2026 am Fluss"
			newPassword                  = "Winter in Hagen 2027 am Fluss"
		)
		secrets := []string{landlordName, landlordEmail, orgName, applicantName, applicantMail, companionName, companionMail,
			password, newPassword, testutil.Password}
		for _, u := range []*domain.User{users.Admin, users.Staff, users.Caseworker, users.Landlord} {
			secrets = append(secrets, u.Email, u.Name)
		}

		// Staff invite a landlord; the landlord sets a password through the mailed link.
		staff := testutil.NewClient(t, app)
		staff.Login(users.Staff.Email, testutil.Password)
		if r := staff.Submit("/arbeitsbereich/vermieter/einladen", "/arbeitsbereich/vermieter/einladen", url.Values{
			"name": {orgName}, "kind": {"company"}, "user_name": {landlordName}, "user_email": {landlordEmail},
			"contact_user_id": {fmt.Sprint(users.Staff.ID)}, "guarantee": {"1"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("invite: status %d", r.Status)
		}
		invite := find(deliver(), inviteLink)
		landlord := testutil.NewClient(t, app)
		if r := landlord.Submit("/einladung/"+invite, "/einladung/"+invite, url.Values{"password": {password}, "password_confirm": {password}}); r.Status != http.StatusSeeOther {
			t.Fatalf("set password: status %d", r.Status)
		}
		landlord.Get("/einladung/" + invite) // used link: 404
		landlord.Get("/vermieter")

		// The landlord forgets the password and resets it.
		anon := testutil.NewClient(t, app)
		anon.Submit("/passwort-vergessen", "/passwort-vergessen", url.Values{"email": {landlordEmail}})
		reset := find(deliver(), resetLink)
		if r := anon.Submit("/passwort-neu/"+reset, "/passwort-neu/"+reset, url.Values{"password": {newPassword}, "password_confirm": {newPassword}}); r.Status != http.StatusSeeOther {
			t.Fatalf("reset: status %d", r.Status)
		}
		testutil.NewClient(t, app).Login(landlordEmail, "falsch falsch falsch")

		// Staff approve a household; the companion's mailbox refuses mail for good.
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
		h := testutil.Household(t, st, func(h *domain.Household) {
			email := applicantMail
			h.ContactName, h.Email = applicantName, &email
			h.AccompanimentFrom, h.CompanionName, h.CompanionEmail = st.Today().AddDays(-5), companionName, companionMail
		})
		mailbox.SMTP.RejectRecipient(companionMail)
		page := fmt.Sprintf("/arbeitsbereich/angebote/%d/rangliste", v.ID)
		if r := staff.Submit(page, fmt.Sprintf("/arbeitsbereich/angebote/%d/freigabe", v.ID),
			url.Values{"household_id": {fmt.Sprint(h.ID)}, "slot_id": {fmt.Sprint(v.Slots[0].ID)}}); r.Status != http.StatusSeeOther {
			t.Fatalf("approve: status %d", r.Status)
		}
		staff.Get(fmt.Sprintf("/haushalte/%d", h.ID))
		applicantToken := find(deliver(), confirmLink)

		// The applicant opens the link, confirms; the companion's notice fails for good.
		applicant := testutil.NewClient(t, app)
		view := applicant.Get("/besichtigung/" + applicantToken + "?antwort=bestaetigen")
		if view.Status != http.StatusOK {
			t.Fatalf("link page: status %d", view.Status)
		}
		applicant.PostForm("/besichtigung/"+applicantToken, url.Values{"_csrf": {testutil.CSRFFrom(t, view.Body)}, "antwort": {"bestaetigen"}})
		applicant.Get("/besichtigung/" + applicantToken)
		applicant.Get("/besichtigung/unbekannt-" + applicantToken[:10])
		deliver()
		msgs, err := st.ListOutbox(ctx, store.OutboxFilter{State: "failed", Page: 1, PerPage: 50})
		if err != nil {
			t.Fatal(err)
		}
		if msgs.Total == 0 {
			t.Fatal("no delivery failed; the journey should include a refused recipient")
		}

		// An integration uses an API token.
		tok, err := apitokens.New(st).Create(ctx, domain.Actor{User: users.Admin}, apitokens.Input{Name: "Fachverfahren", Role: domain.RoleStaff, UserID: users.Staff.ID})
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/api/v1/me", fmt.Sprintf("/api/v1/households/%d", h.ID), "/api/v1/households?q=" + url.QueryEscape(applicantName)} {
			req := httptest.NewRequest(http.MethodGet, path, nil)
			req.Header.Set("Authorization", "Bearer "+tok.Raw)
			resp, err := app.Test(req, -1)
			if err != nil {
				t.Fatal(err)
			}
			_ = resp.Body.Close()
		}
		secrets = append(secrets, invite, reset, applicantToken, tok.Raw, staff.Cookie("wb_session"), landlord.Cookie("wb_session"))

		log := logBuf.String()
		for _, s := range secrets {
			if s != "" && strings.Contains(log, s) {
				t.Errorf("the log contains %q", s)
			}
		}
		for _, route := range []string{"route=/einladung/:token", "route=/passwort-neu/:token", "route=/besichtigung/:token",
			"route=/haushalte/:id", "route=/api/v1/households/:id", `msg="message failed for good"`} {
			if !strings.Contains(log, route) {
				t.Errorf("the log lacks %s", route)
			}
		}
		if t.Failed() {
			t.Logf("log:\n%s", log)
		}
	})
}
