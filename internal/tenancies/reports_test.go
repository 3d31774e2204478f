package tenancies_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/tenancies"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/mail"
)

const baseURL = "https://wohnbruecke.test"

func mailingService(t *testing.T, st *store.Store, opts ...tenancies.Option) *tenancies.Service {
	t.Helper()
	c, err := mail.NewComposer(mail.ComposerConfig{MailFrom: "Wohnbrücke <wohnbruecke@hagen.test>", FachstellePhone: "02331 207-0"})
	if err != nil {
		t.Fatal(err)
	}
	return tenancies.New(st, append([]tenancies.Option{tenancies.WithMail(c, baseURL)}, opts...)...)
}

// queued returns the outbox messages of a kind, by recipient.
func queued(t *testing.T, st *store.Store, kind string) map[string]domain.OutboxMessage {
	t.Helper()
	page, err := st.ListOutbox(context.Background(), store.OutboxFilter{PerPage: 200})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]domain.OutboxMessage{}
	for _, m := range page.Messages {
		if m.Kind == kind {
			if _, dup := out[m.ToAddress]; dup {
				t.Errorf("%s twice to %s", kind, m.ToAddress)
			}
			out[m.ToAddress] = m
		}
	}
	return out
}

func damage() domain.ReportInput {
	return domain.ReportInput{Category: domain.ReportDamage, Urgency: domain.ReportUrgent, Body: "Wasserschaden im Bad, die Decke der Nachbarwohnung ist feucht."}
}

func TestReportThreadFromFilingToDone(t *testing.T) {
	testutil.ForEachDialectAt(t, monday9, func(t *testing.T, st *store.Store, clk *clock.Manual) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		l := testutil.Lease(t, st, clk, users, nil) // Thursday 5 March, 10:00
		svc := mailingService(t, st)
		landlord := domain.Actor{User: users.Landlord}
		companion := domain.Actor{User: users.Caseworker}

		// Refusals write nothing.
		var ve *domain.ValidationError
		if _, err := svc.FileReport(ctx, landlord, l.Tenancy.ID, domain.ReportInput{Category: "fire", Urgency: "now", Body: " "}); !errors.As(err, &ve) ||
			len(ve.Fields) != 3 {
			t.Fatalf("bad input: %v", err)
		}
		if _, err := svc.FileReport(ctx, companion, l.Tenancy.ID, damage()); !errors.Is(err, domain.ErrForbidden) {
			t.Fatalf("companion files: %v", err)
		}
		if _, err := svc.FileReport(ctx, domain.Actor{User: users.Staff}, l.Tenancy.ID, damage()); !errors.Is(err, domain.ErrForbidden) {
			t.Fatalf("staff files: %v", err)
		}
		if n := countRows(t, st, "tenancy_reports"); n != 0 {
			t.Fatalf("%d reports after refusals", n)
		}

		r, err := svc.FileReport(ctx, landlord, l.Tenancy.ID, damage())
		if err != nil {
			t.Fatal(err)
		}
		// Filed on Thursday: due by the end of Friday 6 March.
		if want := domain.NewDate(2026, 3, 7).Midnight(); !r.RespondBy.Equal(want) || r.Status != domain.ReportReceived {
			t.Fatalf("report %+v, want due %s", r, want)
		}
		filed := queued(t, st, mail.KindReportFiled)
		if len(filed) != 2 || filed[users.Staff.Email].ID == 0 || filed[users.Caseworker.Email].ID == 0 {
			t.Fatalf("report mail to %v, want the Ansprechperson and the companion", filed)
		}
		m := filed[users.Caseworker.Email]
		if !strings.Contains(m.BodyText, "Wasserschaden") || !strings.Contains(m.BodyText, "Schaden") ||
			!strings.Contains(m.BodyText, baseURL+"/meldungen/") || !strings.Contains(m.BodyText, "bis Ende Freitag, 06.03.2026") {
			t.Fatalf("report mail:\n%s", m.BodyText)
		}

		// The landlord adds a detail: the team hears of it.
		if _, err := svc.Reply(ctx, landlord, r.ID, "Der Hausmeister war schon da."); err != nil {
			t.Fatal(err)
		}
		if got := queued(t, st, mail.KindReportLandlordReply); len(got) != 2 {
			t.Fatalf("landlord reply mail to %d", len(got))
		}
		if v, _ := svc.Report(ctx, landlord, r.ID); v.Report.Status != domain.ReportReceived || v.Report.FirstAnswerAt != nil {
			t.Fatal("the landlord's own reply counts as an answer")
		}

		// The companion answers: first answer, in Bearbeitung, a message to the landlord.
		clk.Advance(2 * time.Hour)
		if _, err := svc.Reply(ctx, companion, r.ID, "Ich komme morgen mit der Familie vorbei."); err != nil {
			t.Fatal(err)
		}
		v, err := svc.Report(ctx, landlord, r.ID)
		if err != nil || v.Report.Status != domain.ReportInProgress || v.Report.FirstAnswerAt == nil || v.Report.InProgressAt == nil ||
			len(v.Replies) != 2 || v.Replies[1].AuthorRole != domain.RoleCaseworker {
			t.Fatalf("after the answer: %+v %v", v, err)
		}
		answered := queued(t, st, mail.KindReportAnswered)
		if a := answered[users.Landlord.Email]; len(answered) != 1 || !strings.Contains(a.BodyText, "Ich komme morgen") ||
			!strings.Contains(a.BodyText, "in Bearbeitung") || !strings.Contains(a.BodyText, baseURL+"/vermieter/meldungen/") {
			t.Fatalf("answer mail: %v", answered)
		}

		// Only the city's side closes it; then it is erledigt with its day.
		if err := svc.SetStatus(ctx, landlord, r.ID, domain.ReportDone); !errors.Is(err, domain.ErrForbidden) {
			t.Fatalf("landlord closes: %v", err)
		}
		if err := svc.SetStatus(ctx, companion, r.ID, domain.ReportDone); err != nil {
			t.Fatal(err)
		}
		if err := svc.SetStatus(ctx, companion, r.ID, domain.ReportDone); !errors.Is(err, domain.ErrConflict) {
			t.Fatalf("closed twice: %v", err)
		}
		v, _ = svc.Report(ctx, landlord, r.ID)
		if v.Report.Status != domain.ReportDone || v.Report.DoneAt == nil {
			t.Fatalf("after closing: %+v", v.Report)
		}
		if n := countRows(t, st, "audit_log WHERE action IN ('report.file', 'report.reply', 'report.status')"); n != 4 {
			t.Fatalf("%d report audit entries, want 4", n)
		}
	})
}

