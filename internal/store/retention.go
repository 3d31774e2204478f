package store

import (
	"context"
	"fmt"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
)

// RetentionCandidate is a household that left the active pool and is not anonymised yet.
type RetentionCandidate struct {
	ID        int64
	Reference string
	Status    domain.HouseholdStatus
	LeftOn    domain.Date
}

// RetentionCandidates lists closed and versorgt households not anonymised yet that left
// the pool on or before leftBy, oldest first; the caller applies the exact rule
// (domain.RetentionDue). full tells that the batch limit was reached.
func (s *Store) RetentionCandidates(ctx context.Context, leftBy domain.Date) (_ []RetentionCandidate, full bool, _ error) {
	var out []RetentionCandidate
	err := s.q(ctx).Model(&domain.Household{}).Select("id, reference, status, left_on").
		Where("status IN ? AND anonymised_at IS NULL AND left_on IS NOT NULL AND left_on <= ?",
			[]domain.HouseholdStatus{domain.HouseholdHoused, domain.HouseholdClosed}, leftBy).
		Order("left_on, id").Limit(jobBatch).Scan(&out).Error
	if err != nil {
		return nil, false, fmt.Errorf("store: retention candidates: %w", err)
	}
	return out, len(out) == jobBatch, nil
}

// AnonymisedCounts says what AnonymiseHousehold removed besides the household's own fields.
type AnonymisedCounts struct {
	Mails, Links, Notes int64
}

// AnonymiseHousehold removes a household's names, contacts, free texts and health notes,
// the bodies and addresses of the mails about its matches, the free texts of its matches and
// its answer links, and marks it anonymised. What the statistics count (members' birth
// years and sex, tracks and their dates, focus group, states and their times, the
// reference) stays. The update is guarded (still closed or versorgt, left on leftOn, not
// anonymised), so of two instances only one does it; ok is false for the other, or when the
// household came back into the pool meanwhile. Call it inside a transaction.
func (s *Store) AnonymiseHousehold(ctx context.Context, id int64, leftOn domain.Date) (ok bool, counts AnonymisedCounts, err error) {
	now := s.Now()
	res := s.q(ctx).Model(&domain.Household{}).
		Where("id = ? AND anonymised_at IS NULL AND left_on = ? AND status IN ?", id, leftOn,
			[]domain.HouseholdStatus{domain.HouseholdHoused, domain.HouseholdClosed}).
		Updates(map[string]any{"contact_name": domain.Anonymised, "email": nil, "phone": "", "certificate_number": "",
			"companion_name": "", "companion_email": "", "companion_phone": "", "health_notes": "", "paused_reason": "",
			"anonymised_at": now, "updated_at": now})
	if res.Error != nil {
		return false, counts, fmt.Errorf("store: anonymise household %d: %w", id, res.Error)
	}
	if res.RowsAffected != 1 {
		return false, counts, nil
	}
	matches := s.q(ctx).Model(&domain.Match{}).Select("id").Where("household_id = ?", id)
	res = s.q(ctx).Model(&domain.Match{}).Where("household_id = ? AND rejection_note <> ''", id).Update("rejection_note", "")
	if res.Error != nil {
		return false, counts, fmt.Errorf("store: anonymise matches: %w", res.Error)
	}
	counts.Notes = res.RowsAffected
	// The tenancy phase's free texts: the end note, the visit log's notes, the reports and
	// their replies (categories, dates and states stay for the statistics).
	tenancies := "SELECT id FROM tenancies WHERE household_id = ?"
	for _, u := range []struct{ table, column, where string }{
		{"tenancies", "end_note", "household_id = ?"},
		{"tenancy_visits", "note", "tenancy_id IN (" + tenancies + ")"},
		{"tenancy_reports", "body", "tenancy_id IN (" + tenancies + ")"},
		{"tenancy_report_replies", "body", "report_id IN (SELECT id FROM tenancy_reports WHERE tenancy_id IN (" + tenancies + "))"},
		{"follow_ups", "note", "tenancy_id IN (" + tenancies + ")"},
		{"satisfaction_checks", "comment", "tenancy_id IN (" + tenancies + ")"},
	} {
		res = s.q(ctx).Exec("UPDATE "+u.table+" SET "+u.column+" = '' WHERE "+u.column+" <> '' AND "+u.where, id)
		if res.Error != nil {
			return false, counts, fmt.Errorf("store: anonymise %s: %w", u.table, res.Error)
		}
		counts.Notes += res.RowsAffected
	}
	// Course participants lose name and contacts; a certificate keeps only its holder's
	// initials, which is all its public verification shows.
	res = s.q(ctx).Exec("UPDATE course_participants SET name = ?, email = '', phone = '' WHERE household_id = ? AND name <> ?",
		domain.Anonymised, id, domain.Anonymised)
	if res.Error != nil {
		return false, counts, fmt.Errorf("store: anonymise course participants: %w", res.Error)
	}
	counts.Notes += res.RowsAffected
	var holders []struct {
		ID         int64
		HolderName string
	}
	if err := s.q(ctx).Raw("SELECT id, holder_name FROM certificates WHERE household_id = ?", id).Scan(&holders).Error; err != nil {
		return false, counts, fmt.Errorf("store: anonymise certificates: %w", err)
	}
	for _, c := range holders {
		if initials := domain.Initials(c.HolderName); initials != c.HolderName {
			if err := s.q(ctx).Exec("UPDATE certificates SET holder_name = ? WHERE id = ?", initials, c.ID).Error; err != nil {
				return false, counts, fmt.Errorf("store: anonymise certificate %d: %w", c.ID, err)
			}
			counts.Notes++
		}
	}
	res = s.q(ctx).Model(&domain.OutboxMessage{}).Where("match_id IN (?) AND state IN ?", matches,
		[]domain.MessageState{domain.MessageSent, domain.MessageFailed}).Updates(purgedMail(now))
	if res.Error != nil {
		return false, counts, fmt.Errorf("store: anonymise mails: %w", res.Error)
	}
	counts.Mails = res.RowsAffected
	viewings := s.q(ctx).Model(&domain.Viewing{}).Select("id").Where("match_id IN (?)", matches)
	res = s.q(ctx).Where("viewing_id IN (?)", viewings).Delete(&domain.ApplicantToken{})
	if res.Error != nil {
		return false, counts, fmt.Errorf("store: anonymise links: %w", res.Error)
	}
	counts.Links = res.RowsAffected
	return true, counts, nil
}

