package store

import (
	"context"
	"fmt"
	"time"

	"wohnbruecke/internal/domain"
)

// CreateAPIToken stores a new API token (its hash only).
func (s *Store) CreateAPIToken(ctx context.Context, t *domain.APIToken) error {
	t.CreatedAt = s.Now()
	if err := s.q(ctx).Create(t).Error; err != nil {
		return fmt.Errorf("store: create api token: %w", err)
	}
	return nil
}

// APITokenByHash finds a token that is neither revoked nor expired, with the user it acts as
// (who must be active). Anything else is ErrNotFound.
func (s *Store) APITokenByHash(ctx context.Context, hash string) (*domain.APIToken, *domain.User, error) {
	t, u, err := s.tokenWithUserByHash(ctx, hash)
	if err != nil {
		return nil, nil, err
	}
	if !u.Active {
		return nil, nil, fmt.Errorf("store: api token: inactive user: %w", domain.ErrNotFound)
	}
	return t, u, nil
}

// TouchAPIToken records that a token was used, at most once a minute to spare writes.
func (s *Store) TouchAPIToken(ctx context.Context, id int64) error {
	now := s.Now()
	err := s.q(ctx).Model(&domain.APIToken{}).
		Where("id = ? AND (last_used_at IS NULL OR last_used_at < ?)", id, now.Add(-time.Minute)).
		Update("last_used_at", now).Error
	if err != nil {
		return fmt.Errorf("store: touch api token: %w", err)
	}
	return nil
}

// APITokenRow is a token with the names of the user it acts as and of its creator.
type APITokenRow struct {
	domain.APIToken
	UserName      string
	UserEmail     string
	CreatedByName string
}

// ListAPITokens lists all tokens, newest first.
func (s *Store) ListAPITokens(ctx context.Context) ([]APITokenRow, error) {
	var rows []APITokenRow
	err := s.q(ctx).Table("api_tokens").
		Select("api_tokens.*, u.name AS user_name, u.email AS user_email, c.name AS created_by_name").
		Joins("JOIN users u ON u.id = api_tokens.user_id").
		Joins("LEFT JOIN users c ON c.id = api_tokens.created_by_id").
		Order("api_tokens.id DESC").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("store: list api tokens: %w", err)
	}
	return rows, nil
}

// RevokeAPIToken revokes a token; revoking twice is a ConflictError.
func (s *Store) RevokeAPIToken(ctx context.Context, id int64) (*domain.APIToken, error) {
	var t domain.APIToken
	if err := s.q(ctx).Take(&t, id).Error; err != nil {
		return nil, notFound("api token", err)
	}
	now := s.Now()
	res := s.q(ctx).Model(&domain.APIToken{}).Where("id = ? AND revoked_at IS NULL", id).Update("revoked_at", now)
	if res.Error != nil {
		return nil, fmt.Errorf("store: revoke api token: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return nil, domain.Conflict(domain.CodeTokenAlreadyRevoked, "Dieser Zugangsschlüssel ist bereits widerrufen.")
	}
	t.RevokedAt = &now
	return &t, nil
}
