package server_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/mail"
)

// testComposer is a composer as the application builds it.
func testComposer(t testing.TB) *mail.Composer {
	t.Helper()
	c, err := mail.NewComposer(mail.ComposerConfig{MailFrom: "Wohnbrücke <wohnbruecke@test.de>", FachstellePhone: "02331 207-0"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// outboxReader returns the outbox rows written since its previous call, oldest first.
func outboxReader(t *testing.T, st *store.Store) func() []domain.OutboxMessage {
	var last int64
	return func() []domain.OutboxMessage {
		t.Helper()
		page, err := st.ListOutbox(context.Background(), store.OutboxFilter{PerPage: 200})
		if err != nil {
			t.Fatal(err)
		}
		var out []domain.OutboxMessage
		for _, m := range page.Messages {
			if m.ID > last {
				out = append(out, m)
			}
		}
		slices.SortFunc(out, func(a, b domain.OutboxMessage) int { return int(a.ID - b.ID) })
		for _, m := range out {
			last = max(last, m.ID)
		}
		return out
	}
}

var baseLink = regexp.MustCompile(`http://127\.0\.0\.1:8080(/[^\s"<>]*)`)

// expectOne checks that exactly one message of the kind went to the address, with the
// subject, and returns the path of the first portal link in its text (also checking the
// HTML carries the same link).
func expectOne(t *testing.T, msgs []domain.OutboxMessage, kind, to, subject string) string {
	t.Helper()
	if len(msgs) != 1 {
		var got []string
		for _, m := range msgs {
			got = append(got, m.Kind+" → "+m.ToAddress)
		}
		t.Fatalf("%d messages queued (%v), want exactly one %s to %s", len(msgs), got, kind, to)
	}
	m := msgs[0]
	if m.Kind != kind || m.ToAddress != to || m.Subject != subject || m.Language != "de" || m.State != domain.MessageQueued {
		t.Fatalf("queued %s to %s, subject %q, language %s, state %s; want %s to %s, subject %q",
			m.Kind, m.ToAddress, m.Subject, m.Language, m.State, kind, to, subject)
	}
	link := baseLink.FindStringSubmatch(m.BodyText)
	if link == nil {
		t.Fatalf("no portal link in:\n%s", m.BodyText)
	}
	if !strings.Contains(m.BodyHTML, `href="http://127.0.0.1:8080`+link[1]+`"`) {
		t.Errorf("the HTML lacks the link %s", link[1])
	}
	return link[1]
}

func TestAccountActionsQueueTheirMail(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		app := testutil.App(t, st)
		outbox := outboxReader(t, st)
		staff := testutil.NewClient(t, app)
		staff.Login(users.Staff.Email, testutil.Password)
		staffID := strconv.FormatInt(users.Staff.ID, 10)

		// Staff invite a landlord: the invitation link sets the password.
		staff.Submit("/arbeitsbereich/vermieter/einladen", "/arbeitsbereich/vermieter/einladen", url.Values{
			"name": {"Hagener Wohnbau GmbH"}, "kind": {"company"}, "user_name": {"Petra Schulz"},
			"user_email": {"p.schulz@wohnbau.test"}, "contact_user_id": {staffID}})
		link := expectOne(t, outbox(), mail.KindLandlordInvitation, "p.schulz@wohnbau.test",
			"Ihr Zugang zur Wohnbrücke Hagen für Hagener Wohnbau GmbH")
		petra := testutil.NewClient(t, app)
		if r := petra.Get(link); r.Status != http.StatusOK || !strings.Contains(r.Body, "Petra Schulz") {
			t.Fatalf("invitation link %s: status %d", link, r.Status)
		}
		set := petra.Submit(link, link, url.Values{"password": {"Sommer in Hagen 2026"}, "password_confirm": {"Sommer in Hagen 2026"}})
		if set.Status != http.StatusSeeOther || set.Header.Get("Location") != "/vermieter" {
			t.Fatalf("set password through the mailed link: status %d", set.Status)
		}
		if msgs := outbox(); len(msgs) != 0 {
			t.Errorf("setting the password queued %d messages", len(msgs))
		}

		// A landlord invites a colleague.
		petra.Submit("/vermieter/kolleginnen", "/vermieter/kolleginnen", url.Values{"user_name": {"Jan Becker"}, "user_email": {"j.becker@wohnbau.test"}})
		link = expectOne(t, outbox(), mail.KindLandlordInvitation, "j.becker@wohnbau.test", "Ihr Zugang zur Wohnbrücke Hagen für Hagener Wohnbau GmbH")
		if r := testutil.NewClient(t, app).Get(link); r.Status != http.StatusOK || !strings.Contains(r.Body, "Jan Becker") {
			t.Errorf("colleague's invitation link: status %d", r.Status)
		}

		// Password reset: only an existing account gets a mail, and its link works.
		anon := testutil.NewClient(t, app)
		anon.Submit("/passwort-vergessen", "/passwort-vergessen", url.Values{"email": {"niemand@test.de"}})
		if msgs := outbox(); len(msgs) != 0 {
			t.Fatalf("a reset for an unknown address queued %d messages", len(msgs))
		}
		anon.Submit("/passwort-vergessen", "/passwort-vergessen", url.Values{"email": {users.Landlord.Email}})
		link = expectOne(t, outbox(), mail.KindPasswordReset, users.Landlord.Email, "Neues Passwort für die Wohnbrücke Hagen")
		if !strings.HasPrefix(link, "/passwort-neu/") {
			t.Fatalf("reset link %s", link)
		}
		reset := anon.Submit(link, link, url.Values{"password": {"ein ganz neues Passwort"}, "password_confirm": {"ein ganz neues Passwort"}})
		if reset.Status != http.StatusSeeOther {
			t.Fatalf("reset through the mailed link: status %d", reset.Status)
		}
		if r := testutil.NewClient(t, app).Login(users.Landlord.Email, "ein ganz neues Passwort"); r.Status != http.StatusSeeOther {
			t.Errorf("login with the new password: status %d", r.Status)
		}

		// A self-registration goes to the active staff (not to admins or caseworkers).
		anon.Submit("/registrieren", "/registrieren", url.Values{"name": {"Familie Yilmaz"}, "kind": {"private"},
			"user_name": {"Ayşe Yılmaz"}, "user_email": {"ayse@example.test"}, "password": {"lang genug 123"},
			"password_confirm": {"lang genug 123"}, "privacy": {"1"}})
		link = expectOne(t, outbox(), mail.KindStaffLandlordRegistered, users.Staff.Email,
			"Neue Registrierung: Familie Yilmaz wartet auf Freischaltung")
		if r := staff.Get(link); r.Status != http.StatusOK || !strings.Contains(r.Body, "Familie Yilmaz") {
			t.Errorf("registration link for staff: status %d", r.Status)
		}

		// Activation tells the registered account.
		u, err := st.UserByEmail(ctx, "ayse@example.test")
		if err != nil {
			t.Fatal(err)
		}
		lid := strconv.FormatInt(*u.LandlordID, 10)
		staff.Submit("/arbeitsbereich/vermieter", "/arbeitsbereich/vermieter/"+lid+"/freischalten", url.Values{"contact_user_id": {staffID}})
		msgs := outbox()
		link = expectOne(t, msgs, mail.KindLandlordActivated, "ayse@example.test", "Ihr Zugang zur Wohnbrücke Hagen ist freigeschaltet")
		if !strings.Contains(msgs[0].BodyText, users.Staff.Name) {
			t.Error("the activation mail does not name the Ansprechperson")
		}
		ayse := testutil.NewClient(t, app)
		if r := ayse.Get(link); r.Status != http.StatusOK || !strings.Contains(r.Body, "Anmelden") {
			t.Errorf("login link: status %d", r.Status)
		}
		if r := ayse.Login("ayse@example.test", "lang genug 123"); r.Status != http.StatusSeeOther {
			t.Errorf("login after the activation mail: status %d", r.Status)
		}

		// A submitted vacancy goes to the landlord's Ansprechperson; sending it back
		// reaches the landlord's accounts with staff's comment.
		agreementFor(t, st, users.LandlordOrg.ID, users.Staff, users.Landlord, true)
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, func(v *domain.Vacancy) {
			v.Status = "draft"
			v.AcceptsFachstelle = false
		})
		vpath := "/vermieter/angebote/" + strconv.FormatInt(v.ID, 10)
		landlord := testutil.NewClient(t, app)
		landlord.Login(users.Landlord.Email, "ein ganz neues Passwort")
		if r := landlord.Submit(vpath, vpath+"/einreichen", nil); r.Status != http.StatusSeeOther {
			t.Fatalf("submit: status %d %s", r.Status, r.Body)
		}
		link = expectOne(t, outbox(), mail.KindStaffVacancySubmitted, users.Staff.Email,
			"Wohnungsangebot eingereicht: Elberfelder Straße 12, 58095 Hagen (Testvermietung GmbH)")
		if r := staff.Get(link); r.Status != http.StatusOK || !strings.Contains(r.Body, "Elberfelder Straße 12") {
			t.Fatalf("review link for staff: %s status %d", link, r.Status)
		}
		comment := "Bitte ergänzen Sie die Heizkosten und das Baujahr."
		if r := staff.Submit(link, link+"/pruefung", url.Values{"action": {"send_back"}, "comment": {comment}}); r.Status != http.StatusSeeOther {
			t.Fatalf("send back: status %d", r.Status)
		}
		msgs = outbox()
		link = expectOne(t, msgs, mail.KindLandlordVacancySentBack, users.Landlord.Email,
			"Bitte ergänzen: Ihr Wohnungsangebot Elberfelder Straße 12, 58095 Hagen")
		if !strings.Contains(msgs[0].BodyText, comment) {
			t.Error("the sent-back mail lacks staff's comment")
		}
		if r := landlord.Get(link); r.Status != http.StatusOK || !strings.Contains(r.Body, comment) {
			t.Errorf("sent-back link for the landlord: %s status %d", link, r.Status)
		}
	})
}

