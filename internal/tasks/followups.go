package tasks

import (
	"context"
	"fmt"
	"strings"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/followups"
)

// FollowUpPath is a follow-up's form, where its outcome is recorded.
func FollowUpPath(id int64) string { return fmt.Sprintf("/nachsorge/%d", id) }

// addFollowUps adds the open follow-ups due by today (a caseworker's own when caseworkerID
// is set), oldest due first.
func (s *Service) addFollowUps(ctx context.Context, b *Board, caseworkerID int64) error {
	rows, err := s.store.FollowUpTaskRows(ctx, caseworkerID, s.store.Today())
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return nil
	}
	q := Queue{ID: "nachsorge", Title: "Nachsorge fällig", Total: rows[0].Total, More: "/nachsorge",
		Hint: "Tragen Sie ein, ob der Haushalt noch in der Wohnung wohnt, anderswo wohnt oder die Wohnung verloren hat."}
	for _, r := range rows {
		q.Items = append(q.Items, Item{Href: FollowUpPath(r.ID), Title: r.HouseholdReference + " · " + r.Street,
			Detail: r.Label() + " · fällig seit " + r.DueOn.String()})
	}
	if q.Total <= int64(len(q.Items)) {
		q.More = ""
	}
	b.Queues = append(b.Queues, q)
	return nil
}

// addEarlyWarnings adds the tenancies flagged for the Wohnraumsicherung team.
func (s *Service) addEarlyWarnings(ctx context.Context, b *Board, a domain.Actor) error {
	flags, err := followups.New(s.store, nil, "").EarlyWarnings(ctx, a)
	if err != nil {
		return err
	}
	if len(flags) == 0 {
		return nil
	}
	q := Queue{ID: "fruehwarnungen", Title: "Frühwarnungen zu Mietverhältnissen", Total: int64(len(flags)),
		More: "/arbeitsbereich/fruehwarnungen",
		Hint: "Diese Mietverhältnisse sind gefährdet: Nehmen Sie Kontakt mit dem Haushalt und der Vermieter*in auf."}
	for _, f := range flags[:min(len(flags), 10)] {
		var why []string
		for _, k := range f.Kinds {
			why = append(why, k.Label())
		}
		q.Items = append(q.Items, Item{Href: "/arbeitsbereich/fruehwarnungen#mietverhaeltnis-" + fmt.Sprint(f.TenancyID),
			Title: f.HouseholdReference + " · " + f.Street, Detail: strings.Join(why, "; ") + " · Mietbeginn " + f.StartDate.String()})
	}
	if q.Total <= int64(len(q.Items)) {
		q.More = ""
	}
	b.Queues = append(b.Queues, q)
	return nil
}
