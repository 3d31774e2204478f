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

func homeVisit(on domain.Date) domain.Visit {
	return domain.Visit{VisitedOn: on, Kind: domain.VisitHome, DurationMinutes: 60, Language: domain.LanguageRO,
		Topics: domain.VisitTopicList{domain.TopicHeating, domain.TopicWaste}, Note: "Lüften besprochen, Mülltonnen gezeigt."}
}

func TestVisitLogBelongsToTheCompanion(t *testing.T) {
	testutil.ForEachDialectAt(t, monday9, func(t *testing.T, st *store.Store, clk *clock.Manual) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		l := testutil.Lease(t, st, clk, users, nil) // starts Thursday 5 March 2026
		svc := tenancies.New(st)
		start := l.Tenancy.StartDate
		companion := domain.Actor{User: users.Caseworker}
		other := &domain.User{Email: "cw2@test.de", Name: "Andere Begleitung", Role: domain.RoleCaseworker, Active: true}
		if err := st.CreateUser(ctx, other); err != nil {
			t.Fatal(err)
		}
		clk.Advance(5 * 24 * time.Hour) // Tuesday 10 March
		for name, c := range map[string]struct {
			a   domain.Actor
			err error
		}{
			"staff":        {domain.Actor{User: users.Staff}, domain.ErrForbidden},
			"landlord":     {domain.Actor{User: users.Landlord}, domain.ErrForbidden},
			"other worker": {domain.Actor{User: other}, domain.ErrNotFound},
		} {
			if _, err := svc.RecordVisit(ctx, c.a, l.Tenancy.ID, homeVisit(st.Today())); !errors.Is(err, c.err) {
				t.Errorf("%s records: %v, want %v", name, err, c.err)
			}
		}
		if _, err := svc.Visits(ctx, domain.Actor{User: users.Landlord}, l.Tenancy.ID); !errors.Is(err, domain.ErrForbidden) {
			t.Errorf("landlord reads the visit log: %v", err)
		}
		var ve *domain.ValidationError
		bad := domain.Visit{VisitedOn: st.Today().AddDays(1), Kind: "walk", DurationMinutes: 0, Language: "xx", Topics: domain.VisitTopicList{"cooking"}}
		if _, err := svc.RecordVisit(ctx, companion, l.Tenancy.ID, bad); !errors.As(err, &ve) || len(ve.Fields) != 5 {
			t.Fatalf("bad visit: %v", err)
		}
		if _, err := svc.RecordVisit(ctx, companion, l.Tenancy.ID, homeVisit(start.AddDays(-1))); !errors.As(err, &ve) || !ve.Has("visited_on") {
			t.Fatalf("visit before the start: %v", err)
		}
		if n := countRows(t, st, "tenancy_visits"); n != 0 {
			t.Fatalf("%d visits after refusals", n)
		}
		v := homeVisit(st.Today())
		v.Topics = domain.VisitTopicList{domain.TopicWaste, domain.TopicHeating, domain.TopicWaste}
		if _, err := svc.RecordVisit(ctx, companion, l.Tenancy.ID, v); err != nil {
			t.Fatal(err)
		}
		got, err := svc.Visits(ctx, domain.Actor{User: users.Staff}, l.Tenancy.ID)
		if err != nil || len(got) != 1 || got[0].Topics.Labels() != "Mülltrennung, Heizen und Lüften" || got[0].Language != domain.LanguageRO {
			t.Fatalf("staff read %+v %v", got, err)
		}
		tn, _ := st.TenancyByID(ctx, l.Tenancy.ID)
		if tn.NextVisitDue != st.Today().AddDays(7) {
			t.Fatalf("next due %s, want a week after the visit", tn.NextVisitDue)
		}
		// A monthly rhythm from the start: the due day follows the latest contact.
		if err := svc.SetRhythm(ctx, companion, l.Tenancy.ID, domain.VisitRhythm{EarlyDays: 14, EarlyMonths: 0, LaterDays: 30}); err != nil {
			t.Fatal(err)
		}
		if tn, _ = st.TenancyByID(ctx, l.Tenancy.ID); tn.NextVisitDue != st.Today().AddDays(30) || tn.VisitLaterDays != 30 {
			t.Fatalf("after the rhythm change: %+v", tn)
		}
		if err := svc.SetRhythm(ctx, domain.Actor{User: users.Landlord}, l.Tenancy.ID, domain.VisitRhythm{EarlyDays: 7, LaterDays: 30}); !errors.Is(err, domain.ErrForbidden) {
			t.Fatalf("landlord changes the rhythm: %v", err)
		}
		if err := svc.SetRhythm(ctx, companion, l.Tenancy.ID, domain.VisitRhythm{}); !errors.As(err, &ve) {
			t.Fatalf("empty rhythm: %v", err)
		}
	})
}

