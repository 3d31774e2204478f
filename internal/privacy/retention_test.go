package privacy_test

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/config"
	"wohnbruecke/internal/demo"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/privacy"
	"wohnbruecke/internal/stats"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// dueByHand is the retention rule written out independently of domain.RetentionEnds: six
// calendar months after the day the household left, on the same day or, where the month
// is shorter, on its last day.
func dueByHand(left, today domain.Date, months int) bool {
	l := left.Time()
	end := l.AddDate(0, months, 0)
	if end.Day() != l.Day() { // ran over into the next month: the target month's last day
		end = end.AddDate(0, 0, -end.Day())
	}
	return !today.Time().Before(end)
}

type householdState struct {
	ID           int64
	Status       domain.HouseholdStatus
	LeftOn       domain.Date
	ContactName  string
	Email        *string
	AnonymisedAt *time.Time
}

func householdStates(t *testing.T, st *store.Store) []householdState {
	t.Helper()
	db, _ := st.SQLDB()
	rows, err := db.Query("SELECT id FROM households ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		_ = rows.Scan(&id)
		ids = append(ids, id)
	}
	_ = rows.Close()
	var out []householdState
	for _, id := range ids {
		h, err := st.HouseholdByID(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, householdState{h.ID, h.Status, h.LeftOn, h.ContactName, h.Email, h.AnonymisedAt})
	}
	return out
}

func berlin(y int, m time.Month, d, hh, mm, ss int) time.Time {
	return time.Date(y, m, d, hh, mm, ss, 0, domain.Berlin)
}

// The retention job anonymises exactly the households whose period has run out (checked
// around the boundary, at month ends and on 29 February), keeps the statistics as they
// were and says in the audit log what it did.
func TestRetentionAnonymisesExactlyWhatIsDueAndKeepsTheStatistics(t *testing.T) {
	start := berlin(2027, time.August, 31, 10, 0, 0)
	testutil.ForEachDialectAt(t, start, func(t *testing.T, st *store.Store, clk *clock.Manual) {
		ctx := context.Background()
		if _, err := demo.Load(ctx, st, demo.Options{Households: 60}); err != nil {
			t.Fatal(err)
		}
		users := testutil.SeedUsers(t, st)
		staff := domain.Actor{User: users.Staff}
		svc := privacy.New(st, config.DefaultRetention)
		// Households leaving on the days the boundaries are hard: 31 August (due on 29
		// February of the leap year 2028), 30 September, 31 December, and one that comes
		// back into the pool.
		leave := func(day time.Time, status domain.HouseholdStatus, notes string) *domain.Household {
			clk.Set(day)
			h := testutil.Household(t, st, func(h *domain.Household) { h.HealthNotes = notes })
			if err := st.SetHouseholdStatus(ctx, h.ID, status); err != nil {
				t.Fatal(err)
			}
			return h
		}
		leapDay := leave(berlin(2027, time.August, 31, 23, 30, 0), domain.HouseholdHoused, "Depression")
		leave(berlin(2027, time.September, 30, 9, 0, 0), domain.HouseholdClosed, "")
		leave(berlin(2027, time.December, 31, 9, 0, 0), domain.HouseholdHoused, "")
		back := leave(berlin(2027, time.September, 1, 9, 0, 0), domain.HouseholdClosed, "")
		clk.Set(berlin(2027, time.October, 1, 9, 0, 0))
		if err := st.SetHouseholdStatus(ctx, back.ID, domain.HouseholdActive); err != nil {
			t.Fatal(err)
		}
		period := stats.Range{From: domain.NewDate(2026, time.September, 1), To: domain.NewDate(2028, time.September, 1)}
		report := func() string {
			r, err := stats.New(st).Report(ctx, staff, period)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(r)
			return string(b)
		}
		before := report()
		textsBefore := map[int64]int{}
		for _, h := range householdStates(t, st) {
			textsBefore[h.ID] = tenancyTexts(t, st, h.ID)
		}
		anonymised := 0
		for _, now := range []time.Time{
			berlin(2028, time.February, 28, 23, 59, 59), berlin(2028, time.February, 29, 0, 0, 1),
			berlin(2028, time.March, 29, 12, 0, 0), berlin(2028, time.March, 30, 0, 0, 0),
			berlin(2028, time.June, 29, 23, 0, 0), berlin(2028, time.June, 30, 1, 0, 0), berlin(2028, time.July, 1, 1, 0, 0),
		} {
			clk.Set(now)
			today := st.Today()
			run, err := svc.RunRetention(ctx)
			if err != nil {
				t.Fatal(err)
			}
			anonymised += run.Households
			for _, h := range householdStates(t, st) {
				left := h.Status == domain.HouseholdHoused || h.Status == domain.HouseholdClosed
				want := left && dueByHand(h.LeftOn, today, 6)
				if got := h.AnonymisedAt != nil; got != want {
					t.Errorf("%s: household %d (%s, left %s): anonymised %v, want %v", today, h.ID, h.Status, h.LeftOn, got, want)
				}
				if (h.AnonymisedAt != nil) != (h.ContactName == domain.Anonymised && h.Email == nil) {
					t.Errorf("household %d: anonymised at %v but name %q", h.ID, h.AnonymisedAt, h.ContactName)
				}
			}
			if today == domain.NewDate(2028, time.February, 28) && run.Households > 0 {
				for _, h := range householdStates(t, st) {
					if h.ID == leapDay.ID && h.AnonymisedAt != nil {
						t.Error("the household that left on 31 August was anonymised a day early")
					}
				}
			}
		}
		if got, _ := st.HouseholdByID(ctx, leapDay.ID); got.AnonymisedAt == nil || got.HealthNotesSealed != "" {
			t.Fatalf("the household that left on 31 August 2027 is not anonymised by 1 July 2028: %+v", got.AnonymisedAt)
		}
		if got, _ := st.HouseholdByID(ctx, back.ID); got.AnonymisedAt != nil {
			t.Fatal("a household back in the pool was anonymised")
		}
		if anonymised < 5 {
			t.Fatalf("only %d households anonymised: the demo history should give more", anonymised)
		}
		if after := report(); after != before {
			t.Fatalf("statistics changed:\nbefore %s\nafter  %s", before, after)
		}
		// The tenancy phase's free texts (end notes, visit notes, reports, replies, follow-up
		// notes, satisfaction comments) go too.
		cleared := 0
		for _, h := range householdStates(t, st) {
			if h.AnonymisedAt == nil {
				continue
			}
			if n := tenancyTexts(t, st, h.ID); n != 0 {
				t.Errorf("household %d is anonymised but keeps %d tenancy texts", h.ID, n)
			}
			cleared += textsBefore[h.ID]
		}
		if cleared == 0 {
			t.Fatal("no anonymised household had tenancy texts: the demo tenancies should give some")
		}
		entries, err := st.AuditEntries(ctx, "household", leapDay.ID, 50, 0)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, e := range entries {
			found = found || e.Action == "household.anonymise" && e.ActorUserID == nil
		}
		if !found {
			t.Fatal("no audit entry of the anonymisation")
		}
	})
}

