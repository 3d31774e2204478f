package demo_test

import (
	"context"
	"testing"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/demo"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/testutil"
)

// The demo's tenancy phase: every lease of the history has its tenancy, the companions
// have contacts on record (some overdue today), a few tenancies ended, and the reports
// stand in every state, one overdue and escalated.
func TestDemoTenancies(t *testing.T) {
	clk := clock.At(time.Date(2026, time.March, 2, 9, 0, 0, 0, domain.Berlin))
	st := testutil.OpenAt(t, "sqlite", clk)
	if _, err := demo.Load(context.Background(), st, demo.Options{Households: 120}); err != nil {
		t.Fatal(err)
	}
	db, err := st.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	today := st.Today().ISO()
	for _, c := range []struct {
		what   string
		query  string
		lo, hi int
	}{
		{"leases without tenancy", "SELECT COUNT(*) FROM matches WHERE state = 'lease_signed' AND id NOT IN (SELECT match_id FROM tenancies)", 0, 0},
		// The follow-ups' older history adds 38 tenancies, about three in ten of them ended.
		{"tenancies", "SELECT COUNT(*) FROM tenancies", 24 + 38, 48 + 38},
		{"ended tenancies", "SELECT COUNT(*) FROM tenancies WHERE status = 'ended'", 1, 10 + 20},
		{"tenancies without a companion", "SELECT COUNT(*) FROM tenancies WHERE companion_id IS NULL", 0, 0},
		{"tenancies of the demo caseworker", "SELECT COUNT(*) FROM tenancies t JOIN users u ON u.id = t.companion_id WHERE u.email = 'klartext@wohnbruecke.demo'", 3, 48},
		{"visits", "SELECT COUNT(*) FROM tenancy_visits", 60, 2000},
		{"visits in the future", "SELECT COUNT(*) FROM tenancy_visits WHERE visited_on > '" + today + "'", 0, 0},
		{"overdue contacts today", "SELECT COUNT(*) FROM tenancies WHERE status = 'active' AND next_visit_due < '" + today + "'", 1, 40},
		{"reports eingegangen", "SELECT COUNT(*) FROM tenancy_reports WHERE status = 'received'", 2, 2},
		{"reports in Bearbeitung", "SELECT COUNT(*) FROM tenancy_reports WHERE status = 'in_progress'", 2, 2},
		{"reports erledigt", "SELECT COUNT(*) FROM tenancy_reports WHERE status = 'done'", 2, 2},
		{"escalated reports", "SELECT COUNT(*) FROM tenancy_reports WHERE escalated_at IS NOT NULL AND first_answer_at IS NULL", 1, 1},
		{"replies", "SELECT COUNT(*) FROM tenancy_report_replies", 5, 10},
		{"reports to the first demo landlord", "SELECT COUNT(*) FROM tenancy_reports r JOIN tenancies t ON t.id = r.tenancy_id " +
			"JOIN users u ON u.landlord_id = t.landlord_id WHERE u.email = 'vermietung@stadtwohnen.demo'", 4, 6},
	} {
		var n int
		if err := db.QueryRow(c.query).Scan(&n); err != nil {
			t.Fatalf("%s: %v", c.what, err)
		}
		if n < c.lo || n > c.hi {
			t.Errorf("%s: %d, want %d to %d", c.what, n, c.lo, c.hi)
		}
	}
}
