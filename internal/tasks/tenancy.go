package tasks

import (
	"context"
	"fmt"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// The tenancy phase's queues (docs/design.md §8): reports of landlords waiting for an
// answer (overdue ones first, for staff) and tenancies whose next contact is overdue.

// addQueue appends q with up to taskLimit of items, if there are any.
func (b *Board) addQueue(q Queue, items []Item) {
	q.Total = int64(len(items))
	if q.Total == 0 {
		return
	}
	if len(items) > tenancyTaskLimit {
		items = items[:tenancyTaskLimit]
	} else {
		q.More = ""
	}
	q.Items = items
	b.Queues = append(b.Queues, q)
}

const tenancyTaskLimit = 10

func reportItems(rows []store.ReportRow, detail string) []Item {
	out := make([]Item, len(rows))
	for i, r := range rows {
		at := r.CreatedAt
		out[i] = Item{Href: fmt.Sprintf("/meldungen/%d", r.ID), Title: r.Category.Label() + " – " + r.HouseholdReference + " · " + r.Street,
			Detail: detail + " " + r.DueDay().String(), AtLabel: "eingegangen am", At: &at}
	}
	return out
}

func visitItems(rows []store.TenancyRow) []Item {
	out := make([]Item, len(rows))
	for i, r := range rows {
		out[i] = Item{Href: fmt.Sprintf("/mietverhaeltnisse/%d#kontakte", r.ID), Title: "Kontakt – " + r.HouseholdReference + " · " + r.Street,
			Detail: "Kontakt fällig seit " + r.NextVisitDue.String()}
	}
	return out
}

// addTenancyQueues adds the report and visit queues; companionID narrows them to the
// tenancies a caseworker accompanies (0: all, for staff).
func (s *Service) addTenancyQueues(ctx context.Context, b *Board, companionID int64) error {
	now := s.store.Now()
	if companionID == 0 {
		overdue, err := s.store.ListReports(ctx, store.ReportFilter{Overdue: now})
		if err != nil {
			return err
		}
		b.addQueue(Queue{ID: "meldungen-ueberfaellig", Title: "Meldungen ohne Antwort nach der Frist",
			Hint: "Die Antwortfrist ist abgelaufen. Übernehmen Sie die Antwort an die Vermieter*in.", More: "/meldungen"},
			reportItems(overdue, "Antwort war fällig bis Ende"))
	}
	open, err := s.store.ListReports(ctx, store.ReportFilter{Unanswered: true, CompanionID: companionID})
	if err != nil {
		return err
	}
	var waiting []store.ReportRow
	for _, r := range open {
		if companionID != 0 || !r.Overdue(now) {
			waiting = append(waiting, r)
		}
	}
	b.addQueue(Queue{ID: "meldungen", Title: "Meldungen von Vermieter*innen warten auf Antwort",
		Hint: "Antworten Sie der Vermieter*in im Portal; die Antwort geht ihr auch per E-Mail zu.", More: "/meldungen"},
		reportItems(waiting, "Antwort bis Ende"))
	visits, err := s.store.ListTenancies(ctx, store.TenancyFilter{Overdue: domain.Today(now), CompanionID: companionID})
	if err != nil {
		return err
	}
	b.addQueue(Queue{ID: "kontakte", Title: "Kontakte der Wohnbegleitung überfällig",
		Hint: "Melden Sie sich beim Haushalt und tragen Sie den Kontakt ein.", More: "/mietverhaeltnisse"},
		visitItems(visits))
	return nil
}
