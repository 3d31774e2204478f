package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// schemaOf lists "table.column" entries and one entry per index with its definition
// ("index:table.name unique=… on=col,col where=…"), ignoring the migration bookkeeping
// table and implicit primary-key indexes.
func schemaOf(t *testing.T, st *store.Store) []string {
	t.Helper()
	db, err := st.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var out []string
	collect := func(q string, args ...any) {
		rows, err := db.QueryContext(ctx, q, args...)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		defer rows.Close()
		for rows.Next() {
			var a, b string
			if err := rows.Scan(&a, &b); err != nil {
				t.Fatal(err)
			}
			out = append(out, a+"."+normalizeIndex(b))
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	}
	switch st.Dialect() {
	case "sqlite":
		collect(`SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
			WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'goose_db_version'`)
		collect(`SELECT 'index:' || m.tbl_name, m.name || ' unique=' || il."unique" || ' on=' ||
				(SELECT group_concat(name, ',') FROM (SELECT ii.name FROM pragma_index_info(m.name) ii ORDER BY ii.seqno)) ||
				' where=' || CASE WHEN instr(upper(m.sql), ' WHERE ') > 0 THEN substr(m.sql, instr(upper(m.sql), ' WHERE ') + 7) ELSE '' END
			FROM sqlite_master m JOIN pragma_index_list(m.tbl_name) il ON il.name = m.name
			WHERE m.type = 'index' AND m.name NOT LIKE 'sqlite_autoindex_%' AND m.tbl_name <> 'goose_db_version'`)
		collect(`SELECT 'index:' || m.name, il.name || ' unique=1 on=' ||
				(SELECT group_concat(name, ',') FROM (SELECT ii.name FROM pragma_index_info(il.name) ii ORDER BY ii.seqno)) || ' where='
			FROM sqlite_master m JOIN pragma_index_list(m.name) il
			WHERE m.type = 'table' AND il.origin = 'u' AND m.name <> 'goose_db_version'`)
	case "postgres":
		collect(`SELECT table_name, column_name FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name <> 'goose_db_version'`)
		collect(`SELECT 'index:' || t.relname, i.relname || ' unique=' || CASE WHEN ix.indisunique THEN 1 ELSE 0 END || ' on=' ||
				(SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord)
					JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) ||
				' where=' || COALESCE(pg_get_expr(ix.indpred, ix.indrelid), '')
			FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
			JOIN pg_namespace n ON n.oid = t.relnamespace
			WHERE n.nspname = current_schema() AND t.relname <> 'goose_db_version' AND NOT ix.indisprimary`)
	}
	slices.Sort(out)
	return out
}

// normalizeIndex writes a partial index's WHERE clause the same way for both databases:
// PostgreSQL gives back "(state = ANY (ARRAY['a'::text, 'b'::text]))" for what SQLite keeps
// as "state IN ('a', 'b')". Casts, brackets, case and spaces are dropped.
func normalizeIndex(def string) string {
	name, where, ok := strings.Cut(def, " where=")
	if !ok {
		return def
	}
	w := strings.ToLower(strings.TrimSuffix(strings.TrimSpace(where), ";"))
	w = castSuffix.ReplaceAllString(w, "$2")
	w = strings.ReplaceAll(w, "= any (array[", " in (")
	w = strings.NewReplacer("(", "", ")", "", "[", "", "]", "", " ", "", "\n", "", "\t", "").Replace(w)
	return name + " where=" + w
}

var castSuffix = regexp.MustCompile(`::[a-z ]+?(\[\])?([,)\]]|$)`)

func TestSchemaIsTheSameOnBothDatabases(t *testing.T) {
	sqlite := schemaOf(t, testutil.Open(t, "sqlite"))
	if len(sqlite) < 100 {
		t.Fatalf("SQLite schema looks incomplete: %d entries", len(sqlite))
	}
	for _, want := range []string{"matches.state",
		"index:matches.matches_one_active_per_household unique=1 on=household_id where=statein'approved','viewing_scheduled','viewing_confirmed','viewed','landlord_accepted'",
		"index:matches.matches_one_lease_per_place unique=1 on=vacancy_id,place where=state='lease_signed'",
		"outbox.dedupe_key"} {
		if !slices.Contains(sqlite, want) {
			t.Errorf("SQLite schema lacks %s", want)
		}
	}
	if os.Getenv("TEST_DATABASE_URL") == "" && os.Getenv("REQUIRE_POSTGRES") != "1" {
		t.Skip("PostgreSQL comparison skipped: TEST_DATABASE_URL is not set")
	}
	pg := schemaOf(t, testutil.Postgres(t))
	if missing, extra := diff(sqlite, pg); len(missing)+len(extra) > 0 {
		t.Errorf("schemas differ\nonly on SQLite: %s\nonly on PostgreSQL: %s",
			strings.Join(missing, ", "), strings.Join(extra, ", "))
	}
}

func diff(a, b []string) (onlyA, onlyB []string) {
	for _, x := range a {
		if !slices.Contains(b, x) {
			onlyA = append(onlyA, x)
		}
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			onlyB = append(onlyB, x)
		}
	}
	return onlyA, onlyB
}

