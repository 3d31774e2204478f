package demo

import (
	"context"
	"fmt"
	"time"

	"wohnbruecke/internal/auth"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// work gives every start page real tasks on first start: proposals in the states the
// queues follow, for the first landlord's flats (login vermietung@stadtwohnen.demo) and
// the first caseworker's households (klartext@wohnbruecke.demo): an invitation to print
// for a household without email, a request for another date, a viewing without outcome
// that is also stalled, a decline, an offer sent back and a landlord waiting for
// activation.
func (g *generator) work(ctx context.Context, st *store.Store) error {
	rows, _, err := st.ListHouseholds(ctx, store.HouseholdFilter{CaseworkerID: g.caseworkers[0].ID,
		Status: string(domain.HouseholdActive), Sort: "reference", PerPage: 100})
	if err != nil {
		return err
	}
	var noEmail, withEmail []*domain.Household
	for _, r := range rows {
		h, err := st.HouseholdByID(ctx, r.ID)
		if err != nil {
			return err
		}
		if h.Email == nil {
			noEmail = append(noEmail, h)
		} else {
			withEmail = append(withEmail, h)
		}
	}
	vs, err := st.VacanciesOfLandlord(ctx, g.landlordIDs[0])
	if err != nil {
		return err
	}
	var flats []domain.Vacancy
	var submitted *domain.Vacancy
	for i, v := range vs {
		switch {
		case v.Status == domain.VacancyPublished && v.Places == 1 && len(v.Slots) > 0:
			flats = append(flats, v)
		case v.Status == domain.VacancySubmitted && submitted == nil:
			submitted = &vs[i]
		}
	}
	if len(noEmail) < 1 || len(withEmail) < 3 || len(flats) < 4 || submitted == nil {
		return fmt.Errorf("demo: work: too few records (%d without email, %d with, %d flats)", len(noEmail), len(withEmail), len(flats))
	}
	day, hour := 24*time.Hour, time.Hour

	// The household without email, approved two hours ago: its invitation waits to be printed.
	if _, _, err := g.propose(ctx, st.AsOf(g.now.Add(-2*hour)), flats[0], noEmail[0], true, time.Time{}); err != nil {
		return err
	}
	// A household asked for another date three hours ago.
	_, tok, err := g.propose(ctx, st.AsOf(g.now.Add(-26*hour)), flats[1], withEmail[0], true, time.Time{})
	if err != nil {
		return err
	}
	if err := st.AsOf(g.now.Add(-3*hour)).AnswerApplicantToken(ctx, tok.ID, "reschedule"); err != nil {
		return err
	}
	// Approved ten days ago, confirmed nine days ago, viewed two days ago: no outcome yet.
	t := g.now.Add(-2 * day).In(domain.Berlin)
	viewed := time.Date(t.Year(), t.Month(), t.Day(), 10, 0, 0, 0, domain.Berlin)
	m, tok, err := g.propose(ctx, st.AsOf(g.now.Add(-10*day)), flats[2], withEmail[1], false, viewed)
	if err != nil {
		return err
	}
	confirmed := st.AsOf(g.now.Add(-9 * day))
	if err := confirmed.AnswerApplicantToken(ctx, tok.ID, "confirm"); err != nil {
		return err
	}
	if err := confirmed.UpdateViewingState(ctx, tok.ViewingID, domain.ViewingConfirmed); err != nil {
		return err
	}
	if err := confirmed.TransitionMatch(ctx, m.ID, domain.MatchViewingConfirmed, nil); err != nil {
		return err
	}
	// Declined yesterday: the flat waits for the next household.
	m, tok, err = g.propose(ctx, st.AsOf(g.now.Add(-3*day)), flats[3], withEmail[2], true, time.Time{})
	if err != nil {
		return err
	}
	declined := st.AsOf(g.now.Add(-day))
	if err := declined.AnswerApplicantToken(ctx, tok.ID, "decline"); err != nil {
		return err
	}
	if err := declined.UpdateViewingState(ctx, tok.ViewingID, domain.ViewingCancelled); err != nil {
		return err
	}
	if err := declined.ReleaseSlot(ctx, flats[3].Slots[0].ID); err != nil {
		return err
	}
	if err := declined.TransitionMatch(ctx, m.ID, domain.MatchDeclinedByApplicant, nil); err != nil {
		return err
	}
	// An offer sent back for revision.
	if err := st.SetVacancyStatus(ctx, submitted.ID, domain.VacancyDraft); err != nil {
		return err
	}
	if err := st.SetReviewComment(ctx, submitted.ID, "Bitte ergänzen Sie die Heizkosten und ob ein Aufzug vorhanden ist."); err != nil {
		return err
	}
	return g.waitingLandlord(ctx, st)
}

// propose writes an approved match with its viewing and link token as the workflow does:
// into the flat's first slot (booked) or, without slot, at the given start.
func (g *generator) propose(ctx context.Context, st *store.Store, v domain.Vacancy, h *domain.Household, inSlot bool, startsAt time.Time) (*domain.Match, *domain.ApplicantToken, error) {
	now, staff := st.Now(), g.staff[0].ID
	m := &domain.Match{VacancyID: v.ID, HouseholdID: h.ID, Place: 1, State: domain.MatchViewingScheduled,
		Score: float64(g.between(550, 850)) / 10, Rank: g.between(1, 3), ProposedByID: &staff, ApprovedByID: &staff, ApprovedAt: &now}
	if err := st.CreateMatch(ctx, m); err != nil {
		return nil, nil, err
	}
	vw := &domain.Viewing{MatchID: m.ID, StartsAt: startsAt.UTC(), EndsAt: startsAt.Add(45 * time.Minute).UTC(),
		Place: "vor dem Hauseingang, " + v.Street, State: domain.ViewingScheduled,
		CalendarUID: fmt.Sprintf("viewing-demo-%d@wohnbruecke", m.ID)}
	if inSlot {
		slot := v.Slots[0]
		if err := st.ClaimSlot(ctx, slot.ID); err != nil {
			return nil, nil, err
		}
		vw.SlotID, vw.StartsAt, vw.EndsAt, vw.Place = &slot.ID, slot.StartsAt, slot.EndsAt, slot.Place
	}
	if err := st.CreateViewing(ctx, vw); err != nil {
		return nil, nil, err
	}
	// Nobody holds the raw token of a demo invitation: the hash of a random value.
	tok := &domain.ApplicantToken{ViewingID: vw.ID, TokenHash: auth.HashToken(fmt.Sprintf("demo-%d-%d", m.ID, g.rng.Int64())),
		ExpiresAt: vw.EndsAt.Add(24 * time.Hour)}
	if err := st.CreateApplicantToken(ctx, tok); err != nil {
		return nil, nil, err
	}
	return m, tok, nil
}

// waitingLandlord is a self-registered landlord whose account waits for activation.
func (g *generator) waitingLandlord(ctx context.Context, st *store.Store) error {
	l := &domain.Landlord{Name: "Hausverwaltung Emst", Kind: domain.LandlordPrivate, ContactName: "Dieter Brandt",
		Email: "info@hv-emst.demo", Phone: "02331 47110", Street: "Emster Straße 20", PostalCode: "58093", City: "Hagen",
		Status: domain.LandlordInvited, SelfRegistered: true}
	if err := st.CreateLandlord(ctx, l); err != nil {
		return err
	}
	return st.CreateUser(ctx, &domain.User{Email: "info@hv-emst.demo", Name: "Dieter Brandt", Role: domain.RoleLandlord,
		LandlordID: &l.ID, PasswordHash: g.hash})
}
