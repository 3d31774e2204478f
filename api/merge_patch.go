package api

import (
	"encoding/json"
	"fmt"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
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

// decodePatch reads a merge patch document, which must be a JSON object.
func decodePatch(c *fiber.Ctx) (map[string]any, error) {
	var patch map[string]any
	if err := decodeBody(c, &patch); err != nil {
		return nil, err
	}
	if patch == nil {
		return nil, &BadJSON{Code: domain.CodeInvalidType, Message: "Erwartet wird ein JSON-Objekt mit den zu ändernden Feldern."}
	}
	return patch, nil
}

// patched applies a merge patch to the current input and decodes the result into a new
// input of the same type, so a PATCH is validated exactly like a full update.
func patched[T any](current *T, patch map[string]any) (*T, error) {
	merged, err := applyMergePatch(current, patch)
	if err != nil {
		return nil, err
	}
	var in T
	if err := DecodeJSON(merged, &in); err != nil {
		return nil, err
	}
	return &in, nil
}
