package server_test

import (
	"context"
	"net/url"
	"regexp"
	"testing"

	"wohnbruecke/internal/auth"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// landlordWithUser creates another landlord organisation with one active account.
func landlordWithUser(t *testing.T, st *store.Store, name, email string) (*domain.Landlord, *domain.User) {
	t.Helper()
	ctx := context.Background()
	l := &domain.Landlord{Name: name, Kind: "private", Status: "active"}
	if err := st.CreateLandlord(ctx, l); err != nil {
		t.Fatal(err)
	}
	hash, err := auth.HashPassword(testutil.Password)
	if err != nil {
		t.Fatal(err)
	}
	u := &domain.User{Email: email, Name: name + " Nutzer", Role: domain.RoleLandlord, LandlordID: &l.ID, PasswordHash: hash, Active: true}
	if err := st.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	return l, u
}

// agreementFor prepares an agreement with the Ansprechperson; signed says whether it is
// already signed (accepting certificate and accompaniment).
func agreementFor(t *testing.T, st *store.Store, landlordID int64, contact, signer *domain.User, signed bool) {
	t.Helper()
	ctx := context.Background()
	ag := &domain.CooperationAgreement{LandlordID: landlordID, Version: "2026-01", ContactUserID: &contact.ID}
	if err := st.CreateAgreement(ctx, ag); err != nil {
		t.Fatal(err)
	}
	if !signed {
		return
	}
	ag.SignedByUserID, ag.SignedByName = &signer.ID, "Erika Mustermann"
	ag.AcceptsCertificate, ag.AcceptsAccompaniment, ag.YearlyQuota = true, true, 3
	if err := st.SignAgreement(ctx, ag); err != nil {
		t.Fatal(err)
	}
}

// vacancyForm is a valid vacancy form; available from is given as a date in 20 days.
func vacancyForm(st *store.Store) url.Values {
	return url.Values{
		"street": {"Lange Straße 7"}, "location": {"58089|Wehringhausen"}, "floor": {"1"},
		"rooms": {"2"}, "area": {"58"}, "net_cold_rent": {"360"}, "service_charges": {"110"},
		"heating_costs": {"75"}, "deposit": {"1080"}, "available_from": {st.Today().AddDays(20).ISO()},
		"places": {"1"}, "restriction": {"none"}, "tracks": {"certificate"},
	}
}

var idInLocation = regexp.MustCompile(`/vermieter/angebote/(\d+)`)
