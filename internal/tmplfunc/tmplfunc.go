// Package tmplfunc holds template functions that the portal's and the mail package's
// templates share.
package tmplfunc

import (
	"errors"
	"fmt"
)

// Dict builds a map from alternating keys and values, to pass several values to a
// sub-template: {{template "input" (dict "Page" . "Name" "email")}}.
func Dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, errors.New("dict: odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}
