package api

import "wohnbruecke/matching"

// withDeprecatedComponents returns the components of a ranking keyed by code with, for a
// renamed component, the same entry again under its former code, so that a client of the
// previous minor version still reads it (docs/design.md §6, "Names"). The ranking handler
// calls it on each candidate's components.
func withDeprecatedComponents[V any](byCode map[string]V) map[string]V {
	for _, c := range matching.AllComponents() {
		if old := c.DeprecatedCode(); old != "" {
			if v, ok := byCode[c.Code()]; ok {
				byCode[old] = v
			}
		}
	}
	return byCode
}

// deprecatedComponentCodes are the former codes of renamed components, for the document.
func deprecatedComponentCodes() []any {
	var out []any
	for _, c := range matching.AllComponents() {
		if old := c.DeprecatedCode(); old != "" {
			out = append(out, old)
		}
	}
	return out
}

// allowDeprecatedComponentKeys lets the ranking's components map also carry the former
// codes (withDeprecatedComponents). It looks the schema up defensively: where the ranking's
// shape differs it leaves the document as it is.
func allowDeprecatedComponentKeys(s obj) {
	r, _ := s["Ranking"].(obj)
	props, _ := r["properties"].(obj)
	cands, _ := props["candidates"].(obj)
	items, _ := cands["items"].(obj)
	cprops, _ := items["properties"].(obj)
	comps, _ := cprops["components"].(obj)
	names, _ := comps["propertyNames"].(obj)
	enum, ok := names["enum"].([]string)
	if !ok {
		return
	}
	out := make([]any, 0, len(enum)+1)
	for _, e := range enum {
		out = append(out, e)
	}
	names["enum"] = append(out, deprecatedComponentCodes()...)
}
