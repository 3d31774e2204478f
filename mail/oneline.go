package mail

import (
	"strings"
	"unicode"
)

// oneLine is the one rule for text that goes into a mail header or a calendar property
// (display names, subjects, the viewing's address): every control character, CR and LF
// included, and every Unicode space or line separator becomes a single space, so a line
// break typed into a street or a name can neither end a header (and start a forged one)
// nor break the line structure of an .ics file.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r)
	}), " ")
}
