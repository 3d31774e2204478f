// Package store is the only place that knows SQL. It wraps GORM on SQLite or PostgreSQL,
// applies the embedded migrations and offers one method per use case. Every method takes a
// context; multi-row changes run in one transaction; errors are wrapped with the operation
// and domain errors (domain.ErrNotFound, domain.ErrConflict, …) are returned where callers
// need to tell them apart.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/glebarez/sqlite"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/sealed"
	"wohnbruecke/migrations"
)

// Store gives access to the database. It holds no other state, so several instances of
// the portal can share one PostgreSQL database.
type Store struct {
	db      *gorm.DB
	dialect string
	now     clock.Clock
	keys    *sealed.Keyring
}

// Options configure Open.
type Options struct {
	// DatabaseURL selects PostgreSQL (postgres://…); empty means SQLite at SQLitePath.
	DatabaseURL string
	SQLitePath  string
	Logger      *slog.Logger
	// Now is the clock (cmd passes clock.System; nil means the same). Tests pass a
	// clock.Manual to move time; GORM's timestamps read it too.
	Now clock.Clock
	// QueryCounter, when set, counts every statement sent (tests use it to prove that a
	// use case takes a constant number of queries).
	QueryCounter *atomic.Int64
	// Keys seal the special categories of personal data (health notes); nil means a key
	// generated for this process only (tests). cmd always passes the configured keys.
	Keys *sealed.Keyring
}

// Open connects to the database. It does not migrate; call Migrate.
func Open(ctx context.Context, opt Options) (*Store, error) {
	now := opt.Now
	if now == nil {
		now = clock.System
	}
	gcfg := &gorm.Config{
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true,
		NowFunc:                func() time.Time { return now().UTC() },
	}
	var (
		db      *gorm.DB
		err     error
		dialect string
	)
	if opt.DatabaseURL != "" {
		dialect = "postgres"
		db, err = gorm.Open(postgres.Open(opt.DatabaseURL), gcfg)
	} else {
		dialect = "sqlite"
		if err := os.MkdirAll(filepath.Dir(opt.SQLitePath), 0o700); err != nil {
			return nil, fmt.Errorf("store: create data folder: %w", err)
		}
		dsn := "file:" + opt.SQLitePath + "?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)" +
			"&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_txlock=immediate"
		db, err = gorm.Open(sqlite.Open(dsn), gcfg)
	}
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", dialect, err)
	}
	if err := markUnavailableCallbacks(db); err != nil {
		return nil, err
	}
	if opt.QueryCounter != nil {
		if err := countQueries(db, opt.QueryCounter); err != nil {
			return nil, err
		}
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("store: pool: %w", err)
	}
	if dialect == "postgres" {
		sqlDB.SetMaxOpenConns(20)
		sqlDB.SetMaxIdleConns(10)
	} else {
		sqlDB.SetMaxOpenConns(8)
	}
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	keys := opt.Keys
	if keys == nil {
		keys = sealed.Ephemeral()
	}
	s := &Store{db: db, dialect: dialect, now: now, keys: keys}
	if err := s.Ping(ctx); err != nil {
		_ = sqlDB.Close()
		return nil, err
	}
	return s, nil
}

// Dialect returns "postgres" or "sqlite".
func (s *Store) Dialect() string { return s.dialect }

// Now returns the store's clock reading in UTC.
func (s *Store) Now() time.Time { return s.now().UTC() }

// AsOf returns the store reading its clock as t, for writing records with past times
// (the demo's history); the database connection is the same.
func (s *Store) AsOf(t time.Time) *Store {
	c := *s
	c.now = func() time.Time { return t }
	return &c
}

// Today returns the current day in Hagen.
func (s *Store) Today() domain.Date { return domain.Today(s.now()) }

// Close closes the connection pool.
func (s *Store) Close() error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	return sqlDB.Close()
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return fmt.Errorf("store: ping: %w", err)
	}
	if err := sqlDB.PingContext(ctx); err != nil {
		return fmt.Errorf("store: ping: %w", markUnavailable(err))
	}
	return nil
}

