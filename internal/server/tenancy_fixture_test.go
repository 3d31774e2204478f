package server_test

import (
	"context"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/tenancies"
	"wohnbruecke/internal/testutil"
)

// tenancyFixture starts a tenancy of the fixture's household in the fixture's flat
// (without a companion) and files a report of the landlord about it; it returns their ids.
func tenancyFixture(t *testing.T, st *store.Store, users testutil.Users, fx *portalFixture) (tenancyID, reportID int64) {
	t.Helper()
	ctx := context.Background()
	tn := domain.NewTenancy(fx.approved.Match, fx.vacancy, fx.household, &users.Staff.ID, st.Today())
	if err := st.CreateTenancy(ctx, tn); err != nil {
		t.Fatal(err)
	}
	r, err := tenancies.New(st).FileReport(ctx, domain.Actor{User: users.Landlord}, tn.ID,
		domain.ReportInput{Category: domain.ReportDamage, Urgency: domain.ReportNormal, Body: "Fenster klemmt."})
	if err != nil {
		t.Fatal(err)
	}
	return tn.ID, r.ID
}
