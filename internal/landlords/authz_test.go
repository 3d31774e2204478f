package landlords_test

import (
	"context"
	"fmt"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/landlords"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/validate"
)

var adminOnly = testutil.Expect{"admin": testutil.Allowed}

// teamMember creates a staff account with a password, active or deactivated.
func teamMember(t *testing.T, st *store.Store, email string, active bool) *domain.User {
	t.Helper()
	u := &domain.User{Email: email, Name: "Tom Team", Role: domain.RoleStaff, PasswordHash: "x", Active: active}
	if err := st.CreateUser(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	return u
}

func TestLandlordMethodsCheckTheCaller(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		callers := testutil.Callers(t, st, users)
		svc := landlords.New(st, validate.New(), testutil.Composer(t), "http://wohnbruecke.test")
		n := 0
		email := func() string { n++; return fmt.Sprintf("neu%d@vermietung.test", n) }
		// A fresh landlord per call, in the state the call needs.
		fresh := func(t *testing.T, status string) *domain.Landlord {
			l := &domain.Landlord{Name: "Neue Vermietung", Kind: "private", Status: domain.LandlordStatus(status)}
			if err := st.CreateLandlord(ctx, l); err != nil {
				t.Fatal(err)
			}
			if err := st.CreateAgreement(ctx, &domain.CooperationAgreement{LandlordID: l.ID, Version: landlords.AgreementVersion, ContactUserID: &users.Staff.ID}); err != nil {
				t.Fatal(err)
			}
			return l
		}
		sign := landlords.SignInput{FullName: "Erika Mustermann", Agree: true, AcceptsCertificate: true, YearlyQuota: 2}
		cases := []testutil.AccessCase[*domain.Landlord]{
			{Name: "List", State: "active", Want: testutil.TeamOnly, Call: func(a domain.Actor, _ *domain.Landlord) error {
				_, err := svc.List(ctx, a)
				return err
			}},
			{Name: "Invite", State: "active", Want: testutil.TeamOnly, Call: func(a domain.Actor, _ *domain.Landlord) error {
				_, err := svc.Invite(ctx, a, landlords.InviteInput{Org: landlords.Organisation{Name: "Eingeladen GmbH", Kind: "company"},
					User: landlords.Person{Name: "Eva Neu", Email: email()}, ContactUserID: users.Staff.ID})
				return err
			}},
			{Name: "Activate", State: "invited", Want: testutil.TeamOnly, Call: func(a domain.Actor, l *domain.Landlord) error {
				return svc.Activate(ctx, a, l.ID, users.Staff.ID)
			}},
			{Name: "Block", State: "active", Want: testutil.TeamOnly, Call: func(a domain.Actor, l *domain.Landlord) error {
				return svc.Block(ctx, a, l.ID, domain.Reason{Code: "agreement_breach"})
			}},
			{Name: "SignFor", State: "active", Want: testutil.TeamOnly, Call: func(a domain.Actor, l *domain.Landlord) error { return svc.SignFor(ctx, a, l.ID, sign) }},
			{Name: "Open", State: "active",
				Want: testutil.OwnLandlord,
				Call: func(a domain.Actor, _ *domain.Landlord) error {
					_, err := svc.Open(ctx, a, users.LandlordOrg.ID)
					return err
				}},
			{Name: "Agreement", State: "active", Want: testutil.EachLandlord, Call: func(a domain.Actor, _ *domain.Landlord) error {
				_, err := svc.Agreement(ctx, a)
				return err
			}},
			// Each landlord signs its own organisation's agreement, once.
			{Name: "Sign", State: "active", Want: testutil.EachLandlord, Call: func(a domain.Actor, _ *domain.Landlord) error { return svc.Sign(ctx, a, sign) }},
			{Name: "Contact", State: "active", Want: testutil.EachLandlord, Call: func(a domain.Actor, _ *domain.Landlord) error {
				_, err := svc.Contact(ctx, a)
				return err
			}},
			{Name: "Colleagues", State: "active", Want: testutil.EachLandlord, Call: func(a domain.Actor, _ *domain.Landlord) error {
				_, err := svc.Colleagues(ctx, a)
				return err
			}},
			{Name: "InviteColleague", State: "active", Want: testutil.EachLandlord, Call: func(a domain.Actor, _ *domain.Landlord) error {
				_, err := svc.InviteColleague(ctx, a, landlords.Person{Name: "Kai Kollege", Email: email()})
				return err
			}},
			{Name: "InviteTeamMember", State: "active", Want: testutil.Expect{"admin": testutil.Allowed}, Call: func(a domain.Actor, _ *domain.Landlord) error {
				_, err := svc.InviteTeamMember(ctx, a, landlords.TeamInput{Person: landlords.Person{Name: "Tea Team", Email: email()}, Role: "staff"})
				return err
			}},
			{Name: "Profile", State: "active", Want: testutil.EachLandlord, Call: func(a domain.Actor, _ *domain.Landlord) error {
				_, err := svc.Profile(ctx, a)
				return err
			}},
			{Name: "UpdateProfile", State: "active", Want: testutil.OwnLandlord, Call: func(a domain.Actor, _ *domain.Landlord) error {
				return svc.UpdateProfile(ctx, a, users.LandlordOrg.ID, landlords.ProfileInput{
					Org: landlords.Organisation{Name: "Stadtwohnen Hagen GmbH", Kind: "company", Phone: "02331 4711"}, Contact: landlords.ContactPerson{Name: email()}})
			}},
			{Name: "Overview", State: "active", Want: testutil.TeamOnly, Call: func(a domain.Actor, l *domain.Landlord) error {
				_, err := svc.Overview(ctx, a, l.ID)
				return err
			}},
			{Name: "TeamAccount", State: "active", Want: adminOnly, Call: func(a domain.Actor, _ *domain.Landlord) error {
				_, err := svc.TeamAccount(ctx, a, teamMember(t, st, email(), true).ID)
				return err
			}},
			{Name: "DeactivateTeamMember", State: "active", Want: adminOnly, Call: func(a domain.Actor, _ *domain.Landlord) error {
				return svc.DeactivateTeamMember(ctx, a, teamMember(t, st, email(), true).ID)
			}},
			{Name: "ReactivateTeamMember", State: "active", Want: adminOnly, Call: func(a domain.Actor, _ *domain.Landlord) error {
				return svc.ReactivateTeamMember(ctx, a, teamMember(t, st, email(), false).ID)
			}},
			{Name: "ChangeTeamRole", State: "active", Want: adminOnly, Call: func(a domain.Actor, _ *domain.Landlord) error {
				return svc.ChangeTeamRole(ctx, a, teamMember(t, st, email(), true).ID, "caseworker")
			}},
		}
		testutil.CheckEachCaller(t, callers, cases, fresh, func(t *testing.T, l *domain.Landlord, allowed bool) {
			after, err := st.LandlordByID(ctx, l.ID)
			if err != nil {
				t.Fatal(err)
			}
			ag, err := st.CurrentAgreement(ctx, l.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !allowed && (after.Status != l.Status || ag.SignedAt != nil) {
				t.Errorf("refused call changed the landlord: %s, signed %v", after.Status, ag.SignedAt)
			}
		})
		// Registration, the reset request and the one-time links need no account. Each
		// caller comes from its own address and asks for another account's reset, so the
		// per-address and per-account throttles (tested on their own) stay out of the way.
		for i, name := range testutil.CallerNames {
			t.Run("Register/"+name, func(t *testing.T) {
				a := callers[name]
				a.IP = fmt.Sprintf("192.0.2.%d", i+1)
				_, err := svc.Register(ctx, a, landlords.RegisterInput{Org: landlords.Organisation{Name: "Selbst eG", Kind: "cooperative"},
					User: landlords.Person{Name: "Sven Selbst", Email: email()}, Password: landlords.PasswordInput{Password: testutil.Password, Confirm: testutil.Password}, Privacy: true})
				testutil.CheckAccess(t, testutil.Allowed, err)
				testutil.CheckAccess(t, testutil.Allowed, svc.RequestReset(ctx, a, email()))
			})
		}
	})
}
