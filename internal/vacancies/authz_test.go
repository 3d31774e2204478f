package vacancies_test

import (
	"context"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/vacancies"
	"wohnbruecke/internal/validate"
	"wohnbruecke/internal/workflow"
	"wohnbruecke/mail"
)

// signAgreement gives a landlord a signed agreement for every track.
func signAgreement(t *testing.T, st *store.Store, landlordID int64, contact, signer *domain.User) {
	t.Helper()
	ctx := context.Background()
	ag := &domain.CooperationAgreement{LandlordID: landlordID, Version: "2026-01", ContactUserID: &contact.ID}
	if err := st.CreateAgreement(ctx, ag); err != nil {
		t.Fatal(err)
	}
	ag.SignedByUserID, ag.SignedByName, ag.YearlyQuota = &signer.ID, "Erika Mustermann", 3
	ag.AcceptsCertificate, ag.AcceptsAccompaniment, ag.AcceptsFachstelle = true, true, true
	if err := st.SignAgreement(ctx, ag); err != nil {
		t.Fatal(err)
	}
}

func TestVacancyMethodsCheckTheCaller(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		callers := testutil.Callers(t, st, users)
		composer, err := mail.NewComposer(mail.ComposerConfig{MailFrom: "wohnbruecke@test.de", FachstellePhone: "02331 207-0"})
		if err != nil {
			t.Fatal(err)
		}
		wf := workflow.New(st, ranking.New(st))
		svc := vacancies.New(st, validate.New(), wf, composer, "http://wohnbruecke.test")
		lid := users.LandlordOrg.ID
		signAgreement(t, st, lid, users.Staff, users.Landlord)
		signAgreement(t, st, *callers["other_landlord"].User.LandlordID, users.Staff, callers["other_landlord"].User)
		// Every call gets a fresh vacancy of the first landlord in the state it needs.
		fresh := func(t *testing.T, status string) *domain.Vacancy {
			return testutil.Vacancy(t, st, lid, func(v *domain.Vacancy) {
				v.Status = status
				v.Slots = append(v.Slots, v.Slots[0])
				v.Slots[1].StartsAt, v.Slots[1].EndsAt = v.Slots[0].StartsAt.AddDate(0, 0, 1), v.Slots[0].EndsAt.AddDate(0, 0, 1)
			})
		}
		own := testutil.Expect{"admin": testutil.Allowed, "staff": testutil.Allowed, "landlord": testutil.Allowed, "other_landlord": testutil.NotFound}
		reviewers := testutil.Expect{"admin": testutil.Allowed, "staff": testutil.Allowed}
		landlords := testutil.Expect{"landlord": testutil.Allowed, "other_landlord": testutil.Allowed}
		cases := []struct {
			name, status string
			want         testutil.Expect
			call         func(a domain.Actor, v *domain.Vacancy) error
		}{
			{"List", "published", landlords, func(a domain.Actor, _ *domain.Vacancy) error {
				_, err := svc.List(ctx, a)
				return err
			}},
			{"Create", "draft", landlords, func(a domain.Actor, v *domain.Vacancy) error {
				_, err := svc.Create(ctx, a, vacancies.InputOf(v))
				return err
			}},
			{"CreateFor", "draft", reviewers, func(a domain.Actor, v *domain.Vacancy) error {
				_, err := svc.CreateFor(ctx, a, lid, vacancies.InputOf(v))
				return err
			}},
			{"Get", "published", own, func(a domain.Actor, v *domain.Vacancy) error {
				_, err := svc.Get(ctx, a, v.ID)
				return err
			}},
			{"Update", "draft", own, func(a domain.Actor, v *domain.Vacancy) error {
				in := vacancies.InputOf(v)
				in.Description = "Frisch renoviert."
				return svc.Update(ctx, a, v.ID, in)
			}},
			{"Duplicate", "published", own, func(a domain.Actor, v *domain.Vacancy) error {
				_, err := svc.Duplicate(ctx, a, v.ID)
				return err
			}},
			{"Submit", "draft", own, func(a domain.Actor, v *domain.Vacancy) error { return svc.Submit(ctx, a, v.ID) }},
			{"Withdraw", "published", own, func(a domain.Actor, v *domain.Vacancy) error { return svc.Withdraw(ctx, a, v.ID) }},
			{"MarkLet", "published", own, func(a domain.Actor, v *domain.Vacancy) error { return svc.MarkLet(ctx, a, v.ID) }},
			{"Publish", "submitted", reviewers, func(a domain.Actor, v *domain.Vacancy) error { return svc.Publish(ctx, a, v.ID) }},
			{"SendBack", "submitted", reviewers, func(a domain.Actor, v *domain.Vacancy) error {
				return svc.SendBack(ctx, a, v.ID, "Bitte die Wohnfläche prüfen.")
			}},
			{"AddSlot", "published", own, func(a domain.Actor, v *domain.Vacancy) error {
				_, err := svc.AddSlot(ctx, a, v.ID, vacancies.SlotInput{Date: st.Today().AddDays(10), From: "15:00", To: "15:45", Place: "Hauseingang", Capacity: 1})
				return err
			}},
			{"RemoveSlot", "published", own, func(a domain.Actor, v *domain.Vacancy) error {
				return svc.RemoveSlot(ctx, a, v.ID, v.Slots[1].ID)
			}},
			{"Proposals", "published", own, func(a domain.Actor, v *domain.Vacancy) error {
				_, err := svc.Proposals(ctx, a, v.ID)
				return err
			}},
			{"RecordOutcome", "published", own, func(a domain.Actor, v *domain.Vacancy) error {
				h := testutil.Household(t, st, nil)
				ap, err := wf.Approve(ctx, domain.Actor{User: users.Staff}, workflow.ApproveRequest{VacancyID: v.ID, HouseholdID: h.ID, SlotID: v.Slots[0].ID})
				if err != nil {
					t.Fatal(err)
				}
				return svc.RecordOutcome(ctx, a, v.ID, workflow.Outcome{MatchID: ap.Match.ID, Accepted: true})
			}},
		}
		for _, tc := range cases {
			for _, name := range testutil.CallerNames {
				t.Run(tc.name+"/"+name, func(t *testing.T) {
					v := fresh(t, tc.status)
					want := tc.want.Of(name)
					testutil.CheckAccess(t, want, tc.call(callers[name], v))
					after, err := st.VacancyByID(ctx, v.ID)
					if err != nil {
						t.Fatal(err)
					}
					if want != testutil.Allowed && (after.Status != v.Status || len(after.Slots) != len(v.Slots) || after.Description != v.Description) {
						t.Errorf("refused call changed the vacancy: %s, %d slots", after.Status, len(after.Slots))
					}
				})
			}
		}
	})
}
