package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/url"
	"strings"
	"sync"
	"testing"

	"wohnbruecke/internal/store"
	"wohnbruecke/internal/testutil"
)

// TestDatabaseDownAnswers503 stops the database under a running application: pages answer
// a German 503 with the Fachstelle's phone, the API a JSON 503 with its own code, and
// /readyz 503. On SQLite the pool is closed; on PostgreSQL the TCP connections between the
// application and the server are cut and new ones refused, as when the server goes down.
func TestDatabaseDownAnswers503(t *testing.T) {
	for _, dialect := range testutil.Dialects(t) {
		t.Run(dialect, func(t *testing.T) {
			st, stop := stoppableStore(t, dialect)
			users := testutil.SeedUsers(t, st)
			app := testutil.AppWith(t, st, map[string]string{"FACHSTELLE_PHONE": "02331 207-4711"})
			c := testutil.NewClient(t, app)
			if r := c.Login(users.Staff.Email, testutil.Password); r.Status >= 400 {
				t.Fatalf("login: %d", r.Status)
			}
			pages := []string{"/arbeitsbereich", "/haushalte", "/api/v1/households", "/readyz"}
			for _, p := range pages {
				if r := c.Get(p); r.Status != 200 {
					t.Fatalf("%s before the outage: %d", p, r.Status)
				}
			}
			stop()
			for _, p := range pages {
				r := c.Get(p)
				if r.Status != 503 {
					t.Errorf("%s with the database down: %d, want 503\n%.300s", p, r.Status, r.Body)
					continue
				}
				switch {
				case strings.HasPrefix(p, "/api/"):
					var body struct {
						Error struct{ Code, Message string }
					}
					if err := json.Unmarshal([]byte(r.Body), &body); err != nil || body.Error.Code != "database_unavailable" {
						t.Errorf("%s: body %q, want JSON error database_unavailable", p, r.Body)
					}
				case p == "/readyz":
				default:
					for _, want := range []string{"vorübergehend nicht erreichbar", "02331 207-4711"} {
						if !strings.Contains(r.Body, want) {
							t.Errorf("%s: the page does not say %q", p, want)
						}
					}
					if r.Header.Get("Retry-After") == "" {
						t.Errorf("%s: no Retry-After", p)
					}
				}
			}
		})
	}
}

// stoppableStore returns a migrated store and a function that takes its database away.
func stoppableStore(t *testing.T, dialect string) (*store.Store, func()) {
	t.Helper()
	if dialect == "sqlite" {
		st := testutil.Open(t, "sqlite")
		return st, func() { _ = st.Close() }
	}
	dsn := testutil.PostgresURL(t)
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	p := startProxy(t, u.Host)
	u.Host = p.addr()
	st, err := store.Open(context.Background(), store.Options{DatabaseURL: u.String()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	if _, err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return st, p.stop
}

// proxy forwards TCP connections to a target until stopped; stop closes the listener and
// every open connection.
type proxy struct {
	ln    net.Listener
	mu    sync.Mutex
	conns []net.Conn
}

func startProxy(t *testing.T, target string) *proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{ln: ln}
	t.Cleanup(p.stop)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			d, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, d)
			p.mu.Unlock()
			go func() { _, _ = io.Copy(d, c); d.Close() }()
			go func() { _, _ = io.Copy(c, d); c.Close() }()
		}
	}()
	return p
}

func (p *proxy) addr() string { return p.ln.Addr().String() }

func (p *proxy) stop() {
	p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}
