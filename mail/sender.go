package mail

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"wohnbruecke/internal/clock"
	"wohnbruecke/internal/domain"
)

// Sender delivers rendered outbox messages.
type Sender interface {
	// Send delivers msgs, reusing one connection for the batch where the transport has
	// connections, and returns one result per message in the same order: nil when
	// delivered, an error wrapping ErrNotAttempted when the message was not tried (the
	// context ended first), a *PermanentError when retrying cannot help, any other error
	// when a later attempt may succeed. delivered, when not nil, is called with the index
	// of each message right after it went out, before the next is tried, so the worker can
	// record it at once (a crash later in the batch then does not send it again).
	Send(ctx context.Context, msgs []domain.OutboxMessage, delivered func(i int)) []error
}

// ErrNotAttempted marks a message the sender did not try, so the worker puts it back in
// the queue without counting an attempt.
var ErrNotAttempted = errors.New("mail: not attempted")

// PermanentError is a delivery failure that retrying will not fix (for example an
// unknown mailbox, SMTP 5xx). The worker marks such a message failed at once.
type PermanentError struct{ Err error }

func (e *PermanentError) Error() string { return "permanent: " + e.Err.Error() }

// Unwrap returns the cause.
func (e *PermanentError) Unwrap() error { return e.Err }

// IsPermanent reports whether err is a PermanentError.
func IsPermanent(err error) bool {
	var p *PermanentError
	return errors.As(err, &p)
}

// NewSender returns the SMTP sender for smtpURL, or, when smtpURL is empty, a file sender
// writing .eml files to mailDir (config.Config.MailDir()). now dates the messages (the
// store's clock; nil means clock.System).
func NewSender(smtpURL, mailFrom, mailDir string, now clock.Clock) (Sender, error) {
	if smtpURL == "" {
		return NewFileSender(mailDir, mailFrom, now)
	}
	return NewSMTPSender(smtpURL, mailFrom, now)
}

// buildMessage turns an outbox row into a MIME message: multipart/alternative with the
// plain text, the HTML and, for invitations, the text/calendar part (with its METHOD), plus
// the same calendar as an .ics attachment for programs that only look at attachments. The
// Message-ID is derived from the outbox row, so a message sent twice after a crash can be
// recognised as the same message.
func buildMessage(from *mail.Address, m domain.OutboxMessage, now time.Time) (*gomail.Msg, error) {
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	if err := msg.FromFormat(oneLine(from.Name), from.Address); err != nil {
		return nil, fmt.Errorf("mail: message %d: sender: %w", m.ID, err)
	}
	if err := msg.AddToFormat(oneLine(m.ToName), m.ToAddress); err != nil {
		return nil, &PermanentError{fmt.Errorf("mail: message %d: recipient %q: %w", m.ID, m.ToAddress, err)}
	}
	msg.Subject(oneLine(m.Subject))
	msg.SetDateWithValue(now)
	sum := sha256.Sum256([]byte(m.DedupeKey))
	host := from.Address[strings.LastIndexByte(from.Address, '@')+1:]
	msg.SetMessageIDWithValue(fmt.Sprintf("outbox-%d-%s@%s", m.ID, hex.EncodeToString(sum[:6]), host))
	if m.Language != "" && m.Language != "de" {
		msg.SetGenHeader(gomail.HeaderContentLang, m.Language, "de")
	} else {
		msg.SetGenHeader(gomail.HeaderContentLang, "de")
	}
	// RFC 3834: no out-of-office replies to automatic mail.
	msg.SetGenHeader(gomail.Header("Auto-Submitted"), "auto-generated")
	msg.SetGenHeader(gomail.HeaderXAutoResponseSuppress, "All")
	msg.SetBodyString(gomail.TypeTextPlain, m.BodyText)
	if m.BodyHTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.BodyHTML)
	}
	if m.ICS != "" {
		method := calendarMethod(m.ICS)
		msg.AddAlternativeString(gomail.ContentType("text/calendar; method="+method), m.ICS)
		name := "einladung.ics"
		if method == MethodCancel {
			name = "absage.ics"
		}
		if err := msg.AttachReader(name, strings.NewReader(m.ICS),
			gomail.WithFileContentType(gomail.ContentType("application/ics"))); err != nil {
			return nil, fmt.Errorf("mail: message %d: attach calendar: %w", m.ID, err)
		}
	}
	return msg, nil
}

