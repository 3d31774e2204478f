package auth

import (
	_ "embed"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Password rules (ASVS 2.1): a length that makes guessing slow, no password from the lists
// of common and breached passwords, nothing built from the account's own email or name.
const (
	MinPasswordLength = 12
	MaxPasswordBytes  = 200
	minDistinctRunes  = 5
)

//go:embed common_passwords.txt
var commonPasswordsFile string

// commonPasswords is read-only after start-up (built once from the embedded file).
var commonPasswords = func() map[string]struct{} {
	set := make(map[string]struct{}, 10500)
	for _, line := range strings.Split(commonPasswordsFile, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			set[line] = struct{}{}
		}
	}
	return set
}()

// leet undoes the usual character swaps, so "P@ssw0rt" counts as "passwort".
var leet = strings.NewReplacer("@", "a", "4", "a", "0", "o", "1", "i", "!", "i", "3", "e", "$", "s", "5", "s", "7", "t", "€", "e")

// CheckNewPassword returns the German message why password may not be set for the account
// with this email and name, or "" when it is acceptable. Every place that sets a password
// (invitation and reset links, registration, `user create`) asks it.
func CheckNewPassword(password, email, name string) string {
	n := utf8.RuneCountInString(password)
	switch {
	case n < MinPasswordLength:
		return fmt.Sprintf("Das Passwort braucht mindestens %d Zeichen. Ein Satz aus mehreren Wörtern ist leicht zu merken.", MinPasswordLength)
	case len(password) > MaxPasswordBytes:
		return fmt.Sprintf("Das Passwort darf höchstens %d Zeichen haben.", MaxPasswordBytes)
	case distinctRunes(password) < minDistinctRunes:
		return "Das Passwort besteht aus zu wenigen verschiedenen Zeichen. Bitte wählen Sie ein anderes."
	case isCommon(password):
		return "Dieses Passwort ist zu bekannt und steht auf Listen, die Angreifer zuerst ausprobieren. Bitte wählen Sie ein anderes."
	case containsPersonal(password, email, name):
		return "Das Passwort darf weder Ihre E-Mail-Adresse noch Ihren Namen enthalten."
	}
	return ""
}

func distinctRunes(s string) int {
	seen := map[rune]bool{}
	for _, r := range strings.ToLower(s) {
		seen[r] = true
	}
	return len(seen)
}

// isCommon reports whether the password, or its letters without the digits and symbols
// around them ("Passwort123!", "hallo1234567"), is on the list.
func isCommon(password string) bool {
	p := strings.ToLower(password)
	if _, ok := commonPasswords[p]; ok {
		return true
	}
	notLetter := func(r rune) bool { return !unicode.IsLetter(r) }
	core := strings.TrimFunc(p, notLetter)
	if core == "" {
		return true // only digits and symbols: a PIN or a keyboard row
	}
	for _, c := range []string{core, leet.Replace(core)} {
		for _, candidate := range []string{c, strings.Join(strings.Fields(c), "")} {
			if _, ok := commonPasswords[candidate]; ok {
				return true
			}
		}
	}
	return false
}

// containsPersonal reports whether the password contains the email, its local part or a
// word of the name (of at least three letters), ignoring case.
func containsPersonal(password, email, name string) bool {
	p := strings.ToLower(password)
	email = strings.ToLower(strings.TrimSpace(email))
	local, _, _ := strings.Cut(email, "@")
	parts := []string{email, local}
	parts = append(parts, strings.FieldsFunc(local, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })...)
	parts = append(parts, strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return !unicode.IsLetter(r) })...)
	for _, part := range parts {
		if utf8.RuneCountInString(part) >= 3 && strings.Contains(p, part) {
			return true
		}
	}
	return false
}
