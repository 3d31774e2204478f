package store_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// mover is one store method that changes an aggregate's state.
type mover[S ~string] struct {
	name string
	to   []S // the targets the method makes; nil: any
	from []S // the only states it may act from, narrower than the table; nil: the table's
	// do attempts the change and reports whether the row was moved. A refused change must
	// return an error, unless batch is set: a batch method (the worker's claim) skips rows
	// it may not take without an error.
	do    func(ctx context.Context, id int64, to S) (bool, error)
	batch bool
}

// walk drives every (from, to) pair of one transition table through the store.
type walk[S ~string, R any] struct {
	table  *domain.Machine[S]
	create func(t *testing.T, from S) int64 // a fresh row in state from
	read   func(t *testing.T, id int64) R
	state  func(R) S
	stamp  func(r R, column string) *time.Time
	movers []mover[S]
}

func (w walk[S, R]) run(t *testing.T, st *store.Store) {
	ctx := context.Background()
	for _, from := range w.table.States() {
		for _, to := range w.table.States() {
			allowed, moved := w.table.CanMove(from, to), false
			for _, mv := range w.movers {
				if mv.to != nil && !slices.Contains(mv.to, to) {
					continue
				}
				id := w.create(t, from)
				before := w.read(t, id)
				if got := w.state(before); got != from {
					t.Fatalf("%s: fixture in %s, want %s", w.table.Aggregate, got, from)
				}
				start := st.Now().Add(-time.Second)
				ok, err := mv.do(ctx, id, to)
				after := w.read(t, id)
				pair := fmt.Sprintf("%s %s → %s (%s)", w.table.Aggregate, from, to, mv.name)
				if ok {
					moved = true
					if !allowed {
						t.Errorf("%s: the store made a change the table does not allow", pair)
					}
					if mv.from != nil && !slices.Contains(mv.from, from) {
						t.Errorf("%s: the method acted on a row it must leave alone", pair)
					}
					if err != nil || w.state(after) != to {
						t.Errorf("%s: err %v, state %s", pair, err, w.state(after))
					}
					if col := w.table.Stamp(to); col != "" {
						if ts := w.stamp(after, col); ts == nil || ts.Before(start) {
							t.Errorf("%s: %s = %v, want the time of the change", pair, col, ts)
						}
					}
					continue
				}
				if !reflect.DeepEqual(before, after) {
					t.Errorf("%s: refused but the row changed:\n before %+v\n after  %+v", pair, before, after)
				}
				if mv.batch && err == nil {
					continue
				}
				var te *domain.TransitionError
				var ce *domain.ConflictError
				if !errors.As(err, &te) || te.From != string(from) || te.To != string(to) ||
					!errors.Is(err, domain.ErrConflict) || !errors.As(err, &ce) || ce.Message == "" {
					t.Errorf("%s: refusal %v, want a TransitionError %s → %s with a German message", pair, err, from, to)
				}
			}
			if allowed && !moved {
				t.Errorf("%s %s → %s is in the table but no store method makes it", w.table.Aggregate, from, to)
			}
		}
	}
}

// plain adapts a store method that returns an error to a mover.
func plain[S ~string](name string, f func(ctx context.Context, id int64, to S) error, to ...S) mover[S] {
	return mover[S]{name: name, to: to, do: func(ctx context.Context, id int64, s S) (bool, error) {
		err := f(ctx, id, s)
		return err == nil, err
	}}
}

// only narrows the states a mover may act from.
func only[S ~string](m mover[S], from ...S) mover[S] {
	m.from = from
	return m
}