// SMTPSender delivers through an SMTP server with github.com/wneessen/go-mail.
type SMTPSender struct {
	now     clock.Clock
	from    *mail.Address
	host    string
	options []gomail.Option
}

// NewSMTPSender configures delivery from SMTP_URL: smtp://user:pass@host:port (STARTTLS;
// port 587 by default) or smtps://… (implicit TLS; port 465 by default), with the option
// tls=mandatory (default), opportunistic or none, e.g. smtp://relay:25?tls=none for a
// local relay. Credentials use the best mechanism the server offers over TLS; with
// tls=none they are sent with AUTH PLAIN.
func NewSMTPSender(smtpURL, mailFrom string, now clock.Clock) (*SMTPSender, error) {
	from, err := mail.ParseAddress(mailFrom)
	if err != nil {
		return nil, fmt.Errorf("mail: sender address %q: %w", mailFrom, err)
	}
	u, err := url.Parse(smtpURL)
	if err != nil {
		return nil, fmt.Errorf("mail: SMTP_URL: %w", err)
	}
	if u.Hostname() == "" {
		return nil, errors.New("mail: SMTP_URL: host missing")
	}
	opts := []gomail.Option{gomail.WithTimeout(30 * time.Second)}
	port := 0
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil || port <= 0 || port > 65535 {
			return nil, fmt.Errorf("mail: SMTP_URL: invalid port %q", p)
		}
	}
	policy := gomail.TLSMandatory
	switch tls := u.Query().Get("tls"); tls {
	case "", "mandatory":
	case "opportunistic":
		policy = gomail.TLSOpportunistic
	case "none":
		policy = gomail.NoTLS
	default:
		return nil, fmt.Errorf("mail: SMTP_URL: tls=%q, want mandatory, opportunistic or none", tls)
	}
	switch u.Scheme {
	case "smtp":
		if port == 0 {
			port = 587
		}
		opts = append(opts, gomail.WithTLSPolicy(policy))
	case "smtps":
		if port == 0 {
			port = 465
		}
		opts = append(opts, gomail.WithSSL())
	default:
		return nil, fmt.Errorf("mail: SMTP_URL: scheme %q, want smtp or smtps", u.Scheme)
	}
	opts = append(opts, gomail.WithPort(port))
	if u.User != nil && u.User.Username() != "" {
		pass, _ := u.User.Password()
		// Autodiscovery never sends a password in the clear; with tls=none the operator
		// chose an unencrypted link (a relay on the same host or network), so PLAIN is used.
		auth := gomail.SMTPAuthAutoDiscover
		if policy == gomail.NoTLS && u.Scheme == "smtp" {
			auth = gomail.SMTPAuthPlainNoEnc
		}
		opts = append(opts, gomail.WithSMTPAuth(auth),
			gomail.WithUsername(u.User.Username()), gomail.WithPassword(pass))
	}
	// Validate the options once, so a wrong SMTP_URL stops start-up.
	if _, err := gomail.NewClient(u.Hostname(), opts...); err != nil {
		return nil, fmt.Errorf("mail: SMTP_URL: %w", err)
	}
	return &SMTPSender{now: orSystem(now), from: from, host: u.Hostname(), options: opts}, nil
}

