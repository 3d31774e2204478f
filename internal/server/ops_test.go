package server_test

import (
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"wohnbruecke/internal/server"
	"wohnbruecke/internal/testutil"
	"wohnbruecke/internal/version"
)

func TestVersionInHealthzAndFooter(t *testing.T) {
	st := testutil.Open(t, "sqlite")
	c := testutil.NewClient(t, testutil.App(t, st))
	want := version.Get()
	var health struct{ Status, Version string }
	if r := c.Get("/healthz"); r.Status != 200 || json.Unmarshal([]byte(r.Body), &health) != nil || health.Version != want {
		t.Fatalf("/healthz: %d %s, want version %q", r.Status, r.Body, want)
	}
	if r := c.Get("/login"); !strings.Contains(r.Body, "Wohnbrücke "+want+"</p>") {
		t.Errorf("the footer of /login does not show the version %q", want)
	}
}

func TestHealthProbesAreLoggedAtDebugOnly(t *testing.T) {
	st := testutil.Open(t, "sqlite")
	for _, level := range []slog.Level{slog.LevelInfo, slog.LevelDebug} {
		t.Run(level.String(), func(t *testing.T) {
			var logs testutil.SyncBuffer
			app, err := server.New(testutil.Config(t, nil), st, slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: level})))
			if err != nil {
				t.Fatal(err)
			}
			c := testutil.NewClient(t, app)
			for _, p := range []string{"/healthz", "/readyz", "/login"} {
				if r := c.Get(p); r.Status != 200 {
					t.Fatalf("%s: %d", p, r.Status)
				}
			}
			out := logs.String()
			if !strings.Contains(out, "level=INFO msg=request") || !strings.Contains(out, "/login") {
				t.Fatalf("no info line for /login:\n%s", out)
			}
			probes := strings.Count(out, "level=DEBUG msg=request")
			if level == slog.LevelInfo && (probes != 0 || strings.Contains(out, "/healthz") || strings.Contains(out, "/readyz")) {
				t.Errorf("probes in the info log:\n%s", out)
			}
			if level == slog.LevelDebug && probes != 2 {
				t.Errorf("%d probe lines at debug, want 2:\n%s", probes, out)
			}
		})
	}
}
