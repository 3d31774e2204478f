package tasks_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/ranking"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/tasks"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/workflow"
)

var start = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

// world is a store with the seeded accounts and the services the queues follow.
type world struct {
	t     *testing.T
	st    *store.Store
	users testutil.Users
	wf    *workflow.Service
	tasks *tasks.Service
	staff domain.Actor
}

func newWorld(t *testing.T, st *store.Store) *world {
	users := testutil.SeedUsers(t, st)
	return &world{t: t, st: st, users: users, wf: workflow.New(st, ranking.New(st)), tasks: tasks.New(st),
		staff: domain.Actor{User: users.Staff}}
}

// vacancy is a published flat with one slot per start offset (hours from now).
func (w *world) vacancy(street string, hours ...int) *domain.Vacancy {
	return testutil.Vacancy(w.t, w.st, w.users.LandlordOrg.ID, func(v *domain.Vacancy) {
		v.Street, v.Slots = street, nil
		for _, h := range hours {
			s := w.st.Now().Add(time.Duration(h) * time.Hour).Truncate(time.Hour)
			v.Slots = append(v.Slots, domain.ViewingSlot{StartsAt: s, EndsAt: s.Add(45 * time.Minute), Place: "Hauseingang", Capacity: 1})
		}
	})
}

// household is an active household; without email when noEmail, of the seeded caseworker.
func (w *world) household(noEmail bool) *domain.Household {
	return testutil.Household(w.t, w.st, func(h *domain.Household) {
		if noEmail {
			h.Email = nil
		}
		h.CaseworkerID = &w.users.Caseworker.ID
	})
}

func (w *world) approve(v *domain.Vacancy, h *domain.Household, slot int) *workflow.Approved {
	w.t.Helper()
	a, err := w.wf.Approve(context.Background(), w.staff, workflow.ApproveRequest{Override: testutil.OverrideReason, VacancyID: v.ID, HouseholdID: h.ID, SlotID: v.Slots[slot].ID})
	if err != nil {
		w.t.Fatal(err)
	}
	return a
}

func (w *world) answer(a *workflow.Approved, answer string) {
	w.t.Helper()
	if _, err := w.wf.Answer(context.Background(), domain.Applicant(a.ApplicantToken), a.ApplicantToken, answer); err != nil {
		w.t.Fatal(err)
	}
}

func (w *world) board(b *tasks.Board, err error) *tasks.Board {
	w.t.Helper()
	if err != nil {
		w.t.Fatal(err)
	}
	return b
}

func (w *world) staffBoard() *tasks.Board {
	return w.board(w.tasks.Staff(context.Background(), w.staff))
}
func (w *world) caseworkerBoard() *tasks.Board {
	return w.board(w.tasks.Caseworker(context.Background(), domain.Actor{User: w.users.Caseworker}))
}
func (w *world) landlordBoard() *tasks.Board {
	return w.board(w.tasks.Landlord(context.Background(), domain.Actor{User: w.users.Landlord}))
}

// hrefs lists the links of a queue in order (nil when the queue is not on the board).
func hrefs(b *tasks.Board, id string) []string {
	for _, q := range b.Queues {
		if q.ID == id {
			var out []string
			for _, it := range q.Items {
				out = append(out, it.Href)
			}
			if int64(len(out)) != q.Total {
				panic(fmt.Sprintf("queue %s: %d items, total %d", id, len(out), q.Total))
			}
			return out
		}
	}
	return nil
}

func queueIDs(b *tasks.Board) []string {
	var out []string
	for _, q := range b.Queues {
		out = append(out, q.ID)
	}
	return out
}

func card(m *domain.Match) string {
	return fmt.Sprintf("/arbeitsbereich/vorschlaege#vorschlag-%d", m.ID)
}

func want(t *testing.T, what string, got []string, want ...string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s: %q, want %q", what, got, want)
	}
}

