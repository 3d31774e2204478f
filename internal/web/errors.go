package web

import (
	"errors"
	"fmt"
	"net/url"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
	"wohnbruecke/internal/logsafe"
)

// Error is an answer with a status, a stable code and a German message.
type Error struct {
	Status  int
	Code    string
	Message string
}

func (e *Error) Error() string { return fmt.Sprintf("%d %s: %s", e.Status, e.Code, e.Message) }

// ErrForbiddenCSRF answers a state-changing request without a valid CSRF token.
var ErrForbiddenCSRF = &Error{fiber.StatusForbidden, "csrf_invalid",
	"Das Formular ist abgelaufen oder ungültig. Bitte laden Sie die Seite neu und senden Sie es noch einmal."}

// ErrUnavailable answers a request while the database cannot be reached (503).
var ErrUnavailable = &Error{fiber.StatusServiceUnavailable, "database_unavailable",
	"Die Wohnbrücke ist vorübergehend nicht erreichbar. Bitte versuchen Sie es in einigen Minuten noch einmal."}

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
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
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
		return &Error{fiber.StatusUnprocessableEntity, "validation_failed",
			"Bitte prüfen Sie die markierten Angaben."}, ve.Fields
	case errors.As(err, &ce):
		return &Error{fiber.StatusConflict, "conflict", ce.Message}, nil
	case errors.Is(err, domain.ErrConflict):
		return &Error{fiber.StatusConflict, "conflict",
			"Der Datensatz wurde inzwischen geändert. Bitte laden Sie die Seite neu."}, nil
	case errors.Is(err, domain.ErrNotFound):
		return &Error{fiber.StatusNotFound, "not_found",
			"Die Seite oder der Datensatz wurde nicht gefunden."}, nil
	case errors.Is(err, domain.ErrForbidden):
		return &Error{fiber.StatusForbidden, "forbidden",
			"Sie haben keine Berechtigung für diesen Bereich."}, nil
	case errors.Is(err, domain.ErrUnauthorized):
		return &Error{fiber.StatusUnauthorized, "unauthorized", "Bitte melden Sie sich an."}, nil
	case errors.Is(err, domain.ErrThrottled):
		return &Error{fiber.StatusTooManyRequests, "too_many_requests",
			"Zu viele Versuche. Bitte warten Sie einige Minuten."}, nil
	case errors.As(err, &fe):
		return fiberError(fe), nil
	}
	return &Error{fiber.StatusInternalServerError, "internal",
		"Es ist ein technischer Fehler aufgetreten. Bitte versuchen Sie es später noch einmal."}, nil
}

func fiberError(fe *fiber.Error) *Error {
	switch fe.Code {
	case fiber.StatusNotFound:
		return &Error{fe.Code, "not_found", "Die Seite oder der Datensatz wurde nicht gefunden."}
	case fiber.StatusMethodNotAllowed:
		return &Error{fe.Code, "method_not_allowed", "Diese Aktion ist hier nicht möglich."}
	case fiber.StatusRequestEntityTooLarge:
		return &Error{fe.Code, "too_large", "Die Anfrage ist zu groß (höchstens 1 MiB)."}
	case fiber.StatusBadRequest:
		return &Error{fe.Code, "bad_request", "Die Anfrage ist fehlerhaft."}
	case fiber.StatusUnsupportedMediaType:
		return &Error{fe.Code, "unsupported_media_type", "Bitte senden Sie JSON (Content-Type: application/json)."}
	}
	if fe.Code >= 400 && fe.Code < 500 {
		return &Error{fe.Code, "bad_request", "Die Anfrage konnte nicht verarbeitet werden."}
	}
	return &Error{fiber.StatusInternalServerError, "internal",
		"Es ist ein technischer Fehler aufgetreten. Bitte versuchen Sie es später noch einmal."}
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
			return c.Status(e.Status).JSON(JSONError{JSONErrorBody{e.Code, e.Message, fields}})
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
