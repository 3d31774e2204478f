package store

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"wohnbruecke/internal/domain"
)

// Setting returns a setting's JSON value; found is false when it is not set.
func (s *Store) Setting(ctx context.Context, key string) (value string, found bool, err error) {
	var st domain.Setting
	err = s.q(ctx).Where("key = ?", key).Take(&st).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("store: setting %s: %w", key, err)
	}
	return st.ValueJSON, true, nil
}

// SettingExists reports whether a setting is stored.
func (s *Store) SettingExists(ctx context.Context, key string) (bool, error) {
	_, found, err := s.Setting(ctx, key)
	return found, err
}

// PutSetting stores a setting's JSON value, replacing an older one.
func (s *Store) PutSetting(ctx context.Context, key, valueJSON string, by *int64) error {
	st := domain.Setting{Key: key, ValueJSON: valueJSON, UpdatedByID: by, UpdatedAt: s.Now()}
	err := s.q(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "key"}},
		DoUpdates: clause.AssignmentColumns([]string{"value_json", "updated_by_id", "updated_at"}),
	}).Create(&st).Error
	if err != nil {
		return fmt.Errorf("store: put setting %s: %w", key, err)
	}
	return nil
}
