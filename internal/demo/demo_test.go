package demo_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/demo"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/stats"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

func count(t *testing.T, db *sql.DB, q string) int {
	t.Helper()
	var n int
	if err := db.QueryRowContext(context.Background(), q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func TestDemoDataIsPlausibleAndIdempotent(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		logins, err := demo.Load(ctx, st, demo.Options{RequireEmpty: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(logins) != 9 { // 8 and the Quartiersmanagement (Mietführerschein)
			t.Fatalf("%d logins, want 9", len(logins))
		}
		db, err := st.SQLDB()
		if err != nil {
			t.Fatal(err)
		}
		checks := []struct {
			what string
			q    string
			min  int
			max  int
		}{
			{"landlords of three kinds", "SELECT COUNT(DISTINCT kind) FROM landlords", 3, 3},
			// Mietführerschein: a completed, a running and a planned course; certificates,
			// a re-sit, a waiting list, households whose certificate was issued.
			{"course states", "SELECT COUNT(DISTINCT status) FROM courses", 3, 3},
			{"certificates", "SELECT COUNT(*) FROM certificates", 6, 10},
			{"re-sits", "SELECT COUNT(*) FROM exam_results WHERE attempt = 2", 1, 3},
			{"waiting list", "SELECT COUNT(*) FROM course_participants WHERE waitlisted", 1, 5},
			{"households with an issued certificate", "SELECT COUNT(*) FROM households WHERE certificate_id IS NOT NULL", 3, 6},
			{"signed agreements", "SELECT COUNT(*) FROM cooperation_agreements WHERE signed_at IS NOT NULL", 3, 3},
			// The history's records belong to housed households; today's open work (the start
			// pages' tasks) to households still looking.
			{"vacancies of today", "SELECT COUNT(*) FROM vacancies WHERE id NOT IN (SELECT m.vacancy_id FROM matches m JOIN households h ON h.id = m.household_id WHERE h.status = 'housed')", 40, 40},
			// The history: a year of leases (24–48) and the follow-ups' older tenancies (38).
			{"vacancies of the history", "SELECT COUNT(*) FROM vacancies WHERE id IN (SELECT m.vacancy_id FROM matches m JOIN households h ON h.id = m.household_id WHERE h.status = 'housed')", 24 + 38, 72 + 38},
			{"published vacancies", "SELECT COUNT(*) FROM vacancies WHERE status = 'published'", 25, 35},
			{"all five Stadtbezirke", "SELECT COUNT(DISTINCT borough) FROM vacancies", 5, 5},
			{"WBS flats", "SELECT COUNT(*) FROM vacancies WHERE wbs_required", 1, 40},
			{"Senioren-WG with several places", "SELECT COUNT(*) FROM vacancies WHERE restriction = 'senior_wg' AND places > 1", 1, 1},
			{"women-only flat", "SELECT COUNT(*) FROM vacancies WHERE restriction = 'women_only'", 1, 1},
			{"net cold rent 5.50–7.50 €/m²", "SELECT COUNT(*) FROM vacancies WHERE net_cold_rent_cents * 100 < 545 * area_centi_m2 OR net_cold_rent_cents * 100 > 750 * area_centi_m2", 0, 0},
			{"service charges 1.60–2.20 €/m²", "SELECT COUNT(*) FROM vacancies WHERE service_charges_cents * 100 < 155 * area_centi_m2 OR service_charges_cents * 100 > 220 * area_centi_m2", 0, 0},
			{"viewing slots", "SELECT COUNT(*) FROM viewing_slots", 30, 200},
			{"households of today", "SELECT COUNT(*) FROM households WHERE status <> 'housed' OR id NOT IN (SELECT household_id FROM matches)", 300, 300},
			{"housed households of the history", "SELECT COUNT(*) FROM households WHERE status = 'housed' AND id IN (SELECT household_id FROM matches WHERE state = 'lease_signed')", 24 + 38, 48 + 38},
			{"proposals of today's open work", "SELECT COUNT(*) FROM matches m JOIN households h ON h.id = m.household_id WHERE h.status <> 'housed'", 3, 8},
			{"leases", "SELECT COUNT(*) FROM matches WHERE state = 'lease_signed'", 24 + 38, 48 + 38},
			{"declines, no-shows and rejections", "SELECT COUNT(DISTINCT state) FROM matches WHERE state IN ('declined_by_applicant', 'no_show', 'landlord_rejected')", 3, 3},
			{"running proposals in the history", "SELECT COUNT(*) FROM matches m JOIN households h ON h.id = m.household_id WHERE h.status = 'housed' AND m.state NOT IN ('lease_signed', 'declined_by_applicant', 'no_show', 'landlord_rejected')", 0, 0},
			{"matches in the future", "SELECT COUNT(*) FROM matches WHERE approved_at > state_changed_at", 0, 0},
			{"households without any track", "SELECT COUNT(*) FROM households WHERE certificate_passed_on IS NULL AND accompaniment_from IS NULL AND NOT fachstelle_case", 0, 0},
			{"certificates", "SELECT COUNT(*) FROM households WHERE certificate_passed_on IS NOT NULL", 30, 300},
			{"accompaniments", "SELECT COUNT(*) FROM households WHERE accompaniment_from IS NOT NULL", 30, 300},
			{"Fachstelle cases", "SELECT COUNT(*) FROM households WHERE fachstelle_case", 30, 300},
			{"all focus groups", "SELECT COUNT(DISTINCT focus_group) FROM households", 5, 5},
			{"all urgencies", "SELECT COUNT(DISTINCT urgency) FROM households WHERE urgency IS NOT NULL", 4, 4},
			{"languages", "SELECT COUNT(DISTINCT language) FROM households", 7, 8},
			{"members", "SELECT COUNT(*) FROM household_members", 600, 2000},
			{"households without members", "SELECT COUNT(*) FROM households h WHERE NOT EXISTS (SELECT 1 FROM household_members m WHERE m.household_id = h.id)", 0, 0},
			{"women households with a male member", "SELECT COUNT(*) FROM households h WHERE focus_group = 'women' AND EXISTS (SELECT 1 FROM household_members m WHERE m.household_id = h.id AND m.sex = 'm' AND m.position = 0)", 0, 0},
			{"consents", "SELECT COUNT(*) FROM consents", 600, 3000},
			{"paused households", "SELECT COUNT(*) FROM households WHERE status = 'paused'", 1, 20},
			{"vacancies accepting a track their landlord's agreement does not", `SELECT COUNT(*) FROM vacancies v JOIN cooperation_agreements a ON a.landlord_id = v.landlord_id
				WHERE (v.accepts_certificate AND NOT a.accepts_certificate) OR (v.accepts_accompaniment AND NOT a.accepts_accompaniment) OR (v.accepts_fachstelle AND NOT a.accepts_fachstelle)`, 0, 0},
		}
		for _, c := range checks {
			if n := count(t, db, c.q); n < c.min || n > c.max {
				t.Errorf("%s: %d, want %d–%d", c.what, n, c.min, c.max)
			}
		}
		totals := "SELECT (SELECT COUNT(*) FROM households) + 1000 * (SELECT COUNT(*) FROM vacancies) + 1000000 * (SELECT COUNT(*) FROM matches)"
		before := count(t, db, totals)
		again, err := demo.Load(ctx, st, demo.Options{})
		if err != nil || again != nil {
			t.Fatalf("second load: %v, %v; want nothing loaded", again, err)
		}
		if n := count(t, db, totals); n != before {
			t.Fatalf("second load changed households, vacancies or matches: %d, before %d", n, before)
		}
	})
}

// TestDemoHistoryFillsTheStatistics: on first start, every month of the statistics'
// default period has placements, approvals and offers, in every month of the year the
// clock may stand in, and a second load adds nothing.
func TestDemoHistoryFillsTheStatistics(t *testing.T) {
	for _, now := range []time.Time{
		time.Date(2026, time.December, 1, 0, 20, 0, 0, domain.Berlin),
		time.Date(2027, time.March, 31, 23, 50, 0, 0, domain.Berlin),
		time.Date(2027, time.July, 15, 12, 0, 0, 0, domain.Berlin),
	} {
		t.Run(now.Format("2006-01-02"), func(t *testing.T) {
			testutil.ForEachDialectAt(t, now, func(t *testing.T, st *store.Store, _ *clock.Manual) {
				ctx := context.Background()
				if _, err := demo.Load(ctx, st, demo.Options{Households: 40}); err != nil {
					t.Fatal(err)
				}
				users, err := st.CountUsers(ctx)
				if err != nil || users == 0 {
					t.Fatalf("users %d: %v", users, err)
				}
				staff := domain.Actor{User: &domain.User{ID: 1, Role: domain.RoleStaff}}
				r := stats.DefaultRange(st.Today())
				rep, err := stats.New(st).Report(ctx, staff, r)
				if err != nil {
					t.Fatal(err)
				}
				for _, m := range rep.Months {
					if m.Total < 2 {
						t.Errorf("%s: %d placements, want at least 2", m.Month, m.Total)
					}
				}
				if rep.MedianDaysToLease == nil || *rep.MedianDaysToLease <= 0 {
					t.Errorf("median days to lease %v", rep.MedianDaysToLease)
				}
				if c := rep.Conversion; c.Approved <= c.Viewed || c.Viewed <= c.Leased || c.Leased < 2*len(rep.Months)-2 {
					t.Errorf("conversion %+v: want more approvals than viewings than leases", c)
				}
				let := 0
				for _, l := range rep.Landlords {
					let += l.Let
				}
				if let < 2*len(rep.Months)-4 {
					t.Errorf("landlords let %d flats in the period, want most of the leases", let)
				}
				before := *rep
				if _, err := demo.Load(ctx, st, demo.Options{Households: 40}); err != nil {
					t.Fatal(err)
				}
				again, err := stats.New(st).Report(ctx, staff, r)
				if err != nil {
					t.Fatal(err)
				}
				if again.Placements != before.Placements || again.Conversion != before.Conversion {
					t.Errorf("second load changed the figures: %+v, before %+v", again.Conversion, before.Conversion)
				}
			})
		})
	}
}

// TestDemoDataUsesOnlyTheTablesValues: every enumeration value the demo stores is one of
// its domain table's values, and the demo uses every focus group, urgency and category.
func TestDemoDataUsesOnlyTheTablesValues(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		if _, err := demo.Load(ctx, st, demo.Options{RequireEmpty: true}); err != nil {
			t.Fatal(err)
		}
		db, err := st.SQLDB()
		if err != nil {
			t.Fatal(err)
		}
		columns := []struct {
			q     string
			valid func(string) bool
			all   int // how many distinct values the demo must use; 0: any
		}{
			{"SELECT DISTINCT language FROM households", func(s string) bool { return domain.Language(s).Valid() }, 0},
			{"SELECT DISTINCT benefit FROM households", func(s string) bool { return domain.Benefit(s).Valid() }, len(domain.Benefits)},
			{"SELECT DISTINCT focus_group FROM households", func(s string) bool { return domain.FocusGroup(s).Valid() }, len(domain.FocusGroups)},
			{"SELECT DISTINCT emergency_category FROM households WHERE emergency_category IS NOT NULL", func(s string) bool { return domain.EmergencyCategory(s).Valid() }, len(domain.EmergencyCategories)},
			{"SELECT DISTINCT CAST(urgency AS TEXT) FROM households WHERE urgency IS NOT NULL", func(s string) bool { _, ok := domain.Urgencies.Parse(s); return ok }, len(domain.Urgencies)},
			{"SELECT DISTINCT kind FROM consents", func(s string) bool { return domain.ConsentKind(s).Valid() }, 0},
			{"SELECT DISTINCT borough FROM vacancies", func(s string) bool { return domain.Borough(s).Valid() }, len(domain.Boroughs)},
		}
		for _, c := range columns {
			rows, err := db.QueryContext(ctx, c.q)
			if err != nil {
				t.Fatalf("%s: %v", c.q, err)
			}
			var seen []string
			for rows.Next() {
				var v string
				if err := rows.Scan(&v); err != nil {
					t.Fatal(err)
				}
				seen = append(seen, v)
				if !c.valid(v) {
					t.Errorf("%s: %q is not in the table", c.q, v)
				}
			}
			if err := rows.Close(); err != nil {
				t.Fatal(err)
			}
			if c.all > 0 && len(seen) != c.all {
				t.Errorf("%s: uses %v, want all %d values", c.q, seen, c.all)
			}
		}
	})
}
