package api

import "testing"

// TestRankingComponentsCarryTheirFormerCodes: a renamed component appears under its new and
// its former code, and the document allows both keys.
func TestRankingComponentsCarryTheirFormerCodes(t *testing.T) {
	m := withDeprecatedComponents(map[string]int{"preferred_borough": 5, "urgency": 30})
	if m["preferred_district"] != 5 || m["preferred_borough"] != 5 || len(m) != 3 {
		t.Errorf("components %v, want preferred_district alongside preferred_borough", m)
	}
	s := schemas()
	enum := s["Ranking"].(obj)["properties"].(obj)["candidates"].(obj)["items"].(obj)["properties"].(obj)["components"].(obj)["propertyNames"].(obj)["enum"].([]any)
	var has bool
	for _, e := range enum {
		has = has || e == "preferred_district"
	}
	if !has {
		t.Errorf("the ranking's components do not allow the former code: %v", enum)
	}
}
