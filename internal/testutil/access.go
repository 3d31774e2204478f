package testutil

import (
	"context"
	"errors"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// Access is the expected answer of a service to a caller in an authorization test.
type Access int

// The answers: Allowed means the call succeeded (no error at all), Forbidden that it was
// refused for the role (domain.ErrForbidden), NotFound that the record was hidden from
// the caller (domain.ErrNotFound).
const (
	Allowed Access = iota
	Forbidden
	NotFound
)

func (a Access) String() string {
	return [...]string{"allowed", "forbidden", "not found"}[a]
}

// Expect maps caller names to answers; callers not listed are Forbidden.
type Expect map[string]Access

// Of returns the answer expected for a caller.
func (e Expect) Of(caller string) Access {
	if a, ok := e[caller]; ok {
		return a
	}
	return Forbidden
}

// CallerNames are the callers of Callers, in the order tests walk them.
var CallerNames = []string{"admin", "staff", "caseworker", "other_caseworker", "landlord", "other_landlord", "applicant", "anonymous"}

// Callers returns one caller per name of CallerNames: the accounts of users, a second
// caseworker and a second landlord organisation's account (to whom the first ones' records
// belong to someone else), an applicant holding a link token that opens nothing (tests
// with an invitation put its token in) and an anonymous caller without account or token.
func Callers(t testing.TB, st *store.Store, users Users) map[string]domain.Actor {
	t.Helper()
	ctx := context.Background()
	other := &domain.Landlord{Name: "Andere Vermietung eG", Kind: "cooperative", Status: "active"}
	if err := st.CreateLandlord(ctx, other); err != nil {
		t.Fatal(err)
	}
	mk := func(role domain.Role, email string, landlordID *int64) *domain.User {
		u := &domain.User{Email: email, Name: string(role) + " Andere", Role: role, LandlordID: landlordID,
			PasswordHash: passwordHash(t), Active: true}
		if err := st.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		return u
	}
	return map[string]domain.Actor{
		"admin":            {User: users.Admin},
		"staff":            {User: users.Staff},
		"caseworker":       {User: users.Caseworker},
		"other_caseworker": {User: mk(domain.RoleCaseworker, "caseworker2@test.de", nil)},
		"landlord":         {User: users.Landlord},
		"other_landlord":   {User: mk(domain.RoleLandlord, "landlord2@test.de", &other.ID)},
		"applicant":        domain.Applicant("kein-gueltiger-link"),
		"anonymous":        {},
	}
}

// CheckAccess fails the test unless err is the answer want.
func CheckAccess(t testing.TB, want Access, err error) {
	t.Helper()
	var got Access
	switch {
	case errors.Is(err, domain.ErrForbidden):
		got = Forbidden
	case errors.Is(err, domain.ErrNotFound):
		got = NotFound
	case err != nil:
		t.Fatalf("want %s, got error %v", want, err)
	}
	if got != want {
		t.Fatalf("want %s, got %s (%v)", want, got, err)
	}
}
