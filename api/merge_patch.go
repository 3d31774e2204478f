package api

import (
	"encoding/json"
	"fmt"
)

// mergePatch applies an RFC 7396 JSON merge patch: objects merge key by key, null removes
// a key, anything else replaces the target.
func mergePatch(target, patch any) any {
	p, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	t, ok := target.(map[string]any)
	if !ok {
		t = map[string]any{}
	}
	for k, v := range p {
		if v == nil {
			delete(t, k)
			continue
		}
		t[k] = mergePatch(t[k], v)
	}
	return t
}

// applyMergePatch merges a patch document (already checked to be a JSON object) onto the
// JSON form of current and returns the merged document.
func applyMergePatch(current any, patch map[string]any) ([]byte, error) {
	raw, err := json.Marshal(current)
	if err != nil {
		return nil, fmt.Errorf("api: merge patch: %w", err)
	}
	var doc any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("api: merge patch: %w", err)
	}
	out, err := json.Marshal(mergePatch(doc, patch))
	if err != nil {
		return nil, fmt.Errorf("api: merge patch: %w", err)
	}
	return out, nil
}
