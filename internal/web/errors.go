package web

import (
	"errors"
	"fmt"
	"net/url"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/logsafe"
)

// Error is an answer with a status, a stable code (domain.ErrorCodes) and a German message.
// Reasons lists the failed hard rules of a household_not_eligible answer.
type Error struct {
	Status  int
	Code    domain.ErrorCode
	Message string
	Reasons []domain.RuleReason
}

func (e *Error) Error() string { return fmt.Sprintf("%d %s: %s", e.Status, e.Code, e.Message) }

// ErrForbiddenCSRF answers a state-changing request without a valid CSRF token.
var ErrForbiddenCSRF = &Error{Status: fiber.StatusForbidden, Code: domain.CodeCSRFInvalid,
	Message: "Das Formular ist abgelaufen oder ungültig. Bitte laden Sie die Seite neu und senden Sie es noch einmal."}

// ErrUnavailable answers a request while the database cannot be reached (503).
var ErrUnavailable = &Error{Status: fiber.StatusServiceUnavailable, Code: domain.CodeDatabaseUnavailable,
	Message: "Die Wohnbrücke ist vorübergehend nicht erreichbar. Bitte versuchen Sie es in einigen Minuten noch einmal."}

// ErrorRenderer renders an HTML error page in the portal's layout.
type ErrorRenderer interface {
	RenderError(c *fiber.Ctx, e *Error) error
}

// JSONError is the API's error body: {"error": {"code", "message", "fields"}}.
type JSONError struct {
	Error JSONErrorBody `json:"error"`
}

