package api_test

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// schemaAt follows a path of property names (and "[]" for array items) from a component
// schema.
func schemaAt(t *testing.T, doc *openapi3.T, component string, path ...string) *openapi3.Schema {
	t.Helper()
	ref := doc.Components.Schemas[component]
	if ref == nil {
		t.Fatalf("no schema %s", component)
	}
	s := ref.Value
	for _, p := range path {
		if p == "[]" {
			s = s.Items.Value
			continue
		}
		next := s.Properties[p]
		if next == nil {
			t.Fatalf("%s: no property %s in %v", component, p, path)
		}
		s = next.Value
	}
	return s
}

func enumCodes(s *openapi3.Schema) []string {
	var out []string
	for _, v := range s.Enum {
		if v != nil { // a nullable enum lists null too
			out = append(out, fmt.Sprint(v))
		}
	}
	return out
}

// queryParam finds a query parameter of an operation.
func queryParam(t *testing.T, doc *openapi3.T, path, method, name string) *openapi3.Schema {
	t.Helper()
	for _, p := range doc.Paths.Find(path).GetOperation(method).Parameters {
		if p.Value != nil && p.Value.In == "query" && p.Value.Name == name {
			return p.Value.Schema.Value
		}
	}
	t.Fatalf("%s %s: no query parameter %s", method, path, name)
	return nil
}

// TestOpenAPIEnumsAreTheDomainTables: every enum of the document that stands for a domain
// enumeration lists exactly the table's values, in its order.
func TestOpenAPIEnumsAreTheDomainTables(t *testing.T) {
	doc := loadDoc(t)
	list := func(name string) *openapi3.Schema {
		return queryParam(t, doc, "/api/v1/households", http.MethodGet, name)
	}
	cases := []struct {
		where  string
		schema *openapi3.Schema
		want   []string
	}{
		{"HouseholdInput.language", schemaAt(t, doc, "HouseholdInput", "language"), domain.Languages.Codes()},
		{"HouseholdInput.benefit", schemaAt(t, doc, "HouseholdInput", "benefit"), domain.Benefits.Codes()},
		{"HouseholdInput.consents", schemaAt(t, doc, "HouseholdInput", "consents", "[]"), domain.ConsentKinds.Codes()},
		{"Household.consent_records.kind", schemaAt(t, doc, "Household", "consent_records", "[]", "kind"), domain.ConsentKinds.Codes()},
		{"Fachstelle.category", schemaAt(t, doc, "Fachstelle", "category"), domain.EmergencyCategories.Codes()},
		{"Fachstelle.focus_group", schemaAt(t, doc, "Fachstelle", "focus_group"), domain.FocusGroups.Codes()},
		{"Needs.preferred_boroughs", schemaAt(t, doc, "Needs", "preferred_boroughs", "[]"), domain.Boroughs.Codes()},
		{"Needs.excluded_boroughs", schemaAt(t, doc, "Needs", "excluded_boroughs", "[]"), domain.Boroughs.Codes()},
		{"HouseholdRow.language", schemaAt(t, doc, "HouseholdRow", "language"), domain.Languages.Codes()},
		{"HouseholdRow.focus_group", schemaAt(t, doc, "HouseholdRow", "focus_group"), domain.FocusGroups.Codes()},
		{"HouseholdRow.preferred_boroughs", schemaAt(t, doc, "HouseholdRow", "preferred_boroughs", "[]"), domain.Boroughs.Codes()},
		{"Stats.waiting.focus_group", schemaAt(t, doc, "Stats", "waiting", "[]", "focus_group"), domain.FocusGroups.Codes()},
		{"Me.role", schemaAt(t, doc, "Me", "role"), domain.Roles.Codes()},
		{"Member.sex", schemaAt(t, doc, "Member", "sex"), domain.Sexes.Codes()},
		{"VacancyCreate.restriction", schemaAt(t, doc, "VacancyCreate", "restriction"), domain.Restrictions.Codes()},
		{"Vacancy.restriction", schemaAt(t, doc, "Vacancy", "restriction"), domain.Restrictions.Codes()},
		{"LandlordCreate.organisation.kind", schemaAt(t, doc, "LandlordCreate", "organisation", "kind"), domain.LandlordKinds.Codes()},
		{"Landlord.kind", schemaAt(t, doc, "Landlord", "kind"), domain.LandlordKinds.Codes()},
		{"?track", list("track"), domain.Tracks.Codes()},
		{"?focus_group", list("focus_group"), domain.FocusGroups.Codes()},
		{"?language", list("language"), domain.Languages.Codes()},
		{"?borough", list("borough"), domain.Boroughs.Codes()},
	}
	for _, c := range cases {
		if got := enumCodes(c.schema); !slices.Equal(got, c.want) {
			t.Errorf("%s: enum %v, want %v", c.where, got, c.want)
		}
	}
	tracks := schemaAt(t, doc, "HouseholdRow", "tracks")
	if got := slices.Sorted(func(yield func(string) bool) {
		for k := range tracks.Properties {
			if !yield(k) {
				return
			}
		}
	}); !slices.Equal(got, slices.Sorted(slices.Values(domain.Tracks.Codes()))) || !slices.Equal(tracks.Required, domain.Tracks.Codes()) {
		t.Errorf("HouseholdRow.tracks: properties %v, required %v, want the tracks %v", got, tracks.Required, domain.Tracks.Codes())
	}
	first, last := float64(domain.Urgencies.Values()[0]), float64(domain.Urgencies.Values()[len(domain.Urgencies)-1])
	for where, s := range map[string]*openapi3.Schema{"Fachstelle.urgency": schemaAt(t, doc, "Fachstelle", "urgency"),
		"HouseholdRow.urgency": schemaAt(t, doc, "HouseholdRow", "urgency"), "?urgency": list("urgency")} {
		if s.Min == nil || s.Max == nil || *s.Min != first || *s.Max != last {
			t.Errorf("%s: range %v to %v, want %v to %v", where, s.Min, s.Max, first, last)
		}
	}
}

