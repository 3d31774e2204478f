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
		cases := []struct {
			name string
			want testutil.Expect
			call func(a domain.Actor, h *domain.Household) error
		}{
			{"Create", team, func(a domain.Actor, _ *domain.Household) error {
				_, err := svc.Create(ctx, a, validInput(st.Today()), nil)
				return err
			}},
			{"Caseworkers", team, func(a domain.Actor, _ *domain.Household) error {
				list, err := svc.Caseworkers(ctx, a)
				if chooses := a.Role() == domain.RoleStaff || a.Role() == domain.RoleAdmin; err == nil && (len(list) > 0) != chooses {
					t.Errorf("%d caseworkers offered", len(list))
				}
				return err
			}},
			{"List", team, func(a domain.Actor, _ *domain.Household) error {
				_, _, err := svc.List(ctx, a, store.HouseholdFilter{})
				return err
			}},
			{"Open", theirs, func(a domain.Actor, h *domain.Household) error {
				_, err := svc.Open(ctx, a, h.ID)
				return err
			}},
			{"Update", theirs, func(a domain.Actor, h *domain.Household) error {
				in := validInput(st.Today())
				in.CaseworkerID = h.CaseworkerID
				_, err := svc.Update(ctx, a, h.ID, in, nil)
				return err
			}},
			{"Status close", theirs, func(a domain.Actor, h *domain.Household) error {
				return svc.Status(ctx, a, h.ID, "close", "", 0)
			}},
			{"Status pause", theirs, func(a domain.Actor, h *domain.Household) error {
				return svc.Status(ctx, a, h.ID, "pause", "Kur", st.Today().AddDays(30))
			}},
		}
		for _, tc := range cases {
			for _, name := range testutil.CallerNames {
				t.Run(tc.name+"/"+name, func(t *testing.T) {
					h := fresh(t)
					want := tc.want.Of(name)
					testutil.CheckAccess(t, want, tc.call(callers[name], h))
					after, err := st.HouseholdByID(ctx, h.ID)
					if err != nil {
						t.Fatal(err)
					}
					if want != testutil.Allowed && (after.Status != h.Status || after.ContactName != h.ContactName) {
						t.Errorf("refused call changed the household: %s, %q", after.Status, after.ContactName)
					}
				})
			}
		}
	})
}
