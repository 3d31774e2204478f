package demo

import (
	"context"
	"fmt"
	"math/rand/v2"

	"wohnbruecke/internal/auth"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// The older tenancy history of the follow-ups: leases from 30 months ago up to the month
// before the statistics' default period (so the placement figures of the last twelve
// months stay as the history writes them), two a month.
const (
	olderFromMonths, olderToMonths = 30, 12
	olderPerMonth                  = 2
	olderFirstIndex                = 100_000 // household indices of the older history
	// openFor is how long a due follow-up stays open in the demo; older ones are recorded.
	openFor = 45
)

// fate is how a demo tenancy went: kept the flat, or left it on a day for a reason, with
// or without a home afterwards.
type fate struct {
	endOn  domain.Date
	reason domain.TenancyEndReason
	housed bool
}

// followUps writes the tenancy phase's follow-ups on first start: an older history of
// tenancies (leases 12 to 30 months ago, some ended: housed elsewhere, eviction, notice,
// care home, death), and for every tenancy in the database its follow-ups due by today
// (domain.FollowUpDue): those due in the last 45 days open, the older ones recorded
// consistently with how the tenancy went (domain.FollowUpEffect), and at 3 and 12 months
// of a running tenancy the landlord's satisfaction check, most of them answered. It draws
// from its own seed, so the other demo data do not change with it.
func (g *generator) followUps(ctx context.Context, st *store.Store, used map[int64]bool) error {
	f := *g
	f.rng = rand.New(rand.NewPCG(2026, 1903))
	index := olderFirstIndex
	fates := map[int64]fate{}
	for m := g.today.AddMonths(-olderFromMonths); m < g.today.AddMonths(-olderToMonths+1); m = m.AddMonths(1) {
		for range olderPerMonth {
			day := m.AddDays(f.rng.IntN(int(m.AddMonths(1) - m)))
			t, err := f.olderTenancy(ctx, st, index, day, used)
			if err != nil {
				return fmt.Errorf("older tenancy %d on %v: %w", index, day, err)
			}
			index++
			if ft, ok := f.fateOf(t); ok {
				fates[t.ID] = ft
				end := domain.TenancyEnd{EndDate: ft.endOn, Reason: ft.reason, StablyHoused: &ft.housed}
				if err := st.AsOf(f.pastInstant(ft.endOn, 15)).EndTenancy(ctx, t.ID, end, ft.housed, &pick(g, g.caseworkers).ID); err != nil {
					return err
				}
			}
		}
	}
	rows, err := st.TenanciesWithDueFollowUps(ctx, g.today)
	if err != nil {
		return err
	}
	for _, t := range rows {
		if err := f.tenancyFollowUps(ctx, st, t, fates[t.ID]); err != nil {
			return fmt.Errorf("follow-ups of tenancy %d: %w", t.ID, err)
		}
	}
	return nil
}

// olderTenancy writes a household housed on day through the portal and its tenancy.
func (g *generator) olderTenancy(ctx context.Context, st *store.Store, i int, day domain.Date, used map[int64]bool) (*domain.Tenancy, error) {
	hh := g.household(i)
	hh.Status, hh.PausedReason, hh.PausedUntil = domain.HouseholdHoused, "", 0
	hh.LeftOn = day // versorgt on the lease day, as pastLease: the retention periods count from here
	hh.RegisteredOn = day.AddDays(-g.between(60, 700))
	if i%3 == 0 { // the Klartext caseworker accompanies a third of them
		hh.CaseworkerID = &g.caseworkers[0].ID
	}
	for used[hh.LotteryNumber] {
		hh.LotteryNumber = g.rng.Int64N(1 << 62)
	}
	used[hh.LotteryNumber] = true
	if err := st.CreateHousehold(ctx, hh); err != nil {
		return nil, err
	}
	if err := g.pastProposal(ctx, st, i, hh, g.pastInstant(day, 11), domain.MatchLeaseSigned); err != nil {
		return nil, err
	}
	ms, err := st.MatchesOfHousehold(ctx, hh.ID)
	if err != nil || len(ms) == 0 {
		return nil, fmt.Errorf("no lease for household %d: %w", hh.ID, err)
	}
	m := ms[0].Match
	v, err := st.VacancyByID(ctx, m.VacancyID)
	if err != nil {
		return nil, err
	}
	var contactID *int64
	if c, err := st.AgreementContact(ctx, v.LandlordID); err != nil {
		return nil, err
	} else if c != nil {
		contactID = &c.ID
	}
	t := domain.NewTenancy(&m, v, hh, contactID, day)
	if t.CompanionID == nil { // as the tenancies' demo: the first caseworker accompanies
		t.CompanionID = &g.caseworkers[0].ID
	}
	// The Wohnbegleitung kept its rhythm with all but one in eight: their next contact
	// lies ahead (the visit log itself is the tenancy branch's demo).
	if i%8 != 5 {
		t.NextVisitDue = g.today.AddDays(g.between(1, 28))
	}
	if err := st.AsOf(g.pastInstant(day, 12)).CreateTenancy(ctx, t); err != nil {
		return nil, err
	}
	return t, nil
}

// fateOf draws how an older tenancy went: about seven in ten keep the flat, the others
// leave it on a day before today.
func (g *generator) fateOf(t *domain.Tenancy) (fate, bool) {
	r := g.rng.Float64()
	if r < 0.7 {
		return fate{}, false
	}
	span := int(g.today - t.StartDate)
	ft := fate{endOn: t.StartDate.AddDays(30 + g.rng.IntN(max(span-30, 1)))}
	switch {
	case r < 0.8:
		ft.reason, ft.housed = domain.EndHousedElsewhere, true
	case r < 0.86:
		ft.reason = domain.EndEviction
	case r < 0.92:
		ft.reason = domain.EndNoticeLandlord
	case r < 0.96:
		ft.reason, ft.housed = domain.EndCareHome, true
	default:
		ft.reason = domain.EndDied
	}
	return ft, true
}

// tenancyFollowUps writes a tenancy's follow-ups due by today: open in the last 45 days,
// recorded before (by the rule of FollowUpEffect: in the flat before the end, afterwards
// elsewhere or lost), with the landlord's satisfaction checks of a running tenancy.
func (g *generator) tenancyFollowUps(ctx context.Context, st *store.Store, t store.FollowUpTenancy, ft fate) error {
	for _, months := range domain.FollowUpMonths {
		due := domain.FollowUpDue(t.StartDate, months)
		if due > g.today {
			break
		}
		if !ft.endOn.IsZero() && ft.reason == domain.EndDied && due > ft.endOn {
			break
		}
		f := &domain.FollowUp{TenancyID: t.ID, Months: months, DueOn: due}
		if _, err := st.AsOf(g.pastInstant(due, 6)).CreateFollowUp(ctx, f); err != nil {
			return err
		}
		running := ft.endOn.IsZero() || due < ft.endOn
		if running && (months == 3 || months == 12) {
			if err := g.satisfactionCheck(ctx, st, t, months, due); err != nil {
				return err
			}
		}
		if due > g.today.AddDays(-openFor) {
			continue
		}
		outcome := domain.OutcomeInFlat
		var reason *domain.TenancyEndReason
		switch {
		case running:
		case ft.housed:
			outcome, reason = domain.OutcomeElsewhere, &ft.reason
			if ft.reason != domain.EndHousedElsewhere {
				r := domain.EndHousedElsewhere
				reason = &r
			}
		default:
			outcome, reason = domain.OutcomeLost, &ft.reason
		}
		by := pick(g, append(g.caseworkers, g.staff...))
		f.Outcome, f.EndReason, f.RecordedByID, f.RecordedByName = &outcome, reason, &by.ID, by.Name
		if outcome == domain.OutcomeInFlat {
			f.Note = pick(g, []string{"Hausbesuch, alles in Ordnung.", "Telefonat: Miete wird gezahlt, Nachbarschaft gut.", ""})
		}
		if err := st.AsOf(g.pastInstant(due.AddDays(g.between(1, 20)), 14)).RecordFollowUp(ctx, f); err != nil {
			return err
		}
	}
	return nil
}

// satisfactionCheck writes the landlord's check of a follow-up month; its link's token is
// thrown away (the demo has no mailbox to read it from), and three in four are answered.
func (g *generator) satisfactionCheck(ctx context.Context, st *store.Store, t store.FollowUpTenancy, months int, due domain.Date) error {
	raw, err := auth.NewToken()
	if err != nil {
		return err
	}
	sent := g.pastInstant(due, 6)
	c := &domain.SatisfactionCheck{TenancyID: t.ID, Months: months, TokenHash: auth.HashToken(raw), ExpiresAt: sent.Add(domain.SatisfactionValidity)}
	if _, err := st.AsOf(sent).CreateSatisfactionCheck(ctx, c); err != nil {
		return err
	}
	answeredOn := due.AddDays(g.between(1, 14))
	if answeredOn > g.today || !g.chance(0.75) {
		return nil
	}
	score := func() domain.SatisfactionScore { return domain.SatisfactionScore(pick(g, []int{3, 4, 4, 5, 5, 5})) }
	ans := domain.SatisfactionAnswer{Scores: [3]domain.SatisfactionScore{score(), score(), score()},
		Comment: pick(g, []string{"", "", "Die Ansprechperson war immer schnell erreichbar.", "Gerne wieder ein Haushalt aus dem Programm."})}
	at := g.pastInstant(answeredOn, 16)
	if !at.Before(c.ExpiresAt) {
		return nil
	}
	return st.AsOf(at).AnswerSatisfactionCheck(ctx, c.ID, ans)
}