// TestHouseholdAPIAcceptsExactlyTheTables posts a household with every value of every
// enumeration (the harness also checks each accepted request against the document) and one
// value outside each table, and filters the list by every value.
func TestHouseholdAPIAcceptsExactlyTheTables(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, st *store.Store) {
		h := newHarness(t, st)
		fachstelle := func(category, urgency, focus any) func(map[string]any) {
			return func(b map[string]any) {
				b["fachstelle"] = map[string]any{"category": category, "urgency": urgency, "focus_group": focus}
			}
		}
		type field struct {
			key    string
			values []any
			bad    any
			set    func(b map[string]any, v any)
		}
		fields := []field{
			{"language", toAnys(domain.Languages.Codes()), "xx", func(b map[string]any, v any) { b["language"] = v }},
			{"benefit", toAnys(domain.Benefits.Codes()), "sgb3", func(b map[string]any, v any) { b["benefit"] = v }},
			{"consents[1]", toAnys(domain.ConsentKinds.Codes()), "newsletter", func(b map[string]any, v any) {
				b["consents"] = []any{"data_processing", v}
			}},
			{"fachstelle.category", toAnys(domain.EmergencyCategories.Codes()), "D", func(b map[string]any, v any) { fachstelle(v, 1, "none")(b) }},
			{"fachstelle.focus_group", toAnys(domain.FocusGroups.Codes()), "men", func(b map[string]any, v any) { fachstelle("B", 1, v)(b) }},
			{"fachstelle.urgency", urgencies(), 5, func(b map[string]any, v any) { fachstelle("B", v, "none")(b) }},
			{"members[0].sex", toAnys(domain.Sexes.Codes()), "w", func(b map[string]any, v any) {
				b["members"] = []any{map[string]any{"birth_year": 1988, "sex": v}}
			}},
			{"needs.preferred_boroughs[0]", toAnys(domain.Boroughs.Codes()), "Haspe", func(b map[string]any, v any) {
				b["needs"] = map[string]any{"preferred_boroughs": []any{v}}
			}},
		}
		for _, f := range fields {
			t.Run(f.key, func(t *testing.T) {
				h := h.with(t)
				for _, v := range f.values {
					body := householdBody(fmt.Sprintf("Tabelle %s %v", f.key, v))
					f.set(body, v)
					expect(t, h.call("staff", "POST", "/api/v1/households", body), http.StatusCreated)
				}
				body := householdBody("Tabelle falsch")
				f.set(body, f.bad)
				r := expect(t, h.call("staff", "POST", "/api/v1/households", body), http.StatusUnprocessableEntity)
				if _, ok := r.Fields()[f.key]; !ok {
					t.Errorf("%v refused without a message at %s: %v", f.bad, f.key, r.Fields())
				}
			})
		}
		filters := map[string][]string{"track": domain.Tracks.Codes(), "focus_group": domain.FocusGroups.Codes(),
			"language": domain.Languages.Codes(), "borough": domain.Boroughs.Codes(), "urgency": domain.Urgencies.Codes()}
		for name, values := range filters {
			for _, v := range values {
				expect(t, h.call("staff", "GET", "/api/v1/households?"+name+"="+v, nil), http.StatusOK)
			}
			expect(t, h.call("staff", "GET", "/api/v1/households?"+name+"=5x", nil), http.StatusBadRequest)
		}
		expect(t, h.call("staff", "GET", "/api/v1/households?urgency=5", nil), http.StatusBadRequest)
	})
}

func toAnys(xs []string) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

func urgencies() []any {
	var out []any
	for _, u := range domain.Urgencies.Codes() {
		n, _ := strconv.Atoi(u)
		out = append(out, n)
	}
	return out
}
