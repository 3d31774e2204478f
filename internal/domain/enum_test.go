package domain_test

import (
	"slices"
	"testing"

	"wohnbruecke/internal/domain"
)

// table is what the checks need of any enumeration table.
type table struct {
	name    string
	codes   []string
	options []domain.Option
	valid   func(code string) bool
	label   func(code string) string
}

func tableOf[T domain.Code](name string, e domain.Enum[T], valid func(T) bool, label func(T) string) table {
	return table{name: name, codes: e.Codes(), options: e.Options(),
		valid: func(code string) bool { v, ok := e.Parse(code); return ok && valid(v) },
		label: func(code string) string { v, _ := e.Parse(code); return label(v) }}
}

func tables() []table {
	return []table{
		tableOf("languages", domain.Languages, domain.Language.Valid, domain.Language.Label),
		tableOf("benefits", domain.Benefits, domain.Benefit.Valid, domain.Benefit.Label),
		tableOf("tracks", domain.Tracks, domain.Track.Valid, domain.Track.Label),
		tableOf("focus groups", domain.FocusGroups, domain.FocusGroup.Valid, domain.FocusGroup.Label),
		tableOf("emergency categories", domain.EmergencyCategories, domain.EmergencyCategory.Valid, domain.EmergencyCategory.Label),
		tableOf("urgencies", domain.Urgencies, domain.Urgency.Valid, domain.Urgency.Label),
		tableOf("consent kinds", domain.ConsentKinds, domain.ConsentKind.Valid, domain.ConsentKind.Label),
		tableOf("boroughs", domain.Boroughs, domain.Borough.Valid, domain.Borough.Label),
		tableOf("roles", domain.Roles, domain.Role.Valid, domain.Role.Label),
		tableOf("sexes", domain.Sexes, domain.Sex.Valid, domain.Sex.Label),
		tableOf("restrictions", domain.Restrictions, domain.Restriction.Valid, domain.Restriction.Label),
		tableOf("landlord kinds", domain.LandlordKinds, domain.LandlordKind.Valid, domain.LandlordKind.Label),
		// Tenancy phase (docs/design.md §8).
		tableOf("tenancy end reasons", domain.TenancyEndReasons, domain.TenancyEndReason.Valid, domain.TenancyEndReason.Label),
		tableOf("report categories", domain.ReportCategories, domain.ReportCategory.Valid, domain.ReportCategory.Label),
		tableOf("report urgencies", domain.ReportUrgencies, domain.ReportUrgency.Valid, domain.ReportUrgency.Label),
		tableOf("visit kinds", domain.VisitKinds, domain.VisitKind.Valid, domain.VisitKind.Label),
		tableOf("visit topics", domain.VisitTopics, domain.VisitTopic.Valid, domain.VisitTopic.Label),
	}
}

// TestEnumerationTablesAreWellFormed checks every table: unique codes, a German label for
// each, the type's Valid and Label agree with the table, and nothing else is valid.
func TestEnumerationTablesAreWellFormed(t *testing.T) {
	for _, tb := range tables() {
		t.Run(tb.name, func(t *testing.T) {
			if len(tb.codes) == 0 {
				t.Fatal("empty table")
			}
			seen := map[string]bool{}
			for i, code := range tb.codes {
				if code == "" || seen[code] {
					t.Errorf("code %q empty or twice", code)
				}
				seen[code] = true
				if o := tb.options[i]; o.Value != code || o.Label == "" || o.Label == code {
					t.Errorf("option %d = %+v: want value %q with a German label", i, o, code)
				}
				if !tb.valid(code) {
					t.Errorf("%q is in the table but not valid", code)
				}
				if got := tb.label(code); got != tb.options[i].Label {
					t.Errorf("label of %q = %q, want %q", code, got, tb.options[i].Label)
				}
			}
			for _, other := range []string{"", "xx", "0", "5", "Haspe", "SGB2", "de "} {
				if !seen[other] && tb.valid(other) {
					t.Errorf("%q is valid but not in the table", other)
				}
			}
		})
	}
}

// TestUrgenciesRunFromOneWithoutGaps guards the API, which documents the urgency as an
// integer from the first to the last value of the table.
func TestUrgenciesRunFromOneWithoutGaps(t *testing.T) {
	for i, u := range domain.Urgencies.Values() {
		if int(u) != i+1 {
			t.Fatalf("urgency %d at position %d", u, i)
		}
	}
	if last := domain.Urgencies.Values()[len(domain.Urgencies)-1]; last != domain.UrgencyLow {
		t.Fatalf("lowest urgency %d, want UrgencyLow", last)
	}
}

func TestLanguagesStartWithGermanAndOnlyArabicIsRightToLeft(t *testing.T) {
	if domain.LanguageTable[0].Language != domain.LanguageDE {
		t.Fatalf("first language %s, want German (always alongside)", domain.LanguageTable[0].Language)
	}
	for _, l := range domain.LanguageTable {
		if l.Native == "" || l.German == "" {
			t.Errorf("%s lacks a name", l.Language)
		}
		if l.Language.RightToLeft() != (l.Language == domain.LanguageAR) {
			t.Errorf("%s right to left: %v", l.Language, l.Language.RightToLeft())
		}
	}
	if got := domain.LanguageRO.Label(); got != "Rumänisch (Română)" {
		t.Errorf("label %q", got)
	}
	if got := domain.Language("xx").Native(); got != "xx" {
		t.Errorf("unknown language shows as %q", got)
	}
}

func TestTracksHaveEveryName(t *testing.T) {
	for _, opts := range [][]domain.Option{domain.TrackShortOptions, domain.TrackHouseholdOptions} {
		if got := func() []string {
			var out []string
			for _, o := range opts {
				out = append(out, o.Value)
			}
			return out
		}(); !slices.Equal(got, domain.Tracks.Codes()) {
			t.Errorf("options %v, want the tracks %v", got, domain.Tracks.Codes())
		}
	}
	for _, tr := range domain.TrackTable {
		if tr.Short == "" || tr.Households == "" || tr.Track.Households() != tr.Households {
			t.Errorf("track %s: %+v", tr.Track, tr)
		}
	}
}