func TestPrintTasksOpenUntilHandedOverAndReopenOnReschedule(t *testing.T) {
	testutil.ForEachDialectAt(t, start, func(t *testing.T, st *store.Store, clk *clock.Manual) {
		w, ctx := newWorld(t, st), context.Background()
		later := w.vacancy("Lange Straße 5", 96, 120)
		sooner := w.vacancy("Bergstraße 2", 48)
		withEmail := w.vacancy("Hochstraße 9", 72)
		a := w.approve(later, w.household(true), 0)
		b := w.approve(sooner, w.household(true), 0)
		w.approve(withEmail, w.household(false), 0)
		printA, printB := tasks.PrintPath(a.Match.ID), tasks.PrintPath(b.Match.ID)

		// Only households without email, the sooner viewing first, on both start pages.
		want(t, "staff print queue", hrefs(w.staffBoard(), "einladungen"), printB, printA)
		want(t, "caseworker print queue", hrefs(w.caseworkerBoard(), "einladungen"), printB, printA)
		other := domain.Actor{User: testutilCaseworker(t, st)}
		if got := hrefs(w.board(w.tasks.Caseworker(ctx, other)), "einladungen"); got != nil {
			t.Errorf("another caseworker sees %q", got)
		}
		if err := w.tasks.HandOver(ctx, other, a.Match.ID); !errors.Is(err, domain.ErrNotFound) {
			t.Errorf("another caseworker hands over: %v, want not found", err)
		}

		// The caseworker hands over A: the task closes for everyone, the handover is kept.
		if err := w.tasks.HandOver(ctx, domain.Actor{User: w.users.Caseworker}, a.Match.ID); err != nil {
			t.Fatal(err)
		}
		want(t, "staff print queue after handover", hrefs(w.staffBoard(), "einladungen"), printB)
		want(t, "caseworker print queue after handover", hrefs(w.caseworkerBoard(), "einladungen"), printB)
		var ce *domain.ConflictError
		if err := w.tasks.HandOver(ctx, w.staff, a.Match.ID); !errors.As(err, &ce) {
			t.Errorf("second handover: %v, want conflict", err)
		}
		vw, _ := st.CurrentViewing(ctx, a.Match.ID)
		h, _ := st.HouseholdByID(ctx, a.Match.HouseholdID)
		ho, err := w.tasks.HandoverOf(ctx, w.staff, h, vw)
		if err != nil || ho == nil || ho.HandedOverBy != w.users.Caseworker.Name || !ho.HandedOverAt.Equal(st.Now()) {
			t.Fatalf("handover %+v, %v", ho, err)
		}
		if n := countAudit(t, st, "viewing.invitation_handed_over"); n != 1 {
			t.Errorf("%d audit entries for the handover, want 1", n)
		}

		// A new date needs a new printed invitation.
		clk.Advance(time.Hour)
		if _, err := w.wf.Reschedule(ctx, w.staff, a.Match.ID, later.Slots[1].ID); err != nil {
			t.Fatal(err)
		}
		want(t, "print queue after reschedule", hrefs(w.staffBoard(), "einladungen"), printB, printA)

		// A viewing that has begun is no print task any more.
		clk.Advance(48 * time.Hour)
		want(t, "print queue after the viewing began", hrefs(w.staffBoard(), "einladungen"), printA)
	})
}

