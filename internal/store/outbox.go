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

// The guards of the worker's bulk changes, from the outbox's transition table: a claim
// takes queued messages, a release or reclaim only acts on messages held in "sending"
// (the table also allows failed → queued, which is staff's RetryMessage).
var (
	claimable  = domain.MessageTransitions.From(domain.MessageSending)
	requeuable = domain.MessageTransitions.From(domain.MessageQueued, domain.MessageSending)
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
		m.State = domain.MessageQueued
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
		WHERE state IN ? AND id IN (
			SELECT id FROM outbox WHERE state IN ? AND next_attempt_at <= ?
			ORDER BY next_attempt_at, id LIMIT ?)
		RETURNING *`
	lockedUntil := now.Add(lease).UTC()
	args := []any{domain.MessageSending, lockedUntil, now, claimable, claimable, now, limit}
	if s.dialect == "postgres" {
		// The locking subquery sits in a materialised CTE: as "id IN (SELECT … LIMIT n FOR
		// UPDATE SKIP LOCKED)" PostgreSQL may rescan it and claim more than n rows.
		sql = `WITH due AS MATERIALIZED (
				SELECT id FROM outbox WHERE state IN ? AND next_attempt_at <= ?
				ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED)
			UPDATE outbox SET state = ?, attempts = attempts + 1, locked_until = ?, updated_at = ?
			FROM due WHERE outbox.id = due.id
			RETURNING outbox.*`
		args = []any{claimable, now, limit, domain.MessageSending, lockedUntil, now}
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

// updateSending changes a message that this worker holds (state "sending") to `to`; a
// message whose lock was taken over in the meantime is not touched and a TransitionError
// (an ErrConflict) is returned.
func (s *Store) updateSending(ctx context.Context, op string, id int64, to domain.MessageState, set map[string]any) error {
	set["locked_until"] = nil
	err := move(ctx, s, stateChange[domain.MessageState]{table: domain.MessageTransitions, model: &domain.OutboxMessage{},
		column: "state", id: id, to: to, among: []domain.MessageState{domain.MessageSending}, updates: set})
	if err != nil {
		return fmt.Errorf("store: %s: message %d is not being sent: %w", op, id, err)
	}
	return nil
}

// MarkMessageSent records the delivery of a claimed message.
func (s *Store) MarkMessageSent(ctx context.Context, id int64) error {
	return s.updateSending(ctx, "mark message sent", id, domain.MessageSent, map[string]any{})
}

// MarkMessagesSent records the delivery of several claimed messages in one statement and
// returns how many it marked; a message whose lock was taken over meanwhile is skipped.
func (s *Store) MarkMessagesSent(ctx context.Context, ids ...int64) (int64, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	now := s.Now()
	res := s.q(ctx).Model(&domain.OutboxMessage{}).Where("id IN ? AND state IN ?", ids, domain.MessageTransitions.From(domain.MessageSent)).
		Updates(map[string]any{"state": domain.MessageSent, domain.MessageTransitions.Stamp(domain.MessageSent): now,
			"locked_until": nil, "updated_at": now})
	if res.Error != nil {
		return 0, fmt.Errorf("store: mark messages sent: %w", res.Error)
	}
	return res.RowsAffected, nil
}

// KeepSentBodies replaces the bodies of sent messages with the given ones (the worker
// passes them with their personal link tokens masked), in one statement; messages not in
// the state sent are left alone.
func (s *Store) KeepSentBodies(ctx context.Context, msgs ...domain.OutboxMessage) error {
	if len(msgs) == 0 {
		return nil
	}
	var text, html strings.Builder
	textArgs, htmlArgs := make([]any, 0, 2*len(msgs)), make([]any, 0, 2*len(msgs))
	ids := make([]int64, len(msgs))
	for i, m := range msgs {
		text.WriteString(" WHEN ? THEN ?")
		html.WriteString(" WHEN ? THEN ?")
		textArgs = append(textArgs, m.ID, m.BodyText)
		htmlArgs = append(htmlArgs, m.ID, m.BodyHTML)
		ids[i] = m.ID
	}
	args := append(append(textArgs, htmlArgs...), ids, domain.MessageSent)
	err := s.q(ctx).Exec("UPDATE outbox SET body_text = CASE id"+text.String()+" END, body_html = CASE id"+html.String()+
		" END WHERE id IN ? AND state = ?", args...).Error
	if err != nil {
		return fmt.Errorf("store: keep sent bodies: %w", err)
	}
	return nil
}

// RenewMessageLease extends the lock on claimed messages that are still being sent to
// now+lease and returns how many it extended (a message taken over by another instance,
// or already recorded, is not touched).
func (s *Store) RenewMessageLease(ctx context.Context, lease time.Duration, ids ...int64) (int64, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	now := s.Now()
	res := s.q(ctx).Model(&domain.OutboxMessage{}).Where("id IN ? AND state = ?", ids, domain.MessageSending).
		Updates(map[string]any{"locked_until": now.Add(lease).UTC(), "updated_at": now})
	if res.Error != nil {
		return 0, fmt.Errorf("store: renew message lease: %w", res.Error)
	}
	return res.RowsAffected, nil
}

// ScheduleMessageRetry puts a claimed message back in the queue for another attempt at
// the given time, keeping the error of this attempt.
func (s *Store) ScheduleMessageRetry(ctx context.Context, id int64, at time.Time, lastErr string) error {
	return s.updateSending(ctx, "schedule message retry", id, domain.MessageQueued, map[string]any{
		"next_attempt_at": at.UTC(), "last_error": truncateError(lastErr),
	})
}

// FailMessage marks a claimed message as failed for good with its last error and, in the
// same transaction, enqueues the alerts about it (usually to staff), so a failure is never
// recorded without its alert or the other way round.
func (s *Store) FailMessage(ctx context.Context, id int64, lastErr string, alerts ...domain.OutboxMessage) error {
	return s.tx(ctx, func(tx *Store) error {
		if err := tx.updateSending(ctx, "fail message", id, domain.MessageFailed, map[string]any{
			"last_error": truncateError(lastErr),
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
	err := s.q(ctx).Model(&domain.OutboxMessage{}).Where("id IN ? AND state IN ?", ids, requeuable).
		Updates(map[string]any{
			"state": domain.MessageQueued, "locked_until": nil, "updated_at": s.Now(),
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
		Where("state IN ? AND (locked_until IS NULL OR locked_until < ?)", requeuable, now).
		Updates(map[string]any{
			"state": domain.MessageQueued, "locked_until": nil, "next_attempt_at": now, "updated_at": now,
			"last_error": "Zustellung unterbrochen (Sperre abgelaufen)",
		})
	if res.Error != nil {
		return 0, fmt.Errorf("store: reclaim expired messages: %w", res.Error)
	}
	return res.RowsAffected, nil
}

// RetryMessage is "erneut senden": a failed message goes back to the queue, due at once,
// with its attempts reset, and the audit entry (when not nil) is written in the same
// transaction. A message in another state gives a TransitionError and writes nothing.
func (s *Store) RetryMessage(ctx context.Context, id int64, audit *domain.AuditEntry) error {
	return s.Tx(ctx, func(tx *Store) error {
		err := move(ctx, tx, stateChange[domain.MessageState]{table: domain.MessageTransitions, model: &domain.OutboxMessage{},
			column: "state", id: id, to: domain.MessageQueued, among: []domain.MessageState{domain.MessageFailed},
			updates: map[string]any{"attempts": 0, "next_attempt_at": tx.Now()},
			refused: "Nur fehlgeschlagene Nachrichten können erneut gesendet werden."})
		if err != nil {
			return fmt.Errorf("store: retry message: %w", err)
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
	State   domain.MessageState // empty: all states
	MatchID int64               // 0: all matches
	Page    int                 // 1-based; values below 1 mean 1
	PerPage int                 // 1..200; 0 means 50
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
	if f.State != "" && !domain.MessageTransitions.Valid(f.State) {
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
func (s *Store) OutboxCounts(ctx context.Context) (map[domain.MessageState]int64, error) {
	counts, err := s.countByColumn(ctx, &domain.OutboxMessage{}, "state", "")
	if err != nil {
		return nil, fmt.Errorf("store: outbox counts: %w", err)
	}
	out := make(map[domain.MessageState]int64, len(counts))
	for k, n := range counts {
		out[domain.MessageState(k)] = n
	}
	return out, nil
}

// OldestQueuedMessage returns when the oldest message still waiting in the queue was
// written, and false when the queue is empty (for the metrics).
func (s *Store) OldestQueuedMessage(ctx context.Context) (time.Time, bool, error) {
	var m domain.OutboxMessage
	err := s.q(ctx).Select("created_at").Where("state = ?", domain.MessageQueued).Order("created_at").Limit(1).Find(&m).Error
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
