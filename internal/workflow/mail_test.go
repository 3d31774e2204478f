package workflow_test

import (
	"context"
	"io"
	"log/slog"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/workflow"
	"wohnbruecke/mail"
)

const baseURL = "https://wohnbruecke.test"

func mailingService(t *testing.T, st *store.Store) (*workflow.Service, *mail.Composer) {
	t.Helper()
	c, err := mail.NewComposer(mail.ComposerConfig{MailFrom: "Wohnbrücke <wohnbruecke@hagen.test>", FachstellePhone: "02331 207-0"})
	if err != nil {
		t.Fatal(err)
	}
	return workflow.New(st, ranking.New(st), workflow.WithMail(c, baseURL)), c
}

// deliver runs the real worker against a real SMTP server until the outbox is empty.
func deliver(t *testing.T, st *store.Store, c *mail.Composer, srv *testutil.SMTPServer) []testutil.ReceivedMail {
	t.Helper()
	sender, err := mail.NewSender(srv.URL(), "wohnbruecke@hagen.test", "", st.Now)
	if err != nil {
		t.Fatal(err)
	}
	w := mail.NewWorker(st, sender, c, mail.WorkerConfig{}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	for {
		n, err := w.ProcessBatch(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return srv.Messages()
		}
	}
}

var linkRE = regexp.MustCompile(`https://wohnbruecke\.test/besichtigung/([A-Za-z0-9_-]+)\?antwort=bestaetigen`)

// Approving a match delivers the invitation to the applicant (in Romanian with German
// alongside, with the confirm link and a calendar file), a copy to the companion and the
// pseudonymous proposal to the landlord; following the confirm link records the
// confirmation, and the landlord then learns of it.
func TestApprovalDeliversInvitationsAndTheConfirmLinkWorks(t *testing.T) {
	testutil.ForEachDialectAt(t, time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC), func(t *testing.T, st *store.Store, clk *clock.Manual) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		l := &domain.Landlord{Name: "Hagener Stadtwohnen", Kind: "company", Status: "active", Email: "vermietung@test.de", ContactName: "Frau Lindner"}
		if err := st.CreateLandlord(ctx, l); err != nil {
			t.Fatal(err)
		}
		v := testutil.Vacancy(t, st, l.ID, nil)
		h := testutil.Household(t, st, func(h *domain.Household) {
			h.AccompanimentFrom, h.CompanionName, h.CompanionEmail, h.CompanionPhone = st.Today().AddDays(-10), "Elena Popescu", "begleitung@test.de", "02331 1234"
			h.HealthNotes, h.Nationality = "Diagnose vertraulich", "RO"
		})
		wf, composer := mailingService(t, st)
		smtp := testutil.StartSMTPServer(t)
		approved := mustApprove(t, wf, users, v, h)
		clk.Advance(workflow.ProposalWindow) // the landlord's message waits for more proposals
		got := deliver(t, st, composer, smtp)
		byTo := map[string]*testutil.ParsedMail{}
		for _, m := range got {
			byTo[m.To[0]] = testutil.ParseMail(t, m.Data)
		}
		applicant, companion, landlord := byTo[*h.Email], byTo["begleitung@test.de"], byTo["vermietung@test.de"]
		if applicant == nil || companion == nil || landlord == nil || len(got) != 3 {
			t.Fatalf("delivered to %v, want applicant, companion and landlord", keys(byTo))
		}
		if lang := applicant.Header.Get("Content-Language"); !strings.Contains(lang, "ro") || !strings.Contains(lang, "de") {
			t.Errorf("applicant mail language %q, want ro with de", lang)
		}
		link := linkRE.FindStringSubmatch(applicant.Text)
		if link == nil {
			t.Fatalf("no confirm link in the applicant mail:\n%s", applicant.Text)
		}
		if token, _ := url.PathUnescape(link[1]); token != approved.ApplicantToken {
			t.Fatal("confirm link carries another token")
		}
		cal, err := ics.ParseCalendar(strings.NewReader(applicant.Calendar))
		if err != nil {
			t.Fatalf("calendar: %v", err)
		}
		ev := cal.Events()
		if len(ev) != 1 || ev[0].Id() != approved.Viewing.CalendarUID || applicant.CalendarMethod != "REQUEST" {
			t.Fatalf("calendar event %d, method %q", len(ev), applicant.CalendarMethod)
		}
		start, err := ev[0].GetStartAt()
		if err != nil || !start.Equal(v.Slots[0].StartsAt) {
			t.Fatalf("DTSTART %v (%v), want %v", start, err, v.Slots[0].StartsAt)
		}
		for _, secret := range []string{"Diagnose", "Staatsangehörigkeit", "Rumän", "Bürgergeld", "SGB", h.ContactName, "Ana"} {
			if strings.Contains(landlord.Text, secret) || strings.Contains(landlord.HTML, secret) {
				t.Errorf("landlord mail contains %q", secret)
			}
		}
		if !strings.Contains(landlord.Text, h.Reference) {
			t.Error("landlord mail lacks the household reference")
		}
		if _, err := wf.Answer(ctx, domain.Applicant(link[1]), link[1], workflow.AnswerConfirm); err != nil {
			t.Fatal(err)
		}
		after := deliver(t, st, composer, smtp)[len(got):]
		var landlordKnows bool
		for _, m := range after {
			if m.To[0] == "vermietung@test.de" {
				p := testutil.ParseMail(t, m.Data)
				landlordKnows = strings.Contains(p.Text, "Ana") // contact's first name, shown once confirmed
			}
		}
		if len(after) < 2 || !landlordKnows {
			t.Fatalf("after confirming: %d mails, landlord told with contact: %v", len(after), landlordKnows)
		}
	})
}