func (s *Store) provider(ctx context.Context) (*goose.Provider, error) {
	fsys, err := migrations.FS(s.dialect)
	if err != nil {
		return nil, err
	}
	sqlDB, err := s.db.DB()
	if err != nil {
		return nil, fmt.Errorf("store: migrations: %w", err)
	}
	dialect := goose.DialectSQLite3
	var opts []goose.ProviderOption
	if s.dialect == "postgres" {
		dialect = goose.DialectPostgres
		// A session lock keeps two instances starting at once from migrating together. Its
		// id is derived from the schema, so databases in other schemas (tests) do not wait.
		var schema string
		if err := s.db.WithContext(ctx).Raw("SELECT current_schema()").Scan(&schema).Error; err != nil {
			return nil, fmt.Errorf("store: migration lock: %w", err)
		}
		h := fnv.New64a()
		_, _ = h.Write([]byte("wohnbruecke-migrations:" + schema))
		locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(int64(h.Sum64()>>1)), lock.WithLockTimeout(1, 300))
		if err != nil {
			return nil, fmt.Errorf("store: migration lock: %w", err)
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(dialect, sqlDB, fsys, opts...)
	if err != nil {
		return nil, fmt.Errorf("store: migrations: %w", err)
	}
	return p, nil
}

// Migrate applies all pending migrations and returns how many ran.
func (s *Store) Migrate(ctx context.Context) (int, error) {
	p, err := s.provider(ctx)
	if err != nil {
		return 0, err
	}
	results, err := p.Up(ctx)
	if err != nil {
		return 0, fmt.Errorf("store: migrate: %w", err)
	}
	return len(results), nil
}

// MigrationsCurrent reports whether every embedded migration has been applied.
func (s *Store) MigrationsCurrent(ctx context.Context) (bool, error) {
	p, err := s.provider(ctx)
	if err != nil {
		return false, err
	}
	pending, err := p.HasPending(ctx)
	if err != nil {
		return false, fmt.Errorf("store: migration status: %w", err)
	}
	return !pending, nil
}

// SQLDB exposes the pool for tests and the schema comparison.
func (s *Store) SQLDB() (*sql.DB, error) { return s.db.DB() }

// tx runs fn in one transaction on a store bound to it.
func (s *Store) tx(ctx context.Context, fn func(tx *Store) error) error {
	err := s.db.WithContext(ctx).Transaction(func(gtx *gorm.DB) error {
		return fn(&Store{db: gtx, dialect: s.dialect, now: s.now, keys: s.keys})
	})
	// Beginning and committing do not pass GORM's callbacks.
	return markUnavailable(err)
}

// Tx runs fn in one transaction; services use it to combine store calls atomically.
func (s *Store) Tx(ctx context.Context, fn func(tx *Store) error) error { return s.tx(ctx, fn) }

func (s *Store) q(ctx context.Context) *gorm.DB { return s.db.WithContext(ctx) }

// notFound maps GORM's "record not found" to domain.ErrNotFound and wraps other errors.
func notFound(op string, err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return fmt.Errorf("store: %s: %w", op, domain.ErrNotFound)
	}
	return fmt.Errorf("store: %s: %w", op, err)
}

// isUniqueViolation reports whether err is a unique-constraint violation on either database.
func isUniqueViolation(err error) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == "23505"
	}
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// uniqueViolationOn reports whether err violates the named unique index (PostgreSQL) or a
// unique constraint on the given column (SQLite names columns, not indexes).
func uniqueViolationOn(err error, index, column string) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == "23505" && pg.ConstraintName == index
	}
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed") &&
		strings.Contains(err.Error(), column)
}

func countQueries(db *gorm.DB, n *atomic.Int64) error {
	return afterEveryStatement(db, "count", func(*gorm.DB) { n.Add(1) })
}

// afterEveryStatement registers fn to run after every kind of GORM statement.
func afterEveryStatement(db *gorm.DB, name string, fn func(*gorm.DB)) error {
	cb := db.Callback()
	for _, err := range []error{
		cb.Query().After("gorm:query").Register("wb:"+name+"_query", fn),
		cb.Create().After("gorm:create").Register("wb:"+name+"_create", fn),
		cb.Update().After("gorm:update").Register("wb:"+name+"_update", fn),
		cb.Delete().After("gorm:delete").Register("wb:"+name+"_delete", fn),
		cb.Row().After("gorm:row").Register("wb:"+name+"_row", fn),
		cb.Raw().After("gorm:raw").Register("wb:"+name+"_raw", fn),
	} {
		if err != nil {
			return fmt.Errorf("store: %s callbacks: %w", name, err)
		}
	}
	return nil
}

// gormDB is GORM's handle, named for preload callbacks.
type gormDB = gorm.DB
