package store

import (
	"context"
	"fmt"

	"wohnbruecke/internal/domain"
)

// CreateUserToken stores the hash of a one-time link token. Earlier unused tokens of the
// same user and purpose stop working, so only the newest link counts.
func (s *Store) CreateUserToken(ctx context.Context, tok *domain.UserToken) error {
	return s.tx(ctx, func(tx *Store) error {
		now := tx.Now()
		err := tx.q(ctx).Model(&domain.UserToken{}).
			Where("user_id = ? AND purpose = ? AND used_at IS NULL", tok.UserID, tok.Purpose).
			Update("expires_at", now).Error
		if err != nil {
			return fmt.Errorf("store: expire old user tokens: %w", err)
		}
		tok.CreatedAt = now
		if err := tx.q(ctx).Create(tok).Error; err != nil {
			return fmt.Errorf("store: create user token: %w", err)
		}
		return nil
	})
}

// ValidUserToken finds an unused, unexpired token by hash and purpose; anything else is
// ErrNotFound, so a page cannot tell an unknown token from a used one.
func (s *Store) ValidUserToken(ctx context.Context, hash, purpose string) (*domain.UserToken, error) {
	var tok domain.UserToken
	err := s.q(ctx).Where("token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?", hash, purpose, s.Now()).
		Take(&tok).Error
	if err != nil {
		return nil, notFound("user token", err)
	}
	return &tok, nil
}

// UseUserToken marks a token used exactly once; a second use (or an expired token) is
// ErrNotFound.
func (s *Store) UseUserToken(ctx context.Context, id int64) error {
	now := s.Now()
	res := s.q(ctx).Model(&domain.UserToken{}).Where("id = ? AND used_at IS NULL AND expires_at > ?", id, now).
		Update("used_at", now)
	if res.Error != nil {
		return fmt.Errorf("store: use user token: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("store: use user token: %w", domain.ErrNotFound)
	}
	return nil
}
