package testutil

import (
	"net/url"

	"wohnbruecke/internal/domain"
)

// OverrideReason is a complete written reason for approving a household out of rank order
// (workflow.ApproveRequest.Override). Tests that are not about that rule pass it with every
// approval: the workflow ignores it for the top candidate and stores it for any other.
var OverrideReason = domain.Reason{Code: domain.ReasonOther, Note: "Testfall: Auswahl außerhalb der Rangfolge."}

// WithOverride adds OverrideReason to a portal approval form (fields reason, reason_note).
func WithOverride(form url.Values) url.Values {
	form.Set("reason", string(OverrideReason.Code))
	form.Set("reason_note", OverrideReason.Note)
	return form
}
