package store

import (
	"context"
	"fmt"
	"strconv"

	"wohnbruecke/internal/domain"
)

// auditSubjectQueries name, per kind of record, the words the audit log uses for it: a
// household (and the proposals and viewings of it) by its reference, a vacancy by its
// address, a landlord, an account and an API token by their names.
var auditSubjectQueries = map[string]string{
	"household": "SELECT id, reference FROM households WHERE id IN ?",
	"match":     "SELECT m.id, h.reference FROM matches m JOIN households h ON h.id = m.household_id WHERE m.id IN ?",
	"viewing": "SELECT v.id, h.reference FROM viewings v JOIN matches m ON m.id = v.match_id " +
		"JOIN households h ON h.id = m.household_id WHERE v.id IN ?",
	"vacancy":   "SELECT id, street || ', ' || district FROM vacancies WHERE id IN ?",
	"landlord":  "SELECT id, name FROM landlords WHERE id IN ?",
	"user":      "SELECT id, name FROM users WHERE id IN ?",
	"api_token": "SELECT id, name FROM api_tokens WHERE id IN ?",
	// Tenancy phase: a tenancy and a report by the household's reference.
	"tenancy": "SELECT t.id, h.reference FROM tenancies t JOIN households h ON h.id = t.household_id WHERE t.id IN ?",
	"report": "SELECT r.id, h.reference FROM tenancy_reports r JOIN tenancies t ON t.id = r.tenancy_id " +
		"JOIN households h ON h.id = t.household_id WHERE r.id IN ?",
}

// AuditSubjects returns, for the entries' records, how the audit log names them, keyed by
// entity and id. Policies and messages are named by their number; records that are gone
// are missing from the map.
func (s *Store) AuditSubjects(ctx context.Context, entries []domain.AuditEntry) (map[string]map[int64]string, error) {
	ids := map[string][]int64{}
	out := map[string]map[int64]string{}
	for _, e := range entries {
		if e.EntityID == nil {
			continue
		}
		if _, ok := auditSubjectQueries[e.Entity]; ok {
			ids[e.Entity] = append(ids[e.Entity], *e.EntityID)
			continue
		}
		if out[e.Entity] == nil {
			out[e.Entity] = map[int64]string{}
		}
		out[e.Entity][*e.EntityID] = strconv.FormatInt(*e.EntityID, 10)
	}
	for entity, list := range ids {
		rows, err := s.q(ctx).Raw(auditSubjectQueries[entity], list).Rows()
		if err != nil {
			return nil, fmt.Errorf("store: audit subjects of %s: %w", entity, err)
		}
		names := map[int64]string{}
		for rows.Next() {
			var id int64
			var name string
			if err := rows.Scan(&id, &name); err != nil {
				_ = rows.Close()
				return nil, fmt.Errorf("store: audit subjects of %s: %w", entity, err)
			}
			names[id] = name
		}
		if err := rows.Err(); err != nil {
			_ = rows.Close()
			return nil, fmt.Errorf("store: audit subjects of %s: %w", entity, err)
		}
		if err := rows.Close(); err != nil {
			return nil, fmt.Errorf("store: audit subjects of %s: %w", entity, err)
		}
		out[entity] = names
	}
	return out, nil
}
