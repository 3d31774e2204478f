package logsafe_test

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"wohnbruecke/internal/logsafe"
)

func TestTextHidesAddressesAndTokens(t *testing.T) {
	for in, want := range map[string]string{
		"550 5.1.1 Mailbox ana.popa@example.org existiert nicht":        "550 5.1.1 Mailbox <E-Mail> existiert nicht",
		"GET /besichtigung/q3Jx0bWc1Hq8mB7nZ2tT5yV9kL4pA6sD0fG1hJ3kL5m": "GET /besichtigung/<Token>",
		"Bearer wb_0123456789abcdefXYZ":                                 "Bearer <Token>",
		"message 42 attempt 3 SQLSTATE 23505 at 2026-12-01":             "message 42 attempt 3 SQLSTATE 23505 at 2026-12-01",
	} {
		if got := logsafe.Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHandlerCleansEveryAttribute(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(logsafe.Handler(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})))
	log.With("to", "x@example.org").WithGroup("g").Debug("to y@example.org",
		"err", errors.New("rcpt z@example.org refused"), slog.Group("inner", "token", "wb_0123456789abcdefXYZ"), "n", 3)
	out := buf.String()
	for _, secret := range []string{"x@example.org", "y@example.org", "z@example.org", "wb_0123456789abcdefXYZ"} {
		if strings.Contains(out, secret) {
			t.Errorf("log line keeps %q: %s", secret, out)
		}
	}
	if !strings.Contains(out, `"n":3`) {
		t.Errorf("numbers lost: %s", out)
	}
}
