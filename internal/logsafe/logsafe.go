// Package logsafe keeps personal data and secrets out of log lines. Code logs route
// patterns and ids, never names, addresses or link tokens; what it cannot control (the
// text of an error from an SMTP server or a driver) passes through Text, and Handler
// applies Text to every line as a second line of defence.
package logsafe

import (
	"context"
	"log/slog"
	"regexp"
)

var (
	emailAddress = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}`)
	// Link tokens are 32 random bytes in base64url (43 characters), API tokens start
	// with wb_; ids, dates and SQLSTATE codes are far shorter.
	secretToken = regexp.MustCompile(`\bwb_[A-Za-z0-9_\-]{16,}|[A-Za-z0-9_\-]{32,}`)
)

// Text returns s with email addresses and token-like strings replaced by placeholders.
func Text(s string) string {
	s = emailAddress.ReplaceAllString(s, "<E-Mail>")
	return secretToken.ReplaceAllString(s, "<Token>")
}

// Err is an error's text fit for a log line ("" for nil).
func Err(err error) string {
	if err == nil {
		return ""
	}
	return Text(err.Error())
}

// Handler wraps h so that the message and every string, error and stringer attribute of
// a record pass through Text.
func Handler(h slog.Handler) slog.Handler { return handler{h} }

type handler struct{ next slog.Handler }

func (h handler) Enabled(ctx context.Context, l slog.Level) bool { return h.next.Enabled(ctx, l) }

func (h handler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, Text(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(clean(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h handler) WithAttrs(as []slog.Attr) slog.Handler {
	cleaned := make([]slog.Attr, len(as))
	for i, a := range as {
		cleaned[i] = clean(a)
	}
	return handler{h.next.WithAttrs(cleaned)}
}

func (h handler) WithGroup(name string) slog.Handler { return handler{h.next.WithGroup(name)} }

func clean(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, Text(v.String()))
	case slog.KindGroup:
		group := v.Group()
		cleaned := make([]any, len(group))
		for i, g := range group {
			cleaned[i] = clean(g)
		}
		return slog.Group(a.Key, cleaned...)
	case slog.KindAny:
		switch x := v.Any().(type) {
		case error:
			return slog.String(a.Key, Text(x.Error()))
		case interface{ String() string }:
			return slog.String(a.Key, Text(x.String()))
		}
	}
	return slog.Attr{Key: a.Key, Value: v}
}
