package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"wohnbruecke/internal/domain"
)

// Outbox message states (the CHECK constraint of table outbox lists the same).
const (
	OutboxQueued  = "queued"
	OutboxSending = "sending"
	OutboxSent    = "sent"
	OutboxFailed  = "failed"
)

// EnqueueMessages writes messages to the outbox. Call it on the transaction-bound store
// inside Tx, together with the change that causes the messages, so both commit or neither
// does. A message whose dedupe key is already in the outbox is skipped silently: the same
// event never queues twice, whoever writes it and however often.
func (s *Store) EnqueueMessages(ctx context.Context, msgs ...domain.OutboxMessage) error {
	if len(msgs) == 0 {
		return nil
	}
	now := s.Now()
	rows := make([]domain.OutboxMessage, len(msgs))
	for i, m := range msgs {
		if err := checkOutboxMessage(m); err != nil {
			return fmt.Errorf("store: enqueue messages: %w", err)
		}
		m.ID = 0
		m.State = OutboxQueued
		m.Attempts = 0
		m.LockedUntil, m.SentAt = nil, nil
		m.LastError = ""
		if m.Language == "" {
			m.Language = "de"
		}
		if m.NextAttemptAt.IsZero() {
			m.NextAttemptAt = now
		}
		m.NextAttemptAt = m.NextAttemptAt.UTC()
		m.CreatedAt, m.UpdatedAt = now, now
		rows[i] = m
	}
	// ON CONFLICT (dedupe_key) DO NOTHING also skips duplicates within one call and a
	// concurrent insert of the same key by another instance.
	err := s.q(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "dedupe_key"}}, DoNothing: true}).
		CreateInBatches(&rows, 100).Error
	if err != nil {
		return fmt.Errorf("store: enqueue messages: %w", err)
	}
	return nil
}