func TestMigrateIsIdempotentAndReported(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		n, err := st.Migrate(ctx)
		if err != nil || n != 0 {
			t.Fatalf("second migrate: ran %d, err %v; want 0, nil", n, err)
		}
		ok, err := st.MigrationsCurrent(ctx)
		if err != nil || !ok {
			t.Fatalf("MigrationsCurrent = %v, %v; want true", ok, err)
		}
	})
}

func TestUnmigratedDatabaseIsNotCurrent(t *testing.T) {
	for _, d := range testutil.Dialects(t) {
		t.Run(d, func(t *testing.T) {
			st := testutil.OpenUnmigrated(t, d)
			ok, err := st.MigrationsCurrent(context.Background())
			if err != nil || ok {
				t.Fatalf("MigrationsCurrent on empty db = %v, %v; want false, nil", ok, err)
			}
		})
	}
}

// constraintCases insert rows that the schema must refuse.
var constraintCases = []struct {
	name string
	sql  string
}{
	{"unknown role", `INSERT INTO users (email, name, role, created_at, updated_at) VALUES ('a@b.de', 'A', 'boss', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`},
	{"upper-case email", `INSERT INTO users (email, name, role, created_at, updated_at) VALUES ('A@b.de', 'A', 'staff', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`},
	{"landlord user without landlord", `INSERT INTO users (email, name, role, created_at, updated_at) VALUES ('l@b.de', 'L', 'landlord', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`},
	{"urgency out of range", `INSERT INTO households (reference, contact_name, fachstelle_case, emergency_category, urgency, registered_on, lottery_number, created_at, updated_at) VALUES ('HH-X', 'X', TRUE, 'A1', 5, '2026-01-01', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`},
	{"unknown vacancy status", `INSERT INTO vacancies (landlord_id, street, postal_code, district, borough, floor, rooms_half, area_centi_m2, net_cold_rent_cents, service_charges_cents, heating_costs_cents, available_from, status, created_at, updated_at) VALUES (1, 'S 1', '58095', 'Mittelstadt', 'mitte', 1, 4, 5000, 30000, 9000, 6000, '2026-01-01', 'sold', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`},
	{"vacancy of unknown landlord", `INSERT INTO vacancies (landlord_id, street, postal_code, district, borough, floor, rooms_half, area_centi_m2, net_cold_rent_cents, service_charges_cents, heating_costs_cents, available_from, created_at, updated_at) VALUES (999, 'S 1', '58095', 'Mittelstadt', 'mitte', 1, 4, 5000, 30000, 9000, 6000, '2026-01-01', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`},
}

func TestSchemaRefusesInvalidRows(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		db, err := st.SQLDB()
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range constraintCases {
			t.Run(tc.name, func(t *testing.T) {
				if _, err := db.ExecContext(context.Background(), tc.sql); err == nil {
					t.Errorf("insert succeeded, want a constraint violation")
				}
			})
		}
	})
}

func TestOneActiveMatchPerHousehold(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		db, err := st.SQLDB()
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		mustExec(t, db, `INSERT INTO landlords (id, name, kind, created_at, updated_at) VALUES (1, 'L', 'private', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`)
		for _, id := range []int{1, 2} {
			mustExec(t, db, fmt.Sprintf(`INSERT INTO vacancies (id, landlord_id, street, postal_code, district, borough, floor, rooms_half, area_centi_m2, net_cold_rent_cents, service_charges_cents, heating_costs_cents, available_from, places, created_at, updated_at) VALUES (%d, 1, 'S 1', '58095', 'Mittelstadt', 'mitte', 1, 4, 5000, 30000, 9000, 6000, '2026-01-01', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`, id))
		}
		for _, id := range []int{1, 2} {
			mustExec(t, db, fmt.Sprintf(`INSERT INTO households (id, reference, contact_name, registered_on, lottery_number, created_at, updated_at) VALUES (%d, 'HH-%d', 'X', '2026-01-01', %d, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`, id, id, id))
		}
		insert := func(vacancy, household int, state string) error {
			_, err := db.ExecContext(ctx, fmt.Sprintf(`INSERT INTO matches (vacancy_id, household_id, state, state_changed_at, created_at, updated_at) VALUES (%d, %d, '%s', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`, vacancy, household, state))
			return err
		}
		if err := insert(1, 1, "approved"); err != nil {
			t.Fatal(err)
		}
		if err := insert(2, 1, "viewing_scheduled"); err == nil {
			t.Error("second active match for the same household was accepted")
		}
		if err := insert(2, 1, "proposed"); err != nil {
			t.Errorf("a proposal next to an active match must be allowed: %v", err)
		}
		if err := insert(1, 2, "lease_signed"); err != nil {
			t.Fatal(err)
		}
		if err := insert(1, 1, "lease_signed"); err == nil {
			t.Error("second lease for the same vacancy place was accepted")
		}
	})
}

func mustExec(t *testing.T, db *sql.DB, q string) {
	t.Helper()
	if _, err := db.ExecContext(context.Background(), q); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}
