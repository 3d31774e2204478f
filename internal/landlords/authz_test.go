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
		// Registration, the reset request and the one-time links need no account.
		for _, name := range testutil.CallerNames {
			t.Run("Register/"+name, func(t *testing.T) {
				_, err := svc.Register(ctx, callers[name], landlords.RegisterInput{Org: landlords.Organisation{Name: "Selbst eG", Kind: "cooperative"},
					User: landlords.Person{Name: "Sven Selbst", Email: email()}, Password: landlords.PasswordInput{Password: testutil.Password, Confirm: testutil.Password}, Privacy: true})
				testutil.CheckAccess(t, testutil.Allowed, err)
				testutil.CheckAccess(t, testutil.Allowed, svc.RequestReset(ctx, callers[name], users.Landlord.Email))
			})
		}
	})
}
