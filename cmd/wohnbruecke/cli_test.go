package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

func TestHelpPrintsUsageWithExitCode0(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("DATA_DIR", dir)
	t.Setenv("LOG_FORMAT", "xml") // help needs no valid configuration
	for _, args := range [][]string{
		{"--help"}, {"-h"}, {"help"},
		{"serve", "--help"}, {"serve", "-h"}, {"migrate", "--help"}, {"demo", "-h"},
		{"user", "--help"}, {"user", "create", "-h"}, {"backup", "--help"},
		{"healthcheck", "-h"}, {"version", "--help"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			var out, errOut bytes.Buffer
			if code := run(args, strings.NewReader(""), &out, &errOut); code != 0 {
				t.Fatalf("exit %d, stderr %q", code, errOut.String())
			}
			if !strings.HasPrefix(out.String(), "Aufruf: wohnbruecke") {
				t.Errorf("stdout %q, want usage", out.String())
			}
			if args[0] == "demo" && !strings.Contains(out.String(), "-force") {
				t.Errorf("demo help does not name --force: %q", out.String())
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("help touched DATA_DIR: %v", entries)
	}
}

func TestUnknownArgumentsExitCode2(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("DATA_DIR", dir)
	for _, args := range [][]string{
		{"serve", "--bogus"}, {"serve", "extra"}, {"serve", "--force"}, {"--demo", "now"},
		{"migrate", "extra"}, {"migrate", "--yes"},
		{"demo", "--households", "x"}, {"demo", "--households", "0"}, {"demo", "again"},
		{"user"}, {"user", "delete"}, {"user", "create", "--role", "admin", "extra"}, {"user", "create", "--password", "x"},
		{"backup"}, {"backup", "a.db", "b.db"}, {"backup", "--to", "x"},
		{"healthcheck", "now"}, {"version", "--short"}, {"version", "1"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(args, strings.NewReader(""), &out, &errOut)
			if code != 2 {
				t.Fatalf("exit %d, want 2 (stderr %q)", code, errOut.String())
			}
			if msg := strings.TrimSpace(errOut.String()); msg == "" || strings.Contains(msg, "\n") {
				t.Errorf("stderr %q, want one line", msg)
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a refused command touched DATA_DIR: %v", entries)
	}
}

func TestVersionCommand(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"version"}, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if f := strings.Fields(out.String()); len(f) != 2 || f[0] != "wohnbruecke" || f[1] == "" {
		t.Fatalf("output %q, want \"wohnbruecke <version>\"", out.String())
	}
}

// countUsers opens the SQLite database of dir and counts its accounts.
func countUsers(t *testing.T, dbPath string) int64 {
	t.Helper()
	st, err := store.Open(context.Background(), store.Options{SQLitePath: dbPath, Now: clock.System})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	n, err := st.CountUsers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestDemoRefusesADatabaseWithAccountsUnlessForced(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("DATA_DIR", dir)
	var out, errOut bytes.Buffer
	admin := []string{"user", "create", "--role", "admin", "--email", "it@hagen.de", "--name", "IT Hagen"}
	if code := run(admin, strings.NewReader("ein-langes-passwort\n"), &out, &errOut); code != 0 {
		t.Fatalf("user create: exit %d: %s", code, errOut.String())
	}
	for _, args := range [][]string{{"demo"}, {"serve", "--demo"}} {
		errOut.Reset()
		out.Reset()
		if code := run(args, strings.NewReader(""), &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "--force") {
			t.Fatalf("%v on a database with an account: exit %d, stderr %q", args, code, errOut.String())
		}
		if strings.Contains(out.String(), "wohnbruecke.demo") {
			t.Fatalf("%v printed demo logins: %q", args, out.String())
		}
	}
	db := filepath.Join(dir, "wohnbruecke.db")
	if n := countUsers(t, db); n != 1 {
		t.Fatalf("%d accounts after refused demo, want 1", n)
	}
	out.Reset()
	if code := run([]string{"demo", "--force", "--households", "5"}, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("demo --force: exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "akquise@wohnbruecke.demo") || countUsers(t, db) <= 1 {
		t.Fatalf("demo --force did not load: %q", out.String())
	}
}

func TestStartupWaitsForTheDatabaseForDBWait(t *testing.T) {
	t.Setenv("DATA_DIR", t.TempDir())
	// Port 1 on loopback: nothing listens, connections are refused at once.
	t.Setenv("DATABASE_URL", "postgres://wohnbruecke@127.0.0.1:1/wohnbruecke?sslmode=disable&connect_timeout=1")
	for _, tc := range []struct {
		wait        string
		minDuration time.Duration
		minRetries  int
	}{{"0", 0, 0}, {"1500ms", 1500 * time.Millisecond, 3}} {
		t.Run("DB_WAIT="+tc.wait, func(t *testing.T) {
			t.Setenv("DB_WAIT", tc.wait)
			var out, errOut syncBuffer
			start := time.Now()
			code := run([]string{"migrate"}, strings.NewReader(""), &out, &errOut)
			took := time.Since(start)
			if code != 1 {
				t.Fatalf("exit %d, want 1: %s", code, errOut.String())
			}
			retries := strings.Count(errOut.String(), "database not reachable, retrying")
			// Giving up before DB_WAIT is over is a bug; how much later it ends depends on
			// the machine, so there is no upper bound here.
			if took < tc.minDuration || retries < tc.minRetries || (tc.minRetries == 0 && retries != 0) {
				t.Fatalf("gave up after %s with %d retries, want ≥ %s and ≥ %d retries:\n%s", took, retries, tc.minDuration, tc.minRetries, errOut.String())
			}
			if !strings.Contains(errOut.String(), "within DB_WAIT=") {
				t.Errorf("the final error does not name DB_WAIT: %s", errOut.String())
			}
		})
	}
}

// TestStartupConnectsWhenTheDatabaseComesUp starts "migrate" against a port where nothing
// listens yet and opens a forwarder to the test PostgreSQL there a second later.
func TestStartupConnectsWhenTheDatabaseComesUp(t *testing.T) {
	raw := testutil.PostgresURL(t) // a fresh schema; fails instead of skipping with REQUIRE_POSTGRES=1
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	target := u.Host
	u.Host = addr
	t.Setenv("DATA_DIR", t.TempDir())
	t.Setenv("DATABASE_URL", u.String())
	t.Setenv("DB_WAIT", "30s")
	go func() {
		time.Sleep(time.Second)
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			t.Error(err)
			return
		}
		t.Cleanup(func() { ln.Close() })
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go forward(c, target)
		}
	}()
	var out, errOut syncBuffer
	if code := run([]string{"migrate"}, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(errOut.String(), "database not reachable, retrying") || !strings.Contains(errOut.String(), "database reachable") {
		t.Fatalf("no retry logged: %s", errOut.String())
	}
}

func forward(c net.Conn, target string) {
	defer c.Close()
	d, err := net.Dial("tcp", target)
	if err != nil {
		return
	}
	defer d.Close()
	go func() { _, _ = io.Copy(d, c) }()
	_, _ = io.Copy(c, d)
}

// TestBackupAndRestoreOnSQLite follows docs/operations.md: "wohnbruecke backup FILE",
// later stop, put the file in place of DATA_DIR/wohnbruecke.db (removing -wal and -shm)
// and start again: the accounts of the backup's moment are there, later ones are not.
func TestBackupAndRestoreOnSQLite(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("DATA_DIR", dir)
	create := func(email string) {
		t.Helper()
		var out, errOut bytes.Buffer
		args := []string{"user", "create", "--role", "admin", "--email", email, "--name", "Leitung"}
		if code := run(args, strings.NewReader("ein-langes-passwort\n"), &out, &errOut); code != 0 {
			t.Fatalf("user create %s: exit %d: %s", email, code, errOut.String())
		}
	}
	create("vorher@hagen.de")
	backup := filepath.Join(t.TempDir(), "wohnbruecke-2026-12-01.db")
	var out, errOut bytes.Buffer
	if code := run([]string{"backup", backup}, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("backup: exit %d: %s", code, errOut.String())
	}
	if code := run([]string{"backup", backup}, strings.NewReader(""), &out, &errOut); code != 1 {
		t.Fatalf("backup onto an existing file: exit %d, want 1", code)
	}
	create("nachher@hagen.de")
	db := filepath.Join(dir, "wohnbruecke.db")
	if n := countUsers(t, db); n != 2 {
		t.Fatalf("%d accounts before the restore", n)
	}
	// Restore.
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(db + suffix); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(backup)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(db, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if code := run([]string{"migrate"}, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("start after restore: exit %d: %s", code, errOut.String())
	}
	if n := countUsers(t, db); n != 1 {
		t.Fatalf("%d accounts after the restore, want the 1 of the backup", n)
	}
	create("nachher@hagen.de") // did not exist at the backup's moment
	t.Setenv("DATABASE_URL", "postgres://x@127.0.0.1:1/x")
	errOut.Reset()
	if code := run([]string{"backup", backup + ".2"}, strings.NewReader(""), &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "pg_dump") {
		t.Fatalf("backup on PostgreSQL: exit %d, %q; want 2 naming pg_dump", code, errOut.String())
	}
}