func TestReportsAreSeenOnlyByTheirTenancy(t *testing.T) {
	testutil.ForEachDialectAt(t, monday9, func(t *testing.T, st *store.Store, clk *clock.Manual) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		l := testutil.Lease(t, st, clk, users, nil)
		svc := tenancies.New(st)
		r, err := svc.FileReport(ctx, domain.Actor{User: users.Landlord}, l.Tenancy.ID, damage())
		if err != nil {
			t.Fatal(err)
		}
		otherOrg := &domain.Landlord{Name: "Andere", Kind: domain.LandlordPrivate, Status: domain.LandlordActive}
		if err := st.CreateLandlord(ctx, otherOrg); err != nil {
			t.Fatal(err)
		}
		otherLandlord := &domain.User{Email: "ll2@test.de", Name: "Andere", Role: domain.RoleLandlord, LandlordID: &otherOrg.ID, Active: true}
		otherWorker := &domain.User{Email: "cw2@test.de", Name: "Andere Begleitung", Role: domain.RoleCaseworker, Active: true}
		for _, u := range []*domain.User{otherLandlord, otherWorker} {
			if err := st.CreateUser(ctx, u); err != nil {
				t.Fatal(err)
			}
		}
		for _, a := range []domain.Actor{{User: otherLandlord}, {User: otherWorker}} {
			if _, err := svc.Report(ctx, a, r.ID); !errors.Is(err, domain.ErrNotFound) {
				t.Errorf("%s reads: %v", a.User.Name, err)
			}
			if _, err := svc.Reply(ctx, a, r.ID, "Hallo"); !errors.Is(err, domain.ErrNotFound) {
				t.Errorf("%s replies: %v", a.User.Name, err)
			}
			if _, err := svc.FileReport(ctx, a, l.Tenancy.ID, damage()); !errors.Is(err, domain.ErrNotFound) {
				t.Errorf("%s files: %v", a.User.Name, err)
			}
			if rows, err := svc.Reports(ctx, a, store.ReportFilter{}); err != nil || len(rows) != 0 {
				t.Errorf("%s lists %d reports, %v", a.User.Name, len(rows), err)
			}
		}
		if _, err := svc.Report(ctx, domain.Applicant("x"), r.ID); !errors.Is(err, domain.ErrForbidden) {
			t.Errorf("applicant reads: %v", err)
		}
		// An ended tenancy takes no new reports.
		no := false
		if err := svc.End(ctx, domain.Actor{User: users.Staff}, l.Tenancy.ID, domain.TenancyEnd{EndDate: st.Today(), Reason: domain.EndOther, StablyHoused: &no}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.FileReport(ctx, domain.Actor{User: users.Landlord}, l.Tenancy.ID, damage()); !errors.Is(err, domain.ErrConflict) {
			t.Errorf("report on an ended tenancy: %v", err)
		}
	})
}

