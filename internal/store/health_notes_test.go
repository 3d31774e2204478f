package store_test

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/sealed"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

const secretNotes = "Paranoide Schizophrenie, Depotspritze alle vier Wochen"

// rawDump returns everything the database holds as bytes: the SQLite file with its
// write-ahead log, or for PostgreSQL pg_dump of the test's schema (when pg_dump is installed)
// and the raw column.
func rawDump(t *testing.T, st *store.Store) []byte {
	t.Helper()
	db, err := st.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if st.Dialect() == "sqlite" {
		var seq int
		var name, file string
		if err := db.QueryRow("PRAGMA database_list").Scan(&seq, &name, &file); err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{file, file + "-wal"} {
			b, err := os.ReadFile(f)
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			out.Write(b)
		}
		if out.Len() == 0 {
			t.Fatal("empty database file")
		}
		return out.Bytes()
	}
	var col string
	rows, err := db.Query("SELECT health_notes FROM households")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		if err := rows.Scan(&col); err != nil {
			t.Fatal(err)
		}
		out.WriteString(col + "\n")
	}
	_ = rows.Close()
	if path, err := exec.LookPath("pg_dump"); err == nil {
		var schema string
		if err := db.QueryRow("SELECT current_schema()").Scan(&schema); err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse(os.Getenv("TEST_DATABASE_URL"))
		q := u.Query()
		q.Del("search_path")
		u.RawQuery = q.Encode()
		dump, err := exec.Command(path, "--data-only", "--schema="+schema, u.String()).Output()
		if err != nil {
			t.Fatalf("pg_dump: %v", err)
		}
		if !bytes.Contains(dump, []byte("COPY "+schema+".households")) {
			t.Fatalf("pg_dump did not dump the households table")
		}
		out.Write(dump)
	}
	return out.Bytes()
}

// The health notes (Art. 9 GDPR) are not in a raw copy of the database; they open with the
// key, and not for another household.
func TestHealthNotesAreUnreadableInARawDump(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		h := testutil.Household(t, st, func(h *domain.Household) { h.HealthNotes = secretNotes })
		dump := rawDump(t, st)
		for _, needle := range []string{secretNotes, "Schizophrenie", "Depotspritze"} {
			if bytes.Contains(dump, []byte(needle)) {
				t.Fatalf("%q is readable in the raw database", needle)
			}
		}
		if !bytes.Contains(dump, []byte("wbsealed:v1:")) {
			t.Fatal("no sealed value in the dump: the notes were not stored at all")
		}
		got, err := st.HouseholdByID(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.HealthNotes != "" {
			t.Fatal("health notes are loaded with the household; only ReadHealthNotes may open them")
		}
		plain, err := st.OpenHealthNotes(got)
		if err != nil || plain != secretNotes {
			t.Fatalf("open: %q, %v", plain, err)
		}
		other := testutil.Household(t, st, nil)
		other.HealthNotesSealed = got.HealthNotesSealed
		if _, err := st.OpenHealthNotes(other); err == nil {
			t.Fatal("a sealed value copied to another household opened")
		}
	})
}

// Notes stored as plaintext before encryption are sealed at start-up; after a key rotation
// the old key's values are sealed again with the new one, so the old key can go.
func TestResealHealthNotesEncryptsPlaintextAndRotatesKeys(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		old, err := sealed.Parse("alt:" + strings.Repeat("ab", 32))
		if err != nil {
			t.Fatal(err)
		}
		st = st.WithKeys(old)
		h := testutil.Household(t, st, nil)
		db, _ := st.SQLDB()
		if _, err := db.Exec("UPDATE households SET health_notes = 'Klartext: Diabetes Typ 1' WHERE id = " + itoa(h.ID)); err != nil {
			t.Fatal(err)
		}
		n, err := st.ResealHealthNotes(ctx)
		if err != nil || n != 1 {
			t.Fatalf("reseal plaintext: %d, %v; want 1", n, err)
		}
		if n, _ := st.ResealHealthNotes(ctx); n != 0 {
			t.Fatalf("a second start sealed %d rows again", n)
		}
		var raw string
		_ = db.QueryRow("SELECT health_notes FROM households WHERE id = " + itoa(h.ID)).Scan(&raw)
		if !strings.HasPrefix(raw, "wbsealed:v1:alt:") || strings.Contains(raw, "Diabetes") {
			t.Fatalf("raw column after reseal: %q", raw)
		}
		both, err := sealed.Parse("neu:" + strings.Repeat("cd", 32) + ",alt:" + strings.Repeat("ab", 32))
		if err != nil {
			t.Fatal(err)
		}
		rotated := st.WithKeys(both)
		if n, err := rotated.ResealHealthNotes(ctx); err != nil || n != 1 {
			t.Fatalf("rotate: %d, %v", n, err)
		}
		onlyNew, _ := sealed.Parse("neu:" + strings.Repeat("cd", 32))
		got, _ := st.HouseholdByID(ctx, h.ID)
		plain, err := st.WithKeys(onlyNew).OpenHealthNotes(got)
		if err != nil || plain != "Klartext: Diabetes Typ 1" {
			t.Fatalf("after rotation the new key alone opens %q, %v", plain, err)
		}
		if _, err := st.WithKeys(old).OpenHealthNotes(got); err == nil {
			t.Fatal("the old key still opens the rotated value")
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
