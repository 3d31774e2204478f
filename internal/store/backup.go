package store

import (
	"context"
	"errors"
	"fmt"
	"os"
)

// ErrBackupExists is returned by BackupSQLite when the target file exists already; a
// backup never overwrites one.
var ErrBackupExists = errors.New("store: backup file exists already")

// BackupSQLite writes a consistent copy of the SQLite database to path with VACUUM INTO:
// one read transaction sees one state of the database, so the copy is consistent while
// other connections (the running portal) keep writing; it is also compacted. The copy is
// a complete database file: restoring is stopping the portal and putting the file in
// place of DATA_DIR/wohnbruecke.db (and removing its -wal and -shm files). The file is
// made readable by its owner only.
func (s *Store) BackupSQLite(ctx context.Context, path string) error {
	if s.dialect != "sqlite" {
		return fmt.Errorf("store: backup: only for SQLite, use pg_dump for PostgreSQL")
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%w: %s", ErrBackupExists, path)
	}
	if err := s.q(ctx).Exec("VACUUM INTO ?", path).Error; err != nil {
		return fmt.Errorf("store: backup to %s: %w", path, err)
	}
	// The copy holds personal data: readable by the portal's user only, like the original.
	if err := os.Chmod(path, 0o600); err != nil {
		return fmt.Errorf("store: backup permissions: %w", err)
	}
	return nil
}
