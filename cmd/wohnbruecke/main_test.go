package main

import (
	"bytes"
	"strings"
	"testing"
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
	errOut.Reset()
	if code := run(args, strings.NewReader("kurz\n"), &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "mindestens 10 Zeichen") {
		t.Fatalf("short password: exit %d, stderr %q", code, errOut.String())
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
