package api

import (
	"strings"

	"wohnbruecke/internal/domain"
)

// errorCodeSchema is error.code: the enum of domain.ErrorCodes, each code explained in German
// and English.
func errorCodeSchema() obj {
	var de, en []string
	for _, c := range domain.ErrorCodes {
		de = append(de, string(c.Code)+": "+c.De)
		en = append(en, string(c.Code)+": "+c.En)
	}
	return obj{"type": "string", "enum": domain.ErrorCodeList(), "example": string(domain.CodeValidationFailed),
		"description": "Stabiler Fehlercode, auf den Programme reagieren; message ist für Menschen. " + strings.Join(de, " ") +
			" / Stable error code for programs to act on; message is for people. " + strings.Join(en, " ")}
}
