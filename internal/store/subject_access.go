package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"wohnbruecke/internal/domain"
)

// SubjectTable is one table in the data subject access export (Art. 15 GDPR): how its rows
// about one household are found (Where, with @hh for the household's id) and which columns
// are left out (Omit: secrets such as token hashes, other people's data such as the full
// ranking inputs of a snapshot, the sealed health notes, which the export shows opened).
type SubjectTable struct {
	Table string
	Label string
	Where string
	Order string
	Omit  []string
}

// Reused sub-selects: the household's matches and viewings.
const (
	subjectMatches  = "SELECT id FROM matches WHERE household_id = @hh"
	subjectViewings = "SELECT id FROM viewings WHERE match_id IN (" + subjectMatches + ")"
	// subjectTenancies selects the household's tenancies.
	subjectTenancies = "SELECT id FROM tenancies WHERE household_id = @hh"
	// subjectParticipants selects the household's course participants.
	subjectParticipants = "SELECT id FROM course_participants WHERE household_id = @hh"
)

// SubjectTables is the one list of the tables that hold data about a household, in the
// order the export shows them. A branch that adds a table referencing households, matches
// or viewings adds its line here; TestSubjectAccessExportCoversEveryTableReferencingAHousehold
// reads the schema's foreign keys and fails on a table missing from this list.
var SubjectTables = []SubjectTable{
	{Table: "households", Label: "Stammdaten", Where: "id = @hh", Order: "id", Omit: []string{"health_notes"}},
	{Table: "household_members", Label: "Personen im Haushalt", Where: "household_id = @hh", Order: "position, id"},
	{Table: "consents", Label: "Einwilligungen und ihr Verlauf", Where: "household_id = @hh", Order: "given_at, id"},
	{Table: "matches", Label: "Vorschläge mit Erklärung der Rangliste", Where: "household_id = @hh", Order: "created_at, id"},
	{Table: "ranking_snapshots", Label: "Ranglisten-Schnappschüsse der Vorschläge (ohne Angaben anderer Haushalte)",
		Where: "id IN (SELECT snapshot_id FROM matches WHERE household_id = @hh)", Order: "id",
		Omit: []string{"inputs_json", "result_json", "data"}},
	{Table: "viewings", Label: "Besichtigungen", Where: "match_id IN (" + subjectMatches + ")", Order: "starts_at, id"},
	{Table: "applicant_tokens", Label: "Antwort-Links der Einladungen", Where: "viewing_id IN (" + subjectViewings + ")",
		Order: "id", Omit: []string{"token_hash"}},
	{Table: "invitation_handovers", Label: "Übergebene gedruckte Einladungen", Where: "viewing_id IN (" + subjectViewings + ")", Order: "id"},
	{Table: "outbox", Label: "E-Mails", Where: "match_id IN (" + subjectMatches + ")", Order: "created_at, id",
		Omit: []string{"body_html", "ics"}},
	{Table: "audit_log", Label: "Protokoll: wer den Haushalt geöffnet oder geändert hat",
		Where: "(entity = 'household' AND entity_id = @hh) OR (entity = 'match' AND entity_id IN (" + subjectMatches + "))" +
			" OR (entity = 'viewing' AND entity_id IN (" + subjectViewings + "))", Order: "at, id"},
	{Table: "data_changes", Label: "Änderungsfolge für die Ranglisten (nur laufende Nummern der Änderungen)", Where: "household_id = @hh", Order: "seq"},
	// Tenancy phase (docs/design.md §8).
	{Table: "tenancies", Label: "Mietverhältnisse", Where: "household_id = @hh", Order: "start_date, id"},
	{Table: "tenancy_visits", Label: "Kontakte der Wohnbegleitung", Where: "tenancy_id IN (" + subjectTenancies + ")", Order: "visited_on, id"},
	{Table: "tenancy_reports", Label: "Meldungen der Vermieter*in", Where: "tenancy_id IN (" + subjectTenancies + ")", Order: "created_at, id"},
	{Table: "tenancy_report_replies", Label: "Antworten auf Meldungen",
		Where: "report_id IN (SELECT id FROM tenancy_reports WHERE tenancy_id IN (" + subjectTenancies + "))", Order: "created_at, id"},
	{Table: "follow_ups", Label: "Nachsorge der Mietverhältnisse", Where: "tenancy_id IN (" + subjectTenancies + ")", Order: "due_on, id"},
	{Table: "satisfaction_checks", Label: "Zufriedenheitsabfragen bei der Vermieter*in", Where: "tenancy_id IN (" + subjectTenancies + ")",
		Order: "id", Omit: []string{"token_hash"}},
	// Mietführerschein (docs/design.md §9).
	{Table: "course_participants", Label: "Teilnahme am Mietführerschein", Where: "household_id = @hh", Order: "created_at, id"},
	{Table: "course_attendance", Label: "Anwesenheit in Kursterminen", Where: "participant_id IN (" + subjectParticipants + ")", Order: "participant_id, session_id"},
	{Table: "exam_results", Label: "Prüfungsergebnisse", Where: "participant_id IN (" + subjectParticipants + ")", Order: "taken_on, id"},
	{Table: "certificates", Label: "Zertifikate (Integrationszertifikat Wohnen)",
		Where: "household_id = @hh OR participant_id IN (" + subjectParticipants + ")", Order: "issued_on, id"},
	// Further tables of other topics (tenancies, visits, participants, …) go here.
}

// SubjectSection is one table's rows about the household; values are strings as stored
// (times in RFC 3339, NULL as nil).
type SubjectSection struct {
	Table   string           `json:"table"`
	Label   string           `json:"label"`
	Columns []string         `json:"columns"`
	Rows    []map[string]any `json:"rows"`
}

// SubjectData reads every table of SubjectTables for one household.
func (s *Store) SubjectData(ctx context.Context, householdID int64) ([]SubjectSection, error) {
	out := make([]SubjectSection, 0, len(SubjectTables))
	for _, t := range SubjectTables {
		sec, err := s.subjectSection(ctx, t, householdID)
		if err != nil {
			return nil, fmt.Errorf("store: subject data %s: %w", t.Table, err)
		}
		out = append(out, sec)
	}
	return out, nil
}

func (s *Store) subjectSection(ctx context.Context, t SubjectTable, householdID int64) (SubjectSection, error) {
	sec := SubjectSection{Table: t.Table, Label: t.Label, Rows: []map[string]any{}}
	rows, err := s.q(ctx).Raw("SELECT * FROM "+t.Table+" WHERE "+t.Where+" ORDER BY "+t.Order, sql.Named("hh", householdID)).Rows()
	if err != nil {
		return sec, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return sec, err
	}
	omit := map[string]bool{}
	for _, c := range t.Omit {
		omit[c] = true
	}
	for _, c := range cols {
		if !omit[c] {
			sec.Columns = append(sec.Columns, c)
		}
	}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return sec, err
		}
		row := map[string]any{}
		for i, c := range cols {
			if !omit[c] {
				row[c] = subjectValue(vals[i])
			}
		}
		sec.Rows = append(sec.Rows, row)
	}
	return sec, rows.Err()
}

// subjectValue turns a driver value into one JSON and the printable page show alike.
func subjectValue(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case []byte:
		return string(x)
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return domain.DateOf(x).ISO()
		}
		return x.UTC().Format(time.RFC3339)
	case bool, int64, float64, string:
		return x
	default:
		return fmt.Sprint(x)
	}
}
