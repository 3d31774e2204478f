package main

import (
	"context"
	"fmt"
	"path/filepath"

	"wohnbruecke/internal/config"
)

// backupCmd writes a consistent copy of the SQLite database to the named file while the
// portal may keep running (store.BackupSQLite uses VACUUM INTO). PostgreSQL is backed up
// with pg_dump (docs/operations.md).
func backupCmd(ctx context.Context, e *env, args []string) error {
	if e.cfg.DatabaseURL != "" {
		return &config.Error{Var: "DATABASE_URL", Msg: "backup sichert nur die SQLite-Datei; für PostgreSQL pg_dump verwenden (docs/operations.md)"}
	}
	target, err := filepath.Abs(args[0])
	if err != nil {
		return &usageError{"backup: " + err.Error()}
	}
	st, err := openStore(ctx, e.cfg, e.logger, false)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.BackupSQLite(ctx, target); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "Sicherung geschrieben:", target)
	return nil
}