// TestInvitationMailLeadsToAPassword delivers the invitation with the real worker to the
// SMTP test server, reads the received mail and follows its link to a set password.
func TestInvitationMailLeadsToAPassword(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users := testutil.SeedUsers(t, st)
		app := testutil.App(t, st)
		smtp := testutil.StartSMTPServer(t)
		sender, err := mail.NewSender(smtp.URL(), "Wohnbrücke <wohnbruecke@test.de>", t.TempDir(), st.Now)
		if err != nil {
			t.Fatal(err)
		}
		worker := mail.NewWorker(st, sender, testComposer(t), mail.WorkerConfig{}, nil)
		staff := testutil.NewClient(t, app)
		staff.Login(users.Staff.Email, testutil.Password)
		staff.Submit("/arbeitsbereich/vermieter/einladen", "/arbeitsbereich/vermieter/einladen", url.Values{
			"name": {"Genossenschaft Haspe eG"}, "kind": {"cooperative"}, "user_name": {"Olga Wiese"},
			"user_email": {"olga@haspe.test"}, "contact_user_id": {strconv.FormatInt(users.Staff.ID, 10)}})
		if n, err := worker.ProcessBatch(context.Background()); err != nil || n != 1 {
			t.Fatalf("worker delivered %d messages (%v), want 1", n, err)
		}
		got := smtp.WaitFor(1, 10*time.Second)
		if len(got) != 1 || !slices.Equal(got[0].To, []string{"olga@haspe.test"}) {
			t.Fatalf("received %+v", got)
		}
		m := testutil.ParseMail(t, got[0].Data)
		if m.Subject != "Ihr Zugang zur Wohnbrücke Hagen für Genossenschaft Haspe eG" || !strings.Contains(m.To, "olga@haspe.test") {
			t.Errorf("subject %q to %q", m.Subject, m.To)
		}
		link := baseLink.FindStringSubmatch(m.Text)
		if link == nil || !strings.Contains(m.HTML, link[0]) {
			t.Fatalf("no invitation link in the received mail:\n%s", m.Text)
		}
		olga := testutil.NewClient(t, app)
		r := olga.Submit(link[1], link[1], url.Values{"password": {"Haspe ist schön 2026"}, "password_confirm": {"Haspe ist schön 2026"}})
		if r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/vermieter" {
			t.Fatalf("set password from the mail: status %d location %q", r.Status, r.Header.Get("Location"))
		}
		if r := testutil.NewClient(t, app).Login("olga@haspe.test", "Haspe ist schön 2026"); r.Status != http.StatusSeeOther {
			t.Errorf("login with the password set from the mail: status %d", r.Status)
		}
		if r := testutil.NewClient(t, app).Get(link[1]); r.Status != http.StatusNotFound {
			t.Errorf("the mailed link works twice: status %d", r.Status)
		}
	})
}
