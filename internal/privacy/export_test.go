package privacy_test

import (
	"context"
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"wohnbruecke/internal/config"
	"wohnbruecke/internal/demo"
	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/privacy"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// tablesAboutHouseholds reads the migrated schema: every table with a household_id column,
// and every table whose foreign keys lead to households, directly or through other such
// tables (matches, viewings, …). The audit log refers to records by entity and id, without
// a foreign key, and is named explicitly.
func tablesAboutHouseholds(t *testing.T, st *store.Store) []string {
	t.Helper()
	db, err := st.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	type edge struct{ from, to, column string }
	var edges []edge
	var query string
	if st.Dialect() == "sqlite" {
		query = `SELECT m.name, f."table", f."from" FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
			WHERE m.type = 'table'
			UNION SELECT m.name, 'households', c.name FROM sqlite_master m JOIN pragma_table_info(m.name) c
			WHERE m.type = 'table' AND c.name LIKE '%household_id%'`
	} else {
		query = `SELECT tc.table_name, ccu.table_name, kcu.column_name FROM information_schema.table_constraints tc
			JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
			JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
			WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()
			UNION SELECT table_name, 'households', column_name FROM information_schema.columns
			WHERE table_schema = current_schema() AND column_name LIKE '%household_id%'`
	}
	rows, err := db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var e edge
		if err := rows.Scan(&e.from, &e.to, &e.column); err != nil {
			t.Fatal(err)
		}
		edges = append(edges, e)
	}
	_ = rows.Close()
	about := map[string]bool{"households": true, "audit_log": true}
	for changed := true; changed; {
		changed = false
		for _, e := range edges {
			// matches.snapshot_id points at a snapshot shared by many households; snapshots
			// are in the export through the matches, not because they are about one household.
			if about[e.to] && !about[e.from] && e.to != e.from {
				about[e.from], changed = true, true
			}
		}
	}
	if len(edges) < 10 {
		t.Fatalf("only %d foreign keys read from the schema: the query is wrong", len(edges))
	}
	var out []string
	for name := range about {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// The export of one demo household holds a section for every table that refers to a
// household (read from the schema), the household's own rows, and no secrets.
func TestSubjectAccessExportCoversEveryTableReferencingAHousehold(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		if _, err := demo.Load(ctx, st, demo.Options{Households: 60}); err != nil {
			t.Fatal(err)
		}
		users := testutil.SeedUsers(t, st)
		svc := privacy.New(st, config.DefaultRetention)
		db, _ := st.SQLDB()
		// The demo household with the most viewings.
		var id int64
		if err := db.QueryRow(`SELECT m.household_id FROM viewings v JOIN matches m ON m.id = v.match_id
			GROUP BY m.household_id ORDER BY COUNT(*) DESC, m.household_id LIMIT 1`).Scan(&id); err != nil {
			t.Fatal(err)
		}
		staff := domain.Actor{User: users.Staff}
		if _, err := svc.Export(ctx, domain.Actor{User: users.Caseworker}, id); err == nil {
			t.Fatal("a caseworker exported a household")
		}
		e, err := svc.Export(ctx, staff, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, table := range tablesAboutHouseholds(t, st) {
			if e.Section(table) == nil {
				t.Errorf("table %s refers to households but is missing from the export (add it to store.SubjectTables)", table)
			}
		}
		for _, table := range []string{"households", "household_members", "consents", "matches", "viewings", "audit_log"} {
			if s := e.Section(table); s == nil || len(s.Rows) == 0 {
				t.Errorf("no rows of %s for the demo household", table)
			}
		}
		for _, r := range e.Section("matches").Rows {
			if r["household_id"] != id {
				t.Errorf("a match of household %v in the export of %d", r["household_id"], id)
			}
		}
		opened := false
		for _, r := range e.Section("audit_log").Rows {
			opened = opened || r["action"] == "household.export"
		}
		if !opened {
			t.Error("the export's own audit entry is not in the export")
		}
		b, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		for _, secret := range []string{"token_hash", "wbsealed:", "inputs_json"} {
			if strings.Contains(string(b), secret) {
				t.Errorf("the export contains %q", secret)
			}
		}
	})
}
