package web

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"wohnbruecke/internal/domain"
)

func TestClassifyNeverShowsInternalErrors(t *testing.T) {
	ve := domain.NewValidationError()
	ve.Add("email", "Bitte geben Sie eine E-Mail-Adresse an.")
	cases := []struct {
		err    error
		status int
		code   string
	}{
		{fmt.Errorf("store: x: %w", errors.New(`pq: duplicate key value violates unique constraint "users_email_key"`)), 500, "internal"},
		{fmt.Errorf("store: user: %w", domain.ErrNotFound), 404, "not_found"},
		{fmt.Errorf("wrapped: %w", ve), 422, "validation_failed"},
		{domain.Conflict("Dieser Termin ist ausgebucht."), 409, "conflict"},
		{domain.ErrForbidden, 403, "forbidden"},
		{domain.ErrUnauthorized, 401, "unauthorized"},
		{domain.ErrThrottled, 429, "too_many_requests"},
		{fiber.ErrRequestEntityTooLarge, 413, "too_large"},
		{ErrForbiddenCSRF, 403, "csrf_invalid"},
	}
	for _, tc := range cases {
		e, fields := Classify(tc.err)
		if e.Status != tc.status || e.Code != tc.code {
			t.Errorf("%v: %d %s, want %d %s", tc.err, e.Status, e.Code, tc.status, tc.code)
		}
		if e.Status == http.StatusInternalServerError && (strings.Contains(e.Message, "pq") || strings.Contains(e.Message, "constraint")) {
			t.Errorf("internal error text shown: %q", e.Message)
		}
		if tc.code == "validation_failed" && fields["email"] == "" {
			t.Error("field messages lost on the way to the user")
		}
	}
}

func TestSafeNextKeepsRedirectsOnSite(t *testing.T) {
	for in, want := range map[string]string{"/haushalte": "/haushalte", "//evil.example": "", "https://evil.example": "", "/\\evil": "", "": ""} {
		if got := SafeNext(in); got != want {
			t.Errorf("SafeNext(%q) = %q, want %q", in, got, want)
		}
	}
}
