package testutil

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"wohnbruecke/internal/auth"
	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// Password is the password of every account SeedUsers creates.
const Password = "richtig-geheim-2026"

var (
	hashOnce sync.Once
	hashed   string
)

// passwordHash hashes Password once per test binary; argon2id is slow on purpose.
func passwordHash(t testing.TB) string {
	hashOnce.Do(func() {
		h, err := auth.HashPassword(Password)
		if err != nil {
			t.Fatal(err)
		}
		hashed = h
	})
	return hashed
}

// Users are the accounts SeedUsers creates, one per role.
type Users struct {
	Admin, Staff, Caseworker, Landlord *domain.User
	LandlordOrg                        *domain.Landlord
}

// SeedUsers creates a landlord organisation and one account per role, all with Password.
func SeedUsers(t testing.TB, st *store.Store) Users {
	t.Helper()
	ctx := context.Background()
	l := &domain.Landlord{Name: "Testvermietung GmbH", Kind: "company", Status: domain.LandlordActive}
	if err := st.CreateLandlord(ctx, l); err != nil {
		t.Fatal(err)
	}
	mk := func(role domain.Role, email string, landlordID *int64) *domain.User {
		return activeUser(t, st, role, email, string(role)+" Test", landlordID)
	}
	return Users{
		Admin:       mk(domain.RoleAdmin, "admin@test.de", nil),
		Staff:       mk(domain.RoleStaff, "staff@test.de", nil),
		Caseworker:  mk(domain.RoleCaseworker, "caseworker@test.de", nil),
		Landlord:    mk(domain.RoleLandlord, "landlord@test.de", &l.ID),
		LandlordOrg: l,
	}
}

// activeUser creates an active account with Password.
func activeUser(t testing.TB, st *store.Store, role domain.Role, email, name string, landlordID *int64) *domain.User {
	t.Helper()
	u := &domain.User{Email: email, Name: name, Role: role, LandlordID: landlordID, PasswordHash: passwordHash(t), Active: true}
	if err := st.CreateUser(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	return u
}

// ToViewing moves the clock past the start of the viewing slot that Vacancy creates (in
// three days), so that the landlord can record what happened at it.
func ToViewing(clk *clock.Manual) { clk.Advance(73 * time.Hour) }

// Vacancy creates a published 2-room flat in Hagen-Mitte with one viewing slot in three days
// (capacity 1) that accepts every track; change lets a test adjust it before it is stored.
func Vacancy(t testing.TB, st *store.Store, landlordID int64, change func(*domain.Vacancy)) *domain.Vacancy {
	t.Helper()
	start := st.Now().Add(72 * time.Hour).Truncate(time.Hour)
	v := &domain.Vacancy{LandlordID: landlordID, Street: "Elberfelder Straße 12", PostalCode: "58095",
		District: "Mittelstadt", Borough: domain.BoroughMitte, Floor: 1, RoomsHalf: 4, AreaCentiM2: 5400,
		NetColdRentCents: 32000, ServiceChargesCents: 9500, HeatingCostsCents: 6500, DepositCents: 96000,
		AvailableFrom: st.Today().AddDays(30), Places: 1, Restriction: "none", Status: domain.VacancyPublished,
		AcceptsCertificate: true, AcceptsAccompaniment: true, AcceptsFachstelle: true,
		Slots: []domain.ViewingSlot{{StartsAt: start, EndsAt: start.Add(45 * time.Minute), Place: "Hauseingang", Capacity: 1}}}
	if change != nil {
		change(v)
	}
	if err := st.CreateVacancy(context.Background(), v); err != nil {
		t.Fatal(err)
	}
	return v
}

var householdSeq atomic.Int64

// Household creates an active two-person household (one woman, one child) with a
// certificate, registered a year ago; change lets a test adjust it before it is stored.
func Household(t testing.TB, st *store.Store, change func(*domain.Household)) *domain.Household {
	t.Helper()
	n := householdSeq.Add(1)
	today := st.Today()
	email := fmt.Sprintf("haushalt%d@test.de", n)
	h := &domain.Household{Reference: fmt.Sprintf("HH-T-%05d", n), ContactName: "Ana Popa", Email: &email,
		Phone: "0157 1234567", Language: "ro", FocusGroup: "none", Benefit: "sgb2", Status: domain.HouseholdActive,
		CertificatePassedOn: today.AddDays(-100), CertificateNumber: "IZW-1", RegisteredOn: today.AddDays(-365),
		LotteryNumber: 1_000_000 + n,
		Members:       []domain.HouseholdMember{{BirthYear: today.Year() - 30, Sex: "f"}, {BirthYear: today.Year() - 5, Sex: "m", Position: 1}}}
	if change != nil {
		change(h)
	}
	if err := st.CreateHousehold(context.Background(), h); err != nil {
		t.Fatal(err)
	}
	return h
}
