package api

import "testing"

// TestEveryPartOfTheDocumentHasEnglish: addEnglish finds an English text for every
// operation, tag, shared component and schema (Spectral checks the same in CI; this test
// needs no node).
func TestEveryPartOfTheDocumentHasEnglish(t *testing.T) {
	doc := obj{
		"info": obj{"description": "x", "summary": "y"}, "tags": tags(), "paths": paths(),
		"components": obj{"schemas": schemas(), "securitySchemes": securitySchemes(), "parameters": parameters(), "responses": errorResponses(), "headers": headers()},
	}
	if missing := addEnglish(doc); len(missing) > 0 {
		t.Errorf("no English for: %v", missing)
	}
}
