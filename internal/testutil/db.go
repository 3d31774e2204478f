// Package testutil opens real databases for tests: a SQLite file always, and PostgreSQL
// when TEST_DATABASE_URL is set. With REQUIRE_POSTGRES=1 a missing PostgreSQL fails the
// test instead of skipping it, so CI cannot pass without it.
package testutil

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver for schema set-up

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/store"
)

// Dialects returns the dialects the tests run on: always "sqlite", and "postgres" when
// TEST_DATABASE_URL is set.
func Dialects(t testing.TB) []string {
	t.Helper()
	ds := []string{"sqlite"}
	if os.Getenv("TEST_DATABASE_URL") != "" {
		ds = append(ds, "postgres")
	} else if os.Getenv("REQUIRE_POSTGRES") == "1" {
		t.Fatal("REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set")
	}
	return ds
}

// ForEachDialect runs fn as a subtest per dialect with a fresh, migrated store.
func ForEachDialect(t *testing.T, fn func(t *testing.T, st *store.Store)) {
	t.Helper()
	for _, d := range Dialects(t) {
		t.Run(d, func(t *testing.T) { fn(t, Open(t, d)) })
	}
}

// ForEachDialectAt runs fn as a subtest per dialect with a fresh, migrated store whose
// clock starts at start and moves only when the test moves it.
func ForEachDialectAt(t *testing.T, start time.Time, fn func(t *testing.T, st *store.Store, clk *clock.Manual)) {
	t.Helper()
	for _, d := range Dialects(t) {
		t.Run(d, func(t *testing.T) {
			clk := clock.At(start)
			fn(t, OpenAt(t, d, clk), clk)
		})
	}
}

// OpenAt returns a fresh, migrated store of the dialect that reads the time from clk, so a
// test runs at any instant and moves time by setting the clock. An app built on it
// (App, AppWith) runs at the same instant.
func OpenAt(t testing.TB, dialect string, clk *clock.Manual) *store.Store {
	t.Helper()
	st := open(t, dialect, store.Options{Now: clk.Now})
	if _, err := st.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate %s: %v", dialect, err)
	}
	return st
}

// requirePostgres skips the test when TEST_DATABASE_URL is unset, or fails it with
// REQUIRE_POSTGRES=1 (as CI sets).
func requirePostgres(t testing.TB) {
	t.Helper()
	if os.Getenv("TEST_DATABASE_URL") == "" {
		if os.Getenv("REQUIRE_POSTGRES") == "1" {
			t.Fatal("REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set")
		}
		t.Skip("PostgreSQL test skipped: set TEST_DATABASE_URL (see README, make test-postgres)")
	}
}

// Postgres returns a fresh, migrated PostgreSQL store, or skips (fails with
// REQUIRE_POSTGRES=1) when TEST_DATABASE_URL is unset.
func Postgres(t testing.TB) *store.Store {
	t.Helper()
	requirePostgres(t)
	return Open(t, "postgres")
}

// PostgresStores returns n stores with their own connection pools on one fresh, migrated
// PostgreSQL schema, like n instances of the portal sharing a database. It skips (fails
// with REQUIRE_POSTGRES=1) when TEST_DATABASE_URL is unset.
func PostgresStores(t testing.TB, n int) []*store.Store {
	t.Helper()
	return postgresStores(t, n, nil)
}

// Open returns a fresh, migrated store of the dialect, removed when the test ends.
func Open(t testing.TB, dialect string) *store.Store {
	t.Helper()
	st := OpenUnmigrated(t, dialect)
	if _, err := st.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate %s: %v", dialect, err)
	}
	return st
}

// OpenCounting returns a fresh, migrated store that counts every statement it sends.
func OpenCounting(t testing.TB, dialect string) (*store.Store, *atomic.Int64) {
	t.Helper()
	n := new(atomic.Int64)
	st := open(t, dialect, store.Options{QueryCounter: n})
	if _, err := st.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate %s: %v", dialect, err)
	}
	return st, n
}

// OpenUnmigrated returns a store on an empty database (a new SQLite file, or a new
// PostgreSQL schema dropped at the end of the test).
func OpenUnmigrated(t testing.TB, dialect string) *store.Store {
	t.Helper()
	return open(t, dialect, store.Options{})
}

func open(t testing.TB, dialect string, opt store.Options) *store.Store {
	t.Helper()
	ctx := context.Background()
	switch dialect {
	case "sqlite":
		opt.SQLitePath = filepath.Join(t.TempDir(), "test.db")
	case "postgres":
		opt.DatabaseURL = freshSchema(t)
	default:
		t.Fatalf("unknown dialect %q", dialect)
	}
	st, err := store.Open(ctx, opt)
	if err != nil {
		t.Fatalf("open %s: %v", dialect, err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st
}

// freshSchema creates a uniquely named schema and returns a URL whose search_path points
// at it, so parallel tests do not see each other's rows.
func freshSchema(t testing.TB) string {
	t.Helper()
	base := os.Getenv("TEST_DATABASE_URL")
	if base == "" {
		t.Fatal("TEST_DATABASE_URL is not set")
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "wbtest_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		_ = admin.Close()
		t.Fatalf("postgres: create schema: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		_, _ = admin.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE")
		_ = admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("TEST_DATABASE_URL: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// PostgresURL returns the address of a fresh, empty PostgreSQL schema (dropped when the test
// ends) for tests that open their own store on it, e.g. through a proxy they can cut. It
// skips (fails with REQUIRE_POSTGRES=1) when TEST_DATABASE_URL is unset.
func PostgresURL(t testing.TB) string {
	t.Helper()
	requirePostgres(t)
	return freshSchema(t)
}
