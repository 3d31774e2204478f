package store

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"gorm.io/gorm/schema"

	"wohnbruecke/internal/domain"
)

// tokenWithUser is one row of the token lookup: the token and its user, in one query (the
// lookup runs on every API request; two round trips were a fifth of the ranking endpoint's
// CPU time).
type tokenWithUser struct {
	domain.APIToken `gorm:"embedded"`
	User            domain.User `gorm:"embedded;embeddedPrefix:u_"`
}

var (
	userColumnsOnce sync.Once
	userColumns     string // "u.id AS u_id, u.email AS u_email, …", from the User model
)

// userSelect lists the users columns as the token lookup selects them, built from the
// model, so that a column added to domain.User is read here too.
func (s *Store) userSelect() string {
	userColumnsOnce.Do(func() {
		sch, err := schema.Parse(&domain.User{}, &sync.Map{}, s.db.NamingStrategy)
		if err != nil {
			panic(fmt.Sprintf("store: user schema: %v", err))
		}
		cols := make([]string, 0, len(sch.DBNames))
		for _, c := range sch.DBNames {
			cols = append(cols, "u."+c+" AS u_"+c)
		}
		userColumns = strings.Join(cols, ", ")
	})
	return userColumns
}

// tokenWithUserByHash reads a live token with its user in one query.
func (s *Store) tokenWithUserByHash(ctx context.Context, hash string) (*domain.APIToken, *domain.User, error) {
	var rows []tokenWithUser
	err := s.q(ctx).Raw("SELECT t.*, "+s.userSelect()+" FROM api_tokens t JOIN users u ON u.id = t.user_id "+
		"WHERE t.token_hash = ? AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?) LIMIT 1",
		hash, s.Now()).Scan(&rows).Error
	if err != nil {
		return nil, nil, fmt.Errorf("store: api token: %w", err)
	}
	if len(rows) == 0 {
		return nil, nil, fmt.Errorf("store: api token: %w", domain.ErrNotFound)
	}
	return &rows[0].APIToken, &rows[0].User, nil
}
