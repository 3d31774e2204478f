package portal

import (
	"errors"

	"wohnbruecke/internal/domain"
)

// conflictMessage returns the German message of a conflict (someone was faster, a rule no
// longer holds), which action forms show on the page they return to.
func conflictMessage(err error) (string, bool) {
	var ce *domain.ConflictError
	if errors.As(err, &ce) {
		return ce.Message, true
	}
	return "", false
}
