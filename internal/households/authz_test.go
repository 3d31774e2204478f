package households_test

import (
	"context"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/households"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/validate"
)

func TestHouseholdMethodsCheckTheCaller(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		callers := testutil.Callers(t, st, users)
		svc := households.New(st, validate.New())
		// Every call gets a fresh household of the caseworker, so a status change of one
		// caller does not decide the next one's answer.
		fresh := func(t *testing.T) *domain.Household {
			return testutil.Household(t, st, func(h *domain.Household) { h.CaseworkerID = &users.Caseworker.ID })
		}
		team := testutil.Expect{"admin": testutil.Allowed, "staff": testutil.Allowed, "caseworker": testutil.Allowed, "other_caseworker": testutil.Allowed}
		theirs := testutil.Expect{"admin": testutil.Allowed, "staff": testutil.Allowed, "caseworker": testutil.Allowed, "other_caseworker": testutil.NotFound}
		cases := []testutil.AccessCase[*domain.Household]{
			{Name: "Create", Want: team, Call: func(a domain.Actor, _ *domain.Household) error {
				_, err := svc.Create(ctx, a, validInput(st.Today()), nil)
				return err
			}},
			{Name: "Caseworkers", Want: team, Call: func(a domain.Actor, _ *domain.Household) error {
				list, err := svc.Caseworkers(ctx, a)
				if chooses := a.Role() == domain.RoleStaff || a.Role() == domain.RoleAdmin; err == nil && (len(list) > 0) != chooses {
					t.Errorf("%d caseworkers offered", len(list))
				}
				return err
			}},
			{Name: "List", Want: team, Call: func(a domain.Actor, _ *domain.Household) error {
				_, _, err := svc.List(ctx, a, store.HouseholdFilter{})
				return err
			}},
			{Name: "Open", Want: theirs, Call: func(a domain.Actor, h *domain.Household) error {
				_, err := svc.Open(ctx, a, h.ID)
				return err
			}},
			{Name: "Update", Want: theirs, Call: func(a domain.Actor, h *domain.Household) error {
				in := validInput(st.Today())
				in.CaseworkerID = h.CaseworkerID
				_, err := svc.Update(ctx, a, h.ID, in, nil)
				return err
			}},
			{Name: "Status close", Want: theirs, Call: func(a domain.Actor, h *domain.Household) error {
				return svc.Status(ctx, a, h.ID, "close", "", 0)
			}},
			{Name: "Status pause", Want: theirs, Call: func(a domain.Actor, h *domain.Household) error {
				return svc.Status(ctx, a, h.ID, "pause", "Kur", st.Today().AddDays(30))
			}},
		}
		testutil.CheckEachCaller(t, callers, cases, func(t *testing.T, _ string) *domain.Household { return fresh(t) },
			func(t *testing.T, h *domain.Household, allowed bool) {
				after, err := st.HouseholdByID(ctx, h.ID)
				if err != nil {
					t.Fatal(err)
				}
				if !allowed && (after.Status != h.Status || after.ContactName != h.ContactName) {
					t.Errorf("refused call changed the household: %s, %q", after.Status, after.ContactName)
				}
			})
	})
}