func TestStaffQueuesAppearAndDisappear(t *testing.T) {
	testutil.ForEachDialectAt(t, start, func(t *testing.T, st *store.Store, clk *clock.Manual) {
		w, ctx := newWorld(t, st), context.Background()
		if b := w.staffBoard(); len(b.Queues) != 0 {
			t.Fatalf("empty database, queues %q", queueIDs(b))
		}
		v1 := w.vacancy("Lange Straße 5", 48, 72)
		v2 := w.vacancy("Bergstraße 2", 48)
		v3 := w.vacancy("Hochstraße 9", 24)
		rescheduling := w.approve(v1, w.household(false), 0)
		declining := w.approve(v2, w.household(false), 0)
		confirming := w.approve(v3, w.household(false), 0)
		clk.Advance(time.Hour)
		w.answer(rescheduling, workflow.AnswerReschedule)
		w.answer(declining, workflow.AnswerDecline)
		w.answer(confirming, workflow.AnswerConfirm)

		b := w.staffBoard()
		want(t, "another date", hrefs(b, "anderer-termin"), card(rescheduling.Match))
		want(t, "declines", hrefs(b, "absagen"), fmt.Sprintf("/arbeitsbereich/angebote/%d/rangliste", v2.ID))
		if got := hrefs(b, "ohne-ergebnis"); got != nil {
			t.Errorf("viewings without outcome before any viewing: %q", got)
		}

		// Staff move the viewing: the request is done. Another household for the declined
		// flat: the decline is done.
		clk.Advance(time.Hour)
		if _, err := w.wf.Reschedule(ctx, w.staff, rescheduling.Match.ID, v1.Slots[1].ID); err != nil {
			t.Fatal(err)
		}
		w.approve(v2, w.household(false), 0)
		b = w.staffBoard()
		want(t, "another date after the reschedule", hrefs(b, "anderer-termin"))
		want(t, "declines after a new approval", hrefs(b, "absagen"))

		// The confirmed viewing is over: the landlord's decision is missing until recorded.
		clk.Advance(26 * time.Hour)
		want(t, "without outcome", hrefs(w.staffBoard(), "ohne-ergebnis"), card(confirming.Match))
		if err := w.wf.RecordOutcome(ctx, domain.Actor{User: w.users.Landlord}, workflow.Outcome{MatchID: confirming.Match.ID, Accepted: true}); err != nil {
			t.Fatal(err)
		}
		want(t, "without outcome after the Zusage", hrefs(w.staffBoard(), "ohne-ergebnis"))

		// A week later the untouched proposals are stalled, the longest stalled first.
		clk.Advance(workflow.StallAfter)
		stalled := hrefs(w.staffBoard(), "haengt")
		if len(stalled) < 2 || stalled[0] != card(rescheduling.Match) {
			t.Errorf("stalled %q, want the rescheduled match first", stalled)
		}

		// Offers to review (oldest first), landlords waiting, failed emails.
		first := testutil.Vacancy(t, st, w.users.LandlordOrg.ID, func(v *domain.Vacancy) { v.Status = domain.VacancyDraft })
		clk.Advance(time.Minute)
		second := testutil.Vacancy(t, st, w.users.LandlordOrg.ID, func(v *domain.Vacancy) { v.Status = domain.VacancyDraft })
		for _, v := range []*domain.Vacancy{first, second} {
			clk.Advance(time.Minute)
			if err := st.SetVacancyStatus(ctx, v.ID, domain.VacancySubmitted); err != nil {
				t.Fatal(err)
			}
		}
		l := &domain.Landlord{Name: "Neu Registriert", Kind: domain.LandlordPrivate, Status: domain.LandlordInvited, SelfRegistered: true}
		if err := st.CreateLandlord(ctx, l); err != nil {
			t.Fatal(err)
		}
		msgID := failedMessage(t, st)
		b = w.staffBoard()
		want(t, "review", hrefs(b, "pruefung"), fmt.Sprintf("/arbeitsbereich/angebote/%d", first.ID), fmt.Sprintf("/arbeitsbereich/angebote/%d", second.ID))
		want(t, "activation", hrefs(b, "freischaltung"), "/arbeitsbereich/vermieter")
		want(t, "failed", hrefs(b, "fehlgeschlagen"), fmt.Sprintf("/arbeitsbereich/postausgang/%d", msgID))
		// The queues come in order of urgency (the moved and the new viewing are over by now).
		want(t, "queue order", queueIDs(b), "ohne-ergebnis", "pruefung", "freischaltung", "haengt", "fehlgeschlagen")

		if err := st.SetVacancyStatus(ctx, first.ID, domain.VacancyPublished); err != nil {
			t.Fatal(err)
		}
		if err := st.SetLandlordStatus(ctx, l.ID, domain.LandlordActive); err != nil {
			t.Fatal(err)
		}
		if err := st.RetryMessage(ctx, msgID, w.staff.Audit("outbox.retry", "outbox", msgID, "")); err != nil {
			t.Fatal(err)
		}
		b = w.staffBoard()
		want(t, "review after publishing", hrefs(b, "pruefung"), fmt.Sprintf("/arbeitsbereich/angebote/%d", second.ID))
		want(t, "done queues", queueIDs(b), "ohne-ergebnis", "pruefung", "haengt")
	})
}

