package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"strings"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/web"
)

// errUnsupportedMediaType answers a body that is not JSON.
var errUnsupportedMediaType = &web.Error{Status: fiber.StatusUnsupportedMediaType, Code: domain.CodeUnsupportedMediaType,
	Message: "Bitte senden Sie JSON (Content-Type: application/json)."}

// BadJSON is a request body that is not the JSON the endpoint expects: malformed, of the
// wrong type, with unknown fields or trailing data. It answers 400 and names the field.
type BadJSON struct {
	Code    domain.ErrorCode
	Message string
	Field   string
}

func (e *BadJSON) Error() string { return "api: bad json: " + e.Message }

// WebError turns the problem into the API's error answer.
func (e *BadJSON) WebError() (*web.Error, map[string]string) {
	var fields map[string]string
	if e.Field != "" {
		fields = map[string]string{e.Field: e.Message}
	}
	return &web.Error{Status: fiber.StatusBadRequest, Code: e.Code, Message: e.Message}, fields
}

// isJSON reports whether a Content-Type names JSON (application/json, application/*+json).
func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	return mt == "application/json" || strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json")
}

// decodeBody reads the request body as JSON into dst: Content-Type must be JSON, unknown
// fields are refused and nothing may follow the value.
func decodeBody(c *fiber.Ctx, dst any) error {
	if !isJSON(c.Get(fiber.HeaderContentType)) {
		return errUnsupportedMediaType
	}
	return DecodeJSON(c.Body(), dst)
}

// DecodeJSON decodes one JSON value strictly into dst and explains any problem in German,
// with line and column for syntax errors. It never panics, whatever the input.
func DecodeJSON(body []byte, dst any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return &BadJSON{Code: domain.CodeMalformedJSON, Message: "Der Anfragetext ist leer; erwartet wird ein JSON-Objekt."}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return explainJSONError(body, dec, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		line, col := position(body, int(dec.InputOffset()))
		return &BadJSON{Code: domain.CodeMalformedJSON,
			Message: fmt.Sprintf("Nach dem JSON-Wert folgen weitere Zeichen (Zeile %d, Spalte %d).", line, col)}
	}
	return nil
}

func explainJSONError(body []byte, dec *json.Decoder, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		// Offset counts the offending byte too.
		at := max(0, int(syn.Offset)-1)
		line, col := position(body, at)
		what := "ein unerwartetes Zeichen"
		if at < len(body) && body[at] >= 0x20 && body[at] < 0x7f {
			what = fmt.Sprintf("das unerwartete Zeichen „%c“", body[at])
		}
		return &BadJSON{Code: domain.CodeMalformedJSON,
			Message: fmt.Sprintf("Die Anfrage ist kein gültiges JSON: %s in Zeile %d, Spalte %d.", what, line, col)}
	case errors.Is(err, io.ErrUnexpectedEOF):
		line, col := position(body, len(body))
		return &BadJSON{Code: domain.CodeMalformedJSON,
			Message: fmt.Sprintf("Die Anfrage ist kein gültiges JSON: Sie endet mitten im Wert (Zeile %d, Spalte %d).", line, col)}
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			return &BadJSON{Code: domain.CodeInvalidType, Message: fmt.Sprintf("Erwartet wird %s, gesendet wurde %s.", typeName(typ.Type.Kind().String()), jsonKind(typ.Value))}
		}
		return &BadJSON{Code: domain.CodeInvalidType, Field: field,
			Message: fmt.Sprintf("Das Feld „%s“ muss %s sein, gesendet wurde %s.", field, typeName(typ.Type.Kind().String()), jsonKind(typ.Value))}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return &BadJSON{Code: domain.CodeUnknownField, Field: name,
			Message: fmt.Sprintf("Das Feld „%s“ ist unbekannt oder darf hier nicht gesetzt werden.", name)}
	case strings.HasPrefix(err.Error(), "domain: date"):
		line, col := position(body, int(dec.InputOffset()))
		return &BadJSON{Code: domain.CodeInvalidType,
			Message: fmt.Sprintf("Ein Datum muss als Text der Form \"2026-03-01\" angegeben werden (bei Zeile %d, Spalte %d).", line, col)}
	}
	line, col := position(body, int(dec.InputOffset()))
	return &BadJSON{Code: domain.CodeMalformedJSON,
		Message: fmt.Sprintf("Die Anfrage konnte nicht gelesen werden (bei Zeile %d, Spalte %d).", line, col)}
}

// position converts a byte offset into a 1-based line and column.
func position(body []byte, offset int) (line, col int) {
	offset = max(0, min(offset, len(body)))
	before := body[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = offset - bytes.LastIndexByte(before, '\n')
	return line, col
}

func typeName(kind string) string {
	switch kind {
	case "string":
		return "ein Text"
	case "bool":
		return "true oder false"
	case "slice", "array":
		return "eine Liste"
	case "struct", "map":
		return "ein Objekt"
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64":
		return "eine ganze Zahl"
	case "float32", "float64":
		return "eine Zahl"
	}
	return "ein Wert vom Typ " + kind
}

func jsonKind(v string) string {
	switch {
	case v == "string":
		return "ein Text"
	case v == "number" || strings.HasPrefix(v, "number "):
		return "eine Zahl (" + strings.TrimPrefix(v, "number ") + ")"
	case v == "bool":
		return "ein Wahrheitswert"
	case v == "array":
		return "eine Liste"
	case v == "object":
		return "ein Objekt"
	}
	return v
}
