// Package domain holds the entities of Wohnbrücke, their enumerations with German labels and
// the domain errors that the store returns and the web layers map to answers.
package domain

import (
	"errors"
	"sort"
	"strings"
)

// ErrNotFound means the record does not exist or the caller may not know that it exists.
var ErrNotFound = errors.New("not found")

// ErrForbidden means the caller is known but may not do this.
var ErrForbidden = errors.New("forbidden")

// ErrConflict means the record changed state in the meantime (someone else was faster).
var ErrConflict = errors.New("conflict")

// ErrUnauthorized means the caller is not signed in or the credentials are wrong.
var ErrUnauthorized = errors.New("unauthorized")

// ErrThrottled means too many attempts in a short time.
var ErrThrottled = errors.New("too many attempts")

// ErrUnavailable means the database cannot be reached right now (down, restarting, no
// connection left); a later attempt may succeed.
var ErrUnavailable = errors.New("database unavailable")

// ConflictError is an ErrConflict with a stable code (ErrorCodes) for programs and a German
// message for the user.
type ConflictError struct {
	Code    ErrorCode
	Message string
}

func (e *ConflictError) Error() string { return "conflict: " + e.Message }

// Unwrap makes errors.Is(err, ErrConflict) true.
func (e *ConflictError) Unwrap() error { return ErrConflict }

// Conflict returns a ConflictError with its code and a German message.
func Conflict(code ErrorCode, msg string) error { return &ConflictError{Code: code, Message: msg} }

// ValidationError carries one German message per invalid field, keyed by the field's form
// and JSON name.
type ValidationError struct {
	Fields map[string]string
}

// NewValidationError returns an empty ValidationError ready for Add.
func NewValidationError() *ValidationError {
	return &ValidationError{Fields: map[string]string{}}
}

// Add records a message for a field; the first message for a field wins.
func (e *ValidationError) Add(field, msg string) {
	if _, ok := e.Fields[field]; !ok {
		e.Fields[field] = msg
	}
}

// Has reports whether a field already has a message.
func (e *ValidationError) Has(field string) bool {
	_, ok := e.Fields[field]
	return ok
}

// OrNil returns the error if it has any field, nil otherwise.
func (e *ValidationError) OrNil() error {
	if e == nil || len(e.Fields) == 0 {
		return nil
	}
	return e
}

// FieldNames returns the invalid fields sorted, for stable output.
func (e *ValidationError) FieldNames() []string {
	names := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

func (e *ValidationError) Error() string {
	parts := make([]string, 0, len(e.Fields))
	for _, k := range e.FieldNames() {
		parts = append(parts, k+": "+e.Fields[k])
	}
	return "validation failed: " + strings.Join(parts, "; ")
}