// must fails the test on an error and returns the value: must[T](t)(f()).
func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func TestTransitionTablesThroughTheStore(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		users := testutil.SeedUsers(t, st)
		lid := users.LandlordOrg.ID
		vacancy := testutil.Vacancy(t, st, lid, nil)
		seq, rejected := 0, "other"
		newMatch := func(t *testing.T, state domain.MatchState) int64 {
			seq++
			h := testutil.Household(t, st, nil)
			m := &domain.Match{VacancyID: vacancy.ID, HouseholdID: h.ID, Place: seq, State: state}
			if state == domain.MatchLandlordRejected {
				m.RejectionReason = &rejected
			}
			if err := st.CreateMatch(ctx, m); err != nil {
				t.Fatal(err)
			}
			return m.ID
		}

		t.Run("vacancy", func(t *testing.T) {
			walk[domain.VacancyStatus, *domain.Vacancy]{
				table: domain.VacancyTransitions,
				create: func(t *testing.T, from domain.VacancyStatus) int64 {
					return testutil.Vacancy(t, st, lid, func(v *domain.Vacancy) { v.Status = from }).ID
				},
				read:  func(t *testing.T, id int64) *domain.Vacancy { return must[*domain.Vacancy](t)(st.VacancyByID(ctx, id)) },
				state: func(v *domain.Vacancy) domain.VacancyStatus { return v.Status },
				stamp: func(v *domain.Vacancy, col string) *time.Time {
					return map[string]*time.Time{"submitted_at": v.SubmittedAt, "published_at": v.PublishedAt}[col]
				},
				movers: []mover[domain.VacancyStatus]{plain("SetVacancyStatus", st.SetVacancyStatus)},
			}.run(t, st)
		})

		t.Run("match", func(t *testing.T) {
			walk[domain.MatchState, *domain.Match]{
				table:  domain.MatchTransitions,
				create: newMatch,
				read:   func(t *testing.T, id int64) *domain.Match { return must[*domain.Match](t)(st.MatchByID(ctx, id)) },
				state:  func(m *domain.Match) domain.MatchState { return m.State },
				stamp: func(m *domain.Match, col string) *time.Time {
					return map[string]*time.Time{"state_changed_at": &m.StateChangedAt}[col]
				},
				movers: []mover[domain.MatchState]{plain("TransitionMatch",
					func(ctx context.Context, id int64, to domain.MatchState) error {
						var extra map[string]any
						if to == domain.MatchLandlordRejected { // the schema wants the reason with it
							extra = map[string]any{"rejection_reason": rejected}
						}
						return st.TransitionMatch(ctx, id, to, extra)
					})},
			}.run(t, st)
		})

		t.Run("viewing", func(t *testing.T) {
			slot := vacancy.Slots[0]
			walk[domain.ViewingState, *domain.Viewing]{
				table: domain.ViewingTransitions,
				create: func(t *testing.T, from domain.ViewingState) int64 {
					seq++
					vw := &domain.Viewing{MatchID: newMatch(t, domain.MatchViewingScheduled), SlotID: &slot.ID,
						StartsAt: slot.StartsAt, EndsAt: slot.EndsAt, Place: slot.Place, State: from,
						CalendarUID: fmt.Sprintf("walk-%d@test", seq)}
					if err := st.CreateViewing(ctx, vw); err != nil {
						t.Fatal(err)
					}
					return vw.ID
				},
				read:  func(t *testing.T, id int64) *domain.Viewing { return must[*domain.Viewing](t)(st.ViewingByID(ctx, id)) },
				state: func(v *domain.Viewing) domain.ViewingState { return v.State },
				movers: []mover[domain.ViewingState]{
					plain("UpdateViewingState", st.UpdateViewingState),
					plain("RescheduleViewing", func(ctx context.Context, id int64, _ domain.ViewingState) error {
						return st.RescheduleViewing(ctx, id, &slot.ID, slot.StartsAt.Add(time.Hour), slot.EndsAt.Add(time.Hour), "Neuer Ort")
					}, domain.ViewingScheduled),
				},
			}.run(t, st)
		})

		t.Run("household", func(t *testing.T) {
			walk[domain.HouseholdStatus, *domain.Household]{
				table: domain.HouseholdTransitions,
				create: func(t *testing.T, from domain.HouseholdStatus) int64 {
					return testutil.Household(t, st, func(h *domain.Household) {
						h.Status = from
						if from == domain.HouseholdPaused {
							h.PausedReason, h.PausedUntil = "Klinik", st.Today().AddDays(10)
						}
					}).ID
				},
				read: func(t *testing.T, id int64) *domain.Household {
					return must[*domain.Household](t)(st.HouseholdByID(ctx, id))
				},
				state: func(h *domain.Household) domain.HouseholdStatus { return h.Status },
				movers: []mover[domain.HouseholdStatus]{
					plain("SetHouseholdStatus", st.SetHouseholdStatus,
						domain.HouseholdActive, domain.HouseholdHoused, domain.HouseholdClosed),
					plain("PauseHousehold", func(ctx context.Context, id int64, _ domain.HouseholdStatus) error {
						return st.PauseHousehold(ctx, id, "Urlaub", st.Today().AddDays(20))
					}, domain.HouseholdPaused),
				},
			}.run(t, st)
		})

		t.Run("landlord", func(t *testing.T) {
			walk[domain.LandlordStatus, *domain.Landlord]{
				table: domain.LandlordTransitions,
				create: func(t *testing.T, from domain.LandlordStatus) int64 {
					l := &domain.Landlord{Name: "Walk GmbH", Kind: "company", Status: from}
					if err := st.CreateLandlord(ctx, l); err != nil {
						t.Fatal(err)
					}
					return l.ID
				},
				read: func(t *testing.T, id int64) *domain.Landlord {
					return must[*domain.Landlord](t)(st.LandlordByID(ctx, id))
				},
				state:  func(l *domain.Landlord) domain.LandlordStatus { return l.Status },
				movers: []mover[domain.LandlordStatus]{plain("SetLandlordStatus", st.SetLandlordStatus)},
			}.run(t, st)
		})

		t.Run("message", func(t *testing.T) {
			// Every new message is due earlier than all before it, so a claim of one takes it.
			due := st.Now()
			claim := func(t *testing.T, id int64) {
				t.Helper()
				got := must[[]domain.OutboxMessage](t)(st.ClaimMessages(ctx, 1, time.Minute))
				if len(got) != 1 || got[0].ID != id {
					t.Fatalf("claim took %v, want message %d", got, id)
				}
			}
			walk[domain.MessageState, *domain.OutboxMessage]{
				table: domain.MessageTransitions,
				create: func(t *testing.T, from domain.MessageState) int64 {
					seq++
					due = due.Add(-time.Minute)
					m := outboxMsg(fmt.Sprintf("walk-%d", seq))
					m.NextAttemptAt = due
					if err := st.EnqueueMessages(ctx, m); err != nil {
						t.Fatal(err)
					}
					page := must[store.OutboxPage](t)(st.ListOutbox(ctx, store.OutboxFilter{PerPage: 1}))
					id := page.Messages[0].ID
					if from != domain.MessageQueued {
						claim(t, id)
					}
					switch from {
					case domain.MessageSent:
						if err := st.MarkMessageSent(ctx, id); err != nil {
							t.Fatal(err)
						}
					case domain.MessageFailed:
						if err := st.FailMessage(ctx, id, "550"); err != nil {
							t.Fatal(err)
						}
					}
					return id
				},
				read: func(t *testing.T, id int64) *domain.OutboxMessage {
					return must[*domain.OutboxMessage](t)(st.OutboxMessageByID(ctx, id))
				},
				state: func(m *domain.OutboxMessage) domain.MessageState { return m.State },
				stamp: func(m *domain.OutboxMessage, col string) *time.Time {
					return map[string]*time.Time{"sent_at": m.SentAt}[col]
				},
				movers: []mover[domain.MessageState]{
					{name: "ClaimMessages", to: []domain.MessageState{domain.MessageSending}, batch: true,
						do: func(ctx context.Context, id int64, _ domain.MessageState) (bool, error) {
							got, err := st.ClaimMessages(ctx, 1, time.Minute)
							return err == nil && slices.ContainsFunc(got, func(m domain.OutboxMessage) bool { return m.ID == id }), err
						}},
					plain("MarkMessageSent", func(ctx context.Context, id int64, _ domain.MessageState) error {
						return st.MarkMessageSent(ctx, id)
					}, domain.MessageSent),
					plain("FailMessage", func(ctx context.Context, id int64, _ domain.MessageState) error {
						return st.FailMessage(ctx, id, "550 no such user")
					}, domain.MessageFailed),
					only(plain("ScheduleMessageRetry", func(ctx context.Context, id int64, _ domain.MessageState) error {
						return st.ScheduleMessageRetry(ctx, id, st.Now().Add(24*time.Hour), "421 later")
					}, domain.MessageQueued), domain.MessageSending), // the worker's own message
					only(plain("RetryMessage", func(ctx context.Context, id int64, _ domain.MessageState) error {
						return st.RetryMessage(ctx, id, nil)
					}, domain.MessageQueued), domain.MessageFailed), // staff never take one from the worker
				},
			}.run(t, st)
		})
	})
}

