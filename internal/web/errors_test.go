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
		code   domain.ErrorCode
	}{
		{fmt.Errorf("store: x: %w", errors.New(`pq: duplicate key value violates unique constraint "users_email_key"`)), 500, "internal"},
		{fmt.Errorf("store: user: %w", domain.ErrNotFound), 404, "not_found"},
		{fmt.Errorf("wrapped: %w", ve), 422, "validation_failed"},
		{domain.Conflict(domain.CodeSlotFull, "Dieser Termin ist ausgebucht."), 409, "slot_full"},
		{&domain.ConflictError{Message: "ohne Code"}, 409, "state_changed"},
		{domain.LandlordTransitions.Refuse(domain.LandlordActive, domain.LandlordActive), 409, "state_changed"},
		{fmt.Errorf("store: %w", domain.ErrConflict), 409, "state_changed"},
		{&domain.IneligibleError{Message: "nicht geeignet", Reasons: []domain.RuleReason{{Code: "kdu_exceeded", Message: "zu teuer"}}}, 422, "household_not_eligible"},
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
		if tc.code == domain.CodeHouseholdNotEligible && (len(e.Reasons) != 1 || e.Reasons[0].Code != "kdu_exceeded") {
			t.Errorf("rule codes lost: %+v", e.Reasons)
		}
		if !domain.KnownErrorCode(e.Code) {
			t.Errorf("%v: code %q is not in domain.ErrorCodes", tc.err, e.Code)
		}
	}
}

// TestSafeNextKeepsRedirectsOnSite holds the known open-redirect bypasses against the one
// check; each would leave the site in some browser or behind some proxy.
func TestSafeNextKeepsRedirectsOnSite(t *testing.T) {
	kept := []string{"/haushalte", "/haushalte?status=offen&seite=2", "/arbeitsbereich/vorschlaege#board",
		"/haushalte?q=M%C3%BCller", "/haushalte?q=Anna Müller", "/verwaltung/tokens", "/"}
	refused := []string{"", "haushalte", "//evil.example", "///evil.example", "/\\evil.example", "\\\\evil.example",
		"/%2F%2Fevil.example", "/%2f/evil.example", "%2F%2Fevil.example", "/%5Cevil.example", "/%5C%5Cevil.example",
		"/%252F%252Fevil.example", "/%25252F%25252Fevil.example", "/%09/evil.example", "/\t/evil.example", "/\n/evil.example",
		"/%0d%0aSet-Cookie:%20x=1", "/\r\nLocation: https://evil.example", "/%00/evil.example", "/\u2028/evil.example",
		"/\u200b/evil.example", "/%E2%80%AE/evil.example", "/%zz", "https://evil.example", "http:evil.example",
		"https:/evil.example", "javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>",
		"//user@evil.example", " /haushalte", "\t/haushalte", "/\xff/evil"}
	for _, in := range kept {
		if got := SafeNext(in); got != in {
			t.Errorf("SafeNext(%q) = %q, want it kept", in, got)
		}
	}
	for _, in := range refused {
		if got := SafeNext(in); got != "" {
			t.Errorf("SafeNext(%q) = %q, want it refused", in, got)
		}
	}
}
