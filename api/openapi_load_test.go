package api_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"wohnbruecke/api"
	"wohnbruecke/matching"
)

// loadDoc parses and validates the served document with kin-openapi.
func loadDoc(t testing.TB) *openapi3.T {
	t.Helper()
	raw, err := api.OpenAPIDocument()
	if err != nil {
		t.Fatal(err)
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(raw)
	if err != nil {
		t.Fatalf("load openapi: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi document invalid: %v", err)
	}
	return doc
}

func TestOpenAPIDocumentIsValid(t *testing.T) {
	doc := loadDoc(t)
	if doc.OpenAPI != "3.1.0" {
		t.Fatalf("openapi version %q", doc.OpenAPI)
	}
}

// The reason codes and score components of the document are matching's tables, each with
// its German label.
func TestOpenAPIRankingEnumsComeFromTheRules(t *testing.T) {
	doc := loadDoc(t)
	reason := doc.Components.Schemas["ReasonCode"].Value
	comps := doc.Components.Schemas["Ranking"].Value.Properties["candidates"].Value.Items.Value.Properties["components"].Value
	var codes, names []any
	for _, c := range matching.AllReasonCodes() {
		codes = append(codes, c.String())
		if !strings.Contains(reason.Description, c.String()+" ("+c.Label()+")") {
			t.Errorf("ReasonCode description lacks %v with its label", c)
		}
	}
	for _, c := range matching.AllComponents() {
		names = append(names, c.Code())
		if !strings.Contains(comps.Description, c.Code()+" ("+c.Label()+")") {
			t.Errorf("components description lacks %s with its label", c.Code())
		}
	}
	if !slices.Equal(reason.Enum, codes) || !slices.Equal(comps.PropertyNames.Value.Enum, names) {
		t.Fatalf("enums %v / %v, want %v / %v", reason.Enum, comps.PropertyNames.Value.Enum, codes, names)
	}
}