func checkOutboxMessage(m domain.OutboxMessage) error {
	var missing []string
	for _, f := range []struct{ name, v string }{
		{"dedupe key", m.DedupeKey}, {"kind", m.Kind}, {"recipient", m.ToAddress},
		{"subject", m.Subject}, {"text body", m.BodyText},
	} {
		if strings.TrimSpace(f.v) == "" {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("message %q lacks %s", m.DedupeKey, strings.Join(missing, ", "))
	}
	return nil
}

// ClaimMessages takes up to limit due messages for delivery: it sets them to "sending",
// counts the attempt and locks them until now+lease. On PostgreSQL the rows are picked with
// FOR UPDATE SKIP LOCKED, so several instances claim disjoint sets without waiting for each
// other; on SQLite the single statement is atomic and the state guard keeps a row from
// being claimed twice. The result is ordered by id.
func (s *Store) ClaimMessages(ctx context.Context, limit int, lease time.Duration) ([]domain.OutboxMessage, error) {
	if limit <= 0 {
		return nil, nil
	}
	now := s.Now()
	// SQLite runs one writer at a time, so one UPDATE with a guarded subquery is enough.
	sql := `UPDATE outbox SET state = ?, attempts = attempts + 1, locked_until = ?, updated_at = ?
		WHERE state = ? AND id IN (
			SELECT id FROM outbox WHERE state = ? AND next_attempt_at <= ?
			ORDER BY next_attempt_at, id LIMIT ?)
		RETURNING *`
	lockedUntil := now.Add(lease).UTC()
	args := []any{OutboxSending, lockedUntil, now, OutboxQueued, OutboxQueued, now, limit}
	if s.dialect == "postgres" {
		// The locking subquery sits in a materialised CTE: as "id IN (SELECT … LIMIT n FOR
		// UPDATE SKIP LOCKED)" PostgreSQL may rescan it and claim more than n rows.
		sql = `WITH due AS MATERIALIZED (
				SELECT id FROM outbox WHERE state = ? AND next_attempt_at <= ?
				ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED)
			UPDATE outbox SET state = ?, attempts = attempts + 1, locked_until = ?, updated_at = ?
			FROM due WHERE outbox.id = due.id
			RETURNING outbox.*`
		args = []any{OutboxQueued, now, limit, OutboxSending, lockedUntil, now}
	}
	var msgs []domain.OutboxMessage
	err := s.q(ctx).Raw(sql, args...).
		Scan(&msgs).Error
	if err != nil {
		return nil, fmt.Errorf("store: claim messages: %w", err)
	}
	slices.SortFunc(msgs, func(a, b domain.OutboxMessage) int { return cmp.Compare(a.ID, b.ID) })
	return msgs, nil
}

// updateSending changes a message that this worker holds (state "sending"); a message
// whose lock was taken over in the meantime is not touched and ErrConflict is returned.
func (s *Store) updateSending(ctx context.Context, op string, id int64, set map[string]any) error {
	set["updated_at"] = s.Now()
	set["locked_until"] = nil
	res := s.q(ctx).Model(&domain.OutboxMessage{}).Where("id = ? AND state = ?", id, OutboxSending).Updates(set)
	if res.Error != nil {
		return fmt.Errorf("store: %s: %w", op, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("store: %s: message %d is not being sent: %w", op, id, domain.ErrConflict)
	}
	return nil
}

// MarkMessageSent records the delivery of a claimed message.
func (s *Store) MarkMessageSent(ctx context.Context, id int64) error {
	now := s.Now()
	return s.updateSending(ctx, "mark message sent", id, map[string]any{"state": OutboxSent, "sent_at": now})
}

// MarkMessagesSent records the delivery of several claimed messages in one statement and
// returns how many it marked; a message whose lock was taken over meanwhile is skipped.
func (s *Store) MarkMessagesSent(ctx context.Context, ids ...int64) (int64, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	now := s.Now()
	res := s.q(ctx).Model(&domain.OutboxMessage{}).Where("id IN ? AND state = ?", ids, OutboxSending).
		Updates(map[string]any{"state": OutboxSent, "sent_at": now, "locked_until": nil, "updated_at": now})
	if res.Error != nil {
		return 0, fmt.Errorf("store: mark messages sent: %w", res.Error)
	}
	return res.RowsAffected, nil
}

// RenewMessageLease extends the lock on claimed messages that are still being sent to
// now+lease and returns how many it extended (a message taken over by another instance,
// or already recorded, is not touched).
func (s *Store) RenewMessageLease(ctx context.Context, lease time.Duration, ids ...int64) (int64, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	now := s.Now()
	res := s.q(ctx).Model(&domain.OutboxMessage{}).Where("id IN ? AND state = ?", ids, OutboxSending).
		Updates(map[string]any{"locked_until": now.Add(lease).UTC(), "updated_at": now})
	if res.Error != nil {
		return 0, fmt.Errorf("store: renew message lease: %w", res.Error)
	}
	return res.RowsAffected, nil
}

// ScheduleMessageRetry puts a claimed message back in the queue for another attempt at
// the given time, keeping the error of this attempt.
func (s *Store) ScheduleMessageRetry(ctx context.Context, id int64, at time.Time, lastErr string) error {
	return s.updateSending(ctx, "schedule message retry", id, map[string]any{
		"state": OutboxQueued, "next_attempt_at": at.UTC(), "last_error": truncateError(lastErr),
	})
}

// FailMessage marks a claimed message as failed for good with its last error and, in the
// same transaction, enqueues the alerts about it (usually to staff), so a failure is never
// recorded without its alert or the other way round.
func (s *Store) FailMessage(ctx context.Context, id int64, lastErr string, alerts ...domain.OutboxMessage) error {
	return s.tx(ctx, func(tx *Store) error {
		if err := tx.updateSending(ctx, "fail message", id, map[string]any{
			"state": OutboxFailed, "last_error": truncateError(lastErr),
		}); err != nil {
			return err
		}
		return tx.EnqueueMessages(ctx, alerts...)
	})
}

// ReleaseMessages returns claimed messages that were not attempted (the worker stopped
// before sending them) to the queue, due at once, without counting the attempt.
func (s *Store) ReleaseMessages(ctx context.Context, ids ...int64) error {
	if len(ids) == 0 {
		return nil
	}
	err := s.q(ctx).Model(&domain.OutboxMessage{}).Where("id IN ? AND state = ?", ids, OutboxSending).
		Updates(map[string]any{
			"state": OutboxQueued, "locked_until": nil, "updated_at": s.Now(),
			"attempts": gorm.Expr("CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END"),
		}).Error
	if err != nil {
		return fmt.Errorf("store: release messages: %w", err)
	}
	return nil
}

// ReclaimExpiredMessages returns messages whose lock ran out (the instance that claimed
// them crashed or hung) to the queue, due at once, and reports how many. Their attempt
// stays counted, so a message that kills its worker cannot loop for ever.
func (s *Store) ReclaimExpiredMessages(ctx context.Context) (int64, error) {
	now := s.Now()
	res := s.q(ctx).Model(&domain.OutboxMessage{}).
		Where("state = ? AND (locked_until IS NULL OR locked_until < ?)", OutboxSending, now).
		Updates(map[string]any{
			"state": OutboxQueued, "locked_until": nil, "next_attempt_at": now, "updated_at": now,
			"last_error": "Zustellung unterbrochen (Sperre abgelaufen)",
		})
	if res.Error != nil {
		return 0, fmt.Errorf("store: reclaim expired messages: %w", res.Error)
	}
	return res.RowsAffected, nil
}

// RetryMessage is "erneut senden": a failed message goes back to the queue, due at once,
// with its attempts reset, and the audit entry (when not nil) is written in the same
// transaction. A message in another state gives a ConflictError and writes nothing.
func (s *Store) RetryMessage(ctx context.Context, id int64, audit *domain.AuditEntry) error {
	return s.Tx(ctx, func(tx *Store) error {
		now := tx.Now()
		res := tx.q(ctx).Model(&domain.OutboxMessage{}).Where("id = ? AND state = ?", id, OutboxFailed).
			Updates(map[string]any{"state": OutboxQueued, "attempts": 0, "next_attempt_at": now, "updated_at": now})
		if res.Error != nil {
			return fmt.Errorf("store: retry message: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			if _, err := tx.OutboxMessageByID(ctx, id); err != nil {
				return fmt.Errorf("store: retry message: %w", err)
			}
			return domain.Conflict("Nur fehlgeschlagene Nachrichten können erneut gesendet werden.")
		}
		if audit == nil {
			return nil
		}
		return tx.Audit(ctx, audit)
	})
}

// OutboxMessageByID returns one outbox message.
func (s *Store) OutboxMessageByID(ctx context.Context, id int64) (*domain.OutboxMessage, error) {
	var m domain.OutboxMessage
	if err := s.q(ctx).Take(&m, id).Error; err != nil {
		return nil, notFound("outbox message by id", err)
	}
	return &m, nil
}

// OutboxFilter selects messages for the Postausgang page.
type OutboxFilter struct {
	State   string // empty: all states
	MatchID int64  // 0: all matches
	Page    int    // 1-based; values below 1 mean 1
	PerPage int    // 1..200; 0 means 50
}

// OutboxPage is one page of the Postausgang, newest first.
type OutboxPage struct {
	Messages []domain.OutboxMessage
	Total    int64
	Page     int
	PerPage  int
}

// Pages returns the number of pages.
func (p OutboxPage) Pages() int {
	if p.PerPage <= 0 || p.Total == 0 {
		return 1
	}
	return int((p.Total + int64(p.PerPage) - 1) / int64(p.PerPage))
}

// ListOutbox lists outbox messages for the Postausgang, newest first, filtered by state
// and paginated.
func (s *Store) ListOutbox(ctx context.Context, f OutboxFilter) (OutboxPage, error) {
	if f.State != "" && !slices.Contains([]string{OutboxQueued, OutboxSending, OutboxSent, OutboxFailed}, f.State) {
		return OutboxPage{}, fmt.Errorf("store: list outbox: unknown state %q", f.State)
	}
	if f.Page < 1 {
		f.Page = 1
	}
	if f.PerPage <= 0 {
		f.PerPage = 50
	}
	f.PerPage = min(f.PerPage, 200)
	q := s.q(ctx).Model(&domain.OutboxMessage{})
	if f.State != "" {
		q = q.Where("state = ?", f.State)
	}
	if f.MatchID != 0 {
		q = q.Where("match_id = ?", f.MatchID)
	}
	page := OutboxPage{Page: f.Page, PerPage: f.PerPage}
	if err := q.Count(&page.Total).Error; err != nil {
		return OutboxPage{}, fmt.Errorf("store: list outbox: count: %w", err)
	}
	err := q.Order("created_at DESC, id DESC").Offset((f.Page - 1) * f.PerPage).Limit(f.PerPage).
		Find(&page.Messages).Error
	if err != nil {
		return OutboxPage{}, fmt.Errorf("store: list outbox: %w", err)
	}
	return page, nil
}

// OutboxCounts counts outbox messages per state.
func (s *Store) OutboxCounts(ctx context.Context) (map[string]int64, error) {
	counts, err := s.countByColumn(ctx, &domain.OutboxMessage{}, "state", "")
	if err != nil {
		return nil, fmt.Errorf("store: outbox counts: %w", err)
	}
	return counts, nil
}

// OldestQueuedMessage returns when the oldest message still waiting in the queue was
// written, and false when the queue is empty (for the metrics).
func (s *Store) OldestQueuedMessage(ctx context.Context) (time.Time, bool, error) {
	var m domain.OutboxMessage
	err := s.q(ctx).Select("created_at").Where("state = ?", OutboxQueued).Order("created_at").Limit(1).Find(&m).Error
	if err != nil {
		return time.Time{}, false, fmt.Errorf("store: oldest queued message: %w", err)
	}
	return m.CreatedAt, !m.CreatedAt.IsZero(), nil
}

// maxErrorLen keeps one SMTP transcript from bloating the outbox row.
const maxErrorLen = 2000

func truncateError(s string) string {
	if len(s) <= maxErrorLen {
		return s
	}
	cut := maxErrorLen
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + " …"
}
