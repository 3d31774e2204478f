package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
)

// controlCharMessage is the field message for text with control characters or bytes that
// are not UTF-8 (a NUL byte, a form feed pasted from a document).
const controlCharMessage = "Die Eingabe enthält unzulässige Steuerzeichen oder ungültige Zeichen. Bitte entfernen Sie sie."

// InvalidText is a request whose text input holds control characters or invalid UTF-8. It
// answers 422 with a German message per offending field (form key, query parameter or
// JSON path such as "members[0].sex").
type InvalidText struct {
	Fields map[string]string
}

func (e *InvalidText) Error() string {
	return fmt.Sprintf("web: control characters in %d fields", len(e.Fields))
}

// WebError is the answer: 422 with the fields named.
func (e *InvalidText) WebError() (*Error, map[string]string) {
	return &Error{Status: fiber.StatusUnprocessableEntity, Code: domain.CodeInvalidCharacters,
		Message: "Ihre Eingabe enthält unzulässige Steuerzeichen (zum Beispiel aus einem kopierten Text). " +
			"Bitte entfernen Sie sie und senden Sie das Formular noch einmal."}, e.Fields
}

// CleanText reports whether s is text a user may enter: valid UTF-8 without control
// characters other than tab, line feed and carriage return (multi-line fields need them;
// mail headers and calendar files fold them away on output).
func CleanText(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			return false
		}
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0x7f && r <= 0x9f {
			return false
		}
		i += size
	}
	return true
}

// ClipText makes text a client sent without asking the user (a User-Agent) fit to
// store: control characters and invalid bytes dropped, at most n bytes, cut between
// characters.
func ClipText(s string, n int) string {
	var b strings.Builder
	for _, r := range s {
		if r == utf8.RuneError || r < 0x20 || r >= 0x7f && r <= 0x9f {
			continue
		}
		if b.Len()+utf8.RuneLen(r) > n {
			break
		}
		b.WriteRune(r)
	}
	return b.String()
}

// RejectControlChars is the one check of all text a request carries: the path, every
// query parameter, every form value and every string (and key) of a JSON body. Text with
// control characters or invalid UTF-8 is refused with InvalidText before any handler or
// database sees it (PostgreSQL refuses NUL bytes and invalid UTF-8 with an error).
func RejectControlChars() fiber.Handler {
	return func(c *fiber.Ctx) error {
		// The decoded path: fasthttp turns %00 into a NUL byte here, Fiber's c.Path() does not.
		if !CleanText(string(c.Request().URI().Path())) {
			return fiber.ErrNotFound
		}
		bad := map[string]string{}
		check := func(key, value []byte) {
			if !CleanText(string(key)) || !CleanText(string(value)) {
				bad[cleanKey(key)] = controlCharMessage
			}
		}
		c.Request().URI().QueryArgs().VisitAll(check)
		switch {
		case bytes.HasPrefix(c.Request().Header.ContentType(), []byte(fiber.MIMEApplicationForm)):
			c.Request().PostArgs().VisitAll(check)
		case bytes.Contains(c.Request().Header.ContentType(), []byte("json")) && len(c.Body()) > 0:
			var v any
			dec := json.NewDecoder(bytes.NewReader(c.Body()))
			dec.UseNumber()
			if dec.Decode(&v) == nil {
				walkJSON("", v, bad)
			} else if !utf8.Valid(c.Body()) {
				// Malformed JSON is the decoder's to explain; invalid bytes are ours.
				bad["body"] = controlCharMessage
			}
		}
		if len(bad) > 0 {
			return &InvalidText{Fields: bad}
		}
		return c.Next()
	}
}

// walkJSON adds the path of every string or key with control characters to bad.
func walkJSON(path string, v any, bad map[string]string) {
	switch v := v.(type) {
	case string:
		if !CleanText(v) {
			bad[orBody(path)] = controlCharMessage
		}
	case []any:
		for i, e := range v {
			walkJSON(path+"["+strconv.Itoa(i)+"]", e, bad)
		}
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p := k
			if path != "" {
				p = path + "." + k
			}
			if !CleanText(k) {
				bad[orBody(path)] = controlCharMessage
				continue
			}
			walkJSON(p, v[k], bad)
		}
	}
}

func orBody(path string) string {
	if path == "" {
		return "body"
	}
	return path
}

// cleanKey is a form key fit to be echoed as a field name: its bad characters replaced.
func cleanKey(key []byte) string {
	out := make([]rune, 0, len(key))
	for _, r := range string(key) {
		if r < 0x20 || r >= 0x7f && r <= 0x9f || r == utf8.RuneError {
			r = '?'
		}
		out = append(out, r)
	}
	return string(out)
}
