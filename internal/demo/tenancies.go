package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// The tenancy phase of the demo (docs/design.md §8): every lease of the history starts a
// tenancy with the household's caseworker as companion (the first demo caseworker where
// the household has none) and the landlord's Ansprechperson; the companion's contacts
// follow the rhythm with gaps, so some are overdue today; a few tenancies ended; and the
// landlords' reports stand in every state, one of them overdue and escalated. It draws from
// its own seed, so the other demo data do not change with it.

var demoReports = []struct {
	category domain.ReportCategory
	urgency  domain.ReportUrgency
	body     string
	answer   string
	landlord string // the landlord's reply after the answer, "" for none
	state    domain.ReportStatus
	daysAgo  int
}{
	{domain.ReportDamage, domain.ReportUrgent, "Im Bad tropft es aus dem Spülkasten, der Boden ist nass. Bitte mit dem Haushalt klären, ob der Handwerker am Donnerstag rein kann.",
		"Ich habe mit der Familie gesprochen: Donnerstag ab 8 Uhr ist jemand zu Hause.", "Danke, der Handwerker kommt um 9 Uhr.", domain.ReportDone, 12},
	{domain.ReportWaste, domain.ReportNormal, "Die Gelbe Tonne wird mit Restmüll gefüllt, die Nachbarn beschweren sich.",
		"Wir haben Mülltrennung beim nächsten Hausbesuch auf dem Plan und bringen die Übersicht auf Rumänisch mit.", "", domain.ReportInProgress, 3},
	{domain.ReportNoise, domain.ReportLow, "Abends nach 22 Uhr ist es öfter laut, vermutlich Besuch.",
		"Danke für den Hinweis, ich spreche die Hausordnung und die Ruhezeiten an.", "", domain.ReportDone, 20},
	{domain.ReportRentArrears, domain.ReportUrgent, "Die Miete für diesen Monat ist noch nicht eingegangen.",
		"Wir klären mit dem Haushalt, woran es liegt, und melden uns morgen.", "", domain.ReportInProgress, 1},
	{domain.ReportNoContact, domain.ReportNormal, "Ich erreiche den Haushalt seit zwei Wochen nicht, der Briefkasten quillt über.", "", "", domain.ReportReceived, 8},
	{domain.ReportOther, domain.ReportNormal, "Der Keller soll bis Monatsende geräumt werden – bitte weitergeben.", "", "", domain.ReportReceived, 0},
}

func (g *generator) tenancies(ctx context.Context, st *store.Store) error {
	t := *g
	t.rng = rand.New(rand.NewPCG(2026, 815))
	leases, err := st.LeasesWithoutTenancy(ctx)
	if err != nil {
		return err
	}
	var made []*domain.Tenancy
	for _, m := range leases {
		tn, err := t.tenancy(ctx, st, m)
		if err != nil {
			return fmt.Errorf("tenancy of match %d: %w", m.ID, err)
		}
		made = append(made, tn)
	}
	// Reports on the running tenancies of the most recent leases, newest tenancy first, one
	// in each, in every state.
	// The first demo landlord (whose login the demo prints first) gets them where it can.
	var running, others []*domain.Tenancy
	for i := len(made) - 1; i >= 0; i-- {
		switch {
		case !made[i].Active():
		case len(g.landlordIDs) > 0 && made[i].LandlordID == g.landlordIDs[0]:
			running = append(running, made[i])
		default:
			others = append(others, made[i])
		}
	}
	running = append(running, others...)
	for i, r := range demoReports {
		if i >= len(running) {
			break
		}
		if err := t.report(ctx, st, running[i], r.category, r.urgency, r.body, r.answer, r.landlord, r.state, r.daysAgo); err != nil {
			return fmt.Errorf("report %d: %w", i, err)
		}
	}
	return nil
}

