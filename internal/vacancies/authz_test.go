package vacancies_test

import (
	"context"
	"testing"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/vacancies"
	"wohnbruecke/internal/validate"
	"wohnbruecke/internal/workflow"
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
	testutil.ForEachDialectAt(t, time.Date(2026, time.March, 2, 9, 0, 0, 0, domain.Berlin), func(t *testing.T, st *store.Store, clk *clock.Manual) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		callers := testutil.Callers(t, st, users)
		wf := workflow.New(st, ranking.New(st))
		svc := vacancies.New(st, validate.New(), wf, testutil.Composer(t), "http://wohnbruecke.test")
		lid := users.LandlordOrg.ID
		signAgreement(t, st, lid, users.Staff, users.Landlord)
		signAgreement(t, st, *callers["other_landlord"].User.LandlordID, users.Staff, callers["other_landlord"].User)
		// Every call gets a fresh vacancy of the first landlord in the state it needs.
		fresh := func(t *testing.T, status string) *domain.Vacancy {
			return testutil.Vacancy(t, st, lid, func(v *domain.Vacancy) {
				v.Status = domain.VacancyStatus(status)
				v.Slots = append(v.Slots, v.Slots[0])
				v.Slots[1].StartsAt, v.Slots[1].EndsAt = v.Slots[0].StartsAt.AddDate(0, 0, 1), v.Slots[0].EndsAt.AddDate(0, 0, 1)
			})
		}
		cases := []testutil.AccessCase[*domain.Vacancy]{
			{Name: "List", State: "published", Want: testutil.EachLandlord, Call: func(a domain.Actor, _ *domain.Vacancy) error {
				_, err := svc.List(ctx, a)
				return err
			}},
			{Name: "Create", State: "draft", Want: testutil.EachLandlord, Call: func(a domain.Actor, v *domain.Vacancy) error {
				_, err := svc.Create(ctx, a, vacancies.InputOf(v))
				return err
			}},
			{Name: "CreateFor", State: "draft", Want: testutil.TeamOnly, Call: func(a domain.Actor, v *domain.Vacancy) error {
				_, err := svc.CreateFor(ctx, a, lid, vacancies.InputOf(v))
				return err
			}},
			{Name: "Get", State: "published", Want: testutil.OwnLandlord, Call: func(a domain.Actor, v *domain.Vacancy) error {
				_, err := svc.Get(ctx, a, v.ID)
				return err
			}},
			{Name: "Update", State: "draft", Want: testutil.OwnLandlord, Call: func(a domain.Actor, v *domain.Vacancy) error {
				in := vacancies.InputOf(v)
				in.Description = "Frisch renoviert."
				return svc.Update(ctx, a, v.ID, in)
			}},
			{Name: "Duplicate", State: "published", Want: testutil.OwnLandlord, Call: func(a domain.Actor, v *domain.Vacancy) error {
				_, err := svc.Duplicate(ctx, a, v.ID)
				return err
			}},
			{Name: "Submit", State: "draft", Want: testutil.OwnLandlord, Call: func(a domain.Actor, v *domain.Vacancy) error { return svc.Submit(ctx, a, v.ID) }},
			{Name: "Withdraw", State: "published", Want: testutil.OwnLandlord, Call: func(a domain.Actor, v *domain.Vacancy) error { return svc.Withdraw(ctx, a, v.ID) }},
			{Name: "MarkLet", State: "published", Want: testutil.OwnLandlord, Call: func(a domain.Actor, v *domain.Vacancy) error { return svc.MarkLet(ctx, a, v.ID) }},
			{Name: "Publish", State: "submitted", Want: testutil.TeamOnly, Call: func(a domain.Actor, v *domain.Vacancy) error { return svc.Publish(ctx, a, v.ID) }},
			{Name: "SendBack", State: "submitted", Want: testutil.TeamOnly, Call: func(a domain.Actor, v *domain.Vacancy) error {
				return svc.SendBack(ctx, a, v.ID, "Bitte die Wohnfläche prüfen.")
			}},
			{Name: "AddSlot", State: "published", Want: testutil.OwnLandlord, Call: func(a domain.Actor, v *domain.Vacancy) error {
				_, err := svc.AddSlot(ctx, a, v.ID, vacancies.SlotInput{Date: st.Today().AddDays(10), From: "15:00", To: "15:45", Place: "Hauseingang", Capacity: 1})
				return err
			}},
			{Name: "RemoveSlot", State: "published", Want: testutil.OwnLandlord, Call: func(a domain.Actor, v *domain.Vacancy) error {
				return svc.RemoveSlot(ctx, a, v.ID, v.Slots[1].ID)
			}},
			{Name: "Proposals", State: "published", Want: testutil.OwnLandlord, Call: func(a domain.Actor, v *domain.Vacancy) error {
				_, err := svc.Proposals(ctx, a, v.ID)
				return err
			}},
			{Name: "RecordOutcome", State: "published", Want: testutil.OwnLandlord, Call: func(a domain.Actor, v *domain.Vacancy) error {
				h := testutil.Household(t, st, nil)
				ap, err := wf.Approve(ctx, domain.Actor{User: users.Staff}, workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: v.ID, HouseholdID: h.ID, SlotID: v.Slots[0].ID})
				if err != nil {
					t.Fatal(err)
				}
				testutil.ToViewing(clk)
				return svc.RecordOutcome(ctx, a, v.ID, workflow.Outcome{MatchID: ap.Match.ID, Accepted: true})
			}},
		}
		testutil.CheckEachCaller(t, callers, cases, fresh, func(t *testing.T, v *domain.Vacancy, allowed bool) {
			after, err := st.VacancyByID(ctx, v.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !allowed && (after.Status != v.Status || len(after.Slots) != len(v.Slots) || after.Description != v.Description) {
				t.Errorf("refused call changed the vacancy: %s, %d slots", after.Status, len(after.Slots))
			}
		})
	})
}