func keys(m map[string]*testutil.ParsedMail) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// Every change a workflow makes writes its emails in the same transaction: a refused
// approval writes none, a withdrawal writes the cancellation with a raised sequence.
func TestWorkflowMailsAreWrittenWithTheChange(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, twoSlots)
		h := testutil.Household(t, st, nil)
		wf, _ := mailingService(t, st)
		staff := domain.Actor{User: users.Staff}
		pets := testutil.Household(t, st, func(h *domain.Household) { h.HasPets = true })
		if _, err := wf.Approve(ctx, staff, workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: v.ID, HouseholdID: pets.ID, SlotID: v.Slots[0].ID}); err == nil {
			t.Fatal("excluded household approved")
		}
		if n := countRows(t, st, "outbox"); n != 0 {
			t.Fatalf("refused approval queued %d mails", n)
		}
		a, err := wf.Approve(ctx, staff, workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: v.ID, HouseholdID: h.ID, SlotID: v.Slots[0].ID})
		if err != nil {
			t.Fatal(err)
		}
		invited := countRows(t, st, "outbox")
		if invited < 2 {
			t.Fatalf("approval queued %d mails, want invitation and landlord proposal", invited)
		}
		if _, err := wf.Reschedule(ctx, staff, a.Match.ID, v.Slots[1].ID); err != nil {
			t.Fatal(err)
		}
		changed := countRows(t, st, "outbox")
		if changed <= invited {
			t.Fatal("reschedule queued no change mail")
		}
		if err := wf.Withdraw(ctx, staff, a.Match.ID, domain.Reason{Code: "flat_unavailable"}); err != nil {
			t.Fatal(err)
		}
		// The applicant's link no longer answers a cancelled viewing.
		if _, err := wf.Answer(ctx, domain.Applicant(a.ApplicantToken), a.ApplicantToken, workflow.AnswerReschedule); err == nil {
			t.Fatal("another date asked for a cancelled viewing")
		}
		page, err := st.ListOutbox(ctx, store.OutboxFilter{MatchID: a.Match.ID, PerPage: 50})
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[string]bool{}
		for _, m := range page.Messages {
			kinds[m.Kind] = true
			if m.Kind == mail.KindViewingCancelled && !strings.Contains(m.ICS, "SEQUENCE:2") {
				t.Errorf("cancellation calendar lacks the raised sequence:\n%s", m.ICS)
			}
		}
		for _, k := range []string{mail.KindViewingInvitation, mail.KindViewingChanged, mail.KindViewingCancelled, mail.KindLandlordProposal} {
			if !kinds[k] {
				t.Errorf("no %s message queued (have %v)", k, kinds)
			}
		}
	})
}

// The landlord's decision reaches the staff member who approved the match.
func TestOutcomeNoticeGoesToTheApprover(t *testing.T) {
	testutil.ForEachDialectAt(t, monday9, func(t *testing.T, st *store.Store, clk *clock.Manual) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
		h := testutil.Household(t, st, nil)
		wf, _ := mailingService(t, st)
		a := mustApprove(t, wf, users, v, h)
		testutil.ToViewing(clk)
		err := wf.RecordOutcome(ctx, domain.Actor{User: users.Landlord}, workflow.Outcome{MatchID: a.Match.ID, Reason: "household_size", Note: "zu klein"})
		if err != nil {
			t.Fatal(err)
		}
		page, err := st.ListOutbox(ctx, store.OutboxFilter{MatchID: a.Match.ID, PerPage: 50})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, m := range page.Messages {
			if m.Kind == mail.KindStaffOutcomeRecorded {
				found = m.ToAddress == users.Staff.Email && strings.Contains(m.Subject, "Absage") &&
					strings.Contains(m.BodyText, "Haushaltsgröße passt nicht") && strings.Contains(m.BodyText, "zu klein")
			}
		}
		if !found {
			t.Fatal("no outcome notice with reason to the approving staff member")
		}
	})
}
