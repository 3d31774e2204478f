package migrations_test

import (
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"

	"wohnbruecke/internal/domain"
	"wohnbruecke/migrations"
)

var (
	createTable = regexp.MustCompile(`(?i)CREATE TABLE (?:IF NOT EXISTS )?(\w+)`)
	checkIn     = regexp.MustCompile(`(?i)^\s*(\w+)\s.*CHECK \((\w+) IN \(([^)]*)\)\)`)
	urgency     = regexp.MustCompile(`(?i)^\s*urgency\s.*CHECK \(urgency BETWEEN (\d+) AND (\d+)\)`)
)

// checks reads the CHECK (column IN (…)) constraints of a dialect's migrations as
// "table.column" → the listed values; a later migration's definition wins.
func checks(t *testing.T, dialect string) map[string][]string {
	t.Helper()
	fsys, err := migrations.FS(dialect)
	if err != nil {
		t.Fatal(err)
	}
	names, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(names)
	out := map[string][]string{}
	for _, name := range names {
		raw, err := fs.ReadFile(fsys, name)
		if err != nil {
			t.Fatal(err)
		}
		table := ""
		for _, line := range strings.Split(string(raw), "\n") {
			if m := createTable.FindStringSubmatch(line); m != nil {
				table = m[1]
			}
			if m := checkIn.FindStringSubmatch(line); m != nil && m[1] == m[2] {
				var values []string
				for _, v := range strings.Split(m[3], ",") {
					values = append(values, strings.Trim(strings.TrimSpace(v), "'"))
				}
				out[table+"."+m[1]] = values
			}
			if m := urgency.FindStringSubmatch(line); m != nil {
				out[table+".urgency"] = []string{m[1], m[2]}
			}
		}
	}
	return out
}

// TestSchemaChecksListExactlyTheTables: the database refuses what the domain tables do not
// list and accepts all they list, so a new value needs a migration as well as a table row.
func TestSchemaChecksListExactlyTheTables(t *testing.T) {
	want := map[string][]string{
		"households.language":           domain.Languages.Codes(),
		"households.benefit":            domain.Benefits.Codes(),
		"households.focus_group":        domain.FocusGroups.Codes(),
		"households.emergency_category": domain.EmergencyCategories.Codes(),
		"consents.kind":                 domain.ConsentKinds.Codes(),
		"vacancies.borough":             domain.Boroughs.Codes(),
		"users.role":                    domain.Roles.Codes(),
		"api_tokens.role":               domain.Roles.Codes(),
		"household_members.sex":         domain.Sexes.Codes(),
		"vacancies.restriction":         domain.Restrictions.Codes(),
		"landlords.kind":                domain.LandlordKinds.Codes(),
		// Tenancy phase (docs/design.md §8).
		"tenancies.status":                   optionValues(domain.TenancyTransitions.Options()),
		"tenancies.end_reason":               domain.TenancyEndReasons.Codes(),
		"tenancy_reports.status":             optionValues(domain.ReportTransitions.Options()),
		"tenancy_visits.language":            domain.Languages.Codes(),
		"tenancy_reports.category":           domain.ReportCategories.Codes(),
		"tenancy_reports.urgency":            domain.ReportUrgencies.Codes(),
		"tenancy_report_replies.author_role": domain.Roles.Codes(),
	}
	us := domain.Urgencies.Codes()
	want["households.urgency"] = []string{us[0], us[len(us)-1]} // BETWEEN first AND last
	for _, dialect := range []string{"sqlite", "postgres"} {
		got := checks(t, dialect)
		for col, values := range want {
			if !slices.Equal(slices.Sorted(slices.Values(got[col])), slices.Sorted(slices.Values(values))) {
				t.Errorf("%s %s: CHECK lists %v, the table %v", dialect, col, got[col], values)
			}
		}
	}
}

// optionValues are the codes of a state table (tenancy phase).
func optionValues(opts []domain.Option) []string {
	out := make([]string, len(opts))
	for i, o := range opts {
		out[i] = o.Value
	}
	return out
}