// Send delivers the batch over one SMTP connection. A failed connection fails every
// message of the batch with a temporary error.
func (s *SMTPSender) Send(ctx context.Context, msgs []domain.OutboxMessage, delivered func(i int)) []error {
	results := make([]error, len(msgs))
	if len(msgs) == 0 {
		return results
	}
	if err := ctx.Err(); err != nil {
		return fillNotAttempted(results, 0, err)
	}
	client, err := gomail.NewClient(s.host, s.options...)
	if err != nil {
		return fillErr(results, 0, fmt.Errorf("mail: smtp client: %w", err))
	}
	if err := client.DialWithContext(ctx); err != nil {
		if ctx.Err() != nil {
			return fillNotAttempted(results, 0, ctx.Err())
		}
		return fillErr(results, 0, fmt.Errorf("mail: connect to %s: %w", s.host, err))
	}
	defer func() { _ = client.Close() }()
	now := s.now()
	for i, m := range msgs {
		// Stop between messages, never in the middle of one.
		if err := ctx.Err(); err != nil {
			return fillNotAttempted(results, i, err)
		}
		gm, err := buildMessage(s.from, m, now)
		if err != nil {
			results[i] = err
			continue
		}
		if err := client.Send(gm); err != nil {
			results[i] = classifySMTP(m, err)
			var se *gomail.SendError
			if errors.As(err, &se) && se.Reason == gomail.ErrConnCheck {
				// The connection is gone: the rest of the batch was not tried.
				return fillNotAttempted(results, i+1, err)
			}
			continue
		}
		if delivered != nil {
			delivered(i)
		}
	}
	return results
}

// classifySMTP wraps an SMTP error; a 5xx answer to the recipient or the data is
// permanent, everything else may pass on a later attempt.
func classifySMTP(m domain.OutboxMessage, err error) error {
	wrapped := fmt.Errorf("mail: send message %d to %s: %w", m.ID, m.ToAddress, err)
	var se *gomail.SendError
	if errors.As(err, &se) && !se.IsTemp() && se.ErrorCode() >= 500 && se.ErrorCode() < 600 {
		return &PermanentError{wrapped}
	}
	return wrapped
}

func fillErr(results []error, from int, err error) []error {
	for i := from; i < len(results); i++ {
		results[i] = err
	}
	return results
}

func fillNotAttempted(results []error, from int, cause error) []error {
	return fillErr(results, from, fmt.Errorf("%w: %w", ErrNotAttempted, cause))
}

// FileSender writes each message as an .eml file into a folder, for development and the
// demo when SMTP_URL is unset. A message written again (after a retry) replaces its file.
type FileSender struct {
	now  clock.Clock
	dir  string
	from *mail.Address
}

// NewFileSender creates the folder if needed.
func NewFileSender(dir, mailFrom string, now clock.Clock) (*FileSender, error) {
	from, err := mail.ParseAddress(mailFrom)
	if err != nil {
		return nil, fmt.Errorf("mail: sender address %q: %w", mailFrom, err)
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("mail: create mail folder: %w", err)
	}
	return &FileSender{now: orSystem(now), dir: dir, from: from}, nil
}

// Dir is the folder the files go to.
func (f *FileSender) Dir() string { return f.dir }

// FileName is the name of the .eml file of an outbox message.
func FileName(m domain.OutboxMessage) string {
	kind := strings.Map(func(r rune) rune {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r == '_' || r == '-' {
			return r
		}
		return '_'
	}, m.Kind)
	return fmt.Sprintf("%08d-%s.eml", m.ID, kind)
}

// Send writes the messages; each file appears complete or not at all (write, sync,
// rename).
func (f *FileSender) Send(ctx context.Context, msgs []domain.OutboxMessage, delivered func(i int)) []error {
	results := make([]error, len(msgs))
	now := f.now()
	for i, m := range msgs {
		if err := ctx.Err(); err != nil {
			return fillNotAttempted(results, i, err)
		}
		results[i] = f.write(m, now)
		if results[i] == nil && delivered != nil {
			delivered(i)
		}
	}
	return results
}

func (f *FileSender) write(m domain.OutboxMessage, now time.Time) error {
	gm, err := buildMessage(f.from, m, now)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(f.dir, ".tmp-*.eml")
	if err != nil {
		return fmt.Errorf("mail: write message %d: %w", m.ID, err)
	}
	defer func() { _ = os.Remove(tmp.Name()) }()
	if _, err := gm.WriteTo(tmp); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("mail: write message %d: %w", m.ID, err)
	}
	if err := tmp.Sync(); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("mail: write message %d: %w", m.ID, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("mail: write message %d: %w", m.ID, err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(f.dir, FileName(m))); err != nil {
		return fmt.Errorf("mail: write message %d: %w", m.ID, err)
	}
	return nil
}

// orSystem returns c, or the system clock when c is nil.
func orSystem(c clock.Clock) clock.Clock {
	if c == nil {
		return clock.System
	}
	return c
}
