package store

import (
	"context"
	"errors"
	"fmt"
	"unicode/utf8"

	"wohnbruecke/internal/domain"
)

// WaitingMessage finds a message whose dedupe key starts with keyPrefix that is queued for
// later and not yet tried: a message held back for a window that later events join (the
// landlord's proposals for one vacancy). Without one it answers ErrNotFound.
func (s *Store) WaitingMessage(ctx context.Context, keyPrefix string) (*domain.OutboxMessage, error) {
	var m domain.OutboxMessage
	err := s.q(ctx).Where("substr(dedupe_key, 1, ?) = ? AND state = ? AND attempts = 0 AND next_attempt_at > ?",
		utf8.RuneCountInString(keyPrefix), keyPrefix, domain.MessageQueued, s.Now().UTC()).
		Order("id").Take(&m).Error
	if err != nil {
		return nil, notFound("waiting message", err)
	}
	return &m, nil
}

// ReplaceWaitingMessage gives a waiting message (WaitingMessage) new subject and bodies,
// keeping its recipient, key and send time. It answers false when the worker took the
// message in the meantime (the guard on state and attempts), so the caller queues a new one.
func (s *Store) ReplaceWaitingMessage(ctx context.Context, id int64, subject, text, html string) (bool, error) {
	if subject == "" || text == "" {
		return false, errors.New("store: replace waiting message: subject and text are required")
	}
	res := s.q(ctx).Model(&domain.OutboxMessage{}).
		Where("id = ? AND state = ? AND attempts = 0", id, domain.MessageQueued).
		Updates(map[string]any{"subject": subject, "body_text": text, "body_html": html, "updated_at": s.Now()})
	if res.Error != nil {
		return false, fmt.Errorf("store: replace waiting message %d: %w", id, res.Error)
	}
	return res.RowsAffected == 1, nil
}
