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
	"wohnbruecke/mail"
)

func TestLandlordMethodsCheckTheCaller(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		callers := testutil.Callers(t, st, users)
		composer, err := mail.NewComposer(mail.ComposerConfig{MailFrom: "wohnbruecke@test.de", FachstellePhone: "02331 207-0"})
		if err != nil {
			t.Fatal(err)
		}
		svc := landlords.New(st, validate.New(), composer, "http://wohnbruecke.test")
		n := 0
		email := func() string { n++; return fmt.Sprintf("neu%d@vermietung.test", n) }
		// A fresh landlord per call, in the state the call needs.
		fresh := func(t *testing.T, status string) *domain.Landlord {
			l := &domain.Landlord{Name: "Neue Vermietung", Kind: "private", Status: status}
			if err := st.CreateLandlord(ctx, l); err != nil {
				t.Fatal(err)
			}
			if err := st.CreateAgreement(ctx, &domain.CooperationAgreement{LandlordID: l.ID, Version: landlords.AgreementVersion, ContactUserID: &users.Staff.ID}); err != nil {
				t.Fatal(err)
			}
			return l
		}
		sign := landlords.SignInput{FullName: "Erika Mustermann", Agree: true, AcceptsCertificate: true, YearlyQuota: 2}
		staffOnly := testutil.Expect{"admin": testutil.Allowed, "staff": testutil.Allowed}
		ownOrg := testutil.Expect{"landlord": testutil.Allowed, "other_landlord": testutil.Allowed}
		cases := []struct {
			name, status string
			want         testutil.Expect
			call         func(a domain.Actor, l *domain.Landlord) error
		}{
			{"List", "active", staffOnly, func(a domain.Actor, _ *domain.Landlord) error {
				_, err := svc.List(ctx, a)
				return err
			}},
			{"Invite", "active", staffOnly, func(a domain.Actor, _ *domain.Landlord) error {
				_, err := svc.Invite(ctx, a, landlords.InviteInput{Org: landlords.Organisation{Name: "Eingeladen GmbH", Kind: "company"},
					User: landlords.Person{Name: "Eva Neu", Email: email()}, ContactUserID: users.Staff.ID})
				return err
			}},
			{"Activate", "invited", staffOnly, func(a domain.Actor, l *domain.Landlord) error {
				return svc.Activate(ctx, a, l.ID, users.Staff.ID)
			}},
			{"Block", "active", staffOnly, func(a domain.Actor, l *domain.Landlord) error { return svc.Block(ctx, a, l.ID) }},
			{"SignFor", "active", staffOnly, func(a domain.Actor, l *domain.Landlord) error { return svc.SignFor(ctx, a, l.ID, sign) }},
			{"Open", "active",
				testutil.Expect{"admin": testutil.Allowed, "staff": testutil.Allowed, "landlord": testutil.Allowed, "other_landlord": testutil.NotFound},
				func(a domain.Actor, _ *domain.Landlord) error {
					_, err := svc.Open(ctx, a, users.LandlordOrg.ID)
					return err
				}},
			{"Agreement", "active", ownOrg, func(a domain.Actor, _ *domain.Landlord) error {
				_, err := svc.Agreement(ctx, a)
				return err
			}},
			// Each landlord signs its own organisation's agreement, once.
			{"Sign", "active", ownOrg, func(a domain.Actor, _ *domain.Landlord) error { return svc.Sign(ctx, a, sign) }},
			{"Contact", "active", ownOrg, func(a domain.Actor, _ *domain.Landlord) error {
				_, err := svc.Contact(ctx, a)
				return err
			}},
			{"Colleagues", "active", ownOrg, func(a domain.Actor, _ *domain.Landlord) error {
				_, err := svc.Colleagues(ctx, a)
				return err
			}},
			{"InviteColleague", "active", ownOrg, func(a domain.Actor, _ *domain.Landlord) error {
				_, err := svc.InviteColleague(ctx, a, landlords.Person{Name: "Kai Kollege", Email: email()})
				return err
			}},
			{"InviteTeamMember", "active", testutil.Expect{"admin": testutil.Allowed}, func(a domain.Actor, _ *domain.Landlord) error {
				_, err := svc.InviteTeamMember(ctx, a, landlords.TeamInput{Person: landlords.Person{Name: "Tea Team", Email: email()}, Role: "staff"})
				return err
			}},
		}
		for _, tc := range cases {
			for _, name := range testutil.CallerNames {
				t.Run(tc.name+"/"+name, func(t *testing.T) {
					l := fresh(t, tc.status)
					want := tc.want.Of(name)
					testutil.CheckAccess(t, want, tc.call(callers[name], l))
					after, err := st.LandlordByID(ctx, l.ID)
					if err != nil {
						t.Fatal(err)
					}
					ag, err := st.CurrentAgreement(ctx, l.ID)
					if err != nil {
						t.Fatal(err)
					}
					if want != testutil.Allowed && (after.Status != l.Status || ag.SignedAt != nil) {
						t.Errorf("refused call changed the landlord: %s, signed %v", after.Status, ag.SignedAt)
					}
				})
			}
		}
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