// tenancy starts the tenancy of a past lease and writes its contacts; about one in ten
// older tenancies ended.
func (g *generator) tenancy(ctx context.Context, st *store.Store, m domain.Match) (*domain.Tenancy, error) {
	v, err := st.VacancyByID(ctx, m.VacancyID)
	if err != nil {
		return nil, err
	}
	h, err := st.HouseholdByID(ctx, m.HouseholdID)
	if err != nil {
		return nil, err
	}
	if h.CaseworkerID == nil {
		h.CaseworkerID = &g.caseworkers[0].ID
	}
	var contactID *int64
	if ag, err := st.CurrentAgreement(ctx, v.LandlordID); err != nil {
		return nil, err
	} else if ag != nil {
		contactID = ag.ContactUserID
	}
	start := domain.Today(m.StateChangedAt)
	tn := domain.NewTenancy(&m, v, h, contactID, start)
	if err := st.AsOf(m.StateChangedAt).CreateTenancy(ctx, tn); err != nil {
		return nil, err
	}
	var end domain.Date
	if start < g.today.AddDays(-120) && g.chance(0.12) {
		end = start.AddDays(g.between(60, int(g.today-start)-1))
	}
	// Contacts by the rhythm until today (or the end), a few days late now and then; the
	// newest tenancies' contacts sometimes stop, so that some are overdue today.
	last, until := start, g.today
	if !end.IsZero() {
		until = end
	}
	stopEarly := g.chance(0.25)
	for {
		next := tn.VisitDueAfter(last).AddDays(g.between(-2, 3))
		if next > until || next <= last || (stopEarly && next > until.AddDays(-20)) {
			break
		}
		vis := domain.Visit{TenancyID: tn.ID, VisitedOn: next, Kind: pick(g, []domain.VisitKind{domain.VisitHome, domain.VisitHome, domain.VisitPhone, domain.VisitOffice, domain.VisitLandlord}),
			DurationMinutes: g.between(2, 12) * 10, Language: h.Language, RecordedByID: h.CaseworkerID,
			Note: pick(g, []string{"Alles in Ordnung, Post gemeinsam sortiert.", "Heizkostenabrechnung erklärt.", "Mülltrennung geübt, Abfuhrkalender aufgehängt.",
				"Kurzes Telefonat, keine Probleme.", "Gemeinsam mit der Vermieterin den Zählerstand abgelesen.", "Haushaltsplan für den nächsten Monat besprochen."})}
		for _, topic := range domain.VisitTopics.Values() {
			if g.chance(0.25) {
				vis.Topics = append(vis.Topics, topic)
			}
		}
		at := next.Midnight().Add(time.Duration(g.between(9, 16)) * time.Hour)
		if at.After(g.now) {
			at = g.now
		}
		if err := st.AsOf(at).CreateVisit(ctx, &vis); err != nil {
			return nil, err
		}
		last = next
	}
	if last != start {
		tn.NextVisitDue = tn.VisitDueAfter(last)
		if err := st.SetNextVisitDue(ctx, tn.ID, tn.NextVisitDue); err != nil {
			return nil, err
		}
	}
	if !end.IsZero() {
		reason := pick(g, []domain.TenancyEndReason{domain.EndHousedElsewhere, domain.EndMovedOn, domain.EndNoticeTenant, domain.EndOther})
		housed, _ := reason.StablyHousedKnown()
		if reason != domain.EndHousedElsewhere {
			housed = g.chance(0.6)
		}
		e := domain.TenancyEnd{EndDate: end, Reason: reason, Note: "Demo: Ende eingetragen"}
		if err := st.AsOf(end.Midnight().Add(10*time.Hour)).EndTenancy(ctx, tn.ID, e, housed, h.CaseworkerID); err != nil {
			return nil, err
		}
		tn.Status, tn.EndDate = domain.TenancyEnded, end
	}
	return tn, nil
}

// report files a landlord's report on a running tenancy daysAgo days ago and brings it to
// state: answered by the companion (in Bearbeitung), closed (erledigt), or still
// eingegangen, escalated when its target passed.
func (g *generator) report(ctx context.Context, st *store.Store, tn *domain.Tenancy, cat domain.ReportCategory,
	urg domain.ReportUrgency, body, answer, landlordReply string, state domain.ReportStatus, daysAgo int) error {
	users, err := st.LandlordUsers(ctx, tn.LandlordID)
	if err != nil || len(users) == 0 {
		return err
	}
	filer := users[0]
	filed := g.now.Add(-time.Duration(daysAgo)*24*time.Hour - time.Duration(g.between(1, 5))*time.Hour)
	if d := domain.Today(filed); d < tn.StartDate {
		filed = tn.StartDate.Midnight().Add(12 * time.Hour)
	}
	if filed.After(g.now) {
		filed = g.now
	}
	r := &domain.Report{TenancyID: tn.ID, Category: cat, Urgency: urg, Body: body, Status: domain.ReportReceived,
		FiledByID: &filer.ID, FiledByName: filer.Name, RespondBy: domain.ResponseDeadline(filed, 1)}
	if err := st.AsOf(filed).CreateReport(ctx, r); err != nil {
		return err
	}
	if state == domain.ReportReceived {
		if r.RespondBy.Before(g.now) {
			return st.AsOf(r.RespondBy.Add(time.Minute)).MarkReportEscalatedAt(ctx, r.ID)
		}
		return nil
	}
	companion := g.caseworkers[0]
	if tn.CompanionID != nil {
		if u, err := st.UserByID(ctx, *tn.CompanionID); err == nil {
			companion = u
		}
	}
	answered := min64(filed.Add(time.Duration(g.between(2, 6))*time.Hour), g.now)
	as := st.AsOf(answered)
	if err := as.AddReportReply(ctx, &domain.ReportReply{ReportID: r.ID, AuthorID: &companion.ID, AuthorName: companion.Name,
		AuthorRole: companion.Role, Body: answer}); err != nil {
		return err
	}
	if _, err := as.MarkReportAnswered(ctx, r.ID); err != nil {
		return err
	}
	if err := as.MoveReport(ctx, r.ID, domain.ReportInProgress); err != nil {
		return err
	}
	if landlordReply != "" {
		if err := st.AsOf(min64(answered.Add(time.Hour), g.now)).AddReportReply(ctx, &domain.ReportReply{ReportID: r.ID,
			AuthorID: &filer.ID, AuthorName: filer.Name, AuthorRole: domain.RoleLandlord, Body: landlordReply}); err != nil {
			return err
		}
	}
	if state != domain.ReportDone {
		return nil
	}
	return st.AsOf(min64(answered.Add(time.Duration(g.between(1, 3))*24*time.Hour), g.now)).MoveReport(ctx, r.ID, domain.ReportDone)
}

// min64 is the earlier of two instants.
func min64(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
