package store_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// TestSQLiteBackupWhileWriting takes a backup while another goroutine keeps writing
// messages one transaction at a time: the copy opens, passes SQLite's integrity check, is
// migrated and holds a prefix of the writes, each message complete.
func TestSQLiteBackupWhileWriting(t *testing.T) {
	ctx := context.Background()
	st := testutil.Open(t, "sqlite")
	const total = 400
	var wg sync.WaitGroup
	started := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := range total {
			if err := st.EnqueueMessages(ctx, outboxMsg(fmt.Sprintf("w%03d", i))); err != nil {
				t.Error(err)
				return
			}
			if i == 50 {
				close(started)
			}
		}
	}()
	<-started
	target := filepath.Join(t.TempDir(), "sicherung.db")
	if err := st.BackupSQLite(ctx, target); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	if fi, err := os.Stat(target); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("backup file mode: %v, %v; want 0600", fi.Mode(), err)
	}
	if err := st.BackupSQLite(ctx, target); !errors.Is(err, store.ErrBackupExists) {
		t.Errorf("backup onto an existing file: %v, want ErrBackupExists", err)
	}

	copyStore, err := store.Open(ctx, store.Options{SQLitePath: target, Now: clock.System})
	if err != nil {
		t.Fatal(err)
	}
	defer copyStore.Close()
	if ok, err := copyStore.MigrationsCurrent(ctx); err != nil || !ok {
		t.Fatalf("backup migrations current: %v, %v", ok, err)
	}
	db, err := copyStore.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	var check string
	if err := db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check: %q, %v", check, err)
	}
	var n, maxKey int
	var incomplete int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(MAX(CAST(substr(dedupe_key, 2) AS INTEGER)), -1),
		SUM(CASE WHEN subject = 'Betreff ' || dedupe_key AND body_text = 'Text ' || dedupe_key THEN 0 ELSE 1 END)
		FROM outbox`).Scan(&n, &maxKey, &incomplete); err != nil {
		t.Fatal(err)
	}
	t.Logf("backup taken during the writes holds %d of %d messages", n, total)
	if n < 51 || n > total || maxKey != n-1 || incomplete != 0 {
		t.Fatalf("backup holds %d messages (highest w%03d, %d incomplete); want a complete prefix of at least 51", n, maxKey, incomplete)
	}
}