func TestLandlordQueuesAndSteps(t *testing.T) {
	testutil.ForEachDialectAt(t, start, func(t *testing.T, st *store.Store, clk *clock.Manual) {
		w, ctx := newWorld(t, st), context.Background()
		steps := func() []string {
			var out []string
			for _, s := range w.landlordBoard().Steps {
				mark := "-"
				switch {
				case s.Done:
					mark = "done"
				case s.Next:
					mark = "next " + s.Href
				}
				out = append(out, mark)
			}
			return out
		}
		// A new landlord: four steps, the agreement first.
		want(t, "new landlord", steps(), "next /vermieter/vereinbarung", "-", "-", "-")
		signed := st.Now()
		if err := st.CreateAgreement(ctx, &domain.CooperationAgreement{LandlordID: w.users.LandlordOrg.ID, Version: "2026-01",
			SignedAt: &signed, SignedByName: "Test"}); err != nil {
			t.Fatal(err)
		}
		want(t, "signed", steps(), "done", "next /vermieter/angebote/neu", "-", "-")
		draft := testutil.Vacancy(t, st, w.users.LandlordOrg.ID, func(v *domain.Vacancy) { v.Status, v.Slots = domain.VacancyDraft, nil })
		want(t, "draft", steps(), "done", "done", fmt.Sprintf("next /vermieter/angebote/%d#termine", draft.ID), "-")
		s := st.Now().Add(72 * time.Hour)
		if err := st.CreateSlot(ctx, &domain.ViewingSlot{VacancyID: draft.ID, StartsAt: s, EndsAt: s.Add(time.Hour), Place: "Tür", Capacity: 1}); err != nil {
			t.Fatal(err)
		}
		want(t, "slot", steps(), "done", "done", "done", fmt.Sprintf("next /vermieter/angebote/%d", draft.ID))
		if err := st.SetVacancyStatus(ctx, draft.ID, domain.VacancySubmitted); err != nil {
			t.Fatal(err)
		}
		if got := steps(); got != nil {
			t.Errorf("steps after the first submission: %q", got)
		}

		// Sent back: a task until it is submitted again.
		if err := st.SetVacancyStatus(ctx, draft.ID, domain.VacancyDraft); err != nil {
			t.Fatal(err)
		}
		if err := st.SetReviewComment(ctx, draft.ID, "Bitte Heizkosten angeben."); err != nil {
			t.Fatal(err)
		}
		want(t, "sent back", hrefs(w.landlordBoard(), "zurueckgegeben"), fmt.Sprintf("/vermieter/angebote/%d", draft.ID))

		// Approved proposals: upcoming first, then awaiting the decision once the viewing began.
		v := w.vacancy("Lange Straße 5", 24, 48)
		early := w.approve(v, w.household(false), 0)
		late := w.approve(v, w.household(false), 1)
		proposal := func(a *workflow.Approved) string {
			return fmt.Sprintf("/vermieter/angebote/%d/vorschlaege/%d", v.ID, a.Match.ID)
		}
		b := w.landlordBoard()
		want(t, "upcoming", hrefs(b, "besichtigungen"), proposal(early), proposal(late))
		want(t, "deciding before the viewing", hrefs(b, "entscheidung"))
		clk.Advance(25 * time.Hour)
		b = w.landlordBoard()
		want(t, "deciding", hrefs(b, "entscheidung"), proposal(early))
		want(t, "upcoming after the first viewing", hrefs(b, "besichtigungen"), proposal(late))
		if err := w.wf.RecordOutcome(ctx, domain.Actor{User: w.users.Landlord}, workflow.Outcome{MatchID: early.Match.ID, Reason: domain.RejectionReasonOptions[0].Value}); err != nil {
			t.Fatal(err)
		}
		want(t, "deciding after the Absage", hrefs(w.landlordBoard(), "entscheidung"))

		// Another landlord sees none of it.
		otherOrg := &domain.Landlord{Name: "Andere", Kind: domain.LandlordPrivate, Status: domain.LandlordActive}
		if err := st.CreateLandlord(ctx, otherOrg); err != nil {
			t.Fatal(err)
		}
		other := testutilLandlord(t, st, otherOrg.ID)
		if b := w.board(w.tasks.Landlord(ctx, domain.Actor{User: other})); len(b.Queues) != 0 {
			t.Errorf("another landlord sees %q", queueIDs(b))
		}
	})
}

