package testutil

import "wohnbruecke/internal/domain"

// OverrideReason is a complete written reason for approving a household out of rank order
// (workflow.ApproveRequest.Override). Tests that are not about that rule pass it with every
// approval: the workflow ignores it for the top candidate and stores it for any other.
var OverrideReason = domain.Reason{Code: domain.ReasonOther, Note: "Testfall: Auswahl außerhalb der Rangfolge."}

// OverrideForm is OverrideReason as the portal's approval form fields.
var OverrideForm = map[string]string{"reason": string(OverrideReason.Code), "reason_note": OverrideReason.Note}