// The overdue job on the clock: a reminder to the companion the day after the due day,
// exactly once per due day with two instances, and again only after the next due day.
func TestOverdueVisitsRemindOnceWithTwoInstances(t *testing.T) {
	start := time.Date(2026, time.December, 21, 9, 0, 0, 0, domain.Berlin) // across the year end
	testutil.ForEachDialectAt(t, start, func(t *testing.T, st *store.Store, clk *clock.Manual) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		l := testutil.Lease(t, st, clk, users, nil) // starts Thursday 24 December
		one, two := mailingService(t, st), mailingService(t, st)
		run := func() int {
			var wg sync.WaitGroup
			ns := make([]int, 4)
			for i, svc := range []*tenancies.Service{one, two, one, two} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					n, err := svc.NoticeOverdueVisits(ctx)
					if err != nil {
						t.Error(err)
					}
					ns[i] = n
				}()
			}
			wg.Wait()
			return ns[0] + ns[1] + ns[2] + ns[3]
		}
		due := l.Tenancy.NextVisitDue // 31 December
		if due != domain.NewDate(2026, 12, 31) {
			t.Fatalf("first contact due %s", due)
		}
		clk.Set(due.Midnight().Add(23 * time.Hour))
		if n := run(); n != 0 {
			t.Fatalf("%d reminders on the due day", n)
		}
		clk.Set(due.AddDays(1).Midnight().Add(time.Minute)) // 1 January 2027
		if n := run(); n != 1 {
			t.Fatalf("%d reminders the day after, want 1", n)
		}
		clk.Advance(48 * time.Hour)
		if n := run(); n != 0 {
			t.Fatalf("%d reminders later for the same due day", n)
		}
		if won, _ := st.MarkVisitOverdueNotified(ctx, l.Tenancy.ID, due); won {
			t.Fatal("the same due day claimed twice")
		}
		sent := queued(t, st, mail.KindVisitOverdue)
		if m := sent[users.Caseworker.Email]; len(sent) != 1 || !strings.Contains(m.BodyText, "31.12.2026") ||
			!strings.Contains(m.BodyText, "noch kein Kontakt") {
			t.Fatalf("reminders %v", sent)
		}
		rows, _ := st.ListTenancies(ctx, store.TenancyFilter{Overdue: st.Today()})
		if len(rows) != 1 {
			t.Fatalf("%d overdue tenancies listed", len(rows))
		}
		// A contact ends it; the next due day brings the next reminder.
		if _, err := one.RecordVisit(ctx, domain.Actor{User: users.Caseworker}, l.Tenancy.ID, homeVisit(st.Today())); err != nil {
			t.Fatal(err)
		}
		if rows, _ := st.ListTenancies(ctx, store.TenancyFilter{Overdue: st.Today()}); len(rows) != 0 {
			t.Fatal("still overdue after the contact")
		}
		if n := run(); n != 0 {
			t.Fatalf("%d reminders after the contact", n)
		}
		clk.Advance(40 * 24 * time.Hour)
		if n := run(); n != 1 {
			t.Fatalf("%d reminders after the next due day, want 1", n)
		}
		if n := countRows(t, st, "outbox WHERE kind = 'visit_overdue'"); n != 2 {
			t.Fatalf("%d reminders in all, want 2", n)
		}
	})
}
