package followups

import (
	"context"
	"fmt"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
)

// List returns follow-ups the caller may see: all for staff and admins, a caseworker's own
// (her households, the tenancies she accompanies). open narrows to open (true) or recorded
// (false) ones; limit 0 lists all.
func (s *Service) List(ctx context.Context, a domain.Actor, open *bool, limit int) ([]store.FollowUpRow, error) {
	if !a.CanSeeFollowUps() {
		return nil, fmt.Errorf("followups: list: %w", domain.ErrForbidden)
	}
	return s.store.FollowUps(ctx, store.FollowUpScope{CaseworkerID: caseworkerScope(a), Open: open, Limit: limit})
}

// Get returns one follow-up the caller may see; others are ErrNotFound.
func (s *Service) Get(ctx context.Context, a domain.Actor, id int64) (*store.FollowUpRow, error) {
	if !a.CanSeeFollowUps() {
		return nil, fmt.Errorf("followups: get: %w", domain.ErrForbidden)
	}
	row, err := s.store.FollowUpRowByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !a.CanRecordFollowUp(row.CaseworkerID, row.CompanionID) {
		return nil, fmt.Errorf("followups: get %d: %w", id, domain.ErrNotFound)
	}
	return row, nil
}

func caseworkerScope(a domain.Actor) int64 {
	if a.Role() == domain.RoleCaseworker && a.User != nil {
		return a.User.ID
	}
	return 0
}

// Record stores what a follow-up found and applies it to the tenancy in the same
// transaction (domain.FollowUpEffect: "elsewhere" and "lost" end a running tenancy, or
// update whether the household of an ended one is stably housed). Staff, admins and the
// household's caseworker or companion may; a follow-up recorded in the meantime is a
// conflict, bad input a validation error with German messages.
func (s *Service) Record(ctx context.Context, a domain.Actor, id int64, r domain.FollowUpRecord) (*store.FollowUpRow, error) {
	if !a.CanSeeFollowUps() {
		return nil, fmt.Errorf("followups: record: %w", domain.ErrForbidden)
	}
	var out *store.FollowUpRow
	err := s.store.Tx(ctx, func(tx *store.Store) error {
		row, err := tx.FollowUpRowByID(ctx, id)
		if err != nil {
			return err
		}
		if !a.CanRecordFollowUp(row.CaseworkerID, row.CompanionID) {
			return fmt.Errorf("followups: record %d: %w", id, domain.ErrNotFound)
		}
		if !row.Open() {
			return domain.Conflict(domain.CodeFollowUpRecorded, "Diese Nachsorge wurde inzwischen schon erfasst.")
		}
		ch, err := domain.FollowUpEffect(r, row.TenancyStatus == string(domain.TenancyActive), row.TenancyStart, tx.Today())
		if err != nil {
			return err
		}
		f := row.FollowUp
		outcome := r.Outcome
		f.Outcome, f.Note, f.RecordedByID, f.RecordedByName = &outcome, r.Note, a.UserID(), actorName(a)
		switch r.Outcome {
		case domain.OutcomeElsewhere:
			reason := domain.EndHousedElsewhere
			f.EndReason = &reason
		case domain.OutcomeLost:
			reason := r.Reason
			f.EndReason = &reason
		}
		if err := tx.RecordFollowUp(ctx, &f); err != nil {
			return err
		}
		switch {
		case ch.End:
			if err := endTenancy(ctx, tx, a, row.TenancyID, ch, r.Note); err != nil {
				return err
			}
		case ch.SetHoused:
			if err := tx.SetTenancyHoused(ctx, row.TenancyID, ch.Housed); err != nil {
				return err
			}
		}
		if err := tx.Audit(ctx, a.Audit("follow_up.record", "tenancy", row.TenancyID,
			fmt.Sprintf("nach %d Monaten: %s", row.Months, r.Outcome.Label()))); err != nil {
			return err
		}
		out, err = tx.FollowUpRowByID(ctx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func actorName(a domain.Actor) string {
	if a.Label != "" {
		return a.Label
	}
	if a.User != nil {
		return a.User.Name
	}
	return ""
}