// Mail bodies go the configured number of days (of 24 hours, across the change to summer
// time on 26 March 2028) after delivery, not a second earlier.
func TestRetentionPurgesDeliveredMailAfterItsPeriod(t *testing.T) {
	testutil.ForEachDialectAt(t, time.Date(2028, time.February, 29, 11, 0, 0, 0, time.UTC), func(t *testing.T, st *store.Store, clk *clock.Manual) {
		ctx := context.Background()
		svc := privacy.New(st, config.Retention{ContactMonths: 6, StatisticsMonths: 120, MailDays: 30})
		if err := st.EnqueueMessages(ctx, domain.OutboxMessage{DedupeKey: "m1", Kind: "test", ToAddress: "ana@example.org",
			Subject: "Einladung", BodyText: "Liebe Ana Popa", NextAttemptAt: st.Now()}); err != nil {
			t.Fatal(err)
		}
		db, _ := st.SQLDB()
		var id int64
		_ = db.QueryRow("SELECT id FROM outbox WHERE dedupe_key = 'm1'").Scan(&id)
		if _, err := db.Exec("UPDATE outbox SET state = 'sent', sent_at = $1 WHERE id = $2", st.Now(), id); err != nil {
			t.Fatal(err)
		}
		body := func() string {
			m, err := st.OutboxMessageByID(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			return m.BodyText + m.ToAddress
		}
		clk.Set(time.Date(2028, time.March, 30, 10, 59, 59, 0, time.UTC))
		if _, err := svc.RunRetention(ctx); err != nil || body() == "" {
			t.Fatalf("purged a second early (%v)", err)
		}
		clk.Set(time.Date(2028, time.March, 30, 11, 0, 1, 0, time.UTC))
		run, err := svc.RunRetention(ctx)
		if err != nil || run.Mails != 1 || body() != "" {
			t.Fatalf("after 30 days: run %+v, %v, body %q", run, err, body())
		}
	})
}

// Two instances running the job at once anonymise each household once.
func TestRetentionOnTwoInstancesAnonymisesEachHouseholdOnce(t *testing.T) {
	stores := testutil.PostgresStores(t, 2)
	ctx := context.Background()
	clk := clock.At(berlin(2027, time.January, 10, 9, 0, 0))
	a, b := stores[0].WithClock(clk.Now), stores[1].WithClock(clk.Now)
	for i := 0; i < 12; i++ {
		h := testutil.Household(t, a, nil)
		if err := a.SetHouseholdStatus(ctx, h.ID, domain.HouseholdClosed); err != nil {
			t.Fatal(err)
		}
	}
	clk.Set(berlin(2027, time.July, 10, 3, 0, 0))
	var wg sync.WaitGroup
	runs := make([]privacy.RetentionRun, 2)
	errs := make([]error, 2)
	for i, st := range []*store.Store{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			runs[i], errs[i] = privacy.New(st, config.DefaultRetention).RunRetention(ctx)
		}()
	}
	wg.Wait()
	if errs[0] != nil || errs[1] != nil {
		t.Fatal(errs)
	}
	if n := runs[0].Households + runs[1].Households; n != 12 {
		t.Fatalf("%d anonymisations for 12 households (%+v)", n, runs)
	}
	db, _ := a.SQLDB()
	var entries int
	_ = db.QueryRow("SELECT COUNT(*) FROM audit_log WHERE action = 'household.anonymise'").Scan(&entries)
	if entries != 12 {
		t.Fatalf("%d audit entries, want 12", entries)
	}
}

// tenancyTexts counts the non-empty free texts of the household's tenancy phase, read
// through the access export (store.SubjectData).
func tenancyTexts(t *testing.T, st *store.Store, householdID int64) int {
	t.Helper()
	sections, err := st.SubjectData(context.Background(), householdID)
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{"tenancies": "end_note", "tenancy_visits": "note", "tenancy_reports": "body", "tenancy_report_replies": "body",
		"follow_ups": "note", "satisfaction_checks": "comment"}
	n := 0
	for _, sec := range sections {
		col, ok := texts[sec.Table]
		if !ok {
			continue
		}
		for _, row := range sec.Rows {
			if v, ok := row[col].(string); ok && v != "" {
				n++
			}
		}
	}
	return n
}
