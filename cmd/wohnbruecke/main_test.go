package main

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"wohnbruecke/internal/testutil"
)

func TestBadConfigStopsWithExitCode2AndOneLine(t *testing.T) {
	t.Setenv("LOG_FORMAT", "xml")
	var out, errOut bytes.Buffer
	code := run([]string{"serve"}, strings.NewReader(""), &out, &errOut)
	if code != 2 {
		t.Fatalf("exit code %d, want 2", code)
	}
	msg := strings.TrimSpace(errOut.String())
	if strings.Count(msg, "\n") != 0 || !strings.Contains(msg, "LOG_FORMAT") {
		t.Fatalf("stderr %q, want one line naming LOG_FORMAT", msg)
	}
}

func TestUnknownCommandExitCode2(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"tanzen"}, strings.NewReader(""), &out, &errOut); code != 2 {
		t.Fatalf("exit code %d, want 2", code)
	}
}

func TestUserCreateReadsPasswordFromStdin(t *testing.T) {
	t.Setenv("DATA_DIR", t.TempDir())
	var out, errOut bytes.Buffer
	args := []string{"user", "create", "--role", "admin", "--email", "Leitung@Hagen.de", "--name", "Team Leitung"}
	if code := run(args, strings.NewReader("ein-langes-passwort\n"), &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "leitung@hagen.de") {
		t.Fatalf("output %q", out.String())
	}
	// The same email again is a conflict, a short password a usage error.
	if code := run(args, strings.NewReader("ein-langes-passwort\n"), &out, &errOut); code != 1 {
		t.Fatalf("duplicate: exit %d, want 1", code)
	}
	args[5] = "zweite@hagen.de"
	// The CLI asks the portal's password rule: length, common passwords, the own name.
	for password, want := range map[string]string{"kurz": "mindestens 12 Zeichen", "passwort1234": "zu bekannt",
		"Team-Leitung-2026": "Namen"} {
		errOut.Reset()
		if code := run(args, strings.NewReader(password+"\n"), &out, &errOut); code != 2 || !strings.Contains(errOut.String(), want) {
			t.Fatalf("password %q: exit %d, stderr %q; want 2 and %q", password, code, errOut.String(), want)
		}
	}
}

func TestMigrateAndDemoOnSQLite(t *testing.T) {
	t.Setenv("DATA_DIR", t.TempDir())
	var out, errOut bytes.Buffer
	if code := run([]string{"migrate"}, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("migrate exit %d: %s", code, errOut.String())
	}
	if code := run([]string{"demo"}, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("demo exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "akquise@wohnbruecke.demo") {
		t.Fatalf("demo logins not printed: %q", out.String())
	}
	out.Reset()
	if code := run([]string{"demo"}, strings.NewReader(""), &out, &errOut); code != 0 || !strings.Contains(out.String(), "bereits") {
		t.Fatalf("second demo: exit %d, output %q", code, out.String())
	}
}

func TestHealthcheckAsksReadyz(t *testing.T) {
	for _, tc := range []struct {
		status int
		code   int
	}{{200, 0}, {503, 1}} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/readyz" {
				http.NotFound(w, r)
				return
			}
			w.WriteHeader(tc.status)
		}))
		t.Setenv("LISTEN_ADDR", strings.TrimPrefix(srv.URL, "http://"))
		var out, errOut bytes.Buffer
		if code := run([]string{"healthcheck"}, strings.NewReader(""), &out, &errOut); code != tc.code {
			t.Errorf("readyz %d: exit %d, want %d", tc.status, code, tc.code)
		}
		srv.Close()
	}
}

func TestServeStartsAnswersAndStopsOnSignal(t *testing.T) {
	dir := t.TempDir()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	mln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	metricsAddr := mln.Addr().String()
	mln.Close()
	t.Setenv("DATA_DIR", dir)
	t.Setenv("LISTEN_ADDR", addr)
	t.Setenv("METRICS_ADDR", metricsAddr)
	var out, errOut syncBuffer
	done := make(chan int, 1)
	go func() { done <- run([]string{"serve", "--demo"}, strings.NewReader(""), &out, &errOut) }()
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get("http://" + addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("not ready after 30 s: %s", errOut.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(out.String(), "akquise@wohnbruecke.demo") {
		t.Fatalf("demo logins not printed: %q", out.String())
	}
	if !strings.Contains(errOut.String(), "msg=\"wohnbruecke listening\" version=dev") {
		t.Errorf("the start-up line does not name the version: %s", errOut.String())
	}
	// METRICS_ADDR: /metrics there, not on the portal's address.
	for _, tc := range []struct {
		url  string
		code int
	}{{"http://" + metricsAddr + "/metrics", 200}, {"http://" + addr + "/metrics", 404}} {
		resp, err := http.Get(tc.url)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.code || (tc.code == 200) != strings.Contains(string(body), "wohnbruecke_http_request_duration_seconds") {
			t.Errorf("%s: %d, want %d", tc.url, resp.StatusCode, tc.code)
		}
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("exit %d after SIGTERM: %s", code, errOut.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop after SIGTERM")
	}
	if !strings.Contains(errOut.String(), "shutting down") {
		t.Errorf("no shutdown log line: %s", errOut.String())
	}
}

// syncBuffer is a log destination safe for the server goroutine and the test.
type syncBuffer = testutil.SyncBuffer

// Without DATA_KEYS (and no key kept in DATA_DIR) the portal does not start: health notes
// would be written without a key the operators keep. --demo generates one.
func TestServeWithoutDataKeysRefusesToStart(t *testing.T) {
	t.Setenv("DATA_DIR", t.TempDir())
	t.Setenv("DATA_KEYS", "")
	var out, errOut bytes.Buffer
	code := run([]string{"serve"}, strings.NewReader(""), &out, &errOut)
	if code != 2 || !strings.Contains(errOut.String(), "DATA_KEYS") {
		t.Fatalf("exit %d, stderr %q; want 2 naming DATA_KEYS", code, errOut.String())
	}
	t.Setenv("DATA_KEYS", "k1:zu-kurz")
	errOut.Reset()
	if code := run([]string{"serve"}, strings.NewReader(""), &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "32 Byte") {
		t.Fatalf("bad key: exit %d, stderr %q", code, errOut.String())
	}
}