func TestCaseworkerQueues(t *testing.T) {
	testutil.ForEachDialectAt(t, start, func(t *testing.T, st *store.Store, clk *clock.Manual) {
		w := newWorld(t, st)
		v := w.vacancy("Lange Straße 5", 24)
		v2 := w.vacancy("Bergstraße 2", 48)
		mine := w.approve(v, w.household(false), 0)
		w.approve(v2, testutil.Household(t, st, nil), 0) // a household without caseworker: not hers
		home := fmt.Sprintf("/haushalte/%d", mine.Match.HouseholdID)
		b := w.caseworkerBoard()
		want(t, "upcoming", hrefs(b, "besichtigungen"), home)
		want(t, "running", hrefs(b, "vorschlaege"), home)
		clk.Advance(25 * time.Hour)
		b = w.caseworkerBoard()
		want(t, "upcoming after the viewing", hrefs(b, "besichtigungen"))
		want(t, "running after the viewing", hrefs(b, "vorschlaege"), home)
		if err := w.wf.Withdraw(context.Background(), w.staff, mine.Match.ID, domain.Reason{Code: domain.ReasonOther, Note: "Test"}); err != nil {
			t.Fatal(err)
		}
		if b := w.caseworkerBoard(); len(b.Queues) != 0 {
			t.Errorf("after the withdrawal: %q", queueIDs(b))
		}
	})
}

func TestQueuesRespectRoles(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		users, svc, ctx := testutil.SeedUsers(t, st), tasks.New(st), context.Background()
		for name, call := range map[string]func() error{
			"staff as caseworker":    func() error { _, err := svc.Staff(ctx, domain.Actor{User: users.Caseworker}); return err },
			"staff as landlord":      func() error { _, err := svc.Staff(ctx, domain.Actor{User: users.Landlord}); return err },
			"caseworker as staff":    func() error { _, err := svc.Caseworker(ctx, domain.Actor{User: users.Staff}); return err },
			"landlord as staff":      func() error { _, err := svc.Landlord(ctx, domain.Actor{User: users.Staff}); return err },
			"hand over as landlord":  func() error { return svc.HandOver(ctx, domain.Actor{User: users.Landlord}, 1) },
			"hand over as applicant": func() error { return svc.HandOver(ctx, domain.Applicant("x"), 1) },
		} {
			if err := call(); !errors.Is(err, domain.ErrForbidden) {
				t.Errorf("%s: %v, want forbidden", name, err)
			}
		}
	})
}

