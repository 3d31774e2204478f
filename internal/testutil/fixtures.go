package testutil

import (
	"context"
	"sync"
	"testing"

	"wohnbruecke/internal/auth"
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
	l := &domain.Landlord{Name: "Testvermietung GmbH", Kind: "company", Status: "active"}
	if err := st.CreateLandlord(ctx, l); err != nil {
		t.Fatal(err)
	}
	mk := func(role domain.Role, email string, landlordID *int64) *domain.User {
		u := &domain.User{Email: email, Name: string(role) + " Test", Role: role, LandlordID: landlordID,
			PasswordHash: passwordHash(t), Active: true}
		if err := st.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		return u
	}
	return Users{
		Admin:       mk(domain.RoleAdmin, "admin@test.de", nil),
		Staff:       mk(domain.RoleStaff, "staff@test.de", nil),
		Caseworker:  mk(domain.RoleCaseworker, "caseworker@test.de", nil),
		Landlord:    mk(domain.RoleLandlord, "landlord@test.de", &l.ID),
		LandlordOrg: l,
	}
}
