package workflow_test

import (
	"context"
	"testing"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/workflow"
)

// authzFixture is a fresh proposal for one call: a household of the caseworker, a vacancy
// of the landlord with two slots and, unless the case needs none, the approved match.
type authzFixture struct {
	state     string
	vacancy   *domain.Vacancy
	household *domain.Household
	approved  *workflow.Approved
}

// viewingBegun is a fixture state: a scheduled viewing whose start has passed.
const viewingBegun = "viewing_begun"

func TestWorkflowWritesCheckTheCaller(t *testing.T) {
	testutil.ForEachDialectAt(t, monday9, func(t *testing.T, st *store.Store, clk *clock.Manual) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		callers := testutil.Callers(t, st, users)
		svc := newService(st)
		staff := workflow.Actor{User: users.Staff}
		setup := func(t *testing.T, state string) *authzFixture {
			fx := &authzFixture{state: state, vacancy: testutil.Vacancy(t, st, users.LandlordOrg.ID, twoSlots),
				household: testutil.Household(t, st, func(h *domain.Household) { h.CaseworkerID = &users.Caseworker.ID })}
			if state == "" {
				return fx
			}
			fx.approved = mustApprove(t, svc, users, fx.vacancy, fx.household)
			if state == viewingBegun {
				// The outcome is known once the viewing has begun; the match is still scheduled.
				testutil.ToViewing(clk)
				fx.state = string(domain.MatchViewingScheduled)
			}
			if state == "landlord_accepted" {
				testutil.ToViewing(clk)
				if err := svc.RecordOutcome(ctx, staff, workflow.Outcome{MatchID: fx.approved.Match.ID, Accepted: true}); err != nil {
					t.Fatal(err)
				}
			}
			return fx
		}
		// State is the match's before the call; "" for no match.
		cases := []testutil.AccessCase[*authzFixture]{
			{Name: "Approve", State: "", Want: testutil.TeamOnly, Call: func(a workflow.Actor, fx *authzFixture) error {
				_, err := svc.Approve(ctx, a, workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: fx.vacancy.ID, HouseholdID: fx.household.ID, SlotID: fx.vacancy.Slots[0].ID})
				return err
			}},
			{Name: "RecordOutcome", State: viewingBegun,
				Want: testutil.OwnLandlord,
				Call: func(a workflow.Actor, fx *authzFixture) error {
					return svc.RecordOutcome(ctx, a, workflow.Outcome{MatchID: fx.approved.Match.ID, Accepted: true})
				}},
			{Name: "SignLease", State: "landlord_accepted", Want: testutil.TeamOnly, Call: func(a workflow.Actor, fx *authzFixture) error {
				return svc.SignLease(ctx, a, fx.approved.Match.ID)
			}},
			{Name: "Withdraw", State: "viewing_scheduled", Want: testutil.TeamOnly, Call: func(a workflow.Actor, fx *authzFixture) error {
				return svc.Withdraw(ctx, a, fx.approved.Match.ID, domain.Reason{Code: "flat_unavailable"})
			}},
			{Name: "Reschedule", State: "viewing_scheduled", Want: testutil.TeamOnly, Call: func(a workflow.Actor, fx *authzFixture) error {
				_, err := svc.Reschedule(ctx, a, fx.approved.Match.ID, fx.vacancy.Slots[1].ID)
				return err
			}},
			{Name: "CancelViewing", State: "viewing_scheduled", Want: testutil.TeamOnly, Call: func(a workflow.Actor, fx *authzFixture) error {
				return svc.CancelViewing(ctx, a, fx.approved.Viewing.ID, domain.Reason{Code: "flat_unavailable"})
			}},
			{Name: "Answer", State: "viewing_scheduled", Want: testutil.Expect{"applicant": testutil.Allowed}, Call: func(a workflow.Actor, fx *authzFixture) error {
				_, err := svc.Answer(ctx, a, fx.approved.ApplicantToken, workflow.AnswerConfirm)
				return err
			}},
		}
		for i, tc := range cases {
			call := tc.Call
			cases[i].Call = func(a workflow.Actor, fx *authzFixture) error {
				if a.IsApplicant() && fx.approved != nil {
					a = domain.Applicant(fx.approved.ApplicantToken) // the household of this very match
				}
				return call(a, fx)
			}
		}
		audits := 0
		testutil.CheckEachCaller(t, callers, cases, func(t *testing.T, state string) *authzFixture {
			fx := setup(t, state)
			audits = countRows(t, st, "audit_log")
			return fx
		}, func(t *testing.T, fx *authzFixture, allowed bool) {
			if changed := countRows(t, st, "audit_log") != audits; changed != allowed {
				t.Errorf("audit log changed: %v", changed)
			}
			if fx.approved != nil && !allowed {
				if m, err := st.MatchByID(ctx, fx.approved.Match.ID); err != nil || string(m.State) != fx.state {
					t.Errorf("refused call moved the match to %s (%v)", m.State, err)
				}
			}
		})
	})
}

func TestWorkflowReadsShowEachCallerTheirMatches(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		callers := testutil.Callers(t, st, users)
		svc := newService(st)
		v := testutil.Vacancy(t, st, users.LandlordOrg.ID, nil)
		h := testutil.Household(t, st, func(h *domain.Household) { h.CaseworkerID = &users.Caseworker.ID })
		ap := mustApprove(t, svc, users, v, h)
		callers["applicant"] = domain.Applicant(ap.ApplicantToken)
		sees := testutil.Expect{"admin": testutil.Allowed, "staff": testutil.Allowed, "caseworker": testutil.Allowed,
			"other_caseworker": testutil.NotFound, "landlord": testutil.Allowed, "other_landlord": testutil.NotFound}
		for _, name := range testutil.CallerNames {
			t.Run(name, func(t *testing.T) {
				a, want := callers[name], sees.Of(name)
				_, err := svc.OpenMatch(ctx, a, ap.Match.ID)
				testutil.CheckAccess(t, want, err)
				_, err = svc.OpenViewing(ctx, a, ap.Viewing.ID)
				testutil.CheckAccess(t, want, err)
				rows, err := svc.ListMatches(ctx, a, store.MatchFilter{})
				if want == testutil.Forbidden {
					testutil.CheckAccess(t, testutil.Forbidden, err)
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				listed := false
				for _, r := range rows {
					listed = listed || r.ID == ap.Match.ID
				}
				if listed != (want == testutil.Allowed) {
					t.Errorf("match listed: %v, want %v", listed, want == testutil.Allowed)
				}
			})
		}
	})
}