// TestStartPagesCostFixedQueries: a start page runs the same number of queries with one
// task per queue as with many (no query per item).
func TestStartPagesCostFixedQueries(t *testing.T) {
	for _, d := range testutil.Dialects(t) {
		t.Run(d, func(t *testing.T) {
			st, n := testutil.OpenCounting(t, d)
			w := newWorld(t, st)
			count := func() [3]int64 {
				var out [3]int64
				for i, f := range []func() *tasks.Board{w.staffBoard, w.caseworkerBoard, w.landlordBoard} {
					before := n.Load()
					f()
					out[i] = n.Load() - before
				}
				return out
			}
			w.approve(w.vacancy("A-Straße 1", 48), w.household(true), 0)
			one := count()
			for i := range 5 {
				w.approve(w.vacancy(fmt.Sprintf("B-Straße %d", i), 48+i), w.household(true), 0)
			}
			if many := count(); many != one {
				t.Errorf("queries (staff, caseworker, landlord): %v with one task, %v with six", one, many)
			}
			t.Logf("queries per start page (staff, caseworker, landlord): %v", one)
		})
	}
}

var userSeq int

func newUser(t *testing.T, st *store.Store, role domain.Role, landlordID *int64) *domain.User {
	t.Helper()
	userSeq++
	u := &domain.User{Email: fmt.Sprintf("weitere%d@test.de", userSeq), Name: fmt.Sprintf("Weitere %d", userSeq), Role: role,
		LandlordID: landlordID, PasswordHash: "x", Active: true}
	if err := st.CreateUser(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	return u
}

func testutilCaseworker(t *testing.T, st *store.Store) *domain.User {
	return newUser(t, st, domain.RoleCaseworker, nil)
}

func testutilLandlord(t *testing.T, st *store.Store, landlordID int64) *domain.User {
	return newUser(t, st, domain.RoleLandlord, &landlordID)
}

func countAudit(t *testing.T, st *store.Store, action string) int {
	t.Helper()
	db, err := st.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.QueryRowContext(context.Background(), "SELECT COUNT(*) FROM audit_log WHERE action = $1", action).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// failedMessage queues an email and marks it failed, as the worker does after the last attempt.
func failedMessage(t *testing.T, st *store.Store) int64 {
	t.Helper()
	ctx := context.Background()
	if err := st.EnqueueMessages(ctx, domain.OutboxMessage{DedupeKey: "test-failed", Kind: "staff_alert", ToAddress: "x@test.de",
		Subject: "Test", BodyText: "Test"}); err != nil {
		t.Fatal(err)
	}
	db, err := st.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	if err := db.QueryRowContext(ctx, "SELECT id FROM outbox WHERE dedupe_key = 'test-failed'").Scan(&id); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, "UPDATE outbox SET state = 'failed', updated_at = $1 WHERE id = $2", st.Now(), id); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestQueueCountsBeyondTheItemsShown: a long queue shows its first ten items, counts all
// and links to the whole list.
func TestQueueCountsBeyondTheItemsShown(t *testing.T) {
	testutil.ForEachDialectAt(t, start, func(t *testing.T, st *store.Store, clk *clock.Manual) {
		w := newWorld(t, st)
		var first *domain.Vacancy
		for i := range 12 {
			clk.Advance(time.Minute)
			v := testutil.Vacancy(t, st, w.users.LandlordOrg.ID, func(v *domain.Vacancy) {
				v.Status, v.Street = domain.VacancySubmitted, fmt.Sprintf("Lange Straße %d", i+1)
				now := st.Now()
				v.SubmittedAt = &now
			})
			if first == nil {
				first = v
			}
		}
		b := w.staffBoard()
		if len(b.Queues) != 1 {
			t.Fatalf("queues %q", queueIDs(b))
		}
		q := b.Queues[0]
		if q.Total != 12 || len(q.Items) != 10 || q.More != "/arbeitsbereich/angebote" || q.Items[0].Title != first.Street {
			t.Errorf("queue %s: total %d, %d items, more %q, first %q", q.ID, q.Total, len(q.Items), q.More, q.Items[0].Title)
		}
		if b.Total() != 12 {
			t.Errorf("board total %d", b.Total())
		}
	})
}