// purgedMail are the outbox columns a purge clears.
func purgedMail(now time.Time) map[string]any {
	return map[string]any{"to_address": "", "to_name": "", "body_text": "", "body_html": "", "ics": "",
		"purged_at": now, "updated_at": now}
}

// PurgeSentMail removes the bodies and addresses of mail delivered before sentBefore (the
// subject, kind, state and times stay for the Postausgang). Idempotent, so several
// instances may run it. It returns how many messages it purged.
func (s *Store) PurgeSentMail(ctx context.Context, sentBefore time.Time) (int64, error) {
	res := s.q(ctx).Model(&domain.OutboxMessage{}).
		Where("state = ? AND purged_at IS NULL AND sent_at < ?", domain.MessageSent, sentBefore.UTC()).
		Updates(purgedMail(s.Now()))
	if res.Error != nil {
		return 0, fmt.Errorf("store: purge sent mail: %w", res.Error)
	}
	return res.RowsAffected, nil
}

// ClaimDay records that a daily job ran for day; false when it ran for that day (or a later
// one) already, e.g. on another instance. The marker lives in settings under key.
func (s *Store) ClaimDay(ctx context.Context, key string, day domain.Date) (bool, error) {
	v := `"` + day.ISO() + `"`
	now := s.Now()
	res := s.q(ctx).Exec("INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING", key, v, now)
	if res.Error != nil {
		return false, fmt.Errorf("store: claim day: %w", res.Error)
	}
	if res.RowsAffected == 1 {
		return true, nil
	}
	res = s.q(ctx).Model(&domain.Setting{}).Where("key = ? AND value_json < ?", key, v).
		Updates(map[string]any{"value_json": v, "updated_at": now})
	if res.Error != nil {
		return false, fmt.Errorf("store: claim day: %w", res.Error)
	}
	return res.RowsAffected == 1, nil
}

// WithClock returns the store reading the time from now (tests that run several stores
// on one database at one instant); the database connection is the same.
func (s *Store) WithClock(now clock.Clock) *Store {
	c := *s
	c.now = now
	return &c
}
