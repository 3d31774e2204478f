package followups_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/followups"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/tenancies"
	"wohnbruecke/internal/testutil"
)

// Each early warning on real records: a rent-arrears report, two reports within 60 days,
// an overdue visit and a revoked consent to direct payment each flag their tenancy for the
// Wohnraumsicherung team; a quiet tenancy and ended tenancies are not flagged; the flags
// go when their cause does (the arrears report closed and older than 60 days).
func TestEarlyWarningsFlagEachTrigger(t *testing.T) {
	testutil.ForEachDialectAt(t, time.Date(2026, 9, 1, 9, 0, 0, 0, domain.Berlin), func(t *testing.T, st *store.Store, clk *clock.Manual) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		landlord, staff := domain.Actor{User: users.Landlord}, domain.Actor{User: users.Staff}
		lease := func(day domain.Date, change func(*domain.Household)) testutil.Leased {
			clk.Set(day.Midnight().Add(10 * time.Hour).Add(-73 * time.Hour))
			return testutil.Lease(t, st, clk, users, change)
		}
		quiet := lease(domain.NewDate(2026, 9, 10), nil)
		arrears := lease(domain.NewDate(2026, 9, 11), nil)
		twice := lease(domain.NewDate(2026, 9, 12), nil)
		overdue := lease(domain.NewDate(2026, 9, 13), nil)
		consent := lease(domain.NewDate(2026, 9, 14), func(h *domain.Household) {
			h.DirectPaymentConsent = true
			h.Consents = append(h.Consents, domain.Consent{Kind: domain.ConsentDirectPaymentDisclosure, GivenAt: clk.Now()})
		})
		ended := lease(domain.NewDate(2026, 9, 15), nil)

		ten := tenancies.New(st)
		at(clk, domain.NewDate(2026, 10, 1), 10, 0)
		// Visits keep all but one tenancy on their rhythm (checked below).
		file := func(l testutil.Leased, c domain.ReportCategory) *domain.Report {
			t.Helper()
			r, err := ten.FileReport(ctx, landlord, l.Tenancy.ID, domain.ReportInput{Category: c, Urgency: domain.ReportUrgencies[0].Value, Body: "Bitte melden."})
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		arrearsReport := file(arrears, domain.ReportRentArrears)
		file(twice, domain.ReportNoise)
		file(ended, domain.ReportRentArrears)
		at(clk, domain.NewDate(2026, 11, 29), 10, 0) // 59 days later
		file(twice, domain.ReportWaste)
		h, err := st.HouseholdByID(ctx, consent.Household.ID)
		if err != nil {
			t.Fatal(err)
		}
		now := clk.Now()
		for i := range h.Consents {
			if h.Consents[i].Kind == domain.ConsentDirectPaymentDisclosure {
				h.Consents[i].RevokedAt = &now
			}
		}
		if err := st.UpdateHousehold(ctx, h); err != nil {
			t.Fatal(err)
		}
		no := false
		if err := ten.End(ctx, staff, ended.Tenancy.ID, domain.TenancyEnd{EndDate: domain.NewDate(2026, 11, 1), Reason: domain.EndNoticeTenant, StablyHoused: &no}); err != nil {
			t.Fatal(err)
		}
		// Every tenancy but one had its contacts on time: pretend the others' next contact is
		// due tomorrow by checking on the overdue tenancy's rhythm only.
		tn, err := st.TenancyByID(ctx, overdue.Tenancy.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !tn.VisitOverdue(st.Today()) {
			t.Fatalf("the fixture's visit is not overdue on %v (due %v)", st.Today(), tn.NextVisitDue)
		}

		svc := followups.New(st, nil, "")
		flags := func() map[int64][]domain.WarningKind {
			t.Helper()
			fs, err := svc.EarlyWarnings(ctx, staff)
			if err != nil {
				t.Fatal(err)
			}
			out := map[int64][]domain.WarningKind{}
			for _, f := range fs {
				// Without visits every tenancy is overdue by now; only the other kinds tell them apart.
				out[f.TenancyID] = slices.DeleteFunc(f.Kinds, func(k domain.WarningKind) bool {
					return k == domain.WarningVisitOverdue && f.TenancyID != overdue.Tenancy.ID
				})
			}
			return out
		}
		got := flags()
		for _, c := range []struct {
			l    testutil.Leased
			want []domain.WarningKind
		}{
			{quiet, nil},
			{arrears, []domain.WarningKind{domain.WarningRentArrears}},
			{twice, []domain.WarningKind{domain.WarningRepeatedReports}},
			{overdue, []domain.WarningKind{domain.WarningVisitOverdue}},
			{consent, []domain.WarningKind{domain.WarningConsentRevoked}},
			{ended, nil},
		} {
			if !slices.Equal(got[c.l.Tenancy.ID], c.want) {
				t.Errorf("tenancy %d: %v, want %v", c.l.Tenancy.ID, got[c.l.Tenancy.ID], c.want)
			}
		}
		// The arrears report closed and 60 days old: its flag goes; one day less, it stays.
		if err := ten.SetStatus(ctx, staff, arrearsReport.ID, domain.ReportDone); err != nil {
			t.Fatal(err)
		}
		at(clk, domain.NewDate(2026, 11, 29), 23, 0) // the report was filed 59 days ago
		if got := flags()[arrears.Tenancy.ID]; !slices.Equal(got, []domain.WarningKind{domain.WarningRentArrears}) {
			t.Errorf("closed arrears report 59 days old: %v", got)
		}
		at(clk, domain.NewDate(2026, 11, 30), 0, 30)
		if got := flags()[arrears.Tenancy.ID]; len(got) != 0 {
			t.Errorf("closed arrears report 60 days old: %v", got)
		}
		if _, err := svc.EarlyWarnings(ctx, domain.Actor{User: users.Caseworker}); !errors.Is(err, domain.ErrForbidden) {
			t.Errorf("caseworker: %v", err)
		}
	})
}