// The escalation job on the clock: nothing before the response target, then exactly one
// escalation per report to every active staff member however often and from how many
// instances it runs; an answered report is never escalated.
func TestOverdueReportsEscalateOnceWithTwoInstances(t *testing.T) {
	// Filed on Thursday 2 April 2026 (Gründonnerstag): Karfreitag and Ostermontag are
	// holidays, so the target is the end of Tuesday 7 April.
	start := time.Date(2026, time.March, 27, 8, 0, 0, 0, domain.Berlin) // two leases later: Thursday
	testutil.ForEachDialectAt(t, start, func(t *testing.T, st *store.Store, clk *clock.Manual) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		second := &domain.User{Email: "staff2@test.de", Name: "Zweite Akquise", Role: domain.RoleStaff, Active: true}
		gone := &domain.User{Email: "staff3@test.de", Name: "Ausgeschieden", Role: domain.RoleStaff}
		for _, u := range []*domain.User{second, gone} {
			if err := st.CreateUser(ctx, u); err != nil {
				t.Fatal(err)
			}
		}
		l := testutil.Lease(t, st, clk, users, nil)
		answeredLease := testutil.Lease(t, st, clk, users, nil)
		one, two := mailingService(t, st), mailingService(t, st)
		if got := clk.Now().In(domain.Berlin).Weekday(); got != time.Thursday {
			t.Fatalf("filed on %s", got)
		}
		r, err := one.FileReport(ctx, domain.Actor{User: users.Landlord}, l.Tenancy.ID, damage())
		if err != nil {
			t.Fatal(err)
		}
		kept, err := one.FileReport(ctx, domain.Actor{User: users.Landlord}, answeredLease.Tenancy.ID, damage())
		if err != nil {
			t.Fatal(err)
		}
		if want := domain.NewDate(2026, 4, 8).Midnight(); !r.RespondBy.Equal(want) {
			t.Fatalf("due %s, want %s", r.RespondBy, want)
		}
		run := func() int {
			var wg sync.WaitGroup
			ns := make([]int, 4)
			for i, svc := range []*tenancies.Service{one, two, one, two} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					n, err := svc.EscalateReports(ctx)
					if err != nil {
						t.Error(err)
					}
					ns[i] = n
				}()
			}
			wg.Wait()
			return ns[0] + ns[1] + ns[2] + ns[3]
		}
		clk.Set(domain.NewDate(2026, 4, 7).Midnight().Add(23*time.Hour + 59*time.Minute)) // Tuesday 23:59
		if n := run(); n != 0 {
			t.Fatalf("%d escalations before the target", n)
		}
		if _, err := one.Reply(ctx, domain.Actor{User: users.Caseworker}, kept.ID, "Bin dran."); err != nil {
			t.Fatal(err)
		}
		clk.Advance(2 * time.Minute)
		if n := run(); n != 1 {
			t.Fatalf("%d escalations after the target, want 1", n)
		}
		clk.Advance(48 * time.Hour)
		if n := run(); n != 0 {
			t.Fatalf("%d escalations on later runs", n)
		}
		esc := queued(t, st, mail.KindReportEscalated)
		if len(esc) != 2 || esc[users.Staff.Email].ID == 0 || esc[second.Email].ID == 0 {
			t.Fatalf("escalation to %v, want both active staff members once", esc)
		}
		if !strings.Contains(esc[second.Email].BodyText, "nicht beantwortet") {
			t.Fatalf("escalation text:\n%s", esc[second.Email].BodyText)
		}
		// However the runs interleave, an escalated report cannot be claimed again.
		for _, id := range []int64{r.ID, kept.ID} {
			if won, err := st.MarkReportEscalated(ctx, id); err != nil || won {
				t.Fatalf("report %d claimed again: %v %v", id, won, err)
			}
		}
		got, _ := st.ReportByID(ctx, r.ID)
		keptNow, _ := st.ReportByID(ctx, kept.ID)
		if got.EscalatedAt == nil || keptNow.EscalatedAt != nil {
			t.Fatalf("escalated: overdue %v, answered %v", got.EscalatedAt, keptNow.EscalatedAt)
		}
		if rows, _ := st.ListReports(ctx, store.ReportFilter{Overdue: st.Now()}); len(rows) != 1 || rows[0].ID != r.ID {
			t.Fatalf("overdue list %+v", rows)
		}
	})
}

// Two instances with their own connection pools on one PostgreSQL database escalate an
// overdue report exactly once, running at the same time.
func TestEscalationIsClaimedOnceAcrossPostgresInstances(t *testing.T) {
	clk := clock.At(monday9)
	stores := testutil.PostgresStoresAt(t, 2, clk)
	ctx := context.Background()
	users := testutil.SeedUsers(t, stores[0])
	var reports []int64
	for range 5 {
		l := testutil.Lease(t, stores[0], clk, users, nil)
		r, err := tenancies.New(stores[0]).FileReport(ctx, domain.Actor{User: users.Landlord}, l.Tenancy.ID, damage())
		if err != nil {
			t.Fatal(err)
		}
		reports = append(reports, r.ID)
	}
	clk.Advance(10 * 24 * time.Hour)
	svcs := []*tenancies.Service{mailingService(t, stores[0]), mailingService(t, stores[1])}
	var wg sync.WaitGroup
	ns := make([]int, 6)
	for i := range ns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, err := svcs[i%2].EscalateReports(ctx)
			if err != nil {
				t.Error(err)
			}
			ns[i] = n
		}()
	}
	wg.Wait()
	total := 0
	for _, n := range ns {
		total += n
	}
	if total != len(reports) {
		t.Fatalf("%d escalations for %d reports (%v)", total, len(reports), ns)
	}
	if n := countRows(t, stores[1], "outbox WHERE kind = 'report_escalated'"); n != len(reports) {
		t.Fatalf("%d escalation messages, want %d", n, len(reports))
	}
}
