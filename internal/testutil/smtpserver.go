package testutil

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// ReceivedMail is one message an SMTPServer accepted.
type ReceivedMail struct {
	From string
	To   []string
	Data []byte
}

// SMTPServer is a real SMTP server in the test process (github.com/emersion/go-smtp). It
// keeps every message it accepts, can be stopped and started again on the same port to
// simulate an outage, and can reject recipients to simulate permanent failures.
type SMTPServer struct {
	t    testing.TB
	addr string

	// Username and Password, when set before Start, make the server require AUTH PLAIN.
	Username, Password string
	// OnMessage, when set before Start, is called with each accepted message before the
	// server answers the DATA command (e.g. to stop a worker in the middle of a batch).
	OnMessage func(ReceivedMail)

	mu       sync.Mutex
	server   *smtp.Server
	listener net.Listener
	received []ReceivedMail
	reject   map[string]*smtp.SMTPError
	arrived  chan struct{}
}

// StartSMTPServer starts a server on a free port of 127.0.0.1; it stops when the test ends.
func StartSMTPServer(t testing.TB) *SMTPServer {
	t.Helper()
	s := NewSMTPServer(t)
	s.Start()
	return s
}

// NewSMTPServer returns a server on a free port of 127.0.0.1 that is not yet listening;
// set Username and Password, then call Start.
func NewSMTPServer(t testing.TB) *SMTPServer {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("smtp test server: %v", err)
	}
	addr := l.Addr().String()
	if err := l.Close(); err != nil {
		t.Fatalf("smtp test server: %v", err)
	}
	s := &SMTPServer{t: t, addr: addr, reject: map[string]*smtp.SMTPError{}, arrived: make(chan struct{}, 1)}
	t.Cleanup(s.Stop)
	return s
}

// Addr is host:port of the server.
func (s *SMTPServer) Addr() string { return s.addr }

// URL is the SMTP_URL that reaches the server without TLS (and with the credentials, if
// set).
func (s *SMTPServer) URL() string {
	u := url.URL{Scheme: "smtp", Host: s.addr, RawQuery: "tls=none"}
	if s.Username != "" {
		u.User = url.UserPassword(s.Username, s.Password)
	}
	return u.String()
}

// Start listens on the server's port (again, after Stop).
func (s *SMTPServer) Start() {
	s.t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.server != nil {
		return
	}
	var l net.Listener
	var err error
	// The port was just released by Stop; the kernel may need a moment to hand it out again.
	for range 50 {
		if l, err = net.Listen("tcp", s.addr); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		s.t.Fatalf("smtp test server: listen on %s: %v", s.addr, err)
	}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) {
		return &smtpSession{srv: s}, nil
	}))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.ReadTimeout = 30 * time.Second
	srv.WriteTimeout = 30 * time.Second
	srv.MaxMessageBytes = 10 << 20
	srv.MaxRecipients = 50
	s.server, s.listener = srv, l
	go func() { _ = srv.Serve(l) }()
}

// Stop closes the listener and every open connection, like a mail server going down.
func (s *SMTPServer) Stop() {
	s.mu.Lock()
	srv, l := s.server, s.listener
	s.server, s.listener = nil, nil
	s.mu.Unlock()
	if srv != nil {
		// Close the listener here too: Serve registers it with the server only once its
		// goroutine runs, so a Stop right after Start would otherwise leave it open.
		_ = l.Close()
		_ = srv.Close()
	}
}

// RejectRecipient makes the server answer RCPT TO for addr with a permanent 550 error.
func (s *SMTPServer) RejectRecipient(addr string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reject[strings.ToLower(addr)] = &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1},
		Message: "Mailbox " + addr + " existiert nicht"}
}

// AcceptRecipient undoes RejectRecipient.
func (s *SMTPServer) AcceptRecipient(addr string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.reject, strings.ToLower(addr))
}

// Messages returns a copy of everything received so far.
func (s *SMTPServer) Messages() []ReceivedMail {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]ReceivedMail(nil), s.received...)
}

// Count returns how many messages arrived.
func (s *SMTPServer) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.received)
}

// WaitFor waits until at least n messages arrived and returns them; after timeout it fails
// the test with what did arrive. The timeout is a safety net, not a performance assertion.
func (s *SMTPServer) WaitFor(n int, timeout time.Duration) []ReceivedMail {
	s.t.Helper()
	deadline := time.After(timeout)
	for {
		if msgs := s.Messages(); len(msgs) >= n {
			return msgs
		}
		select {
		case <-s.arrived:
		case <-deadline:
			s.t.Fatalf("smtp test server: %d of %d messages arrived within %s", s.Count(), n, timeout)
		}
	}
}

type smtpSession struct {
	srv    *SMTPServer
	authed bool
	from   string
	to     []string
}

func (ss *smtpSession) AuthMechanisms() []string {
	if ss.srv.Username == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (ss *smtpSession) Auth(mech string) (sasl.Server, error) {
	if mech != sasl.Plain {
		return nil, smtp.ErrAuthUnsupported
	}
	return sasl.NewPlainServer(func(_, username, password string) error {
		if username != ss.srv.Username || password != ss.srv.Password {
			return errors.New("invalid credentials")
		}
		ss.authed = true
		return nil
	}), nil
}

func (ss *smtpSession) Mail(from string, _ *smtp.MailOptions) error {
	if ss.srv.Username != "" && !ss.authed {
		return smtp.ErrAuthRequired
	}
	ss.from = from
	return nil
}

func (ss *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.srv.mu.Lock()
	rej := ss.srv.reject[strings.ToLower(to)]
	ss.srv.mu.Unlock()
	if rej != nil {
		return rej
	}
	ss.to = append(ss.to, to)
	return nil
}

func (ss *smtpSession) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("read data: %w", err)
	}
	rm := ReceivedMail{From: ss.from, To: ss.to, Data: data}
	ss.srv.mu.Lock()
	ss.srv.received = append(ss.srv.received, rm)
	ss.srv.mu.Unlock()
	if ss.srv.OnMessage != nil {
		ss.srv.OnMessage(rm)
	}
	select {
	case ss.srv.arrived <- struct{}{}:
	default:
	}
	return nil
}

func (ss *smtpSession) Reset() { ss.from, ss.to = "", nil }

func (ss *smtpSession) Logout() error { return nil }
