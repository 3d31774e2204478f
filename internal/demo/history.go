package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// leasesPerMonth bounds how many leases the demo history has in each month.
const minLeasesPerMonth, maxLeasesPerMonth = 2, 4

// pastOutcomes are the ways an earlier proposal of a history household ended before it
// found its flat.
var pastOutcomes = []domain.MatchState{domain.MatchDeclinedByApplicant, domain.MatchNoShow, domain.MatchLandlordRejected}

// history writes a year of past work, so that the statistics show something real on first
// start: in every month of the last twelve (from the same day eleven months ago up to
// today, the statistics' default period) two to four households found a flat through the
// portal. Each lease has its own let vacancy, approved about three weeks and viewed about
// two weeks before the lease; about half the households first had a proposal elsewhere
// that ended in a decline, a no-show or a landlord's rejection. The history households are
// housed, so the waiting households and the rankings of today stay as they are. It draws
// from its own seed, so the other demo data do not change with it; first is the index of
// the first history household.
func (g *generator) history(ctx context.Context, st *store.Store, first int, used map[int64]bool) error {
	h := *g
	h.rng = rand.New(rand.NewPCG(2026, 1212))
	from := g.today.AddMonths(-11)
	index := first
	for m := from.FirstOfMonth(); m <= g.today; m = m.AddMonths(1) {
		lo, hi := max(m, from), min(m.AddMonths(1).AddDays(-1), g.today)
		for n := h.between(minLeasesPerMonth, maxLeasesPerMonth); n > 0; n-- {
			day := lo.AddDays(h.rng.IntN(int(hi-lo) + 1))
			if err := h.pastLease(ctx, st, index, day, used); err != nil {
				return fmt.Errorf("history lease %d on %v: %w", index, day, err)
			}
			index++
		}
	}
	return nil
}

// pastLease writes one household housed on the given day, with its vacancy, its proposal,
// its viewing and perhaps an earlier proposal that failed.
func (g *generator) pastLease(ctx context.Context, st *store.Store, i int, day domain.Date, used map[int64]bool) error {
	leaseAt := g.pastInstant(day, 11)
	hh := g.household(i)
	hh.Status, hh.PausedReason, hh.PausedUntil = domain.HouseholdHoused, "", 0
	hh.LeftOn = day
	hh.RegisteredOn = day.AddDays(-g.between(60, 900))
	for used[hh.LotteryNumber] {
		hh.LotteryNumber = g.rng.Int64N(1 << 62)
	}
	used[hh.LotteryNumber] = true
	if err := st.CreateHousehold(ctx, hh); err != nil {
		return err
	}
	if g.chance(0.5) {
		failedAt := leaseAt.Add(-time.Duration(g.between(30, 60)) * 24 * time.Hour)
		if err := g.pastProposal(ctx, st, i, hh, failedAt, pick(g, pastOutcomes)); err != nil {
			return err
		}
	}
	return g.pastProposal(ctx, st, i, hh, leaseAt, domain.MatchLeaseSigned)
}

// pastProposal writes a let (or, for a failed proposal, again published) vacancy and the
// household's proposal on it, which reached its final state at the given time.
func (g *generator) pastProposal(ctx context.Context, st *store.Store, i int, hh *domain.Household, at time.Time, state domain.MatchState) error {
	codes := domain.PostalCodes()
	v := g.vacancy([]int{0, 1, 3, 4, 5, 6, 7, 8}[i%8], codes[i%len(codes)])
	viewing := g.pastInstant(domain.Today(at).AddDays(-g.between(5, 10)), 10)
	approved := viewing.Add(-time.Duration(g.between(4, 8)) * 24 * time.Hour)
	submitted, published := approved.Add(-9*24*time.Hour), approved.Add(-6*24*time.Hour)
	v.SubmittedAt, v.PublishedAt = &submitted, &published
	v.AvailableFrom = domain.Today(at).AddDays(g.between(7, 30))
	v.Status = domain.VacancyLet
	if state != domain.MatchLeaseSigned {
		v.Status = domain.VacancyWithdrawn // let to someone outside the portal
	}
	v.Slots = []domain.ViewingSlot{{StartsAt: viewing.UTC(), EndsAt: viewing.Add(45 * time.Minute).UTC(),
		Place: "vor dem Hauseingang, " + v.Street, Capacity: 2}}
	if err := st.CreateVacancy(ctx, v); err != nil {
		return err
	}
	staff := pick(g, g.staff)
	m := &domain.Match{VacancyID: v.ID, HouseholdID: hh.ID, Place: 1, State: state, Score: float64(g.between(400, 900)) / 10,
		Rank: g.between(1, 3), PolicyVersion: 1, ProposedByID: &staff.ID, ApprovedByID: &staff.ID, ApprovedAt: &approved, StateChangedAt: at}
	if err := overrideSnapshot(ctx, st, m, v.ID, approved); err != nil { // fairness: Art. 22 reasons
		return err
	}
	vs := domain.ViewingHeld
	switch state {
	case domain.MatchLandlordRejected:
		reason := pick(g, []string{"other_tenant", "household_size", "impression"})
		m.RejectionReason = &reason
	case domain.MatchNoShow:
		vs = domain.ViewingNoShow
	case domain.MatchDeclinedByApplicant:
		vs, m.StateChangedAt = domain.ViewingCancelled, viewing.Add(-2*24*time.Hour)
	}
	if err := st.CreatePastMatch(ctx, m, approved); err != nil {
		return err
	}
	return st.CreateViewing(ctx, &domain.Viewing{MatchID: m.ID, SlotID: &v.Slots[0].ID, StartsAt: v.Slots[0].StartsAt,
		EndsAt: v.Slots[0].EndsAt, Place: v.Slots[0].Place, State: vs, CalendarUID: fmt.Sprintf("demo-history-%d@wohnbruecke", m.ID)})
}

// pastInstant is the given hour of a day in Hagen, but never later than the store's clock
// (and never before the day's midnight), so that today's history lies in the past.
func (g *generator) pastInstant(day domain.Date, hour int) time.Time {
	t := day.Midnight().Add(time.Duration(hour)*time.Hour + time.Duration(g.rng.IntN(300))*time.Minute)
	if t.After(g.now) {
		t = g.now
	}
	if t.Before(day.Midnight()) {
		t = day.Midnight()
	}
	return t
}