// JSONErrorBody is the inner object of JSONError.
type JSONErrorBody struct {
	Code    domain.ErrorCode  `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
	Reasons []JSONRuleReason  `json:"reasons,omitempty"`
}

// JSONRuleReason is one failed hard rule of a household_not_eligible answer.
// DeprecatedCode is the rule's former code while it is kept as an alias (docs/design.md §6).
type JSONRuleReason struct {
	Code           string `json:"code"`
	DeprecatedCode string `json:"deprecated_code,omitempty"`
	Message        string `json:"message"`
}

func jsonReasons(rs []domain.RuleReason) []JSONRuleReason {
	if len(rs) == 0 {
		return nil
	}
	out := make([]JSONRuleReason, len(rs))
	for i, r := range rs {
		out[i] = JSONRuleReason{Code: r.Code, DeprecatedCode: r.DeprecatedCode, Message: r.Message}
	}
	return out
}

// Explained is an error that knows its own answer (e.g. the API's JSON decoding errors,
// which name the offending field).
type Explained interface {
	error
	WebError() (*Error, map[string]string)
}

// Classify maps any error to the answer a client may see. Database errors and other
// unexpected errors become a 500 without their text.
func Classify(err error) (*Error, map[string]string) {
	var we *Error
	var ve *domain.ValidationError
	var ce *domain.ConflictError
	var ie *domain.IneligibleError
	var fe *fiber.Error
	var ex Explained
	switch {
	case errors.As(err, &ex):
		return ex.WebError()
	case errors.As(err, &we):
		return we, nil
	case errors.Is(err, domain.ErrUnavailable):
		return ErrUnavailable, nil
	case errors.As(err, &ve):
		return &Error{Status: fiber.StatusUnprocessableEntity, Code: domain.CodeValidationFailed,
			Message: "Bitte prüfen Sie die markierten Angaben."}, ve.Fields
	case errors.As(err, &ie):
		return &Error{Status: fiber.StatusUnprocessableEntity, Code: domain.CodeHouseholdNotEligible,
			Message: ie.Message, Reasons: ie.Reasons}, nil
	case errors.As(err, &ce):
		code := ce.Code
		if code == "" {
			code = domain.CodeStateChanged
		}
		return &Error{Status: fiber.StatusConflict, Code: code, Message: ce.Message}, nil
	case errors.Is(err, domain.ErrConflict):
		return &Error{Status: fiber.StatusConflict, Code: domain.CodeStateChanged,
			Message: "Der Datensatz wurde inzwischen geändert. Bitte laden Sie die Seite neu."}, nil
	case errors.Is(err, domain.ErrNotFound):
		return &Error{Status: fiber.StatusNotFound, Code: domain.CodeNotFound,
			Message: "Die Seite oder der Datensatz wurde nicht gefunden."}, nil
	case errors.Is(err, domain.ErrForbidden):
		return &Error{Status: fiber.StatusForbidden, Code: domain.CodeForbidden,
			Message: "Sie haben keine Berechtigung für diesen Bereich."}, nil
	case errors.Is(err, domain.ErrUnauthorized):
		return &Error{Status: fiber.StatusUnauthorized, Code: domain.CodeUnauthorized, Message: "Bitte melden Sie sich an."}, nil
	case errors.Is(err, domain.ErrThrottled):
		return &Error{Status: fiber.StatusTooManyRequests, Code: domain.CodeTooManyRequests,
			Message: "Zu viele Versuche. Bitte warten Sie einige Minuten."}, nil
	case errors.As(err, &fe):
		return fiberError(fe), nil
	}
	return errInternal(), nil
}

func errInternal() *Error {
	return &Error{Status: fiber.StatusInternalServerError, Code: domain.CodeInternal,
		Message: "Es ist ein technischer Fehler aufgetreten. Bitte versuchen Sie es später noch einmal."}
}

func fiberError(fe *fiber.Error) *Error {
	e := func(code domain.ErrorCode, msg string) *Error {
		return &Error{Status: fe.Code, Code: code, Message: msg}
	}
	switch fe.Code {
	case fiber.StatusNotFound:
		return e(domain.CodeNotFound, "Die Seite oder der Datensatz wurde nicht gefunden.")
	case fiber.StatusMethodNotAllowed:
		return e(domain.CodeMethodNotAllowed, "Diese Aktion ist hier nicht möglich.")
	case fiber.StatusRequestEntityTooLarge:
		return e(domain.CodeTooLarge, "Die Anfrage ist zu groß (höchstens 1 MiB).")
	case fiber.StatusBadRequest:
		return e(domain.CodeBadRequest, "Die Anfrage ist fehlerhaft.")
	case fiber.StatusUnsupportedMediaType:
		return e(domain.CodeUnsupportedMediaType, "Bitte senden Sie JSON (Content-Type: application/json).")
	}
	if fe.Code >= 400 && fe.Code < 500 {
		return e(domain.CodeBadRequest, "Die Anfrage konnte nicht verarbeitet werden.")
	}
	return errInternal()
}

// ErrorHandler is the one place where errors become answers: JSON for /api/, a German
// page otherwise. Unexpected errors are logged with the request id, never shown.
func ErrorHandler(pages ErrorRenderer) fiber.ErrorHandler {
	return func(c *fiber.Ctx, err error) error {
		e, fields := Classify(err)
		if e.Status >= 500 {
			Logger(c).Error("request failed", "err", logsafe.Err(err), "route", RoutePattern(c))
		}
		if e.Status == fiber.StatusServiceUnavailable {
			c.Set(fiber.HeaderRetryAfter, "30")
		}
		if e.Status == fiber.StatusUnauthorized && !WantsJSON(c) {
			if next := SafeNext(c.OriginalURL()); next != "" && next != "/" {
				return c.Redirect("/login?next="+url.QueryEscape(next), fiber.StatusSeeOther)
			}
			return c.Redirect("/login", fiber.StatusSeeOther)
		}
		if WantsJSON(c) {
			return c.Status(e.Status).JSON(JSONError{JSONErrorBody{Code: e.Code, Message: e.Message, Fields: fields, Reasons: jsonReasons(e.Reasons)}})
		}
		if pages == nil {
			return c.Status(e.Status).SendString(e.Message)
		}
		c.Status(e.Status)
		if rerr := pages.RenderError(c, e); rerr != nil {
			Logger(c).Error("render error page", "err", rerr)
			return c.Status(e.Status).SendString(e.Message)
		}
		return nil
	}
}
