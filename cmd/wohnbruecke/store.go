package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/config"
	"wohnbruecke/internal/sealed"
	"wohnbruecke/internal/store"
)

// openStore opens the configured database, waiting for it up to DB_WAIT, and, if asked,
// applies migrations.
func openStore(ctx context.Context, cfg *config.Config, logger *slog.Logger, runMigrations bool) (*store.Store, error) {
	return openStoreWithKeys(ctx, cfg, logger, runMigrations, nil)
}

// openStoreWithKeys is openStore for the commands that read or write health notes (serve,
// demo): keys seal them (dataKeys).
func openStoreWithKeys(ctx context.Context, cfg *config.Config, logger *slog.Logger, runMigrations bool, keys *sealed.Keyring) (*store.Store, error) {
	st, err := waitForStore(ctx, cfg, logger, keys)
	if err != nil {
		return nil, err
	}
	if runMigrations {
		n, err := st.Migrate(ctx)
		if err != nil {
			_ = st.Close()
			return nil, err
		}
		logger.Info("migrations applied", "count", n, "dialect", st.Dialect())
	}
	return st, nil
}

// waitForStore opens the store, retrying with exponential backoff (0.25 s doubling up to
// 5 s) while the database does not answer, for at most cfg.DBWait: a database that starts
// together with the portal (a container stack, a reboot) does not make start-up fail.
func waitForStore(ctx context.Context, cfg *config.Config, logger *slog.Logger, keys *sealed.Keyring) (*store.Store, error) {
	deadline := time.Now().Add(cfg.DBWait)
	wait := 250 * time.Millisecond
	for attempt := 1; ; attempt++ {
		st, err := store.Open(ctx, store.Options{DatabaseURL: cfg.DatabaseURL, SQLitePath: cfg.SQLitePath(), Logger: logger, Now: clock.System, Keys: keys})
		if err == nil {
			if attempt > 1 {
				logger.Info("database reachable", "attempts", attempt)
			}
			return st, nil
		}
		left := time.Until(deadline)
		if left <= 0 {
			return nil, fmt.Errorf("database not reachable after %d attempts within DB_WAIT=%s: %w", attempt, cfg.DBWait, err)
		}
		wait = min(wait, left)
		logger.Warn("database not reachable, retrying", "attempt", attempt, "retry_in", wait, "err", err)
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("waiting for the database: %w", ctx.Err())
		case <-time.After(wait):
		}
		wait = min(2*wait, 5*time.Second)
	}
}