// consistent checks a table's own promises: Next and From agree with CanMove, and a
// refusal names the pair.
func consistent[S ~string](t *testing.T, m *domain.Machine[S]) {
	for _, a := range m.States() {
		for _, b := range m.States() {
			can := m.CanMove(a, b)
			if can != slices.Contains(m.Next(a), b) || can != slices.Contains(m.From(b), a) || can != (m.Check(a, b) == nil) {
				t.Errorf("%s %s → %s: CanMove, Next, From and Check disagree", m.Aggregate, a, b)
			}
		}
	}
}

func TestTransitionTablesAreConsistent(t *testing.T) {
	consistent(t, domain.VacancyTransitions)
	consistent(t, domain.MatchTransitions)
	consistent(t, domain.ViewingTransitions)
	consistent(t, domain.HouseholdTransitions)
	consistent(t, domain.LandlordTransitions)
	consistent(t, domain.MessageTransitions)
	if !domain.MessageFailed.CanMoveAs(domain.MessageQueued, domain.RoleStaff) ||
		domain.MessageSending.CanMoveAs(domain.MessageQueued, domain.RoleStaff) {
		t.Error("staff may send a failed message again, but not take one from the worker")
	}
	if domain.MatchLeaseSigned.Open() || !domain.MatchTransitions.Terminal(domain.MatchLeaseSigned) {
		t.Error("a lease is final")
	}
}
