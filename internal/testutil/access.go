package testutil

import (
	"context"
	"errors"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/mail"
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

// Answers that several services share.
var (
	// TeamOnly lets staff and admins through.
	TeamOnly = Expect{"admin": Allowed, "staff": Allowed}
	// EachLandlord lets every landlord account through, each to its own organisation.
	EachLandlord = Expect{"landlord": Allowed, "other_landlord": Allowed}
	// OwnLandlord is for the first landlord's records: staff, admins and that landlord
	// reach them, the other landlord gets NotFound.
	OwnLandlord = Expect{"admin": Allowed, "staff": Allowed, "landlord": Allowed, "other_landlord": NotFound}
)

// CallerNames are the callers of Callers, in the order tests walk them.
var CallerNames = []string{"admin", "staff", "caseworker", "other_caseworker", "landlord", "other_landlord", "applicant", "anonymous"}

// Callers returns one caller per name of CallerNames: the accounts of users, a second
// caseworker and a second landlord organisation's account (to whom the first ones' records
// belong to someone else), an applicant holding a link token that opens nothing (tests
// with an invitation put its token in) and an anonymous caller without account or token.
func Callers(t testing.TB, st *store.Store, users Users) map[string]domain.Actor {
	t.Helper()
	other := &domain.Landlord{Name: "Andere Vermietung eG", Kind: "cooperative", Status: "active"}
	if err := st.CreateLandlord(context.Background(), other); err != nil {
		t.Fatal(err)
	}
	return map[string]domain.Actor{
		"admin":            {User: users.Admin},
		"staff":            {User: users.Staff},
		"caseworker":       {User: users.Caseworker},
		"other_caseworker": {User: activeUser(t, st, domain.RoleCaseworker, "caseworker2@test.de", "Andere Begleitung", nil)},
		"landlord":         {User: users.Landlord},
		"other_landlord":   {User: activeUser(t, st, domain.RoleLandlord, "landlord2@test.de", "Andere Vermieterin", &other.ID)},
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

// AccessCase is one service method of an authorization test: the state of the record it
// needs, who may call it and the call itself on a record R.
type AccessCase[R any] struct {
	Name  string
	State string
	Want  Expect
	Call  func(a domain.Actor, r R) error
}

// CheckEachCaller calls every case as every caller, each in its own subtest on a fresh
// record (fresh gets the case's State), and checks the answer. Unless unchanged is nil it
// is then given the record and whether the call was allowed, to check that a refused call
// changed nothing.
func CheckEachCaller[R any](t *testing.T, callers map[string]domain.Actor, cases []AccessCase[R],
	fresh func(t *testing.T, state string) R, unchanged func(t *testing.T, r R, allowed bool)) {
	t.Helper()
	for _, tc := range cases {
		for _, name := range CallerNames {
			t.Run(tc.Name+"/"+name, func(t *testing.T) {
				r := fresh(t, tc.State)
				want := tc.Want.Of(name)
				CheckAccess(t, want, tc.Call(callers[name], r))
				if unchanged != nil {
					unchanged(t, r, want == Allowed)
				}
			})
		}
	}
}

// Composer returns the mail composer the application uses, with test addresses.
func Composer(t testing.TB) *mail.Composer {
	t.Helper()
	c, err := mail.NewComposer(mail.ComposerConfig{MailFrom: "Wohnbrücke <wohnbruecke@test.de>", FachstellePhone: "02331 207-0"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}
