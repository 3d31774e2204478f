package store

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"wohnbruecke/internal/domain"
)

// CurrentPolicy returns the newest stored ranking policy, or nil when none is stored yet.
func (s *Store) CurrentPolicy(ctx context.Context) (*domain.Policy, error) {
	var p domain.Policy
	err := s.q(ctx).Order("version DESC").Take(&p).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: current policy: %w", err)
	}
	return &p, nil
}

// SavePolicy stores a new policy version; a version that exists gives a ConflictError.
func (s *Store) SavePolicy(ctx context.Context, p *domain.Policy) error {
	p.CreatedAt = s.Now()
	if err := s.q(ctx).Create(p).Error; err != nil {
		if isUniqueViolation(err) {
			return domain.Conflict(domain.CodePolicyVersionExists, "Diese Version der Gewichtung gibt es bereits. Bitte laden Sie die Seite neu.")
		}
		return fmt.Errorf("store: save policy: %w", err)
	}
	return nil
}

// Policies lists all stored policy versions, newest first.
func (s *Store) Policies(ctx context.Context) ([]domain.Policy, error) {
	var ps []domain.Policy
	if err := s.q(ctx).Order("version DESC").Find(&ps).Error; err != nil {
		return nil, fmt.Errorf("store: policies: %w", err)
	}
	return ps, nil
}

// AuditEntries returns a page of the audit log, newest first, optionally for one entity.
func (s *Store) AuditEntries(ctx context.Context, entity string, entityID int64, limit, offset int) ([]domain.AuditEntry, error) {
	q := s.q(ctx).Order("at DESC, id DESC").Limit(limit).Offset(offset)
	if entity != "" {
		q = q.Where("entity = ?", entity)
	}
	if entityID != 0 {
		q = q.Where("entity_id = ?", entityID)
	}
	var out []domain.AuditEntry
	if err := q.Find(&out).Error; err != nil {
		return nil, fmt.Errorf("store: audit entries: %w", err)
	}
	return out, nil
}
